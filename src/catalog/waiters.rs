//! Waiters and paginators, declared with the actions they drive. The JavaScript `waitFor…` and
//! `paginate…` methods and their typings are built from these tables (spec section 8).

use super::actions::{self as a, Action, Env, ACTIONS};
use serde_json::{json, Value};

/// What a waiter waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// The image reaches a success state.
    Created,
    /// The image disappears (an empty detail answer or a "not found" return code).
    Deleted,
}

/// A `status`/`operation` code pair; `None` matches any code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateMatch {
    pub status: Option<&'static str>,
    pub operation: Option<&'static str>,
}

const fn state(status: Option<&'static str>, operation: Option<&'static str>) -> StateMatch {
    StateMatch { status, operation }
}

#[derive(Debug)]
pub struct Waiter {
    /// The client method, `waitFor…`.
    pub name: &'static str,
    pub goal: Goal,
    /// The detail action polled.
    pub action: &'static Action,
    /// Its id parameter (the waiter's first argument).
    pub id_param: &'static str,
    /// The item's status and operation objects (`{ code, codeName }`) and its status name.
    pub status_field: &'static str,
    pub operation_field: &'static str,
    pub status_name_field: &'static str,
    /// The waiter resolves with the item when it is in one of these states.
    pub success: &'static [StateMatch],
    /// The waiter rejects (ERR_API) when the item is in one of these states.
    pub failure: &'static [StateMatch],
    /// API return codes meaning the item does not exist (the "gone" state of the deleted waiters; an
    /// empty list means the same).
    pub gone_return_codes: &'static [&'static str],
    /// Default `timeoutMs`.
    pub timeout_ms: u64,
    pub summary: &'static str,
}

/// Spec 8.1/8.2: created = status `CREAT` with operation `NULL`; failed = `CREFL`; being deleted =
/// operation `TERMT`. The emulator answers a detail call for an unknown image with return code 10404
/// (NCP's own code is not documented: spec 8.1, "UNCONFIRMED").
const CREATED: &[StateMatch] = &[state(Some("CREAT"), Some("NULL"))];
const CREATE_FAILED: &[StateMatch] = &[state(Some("CREFL"), None), state(None, Some("TERMT"))];
const NOT_FOUND: &[&str] = &["10404"];
const CREATE_TIMEOUT_MS: u64 = 30 * 60 * 1000;
const DELETE_TIMEOUT_MS: u64 = 10 * 60 * 1000;

pub static WAITERS: &[Waiter] = &[
    Waiter {
        name: "waitForServerImage",
        goal: Goal::Created,
        action: &a::GET_SERVER_IMAGE_DETAIL,
        id_param: "serverImageNo",
        status_field: "serverImageStatus",
        operation_field: "serverImageOperation",
        status_name_field: "serverImageStatusName",
        success: CREATED,
        failure: CREATE_FAILED,
        gone_return_codes: &[],
        timeout_ms: CREATE_TIMEOUT_MS,
        summary: "Polls `getServerImageDetail` until the server image is created (status CREAT, operation NULL); rejects when it fails (CREFL) or is being deleted.",
    },
    Waiter {
        name: "waitForServerImageDeleted",
        goal: Goal::Deleted,
        action: &a::GET_SERVER_IMAGE_DETAIL,
        id_param: "serverImageNo",
        status_field: "serverImageStatus",
        operation_field: "serverImageOperation",
        status_name_field: "serverImageStatusName",
        success: &[],
        failure: &[],
        gone_return_codes: NOT_FOUND,
        timeout_ms: DELETE_TIMEOUT_MS,
        summary: "Polls `getServerImageDetail` until the server image is gone (resolves with `null`).",
    },
    Waiter {
        name: "waitForMemberServerImageInstance",
        goal: Goal::Created,
        action: &a::GET_MEMBER_SERVER_IMAGE_INSTANCE_DETAIL,
        id_param: "memberServerImageInstanceNo",
        status_field: "memberServerImageInstanceStatus",
        operation_field: "memberServerImageInstanceOperation",
        status_name_field: "memberServerImageInstanceStatusName",
        success: CREATED,
        failure: CREATE_FAILED,
        gone_return_codes: &[],
        timeout_ms: CREATE_TIMEOUT_MS,
        summary: "Polls `getMemberServerImageInstanceDetail` until the member server image is created (status CREAT, operation NULL); rejects when it fails (CREFL) or is being deleted.",
    },
    Waiter {
        name: "waitForMemberServerImageInstanceDeleted",
        goal: Goal::Deleted,
        action: &a::GET_MEMBER_SERVER_IMAGE_INSTANCE_DETAIL,
        id_param: "memberServerImageInstanceNo",
        status_field: "memberServerImageInstanceStatus",
        operation_field: "memberServerImageInstanceOperation",
        status_name_field: "memberServerImageInstanceStatusName",
        success: &[],
        failure: &[],
        gone_return_codes: NOT_FOUND,
        timeout_ms: DELETE_TIMEOUT_MS,
        summary: "Polls `getMemberServerImageInstanceDetail` until the member server image is gone (resolves with `null`).",
    },
];

/// Back-off of every waiter: the first poll waits `min`, each next one 1.5 times longer up to `max`.
pub const WAIT_MIN_DELAY_MS: u64 = 2_000;
pub const WAIT_MAX_DELAY_MS: u64 = 30_000;

/// A `paginate<Action>` method: one per list action that takes `pageNo`.
#[derive(Debug)]
pub struct Paginator {
    /// `paginateGetServerImageList`.
    pub name: String,
    pub action: &'static Action,
}

/// The default `pageSize` of the paginators (VPC lists allow 1-1000).
pub const PAGE_SIZE: u32 = 100;

pub fn paginators() -> &'static [Paginator] {
    static LIST: std::sync::OnceLock<Vec<Paginator>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        ACTIONS
            .iter()
            .copied()
            .filter(|action| action.param("pageNo").is_some() && action.param("pageSize").is_some())
            .map(|action| {
                let mut chars = action.name.chars();
                let upper: String = chars
                    .next()
                    .map(|c| c.to_ascii_uppercase())
                    .into_iter()
                    .chain(chars)
                    .collect();
                Paginator {
                    name: format!("paginate{upper}"),
                    action,
                }
            })
            .collect()
    })
}

fn match_json(m: &StateMatch) -> Value {
    json!({ "status": m.status, "operation": m.operation })
}

/// The declarations as the JavaScript side reads them (`native.waiters()`).
pub fn to_json() -> Value {
    let method = |action: &Action| match action.env {
        Env::Vpc => action.name.to_string(),
        Env::Classic => format!("classic.{}", action.name),
    };
    json!({
        "minDelayMs": WAIT_MIN_DELAY_MS,
        "maxDelayMs": WAIT_MAX_DELAY_MS,
        "pageSize": PAGE_SIZE,
        "waiters": WAITERS.iter().map(|w| json!({
            "name": w.name,
            "goal": match w.goal { Goal::Created => "created", Goal::Deleted => "deleted" },
            "method": method(w.action),
            "idParam": w.id_param,
            "list": w.action.list,
            "status": w.status_field,
            "operation": w.operation_field,
            "statusName": w.status_name_field,
            "success": w.success.iter().map(match_json).collect::<Vec<_>>(),
            "failure": w.failure.iter().map(match_json).collect::<Vec<_>>(),
            "goneReturnCodes": w.gone_return_codes,
            "timeoutMs": w.timeout_ms,
        })).collect::<Vec<_>>(),
        "paginators": paginators().iter().map(|p| json!({
            "name": p.name,
            "env": match p.action.env { Env::Vpc => "vpc", Env::Classic => "classic" },
            "method": method(p.action),
            "list": p.action.list,
            "totalRows": p.action.total_rows,
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiters_point_at_detail_actions_with_their_fields() {
        for w in WAITERS {
            assert!(!w.action.mutating, "{}", w.name);
            assert!(w.action.param(w.id_param).is_some(), "{}: {}", w.name, w.id_param);
            let fields: Vec<&str> = w.action.item.fields.iter().map(|f| f.name).collect();
            for f in [w.status_field, w.operation_field, w.status_name_field] {
                assert!(
                    fields.contains(&f),
                    "{}: {f} is not a field of {}",
                    w.name,
                    w.action.item.name
                );
            }
            match w.goal {
                Goal::Created => assert!(!w.success.is_empty() && !w.failure.is_empty(), "{}", w.name),
                Goal::Deleted => assert!(!w.gone_return_codes.is_empty(), "{}", w.name),
            }
        }
    }

    #[test]
    fn every_paged_list_action_has_a_paginator() {
        let names: Vec<&str> = paginators().iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"paginateGetServerImageList"), "{names:?}");
        assert!(names.contains(&"paginateGetMemberServerImageInstanceList"), "{names:?}");
        let paged = ACTIONS.iter().filter(|a| a.param("pageNo").is_some()).count();
        assert_eq!(paginators().len(), paged);
        assert!(paginators().iter().all(|p| !p.action.mutating && p.action.total_rows));
    }
}

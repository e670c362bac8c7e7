//! Waiters and paginators as the JavaScript side and the typings read them: the waiters are declared
//! in the model (acceptors, as the AWS SDKs declare theirs); a paginator belongs to every read action
//! with a list that takes `pageNo` and `pageSize`.

use super::{AcceptorState, Action, Matcher, Op, Waiter, ACTIONS, WAITERS};
use serde_json::{json, Value};

/// Back-off of every waiter: the first poll waits `min`, each next one 1.5 times longer up to `max`.
pub const WAIT_MIN_DELAY_MS: u64 = 2_000;
pub const WAIT_MAX_DELAY_MS: u64 = 30_000;

/// The default `pageSize` of the paginators (VPC lists allow 1-1000).
pub const PAGE_SIZE: u32 = 100;
/// The default `maxPages` of the paginators: 1,000 pages, 100,000 items at the default page size, far
/// beyond the lists NCP keeps for one account (its quotas count servers and images in hundreds), yet a
/// bound on a server that never stops giving pages.
pub const MAX_PAGES: u32 = 1_000;

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_ascii_uppercase()).into_iter().chain(c).collect()
}

/// The actions with a paginator.
pub fn paginated() -> impl Iterator<Item = &'static Action> {
    ACTIONS.iter().copied().filter(|a| !a.paginators.is_empty())
}

/// The fields that describe an item's state in messages and `onPoll`: its status name, status code
/// and operation code (`serverImageStatusName`, `serverImageStatus`, `serverImageOperation`), found by
/// NCP's naming of them.
pub fn state_fields(w: &Waiter) -> (Option<&'static str>, Option<&'static str>, Option<&'static str>) {
    let Some(item) = w.action.list.map(|l| l.item) else {
        return (None, None, None);
    };
    let find = |suffix: &str, code: bool| {
        item.fields
            .iter()
            .find(|f| f.name.ends_with(suffix) && matches!(f.ty, super::FieldType::Code) == code)
            .map(|f| f.name)
    };
    (find("StatusName", false), find("Status", true), find("Operation", true))
}

/// One line saying what the waiter does.
pub fn summary(w: &Waiter) -> String {
    let on = |state: AcceptorState| -> Vec<String> {
        w.acceptors
            .iter()
            .filter(|a| a.state == state)
            .map(|a| match &a.matcher {
                Matcher::Path { path, op, values } => {
                    let op = match op {
                        Op::Eq => "is",
                        Op::Ne => "is not",
                        Op::In => "is one of",
                    };
                    format!("`{}` {op} {}", path.join("."), values.join(", "))
                }
                Matcher::Empty => "the answer has no item".into(),
                Matcher::Error(code) => format!("the call fails with return code {code}"),
                Matcher::Gone => "it is gone".into(),
            })
            .collect()
    };
    let success = on(AcceptorState::Success).join(" or ");
    let mut text = format!("Polls `{}` until the item is {} ({success})", w.action.name, w.goal);
    if resolves_null(w) {
        text.push_str("; resolves with `null`");
    }
    let failure = on(AcceptorState::Failure);
    if !failure.is_empty() {
        text.push_str(&format!("; rejects when {}", failure.join(" or ")));
    }
    text.push('.');
    text
}

/// Whether every success of the waiter means the item is gone (it then resolves with `null`).
pub fn resolves_null(w: &Waiter) -> bool {
    w.acceptors
        .iter()
        .filter(|a| a.state == AcceptorState::Success)
        .all(|a| matches!(a.matcher, Matcher::Gone | Matcher::Empty | Matcher::Error(_)))
}

fn acceptor_json(w: &Waiter) -> Vec<Value> {
    w.acceptors
        .iter()
        .map(|a| {
            let state = match a.state {
                AcceptorState::Success => "success",
                AcceptorState::Failure => "failure",
                AcceptorState::Retry => "retry",
            };
            let matcher = match &a.matcher {
                Matcher::Path { path, op, values } => json!({
                    "path": path,
                    "op": match op { Op::Eq => "=", Op::Ne => "!=", Op::In => "in" },
                    "values": values,
                }),
                Matcher::Empty => json!({ "empty": true }),
                Matcher::Error(code) => json!({ "error": code }),
                Matcher::Gone => json!({ "gone": w.action.api.not_found }),
            };
            json!({ "state": state, "matcher": matcher })
        })
        .collect()
}

/// The declarations as the JavaScript side reads them (`native.waiters()`).
pub fn to_json() -> Value {
    json!({
        "minDelayMs": WAIT_MIN_DELAY_MS,
        "maxDelayMs": WAIT_MAX_DELAY_MS,
        "pageSize": PAGE_SIZE,
        "maxPages": MAX_PAGES,
        "waiters": WAITERS.iter().map(|w| {
            let (status_name, status, operation) = state_fields(w);
            json!({
                "name": w.name,
                "methods": w.methods,
                "method": w.action.method_name(),
                "idParam": w.id_param,
                // A list parameter (Classic look-ups): the id is sent as a list of one.
                "idList": w.action.param(w.id_param).is_some_and(|p| matches!(p.kind, super::ParamKind::StrList)),
                "goal": w.goal,
                "list": w.action.list.map(|l| l.name),
                "statusName": status_name,
                "status": status,
                "operation": operation,
                "acceptors": acceptor_json(w),
                "timeoutMs": w.timeout_ms,
            })
        }).collect::<Vec<_>>(),
        "paginators": paginated().map(|a| json!({
            "name": format!("paginate{}", upper_first(a.name)),
            "methods": a.paginators,
            "env": match a.env { super::Env::Vpc => "vpc", super::Env::Classic => "classic" },
            "method": a.method_name(),
            "list": a.list.map(|l| l.name),
            "totalRows": a.total_rows,
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_waiter_names_its_state_fields() {
        // A status code field always; a status name too, but for the VPC network's models that have
        // none (Vpc, Subnet, RouteTable ...: the waiter's messages then show the code).
        for w in WAITERS {
            let (name, status, _) = state_fields(w);
            assert!(status.is_some(), "{}", w.name);
            assert!(name.is_some() || w.action.api.name == "vpc", "{}", w.name);
        }
    }

    #[test]
    fn every_paged_list_action_has_a_paginator() {
        let names: Vec<&str> = paginated().flat_map(|a| a.paginators.iter().copied()).collect();
        assert!(names.contains(&"compute.paginateGetServerImageList"), "{names:?}");
        assert!(
            names.contains(&"compute.paginateGetMemberServerImageInstanceList"),
            "{names:?}"
        );
        let paged = ACTIONS
            .iter()
            .filter(|a| a.param("pageNo").is_some() && a.param("pageSize").is_some())
            .count();
        assert_eq!(paginated().count(), paged);
        assert!(paginated().all(|a| !a.mutating && a.total_rows));
    }
}

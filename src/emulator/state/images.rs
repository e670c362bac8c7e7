//! What the three kinds of images (Classic member server images, VPC member server image instances,
//! VPC server images) have in common, and the operations written once for all three: the name and
//! busy-server checks, keeping a new image, deleting, sharing.

use super::life::{Entry, Resource, Store};
use super::State;
use crate::emulator::faults::{self, ApiFault};
use crate::emulator::model::*;
use serde_json::Value;
use std::time::Instant;

pub fn share_status(shared: bool) -> Code {
    if shared {
        Code::new("SHARE", "NSI Share State")
    } else {
        Code::new("NULL", "NSI Share NULL State")
    }
}

/// An image of any kind.
pub trait Image: Resource {
    /// The server it was made from ("" for images made from snapshots).
    fn original_server(&self) -> &str;
    fn shared(&self) -> Vec<String>;
    fn set_shared(&mut self, ids: Vec<String>);
    /// Platform type code (the `platformTypeCodeList` filter).
    fn platform(&self) -> Option<&str>;
    /// An image NCP provides (read-only).
    fn is_ncp(&self) -> bool {
        false
    }
}

macro_rules! image {
    ($t:ty, platform: $platform:expr, ncp: $ncp:expr) => {
        impl Image for $t {
            fn original_server(&self) -> &str {
                s(&self.original_server_instance_no)
            }
            fn shared(&self) -> Vec<String> {
                self.shared_login_id_list.clone().unwrap_or_default()
            }
            fn set_shared(&mut self, ids: Vec<String>) {
                self.share_status = Some(share_status(!ids.is_empty()));
                self.shared_login_id_list = Some(ids);
            }
            fn platform(&self) -> Option<&str> {
                let f: fn(&Self) -> Option<&str> = $platform;
                f(self)
            }
            fn is_ncp(&self) -> bool {
                let f: fn(&Self) -> bool = $ncp;
                f(self)
            }
        }
    };
}

image!(MemberServerImage, platform: |i| i.member_server_image_platform_type.as_ref().map(|c| c.code.as_str()), ncp: |_| false);
image!(MemberServerImageInstance, platform: |i| i.platform_type.as_deref(), ncp: |_| false);
image!(ServerImage, platform: |_| None,
    ncp: |i| i.own != Some(true) && i.server_image_type.as_ref().is_some_and(|c| c.code == "NCP"));

/// Larger numbers first (numbers that are not numbers by text).
pub fn by_number_desc<T: Resource>(a: &Entry<T>, b: &Entry<T>) -> std::cmp::Ordering {
    match (a.rec.no().parse::<u64>(), b.rec.no().parse::<u64>()) {
        (Ok(x), Ok(y)) => y.cmp(&x),
        _ => b.rec.no().cmp(a.rec.no()),
    }
}

/// The name a new image gets (given, or generated), refused when an image of the kind (in the region)
/// that is not being deleted has it.
pub fn image_name<T: Image>(
    state: &mut State,
    store: fn(&State) -> &Store<T>,
    given: Option<&str>,
    region: Option<&str>,
) -> Result<String, ApiFault> {
    let name = match given {
        Some(n) => n.to_string(),
        None => state.auto_name(),
    };
    let taken = store(state)
        .iter()
        .any(|e| e.rec.name() == name && !e.terminating() && region.is_none_or(|g| e.in_region(g)));
    if taken {
        return Err(faults::name_in_use(&name));
    }
    Ok(name)
}

/// A server can be imaged when running or stopped, and when no image of it is being made.
pub fn check_server_ready<T: Image>(store: &Store<T>, status: &str, no: &str) -> Result<(), ApiFault> {
    if status != "RUN" && status != "NSTOP" {
        return Err(faults::server_not_ready(no, status));
    }
    let busy = store
        .iter()
        .any(|e| e.rec.status() == "INIT" && !e.terminating() && e.rec.original_server() == no);
    if busy {
        return Err(faults::server_busy(no));
    }
    Ok(())
}

/// Keeps a new image in `region` and starts its creation (the action's transition; its `#failed`
/// variant when the creation was drawn to fail, else `done` once created); answers it as it is then
/// (already created when `createDelayMs` is 0).
pub fn keep<T: Image + 'static>(
    state: &mut State,
    store: fn(&mut State) -> &mut Store<T>,
    rec: T,
    region: &str,
    action: &str,
    done: impl FnOnce(&mut T) + Send + 'static,
    now: Instant,
) -> Value {
    let settings = state.settings.clone();
    // Only the kinds whose life has a failed creation (VPC images) draw one.
    let failed = format!("{action}#failed");
    let can_fail = super::life::life_of::<T>()
        .and_then(|l| l.transition(&failed))
        .is_some();
    let fail = can_fail && state.draw_failure();
    let mut entry = Entry::new(rec, now);
    entry.region = Some(region.to_string());
    if fail {
        entry.begin(now, &failed);
    } else {
        entry.begin(now, action).then(done);
    }
    entry.advance(now, &settings);
    let answer = entry.wire();
    store(state).push(entry);
    answer
}

/// Deletes images by number: each must exist, have ended its creation, not be terminating already
/// and not be NCP's. Answers them newest first, as the API does (seed 000).
pub fn delete<T: Image>(
    store: &mut Store<T>,
    action: &str,
    nos: &[String],
    region: Option<&str>,
    now: Instant,
) -> Result<Vec<Value>, ApiFault> {
    let label = T::KIND.label();
    let mut idx = Vec::new();
    for no in nos {
        let i = store
            .position(no, region)
            .ok_or_else(|| faults::image_not_found(label, no))?;
        let e = &store.items[i];
        if e.terminating() {
            return Err(faults::image_busy(label, no, "already terminating"));
        }
        if e.rec.is_ncp() {
            return Err(faults::ncp_image_read_only(no));
        }
        // An image still being created (INIT) cannot be deleted. NCP's rule: deletion starts from a
        // created image (spec ncp-server-image-api.md §8.1: 'being deleted' is status CREAT with
        // operation TERMT; no row leads from INIT to TERMT), which is why its users wait for `created`
        // before deleting. NCP's API reference publishes no text or code for the refusal (§7: image
        // codes unconfirmed), so it is the emulator's busy-image code, 25033, as for an image that is
        // already terminating. A createFailed (CREFL) image may be deleted.
        if e.rec.status() == "INIT" {
            return Err(faults::image_busy(
                label,
                no,
                "still being created (wait until it is created)",
            ));
        }
        idx.push(i);
    }
    for &i in &idx {
        store.items[i].begin(now, action);
    }
    let mut entries: Vec<&Entry<T>> = idx.iter().map(|&i| &store.items[i]).collect();
    entries.sort_by(|a, b| by_number_desc(a, b));
    Ok(entries.into_iter().map(Entry::wire).collect())
}

/// What a sharing action does to the share list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareOp {
    Add,
    Remove,
    Set,
}

/// Changes the share list of a created image; answers the image.
pub fn share<T: Image>(
    store: &mut Store<T>,
    action: &str,
    op: ShareOp,
    no: &str,
    given: Vec<String>,
    region: Option<&str>,
) -> Result<Value, ApiFault> {
    let label = T::KIND.label();
    let e = store
        .find_mut(no, region)
        .ok_or_else(|| faults::image_not_found(label, no))?;
    if e.rec.is_ncp() {
        return Err(faults::ncp_image_read_only(no));
    }
    e.permit(action)?;
    let mut ids = e.rec.shared();
    match op {
        ShareOp::Add => {
            for id in given {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ShareOp::Remove => ids.retain(|id| !given.contains(id)),
        ShareOp::Set => ids = given,
    }
    e.rec.set_shared(ids);
    Ok(e.wire())
}

//! A long list handed over in parts (see `wire::PartSink`): while the decoder still reads a long
//! answer on a runtime thread, the list's first items (every [`crate::wire::PART_BYTES`] of them) go
//! to the JavaScript thread, which parses each part as it comes (`JSON.parse`), so that the two
//! threads work at once instead of one after the other. The answer's own text, parsed last, holds the
//! list's last items; the list it resolves with is the parts' items followed by those.
//!
//! Parts travel through the call's [`Mailbox`], in order with its outcome. A decode that starts over
//! (another attempt, a better body in the same answer) voids the parts first; a call that fails drops
//! them.

use super::handover::{js_text_owned, Mailbox, Msg};
use crate::wire::PartSink;
use napi::{sys, Env};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::CString;
use std::sync::Arc;

/// The parts of one call, posted to the mailbox of its environment.
pub struct Sink {
    mailbox: Arc<Mailbox>,
    /// The call (its promise's settle handle, as a number).
    call: usize,
    sent: bool,
}

impl Sink {
    pub(super) fn new(mailbox: Arc<Mailbox>, call: usize) -> Self {
        Sink {
            mailbox,
            call,
            sent: false,
        }
    }
}

impl PartSink for Sink {
    fn part(&mut self, key: &'static str, items: String) {
        self.sent = true;
        self.mailbox.post(Msg::Part(self.call, key, items));
    }

    fn reset(&mut self) {
        if std::mem::take(&mut self.sent) {
            self.mailbox.post(Msg::Reset(self.call));
        }
    }
}

/// The parsed parts of one call, on its JavaScript thread.
pub struct Collected {
    key: &'static str,
    /// A JavaScript array of the parts' arrays, held by a reference.
    parts: sys::napi_ref,
    /// A part could not be taken (out of memory): the call fails rather than lose items.
    failed: bool,
}

thread_local! {
    /// The calls of this thread's environment with parts so far, by call.
    static COLLECTED: RefCell<HashMap<usize, Collected>> = RefCell::new(HashMap::new());
}

/// The parts of `call` so far, taken out (when its outcome settles it).
pub fn take(call: usize) -> Option<Collected> {
    COLLECTED.with(|c| c.borrow_mut().remove(&call))
}

/// Drops parts that will not be used.
///
/// # Safety
/// On the JavaScript thread of `env`, which made the parts.
pub unsafe fn release(env: sys::napi_env, c: Collected) {
    // SAFETY: the reference was made on this thread (the caller's contract).
    unsafe { sys::napi_delete_reference(env, c.parts) };
}

/// The parts of `call` so far are void.
///
/// # Safety
/// On the JavaScript thread of `env`.
pub unsafe fn forget(env: sys::napi_env, call: usize) {
    if let Some(c) = take(call) {
        // SAFETY: as this function's.
        unsafe { release(env, c) };
    }
}

/// Parses one part and keeps it with the call's others.
///
/// # Safety
/// On the JavaScript thread of `env`.
pub unsafe fn collect(env: sys::napi_env, call: usize, key: &'static str, items: String) {
    // SAFETY: plain N-API calls on the JavaScript thread of `env` (the caller's contract), in a handle
    // scope of their own; the parts' array outlives it through its reference.
    unsafe {
        let mut scope = std::ptr::null_mut();
        if sys::napi_open_handle_scope(env, &mut scope) != sys::Status::napi_ok {
            return;
        }
        let parsed = js_text_owned(&Env::from_raw(env), items).and_then(|text| json_parse(env, text));
        COLLECTED.with(|c| {
            let mut c = c.borrow_mut();
            let entry = match c.get_mut(&call) {
                Some(e) => e,
                None => {
                    let mut array = std::ptr::null_mut();
                    let mut parts = std::ptr::null_mut();
                    let made = sys::napi_create_array(env, &mut array) == sys::Status::napi_ok
                        && sys::napi_create_reference(env, array, 1, &mut parts) == sys::Status::napi_ok;
                    c.entry(call).or_insert(Collected {
                        key,
                        parts,
                        failed: !made,
                    })
                }
            };
            let kept = match (entry.failed, parsed) {
                (false, Ok(part)) => {
                    let mut array = std::ptr::null_mut();
                    let mut len = 0;
                    sys::napi_get_reference_value(env, entry.parts, &mut array) == sys::Status::napi_ok
                        && sys::napi_get_array_length(env, array, &mut len) == sys::Status::napi_ok
                        && sys::napi_set_element(env, array, len, part) == sys::Status::napi_ok
                }
                _ => false,
            };
            entry.failed |= !kept;
        });
        sys::napi_close_handle_scope(env, scope);
    }
}

/// The call's result: its answer's text parsed, the list under the parts' key made of the parts'
/// items and then its own.
///
/// # Safety
/// On the JavaScript thread of `env`, in an open handle scope.
pub unsafe fn complete(env: sys::napi_env, c: Collected, text: String) -> napi::Result<sys::napi_value> {
    let fail = |what: &str| napi::Error::from_reason(format!("could not hand the answer over to JavaScript ({what})"));
    // SAFETY: plain N-API calls on the JavaScript thread of `env` (the caller's contract).
    unsafe {
        let mut parts = std::ptr::null_mut();
        let got = sys::napi_get_reference_value(env, c.parts, &mut parts) == sys::Status::napi_ok;
        sys::napi_delete_reference(env, c.parts);
        if c.failed || !got {
            return Err(fail("a part of the list was lost"));
        }
        let result = json_parse(env, js_text_owned(&Env::from_raw(env), text)?)?;
        let key = CString::new(c.key).map_err(|_| fail("list name"))?;
        let mut last = std::ptr::null_mut();
        if sys::napi_get_named_property(env, result, key.as_ptr(), &mut last) != sys::Status::napi_ok {
            return Err(fail("the list"));
        }
        // Every item, in order: the parts', then the answer's own.
        let mut lists = Vec::new();
        let mut count = 0;
        sys::napi_get_array_length(env, parts, &mut count);
        for i in 0..count {
            let mut part = std::ptr::null_mut();
            if sys::napi_get_element(env, parts, i, &mut part) != sys::Status::napi_ok {
                return Err(fail("a part of the list"));
            }
            lists.push(part);
        }
        lists.push(last);
        let mut total = 0usize;
        let mut lens = Vec::with_capacity(lists.len());
        for &list in &lists {
            let mut len = 0;
            if sys::napi_get_array_length(env, list, &mut len) != sys::Status::napi_ok {
                return Err(fail("a part of the list"));
            }
            lens.push(len);
            total += len as usize;
        }
        let mut all = std::ptr::null_mut();
        if sys::napi_create_array_with_length(env, total, &mut all) != sys::Status::napi_ok {
            return Err(fail("the list"));
        }
        let mut at = 0u32;
        for (&list, &len) in lists.iter().zip(&lens) {
            for i in 0..len {
                let mut item = std::ptr::null_mut();
                if sys::napi_get_element(env, list, i, &mut item) != sys::Status::napi_ok
                    || sys::napi_set_element(env, all, at, item) != sys::Status::napi_ok
                {
                    return Err(fail("an item of the list"));
                }
                at += 1;
            }
        }
        if sys::napi_set_named_property(env, result, key.as_ptr(), all) != sys::Status::napi_ok {
            return Err(fail("the list"));
        }
        Ok(result)
    }
}

/// `JSON.parse(text)`; a pending exception is cleared and becomes the error.
///
/// # Safety
/// On the JavaScript thread of `env`.
unsafe fn json_parse(env: sys::napi_env, text: sys::napi_value) -> napi::Result<sys::napi_value> {
    // SAFETY: plain N-API calls on the JavaScript thread of `env` (the caller's contract).
    unsafe {
        let mut global = std::ptr::null_mut();
        let mut json = std::ptr::null_mut();
        let mut parse = std::ptr::null_mut();
        let mut out = std::ptr::null_mut();
        let ok = sys::napi_get_global(env, &mut global) == sys::Status::napi_ok
            && sys::napi_get_named_property(env, global, c"JSON".as_ptr(), &mut json) == sys::Status::napi_ok
            && sys::napi_get_named_property(env, json, c"parse".as_ptr(), &mut parse) == sys::Status::napi_ok
            && sys::napi_call_function(env, json, parse, 1, &text, &mut out) == sys::Status::napi_ok;
        if ok {
            return Ok(out);
        }
        let mut pending = false;
        if sys::napi_is_exception_pending(env, &mut pending) == sys::Status::napi_ok && pending {
            let mut e = std::ptr::null_mut();
            sys::napi_get_and_clear_last_exception(env, &mut e);
        }
        Err(napi::Error::from_reason(
            "could not hand the answer over to JavaScript (JSON.parse failed)",
        ))
    }
}

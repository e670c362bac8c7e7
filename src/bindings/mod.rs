//! The napi layer: one crossing per request, the result handed over in one piece, every failure
//! (including a panic) turned into an error value instead of crossing into Node.
//!
//! - [`client`]: `NativeClient` (one connection pool; `call`, `close`), `Cancel`, the client's options
//!   and defaults;
//! - [`table`]: the method table and the waiter and paginator declarations the JavaScript side builds
//!   every surface from;
//! - [`dispatch`]: how calls reach the runtime (in batches: one wake-up for a burst of calls);
//! - [`handover`]: how an outcome reaches JavaScript (a one-byte string, or a rejection carrying the
//!   error's fields); [`parts`]: a long list handed over in parts while it is decoded;
//! - [`emulator`]: `NativeEmulator` and `startEmulator`.
//!
//! An error crosses as one object holding every field of [`Error`] (`code`, `message`, `httpStatus`,
//! `returnCode`, `requestId` ...): a call's promise is rejected with it, a synchronous function throws
//! it; `lib/error.js` makes it an `NcloudError`.

pub mod client;
pub mod dispatch;
pub mod emulator;
pub mod handover;
pub mod parts;
pub mod table;

use crate::error::Error;
use napi::Env;

/// The text of a caught panic.
fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// `e` thrown to JavaScript as the object of its fields (see the module documentation): thrown here,
/// the returned error tells napi-rs an exception is pending.
fn thrown(env: &Env, e: Error) -> napi::Error {
    if let Ok(value) = handover::error_value(env, &e, None) {
        // SAFETY: a value just made on this thread, in the current scope.
        if unsafe { napi::sys::napi_throw(env.raw(), value) } == napi::sys::Status::napi_ok {
            return napi::Error::new(napi::Status::PendingException, e.message);
        }
    }
    napi::Error::from_reason(e.message)
}

//! The hand-over: how a finished call reaches JavaScript, in one piece.
//!
//! A call's promise is made with `napi_create_promise` when the call starts; the call settles it from a
//! tokio thread through its [`Settle`], which queues the outcome in its environment's [`Mailbox`] and
//! wakes the JavaScript thread once for everything queued since the last wake-up (one threadsafe
//! function per Node environment, made once). There the outcome becomes a value: the answer as a
//! one-byte string ([`js_text`]), or the error as one object holding every field of
//! [`crate::error::Error`], with which the promise is rejected.
//!
//! The mailbox keeps the event loop alive only while some promise of its environment is unsettled. When
//! the environment ends (a worker terminated with calls in flight) its clean-up hook, which runs before
//! Node frees the threadsafe function, takes the function away under the mailbox's lock; outcomes that
//! arrive later are dropped, never sent into a freed function.

use super::parts;
use crate::error::Error;
use crate::transport::AttemptRecord;
use napi::bindgen_prelude::JsObjectValue;
use napi::{sys, Env, JsValue};
use std::collections::HashMap;
use std::ffi::c_void;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

/// How a call ended.
pub enum Outcome {
    /// The answer as JSON text, and the attempts' records when they were asked for.
    Text(String, Option<Vec<AttemptRecord>>),
    /// The error, and the attempts' records when they were asked for.
    Failed(Error, Option<Vec<AttemptRecord>>),
    /// Any other value, made on the JavaScript thread (a started emulator).
    Value(Box<dyn FnOnce(sys::napi_env) -> napi::Result<sys::napi_value> + Send>),
}

/// A promise's settle handle, raw; used only on the JavaScript thread of its environment.
pub(super) struct Deferred(sys::napi_deferred);
// SAFETY: the handle is only carried by other threads, never used there: `drain` settles it on the
// JavaScript thread of the environment that made it.
unsafe impl Send for Deferred {}

struct Tsfn(sys::napi_threadsafe_function);
// SAFETY: a threadsafe function may be called from any thread; it is only called under the mailbox's
// lock while it is known to be alive (see the module documentation).
unsafe impl Send for Tsfn {}

/// What a mailbox carries to the JavaScript thread.
pub(super) enum Msg {
    /// A call has ended: settle its promise.
    Settle(Deferred, Outcome),
    /// Part of a long list of the call whose promise is this (see [`super::parts`]).
    Part(usize, &'static str, String),
    /// The parts of that call so far are void.
    Reset(usize),
}

struct Inner {
    /// `None` once the environment has ended.
    tsfn: Option<Tsfn>,
    queue: Vec<Msg>,
}

/// The finished calls of one Node environment, waiting for its JavaScript thread.
pub struct Mailbox {
    inner: Mutex<Inner>,
    /// Unsettled promises of this environment (changed on its JavaScript thread only).
    pending: AtomicUsize,
    env: usize,
}

impl Mailbox {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues a message and wakes the JavaScript thread unless a wake-up is already on its way.
    pub(super) fn post(&self, msg: Msg) {
        let mut inner = self.lock();
        let Some(tsfn) = inner.tsfn.as_ref().map(|t| t.0) else {
            return; // The environment has ended: no one is waiting any more.
        };
        inner.queue.push(msg);
        if inner.queue.len() == 1 {
            // SAFETY: `tsfn` is alive while it is in `inner` (taken out, under this lock, before Node
            // frees it). Non-blocking on an unbounded queue: only fails when it is closing.
            unsafe {
                sys::napi_call_threadsafe_function(tsfn, std::ptr::null_mut(), 0);
            }
        }
    }
}

fn mailboxes() -> MutexGuard<'static, HashMap<usize, Arc<Mailbox>>> {
    static MAILBOXES: LazyLock<Mutex<HashMap<usize, Arc<Mailbox>>>> = LazyLock::new(Mutex::default);
    MAILBOXES.lock().unwrap_or_else(|p| p.into_inner())
}

/// The mailbox of `env`, made (with its threadsafe function and clean-up hook) the first time.
pub fn mailbox(env: &Env) -> napi::Result<Arc<Mailbox>> {
    let key = env.raw() as usize;
    if let Some(m) = mailboxes().get(&key) {
        return Ok(m.clone());
    }
    let mailbox = Arc::new(Mailbox {
        inner: Mutex::new(Inner {
            tsfn: None,
            queue: Vec::new(),
        }),
        pending: AtomicUsize::new(0),
        env: key,
    });
    let raw = env.raw();
    let context = Arc::into_raw(mailbox.clone()) as *mut c_void;
    let mut tsfn = std::ptr::null_mut();
    // SAFETY: plain N-API calls on the JavaScript thread of `env`; `context` stays valid until
    // `finalize` takes it back.
    unsafe {
        let mut name = std::ptr::null_mut();
        let created = sys::napi_create_string_utf8(raw, c"ncloud".as_ptr(), 6, &mut name) == sys::Status::napi_ok
            && sys::napi_create_threadsafe_function(
                raw,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                name,
                0,
                1,
                context,
                Some(finalize),
                context,
                Some(drain),
                &mut tsfn,
            ) == sys::Status::napi_ok;
        if !created {
            drop(Arc::from_raw(context as *const Mailbox));
            return Err(napi::Error::from_reason("could not create the call mailbox"));
        }
        // Idle: it keeps nothing alive until a call is in flight.
        sys::napi_unref_threadsafe_function(raw, tsfn);
        mailbox.lock().tsfn = Some(Tsfn(tsfn));
        // Registered after the threadsafe function, so it runs before Node frees it.
        if sys::napi_add_env_cleanup_hook(raw, Some(teardown), context) != sys::Status::napi_ok {
            // Without the hook the function could be used after the environment frees it: give it up
            // now (the function's finalizer takes `context` back).
            mailbox.lock().tsfn = None;
            sys::napi_release_threadsafe_function(tsfn, 1);
            return Err(napi::Error::from_reason(
                "could not register the call mailbox's clean-up",
            ));
        }
    }
    mailboxes().insert(key, mailbox.clone());
    Ok(mailbox)
}

/// The environment is ending: no outcome is sent to its threadsafe function from now on.
unsafe extern "C" fn teardown(context: *mut c_void) {
    // SAFETY: `context` is the mailbox's own `Arc`, released only by `finalize`, which runs after this.
    let mailbox = unsafe { &*(context as *const Mailbox) };
    let _ = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let mut inner = mailbox.lock();
        inner.tsfn = None;
        inner.queue.clear();
        drop(inner);
        mailboxes().remove(&mailbox.env);
    }));
}

/// Node frees the threadsafe function: the mailbox's `Arc` it held is given back.
unsafe extern "C" fn finalize(_env: sys::napi_env, context: *mut c_void, _hint: *mut c_void) {
    // SAFETY: `context` came from `Arc::into_raw` in `mailbox` and is taken back once, here.
    let mailbox = unsafe { Arc::from_raw(context as *const Mailbox) };
    let _ = std::panic::catch_unwind(AssertUnwindSafe(|| {
        mailbox.lock().tsfn = None;
    }));
}

/// On the JavaScript thread: settles every queued promise (and takes the parts of long lists).
unsafe extern "C" fn drain(env: sys::napi_env, _callback: sys::napi_value, context: *mut c_void, _data: *mut c_void) {
    if env.is_null() || context.is_null() {
        return; // The function is being torn down.
    }
    // SAFETY: `context` is the mailbox's own `Arc`, alive while the function can be called.
    let mailbox = unsafe { &*(context as *const Mailbox) };
    let _ = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let queued = std::mem::take(&mut mailbox.lock().queue);
        let mut count = 0;
        for msg in queued {
            match msg {
                Msg::Settle(deferred, outcome) => {
                    count += 1;
                    // SAFETY: on the JavaScript thread of the environment that made `deferred`.
                    unsafe { settle(env, deferred, outcome) };
                }
                // SAFETY: on the JavaScript thread of the call's environment.
                Msg::Part(call, key, items) => unsafe { parts::collect(env, call, key, items) },
                Msg::Reset(call) => unsafe { parts::forget(env, call) },
            }
        }
        if count > 0 && mailbox.pending.fetch_sub(count, Ordering::Relaxed) == count {
            if let Some(tsfn) = mailbox.lock().tsfn.as_ref() {
                // SAFETY: on the JavaScript thread, the function alive (see `post`).
                unsafe { sys::napi_unref_threadsafe_function(env, tsfn.0) };
            }
        }
    }));
}

/// Settles one promise with its outcome, in a handle scope of its own.
unsafe fn settle(raw: sys::napi_env, deferred: Deferred, outcome: Outcome) {
    let env = Env::from_raw(raw);
    let mut scope = std::ptr::null_mut();
    // SAFETY: the caller is on the JavaScript thread of `env`, which made `deferred`.
    unsafe {
        if sys::napi_open_handle_scope(raw, &mut scope) != sys::Status::napi_ok {
            return;
        }
        // A long list handed over in parts: the answer's text completes it (or, on failure, the parts
        // are dropped).
        let collected = parts::take(deferred.0 as usize);
        let (value, ok) = match (outcome, collected) {
            (Outcome::Text(text, None), Some(c)) => (parts::complete(raw, c, text), true),
            (outcome, Some(c)) => {
                parts::release(raw, c);
                settled_value(&env, raw, outcome)
            }
            (outcome, None) => settled_value(&env, raw, outcome),
        };
        // A value that could not be made (out of memory) still settles the promise, as a failure.
        let (value, ok) = match value {
            Ok(v) => (v, ok),
            Err(e) => match error_value(&env, &Error::internal(e.reason.clone()), None) {
                Ok(v) => (v, false),
                Err(_) => (std::ptr::null_mut(), false),
            },
        };
        if !value.is_null() {
            if ok {
                sys::napi_resolve_deferred(raw, deferred.0, value);
            } else {
                sys::napi_reject_deferred(raw, deferred.0, value);
            }
        }
        sys::napi_close_handle_scope(raw, scope);
    }
}

/// The value an outcome settles its promise with, and whether it resolves it.
unsafe fn settled_value(env: &Env, raw: sys::napi_env, outcome: Outcome) -> (napi::Result<sys::napi_value>, bool) {
    match outcome {
        Outcome::Text(text, None) => (js_text_owned(env, text), true),
        Outcome::Text(text, Some(trace)) => (traced(env, &text, &trace), true),
        Outcome::Failed(error, trace) => (error_value(env, &error, trace.as_deref()), false),
        // SAFETY: on the JavaScript thread of `raw` (the caller's contract).
        Outcome::Value(make) => (make(raw), true),
    }
}

/// A call's answer text as a JavaScript string. The decoder writes pure ASCII (non-ASCII characters
/// as `\uXXXX`), which becomes a one-byte V8 string by a plain copy (`napi_create_string_latin1`):
/// no UTF-8 decoding, and `JSON.parse` reads one-byte strings faster. Text that is not ASCII goes
/// through UTF-8 as usual.
pub fn js_text(env: &Env, text: &str) -> napi::Result<sys::napi_value> {
    let len = isize::try_from(text.len())
        .map_err(|_| napi::Error::from_reason("answer too large for a JavaScript string"))?;
    let mut out = std::ptr::null_mut();
    // SAFETY: `text` outlives the call, `len` is its length in bytes, and Latin-1 is read only for
    // ASCII text, where the two encodings agree byte for byte.
    let status = unsafe {
        if text.is_ascii() {
            sys::napi_create_string_latin1(env.raw(), text.as_ptr().cast(), len, &mut out)
        } else {
            sys::napi_create_string_utf8(env.raw(), text.as_ptr().cast(), len, &mut out)
        }
    };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::from_reason(format!(
            "could not hand the answer over to JavaScript (napi status {status})"
        )));
    }
    Ok(out)
}

/// Answers at least this long are handed over without a copy when the host can (see [`js_text_owned`]).
const EXTERNAL_FROM: usize = 256 * 1024;
/// V8's longest string on 64-bit hosts (`v8::String::kMaxLength`).
const V8_MAX_LENGTH: usize = (1 << 29) - 24;

/// `node_api_create_external_string_latin1` (Node-API 10; exported by Node 20.4 and later).
type CreateExternalLatin1 = unsafe extern "C" fn(
    sys::napi_env,
    *mut std::ffi::c_char,
    isize,
    Option<unsafe extern "C" fn(sys::napi_env, *mut c_void, *mut c_void)>,
    *mut c_void,
    *mut sys::napi_value,
    *mut bool,
) -> sys::napi_status;

/// The host's `node_api_create_external_string_latin1`, looked up once; `None` on a Node that lacks
/// it (before 20.4) or embeds Node-API in a library of its own.
fn create_external_latin1() -> Option<CreateExternalLatin1> {
    static CREATE: LazyLock<Option<CreateExternalLatin1>> = LazyLock::new(|| {
        const NAME: &[u8] = b"node_api_create_external_string_latin1\0";
        #[cfg(unix)]
        let host = libloading::os::unix::Library::this();
        #[cfg(windows)]
        let host = libloading::os::windows::Library::this().ok()?;
        // SAFETY: the symbol, where the host exports it, is the Node-API function of this signature.
        let create = unsafe { host.get::<CreateExternalLatin1>(NAME) }.ok().map(|f| *f);
        // The host program stays loaded: its handle is kept, never closed.
        std::mem::forget(host);
        create
    });
    *CREATE
}

/// Bytes of external answers freed since V8 was last told (see [`js_text_owned`]).
static FREED_EXTERNAL: AtomicUsize = AtomicUsize::new(0);

/// Frees an answer handed over as an external string, when V8 lets go of it (or at once when it copied).
unsafe extern "C" fn free_text(_env: sys::napi_env, _data: *mut c_void, hint: *mut c_void) {
    // SAFETY: `hint` is the `Box<String>` that `js_text_owned` gave away, taken back once, here.
    let text = unsafe { Box::from_raw(hint.cast::<String>()) };
    FREED_EXTERNAL.fetch_add(text.len(), Ordering::Relaxed);
}

/// [`js_text`] for an answer the caller gives away: a large ASCII answer (a long list) becomes an
/// external one-byte string that V8 reads where it lies, with no copy of it in V8's heap (the text
/// is freed when V8 collects the string). Smaller ones, and hosts without the function, are copied.
pub fn js_text_owned(env: &Env, text: String) -> napi::Result<sys::napi_value> {
    let create = match create_external_latin1() {
        Some(f) if (EXTERNAL_FROM..=V8_MAX_LENGTH).contains(&text.len()) && text.is_ascii() => f,
        _ => return js_text(env, &text),
    };
    let len = text.len() as isize;
    let data = text.as_ptr().cast_mut().cast();
    let hint = Box::into_raw(Box::new(text));
    let mut out = std::ptr::null_mut();
    let mut copied = false;
    // SAFETY: `data` points into the boxed text, which stays alive until `free_text` runs: when V8
    // collects the string, or before this returns when it copied the text instead. ASCII text is the
    // same bytes in Latin-1.
    let status = unsafe {
        create(
            env.raw(),
            data,
            len,
            Some(free_text),
            hint.cast(),
            &mut out,
            &mut copied,
        )
    };
    if status != sys::Status::napi_ok {
        // Not made, so no finalizer will run; the text is left alone rather than risk freeing it twice.
        return Err(napi::Error::from_reason(format!(
            "could not hand the answer over to JavaScript (napi status {status})"
        )));
    }
    // V8 counts the memory it does not own only when told: this text, less those freed since (told
    // here, on the JavaScript thread, not from the finalizer, which may run inside a collection).
    // (When V8 copied the text instead, `free_text` has already counted it as freed.)
    let change = len as i64 - FREED_EXTERNAL.swap(0, Ordering::Relaxed) as i64;
    if change != 0 {
        let mut total = 0;
        // SAFETY: a plain N-API call on the JavaScript thread of `env`.
        unsafe { sys::napi_adjust_external_memory(env.raw(), change, &mut total) };
    }
    Ok(out)
}

/// `{ text, trace }`: the answer and the attempts' records (`NODE_DEBUG=ncloud`).
fn traced(env: &Env, text: &str, trace: &[AttemptRecord]) -> napi::Result<sys::napi_value> {
    let mut object = napi::bindgen_prelude::Object::new(env)?;
    // SAFETY: a string value made on this thread, in the current scope.
    let text = unsafe { napi::bindgen_prelude::Unknown::from_raw_unchecked(env.raw(), js_text(env, text)?) };
    object.set_named_property("text", text)?;
    object.set_named_property("trace", env.to_js_value(&trace)?)?;
    Ok(object.raw())
}

/// The error as one object holding every field of [`Error`] (`code`, `message`, `httpStatus`,
/// `returnCode`, `requestId` ...), and `trace` when the attempts were asked for.
pub fn error_value(env: &Env, error: &Error, trace: Option<&[AttemptRecord]>) -> napi::Result<sys::napi_value> {
    let value = env.to_js_value(error)?;
    if let Some(trace) = trace {
        let mut object = napi::bindgen_prelude::Object::from_raw(env.raw(), value.raw());
        object.set_named_property("trace", env.to_js_value(&trace)?)?;
    }
    Ok(value.raw())
}

/// A new promise of the JavaScript thread of `env` (whose mailbox is `mailbox`), and the handle that
/// settles it from anywhere.
pub fn promise(env: &Env, mailbox: &Arc<Mailbox>) -> napi::Result<(Settle, sys::napi_value)> {
    let mailbox = mailbox.clone();
    let mut deferred = std::ptr::null_mut();
    let mut promise = std::ptr::null_mut();
    // SAFETY: on the JavaScript thread of `env`.
    unsafe {
        if sys::napi_create_promise(env.raw(), &mut deferred, &mut promise) != sys::Status::napi_ok {
            return Err(napi::Error::from_reason("could not create a promise"));
        }
        if mailbox.pending.fetch_add(1, Ordering::Relaxed) == 0 {
            // A promise unsettled: keep the event loop alive until it is settled.
            if let Some(tsfn) = mailbox.lock().tsfn.as_ref() {
                sys::napi_ref_threadsafe_function(env.raw(), tsfn.0);
            }
        }
    }
    Ok((
        Settle {
            deferred: Some(Deferred(deferred)),
            mailbox,
        },
        promise,
    ))
}

/// Settles one promise, once, from any thread. Dropped unused (its task dropped by a runtime
/// shutting down), it rejects the promise with `ERR_INTERNAL` rather than leave it pending.
pub struct Settle {
    deferred: Option<Deferred>,
    mailbox: Arc<Mailbox>,
}

impl Settle {
    pub fn settle(mut self, outcome: Outcome) {
        if let Some(deferred) = self.deferred.take() {
            self.mailbox.post(Msg::Settle(deferred, outcome));
        }
    }

    /// Where the call settled by this handle gives a long list in parts (see [`super::parts`]).
    pub fn part_sink(&self) -> parts::Sink {
        let call = self.deferred.as_ref().map_or(0, |d| d.0 as usize);
        parts::Sink::new(self.mailbox.clone(), call)
    }
}

impl Drop for Settle {
    fn drop(&mut self) {
        if let Some(deferred) = self.deferred.take() {
            let error = Error::internal("the call ended without an outcome (its task was dropped)");
            self.mailbox.post(Msg::Settle(deferred, Outcome::Failed(error, None)));
        }
    }
}

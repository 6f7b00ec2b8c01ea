//! Long calls that Ctrl-C can stop.
//!
//! The work runs on a worker thread (which uses the library's rayon pool)
//! while the calling thread, without the GIL, waits for it in short slices
//! and between them lets Python run its signal handlers. A KeyboardInterrupt
//! returns at once; the caller's `cancel` flag, when given, tells a loop that
//! checks it (the batch, between networks) to stop, and otherwise the worker
//! finishes in the background and its result is dropped.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// How often the waiting thread looks for a pending signal.
const POLL: Duration = Duration::from_millis(50);

/// Run `work` on a worker thread, without the GIL, until it returns or a
/// signal handler raises (KeyboardInterrupt); then set `cancel`.
pub(crate) fn run<T, F>(py: Python<'_>, cancel: Option<Arc<AtomicBool>>, work: F) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (tx, rx) = mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("stakenet".to_string())
        .spawn(move || {
            // The receiver may be gone (the call was interrupted).
            let _ = tx.send(catch_unwind(AssertUnwindSafe(work)));
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a worker thread: {e}")))?;
    py.detach(move || loop {
        match rx.recv_timeout(POLL) {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(panic)) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                return Err(PyRuntimeError::new_err(format!(
                    "stakenet internal error (please report it): {what}"
                )));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // The GIL only for as long as the signal handlers take.
                if let Err(signal) = Python::attach(|py| py.check_signals()) {
                    if let Some(flag) = &cancel {
                        flag.store(true, Ordering::Relaxed);
                    }
                    return Err(signal);
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err(
                    "stakenet internal error: the worker thread ended without a result",
                ))
            }
        }
    })
}

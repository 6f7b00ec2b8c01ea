//! How far a long computation has got, for a caller that shows it (the
//! command line's progress bar): counters a worker advances and another
//! thread reads while it runs. Reading them never changes a result.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Units of work done out of the total, shared between the computation
/// (which sets the total and advances `done`) and whoever watches it.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// A counter at 0 of 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// Units done so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// Units in all; 0 until the computation has started.
    pub fn total(&self) -> usize {
        self.total.load(Ordering::Relaxed)
    }

    /// Start a computation of `total` units.
    pub(crate) fn start(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// `units` more are done.
    pub(crate) fn advance(&self, units: usize) {
        self.done.fetch_add(units, Ordering::Relaxed);
    }
}

//! Progress of a long computation, as two counters a front end polls.
//!
//! The library stays free of any terminal code: a computation that may run
//! for minutes (`plan` on a few thousand stakeholders) adds the work it
//! expects to [`Progress::total`] when it starts a stage and counts units off
//! into [`Progress::done`] as parallel tasks finish. A command line reads both
//! from another thread and draws what it likes; nobody has to read them.

use std::sync::atomic::{AtomicU64, Ordering};

/// Units of work done and known so far (for `plan`: candidate evaluations).
///
/// `done ≤ total` at every read, and when the computation returns both are
/// equal. `total` can grow while the computation runs, as later stages learn
/// their size.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    /// Both counters at 0.
    pub fn new() -> Self {
        Progress::default()
    }

    /// Units done so far.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Units known so far.
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// Start a stage of `units` units of work: they join the total at once,
    /// and whatever the stage has not counted off when dropped is counted
    /// then (a plan that stops early still ends with done = total).
    pub(crate) fn stage(&self, units: u64) -> Stage<'_> {
        self.total.fetch_add(units, Ordering::Relaxed);
        Stage {
            progress: self,
            reserved: units,
            used: AtomicU64::new(0),
        }
    }
}

/// A stage of a [`Progress`]: at most its reserved units are counted.
#[derive(Debug)]
pub(crate) struct Stage<'a> {
    progress: &'a Progress,
    reserved: u64,
    used: AtomicU64,
}

impl Stage<'_> {
    /// Count `n` units as done (beyond the reservation they are dropped, so
    /// that done never passes total).
    pub(crate) fn advance(&self, n: u64) {
        let before = self.used.fetch_add(n, Ordering::Relaxed);
        let counted = n.min(self.reserved.saturating_sub(before));
        if counted > 0 {
            self.progress.done.fetch_add(counted, Ordering::Relaxed);
        }
    }
}

impl Drop for Stage<'_> {
    fn drop(&mut self) {
        let used = self.used.load(Ordering::Relaxed);
        let rest = self.reserved.saturating_sub(used);
        self.progress.done.fetch_add(rest, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_end_with_done_equal_to_total() {
        let p = Progress::new();
        {
            let s = p.stage(10);
            s.advance(4);
            assert_eq!((p.done(), p.total()), (4, 10));
            s.advance(9);
            assert_eq!(p.done(), 10, "never past the reservation");
            let t = p.stage(5);
            t.advance(1);
            assert_eq!((p.done(), p.total()), (11, 15));
        }
        assert_eq!((p.done(), p.total()), (15, 15));
    }
}

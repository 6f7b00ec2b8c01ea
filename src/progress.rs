//! How far a long computation has got, readable from another thread while
//! it runs (the command line draws a progress bar from it).

use std::sync::atomic::{AtomicU64, Ordering};

/// Units of work done out of a total, updated by the computation's worker
/// threads and read by anyone holding a reference. Reading never blocks the
/// computation, and the figures never change a result.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    /// No work known yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Units done so far.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Units to do in all (0 until the computation has counted them).
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// Start over with `total` units to do.
    pub(crate) fn start(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total as u64, Ordering::Relaxed);
    }

    /// `units` more are done.
    pub(crate) fn add(&self, units: usize) {
        self.done.fetch_add(units as u64, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::Progress;

    #[test]
    fn counts_from_several_threads() {
        let p = Progress::new();
        p.start(40);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| (0..10).for_each(|_| p.add(1)));
            }
        });
        assert_eq!((p.done(), p.total()), (40, 40));
        p.start(3);
        assert_eq!((p.done(), p.total()), (0, 3));
    }
}

//! The one numerical tolerance of the metrics: two path lengths, path
//! trusts or gains closer than [`REL_TOL`] relative count as equal (the
//! "Equal lengths" rule of docs/format.md, and the exit and plan comparisons).

/// Relative tolerance under which two values are equal.
pub const REL_TOL: f64 = 1e-12;

/// Equal within [`REL_TOL`] relative (0 equals only 0).
#[inline]
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= REL_TOL * a.abs().max(b.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closeness_is_relative() {
        assert!(close(1e6, 1e6 * (1.0 + 5e-13)));
        assert!(!close(1.0, 1.0 + 1e-11));
        assert!(close(0.0, 0.0));
        assert!(!close(0.0, 1e-300));
    }
}

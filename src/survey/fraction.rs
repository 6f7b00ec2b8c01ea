//! Exact fractions for survey scores.
//!
//! A rating's trust is a mean of mapped answers such as (9/10 + 3/4) / 2.
//! Summed in floating point, (0.9 + 0.8) / 2 gives 0.8500000000000001; kept
//! as a fraction and divided once at the end, it gives the double nearest
//! 0.85, the same number a person typing `0.85` into edges.csv gets. That is
//! what lets a survey built from a network convert back to exactly that
//! network. Every operation is checked: on overflow the caller falls back to
//! floating point.

use std::cmp::Ordering;

/// A fraction `num / den` in lowest terms with `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fraction {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Largest integer a double holds exactly: below it `num as f64 / den as
/// f64` is one correctly rounded division.
const EXACT_IN_F64: i128 = 1 << 53;

impl Fraction {
    /// `num / den`, reduced; `None` when `den` is 0.
    pub(crate) fn new(num: i128, den: i128) -> Option<Self> {
        if den == 0 || num == i128::MIN || den == i128::MIN {
            return None;
        }
        let g = gcd(num, den).max(1);
        let sign = if den < 0 { -1 } else { 1 };
        Some(Fraction {
            num: num.checked_mul(sign)? / g,
            den: den.checked_mul(sign)? / g,
        })
    }

    /// An integer.
    pub(crate) fn int(n: i64) -> Self {
        Fraction {
            num: n.into(),
            den: 1,
        }
    }

    /// The integer this is, when it is one.
    pub(crate) fn as_int(self) -> Option<i64> {
        (self.den == 1)
            .then(|| i64::try_from(self.num).ok())
            .flatten()
    }

    pub(crate) fn checked_add(self, other: Self) -> Option<Self> {
        let den = self.den.checked_mul(other.den)?;
        let num = self
            .num
            .checked_mul(other.den)?
            .checked_add(other.num.checked_mul(self.den)?)?;
        Fraction::new(num, den)
    }

    pub(crate) fn checked_div(self, other: Self) -> Option<Self> {
        if other.num == 0 {
            return None;
        }
        Fraction::new(
            self.num.checked_mul(other.den)?,
            self.den.checked_mul(other.num)?,
        )
    }

    /// The nearest double (exactly rounded while both terms fit in 53 bits).
    pub(crate) fn to_f64(self) -> f64 {
        if self.num.abs() <= EXACT_IN_F64 && self.den <= EXACT_IN_F64 {
            self.num as f64 / self.den as f64
        } else {
            // Both huge: scale down together so that neither overflows.
            let shift = (128 - self.den.leading_zeros()).saturating_sub(60);
            ((self.num >> shift) as f64) / ((self.den >> shift) as f64)
        }
    }

    /// Parse a plain decimal (`3`, `-2`, `0.85`, `12.5`) or a fraction
    /// (`1/3`) exactly. No exponent, no `inf`/`NaN`; at most 18 digits.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        if let Some((p, q)) = t.split_once('/') {
            let p = Fraction::parse(p)?;
            let q = Fraction::parse(q)?;
            return p.checked_div(q);
        }
        let (negative, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole
                .bytes()
                .chain(frac.bytes())
                .all(|b| b.is_ascii_digit())
            || whole.len() + frac.len() > 18
        {
            return None;
        }
        let mut num: i128 = 0;
        for b in whole.bytes().chain(frac.bytes()) {
            num = num * 10 + i128::from(b - b'0');
        }
        let den = 10i128.pow(frac.len() as u32);
        Fraction::new(if negative { -num } else { num }, den)
    }

    /// The fraction of a double as its shortest decimal form reads (`0.1`
    /// is 1/10, not the binary value); `None` for non-finite or very small
    /// or large numbers.
    pub(crate) fn from_f64(x: f64) -> Option<Self> {
        if !x.is_finite() {
            return None;
        }
        Fraction::parse(&format!("{x}"))
    }
}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Fraction {
    fn cmp(&self, other: &Self) -> Ordering {
        // Cross-multiplication; in the rare overflow compare the doubles.
        match (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

/// A score kept exactly while it can be, with its double alongside.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Score {
    pub(crate) exact: Option<Fraction>,
    pub(crate) value: f64,
}

impl Score {
    pub(crate) fn exact(f: Fraction) -> Self {
        Score {
            exact: Some(f),
            value: f.to_f64(),
        }
    }

    /// The mean of the scores: exact when every score is and nothing
    /// overflows, else the floating-point mean.
    pub(crate) fn mean(scores: &[Score]) -> Score {
        let exact = scores
            .iter()
            .try_fold(Fraction::int(0), |sum, s| sum.checked_add(s.exact?))
            .and_then(|sum| sum.checked_div(Fraction::int(scores.len() as i64)));
        match exact {
            Some(f) => Score::exact(f),
            None => Score {
                exact: None,
                value: scores.iter().map(|s| s.value).sum::<f64>() / scores.len() as f64,
            },
        }
    }

    pub(crate) fn min(scores: &[Score]) -> Score {
        *scores
            .iter()
            .min_by(|a, b| a.value.total_cmp(&b.value))
            .expect("at least one score")
    }

    pub(crate) fn max(scores: &[Score]) -> Score {
        *scores
            .iter()
            .max_by(|a, b| a.value.total_cmp(&b.value))
            .expect("at least one score")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_divide_once() {
        let s = |n, d| Score::exact(Fraction::new(n, d).unwrap());
        // (0.9 + 0.8) / 2 in doubles is 0.8500000000000001.
        assert_ne!((0.9 + 0.8) / 2.0, 0.85);
        assert_eq!(Score::mean(&[s(9, 10), s(8, 10)]).value, 0.85);
        assert_eq!(Score::mean(&[s(1, 3), s(1, 12)]).value, 5.0 / 24.0);
        assert_eq!(Score::mean(&[s(2, 3)]).value, 2.0 / 3.0);
    }

    #[test]
    fn parses_decimals_and_fractions_exactly() {
        assert_eq!(Fraction::parse("0.85"), Fraction::new(17, 20));
        assert_eq!(Fraction::parse(" -2 "), Some(Fraction::int(-2)));
        assert_eq!(Fraction::parse("1/3"), Fraction::new(1, 3));
        assert_eq!(Fraction::parse("3.0").and_then(Fraction::as_int), Some(3));
        assert_eq!(Fraction::parse("2.5").and_then(Fraction::as_int), None);
        for bad in [
            "", ".", "-", "1e3", "inf", "NaN", "1/0", "0x10", "1,5", "1.2.3",
        ] {
            assert_eq!(Fraction::parse(bad), None, "{bad}");
        }
        assert_eq!(Fraction::from_f64(0.1), Fraction::new(1, 10));
        assert!(Fraction::new(1, 3).unwrap() < Fraction::new(1, 2).unwrap());
    }
}

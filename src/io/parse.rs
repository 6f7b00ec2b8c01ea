//! Cell parsers: text in, typed value or the reason it was refused.
//!
//! Fields are parsed by hand rather than through serde so that every refusal
//! can name the column and say what was expected (csv's deserializer reports
//! only a record and a byte offset).

use crate::error::InputErrorKind;
use crate::model::{ActorKind, Level, Placement};

/// Longest piece of a bad cell quoted back in a message.
const QUOTE_LIMIT: usize = 60;

/// The cell's text as a message shows it: quoted, control characters escaped
/// (so that a hostile cell cannot drive the terminal), shortened when long.
pub(crate) fn quote(text: &str) -> String {
    if text.chars().count() <= QUOTE_LIMIT {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(QUOTE_LIMIT).collect();
        format!("{head:?}… ({} bytes)", text.len())
    }
}

fn invalid(expected: &'static str, text: &str) -> InputErrorKind {
    InputErrorKind::Invalid {
        expected,
        found: quote(text),
    }
}

/// A finite number in `[lo, hi]`; `-0` becomes `0`.
pub(crate) fn number(
    text: &str,
    lo: f64,
    hi: f64,
    expected: &'static str,
) -> Result<f64, InputErrorKind> {
    let t = text.trim();
    if t.is_empty() {
        return Err(InputErrorKind::Empty { expected });
    }
    // Rust's parser also takes "inf", "NaN" and "infinity"; all are refused
    // below by the finiteness check, as is an overflow such as 1e400.
    let value: f64 = t.parse().map_err(|_| invalid(expected, text))?;
    if !value.is_finite() || value < lo || value > hi {
        return Err(invalid(expected, text));
    }
    Ok(value + 0.0)
}

/// An optional number: empty means the column's default (`None`).
pub(crate) fn optional_number(
    text: &str,
    lo: f64,
    hi: f64,
    expected: &'static str,
) -> Result<Option<f64>, InputErrorKind> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        number(text, lo, hi, expected).map(Some)
    }
}

pub(crate) const TRUST: &str = "a number in [0, 1]";
/// [`TRUST`] with a hint, for a whole number from 10 to 100: a percentage.
pub(crate) const TRUST_PERCENT: &str = "a number in [0, 1] (a percentage? write 80% as 0.8)";

/// Read a trust; a whole number from 10 to 100 gets the percentage hint
/// (a 1–5 rating or 1.5 is not read as one).
pub(crate) fn trust(text: &str) -> Result<f64, InputErrorKind> {
    number(text, 0.0, 1.0, TRUST).map_err(|e| match (&e, text.trim().parse::<f64>()) {
        (InputErrorKind::Invalid { found, .. }, Ok(v))
            if (10.0..=100.0).contains(&v) && v.fract() == 0.0 =>
        {
            InputErrorKind::Invalid {
                expected: TRUST_PERCENT,
                found: found.clone(),
            }
        }
        _ => e,
    })
}

pub(crate) const POWER: &str = "a number in [0, 1]";
pub(crate) const TIE_POWER: &str = "a number in [-1, 1]";
pub(crate) const COMMUNICATION: &str = "a number ≥ 0";
pub(crate) const ID: &str = "a node id";

pub(crate) fn kind(text: &str) -> Result<Option<ActorKind>, InputErrorKind> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "practitioner" => Ok(Some(ActorKind::Practitioner)),
        "stakeholder" => Ok(Some(ActorKind::Stakeholder)),
        _ => Err(invalid("practitioner or stakeholder", text)),
    }
}

pub(crate) fn placement(text: &str) -> Result<Option<Placement>, InputErrorKind> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "external" => Ok(Some(Placement::External)),
        "internal" => Ok(Some(Placement::Internal)),
        _ => Err(invalid("external or internal", text)),
    }
}

pub(crate) fn level(text: &str) -> Result<Option<Level>, InputErrorKind> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "macro" => Ok(Some(Level::Macro)),
        "organizational" | "organisational" => Ok(Some(Level::Organizational)),
        "local" => Ok(Some(Level::Local)),
        _ => Err(invalid("macro, organizational or local", text)),
    }
}

pub(crate) fn directed(text: &str) -> Result<bool, InputErrorKind> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "0" | "no" => Ok(false),
        "true" | "1" | "yes" => Ok(true),
        _ => Err(invalid("true/false, 1/0 or yes/no", text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_refuse_non_finite_and_out_of_range() {
        assert_eq!(number(" 0.25 ", 0.0, 1.0, TRUST), Ok(0.25));
        let neg_zero = number("-0", 0.0, 1.0, TRUST).unwrap();
        assert!(neg_zero == 0.0 && neg_zero.is_sign_positive());
        for bad in ["NaN", "inf", "-inf", "1e400", "1.4", "-0.1", "abc", "0,5"] {
            assert!(number(bad, 0.0, 1.0, TRUST).is_err(), "{bad}");
        }
        assert_eq!(
            number("", 0.0, 1.0, TRUST),
            Err(InputErrorKind::Empty { expected: TRUST })
        );
        assert_eq!(optional_number("  ", 0.0, 1.0, TRUST), Ok(None));
    }

    #[test]
    fn quoting_escapes_control_characters_and_shortens() {
        assert_eq!(quote("a\u{1b}[31m"), "\"a\\u{1b}[31m\"");
        let long = "x".repeat(10_000);
        let q = quote(&long);
        assert!(q.len() < 100 && q.ends_with("(10000 bytes)"), "{q}");
    }

    #[test]
    fn enumerations_accept_documented_spellings() {
        assert_eq!(kind("Practitioner"), Ok(Some(ActorKind::Practitioner)));
        assert_eq!(kind(""), Ok(None));
        assert!(kind("coach").is_err());
        assert_eq!(placement("internal"), Ok(Some(Placement::Internal)));
        assert_eq!(level("local"), Ok(Some(Level::Local)));
        assert!(level("national").is_err());
        for yes in ["true", "1", "yes", "TRUE"] {
            assert_eq!(directed(yes), Ok(true));
        }
        for no in ["false", "0", "no", ""] {
            assert_eq!(directed(no), Ok(false));
        }
        assert!(directed("maybe").is_err());
    }
}

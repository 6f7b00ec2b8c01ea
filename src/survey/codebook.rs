//! The codebook: which answers make trust and communication, and how.
//!
//! A small TOML file (see the README section "Start from a survey"):
//!
//! ```toml
//! [trust]
//! combine = "mean"            # mean (default), min or max of the answered items
//!
//! [[trust.items]]
//! column = "trust_reliable"
//! question = "How reliable is this person?"
//! min = 1                     # an integer scale min..max …
//! max = 4
//!
//! [[trust.items]]
//! column = "trust_open"
//! labels = ["not at all", "a little", "somewhat", "a lot", "completely"]
//! values = [0, 0.2, 0.5, 0.8, 1]   # optional; default linear (k − min)/(max − min)
//!
//! [frequency]                 # optional; without it every tie has communication 1
//! column = "frequency"
//! categories = [{ label = "never", per_month = 0 }, { label = "every week", per_month = 4 }]
//! # or: count = true          (the answer is a number of contacts per month)
//! ```
//!
//! Without a codebook, [`Codebook::default_for`] makes one from the
//! responses' columns: every `trust` or `trust_*` column an integer 1–4,
//! mapped to (k − 1)/3 and averaged; a `frequency` column with the six
//! categories of [`default_categories`].

use serde::{Deserialize, Serialize};

use super::fraction::{Fraction, Score};
use super::SurveyProblem;
use crate::error::{Error, InputError, InputErrorKind, Location};
use crate::io::parse::quote;

/// A survey codebook: how answers become trust and communication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codebook {
    /// The trust items and how they combine.
    pub trust: Trust,
    /// The contact-frequency item; `None`: every tie has communication 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
}

/// The items whose answers make a rating's trust.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trust {
    /// How the answered items' scores combine into trust.
    #[serde(default)]
    pub combine: Combine,
    /// The items, each a column of the responses (or an `item` value in the
    /// long format).
    pub items: Vec<Item>,
}

/// How item scores combine into one trust value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Combine {
    /// The mean of the answered items.
    #[default]
    Mean,
    /// The lowest answered item.
    Min,
    /// The highest answered item.
    Max,
}

/// One trust item and its scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Column name (case-insensitive) in the wide format, `item` value in
    /// the long format.
    pub column: String,
    /// The question as asked, for the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Lowest point of an integer scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Highest point of an integer scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// Words for the points in order (case-insensitive answers). With
    /// `min`/`max`, one per point and numbers are accepted too; alone, the
    /// scale is these words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// Score in [0, 1] of each point in order; default linear,
    /// (k − min)/(max − min).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Amount>,
}

/// The contact-frequency item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frequency {
    /// Column name (or `item` value in the long format).
    pub column: String,
    /// The question as asked, for the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// True: the answer is a number of contacts per month.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub count: bool,
    /// The answer categories and their contacts per month (0: no contact,
    /// no tie).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
}

/// One frequency category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The answer's words (case-insensitive).
    pub label: String,
    /// Contacts per month it stands for.
    pub per_month: Amount,
}

/// A number as the codebook writes it: an integer, a decimal, or a fraction
/// in a string (`"1/3"`), kept as written so the report shows it so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Amount {
    /// An integer.
    Integer(i64),
    /// A decimal.
    Decimal(f64),
    /// A fraction such as `"1/12"`.
    Text(String),
}

impl Amount {
    fn score(&self) -> Option<Score> {
        let exact = match self {
            Amount::Integer(n) => Some(Fraction::int(*n)),
            Amount::Decimal(x) => Fraction::from_f64(*x),
            Amount::Text(t) => Fraction::parse(t),
        };
        match (exact, self) {
            (Some(f), _) => Some(Score::exact(f)),
            (None, Amount::Decimal(x)) if x.is_finite() => Some(Score {
                exact: None,
                value: *x,
            }),
            _ => None,
        }
    }
}

/// The default frequency categories and their contacts per month: every day
/// 20, every week 4, every month 1, every quarter 1/3, once a year or less
/// 1/12, never 0.
pub fn default_categories() -> Vec<Category> {
    [
        ("never", Amount::Integer(0)),
        ("once a year or less", Amount::Text("1/12".into())),
        ("every quarter", Amount::Text("1/3".into())),
        ("every month", Amount::Integer(1)),
        ("every week", Amount::Integer(4)),
        ("every day", Amount::Integer(20)),
    ]
    .into_iter()
    .map(|(label, per_month)| Category {
        label: label.to_string(),
        per_month,
    })
    .collect()
}

/// Most points a scale may have.
const MAX_POINTS: i64 = 1000;

impl Codebook {
    /// The codebook used without one: every column (or long-format item)
    /// named `trust` or `trust_…` (case-insensitive) an integer 1–4 item
    /// mapped to (k − 1)/3, averaged; `frequency`, when present, with
    /// [`default_categories`]. `None` when no trust column is there.
    pub fn default_for<'a>(columns: impl IntoIterator<Item = &'a str>) -> Option<Codebook> {
        let mut items = Vec::new();
        let mut frequency = None;
        for name in columns {
            let folded = name.trim().to_ascii_lowercase();
            if folded == "trust" || folded.starts_with("trust_") {
                items.push(Item {
                    column: name.trim().to_string(),
                    question: None,
                    min: Some(1),
                    max: Some(4),
                    labels: Vec::new(),
                    values: Vec::new(),
                });
            } else if folded == "frequency" && frequency.is_none() {
                frequency = Some(Frequency {
                    column: name.trim().to_string(),
                    question: None,
                    count: false,
                    categories: default_categories(),
                });
            }
        }
        (!items.is_empty()).then_some(Codebook {
            trust: Trust {
                combine: Combine::Mean,
                items,
            },
            frequency,
        })
    }

    /// Read a codebook from TOML text; `file` names it in errors, which
    /// carry the line and column of the problem.
    pub fn from_toml(file: &std::path::Path, text: &str) -> Result<Codebook, Error> {
        let at = |span: Option<std::ops::Range<usize>>, name: &str| {
            let offset = span.map_or(0, |s| s.start).min(text.len());
            let before = &text[..text.floor_char_boundary_compat(offset)];
            let line = before.matches('\n').count() as u64 + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Location::new(file, line, column, name)
        };
        let raw: RawCodebook = toml::from_str(text).map_err(|e| {
            Error::from(InputError {
                location: at(e.span(), "codebook"),
                kind: InputErrorKind::Survey(Box::new(SurveyProblem::Codebook(
                    e.message().trim().replace('\n', " "),
                ))),
            })
        })?;
        let mut spans = Vec::new();
        let items = raw
            .trust
            .items
            .into_iter()
            .map(|item| {
                spans.push(item.span());
                item.into_inner()
            })
            .collect();
        let frequency_span = raw.frequency.as_ref().map(|f| f.span());
        let book = Codebook {
            trust: Trust {
                combine: raw.trust.combine,
                items,
            },
            frequency: raw.frequency.map(toml::Spanned::into_inner),
        };
        match book.resolve() {
            Ok(_) => Ok(book),
            Err((part, problem)) => {
                let (span, name) = match part {
                    Part::Item(k) => (spans.get(k).cloned(), format!("trust.items[{}]", k + 1)),
                    Part::Frequency => (frequency_span, "frequency".to_string()),
                    Part::Trust => (None, "trust".to_string()),
                };
                Err(Error::from(InputError {
                    location: at(span, &name),
                    kind: InputErrorKind::Survey(Box::new(SurveyProblem::Codebook(problem))),
                }))
            }
        }
    }

    /// The codebook as TOML, as the report writes it out.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_else(|e| format!("# cannot write the codebook: {e}\n"))
    }

    /// Check the codebook and build the scales answers are read with.
    pub(crate) fn resolve(&self) -> Result<Resolved, (Part, String)> {
        if self.trust.items.is_empty() {
            return Err((Part::Trust, "expected at least one trust item".into()));
        }
        let mut seen: Vec<String> = Vec::new();
        let mut claim = |column: &str, part: Part| {
            let folded = column.trim().to_ascii_lowercase();
            if folded.is_empty() {
                return Err((
                    part,
                    "expected a column name, found an empty one".to_string(),
                ));
            }
            if seen.contains(&folded) {
                return Err((
                    part,
                    format!("expected each column once, found {} again", quote(column)),
                ));
            }
            seen.push(folded);
            Ok(())
        };
        let mut items = Vec::with_capacity(self.trust.items.len());
        for (k, item) in self.trust.items.iter().enumerate() {
            claim(&item.column, Part::Item(k))?;
            items.push(ItemScale::new(item).map_err(|m| (Part::Item(k), m))?);
        }
        let frequency = match &self.frequency {
            None => None,
            Some(f) => {
                claim(&f.column, Part::Frequency)?;
                Some(FrequencyScale::new(f).map_err(|m| (Part::Frequency, m))?)
            }
        };
        Ok(Resolved {
            combine: self.trust.combine,
            items,
            frequency,
        })
    }
}

/// Which part of the codebook a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Trust,
    Item(usize),
    Frequency,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodebook {
    trust: RawTrust,
    #[serde(default)]
    frequency: Option<toml::Spanned<Frequency>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrust {
    #[serde(default)]
    combine: Combine,
    items: Vec<toml::Spanned<Item>>,
}

trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// A checked codebook, ready to read answers.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub(crate) combine: Combine,
    pub(crate) items: Vec<ItemScale>,
    pub(crate) frequency: Option<FrequencyScale>,
}

impl Resolved {
    /// Combine the answered items' scores (at least one).
    pub(crate) fn combine(&self, scores: &[Score]) -> Score {
        match self.combine {
            Combine::Mean => Score::mean(scores),
            Combine::Min => Score::min(scores),
            Combine::Max => Score::max(scores),
        }
    }
}

/// One item's scale: how an answer's text becomes a score in [0, 1].
#[derive(Debug, Clone)]
pub(crate) struct ItemScale {
    /// `min..=max` when numbers are accepted.
    numbers: Option<(i64, i64)>,
    /// Folded labels, one per point.
    labels: Vec<String>,
    scores: Vec<Score>,
    /// What an answer should be, for messages.
    expected: String,
}

impl ItemScale {
    // Long: the item-scale rules of the codebook, each with its own message.
    fn new(item: &Item) -> Result<Self, String> {
        let numbers = match (item.min, item.max) {
            (Some(lo), Some(hi)) => {
                if lo >= hi || hi.saturating_sub(lo) >= MAX_POINTS {
                    return Err(format!(
                        "expected min < max and at most {MAX_POINTS} points, found {lo}..{hi}"
                    ));
                }
                Some((lo, hi))
            }
            (None, None) => None,
            _ => return Err("expected both min and max, or neither (a scale of labels)".into()),
        };
        let points = match numbers {
            Some((lo, hi)) => (hi - lo + 1) as usize,
            None => item.labels.len(),
        };
        if numbers.is_none() && points < 2 {
            return Err("expected min and max, or at least two labels".into());
        }
        if !item.labels.is_empty() && item.labels.len() != points {
            return Err(format!(
                "expected one label per point ({points}), found {}",
                item.labels.len()
            ));
        }
        let labels: Vec<String> = item.labels.iter().map(|l| fold(l)).collect();
        for (i, l) in labels.iter().enumerate() {
            if l.is_empty() || labels[..i].contains(l) {
                return Err(format!(
                    "expected distinct, non-empty labels, found {}",
                    quote(&item.labels[i])
                ));
            }
            if numbers.is_some() && Fraction::parse(l).is_some() {
                return Err(format!(
                    "expected labels that are not numbers, found {}",
                    quote(&item.labels[i])
                ));
            }
        }
        let scores = if item.values.is_empty() {
            let span = (points - 1) as i128;
            (0..points)
                .map(|k| Score::exact(Fraction::new(k as i128, span).expect("span > 0")))
                .collect()
        } else {
            if item.values.len() != points {
                return Err(format!(
                    "expected one value per point ({points}), found {}",
                    item.values.len()
                ));
            }
            item.values
                .iter()
                .map(|v| match v.score() {
                    Some(s) if (0.0..=1.0).contains(&s.value) => Ok(s),
                    _ => Err(format!("expected values in [0, 1], found {v:?}")),
                })
                .collect::<Result<_, _>>()?
        };
        let words = || {
            item.labels
                .iter()
                .map(|l| quote(l))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let expected = match (numbers, item.labels.is_empty()) {
            (Some((lo, hi)), true) => format!("an integer from {lo} to {hi}"),
            (Some((lo, hi)), false) => {
                format!("an integer from {lo} to {hi} or one of {}", words())
            }
            (None, _) => format!("one of {}", words()),
        };
        Ok(ItemScale {
            numbers,
            labels,
            scores,
            expected,
        })
    }

    /// The score of an answer (not empty).
    pub(crate) fn score(&self, answer: &str) -> Result<Score, SurveyProblem> {
        let folded = fold(answer);
        if let Some(k) = self.labels.iter().position(|l| *l == folded) {
            return Ok(self.scores[k]);
        }
        let refuse = |outside: bool| {
            let found = quote(answer);
            let expected = self.expected.clone();
            Err(if outside {
                SurveyProblem::OutsideScale { expected, found }
            } else {
                SurveyProblem::UnknownLabel { expected, found }
            })
        };
        match (self.numbers, Fraction::parse(&folded)) {
            (Some((lo, hi)), Some(f)) => match f.as_int() {
                Some(k) if (lo..=hi).contains(&k) => Ok(self.scores[(k - lo) as usize]),
                _ => refuse(true),
            },
            (Some(_), None) => refuse(self.labels.is_empty()),
            (None, _) => refuse(false),
        }
    }
}

/// The frequency item's scale.
#[derive(Debug, Clone)]
pub(crate) enum FrequencyScale {
    /// Contacts per month, as a number.
    Count,
    /// Folded labels and contacts per month.
    Categories(Vec<(String, Score)>, String),
}

impl FrequencyScale {
    fn new(f: &Frequency) -> Result<Self, String> {
        match (f.count, f.categories.is_empty()) {
            (true, true) => Ok(FrequencyScale::Count),
            (false, false) => {
                let mut out: Vec<(String, Score)> = Vec::new();
                for c in &f.categories {
                    let label = fold(&c.label);
                    if label.is_empty() || out.iter().any(|(l, _)| *l == label) {
                        return Err(format!(
                            "expected distinct, non-empty labels, found {}",
                            quote(&c.label)
                        ));
                    }
                    match c.per_month.score() {
                        Some(s) if s.value >= 0.0 && s.value.is_finite() => out.push((label, s)),
                        _ => {
                            return Err(format!(
                                "expected contacts per month ≥ 0 for {}, found {:?}",
                                quote(&c.label),
                                c.per_month
                            ))
                        }
                    }
                }
                let words = f
                    .categories
                    .iter()
                    .map(|c| quote(&c.label))
                    .collect::<Vec<_>>()
                    .join(", ");
                Ok(FrequencyScale::Categories(out, format!("one of {words}")))
            }
            _ => Err("expected either count = true or a list of categories".into()),
        }
    }

    /// Contacts per month of an answer (not empty); 0 means no contact.
    pub(crate) fn per_month(&self, answer: &str) -> Result<Score, SurveyProblem> {
        match self {
            FrequencyScale::Count => match Fraction::parse(answer) {
                Some(f) if f >= Fraction::int(0) => Ok(Score::exact(f)),
                _ => Err(SurveyProblem::OutsideScale {
                    expected: "a number of contacts per month ≥ 0".into(),
                    found: quote(answer),
                }),
            },
            FrequencyScale::Categories(categories, expected) => {
                let folded = fold(answer);
                categories
                    .iter()
                    .find(|(l, _)| *l == folded)
                    .map(|(_, s)| *s)
                    .ok_or_else(|| SurveyProblem::UnknownLabel {
                        expected: expected.clone(),
                        found: quote(answer),
                    })
            }
        }
    }
}

/// An answer or label as compared: trimmed, lower case, inner runs of white
/// space as one space.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scale_maps_one_to_four_linearly() {
        let book =
            Codebook::default_for(["respondent", "alter", "Trust_A", "trust_b", "frequency"])
                .unwrap();
        assert_eq!(book.trust.items.len(), 2);
        let r = book.resolve().unwrap();
        let s = |a| r.items[0].score(a).map(|s| s.value);
        assert_eq!(s("1"), Ok(0.0));
        assert_eq!(s("2"), Ok(1.0 / 3.0));
        assert_eq!(s(" 4 "), Ok(1.0));
        assert!(matches!(
            r.items[0].score("5"),
            Err(SurveyProblem::OutsideScale { .. })
        ));
        assert!(matches!(
            r.items[0].score("2.5"),
            Err(SurveyProblem::OutsideScale { .. })
        ));
        assert!(matches!(
            r.items[0].score("high"),
            Err(SurveyProblem::OutsideScale { .. })
        ));
        let f = r.frequency.unwrap();
        assert_eq!(f.per_month("Every  Week").map(|s| s.value), Ok(4.0));
        assert_eq!(
            f.per_month("once a year or less").map(|s| s.value),
            Ok(1.0 / 12.0)
        );
        assert!(matches!(
            f.per_month("daily"),
            Err(SurveyProblem::UnknownLabel { .. })
        ));
        assert!(Codebook::default_for(["respondent", "alter", "trusted"]).is_none());
    }

    #[test]
    fn codebook_round_trips_through_toml() {
        let book = Codebook::default_for(["trust", "frequency"]).unwrap();
        let text = book.to_toml();
        assert!(text.contains("per_month = \"1/12\""), "{text}");
        assert_eq!(Codebook::from_toml("c.toml".as_ref(), &text).unwrap(), book);
    }

    #[test]
    fn codebook_problems_have_a_line() {
        let text = "[trust]\ncombine = \"mean\"\n\n[[trust.items]]\ncolumn = \"a\"\nmin = 1\nmax = 4\nlabels = [\"x\"]\n";
        let e = Codebook::from_toml("c.toml".as_ref(), text).unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.toml:4:1: trust.items[1]: expected one label per point (4), found 1"
        );
        let e = Codebook::from_toml(
            "c.toml".as_ref(),
            "[trust]\ncombine = \"median\"\nitems = []\n",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("c.toml:2:"), "{e}");
    }
}

//! From ratings to tie rows: the two sides of each pair, reconciled by the
//! rules in the module docs of [`super`].

use std::collections::BTreeMap;

use super::fraction::{Fraction, Score};
use super::responses::{Answer, Rating, Responses};
use super::{CommunicationRule, SurveyOptions};
use crate::model::Network;

/// One row of the converted edges.csv.
#[derive(Debug, Clone)]
pub(crate) struct TieRow {
    pub(crate) source: usize,
    pub(crate) target: usize,
    pub(crate) trust: f64,
    pub(crate) communication: f64,
    pub(crate) directed: bool,
    pub(crate) attributes: Vec<String>,
}

/// A pair whose two trust ratings differ by more than
/// [`DISAGREEMENT`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Split {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) trust_ab: f64,
    pub(crate) trust_ba: f64,
}

/// Two trust ratings of a pair that differ by more than this are listed.
pub(crate) const DISAGREEMENT: f64 = 0.5;

/// The rows and the counts behind them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reconciled {
    pub(crate) rows: Vec<TieRow>,
    /// Pairs with a tie reported from both sides.
    pub(crate) both: usize,
    /// Of those, pairs whose two answers agree exactly (one mutual row).
    pub(crate) both_agree: usize,
    /// Pairs reported from one side only.
    pub(crate) one_side: usize,
    pub(crate) splits: Vec<Split>,
    /// Directed rows whose communication no side answered (written as 1).
    pub(crate) no_frequency: usize,
}

/// A respondent's report of a tie: trust and contacts per month.
#[derive(Clone, Copy)]
struct Report {
    trust: Score,
    per_month: Option<Score>,
}

fn report(rating: Option<&Rating>) -> Option<(Report, &[String])> {
    match &rating?.answer {
        Answer::Contact {
            trust, per_month, ..
        } => Some((
            Report {
                trust: *trust,
                per_month: *per_month,
            },
            &rating?.attributes,
        )),
        _ => None,
    }
}

/// Contacts per month when no one answered the frequency: the network
/// format's default.
fn default_communication() -> Score {
    Score::exact(Fraction::int(1))
}

/// Reconcile every pair, in roster order of (lower, higher) position.
// Long: one match over the answer cases of a pair (both, one, neither), each applying the options'
// rule.
pub(crate) fn reconcile(responses: &Responses, options: &SurveyOptions) -> Reconciled {
    let mut pairs: BTreeMap<(usize, usize), ()> = BTreeMap::new();
    for &(r, a) in responses.ratings.keys() {
        pairs.insert((r.min(a), r.max(a)), ());
    }
    let mut out = Reconciled::default();
    for &(a, b) in pairs.keys() {
        let ab = report(responses.ratings.get(&(a, b)));
        let ba = report(responses.ratings.get(&(b, a)));
        match (ab, ba) {
            (Some((x, xa)), Some((y, ya))) => {
                out.both += 1;
                let (c_ab, c_ba) = match (x.per_month, y.per_month) {
                    (Some(p), Some(q)) => match options.communication {
                        CommunicationRule::Mean => {
                            let m = Score::mean(&[p, q]);
                            (m, m)
                        }
                        CommunicationRule::Min => {
                            let m = Score::min(&[p, q]);
                            (m, m)
                        }
                        CommunicationRule::Max => {
                            let m = Score::max(&[p, q]);
                            (m, m)
                        }
                        CommunicationRule::Respondent => (p, q),
                    },
                    (Some(p), None) | (None, Some(p)) => (p, p),
                    (None, None) => {
                        out.no_frequency += 1;
                        (default_communication(), default_communication())
                    }
                };
                if (x.trust.value - y.trust.value).abs() > DISAGREEMENT {
                    out.splits.push(Split {
                        a,
                        b,
                        trust_ab: x.trust.value,
                        trust_ba: y.trust.value,
                    });
                }
                if x.trust.value == y.trust.value && c_ab.value == c_ba.value {
                    out.both_agree += 1;
                    out.rows.push(TieRow {
                        source: a,
                        target: b,
                        trust: x.trust.value,
                        communication: c_ab.value,
                        directed: false,
                        attributes: merge(xa, ya),
                    });
                } else {
                    for (s, t, r, c, attrs) in [(a, b, x, c_ab, xa), (b, a, y, c_ba, ya)] {
                        out.rows.push(TieRow {
                            source: s,
                            target: t,
                            trust: r.trust.value,
                            communication: c.value,
                            directed: true,
                            attributes: attrs.to_vec(),
                        });
                    }
                }
            }
            (Some((x, attrs)), None) | (None, Some((x, attrs))) => {
                out.one_side += 1;
                let (s, t) = if ab.is_some() { (a, b) } else { (b, a) };
                let c = x.per_month.unwrap_or_else(|| {
                    out.no_frequency += 1;
                    default_communication()
                });
                let (source, target) = if options.assume_mutual {
                    (a, b)
                } else {
                    (s, t)
                };
                out.rows.push(TieRow {
                    source,
                    target,
                    trust: x.trust.value,
                    communication: c.value,
                    directed: !options.assume_mutual,
                    attributes: attrs.to_vec(),
                });
            }
            (None, None) => {}
        }
    }
    out
}

/// The attributes of a mutual row made of two answers: each value once when
/// they agree, else `lower's | higher's`.
fn merge(x: &[String], y: &[String]) -> Vec<String> {
    x.iter()
        .zip(y)
        .map(|(p, q)| {
            if p == q {
                p.clone()
            } else {
                format!("{p} | {q}")
            }
        })
        .collect()
}

/// The rows as edges.csv: `source,target,trust,communication,directed` and
/// the kept columns. Numbers are written so they read back to the same
/// double.
pub(crate) fn edges_csv(
    people: &Network,
    responses: &Responses,
    reconciled: &Reconciled,
) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut header: Vec<&str> = vec!["source", "target", "trust", "communication", "directed"];
    header.extend(responses.attribute_names.iter().map(String::as_str));
    // Writing to a Vec cannot fail.
    w.write_record(&header).expect("write to memory");
    for row in &reconciled.rows {
        let mut record = vec![
            people.actor(row.source).id.clone(),
            people.actor(row.target).id.clone(),
            format!("{}", row.trust),
            format!("{}", row.communication),
            row.directed.to_string(),
        ];
        record.extend(row.attributes.iter().cloned());
        w.write_record(&record).expect("write to memory");
    }
    w.into_inner().expect("write to memory")
}

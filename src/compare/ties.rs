//! Ties matched pair by pair, and arc by arc within a pair.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{CompareOptions, THRESHOLD_TOL};
use crate::model::{Network, RelationshipType};

/// How a pair is tied in one wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieForm {
    /// One mutual row: the same trust both ways.
    Mutual,
    /// One directed row: one way only.
    OneWay,
    /// Two directed rows, each way its own trust.
    BothWays,
}

/// What happened to a pair between the waves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairStatus {
    /// No arc before, some after.
    Formed,
    /// Some arc before, none after.
    Dissolved,
    /// Trust up by at least the threshold.
    Strengthened,
    /// Trust down by at least the threshold.
    Weakened,
    /// Trust moved less than the threshold, one arc at least that much (an
    /// arc missing in one wave counting as trust 0).
    Rebalanced,
    /// Trust moved less than the threshold on the pair and on each arc
    /// (listed only for a change in communication).
    Unchanged,
}

impl PairStatus {
    /// The status of the same pair with the waves swapped.
    pub fn reversed(self) -> Self {
        match self {
            Self::Formed => Self::Dissolved,
            Self::Dissolved => Self::Formed,
            Self::Strengthened => Self::Weakened,
            Self::Weakened => Self::Strengthened,
            other => other,
        }
    }

    /// The snake_case name used in every output.
    pub fn name(self) -> &'static str {
        match self {
            Self::Formed => "formed",
            Self::Dissolved => "dissolved",
            Self::Strengthened => "strengthened",
            Self::Weakened => "weakened",
            Self::Rebalanced => "rebalanced",
            Self::Unchanged => "unchanged",
        }
    }
}

/// Which way a pair's communication went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Up by at least the threshold.
    More,
    /// Down by at least the threshold.
    Less,
}

impl Direction {
    /// The other way.
    pub fn reversed(self) -> Self {
        match self {
            Self::More => Self::Less,
            Self::Less => Self::More,
        }
    }
}

/// One direction of a pair in each wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArcChange {
    /// Id of the actor who trusts.
    pub source: String,
    /// Id of the actor trusted.
    pub target: String,
    /// Trust on this arc before; null without the arc.
    pub trust_before: Option<f64>,
    /// Trust on this arc after; null without the arc.
    pub trust_after: Option<f64>,
    /// `trust_after − trust_before`; null unless the arc is in both waves.
    pub trust_change: Option<f64>,
}

/// One pair of actors with a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairChange {
    /// The lower id of the pair.
    pub a: String,
    /// The higher id.
    pub b: String,
    /// Relationship type (AFTER's; BEFORE's for a dissolved tie).
    pub relationship: RelationshipType,
    /// The two ends are in different groups (AFTER's groups; BEFORE's for a
    /// dissolved tie).
    pub across_groups: bool,
    /// What happened to its trust.
    pub change: PairStatus,
    /// Mean trust over its arcs before; null when not tied.
    pub trust_before: Option<f64>,
    /// The same after.
    pub trust_after: Option<f64>,
    /// `trust_after − trust_before`; null unless tied in both waves.
    pub trust_change: Option<f64>,
    /// Mean contacts per month over its arcs before.
    pub communication_before: Option<f64>,
    /// The same after.
    pub communication_after: Option<f64>,
    /// `communication_after − communication_before`.
    pub communication_change: Option<f64>,
    /// More or less communication (null: less than the threshold, or not
    /// tied in both waves).
    pub communication: Option<Direction>,
    /// How it was tied before.
    pub form_before: Option<TieForm>,
    /// How it is tied after.
    pub form_after: Option<TieForm>,
    /// Arc by arc: a → b, then b → a, each present in some wave.
    pub arcs: Vec<ArcChange>,
}

/// One wave's arcs of a pair (a < b by id).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PairArcs {
    /// Trust and communication of a → b, if that arc exists.
    pub(crate) forward: Option<(f64, f64)>,
    /// The same for b → a.
    pub(crate) backward: Option<(f64, f64)>,
    pub(crate) form: TieForm,
    pub(crate) relationship: RelationshipType,
    pub(crate) across_groups: bool,
}

impl PairArcs {
    fn arcs(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.forward.iter().chain(self.backward.iter()).copied()
    }

    /// Mean trust over the arcs.
    pub(crate) fn trust(&self) -> f64 {
        let (sum, n) = self.arcs().fold((0.0, 0), |(s, n), (t, _)| (s + t, n + 1));
        sum / n as f64
    }

    /// Mean contacts per month over the arcs.
    pub(crate) fn communication(&self) -> f64 {
        let (sum, n) = self.arcs().fold((0.0, 0), |(s, n), (_, c)| (s + c, n + 1));
        sum / n as f64
    }
}

/// Every tied pair of a network, keyed by (lower id, higher id).
pub(crate) fn tied_pairs(net: &Network) -> BTreeMap<(&str, &str), PairArcs> {
    let mut pairs: BTreeMap<(&str, &str), PairArcs> = BTreeMap::new();
    for tie in net.ties() {
        let (s, t) = (net.actor(tie.source), net.actor(tie.target));
        let forward = s.id < t.id;
        let key = if forward {
            (s.id.as_str(), t.id.as_str())
        } else {
            (t.id.as_str(), s.id.as_str())
        };
        let entry = pairs.entry(key).or_insert(PairArcs {
            forward: None,
            backward: None,
            form: TieForm::OneWay,
            relationship: tie.relationship,
            across_groups: s.group != t.group,
        });
        let arc = Some((tie.trust, tie.communication));
        if !tie.directed {
            entry.forward = arc;
            entry.backward = arc;
            entry.form = TieForm::Mutual;
        } else {
            if forward {
                entry.forward = arc;
            } else {
                entry.backward = arc;
            }
            entry.form = if entry.forward.is_some() && entry.backward.is_some() {
                TieForm::BothWays
            } else {
                TieForm::OneWay
            };
        }
    }
    pairs
}

/// `x` reaches the threshold (within [`THRESHOLD_TOL`]) and is not 0.
fn reaches(x: f64, threshold: f64) -> bool {
    x != 0.0 && x.abs() >= threshold - THRESHOLD_TOL
}

/// Every pair with a change, in (a, b) order.
pub(crate) fn pair_changes(
    before: &Network,
    after: &Network,
    options: &CompareOptions,
) -> Vec<PairChange> {
    let pb = tied_pairs(before);
    let pa = tied_pairs(after);
    let mut keys: Vec<(&str, &str)> = pb.keys().chain(pa.keys()).copied().collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| pair_change(key, pb.get(&key), pa.get(&key), options))
        .collect()
}

fn diff(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    Some(after? - before?)
}

fn pair_change(
    (a, b): (&str, &str),
    before: Option<&PairArcs>,
    after: Option<&PairArcs>,
    options: &CompareOptions,
) -> Option<PairChange> {
    let shape = after.or(before).expect("a pair of either wave");
    let trust_before = before.map(PairArcs::trust);
    let trust_after = after.map(PairArcs::trust);
    let communication_before = before.map(PairArcs::communication);
    let communication_after = after.map(PairArcs::communication);
    let arc = |source: &str, target: &str, pick: fn(&PairArcs) -> Option<(f64, f64)>| {
        let tb = before.and_then(pick).map(|x| x.0);
        let ta = after.and_then(pick).map(|x| x.0);
        (tb.is_some() || ta.is_some()).then(|| ArcChange {
            source: source.to_string(),
            target: target.to_string(),
            trust_before: tb,
            trust_after: ta,
            trust_change: diff(tb, ta),
        })
    };
    let arcs: Vec<ArcChange> = [arc(a, b, |p| p.forward), arc(b, a, |p| p.backward)]
        .into_iter()
        .flatten()
        .collect();
    let change = match (trust_before, trust_after) {
        (None, _) => PairStatus::Formed,
        (_, None) => PairStatus::Dissolved,
        (Some(tb), Some(ta)) => {
            let d = ta - tb;
            if reaches(d, options.changed) {
                if d > 0.0 {
                    PairStatus::Strengthened
                } else {
                    PairStatus::Weakened
                }
            } else if arcs.iter().any(|x| {
                let d = x.trust_after.unwrap_or(0.0) - x.trust_before.unwrap_or(0.0);
                reaches(d, options.changed)
            }) {
                PairStatus::Rebalanced
            } else {
                PairStatus::Unchanged
            }
        }
    };
    let communication_change = diff(communication_before, communication_after);
    let communication = communication_change
        .filter(|&d| reaches(d, options.changed_communication))
        .map(|d| {
            if d > 0.0 {
                Direction::More
            } else {
                Direction::Less
            }
        });
    if change == PairStatus::Unchanged && communication.is_none() {
        return None;
    }
    Some(PairChange {
        a: a.to_string(),
        b: b.to_string(),
        relationship: shape.relationship,
        across_groups: shape.across_groups,
        change,
        trust_before,
        trust_after,
        trust_change: diff(trust_before, trust_after),
        communication_before,
        communication_after,
        communication_change,
        communication,
        form_before: before.map(|p| p.form),
        form_after: after.map(|p| p.form),
        arcs,
    })
}

//! Figures of each wave, taken from the `analyze` and `exit` reports, side
//! by side with their change.

use serde::Serialize;

use super::{ActorFigures, Presence, Wave};
use crate::model::RelationshipType;
use crate::report::analyze::AnalyzeActor;
use crate::report::power::PowerActor;

/// A figure's value: a count or a real number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    /// A count (a change of counts may be negative).
    Count(i64),
    /// A real number.
    Real(f64),
}

impl Amount {
    /// The value as a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Amount::Count(n) => n as f64,
            Amount::Real(x) => x,
        }
    }

    /// `after − self`, of the same kind.
    fn to(self, after: Amount) -> Amount {
        match (self, after) {
            (Amount::Count(b), Amount::Count(a)) => Amount::Count(a - b),
            (b, a) => Amount::Real(a.as_f64() - b.as_f64()),
        }
    }
}

/// One figure in each wave and its change (`after − before`; null when
/// either is null).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The figure's name (the format's, see [`super::Comparison::network`]).
    pub figure: String,
    /// In the BEFORE wave.
    pub before: Option<Amount>,
    /// In the AFTER wave.
    pub after: Option<Amount>,
    /// `after − before`.
    pub change: Option<Amount>,
}

impl Figure {
    pub(crate) fn new(name: &str, before: Option<Amount>, after: Option<Amount>) -> Self {
        Figure {
            figure: name.to_string(),
            before,
            after,
            change: match (before, after) {
                (Some(b), Some(a)) => Some(b.to(a)),
                _ => None,
            },
        }
    }
}

fn count(n: usize) -> Option<Amount> {
    Some(Amount::Count(n as i64))
}

fn real(x: Option<f64>) -> Option<Amount> {
    x.map(Amount::Real)
}

/// The network figures of both waves, in this order: `actors`,
/// `stakeholders`, `practitioners_external`, `practitioners_internal`,
/// `density`, `components`, `isolates`, `mean_trust`,
/// `{type}_mean_trust` for each relationship type, `mean_communication`,
/// `practitioner_dependency` (from `analyze`); then, for each wave's own
/// default exit, `trusted_reach` (the exit's `trusted_reach_before`: everyone
/// present), `trusted_reach_after_exit`, `sustainability`, `stranded` and
/// `group_bridges_lost` (counts); then from `stakenet power` with its
/// defaults (voices: stakeholders with power ≤ 0.3, decision-makers ≥ 0.7,
/// steep gap 0.3, the wave's default exit): `mean_voice_before`,
/// `mean_voice_after`, `voice_sustainability`, `unheard_before`,
/// `unheard_after` (counts), `steep_ties`, `upward_trust`,
/// `downward_trust`, `two_way_share`.
// Long: mostly a table of (name, pick) closures, one entry per figure.
pub(crate) fn network_figures(b: &Wave<'_>, a: &Wave<'_>) -> Vec<Figure> {
    type Pick = Box<dyn Fn(&Wave<'_>) -> Option<Amount>>;
    let mut picks: Vec<(String, Pick)> = vec![
        (
            "actors".into(),
            Box::new(|w| count(w.analysis.network.overview.actors)),
        ),
        (
            "stakeholders".into(),
            Box::new(|w| {
                let o = &w.analysis.network.overview;
                count(o.stakeholders_internal + o.stakeholders_external)
            }),
        ),
        (
            "practitioners_external".into(),
            Box::new(|w| count(w.analysis.network.overview.practitioners_external)),
        ),
        (
            "practitioners_internal".into(),
            Box::new(|w| count(w.analysis.network.overview.practitioners_internal)),
        ),
        (
            "density".into(),
            Box::new(|w| real(w.analysis.network.overview.density)),
        ),
        (
            "components".into(),
            Box::new(|w| count(w.analysis.network.overview.components)),
        ),
        (
            "isolates".into(),
            Box::new(|w| count(w.analysis.network.overview.isolates)),
        ),
        (
            "mean_trust".into(),
            Box::new(|w| real(w.analysis.network.overview.mean_trust)),
        ),
    ];
    for rel in RelationshipType::ALL {
        picks.push((
            format!("{}_mean_trust", rel.name()),
            Box::new(move |w| {
                real(
                    w.analysis
                        .network
                        .overview
                        .relationship_types
                        .iter()
                        .find(|r| r.relationship == rel)
                        .and_then(|r| r.mean_trust),
                )
            }),
        ));
    }
    picks.extend::<[(String, Pick); 16]>([
        (
            "mean_communication".into(),
            Box::new(|w| real(w.analysis.network.overview.mean_communication)),
        ),
        (
            "practitioner_dependency".into(),
            Box::new(|w| real(w.analysis.network.practitioner_dependency)),
        ),
        (
            "trusted_reach".into(),
            Box::new(|w| real(w.exit.trusted_reach_before)),
        ),
        (
            "trusted_reach_after_exit".into(),
            Box::new(|w| real(w.exit.trusted_reach_after)),
        ),
        (
            "sustainability".into(),
            Box::new(|w| real(w.exit.sustainability)),
        ),
        (
            "stranded".into(),
            Box::new(|w| count(w.exit.stranded.len())),
        ),
        (
            "group_bridges_lost".into(),
            Box::new(|w| count(w.exit.group_bridges_lost.len())),
        ),
        (
            "mean_voice_before".into(),
            Box::new(|w| real(w.power.summary.mean_voice_before)),
        ),
        (
            "mean_voice_after".into(),
            Box::new(|w| real(w.power.summary.mean_voice_after)),
        ),
        (
            "voice_sustainability".into(),
            Box::new(|w| real(w.power.summary.voice_sustainability)),
        ),
        (
            "unheard_before".into(),
            Box::new(|w| count(w.power.summary.unheard_before.len())),
        ),
        (
            "unheard_after".into(),
            Box::new(|w| count(w.power.summary.unheard_after.len())),
        ),
        (
            "steep_ties".into(),
            Box::new(|w| count(w.power.summary.steep_ties)),
        ),
        (
            "upward_trust".into(),
            Box::new(|w| real(w.power.summary.upward_trust)),
        ),
        (
            "downward_trust".into(),
            Box::new(|w| real(w.power.summary.downward_trust)),
        ),
        (
            "two_way_share".into(),
            Box::new(|w| real(w.power.summary.two_way_share)),
        ),
    ]);
    picks
        .iter()
        .map(|(name, pick)| Figure::new(name, pick(b), pick(a)))
        .collect()
}

/// The per-actor figure names, in report order.
/// `voice_brokerage` and `voice_before` are `stakenet power`'s with its
/// defaults (`voice_before` is null but for the voices).
pub const ACTOR_FIGURES: [&str; 7] = [
    "betweenness",
    "constraint",
    "effective_size",
    "brokerage_total",
    "practitioner_share",
    "voice_brokerage",
    "voice_before",
];

fn actor_values(row: Option<(&AnalyzeActor, &PowerActor)>) -> [Option<Amount>; 7] {
    match row {
        None => [None; 7],
        Some((r, p)) => [
            Some(Amount::Real(r.betweenness)),
            real(r.constraint),
            real(r.effective_size),
            Some(Amount::Count(r.brokerage_total as i64)),
            real(r.practitioner_share),
            real(p.voice.voice_brokerage),
            real(p.voice.voice_before),
        ],
    }
}

/// An actor's `analyze` and `power` rows in a wave, when it is there.
fn rows<'w>(w: &'w Wave<'_>, id: &str) -> Option<(&'w AnalyzeActor, &'w PowerActor)> {
    w.net
        .index_of(id)
        .map(|i| (&w.analysis.actors[i], &w.power.actors[i]))
}

/// Per-actor figures of every actor of either wave, in id order.
pub(crate) fn actor_figures(b: &Wave<'_>, a: &Wave<'_>) -> Vec<ActorFigures> {
    let mut ids: Vec<&str> = b
        .net
        .actors()
        .iter()
        .chain(a.net.actors())
        .map(|x| x.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|id| {
            let (pb, pa) = (rows(b, id), rows(a, id));
            let (rb, ra) = (pb.map(|r| r.0), pa.map(|r| r.0));
            let shown = ra.or(rb).expect("an actor of either wave");
            let presence = match (rb, ra) {
                (Some(_), Some(_)) => Presence::Both,
                (None, _) => Presence::Joined,
                (_, None) => Presence::Left,
            };
            let (vb, va) = (actor_values(pb), actor_values(pa));
            ActorFigures {
                id: id.to_string(),
                label: shown.identity.label.clone(),
                kind: shown.identity.kind,
                group: shown.identity.group.clone(),
                presence,
                figures: ACTOR_FIGURES
                    .iter()
                    .zip(vb.into_iter().zip(va))
                    .map(|(name, (x, y))| Figure::new(name, x, y))
                    .collect(),
            }
        })
        .collect()
}

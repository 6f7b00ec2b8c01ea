//! Change over time: two maps of the same site (two *waves*) compared.
//!
//! [`compare`] takes the network of the first wave (BEFORE) and of the second
//! (AFTER) and returns a [`Comparison`]: which actors joined, left or changed
//! kind, placement, group or power; which ties formed, dissolved,
//! strengthened or weakened, per relationship type; and the network and
//! per-actor figures of each wave with their change. Actors are matched by
//! `id`.
//!
//! Nothing is measured here that another analysis already measures: each
//! wave's figures are those of [`crate::report::analyze_with`] (the `analyze`
//! report) and of [`crate::metrics::exit()`] with that wave's own default exit
//! (its external practitioners), so they equal what `stakenet analyze` and
//! `stakenet exit` print for that wave. What this module adds is the
//! matching: pairs, arcs and actors of one wave against the other.
//!
//! Definitions (issue 15):
//! - a **tie** is an unordered pair of actors with at least one arc; its
//!   **trust** is the mean trust over its arcs (a mutual tie is two arcs of
//!   the same trust, so its trust is the row's), its **communication** the
//!   mean over its arcs likewise;
//! - **formed**: no arc before, some after; **dissolved**: the reverse
//!   (including every tie of an actor who left); **strengthened** /
//!   **weakened**: in both waves, trust up / down by at least
//!   [`CompareOptions::changed`] (a change within 1e-9 of the threshold
//!   reaches it, so 0.5 → 0.6 counts at 0.1); **rebalanced**: the pair's
//!   trust moved less than that but one of its arcs moved at least that
//!   much (a mutual 0.6 that became 0.9 one way and 0.3 the other);
//! - **more / less communication**: the pair's contacts per month up / down
//!   by at least [`CompareOptions::changed_communication`];
//! - a pair's relationship type, and whether it crosses groups, are those
//!   of the AFTER wave (of the BEFORE wave for a dissolved tie).
//!
//! ```
//! use stakenet::compare::{compare, CompareOptions, PairStatus};
//! use stakenet::{Actor, Network, TieSpec};
//! let people = || vec![Actor::practitioner("isp"), Actor::stakeholder("lead"), Actor::stakeholder("family")];
//! let before = Network::from_parts(people(), &[
//!     TieSpec::mutual("isp", "lead", 0.8),
//!     TieSpec::mutual("isp", "family", 0.9),
//! ]).unwrap();
//! let after = Network::from_parts(people(), &[
//!     TieSpec::mutual("isp", "lead", 0.8),
//!     TieSpec::mutual("isp", "family", 0.9),
//!     TieSpec::mutual("lead", "family", 0.5),
//! ]).unwrap();
//! let c = compare(&before, &after, &CompareOptions::default()).unwrap();
//! assert_eq!(c.summary.ties_formed, 1);
//! assert_eq!((c.ties[0].a.as_str(), c.ties[0].b.as_str()), ("family", "lead"));
//! assert_eq!(c.ties[0].change, PairStatus::Formed);
//! // Without the practitioner the family and the lead were cut apart; now
//! // they keep a trusted line.
//! let s = c.network.iter().find(|f| f.figure == "sustainability").unwrap();
//! assert_eq!(s.before.map(|x| x.as_f64()), Some(0.0));
//! ```

mod figures;
mod ties;
mod view;

use serde::Serialize;

use crate::error::Error;
use crate::metrics::{CentralityOptions, ExitSpec};
use crate::model::{ActorKind, Network, RelationshipType};
use crate::report::analyze::AnalyzeReport;
use crate::report::exit::ExitSummary;

pub use figures::{Amount, Figure, ACTOR_FIGURES};
pub use ties::{ArcChange, Direction, PairChange, PairStatus, TieForm};
pub use view::change_overlay;

/// A trust or communication change within this of the threshold reaches it
/// (decimal inputs: 0.6 − 0.5 is 0.09999999999999998 in binary).
pub const THRESHOLD_TOL: f64 = 1e-9;

/// How two waves are compared.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOptions {
    /// A tie strengthened or weakened when its trust changed by at least
    /// this (`--changed`, default 0.1).
    pub changed: f64,
    /// More or less communication when a tie's contacts per month changed by
    /// at least this (`--changed-communication`, default 1).
    pub changed_communication: f64,
    /// Tie length and sampling of the shortest-path figures, as `analyze`
    /// takes them.
    pub centrality: CentralityOptions,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            changed: 0.1,
            changed_communication: 1.0,
            centrality: CentralityOptions::default(),
        }
    }
}

/// The comparison of two waves: what `stakenet compare` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Counts of every kind of change.
    pub summary: ChangeSummary,
    /// Reasons to read the comparison with care (no actor in common, few in
    /// common), in words.
    pub warnings: Vec<String>,
    /// Actors joined, left and changed.
    pub actors: ActorChanges,
    /// Tie changes per relationship type, in [`RelationshipType::ALL`] order.
    pub relationship_types: Vec<TypeChanges>,
    /// Every pair with a change (formed, dissolved, strengthened, weakened,
    /// rebalanced, or more or less communication), ordered by ids.
    pub ties: Vec<PairChange>,
    /// Network figures of each wave and their change.
    pub network: Vec<Figure>,
    /// The BEFORE wave's default exit, as `stakenet exit` reports it.
    pub exit_before: ExitSummary,
    /// The AFTER wave's default exit.
    pub exit_after: ExitSummary,
    /// Per-actor figures of every actor of either wave, in id order.
    pub per_actor: Vec<ActorFigures>,
}

/// Counts of every kind of change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeSummary {
    /// The trust threshold used.
    pub changed: f64,
    /// The communication threshold used.
    pub changed_communication: f64,
    /// False when the waves have no actor in common: then nothing is
    /// compared actor by actor or tie by tie.
    pub comparable: bool,
    /// Actors in the BEFORE wave.
    pub actors_before: usize,
    /// Actors in the AFTER wave.
    pub actors_after: usize,
    /// Actors (ids) in both.
    pub actors_in_both: usize,
    /// Actors only in AFTER.
    pub actors_joined: usize,
    /// Actors only in BEFORE.
    pub actors_left: usize,
    /// Actors in both whose kind, placement, group or power changed.
    pub actors_changed: usize,
    /// Tied pairs in BEFORE.
    pub ties_before: usize,
    /// Tied pairs in AFTER.
    pub ties_after: usize,
    /// Pairs tied only in AFTER.
    pub ties_formed: usize,
    /// Pairs tied only in BEFORE.
    pub ties_dissolved: usize,
    /// Pairs whose trust rose by at least `changed`.
    pub ties_strengthened: usize,
    /// Pairs whose trust fell by at least `changed`.
    pub ties_weakened: usize,
    /// Pairs whose trust moved less than `changed` while an arc moved at
    /// least that much.
    pub ties_rebalanced: usize,
    /// Pairs in both with more communication.
    pub communication_more: usize,
    /// Pairs in both with less communication.
    pub communication_less: usize,
}

/// An actor of one wave only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRef {
    /// The id.
    pub id: String,
    /// Its label in the wave it is in.
    pub label: String,
    /// Practitioner or stakeholder.
    pub kind: ActorKind,
    /// Its group.
    pub group: String,
}

/// One changed attribute of an actor in both waves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeChange {
    /// `kind`, `placement`, `group` or `power`.
    pub field: &'static str,
    /// The value before (text, or a number for power).
    pub before: serde_json::Value,
    /// The value after.
    pub after: serde_json::Value,
}

/// An actor in both waves whose kind, placement, group or power changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorChange {
    /// The id.
    pub id: String,
    /// Its label in the AFTER wave.
    pub label: String,
    /// What changed, in the order kind, placement, group, power.
    pub changes: Vec<AttributeChange>,
}

/// Actors that joined, left or changed, each list in id order.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ActorChanges {
    /// In AFTER only.
    pub joined: Vec<ActorRef>,
    /// In BEFORE only.
    pub left: Vec<ActorRef>,
    /// In both, with a changed kind, placement, group or power.
    pub changed: Vec<ActorChange>,
}

/// Tie changes of one relationship type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeChanges {
    /// The type.
    pub relationship: RelationshipType,
    /// Tied pairs of this type in BEFORE.
    pub ties_before: usize,
    /// Tied pairs of this type in AFTER.
    pub ties_after: usize,
    /// Formed.
    pub formed: usize,
    /// Formed between actors of different groups.
    pub formed_across_groups: usize,
    /// Dissolved.
    pub dissolved: usize,
    /// Strengthened.
    pub strengthened: usize,
    /// Weakened.
    pub weakened: usize,
    /// Rebalanced.
    pub rebalanced: usize,
    /// More communication.
    pub communication_more: usize,
    /// Less communication.
    pub communication_less: usize,
}

/// Whether an actor is in both waves or in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// In both waves.
    Both,
    /// Only in AFTER.
    Joined,
    /// Only in BEFORE.
    Left,
}

/// One actor's figures in each wave: betweenness, constraint, effective
/// size, brokerage total, practitioner share, voice brokerage and (voices
/// only) voice before, as `stakenet power` gives them with its defaults. `change` is null unless the
/// actor is in both waves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorFigures {
    /// The id.
    pub id: String,
    /// Its label (AFTER's when in both).
    pub label: String,
    /// Its kind (AFTER's when in both).
    pub kind: ActorKind,
    /// Its group (AFTER's when in both).
    pub group: String,
    /// In both waves, or one.
    pub presence: Presence,
    /// The figures, in the order above.
    pub figures: Vec<Figure>,
}

/// One wave, analysed by the existing analyses.
pub(crate) struct Wave<'a> {
    pub(crate) net: &'a Network,
    pub(crate) analysis: AnalyzeReport,
    pub(crate) exit: ExitSummary,
    /// `stakenet power` with the defaults (the wave's default exit).
    pub(crate) power: crate::report::power::PowerReport,
}

impl<'a> Wave<'a> {
    fn new(net: &'a Network, options: &CompareOptions) -> Result<Self, Error> {
        let analysis = crate::report::analyze_with(net, &options.centrality);
        let spec = ExitSpec::default_for(net);
        let m = crate::metrics::exit(net, &spec)?;
        Ok(Wave {
            net,
            analysis,
            exit: ExitSummary::new(net, &spec, &m),
            power: crate::power(net, &crate::VoiceRequest::default())?,
        })
    }
}

/// Compare two waves of a site (see the module documentation).
///
/// When the waves have no actor in common the comparison holds only the
/// network figures and a warning: every actor would otherwise show as left
/// and joined and every tie as dissolved and formed, which says nothing.
///
/// # Errors
/// None for valid networks; an [`Error`] would mean the default exit could
/// not be built.
///
/// # Complexity
/// Two `analyze`, two `exit` and two `power` runs, plus O((|E₁| + |E₂|) log |E|) for the
/// matching.
pub fn compare(
    before: &Network,
    after: &Network,
    options: &CompareOptions,
) -> Result<Comparison, Error> {
    let b = Wave::new(before, options)?;
    let a = Wave::new(after, options)?;
    Ok(compare_waves(&b, &a, options))
}

// Long: one struct literal of the comparison's sections, each a few lines.
fn compare_waves(b: &Wave<'_>, a: &Wave<'_>, options: &CompareOptions) -> Comparison {
    let in_both = b
        .net
        .actors()
        .iter()
        .filter(|x| a.net.index_of(&x.id).is_some())
        .count();
    let comparable = in_both > 0;
    let mut warnings = Vec::new();
    let network = figures::network_figures(b, a);
    let (actors, ties, per_actor) = if comparable {
        (
            actor_changes(b.net, a.net),
            ties::pair_changes(b.net, a.net, options),
            figures::actor_figures(b, a),
        )
    } else {
        warnings.push(format!(
            "the two maps have no actor in common ({} actors before, {} after): they are \
             probably not maps of the same site, or the ids were changed; only the network \
             figures are compared",
            b.net.len(),
            a.net.len()
        ));
        (ActorChanges::default(), Vec::new(), Vec::new())
    };
    let smaller = b.net.len().min(a.net.len());
    if comparable && 2 * in_both < smaller {
        warnings.push(format!(
            "only {in_both} of the {smaller} actors of the smaller map are in both maps: \
             check that the ids were kept between the waves"
        ));
    }
    let pairs_before = ties::tied_pairs(b.net);
    let pairs_after = ties::tied_pairs(a.net);
    let relationship_types = RelationshipType::ALL
        .iter()
        .map(|&rel| {
            let of = |s: PairStatus| {
                ties.iter()
                    .filter(|t| t.relationship == rel && t.change == s)
                    .count()
            };
            let comm = |d: Direction| {
                ties.iter()
                    .filter(|t| t.relationship == rel && t.communication == Some(d))
                    .count()
            };
            TypeChanges {
                relationship: rel,
                ties_before: pairs_before
                    .values()
                    .filter(|p| p.relationship == rel)
                    .count(),
                ties_after: pairs_after
                    .values()
                    .filter(|p| p.relationship == rel)
                    .count(),
                formed: of(PairStatus::Formed),
                formed_across_groups: ties
                    .iter()
                    .filter(|t| {
                        t.relationship == rel && t.change == PairStatus::Formed && t.across_groups
                    })
                    .count(),
                dissolved: of(PairStatus::Dissolved),
                strengthened: of(PairStatus::Strengthened),
                weakened: of(PairStatus::Weakened),
                rebalanced: of(PairStatus::Rebalanced),
                communication_more: comm(Direction::More),
                communication_less: comm(Direction::Less),
            }
        })
        .collect::<Vec<_>>();
    let total = |f: fn(&TypeChanges) -> usize| relationship_types.iter().map(f).sum::<usize>();
    let summary = ChangeSummary {
        changed: options.changed,
        changed_communication: options.changed_communication,
        comparable,
        actors_before: b.net.len(),
        actors_after: a.net.len(),
        actors_in_both: in_both,
        actors_joined: a.net.len() - in_both,
        actors_left: b.net.len() - in_both,
        actors_changed: actors.changed.len(),
        ties_before: pairs_before.len(),
        ties_after: pairs_after.len(),
        ties_formed: total(|t| t.formed),
        ties_dissolved: total(|t| t.dissolved),
        ties_strengthened: total(|t| t.strengthened),
        ties_weakened: total(|t| t.weakened),
        ties_rebalanced: total(|t| t.rebalanced),
        communication_more: total(|t| t.communication_more),
        communication_less: total(|t| t.communication_less),
    };
    Comparison {
        summary,
        warnings,
        actors,
        relationship_types,
        ties,
        network,
        exit_before: b.exit.clone(),
        exit_after: a.exit.clone(),
        per_actor,
    }
}

fn actor_ref(net: &Network, i: usize) -> ActorRef {
    let x = net.actor(i);
    ActorRef {
        id: x.id.clone(),
        label: x.label.clone(),
        kind: x.kind,
        group: x.group.clone(),
    }
}

/// Joined, left and changed actors (both networks list actors in id order).
fn actor_changes(before: &Network, after: &Network) -> ActorChanges {
    let mut out = ActorChanges::default();
    for (i, x) in before.actors().iter().enumerate() {
        let Some(j) = after.index_of(&x.id) else {
            out.left.push(actor_ref(before, i));
            continue;
        };
        let y = after.actor(j);
        let text = |s: String| serde_json::Value::from(s);
        let mut changes = Vec::new();
        if x.kind != y.kind {
            changes.push(AttributeChange {
                field: "kind",
                before: text(x.kind.to_string()),
                after: text(y.kind.to_string()),
            });
        }
        if x.placement != y.placement {
            changes.push(AttributeChange {
                field: "placement",
                before: text(x.placement.to_string()),
                after: text(y.placement.to_string()),
            });
        }
        if x.group != y.group {
            changes.push(AttributeChange {
                field: "group",
                before: text(x.group.clone()),
                after: text(y.group.clone()),
            });
        }
        if x.power != y.power {
            changes.push(AttributeChange {
                field: "power",
                before: x.power.into(),
                after: y.power.into(),
            });
        }
        if !changes.is_empty() {
            out.changed.push(ActorChange {
                id: y.id.clone(),
                label: y.label.clone(),
                changes,
            });
        }
    }
    for (j, y) in after.actors().iter().enumerate() {
        if before.index_of(&y.id).is_none() {
            out.joined.push(actor_ref(after, j));
        }
    }
    out
}

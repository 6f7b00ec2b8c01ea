//! Power and voice: do the stakeholders with least power have a trusted line
//! to those who decide, through whom does it run, and does it survive when
//! implementation support leaves?
//!
//! Definitions: the "Power and voice" section of `docs/format.md`
//! (the project's copy of the network format). Notation: X the exiting actors
//! and S the stakeholders not in X (as in [`mod@super::exit`]), G the network,
//! G′ the network after the handovers with X removed, V ⊆ S the voices,
//! D ⊆ S the decision-makers, `pt` the path trust of
//! `metrics::trust_paths` (largest product of trusts over the paths, arcs
//! followed in their direction, through anyone present).
//!
//! * [`voice`]: per-voice path trust to the decision-makers (G and G′), the
//!   decision-maker each voice reaches best, direct contact, and
//!   `voice_brokerage` (a Brandes accumulation with V as sources and D as
//!   targets).
//! * [`steep`]: ties across a power gap and the trust on them each way.
//!
//! Reference implementation: `tests/fixtures/power/generate.py` (exact
//! fractions; `voice_brokerage` cross-checked there against networkx
//! `betweenness_centrality_subset`); `tests/power_reference.rs` compares to
//! 1e-9 relative.

pub mod steep;
pub mod voice;

use super::exit::ExitSpec;
use crate::error::Error;
use crate::model::{ActorKind, Network};

pub use steep::{steep_ties, SteepTies};
pub use voice::{voices, Voices};

/// `--low-power` default: a stakeholder with power at or below it is a voice.
pub const DEFAULT_LOW_POWER: f64 = 0.3;
/// `--decision-power` default: a stakeholder with power at or above it
/// decides.
pub const DEFAULT_DECISION_POWER: f64 = 0.7;
/// `--steep` default: a tie whose power differential reaches it is steep.
pub const DEFAULT_STEEP: f64 = 0.3;

/// How a set of stakeholders (voices or decision-makers) is chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection {
    /// By power: at most this for voices, at least this for decision-makers.
    Threshold(f64),
    /// Exactly these actors (indices into [`Network::actors`]).
    Named(Vec<usize>),
}

/// Which role a selection fills, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The voices V.
    Voice,
    /// The decision-makers D.
    DecisionMaker,
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Role::Voice => "voice",
            Role::DecisionMaker => "decision-maker",
        })
    }
}

/// Everything the power figures depend on: the exit scenario (as for
/// [`super::exit::exit`]), how V and D are chosen, and the steep threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerRequest {
    /// Who exits and which handovers happen first.
    pub exit: ExitSpec,
    /// The voices V (default: power ≤ [`DEFAULT_LOW_POWER`]).
    pub voices: Selection,
    /// The decision-makers D (default: power ≥ [`DEFAULT_DECISION_POWER`]).
    pub decision_makers: Selection,
    /// |δ| at which a tie is steep (default [`DEFAULT_STEEP`]); > 0.
    pub steep: f64,
}

impl PowerRequest {
    /// The contract's defaults: external practitioners exit, voices at power
    /// ≤ 0.3, decision-makers at ≥ 0.7, steep at 0.3.
    pub fn default_for(net: &Network) -> Self {
        PowerRequest {
            exit: ExitSpec::default_for(net),
            voices: Selection::Threshold(DEFAULT_LOW_POWER),
            decision_makers: Selection::Threshold(DEFAULT_DECISION_POWER),
            steep: DEFAULT_STEEP,
        }
    }
}

/// Why a power request cannot be answered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PowerError {
    /// A named voice or decision-maker who is not a stakeholder in S.
    #[error("{role} \"{id}\" {why}: voices and decision-makers must be stakeholders who stay")]
    NotAStayingStakeholder {
        /// Voice or decision-maker.
        role: Role,
        /// The id named.
        id: String,
        /// "is a practitioner" or "exits".
        why: &'static str,
    },
    /// Thresholds outside 0 ≤ low < decision ≤ 1 (or not numbers).
    #[error("power thresholds: expected 0 ≤ low-power < decision-power ≤ 1, found low-power {low} and decision-power {decision}")]
    Thresholds {
        /// The low-power threshold (voices).
        low: f64,
        /// The decision-power threshold.
        decision: f64,
    },
    /// A steep threshold that is not a number > 0.
    #[error("steep: expected a number > 0, found {steep}")]
    Steep {
        /// The value given.
        steep: f64,
    },
}

/// Every figure of the "Power and voice" section for one request.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerMeasures {
    /// X: the exiting actors (handover FROMs included), in id order.
    pub exit: Vec<usize>,
    /// V, in id order.
    pub voices: Vec<usize>,
    /// D, in id order.
    pub decision_makers: Vec<usize>,
    /// The voice figures (before and after the exit, brokerage).
    pub voice: Voices,
    /// The ties across a power gap (over G).
    pub steep: SteepTies,
}

/// Check the thresholds: 0 ≤ low < decision ≤ 1 where both are thresholds,
/// each in [0, 1] where only one is, and `steep` > 0.
fn check_thresholds(req: &PowerRequest) -> Result<(), PowerError> {
    let unit = |x: f64| (0.0..=1.0).contains(&x);
    let (low, decision) = match (&req.voices, &req.decision_makers) {
        (Selection::Threshold(l), Selection::Threshold(d)) => (Some(*l), Some(*d)),
        (Selection::Threshold(l), _) => (Some(*l), None),
        (_, Selection::Threshold(d)) => (None, Some(*d)),
        _ => (None, None),
    };
    let bad = low.is_some_and(|l| !unit(l))
        || decision.is_some_and(|d| !unit(d))
        || matches!((low, decision), (Some(l), Some(d)) if l >= d);
    if bad {
        return Err(PowerError::Thresholds {
            low: low.unwrap_or(DEFAULT_LOW_POWER),
            decision: decision.unwrap_or(DEFAULT_DECISION_POWER),
        });
    }
    if !(req.steep > 0.0 && req.steep.is_finite()) {
        return Err(PowerError::Steep { steep: req.steep });
    }
    Ok(())
}

/// The members of one selection, checked against S (`stays[i]`: actor i is a
/// stakeholder not in X), in id order.
fn members(
    net: &Network,
    selection: &Selection,
    role: Role,
    stays: &[bool],
) -> Result<Vec<usize>, Error> {
    match selection {
        Selection::Threshold(t) => Ok((0..net.len())
            .filter(|&i| {
                let p = net.actor(i).power;
                stays[i]
                    && match role {
                        Role::Voice => p <= *t,
                        Role::DecisionMaker => p >= *t,
                    }
            })
            .collect()),
        Selection::Named(named) => {
            let mut out = Vec::with_capacity(named.len());
            for &i in named {
                if i >= net.len() {
                    return Err(Error::ActorIndex { index: i });
                }
                if !stays[i] {
                    let a = net.actor(i);
                    return Err(Error::Power(PowerError::NotAStayingStakeholder {
                        role,
                        id: a.id.clone(),
                        why: if a.kind == ActorKind::Practitioner {
                            "is a practitioner"
                        } else {
                            "exits"
                        },
                    }));
                }
                out.push(i);
            }
            out.sort_unstable();
            out.dedup();
            Ok(out)
        }
    }
}

/// The power and voice figures of a request.
///
/// V and D are chosen among S as [`PowerRequest`] says; then [`voices`]
/// gives the per-voice lines and brokerage in G and G′, and [`steep_ties`]
/// the ties across a power gap in G. Each function documents its formulas.
///
/// # Errors
/// [`Error::ActorIndex`] or a handover error for an invalid exit scenario;
/// [`Error::Power`] for a named voice or decision-maker who is not a
/// stakeholder in S, thresholds outside 0 ≤ low < decision ≤ 1, or a steep
/// threshold ≤ 0.
///
/// # Complexity
/// Time **O(|V| (|V| + |E|) log |V|)**: per voice, one most-trusted-path
/// pass in G and one in G′ and one shortest-path pass in each; parallel over
/// fixed chunks of voices.
pub fn power(net: &Network, req: &PowerRequest) -> Result<PowerMeasures, Error> {
    if let Some(&index) = req.exit.exit.iter().find(|&&i| i >= net.len()) {
        return Err(Error::ActorIndex { index });
    }
    check_thresholds(req)?;
    let x = req.exit.exit_set();
    let mut stays: Vec<bool> = net
        .actors()
        .iter()
        .map(|a| a.kind == ActorKind::Stakeholder)
        .collect();
    for &i in &x {
        stays[i] = false;
    }
    let v = members(net, &req.voices, Role::Voice, &stays)?;
    let d = members(net, &req.decision_makers, Role::DecisionMaker, &stays)?;
    let voice = voices(net, &req.exit, &v, &d)?;
    Ok(PowerMeasures {
        exit: x,
        voices: v,
        decision_makers: d,
        voice,
        steep: steep_ties(net, req.steep),
    })
}

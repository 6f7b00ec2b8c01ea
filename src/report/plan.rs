//! The report of `stakenet plan`: the greedy exit plan (introductions to
//! broker before leaving) next to the best single internal successor of each
//! exiting practitioner.
//!
//! JSON: `{"summary": {…exit figures…}, "plan": {"budget", "steps": [{step, a,
//! b, introducer, trust, gain, trusted_reach_after, sustainability}]},
//! "successors": [{"id", "successor", "sustainability", "candidates":
//! [{rank, successor, gain, sustainability, caution}]}]}`. CSV: one row per
//! option (`option` = `introduction`, or `handover` for each ranked
//! candidate), columns `option, step, practitioner, a, b, introducer, rank,
//! successor, trust, factor, gain, trusted_reach_after, sustainability,
//! caution`, blank where a column does not apply.

use std::collections::BTreeMap;

use serde::Serialize;

use super::exit::ExitSummary;
use crate::metrics::exit::{ExitMeasures, ExitSpec};
pub use crate::metrics::plan::SUCCESSOR_FACTOR;
use crate::metrics::plan::{role_mismatch, PlanStep, SuccessorRanking};
use crate::model::Network;

/// One introduction of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepRow {
    /// 1 for the first introduction.
    pub step: usize,
    /// Stakeholder id (the lower).
    pub a: String,
    /// Stakeholder id.
    pub b: String,
    /// The leaving actor who makes the introduction (see
    /// [`PlanStep::introducer`]); null when no leaving actor has trusted
    /// ties to both.
    pub introducer: Option<String>,
    /// Trust of the new tie.
    pub trust: f64,
    /// Gain in trusted reach.
    pub gain: f64,
    /// Trusted reach after this step.
    pub trusted_reach_after: f64,
    /// Sustainability after this step.
    pub sustainability: Option<f64>,
}

/// The plan's steps and its budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanSteps {
    /// The largest number of steps asked for.
    pub budget: usize,
    /// Steps taken (fewer when no candidate gains).
    pub steps: Vec<StepRow>,
}

/// The best successors of one exiting practitioner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuccessorRow {
    /// The exiting practitioner's id.
    pub id: String,
    /// The internal actor whose handover (factor 0.5) keeps most trusted
    /// reach (the first candidate); null when none gives a defined
    /// sustainability.
    pub successor: Option<String>,
    /// Sustainability with that handover.
    pub sustainability: Option<f64>,
    /// The ranked candidates, best first.
    pub candidates: Vec<CandidateRow>,
}

/// One ranked successor candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateRow {
    /// 1 for the best.
    pub rank: usize,
    /// The candidate's id.
    pub successor: String,
    /// What the handover adds to `trusted_reach_after`.
    pub gain: f64,
    /// Sustainability with the handover.
    pub sustainability: f64,
    /// A stakeholder whose role is not the practitioner's
    /// ([`crate::metrics::role_mismatch`]): a finding to check, not a plan.
    pub caution: bool,
}

/// Everything `plan` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanReport {
    /// The exit without any plan.
    pub summary: ExitSummary,
    /// The introductions.
    pub plan: PlanSteps,
    /// One entry per exiting practitioner, in id order.
    pub successors: Vec<SuccessorRow>,
    /// id → label, for the prose.
    #[serde(skip)]
    pub(crate) labels: BTreeMap<String, String>,
    /// id → role, for the caution lines.
    #[serde(skip)]
    pub(crate) roles: BTreeMap<String, String>,
}

/// Build the `plan` report.
pub fn plan(
    net: &Network,
    spec: &ExitSpec,
    m: &ExitMeasures,
    budget: usize,
    steps: &[PlanStep],
    successors: &[SuccessorRanking],
) -> PlanReport {
    let id = |i: usize| net.actor(i).id.clone();
    PlanReport {
        summary: ExitSummary::new(net, spec, m),
        plan: PlanSteps {
            budget,
            steps: steps
                .iter()
                .enumerate()
                .map(|(k, s)| StepRow {
                    step: k + 1,
                    a: id(s.a),
                    b: id(s.b),
                    introducer: s.introducer.map(id),
                    trust: s.trust,
                    gain: s.gain,
                    trusted_reach_after: s.trusted_reach_after,
                    sustainability: s.sustainability,
                })
                .collect(),
        },
        successors: successors
            .iter()
            .map(|s| SuccessorRow {
                id: id(s.practitioner),
                successor: s.candidates.first().map(|c| id(c.successor)),
                sustainability: s.candidates.first().map(|c| c.sustainability),
                candidates: s
                    .candidates
                    .iter()
                    .enumerate()
                    .map(|(r, c)| CandidateRow {
                        rank: r + 1,
                        successor: id(c.successor),
                        gain: c.gain,
                        sustainability: c.sustainability,
                        caution: role_mismatch(net, s.practitioner, c.successor),
                    })
                    .collect(),
            })
            .collect(),
        labels: net
            .actors()
            .iter()
            .map(|a| (a.id.clone(), a.label.clone()))
            .collect(),
        roles: net
            .actors()
            .iter()
            .filter_map(|a| Some((a.id.clone(), a.role.clone()?)))
            .collect(),
    }
}

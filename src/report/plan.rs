//! The report of `stakenet plan`: the greedy exit plan (introductions to
//! broker before leaving) next to the best single internal successor of each
//! exiting practitioner.
//!
//! JSON: `{"summary": {…exit figures…}, "plan": {"budget", "steps": [{step, a,
//! b, trust, gain, trusted_reach_after, sustainability}]}, "successors":
//! [{"id", "successor", "sustainability"}]}`. CSV: one row per option
//! (`option` = `introduction` or `handover`), columns `option, step,
//! practitioner, a, b, successor, trust, factor, gain, trusted_reach_after,
//! sustainability`, blank where a column does not apply.

use std::collections::BTreeMap;

use serde::Serialize;

use super::exit::ExitSummary;
use crate::metrics::exit::{ExitMeasures, ExitSpec};
pub use crate::metrics::plan::SUCCESSOR_FACTOR;
use crate::metrics::plan::{PlanStep, Successor};
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

/// The best successor of one exiting practitioner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuccessorRow {
    /// The exiting practitioner's id.
    pub id: String,
    /// The internal actor whose handover (factor 0.5) keeps most trusted
    /// reach; null when none gives a defined sustainability.
    pub successor: Option<String>,
    /// Sustainability with that handover.
    pub sustainability: Option<f64>,
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
}

/// Build the `plan` report.
pub fn plan(
    net: &Network,
    spec: &ExitSpec,
    m: &ExitMeasures,
    budget: usize,
    steps: &[PlanStep],
    successors: &[Successor],
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
                successor: s.successor.map(id),
                sustainability: s.sustainability,
            })
            .collect(),
        labels: net
            .actors()
            .iter()
            .map(|a| (a.id.clone(), a.label.clone()))
            .collect(),
    }
}

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

use super::exit::{words, ExitSummary};
use crate::metrics::exit::{ExitMeasures, ExitSpec};
use crate::metrics::plan::{PlanStep, Successor, SUCCESSOR_FACTOR};
use crate::model::Network;
use crate::render::{table, Tabular};

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
    labels: BTreeMap<String, String>,
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

impl PlanReport {
    fn label(&self, id: &str) -> String {
        self.labels
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// The findings in plain words, one sentence per line.
    pub fn findings(&self) -> Vec<String> {
        let mut out = vec![words::exit_sentence(&self.summary, &|id| self.label(id))];
        for s in &self.successors {
            out.push(match &s.successor {
                Some(c) => format!(
                    "Handing {}'s ties to {} keeps {}.",
                    self.label(&s.id),
                    self.label(c),
                    words::percent(s.sustainability)
                ),
                None => format!(
                    "No internal actor can take over {}'s ties.",
                    self.label(&s.id)
                ),
            });
        }
        let steps = &self.plan.steps;
        match steps.last() {
            Some(last) => {
                let ties: Vec<String> = steps
                    .iter()
                    .map(|s| format!("{}–{}", self.label(&s.a), self.label(&s.b)))
                    .collect();
                out.push(format!(
                    "Brokering {} {} first raises it to {}.",
                    if ties.len() == 1 {
                        "the introduction"
                    } else {
                        "introductions"
                    },
                    words::list(&ties),
                    words::percent(last.sustainability)
                ));
            }
            None => out.push(
                "No introduction between the leavers' contacts would add trusted reach."
                    .to_string(),
            ),
        }
        out
    }
}

impl Tabular for PlanReport {
    fn table(&self) -> String {
        let mut out = self.findings().join("\n");
        out.push_str("\n\n");
        let mut t = table::Table::new(&[
            "step",
            "introduce",
            "and",
            "trust",
            "gain",
            "trusted reach",
            "sustainability",
        ]);
        for s in &self.plan.steps {
            t.row(vec![
                s.step.to_string(),
                s.a.clone(),
                s.b.clone(),
                table::number(Some(s.trust)),
                table::number(Some(s.gain)),
                table::number(Some(s.trusted_reach_after)),
                table::number(s.sustainability),
            ]);
        }
        out.push_str(&t.render());
        if !self.successors.is_empty() {
            out.push('\n');
            let mut t = table::Table::new(&["practitioner", "best successor", "sustainability"]);
            for s in &self.successors {
                t.row(vec![
                    s.id.clone(),
                    s.successor.clone().unwrap_or_else(|| "-".to_string()),
                    table::number(s.sustainability),
                ]);
            }
            out.push_str(&t.render());
        }
        out
    }

    fn csv_rows(&self) -> Vec<serde_json::Value> {
        use serde_json::{json, Value};
        let mut rows: Vec<Value> = self
            .plan
            .steps
            .iter()
            .map(|s| {
                json!({"option": "introduction", "step": s.step, "practitioner": null,
                       "a": s.a, "b": s.b, "successor": null, "trust": s.trust, "factor": null,
                       "gain": s.gain, "trusted_reach_after": s.trusted_reach_after,
                       "sustainability": s.sustainability})
            })
            .collect();
        rows.extend(self.successors.iter().map(|s| {
            json!({"option": "handover", "step": null, "practitioner": s.id,
                   "a": null, "b": null, "successor": s.successor, "trust": null, "factor": SUCCESSOR_FACTOR,
                   "gain": null, "trusted_reach_after": null,
                   "sustainability": s.sustainability})
        }));
        rows
    }
}

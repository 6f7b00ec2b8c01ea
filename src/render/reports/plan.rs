//! The `plan` report as findings in plain words, a table and CSV rows.

use super::words;
use crate::render::{table, Tabular};
use crate::report::plan::{PlanReport, SUCCESSOR_FACTOR};

impl PlanReport {
    /// The label of an actor, else the id, safe for a terminal.
    fn label(&self, id: &str) -> String {
        table::sanitize(self.labels.get(id).map_or(id, String::as_str))
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

//! The `plan` report as findings in plain words, a table and CSV rows.

use super::words;
use crate::render::{table, Tabular};
use crate::report::plan::{CandidateRow, PlanReport, SUCCESSOR_FACTOR};

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
        out.extend(self.cautions());
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

impl PlanReport {
    /// One line per ranked candidate flagged by the role rule.
    fn cautions(&self) -> Vec<String> {
        let role = |id: &str| {
            self.roles
                .get(id)
                .map(|r| r.trim())
                .filter(|r| !r.is_empty())
                .map_or("no role recorded".to_string(), |r| {
                    format!("role {}", table::sanitize(r))
                })
        };
        let mut out = Vec::new();
        for s in &self.successors {
            let flagged: Vec<String> = s
                .candidates
                .iter()
                .filter(|c| c.caution)
                .map(|c| {
                    format!(
                        "{} (#{}, {})",
                        self.label(&c.successor),
                        c.rank,
                        role(&c.successor)
                    )
                })
                .collect();
            if flagged.is_empty() {
                continue;
            }
            let one = flagged.len() == 1;
            out.push(format!(
                "Caution: of {}'s ranked successors, {} {} in another role than {}'s \
                 ({}): a finding to check with the site, not a plan.",
                self.label(&s.id),
                words::list(&flagged),
                if one {
                    "is a stakeholder"
                } else {
                    "are stakeholders"
                },
                self.label(&s.id),
                role(&s.id)
            ));
        }
        out
    }
}

/// What the table says when no leaving actor knows both ends of a step.
const NO_INTRODUCER: &str = "no leaving practitioner knows both";

impl Tabular for PlanReport {
    fn table(&self) -> String {
        self.text(None)
    }

    fn table_within(&self, width: usize) -> String {
        self.text(Some(width))
    }

    fn csv_rows(&self) -> Vec<serde_json::Value> {
        self.rows()
    }
}

impl PlanReport {
    /// The table text, its findings wrapped to `width` when given and
    /// the "nobody knows both" note shortened (the tables hold ids and
    /// figures otherwise).
    fn text(&self, width: Option<usize>) -> String {
        let mut out = String::new();
        super::words::findings_block_within(&self.findings(), width, &mut out);
        let mut t = table::Table::new(&[
            "step",
            "introduce",
            "and",
            "introduced by",
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
                s.introducer
                    .clone()
                    .unwrap_or_else(|| NO_INTRODUCER.to_string()),
                table::number(Some(s.trust)),
                table::number(Some(s.gain)),
                table::number(Some(s.trusted_reach_after)),
                table::number(s.sustainability),
            ]);
        }
        out.push_str(&super::words::fitted(t, width, &["introduced by"]));
        if !self.successors.is_empty() {
            out.push('\n');
            let mut t = table::Table::new(&[
                "practitioner",
                "rank",
                "successor",
                "gain",
                "sustainability",
                "caution",
            ]);
            for s in &self.successors {
                if s.candidates.is_empty() {
                    let dash = || "-".to_string();
                    t.row(vec![
                        s.id.clone(),
                        dash(),
                        dash(),
                        dash(),
                        dash(),
                        String::new(),
                    ]);
                }
                for c in &s.candidates {
                    t.row(vec![
                        s.id.clone(),
                        c.rank.to_string(),
                        c.successor.clone(),
                        table::number(Some(c.gain)),
                        table::number(Some(c.sustainability)),
                        if c.caution { "other role" } else { "" }.to_string(),
                    ]);
                }
            }
            out.push_str(&t.render());
        }
        out
    }

    /// The CSV rows: one per introduction step, then one per ranked
    /// successor (or per practitioner without one).
    fn rows(&self) -> Vec<serde_json::Value> {
        use serde_json::{json, Value};
        let mut rows: Vec<Value> = self
            .plan
            .steps
            .iter()
            .map(|s| {
                json!({"option": "introduction", "step": s.step, "practitioner": null,
                       "a": s.a, "b": s.b, "introducer": s.introducer, "rank": null,
                       "successor": null, "trust": s.trust, "factor": null,
                       "gain": s.gain, "trusted_reach_after": s.trusted_reach_after,
                       "sustainability": s.sustainability, "caution": null})
            })
            .collect();
        let handover = |id: &str, c: Option<&CandidateRow>| {
            json!({"option": "handover", "step": null, "practitioner": id,
                   "a": null, "b": null, "introducer": null, "rank": c.map(|c| c.rank),
                   "successor": c.map(|c| &c.successor), "trust": null, "factor": SUCCESSOR_FACTOR,
                   "gain": c.map(|c| c.gain), "trusted_reach_after": null,
                   "sustainability": c.map(|c| c.sustainability), "caution": c.map(|c| c.caution)})
        };
        for s in &self.successors {
            if s.candidates.is_empty() {
                rows.push(handover(&s.id, None));
            }
            rows.extend(s.candidates.iter().map(|c| handover(&s.id, Some(c))));
        }
        rows
    }
}

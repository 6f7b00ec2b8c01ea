//! The `exit` report as a table (findings in plain words, then the
//! measures) and CSV rows.

use super::words;
use crate::model::ActorKind;
use crate::render::{table, Tabular};
use crate::report::exit::{ExitActor, ExitReport};

impl ExitReport {
    /// The findings in plain words, one sentence per line: who leaves and
    /// what is lost, the share kept without the handover (when one was
    /// given), and whose own exit would cost the most.
    pub fn findings(&self) -> Vec<String> {
        let s = &self.summary;
        let mut out = vec![words::exit_sentence(s, &|id| {
            words::label(&self.actors, id)
        })];
        if let Some(plain) = s.sustainability_without_handover {
            out.push(format!(
                "Without the handover the site would keep {}.",
                words::percent(plain)
            ));
        }
        if let Some(top) = self
            .actors
            .iter()
            .filter(|a| a.exit_impact_rank == Some(1))
            .find(|a| a.exit_impact.is_some_and(|x| x > 0.0))
        {
            out.push(format!(
                "On its own, {}'s exit would cost the most: {} of the trusted reach.",
                table::sanitize(&top.identity.label),
                words::percent(top.exit_impact)
            ));
        }
        out
    }
}

impl Tabular for ExitReport {
    fn table(&self) -> String {
        self.text(None)
    }

    fn table_within(&self, width: usize) -> String {
        self.text(Some(width))
    }

    fn csv_rows(&self) -> Vec<serde_json::Value> {
        crate::render::csv::serialised(&self.actors)
    }
}

impl ExitReport {
    /// The table text, fitted to `width` when given.
    fn text(&self, width: Option<usize>) -> String {
        let s = &self.summary;
        let mut out = String::new();
        words::findings_block_within(&self.findings(), width, &mut out);
        let mut t = table::Table::new(&["measure", "before", "after"]);
        let row = |name: &str, b: Option<f64>, a: Option<f64>| {
            vec![
                name.to_string(),
                b.map_or(String::new(), |b| table::number(Some(b))),
                table::number(a),
            ]
        };
        t.row(row("reach", s.reach_before, s.reach_after));
        t.row(row("fragmentation", None, s.fragmentation_after));
        t.row(row(
            "trusted reach",
            s.trusted_reach_before,
            s.trusted_reach_after,
        ));
        t.row(row("sustainability", None, s.sustainability));
        t.row(row("dependent pairs", None, s.dependent_pairs));
        out.push_str(&t.render());
        if let Some(sm) = &s.sampling {
            let note = format!(
                "Estimated from {} of {} stakeholders as sources (seed {}); standard errors: \
                 trusted reach after {}, sustainability {} (JSON: the *_se fields).\n",
                sm.sampled_sources,
                s.stakeholders,
                sm.seed,
                table::number(sm.trusted_reach_after_se),
                table::number(sm.sustainability_se),
            );
            match width {
                Some(width) => out.push_str(&crate::render::columns::wrap(&note, width)),
                None => out.push_str(&note),
            }
        }
        out.push('\n');
        let mut st = table::Table::new(&[
            "stakeholder",
            "label",
            "group",
            "trust retained",
            "stranded",
        ]);
        for a in self
            .actors
            .iter()
            .filter(|a| a.identity.kind == ActorKind::Stakeholder && !a.exiting)
        {
            st.row(vec![
                a.identity.id.clone(),
                a.identity.label.clone(),
                a.identity.group.clone(),
                table::number(a.trust_retained),
                if a.stranded { "yes" } else { "" }.to_string(),
            ]);
        }
        out.push_str(&words::fitted(st, width, &["label"]));
        let mut ranked: Vec<&ExitActor> = self
            .actors
            .iter()
            .filter(|a| a.identity.kind == ActorKind::Practitioner)
            .collect();
        if !ranked.is_empty() {
            ranked.sort_by_key(|a| (a.exit_impact_rank.is_none(), a.exit_impact_rank));
            out.push('\n');
            let mut pt =
                table::Table::new(&["rank", "practitioner", "label", "placement", "exit impact"]);
            for a in ranked {
                pt.row(vec![
                    a.exit_impact_rank
                        .map_or("-".to_string(), |r| r.to_string()),
                    a.identity.id.clone(),
                    a.identity.label.clone(),
                    a.identity.placement.to_string(),
                    table::number(a.exit_impact),
                ]);
            }
            out.push_str(&words::fitted(pt, width, &["label"]));
        }
        out
    }
}

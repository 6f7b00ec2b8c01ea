//! The `analyze` report as a table and CSV rows.

use crate::render::{table, Tabular};
use crate::report::AnalyzeReport;

impl Tabular for AnalyzeReport {
    // Long: the analyze table's sections in print order.
    fn table(&self) -> String {
        let n = &self.network.overview;
        let mut out = String::new();
        out.push_str(&format!(
            "{} actors: {} external and {} internal practitioners, {} stakeholders ({} external) in {} groups\n",
            n.actors,
            n.practitioners_external,
            n.practitioners_internal,
            n.stakeholders_internal + n.stakeholders_external,
            n.stakeholders_external,
            n.groups,
        ));
        out.push_str(&format!(
            "{} ties ({} directed), density {}, {} component(s), largest {}, {} without a trusted tie\n",
            n.ties,
            n.directed_ties,
            table::number(n.density),
            n.components,
            n.largest_component,
            n.isolates,
        ));
        out.push_str(&format!(
            "mean trust {}, mean communication {}/month, mean |power differential| {}",
            table::number(n.mean_trust),
            table::number(n.mean_communication),
            table::number(n.mean_power_differential),
        ));
        if n.directed {
            out.push_str(&format!(
                ", reciprocity {}, trust asymmetry {}",
                table::number(n.reciprocity),
                table::number(n.trust_asymmetry)
            ));
        }
        out.push('\n');
        out.push_str(&format!(
            "practitioner dependency {} (share of shortest stakeholder-to-stakeholder paths that run through a practitioner)",
            table::number(self.network.practitioner_dependency),
        ));
        if let Some(k) = self.network.sampled_sources {
            out.push_str(&format!(
                "; path metrics estimated from {k} sampled sources"
            ));
        }
        out.push_str("\n\n");
        let mut types = table::Table::new(&[
            "relationship",
            "ties",
            "mean trust",
            "mean communication",
            "mean |power diff|",
        ]);
        for r in &n.relationship_types {
            types.row(vec![
                r.relationship.name().to_string(),
                r.ties.to_string(),
                table::number(r.mean_trust),
                table::number(r.mean_communication),
                table::number(r.mean_power_differential),
            ]);
        }
        out.push_str(&types.render());
        out.push('\n');
        let mut actors = table::Table::new(&[
            "id",
            "label",
            "kind",
            "group",
            "degree",
            "strength",
            "trust given",
            "trust received",
            "betweenness",
            "stakeholder btw",
            "closeness",
            "pagerank",
            "practitioner share",
            "constraint",
            "effective size",
            "brokerage",
        ]);
        for a in &self.actors {
            actors.row(vec![
                a.identity.id.clone(),
                a.identity.label.clone(),
                a.identity.kind.to_string(),
                a.identity.group.clone(),
                a.degree.to_string(),
                table::number(Some(a.strength)),
                table::number(a.mean_trust_given),
                table::number(a.mean_trust_received),
                table::number(Some(a.betweenness)),
                table::number(a.stakeholder_betweenness),
                table::number(Some(a.closeness)),
                table::number(Some(a.pagerank)),
                table::number(a.practitioner_share),
                table::number(a.constraint),
                table::number(a.effective_size),
                a.brokerage_total.to_string(),
            ]);
        }
        out.push_str(&actors.render());
        out
    }

    fn csv_rows(&self) -> Vec<serde_json::Value> {
        crate::render::csv::serialised(&self.actors)
    }
}

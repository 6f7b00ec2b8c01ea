//! The `analyze` report as a table and CSV rows.

use crate::render::columns::{wrap, Cell, Column, Columns, TableOptions};
use crate::render::{table, Tabular};
use crate::report::analyze::AnalyzeActor;
use crate::report::AnalyzeReport;

impl Tabular for AnalyzeReport {
    fn table(&self) -> String {
        self.table_with(&TableOptions::default())
    }

    fn csv_rows(&self) -> Vec<serde_json::Value> {
        crate::render::csv::serialised(&self.actors)
    }
}

fn text(t: &str) -> Cell {
    Cell::Text(t.to_string())
}

fn optional(t: Option<&str>) -> Cell {
    Cell::Text(t.unwrap_or_default().to_string())
}

/// The columns of the actor table, named as the JSON and CSV fields (the
/// extra nodes.csv columns are in JSON and CSV only). The default set is
/// what a practitioner reads first: who, how tied, how much of a bridge
/// (betweenness, brokerage) and how hemmed in (constraint).
pub static ANALYZE_COLUMNS: Columns<AnalyzeActor> = Columns {
    all: &[
        Column {
            name: "id",
            legend: "",
            cell: |a| text(&a.identity.id),
        },
        Column {
            name: "label",
            legend: "",
            cell: |a| text(&a.identity.label),
        },
        Column {
            name: "kind",
            legend: "",
            cell: |a| text(&a.identity.kind.to_string()),
        },
        Column {
            name: "placement",
            legend: "",
            cell: |a| text(&a.identity.placement.to_string()),
        },
        Column {
            name: "group",
            legend: "",
            cell: |a| text(&a.identity.group),
        },
        Column {
            name: "role",
            legend: "",
            cell: |a| optional(a.role.as_deref()),
        },
        Column {
            name: "level",
            legend: "",
            cell: |a| optional(a.level.map(|l| l.to_string()).as_deref()),
        },
        Column {
            name: "power",
            legend: "positional power, from nodes.csv (0 to 1)",
            cell: |a| Cell::Figure(Some(a.power)),
        },
        Column {
            name: "degree",
            legend: "ties (arcs in and out when some tie is directed)",
            cell: |a| Cell::Count(a.ties.degree as u64),
        },
        Column {
            name: "in_degree",
            legend: "arcs in",
            cell: |a| Cell::Count(a.ties.in_degree as u64),
        },
        Column {
            name: "out_degree",
            legend: "arcs out",
            cell: |a| Cell::Count(a.ties.out_degree as u64),
        },
        Column {
            name: "strength",
            legend: "trust summed over its ties",
            cell: |a| Cell::Figure(Some(a.ties.strength)),
        },
        Column {
            name: "mean_trust_given",
            legend: "mean trust it gives (over arcs out)",
            cell: |a| Cell::Figure(a.ties.mean_trust_given),
        },
        Column {
            name: "mean_trust_received",
            legend: "mean trust it receives (over arcs in)",
            cell: |a| Cell::Figure(a.ties.mean_trust_received),
        },
        Column {
            name: "betweenness",
            legend: "share of shortest paths between others that run through it",
            cell: |a| Cell::Figure(Some(a.betweenness)),
        },
        Column {
            name: "closeness",
            legend: "how near the others are (higher is nearer)",
            cell: |a| Cell::Figure(Some(a.closeness)),
        },
        Column {
            name: "harmonic",
            legend: "sum of 1 / distance from each other actor",
            cell: |a| Cell::Figure(Some(a.harmonic)),
        },
        Column {
            name: "pagerank",
            legend: "standing from trusted ties in (all actors sum to 1)",
            cell: |a| Cell::Figure(Some(a.pagerank)),
        },
        Column {
            name: "stakeholder_betweenness",
            legend: "betweenness over stakeholder pairs only",
            cell: |a| Cell::Figure(a.stakeholder_betweenness),
        },
        Column {
            name: "practitioner_share",
            legend: "practitioners: share of stakeholder-to-stakeholder paths through it",
            cell: |a| Cell::Figure(a.practitioner_share),
        },
        Column {
            name: "constraint",
            legend: "how much its contacts are tied to each other (Burt; low: a broker)",
            cell: |a| Cell::Figure(a.constraint),
        },
        Column {
            name: "effective_size",
            legend: "contacts that are not tied to its other contacts (Burt)",
            cell: |a| Cell::Figure(a.effective_size),
        },
        Column {
            name: "efficiency",
            legend: "effective size per contact",
            cell: |a| Cell::Figure(a.efficiency),
        },
        Column {
            name: "hierarchy",
            legend: "how much of its constraint comes from one contact (Burt)",
            cell: |a| Cell::Figure(a.hierarchy),
        },
        Column {
            name: "coordinator",
            legend: "brokers between two members of its own group",
            cell: |a| Cell::Count(a.coordinator),
        },
        Column {
            name: "itinerant",
            legend: "brokers between two members of one other group",
            cell: |a| Cell::Count(a.itinerant),
        },
        Column {
            name: "representative",
            legend: "brokers from its own group out to another group",
            cell: |a| Cell::Count(a.representative),
        },
        Column {
            name: "gatekeeper",
            legend: "brokers from another group into its own",
            cell: |a| Cell::Count(a.gatekeeper),
        },
        Column {
            name: "liaison",
            legend: "brokers between two other, different groups",
            cell: |a| Cell::Count(a.liaison),
        },
        Column {
            name: "brokerage_total",
            legend: "pairs with no tie of their own that it links (Gould-Fernandez)",
            cell: |a| Cell::Count(a.brokerage_total),
        },
    ],
    default: &[
        "id",
        "label",
        "kind",
        "group",
        "degree",
        "strength",
        "betweenness",
        "closeness",
        "constraint",
        "brokerage_total",
    ],
    drop_order: &[
        "label",
        "group",
        "strength",
        "brokerage_total",
        "closeness",
        "degree",
        "kind",
        "constraint",
        "betweenness",
    ],
};

impl AnalyzeReport {
    /// The report as text: the network's figures, the relationship types,
    /// then one row per actor with the columns, order and width `options`
    /// ask for (see [`ANALYZE_COLUMNS`]), and a legend of its figures.
    pub fn table_with(&self, options: &TableOptions) -> String {
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
        out.push('\n');
        if let Some(width) = options.width {
            out = wrap(&out, width);
        }
        out.push('\n');
        let mut types = table::Table::new(&[
            "relationship",
            "ties",
            "mean trust",
            "mean communication",
            "mean |power|",
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
        out.push_str(&ANALYZE_COLUMNS.render(&self.actors, options));
        out
    }
}

//! The report of `stakenet analyze`.

use serde::Serialize;

use super::{ActorIdentity, Attributes};
use crate::metrics::{actor_ties, overview, Overview};
use crate::metrics::{brokerage_roles, structural_holes};
use crate::metrics::{pagerank, path_centrality, CentralityOptions};
use crate::model::Network;
use crate::render::{table, Tabular};

/// Network-level figures, with the contract's names: the [`Overview`]
/// fields, then the shortest-path summaries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkSummary {
    /// Counts, density, components, means per relationship type.
    #[serde(flatten)]
    pub overview: Overview,
    /// Mean share of shortest paths between connected ordered stakeholder
    /// pairs that have a practitioner inside (see
    /// [`crate::metrics::path_centrality`]); null when no pair is connected.
    pub practitioner_dependency: Option<f64>,
    /// Sources the shortest-path metrics were estimated from
    /// (`--betweenness-sample`); null when computed exactly.
    pub sampled_sources: Option<usize>,
}

/// One actor's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnalyzeActor {
    /// Who.
    #[serde(flatten)]
    pub identity: ActorIdentity,
    /// Degree (see [`crate::metrics::ActorTies`]).
    pub degree: usize,
    /// Arcs in.
    pub in_degree: usize,
    /// Arcs out.
    pub out_degree: usize,
    /// Σ trust over its arcs.
    pub strength: f64,
    /// Mean trust it gives.
    pub mean_trust_given: Option<f64>,
    /// Mean trust it receives.
    pub mean_trust_received: Option<f64>,
    /// Normalised betweenness (networkx-compatible).
    pub betweenness: f64,
    /// Wasserman–Faust closeness, distances to the actor.
    pub closeness: f64,
    /// Harmonic centrality, distances to the actor.
    pub harmonic: f64,
    /// PageRank with trust as weight.
    pub pagerank: f64,
    /// Betweenness over stakeholder pairs only; null with fewer than two
    /// other stakeholders.
    pub stakeholder_betweenness: Option<f64>,
    /// For a practitioner, the mean share of shortest stakeholder-pair paths
    /// through it; null for stakeholders.
    pub practitioner_share: Option<f64>,

    // Structural holes and brokerage (see `metrics::structural_holes`,
    // `metrics::brokerage`).
    /// Burt's constraint; null without contacts.
    pub constraint: Option<f64>,
    /// Burt's effective size; null without contacts.
    pub effective_size: Option<f64>,
    /// Effective size per contact; null without contacts.
    pub efficiency: Option<f64>,
    /// Burt's hierarchy; null without contacts.
    pub hierarchy: Option<f64>,
    /// Gould–Fernandez w_I: brokers within its own group.
    pub coordinator: u64,
    /// w_O: brokers within one other group.
    pub itinerant: u64,
    /// b_IO: brokers from its own group out to another.
    pub representative: u64,
    /// b_OI: brokers from another group into its own.
    pub gatekeeper: u64,
    /// b_O: brokers between two other, different groups.
    pub liaison: u64,
    /// All open two-paths it brokers.
    pub brokerage_total: u64,

    /// Extra `nodes.csv` columns.
    pub attributes: Attributes,
}

/// Everything `analyze` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnalyzeReport {
    /// Network-level figures.
    pub network: NetworkSummary,
    /// Per-actor rows, in id order.
    pub actors: Vec<AnalyzeActor>,
}

/// Build the `analyze` report of a network with the default options.
pub fn analyze(net: &Network) -> AnalyzeReport {
    analyze_with(net, &CentralityOptions::default())
}

/// Build the `analyze` report of a network; `centrality` chooses the tie
/// length and any source sampling of the shortest-path metrics.
pub fn analyze_with(net: &Network, centrality: &CentralityOptions) -> AnalyzeReport {
    let ties = actor_ties(net);
    let paths = path_centrality(net, centrality);
    let pagerank = pagerank(net);
    let holes = structural_holes(net);
    let roles = brokerage_roles(net);
    let actors = ties
        .iter()
        .enumerate()
        .map(|(i, t)| AnalyzeActor {
            identity: ActorIdentity::of(net, i),
            degree: t.degree,
            in_degree: t.in_degree,
            out_degree: t.out_degree,
            strength: t.strength,
            mean_trust_given: t.mean_trust_given,
            mean_trust_received: t.mean_trust_received,
            betweenness: paths.betweenness[i],
            closeness: paths.closeness[i],
            harmonic: paths.harmonic[i],
            pagerank: pagerank[i],
            stakeholder_betweenness: paths.stakeholder_betweenness[i],
            practitioner_share: paths.practitioner_share[i],

            constraint: holes[i].constraint,
            effective_size: holes[i].effective_size,
            efficiency: holes[i].efficiency,
            hierarchy: holes[i].hierarchy,
            coordinator: roles[i].coordinator,
            itinerant: roles[i].itinerant,
            representative: roles[i].representative,
            gatekeeper: roles[i].gatekeeper,
            liaison: roles[i].liaison,
            brokerage_total: roles[i].total,

            attributes: Attributes::of(net, i),
        })
        .collect();
    AnalyzeReport {
        network: NetworkSummary {
            overview: overview(net),
            practitioner_dependency: paths.practitioner_dependency,
            sampled_sources: paths.sampled_sources,
        },
        actors,
    }
}

impl Tabular for AnalyzeReport {
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
        self.actors
            .iter()
            .map(|a| serde_json::to_value(a).expect("report rows serialise"))
            .collect()
    }
}

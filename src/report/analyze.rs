//! The report of `stakenet analyze`.

use serde::Serialize;

use super::{ActorIdentity, Attributes};
use crate::metrics::{actor_ties, overview, ActorTies, Overview};
use crate::metrics::{brokerage_roles, structural_holes};
use crate::metrics::{pagerank, path_centrality_reporting, CentralityOptions, Progress};
use crate::model::{Level, Network};

/// Network-level figures, with the format's names: the [`Overview`]
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
    /// Role, when given.
    pub role: Option<String>,
    /// Level, when given.
    pub level: Option<Level>,
    /// Positional power.
    pub power: f64,
    /// Degree, strength and mean trust (see [`crate::metrics::ActorTies`]).
    #[serde(flatten)]
    pub ties: ActorTies,
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
    analyze_reporting(net, centrality, &Progress::new())
}

/// [`analyze_with`], counting the shortest-path pass's sources in
/// `progress` as they are done (the rest of the report takes a small share
/// of the time).
pub fn analyze_reporting(
    net: &Network,
    centrality: &CentralityOptions,
    progress: &Progress,
) -> AnalyzeReport {
    let ties = actor_ties(net);
    let paths = path_centrality_reporting(net, centrality, progress);
    let pagerank = pagerank(net);
    let holes = structural_holes(net);
    let roles = brokerage_roles(net);
    let actors = ties
        .iter()
        .enumerate()
        .map(|(i, t)| AnalyzeActor {
            identity: ActorIdentity::of(net, i),
            role: net.actor(i).role.clone(),
            level: net.actor(i).level,
            power: net.actor(i).power,
            ties: *t,
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

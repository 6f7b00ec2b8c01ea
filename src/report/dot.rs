//! What the `dot` diagram draws from the metrics: the score that sets each
//! actor's node size, computed with the same options as `analyze`.

use crate::metrics::centrality::betweenness;
use crate::metrics::pagerank::pagerank;
use crate::metrics::structural_holes::{constraint, effective_size};
use crate::metrics::{actor_ties, brokerage_roles, CentralityOptions};
use crate::model::Network;

/// What sets the size of an actor's node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SizeBy {
    /// Positional power, already in [0, 1].
    #[default]
    Power,
    /// Degree (see [`crate::metrics::ActorTies`]), relative to the largest.
    Degree,
    /// Strength (Σ trust), relative to the largest.
    Strength,
    /// Burt's constraint, relative to the largest (undefined: smallest).
    Constraint,
    /// Burt's effective size, relative to the largest (undefined: smallest).
    EffectiveSize,
    /// Total Gould–Fernandez brokerage count, relative to the largest.
    Brokerage,
    /// Betweenness (tie length and sampling as `analyze` takes them),
    /// relative to the largest.
    Betweenness,
    /// PageRank (weight trust), relative to the largest.
    Pagerank,
}

impl SizeBy {
    /// The metric's name as the contract and the `--size-by` flag spell it.
    pub fn name(self) -> &'static str {
        match self {
            SizeBy::Power => "power",
            SizeBy::Degree => "degree",
            SizeBy::Strength => "strength",
            SizeBy::Constraint => "constraint",
            SizeBy::EffectiveSize => "effective_size",
            SizeBy::Brokerage => "brokerage_total",
            SizeBy::Betweenness => "betweenness",
            SizeBy::Pagerank => "pagerank",
        }
    }
}

/// Each actor's score under one [`SizeBy`], indexed like
/// [`Network::actors`]; an undefined value (an isolated actor's constraint,
/// say) is 0, which draws the smallest node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeScores {
    /// The metric.
    pub by: SizeBy,
    /// Its raw values (not yet scaled to the largest).
    pub values: Vec<f64>,
}

impl NodeScores {
    /// The scores of `net` under `by`; `centrality` sets how betweenness is
    /// computed (tie length, source sample).
    pub fn of(net: &Network, by: SizeBy, centrality: &CentralityOptions) -> Self {
        let undefined_as_zero =
            |v: Vec<Option<f64>>| v.into_iter().map(|v| v.unwrap_or(0.0)).collect();
        let values = match by {
            SizeBy::Power => net.actors().iter().map(|a| a.power).collect(),
            SizeBy::Degree => actor_ties(net).iter().map(|t| t.degree as f64).collect(),
            SizeBy::Strength => actor_ties(net).iter().map(|t| t.strength).collect(),
            SizeBy::Constraint => undefined_as_zero(constraint(net)),
            SizeBy::EffectiveSize => undefined_as_zero(effective_size(net)),
            SizeBy::Brokerage => brokerage_roles(net)
                .iter()
                .map(|r| r.total as f64)
                .collect(),
            SizeBy::Betweenness => betweenness(net, centrality),
            SizeBy::Pagerank => pagerank(net),
        };
        NodeScores { by, values }
    }
}

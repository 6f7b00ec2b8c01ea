//! Metric functions: pure functions over a [`crate::Network`] returning plain
//! data, indexed like [`crate::Network::actors`]. None of them reads files,
//! prints, or knows about the command line.

pub mod actor;
pub mod brokerage;
pub mod centrality;
pub mod exit;
mod handover;
mod heap;
pub mod overview;
pub mod pagerank;
pub(crate) mod paths;
pub mod plan;
pub mod power;
pub mod progress;
pub(crate) mod reach;
pub mod scenario;
pub mod structural_holes;
mod succession;
pub mod tolerance;
pub(crate) mod trust_paths;

pub use actor::{actor_ties, ActorTies};
pub use brokerage::{brokerage_roles, BrokerageRoles};
pub use centrality::{
    betweenness, closeness, harmonic, path_centrality, CentralityOptions, PathCentrality, Sample,
};
pub use exit::{exit, exit_impact, ExitMeasures, ExitSpec, Handover};
pub use overview::{overview, Overview, RelationshipSummary};
pub use pagerank::pagerank;
pub use paths::Distance;
pub use plan::{
    plan, plan_with_progress, role_mismatch, successor_ranking, successors, PlanStep, Successor,
    SuccessorCandidate, SuccessorRanking, SuccessorSearch,
};
pub use power::{power, PowerMeasures, PowerRequest, Selection};
pub use progress::Progress;
pub use scenario::{ExitRequest, Scenario};
pub use structural_holes::{structural_holes, StructuralHoles};

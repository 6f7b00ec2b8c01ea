//! Metric functions: pure functions over a [`crate::Network`] returning plain
//! data, indexed like [`crate::Network::actors`]. None of them reads files,
//! prints, or knows about the command line.

pub mod actor;
pub mod centrality;
pub mod overview;
pub mod pagerank;
pub mod paths;

pub use actor::{actor_ties, ActorTies};
pub use centrality::{
    betweenness, closeness, harmonic, path_centrality, CentralityOptions, PathCentrality, Sample,
};
pub use overview::{overview, Overview, RelationshipSummary};
pub use pagerank::pagerank;
pub use paths::Distance;

//! Metric functions: pure functions over a [`crate::Network`] returning plain
//! data, indexed like [`crate::Network::actors`]. None of them reads files,
//! prints, or knows about the command line.

pub mod actor;
pub mod overview;

pub use actor::{actor_ties, ActorTies};
pub use overview::{overview, Overview, RelationshipSummary};

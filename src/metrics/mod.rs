//! Metric functions: pure functions over a [`crate::Network`] returning plain
//! data, indexed like [`crate::Network::actors`]. None of them reads files,
//! prints, or knows about the command line.

pub mod actor;
pub mod brokerage;
pub mod overview;
pub mod structural_holes;

pub use actor::{actor_ties, ActorTies};
pub use brokerage::{brokerage_roles, BrokerageRoles};
pub use overview::{overview, Overview, RelationshipSummary};
pub use structural_holes::{structural_holes, StructuralHoles};

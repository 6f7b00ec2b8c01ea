//! stakenet maps the relationships around an implementation effort in human
//! services and tells people what happens to them when outside help leaves.
//!
//! A site is a [`Network`] of actors (implementation support practitioners and
//! stakeholders) joined by ties that carry trust, communication and a power
//! differential. The flow is one way: CSV files → [`io`] → validated
//! [`Network`] → [`metrics`] (pure functions) → [`report`] structs →
//! [`render`] (table, JSON, CSV).
//!
//! ```
//! use stakenet::{Actor, Network, TieSpec};
//! let net = Network::from_parts(
//!     vec![Actor::practitioner("isp"), Actor::stakeholder("lead"), Actor::stakeholder("worker")],
//!     &[TieSpec::mutual("isp", "lead", 0.8), TieSpec::mutual("lead", "worker", 0.4)],
//! ).unwrap();
//! let overview = stakenet::metrics::overview::overview(&net);
//! assert_eq!(overview.ties, 2);
//! assert_eq!(overview.components, 1);
//! ```
#![deny(missing_docs)]
#![warn(unreachable_pub)]

pub mod batch;
pub mod error;
pub mod io;
pub mod metrics;
pub mod model;
pub mod render;
pub mod report;
pub mod survey;
pub mod validate;

pub use error::{Error, InputError, InputErrorKind, InputErrors, Location};
pub use model::{
    Actor, ActorKind, Arc, DuplicateTies, Level, ModelError, Network, NetworkBuilder, Placement,
    RelationshipType, Tie, TieSpec,
};

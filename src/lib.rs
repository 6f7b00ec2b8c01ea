//! stakenet maps the relationships around an implementation effort in human
//! services and tells people what happens to them when outside help leaves.
//!
//! A site is a [`Network`] of actors (implementation support practitioners and
//! stakeholders) joined by ties that carry trust, communication and a power
//! differential. The flow is one way: CSV files → [`io`] → validated
//! [`Network`] ([`model`]) → [`metrics`] (pure functions) → [`report`]
//! structs (plain data) → [`mod@render`] (table, JSON, CSV, DOT) → the command
//! line.
//!
//! The input format and every figure's definition and reference are in
//! `docs/format.md` in the repository.
//!
//! # One call per command
//!
//! | command | call | request | result |
//! | --- | --- | --- | --- |
//! | (input) | [`load`], [`load_files`] | a folder, or two files and [`LoadOptions`] | [`Network`] |
//! | `validate` | [`validate()`] | | [`report::validate::ValidateReport`] |
//! | `analyze` | [`analyze()`] | [`AnalyzeOptions`] | [`AnalyzeReport`] |
//! | `exit` | [`exit()`] | [`ExitRequest`] | [`ExitReport`] |
//! | `plan` | [`plan()`] | [`PlanRequest`] | [`PlanReport`] |
//! | `power` | [`power()`] | [`VoiceRequest`] | [`report::power::PowerReport`] |
//! | `dot` | [`dot()`] | [`DotRequest`] | [`Dot`] |
//! | `export` | [`export_figures`], then [`render::graphml`], [`render::gexf`], [`render::kumu`] | [`AnalyzeOptions`] | [`report::export::ActorFigures`] |
//! | `import` | [`io::graphml::read_graphml`] or [`io::kumu::read`], then [`io::import::import`] | [`io::import::FieldMap`] | [`io::import::Imported`] |
//! | `compare` | [`compare()`] | [`compare::CompareOptions`] | [`compare::Comparison`] |
//! | `dot --compare` | [`compare_dot`] | a [`compare::Comparison`] and [`DotRequest`] | [`Dot`] |
//! | `report` | [`report_page`] (then [`render::html::page`]) | [`ReportRequest`] | [`report::page::ReportPage`] |
//! | `batch` | [`batch::run`] ([`analyze()`] and [`exit_summary`] per network) | [`batch::BatchOptions`] | rows |
//!
//! Requests name actors by id. An exit request is resolved once into a
//! [`Scenario`] (ids checked, handovers validated, the exit set X and the
//! mask of G′ = G − X), which analyses of "the site after X leaves" share.
//! Every call returns [`Error`] on failure.
//!
//! ```
//! use stakenet::{AnalyzeOptions, ExitRequest, Format, Handover};
//! # let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/county-parenting-site");
//! let net = stakenet::load(&dir)?;
//!
//! let analysis = stakenet::analyze(&net, &AnalyzeOptions::default())?;
//! assert_eq!(analysis.actors.len(), net.len());
//!
//! // The external practitioners leave (the default), after Omar hands his
//! // ties to Wen at 50% trust.
//! let request = ExitRequest {
//!     exit: None,
//!     handovers: vec![Handover { from: "data_coach".into(), to: "qa_analyst".into(), factor: 0.5 }],
//! };
//! let exit = stakenet::exit(&net, &request)?;
//! assert!(exit.summary.exit.contains(&"data_coach".to_string()));
//! assert!(exit.summary.sustainability_without_handover.is_some());
//!
//! let table = stakenet::render(&exit, Format::Table);
//! assert!(String::from_utf8(table)?.starts_with("If "));
//! let json = stakenet::render(&exit, Format::Json);
//! assert!(json.starts_with(b"{"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Networks can also be built in code:
//!
//! ```
//! use stakenet::{Actor, Network, TieSpec};
//! let net = Network::from_parts(
//!     vec![Actor::practitioner("isp"), Actor::stakeholder("lead"), Actor::stakeholder("worker")],
//!     &[TieSpec::mutual("isp", "lead", 0.8), TieSpec::mutual("lead", "worker", 0.4)],
//! )?;
//! let overview = stakenet::metrics::overview(&net);
//! assert_eq!(overview.ties, 2);
//! assert_eq!(overview.components, 1);
//! # Ok::<(), stakenet::Error>(())
//! ```
#![deny(missing_docs)]
#![warn(unreachable_pub)]

pub mod batch;
mod commands;
pub mod compare;
pub mod error;
pub mod io;
pub mod metrics;
pub mod model;
pub mod render;
pub mod report;
pub mod survey;
pub mod text;
pub mod validate;

pub use commands::export_figures;
pub use commands::{
    analyze, analyze_reporting, compare, compare_dot, dot, exit, exit_summary, load, load_files,
    plan, power, validate, AnalyzeOptions, Dot, DotRequest, PlanRequest, SuccessorRequest,
    VoiceRequest,
};
pub use commands::{
    available_memory, check_exit_memory, check_plan_memory, exit_sampled, exit_with_progress,
    plan_with_progress,
};
pub use commands::{report_page, ReportRequest};
pub use error::{Error, IdList, InputError, InputErrorKind, InputErrors, Location};
pub use io::LoadOptions;
pub use metrics::centrality::DEFAULT_SEED;
pub use metrics::power::{DEFAULT_DECISION_POWER, DEFAULT_LOW_POWER, DEFAULT_STEEP};
pub use metrics::scenario::{ExitRequest, ExitSelection, Handover, Scenario};
pub use metrics::Progress;
pub use metrics::{CentralityOptions, Distance, Sample};
pub use model::{
    Actor, ActorKind, DirectedTie, DuplicateTies, Level, ModelError, Network, NetworkBuilder,
    Placement, RelationshipType, Tie, TieSpec,
};
pub use render::dot::{ClusterBy, DotOptions, SizeBy};
pub use render::{render, Format};
pub use report::{AnalyzeReport, ExitReport, PlanReport};

//! The reports as text tables and CSV rows: one file per report, each an
//! `impl` of [`super::Tabular`]. JSON comes from the reports' `Serialize`.

mod analyze;
pub use analyze::ANALYZE_COLUMNS;
mod compare;
mod compare_words;
mod exit;
mod plan;
mod power;
pub mod validate;
pub(crate) mod words;

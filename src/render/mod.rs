//! Renderers: report structs in, bytes out. No metric is computed here and no
//! I/O is done; the caller decides where the bytes go.

pub mod columns;
pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graph_table;
pub mod graphml;
pub mod html;
pub mod kumu;
pub mod reports;
pub mod table;
pub mod workbook;

use serde::Serialize;

/// An output format every reporting command takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for people.
    Table,
    /// One JSON document.
    Json,
    /// Comma-separated rows with a header (spreadsheet-safe).
    Csv,
}

/// A report that can be shown as a table and as CSV rows (JSON comes from
/// `Serialize`).
pub trait Tabular: Serialize {
    /// The text a person reads.
    fn table(&self) -> String;
    /// [`Tabular::table`] fitted to `width` characters a line where the
    /// report can be: findings wrapped at spaces, long labels shortened.
    /// Reports whose lines are all short keep their one layout.
    fn table_within(&self, _width: usize) -> String {
        self.table()
    }
    /// The rows of the CSV form: each a JSON object with the same keys.
    /// Nested objects become columns of their own (see [`csv::rows`]).
    fn csv_rows(&self) -> Vec<serde_json::Value>;
}

/// Render a report in a format.
pub fn render<R: Tabular>(report: &R, format: Format) -> Vec<u8> {
    match format {
        Format::Table => report.table().into_bytes(),
        Format::Json => {
            let mut out = serde_json::to_vec_pretty(report).expect("reports serialise to JSON");
            out.push(b'\n');
            out
        }
        Format::Csv => csv::rows(&report.csv_rows()),
    }
}

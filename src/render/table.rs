//! Plain-text tables for people.

/// How a number reads in a table: three decimals, `-` when undefined.
pub fn number(value: Option<f64>) -> String {
    match value {
        Some(v) => format!("{v:.3}"),
        None => "-".to_string(),
    }
}

pub use crate::text::sanitize;

/// A table with a header row; numeric-looking cells are right-aligned.
#[derive(Debug, Clone, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers.
    pub fn new(headers: &[&str]) -> Self {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Add a row (cells beyond the header are dropped, missing ones blank).
    pub fn row(&mut self, cells: Vec<String>) {
        let mut cells: Vec<String> = cells.iter().map(|c| sanitize(c)).collect();
        cells.resize(self.headers.len(), String::new());
        self.rows.push(cells);
    }

    /// The table as text, one line per row, each line ending in `\n`.
    pub fn render(&self) -> String {
        let width = |s: &str| s.chars().count();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        let numeric = |s: &str| !s.is_empty() && (s == "-" || s.parse::<f64>().is_ok());
        let mut out = String::new();
        let mut line = |cells: &[String], header: bool| {
            let mut text = String::new();
            for (k, (cell, w)) in cells.iter().zip(&widths).enumerate() {
                if k > 0 {
                    text.push_str("  ");
                }
                let pad = " ".repeat(w - width(cell));
                if !header && numeric(cell) {
                    text.push_str(&pad);
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    text.push_str(&pad);
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&self.headers, true);
        for row in &self.rows {
            line(row, false);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_columns_and_neutralises_control_characters() {
        let mut t = Table::new(&["id", "trust"]);
        t.row(vec!["ana\u{1b}[2J".into(), number(Some(0.5))]);
        t.row(vec!["bo".into(), number(None)]);
        assert_eq!(
            t.render(),
            "id       trust\nana?[2J  0.500\nbo           -\n"
        );
        assert_eq!(sanitize("a\u{202e}b\u{2066}c\u{7f}d\u{85}"), "a?b?c?d?");
    }
}

//! Plain-text tables for people.

/// How a number reads in a table: three decimals, `-` when undefined.
pub fn number(value: Option<f64>) -> String {
    match value {
        Some(v) => format!("{v:.3}"),
        None => "-".to_string(),
    }
}

pub use crate::text::sanitize;

/// The fewest characters a cell is shortened to when a table is fitted to
/// a width: enough to tell most labels apart.
pub(crate) const MIN_SHORTENED: usize = 12;

/// `text` cut to at most `max` characters, an ellipsis marking the cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

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

    /// How wide each column is: its widest cell or its header.
    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        widths
    }

    /// Shorten the cells of the columns headed `names` (labels: words that
    /// still say who an actor is when their tail is cut), the widest first,
    /// until a line fits in `width` characters or each of them is down to
    /// 12 characters (or its header's width); the other columns stay whole,
    /// so a table may still be wider than `width`.
    pub fn fit(&mut self, width: usize, names: &[&str]) {
        let columns: Vec<usize> = names
            .iter()
            .filter_map(|name| self.headers.iter().position(|h| h == name))
            .collect();
        loop {
            let widths = self.widths();
            let line = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
            let Some(k) = columns
                .iter()
                .copied()
                .filter(|&k| widths[k] > MIN_SHORTENED.max(self.headers[k].chars().count()))
                .max_by_key(|&k| (widths[k], std::cmp::Reverse(k)))
            else {
                return;
            };
            if line <= width {
                return;
            }
            let target = widths[k]
                .saturating_sub(line - width)
                .max(MIN_SHORTENED)
                .max(self.headers[k].chars().count());
            for row in &mut self.rows {
                row[k] = shorten(&row[k], target);
            }
        }
    }

    /// The table as text, one line per row, each line ending in `\n`.
    pub fn render(&self) -> String {
        let width = |s: &str| s.chars().count();
        let widths = self.widths();
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

    fn people() -> Table {
        let mut t = Table::new(&["id", "label", "group", "trust"]);
        t.row(vec![
            "ana".into(),
            "Ana (caseworker - intake unit, north office)".into(),
            "frontline staff".into(),
            number(Some(0.5)),
        ]);
        t.row(vec![
            "bo".into(),
            "Bo".into(),
            "families".into(),
            number(None),
        ]);
        t
    }

    #[test]
    fn fitting_shortens_the_named_columns_until_a_line_fits() {
        let mut t = people();
        // id 3 + label 44 + group 15 + trust 5 + 3 gaps of 2 = 73.
        assert_eq!(
            t.render().lines().map(|l| l.chars().count()).max(),
            Some(73)
        );
        t.fit(60, &["label"]);
        let text = t.render();
        assert_eq!(text.lines().map(|l| l.chars().count()).max(), Some(60));
        assert!(
            text.contains("Ana (caseworker - intake unit,…  frontline"),
            "{text}"
        );
        assert!(text.contains("frontline staff"), "{text}");
        // A width the table already fits changes nothing.
        let mut wide = people();
        wide.fit(73, &["label"]);
        assert_eq!(wide.render(), people().render());
    }

    #[test]
    fn fitting_stops_at_the_shortest_label_and_leaves_other_columns_whole() {
        let mut t = people();
        t.fit(20, &["label", "nobody"]);
        let text = t.render();
        assert!(text.contains("Ana (casewo…  frontline staff"), "{text}");
        assert_eq!(shorten("Ana", 12), "Ana");
        assert_eq!(shorten("Ana (caseworker)", 5), "Ana…");
    }
}

//! Per-row tables whose columns a person chooses, sorts and fits to a
//! terminal: the `analyze` actor table's `--columns`, `--sort` and width.
//!
//! A report lists its columns once, as [`Column`]s: the name (the same as
//! the JSON and CSV field, so one vocabulary serves every format), a line
//! of plain words for the legend, and how to read the cell from a row.
//! JSON and CSV never go through here: they always hold every field, in id
//! order.

use std::cmp::Ordering;
use std::fmt;

use super::table::{self, Table};

/// One cell as the table shows it and sorts it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Words; sorted as text.
    Text(String),
    /// A figure, `None` when undefined (shown `-`, sorted last).
    Figure(Option<f64>),
    /// A count.
    Count(u64),
}

impl Cell {
    fn show(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Figure(v) => table::number(*v),
            Cell::Count(n) => n.to_string(),
        }
    }

    /// The value to sort by: `None` (undefined) always sorts last. Minus
    /// zero is zero, and NaN (which no report holds) is undefined, so the
    /// order is total.
    fn key(&self) -> Option<SortValue<'_>> {
        match self {
            Cell::Text(t) => Some(SortValue::Text(t)),
            Cell::Figure(Some(v)) if !v.is_nan() => Some(SortValue::Number(*v + 0.0)),
            Cell::Figure(_) => None,
            Cell::Count(n) => Some(SortValue::Number(*n as f64)),
        }
    }
}

enum SortValue<'a> {
    Text(&'a str),
    Number(f64),
}

impl SortValue<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (SortValue::Text(a), SortValue::Text(b)) => a.cmp(b),
            (SortValue::Number(a), SortValue::Number(b)) => a.total_cmp(b),
            // One column holds one kind of cell.
            (SortValue::Text(_), SortValue::Number(_)) => Ordering::Greater,
            (SortValue::Number(_), SortValue::Text(_)) => Ordering::Less,
        }
    }
}

/// One column a table can show.
#[derive(Debug)]
pub struct Column<R> {
    /// The name to choose and sort it by; the JSON and CSV field name.
    pub name: &'static str,
    /// One line of plain words for the legend; empty for the columns that
    /// say who the row is (id, label, kind, …), which need none.
    pub legend: &'static str,
    /// The cell of a row.
    pub cell: fn(&R) -> Cell,
}

/// Every column of a table, the default choice among them, and which to
/// leave out first to fit a width. Rows that sort equal keep id order
/// (each table has an `id` column).
#[derive(Debug)]
pub struct Columns<R: 'static> {
    /// Every column, in the order `all` shows them.
    pub all: &'static [Column<R>],
    /// The names shown without `--columns`, in order.
    pub default: &'static [&'static str],
    /// The default columns in the order they are left out when the table
    /// must fit a width: the least needed first (the label, shortened
    /// first, should come first).
    pub drop_order: &'static [&'static str],
}

/// Ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Smallest first (A to Z for words).
    Ascending,
    /// Largest first.
    Descending,
}

/// A column to sort the rows by, and the order (`None`: descending for
/// figures and counts, ascending for words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortBy {
    /// The column's name.
    pub column: String,
    /// The order asked for, if any.
    pub order: Option<Order>,
}

/// How to show a table: which columns, in what row order, how wide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableOptions {
    /// The column names to show, in order; `None` for the default set.
    pub columns: Option<Vec<String>>,
    /// The column to sort by; `None` keeps id order.
    pub sort: Option<SortBy>,
    /// Fit the default set into this many characters a line: the label is
    /// shortened first, then columns are left out from the right, and a
    /// line under the table names them. `None`: no limit. Columns chosen
    /// by name are always all shown.
    pub width: Option<usize>,
}

/// A column name that the table does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownColumn {
    /// The name given.
    pub given: String,
    /// The names the table has.
    pub valid: Vec<&'static str>,
}

impl fmt::Display for UnknownColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no column is named {:?}; the columns are: {} (or all)",
            crate::text::escape_controls(&self.given),
            self.valid.join(", ")
        )
    }
}

impl std::error::Error for UnknownColumn {}

/// The shortest a shortened label gets before columns are left out.
const MIN_LABEL: usize = table::MIN_SHORTENED;

impl<R> Columns<R> {
    fn find(&self, name: &str) -> Result<&Column<R>, UnknownColumn> {
        self.all
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| UnknownColumn {
                given: name.to_string(),
                valid: self.all.iter().map(|c| c.name).collect(),
            })
    }

    /// Read a comma-separated list of column names (`all` for every
    /// column), checking each.
    pub fn parse_list(&self, text: &str) -> Result<Vec<String>, UnknownColumn> {
        let mut names = Vec::new();
        for name in text.split(',').map(str::trim) {
            if name == "all" {
                names.extend(self.all.iter().map(|c| c.name.to_string()));
            } else {
                names.push(self.find(name)?.name.to_string());
            }
        }
        Ok(names)
    }

    /// Read a sort key: `COLUMN`, `COLUMN:asc` or `COLUMN:desc`.
    pub fn parse_sort(&self, text: &str) -> Result<SortBy, UnknownColumn> {
        let (name, order) = match text.rsplit_once(':') {
            Some((name, "asc")) => (name, Some(Order::Ascending)),
            Some((name, "desc")) => (name, Some(Order::Descending)),
            _ => (text, None),
        };
        Ok(SortBy {
            column: self.find(name.trim())?.name.to_string(),
            order,
        })
    }

    /// The rows as a table with the legend of its figures under it.
    ///
    /// # Panics
    /// When `options` names a column the table lacks (names come through
    /// [`Columns::parse_list`] and [`Columns::parse_sort`]), or when the
    /// table has no `id` column.
    pub fn render(&self, rows: &[R], options: &TableOptions) -> String {
        let by_name = |name: &str| self.find(name).expect("column names are checked when read");
        let chosen: Vec<&Column<R>> = match &options.columns {
            Some(names) => names.iter().map(|n| by_name(n)).collect(),
            None => self.default.iter().map(|n| by_name(n)).collect(),
        };
        let mut order: Vec<usize> = (0..rows.len()).collect();
        if let Some(sort) = &options.sort {
            let column = by_name(&sort.column);
            let id = by_name("id");
            let keys: Vec<(Cell, Cell)> = rows
                .iter()
                .map(|r| ((column.cell)(r), (id.cell)(r)))
                .collect();
            let descending = match sort.order {
                Some(o) => o == Order::Descending,
                None => !matches!(keys.first(), Some((Cell::Text(_), _))),
            };
            order.sort_by(|&a, &b| {
                let by_value = match (keys[a].0.key(), keys[b].0.key()) {
                    (Some(x), Some(y)) if descending => y.cmp(&x),
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                };
                by_value.then_with(|| match (&keys[a].1, &keys[b].1) {
                    (Cell::Text(x), Cell::Text(y)) => x.cmp(y),
                    _ => Ordering::Equal,
                })
            });
        }
        let mut cells: Vec<Vec<String>> = order
            .iter()
            .map(|&i| {
                chosen
                    .iter()
                    .map(|c| table::sanitize(&(c.cell)(&rows[i]).show()))
                    .collect()
            })
            .collect();
        let mut shown = chosen;
        let mut left_out = Vec::new();
        if let (None, Some(width)) = (&options.columns, options.width) {
            left_out = fit(&mut shown, &mut cells, width, self.drop_order);
        }
        let names: Vec<&str> = shown.iter().map(|c| c.name).collect();
        let mut t = Table::new(&names);
        for row in cells {
            t.row(row);
        }
        let mut out = t.render();
        let mut notes = String::new();
        if let (false, Some(width)) = (left_out.is_empty(), options.width) {
            notes.push_str(&format!(
                "left out to fit {width} characters: {} (choose with --columns)\n",
                left_out.join(", ")
            ));
        }
        let legend: Vec<&&Column<R>> = shown.iter().filter(|c| !c.legend.is_empty()).collect();
        if !legend.is_empty() {
            let w = legend.iter().map(|c| c.name.len()).max().unwrap_or(0);
            notes.push('\n');
            for c in legend {
                notes.push_str(&format!("{:<w$}  {}\n", c.name, c.legend));
            }
        }
        match options.width {
            Some(width) => out.push_str(&wrap(&notes, width)),
            None => out.push_str(&notes),
        }
        out
    }
}

/// Shorten the label column, then leave out columns in `drop_order`,
/// until a row fits in `width`; returns the names left out, in the order
/// they were shown.
fn fit<R>(
    shown: &mut Vec<&Column<R>>,
    cells: &mut [Vec<String>],
    width: usize,
    drop_order: &[&str],
) -> Vec<&'static str> {
    let total = |shown: &[&Column<R>], cells: &[Vec<String>]| -> (usize, Vec<usize>) {
        let w: Vec<usize> = shown
            .iter()
            .enumerate()
            .map(|(k, c)| {
                cells
                    .iter()
                    .map(|row| row[k].chars().count())
                    .max()
                    .unwrap_or(0)
                    .max(c.name.len())
            })
            .collect();
        (w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1), w)
    };
    let all: Vec<&'static str> = shown.iter().map(|c| c.name).collect();
    let mut left_out = Vec::new();
    loop {
        let (sum, w) = total(shown, cells);
        if sum <= width {
            break;
        }
        if let Some(k) = shown.iter().position(|c| c.name == "label") {
            let target = w[k].saturating_sub(sum - width).max(MIN_LABEL);
            if target < w[k] {
                for row in cells.iter_mut() {
                    row[k] = table::shorten(&row[k], target);
                }
                continue;
            }
        }
        let Some(k) = drop_order
            .iter()
            .find_map(|name| shown.iter().position(|c| c.name == *name))
            .filter(|_| shown.len() > 1)
        else {
            break;
        };
        left_out.push(shown.remove(k).name);
        for row in cells.iter_mut() {
            row.remove(k);
        }
    }
    left_out.sort_by_key(|name| all.iter().position(|n| n == name));
    left_out
}

/// Each line of the text longer than `width` characters broken at spaces,
/// the continuation lines indented by two; a word longer than a line is
/// left whole.
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        // `current` holds the line being filled; `empty` while it has no
        // word yet (a continuation line starts with its indent).
        let mut current = String::new();
        let mut empty = true;
        for word in body.split(' ') {
            let used = current.chars().count();
            if !empty && used + 1 + word.chars().count() > width {
                out.push_str(&current);
                out.push('\n');
                current = "  ".to_string();
                empty = true;
            }
            if !empty {
                current.push(' ');
            }
            current.push_str(word);
            empty = false;
        }
        out.push_str(&current);
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Row {
        id: &'static str,
        label: &'static str,
        score: Option<f64>,
        count: u64,
    }

    static COLUMNS: Columns<Row> = Columns {
        all: &[
            Column {
                name: "id",
                legend: "",
                cell: |r| Cell::Text(r.id.into()),
            },
            Column {
                name: "label",
                legend: "",
                cell: |r| Cell::Text(r.label.into()),
            },
            Column {
                name: "score",
                legend: "how good",
                cell: |r| Cell::Figure(r.score),
            },
            Column {
                name: "count",
                legend: "how many",
                cell: |r| Cell::Count(r.count),
            },
        ],
        default: &["id", "label", "score"],
        drop_order: &["label", "score"],
    };

    fn rows() -> Vec<Row> {
        vec![
            Row {
                id: "a",
                label: "Ann the longest label here",
                score: Some(0.5),
                count: 3,
            },
            Row {
                id: "b",
                label: "Bo",
                score: None,
                count: 3,
            },
            Row {
                id: "c",
                label: "Cy",
                score: Some(0.5),
                count: 7,
            },
            Row {
                id: "d",
                label: "Di",
                score: Some(0.9),
                count: 1,
            },
        ]
    }

    fn ids(text: &str) -> Vec<String> {
        text.lines()
            .skip(1)
            .take_while(|l| !l.is_empty())
            .map(|l| l.split_whitespace().next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn default_columns_and_the_legend_of_the_figures() {
        let text = COLUMNS.render(&rows(), &TableOptions::default());
        assert_eq!(
            text,
            "id  label                       score\n\
             a   Ann the longest label here  0.500\n\
             b   Bo                              -\n\
             c   Cy                          0.500\n\
             d   Di                          0.900\n\
             \n\
             score  how good\n"
        );
    }

    #[test]
    fn sorts_figures_largest_first_undefined_last_ties_by_id() {
        let sort = |s: &str| TableOptions {
            sort: Some(COLUMNS.parse_sort(s).unwrap()),
            ..Default::default()
        };
        assert_eq!(
            ids(&COLUMNS.render(&rows(), &sort("score"))),
            ["d", "a", "c", "b"]
        );
        assert_eq!(
            ids(&COLUMNS.render(&rows(), &sort("score:asc"))),
            ["a", "c", "d", "b"]
        );
        assert_eq!(
            ids(&COLUMNS.render(&rows(), &sort("count"))),
            ["c", "a", "b", "d"]
        );
        assert_eq!(
            ids(&COLUMNS.render(&rows(), &sort("label"))),
            ["a", "b", "c", "d"]
        );
        assert_eq!(
            ids(&COLUMNS.render(&rows(), &sort("label:desc"))),
            ["d", "c", "b", "a"]
        );
    }

    #[test]
    fn wraps_long_lines_at_spaces() {
        assert_eq!(
            wrap("one two three four\nfive\n", 9),
            "one two\n  three\n  four\nfive\n"
        );
        assert_eq!(wrap("short\n", 80), "short\n");
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            "averyveryverylongword\n  x"
        );
        assert_eq!(wrap("ab cdefgh", 5), "ab\n  cdefgh");
    }

    #[test]
    fn chosen_columns_and_unknown_names() {
        assert_eq!(COLUMNS.parse_list("count, id").unwrap(), ["count", "id"]);
        assert_eq!(
            COLUMNS.parse_list("all").unwrap(),
            ["id", "label", "score", "count"]
        );
        let e = COLUMNS.parse_list("id,scroe").unwrap_err();
        assert_eq!(
            e.to_string(),
            "no column is named \"scroe\"; the columns are: id, label, score, count (or all)"
        );
        assert!(COLUMNS.parse_sort("nope:asc").is_err());
    }

    #[test]
    fn fits_the_width_by_shortening_the_label_then_leaving_columns_out() {
        let fit = |width| TableOptions {
            width: Some(width),
            ..Default::default()
        };
        // id 2 + label 26 + score 5 + 2 gaps of 2 = 37.
        assert_eq!(
            COLUMNS.render(&rows(), &fit(37)),
            COLUMNS.render(&rows(), &TableOptions::default())
        );
        let text = COLUMNS.render(&rows(), &fit(30));
        assert!(
            text.starts_with("id  label                score\na   Ann the longest la…  0.500\n"),
            "{text}"
        );
        assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
        // Below the shortest label, columns go in the drop order.
        let text = COLUMNS.render(&rows(), &fit(20));
        assert_eq!(
            text,
            "id  score\na   0.500\nb       -\nc   0.500\nd   0.900\n\
             left out to fit 20\n  characters: label\n  (choose with\n  --columns)\n\
             \nscore  how good\n"
        );
        // Chosen columns are all shown, whatever the width.
        let chosen = TableOptions {
            columns: Some(COLUMNS.parse_list("all").unwrap()),
            width: Some(10),
            ..Default::default()
        };
        assert!(COLUMNS
            .render(&rows(), &chosen)
            .contains("Ann the longest label here"));
    }
}

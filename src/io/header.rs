//! The header rows: the format's columns of each file, where each sits,
//! and reading a header with its problems.

use super::*;

/// The header of one file: its names and where each known column is.
pub(crate) struct Header {
    pub(crate) names: Vec<String>,
    pub(super) known: Vec<Option<usize>>,
    pub(super) extras: Vec<usize>,
}

impl Header {
    pub(super) fn get(&self, column: usize) -> Option<usize> {
        self.known[column]
    }
}

/// The known columns of `nodes.csv` (and of a `nodes` sheet), in the
/// contract's order.
pub const NODE_COLUMNS: [&str; 8] = [
    "id",
    "label",
    "kind",
    "placement",
    "group",
    "role",
    "level",
    "power",
];
pub(super) const N_ID: usize = 0;
pub(super) const N_LABEL: usize = 1;
pub(super) const N_KIND: usize = 2;
pub(super) const N_PLACEMENT: usize = 3;
pub(super) const N_GROUP: usize = 4;
pub(super) const N_ROLE: usize = 5;
pub(super) const N_LEVEL: usize = 6;
pub(super) const N_POWER: usize = 7;

/// The known columns of `edges.csv` (and of an `edges` sheet).
pub const EDGE_COLUMNS: [&str; 6] = [
    "source",
    "target",
    "trust",
    "communication",
    "directed",
    "power",
];
pub(super) const E_SOURCE: usize = 0;
pub(super) const E_TARGET: usize = 1;
pub(super) const E_TRUST: usize = 2;
pub(super) const E_COMMUNICATION: usize = 3;
pub(super) const E_DIRECTED: usize = 4;
pub(super) const E_POWER: usize = 5;

impl Loader {
    /// Where a problem with the header (1-based column) is.
    pub(super) fn header_location(source: &impl RecordSource, column: usize) -> Location {
        source
            .place()
            .at(source.header_line(), column.saturating_sub(1), "header")
    }

    /// Read the header row; `None` when the file cannot be used at all.
    // Long: the header checks in the order their problems are reported, sharing one problem list.
    pub(super) fn read_header(
        &mut self,
        source: &mut impl RecordSource,
        columns: &[&str],
        required: &[usize],
    ) -> Option<Header> {
        let mut record = csv::ByteRecord::new();
        let before = self.problems.count();
        if source
            .next_record(&mut record, None, &mut self.problems)
            .is_none()
        {
            if self.problems.count() == before {
                self.problems
                    .push(Self::header_location(source, 1), source.empty());
            }
            return None;
        }
        // UTF-16: one message for the file, not one per cell and then one
        // per missing column.
        if super::encoding::looks_utf16(&record) {
            self.problems
                .push(Self::header_location(source, 1), InputErrorKind::Utf16);
            return None;
        }
        if record.len() > MAX_COLUMNS {
            self.problems.push(
                Self::header_location(source, 1),
                InputErrorKind::TooManyColumns {
                    limit: MAX_COLUMNS,
                    found: record.len(),
                },
            );
            return None;
        }
        let mut names = Vec::with_capacity(record.len());
        let mut known = vec![None; columns.len()];
        let mut extras = Vec::new();
        let mut ok = true;
        let mut seen_extra: HashMap<String, usize> = HashMap::new();
        for (field, bytes) in record.iter().enumerate() {
            let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
            if let Some(kind) = cell_problem(bytes) {
                self.problems
                    .push(Self::header_location(source, field + 1), kind);
                ok = false;
                names.push(String::new());
                continue;
            }
            let Ok(raw) = std::str::from_utf8(bytes) else {
                self.problems.push(
                    Self::header_location(source, field + 1),
                    super::encoding::not_utf8(bytes),
                );
                ok = false;
                names.push(String::new());
                continue;
            };
            let name = raw.trim().to_string();
            let folded = name.to_ascii_lowercase();
            let first = match columns.iter().position(|&c| c == folded) {
                Some(k) => known[k].replace(field),
                None => {
                    extras.push(field);
                    seen_extra.insert(name.clone(), field)
                }
            };
            if let Some(first) = first {
                self.problems.push(
                    Self::header_location(source, field + 1),
                    InputErrorKind::DuplicateColumn {
                        name: name.clone(),
                        first: first + 1,
                    },
                );
                ok = false;
            }
            names.push(name);
        }
        for &r in required {
            if known[r].is_none() {
                let found = names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.problems.push(
                    Self::header_location(source, 1),
                    InputErrorKind::MissingColumn {
                        name: columns[r].to_string(),
                        found: if found.is_empty() {
                            "no columns".to_string()
                        } else {
                            found + separator_hint(&names)
                        },
                    },
                );
                ok = false;
            }
        }
        ok.then_some(Header {
            names,
            known,
            extras,
        })
    }
}

/// A hint when the header is one column holding another separator: a sheet
/// saved with semicolons (as Excel does where the decimal mark is a comma)
/// or tabs.
fn separator_hint(names: &[String]) -> &'static str {
    match names {
        [one] if one.contains(';') => {
            " (this looks like semicolon-separated text: save the sheet as \"CSV UTF-8 \
             (comma delimited)\")"
        }
        [one] if one.contains('\t') => {
            " (this looks like tab-separated text: save the sheet as \"CSV UTF-8 \
             (comma delimited)\")"
        }
        _ => "",
    }
}

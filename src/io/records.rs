//! Reading records: one row at a time with its location, the cells that
//! are wrong in it, and the guards against runaway fields and quotes.

use super::*;

/// One record being read: its line and fields, decoded on demand.
pub(super) struct Row<'a> {
    pub(super) place: &'a source::Place,
    pub(super) header: &'a Header,
    pub(super) record: &'a csv::ByteRecord,
    pub(super) line: u64,
}

impl<'a> Row<'a> {
    pub(super) fn location(&self, field: usize) -> Location {
        let column_name = self
            .header
            .names
            .get(field)
            .cloned()
            .unwrap_or_else(|| "(extra field)".to_string());
        self.place.at(self.line, field, column_name)
    }

    /// The text of a field, or why it has none.
    pub(super) fn text(&self, field: usize) -> Result<&'a str, (usize, InputErrorKind)> {
        if let Some(kind) = cell_problem(&self.record[field]) {
            return Err((field, kind));
        }
        std::str::from_utf8(&self.record[field])
            .map_err(|_| (field, super::encoding::not_utf8(&self.record[field])))
    }

    /// The text of a known column, `""` when the file lacks the column.
    pub(super) fn column(&self, known: usize) -> Result<&'a str, (usize, InputErrorKind)> {
        match self.header.get(known) {
            Some(field) => self.text(field),
            None => Ok(""),
        }
    }

    /// Parse a known column, tagging a refusal with its field.
    pub(super) fn parse<T>(
        &self,
        known: usize,
        f: impl FnOnce(&'a str) -> Result<T, InputErrorKind>,
    ) -> Result<T, (usize, InputErrorKind)> {
        let text = self.column(known)?;
        let field = self.header.get(known).unwrap_or(0);
        f(text).map_err(|kind| (field, kind))
    }
}

/// The refused cells of one row, reported together in field order.
#[derive(Default)]
pub(super) struct BadCells {
    pub(super) cells: Vec<(usize, InputErrorKind)>,
    /// Set when the row must be dropped although no new problem is reported.
    pub(super) refused: bool,
}

impl BadCells {
    pub(super) fn push(&mut self, field: usize, kind: InputErrorKind) {
        self.cells.push((field, kind));
    }

    pub(super) fn take<T>(&mut self, parsed: Result<T, (usize, InputErrorKind)>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err((field, kind)) => {
                self.push(field, kind);
                None
            }
        }
    }

    /// Report the problems; true when the row must be dropped.
    pub(super) fn report(mut self, problems: &mut Problems, row: &Row<'_>) -> bool {
        self.cells.sort_by_key(|(field, _)| *field);
        let any = !self.cells.is_empty();
        for (field, kind) in self.cells {
            problems.push(row.location(field), kind);
        }
        any || self.refused
    }
}

impl Loader {
    /// Visit each data record with its line; stops where the source stops
    /// (the end, or a problem that ends reading). Returns the number of
    /// records read.
    pub(super) fn each_record<S: RecordSource>(
        &mut self,
        source: &mut S,
        header: &Header,
        mut visit: impl FnMut(&mut Self, &Row<'_>),
    ) -> usize {
        let mut records = 0;
        let mut record = csv::ByteRecord::new();
        while let Some(line) = source.next_record(&mut record, Some(header), &mut self.problems) {
            records += 1;
            let row = Row {
                place: source.place(),
                header,
                record: &record,
                line,
            };
            let expected = header.names.len();
            if record.len() != expected {
                let field = record.len().min(expected);
                self.problems.push(
                    row.location(field),
                    InputErrorKind::FieldCount {
                        expected,
                        found: record.len(),
                    },
                );
                continue;
            }
            visit(self, &row);
        }
        records
    }
}

/// A reader error as a problem: an I/O failure (a folder named nodes.csv, a
/// disk error) is not a CSV syntax problem.
pub(crate) fn reader_problem(e: &csv::Error) -> InputErrorKind {
    match e.kind() {
        csv::ErrorKind::Io(io) => InputErrorKind::Unreadable(io.to_string()),
        _ => InputErrorKind::Csv(e.to_string()),
    }
}

/// What makes a cell unreadable whatever its column: a NUL byte (binary or
/// UTF-16 input) or a length beyond [`MAX_CELL_BYTES`].
pub(crate) fn cell_problem(bytes: &[u8]) -> Option<InputErrorKind> {
    if bytes.len() > MAX_CELL_BYTES {
        Some(InputErrorKind::CellTooLong {
            limit: MAX_CELL_BYTES,
            found: bytes.len(),
        })
    } else if bytes.contains(&0) {
        Some(InputErrorKind::NulByte)
    } else {
        None
    }
}

//! Where rows come from: a CSV file or a workbook sheet. The loader reads
//! both through [`RecordSource`], so every rule of the format is checked by
//! the same code whatever the container; only the reading and the way a
//! place is named (`edges.csv:4:3` or `site.xlsx: edges!C4`) differ.

use std::io::Read;
use std::path::{Path, PathBuf};

use csv::ByteRecord;

use super::guard::{QuoteWatch, MAX_CELL_BYTES};
use super::{reader_problem, Header, Problems};
use crate::error::{InputErrorKind, Location};

/// How places in one input are named.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    /// The file, as the caller named it.
    pub(crate) file: PathBuf,
    /// The sheet of a workbook, `None` for a CSV file.
    pub(crate) sheet: Option<String>,
    /// Spreadsheet column (0-based) of the first field.
    pub(crate) first_column: usize,
}

impl Place {
    /// A CSV file.
    pub(crate) fn file(file: &Path) -> Self {
        Place {
            file: file.to_path_buf(),
            sheet: None,
            first_column: 0,
        }
    }

    /// Field `field` (0-based) of the record at `line` (a sheet's row).
    pub(crate) fn at(&self, line: u64, field: usize, column_name: impl Into<String>) -> Location {
        Location {
            file: self.file.clone(),
            line,
            column: self.first_column + field + 1,
            column_name: column_name.into(),
            sheet: self.sheet.clone(),
        }
    }

    /// How a tie end's nodes file is named: `nodes.csv`, or `the nodes
    /// sheet`.
    pub(crate) fn name(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("sheet {sheet:?}"),
            None => self.file.file_name().map_or_else(
                || self.file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }
}

/// A source of records: the header first, then the data rows.
pub(crate) trait RecordSource {
    /// How places in this input are named.
    fn place(&self) -> &Place;

    /// The line (row) of the header.
    fn header_line(&self) -> u64 {
        1
    }

    /// What an input without a header row is.
    fn empty(&self) -> InputErrorKind {
        InputErrorKind::EmptyFile
    }

    /// Read the next record into `record` and return its line (row); `None`
    /// at the end, or when a problem (pushed to `problems`) ends reading.
    /// `header` is `None` while the header itself is read.
    fn next_record(
        &mut self,
        record: &mut ByteRecord,
        header: Option<&Header>,
        problems: &mut Problems,
    ) -> Option<u64>;

    /// After the last record: report what only the end reveals (a quote left
    /// open); true when some rows were never read.
    fn finish(&mut self, header: Option<&Header>, problems: &mut Problems) -> bool;
}

/// Records of a CSV file (the `csv` crate's reader behind the loader's
/// guards).
pub(crate) struct CsvRecords<R: Read> {
    place: Place,
    reader: csv::Reader<QuoteWatch<R>>,
}

impl<R: Read> CsvRecords<R> {
    pub(crate) fn new(file: &Path, input: R) -> Self {
        CsvRecords {
            place: Place::file(file),
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(QuoteWatch::new(input)),
        }
    }

    /// Report where reading stopped at a runaway field or line; true when it
    /// did.
    fn check_runaway(&self, header: Option<&Header>, problems: &mut Problems) -> bool {
        let Some((line, field, read, is_field)) = self.reader.get_ref().runaway() else {
            return false;
        };
        let column_name = match (header, is_field) {
            (Some(h), true) => h.names.get(field - 1).cloned(),
            _ => None,
        }
        .unwrap_or_else(|| if line == 1 { "header" } else { "record" }.to_string());
        problems.push(
            self.place
                .at(line, if is_field { field - 1 } else { 0 }, column_name),
            InputErrorKind::Runaway {
                limit: MAX_CELL_BYTES,
                what: if is_field { "field" } else { "line" },
                read,
            },
        );
        true
    }

    /// Report a quoted field that the end of the file left open; true when
    /// there was one (the rows after its opening quote were never seen).
    fn check_quotes(&self, header: Option<&Header>, problems: &mut Problems) -> bool {
        let Some((line, field)) = self.reader.get_ref().unclosed() else {
            return false;
        };
        let column_name = header
            .and_then(|h| h.names.get(field - 1).cloned())
            .unwrap_or_else(|| if line == 1 { "header" } else { "record" }.to_string());
        problems.push(
            self.place.at(line, field - 1, column_name),
            InputErrorKind::UnclosedQuote,
        );
        true
    }
}

impl<R: Read> RecordSource for CsvRecords<R> {
    fn place(&self) -> &Place {
        &self.place
    }

    fn next_record(
        &mut self,
        record: &mut ByteRecord,
        header: Option<&Header>,
        problems: &mut Problems,
    ) -> Option<u64> {
        // A CR LF file's record positions lag one line (see
        // `QuoteWatch::line_lag`).
        let read = self.reader.read_byte_record(record);
        let lag = self.reader.get_ref().line_lag();
        match read {
            Ok(true) => Some(record.position().map_or(0, |p| p.line() + lag)),
            Ok(false) => None,
            Err(e) => {
                if !self.check_runaway(header, problems) {
                    let (line, name) = match header {
                        None => (1, "header"),
                        Some(_) => (e.position().map_or(0, |p| p.line() + lag), "record"),
                    };
                    problems.push(self.place.at(line, 0, name), reader_problem(&e));
                }
                None
            }
        }
    }

    fn finish(&mut self, header: Option<&Header>, problems: &mut Problems) -> bool {
        self.reader.get_ref().runaway().is_some() | self.check_quotes(header, problems)
    }
}

/// A header and its rows as text, for inputs that are tables but not a
/// network (Kumu's Elements and Connections): the same reading, limits and
/// locations as the loader's.
pub(crate) type TextTable = (Vec<String>, Vec<Vec<String>>);

/// Read a whole source as a [`TextTable`]; every problem is an input error.
pub(crate) fn read_table(source: &mut impl RecordSource) -> Result<TextTable, crate::Error> {
    let mut problems = Problems::default();
    let mut record = ByteRecord::new();
    let mut rows = Vec::new();
    let text = |bytes: &[u8], line: u64, field: usize, problems: &mut Problems, place: &Place| {
        match std::str::from_utf8(bytes) {
            Ok(t) if bytes.len() <= MAX_CELL_BYTES && !bytes.contains(&0) => t.to_string(),
            _ => {
                problems.push(place.at(line, field, "cell"), InputErrorKind::InvalidUtf8);
                String::new()
            }
        }
    };
    let header = match source.next_record(&mut record, None, &mut problems) {
        Some(line) => record
            .iter()
            .enumerate()
            .map(|(f, b)| {
                text(b, line, f, &mut problems, source.place())
                    .trim()
                    .to_string()
            })
            .collect::<Vec<_>>(),
        None => {
            if problems.count() == 0 {
                problems.push(
                    source.place().at(source.header_line(), 0, "header"),
                    source.empty(),
                );
            }
            Vec::new()
        }
    };
    if !header.is_empty() {
        while let Some(line) = source.next_record(&mut record, None, &mut problems) {
            let row = record
                .iter()
                .enumerate()
                .map(|(f, b)| text(b, line, f, &mut problems, source.place()))
                .collect();
            rows.push(row);
        }
    }
    source.finish(None, &mut problems);
    if problems.count() > 0 {
        return Err(crate::Error::Input(crate::error::InputErrors {
            errors: problems.errors,
            more: problems.more,
        }));
    }
    Ok((header, rows))
}

//! Workbooks read as networks: an `.xlsx`, `.xlsm`, `.xlsb`, `.xls` or
//! `.ods` file whose sheets `nodes` and `edges` (names matched without regard
//! to case) hold the same columns as the CSV files.
//!
//! Each sheet becomes a stream of records for the same loader that reads CSV
//! (see `records.rs`), so every rule of the format is checked once. Cells are
//! read as a spreadsheet user sees them:
//!
//! - a number cell is its number, written back without loss (`0.1` stays
//!   `0.1`); a text cell holding a number is that number;
//! - a boolean cell is `true` or `false` (so `TRUE` in `directed` works, and
//!   is refused where a number is expected);
//! - a date or time cell is its ISO text (`2024-03-01`, `12:30:00`): refused
//!   where a number is expected, kept as text elsewhere;
//! - a formula is its value as last computed and saved by the spreadsheet
//!   program; an error value (`#DIV/0!`) is its text, refused where a number
//!   is expected;
//! - in an `.xlsx` file a merged cell gives its value to every cell it
//!   covers; in other formats only to its first cell;
//! - the header is the first row with a value in it, and the table starts at
//!   its first named column; wholly empty rows are skipped wherever they are,
//!   as blank lines are in CSV; a value outside the header's columns is an
//!   error.
//!
//! Places are named in spreadsheet terms: `site.xlsx: edges!C4: trust`.

use std::fmt;
use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, Write as _};
use std::path::Path;

use calamine::{
    open_workbook_auto, open_workbook_auto_from_rs, open_workbook_from_rs, DataType, Dimensions,
    Range, Reader, Sheets,
};
use csv::ByteRecord;

use super::source::{CsvRecords, Place, RecordSource};
use super::{Header, LoadOptions, Loader, NetworkFiles, Problems};
use crate::error::{Error, InputErrorKind, Location};
use crate::model::Network;
use crate::text::escape_controls;

/// File name endings read as workbooks.
pub const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Whether the path names a workbook (by its ending, in any case).
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Write a location inside a workbook: `site.xlsx: edges!C4: trust`, or
/// `site.xlsx: edges` for the sheet as a whole and `site.xlsx` for the
/// workbook.
pub(crate) fn fmt_sheet_location(
    location: &Location,
    sheet: &str,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let file = escape_controls(&location.file.display().to_string());
    if location.line == 0 {
        if sheet.is_empty() {
            return write!(f, "{file}");
        }
        return write!(f, "{file}: {}", escape_controls(sheet));
    }
    write!(
        f,
        "{file}: {}!{}{}: {}",
        escape_controls(sheet),
        column_letters(location.column),
        location.line,
        escape_controls(&location.column_name)
    )
}

/// Spreadsheet letters of a 1-based column: 1 → `A`, 27 → `AA`.
pub fn column_letters(column: usize) -> String {
    let mut n = column;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A problem with the workbook as a whole.
fn whole(file: &Path, sheet: &str, kind: InputErrorKind) -> Error {
    Error::from(crate::error::InputError {
        location: Location {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            column_name: String::new(),
            sheet: Some(sheet.to_string()),
        },
        kind,
    })
}

/// Load a network whose nodes file, edges file or both are workbooks.
pub(crate) fn load(files: &NetworkFiles, options: &LoadOptions) -> Result<Network, Error> {
    let mut loader = Loader::new();
    if is_workbook(&files.nodes) {
        let mut book = open(&files.nodes)?;
        if files.edges == files.nodes {
            return read_book(&mut book, &files.nodes, options);
        }
        let nodes_sheet = find_sheet(&book, &files.nodes, "nodes")?;
        let (builder, nodes_name) = {
            let mut nodes = SheetRecords::open(&mut book, &files.nodes, &nodes_sheet)?;
            (loader.read_nodes(&mut nodes), nodes.place.name())
        };
        finish_other(loader, builder, files, &nodes_name, options)
    } else {
        let input = File::open(&files.nodes).map_err(|source| Error::Read {
            path: files.nodes.clone(),
            source,
        })?;
        let mut nodes = CsvRecords::new(&files.nodes, input);
        let builder = loader.read_nodes(&mut nodes);
        finish_other(loader, builder, files, &nodes.place().name(), options)
    }
}

/// Read a network from a workbook in memory (both sheets); `name` names it
/// in messages.
pub fn read_workbook(name: &Path, bytes: &[u8], options: &LoadOptions) -> Result<Network, Error> {
    let cursor = Cursor::new(bytes);
    let ending = name
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    // By the name's ending, as for a file (so that a password-protected
    // .xlsx says so); an unknown ending is detected from the bytes.
    let opened = guarded(|| match ending.as_deref() {
        Some("xlsx" | "xlsm") => open_workbook_from_rs(cursor)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx),
        Some("xls") => open_workbook_from_rs(cursor)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls),
        Some("xlsb") => open_workbook_from_rs(cursor)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::Xlsb),
        Some("ods") => open_workbook_from_rs(cursor)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods),
        _ => open_workbook_auto_from_rs(cursor),
    })
    .unwrap_or_else(|panic| Err(calamine::Error::Msg(panic)));
    let mut book = opened.map_err(|e| whole(name, "", unopenable(&e)))?;
    read_book(&mut book, name, options)
}

/// Read the `nodes` and `edges` sheets of an open workbook.
fn read_book<RS: Read + Seek>(
    book: &mut Sheets<RS>,
    path: &Path,
    options: &LoadOptions,
) -> Result<Network, Error> {
    let nodes_sheet = find_sheet(book, path, "nodes");
    let edges_sheet = find_sheet(book, path, "edges").map(Some);
    let (nodes_sheet, edges_sheet) = both(nodes_sheet, edges_sheet)?;
    let mut loader = Loader::new();
    let (builder, nodes_name) = {
        let mut nodes = SheetRecords::open(book, path, &nodes_sheet)?;
        (loader.read_nodes(&mut nodes), nodes.place.name())
    };
    let mut edges = SheetRecords::open(book, path, &edges_sheet.unwrap_or_default())?;
    loader.finish(builder, &mut edges, &nodes_name, options)
}

/// Both sheet look-ups' problems together, so a workbook with neither sheet
/// says so at once.
fn both(
    nodes: Result<String, Error>,
    edges: Result<Option<String>, Error>,
) -> Result<(String, Option<String>), Error> {
    match (nodes, edges) {
        (Ok(n), Ok(e)) => Ok((n, e)),
        (Err(Error::Input(mut a)), Err(Error::Input(b))) => {
            a.errors.extend(b.errors);
            Err(Error::Input(a))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Read the ties from an edges file of its own (a workbook or CSV).
fn finish_other(
    loader: Loader,
    builder: crate::model::NetworkBuilder,
    files: &NetworkFiles,
    nodes_name: &str,
    options: &LoadOptions,
) -> Result<Network, Error> {
    if is_workbook(&files.edges) {
        let mut book = open(&files.edges)?;
        let sheet = find_sheet(&book, &files.edges, "edges")?;
        let mut edges = SheetRecords::open(&mut book, &files.edges, &sheet)?;
        loader.finish(builder, &mut edges, nodes_name, options)
    } else {
        let input = File::open(&files.edges).map_err(|source| Error::Read {
            path: files.edges.clone(),
            source,
        })?;
        loader.finish(
            builder,
            &mut CsvRecords::new(&files.edges, input),
            nodes_name,
            options,
        )
    }
}

type Book = Sheets<BufReader<File>>;

/// Two sheets of a workbook as text tables (Kumu's `Elements` and
/// `Connections`), names matched as for `nodes` and `edges`.
pub(crate) fn read_tables(
    path: &Path,
    names: [&'static str; 2],
) -> Result<[super::source::TextTable; 2], Error> {
    let mut book = open(path)?;
    let first = find_sheet(&book, path, names[0]);
    let second = find_sheet(&book, path, names[1]).map(Some);
    let (first, second) = both(first, second)?;
    let a = super::source::read_table(&mut SheetRecords::open(&mut book, path, &first)?)?;
    let second = second.unwrap_or_default();
    let b = super::source::read_table(&mut SheetRecords::open(&mut book, path, &second)?)?;
    Ok([a, b])
}

/// Open a workbook; a file that is not one (corrupt, password-protected, a
/// CSV renamed) is an input problem naming the file.
fn open(path: &Path) -> Result<Book, Error> {
    // A missing or unreadable file is a read error, as for CSV.
    File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    guarded(|| open_workbook_auto(path))
        .unwrap_or_else(|panic| Err(calamine::Error::Msg(panic)))
        .map_err(|e| whole(path, "", unopenable(&e)))
}

/// What a damaged file can make the reader crate do: panic (calamine 0.30
/// indexes its shared-string table with a number read from the file, for
/// one). Such a panic becomes a refusal of the file; the caller stops
/// reading it.
fn guarded<T>(read: impl FnOnce() -> T) -> Result<T, &'static str> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .map_err(|_| "the file is damaged (the workbook reader failed on it)")
}

/// Why a workbook cannot be opened, in the reader's words; a password is
/// said plainly.
fn unopenable(e: &calamine::Error) -> InputErrorKind {
    let password = matches!(
        e,
        calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Xlsb(calamine::XlsbError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password)
    );
    InputErrorKind::Workbook {
        found: if password {
            "the workbook is password-protected (save a copy without the password)".to_string()
        } else {
            escape_controls(&e.to_string())
        },
    }
}

/// The name of the sheet called `wanted` (any case, spaces around ignored).
fn find_sheet<RS: Read + Seek>(
    book: &Sheets<RS>,
    path: &Path,
    wanted: &'static str,
) -> Result<String, Error> {
    let names = book.sheet_names();
    let mut matching = names
        .iter()
        .filter(|n| n.trim().eq_ignore_ascii_case(wanted));
    match (matching.next(), matching.next()) {
        (Some(name), None) => Ok(name.clone()),
        (first, second) => {
            let found = if names.is_empty() {
                "no sheets".to_string()
            } else {
                let listed: Vec<String> = names.iter().map(|n| super::parse::quote(n)).collect();
                format!("sheets {}", listed.join(", "))
            };
            Err(whole(
                path,
                "",
                if first.is_some() && second.is_some() {
                    InputErrorKind::AmbiguousSheet {
                        name: wanted,
                        found,
                    }
                } else {
                    InputErrorKind::MissingSheet {
                        name: wanted,
                        found,
                    }
                },
            ))
        }
    }
}

/// One cell: its 0-based row and column and its text.
struct SheetCell {
    row: u32,
    column: u32,
    text: Vec<u8>,
}

/// Where a sheet's cells come from: an `.xlsx` sheet is streamed (memory
/// stays that of one row), other formats are read whole by calamine.
enum Cells<'a> {
    /// calamine's cell reader (a type it does not export by name).
    Stream(Box<dyn FnMut() -> Result<Option<SheetCell>, String> + 'a>),
    Range {
        range: Range<calamine::Data>,
        next: usize,
    },
}

impl Cells<'_> {
    /// The next cell with a value, row by row; `Err` when the file breaks
    /// off.
    fn next(&mut self) -> Result<Option<SheetCell>, String> {
        loop {
            let (row, column, text) = match self {
                Cells::Stream(next) => match next()? {
                    Some(cell) => (cell.row, cell.column, cell.text),
                    None => return Ok(None),
                },
                Cells::Range { range, next } => {
                    let width = range.width();
                    if width == 0 || *next >= range.get_size().0 * width {
                        return Ok(None);
                    }
                    let (r, c) = (*next / width, *next % width);
                    *next += 1;
                    let start = range.start().unwrap_or((0, 0));
                    let text = range.get((r, c)).map(cell_text).unwrap_or_default();
                    (start.0 + r as u32, start.1 + c as u32, text)
                }
            };
            if !text.is_empty() {
                return Ok(Some(SheetCell { row, column, text }));
            }
        }
    }
}

/// The text a cell stands for (see the module documentation).
fn cell_text<T: DataType>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(s) = value.get_string() {
        out.extend_from_slice(s.as_bytes());
    } else if let Some(i) = value.get_int() {
        let _ = write!(out, "{i}");
    } else if let Some(f) = value.get_float() {
        // Display writes the shortest text that reads back to the same f64.
        let _ = write!(out, "{f}");
    } else if let Some(b) = value.get_bool() {
        let _ = write!(out, "{b}");
    } else if let Some(d) = value.get_datetime() {
        if d.is_duration() {
            let _ = write!(out, "{}", duration_text(d.as_f64()));
        } else if let Some(t) = d.as_datetime() {
            let serial = d.as_f64();
            let _ = if (0.0..1.0).contains(&serial) {
                write!(out, "{}", t.time())
            } else if serial.fract() == 0.0 {
                write!(out, "{}", t.date())
            } else {
                write!(out, "{t}")
            };
        } else {
            let _ = write!(out, "date {}", d.as_f64());
        }
    } else if let Some(s) = value.get_datetime_iso().or(value.get_duration_iso()) {
        out.extend_from_slice(s.as_bytes());
    } else if let Some(e) = value.get_error() {
        let _ = write!(out, "{e}");
    }
    out
}

/// Undo the escapes an `.xlsx` file writes for characters XML cannot hold
/// (`_x001B_` for ESC, `_x000D_` for a carriage return, `_x005F_` for a
/// literal `_`), which calamine leaves in the text.
fn ooxml_unescape(text: Vec<u8>) -> Vec<u8> {
    if !text.windows(2).any(|w| w == b"_x") {
        return text;
    }
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'_' && i + 7 <= text.len() && text[i + 1] == b'x' && text[i + 6] == b'_' {
            let hex = std::str::from_utf8(&text[i + 2..i + 6]).ok();
            if let Some(c) = hex
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
            {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                i += 7;
                continue;
            }
        }
        out.push(text[i]);
        i += 1;
    }
    out
}

/// A duration in days as `[h]:mm:ss`.
fn duration_text(days: f64) -> String {
    let seconds = (days * 86_400.0).round();
    if !seconds.is_finite() || seconds.abs() > 1e15 {
        return format!("{days} days");
    }
    let s = seconds as i64;
    let sign = if s < 0 { "-" } else { "" };
    let s = s.abs();
    format!("{sign}{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// The records of one sheet.
struct SheetRecords<'a> {
    place: Place,
    cells: Cells<'a>,
    /// The first cell of the next row, read ahead.
    pending: Option<SheetCell>,
    /// Merged areas not yet passed, by first row (xlsx only).
    merged: Vec<Dimensions>,
    /// Merged areas covering the current row, with their first cell's text.
    active: Vec<(Dimensions, Vec<u8>)>,
    header_row: u64,
    /// Columns of the table (set by the header).
    width: usize,
    /// The cells of the row being assembled.
    row: Vec<SheetCell>,
    /// The reader reached the end.
    done: bool,
    /// The reader failed (reported once).
    broken: bool,
}

impl<'a> SheetRecords<'a> {
    fn open<RS: Read + Seek + 'a>(
        book: &'a mut Sheets<RS>,
        file: &Path,
        sheet: &str,
    ) -> Result<Self, Error> {
        let unreadable = |e: String| {
            whole(
                file,
                sheet,
                InputErrorKind::Workbook {
                    found: escape_controls(&e),
                },
            )
        };
        let (cells, mut merged) = match book {
            Sheets::Xlsx(xlsx) => {
                let merged = match guarded(|| xlsx.worksheet_merge_cells(sheet)) {
                    Ok(Some(Ok(m))) => m,
                    Ok(Some(Err(e))) => return Err(unreadable(e.to_string())),
                    Ok(None) => Vec::new(),
                    Err(panic) => return Err(unreadable(panic.to_string())),
                };
                let mut reader = guarded(|| xlsx.worksheet_cells_reader(sheet))
                    .map_err(|panic| unreadable(panic.to_string()))?
                    .map_err(|e| unreadable(e.to_string()))?;
                let next = move || match guarded(|| reader.next_cell())? {
                    Ok(Some(cell)) => {
                        let (row, column) = cell.get_position();
                        Ok(Some(SheetCell {
                            row,
                            column,
                            text: ooxml_unescape(cell_text(cell.get_value())),
                        }))
                    }
                    Ok(None) => Ok(None),
                    Err(e) => Err(e.to_string()),
                };
                (Cells::Stream(Box::new(next)), merged)
            }
            other => {
                let range = guarded(|| other.worksheet_range(sheet))
                    .map_err(|panic| unreadable(panic.to_string()))?
                    .map_err(|e| unreadable(e.to_string()))?;
                (Cells::Range { range, next: 0 }, Vec::new())
            }
        };
        merged.sort_by_key(|d| std::cmp::Reverse(d.start.0));
        Ok(SheetRecords {
            place: Place {
                file: file.to_path_buf(),
                sheet: Some(sheet.to_string()),
                first_column: 0,
            },
            cells,
            pending: None,
            merged,
            active: Vec::new(),
            header_row: 0,
            width: 0,
            row: Vec::new(),
            done: false,
            broken: false,
        })
    }

    fn next_cell(&mut self, problems: &mut Problems) -> Option<SheetCell> {
        if let Some(cell) = self.pending.take() {
            return Some(cell);
        }
        if self.done || self.broken {
            return None;
        }
        match self.cells.next() {
            Ok(Some(cell)) => Some(cell),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.broken = true;
                problems.push(
                    Location {
                        file: self.place.file.clone(),
                        line: 0,
                        column: 0,
                        column_name: String::new(),
                        sheet: self.place.sheet.clone(),
                    },
                    InputErrorKind::Workbook {
                        found: escape_controls(&e),
                    },
                );
                None
            }
        }
    }

    /// Gather the next row with a value into `self.row`; its 0-based index.
    fn next_row(&mut self, problems: &mut Problems) -> Option<u32> {
        self.row.clear();
        let first = self.next_cell(problems)?;
        let index = first.row;
        self.row.push(first);
        while let Some(cell) = self.next_cell(problems) {
            if cell.row != index {
                self.pending = Some(cell);
                break;
            }
            self.row.push(cell);
        }
        self.fill_merged(index);
        Some(index)
    }

    /// Give each merged area's value to the cells it covers on this row.
    fn fill_merged(&mut self, row: u32) {
        self.active.retain(|(d, _)| d.end.0 >= row);
        while self.merged.last().is_some_and(|d| d.start.0 <= row) {
            if let Some(d) = self.merged.pop() {
                if d.end.0 >= row {
                    self.active.push((d, Vec::new()));
                }
            }
        }
        if self.active.is_empty() {
            return;
        }
        for (area, text) in &mut self.active {
            if area.start.0 == row {
                if let Some(cell) = self.row.iter().find(|c| c.column == area.start.1) {
                    text.clone_from(&cell.text);
                }
            }
            if text.is_empty() {
                continue;
            }
            for column in area.start.1..=area.end.1 {
                if (row, column) == area.start || self.row.iter().any(|c| c.column == column) {
                    continue;
                }
                self.row.push(SheetCell {
                    row,
                    column,
                    text: text.clone(),
                });
            }
        }
        self.row.sort_by_key(|c| c.column);
    }
}

impl RecordSource for SheetRecords<'_> {
    fn place(&self) -> &Place {
        &self.place
    }

    fn header_line(&self) -> u64 {
        self.header_row
    }

    fn empty(&self) -> InputErrorKind {
        InputErrorKind::EmptySheet
    }

    fn next_record(
        &mut self,
        record: &mut ByteRecord,
        _header: Option<&Header>,
        problems: &mut Problems,
    ) -> Option<u64> {
        record.clear();
        let index = self.next_row(problems)?;
        let line = u64::from(index) + 1;
        if self.header_row == 0 {
            // The header row: the table spans its first to its last value.
            let first = self.row.first().map_or(0, |c| c.column) as usize;
            let last = self.row.last().map_or(0, |c| c.column) as usize;
            self.place.first_column = first;
            self.header_row = line;
            self.width = last - first + 1;
            if self.width > super::MAX_COLUMNS {
                problems.push(
                    self.place.at(line, 0, "header"),
                    InputErrorKind::TooManyColumns {
                        limit: super::MAX_COLUMNS,
                        found: self.width,
                    },
                );
                return None;
            }
        }
        let first = self.place.first_column;
        let mut next_field = 0;
        for cell in &self.row {
            let column = cell.column as usize;
            if column < first || column >= first + self.width {
                let kind = InputErrorKind::OutsideTable {
                    found: super::parse::quote(&String::from_utf8_lossy(&cell.text)),
                };
                problems.push(
                    Location {
                        file: self.place.file.clone(),
                        line,
                        column: column + 1,
                        column_name: "(outside the table)".to_string(),
                        sheet: self.place.sheet.clone(),
                    },
                    kind,
                );
                continue;
            }
            let field = column - first;
            while next_field < field {
                record.push_field(b"");
                next_field += 1;
            }
            record.push_field(&cell.text);
            next_field += 1;
        }
        while next_field < self.width {
            record.push_field(b"");
            next_field += 1;
        }
        Some(line)
    }

    fn finish(&mut self, _header: Option<&Header>, _problems: &mut Problems) -> bool {
        self.broken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_the_spreadsheet() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(3), "C");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(52), "AZ");
        assert_eq!(column_letters(703), "AAA");
        assert_eq!(column_letters(16_384), "XFD");
    }

    #[test]
    fn ooxml_escapes_are_undone() {
        let undo = |s: &str| String::from_utf8(ooxml_unescape(s.as_bytes().to_vec())).unwrap();
        assert_eq!(undo("red _x001B_[31m"), "red \u{1b}[31m");
        assert_eq!(undo("a_x000D_\nb"), "a\r\nb");
        assert_eq!(undo("_x005F_x0041_"), "_x0041_");
        assert_eq!(undo("_x12_ _xZZZZ_ plain_x"), "_x12_ _xZZZZ_ plain_x");
    }

    #[test]
    fn durations_read_as_hours() {
        assert_eq!(duration_text(1.5), "36:00:00");
        assert_eq!(duration_text(0.5 / 24.0), "0:30:00");
    }

    #[test]
    fn workbook_endings() {
        assert!(is_workbook(Path::new("a/site.XLSX")));
        assert!(is_workbook(Path::new("site.ods")));
        assert!(!is_workbook(Path::new("site")));
        assert!(!is_workbook(Path::new("nodes.csv")));
    }
}

//! Loading a network from `nodes.csv` and `edges.csv`.
//!
//! This is the only module that sees text from the input. It reads both files
//! to the end, collecting every problem with its file, line and column, so that
//! `validate` can list them all; a network is returned only when there are
//! none. The CSV layer (BOM, CRLF, quoting) is the `csv` crate's; fields are
//! decoded and parsed here so that each refusal names its column.

pub mod discover;
pub mod graphml;
mod guard;
pub mod import;
pub mod kumu;
mod parse;
mod records;
pub mod workbook;

use std::collections::HashMap;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use discover::{discover, Discovery, NetworkEntry};

use crate::error::{Error, InputError, InputErrorKind, InputErrors, Location};
use crate::model::{
    Actor, ActorKind, DuplicateTies, ModelError, Network, NetworkBuilder, Placement, TieSpec,
};
use guard::{MAX_CELL_BYTES, MAX_COLUMNS};
use records::{CsvRecords, Place, RecordSource};

/// The two files of a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkFiles {
    /// The actors file.
    pub nodes: PathBuf,
    /// The ties file.
    pub edges: PathBuf,
}

impl NetworkFiles {
    /// `DIR/nodes.csv` and `DIR/edges.csv`; or, when `dir` names a workbook
    /// (see [`workbook::is_workbook`]), its `nodes` and `edges` sheets.
    pub fn in_dir(dir: impl AsRef<Path>) -> Self {
        let dir = dir.as_ref();
        if workbook::is_workbook(dir) && !dir.is_dir() {
            return NetworkFiles {
                nodes: dir.to_path_buf(),
                edges: dir.to_path_buf(),
            };
        }
        NetworkFiles {
            nodes: dir.join("nodes.csv"),
            edges: dir.join("edges.csv"),
        }
    }
}

/// Options that change what input is accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// What to do with a second row for the same tie.
    pub duplicate_ties: DuplicateTies,
}

/// Load the network in a folder (`nodes.csv` and `edges.csv`) with the
/// contract's defaults.
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Network, Error> {
    load(&NetworkFiles::in_dir(dir), &LoadOptions::default())
}

/// Load a network from its two files. A file named `.xlsx`, `.xls`,
/// `.xlsm`, `.xlsb` or `.ods` is read as a workbook: its `nodes` (or `edges`)
/// sheet takes the place of the CSV file.
pub fn load(files: &NetworkFiles, options: &LoadOptions) -> Result<Network, Error> {
    if workbook::is_workbook(&files.nodes) || workbook::is_workbook(&files.edges) {
        return workbook::load(files, options);
    }
    let open = |path: &Path| {
        File::open(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })
    };
    let nodes = open(&files.nodes)?;
    let edges = open(&files.edges)?;
    read(&files.nodes, nodes, &files.edges, edges, options)
}

/// Read a network from two readers; the paths only name the inputs in errors.
pub fn read(
    nodes_path: &Path,
    nodes: impl Read,
    edges_path: &Path,
    edges: impl Read,
    options: &LoadOptions,
) -> Result<Network, Error> {
    read_records(
        &mut CsvRecords::new(nodes_path, nodes),
        &mut CsvRecords::new(edges_path, edges),
        options,
    )
}

/// Read a network from two record sources (CSV files or sheets): every rule
/// of the format is checked here, whatever the container.
fn read_records(
    nodes: &mut impl RecordSource,
    edges: &mut impl RecordSource,
    options: &LoadOptions,
) -> Result<Network, Error> {
    let mut loader = Loader::new();
    let builder = loader.read_nodes(nodes);
    loader.finish(builder, edges, &nodes.place().name(), options)
}

impl Loader {
    fn new() -> Self {
        Loader {
            problems: Problems::default(),
            known_ids: HashMap::new(),
            nodes_readable: true,
        }
    }

    /// Read the ties into the builder and return the network, or every
    /// problem found.
    fn finish(
        mut self,
        builder: NetworkBuilder,
        edges: &mut impl RecordSource,
        nodes_name: &str,
        options: &LoadOptions,
    ) -> Result<Network, Error> {
        let mut builder = builder.duplicate_ties(options.duplicate_ties);
        self.read_edges(edges, nodes_name, &mut builder);
        self.into_result(builder)
    }

    fn into_result(self, builder: NetworkBuilder) -> Result<Network, Error> {
        if self.problems.errors.is_empty() {
            Ok(builder.build())
        } else {
            Err(Error::Input(InputErrors {
                errors: self.problems.errors,
                more: self.problems.more,
            }))
        }
    }
}

#[derive(Default)]
pub(crate) struct Problems {
    errors: Vec<InputError>,
    more: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, location: Location, kind: InputErrorKind) {
        if self.errors.len() < InputErrors::LIMIT {
            self.errors.push(InputError { location, kind });
        } else {
            self.more += 1;
        }
    }

    fn count(&self) -> usize {
        self.errors.len() + self.more
    }
}

/// The header of one file: its names and where each known column is.
pub(crate) struct Header {
    pub(crate) names: Vec<String>,
    known: Vec<Option<usize>>,
    extras: Vec<usize>,
}

impl Header {
    fn get(&self, column: usize) -> Option<usize> {
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
const N_ID: usize = 0;
const N_LABEL: usize = 1;
const N_KIND: usize = 2;
const N_PLACEMENT: usize = 3;
const N_GROUP: usize = 4;
const N_ROLE: usize = 5;
const N_LEVEL: usize = 6;
const N_POWER: usize = 7;

/// The known columns of `edges.csv` (and of an `edges` sheet).
pub const EDGE_COLUMNS: [&str; 6] = [
    "source",
    "target",
    "trust",
    "communication",
    "directed",
    "power",
];
const E_SOURCE: usize = 0;
const E_TARGET: usize = 1;
const E_TRUST: usize = 2;
const E_COMMUNICATION: usize = 3;
const E_DIRECTED: usize = 4;
const E_POWER: usize = 5;

/// One record being read: its line and fields, decoded on demand.
struct Row<'a> {
    place: &'a Place,
    header: &'a Header,
    record: &'a csv::ByteRecord,
    line: u64,
}

impl<'a> Row<'a> {
    fn location(&self, field: usize) -> Location {
        let column_name = self
            .header
            .names
            .get(field)
            .cloned()
            .unwrap_or_else(|| "(extra field)".to_string());
        self.place.at(self.line, field, column_name)
    }

    /// The text of a field, or why it has none.
    fn text(&self, field: usize) -> Result<&'a str, (usize, InputErrorKind)> {
        if let Some(kind) = cell_problem(&self.record[field]) {
            return Err((field, kind));
        }
        std::str::from_utf8(&self.record[field]).map_err(|_| (field, InputErrorKind::InvalidUtf8))
    }

    /// The text of a known column, `""` when the file lacks the column.
    fn column(&self, known: usize) -> Result<&'a str, (usize, InputErrorKind)> {
        match self.header.get(known) {
            Some(field) => self.text(field),
            None => Ok(""),
        }
    }

    /// Parse a known column, tagging a refusal with its field.
    fn parse<T>(
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
struct BadCells {
    cells: Vec<(usize, InputErrorKind)>,
    /// Set when the row must be dropped although no new problem is reported.
    refused: bool,
}

impl BadCells {
    fn push(&mut self, field: usize, kind: InputErrorKind) {
        self.cells.push((field, kind));
    }

    fn take<T>(&mut self, parsed: Result<T, (usize, InputErrorKind)>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err((field, kind)) => {
                self.push(field, kind);
                None
            }
        }
    }

    /// Report the problems; true when the row must be dropped.
    fn report(mut self, problems: &mut Problems, row: &Row<'_>) -> bool {
        self.cells.sort_by_key(|(field, _)| *field);
        let any = !self.cells.is_empty();
        for (field, kind) in self.cells {
            problems.push(row.location(field), kind);
        }
        any || self.refused
    }
}

struct Loader {
    problems: Problems,
    /// Every node id seen, with its line, including ids of rows refused for
    /// another reason: a tie to such an actor is then not reported as a
    /// second, misleading problem.
    known_ids: HashMap<String, u64>,
    /// False when nodes.csv could not be read at all: tie ends are then not
    /// checked, rather than each reported as unknown.
    nodes_readable: bool,
}

impl Loader {
    /// Where a problem with the header (1-based column) is.
    fn header_location(source: &impl RecordSource, column: usize) -> Location {
        source
            .place()
            .at(source.header_line(), column.saturating_sub(1), "header")
    }

    /// Read the header row; `None` when the file cannot be used at all.
    fn read_header(
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
                    InputErrorKind::InvalidUtf8,
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
                            found
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

    /// Visit each data record with its line; stops at a reader error.
    /// Returns the number of records read.
    fn each_record<S: RecordSource>(
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

    fn read_nodes(&mut self, source: &mut impl RecordSource) -> NetworkBuilder {
        let Some(header) = self.read_header(source, &NODE_COLUMNS, &[N_ID]) else {
            source.finish(None, &mut self.problems);
            self.nodes_readable = false;
            return NetworkBuilder::new(Vec::new());
        };
        let attribute_names = header
            .extras
            .iter()
            .map(|&f| header.names[f].clone())
            .collect();
        let mut builder = NetworkBuilder::new(attribute_names);
        let records = self.each_record(source, &header, |loader, row| {
            let mut bad = BadCells::default();
            let id = bad.take(row.parse(N_ID, |t| {
                let id = t.trim();
                if id.is_empty() {
                    Err(InputErrorKind::Empty {
                        expected: "a non-empty id",
                    })
                } else {
                    Ok(id)
                }
            }));
            if let Some(id) = id {
                if let Some(&first_line) = loader.known_ids.get(id) {
                    bad.push(
                        header.get(N_ID).unwrap_or(0),
                        InputErrorKind::DuplicateId {
                            id: id.to_string(),
                            first_line,
                        },
                    );
                } else {
                    loader.known_ids.insert(id.to_string(), row.line);
                }
            }
            let kind = bad.take(row.parse(N_KIND, parse::kind));
            let placement = bad.take(row.parse(N_PLACEMENT, parse::placement));
            let level = bad.take(row.parse(N_LEVEL, parse::level));
            let power = bad.take(row.parse(N_POWER, |t| {
                parse::optional_number(t, 0.0, 1.0, parse::POWER)
            }));
            let label = bad.take(row.column(N_LABEL));
            let group = bad.take(row.column(N_GROUP));
            let role = bad.take(row.column(N_ROLE));
            let attributes: Vec<Option<&str>> = header
                .extras
                .iter()
                .map(|&f| bad.take(row.text(f)))
                .collect();
            if bad.report(&mut loader.problems, row) {
                return;
            }
            let (Some(id), Some(kind), Some(placement), Some(level), Some(power)) =
                (id, kind, placement, level, power)
            else {
                return;
            };
            let kind = kind.unwrap_or(ActorKind::Stakeholder);
            let label = label.unwrap_or("");
            let role = role.unwrap_or("").trim();
            let actor = Actor {
                id: id.to_string(),
                label: if label.trim().is_empty() {
                    id.to_string()
                } else {
                    label.to_string()
                },
                kind,
                placement: placement.unwrap_or(match kind {
                    ActorKind::Practitioner => Placement::External,
                    ActorKind::Stakeholder => Placement::Internal,
                }),
                group: group.unwrap_or("").trim().to_string(),
                role: (!role.is_empty()).then(|| role.to_string()),
                level,
                power: power.unwrap_or(0.5),
                attributes: attributes
                    .into_iter()
                    .map(|a| a.unwrap_or("").to_string())
                    .collect(),
            };
            if let Err(e) = builder.add_actor(actor) {
                // Unreachable while the checks above mirror the builder's,
                // but never silently dropped.
                let field = header.get(N_ID).unwrap_or(0);
                loader
                    .problems
                    .push(row.location(field), InputErrorKind::Csv(e.to_string()));
            }
        });
        if source.finish(Some(&header), &mut self.problems) {
            // The ids after a runaway or an open quote were never read: a
            // tie to one of them is not a second problem.
            self.nodes_readable = false;
        } else if records == 0 {
            self.problems
                .push(Self::header_location(source, 1), InputErrorKind::NoActors);
            self.nodes_readable = false;
        }
        builder
    }

    /// Read the ties; `nodes_name` names the nodes input in messages about
    /// unknown tie ends.
    fn read_edges(
        &mut self,
        source: &mut impl RecordSource,
        nodes_name: &str,
        builder: &mut NetworkBuilder,
    ) {
        let Some(header) = self.read_header(source, &EDGE_COLUMNS, &[E_SOURCE, E_TARGET, E_TRUST])
        else {
            source.finish(None, &mut self.problems);
            return;
        };
        // Line of each accepted tie row, by the builder's row position.
        let mut tie_lines: Vec<u64> = Vec::new();
        self.each_record(source, &header, |loader, row| {
            let mut bad = BadCells::default();
            let end = |bad: &mut BadCells, known: usize| -> Option<usize> {
                let id = bad.take(row.parse(known, |t| {
                    let id = t.trim();
                    if id.is_empty() {
                        Err(InputErrorKind::Empty {
                            expected: parse::ID,
                        })
                    } else {
                        Ok(id)
                    }
                }))?;
                if let Some(index) = builder.actor_index(id) {
                    Some(index)
                } else {
                    // An id whose node row was refused is reported there.
                    if loader.nodes_readable && !loader.known_ids.contains_key(id) {
                        bad.push(
                            header.get(known).unwrap_or(0),
                            InputErrorKind::UnknownActor {
                                nodes_file: nodes_name.to_string(),
                                found: parse::quote(id),
                            },
                        );
                    }
                    bad.refused = true;
                    None
                }
            };
            let source = end(&mut bad, E_SOURCE);
            let target = end(&mut bad, E_TARGET);
            let trust = bad.take(row.parse(E_TRUST, |t| parse::number(t, 0.0, 1.0, parse::TRUST)));
            let communication = bad.take(row.parse(E_COMMUNICATION, |t| {
                parse::optional_number(t, 0.0, f64::MAX, parse::COMMUNICATION)
            }));
            let directed = bad.take(row.parse(E_DIRECTED, parse::directed));
            let power = bad.take(row.parse(E_POWER, |t| {
                parse::optional_number(t, -1.0, 1.0, parse::TIE_POWER)
            }));
            if bad.report(&mut loader.problems, row) {
                return;
            }
            let (
                Some(source),
                Some(target),
                Some(trust),
                Some(communication),
                Some(directed),
                Some(power),
            ) = (source, target, trust, communication, directed, power)
            else {
                return;
            };
            let spec = TieSpec {
                source: (),
                target: (),
                trust,
                communication,
                directed,
                power,
            };
            let source_field = header.get(E_SOURCE).unwrap_or(0);
            let target_field = header.get(E_TARGET).unwrap_or(0);
            match builder.add_tie_between(source, target, &spec) {
                Ok(position) => {
                    debug_assert_eq!(position, tie_lines.len());
                    tie_lines.push(row.line);
                }
                Err(e) => {
                    let (field, kind) = match e {
                        ModelError::SelfLoop { id } => {
                            (target_field, InputErrorKind::SelfLoop { id })
                        }
                        ModelError::DuplicateTie {
                            source_id,
                            target_id,
                            first,
                        } => (
                            source_field,
                            InputErrorKind::DuplicateTie {
                                source_id,
                                target_id,
                                first_line: tie_lines[first],
                            },
                        ),
                        ModelError::ConflictingTie {
                            source_id,
                            target_id,
                            first,
                        } => (
                            source_field,
                            InputErrorKind::ConflictingTie {
                                source_id,
                                target_id,
                                first_line: tie_lines[first],
                            },
                        ),
                        other => (source_field, InputErrorKind::Csv(other.to_string())),
                    };
                    loader.problems.push(row.location(field), kind);
                }
            }
        });
        source.finish(Some(&header), &mut self.problems);
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
fn cell_problem(bytes: &[u8]) -> Option<InputErrorKind> {
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

//! Errors of the library. Input problems carry the file, line and column they
//! were found at; everything else says which file or step failed.

use std::fmt;
use std::path::PathBuf;

use crate::text::escape_controls;

/// The power request's refusals, part of [`Error::Power`].
pub use crate::metrics::power::{PowerError, Role};

/// Where in an input file a problem was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the caller named it.
    pub file: PathBuf,
    /// 1-based line of the record (its first line when a quoted field spans
    /// several).
    pub line: u64,
    /// 1-based column (field) number.
    pub column: usize,
    /// Header name of that column, or `header` for problems with the header.
    pub column_name: String,
    /// The sheet, when the file is a workbook: `line` is then the row and
    /// `column` the spreadsheet column (1 = `A`). An empty sheet name with
    /// line 0 stands for the workbook as a whole, line 0 for the whole sheet.
    pub sheet: Option<String>,
}

impl Location {
    /// A place in a text file (not a workbook): `line` and `column` 1-based,
    /// `column_name` the header name or what the place is (`header`,
    /// `codebook`).
    pub fn new(file: &std::path::Path, line: u64, column: usize, column_name: &str) -> Self {
        Location {
            file: file.to_path_buf(),
            line,
            column,
            column_name: column_name.to_string(),
            sheet: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(sheet) = &self.sheet {
            return crate::io::workbook::fmt_sheet_location(self, sheet, f);
        }
        // Header names come from the file: a hostile one must not drive the
        // terminal that shows the message.
        write!(
            f,
            "{}:{}:{}: {}",
            escape_controls(&self.file.display().to_string()),
            self.line,
            self.column,
            escape_controls(&self.column_name)
        )
    }
}

/// What is wrong with a piece of input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputErrorKind {
    /// The file has no header row.
    #[error("expected a header row, found an empty file")]
    EmptyFile,
    /// A required column is missing from the header.
    #[error("expected a column named \"{name}\", found {found}")]
    MissingColumn {
        /// The column docs/format.md requires.
        name: String,
        /// The header names present, for the reader to compare.
        found: String,
    },
    /// The same known column twice.
    #[error("expected each column once, found {name:?} again (first as column {first})")]
    DuplicateColumn {
        /// The column name.
        name: String,
        /// 1-based column of its first appearance.
        first: usize,
    },
    /// A row with more or fewer fields than the header.
    #[error("expected {expected} fields as in the header, found {found}")]
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// Bytes that are not UTF-8.
    #[error("expected UTF-8 text, found invalid bytes")]
    InvalidUtf8,
    /// A required cell is empty.
    #[error("expected {expected}, found an empty cell")]
    Empty {
        /// What the cell should hold.
        expected: &'static str,
    },
    /// A value that does not parse or is out of its range.
    #[error("expected {expected}, found {found}")]
    Invalid {
        /// What the cell should hold.
        expected: &'static str,
        /// The cell's text, quoted and shortened.
        found: String,
    },
    /// A node id given twice.
    #[error("expected a unique id, found {id:?} again (first at line {first_line})")]
    DuplicateId {
        /// The id.
        id: String,
        /// Line of the first row with it.
        first_line: u64,
    },
    /// A tie end that names no node.
    #[error("expected a node id from {nodes_file}, found {found}")]
    UnknownActor {
        /// Name of the nodes file.
        nodes_file: String,
        /// The id given, quoted.
        found: String,
    },
    /// A tie from an actor to itself.
    #[error("expected two different actors, found a self-loop on {id:?}")]
    SelfLoop {
        /// The actor.
        id: String,
    },
    /// A second row for the same tie (accepted, and merged, with
    /// [`crate::DuplicateTies::Merge`]).
    #[error("expected one row per tie, found {}–{} again (first at line {first_line})", escape_controls(.source_id), escape_controls(.target_id))]
    DuplicateTie {
        /// Source id of this row.
        source_id: String,
        /// Target id of this row.
        target_id: String,
        /// Line of the first row.
        first_line: u64,
    },
    /// A directed row for a pair that has a mutual row, or the reverse.
    #[error("expected either one mutual row or directed rows for a pair, found {}–{} as both (other row at line {first_line})", escape_controls(.source_id), escape_controls(.target_id))]
    ConflictingTie {
        /// Source id of this row.
        source_id: String,
        /// Target id of this row.
        target_id: String,
        /// Line of the other row.
        first_line: u64,
    },
    /// Bytes that are not UTF-8 in a cell: `found` shows the cell with each
    /// such byte as `\xNN`; `hint` is set on the first such cell of a file
    /// whose bytes read as Latin-1 / Windows-1252 text (what Excel's plain
    /// "CSV" saves on Windows).
    #[error("expected UTF-8 text, found {found}{}", .hint.as_deref().unwrap_or_default())]
    NotUtf8 {
        /// The cell, quoted, its undecodable bytes escaped.
        found: String,
        /// What the file looks like and how to save it, for the first such
        /// cell of a file.
        hint: Option<String>,
    },
    /// A file in UTF-16 (Excel's "Unicode text"): reported once, at its
    /// start, and the file is not read further.
    #[error("expected UTF-8 text, found UTF-16 text (as Excel saves \"Unicode text\"): save the sheet as \"CSV UTF-8 (comma delimited)\"")]
    Utf16,
    /// A NUL byte in a cell: a binary file, or UTF-16 text.
    #[error("expected UTF-8 text, found a NUL byte (is the file binary or UTF-16?)")]
    NulByte,
    /// A cell longer than the loader accepts.
    #[error("expected a cell of at most {limit} bytes, found {found} bytes")]
    CellTooLong {
        /// The most bytes a cell may hold.
        limit: usize,
        /// Bytes in this cell.
        found: usize,
    },
    /// A field or record so long that reading stopped in it (the rest of the
    /// file is not read).
    #[error("expected a cell of at most {limit} bytes, found a {what} still going after {read} bytes; the rest of the file was not read")]
    Runaway {
        /// The most bytes a cell may hold.
        limit: usize,
        /// `field` or `line`.
        what: &'static str,
        /// Bytes read of it when reading stopped.
        read: u64,
    },
    /// A header with more columns than the loader accepts.
    #[error("expected at most {limit} columns, found {found}")]
    TooManyColumns {
        /// The most columns a file may have.
        limit: usize,
        /// Columns in this header.
        found: usize,
    },
    /// A quoted field still open at the end of the file: every row after its
    /// opening quote was read as part of it.
    #[error("expected a closing quote, found the end of the file (the quoted field that starts here runs to the end)")]
    UnclosedQuote,
    /// A nodes file with a header and no actor.
    #[error("expected at least one actor row after the header, found none")]
    NoActors,
    /// The file could not be read to the end.
    #[error("expected a readable file, found an error: {0}")]
    Unreadable(String),
    /// A CSV syntax problem reported by the reader.
    #[error("expected well-formed CSV, found {0}")]
    Csv(String),
    /// A workbook that cannot be opened or read (corrupt, password-protected,
    /// not a workbook at all).
    #[error("expected an .xlsx, .xls or .ods workbook that can be read, found an error: {found}")]
    Workbook {
        /// The reader's message.
        found: String,
    },
    /// A workbook without the sheet a network needs.
    #[error("expected a sheet named \"{name}\", found {found}")]
    MissingSheet {
        /// `nodes` or `edges`.
        name: &'static str,
        /// The sheets present.
        found: String,
    },
    /// A workbook with two sheets whose names differ only in case.
    #[error("expected one sheet named \"{name}\" (in any case), found {found}")]
    AmbiguousSheet {
        /// `nodes` or `edges`.
        name: &'static str,
        /// The sheets present.
        found: String,
    },
    /// A sheet without a value in any cell.
    #[error("expected a header row, found an empty sheet")]
    EmptySheet,
    /// A value in a cell outside the columns the header names.
    #[error("expected an empty cell outside the header's columns, found {found}")]
    OutsideTable {
        /// The cell's text, quoted.
        found: String,
    },
    /// A problem in survey responses or a survey codebook
    /// (`stakenet survey`).
    #[error("{0}")]
    Survey(Box<crate::survey::SurveyProblem>),
}

/// One problem in the input, with its location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {kind}")]
pub struct InputError {
    /// Where.
    pub location: Location,
    /// What.
    pub kind: InputErrorKind,
}

/// Every problem found in an input, in file order (nodes file first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputErrors {
    /// The problems kept (at most [`InputErrors::LIMIT`]).
    pub errors: Vec<InputError>,
    /// How many more were found but not kept.
    pub more: usize,
}

impl InputErrors {
    /// Most problems kept; a file with every row wrong does not fill memory.
    pub const LIMIT: usize = 1000;

    /// The problems one a line, as [`Display`](fmt::Display) writes them,
    /// each followed by `; HINT` where `hint` gives one for its kind. The
    /// library names no flag or argument; a front end passes the one that
    /// accepts what the problem refuses (the CLI `--merge-duplicates`, the
    /// Python package `merge_duplicates=True`).
    pub fn with_hints(&self, hint: impl Fn(&InputErrorKind) -> Option<&'static str>) -> String {
        let mut lines: Vec<String> = self
            .errors
            .iter()
            .map(|e| match hint(&e.kind) {
                Some(h) => format!("{e}; {h}"),
                None => e.to_string(),
            })
            .collect();
        if self.more > 0 {
            lines.push(format!("… and {} more problems", self.more));
        }
        lines.join("\n")
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.with_hints(|_| None))
    }
}

impl std::error::Error for InputErrors {}

/// The library's error type.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input files break docs/format.md.
    #[error("{0}")]
    Input(InputErrors),
    /// A file could not be read.
    #[error("cannot read {}: {source}", escape_controls(&path.display().to_string()))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A request that does not fit the network or the batch (a manifest
    /// column named like a report column, say).
    #[error("{0}")]
    Request(String),
    /// An output that could not be produced (a value a workbook cannot hold,
    /// say).
    #[error("{0}")]
    Export(String),
    /// An id in an exit request that names no actor.
    #[error("no actor has the id \"{id}\" (given as {list})")]
    UnknownActor {
        /// The id as given.
        id: String,
        /// Which list of the request held it.
        list: IdList,
    },
    /// A handover from an actor to itself.
    #[error("handover {id}={id}: FROM and TO must be different actors")]
    HandoverToSelf {
        /// The actor.
        id: String,
    },
    /// A handover factor outside [0, 1].
    #[error("handover factor: expected a number in [0, 1], found {factor}")]
    HandoverFactor {
        /// The factor given.
        factor: f64,
    },
    /// An actor index out of range, given to an index-based metric
    /// ([`crate::metrics::exit()`], say) directly.
    #[error("no actor has index {index}")]
    ActorIndex {
        /// The index.
        index: usize,
    },
    /// A network built in code breaks a model rule (see
    /// [`crate::model::ModelError`]).
    #[error(transparent)]
    Model(#[from] crate::model::ModelError),
    /// A batch output read back (to resume or merge) is not one a batch
    /// wrote.
    #[error("{file}: {message}")]
    BatchOutput {
        /// The file, as the caller named it.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A power request that cannot be answered (see
    /// [`crate::metrics::power::PowerError`]).
    #[error(transparent)]
    Power(#[from] crate::metrics::power::PowerError),
    /// `plan` would need more memory than the machine has available: it
    /// holds path-trust matrices over every pair of stakeholders. A sampled
    /// exit ([`crate::exit_sampled`]) still gives sustainability.
    #[error(
        "plan: {stakeholders} stakeholders need about {} for the path-trust \
         matrices (4 × {stakeholders}² numbers of 8 bytes), but only {} is \
         available",
        crate::error::mib(*needed),
        crate::error::mib(*available)
    )]
    PlanMemory {
        /// Members of S.
        stakeholders: usize,
        /// Bytes the matrices would take.
        needed: u64,
        /// Bytes available (MemAvailable of /proc/meminfo).
        available: u64,
    },
    /// `exit` would need more memory than the machine has available.
    #[error(
        "exit: {actors} actors and {arcs} arcs on {threads} threads need about {} \
         (the paths graph, one set of path buffers per thread and one row per \
         source), but only {} is available",
        crate::error::mib(*needed),
        crate::error::mib(*available)
    )]
    ExitMemory {
        /// Actors in the network.
        actors: usize,
        /// Arcs (a mutual tie counts twice).
        arcs: usize,
        /// Worker threads, each with its own buffers.
        threads: usize,
        /// Bytes the computation would hold at its peak (estimated).
        needed: u64,
        /// Bytes available (MemAvailable of /proc/meminfo).
        available: u64,
    },
}

/// Bytes in MiB (GiB above 10 GiB), for messages.
pub(crate) fn mib(bytes: u64) -> String {
    let m = bytes as f64 / (1024.0 * 1024.0);
    if m >= 10240.0 {
        format!("{:.1} GiB", m / 1024.0)
    } else {
        format!("{m:.0} MiB")
    }
}

/// The list of an [`crate::ExitRequest`] (or a [`crate::VoiceRequest`]) an
/// id came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdList {
    /// The exiting actors.
    Exit,
    /// A handover's FROM or TO.
    Handover,
    /// The named voices of a power request.
    Voices,
    /// The named decision-makers of a power request.
    DecisionMakers,
    /// The named successor candidates of a plan request.
    Candidates,
}

impl fmt::Display for IdList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdList::Exit => "an exiting actor",
            IdList::Handover => "a handover end",
            IdList::Voices => "a voice",
            IdList::DecisionMakers => "a decision-maker",
            IdList::Candidates => "a successor candidate",
        })
    }
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(InputErrors {
            errors: vec![e],
            more: 0,
        })
    }
}

//! Loading a network from `nodes.csv` and `edges.csv`.
//!
//! This is the only module that sees text from the input. It reads both files
//! to the end, collecting every problem with its file, line and column, so that
//! `validate` can list them all; a network is returned only when there are
//! none. The CSV layer (BOM, CRLF, quoting) is the `csv` crate's; fields are
//! decoded and parsed here so that each refusal names its column.

pub mod discover;
mod edges;
mod encoding;
pub mod graphml;
pub(crate) mod guard;
pub(crate) mod header;
pub mod import;
pub mod kumu;
mod nodes;
pub(crate) mod parse;
mod records;
mod source;
pub mod workbook;

use std::collections::HashMap;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use discover::{discover, Discovery, NetworkEntry};
pub(crate) use records::{cell_problem, reader_problem};

use crate::error::{Error, InputError, InputErrorKind, InputErrors, Location};
use crate::model::{
    Actor, ActorKind, DuplicateTies, ModelError, Network, NetworkBuilder, Placement, TieSpec,
};
use guard::{MAX_CELL_BYTES, MAX_COLUMNS};
use header::*;
pub use header::{EDGE_COLUMNS, NODE_COLUMNS};
use records::*;
use source::{CsvRecords, RecordSource};

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

/// Load a network as [`load`] does, refusing any input that is not a
/// regular file (a FIFO, a device, a socket) before reading a byte of it,
/// and never waiting on one: for batches, where one such file named
/// `nodes.csv` must not hold up or end the run.
///
/// Each file is checked by its metadata, then opened without blocking (on
/// Unix, `O_NONBLOCK`: opening a FIFO with no writer waits otherwise) and
/// checked again on the open file, so a file swapped for a FIFO in between
/// is refused too; the bytes read are those of the file checked.
pub fn load_regular(files: &NetworkFiles, options: &LoadOptions) -> Result<Network, Error> {
    let nodes = open_regular(&files.nodes)?;
    let edges = open_regular(&files.edges)?;
    if files.nodes == files.edges && workbook::is_workbook(&files.nodes) {
        let mut bytes = Vec::new();
        let mut book = nodes;
        book.read_to_end(&mut bytes).map_err(|source| Error::Read {
            path: files.nodes.clone(),
            source,
        })?;
        return workbook::read_workbook(&files.nodes, &bytes, options);
    }
    if workbook::is_workbook(&files.nodes) || workbook::is_workbook(&files.edges) {
        return workbook::load(files, options);
    }
    read(&files.nodes, nodes, &files.edges, edges, options)
}

/// Open `path` for reading when it is a regular file (symbolic links
/// followed); anything else is a read error saying so. See
/// [`load_regular`].
pub fn open_regular(path: &Path) -> Result<File, Error> {
    let refuse = || Error::Read {
        path: path.to_path_buf(),
        source: std::io::Error::other(
            "not a regular file (a FIFO, device, socket or folder); not read",
        ),
    };
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    if !std::fs::metadata(path).map_err(read_error)?.is_file() {
        return Err(refuse());
    }
    #[allow(unused_mut)]
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK);
    }
    let file = open.open(path).map_err(read_error)?;
    // O_NONBLOCK changes nothing for a regular file's reads.
    if !file.metadata().map_err(read_error)?.is_file() {
        return Err(refuse());
    }
    Ok(file)
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
    pub(crate) errors: Vec<InputError>,
    pub(crate) more: usize,
    /// The files whose encoding hint was given already.
    hinted: Vec<PathBuf>,
}

impl Problems {
    pub(crate) fn push(&mut self, location: Location, mut kind: InputErrorKind) {
        // An encoding hint is said once per file, on its first undecodable
        // cell: the rest of a Latin-1 file only adds where.
        if let InputErrorKind::NotUtf8 {
            hint: hint @ Some(_),
            ..
        } = &mut kind
        {
            if self.hinted.contains(&location.file) {
                *hint = None;
            } else {
                self.hinted.push(location.file.clone());
            }
        }
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

//! Loading a network from `nodes.csv` and `edges.csv`.
//!
//! This is the only module that sees text from the input. It reads both files
//! to the end, collecting every problem with its file, line and column, so that
//! `validate` can list them all; a network is returned only when there are
//! none. The CSV layer (BOM, CRLF, quoting) is the `csv` crate's; fields are
//! decoded and parsed here so that each refusal names its column.

pub mod discover;
mod edges;
pub(crate) mod guard;
pub(crate) mod header;
mod nodes;
pub(crate) mod parse;
mod records;

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
use guard::{QuoteWatch, MAX_CELL_BYTES, MAX_COLUMNS};
use header::*;
use records::*;

/// The two files of a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkFiles {
    /// The actors file.
    pub nodes: PathBuf,
    /// The ties file.
    pub edges: PathBuf,
}

impl NetworkFiles {
    /// `DIR/nodes.csv` and `DIR/edges.csv`.
    pub fn in_dir(dir: impl AsRef<Path>) -> Self {
        let dir = dir.as_ref();
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

/// Load a network from its two files.
pub fn load(files: &NetworkFiles, options: &LoadOptions) -> Result<Network, Error> {
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
    let mut loader = Loader {
        problems: Problems::default(),
        known_ids: HashMap::new(),
        nodes_readable: true,
    };
    let mut builder = loader.read_nodes(nodes_path, nodes);
    builder = builder.duplicate_ties(options.duplicate_ties);
    loader.read_edges(edges_path, edges, nodes_path, &mut builder);
    if loader.problems.errors.is_empty() {
        Ok(builder.build())
    } else {
        Err(Error::Input(InputErrors {
            errors: loader.problems.errors,
            more: loader.problems.more,
        }))
    }
}

#[derive(Default)]
pub(crate) struct Problems {
    pub(crate) errors: Vec<InputError>,
    pub(crate) more: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, location: Location, kind: InputErrorKind) {
        if self.errors.len() < InputErrors::LIMIT {
            self.errors.push(InputError { location, kind });
        } else {
            self.more += 1;
        }
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

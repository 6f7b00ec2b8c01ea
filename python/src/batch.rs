//! `stakenet.batch`: many networks, one summary row each, as `stakenet
//! batch` computes them, on the library's rayon pool, without the GIL.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use stakenet::batch::{process, Batch, BatchOptions, RowFormat};
use stakenet::io::discover;
use stakenet::{DuplicateTies, LoadOptions};

use crate::errors::to_py;
use crate::interrupt;
use crate::request;
use crate::RequestError;

/// One problem of a network that could not be analysed: (network, file,
/// line, column, message), as a row of `stakenet batch`'s errors file.
type FailureRow = (String, String, Option<u64>, Option<usize>, String);

/// Networks analysed in parallel before their rows are gathered (in network
/// order) and a pending Ctrl-C is looked at: fixed, so nothing about the
/// result depends on the thread count.
const CHUNK: usize = 16;

/// What a batch returns to Python: the summary columns, the summary rows as
/// JSON lines (one object per network, in network order) and the failures.
type BatchTexts = (Vec<String>, String, Vec<FailureRow>);

/// Analyse every network under `roots` (folders searched recursively, or
/// manifest CSVs), `jobs` at a time (default: the library's pool, one
/// thread per core). Ctrl-C stops it between networks.
#[pyfunction]
#[pyo3(signature = (roots, jobs, distance, betweenness_sample, seed, exit, merge_duplicates, exit_kind=None, exit_role=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn batch(
    py: Python<'_>,
    roots: Vec<PathBuf>,
    jobs: Option<usize>,
    distance: &str,
    betweenness_sample: Option<u64>,
    seed: u64,
    exit: Option<Vec<String>>,
    merge_duplicates: bool,
    exit_kind: Option<&str>,
    exit_role: Option<String>,
) -> PyResult<BatchTexts> {
    if jobs == Some(0) {
        return Err(PyValueError::new_err("jobs: expected at least 1"));
    }
    let exit = exit.filter(|ids| !ids.is_empty());
    let exit_select = request::exit_selection(exit_kind, exit_role, exit.is_some())
        .map_err(RequestError::new_err)?;
    let options = BatchOptions {
        load: LoadOptions {
            duplicate_ties: if merge_duplicates {
                DuplicateTies::Merge
            } else {
                DuplicateTies::Reject
            },
        },
        centrality: request::centrality(distance, betweenness_sample, seed)
            .map_err(RequestError::new_err)?,
        exit,
        exit_select,
    };
    let cancel = Arc::new(AtomicBool::new(false));
    let stop = Arc::clone(&cancel);
    let outcome = interrupt::run(py, Some(cancel), move || {
        let discovery = discover(&roots)?;
        let batch = Batch::new(discovery.extra_columns.clone(), RowFormat::Jsonl, options)?;
        let mut rows: Vec<u8> = Vec::new();
        let mut failures = Vec::new();
        // The library's batch loop (`stakenet::batch::run`) finishes a chunk of
        // 64 networks once started; this one skips every network not begun
        // when Ctrl-C comes.
        let mut run = || {
            for chunk in discovery.networks.chunks(CHUNK) {
                let done: Vec<_> = chunk
                    .par_iter()
                    .map(|entry| {
                        (!stop.load(Ordering::Relaxed)).then(|| process(&batch, entry, false))
                    })
                    .collect();
                for (entry, encoded) in chunk.iter().zip(done) {
                    // A stopped run is never seen: the caller has raised already.
                    let Some(encoded) = encoded else { return };
                    rows.extend_from_slice(&encoded.summary);
                    for f in encoded.failures {
                        failures.push((entry.name.clone(), f.file, f.line, f.column, f.message));
                    }
                }
            }
        };
        match jobs {
            Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
                Ok(pool) => pool.install(run),
                Err(e) => {
                    return Err(stakenet::Error::Request(format!(
                        "cannot start {n} threads: {e}"
                    )))
                }
            },
            None => run(),
        }
        let rows = String::from_utf8(rows).expect("JSON lines are UTF-8");
        Ok((batch.summary_columns.clone(), rows, failures))
    })?;
    outcome.map_err(|e| to_py(py, e))
}

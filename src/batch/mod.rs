//! Batch analysis: many networks, one row each (and optionally one row per
//! actor), in an order that does not depend on threads, shards or restarts.
//!
//! The rows are built from the reports the single-network commands print,
//! flattened: a field added to [`crate::report::AnalyzeReport`] appears in
//! the batch without a change here. The header is taken from the report of a
//! small template network, so that it is known before any network is read
//! (an empty shard still writes it) and every row is checked against it.
//!
//! Everything here is pure except [`process`], which loads one network
//! through [`crate::io`]. Writing files, progress and thread pools are the
//! caller's (the `stakenet batch` and `stakenet merge` commands).

mod output_file;
mod record;
mod waves;

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde_json::Value;

use crate::error::Error;
use crate::io::{LoadOptions, NetworkEntry, NetworkFiles};
use crate::metrics::{CentralityOptions, ExitRequest};
use crate::model::{Actor, Network, TieSpec};
use crate::render::csv::{cell, flatten, neutralise, Naming};
use crate::report::power::PowerBatchSummary;
use crate::{AnalyzeOptions, ExitSelection, VoiceRequest};

pub use output_file::{merge, resumable, Kept, OutputFile, OutputRow};
pub use record::{check_merge, fingerprint, RunRecord, RunSection};
pub use waves::{compare_waves, wave_pairs, WaveBatch, WavePair};

/// One output row: its values, in the order of the batch's columns.
pub type Row = Vec<Value>;

/// Flattened report fields: column name and value, in report order.
type Fields = Vec<(String, Value)>;

/// Networks analysed together before their rows are written: the rows of at
/// most this many networks are held in memory. Fixed, so that nothing about
/// the output depends on the thread count.
pub(crate) const CHUNK: usize = 64;

/// How rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    /// A header, then one CSV record per row (cells as in
    /// [`crate::render::csv`]).
    Csv,
    /// One JSON object per line, no header.
    Jsonl,
}

/// What every network of a batch is analysed with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchOptions {
    /// Input options, as for a single network.
    pub load: LoadOptions,
    /// Tie length and sampling of the shortest-path metrics, as `analyze`
    /// takes them.
    pub centrality: CentralityOptions,
    /// Ids of the actors that exit in every network; `None`: each network's
    /// external practitioners, as `stakenet exit` by default. A network
    /// without one of them keeps its row, its exit figures null and
    /// `exit_note` saying which id is missing.
    pub exit: Option<Vec<String>>,
    /// Who exits in each network by kind and role (used when `exit` is
    /// `None`).
    pub exit_select: Option<ExitSelection>,
}

/// The fixed shape of a batch's outputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// Manifest columns carried into the summary rows.
    pub extra_columns: Vec<String>,
    /// Summary columns: `network`, the extra columns, then the report's.
    pub summary_columns: Vec<String>,
    /// Actor columns: `network`, then the report's actor fields.
    pub actor_columns: Vec<String>,
    /// Row format of the summary and actor outputs.
    pub format: RowFormat,
    options: BatchOptions,
}

/// Why a network could not be analysed: one problem, with its place when it
/// has one. The errors file has one row per problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The file the problem is in (empty when it concerns no file).
    pub file: String,
    /// 1-based line.
    pub line: Option<u64>,
    /// 1-based column.
    pub column: Option<usize>,
    /// What is wrong (column name first, for input problems).
    pub message: String,
}

/// The columns of the errors file.
pub const ERROR_COLUMNS: [&str; 5] = ["network", "file", "line", "column", "message"];

/// One network's output, encoded, ready to be written in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Encoded {
    /// Its summary row (empty when it failed).
    pub summary: Vec<u8>,
    /// Its actor rows (empty when it failed or actors were not asked for).
    pub actors: Vec<u8>,
    /// Why it could not be analysed (empty when it succeeded); see
    /// [`encode_failures`] for the errors file.
    pub failures: Vec<Failure>,
    /// True when it was analysed but nobody left, so that its figures after
    /// the exit are null and its `exit_note` says why.
    pub exit_note: bool,
}

impl Encoded {
    /// True when the network could not be analysed.
    pub fn failed(&self) -> bool {
        !self.failures.is_empty()
    }
}

/// A fixed network whose report gives the header: one practitioner and two
/// stakeholders, so that every per-kind field is present.
fn template() -> Network {
    Network::from_parts(
        vec![
            Actor::practitioner("p"),
            Actor::stakeholder("a"),
            Actor::stakeholder("b"),
        ],
        &[
            TieSpec::mutual("p", "a", 0.5),
            TieSpec::mutual("a", "b", 0.5),
        ],
    )
    .expect("the template network is valid")
}

impl Batch {
    /// The shape of a batch whose manifest rows carry `extra_columns`.
    /// Fails when a manifest column has the name of a report column.
    pub fn new(
        extra_columns: Vec<String>,
        format: RowFormat,
        options: BatchOptions,
    ) -> Result<Batch, Error> {
        let net = template();
        // The exit set only changes values, not columns; the template has
        // none of the batch's --exit ids, so it exits its practitioner.
        let shape = BatchOptions {
            exit: None,
            exit_select: None,
            ..options.clone()
        };
        let (summary, actors) = report_rows(&net, &shape, true).map_err(Error::Request)?;
        let mut summary_columns = vec!["network".to_string()];
        summary_columns.extend(extra_columns.iter().cloned());
        for (key, _) in summary {
            if extra_columns.contains(&key) || key == "network" {
                return Err(Error::Request(format!(
                    "the manifest column \"{key}\" has the name of a batch column; rename it"
                )));
            }
            if summary_columns.contains(&key) {
                return Err(Error::Request(format!(
                    "internal error: two report fields flatten to \"{key}\""
                )));
            }
            summary_columns.push(key);
        }
        let mut actor_columns = vec!["network".to_string()];
        for (key, _) in actors.into_iter().next().expect("the template has actors") {
            if actor_columns.contains(&key) {
                return Err(Error::Request(format!(
                    "internal error: two actor fields are named \"{key}\""
                )));
            }
            actor_columns.push(key);
        }
        Ok(Batch {
            extra_columns,
            summary_columns,
            actor_columns,
            format,
            options,
        })
    }

    /// The summary row of a loaded network and, `with_actors`, its actor
    /// rows.
    pub fn rows(
        &self,
        entry: &NetworkEntry,
        net: &Network,
        with_actors: bool,
    ) -> Result<(Row, Vec<Row>), String> {
        let (report, actors) = report_rows(net, &self.options, with_actors)?;
        let fixed = 1 + self.extra_columns.len();
        let mut summary = Row::with_capacity(self.summary_columns.len());
        summary.push(entry.name.clone().into());
        summary.extend(entry.extras.iter().map(|v| Value::from(v.as_str())));
        summary.extend(check_columns(report, &self.summary_columns[fixed..])?);
        let actors = actors
            .into_iter()
            .map(|a| {
                let mut row = Row::with_capacity(self.actor_columns.len());
                row.push(entry.name.clone().into());
                row.extend(check_columns(a, &self.actor_columns[1..])?);
                Ok(row)
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok((summary, actors))
    }

    /// The header bytes of the summary output (nothing for JSON lines).
    pub fn summary_header(&self) -> Vec<u8> {
        header(&self.summary_columns, self.format)
    }

    /// The header bytes of the actors output (nothing for JSON lines).
    pub fn actor_header(&self) -> Vec<u8> {
        header(&self.actor_columns, self.format)
    }

    /// Encode rows with `columns` in the batch's format.
    fn encode(&self, columns: &[String], rows: &[Row]) -> Vec<u8> {
        encode_rows(self.format, columns, rows)
    }
}

/// Encode rows with `columns` in a row format.
fn encode_rows(format: RowFormat, columns: &[String], rows: &[Row]) -> Vec<u8> {
    match format {
        RowFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            for row in rows {
                w.write_record(row.iter().map(cell))
                    .expect("writing to memory");
            }
            w.into_inner().expect("writing to memory")
        }
        RowFormat::Jsonl => {
            let mut out = Vec::new();
            for row in rows {
                out.push(b'{');
                for (i, (key, value)) in columns.iter().zip(row).enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    serde_json::to_writer(&mut out, key).expect("writing to memory");
                    out.push(b':');
                    serde_json::to_writer(&mut out, value).expect("writing to memory");
                }
                out.extend_from_slice(b"}\n");
            }
            out
        }
    }
}

/// Load, analyse and encode one network; a failure becomes its errors-file
/// rows. `want_actors` adds the actor rows.
pub fn process(batch: &Batch, entry: &NetworkEntry, want_actors: bool) -> Encoded {
    let failed = |failures: Vec<Failure>| Encoded {
        failures,
        ..Encoded::default()
    };
    if let Some(problem) = &entry.problem {
        return failed(vec![Failure {
            file: String::new(),
            line: None,
            column: None,
            message: problem.clone(),
        }]);
    }
    // A FIFO or device named nodes.csv would block or never end: refused
    // unread, so that one such folder cannot hang the whole batch.
    let files = NetworkFiles::in_dir(&entry.dir);
    let net = match crate::io::load_regular(&files, &batch.options.load) {
        Ok(net) => net,
        Err(e) => return failed(failures(&e)),
    };
    match batch.rows(entry, &net, want_actors) {
        Ok((summary, actors)) => Encoded {
            exit_note: batch
                .summary_columns
                .iter()
                .position(|c| c == EXIT_NOTE)
                .is_some_and(|i| !summary[i].is_null()),
            summary: batch.encode(&batch.summary_columns, &[summary]),
            actors: batch.encode(&batch.actor_columns, &actors),
            failures: Vec::new(),
        },
        Err(message) => failed(vec![Failure {
            file: String::new(),
            line: None,
            column: None,
            message,
        }]),
    }
}

/// What became of one network of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Its rows are kept from an earlier run (see [`resumable`]).
    Kept,
    /// It was analysed now.
    New(Encoded),
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    /// Every network was handed to the sink.
    All,
    /// `stop` was raised: the networks before the first one not analysed
    /// were handed to the sink, in order, and none after it.
    Stopped,
}

/// Analyse `entries` in parallel on the current rayon pool and hand each
/// network's [`Outcome`] to `sink` in entry order, whatever the thread
/// count: networks in `kept` are not analysed again; `analysed` is called
/// (from a worker thread) after each network analysed now, for progress.
/// At most `CHUNK` (64) networks' rows are held in memory; `sink` may stop the
/// run with an error.
///
/// Once `stop` is true (set from a signal handler, say), no network is
/// started: those under way finish, the sink gets the outcomes up to the
/// first network not analysed, and the run returns [`Finished::Stopped`].
/// What the sink got is then a prefix of the full run.
///
/// # Errors
/// The first error `sink` returns.
pub fn run<E>(
    batch: &Batch,
    entries: &[NetworkEntry],
    kept: &Kept,
    want_actors: bool,
    stop: &AtomicBool,
    analysed: impl Fn() + Sync,
    mut sink: impl FnMut(&NetworkEntry, Outcome) -> Result<(), E>,
) -> Result<Finished, E> {
    let work = |entry: &NetworkEntry| {
        if kept.summary.contains_key(&entry.name) {
            return Some(Outcome::Kept);
        }
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        let done = process(batch, entry, want_actors);
        analysed();
        Some(Outcome::New(done))
    };
    let mut finished = Finished::All;
    for_each_ordered(entries, work, |entry, outcome| match (outcome, finished) {
        (Some(outcome), Finished::All) => sink(entry, outcome),
        _ => {
            finished = Finished::Stopped;
            Ok(())
        }
    })?;
    Ok(finished)
}

/// Run `work` over `items` in parallel on the current rayon pool, in fixed
/// chunks of [`CHUNK`], and hand each result to `sink` in item order. At most
/// one chunk's results are in memory; `sink` may stop the run with an error.
pub(crate) fn for_each_ordered<T, R, E>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    for chunk in items.chunks(CHUNK) {
        let results: Vec<R> = chunk.par_iter().map(&work).collect();
        for (item, result) in chunk.iter().zip(results) {
            sink(item, result)?;
        }
    }
    Ok(())
}

/// A deterministic split of a batch over `of` machines: the `index`-th
/// (1-based) shard takes the networks at positions i (0-based, in name
/// order) with `i mod of == index - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, 1..=of.
    pub index: usize,
    /// How many shards.
    pub of: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let expected = || format!("expected K/N with 1 ≤ K ≤ N, found \"{s}\"");
        let (k, n) = s.split_once('/').ok_or_else(expected)?;
        let (index, of) = (
            k.trim().parse::<usize>().map_err(|_| expected())?,
            n.trim().parse::<usize>().map_err(|_| expected())?,
        );
        if index == 0 || index > of {
            return Err(expected());
        }
        Ok(Shard { index, of })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.of)
    }
}

impl Shard {
    /// The items of this shard, in their order.
    pub fn select<T>(self, items: Vec<T>) -> Vec<T> {
        items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % self.of == self.index - 1)
            .map(|(_, item)| item)
            .collect()
    }
}

/// The problems of a failed load, one per row of the errors file.
pub fn failures(e: &Error) -> Vec<Failure> {
    match e {
        Error::Input(errors) => {
            let mut out: Vec<Failure> = errors
                .errors
                .iter()
                .map(|e| Failure {
                    file: crate::io::discover::path_text(&e.location.file),
                    line: Some(e.location.line),
                    column: Some(e.location.column),
                    message: format!("{}: {}", e.location.column_name, e.kind),
                })
                .collect();
            if errors.more > 0 {
                out.push(Failure {
                    file: String::new(),
                    line: None,
                    column: None,
                    message: format!("… and {} more problems", errors.more),
                });
            }
            out
        }
        Error::Read { path, source } => vec![Failure {
            file: crate::io::discover::path_text(path),
            line: None,
            column: None,
            message: format!("cannot read: {source}"),
        }],
        other => vec![Failure {
            file: String::new(),
            line: None,
            column: None,
            message: other.to_string(),
        }],
    }
}

/// The header of the errors file.
pub fn error_header() -> Vec<u8> {
    csv_record(ERROR_COLUMNS.iter().map(|c| c.to_string()))
}

/// The errors-file rows of one network.
pub fn encode_failures(network: &str, failures: &[Failure]) -> Vec<u8> {
    failures
        .iter()
        .flat_map(|f| {
            csv_record(
                [
                    Value::from(network),
                    Value::from(f.file.as_str()),
                    f.line.map_or(Value::Null, Value::from),
                    f.column.map_or(Value::Null, Value::from),
                    Value::from(f.message.as_str()),
                ]
                .iter()
                .map(cell),
            )
        })
        .collect()
}

fn header(columns: &[String], format: RowFormat) -> Vec<u8> {
    match format {
        // Manifest column names come from the user's files, like any cell.
        RowFormat::Csv => csv_record(columns.iter().map(|c| neutralise(c))),
        RowFormat::Jsonl => Vec::new(),
    }
}

fn csv_record(cells: impl Iterator<Item = String>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(cells.collect::<Vec<_>>())
        .expect("writing to memory");
    w.into_inner().expect("writing to memory")
}

/// The values of `fields`, when their names are `columns`.
fn check_columns(
    fields: Fields,
    columns: &[String],
) -> Result<impl Iterator<Item = Value>, String> {
    if fields.len() == columns.len() && fields.iter().zip(columns).all(|((a, _), b)| a == b) {
        return Ok(fields.into_iter().map(|(_, v)| v));
    }
    let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    Err(format!(
        "internal error: this network's report has the columns {keys:?}, not the batch's {columns:?}"
    ))
}

/// The summary column saying why a network's exit figures are null.
pub const EXIT_NOTE: &str = "exit_note";

/// Summary columns that describe G′ or compare it with G: meaningless when
/// nobody leaves, so null then (a sustainability of 1 from a network where
/// nobody left would pull a mean over networks up).
const AFTER_EXIT: [&str; 10] = [
    "reach_after",
    "fragmentation_after",
    "trusted_reach_after",
    "sustainability",
    "dependent_pairs",
    "stranded",
    "group_bridges_lost",
    "mean_voice_after",
    "voice_sustainability",
    "unheard_after",
];

/// Actor columns that describe G′ (see [`AFTER_EXIT`]).
const AFTER_EXIT_ACTOR: [&str; 3] = ["voice_after", "voice_retained", "voice_brokerage_after"];

/// The exit request for one network and what to say if it turns out that
/// nobody leaves. Ids named with `--exit` that the network does not have
/// make nobody leave (the figures of a smaller exit would pass for the one
/// asked), and the note names them.
fn exit_request(net: &Network, options: &BatchOptions) -> (ExitRequest, String) {
    match (&options.exit, &options.exit_select) {
        (Some(ids), _) => {
            let missing: Vec<String> = ids
                .iter()
                .filter(|id| !id.trim().is_empty() && net.index_of(id.trim()).is_none())
                .map(|id| format!("\"{}\"", id.trim()))
                .collect();
            match missing.len() {
                0 => (ExitRequest::of(ids.clone()), "nobody leaves".into()),
                1 => (
                    ExitRequest::of(Vec::<String>::new()),
                    format!("no actor has the id {} (given with --exit)", missing[0]),
                ),
                _ => (
                    ExitRequest::of(Vec::<String>::new()),
                    format!(
                        "no actor has the ids {} (given with --exit)",
                        missing.join(", ")
                    ),
                ),
            }
        }
        (None, Some(select)) => (
            ExitRequest::of(select.ids(net)),
            format!("no {select} to leave"),
        ),
        (None, None) => (ExitRequest::default(), "no external practitioners".into()),
    }
}

/// The analyze report of a network as flat summary fields (followed by its
/// exit summary's, its power figures' and `exit_note`) and, when
/// `with_actors`, flat fields per actor. When nobody leaves, the figures
/// after the exit are null and `exit_note` says why.
fn report_rows(
    net: &Network,
    options: &BatchOptions,
    with_actors: bool,
) -> Result<(Fields, Vec<Fields>), String> {
    let analyze = AnalyzeOptions {
        centrality: options.centrality,
    };
    let report = crate::analyze(net, &analyze).map_err(|e| e.to_string())?;
    let (request, nobody) = exit_request(net, options);
    let exit = crate::exit_summary(net, &request).map_err(|e| e.to_string())?;
    let note = exit.exit.is_empty().then_some(nobody);
    let mut summary = Fields::new();
    let network = serde_json::to_value(&report.network).expect("reports serialise");
    flatten_into(&network, &mut summary);
    flatten_into(
        &serde_json::to_value(exit).expect("reports serialise"),
        &mut summary,
    );
    // Power and voice at the contract's default thresholds, same exit.
    let voice_request = VoiceRequest {
        exit: request,
        ..VoiceRequest::default()
    };
    let power = crate::power(net, &voice_request).map_err(|e| e.to_string())?;
    let voice = serde_json::to_value(PowerBatchSummary::from(&power.summary));
    flatten_into(&voice.expect("reports serialise"), &mut summary);
    if note.is_some() {
        null_fields(&mut summary, &AFTER_EXIT);
    }
    summary.push((EXIT_NOTE.to_string(), note.clone().into()));
    let actors = report
        .actors
        .iter()
        .take(if with_actors { usize::MAX } else { 0 })
        .zip(&power.actors)
        .map(|(a, voice)| {
            let mut row = Fields::new();
            let mut actor = serde_json::to_value(a).expect("reports serialise");
            // Extra node columns differ between networks, so they stay one
            // object (a JSON cell in CSV), last, to keep one header.
            let attributes = actor
                .as_object_mut()
                .and_then(|m| m.shift_remove_entry("attributes"));
            flatten_into(&actor, &mut row);
            let voice = serde_json::to_value(&voice.voice);
            flatten_into(&voice.expect("reports serialise"), &mut row);
            if note.is_some() {
                null_fields(&mut row, &AFTER_EXIT_ACTOR);
            }
            row.extend(attributes);
            row
        })
        .collect();
    Ok((summary, actors))
}

/// Set the fields named in `names` to null.
fn null_fields(fields: &mut Fields, names: &[&str]) {
    for (key, value) in fields.iter_mut() {
        if names.contains(&key.as_str()) {
            *value = Value::Null;
        }
    }
}

/// Flatten a serialised report object into `row`, its nested fields named
/// as [`Naming::Joined`] says (`exit_reach`, `practitioner_stakeholder_ties`).
fn flatten_into(value: &Value, row: &mut Fields) {
    let columns = flatten(value, Naming::Joined).into_iter();
    row.extend(columns.map(|(name, v)| (name, v.clone())));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn flat(v: Value) -> Vec<(String, Value)> {
        let mut row = Fields::new();
        flatten_into(&v, &mut row);
        row
    }

    #[test]
    fn named_lists_become_prefixed_columns() {
        let cols = flat(json!({
            "ties": 3,
            "relationship_types": [
                {"relationship": "practitioner_stakeholder", "ties": 2, "mean_trust": 0.5},
                {"relationship": "stakeholder_stakeholder", "ties": 1, "mean_trust": null}
            ],
            "stranded": ["a", "b"],
            "exit": {"reach": 0.25}
        }));
        let names: Vec<&str> = cols.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "ties",
                "practitioner_stakeholder_ties",
                "practitioner_stakeholder_mean_trust",
                "stakeholder_stakeholder_ties",
                "stakeholder_stakeholder_mean_trust",
                "stranded",
                "exit_reach"
            ]
        );
        assert_eq!(cols[4].1, Value::Null);
        assert_eq!(cols[5].1, json!(["a", "b"]));
    }

    #[test]
    fn header_has_network_extras_then_report_fields() {
        let b = Batch::new(vec!["site".into()], RowFormat::Csv, BatchOptions::default()).unwrap();
        assert_eq!(
            &b.summary_columns[..4],
            ["network", "site", "actors", "practitioners_external"]
        );
        assert!(b
            .summary_columns
            .contains(&"practitioner_team_mean_power_differential".to_string()));
        assert_eq!(&b.actor_columns[..3], ["network", "id", "label"]);
        assert_eq!(b.actor_columns.last().unwrap(), "attributes");
        let e = Batch::new(
            vec!["density".into()],
            RowFormat::Csv,
            BatchOptions::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("\"density\""));
    }

    #[test]
    fn shards_partition_by_position() {
        let s: Shard = "2/3".parse().unwrap();
        assert_eq!(s.select((0..8).collect()), [1, 4, 7]);
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn ordered_driver_keeps_item_order_on_any_pool() {
        let items: Vec<usize> = (0..200).collect();
        for threads in [1, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut seen = Vec::new();
            pool.install(|| {
                for_each_ordered(
                    &items,
                    |&i| i * 2,
                    |&i, r| {
                        seen.push((i, r));
                        Ok::<(), ()>(())
                    },
                )
            })
            .unwrap();
            assert_eq!(seen, items.iter().map(|&i| (i, i * 2)).collect::<Vec<_>>());
        }
    }
}

//! `stakenet batch`: analyse every network under some folders, one row each.
//!
//! Rows are streamed, in network order, to `FILE.partial` beside each output
//! and renamed over the output at the end, so an interrupted run never
//! leaves a half-written output, and `--resume` can pick up the `.partial`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use stakenet::batch::{
    self, Batch, BatchOptions, Finished, Kept, Outcome, OutputFile, RowFormat, RunSection, Shard,
    WaveBatch, WavePair,
};
use stakenet::io::{LoadOptions, NetworkEntry};
use stakenet::DuplicateTies;

use super::args::CentralityArgs;
use super::exit::ExitSelectArgs;
use super::output::{partial_path, resolved, same_file, Claim, Out};

/// Exit code of a batch stopped by Ctrl-C or SIGTERM (128 + SIGINT, as a
/// shell reports a command it interrupted).
const INTERRUPTED: u8 = 130;

/// Raised by the first Ctrl-C (SIGINT), SIGTERM or SIGHUP: no network is
/// started after it.
static STOP: AtomicBool = AtomicBool::new(false);

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Csv,
    Jsonl,
}

/// Analyse many networks with the same options: one row per network (and
/// optionally one per actor), in network path order whatever the threads,
/// shards or restarts.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A folder searched recursively for networks (folders holding nodes.csv
    /// and edges.csv), or a manifest CSV with a `path` column naming network
    /// folders (relative to the manifest) and any other columns, which are
    /// carried into the summary rows.
    #[arg(value_name = "ROOT", required = true)]
    roots: Vec<PathBuf>,
    /// The summary: one row per network [default: standard output].
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Row format of the summary and actors files [default: jsonl for a
    /// .jsonl or .ndjson -o file, else csv].
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Also write one row per actor per network to FILE.
    #[arg(long, value_name = "FILE")]
    actors: Option<PathBuf>,
    /// The networks that could not be analysed, one row per problem
    /// (network,file,line,column,message) [default: OUTPUT-STEM.errors.csv
    /// beside -o; without -o, lines on standard error].
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Networks analysed at once [default: --threads, else one per core].
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=super::MAX_THREADS as i64))]
    jobs: Option<u32>,
    /// Analyse only shard K of N: the networks at positions i (0-based, in
    /// path order) with i mod N = K − 1. `stakenet merge` joins the shards'
    /// outputs into what one run writes.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// Keep the networks already in the -o file (or in the FILE.partial an
    /// interrupted run left) and analyse only the others; the result is the
    /// same bytes as one uninterrupted run.
    #[arg(long, requires = "output")]
    resume: bool,
    /// Exit 1 when any network could not be analysed.
    #[arg(long)]
    strict: bool,
    /// No progress bar, and no summary line unless some network failed.
    #[arg(short, long)]
    quiet: bool,
    /// Ids of the actors that exit in every network, comma-separated, for the
    /// exit columns (reach_after, sustainability, …) [default: each
    /// network's external practitioners]. A network without one of them
    /// keeps its row: its figures after the exit are null and `exit_note`
    /// names the missing id.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    exit: Option<Vec<String>>,
    #[command(flatten)]
    select: ExitSelectArgs,
    /// With a manifest that has `site` and `wave` columns: also write one
    /// row per site and consecutive pair of waves to FILE, with the
    /// network-level changes of `stakenet compare` (a tidy panel).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["shard", "resume"])]
    compare_waves: Option<PathBuf>,
    #[command(flatten)]
    centrality: CentralityArgs,
    /// Accept several rows for the same tie and merge them (as in analyze).
    #[arg(long)]
    merge_duplicates: bool,
    #[command(flatten)]
    pub(super) threads: super::args::ThreadsArgs,
}

/// The rows of an earlier run that this run (described by `now`) may keep:
/// tables whose record section has other options are set aside (refused
/// when nothing else is left to resume), and rows of networks whose input
/// files changed since are dropped (recomputed). Returns the tables and the
/// count of rows dropped for changed inputs.
fn earlier_rows(claim: &Claim, now: &RunSection) -> anyhow::Result<(Vec<OutputFile>, usize)> {
    let mut usable = Vec::new();
    let mut refused = None;
    let mut changed = 0;
    for (mut table, section) in claim.earlier_outputs()? {
        if table.rows.is_empty() {
            continue;
        }
        let Some(section) = section else {
            refused = Some(format!(
                "cannot resume from {}: no run record describes it (written by an older \
                 stakenet?); run again without --resume",
                table.name
            ));
            continue;
        };
        if let Some(why) = section.differs_from(now) {
            refused = Some(format!(
                "cannot resume from {}: {why}; run again without --resume, or with the \
                 earlier run's options",
                table.name
            ));
            continue;
        }
        let before = table.rows.len();
        table.rows.retain(|r| section.same_input(now, &r.network));
        changed += before - table.rows.len();
        usable.push(table);
    }
    match (usable.is_empty(), refused) {
        (true, Some(why)) => bail!(why),
        _ => Ok((usable, changed)),
    }
}

/// Everything a run needs before it opens an output: the options checked,
/// the networks found and the outputs checked against each other and the
/// inputs.
struct Request {
    format: RowFormat,
    errors_path: Option<PathBuf>,
    entries: Vec<NetworkEntry>,
    wave_pairs: Vec<WavePair>,
    wave_shape: Option<WaveBatch>,
    options: BatchOptions,
    /// Each network's input fingerprint, for the run records.
    inputs: BTreeMap<String, String>,
    batch: Batch,
}

impl Request {
    /// The run record section of the output `kind`.
    fn section(&self, args: &Args, kind: &str) -> RunSection {
        RunSection::new(
            kind,
            &self.options,
            self.format,
            args.shard,
            self.inputs.clone(),
        )
    }
}

/// The outputs, started, and the rows kept from an earlier run.
struct Outputs {
    summary: Out,
    actors: Option<Out>,
    errors: Option<Out>,
    kept: Kept,
    /// Rows of the earlier run dropped because their inputs changed.
    recomputed: usize,
}

/// What became of the networks of this run.
#[derive(Default)]
struct Tally {
    analysed: usize,
    failed: usize,
    /// Analysed networks whose exit figures are null (see `exit_note`).
    noted: usize,
    waves_failed: usize,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let request = request(&args)?;
    let mut outputs = open_outputs(&args, &request)?;
    let pool = args
        .jobs
        .map(|n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n as usize)
                .build()
        })
        .transpose()
        .context("cannot start the worker threads")?;
    watch_signals();
    let mut tally = Tally::default();
    let outcome = analyse(&args, &request, &mut outputs, pool.as_ref(), &mut tally);
    match (&outcome, &args.output) {
        (Ok(Finished::All), _) => {}
        (Ok(Finished::Stopped), None) => {
            eprintln!(
                "stakenet: batch: interrupted; the rows so far went to standard output \
                 (with -o FILE, --resume can finish an interrupted run)"
            );
            return Ok(ExitCode::from(INTERRUPTED));
        }
        (Ok(Finished::Stopped), Some(output)) => {
            eprintln!(
                "stakenet: batch: interrupted after {} of {} networks; {}",
                tally.analysed + tally.failed + outputs.kept.summary.len(),
                request.entries.len(),
                resume_hint(output)
            );
            return Ok(ExitCode::from(INTERRUPTED));
        }
        (Err(e), Some(output)) => {
            eprintln!(
                "stakenet: batch: stopped: {}; {}",
                super::terminal_safe(&format!("{e:#}")),
                resume_hint(output)
            );
        }
        (Err(_), None) => {}
    }
    outcome?;
    let waves_out = compare_waves(
        &args,
        &request,
        &mut outputs.errors,
        pool.as_ref(),
        &mut tally,
    )?;
    for out in [outputs.errors, outputs.actors, waves_out]
        .into_iter()
        .flatten()
    {
        out.finish()?;
    }
    outputs.summary.finish()?;
    let failures = tally.failed + tally.waves_failed;
    if !args.quiet || failures > 0 {
        eprintln!(
            "{}",
            summary_line(&args, &request, &outputs.kept, outputs.recomputed, &tally)
        );
    }
    Ok(if args.strict && failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Parse and check the options, find the networks and check the outputs.
fn request(args: &Args) -> anyhow::Result<Request> {
    let format = match (args.format, &args.output) {
        (Some(FormatArg::Csv), _) => RowFormat::Csv,
        (Some(FormatArg::Jsonl), _) => RowFormat::Jsonl,
        (None, Some(p))
            if p.extension().is_some_and(|e| {
                e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson")
            }) =>
        {
            RowFormat::Jsonl
        }
        (None, _) => RowFormat::Csv,
    };
    let errors_path = args.errors.clone().or_else(|| {
        args.output.as_ref().map(|o| {
            let stem = o.file_stem().unwrap_or_default().to_string_lossy();
            o.with_file_name(format!("{stem}.errors.csv"))
        })
    });
    let options = options(args)?;
    let discovery = stakenet::io::discover(&args.roots)?;
    check_outputs(args, &errors_path, &discovery.networks)?;
    let wave_pairs = match &args.compare_waves {
        Some(_) => batch::wave_pairs(&discovery)?,
        None => Vec::new(),
    };
    let entries = match args.shard {
        Some(shard) => shard.select(discovery.networks),
        None => discovery.networks,
    };
    let inputs: BTreeMap<String, String> = entries
        .par_iter()
        .map(|e| {
            let print = batch::fingerprint(&stakenet::io::NetworkFiles::in_dir(&e.dir));
            (e.name.clone(), print.unwrap_or_default())
        })
        .collect();
    let wave_shape = args
        .compare_waves
        .as_ref()
        .map(|_| WaveBatch::new(format, options.load, options.centrality));
    let batch = Batch::new(discovery.extra_columns, format, options.clone())?;
    Ok(Request {
        format,
        errors_path,
        entries,
        wave_pairs,
        wave_shape,
        options,
        inputs,
        batch,
    })
}

/// The analysis options of every network.
fn options(args: &Args) -> anyhow::Result<BatchOptions> {
    Ok(BatchOptions {
        load: LoadOptions {
            duplicate_ties: if args.merge_duplicates {
                DuplicateTies::Merge
            } else {
                DuplicateTies::Reject
            },
        },
        centrality: args.centrality.options(),
        exit: match &args.exit {
            Some(ids) if ids.is_empty() || ids.iter().any(|id| id.trim().is_empty()) => bail!(
                "--exit names nobody (an empty id); give the ids of the actors who leave, \
                 or leave out --exit for each network's external practitioners"
            ),
            ids => ids.clone(),
        },
        exit_select: args.select.selection()?,
    })
}

/// Refuse two outputs that are one file (a link, `./`, `..`), and any output
/// (or its `.partial`) that is a manifest or a network file.
fn check_outputs(
    args: &Args,
    errors_path: &Option<PathBuf>,
    networks: &[NetworkEntry],
) -> anyhow::Result<()> {
    let paths: Vec<&PathBuf> = [&args.output, &args.actors, errors_path, &args.compare_waves]
        .into_iter()
        .flatten()
        .collect();
    let places: Vec<PathBuf> = paths.iter().map(|p| resolved(p)).collect();
    for (i, a) in places.iter().enumerate() {
        let same = |j: usize| places[j] == *a || same_file(paths[j], paths[i]);
        if let Some(j) = (0..i).find(|&j| same(j)) {
            bail!(
                "{} and {} name the same file; give each output its own",
                paths[j].display(),
                paths[i].display()
            );
        }
    }
    let inputs: Vec<PathBuf> = args
        .roots
        .iter()
        .filter(|r| r.is_file())
        .cloned()
        .chain(networks.iter().flat_map(|e| {
            let files = stakenet::io::NetworkFiles::in_dir(&e.dir);
            [files.nodes, files.edges]
        }))
        .collect();
    for out in &paths {
        let out = resolved(out);
        for candidate in [out.clone(), partial_path(&out)] {
            if let Some(input) = inputs.iter().find(|i| same_file(&candidate, i)) {
                bail!(
                    "refusing to write {} over the input file {}",
                    candidate.display(),
                    input.display()
                );
            }
        }
    }
    Ok(())
}

/// Lock every output (a second run on them is refused) before reading, take
/// the rows an earlier run left when resuming, and start each output with
/// its header.
fn open_outputs(args: &Args, request: &Request) -> anyhow::Result<Outputs> {
    let summary_claim = args.output.as_deref().map(Claim::take).transpose()?;
    let actors_claim = args.actors.as_deref().map(Claim::take).transpose()?;
    let errors_claim = request
        .errors_path
        .as_deref()
        .map(Claim::take)
        .transpose()?;
    let mut recomputed = 0;
    let kept = match (&summary_claim, args.resume) {
        (Some(claim), true) => {
            let (summaries, changed) = earlier_rows(claim, &request.section(args, "summary"))?;
            recomputed += changed;
            let actors = match &actors_claim {
                Some(c) => Some(earlier_rows(c, &request.section(args, "actors"))?.0),
                None => None,
            };
            batch::resumable(
                &request.batch,
                &request.entries,
                &summaries,
                actors.as_deref(),
            )?
        }
        _ => Kept::default(),
    };
    let mut summary = match summary_claim {
        Some(c) => c.start(request.section(args, "summary"))?,
        None => Out::stdout(),
    };
    let start = |c: Claim, kind: &str| c.start(request.section(args, kind));
    let mut actors = actors_claim.map(|c| start(c, "actors")).transpose()?;
    let mut errors = errors_claim.map(|c| start(c, "errors")).transpose()?;
    summary.write(&request.batch.summary_header())?;
    if let Some(a) = &mut actors {
        a.write(&request.batch.actor_header())?;
    }
    if let Some(e) = &mut errors {
        e.write(&batch::error_header())?;
    }
    Ok(Outputs {
        summary,
        actors,
        errors,
        kept,
        recomputed,
    })
}

/// A progress bar over `to_do` networks on a terminal, else a hidden one.
fn progress_bar(quiet: bool, to_do: usize) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(to_do as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} networks  {per_sec}  elapsed {elapsed}  ETA {eta}",
        )
        .expect("a valid template"),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Analyse the networks and write their rows in order, with a progress bar;
/// stops between networks on Ctrl-C.
fn analyse(
    args: &Args,
    request: &Request,
    outputs: &mut Outputs,
    pool: Option<&rayon::ThreadPool>,
    tally: &mut Tally,
) -> anyhow::Result<Finished> {
    let Outputs {
        summary,
        actors,
        errors,
        kept,
        ..
    } = outputs;
    let to_do = request
        .entries
        .iter()
        .filter(|e| !kept.summary.contains_key(&e.name))
        .count();
    let progress = progress_bar(args.quiet, to_do);
    let want_actors = actors.is_some();
    let tick = || progress.inc(1);
    let mut sink = |entry: &NetworkEntry, done: Outcome| -> anyhow::Result<()> {
        match done {
            Outcome::Kept => {
                summary.write(&kept.summary[&entry.name])?;
                if let (Some(a), Some(rows)) = (actors.as_mut(), kept.actors.get(&entry.name)) {
                    a.write(rows)?;
                }
            }
            Outcome::New(done) if done.failed() => {
                tally.failed += 1;
                match errors.as_mut() {
                    Some(e) => e.write(&batch::encode_failures(&entry.name, &done.failures))?,
                    None => progress.suspend(|| {
                        for f in &done.failures {
                            let line = format!("{}: {}", entry.name, describe(f));
                            eprintln!("stakenet: {}", super::terminal_safe(&line));
                        }
                    }),
                }
            }
            Outcome::New(done) => {
                tally.analysed += 1;
                tally.noted += usize::from(done.exit_note);
                summary.write(&done.summary)?;
                if let Some(a) = actors.as_mut() {
                    a.write(&done.actors)?;
                }
            }
        }
        // Everything written reaches the `.partial` files, for `--resume`
        // after an interruption; one write per network costs little next to
        // its analysis.
        summary.flush()?;
        for out in [actors.as_mut(), errors.as_mut()].into_iter().flatten() {
            out.flush()?;
        }
        Ok(())
    };
    let outcome = install(pool, || {
        batch::run(
            &request.batch,
            &request.entries,
            kept,
            want_actors,
            &STOP,
            tick,
            &mut sink,
        )
    });
    progress.finish_and_clear();
    outcome
}

/// With --compare-waves: write the wave comparisons, their failures to the
/// errors file (or standard error).
fn compare_waves(
    args: &Args,
    request: &Request,
    errors: &mut Option<Out>,
    pool: Option<&rayon::ThreadPool>,
    tally: &mut Tally,
) -> anyhow::Result<Option<Out>> {
    let (Some(path), Some(shape)) = (&args.compare_waves, &request.wave_shape) else {
        return Ok(None);
    };
    let mut out = Claim::take(path)?.start(request.section(args, "waves"))?;
    out.write(&shape.header())?;
    let mut sink = |pair: &WavePair, done: batch::Encoded| -> anyhow::Result<()> {
        if !done.failed() {
            return out.write(&done.summary);
        }
        tally.waves_failed += 1;
        match errors {
            Some(e) => e.write(&batch::encode_failures(&pair.name(), &done.failures)),
            None => {
                for f in &done.failures {
                    let line = format!("{}: {}", pair.name(), describe(f));
                    eprintln!("stakenet: {}", super::terminal_safe(&line));
                }
                Ok(())
            }
        }
    };
    install(pool, || {
        batch::compare_waves(shape, &request.wave_pairs, &mut sink)
    })?;
    Ok(Some(out))
}

/// The line printed at the end: what was analysed, kept and failed.
fn summary_line(
    args: &Args,
    request: &Request,
    kept: &Kept,
    recomputed: usize,
    tally: &Tally,
) -> String {
    let mut line = format!(
        "stakenet: batch: {} networks: {} analysed, {} failed",
        request.entries.len(),
        tally.analysed,
        tally.failed
    );
    if !kept.summary.is_empty() {
        line.push_str(&format!(
            ", {} kept from the earlier run",
            kept.summary.len()
        ));
    }
    if recomputed > 0 {
        line.push_str(&format!(
            ", {recomputed} analysed again because their files changed"
        ));
    }
    if args.compare_waves.is_some() {
        line.push_str(&format!(
            "; {} wave pairs: {} compared, {} failed",
            request.wave_pairs.len(),
            request.wave_pairs.len() - tally.waves_failed,
            tally.waves_failed
        ));
    }
    if let (true, Some(p)) = (tally.failed + tally.waves_failed > 0, &request.errors_path) {
        line.push_str(&format!(" (see {})", super::shown(p)));
    }
    if tally.noted > 0 {
        line.push_str(&format!(
            "; {} where nobody leaves, their figures after the exit null (see exit_note)",
            tally.noted
        ));
    }
    line
}

/// From now on, Ctrl-C, SIGTERM and SIGHUP raise [`STOP`]: the batch ends
/// between networks with its `.partial` files valid and says how to resume.
/// A second signal ends the process at once (the `.partial` files are
/// still valid up to their last whole row).
fn watch_signals() {
    // Failing to set the handler (one already set) leaves the default: the
    // signal ends the process, and --resume still works from the partial.
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            eprintln!("stakenet: batch: stopped at once");
            std::process::exit(i32::from(INTERRUPTED));
        }
        eprintln!(
            "stakenet: batch: stopping after the networks under way (Ctrl-C again to stop now)"
        );
    });
}

/// Where the rows so far are and the exact command that finishes the run.
fn resume_hint(output: &Path) -> String {
    let mut command: Vec<OsString> = std::env::args_os().collect();
    if !command.iter().skip(1).any(|a| a == "--resume") {
        command.push("--resume".into());
    }
    let command: Vec<String> = command.iter().map(|a| shell_word(a)).collect();
    format!(
        "the networks done so far are kept in {}; to analyse only the rest, run:\n  {}",
        super::shown(&partial_path(&resolved(output))),
        command.join(" ")
    )
}

/// `word` as a POSIX shell reads it back: as it is when it holds only safe
/// characters, else in single quotes; bytes that are not UTF-8 (and
/// control characters) in a `$'…'` word with `\xHH` escapes (bash, zsh,
/// ksh and dash 0.5.12+ read these).
fn shell_word(word: &std::ffi::OsStr) -> String {
    let bytes = word.as_encoded_bytes();
    let safe = |b: &u8| b.is_ascii_alphanumeric() || b"_./:=,@%+-".contains(b);
    if !bytes.is_empty() && bytes.iter().all(safe) {
        return word.to_string_lossy().into_owned();
    }
    match word.to_str() {
        Some(text) if !text.chars().any(char::is_control) => {
            format!("'{}'", text.replace('\'', "'\\''"))
        }
        _ => {
            let mut out = String::from("$'");
            for &b in bytes {
                match b {
                    b'\'' | b'\\' => {
                        out.push('\\');
                        out.push(b as char);
                    }
                    0x20..=0x7e => out.push(b as char),
                    _ => out.push_str(&format!("\\x{b:02x}")),
                }
            }
            out.push('\'');
            out
        }
    }
}

/// Run `f` on the --jobs pool, or on the global pool (which --threads
/// sets) without one.
fn install<R: Send>(pool: Option<&rayon::ThreadPool>, f: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(p) => p.install(f),
        None => f(),
    }
}

fn describe(f: &batch::Failure) -> String {
    match (f.file.is_empty(), f.line, f.column) {
        (false, Some(l), Some(c)) => format!("{}:{l}:{c}: {}", f.file, f.message),
        (false, _, _) => format!("{}: {}", f.file, f.message),
        (true, _, _) => f.message.clone(),
    }
}

//! `stakenet batch`: analyse every network under some folders, one row each.
//!
//! Rows are streamed, in network order, to `FILE.partial` beside each output
//! and renamed over the output at the end, so an interrupted run never
//! leaves a half-written output, and `--resume` can pick up the `.partial`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use stakenet::batch::{
    self, Batch, BatchOptions, Kept, Outcome, OutputFile, RowFormat, RunSection, Shard,
};
use stakenet::io::{LoadOptions, NetworkEntry};
use stakenet::DuplicateTies;

use super::args::CentralityArgs;
use super::output::{partial_path, resolved, same_file, Claim, Out};

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
    /// network's external practitioners]. A network without one of them is
    /// listed in the errors file.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    exit: Option<Vec<String>>,
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

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
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
    let paths: Vec<&PathBuf> = [
        &args.output,
        &args.actors,
        &errors_path,
        &args.compare_waves,
    ]
    .into_iter()
    .flatten()
    .collect();
    // The same file under two names (a link, `./`, `..`) is the same output.
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
    let discovery = stakenet::io::discover(&args.roots)?;
    // No output (nor its .partial) may replace a manifest or a network file.
    let inputs: Vec<PathBuf> = args
        .roots
        .iter()
        .filter(|r| r.is_file())
        .cloned()
        .chain(discovery.networks.iter().flat_map(|e| {
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
    let wave_pairs = match &args.compare_waves {
        Some(_) => batch::wave_pairs(&discovery)?,
        None => Vec::new(),
    };
    let entries = match args.shard {
        Some(shard) => shard.select(discovery.networks),
        None => discovery.networks,
    };
    let options = BatchOptions {
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
    };
    // Each input's fingerprint, for the run records.
    let inputs: BTreeMap<String, String> = entries
        .par_iter()
        .map(|e| {
            let print = batch::fingerprint(&stakenet::io::NetworkFiles::in_dir(&e.dir));
            (e.name.clone(), print.unwrap_or_default())
        })
        .collect();
    let now = |kind: &str| RunSection::new(kind, &options, format, args.shard, inputs.clone());
    let wave_shape = args
        .compare_waves
        .as_ref()
        .map(|_| batch::WaveBatch::new(format, options.load, options.centrality));
    let batch = Batch::new(discovery.extra_columns, format, options.clone())?;

    // Lock every output (a second run on them is refused) before reading.
    let summary_claim = args.output.as_deref().map(Claim::take).transpose()?;
    let actors_claim = args.actors.as_deref().map(Claim::take).transpose()?;
    let errors_claim = errors_path.as_deref().map(Claim::take).transpose()?;

    let mut recomputed = 0;
    let kept = match (&summary_claim, args.resume) {
        (Some(claim), true) => {
            let (summaries, changed) = earlier_rows(claim, &now("summary"))?;
            recomputed += changed;
            let actors = match &actors_claim {
                Some(c) => Some(earlier_rows(c, &now("actors"))?.0),
                None => None,
            };
            batch::resumable(&batch, &entries, &summaries, actors.as_deref())?
        }
        _ => Kept::default(),
    };

    let mut summary = match summary_claim {
        Some(c) => c.start(now("summary"))?,
        None => Out::stdout(),
    };
    let mut actors = actors_claim.map(|c| c.start(now("actors"))).transpose()?;
    let mut errors = errors_claim.map(|c| c.start(now("errors"))).transpose()?;
    summary.write(&batch.summary_header())?;
    if let Some(a) = &mut actors {
        a.write(&batch.actor_header())?;
    }
    if let Some(e) = &mut errors {
        e.write(&batch::error_header())?;
    }

    let to_do = entries
        .iter()
        .filter(|e| !kept.summary.contains_key(&e.name))
        .count();
    let progress = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(to_do as u64);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {pos}/{len} networks  {per_sec}  elapsed {elapsed}  ETA {eta}",
            )
            .expect("a valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    };

    let want_actors = actors.is_some();
    let (mut analysed, mut failed) = (0usize, 0usize);
    let tick = || progress.inc(1);
    let mut sink = |entry: &NetworkEntry, done: Outcome| -> anyhow::Result<()> {
        match done {
            Outcome::Kept => {
                summary.write(&kept.summary[&entry.name])?;
                if let (Some(a), Some(rows)) = (&mut actors, kept.actors.get(&entry.name)) {
                    a.write(rows)?;
                }
            }
            Outcome::New(done) if done.failed() => {
                failed += 1;
                match &mut errors {
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
                analysed += 1;
                summary.write(&done.summary)?;
                if let Some(a) = &mut actors {
                    a.write(&done.actors)?;
                }
            }
        }
        // Everything written reaches the `.partial` files, for `--resume`
        // after an interruption; one write per network costs little next to
        // its analysis.
        summary.flush()?;
        for out in [&mut actors, &mut errors].into_iter().flatten() {
            out.flush()?;
        }
        Ok(())
    };
    let pool = args
        .jobs
        .map(|n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n as usize)
                .build()
        })
        .transpose()
        .context("cannot start the worker threads")?;
    let outcome = install(pool.as_ref(), || {
        batch::run(&batch, &entries, &kept, want_actors, tick, &mut sink)
    });
    progress.finish_and_clear();
    if let (Err(e), Some(output)) = (&outcome, &args.output) {
        // Interrupted: what was written is in FILE.partial.
        eprintln!(
            "stakenet: batch: stopped: {}; the networks done so far are kept in {}: run the \
             same command with --resume to analyse only the rest",
            super::terminal_safe(&format!("{e:#}")),
            super::shown(&partial_path(&resolved(output)))
        );
    }
    outcome?;
    let mut waves_failed = 0usize;
    let waves_out = match (&args.compare_waves, &wave_shape) {
        (Some(path), Some(shape)) => {
            let mut out = Claim::take(path)?.start(now("waves"))?;
            out.write(&shape.header())?;
            let mut sink = |pair: &batch::WavePair, done: batch::Encoded| -> anyhow::Result<()> {
                if !done.failed() {
                    return out.write(&done.summary);
                }
                waves_failed += 1;
                match &mut errors {
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
            install(pool.as_ref(), || {
                batch::compare_waves(shape, &wave_pairs, &mut sink)
            })?;
            Some(out)
        }
        _ => None,
    };
    for out in [errors, actors, waves_out].into_iter().flatten() {
        out.finish()?;
    }
    summary.finish()?;

    if !args.quiet || failed + waves_failed > 0 {
        let mut line = format!(
            "stakenet: batch: {} networks: {analysed} analysed, {failed} failed",
            entries.len()
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
                "; {} wave pairs: {} compared, {waves_failed} failed",
                wave_pairs.len(),
                wave_pairs.len() - waves_failed
            ));
        }
        if let (true, Some(p)) = (failed + waves_failed > 0, &errors_path) {
            line.push_str(&format!(" (see {})", super::shown(p)));
        }
        eprintln!("{line}");
    }
    Ok(if args.strict && failed + waves_failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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

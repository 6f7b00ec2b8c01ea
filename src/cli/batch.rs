//! `stakenet batch`: analyse every network under some folders, one row each.
//!
//! Rows are streamed, in network order, to `FILE.partial` beside each output
//! and renamed over the output at the end, so an interrupted run never
//! leaves a half-written output, and `--resume` can pick up the `.partial`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};
use stakenet::batch::{self, Batch, BatchOptions, Kept, Outcome, OutputFile, RowFormat, Shard};
use stakenet::io::{LoadOptions, NetworkEntry};
use stakenet::DuplicateTies;

use super::args::CentralityArgs;
use super::output::{partial_path, same_file, Out};

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
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
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
    exit: Vec<String>,
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
}

/// An earlier run's file and its `.partial`, read back (missing ones skipped).
fn read_earlier(path: &Path) -> anyhow::Result<Vec<OutputFile>> {
    let mut tables = Vec::new();
    for p in [path.to_path_buf(), partial_path(path)] {
        match std::fs::read(&p) {
            Ok(bytes) => tables.push(OutputFile::parse(&p.display().to_string(), &bytes)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", p.display())),
        }
    }
    Ok(tables)
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
    for (i, a) in paths.iter().enumerate() {
        if paths[..i].contains(a) {
            bail!("{} is named for two outputs", a.display());
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
        for candidate in [out.to_path_buf(), partial_path(out)] {
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
        exit: (!args.exit.is_empty()).then(|| args.exit.clone()),
    };
    let wave_shape = args
        .compare_waves
        .as_ref()
        .map(|_| batch::WaveBatch::new(format, options.load, options.centrality));
    let batch = Batch::new(discovery.extra_columns, format, options)?;

    let kept = match (&args.output, args.resume) {
        (Some(output), true) => {
            let summaries = read_earlier(output)?;
            let actors = match &args.actors {
                Some(p) => Some(read_earlier(p)?),
                None => None,
            };
            batch::resumable(&batch, &entries, &summaries, actors.as_deref())?
        }
        _ => Kept::default(),
    };

    let mut summary = match &args.output {
        Some(p) => Out::create(p)?,
        None => Out::stdout(),
    };
    let mut actors = args.actors.as_deref().map(Out::create).transpose()?;
    let mut errors = errors_path.as_deref().map(Out::create).transpose()?;
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
                            eprintln!("stakenet: {}: {}", entry.name, describe(f));
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
    outcome?;
    let mut waves_failed = 0usize;
    let waves_out = match (&args.compare_waves, &wave_shape) {
        (Some(path), Some(shape)) => {
            let mut out = Out::create(path)?;
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
                            eprintln!("stakenet: {}: {}", pair.name(), describe(f));
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
        if args.compare_waves.is_some() {
            line.push_str(&format!(
                "; {} wave pairs: {} compared, {waves_failed} failed",
                wave_pairs.len(),
                wave_pairs.len() - waves_failed
            ));
        }
        if let (true, Some(p)) = (failed + waves_failed > 0, &errors_path) {
            line.push_str(&format!(" (see {})", p.display()));
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

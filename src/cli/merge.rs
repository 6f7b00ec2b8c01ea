//! `stakenet merge`: join the outputs of `stakenet batch --shard` runs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use stakenet::batch::{check_merge, merge, OutputFile, RunRecord};

use super::output::{record_path, resolved, write_output};

/// Join batch outputs (the summary, actors or errors files of the shards of
/// one batch) into the bytes one run over all networks writes: one header,
/// rows in network path order. Refuses files whose headers differ, files
/// of runs with other options, and a set of shards with one missing (each
/// file's run record, FILE.run.json, says which run and shard wrote it).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The shards' files, all of the same kind.
    #[arg(value_name = "SHARD_OUTPUT", required = true)]
    inputs: Vec<PathBuf>,
    /// Write to FILE instead of standard output; the file appears whole or
    /// not at all.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tables = args
        .inputs
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            Ok(OutputFile::parse(&p.display().to_string(), &bytes)?)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let bytes = merge(&tables)?;
    // Each shard's run record says which run and shard wrote it.
    let sections = args
        .inputs
        .iter()
        .map(|p| {
            let record_file = record_path(&resolved(p));
            let bytes = std::fs::read(&record_file).with_context(|| {
                format!(
                    "cannot read {}, the run record of {}: merge joins the outputs of \
                     `stakenet batch --shard` runs, each with its record beside it",
                    record_file.display(),
                    p.display()
                )
            })?;
            let record = RunRecord::parse(&record_file.display().to_string(), &bytes)?;
            let section = record.output.with_context(|| {
                format!(
                    "{} is not finished (its run record describes no finished output); \
                     rerun that shard, with --resume to keep its rows",
                    p.display()
                )
            })?;
            Ok((p.display().to_string(), section))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    check_merge(&sections)?;
    let inputs: Vec<&Path> = args.inputs.iter().map(PathBuf::as_path).collect();
    write_output(args.output.as_deref(), &bytes, &inputs, "the merged file")?;
    Ok(ExitCode::SUCCESS)
}

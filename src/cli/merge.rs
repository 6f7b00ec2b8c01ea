//! `stakenet merge`: join the outputs of `stakenet batch --shard` runs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use stakenet::batch::{merge, OutputFile};

use super::output::write_output;

/// Join batch outputs (the summary, actors or errors files of the shards of
/// one batch) into the bytes one run over all networks writes: one header,
/// rows in network path order. Refuses files whose headers differ.
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
    let inputs: Vec<&Path> = args.inputs.iter().map(PathBuf::as_path).collect();
    write_output(args.output.as_deref(), &bytes, &inputs, "the merged file")?;
    Ok(ExitCode::SUCCESS)
}

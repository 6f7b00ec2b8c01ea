//! `stakenet merge`: join the outputs of `stakenet batch --shard` runs.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use stakenet::batch::{merge, OutputFile};

use super::args::{same_file, write_atomically};

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
    match &args.output {
        Some(path) => {
            if let Some(input) = args.inputs.iter().find(|i| same_file(path, i)) {
                bail!(
                    "refusing to write the merged file over the input file {}",
                    input.display()
                );
            }
            write_atomically(path, &bytes)?
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

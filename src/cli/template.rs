//! `stakenet template FILE.xlsx`: a ready-to-fill workbook.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use super::output::write_output;

/// Write a workbook to fill in: README, nodes and edges sheets with their
/// headers, drop-down lists, number checks and example rows. `stakenet
/// analyze FILE.xlsx` reads it once filled.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The workbook to write (.xlsx).
    #[arg(value_name = "FILE.xlsx")]
    file: PathBuf,
    /// Replace FILE if it exists.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let is_xlsx = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        bail!(
            "expected a file name ending in .xlsx, found {}",
            args.file.display()
        );
    }
    if args.file.exists() && !args.force {
        bail!("{} exists; pass --force to replace it", args.file.display());
    }
    let bytes = stakenet::render::workbook::template()?;
    write_output(Some(&args.file), &bytes, &[], "the template")?;
    eprintln!(
        "wrote {}: fill in the nodes and edges sheets, then run: stakenet analyze {}",
        super::shown(&args.file),
        super::shown(&args.file)
    );
    Ok(ExitCode::SUCCESS)
}

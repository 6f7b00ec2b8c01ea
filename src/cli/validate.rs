//! `stakenet validate`: every problem, one per line, or a short summary.

use std::io::Write;
use std::process::ExitCode;

use stakenet::render::reports::validate::summary;
use stakenet::Error;

use super::args::NetworkArgs;

/// Check a network's files and list every problem, one per line, in file
/// order; exit 0 when valid (warnings allowed), 1 when not.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = args.net.files();
    let mut out = std::io::stdout().lock();
    match stakenet::io::load(&files, &args.net.options()) {
        Ok(net) => {
            out.write_all(summary(&stakenet::report::validate::validate(&net)).as_bytes())?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Err(Error::Input(problems)) => {
            writeln!(out, "{}", super::args::problems(&problems))?;
            let total = problems.errors.len() + problems.more;
            writeln!(
                out,
                "{total} problem{} found; the network was not loaded",
                if total == 1 { "" } else { "s" }
            )?;
            out.flush()?;
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}

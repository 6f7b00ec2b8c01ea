//! `stakenet analyze`: network-level figures and per-actor metrics.

use std::process::ExitCode;

use super::args::{NetworkArgs, OutputArgs};

/// Network-level figures and per-actor ties, trust and power.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    #[command(flatten)]
    out: OutputArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let report = stakenet::report::analyze(&net);
    let bytes = stakenet::render::render(&report, args.out.format());
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

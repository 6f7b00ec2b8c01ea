//! `stakenet analyze`: network-level figures and per-actor metrics.

use std::process::ExitCode;

use super::args::{CentralityArgs, NetworkArgs, OutputArgs};

/// Network-level figures and per-actor ties, trust, power and centrality.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    #[command(flatten)]
    centrality: CentralityArgs,
    #[command(flatten)]
    out: OutputArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let options = stakenet::AnalyzeOptions {
        centrality: args.centrality.options(),
    };
    let report = stakenet::analyze(&net, &options)?;
    let bytes = stakenet::render(&report, args.out.format());
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

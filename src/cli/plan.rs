//! `stakenet plan`: which introductions to broker before leaving, and who
//! could take over each practitioner's ties.

use std::process::ExitCode;

use anyhow::Context;
use stakenet::metrics::exit::exit;
use stakenet::metrics::{plan, successors};

use super::args::{NetworkArgs, OutputArgs};
use super::exit::ExitArgs;

/// The greedy exit plan: up to K introductions between contacts of the
/// exiting actors, each the one that keeps most trusted reach; and, for each
/// exiting practitioner, the best single internal successor (handover at 0.5).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    /// Largest number of introductions.
    #[arg(long, value_name = "K")]
    budget: usize,
    #[command(flatten)]
    exit: ExitArgs,
    #[command(flatten)]
    out: OutputArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let spec = args.exit.spec(&net)?;
    let m = exit(&net, &spec).context("computing the exit")?;
    let steps = plan(&net, &spec, args.budget).context("computing the plan")?;
    let succ = if spec.handovers.is_empty() {
        successors(&net, &m.exit)
    } else {
        Vec::new()
    };
    let report = stakenet::report::plan(&net, &spec, &m, args.budget, &steps, &succ);
    let bytes = stakenet::render::render(&report, args.out.format());
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

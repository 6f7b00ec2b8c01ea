//! `stakenet plan`: which introductions to broker before leaving, and who
//! could take over each practitioner's ties.

use std::process::ExitCode;

use stakenet::PlanRequest;

use super::args::{NetworkArgs, OutputArgs};
use super::exit::{explain, ExitArgs};

/// The greedy exit plan: up to K introductions between contacts of the
/// exiting actors, each the one that keeps most trusted reach; and, for each
/// exiting practitioner, the best single internal successor (handover at 0.5).
///
/// Memory grows with the square of the stakeholders: about 32·|S|² bytes
/// (3.2 GB at 10,000 stakeholders); a plan that would exceed the memory
/// available is refused with both figures.
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
    #[command(flatten)]
    pub(super) threads: super::args::ThreadsArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let request = PlanRequest {
        exit: args.exit.request()?,
        budget: args.budget,
    };
    let report = stakenet::plan(&net, &request).map_err(|e| match e {
        e @ stakenet::Error::PlanMemory { .. } => anyhow::anyhow!(
            "{e}; use `stakenet exit --sample K` for sustainability on a network this large"
        ),
        other => explain(other),
    })?;
    let bytes = stakenet::render(&report, args.out.format());
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

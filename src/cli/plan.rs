//! `stakenet plan`: which introductions to broker before leaving, who makes
//! each, and who could take over each practitioner's ties.

use std::process::ExitCode;

use stakenet::{PlanRequest, SuccessorRequest};

use super::args::{NetworkArgs, OutputArgs};
use super::exit::{explain, ExitArgs};

/// The greedy exit plan: up to K introductions between contacts of the
/// exiting actors, each the one that keeps most trusted reach, each with the
/// leaving actor who knows both (the one whose weaker tie of the two is
/// strongest; ties by id); and, for each exiting practitioner, the best
/// internal successors (handover at 0.5), ranked. A stakeholder whose role
/// is not the practitioner's is flagged with a caution line: a finding to
/// check, not a plan.
///
/// Memory grows with the square of the stakeholders: about 32·|S|² bytes
/// (3.2 GB at 10,000 stakeholders); a plan that would exceed the memory
/// available is refused with both figures. On a terminal, a progress bar on
/// stderr counts the candidates evaluated.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    /// Largest number of introductions.
    #[arg(long, value_name = "K")]
    budget: usize,
    /// Successor candidates to rank per exiting practitioner (0: none).
    #[arg(long, value_name = "N", default_value_t = 3)]
    successors: usize,
    /// Only actors with one of these roles (nodes.csv `role`, ignoring case)
    /// may be successors.
    #[arg(long, value_name = "ROLE,...", value_delimiter = ',')]
    successor_role: Vec<String>,
    /// Only these actors may be successors (each internal and staying).
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    candidates: Vec<String>,
    #[command(flatten)]
    exit: ExitArgs,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    pub(super) threads: super::args::ThreadsArgs,
    // Last: its help heading holds for the flags after it.
    #[command(flatten)]
    table: super::args::WidthArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let request = PlanRequest {
        exit: args.exit.request()?,
        budget: args.budget,
        successors: SuccessorRequest {
            top: args.successors,
            roles: args.successor_role,
            candidates: args.candidates,
        },
    };
    let report = super::progress::with_progress("plan", "candidates", |progress| {
        stakenet::plan_with_progress(&net, &request, progress)
    })
    .map_err(|e| match e {
        e @ stakenet::Error::PlanMemory { .. } => anyhow::anyhow!(
            "{e}; use `stakenet exit --sample K` for sustainability on a network this large"
        ),
        e @ stakenet::Error::Request(_) => anyhow::anyhow!("{e}"),
        other => explain(other),
    })?;
    let bytes = args.table.render(&report, &args.out);
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

//! `stakenet power`: do the least powerful stakeholders have a trusted line
//! to those who decide, and does it survive the exit?

use std::process::ExitCode;

use stakenet::error::PowerError;
use stakenet::{VoiceRequest, DEFAULT_DECISION_POWER, DEFAULT_LOW_POWER, DEFAULT_STEEP};

use super::args::{NetworkArgs, OutputArgs};
use super::exit::ExitArgs;

/// Each voice's most trusted line to a decision-maker before and after the
/// exit, who carries the voices' routes, and whether trust runs both ways on
/// ties across a power gap.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    #[command(flatten)]
    voices: VoiceArgs,
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

/// Who counts as a voice and who decides.
#[derive(Debug, clap::Args)]
pub(crate) struct VoiceArgs {
    /// Ids of the voices, comma-separated [default: the stakeholders with
    /// power at or below --low-power].
    #[arg(
        long,
        value_name = "ID,...",
        value_delimiter = ',',
        conflicts_with = "low_power"
    )]
    voices: Vec<String>,
    /// Stakeholders with power at or below X are the voices.
    #[arg(long, value_name = "X", default_value_t = DEFAULT_LOW_POWER, allow_negative_numbers = true)]
    low_power: f64,
    /// Ids of the decision-makers, comma-separated [default: the
    /// stakeholders with power at or above --decision-power].
    #[arg(
        long,
        value_name = "ID,...",
        value_delimiter = ',',
        conflicts_with = "decision_power"
    )]
    decision_makers: Vec<String>,
    /// Stakeholders with power at or above Y are the decision-makers.
    #[arg(long, value_name = "Y", default_value_t = DEFAULT_DECISION_POWER, allow_negative_numbers = true)]
    decision_power: f64,
    /// A tie is steep when its power differential is at least Z (> 0).
    #[arg(long, value_name = "Z", default_value_t = DEFAULT_STEEP, allow_negative_numbers = true)]
    steep: f64,
}

impl VoiceArgs {
    /// The request, by id.
    pub(crate) fn request(&self, exit: &ExitArgs) -> anyhow::Result<VoiceRequest> {
        let named = |ids: &Vec<String>| (!ids.is_empty()).then(|| ids.clone());
        Ok(VoiceRequest {
            exit: exit.request()?,
            voices: named(&self.voices),
            decision_makers: named(&self.decision_makers),
            low_power: self.low_power,
            decision_power: self.decision_power,
            steep: self.steep,
        })
    }
}

/// The library's refusal, named by the flag it concerns.
pub(crate) fn explain(e: stakenet::Error) -> anyhow::Error {
    use stakenet::error::Role;
    let stakenet::Error::Power(p) = e else {
        return super::exit::explain(e);
    };
    match &p {
        PowerError::NotAStayingStakeholder { role, .. } => {
            let flag = match role {
                Role::Voice => "--voices",
                Role::DecisionMaker => "--decision-makers",
            };
            anyhow::anyhow!("{flag}: {p}")
        }
        PowerError::Thresholds { .. } => anyhow::anyhow!("--low-power/--decision-power: {p}"),
        PowerError::Steep { steep } => {
            anyhow::anyhow!("--steep: expected a number > 0, found {steep}")
        }
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let report = stakenet::power(&net, &args.voices.request(&args.exit)?).map_err(explain)?;
    let bytes = args.table.render(&report, &args.out);
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

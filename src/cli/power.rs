//! `stakenet power`: do the least powerful stakeholders have a trusted line
//! to those who decide, and does it survive the exit?

use std::process::ExitCode;

use anyhow::bail;
use stakenet::metrics::power::{
    power, PowerError, PowerRequest, Role, Selection, DEFAULT_DECISION_POWER, DEFAULT_LOW_POWER,
    DEFAULT_STEEP,
};
use stakenet::Network;

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
    fn selection(net: &Network, named: &[String], flag: &str, t: f64) -> anyhow::Result<Selection> {
        let named: Vec<&str> = named
            .iter()
            .map(|id| id.trim())
            .filter(|id| !id.is_empty())
            .collect();
        if named.is_empty() {
            return Ok(Selection::Threshold(t));
        }
        let mut out = Vec::with_capacity(named.len());
        for id in named {
            match net.index_of(id) {
                Some(i) => out.push(i),
                None => bail!("{flag}: no actor has the id \"{id}\" (see nodes.csv)"),
            }
        }
        Ok(Selection::Named(out))
    }

    /// The request, every id checked against the network.
    pub(crate) fn request(&self, net: &Network, exit: &ExitArgs) -> anyhow::Result<PowerRequest> {
        Ok(PowerRequest {
            exit: exit.spec(net)?,
            voices: Self::selection(net, &self.voices, "--voices", self.low_power)?,
            decision_makers: Self::selection(
                net,
                &self.decision_makers,
                "--decision-makers",
                self.decision_power,
            )?,
            steep: self.steep,
        })
    }
}

/// The library's refusal with the flag it concerns.
pub(crate) fn flagged(e: PowerError) -> anyhow::Error {
    let flag = match &e {
        PowerError::NotAStayingStakeholder {
            role: Role::Voice, ..
        } => "--voices",
        PowerError::NotAStayingStakeholder {
            role: Role::DecisionMaker,
            ..
        } => "--decision-makers",
        PowerError::Thresholds { .. } => "--low-power/--decision-power",
        PowerError::Steep { steep } => {
            return anyhow::anyhow!("--steep: expected a number > 0, found {steep}")
        }
        _ => return anyhow::Error::new(e).context("computing power and voice"),
    };
    anyhow::anyhow!("{flag}: {e}")
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let req = args.voices.request(&net, &args.exit)?;
    let m = power(&net, &req).map_err(flagged)?;
    let report = stakenet::report::power(&net, &req, &m);
    let bytes = stakenet::render::render(&report, args.out.format());
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

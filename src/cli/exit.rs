//! `stakenet exit`: what the stakeholders keep when implementation support
//! leaves, or is handed over.

use std::process::ExitCode;

use anyhow::{anyhow, bail};
use stakenet::{ActorKind, ExitRequest, ExitSelection, Handover, IdList};

use super::args::{NetworkArgs, OutputArgs};

/// Remove the exiting actors and report reach, trusted reach, sustainability,
/// dependent pairs, stranded stakeholders, lost group bridges, each
/// stakeholder's trust retained and each practitioner's own exit impact.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    #[command(flatten)]
    exit: ExitArgs,
    #[command(flatten)]
    select: ExitSelectArgs,
    /// Estimate the pair means (reach, trusted reach, sustainability,
    /// dependent pairs, exit impacts) from K source stakeholders drawn at
    /// random, each with its standard error (`*_se`), for large networks:
    /// time grows with K instead of the number of stakeholders. Stranded
    /// stakeholders and lost group bridges stay exact. At least 2; K at or
    /// above the number of stakeholders is the exact computation.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(2..))]
    sample: Option<u64>,
    /// Seed of the sample (the same seed draws the same sources).
    #[arg(long, value_name = "S", default_value_t = stakenet::DEFAULT_SEED, requires = "sample")]
    seed: u64,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    pub(super) threads: super::args::ThreadsArgs,
    // Last: its help heading holds for the flags after it.
    #[command(flatten)]
    table: super::args::WidthArgs,
}

/// Who leaves.
#[derive(Debug, clap::Args)]
pub(crate) struct ExitArgs {
    /// Ids of the actors that exit, comma-separated [default: every external
    /// practitioner].
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    exit: Option<Vec<String>>,
    /// Before the exit, copy FROM's ties to stakeholders onto TO at trust ×
    /// FACTOR (default 0.5); FROM then exits along with the --exit set (by
    /// default every external practitioner). May be repeated; applied in
    /// order.
    #[arg(long, value_name = "FROM=TO[:FACTOR]", value_parser = parse_handover)]
    handover: Vec<(String, String, f64)>,
}

/// The `kind` words of nodes.csv.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum KindArg {
    Practitioner,
    Stakeholder,
}

/// Who leaves, by kind and role instead of by id.
#[derive(Debug, clap::Args)]
pub(crate) struct ExitSelectArgs {
    /// Every actor of this kind exits (internal practitioners too, unlike
    /// the default); with --exit-role, only those with that role.
    #[arg(long, value_enum, value_name = "KIND", conflicts_with = "exit")]
    exit_kind: Option<KindArg>,
    /// Every actor whose `role` is ROLE (exactly, case included) exits; with
    /// --exit-kind, only those of that kind.
    #[arg(long, value_name = "ROLE", conflicts_with = "exit")]
    exit_role: Option<String>,
}

impl ExitSelectArgs {
    /// The selection, when --exit-kind or --exit-role was given.
    ///
    /// # Errors
    /// `--exit-role ''`: it names nobody.
    pub(crate) fn selection(&self) -> anyhow::Result<Option<ExitSelection>> {
        if self
            .exit_role
            .as_deref()
            .is_some_and(|r| r.trim().is_empty())
        {
            bail!("--exit-role names no role; give the role of the actors who leave");
        }
        if self.exit_kind.is_none() && self.exit_role.is_none() {
            return Ok(None);
        }
        Ok(Some(ExitSelection {
            kind: self.exit_kind.map(|k| match k {
                KindArg::Practitioner => ActorKind::Practitioner,
                KindArg::Stakeholder => ActorKind::Stakeholder,
            }),
            role: self.exit_role.clone(),
        }))
    }
}

/// Parse `FROM=TO[:FACTOR]`.
fn parse_handover(text: &str) -> Result<(String, String, f64), String> {
    let (from, rest) = text
        .split_once('=')
        .ok_or_else(|| format!("expected FROM=TO[:FACTOR], found \"{text}\" (no '=')"))?;
    let (to, factor) = match rest.rsplit_once(':') {
        Some((to, f)) => {
            let factor: f64 = f.trim().parse().map_err(|_| {
                format!("FACTOR: expected a number in [0, 1], found \"{f}\" in \"{text}\"")
            })?;
            (to, factor)
        }
        None => (rest, 0.5),
    };
    if !(0.0..=1.0).contains(&factor) {
        return Err(format!(
            "FACTOR: expected a number in [0, 1], found {factor} in \"{text}\""
        ));
    }
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() || to.is_empty() {
        return Err(format!(
            "expected FROM=TO[:FACTOR] with two ids, found \"{text}\""
        ));
    }
    if from == to {
        return Err(format!(
            "FROM and TO must be different actors, found \"{text}\""
        ));
    }
    Ok((from.to_string(), to.to_string(), factor))
}

impl ExitArgs {
    /// Whether --exit or --handover was given.
    pub(crate) fn given(&self) -> bool {
        self.exit.is_some() || !self.handover.is_empty()
    }

    /// The exit request, by id. The contract: FROM of a handover exits
    /// "along with the rest of X", and X is every external practitioner
    /// unless --exit names it.
    ///
    /// # Errors
    /// `--exit ''` or an empty id in the list: it names nobody.
    pub(crate) fn request(&self) -> anyhow::Result<ExitRequest> {
        if let Some(ids) = &self.exit {
            if ids.is_empty() || ids.iter().any(|id| id.trim().is_empty()) {
                bail!(
                    "--exit names nobody (an empty id); give the ids of the actors who leave, \
                     or leave out --exit for every external practitioner"
                );
            }
        }
        Ok(ExitRequest {
            exit: self.exit.clone(),
            handovers: self
                .handover
                .iter()
                .map(|(from, to, factor)| Handover {
                    from: from.clone(),
                    to: to.clone(),
                    factor: *factor,
                })
                .collect(),
        })
    }
}

/// The library's error, an unknown id named by the flag that gave it.
pub(crate) fn explain(e: stakenet::Error) -> anyhow::Error {
    match e {
        stakenet::Error::UnknownActor { id, list } => {
            let flag = match list {
                IdList::Exit => "--exit",
                IdList::Handover => "--handover",
                IdList::Voices => "--voices",
                IdList::DecisionMakers => "--decision-makers",
                IdList::Candidates => "--candidates",
            };
            anyhow!("{flag}: no actor has the id \"{id}\" (see nodes.csv)")
        }
        other => anyhow::Error::from(other).context("computing the exit"),
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let selection = args.select.selection()?;
    let net = args.net.load()?;
    let mut request = args.exit.request()?;
    if let Some(select) = &selection {
        request.exit = Some(select.ids(&net));
    }
    let sample = args.sample.map(|k| stakenet::Sample {
        sources: usize::try_from(k).unwrap_or(usize::MAX),
        seed: args.seed,
    });
    let report = super::progress::with_progress("exit", "sources", |progress| {
        stakenet::exit_with_progress(&net, &request, sample, progress)
    })
    .map_err(|e| match e {
        e @ stakenet::Error::ExitMemory { .. } => {
            anyhow!("{e}; use fewer threads (--threads) or --sample K")
        }
        e => explain(e),
    })?;
    if let (true, Some(select)) = (report.summary.exit.is_empty(), &selection) {
        eprintln!("stakenet: nobody leaves: the network has no {select}; every figure is kept");
    } else if report.summary.exit.is_empty() {
        eprintln!(
            "stakenet: nobody leaves: the network has no external practitioner (is the `kind` \
             column missing? `stakenet validate` lists what it holds); every figure is kept"
        );
    }
    let bytes = args.table.render(&report, &args.out);
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::parse_handover;

    #[test]
    fn handover_flags_parse_or_say_why_not() {
        assert_eq!(parse_handover("p=a"), Ok(("p".into(), "a".into(), 0.5)));
        assert_eq!(
            parse_handover("p=a:0.25"),
            Ok(("p".into(), "a".into(), 0.25))
        );
        assert!(parse_handover("p-a").unwrap_err().contains("no '='"));
        assert!(parse_handover("p=a:x").unwrap_err().contains("FACTOR"));
        assert!(parse_handover("p=a:1.5").unwrap_err().contains("[0, 1]"));
        assert!(parse_handover("p=p").unwrap_err().contains("different"));
        assert!(parse_handover("=a").unwrap_err().contains("two ids"));
    }
}

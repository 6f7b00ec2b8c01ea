//! `stakenet analyze`: network-level figures and per-actor metrics.

use std::process::ExitCode;

use stakenet::metrics::centrality::DEFAULT_SEED;
use stakenet::metrics::{CentralityOptions, Distance, Sample};

use super::args::{NetworkArgs, OutputArgs};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DistanceArg {
    /// 1 / trust: trusted ties are short.
    Inverse,
    /// Every tie counts 1.
    Hops,
}

/// Network-level figures and per-actor ties, trust, power and centrality.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    /// Tie length for shortest paths (betweenness, closeness, harmonic).
    #[arg(long, value_enum, default_value = "inverse")]
    distance: DistanceArg,
    /// Estimate the shortest-path metrics (betweenness, closeness, harmonic,
    /// stakeholder betweenness, practitioner dependency and share) from K
    /// sources drawn at random, for large networks: time grows with K
    /// instead of the number of actors. Scaled as networkx's
    /// betweenness_centrality(k=K); at least 2.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(2..))]
    betweenness_sample: Option<u64>,
    /// Seed of the source sample (the same seed draws the same sources).
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED, requires = "betweenness_sample")]
    seed: u64,
    #[command(flatten)]
    out: OutputArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let options = CentralityOptions {
        distance: match args.distance {
            DistanceArg::Inverse => Distance::Inverse,
            DistanceArg::Hops => Distance::Hops,
        },
        betweenness_sample: args.betweenness_sample.map(|k| Sample {
            sources: usize::try_from(k).unwrap_or(usize::MAX),
            seed: args.seed,
        }),
    };
    let report = stakenet::report::analyze_with(&net, &options);
    let bytes = stakenet::render::render(&report, args.out.format());
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

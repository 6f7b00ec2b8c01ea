//! `stakenet compare BEFORE AFTER`: two maps of the same site, a wave apart.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use stakenet::compare::CompareOptions;
use stakenet::io::{LoadOptions, NetworkFiles};
use stakenet::{DuplicateTies, Network};

use super::args::{CentralityArgs, OutputArgs};
use super::output::write_output;

/// Compare two maps of the same site (actors matched by id): actors joined,
/// left and changed; ties formed, dissolved, strengthened and weakened per
/// relationship type; the network, exit and per-actor figures of each map
/// and their change; findings in plain words.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The earlier map: a folder holding nodes.csv and edges.csv.
    #[arg(value_name = "BEFORE")]
    before: PathBuf,
    /// The later map.
    #[arg(value_name = "AFTER")]
    after: PathBuf,
    /// A tie is strengthened or weakened when its trust (the mean over its
    /// arcs) changed by at least this.
    #[arg(long, value_name = "T", default_value_t = 0.1, value_parser = threshold)]
    changed: f64,
    /// A tie has more or less contact when its contacts per month changed
    /// by at least this.
    #[arg(long, value_name = "C", default_value_t = 1.0, value_parser = threshold)]
    changed_communication: f64,
    /// Accept several rows for the same tie and merge them (as in analyze).
    #[arg(long)]
    merge_duplicates: bool,
    #[command(flatten)]
    centrality: CentralityArgs,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    pub(super) threads: super::args::ThreadsArgs,
}

/// A finite number ≥ 0.
fn threshold(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(format!("expected a number ≥ 0, found \"{text}\"")),
    }
}

/// Load one wave, its errors prefixed with which wave it is.
pub(crate) fn load(which: &str, dir: &Path, options: &LoadOptions) -> anyhow::Result<Network> {
    stakenet::io::load(&NetworkFiles::in_dir(dir), options)
        .map_err(super::args::explain_input)
        .with_context(|| format!("{which} map {}", dir.display()))
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let load_options = LoadOptions {
        duplicate_ties: if args.merge_duplicates {
            DuplicateTies::Merge
        } else {
            DuplicateTies::Reject
        },
    };
    // Both maps are read before either error is reported: a user fixing
    // two waves sees both files' problems at once.
    let before = load("BEFORE", &args.before, &load_options);
    let after = load("AFTER", &args.after, &load_options);
    let (before, after) = match (before, after) {
        (Ok(b), Ok(a)) => (b, a),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => return Err(e),
        (Err(eb), Err(ea)) => {
            eprintln!("stakenet: {}", super::message(&eb));
            return Err(ea);
        }
    };
    let options = CompareOptions {
        changed: args.changed,
        changed_communication: args.changed_communication,
        centrality: args.centrality.options(),
    };
    let comparison = stakenet::compare(&before, &after, &options).context("comparing the maps")?;
    for w in &comparison.warnings {
        eprintln!("stakenet: warning: {w}");
    }
    let bytes = stakenet::render(&comparison, args.out.format());
    let waves = [
        NetworkFiles::in_dir(&args.before),
        NetworkFiles::in_dir(&args.after),
    ];
    let inputs: Vec<&Path> = waves
        .iter()
        .flat_map(|f| [f.nodes.as_path(), f.edges.as_path()])
        .collect();
    write_output(args.out.path(), &bytes, &inputs, "the report")?;
    Ok(ExitCode::SUCCESS)
}

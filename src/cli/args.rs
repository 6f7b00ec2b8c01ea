//! Flags shared by several subcommands: where the network is, and where and
//! how the report goes.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::output::write_output;
use stakenet::io::{LoadOptions, NetworkFiles};
use stakenet::{CentralityOptions, Distance, DuplicateTies, Format, Network, Sample, DEFAULT_SEED};
use stakenet::{InputErrorKind, InputErrors};

/// Which network to read.
#[derive(Debug, clap::Args)]
pub(crate) struct NetworkArgs {
    /// Network folder holding nodes.csv and edges.csv.
    #[arg(value_name = "NET", required_unless_present_all = ["nodes", "edges"])]
    dir: Option<PathBuf>,
    /// The actors file, instead of NET/nodes.csv.
    #[arg(long, value_name = "FILE", requires = "edges", conflicts_with = "dir")]
    nodes: Option<PathBuf>,
    /// The ties file, instead of NET/edges.csv.
    #[arg(long, value_name = "FILE", requires = "nodes", conflicts_with = "dir")]
    edges: Option<PathBuf>,
    /// Accept several rows for the same tie and merge them: trust,
    /// communication and any given power differential become their means.
    #[arg(long)]
    merge_duplicates: bool,
}

impl NetworkArgs {
    pub(crate) fn files(&self) -> NetworkFiles {
        match (&self.dir, &self.nodes, &self.edges) {
            (Some(dir), _, _) => NetworkFiles::in_dir(dir),
            (None, Some(nodes), Some(edges)) => NetworkFiles {
                nodes: nodes.clone(),
                edges: edges.clone(),
            },
            // clap's `required_unless_present_all` rules this out.
            _ => unreachable!("a network folder or both files are required"),
        }
    }

    pub(crate) fn options(&self) -> LoadOptions {
        LoadOptions {
            duplicate_ties: if self.merge_duplicates {
                DuplicateTies::Merge
            } else {
                DuplicateTies::Reject
            },
        }
    }

    pub(crate) fn load(&self) -> anyhow::Result<Network> {
        let files = self.files();
        stakenet::load_files(&files.nodes, &files.edges, &self.options()).map_err(explain_input)
    }
}

/// The flag that accepts what an input problem refuses, where there is one.
/// The library names no flag (its callers include Python, which has none),
/// so the command adds it to the library's message.
fn flag_hint(kind: &InputErrorKind) -> Option<&'static str> {
    match kind {
        InputErrorKind::DuplicateTie { .. } => Some("--merge-duplicates combines such rows"),
        _ => None,
    }
}

/// Input problems as the command prints them: the library's lines, each
/// followed by its flag hint (see [`flag_hint`]).
pub(crate) fn problems(errors: &InputErrors) -> String {
    errors.with_hints(flag_hint)
}

/// The library's error, input problems with their flag hints.
pub(crate) fn explain_input(e: stakenet::Error) -> anyhow::Error {
    match e {
        stakenet::Error::Input(errors) => anyhow::anyhow!("{}", problems(&errors)),
        other => other.into(),
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Table,
    Json,
    Csv,
}

/// Where and how a report goes.
#[derive(Debug, clap::Args)]
pub(crate) struct OutputArgs {
    /// Output format [default: table on a terminal, else from the -o file's
    /// extension (.json, .csv), else json].
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Write to FILE instead of standard output; the file appears whole or
    /// not at all.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
}

impl OutputArgs {
    pub(crate) fn format(&self) -> Format {
        if let Some(f) = self.format {
            return match f {
                FormatArg::Table => Format::Table,
                FormatArg::Json => Format::Json,
                FormatArg::Csv => Format::Csv,
            };
        }
        match &self.output {
            Some(path) => match path.extension().and_then(|e| e.to_str()) {
                Some(e) if e.eq_ignore_ascii_case("csv") => Format::Csv,
                Some(e) if e.eq_ignore_ascii_case("txt") => Format::Table,
                _ => Format::Json,
            },
            None if std::io::stdout().is_terminal() => Format::Table,
            None => Format::Json,
        }
    }

    /// Whether the format was asked for: by --format, or by an -o file
    /// (whose extension gives it).
    pub(crate) fn format_is_chosen(&self) -> bool {
        self.format.is_some() || self.output.is_some()
    }

    /// The format when table flags may have been `given` (`flags_shape`
    /// names them with the verb, e.g. "--width shapes"): they ask for a table, so on a pipe they give one, and next
    /// to an explicit JSON or CSV output they are a mistake, not a no-op
    /// (a usage error, exit 2).
    pub(crate) fn format_for_table_flags(&self, given: bool, flags_shape: &str) -> Format {
        use clap::CommandFactory;
        match (given, self.format()) {
            (false, format) | (true, format @ Format::Table) => format,
            (true, _) if self.format_is_chosen() => super::Cli::command()
                .error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!(
                        "{flags_shape} the table; JSON and CSV always hold every value whole \
                         (use --format table, or -o FILE.txt)"
                    ),
                )
                .exit(),
            (true, _) => Format::Table,
        }
    }

    /// The -o file, if any.
    pub(crate) fn path(&self) -> Option<&Path> {
        self.output.as_deref()
    }

    /// Write the bytes to standard output, or atomically to the -o file,
    /// refusing to replace one of the inputs.
    pub(crate) fn write(&self, bytes: &[u8], inputs: &NetworkFiles) -> anyhow::Result<()> {
        let inputs = [inputs.nodes.as_path(), inputs.edges.as_path()];
        write_output(self.output.as_deref(), bytes, &inputs, "the report")
    }
}

/// How wide a report's table may be (`exit`, `power`, `plan`; `analyze`
/// has its own table flags).
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Table")]
pub(crate) struct WidthArgs {
    /// Fit the table in N characters a line: findings wrapped at spaces,
    /// long labels shortened [default: the terminal's width ($COLUMNS,
    /// else asked of the terminal); no limit when the output is not a
    /// terminal].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
}

impl WidthArgs {
    /// The report in the format asked for, its table fitted to the width.
    pub(crate) fn render<R: stakenet::render::Tabular>(
        &self,
        report: &R,
        out: &OutputArgs,
    ) -> Vec<u8> {
        match out.format_for_table_flags(self.width.is_some(), "--width shapes") {
            Format::Table => match table_width(self.width, out) {
                Some(width) => report.table_within(width).into_bytes(),
                None => report.table().into_bytes(),
            },
            format => stakenet::render(report, format),
        }
    }
}

/// The width a table is fitted to: `given`, else the terminal's when the
/// report goes to one, else none.
pub(crate) fn table_width(given: Option<u16>, out: &OutputArgs) -> Option<usize> {
    given.map(usize::from).or_else(|| {
        (out.path().is_none() && std::io::stdout().is_terminal())
            .then(terminal_width)
            .flatten()
    })
}

/// The terminal's width: `$COLUMNS` when set to a number (as clap and `ls`
/// read it), else the size the terminal reports.
fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| {
            console::Term::stdout()
                .size_checked()
                .map(|(_, cols)| usize::from(cols))
        })
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DistanceArg {
    /// Tie length 1 / trust.
    Inverse,
    /// Every tie counts 1.
    Hops,
}

/// How the shortest-path metrics are computed.
#[derive(Debug, clap::Args)]
pub(crate) struct CentralityArgs {
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
}

impl CentralityArgs {
    pub(crate) fn options(&self) -> CentralityOptions {
        CentralityOptions {
            distance: match self.distance {
                DistanceArg::Inverse => Distance::Inverse,
                DistanceArg::Hops => Distance::Hops,
            },
            betweenness_sample: self.betweenness_sample.map(|k| Sample {
                sources: usize::try_from(k).unwrap_or(usize::MAX),
                seed: self.seed,
            }),
        }
    }
}

/// How many worker threads the parallel metrics use: on the commands that
/// run them only.
#[derive(Debug, clap::Args)]
pub(crate) struct ThreadsArgs {
    /// Worker threads for the parallel metrics (default: one per core).
    /// Results are the same bits whatever the count. At most 1024: more
    /// threads than that only cost memory and start-up.
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=super::MAX_THREADS as i64))]
    threads: Option<u32>,
}

impl ThreadsArgs {
    /// The count asked for, if any.
    pub(crate) fn count(&self) -> Option<u32> {
        self.threads
    }
}

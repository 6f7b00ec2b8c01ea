//! `stakenet analyze`: network-level figures and per-actor metrics.

use std::process::ExitCode;

use stakenet::render::columns::{SortBy, TableOptions};
use stakenet::render::reports::ANALYZE_COLUMNS;
use stakenet::Format;

use super::args::{table_width, CentralityArgs, NetworkArgs, OutputArgs};

/// Network-level figures and per-actor ties, trust, power and centrality.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    #[command(flatten)]
    centrality: CentralityArgs,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    pub(super) threads: super::args::ThreadsArgs,
    // Last: its help heading holds for the flags after it.
    #[command(flatten)]
    table: TableArgs,
}

/// How the actor table looks; JSON and CSV always hold every field in id
/// order.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Table")]
struct TableArgs {
    /// The actor table's columns, comma-separated, by their JSON/CSV names
    /// (`all` for every one) [default: id, label, kind, group, degree,
    /// strength, betweenness, closeness, constraint, brokerage_total].
    #[arg(long, value_name = "LIST", value_parser = columns)]
    columns: Option<ColumnList>,
    /// Sort the actors by a column: figures largest first, words A to Z;
    /// COLUMN:asc or COLUMN:desc to choose. Equal rows keep id order.
    #[arg(long, value_name = "COLUMN", value_parser = sort)]
    sort: Option<SortBy>,
    /// Fit the default table in N characters a line (the label is
    /// shortened, then the least needed columns left out) [default: the
    /// terminal's width ($COLUMNS, else asked of the terminal); no limit
    /// when the output is not a terminal].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
}

/// The names of `--columns` (one value, so that clap does not take the
/// list for several).
#[derive(Debug, Clone)]
struct ColumnList(Vec<String>);

fn columns(text: &str) -> Result<ColumnList, String> {
    ANALYZE_COLUMNS
        .parse_list(text)
        .map(ColumnList)
        .map_err(|e| e.to_string())
}

fn sort(text: &str) -> Result<SortBy, String> {
    ANALYZE_COLUMNS.parse_sort(text).map_err(|e| e.to_string())
}

impl TableArgs {
    fn given(&self) -> bool {
        self.columns.is_some() || self.sort.is_some() || self.width.is_some()
    }

    fn options(&self, out: &OutputArgs) -> TableOptions {
        TableOptions {
            columns: self.columns.as_ref().map(|c| c.0.clone()),
            sort: self.sort.clone(),
            width: table_width(self.width, out),
        }
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = args
        .out
        .format_for_table_flags(args.table.given(), "--columns, --sort and --width shape");
    let net = args.net.load()?;
    let options = stakenet::AnalyzeOptions {
        centrality: args.centrality.options(),
    };
    let report = super::progress::with_progress("analyze", "sources", |progress| {
        stakenet::analyze_reporting(&net, &options, progress)
    })?;
    let bytes = match format {
        Format::Table => report
            .table_with(&args.table.options(&args.out))
            .into_bytes(),
        _ => stakenet::render(&report, format),
    };
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

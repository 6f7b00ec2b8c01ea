//! `stakenet export graphml|gexf|kumu|xlsx NET -o FILE`: the network with its
//! analysis figures for Gephi, Cytoscape, networkx, igraph or Kumu, or as a
//! workbook.

use std::path::PathBuf;
use std::process::ExitCode;

use super::args::{CentralityArgs, NetworkArgs};
use super::output::write_output;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// GraphML (Gephi, Cytoscape, yEd, networkx, igraph).
    Graphml,
    /// GEXF 1.2 (Gephi).
    Gexf,
    /// A Kumu JSON blueprint.
    Kumu,
    /// An .xlsx workbook with nodes and edges sheets (input only, no
    /// figures), which stakenet reads back.
    Xlsx,
}

/// Write the network with every input attribute and the analysis figures
/// (analyze, and the default exit) on each actor.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// What to write.
    #[arg(value_enum)]
    format: ExportFormat,
    #[command(flatten)]
    net: NetworkArgs,
    #[command(flatten)]
    centrality: CentralityArgs,
    /// Write to FILE instead of standard output; the file appears whole or
    /// not at all.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    pub(super) threads: super::args::ThreadsArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let bytes = match args.format {
        ExportFormat::Xlsx => stakenet::render::workbook::network_workbook(&net)?,
        format => {
            let options = stakenet::AnalyzeOptions {
                centrality: args.centrality.options(),
            };
            let figures = stakenet::export_figures(&net, &options)?;
            match format {
                ExportFormat::Graphml => stakenet::render::graphml::graphml(&net, &figures),
                ExportFormat::Gexf => stakenet::render::gexf::gexf(&net, &figures),
                _ => stakenet::render::kumu::blueprint(&net, &figures),
            }
        }
    };
    let files = args.net.files();
    write_output(
        args.output.as_deref(),
        &bytes,
        &[&files.nodes, &files.edges],
        "the export",
    )?;
    Ok(ExitCode::SUCCESS)
}

//! `stakenet import kumu|graphml FILE -o NET`: a network folder from a Kumu
//! map or a GraphML file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use stakenet::io::import::{import, FieldMap};

use super::output::write_output;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ImportFormat {
    /// A Kumu blueprint (.json), a workbook with Elements and Connections
    /// sheets, or a folder with Elements.csv and Connections.csv.
    Kumu,
    /// GraphML (networkx, igraph, Gephi, yEd, stakenet export).
    Graphml,
}

/// Write a network folder (nodes.csv, edges.csv) from another tool's file,
/// and say what was mapped to what.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// What the file is.
    #[arg(value_enum)]
    format: ImportFormat,
    /// The file (or, for Kumu's CSV layout, the folder) to read.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The network folder to write.
    #[arg(short = 'o', long, value_name = "NET")]
    output: PathBuf,
    /// Which field holds a stakenet column: TARGET=FIELD, TARGET one of
    /// label, kind, placement, group, role, level, power, trust,
    /// communication, tie_power (FIELD empty: none). Repeatable. By default
    /// each is read from the field of its own name in any case (kind also
    /// from type, tie_power from power).
    #[arg(long = "field", value_name = "TARGET=FIELD", value_parser = FieldMap::parse_option)]
    fields: Vec<(String, Option<String>)>,
    /// Write into NET even if it exists (replacing its nodes.csv and
    /// edges.csv).
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.output.exists() && !args.force {
        bail!(
            "{} exists; pass --force to write into it",
            args.output.display()
        );
    }
    let graph = match args.format {
        ImportFormat::Kumu => stakenet::io::kumu::read(&args.file)?,
        ImportFormat::Graphml => {
            let bytes = std::fs::read(&args.file)
                .with_context(|| format!("cannot read {}", args.file.display()))?;
            stakenet::io::graphml::read_graphml(&args.file, &bytes)?
        }
    };
    let map = FieldMap {
        given: args.fields.clone(),
    };
    let imported = import(&graph, &map, &args.output)?;
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    write_output(
        Some(&args.output.join("nodes.csv")),
        &imported.nodes_csv,
        &[],
        "nodes.csv",
    )?;
    write_output(
        Some(&args.output.join("edges.csv")),
        &imported.edges_csv,
        &[],
        "edges.csv",
    )?;
    for line in &imported.summary {
        eprintln!("{}", super::terminal_safe(line));
    }
    eprintln!("wrote {}", super::shown(&args.output));
    Ok(ExitCode::SUCCESS)
}

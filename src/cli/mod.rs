//! Command-line front end: parse flags, call the library, print. Each
//! subcommand has its own module with one `Args` struct and one `run`.

mod analyze;
mod args;
mod batch;
mod chromium;
mod compare;
mod completions;
mod dot;
mod exit;
mod export;
mod import;
mod merge;
mod output;
mod plan;
mod power;
mod report;
mod survey;
mod template;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Map the relationships around an implementation effort and see what is
/// left when outside support leaves.
#[derive(Debug, Parser)]
#[command(name = "stakenet", version, about, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a network's files and list every problem, one per line.
    Validate(validate::Args),
    /// Network-level figures and per-actor ties, trust and power.
    Analyze(analyze::Args),
    /// Analyse every network under some folders: one row per network.
    Batch(batch::Args),
    /// Join the outputs of sharded batch runs into one.
    Merge(merge::Args),
    /// Draw the network as a Graphviz diagram (DOT, SVG, PNG or PDF).
    Dot(dot::Args),
    /// What the stakeholders keep when implementation support leaves.
    Exit(exit::Args),
    /// Introductions to broker before leaving, and the best internal successor.
    Plan(plan::Args),
    /// Do the least powerful stakeholders have a trusted line to those who decide?
    Power(power::Args),
    /// Write a ready-to-fill workbook (nodes and edges sheets, drop-downs,
    /// checks, a README sheet).
    Template(template::Args),
    /// Write the network with its analysis figures as GraphML, GEXF, a Kumu
    /// blueprint or a workbook.
    Export(export::Args),
    /// Write a network folder from a Kumu map or a GraphML file.
    Import(import::Args),
    /// Two maps of the same site compared: what changed between the waves.
    Compare(compare::Args),
    /// One self-contained HTML page (or PDF) to open, print and share.
    Report(report::Args),
    /// Turn roster-survey answers into a network folder, with a data report.
    Survey(survey::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the man page.
    Man(completions::ManArgs),
}

/// The most worker threads `--threads` and `batch --jobs` accept.
pub(crate) const MAX_THREADS: u32 = 1024;

impl Command {
    /// `--threads`, on the commands that run parallel metrics (the others
    /// do not take it, so their help does not offer it).
    fn threads(&self) -> Option<u32> {
        match self {
            Command::Analyze(a) => a.threads.count(),
            Command::Batch(a) => a.threads.count(),
            Command::Dot(a) => a.threads.count(),
            Command::Exit(a) => a.threads.count(),
            Command::Plan(a) => a.threads.count(),
            Command::Power(a) => a.threads.count(),
            Command::Export(a) => a.threads.count(),
            Command::Compare(a) => a.threads.count(),
            Command::Report(a) => a.threads.count(),
            Command::Validate(_)
            | Command::Merge(_)
            | Command::Template(_)
            | Command::Import(_)
            | Command::Survey(_)
            | Command::Completions(_)
            | Command::Man(_) => None,
        }
    }
}

/// Parse the command line, run, and turn the outcome into an exit code:
/// 0 ok, 1 bad input or runtime error, 2 usage (from clap); a closed output
/// pipe is not an error.
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.command.threads() {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global()
        {
            eprintln!("stakenet: cannot start {n} threads: {e}");
            return ExitCode::from(1);
        }
    }
    let outcome = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::run_man(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Dot(args) => dot::run(args),
        Command::Exit(args) => exit::run(args),
        Command::Plan(args) => plan::run(args),
        Command::Power(args) => power::run(args),
        Command::Template(args) => template::run(args),
        Command::Export(args) => export::run(args),
        Command::Import(args) => import::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Report(args) => report::run(args),
        Command::Survey(args) => survey::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stakenet: {}", message(&e));
            ExitCode::from(1)
        }
    }
}

/// Text for the terminal: each line with its control characters and
/// bidirectional overrides escaped (`\u{1b}`), so that a folder or file
/// named with a terminal escape shows its name instead of recolouring the
/// terminal. What the library escaped already has none left.
pub(crate) fn terminal_safe(text: &str) -> String {
    text.split('\n')
        .map(stakenet::text::escape_controls)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A path for a message, terminal-safe.
pub(crate) fn shown(path: &std::path::Path) -> String {
    stakenet::text::escape_controls(&path.display().to_string())
}

/// The error and its causes, `: `-separated as anyhow's `{:#}` writes them,
/// but without a cause whose text the message before already ends with
/// (`Error::Read` shows its I/O error and also gives it as its source);
/// terminal-safe, since causes name paths as given.
fn message(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let c = cause.to_string();
        if text.is_empty() {
            text = c;
        } else if !text.ends_with(&c) {
            text.push_str(": ");
            text.push_str(&c);
        }
    }
    terminal_safe(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn error_messages_name_each_cause_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = anyhow::Error::from(stakenet::Error::Read {
            path: "x/nodes.csv".into(),
            source: io,
        })
        .context("loading x");
        assert_eq!(message(&e), "loading x: cannot read x/nodes.csv: gone");
    }

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}

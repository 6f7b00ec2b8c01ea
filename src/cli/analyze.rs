//! `stakenet analyze`: network-level figures and per-actor metrics.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::args::{CentralityArgs, NetworkArgs, OutputArgs};

/// Network-level figures and per-actor ties, trust, power and centrality.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    #[command(flatten)]
    centrality: CentralityArgs,
    #[command(flatten)]
    out: OutputArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let options = stakenet::AnalyzeOptions {
        centrality: args.centrality.options(),
    };
    let progress = stakenet::Progress::new();
    let report = std::thread::scope(|scope| {
        let (finished, wait) = mpsc::channel::<()>();
        if std::io::stderr().is_terminal() {
            scope.spawn(|| show(&progress, wait));
        }
        let report = stakenet::analyze_reporting(&net, &options, &progress);
        drop(finished);
        report
    })?;
    let bytes = stakenet::render(&report, args.out.format());
    args.out.write(&bytes, &args.net.files())?;
    Ok(ExitCode::SUCCESS)
}

/// Draw the shortest-path pass's progress on standard error until
/// `finished` is dropped; nothing for a run done within a second.
fn show(progress: &stakenet::Progress, finished: mpsc::Receiver<()>) {
    let tick = Duration::from_millis(200);
    if finished.recv_timeout(Duration::from_secs(1)) != Err(mpsc::RecvTimeoutError::Timeout) {
        return;
    }
    let bar = ProgressBar::new(progress.total() as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} sources  {per_sec}  elapsed {elapsed}  ETA {eta}",
        )
        .expect("a valid template"),
    );
    while finished.recv_timeout(tick) == Err(mpsc::RecvTimeoutError::Timeout) {
        bar.set_length(progress.total() as u64);
        bar.set_position(progress.done() as u64);
    }
    bar.finish_and_clear();
}

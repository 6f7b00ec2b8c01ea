//! One progress bar for the long library calls (`analyze`, `exit`, `plan`):
//! the library counts its work in a [`Progress`]; this draws it.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use stakenet::Progress;

/// Run `work` on another thread and, when standard error is a terminal,
/// draw its progress there until it returns: nothing for a run done within
/// half a second, a spinner until the work knows its size, then a bar of
/// `units` done out of the total. Redirected output and logs stay clean.
pub(crate) fn with_progress<T: Send>(
    command: &str,
    units: &str,
    work: impl FnOnce(&Progress) -> T + Send,
) -> T {
    let progress = Progress::new();
    if !std::io::stderr().is_terminal() {
        return work(&progress);
    }
    std::thread::scope(|scope| {
        let job = scope.spawn(|| work(&progress));
        let start = Instant::now();
        let mut bar: Option<ProgressBar> = None;
        while !job.is_finished() {
            std::thread::sleep(Duration::from_millis(100));
            if bar.is_none() && start.elapsed() >= Duration::from_millis(500) {
                let spinner = ProgressBar::new_spinner();
                spinner.set_style(
                    ProgressStyle::with_template(&format!("{command} {{spinner}} {{elapsed}}"))
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                spinner.enable_steady_tick(Duration::from_millis(200));
                bar = Some(spinner);
            }
            if let Some(b) = &bar {
                let total = progress.total();
                if total > 0 && b.length() != Some(total) {
                    if b.length().is_none() {
                        b.set_style(
                            ProgressStyle::with_template(&format!(
                                // wide_bar: the line fits any terminal width.
                                "{command} {{wide_bar}} {{pos}}/{{len}} {units}, {{elapsed}} (ETA {{eta}})"
                            ))
                            .unwrap_or_else(|_| ProgressStyle::default_bar()),
                        );
                    }
                    b.set_length(total);
                }
                b.set_position(progress.done());
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        match job.join() {
            Ok(out) => out,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

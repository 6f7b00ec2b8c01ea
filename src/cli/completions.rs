//! `stakenet completions SHELL` and `stakenet man`: shell completion
//! scripts (clap_complete) and a man page (clap_mangen), made from the same
//! command definitions as `--help`.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

/// Print a completion script for SHELL. Bash: `stakenet completions bash >
/// ~/.local/share/bash-completion/completions/stakenet`; zsh: into a folder
/// on `$fpath` as `_stakenet`; fish: `~/.config/fish/completions/stakenet.fish`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Print the man page (roff): `stakenet man > stakenet.1`, then
/// `man ./stakenet.1`.
#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut command = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "stakenet", &mut out);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_man(_: ManArgs) -> anyhow::Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(super::Cli::command()).render(&mut out)?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

//! `stakenet survey`: roster-survey answers → a network folder and its data
//! report.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use stakenet::survey::{self, CommunicationRule, SurveyFiles, SurveyOptions};

use super::output::same_file;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum CommunicationArg {
    /// The mean of the two answers.
    Mean,
    /// The lower answer.
    Min,
    /// The higher answer.
    Max,
    /// Two directed rows, each with its respondent's own answer.
    Respondent,
}

/// Turn roster-survey answers into a network folder (nodes.csv, edges.csv)
/// with a data report (survey-report.txt, also printed). A respondent's
/// rating of an alter is a tie respondent → alter with the respondent's own
/// trust; "never" or no contact is no tie.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The answers: one row per (respondent, alter) with a column per item,
    /// or the long format respondent,alter,item,answer.
    #[arg(value_name = "RESPONSES")]
    responses: PathBuf,
    /// The people surveyed, in the nodes.csv format (kind, placement,
    /// group, power…); non-respondents are actors too.
    #[arg(long, value_name = "NODES")]
    roster: PathBuf,
    /// The codebook (TOML) saying which items make trust and frequency and
    /// how [default: every trust/trust_* column 1–4, mapped to (k − 1)/3 and
    /// averaged; frequency from "never" to "every day"].
    #[arg(long, value_name = "FILE")]
    codebook: Option<PathBuf>,
    /// The network folder to write; it must not exist (see --force).
    #[arg(short = 'o', long, value_name = "NET")]
    output: PathBuf,
    /// Communication of a pair both sides reported.
    #[arg(long, value_enum, default_value = "mean")]
    communication: CommunicationArg,
    /// A tie reported by one side only becomes mutual (same trust both
    /// ways) instead of one directed row.
    #[arg(long)]
    assume_mutual: bool,
    /// An empty trust item (or frequency) in a rating with contact is an
    /// error, instead of trust from the answered items.
    #[arg(long)]
    strict_items: bool,
    /// Replace NET if it exists and holds only an earlier survey's files.
    #[arg(long)]
    force: bool,
}

/// The files a survey writes into NET.
const OUTPUT_FILES: [&str; 3] = ["nodes.csv", "edges.csv", "survey-report.txt"];

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = SurveyFiles {
        responses: args.responses.clone(),
        roster: args.roster.clone(),
        codebook: args.codebook.clone(),
    };
    let options = SurveyOptions {
        communication: match args.communication {
            CommunicationArg::Mean => CommunicationRule::Mean,
            CommunicationArg::Min => CommunicationRule::Min,
            CommunicationArg::Max => CommunicationRule::Max,
            CommunicationArg::Respondent => CommunicationRule::Respondent,
        },
        assume_mutual: args.assume_mutual,
        strict_items: args.strict_items,
    };
    let inputs: Vec<&Path> = [&files.responses, &files.roster]
        .into_iter()
        .chain(files.codebook.as_ref())
        .map(PathBuf::as_path)
        .collect();
    check_target(&args.output, args.force, &inputs)?;
    let converted = survey::load(&files, &options)?;
    let report = converted.report.to_text();
    write_folder(
        &args.output,
        &[
            (OUTPUT_FILES[0], &converted.nodes_csv),
            (OUTPUT_FILES[1], &converted.edges_csv),
            (OUTPUT_FILES[2], report.as_bytes()),
        ],
    )?;
    let mut out = std::io::stdout().lock();
    out.write_all(report.as_bytes())?;
    writeln!(out, "\nWrote {}", super::shown(&args.output))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Refuse a target that exists, unless `force` and it is a folder holding
/// only a survey's files, none of them an input.
fn check_target(target: &Path, force: bool, inputs: &[&Path]) -> anyhow::Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(target) else {
        return Ok(());
    };
    if !force {
        bail!(
            "{} already exists; --force replaces a folder an earlier survey wrote",
            target.display()
        );
    }
    if !meta.is_dir() {
        bail!(
            "refusing to replace {}: it is not a folder",
            target.display()
        );
    }
    for entry in
        std::fs::read_dir(target).with_context(|| format!("cannot read {}", target.display()))?
    {
        let entry = entry.with_context(|| format!("cannot read {}", target.display()))?;
        let name = entry.file_name();
        if !OUTPUT_FILES.iter().any(|f| name == *f) {
            bail!(
                "refusing to replace {}: it holds {:?}, which a survey does not write",
                target.display(),
                name
            );
        }
        for input in inputs {
            if same_file(&entry.path(), input) {
                bail!(
                    "refusing to replace {}: it holds the input file {}",
                    target.display(),
                    input.display()
                );
            }
        }
    }
    Ok(())
}

/// Write the files into a new folder beside `target`, then rename it to
/// `target` (moving an earlier one aside first and removing it after): a
/// failure at any point leaves no partial folder and any earlier one intact.
fn write_folder(target: &Path, files: &[(&str, &[u8])]) -> anyhow::Result<()> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fresh = tempfile::Builder::new()
        .prefix(".stakenet-survey-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    for (name, bytes) in files {
        let path = fresh.path().join(name);
        let mut f = std::fs::File::create(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        f.write_all(bytes)
            .and_then(|_| f.sync_all())
            .with_context(|| format!("cannot write {}", target.join(name).display()))?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(fresh.path(), std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    if std::fs::symlink_metadata(target).is_ok() {
        // rename(2) replaces an empty folder: move the old one onto an empty
        // placeholder, the new one into place, then drop the old.
        let old = tempfile::Builder::new()
            .prefix(".stakenet-old-")
            .tempdir_in(parent)
            .with_context(|| format!("cannot write in {}", parent.display()))?;
        std::fs::rename(target, old.path())
            .with_context(|| format!("cannot replace {}", target.display()))?;
        if let Err(e) = std::fs::rename(fresh.path(), target) {
            let _ = std::fs::rename(old.path(), target);
            return Err(e).with_context(|| format!("cannot write {}", target.display()));
        }
        // `old` removes the earlier folder when dropped.
        drop(old);
    } else {
        std::fs::rename(fresh.path(), target)
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    // The temporary folder is now `target`: nothing left to remove.
    let _ = fresh.keep();
    Ok(())
}

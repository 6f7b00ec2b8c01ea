//! `stakenet report`: one self-contained HTML page (or its PDF) with the
//! site at a glance, the maps, the findings, the exit, the plan, every actor
//! and how to read it all.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use stakenet::io::NetworkFiles;
use stakenet::render::html::{Picture, Pictures};
use stakenet::report::page::{InputFile, Provenance, DEFAULT_PLAN_STEPS};
use stakenet::ReportRequest;

use super::args::{CentralityArgs, NetworkArgs};
use super::dot::{GraphvizMissing, RenderFormat, INSTALL_GRAPHVIZ};
use super::exit::ExitArgs;
use super::output::{same_file, write_output};
use super::power::{explain, VoiceArgs};

/// Write one HTML page to open, print and share: the site at a glance, the
/// map, findings in plain words, what happens when support leaves, the exit
/// plan, every actor in a sortable table, and how to read it. It works
/// offline and by e-mail (nothing is loaded from anywhere).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    /// Write to FILE [default: NET-report.html beside the network folder]; a
    /// name ending in .pdf is printed to PDF with headless Chromium.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    exit: ExitArgs,
    /// Introductions in the exit plan.
    #[arg(long, value_name = "K", default_value_t = DEFAULT_PLAN_STEPS)]
    plan: usize,
    #[command(flatten)]
    centrality: CentralityArgs,
    #[command(flatten)]
    voices: VoiceArgs,
    #[command(flatten)]
    pub(super) threads: super::args::ThreadsArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = args.net.files();
    let net = args.net.load()?;
    let mut inputs = Vec::new();
    for path in [&files.nodes, &files.edges] {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        inputs.push(InputFile::new(path.display().to_string(), &bytes));
    }
    let request = ReportRequest {
        name: network_name(&files),
        provenance: Provenance::new(inputs, command_line()),
        exit: args.exit.request()?,
        plan: args.plan,
        centrality: args.centrality.options(),
        voice: args.voices.request(&args.exit)?,
    };
    let page = stakenet::report_page(&net, &request).map_err(explain)?;
    let pictures = Pictures {
        site: picture(&page.maps.site)?,
        after: picture(&page.maps.after)?,
    };
    if let (Picture::Missing(why), _) | (_, Picture::Missing(why)) =
        (&pictures.site, &pictures.after)
    {
        eprintln!("stakenet: {why}");
    }
    let html = stakenet::render::html::page(&page, &pictures);
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&files));
    for input in [&files.nodes, &files.edges] {
        if same_file(&output, input) {
            bail!(
                "refusing to write the report over the input file {}",
                input.display()
            );
        }
    }
    let is_pdf = output
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if is_pdf {
        super::chromium::print_to_pdf(&html)?
    } else {
        html.into_bytes()
    };
    write_output(Some(&output), &bytes, &[], "the report")?;
    if args.output.is_none() {
        eprintln!("stakenet: wrote {}", super::shown(&output));
    }
    Ok(ExitCode::SUCCESS)
}

/// The map as SVG, or what to do when Graphviz is missing; any other
/// Graphviz failure is an error.
fn picture(dot_text: &str) -> anyhow::Result<Picture> {
    match super::dot::render(dot_text, RenderFormat::Svg) {
        Ok(bytes) => Ok(Picture::Svg(
            String::from_utf8(bytes).context("Graphviz printed SVG that is not UTF-8")?,
        )),
        Err(e) => match e.downcast_ref::<GraphvizMissing>() {
            Some(missing) => Ok(Picture::Missing(format!(
                "The maps need Graphviz's `dot` program, which was not found ({}). To see \
                 them, {INSTALL_GRAPHVIZ} and run the command again.",
                missing.program
            ))),
            None => Err(e),
        },
    }
}

/// The network's name: its folder's (`--nodes`: the folder holding the
/// nodes file, else the file's stem).
fn network_name(files: &NetworkFiles) -> String {
    let named = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty() && n != "." && n != "..")
    };
    let dir = files.nodes.parent().filter(|d| !d.as_os_str().is_empty());
    dir.and_then(|d| named(d).or_else(|| d.canonicalize().ok().as_deref().and_then(named)))
        .or_else(|| {
            std::env::current_dir()
                .ok()
                .filter(|_| dir.is_none())
                .as_deref()
                .and_then(named)
        })
        .or_else(|| {
            files
                .nodes
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "network".to_string())
}

/// `NET-report.html` beside the network's folder.
fn default_output(files: &NetworkFiles) -> PathBuf {
    let dir = files
        .nodes
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // "data/site" → "data"; "." or ".." (no name of their own) → the parent
    // of where they lead.
    let beside = match (dir.file_name(), dir.parent()) {
        (Some(_), Some(p)) if !p.as_os_str().is_empty() => p.to_path_buf(),
        (Some(_), _) => PathBuf::from("."),
        (None, _) => dir
            .canonicalize()
            .ok()
            .and_then(|d| d.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| dir.join("..")),
    };
    beside.join(format!("{}-report.html", network_name(files)))
}

/// The command as typed, for the page's "to reproduce" list: `stakenet`
/// and its arguments, each quoted for a POSIX shell when it needs it.
/// `--threads` is left out: it changes no figure, and the page's bytes must
/// not depend on it.
fn command_line() -> String {
    let mut words = vec!["stakenet".to_string()];
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        if text == "--threads" {
            args.next();
            continue;
        }
        if text.starts_with("--threads=") {
            continue;
        }
        words.push(shell_quoted(&text));
    }
    words.join(" ")
}

fn shell_quoted(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_only_when_a_shell_needs_it() {
        assert_eq!(shell_quoted("data/site-a"), "data/site-a");
        assert_eq!(shell_quoted("--handover=a=b:0.5"), "--handover=a=b:0.5");
        assert_eq!(shell_quoted("my site"), "'my site'");
        assert_eq!(shell_quoted("it's"), "'it'\\''s'");
        assert_eq!(shell_quoted(""), "''");
    }

    #[test]
    fn the_default_output_sits_beside_the_folder() {
        let files = NetworkFiles::in_dir("data/county-parenting-site");
        assert_eq!(network_name(&files), "county-parenting-site");
        let out = default_output(&files);
        assert_eq!(
            out.file_name().unwrap(),
            "county-parenting-site-report.html"
        );
        assert_eq!(out, Path::new("data/county-parenting-site-report.html"));
        let here = NetworkFiles::in_dir(".");
        let parent = std::env::current_dir().unwrap();
        assert_eq!(
            default_output(&here),
            parent.parent().unwrap().join(format!(
                "{}-report.html",
                parent.file_name().unwrap().to_string_lossy()
            ))
        );
    }
}

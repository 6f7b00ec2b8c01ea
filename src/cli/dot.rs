//! `stakenet dot`: the network as a Graphviz diagram, as DOT text or
//! rendered by Graphviz's `dot` program.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{bail, Context};
use stakenet::compare::CompareOptions;
use stakenet::io::NetworkFiles;
use stakenet::{ClusterBy, DotOptions, DotRequest, SizeBy};

use super::args::{CentralityArgs, NetworkArgs};
use super::exit::ExitArgs;
use super::output::write_output;
use super::power::VoiceArgs;

/// Draw the network as a Graphviz diagram (DOT text, or SVG/PNG/PDF through
/// Graphviz's `dot`).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    net: NetworkArgs,
    /// Write to FILE instead of standard output; a name ending in .svg, .png
    /// or .pdf is rendered with Graphviz.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Render with Graphviz's `dot` instead of writing DOT text.
    #[arg(long, value_enum, value_name = "FORMAT")]
    render: Option<RenderFormat>,
    /// What sets node size.
    #[arg(long, value_enum, default_value = "power", value_name = "METRIC")]
    size_by: SizeByArg,
    /// Which actors share a box.
    #[arg(long, value_enum, default_value = "group")]
    cluster_by: ClusterByArg,
    /// A title line above the diagram.
    #[arg(long)]
    title: Option<String>,
    /// Leave the legend out.
    #[arg(long)]
    no_legend: bool,
    /// Draw the before/after exit view: exiting actors greyed, stranded
    /// stakeholders and groups that lose a bridge in red, handed-over ties
    /// green, and the sustainability in the title. Implied by --exit,
    /// --handover and --plan; alone, every external practitioner exits.
    #[arg(long)]
    exit_view: bool,
    #[command(flatten)]
    exit: ExitArgs,
    #[command(flatten)]
    centrality: CentralityArgs,
    /// Also draw the first K introductions of the exit plan (`stakenet plan
    /// --budget K`) as proposed ties, dotted.
    #[arg(long, value_name = "K")]
    plan: Option<usize>,
    /// What to draw over the network: `exit` (the same as --exit-view) or
    /// `power`: voices and decision-makers marked by shape, actors sized by
    /// the share of the voices' routes to decision-makers they carry, voices
    /// with no trusted line outlined in red; with --exit/--handover, as
    /// after the exit. The voice flags choose who counts.
    #[arg(long, value_enum, value_name = "VIEW", conflicts_with_all = ["plan", "exit_view", "compare"])]
    view: Option<ViewArg>,
    #[command(flatten)]
    voices: VoiceArgs,
    /// Draw what changed since an earlier map of the same site (a folder
    /// holding nodes.csv and edges.csv): new ties bold, dissolved ties faint
    /// and dashed, trust up or down labelled, joined and departed actors
    /// marked (see `stakenet compare`).
    #[arg(long, value_name = "BEFORE", conflicts_with_all = ["exit_view", "exit", "handover", "plan"])]
    compare: Option<PathBuf>,
    #[command(flatten)]
    pub(super) threads: super::args::ThreadsArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum RenderFormat {
    Svg,
    Png,
    Pdf,
}

impl RenderFormat {
    fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    fn flag(self) -> &'static str {
        match self {
            Self::Svg => "-Tsvg",
            // cairo gives anti-aliased text; the plain png renderer does not.
            Self::Png => "-Tpng:cairo",
            Self::Pdf => "-Tpdf",
        }
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SizeByArg {
    Power,
    Degree,
    Strength,
    Constraint,
    #[value(name = "effective_size", alias = "effective-size")]
    EffectiveSize,
    #[value(name = "brokerage_total", alias = "brokerage-total")]
    BrokerageTotal,
    Betweenness,
    Pagerank,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ClusterByArg {
    Group,
    Level,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ViewArg {
    Exit,
    Power,
}

/// The library's request from the flags: drawing options, and the exit,
/// plan and power overlays asked for.
fn request(args: &Args) -> anyhow::Result<DotRequest> {
    let options = DotOptions {
        size_by: match args.size_by {
            SizeByArg::Power => SizeBy::Power,
            SizeByArg::Degree => SizeBy::Degree,
            SizeByArg::Strength => SizeBy::Strength,
            SizeByArg::Constraint => SizeBy::Constraint,
            SizeByArg::EffectiveSize => SizeBy::EffectiveSize,
            SizeByArg::BrokerageTotal => SizeBy::Brokerage,
            SizeByArg::Betweenness => SizeBy::Betweenness,
            SizeByArg::Pagerank => SizeBy::Pagerank,
        },
        cluster_by: match args.cluster_by {
            ClusterByArg::Group => ClusterBy::Group,
            ClusterByArg::Level => ClusterBy::Level,
            ClusterByArg::None => ClusterBy::None,
        },
        title: args.title.clone(),
        no_legend: args.no_legend,
    };
    Ok(DotRequest {
        options,
        centrality: args.centrality.options(),
        exit: (args.exit_view
            || args.view == Some(ViewArg::Exit)
            || args.exit.given()
            || args.plan.is_some())
        .then(|| args.exit.request())
        .transpose()?,
        plan: args.plan,
        power: (args.view == Some(ViewArg::Power))
            .then(|| args.voices.request(&args.exit))
            .transpose()?,
    })
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let net = args.net.load()?;
    let request = request(&args)?;
    let before = match &args.compare {
        Some(dir) => Some(super::compare::load("BEFORE", dir, &args.net.options())?),
        None => None,
    };
    let text = match &before {
        Some(old) => {
            let options = CompareOptions {
                centrality: args.centrality.options(),
                ..CompareOptions::default()
            };
            let c = stakenet::compare(old, &net, &options).context("comparing the maps")?;
            for w in &c.warnings {
                eprintln!("stakenet: warning: {w}");
            }
            stakenet::compare_dot(old, &net, &c, &request)
                .context("drawing the changes")?
                .text
        }
        None => {
            stakenet::dot(&net, &request)
                .map_err(super::power::explain)?
                .text
        }
    };
    let format = args
        .render
        .or_else(|| args.output.as_deref().and_then(RenderFormat::from_path));
    if let (None, Some(f @ (RenderFormat::Png | RenderFormat::Pdf))) = (&args.output, format) {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            bail!(
                "refusing to print {} bytes on the terminal; name a file with -o (say -o map.{}) \
                 or redirect the output",
                if f == RenderFormat::Png { "PNG" } else { "PDF" },
                if f == RenderFormat::Png { "png" } else { "pdf" }
            );
        }
    }
    let bytes = match format {
        Some(f) => render(&text, f)?,
        None => text.into_bytes(),
    };
    let files = args.net.files();
    let earlier = args.compare.as_ref().map(NetworkFiles::in_dir);
    let inputs: Vec<&Path> = [Some(&files), earlier.as_ref()]
        .into_iter()
        .flatten()
        .flat_map(|f| [f.nodes.as_path(), f.edges.as_path()])
        .collect();
    write_output(args.output.as_deref(), &bytes, &inputs, "the diagram")?;
    Ok(ExitCode::SUCCESS)
}

/// The program run for rendering: `$STAKENET_DOT` when set (tests use it to
/// simulate a machine without Graphviz), else `dot` on the PATH.
fn dot_program() -> std::ffi::OsString {
    std::env::var_os("STAKENET_DOT").unwrap_or_else(|| "dot".into())
}

/// Run Graphviz's `dot` on the DOT text and return what it printed.
pub(crate) fn render(dot_text: &str, format: RenderFormat) -> anyhow::Result<Vec<u8>> {
    let program = dot_program();
    let mut child = match Command::new(&program)
        .arg(format.flag())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(GraphvizMissing {
                program: program.to_string_lossy().into_owned(),
            }
            .into())
        }
        Err(e) => {
            return Err(e).with_context(|| format!("cannot run {}", program.to_string_lossy()))
        }
    };
    // Write from another thread: dot may fill its stdout pipe before it has
    // read all of its input.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot_text.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .with_context(|| format!("running {}", program.to_string_lossy()))?;
    let written = writer.join().expect("the writer thread does not panic");
    if !output.status.success() {
        bail!(
            "{} {} failed ({}): {}",
            program.to_string_lossy(),
            format.flag(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    written.context("sending the diagram to dot")?;
    Ok(output.stdout)
}

/// Graphviz's `dot` program is not installed (`stakenet report` goes on
/// without its maps when it sees this).
#[derive(Debug)]
pub(crate) struct GraphvizMissing {
    /// The program looked for.
    pub(crate) program: String,
}

/// How to install Graphviz, in one sentence.
pub(crate) const INSTALL_GRAPHVIZ: &str = "install Graphviz (Debian/Ubuntu: `apt-get install \
     graphviz`, macOS: `brew install graphviz`, Windows: `winget install graphviz`)";

impl std::fmt::Display for GraphvizMissing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "rendering needs Graphviz's `dot` program, which was not found ({}); \
             {INSTALL_GRAPHVIZ}, or leave out --render and the .svg/.png/.pdf name to get DOT \
             text, which needs no Graphviz",
            self.program
        )
    }
}

impl std::error::Error for GraphvizMissing {}

//! The library's entry points: one request type and one call per command.
//!
//! See the crate documentation for the table of commands and calls.
//!
//! Each call takes ids, never indices, resolves an exit request once (into a
//! [`Scenario`]), and returns plain data that [`mod@crate::render`] turns into
//! a table, JSON, CSV or DOT. The command line is a thin shell over these.

use std::path::Path;

use crate::error::{Error, IdList};
use crate::io::{LoadOptions, NetworkFiles};
use crate::metrics::exit::handover_ties;
use crate::metrics::power::{PowerMeasures, PowerRequest, Selection};
use crate::metrics::scenario::{ExitRequest, Scenario};
use crate::metrics::CentralityOptions;
use crate::metrics::Progress;
use crate::model::Network;
use crate::render::dot::{exit_overlay, to_dot, DotOptions};
use crate::report::dot::NodeScores;
use crate::report::exit::ExitSummary;
use crate::report::page::{Maps, Provenance, ReportPage};
use crate::report::power::PowerReport;
use crate::report::{AnalyzeReport, ExitReport, PlanReport};

/// Load the network in a folder (`nodes.csv` and `edges.csv`) with the
/// defaults of docs/format.md.
///
/// # Errors
/// [`Error::Read`] when a file cannot be opened or read, [`Error::Input`]
/// with every problem found (file, line, column) when the files break the
/// format (docs/format.md).
pub fn load(dir: &Path) -> Result<Network, Error> {
    load_files(
        &dir.join("nodes.csv"),
        &dir.join("edges.csv"),
        &LoadOptions::default(),
    )
}

/// Load a network from its two files.
///
/// # Errors
/// As [`load`].
pub fn load_files(nodes: &Path, edges: &Path, options: &LoadOptions) -> Result<Network, Error> {
    crate::io::load(
        &NetworkFiles {
            nodes: nodes.to_path_buf(),
            edges: edges.to_path_buf(),
        },
        options,
    )
}

/// A loaded network's overview and warnings (`stakenet validate`; input
/// problems are the [`Error::Input`] of [`load`]).
pub fn validate(net: &Network) -> crate::report::validate::ValidateReport {
    crate::report::validate::validate(net)
}

/// What `analyze` computes, beyond the network.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnalyzeOptions {
    /// Tie length and any source sampling of the shortest-path metrics
    /// (betweenness, closeness, harmonic, stakeholder betweenness,
    /// practitioner dependency and share).
    pub centrality: CentralityOptions,
}

/// Network-level figures and per-actor ties, trust, power, centrality,
/// structural holes and brokerage (`stakenet analyze`).
///
/// # Errors
/// None today; the `Result` leaves room for options that can be wrong for a
/// network.
pub fn analyze(net: &Network, options: &AnalyzeOptions) -> Result<AnalyzeReport, Error> {
    Ok(crate::report::analyze::analyze_with(
        net,
        &options.centrality,
    ))
}

/// Sustainability after exit, each stakeholder's trust retained, each
/// practitioner's own exit impact and, with handovers, the sustainability
/// of the same exit without them (`stakenet exit`).
///
/// # Errors
/// As [`Scenario::resolve`]: an unknown id or an invalid handover; and
/// [`Error::ExitMemory`] as [`check_exit_memory`].
pub fn exit(net: &Network, request: &ExitRequest) -> Result<ExitReport, Error> {
    exit_with_progress(net, request, None, &Progress::new())
}

/// [`exit`] with the pair means estimated from `sample.sources` sampled
/// source stakeholders (`stakenet exit --sample K [--seed S]`), each
/// estimate with its standard error (`*_se` fields, `exit_impact_se`); see
/// [`crate::metrics::exit::exit_sampled`]. With K ≥ |S| the figures are
/// exact and the same as [`exit`]'s, with standard errors 0.
///
/// # Errors
/// As [`exit`].
pub fn exit_sampled(
    net: &Network,
    request: &ExitRequest,
    sample: crate::metrics::Sample,
) -> Result<ExitReport, Error> {
    exit_with_progress(net, request, Some(sample), &Progress::new())
}

/// [`exit`] (`sample = None`) or [`exit_sampled`], counting in `progress`
/// the source stakeholders whose rows are done, so that a caller can show
/// how far a long run has got (read it from another thread). The run is
/// refused first when [`check_exit_memory`] finds it would not fit.
///
/// # Errors
/// As [`exit`].
pub fn exit_with_progress(
    net: &Network,
    request: &ExitRequest,
    sample: Option<crate::metrics::Sample>,
    progress: &Progress,
) -> Result<ExitReport, Error> {
    let scenario = Scenario::resolve(net, request)?;
    let spec = scenario.spec();
    check_exit_memory(net, spec, sample, rayon::current_num_threads(), None)?;
    let e = crate::metrics::exit::exit_with_progress(net, spec, true, sample, progress)?;
    let without_handover = if scenario.has_handovers() {
        let plain = crate::metrics::exit::exit_sampled(
            net,
            scenario.without_handovers().spec(),
            false,
            sample,
        )?;
        Some(plain.measures.sustainability)
    } else {
        None
    };
    Ok(match sample {
        None => crate::report::exit::exit(net, spec, &e.measures, &e.impact, without_handover),
        Some(_) => crate::report::exit::exit_sampled(
            net,
            spec,
            &e.measures,
            &e.impact,
            &e.impact_se,
            without_handover,
        ),
    })
}

/// Estimates below this many bytes are not checked against the memory
/// available (which costs a read of `/proc/meminfo`, once per network of a
/// batch otherwise).
const EXIT_MEMORY_UNCHECKED: u64 = 256 << 20;

/// Refuse an exit whose estimated peak
/// ([`crate::metrics::exit::exit_memory`], with exit impacts, on `threads`
/// threads) exceeds the memory available: `available` bytes, or when
/// `None`, MemAvailable of `/proc/meminfo` (never refused where unknown).
///
/// # Errors
/// [`Error::ExitMemory`] with both figures.
pub fn check_exit_memory(
    net: &Network,
    spec: &crate::metrics::ExitSpec,
    sample: Option<crate::metrics::Sample>,
    threads: usize,
    available: Option<u64>,
) -> Result<(), Error> {
    let needed = crate::metrics::exit::exit_memory(net, spec, true, sample, threads);
    if needed < EXIT_MEMORY_UNCHECKED && available.is_none() {
        return Ok(());
    }
    match available.or_else(available_memory) {
        Some(available) if needed > available => Err(Error::ExitMemory {
            actors: net.len(),
            arcs: net.arc_count(),
            threads,
            needed,
            available,
        }),
        _ => Ok(()),
    }
}

/// The network-level figures of an exit only, without per-practitioner
/// impacts (what `batch` puts in each summary row).
///
/// # Errors
/// As [`exit`].
pub fn exit_summary(net: &Network, request: &ExitRequest) -> Result<ExitSummary, Error> {
    let scenario = Scenario::resolve(net, request)?;
    let m = crate::metrics::exit(net, scenario.spec())?;
    Ok(ExitSummary::new(net, scenario.spec(), &m))
}

/// Refuse a plan whose |S|² matrices ([`crate::metrics::plan::plan_memory`])
/// exceed `available` bytes (`None`: unknown, never refused).
///
/// # Errors
/// [`Error::PlanMemory`] with both figures.
pub fn check_plan_memory(
    net: &Network,
    spec: &crate::metrics::ExitSpec,
    available: Option<u64>,
) -> Result<(), Error> {
    let x = spec.exit_set();
    let stakeholders = (0..net.len())
        .filter(|&i| {
            net.actor(i).kind == crate::model::ActorKind::Stakeholder
                && x.binary_search(&i).is_err()
        })
        .count();
    let needed = crate::metrics::plan::plan_memory(stakeholders);
    match available {
        Some(available) if needed > available => Err(Error::PlanMemory {
            stakeholders,
            needed,
            available,
        }),
        _ => Ok(()),
    }
}

/// MemAvailable of `/proc/meminfo` in bytes (`None` where there is none).
pub fn available_memory() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// What `plan` is asked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanRequest {
    /// Who leaves, and the handovers made first.
    pub exit: ExitRequest,
    /// Largest number of introductions.
    pub budget: usize,
    /// Who may succeed each exiting practitioner, and how many to rank.
    pub successors: SuccessorRequest,
}

/// Who may succeed each exiting practitioner in `plan`, and how many
/// candidates to rank. The pool is every internal actor who stays (the
/// format's successor search); `roles` and `candidates` narrow it.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessorRequest {
    /// Candidates ranked per practitioner (default 3; 0 ranks none).
    pub top: usize,
    /// Only actors with one of these roles (trimmed, ignoring case); empty:
    /// any role.
    pub roles: Vec<String>,
    /// Only these actors, by id; empty: anyone in the pool.
    pub candidates: Vec<String>,
}

impl Default for SuccessorRequest {
    fn default() -> Self {
        SuccessorRequest {
            top: 3,
            roles: Vec::new(),
            candidates: Vec::new(),
        }
    }
}

/// The mask of actors `request` allows as successors (`None`: no limit).
///
/// # Errors
/// [`Error::UnknownActor`] for a candidate id that names no actor;
/// [`Error::Request`] for a role no actor has (a typo, most likely) or a
/// named candidate who leaves or is not internal.
fn successor_pool(
    net: &Network,
    request: &SuccessorRequest,
    exit: &[usize],
) -> Result<Option<Vec<bool>>, Error> {
    let roles: Vec<String> = request
        .roles
        .iter()
        .map(|r| r.trim().to_lowercase())
        .filter(|r| !r.is_empty())
        .collect();
    let ids: Vec<&str> = request
        .candidates
        .iter()
        .map(|id| id.trim())
        .filter(|id| !id.is_empty())
        .collect();
    if roles.is_empty() && ids.is_empty() {
        return Ok(None);
    }
    let role_of = |i: usize| {
        net.actor(i)
            .role
            .as_deref()
            .map(|r| r.trim().to_lowercase())
    };
    let mut allowed = vec![true; net.len()];
    if !roles.is_empty() {
        let known: std::collections::BTreeSet<String> =
            (0..net.len()).filter_map(role_of).collect();
        if let Some(r) = roles.iter().find(|r| !known.contains(*r)) {
            let list: Vec<&str> = known.iter().map(String::as_str).collect();
            return Err(Error::Request(format!(
                "successor role \"{}\": no actor has this role (roles in nodes.csv: {})",
                crate::text::escape_controls(r),
                if list.is_empty() {
                    "none".to_string()
                } else {
                    crate::text::escape_controls(&list.join(", "))
                }
            )));
        }
        for (i, a) in allowed.iter_mut().enumerate() {
            *a = role_of(i).is_some_and(|r| roles.contains(&r));
        }
    }
    if !ids.is_empty() {
        let mut named = vec![false; net.len()];
        for id in ids {
            let i = net.index_of(id).ok_or_else(|| Error::UnknownActor {
                id: id.to_string(),
                list: IdList::Candidates,
            })?;
            let why = if exit.binary_search(&i).is_ok() {
                Some("leaves too")
            } else if net.actor(i).placement != crate::model::Placement::Internal {
                Some("is not internal (successors are internal actors)")
            } else {
                None
            };
            if let Some(why) = why {
                return Err(Error::Request(format!(
                    "successor candidate \"{}\" {why}",
                    crate::text::escape_controls(id)
                )));
            }
            named[i] = true;
        }
        for (a, n) in allowed.iter_mut().zip(named) {
            *a &= n;
        }
    }
    Ok(Some(allowed))
}

/// The greedy exit plan (up to `budget` introductions between contacts of
/// the exiting actors, each keeping most trusted reach, each with the
/// leaving actor who makes it) and, without handovers, the best internal
/// successors of each exiting practitioner, ranked (`stakenet plan`).
///
/// # Errors
/// As [`exit`]; and as [`SuccessorRequest`] describes for its lists.
pub fn plan(net: &Network, request: &PlanRequest) -> Result<PlanReport, Error> {
    plan_with_progress(net, request, &Progress::new())
}

/// [`plan()`], counting its work into `progress` for a front end to show
/// (candidate evaluations of the plan, then of the successor search).
///
/// # Errors
/// As [`plan()`].
pub fn plan_with_progress(
    net: &Network,
    request: &PlanRequest,
    progress: &Progress,
) -> Result<PlanReport, Error> {
    let scenario = Scenario::resolve(net, &request.exit)?;
    let spec = scenario.spec();
    let pool = successor_pool(net, &request.successors, &scenario.exit_set())?;
    check_plan_memory(net, spec, available_memory())?;
    let m = crate::metrics::exit(net, spec)?;
    let steps = crate::metrics::plan_with_progress(net, spec, request.budget, progress)?;
    let successors = if scenario.has_handovers() {
        Vec::new()
    } else {
        let search = crate::metrics::SuccessorSearch {
            top: request.successors.top,
            allowed: pool,
        };
        crate::metrics::successor_ranking(net, &m.exit, &search, progress)
    };
    Ok(crate::report::plan::plan(
        net,
        spec,
        &m,
        request.budget,
        &steps,
        &successors,
    ))
}

/// What `dot` draws.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DotRequest {
    /// Node size, clusters, title, legend.
    pub options: DotOptions,
    /// How betweenness is computed when it sets node size (as `analyze`
    /// takes it).
    pub centrality: CentralityOptions,
    /// Draw the before/after view of this exit; `None` draws the network
    /// alone (unless `plan` is given, which implies the default exit).
    pub exit: Option<ExitRequest>,
    /// Also draw the first K introductions of the exit plan, dotted.
    pub plan: Option<usize>,
    /// Draw the power view instead (voices and decision-makers marked,
    /// sizes from `voice_brokerage`); with a given `exit`, as after it.
    /// `plan` is not drawn in this view.
    pub power: Option<VoiceRequest>,
}

/// A DOT diagram, ready for Graphviz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dot {
    /// The DOT text, ending in a newline.
    pub text: String,
}

/// The network as a Graphviz diagram, with the exit overlay when asked
/// (`stakenet dot`).
///
/// # Errors
/// As [`exit`], when an exit view is asked.
pub fn dot(net: &Network, request: &DotRequest) -> Result<Dot, Error> {
    if let Some(voice) = &request.power {
        let after = request.exit.is_some();
        let mut voice = voice.clone();
        if let Some(exit) = &request.exit {
            voice.exit = exit.clone();
        } else {
            voice.exit = ExitRequest::of(Vec::<String>::new());
        }
        let (req, m) = power_measures(net, &voice)?;
        let handed = handover_ties(net, &req.exit)?;
        let overlay = crate::report::dot::power_overlay(net, &m, after, &handed);
        let scores = NodeScores::of(net, request.options.size_by, &request.centrality);
        return Ok(Dot {
            text: to_dot(net, &request.options, &scores, Some(&overlay)),
        });
    }
    let overlay = match (&request.exit, request.plan) {
        (None, None) => None,
        (exit, plan) => {
            let default = ExitRequest::default();
            let scenario = Scenario::resolve(net, exit.as_ref().unwrap_or(&default))?;
            let spec = scenario.spec();
            let m = crate::metrics::exit(net, spec)?;
            let handed = handover_ties(net, spec)?;
            let steps = match plan {
                Some(k) => crate::metrics::plan(net, spec, k)?,
                None => Vec::new(),
            };
            Some(exit_overlay(net, &m, &handed, &steps))
        }
    };
    let scores = NodeScores::of(net, request.options.size_by, &request.centrality);
    Ok(Dot {
        text: to_dot(net, &request.options, &scores, overlay.as_ref()),
    })
}

/// What `power` computes: who leaves, who counts as a voice and as a
/// decision-maker, and when a tie is steep. Actors are named by id.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceRequest {
    /// Who leaves, as for [`exit()`] (default: the external practitioners).
    pub exit: ExitRequest,
    /// The voices by id; `None`: the stakeholders with power ≤ `low_power`.
    pub voices: Option<Vec<String>>,
    /// The decision-makers by id; `None`: power ≥ `decision_power`.
    pub decision_makers: Option<Vec<String>>,
    /// Voices' power threshold (default 0.3).
    pub low_power: f64,
    /// Decision-makers' power threshold (default 0.7).
    pub decision_power: f64,
    /// |power differential| at which a tie is steep (default 0.3).
    pub steep: f64,
}

impl Default for VoiceRequest {
    fn default() -> Self {
        use crate::metrics::power::{DEFAULT_DECISION_POWER, DEFAULT_LOW_POWER, DEFAULT_STEEP};
        VoiceRequest {
            exit: ExitRequest::default(),
            voices: None,
            decision_makers: None,
            low_power: DEFAULT_LOW_POWER,
            decision_power: DEFAULT_DECISION_POWER,
            steep: DEFAULT_STEEP,
        }
    }
}

/// Resolve a [`VoiceRequest`] and measure it.
fn power_measures(
    net: &Network,
    request: &VoiceRequest,
) -> Result<(PowerRequest, PowerMeasures), Error> {
    let scenario = Scenario::resolve(net, &request.exit)?;
    let select = |named: &Option<Vec<String>>, list: IdList, t: f64| -> Result<Selection, Error> {
        let Some(ids) = named else {
            return Ok(Selection::Threshold(t));
        };
        let ids: Vec<&String> = ids.iter().filter(|id| !id.trim().is_empty()).collect();
        if ids.is_empty() {
            return Ok(Selection::Threshold(t));
        }
        ids.into_iter()
            .map(|id| {
                net.index_of(id.trim()).ok_or_else(|| Error::UnknownActor {
                    id: id.to_string(),
                    list,
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Selection::Named)
    };
    let req = PowerRequest {
        exit: scenario.spec().clone(),
        voices: select(&request.voices, IdList::Voices, request.low_power)?,
        decision_makers: select(
            &request.decision_makers,
            IdList::DecisionMakers,
            request.decision_power,
        )?,
        steep: request.steep,
    };
    let m = crate::metrics::power::power(net, &req)?;
    Ok((req, m))
}

/// Power and voice (`stakenet power`): each voice's most trusted line to a
/// decision-maker before and after the exit, who carries the voices'
/// routes, and the ties across a power gap (the formulas are in
/// [`mod@crate::metrics::power`]).
///
/// # Errors
/// As [`exit()`] for the exit; [`Error::UnknownActor`] for an unknown voice
/// or decision-maker id; [`Error::Power`] for a named voice or
/// decision-maker who is not a stakeholder who stays, thresholds outside
/// 0 ≤ low < decision ≤ 1, or a steep threshold ≤ 0.
pub fn power(net: &Network, request: &VoiceRequest) -> Result<PowerReport, Error> {
    let (req, m) = power_measures(net, request)?;
    Ok(crate::report::power::power(net, &req, &m))
}

/// The figures the graph exports (`stakenet export graphml|gexf|kumu`) put
/// on each actor: the `analyze` report's (with `options`), the default
/// exit's (every external practitioner leaves) and the voice figures of
/// [`power()`] with its defaults, typed.
///
/// # Errors
/// As [`analyze`], [`exit`] and [`power()`].
pub fn export_figures(
    net: &Network,
    options: &AnalyzeOptions,
) -> Result<crate::report::export::ActorFigures, Error> {
    let analysis = analyze(net, options)?;
    let exit = exit(net, &ExitRequest::default())?;
    let power = power(net, &VoiceRequest::default())?;
    crate::report::export::ActorFigures::from_reports(net, &analysis, &exit, &power)
}

/// Two maps of the same site compared (`stakenet compare`): see
/// [`mod@crate::compare`].
///
/// # Errors
/// None for valid networks (each wave's default exit is always valid).
pub fn compare(
    before: &Network,
    after: &Network,
    options: &crate::compare::CompareOptions,
) -> Result<crate::compare::Comparison, Error> {
    crate::compare::compare(before, after, options)
}

/// The change view of a comparison (`stakenet dot AFTER --compare BEFORE`):
/// AFTER drawn with what changed since BEFORE (see
/// [`crate::compare::change_overlay`]); node sizes from the drawn network
/// under `request.options` and `request.centrality` (its exit and plan are
/// not drawn).
///
/// # Errors
/// As [`compare`].
pub fn compare_dot(
    before: &Network,
    after: &Network,
    comparison: &crate::compare::Comparison,
    request: &DotRequest,
) -> Result<Dot, Error> {
    let (net, overlay) = crate::compare::change_overlay(before, after, comparison)?;
    let scores = NodeScores::of(&net, request.options.size_by, &request.centrality);
    Ok(Dot {
        text: to_dot(&net, &request.options, &scores, Some(&overlay)),
    })
}

/// What `report` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRequest {
    /// The network's name, for the page's title.
    pub name: String,
    /// The input files, command and version printed on the page.
    pub provenance: Provenance,
    /// Who leaves, and the handovers made first.
    pub exit: ExitRequest,
    /// Largest number of introductions in the exit plan.
    pub plan: usize,
    /// Tie length and any source sampling of the shortest-path metrics.
    pub centrality: CentralityOptions,
    /// Who counts as a voice and as a decision-maker, and when a tie is
    /// steep, for the power-and-voice findings; its `exit` is ignored (the
    /// page's `exit` is used).
    pub voice: VoiceRequest,
}

/// The page of `stakenet report`: the `analyze`, `exit` and `plan` reports
/// of the request and the DOT of the site map and of the map after the exit
/// (as `dot` draws them) and the [`power()`] report of the same exit, for
/// [`crate::render::html::page`].
///
/// # Errors
/// As [`exit`] and [`power()`].
pub fn report_page(net: &Network, request: &ReportRequest) -> Result<ReportPage, Error> {
    let analyze = analyze(
        net,
        &AnalyzeOptions {
            centrality: request.centrality,
        },
    )?;
    let exit = exit(net, &request.exit)?;
    let plan = plan(
        net,
        &PlanRequest {
            exit: request.exit.clone(),
            budget: request.plan,
            ..PlanRequest::default()
        },
    )?;
    let site = DotRequest {
        centrality: request.centrality,
        ..DotRequest::default()
    };
    let after = DotRequest {
        exit: Some(request.exit.clone()),
        ..site.clone()
    };
    let maps = Maps {
        site: dot(net, &site)?.text,
        after: dot(net, &after)?.text,
    };
    let power = power(
        net,
        &VoiceRequest {
            exit: request.exit.clone(),
            ..request.voice.clone()
        },
    )?;
    Ok(crate::report::page::page(
        net,
        &request.name,
        request.provenance.clone(),
        crate::report::page::PageReports {
            analyze,
            exit,
            plan,
            power,
        },
        maps,
    ))
}

//! The page of `stakenet report`: everything a practitioner takes into a
//! meeting, as plain data, assembled from the `analyze`, `exit` and `plan`
//! reports. [`crate::render::html`] turns it into one self-contained HTML
//! file; the caller renders the two DOT maps it carries (Graphviz is a
//! program, and running it is I/O).
//!
//! Nothing here computes a metric: every figure is a field of the
//! [`AnalyzeReport`], [`ExitReport`] or [`PlanReport`] it holds, and the
//! sentences are built from those fields.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::exit::words;
use super::{AnalyzeReport, ExitReport, PlanReport};
use crate::metrics::exit::{exit_and_impact, handover_ties, ExitError, ExitSpec};
use crate::metrics::{plan, successors, CentralityOptions};
use crate::model::{ActorKind, Network, Placement};
use crate::render::dot::{exit_overlay, to_dot, DotOptions};
use crate::render::table::sanitize;

/// The introductions the page's exit plan lists when not told otherwise.
pub const DEFAULT_PLAN_STEPS: usize = 5;

/// Brokers named in "who holds the site together".
pub const TOP_BROKERS: usize = 5;

/// What the page is about: who leaves, how many plan steps, how paths are
/// measured.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRequest {
    /// The exit (and handovers) of sections 3 to 5.
    pub exit: ExitSpec,
    /// Largest number of introductions in the exit plan.
    pub plan_steps: usize,
    /// Tie length and sampling of the shortest-path metrics.
    pub centrality: CentralityOptions,
}

impl PageRequest {
    /// The default exit (every external practitioner), five plan steps,
    /// exact shortest paths over 1/trust.
    pub fn default_for(net: &Network) -> Self {
        PageRequest {
            exit: ExitSpec::default_for(net),
            plan_steps: DEFAULT_PLAN_STEPS,
            centrality: CentralityOptions::default(),
        }
    }
}

/// One input file, so that a result can be reproduced later.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputFile {
    /// The path as given on the command line.
    pub path: String,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
}

impl InputFile {
    /// The record of a file with these bytes.
    pub fn new(path: impl Into<String>, bytes: &[u8]) -> Self {
        InputFile {
            path: path.into(),
            sha256: sha256_hex(bytes),
        }
    }
}

/// SHA-256 of some bytes, lower-case hex (FIPS 180-4).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where the page's figures came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// The input files with their SHA-256.
    pub files: Vec<InputFile>,
    /// The command that made the page.
    pub command: String,
    /// stakenet's version.
    pub version: String,
}

impl Provenance {
    /// Files and command, with this build's version.
    pub fn new(files: Vec<InputFile>, command: impl Into<String>) -> Self {
        Provenance {
            files,
            command: command.into(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// How many actors a group holds, by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupCount {
    /// The group's name (empty: the unnamed group).
    pub group: String,
    /// Its practitioners.
    pub practitioners: usize,
    /// Its stakeholders.
    pub stakeholders: usize,
}

/// One of the actors who hold the site together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Broker {
    /// The actor's id.
    pub id: String,
    /// What the page says about them.
    pub sentence: String,
}

/// The best internal successor of one exiting practitioner, with labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuccessorLine {
    /// The practitioner's id.
    pub id: String,
    /// Their label.
    pub label: String,
    /// The successor's id, when one gives a defined sustainability.
    pub successor: Option<String>,
    /// The successor's label.
    pub successor_label: Option<String>,
    /// Sustainability with that handover (factor 0.5).
    pub sustainability: Option<f64>,
}

/// The power-and-voice findings (`stakenet power`, issue 11).
///
/// TODO(issue-11): filled from the library's power call once it exists
/// (on the `issue-11` branch: the `PowerReport`'s `findings()`, with the
/// page's exit and the `--voices` / `--decision-makers` flags passed on);
/// until then [`ReportPage::power`] is `None` and the page leaves the
/// subsection out rather than show made-up figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PowerFindings {
    /// The findings, one sentence each.
    pub sentences: Vec<String>,
}

/// The DOT text of the page's two maps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Maps {
    /// The site as it is (the `stakenet dot` picture).
    pub site: String,
    /// The site after the exit: leavers greyed, stranded stakeholders and
    /// groups that lose a bridge outlined in red, handed-over ties green.
    pub after: String,
}

/// Everything the page shows, in the order it shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportPage {
    /// The network's name (the folder's), for the title.
    pub name: String,
    /// Input files, command, version.
    pub provenance: Provenance,
    /// Actors per group, in group order.
    pub groups: Vec<GroupCount>,
    /// `stakenet analyze`: network figures and one row per actor.
    pub analyze: AnalyzeReport,
    /// The actors with the largest betweenness (ties by id), at most
    /// [`TOP_BROKERS`], only those with betweenness > 0 or brokerage.
    pub brokers: Vec<Broker>,
    /// How much the stakeholders' connections depend on the practitioners.
    pub dependency: Vec<String>,
    /// `stakenet exit`: the exit figures, with each practitioner's impact.
    pub exit: ExitReport,
    /// `stakenet plan`: the introductions and the successors.
    pub plan: PlanReport,
    /// The plan in one sentence: how far its introductions raise the share
    /// of trusted reach kept.
    pub plan_summary: String,
    /// The best internal successor of each exiting practitioner, with
    /// labels (empty when handovers were given, as in `stakenet plan`).
    pub successors: Vec<SuccessorLine>,
    /// TODO(issue-11): the power-and-voice findings; `None` until the
    /// library has them.
    pub power: Option<PowerFindings>,
    /// The two maps, as DOT.
    pub maps: Maps,
}

/// Build the page of a network: the analyze, exit and plan reports for the
/// request, the findings in words and the DOT of the two maps.
pub fn page(
    net: &Network,
    name: &str,
    request: &PageRequest,
    provenance: Provenance,
) -> Result<ReportPage, ExitError> {
    let analyze = super::analyze_with(net, &request.centrality);
    let spec = &request.exit;
    let (m, impact) = exit_and_impact(net, spec, true)?;
    let plain = super::exit::without_handover(net, spec)?;
    let exit_report = super::exit(net, spec, &m, &impact, plain);
    let steps = plan(net, spec, request.plan_steps)?;
    let succ = if spec.handovers.is_empty() {
        successors(net, &m.exit)
    } else {
        Vec::new()
    };
    let plan_report = super::plan(net, spec, &m, request.plan_steps, &steps, &succ);
    let label = |i: usize| sanitize(&net.actor(i).label);
    let successors = succ
        .iter()
        .map(|s| SuccessorLine {
            id: net.actor(s.practitioner).id.clone(),
            label: label(s.practitioner),
            successor: s.successor.map(|i| net.actor(i).id.clone()),
            successor_label: s.successor.map(label),
            sustainability: s.sustainability,
        })
        .collect();
    let handed = handover_ties(net, spec)?;
    let options = DotOptions::default();
    let maps = Maps {
        site: to_dot(net, &options, None),
        after: to_dot(net, &options, Some(&exit_overlay(net, &m, &handed, &[]))),
    };
    Ok(ReportPage {
        name: name.to_string(),
        provenance,
        groups: group_counts(net),
        brokers: brokers(&analyze),
        plan_summary: plan_summary(&plan_report),
        dependency: dependency(&analyze),
        analyze,
        exit: exit_report,
        plan: plan_report,
        successors,
        power: None,
        maps,
    })
}

fn group_counts(net: &Network) -> Vec<GroupCount> {
    let mut out: Vec<GroupCount> = net
        .groups()
        .iter()
        .map(|g| GroupCount {
            group: g.clone(),
            practitioners: 0,
            stakeholders: 0,
        })
        .collect();
    for (i, a) in net.actors().iter().enumerate() {
        let g = &mut out[net.group_of(i)];
        match a.kind {
            ActorKind::Practitioner => g.practitioners += 1,
            ActorKind::Stakeholder => g.stakeholders += 1,
        }
    }
    out
}

/// "Nadia (…), external practitioner, intermediary: on 58% of the most
/// trusted paths between two other actors (betweenness 0.578); 164 times it
/// links two actors who have no tie of their own (brokerage): 134 between two
/// other groups, …"
fn brokers(report: &AnalyzeReport) -> Vec<Broker> {
    let mut order: Vec<usize> = (0..report.actors.len())
        .filter(|&i| {
            let a = &report.actors[i];
            a.betweenness > 0.0 || a.brokerage_total > 0
        })
        .collect();
    // Actors are in id order, so a stable sort breaks ties by id.
    order.sort_by(|&x, &y| {
        let (a, b) = (&report.actors[x], &report.actors[y]);
        b.betweenness
            .total_cmp(&a.betweenness)
            .then(b.brokerage_total.cmp(&a.brokerage_total))
    });
    order
        .into_iter()
        .take(TOP_BROKERS)
        .map(|i| {
            let a = &report.actors[i];
            let who = &a.identity;
            let group = if who.group.is_empty() {
                String::new()
            } else {
                format!(", {}", sanitize(&who.group))
            };
            let roles: Vec<String> = [
                (a.liaison, "between two other groups"),
                (a.representative, "from its group out to another"),
                (a.gatekeeper, "from another group into its own"),
                (a.itinerant, "within another group"),
                (a.coordinator, "within its own group"),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
            let brokerage = if a.brokerage_total == 0 {
                "it never links two actors who have no tie of their own (brokerage 0)".to_string()
            } else {
                format!(
                    "{} time{} it links two actors who have no tie of their own (brokerage): {}",
                    a.brokerage_total,
                    if a.brokerage_total == 1 { "" } else { "s" },
                    words::list(&roles)
                )
            };
            Broker {
                id: who.id.clone(),
                sentence: format!(
                    "{}, {} {}{}: on {} of the most trusted paths between two other actors \
                     (betweenness {:.3}); {}.",
                    sanitize(&who.label),
                    who.placement,
                    who.kind,
                    group,
                    words::percent(Some(a.betweenness)),
                    a.betweenness,
                    brokerage
                ),
            }
        })
        .collect()
}

/// "Brokering these 5 introductions raises the share of trusted reach kept
/// from 56% to 81%."
fn plan_summary(report: &PlanReport) -> String {
    match report.plan.steps.as_slice() {
        [] => "No introduction between the leavers' contacts would add trusted reach.".to_string(),
        steps => format!(
            "Brokering {} raises the share of trusted reach kept from {} to {}.",
            if steps.len() == 1 {
                "this introduction".to_string()
            } else {
                format!("these {} introductions", steps.len())
            },
            words::percent(report.summary.sustainability),
            words::percent(steps[steps.len() - 1].sustainability)
        ),
    }
}

/// Practitioner dependency and the practitioner carrying most of it.
fn dependency(report: &AnalyzeReport) -> Vec<String> {
    let mut out = vec![match report.network.practitioner_dependency {
        Some(d) => format!(
            "On average {} of the most trusted paths between two stakeholders run through a \
             practitioner (practitioner dependency {d:.3}).",
            words::percent(Some(d))
        ),
        None => "No two stakeholders are connected, so their dependency on the practitioners \
                 is undefined."
            .to_string(),
    }];
    let top = report
        .actors
        .iter()
        .filter_map(|a| a.practitioner_share.map(|s| (a, s)))
        .filter(|(_, s)| *s > 0.0)
        .fold(
            None::<(&super::analyze::AnalyzeActor, f64)>,
            |best, (a, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((a, s)),
            },
        );
    if let Some((a, s)) = top {
        let external = if a.identity.placement == Placement::External {
            "external "
        } else {
            ""
        };
        out.push(format!(
            "The {external}practitioner {} alone carries {} of them (practitioner share {s:.3}).",
            sanitize(&a.identity.label),
            words::percent(Some(s))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    #[test]
    fn sha256_matches_the_fips_examples() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    /// isp brokers lead ↔ worker ↔ family: the only path between any two
    /// stakeholders runs through it.
    fn star() -> Network {
        let mut isp = Actor::practitioner("isp");
        isp.label = "Ines".into();
        isp.group = "intermediary".into();
        let mut actors = vec![isp];
        for (id, group) in [
            ("family", "families"),
            ("lead", "agency"),
            ("worker", "agency"),
        ] {
            let mut a = Actor::stakeholder(id);
            a.group = group.into();
            actors.push(a);
        }
        Network::from_parts(
            actors,
            &[
                TieSpec::mutual("isp", "lead", 0.8),
                TieSpec::mutual("isp", "worker", 0.5),
                TieSpec::mutual("isp", "family", 0.5),
            ],
        )
        .unwrap()
    }

    #[test]
    fn a_star_centre_holds_everything_together() {
        let net = star();
        let p = page(
            &net,
            "star",
            &PageRequest::default_for(&net),
            Provenance::new(vec![], "stakenet report star"),
        )
        .unwrap();
        // Betweenness of the centre of a 4-star: 3 pairs of leaves, all
        // through it, over (n−1)(n−2)/2 = 3 pairs: 1. Its brokerage, by
        // hand (groups intermediary / families / agency / agency):
        // lead–worker is agency–agency with the broker outside: itinerant
        // (counted both ways: 2); family–lead and family–worker are two
        // other, different groups: liaison, both ways: 4.
        assert_eq!(p.brokers.len(), 1);
        assert_eq!(
            p.brokers[0].sentence,
            "Ines, external practitioner, intermediary: on 100% of the most trusted paths \
             between two other actors (betweenness 1.000); 6 times it links two actors who have \
             no tie of their own (brokerage): 4 between two other groups and 2 within another \
             group."
        );
        assert_eq!(
            p.dependency,
            [
                "On average 100% of the most trusted paths between two stakeholders run through \
                 a practitioner (practitioner dependency 1.000).",
                "The external practitioner Ines alone carries 100% of them (practitioner share \
                 1.000)."
            ]
        );
        // The three stakeholders are all stranded when Ines leaves.
        assert_eq!(p.exit.summary.stranded, ["family", "lead", "worker"]);
        assert_eq!(p.exit.summary.sustainability, Some(0.0));
        assert_eq!(
            p.groups,
            [
                GroupCount {
                    group: "agency".into(),
                    practitioners: 0,
                    stakeholders: 2
                },
                GroupCount {
                    group: "families".into(),
                    practitioners: 0,
                    stakeholders: 1
                },
                GroupCount {
                    group: "intermediary".into(),
                    practitioners: 1,
                    stakeholders: 0
                },
            ]
        );
        // The plan, by hand: before, pt = 0.4 (family–lead, lead–worker)
        // and 0.25 (family–worker), mean over 6 ordered pairs 0.35. Ines can
        // introduce every pair, at trust 0.4, 0.25 and 0.4. Step 1: family–lead
        // or lead–worker (each 2·0.4/6); equal, so the lower ids. Step 2:
        // lead–worker (0.4 + 0.4 + 0.4·0.4 = 0.96, against 0.75 for
        // family–worker). Step 3: family–worker (0.25 > 0.16): back to 0.35,
        // all of it.
        let steps: Vec<(&str, &str)> = p
            .plan
            .plan
            .steps
            .iter()
            .map(|s| (s.a.as_str(), s.b.as_str()))
            .collect();
        assert_eq!(
            steps,
            [("family", "lead"), ("lead", "worker"), ("family", "worker")]
        );
        assert_eq!(
            p.plan_summary,
            "Brokering these 3 introductions raises the share of trusted reach kept from 0% \
             to 100%."
        );
        assert!(p.power.is_none());
        assert!(p.maps.after.contains("isp"));
    }
}

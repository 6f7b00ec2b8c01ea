//! The page of `stakenet report`: everything a practitioner takes into a
//! meeting, as plain data, assembled from the `analyze`, `exit` and `plan`
//! reports, the `power` report and the two `dot` maps ([`crate::report_page`] makes it).
//! [`mod@crate::render::html`] turns it into one self-contained HTML file, with
//! the findings in words; the caller renders the two DOT maps it carries
//! (Graphviz is a program, and running it is I/O).
//!
//! Nothing here computes a metric: every figure is a field of the
//! [`AnalyzeReport`], [`ExitReport`], [`PlanReport`] or [`PowerReport`] it
//! holds.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::power::PowerReport;
use super::{AnalyzeReport, ExitReport, PlanReport};
use crate::model::{ActorKind, Network};

/// The introductions the page's exit plan lists when not told otherwise.
pub const DEFAULT_PLAN_STEPS: usize = 5;

/// Brokers named in "who holds the site together".
pub const TOP_BROKERS: usize = 5;

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
    /// Indices into `analyze.actors` of the actors with the largest
    /// betweenness (then brokerage; ties by id), at most [`TOP_BROKERS`],
    /// only those with betweenness > 0 or some brokerage.
    pub brokers: Vec<usize>,
    /// `stakenet exit`: the exit figures, with each practitioner's impact.
    pub exit: ExitReport,
    /// `stakenet plan`: the introductions and the successors.
    pub plan: PlanReport,
    /// The best internal successor of each exiting practitioner, with
    /// labels (empty when handovers were given, as in `stakenet plan`).
    pub successors: Vec<SuccessorLine>,
    /// `stakenet power` with the page's exit: the power-and-voice findings
    /// are its [`PowerReport::findings`].
    pub power: PowerReport,
    /// The two maps, as DOT.
    pub maps: Maps,
}

/// The reports a page is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct PageReports {
    /// `stakenet analyze`.
    pub analyze: AnalyzeReport,
    /// `stakenet exit`.
    pub exit: ExitReport,
    /// `stakenet plan`.
    pub plan: PlanReport,
    /// `stakenet power`, with the same exit.
    pub power: PowerReport,
}

/// Assemble the page of a network from its reports and maps.
pub fn page(
    net: &Network,
    name: &str,
    provenance: Provenance,
    reports: PageReports,
    maps: Maps,
) -> ReportPage {
    let PageReports {
        analyze,
        exit,
        plan,
        power,
    } = reports;
    let label = |id: &str| {
        net.index_of(id)
            .map_or(id.to_string(), |i| net.actor(i).label.clone())
    };
    let successors = plan
        .successors
        .iter()
        .map(|s| SuccessorLine {
            id: s.id.clone(),
            label: label(&s.id),
            successor: s.successor.clone(),
            successor_label: s.successor.as_deref().map(label),
            sustainability: s.sustainability,
        })
        .collect();
    ReportPage {
        name: name.to_string(),
        provenance,
        groups: group_counts(net),
        brokers: top_brokers(&analyze),
        analyze,
        exit,
        plan,
        successors,
        power,
        maps,
    }
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

/// The actors with the largest betweenness, then brokerage (ties by id),
/// at most [`TOP_BROKERS`], leaving out those who broker nothing.
fn top_brokers(report: &AnalyzeReport) -> Vec<usize> {
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
    order.truncate(TOP_BROKERS);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

//! What the `dot` diagram draws from the metrics: the score that sets each
//! actor's node size, computed with the same options as `analyze`, and the
//! exit overlay (what an exit analysis found, as things to draw).

use crate::metrics::centrality::betweenness;
use crate::metrics::pagerank::pagerank;
use crate::metrics::power::PowerMeasures;
use crate::metrics::structural_holes::{constraint, effective_size};
use crate::metrics::{actor_ties, brokerage_roles, CentralityOptions, ExitMeasures, PlanStep};
use crate::model::Network;

/// What sets the size of an actor's node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SizeBy {
    /// Positional power, already in [0, 1].
    #[default]
    Power,
    /// Degree (see [`crate::metrics::ActorTies`]), relative to the largest.
    Degree,
    /// Strength (Σ trust), relative to the largest.
    Strength,
    /// Burt's constraint, relative to the largest (undefined: smallest).
    Constraint,
    /// Burt's effective size, relative to the largest (undefined: smallest).
    EffectiveSize,
    /// Total Gould–Fernandez brokerage count, relative to the largest.
    Brokerage,
    /// Betweenness (tie length and sampling as `analyze` takes them),
    /// relative to the largest.
    Betweenness,
    /// PageRank (weight trust), relative to the largest.
    Pagerank,
}

impl SizeBy {
    /// The metric's name as docs/format.md and the `--size-by` flag spell it.
    pub fn name(self) -> &'static str {
        match self {
            SizeBy::Power => "power",
            SizeBy::Degree => "degree",
            SizeBy::Strength => "strength",
            SizeBy::Constraint => "constraint",
            SizeBy::EffectiveSize => "effective_size",
            SizeBy::Brokerage => "brokerage_total",
            SizeBy::Betweenness => "betweenness",
            SizeBy::Pagerank => "pagerank",
        }
    }
}

/// Each actor's score under one [`SizeBy`], indexed like
/// [`Network::actors`]; an undefined value (an isolated actor's constraint,
/// say) is 0, which draws the smallest node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeScores {
    /// The metric.
    pub by: SizeBy,
    /// Its raw values (not yet scaled to the largest).
    pub values: Vec<f64>,
}

impl NodeScores {
    /// The scores of `net` under `by`; `centrality` sets how betweenness is
    /// computed (tie length, source sample).
    pub fn of(net: &Network, by: SizeBy, centrality: &CentralityOptions) -> Self {
        let undefined_as_zero =
            |v: Vec<Option<f64>>| v.into_iter().map(|v| v.unwrap_or(0.0)).collect();
        let values = match by {
            SizeBy::Power => net.actors().iter().map(|a| a.power).collect(),
            SizeBy::Degree => actor_ties(net).iter().map(|t| t.degree as f64).collect(),
            SizeBy::Strength => actor_ties(net).iter().map(|t| t.strength).collect(),
            SizeBy::Constraint => undefined_as_zero(constraint(net)),
            SizeBy::EffectiveSize => undefined_as_zero(effective_size(net)),
            SizeBy::Brokerage => brokerage_roles(net)
                .iter()
                .map(|r| r.total as f64)
                .collect(),
            SizeBy::Betweenness => betweenness(net, centrality),
            SizeBy::Pagerank => pagerank(net),
        };
        NodeScores { by, values }
    }
}

/// What an exit analysis found, as plain data: actor indices as in
/// [`Network::actors`], group indices as in [`Network::groups`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DotOverlay {
    /// Actors that leave: greyed out with their ties.
    pub exiting: Vec<usize>,
    /// Stakeholders left without any connection: ringed in red.
    pub stranded: Vec<usize>,
    /// Pairs of groups no longer connected: their clusters outlined in red
    /// and the pairs (or, when there are many, the groups) listed under the
    /// title.
    pub lost_group_bridges: Vec<(usize, usize)>,
    /// Ties a handover creates, `(to, stakeholder, trust)`: drawn green.
    pub handed_over: Vec<(usize, usize, f64)>,
    /// Introductions an exit plan proposes, `(a, b, trust)`: drawn dotted.
    pub proposed: Vec<(usize, usize, f64)>,
    /// Title line, e.g. the sustainability figure.
    pub title: Option<String>,
    /// The power view's marks (voices, decision-makers, sizes), if drawn.
    pub power: Option<PowerMarks>,
    /// The change view's marks (see [`crate::compare::change_overlay`]).
    pub change: Option<ChangeMarks>,
}

/// How an actor changed between two waves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorMark {
    /// In AFTER only: outlined bold, label ending "(joined)".
    Joined,
    /// In BEFORE only: greyed out, label ending "(left)".
    Left,
}

/// How a drawn tie changed between two waves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TieMark {
    /// Its pair was not tied before: drawn bold, labelled "new".
    New,
    /// Its pair is not tied after (drawn from BEFORE's row): faint, dashed,
    /// labelled "gone".
    Dissolved,
    /// Trust up by at least the threshold: labelled "+Δ".
    Up(f64),
    /// Trust down by at least the threshold: labelled "−Δ".
    Down(f64),
}

/// Marks on the actors and ties of the drawn (union) network of a change
/// view, indexed like its [`Network::actors`] and [`Network::ties`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChangeMarks {
    /// Per actor.
    pub actors: Vec<Option<ActorMark>>,
    /// Per tie.
    pub ties: Vec<Option<TieMark>>,
}

/// The overlay of one exit scenario: the exiting actors, stranded
/// stakeholders and lost group bridges of `m`, the ties a handover gave
/// (from [`crate::metrics::exit::handover_ties`]), the plan's introductions
/// as proposed ties, and a title that states the sustainability, e.g.
/// "If Nadia and Omar leave: the site keeps 56% of its trusted reach
/// (2 stakeholders stranded)".
///
/// Actors are named in the title by their label up to the first " (" (so
/// "Nadia (lead implementation specialist)" reads "Nadia"), three at most.
pub fn exit_overlay(
    net: &Network,
    m: &ExitMeasures,
    handed_over: &[(usize, usize, f64)],
    plan: &[PlanStep],
) -> DotOverlay {
    DotOverlay {
        exiting: m.exit.clone(),
        stranded: m.stranded.clone(),
        lost_group_bridges: m.group_bridges_lost.clone(),
        handed_over: handed_over.to_vec(),
        proposed: plan.iter().map(|s| (s.a, s.b, s.trust)).collect(),
        title: Some(exit_title(net, m, handed_over, plan)),
        power: None,
        change: None,
    }
}

/// What the power view marks, as plain data (actor indices as in
/// [`Network::actors`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PowerMarks {
    /// The voices: drawn as rounded boxes with a bold outline.
    pub voices: Vec<usize>,
    /// The decision-makers: drawn as houses with a bold outline.
    pub decision_makers: Vec<usize>,
    /// Voices with no trusted line to a decision-maker: outlined in red,
    /// thicker, and labelled "(no line)".
    pub unheard: Vec<usize>,
    /// Node sizes in [0, 1]: the share of the voices' routes each actor
    /// carries, relative to the largest.
    pub sizes: Vec<f64>,
}

/// The power view of measured request `m`. With `after` (the scenario was
/// named by `--exit`/`--handover`), it shows G′: the exiting actors greyed,
/// the handed-over ties (from [`crate::metrics::exit::handover_ties`]) drawn
/// green, the voices unheard after the exit in red and sizes by
/// `voice_brokerage_after`; without, it shows G.
pub fn power_overlay(
    net: &Network,
    m: &PowerMeasures,
    after: bool,
    handed_over: &[(usize, usize, f64)],
) -> DotOverlay {
    let w = &m.voice;
    let (brokerage, unheard) = if after {
        (&w.voice_brokerage_after, &w.unheard_after)
    } else {
        (&w.voice_brokerage, &w.unheard_before)
    };
    let raw: Vec<f64> = brokerage.iter().map(|b| b.unwrap_or(0.0)).collect();
    let max = raw.iter().copied().fold(0.0, f64::max);
    let sizes = raw
        .iter()
        .map(|&b| if max > 0.0 { b / max } else { 0.0 })
        .collect();
    DotOverlay {
        exiting: if after { m.exit.clone() } else { Vec::new() },
        handed_over: if after {
            handed_over.to_vec()
        } else {
            Vec::new()
        },
        title: Some(power_title(net, m, after)),
        power: Some(PowerMarks {
            voices: m.voices.clone(),
            decision_makers: m.decision_makers.clone(),
            unheard: unheard.clone(),
            sizes,
        }),
        ..DotOverlay::default()
    }
}

/// "14 voices, 4 decision-makers: every voice has a trusted line (53% trust
/// on average)"; after an exit, "…; after the exit, 2 voices have none and
/// the voices keep 71% of their trusted access".
fn power_title(net: &Network, m: &PowerMeasures, after: bool) -> String {
    let w = &m.voice;
    let (v, d) = (m.voices.len(), m.decision_makers.len());
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let head = format!(
        "{}, {}",
        plural(v, "voice", "voices"),
        plural(d, "decision-maker", "decision-makers")
    );
    let Some(mean) = w.mean_voice_before else {
        let _ = net;
        return format!("{head}: no line to measure (set power in nodes.csv, or name --voices and --decision-makers)");
    };
    let unheard = |n: usize| match n {
        0 => "every voice has a trusted line".to_string(),
        n => format!("{} no trusted line", plural(n, "voice has", "voices have")),
    };
    let mut t = format!(
        "{head}: {} ({} trust on average)",
        unheard(w.unheard_before.len()),
        percent(mean)
    );
    if after {
        t.push_str(&format!(
            "; after the exit, {}",
            match w.unheard_after.len() {
                0 => "every voice still has one".to_string(),
                n => format!("{} none", plural(n, "voice has", "voices have")),
            }
        ));
        if let Some(s) = w.voice_sustainability {
            t.push_str(&format!(
                " and the voices keep {} of their trusted access",
                percent(s)
            ));
        }
    }
    t
}

fn exit_title(
    net: &Network,
    m: &ExitMeasures,
    handed_over: &[(usize, usize, f64)],
    plan: &[PlanStep],
) -> String {
    let who = match m.exit.len() {
        0 => "If no one leaves".to_string(),
        1 => format!("If {} leaves", short_name(net, m.exit[0])),
        _ => format!("If {} leave", names(net, &m.exit)),
    };
    let mut tos: Vec<usize> = handed_over.iter().map(|&(to, _, _)| to).collect();
    tos.sort_unstable();
    tos.dedup();
    let handover = if tos.is_empty() {
        String::new()
    } else {
        format!(", handing ties over to {}", names(net, &tos))
    };
    let kept = match m.sustainability {
        Some(s) => format!("the site keeps {} of its trusted reach", percent(s)),
        None => "the stakeholders had no trusted reach to keep".to_string(),
    };
    let stranded = match m.stranded.len() {
        0 => "no stakeholder stranded".to_string(),
        1 => "1 stakeholder stranded".to_string(),
        k => format!("{k} stakeholders stranded"),
    };
    let mut title = format!("{who}{handover}: {kept} ({stranded})");
    if let Some(s) = plan.last().and_then(|s| s.sustainability) {
        let what = match plan.len() {
            1 => "the proposed introduction".to_string(),
            k => format!("the {k} proposed introductions"),
        };
        title.push_str(&format!("\nWith {what}, it would keep {}", percent(s)));
    }
    title
}

/// Whole percent: the figure a slide shows.
fn percent(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// The label up to the first " (", or the whole label (or id) when that
/// leaves nothing.
fn short_name(net: &Network, i: usize) -> &str {
    let a = net.actor(i);
    let label = a.label.trim();
    match label.split_once(" (") {
        Some((head, _)) if !head.trim().is_empty() => head.trim(),
        _ if !label.is_empty() => label,
        _ => &a.id,
    }
}

/// "A", "A and B", "A, B and C", "A, B, C and 4 others".
fn names(net: &Network, who: &[usize]) -> String {
    let shown: Vec<&str> = who.iter().take(3).map(|&i| short_name(net, i)).collect();
    let rest = who.len() - shown.len();
    match (shown.as_slice(), rest) {
        ([], _) => String::new(),
        ([one], 0) => one.to_string(),
        (all, 0) => format!(
            "{} and {}",
            all[..all.len() - 1].join(", "),
            all[all.len() - 1]
        ),
        (all, 1) => format!("{} and 1 other", all.join(", ")),
        (all, k) => format!("{} and {k} others", all.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::exit::{exit, ExitSpec};
    use crate::{Actor, TieSpec};

    fn labelled(id: &str, label: &str, practitioner: bool) -> Actor {
        let mut a = if practitioner {
            Actor::practitioner(id)
        } else {
            Actor::stakeholder(id)
        };
        a.label = label.to_string();
        a
    }

    #[test]
    fn title_names_three_exits_then_counts_the_rest() {
        // Five external practitioners around two stakeholders tied only
        // through them: everyone leaves, both are stranded, nothing is kept.
        let mut actors: Vec<Actor> = ["Ann (lead)", "Bo", " (no name)", "Di (coach)", "Ed"]
            .iter()
            .enumerate()
            .map(|(k, label)| labelled(&format!("p{k}"), label, true))
            .collect();
        actors.push(labelled("s1", "Sam", false));
        actors.push(labelled("s2", "Sue", false));
        let ties = [
            TieSpec::mutual("p0", "s1", 0.5),
            TieSpec::mutual("p0", "s2", 0.5),
        ];
        let net = Network::from_parts(actors, &ties).unwrap();
        let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
        let ov = exit_overlay(&net, &m, &[], &[]);
        // " (no name)" leaves nothing before " (": the whole label stands.
        assert_eq!(
            ov.title.as_deref(),
            Some(
                "If Ann, Bo, (no name) and 2 others leave: the site keeps 0% of its \
                 trusted reach (2 stakeholders stranded)"
            )
        );
        assert_eq!(names(&net, &[0, 1, 2, 3]), "Ann, Bo, (no name) and 1 other");
        assert_eq!(names(&net, &[3, 4]), "Di and Ed");

        // No trusted reach before: sustainability is undefined, not 0%.
        let net = Network::from_parts(
            vec![
                labelled("p", "Pia", true),
                labelled("s1", "Sam", false),
                labelled("s2", "Sue", false),
            ],
            &[],
        )
        .unwrap();
        let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
        assert_eq!(
            exit_overlay(&net, &m, &[], &[]).title.as_deref(),
            Some(
                "If Pia leaves: the stakeholders had no trusted reach to keep \
                 (no stakeholder stranded)"
            )
        );
    }
}

//! The report of `stakenet exit`: sustainability after exit, per-stakeholder
//! trust retained and per-practitioner exit impact, with findings in plain
//! words for the table.
//!
//! JSON: `{"summary": {…contract names…}, "actors": [{"id", …}]}`, actors in
//! id order. CSV: one row per actor (`id, label, kind, placement, group,
//! exiting, stranded, trust_retained, exit_impact, exit_impact_rank`); the
//! network-level figures are in the JSON and the table.

use serde::Serialize;

use crate::metrics::exit::{close, ExitMeasures, ExitSpec};
use crate::model::{ActorKind, Network, Placement};
use crate::render::{table, Tabular};

/// A handover as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoverRow {
    /// Id of the actor who leaves.
    pub from: String,
    /// Id of the actor who takes the ties over.
    pub to: String,
    /// Trust multiplier.
    pub factor: f64,
}

/// Network-level figures of an exit, under the contract's names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExitSummary {
    /// X: exiting actor ids (handover FROMs included), in id order.
    pub exit: Vec<String>,
    /// True when X is the default (every external practitioner, no handover).
    pub default_exit: bool,
    /// Handovers applied before the exit, in order.
    pub handover: Vec<HandoverRow>,
    /// Number of stakeholders in S.
    pub stakeholders: usize,
    /// See [`ExitMeasures::reach_before`].
    pub reach_before: Option<f64>,
    /// See [`ExitMeasures::reach_after`].
    pub reach_after: Option<f64>,
    /// See [`ExitMeasures::fragmentation_after`].
    pub fragmentation_after: Option<f64>,
    /// See [`ExitMeasures::trusted_reach_before`].
    pub trusted_reach_before: Option<f64>,
    /// See [`ExitMeasures::trusted_reach_after`].
    pub trusted_reach_after: Option<f64>,
    /// See [`ExitMeasures::sustainability`].
    pub sustainability: Option<f64>,
    /// Sustainability of the same exit without the handovers (present only
    /// when handovers were given), so the two can be compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sustainability_without_handover: Option<Option<f64>>,
    /// See [`ExitMeasures::dependent_pairs`].
    pub dependent_pairs: Option<f64>,
    /// Stranded stakeholder ids, in id order.
    pub stranded: Vec<String>,
    /// Group pairs `[A, B]` (A < B) that lose their only bridge, sorted.
    pub group_bridges_lost: Vec<[String; 2]>,
}

impl ExitSummary {
    /// The summary of measured exit `m` of `spec`.
    pub fn new(net: &Network, spec: &ExitSpec, m: &ExitMeasures) -> Self {
        let id = |i: usize| net.actor(i).id.clone();
        ExitSummary {
            exit: m.exit.iter().map(|&i| id(i)).collect(),
            default_exit: spec.handovers.is_empty()
                && m.exit == crate::metrics::exit::default_exit(net),
            handover: spec
                .handovers
                .iter()
                .map(|h| HandoverRow {
                    from: id(h.from),
                    to: id(h.to),
                    factor: h.factor,
                })
                .collect(),
            stakeholders: m.stayers.len(),
            reach_before: m.reach_before,
            reach_after: m.reach_after,
            fragmentation_after: m.fragmentation_after,
            trusted_reach_before: m.trusted_reach_before,
            trusted_reach_after: m.trusted_reach_after,
            sustainability: m.sustainability,
            sustainability_without_handover: None,
            dependent_pairs: m.dependent_pairs,
            stranded: m.stranded.iter().map(|&i| id(i)).collect(),
            group_bridges_lost: m
                .group_bridges_lost
                .iter()
                .map(|&(a, b)| [net.groups()[a].clone(), net.groups()[b].clone()])
                .collect(),
        }
    }
}

/// One actor's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExitActor {
    /// The actor's id.
    pub id: String,
    /// Display name.
    pub label: String,
    /// Practitioner or stakeholder.
    pub kind: ActorKind,
    /// External or internal.
    pub placement: Placement,
    /// Group.
    pub group: String,
    /// In X.
    pub exiting: bool,
    /// Listed in `stranded`.
    pub stranded: bool,
    /// Stakeholders in S: see [`ExitMeasures::trust_retained`]; null otherwise.
    pub trust_retained: Option<f64>,
    /// Practitioners: `1 − sustainability` when it alone exits; null otherwise.
    pub exit_impact: Option<f64>,
    /// 1 for the practitioner whose exit costs most (ties by id); null for
    /// stakeholders and undefined impacts.
    pub exit_impact_rank: Option<usize>,
}

/// Everything `exit` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExitReport {
    /// Network-level figures.
    pub summary: ExitSummary,
    /// Every actor, in id order.
    pub actors: Vec<ExitActor>,
}

/// Ranks of the defined impacts: largest first, equal within 1e-12 → by id.
fn ranks(impact: &[Option<f64>]) -> Vec<Option<usize>> {
    let mut order: Vec<(usize, f64)> = impact
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.map(|x| (i, x)))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    // Re-sort runs that are equal within tolerance by id.
    let mut out = vec![None; impact.len()];
    let mut k = 0;
    while k < order.len() {
        let mut end = k + 1;
        while end < order.len() && close(order[end].1, order[k].1) {
            end += 1;
        }
        order[k..end].sort_by_key(|e| e.0);
        k = end;
    }
    for (r, &(i, _)) in order.iter().enumerate() {
        out[i] = Some(r + 1);
    }
    out
}

/// The sustainability of the same exit without its handovers, for
/// [`ExitSummary::sustainability_without_handover`]: `None` when `spec` has
/// no handover.
pub fn without_handover(
    net: &Network,
    spec: &ExitSpec,
) -> Result<Option<Option<f64>>, crate::metrics::exit::ExitError> {
    if spec.handovers.is_empty() {
        return Ok(None);
    }
    let plain = ExitSpec {
        exit: spec.exit_set(),
        handovers: Vec::new(),
    };
    Ok(Some(
        crate::metrics::exit::exit(net, &plain)?.sustainability,
    ))
}

/// Build the `exit` report from the measures, the impacts (indexed like the
/// actors) and, with handovers, the sustainability of the plain exit.
pub fn exit(
    net: &Network,
    spec: &ExitSpec,
    m: &ExitMeasures,
    impact: &[Option<f64>],
    without_handover: Option<Option<f64>>,
) -> ExitReport {
    let mut summary = ExitSummary::new(net, spec, m);
    summary.sustainability_without_handover = without_handover;
    let rank = ranks(impact);
    let actors = net
        .actors()
        .iter()
        .enumerate()
        .map(|(i, a)| ExitActor {
            id: a.id.clone(),
            label: a.label.clone(),
            kind: a.kind,
            placement: a.placement,
            group: a.group.clone(),
            exiting: m.exit.binary_search(&i).is_ok(),
            stranded: m.stranded.binary_search(&i).is_ok(),
            trust_retained: m.trust_retained[i],
            exit_impact: impact[i],
            exit_impact_rank: rank[i],
        })
        .collect();
    ExitReport { summary, actors }
}

/// Prose helpers shared with the plan report.
pub(crate) mod words {
    use super::*;

    /// "a", "a and b", "a, b and c".
    pub(crate) fn list(items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }

    /// A percentage of trusted reach, or a phrase when undefined.
    pub(crate) fn percent(x: Option<f64>) -> String {
        match x {
            Some(x) => format!("{:.0}%", x * 100.0),
            None => "an undefined share".to_string(),
        }
    }

    /// The label of an actor listed in `actors`, else the id, safe for a
    /// terminal (the prose is not a table, whose cells are sanitised anyway).
    pub(crate) fn label(actors: &[ExitActor], id: &str) -> String {
        table::sanitize(
            actors
                .binary_search_by(|a| a.id.as_str().cmp(id))
                .map_or(id, |i| actors[i].label.as_str()),
        )
    }

    fn group(name: &str) -> String {
        if name.is_empty() {
            "(no group)".to_string()
        } else {
            table::sanitize(name)
        }
    }

    /// Lost bridges read group by group, the most affected group first: a
    /// long list of pairs is not something to read aloud in a meeting.
    /// "funder loses its only bridge to 8 other groups", "families to
    /// frontline and supervisors".
    pub(crate) fn bridge_clusters(pairs: &[[String; 2]]) -> Vec<String> {
        let mut remaining: Vec<&[String; 2]> = pairs.iter().collect();
        let mut parts = Vec::new();
        while !remaining.is_empty() {
            let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
            for [a, b] in remaining.iter().copied() {
                *counts.entry(a).or_default() += 1;
                *counts.entry(b).or_default() += 1;
            }
            // Most pairs first; BTreeMap order breaks ties by name.
            let (hub, _) = counts.iter().fold(
                ("", 0),
                |best, (&g, &n)| if n > best.1 { (g, n) } else { best },
            );
            let hub = hub.to_string();
            let mut others = Vec::new();
            remaining.retain(|[a, b]| {
                if *a == hub {
                    others.push(group(b));
                    false
                } else if *b == hub {
                    others.push(group(a));
                    false
                } else {
                    true
                }
            });
            let to = if others.len() <= 2 {
                list(&others)
            } else {
                format!("{} other groups", others.len())
            };
            parts.push(if parts.is_empty() {
                format!("{} loses its only bridge to {to}", group(&hub))
            } else {
                format!("{} to {to}", group(&hub))
            });
        }
        parts
    }

    /// The first finding: who leaves, who is stranded, which groups lose
    /// their bridge, what share of trusted reach is kept.
    pub(crate) fn exit_sentence(s: &ExitSummary, label: &dyn Fn(&str) -> String) -> String {
        let leaving: Vec<String> = s.exit.iter().map(|id| label(id)).collect();
        let who = if leaving.is_empty() {
            "If nobody leaves".to_string()
        } else if s.default_exit {
            format!("If the external practitioners leave ({})", list(&leaving))
        } else {
            format!(
                "If {} leave{}",
                list(&leaving),
                if leaving.len() == 1 { "s" } else { "" }
            )
        };
        let handed = if s.handover.is_empty() {
            String::new()
        } else {
            let h: Vec<String> = s
                .handover
                .iter()
                .map(|h| {
                    format!(
                        "{}'s ties to {} (at {:.0}% trust)",
                        label(&h.from),
                        label(&h.to),
                        h.factor * 100.0
                    )
                })
                .collect();
            format!(" after handing {}", list(&h))
        };
        let stranded: Vec<String> = s.stranded.iter().map(|id| label(id)).collect();
        let left = match stranded.len() {
            0 => "no stakeholder is left without a trusted tie".to_string(),
            1 => format!(
                "1 stakeholder is left without a trusted tie ({})",
                stranded[0]
            ),
            k => format!(
                "{k} stakeholders are left without a trusted tie ({})",
                list(&stranded)
            ),
        };
        let bridges = match s.group_bridges_lost.as_slice() {
            [] => "no two groups lose their only bridge".to_string(),
            [[a, b]] => format!("{} and {} lose their only bridge", group(a), group(b)),
            pairs => list(&bridge_clusters(pairs)),
        };
        format!(
            "{who}{handed}, {left}; {bridges}; the site keeps {} of its trusted reach.",
            percent(s.sustainability)
        )
    }
}

impl ExitReport {
    /// The findings in plain words, one sentence per line: who leaves and
    /// what is lost, the share kept without the handover (when one was
    /// given), and whose own exit would cost the most.
    pub fn findings(&self) -> Vec<String> {
        let s = &self.summary;
        let mut out = vec![words::exit_sentence(s, &|id| {
            words::label(&self.actors, id)
        })];
        if let Some(plain) = s.sustainability_without_handover {
            out.push(format!(
                "Without the handover the site would keep {}.",
                words::percent(plain)
            ));
        }
        if let Some(top) = self
            .actors
            .iter()
            .filter(|a| a.exit_impact_rank == Some(1))
            .find(|a| a.exit_impact.is_some_and(|x| x > 0.0))
        {
            out.push(format!(
                "On its own, {}'s exit would cost the most: {} of the trusted reach.",
                table::sanitize(&top.label),
                words::percent(top.exit_impact)
            ));
        }
        out
    }
}

impl Tabular for ExitReport {
    fn table(&self) -> String {
        let s = &self.summary;
        let mut out = String::new();
        for line in self.findings() {
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
        let mut t = table::Table::new(&["measure", "before", "after"]);
        let row = |name: &str, b: Option<f64>, a: Option<f64>| {
            vec![
                name.to_string(),
                b.map_or(String::new(), |b| table::number(Some(b))),
                table::number(a),
            ]
        };
        t.row(row("reach", s.reach_before, s.reach_after));
        t.row(row("fragmentation", None, s.fragmentation_after));
        t.row(row(
            "trusted reach",
            s.trusted_reach_before,
            s.trusted_reach_after,
        ));
        t.row(row("sustainability", None, s.sustainability));
        t.row(row("dependent pairs", None, s.dependent_pairs));
        out.push_str(&t.render());
        out.push('\n');
        let mut st = table::Table::new(&[
            "stakeholder",
            "label",
            "group",
            "trust retained",
            "stranded",
        ]);
        for a in self
            .actors
            .iter()
            .filter(|a| a.kind == ActorKind::Stakeholder && !a.exiting)
        {
            st.row(vec![
                a.id.clone(),
                a.label.clone(),
                a.group.clone(),
                table::number(a.trust_retained),
                if a.stranded { "yes" } else { "" }.to_string(),
            ]);
        }
        out.push_str(&st.render());
        let mut ranked: Vec<&ExitActor> = self
            .actors
            .iter()
            .filter(|a| a.kind == ActorKind::Practitioner)
            .collect();
        if !ranked.is_empty() {
            ranked.sort_by_key(|a| (a.exit_impact_rank.is_none(), a.exit_impact_rank));
            out.push('\n');
            let mut pt =
                table::Table::new(&["rank", "practitioner", "label", "placement", "exit impact"]);
            for a in ranked {
                pt.row(vec![
                    a.exit_impact_rank
                        .map_or("-".to_string(), |r| r.to_string()),
                    a.id.clone(),
                    a.label.clone(),
                    a.placement.to_string(),
                    table::number(a.exit_impact),
                ]);
            }
            out.push_str(&pt.render());
        }
        out
    }

    fn csv_rows(&self) -> Vec<serde_json::Value> {
        self.actors
            .iter()
            .map(|a| serde_json::to_value(a).expect("report rows serialise"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_put_the_largest_impact_first_and_break_ties_by_id() {
        let r = ranks(&[Some(0.2), None, Some(0.5), Some(0.2 + 1e-17), Some(0.0)]);
        assert_eq!(r, vec![Some(2), None, Some(1), Some(3), Some(4)]);
    }

    #[test]
    fn lost_bridges_read_group_by_group() {
        let pair = |a: &str, b: &str| [a.to_string(), b.to_string()];
        let pairs = [
            pair("a", "funder"),
            pair("b", "funder"),
            pair("c", "funder"),
            pair("a", "b"),
            pair("", "c"),
        ];
        assert_eq!(
            words::bridge_clusters(&pairs),
            [
                "funder loses its only bridge to 3 other groups",
                "(no group) to c",
                "a to b"
            ]
        );
    }

    #[test]
    fn lists_read_as_prose() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(words::list(&s(&["a"])), "a");
        assert_eq!(words::list(&s(&["a", "b", "c"])), "a, b and c");
        assert_eq!(words::percent(Some(0.4713)), "47%");
    }
}

//! The report of `stakenet exit`: sustainability after exit, per-stakeholder
//! trust retained and per-practitioner exit impact, with findings in plain
//! words for the table.
//!
//! JSON: `{"summary": {…contract names…}, "actors": [{"id", …}]}`, actors in
//! id order. CSV: one row per actor (`id, label, kind, placement, group,
//! exiting, stranded, trust_retained, exit_impact, exit_impact_rank`); the
//! network-level figures are in the JSON and the table.

use serde::Serialize;

use super::ActorIdentity;
use crate::metrics::exit::{close, ExitMeasures, ExitSpec};
use crate::model::Network;

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

/// Network-level figures of an exit, under the format's names.
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
    /// Present only for `exit --sample`: the sample and the standard error
    /// of each estimated figure.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub sampling: Option<SamplingSummary>,
}

/// The sample of a sampled exit and each estimate's standard error, under
/// the estimate's name with `_se` (see [`crate::metrics::exit::ExitSampling`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SamplingSummary {
    /// K: source stakeholders whose rows were computed.
    pub sampled_sources: usize,
    /// Seed of the draw.
    pub seed: u64,
    /// Standard error of `reach_before`.
    pub reach_before_se: Option<f64>,
    /// Standard error of `reach_after`.
    pub reach_after_se: Option<f64>,
    /// Standard error of `fragmentation_after` (that of `reach_after`).
    pub fragmentation_after_se: Option<f64>,
    /// Standard error of `trusted_reach_before`.
    pub trusted_reach_before_se: Option<f64>,
    /// Standard error of `trusted_reach_after`.
    pub trusted_reach_after_se: Option<f64>,
    /// Standard error of `sustainability`.
    pub sustainability_se: Option<f64>,
    /// Standard error of `dependent_pairs`.
    pub dependent_pairs_se: Option<f64>,
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
            sampling: m.sampling.as_ref().map(|s| SamplingSummary {
                sampled_sources: s.sources,
                seed: s.seed,
                reach_before_se: s.reach_before_se,
                reach_after_se: s.reach_after_se,
                fragmentation_after_se: s.reach_after_se,
                trusted_reach_before_se: s.trusted_reach_before_se,
                trusted_reach_after_se: s.trusted_reach_after_se,
                sustainability_se: s.sustainability_se,
                dependent_pairs_se: s.dependent_pairs_se,
            }),
        }
    }
}

/// One actor's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExitActor {
    /// Who.
    #[serde(flatten)]
    pub identity: ActorIdentity,
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
    /// Present only for `exit --sample`: the standard error of
    /// `exit_impact` (null where there is no impact).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_impact_se: Option<Option<f64>>,
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
    let actors = (0..net.len())
        .map(|i| ExitActor {
            identity: ActorIdentity::of(net, i),
            exiting: m.exit.binary_search(&i).is_ok(),
            stranded: m.stranded.binary_search(&i).is_ok(),
            trust_retained: m.trust_retained[i],
            exit_impact: impact[i],
            exit_impact_rank: rank[i],
            exit_impact_se: None,
        })
        .collect();
    ExitReport { summary, actors }
}

/// [`exit`] for a sampled estimate: the same report with each actor's
/// `exit_impact_se` (indexed like the actors).
pub fn exit_sampled(
    net: &Network,
    spec: &ExitSpec,
    m: &ExitMeasures,
    impact: &[Option<f64>],
    impact_se: &[Option<f64>],
    without_handover: Option<Option<f64>>,
) -> ExitReport {
    let mut report = exit(net, spec, m, impact, without_handover);
    for (a, se) in report.actors.iter_mut().zip(impact_se) {
        a.exit_impact_se = Some(*se);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_put_the_largest_impact_first_and_break_ties_by_id() {
        let r = ranks(&[Some(0.2), None, Some(0.5), Some(0.2 + 1e-17), Some(0.0)]);
        assert_eq!(r, vec![Some(2), None, Some(1), Some(3), Some(4)]);
    }
}

//! Sustainability after exit: what the stakeholders keep when implementation
//! support leaves, or is handed to internal capacity.
//!
//! Definitions: the format's "Sustainability after exit" and "Handover"
//! sections (`docs/format.md`), read as in
//! `tests/fixtures/exit/README.md` (the project's twelve interpretation
//! choices). Notation: X the exiting actors, S the stakeholders not in X,
//! G the network, G′ = G − X (after any handover), `pt` the path trust of
//! `metrics::trust_paths`; pairs are ordered pairs of distinct members of S.
//!
//! The measures come from one pass over the members of S as sources: a
//! max-product Dijkstra in G, then G′'s row only where it can differ from G's:
//! nothing when no exiting actor has a child in that source's tree, a repair
//! of the exiting actors' subtrees otherwise
//! (`PathTrust::repair`, same bits as a full run), and a full Dijkstra only
//! after a handover (which adds arcs). Rows are streamed, never stored, so
//! memory stays O(|V| + |E|) per thread.
//!
//! Reference implementation: `tests/fixtures/exit/generate.py` (plain-Python
//! Dijkstra on products; `tests/exit_reference.rs` compares to 1e-9).
//! Fragmentation after Borgatti, S. P. (2006). Identifying sets of key players
//! in a social network. *Computational & Mathematical Organization Theory*
//! 12(1), 21–34.

use std::collections::BTreeSet;

use rayon::prelude::*;

pub(crate) use super::handover::handed_over;
pub use super::handover::{handover, handover_ties};
use super::scenario::exit_mask;
use super::trust_paths::{PathTrust, TrustGraph, NO_PRED};
use crate::error::Error;
use crate::model::{ActorKind, Network, Placement};

pub use super::tolerance::{close, REL_TOL};

/// `after` is lower than `before` by more than [`REL_TOL`] relative.
fn lower(after: f64, before: f64) -> bool {
    after < before && !close(after, before)
}

/// Sources per parallel task: fixed, so the split does not follow the thread
/// count and float sums come out the same bits.
const SOURCE_CHUNK: usize = 32;

/// One handover: FROM's ties to stakeholders are copied to TO at
/// trust × `factor` before FROM exits (`--handover FROM=TO[:FACTOR]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Handover {
    /// Index of the actor who leaves.
    pub from: usize,
    /// Index of the actor who takes the ties over.
    pub to: usize,
    /// Trust multiplier in [0, 1] (the format's default is 0.5).
    pub factor: f64,
}

/// Who exits, and which handovers happen first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExitSpec {
    /// Indices of the exiting actors (the FROMs of handovers join them).
    pub exit: Vec<usize>,
    /// Handovers, applied in order, each to the network the previous one left.
    pub handovers: Vec<Handover>,
}

impl ExitSpec {
    /// The default (docs/format.md): every external practitioner exits.
    pub fn default_for(net: &Network) -> Self {
        ExitSpec {
            exit: default_exit(net),
            handovers: Vec::new(),
        }
    }

    /// The final exit set X, sorted: `exit` plus every handover's FROM.
    pub fn exit_set(&self) -> Vec<usize> {
        let mut x: Vec<usize> = self.exit.clone();
        x.extend(self.handovers.iter().map(|h| h.from));
        x.sort_unstable();
        x.dedup();
        x
    }
}

/// Every external practitioner: the format's default exit set, sorted.
pub fn default_exit(net: &Network) -> Vec<usize> {
    (0..net.len())
        .filter(|&i| {
            let a = net.actor(i);
            a.kind == ActorKind::Practitioner && a.placement == Placement::External
        })
        .collect()
}

/// The sustainability measures of one exit scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ExitMeasures {
    /// X: the exiting actors (handover FROMs included), in id order.
    pub exit: Vec<usize>,
    /// S: the stakeholders not in X, in id order.
    pub stayers: Vec<usize>,
    /// Fraction of ordered pairs of S with a path in G (null below 2 members).
    pub reach_before: Option<f64>,
    /// The same in G′.
    pub reach_after: Option<f64>,
    /// `1 − reach_after` (Borgatti's fragmentation over S).
    pub fragmentation_after: Option<f64>,
    /// Mean `pt(u, v)` over the ordered pairs of S, in G.
    pub trusted_reach_before: Option<f64>,
    /// The same in G′.
    pub trusted_reach_after: Option<f64>,
    /// `trusted_reach_after / trusted_reach_before`; null when the
    /// denominator is 0. Not capped at 1: a handover can add trusted reach.
    pub sustainability: Option<f64>,
    /// Fraction of the pairs connected in G whose `pt` is lower in G′ by more
    /// than 1e-12 relative; null when no pair is connected in G.
    pub dependent_pairs: Option<f64>,
    /// Members of S connected (a path either way) to another member in G and
    /// to none in G′, in id order.
    pub stranded: Vec<usize>,
    /// Unordered pairs of groups (indices into [`Network::groups`], first <
    /// second, sorted) that some path joined in G and none joins in G′.
    pub group_bridges_lost: Vec<(usize, usize)>,
    /// Per actor (indexed like [`Network::actors`]): Σ_v pt′(u, v) / Σ_v pt(u, v)
    /// over v ∈ S \ {u} for u ∈ S; `None` for actors not in S and where u
    /// reached no one in G.
    pub trust_retained: Vec<Option<f64>>,
}

/// One scenario of a pass: who is removed, over which after-graph.
struct Scenario<'a> {
    /// The after-graph when it differs from G (a handover).
    after: Option<&'a TrustGraph>,
    removed: Vec<bool>,
    exit: Vec<usize>,
    stayers: Vec<usize>,
    /// Connectivity flags, bridges and per-row sums: only the main scenario
    /// needs them, the one-practitioner exits need only the two totals (and
    /// all have every stakeholder as S, which lets them share G's row sums).
    detail: bool,
}

/// What one source contributes to one scenario.
#[derive(Debug, Clone, Copy, Default)]
struct Row {
    sum0: f64,
    sum1: f64,
    conn0: usize,
    conn1: usize,
    dependent: usize,
}

/// Per chunk of sources, per scenario.
#[derive(Debug, Clone, Default)]
struct Partial {
    rows: Vec<(usize, Row)>,
    /// Reached by some member of S (in G, in G′): the "in" half of "a path
    /// either way".
    in0: Vec<bool>,
    in1: Vec<bool>,
    out0: Vec<bool>,
    out1: Vec<bool>,
    bridges0: BTreeSet<(usize, usize)>,
    bridges1: BTreeSet<(usize, usize)>,
}

/// Totals of one scenario after the pass.
struct Totals {
    rows: Vec<(usize, Row)>,
    in0: Vec<bool>,
    in1: Vec<bool>,
    out0: Vec<bool>,
    out1: Vec<bool>,
    bridges0: BTreeSet<(usize, usize)>,
    bridges1: BTreeSet<(usize, usize)>,
}

/// Per-thread buffers.
struct Work {
    pt0: PathTrust,
    pt1: PathTrust,
    has_child: Vec<bool>,
    groups0: Vec<bool>,
    groups1: Vec<bool>,
}

/// One pass over the union of the scenarios' stayers as sources.
fn pass(net: &Network, g: &TrustGraph, scenarios: &[Scenario<'_>]) -> Vec<Totals> {
    let n = net.len();
    let mut is_source = vec![false; n];
    for sc in scenarios {
        for &s in &sc.stayers {
            is_source[s] = true;
        }
    }
    let sources: Vec<usize> = (0..n).filter(|&i| is_source[i]).collect();
    let in_s: Vec<Vec<bool>> = scenarios
        .iter()
        .map(|sc| {
            let mut m = vec![false; n];
            for &s in &sc.stayers {
                m[s] = true;
            }
            m
        })
        .collect();
    let k = net.groups().len();
    let partials: Vec<Vec<Partial>> = sources
        .par_chunks(SOURCE_CHUNK)
        .map(|chunk| {
            let mut w = Work {
                pt0: PathTrust::new(n),
                pt1: PathTrust::new(n),
                has_child: vec![false; n],
                groups0: vec![false; k],
                groups1: vec![false; k],
            };
            let mut parts: Vec<Partial> = scenarios
                .iter()
                .map(|sc| {
                    let flags = if sc.detail { n } else { 0 };
                    Partial {
                        in0: vec![false; flags],
                        in1: vec![false; flags],
                        out0: vec![false; flags],
                        out1: vec![false; flags],
                        ..Partial::default()
                    }
                })
                .collect();
            for &a in chunk {
                source_rows(net, g, scenarios, &in_s, a, &mut w, &mut parts);
            }
            parts
        })
        .collect();
    scenarios
        .iter()
        .enumerate()
        .map(|(s, sc)| {
            let flags = if sc.detail { n } else { 0 };
            let mut t = Totals {
                rows: Vec::new(),
                in0: vec![false; flags],
                in1: vec![false; flags],
                out0: vec![false; flags],
                out1: vec![false; flags],
                bridges0: BTreeSet::new(),
                bridges1: BTreeSet::new(),
            };
            for chunk in &partials {
                let p = &chunk[s];
                t.rows.extend_from_slice(&p.rows);
                for (dst, src) in [
                    (&mut t.in0, &p.in0),
                    (&mut t.in1, &p.in1),
                    (&mut t.out0, &p.out0),
                    (&mut t.out1, &p.out1),
                ] {
                    for (d, &v) in dst.iter_mut().zip(src) {
                        *d |= v;
                    }
                }
                t.bridges0.extend(&p.bridges0);
                t.bridges1.extend(&p.bridges1);
            }
            t
        })
        .collect()
}

/// The contributions of source `a` to every scenario it is a stayer of.
fn source_rows(
    net: &Network,
    g: &TrustGraph,
    scenarios: &[Scenario<'_>],
    in_s: &[Vec<bool>],
    a: usize,
    w: &mut Work,
    parts: &mut [Partial],
) {
    w.pt0.run(g, a, &[]);
    for &v in w.pt0.reached() {
        let p = w.pt0.pred[v as usize];
        if p != NO_PRED {
            w.has_child[p as usize] = true;
        }
    }
    // Σ pt and the connected count of a's row in G over every stakeholder:
    // the S of all the one-practitioner exits, so computed once.
    let mut shared: Option<(f64, usize)> = None;
    for (s, sc) in scenarios.iter().enumerate() {
        if !in_s[s][a] {
            continue;
        }
        // Unless an exiting actor relays some path of a's tree, every row
        // entry of a stayer is the same in G′ as in G.
        let rerun = sc.after.is_some() || sc.exit.iter().any(|&x| w.has_child[x]);
        if let (true, Some(after)) = (rerun, sc.after) {
            w.pt1.run(after, a, &sc.removed);
        } else if rerun {
            w.pt1.repair(g, &w.pt0, &sc.removed);
        }
        if !sc.detail && sc.after.is_none() {
            let (sum0, conn0) =
                *shared.get_or_insert_with(|| row_totals(&w.pt0.pt, &sc.stayers, a));
            let mut r = Row {
                sum0,
                sum1: sum0,
                conn0,
                conn1: conn0,
                dependent: 0,
            };
            if rerun {
                // Only the cut actors can differ, so only they are visited;
                // the loss is summed in settling order, fixed per source.
                let mut loss = 0.0;
                for &v in w.pt1.reached() {
                    let v = v as usize;
                    if v == a || !in_s[s][v] {
                        continue;
                    }
                    let (p0, p1) = (w.pt0.pt[v], w.pt1.pt[v]);
                    loss += p0 - p1;
                    r.conn1 -= usize::from(p0 > 0.0 && p1 == 0.0);
                    r.dependent += usize::from(lower(p1, p0));
                }
                r.sum1 = sum0 - loss;
            }
            parts[s].rows.push((a, r));
            continue;
        }
        let row1 = if rerun { &w.pt1.pt } else { &w.pt0.pt };
        let row0 = &w.pt0.pt;
        let mut r = Row::default();
        let part = &mut parts[s];
        if sc.detail {
            w.groups0.iter_mut().for_each(|x| *x = false);
            w.groups1.iter_mut().for_each(|x| *x = false);
        }
        for &v in &sc.stayers {
            if v == a {
                continue;
            }
            let (p0, p1) = (row0[v], row1[v]);
            r.sum0 += p0;
            r.sum1 += p1;
            if p0 > 0.0 {
                r.conn0 += 1;
                if lower(p1, p0) {
                    r.dependent += 1;
                }
            }
            if p1 > 0.0 {
                r.conn1 += 1;
            }
            if sc.detail {
                if p0 > 0.0 {
                    part.in0[v] = true;
                    w.groups0[net.group_of(v)] = true;
                }
                if p1 > 0.0 {
                    part.in1[v] = true;
                    w.groups1[net.group_of(v)] = true;
                }
            }
        }
        if sc.detail {
            part.out0[a] = r.conn0 > 0;
            part.out1[a] = r.conn1 > 0;
            let ga = net.group_of(a);
            for (gs, bridges) in [
                (&w.groups0, &mut part.bridges0),
                (&w.groups1, &mut part.bridges1),
            ] {
                for (gb, _) in gs.iter().enumerate().filter(|(gb, &on)| on && *gb != ga) {
                    bridges.insert((ga.min(gb), ga.max(gb)));
                }
            }
        }
        part.rows.push((a, r));
    }
    for &v in w.pt0.reached() {
        w.has_child[v as usize] = false;
    }
}

/// Σ_v pt(a, v) over the stayers v ≠ a, in stayer order, and how many are
/// reached.
fn row_totals(pt: &[f64], stayers: &[usize], a: usize) -> (f64, usize) {
    let (mut sum, mut conn) = (0.0, 0);
    for &v in stayers {
        if v != a {
            sum += pt[v];
            conn += usize::from(pt[v] > 0.0);
        }
    }
    (sum, conn)
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}

/// Σ over the rows of one field, in source order (fixed, so the same bits at
/// any thread count).
fn total(rows: &[(usize, Row)], f: impl Fn(&Row) -> f64) -> f64 {
    rows.iter().map(|(_, r)| f(r)).sum()
}

fn measures(net: &Network, sc: &Scenario<'_>, t: Totals) -> ExitMeasures {
    let k = sc.stayers.len();
    let pairs = k * k.saturating_sub(1);
    let per_pair = |x: f64| (pairs > 0).then(|| x / pairs as f64);
    let sum0 = total(&t.rows, |r| r.sum0);
    let sum1 = total(&t.rows, |r| r.sum1);
    let conn0: usize = t.rows.iter().map(|(_, r)| r.conn0).sum();
    let conn1: usize = t.rows.iter().map(|(_, r)| r.conn1).sum();
    let dependent: usize = t.rows.iter().map(|(_, r)| r.dependent).sum();
    let reach_after = per_pair(conn1 as f64);
    let trb = per_pair(sum0);
    let tra = per_pair(sum1);
    let mut trust_retained = vec![None; net.len()];
    for (a, r) in &t.rows {
        trust_retained[*a] = ratio(r.sum1, r.sum0);
    }
    let stranded = if sc.detail {
        sc.stayers
            .iter()
            .copied()
            .filter(|&u| (t.out0[u] || t.in0[u]) && !(t.out1[u] || t.in1[u]))
            .collect()
    } else {
        Vec::new()
    };
    ExitMeasures {
        exit: sc.exit.clone(),
        stayers: sc.stayers.clone(),
        reach_before: per_pair(conn0 as f64),
        reach_after,
        fragmentation_after: reach_after.map(|r| 1.0 - r),
        trusted_reach_before: trb,
        trusted_reach_after: tra,
        sustainability: trb.zip(tra).and_then(|(b, a)| ratio(a, b)),
        dependent_pairs: ratio(dependent as f64, conn0 as f64),
        stranded,
        group_bridges_lost: t.bridges0.difference(&t.bridges1).copied().collect(),
        trust_retained,
    }
}

fn stayers_of(net: &Network, exit: &[usize]) -> Vec<usize> {
    (0..net.len())
        .filter(|&i| net.actor(i).kind == ActorKind::Stakeholder && exit.binary_search(&i).is_err())
        .collect()
}

fn check(net: &Network, spec: &ExitSpec) -> Result<(), Error> {
    match spec.exit.iter().find(|&&i| i >= net.len()) {
        Some(&index) => Err(Error::ActorIndex { index }),
        None => Ok(()),
    }
}

/// Sustainability after the exit of `spec.exit` (after `spec.handovers`).
///
/// With X the final exit set, S the stakeholders not in X and pairs the
/// ordered pairs of distinct members of S:
/// `reach = |{(u,v): pt(u,v) > 0}| / |pairs|`,
/// `trusted_reach = Σ pt(u,v) / |pairs|`, in G and in G′,
/// `sustainability = trusted_reach_after / trusted_reach_before`, and the
/// other fields as [`ExitMeasures`] documents them.
///
/// Reference: the format's "Sustainability after exit"; values match
/// `tests/fixtures/exit/generate.py` to 1e-9 relative.
///
/// # Complexity
/// Time **O(|S| (|V| + |E|) log |V|)** (one Dijkstra per member of S, plus
/// a repair of the exiting actors' subtrees, or a second Dijkstra after a
/// handover), memory **O(|V| + |E|)** per thread; parallel over fixed chunks
/// of sources.
pub fn exit(net: &Network, spec: &ExitSpec) -> Result<ExitMeasures, Error> {
    Ok(exit_and_impact(net, spec, false)?.0)
}

/// Exit impact of every practitioner: `1 − sustainability` when that
/// practitioner alone exits the original network (S = every stakeholder).
/// Indexed like [`Network::actors`]; `None` for stakeholders and where
/// sustainability is undefined (no trusted reach before).
///
/// # Complexity
/// One Dijkstra per stakeholder in G; then, per stakeholder and practitioner
/// relaying a path of that stakeholder's most-trusted-path tree, a repair of
/// the practitioner's subtree: O(|V|) plus O((c + e) log c) for the c actors
/// cut off and their e arcs.
pub fn exit_impact(net: &Network) -> Vec<Option<f64>> {
    let g = TrustGraph::new(net);
    let scenarios = impact_scenarios(net);
    let totals = pass(net, &g, &scenarios);
    impacts(net, &scenarios, totals)
}

fn impact_scenarios(net: &Network) -> Vec<Scenario<'static>> {
    let everyone = stayers_of(net, &[]);
    (0..net.len())
        .filter(|&p| net.actor(p).kind == ActorKind::Practitioner)
        .map(|p| Scenario {
            after: None,
            removed: exit_mask(net.len(), &[p]),
            exit: vec![p],
            stayers: everyone.clone(),
            detail: false,
        })
        .collect()
}

fn impacts(net: &Network, scenarios: &[Scenario<'_>], totals: Vec<Totals>) -> Vec<Option<f64>> {
    let mut out = vec![None; net.len()];
    for (sc, t) in scenarios.iter().zip(totals) {
        let m = measures(net, sc, t);
        out[sc.exit[0]] = m.sustainability.map(|s| 1.0 - s);
    }
    out
}

/// [`exit`] and, when `with_impact`, [`exit_impact`] in one pass, sharing the
/// Dijkstra runs in G (the `exit` command reports both).
pub fn exit_and_impact(
    net: &Network,
    spec: &ExitSpec,
    with_impact: bool,
) -> Result<(ExitMeasures, Vec<Option<f64>>), Error> {
    check(net, spec)?;
    let handed = handed_over(net, spec)?;
    let g = TrustGraph::new(net);
    let after = handed.as_ref().map(TrustGraph::new);
    let x = spec.exit_set();
    let mut scenarios = vec![Scenario {
        after: after.as_ref(),
        removed: exit_mask(net.len(), &x),
        stayers: stayers_of(net, &x),
        exit: x,
        detail: true,
    }];
    if with_impact {
        scenarios.extend(impact_scenarios(net));
    }
    let mut totals = pass(net, &g, &scenarios);
    let rest = totals.split_off(1);
    let main = measures(net, &scenarios[0], totals.pop().expect("main scenario"));
    let impact = if with_impact {
        impacts(net, &scenarios[1..], rest)
    } else {
        vec![None; net.len()]
    };
    Ok((main, impact))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::plan::{plan, successors};
    use crate::{Actor, TieSpec};

    fn near(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() <= 1e-12 * b.abs().max(1e-300))
    }

    fn grouped(id: &str, group: &str) -> Actor {
        let mut a = Actor::stakeholder(id);
        a.group = group.to_string();
        a
    }

    /// data/real/tiny, as in its SOURCE.md.
    fn tiny() -> Network {
        let mut p2 = Actor::practitioner("p2");
        p2.placement = Placement::Internal;
        let actors = vec![
            grouped("a1", "A"),
            grouped("a2", "A"),
            grouped("b1", "B"),
            grouped("b2", "B"),
            grouped("c1", "C"),
            Actor::practitioner("p1"),
            p2,
        ];
        let t = TieSpec::mutual;
        Network::from_parts(
            actors,
            &[
                t("a1", "a2", 0.8),
                t("b1", "b2", 0.8),
                t("p1", "a1", 0.8),
                t("p1", "b1", 0.8),
                t("p1", "c1", 0.5),
                t("p2", "a2", 0.5),
                t("p2", "b2", 0.5),
                t("p1", "p2", 0.8),
            ],
        )
        .unwrap()
    }

    #[test]
    fn tiny_default_exit_matches_source_md() {
        let net = tiny();
        let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
        assert_eq!(m.exit, vec![5]);
        assert_eq!((m.reach_before, m.reach_after), (Some(1.0), Some(0.6)));
        assert!(near(m.fragmentation_after, 0.4));
        // Sums over the 10 unordered pairs: 5.1136 in G, 2.41 in G − p1.
        assert!(near(m.trusted_reach_before, 0.51136));
        assert!(near(m.trusted_reach_after, 0.241));
        assert!(near(m.sustainability, 0.241 / 0.51136));
        assert!(near(m.dependent_pairs, 0.8));
        assert_eq!(m.stranded, vec![4]); // c1
        let g = |name: &str| net.groups().iter().position(|x| x == name).unwrap();
        assert_eq!(
            m.group_bridges_lost,
            vec![(g("A"), g("C")), (g("B"), g("C"))]
        );
        assert!(near(m.trust_retained[0], 1.16 / 2.352));
        assert!(near(m.trust_retained[1], 1.25 / 2.0416));
        assert_eq!(m.trust_retained[4], Some(0.0));
        assert_eq!(m.trust_retained[5], None); // p1 is not in S
        let impact = exit_impact(&net);
        assert!(near(impact[5], 1.0 - 0.241 / 0.51136));
        assert_eq!(impact[6], Some(0.0)); // p2 relays no best path
        assert_eq!(impact[0], None);
    }

    #[test]
    fn handover_ties_are_the_copies_that_changed_to() {
        let net = tiny();
        let i = |id: &str| net.index_of(id).unwrap();
        let handover = |from, to, factor| ExitSpec {
            exit: default_exit(&net),
            handovers: vec![Handover { from, to, factor }],
        };
        // p1's ties to b1 (0.8) and c1 (0.5) at half trust; a1 is TO itself
        // and p2 is a practitioner, so neither is copied.
        assert_eq!(
            handover_ties(&net, &handover(i("p1"), i("a1"), 0.5)).unwrap(),
            vec![(i("a1"), i("b1"), 0.4), (i("a1"), i("c1"), 0.25)]
        );
        // A copy weaker than TO's own tie changes nothing: p1–a1 at 0.1 is
        // 0.08, below a2's own 0.8 tie to a1, so only b1 and c1 are new.
        assert_eq!(
            handover_ties(&net, &handover(i("p1"), i("a2"), 0.1)).unwrap(),
            vec![
                (i("a2"), i("b1"), 0.08000000000000002),
                (i("a2"), i("c1"), 0.05)
            ]
        );
        assert!(handover_ties(&net, &ExitSpec::default_for(&net))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn tiny_handover_and_plan_match_source_md() {
        let net = tiny();
        let spec = ExitSpec {
            exit: vec![],
            handovers: vec![Handover {
                from: 5,
                to: 0,
                factor: 0.5,
            }],
        };
        let m = exit(&net, &spec).unwrap();
        assert_eq!(m.exit, vec![5]);
        assert!(near(m.trusted_reach_after, 0.3526));
        assert!(near(m.sustainability, 0.3526 / 0.51136));
        assert_eq!(m.reach_after, Some(1.0));
        assert!(m.stranded.is_empty() && m.group_bridges_lost.is_empty());
        // The original network is untouched.
        assert_eq!(net.ties().len(), 8);

        let steps = plan(&net, &ExitSpec::default_for(&net), 3).unwrap();
        let ties: Vec<(usize, usize)> = steps.iter().map(|s| (s.a, s.b)).collect();
        // Step 2 is an exact tie between a1–c1 and b1–c1, won by the lower ids.
        assert_eq!(ties, vec![(0, 2), (0, 4), (2, 4)]);
        assert!(near(Some(steps[0].gain), 0.12636));
        assert!(near(Some(steps[1].gain), 0.11808));
        assert!(near(Some(steps[2].gain), 0.02592));
        assert!(near(steps[2].sustainability, 1.0));
    }

    /// s1 (A) ─.5─ p ─.8─ s2 (B) ─.5─ s3 (B): p is a cut vertex.
    #[test]
    fn cut_vertex_practitioner() {
        let net = Network::from_parts(
            vec![
                Actor::practitioner("p"),
                grouped("s1", "A"),
                grouped("s2", "B"),
                grouped("s3", "B"),
            ],
            &[
                TieSpec::mutual("s1", "p", 0.5),
                TieSpec::mutual("p", "s2", 0.8),
                TieSpec::mutual("s2", "s3", 0.5),
            ],
        )
        .unwrap();
        let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
        assert!(near(m.sustainability, 5.0 / 11.0));
        assert!(near(m.dependent_pairs, 2.0 / 3.0));
        assert!(near(m.reach_after, 1.0 / 3.0));
        assert_eq!(m.stranded, vec![1]);
        assert_eq!(m.group_bridges_lost, vec![(1, 2)]); // groups: "" (p), A, B
        assert!(near(m.trust_retained[2], 5.0 / 9.0));
        assert!(near(m.trust_retained[3], 5.0 / 7.0));
        assert!(near(exit_impact(&net)[0], 6.0 / 11.0));
        let steps = plan(&net, &ExitSpec::default_for(&net), 2).unwrap();
        assert_eq!(steps.len(), 1);
        assert_eq!((steps[0].a, steps[0].b), (1, 2));
        assert!(near(Some(steps[0].trust), 0.4));
        assert!(near(Some(steps[0].gain), 0.2));
        let succ = successors(&net, &[0]);
        assert_eq!(
            (succ[0].successor, succ[0].sustainability),
            (Some(1), Some(1.0))
        );
    }

    /// s1 → p .9, p → s1 .3, p ─ s2 .5, s2 → s1 .6: direction matters.
    #[test]
    fn directed_asymmetric_trust() {
        let net = Network::from_parts(
            vec![
                Actor::practitioner("p"),
                grouped("s1", "G1"),
                grouped("s2", "G2"),
            ],
            &[
                TieSpec::directed("s1", "p", 0.9),
                TieSpec::directed("p", "s1", 0.3),
                TieSpec::mutual("p", "s2", 0.5),
                TieSpec::directed("s2", "s1", 0.6),
            ],
        )
        .unwrap();
        let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
        assert_eq!(m.reach_after, Some(0.5));
        assert!(near(m.trusted_reach_before, 0.525));
        assert!(near(m.sustainability, 4.0 / 7.0));
        assert_eq!(m.dependent_pairs, Some(0.5));
        // s1 still has the path s2 → s1: not stranded, and G1–G2 is kept.
        assert!(m.stranded.is_empty() && m.group_bridges_lost.is_empty());
        assert_eq!(
            (m.trust_retained[1], m.trust_retained[2]),
            (Some(0.0), Some(1.0))
        );
        // {s1, s2} is tied one way already: no introduction to make.
        assert!(plan(&net, &ExitSpec::default_for(&net), 2)
            .unwrap()
            .is_empty());
        // Handing to s2 copies p → s1 as s2 → s1 .15 (keeps .6) and s1 → p as
        // s1 → s2 .45: sustainability 1; to s1 only 17/21.
        let succ = successors(&net, &[0]);
        assert_eq!(succ[0].successor, Some(2));
        assert!(near(succ[0].sustainability, 1.0));
        let to_s1 = Handover {
            from: 0,
            to: 1,
            factor: 0.5,
        };
        let h = exit(
            &net,
            &ExitSpec {
                exit: vec![0],
                handovers: vec![to_s1],
            },
        )
        .unwrap();
        assert!(near(h.sustainability, 17.0 / 21.0));
    }

    /// Trust-0 ties are ties (they exclude introductions) but carry no path.
    #[test]
    fn trust_zero_ties() {
        let net = Network::from_parts(
            vec![
                Actor::practitioner("p"),
                grouped("s1", "A"),
                grouped("s2", "B"),
                grouped("s3", "B"),
            ],
            &[
                TieSpec::mutual("s1", "p", 0.8),
                TieSpec::mutual("p", "s2", 0.8),
                TieSpec::mutual("s2", "s3", 0.5),
                TieSpec::mutual("s1", "s2", 0.0),
                TieSpec::mutual("s3", "p", 0.0),
            ],
        )
        .unwrap();
        let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
        assert!(near(m.trusted_reach_before, 1.46 / 3.0));
        assert!(near(m.sustainability, 0.5 / 1.46));
        assert_eq!(m.stranded, vec![1]);
        assert!(near(m.trust_retained[2], 0.5 / 1.14));
        assert!(plan(&net, &ExitSpec::default_for(&net), 2)
            .unwrap()
            .is_empty());
        let succ = successors(&net, &[0]);
        assert_eq!(succ[0].successor, Some(1));
        assert!(near(succ[0].sustainability, 1.1 / 1.46));
    }

    #[test]
    fn bad_handovers_are_refused() {
        let net = tiny();
        let h = |from, to, factor| Handover { from, to, factor };
        assert!(matches!(
            handover(&net, &h(5, 5, 0.5)),
            Err(Error::HandoverToSelf { .. })
        ));
        assert!(matches!(
            handover(&net, &h(5, 0, 1.5)),
            Err(Error::HandoverFactor { .. })
        ));
        assert!(matches!(
            handover(&net, &h(5, 99, 0.5)),
            Err(Error::ActorIndex { index: 99 })
        ));
    }
}

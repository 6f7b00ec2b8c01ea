//! The greedy exit plan (introductions to broker before leaving) and, from
//! `succession.rs`, the best single internal successor of each exiting
//! practitioner.
//!
//! Definitions: the format's "Exit plan" section, read as in
//! `tests/fixtures/exit/README.md` (choices 7, 8 and 10). Both work on the
//! matrix `M` of path trusts among the stayers in G′, updated in place rather
//! than recomputed: adding a mutual tie u–v of trust t changes
//! `pt(a, b)` to `max(pt(a, b), pt(a, u)·t·pt(v, b), pt(a, v)·t·pt(u, b))`
//! (a most trusted path uses the new tie at most once), and a handover to c,
//! which only adds arcs at c, changes it to `max(pt(a, b), in_c(a)·out_c(b))`
//! with `in_c(a)`, `out_c(b)` the new path trusts to and from c.
//!
//! Both updates only touch pairs whose route can improve: for the tie u → v,
//! a pair (a, b) gains only if `pt(a,u)·t > pt(a,v)` and `t·pt(v,b) > pt(u,b)`
//! (otherwise the old route through u or v is already as good, since
//! `pt(a, b) ≥ pt(a, v)·pt(v, b)`), so a candidate costs
//! O(|S| + |A|·|B|) instead of a fresh all-pairs run.
//!
//! Reference implementation: `tests/fixtures/exit/generate.py` (recomputes
//! every candidate from scratch; `tests/exit_reference.rs` compares to 1e-9).

use std::collections::HashSet;

use rayon::prelude::*;

use super::exit::{close, handed_over, ExitSpec, REL_TOL};
use super::progress::Progress;
use super::scenario::exit_mask;
pub use super::succession::{
    role_mismatch, successor_ranking, successors, Successor, SuccessorCandidate, SuccessorRanking,
    SuccessorSearch, SUCCESSOR_FACTOR,
};
use super::trust_paths::{path_trust_matrix, TrustGraph};
use crate::error::Error;
use crate::model::{ActorKind, Network};

/// Candidates per parallel task: fixed, so results do not follow the thread
/// count.
const CANDIDATE_CHUNK: usize = 64;

/// One step of the exit plan: an introduction brokered before leaving.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanStep {
    /// The stakeholder with the lower id.
    pub a: usize,
    /// The other stakeholder.
    pub b: usize,
    /// Trust of the new mutual tie: the product of the two ties to the
    /// shared exiting actor (stronger direction; the best shared actor).
    pub trust: f64,
    /// New minus previous `trusted_reach_after`.
    pub gain: f64,
    /// Trusted reach after the exit with this and the earlier steps.
    pub trusted_reach_after: f64,
    /// That over the trusted reach before the exit (null when it is 0).
    pub sustainability: Option<f64>,
    /// Who makes the introduction: the exiting actor with ties of trust > 0
    /// to both a and b (either direction, the stronger one counting) whose
    /// weaker tie of the two is strongest, max over x of
    /// `min(t(a, x), t(b, x))`; equal values go to the lowest id. `None`
    /// when no exiting actor has trusted ties to both (then `trust` is 0 and
    /// the step is never taken, so every step has one in practice).
    ///
    /// This actor can differ from the one whose product gives `trust` (the
    /// format's rule for the new tie): an introduction rests on the weaker
    /// of the introducer's two relationships, the tie's strength on the
    /// best pair of them.
    pub introducer: Option<usize>,
}

/// Path trusts among `k` stayers, row-major, with the running sum over
/// ordered pairs of distinct stayers.
pub(super) struct Matrix {
    pub(super) k: usize,
    pub(super) m: Vec<f64>,
}

impl Matrix {
    pub(super) fn at(&self, a: usize, b: usize) -> f64 {
        self.m[a * self.k + b]
    }

    pub(super) fn row(&self, a: usize) -> &[f64] {
        &self.m[a * self.k..(a + 1) * self.k]
    }

    fn col(&self, c: usize) -> Vec<f64> {
        (0..self.k).map(|a| self.at(a, c)).collect()
    }

    /// `Mᵀ`, for reading columns as contiguous rows.
    pub(super) fn transpose(&self) -> Matrix {
        let k = self.k;
        let mut m = vec![0.0; k * k];
        for (a, row) in self.m.chunks_exact(k.max(1)).enumerate() {
            for (b, &p) in row.iter().enumerate() {
                m[b * k + a] = p;
            }
        }
        Matrix { k, m }
    }

    /// Σ over a ≠ b, rows in order (fixed order: same bits at any thread count).
    pub(super) fn sum(&self, members: &[bool]) -> f64 {
        (0..self.k)
            .filter(|&a| members[a])
            .map(|a| {
                self.row(a)
                    .iter()
                    .enumerate()
                    .filter(|&(b, _)| b != a && members[b])
                    .map(|(_, &p)| p)
                    .sum::<f64>()
            })
            .sum()
    }

    /// Σ_{a∈A, b∈B, a≠b} max(0, α_a·β_b − M\[a\]\[b\]) for the route a ⇝ u → v ⇝ b,
    /// where α_a = pt(a,u)·t and β_b = pt(v,b).
    fn route_gain(&self, alpha: &[(usize, f64)], beta: &[(usize, f64)]) -> f64 {
        let mut g = 0.0;
        for &(a, x) in alpha {
            let row = self.row(a);
            for &(b, y) in beta {
                let d = x * y - row[b];
                if d > 0.0 && a != b {
                    g += d;
                }
            }
        }
        g
    }

    /// The gain in Σ pt of adding the mutual tie u–v with trust t; `mt` is
    /// `Mᵀ`, for the columns of u and v; `nz`, when given, lists the
    /// positive entries of each row and column.
    fn tie_gain(
        &self,
        mt: &Matrix,
        nz: Option<&Support>,
        u: usize,
        v: usize,
        t: f64,
        w: &mut Routes,
    ) -> f64 {
        let (cu, cv) = (mt.row(u), mt.row(v));
        let (ru, rv) = (self.row(u), self.row(v));
        w.clear();
        // Route u → v: sources that reach u better than v, targets that v
        // reaches better than u; and the mirror route v → u.
        match nz {
            // A source a with pt(a, u) = 0 fails `pt(a,u)·t > pt(a,v)`, and a
            // target b with pt(v, b) = 0 fails `t·pt(v,b) > pt(u,b)`, so only
            // the positive entries need a look; ascending, as in the full
            // scan, so the sums come out the same bits.
            Some(nz) => {
                better_sources(ids(&nz.to[u]), cu, cv, t, &mut w.a1);
                better_targets(ids(&nz.from[v]), rv, ru, t, &mut w.b1);
                better_sources(ids(&nz.to[v]), cv, cu, t, &mut w.a2);
                better_targets(ids(&nz.from[u]), ru, rv, t, &mut w.b2);
            }
            None => {
                better_sources(0..self.k, cu, cv, t, &mut w.a1);
                better_targets(0..self.k, rv, ru, t, &mut w.b1);
                better_sources(0..self.k, cv, cu, t, &mut w.a2);
                better_targets(0..self.k, ru, rv, t, &mut w.b2);
            }
        }
        self.route_gain(&w.a1, &w.b1) + self.route_gain(&w.a2, &w.b2)
    }

    /// Add the mutual tie u–v with trust t.
    fn add_tie(&mut self, u: usize, v: usize, t: f64) {
        let k = self.k;
        let (cu, cv) = (self.col(u), self.col(v));
        let (ru, rv) = (self.row(u).to_vec(), self.row(v).to_vec());
        self.m.par_chunks_mut(k).enumerate().for_each(|(a, row)| {
            let (x, y) = (cu[a] * t, cv[a] * t);
            for (b, cell) in row.iter_mut().enumerate() {
                *cell = cell.max(x * rv[b]).max(y * ru[b]);
            }
        });
    }
}

/// Indices stored as u32, as positions.
fn ids(list: &[u32]) -> impl Iterator<Item = usize> + '_ {
    list.iter().map(|&x| x as usize)
}

/// The sources a that reach x through the new tie (trust t) better than
/// they reach y: pt(a, x)·t > pt(a, y), with α_a = pt(a, x)·t; `cx`, `cy`
/// are the columns of x and y. In the order of `among`.
fn better_sources(
    among: impl IntoIterator<Item = usize>,
    cx: &[f64],
    cy: &[f64],
    t: f64,
    out: &mut Vec<(usize, f64)>,
) {
    for a in among {
        if cx[a] * t > cy[a] {
            out.push((a, cx[a] * t));
        }
    }
}

/// The targets b that y reaches through the new tie better than x reaches
/// them: t·pt(y, b) > pt(x, b), with β_b = pt(y, b); `ry`, `rx` are the
/// rows of y and x. In the order of `among`.
fn better_targets(
    among: impl IntoIterator<Item = usize>,
    ry: &[f64],
    rx: &[f64],
    t: f64,
    out: &mut Vec<(usize, f64)>,
) {
    for b in among {
        if t * ry[b] > rx[b] {
            out.push((b, ry[b]));
        }
    }
}

/// The positive entries of a sparse path-trust matrix, by row (`from[a]`:
/// the b with pt(a, b) > 0) and by column (`to[b]`), in ascending order.
///
/// After an exit the stayers often fall apart into small pieces (a star
/// without its hub is all zeros off the diagonal); then a candidate's gain
/// costs O(reach of its ends) instead of O(|S|).
struct Support {
    from: Vec<Vec<u32>>,
    to: Vec<Vec<u32>>,
}

impl Support {
    /// The lists, or `None` when more than a quarter of the entries are
    /// positive (the full scan is as fast there, and the lists would cost
    /// more memory than [`plan_memory`] allows for).
    fn of(m: &Matrix) -> Option<Support> {
        let k = m.k;
        let positive = m.m.iter().filter(|&&p| p > 0.0).count();
        if positive > k * k / 4 || k > u32::MAX as usize {
            return None;
        }
        Some(Support::build(m))
    }

    /// The lists, whatever the density.
    fn build(m: &Matrix) -> Support {
        let k = m.k;
        let mut from = vec![Vec::new(); k];
        let mut to = vec![Vec::new(); k];
        for (a, row) in m.m.chunks_exact(k).enumerate() {
            for (b, &p) in row.iter().enumerate() {
                if p > 0.0 {
                    from[a].push(b as u32);
                    to[b].push(a as u32);
                }
            }
        }
        Support { from, to }
    }
}

/// Reused buffers of [`Matrix::tie_gain`]: the sources and targets of the
/// two routes through a new tie.
#[derive(Default)]
struct Routes {
    a1: Vec<(usize, f64)>,
    b1: Vec<(usize, f64)>,
    a2: Vec<(usize, f64)>,
    b2: Vec<(usize, f64)>,
}

impl Routes {
    fn clear(&mut self) {
        for v in [&mut self.a1, &mut self.b1, &mut self.a2, &mut self.b2] {
            v.clear();
        }
    }
}

/// The tie strength between a and x: the stronger of a → x and x → a, any
/// trust (0 included), or `None` when they are not tied.
fn strength(net: &Network, a: usize, x: usize) -> Option<f64> {
    let out = net
        .out_arcs(a)
        .filter(|&(v, _)| v == x)
        .map(|(_, arc)| arc.trust);
    let inn = net
        .in_arcs(a)
        .filter(|&(v, _)| v == x)
        .map(|(_, arc)| arc.trust);
    out.chain(inn).reduce(f64::max)
}

/// One candidate introduction between the stayers a < b (actor indices):
/// the new tie's trust and who introduces. 32 bytes, as a star's plan holds
/// |S|²/2 of them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Candidate {
    a: u32,
    b: u32,
    trust: f64,
    /// The introducer's weaker tie, see [`PlanStep::introducer`]; 0 when
    /// nobody has trusted ties to both.
    weaker: f64,
    /// The introducer, [`NOBODY`] when none.
    introducer: u32,
}

/// No introducer.
const NOBODY: u32 = u32::MAX;

impl Candidate {
    /// Fold `other` (the same pair through another exiting actor) in: the
    /// larger trust; the introducer with the stronger weaker tie, the earlier
    /// one (lower id, as the exiting actors come in id order) when equal.
    fn merge(&mut self, other: &Candidate) {
        self.trust = self.trust.max(other.trust);
        if other.weaker > self.weaker {
            (self.weaker, self.introducer) = (other.weaker, other.introducer);
        }
    }
}

/// The candidate introductions: pairs (a, b) of stayers, a < b, not tied in
/// G′ (`tied_in`: the network after the handovers, or the original; either
/// direction, any trust) who both have a tie in the original network to some
/// exiting actor; trust = the largest product of the two ties' strengths.
/// Sorted by (a, b).
///
/// A handover adds ties, so a pair tied in G is tied in G′; reading "not
/// tied yet" in G′ keeps the plan from proposing a pair a handover already
/// joined (a stakeholder TO and FROM's other contacts).
fn candidates(net: &Network, tied_in: &Network, exit: &[usize], stayer: &[bool]) -> Vec<Candidate> {
    let tied: HashSet<(usize, usize)> = tied_in
        .ties()
        .iter()
        .map(|t| (t.source.min(t.target), t.source.max(t.target)))
        .collect();
    let mut out: Vec<Candidate> = Vec::new();
    for &x in exit {
        let mut contacts: Vec<usize> = net
            .out_arcs(x)
            .map(|(v, _)| v)
            .chain(net.in_arcs(x).map(|(v, _)| v))
            .filter(|&v| stayer[v])
            .collect();
        contacts.sort_unstable();
        contacts.dedup();
        let s: Vec<(usize, f64)> = contacts
            .iter()
            .map(|&c| (c, strength(net, c, x).expect("a contact is tied")))
            .collect();
        for (i, &(a, ta)) in s.iter().enumerate() {
            for &(b, tb) in &s[i + 1..] {
                if tied.contains(&(a, b)) {
                    continue;
                }
                let weaker = ta.min(tb);
                out.push(Candidate {
                    a: a as u32,
                    b: b as u32,
                    trust: ta * tb,
                    weaker: if weaker > 0.0 { weaker } else { 0.0 },
                    introducer: if weaker > 0.0 { x as u32 } else { NOBODY },
                });
            }
        }
    }
    // Stable: a pair's entries stay in exit (id) order for `merge`.
    out.sort_by_key(|c| (c.a, c.b));
    out.dedup_by(|later, kept| {
        let same = (later.a, later.b) == (kept.a, kept.b);
        if same {
            kept.merge(later);
        }
        same
    });
    out.shrink_to_fit();
    out
}

/// Bytes the plan and the successor search hold at their peak for `k`
/// stakeholders: about four k × k matrices of path trusts (8 bytes each),
/// the O(|S|²) memory of an exact plan.
pub fn plan_memory(k: usize) -> u64 {
    4 * 8 * (k as u64) * (k as u64)
}

/// The greedy exit plan with at most `budget` steps.
///
/// Each step adds, among the remaining candidate introductions, the one that
/// raises `trusted_reach_after` most: gains within 1e-12 relative of the
/// largest go to the lowest (a, b) by id; the plan stops early when no
/// candidate gains more than 1e-12 × the current trusted reach (more than 0
/// when that is 0). Starts from G′ after the spec's handovers; a pair tied in
/// G′ (by the original network or by a handover) is never a candidate. Each
/// step names its introducer ([`PlanStep::introducer`]).
///
/// Reference: the format's "Exit plan"; matches
/// `tests/fixtures/exit/generate.py`'s `plan` to 1e-9 relative.
///
/// # Complexity
/// One Dijkstra per stayer, then per step O(C·(|S| + |A||B|)) for the C
/// candidates (|A||B| ≤ |S|², the pairs whose route can improve; O(reach)
/// instead of O(|S|) when few pairs are connected) and O(|S|²) for the
/// chosen tie; memory **O(|S|² + C)**. Candidates are evaluated in parallel
/// over fixed chunks.
pub fn plan(net: &Network, spec: &ExitSpec, budget: usize) -> Result<Vec<PlanStep>, Error> {
    plan_with_progress(net, spec, budget, &Progress::new())
}

/// [`plan`], counting candidate evaluations into `progress` (one stage of
/// Σ over the steps of the candidates left, reserved at the start).
// Long: the setup (stayers, matrices before and after, candidates) feeds the greedy loop, which
// reads most of it; a split would pass most of its locals.
pub fn plan_with_progress(
    net: &Network,
    spec: &ExitSpec,
    budget: usize,
    progress: &Progress,
) -> Result<Vec<PlanStep>, Error> {
    let handed = handed_over(net, spec)?;
    let x = spec.exit_set();
    if let Some(&index) = x.iter().find(|&&i| i >= net.len()) {
        return Err(Error::ActorIndex { index });
    }
    let removed = exit_mask(net.len(), &x);
    let stayers: Vec<usize> = (0..net.len())
        .filter(|&i| net.actor(i).kind == ActorKind::Stakeholder && !removed[i])
        .collect();
    let k = stayers.len();
    if k < 2 || budget == 0 {
        return Ok(Vec::new());
    }
    let pairs = (k * (k - 1)) as f64;
    let g = TrustGraph::new(net);
    let before = Matrix {
        k,
        m: path_trust_matrix(&g, &[], &stayers),
    };
    let all = vec![true; k];
    let sum_before = before.sum(&all);
    drop(before);
    let after_g = handed.as_ref().map(TrustGraph::new);
    let mut m = Matrix {
        k,
        m: path_trust_matrix(after_g.as_ref().unwrap_or(&g), &removed, &stayers),
    };
    let mut sum = m.sum(&all);

    let mut pos = vec![usize::MAX; net.len()];
    for (i, &s) in stayers.iter().enumerate() {
        pos[s] = i;
    }
    let stayer: Vec<bool> = pos.iter().map(|&p| p != usize::MAX).collect();
    if net.len() > NOBODY as usize {
        // Indices are kept in 32 bits; |S|² memory rules this out long before.
        return Err(Error::ActorIndex { index: net.len() });
    }
    let mut cands = candidates(net, handed.as_ref().unwrap_or(net), &x, &stayer);
    let c = cands.len() as u64;
    let steps_at_most = (budget as u64).min(c);
    // Σ_{i < steps} (C − i): the evaluations of a plan that runs to the end.
    let stage =
        progress.stage(steps_at_most * c - steps_at_most * steps_at_most.saturating_sub(1) / 2);
    let mut steps = Vec::new();
    while steps.len() < budget && !cands.is_empty() {
        let mt = m.transpose();
        let nz = Support::of(&m);
        let gains: Vec<f64> = cands
            .par_chunks(CANDIDATE_CHUNK)
            .flat_map_iter(|chunk| {
                let mut w = Routes::default();
                let out: Vec<f64> = chunk
                    .iter()
                    .map(|c| {
                        let (a, b) = (pos[c.a as usize], pos[c.b as usize]);
                        m.tie_gain(&mt, nz.as_ref(), a, b, c.trust, &mut w)
                    })
                    .collect();
                stage.advance(chunk.len() as u64);
                out
            })
            .collect();
        drop((mt, nz));
        let gmax = gains.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if gmax <= REL_TOL * sum {
            break;
        }
        let best = gains
            .iter()
            .position(|&g| close(g, gmax))
            .expect("the maximum is close to itself");
        let cand = cands.remove(best);
        let (a, b) = (cand.a as usize, cand.b as usize);
        m.add_tie(pos[a], pos[b], cand.trust);
        let new_sum = m.sum(&all);
        steps.push(PlanStep {
            a,
            b,
            trust: cand.trust,
            gain: (new_sum - sum) / pairs,
            trusted_reach_after: new_sum / pairs,
            sustainability: (sum_before != 0.0).then(|| new_sum / sum_before),
            introducer: (cand.introducer != NOBODY).then_some(cand.introducer as usize),
        });
        sum = new_sum;
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan over positive entries gives the same bits as the full scan,
    /// on a matrix with zeros (two pieces) and competing routes.
    #[test]
    fn sparse_and_full_scans_agree_to_the_bit() {
        let k = 6;
        // Pieces {0, 1, 2} and {3, 4, 5}: products along a chain in each.
        let mut m = vec![0.0; k * k];
        let t = [0.9, 0.6, 0.8, 0.7];
        for piece in [0, 3] {
            for a in 0..3 {
                m[(piece + a) * k + piece + a] = 1.0;
                for b in 0..3 {
                    if a != b {
                        let (lo, hi) = (a.min(b), a.max(b));
                        let p: f64 = (lo..hi).map(|i| t[(i + piece) % 4]).product();
                        m[(piece + a) * k + piece + b] = p;
                    }
                }
            }
        }
        let m = Matrix { k, m };
        let mt = m.transpose();
        // Half the entries are 0: above what `Support::of` takes, so build
        // the lists directly.
        assert!(Support::of(&m).is_none());
        let nz = Support::build(&m);
        let mut w = Routes::default();
        let mut positive = 0;
        for u in 0..k {
            for v in u + 1..k {
                for t in [0.3, 0.75, 0.95] {
                    let full = m.tie_gain(&mt, None, u, v, t, &mut w);
                    let sparse = m.tie_gain(&mt, Some(&nz), u, v, t, &mut w);
                    assert_eq!(full.to_bits(), sparse.to_bits(), "{u}-{v} at {t}");
                    positive += usize::from(full > 0.0);
                }
            }
        }
        assert!(positive > 10, "the case must exercise gains");
    }
}

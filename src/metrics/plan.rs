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

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use super::exit::{close, handed_over, ExitSpec, REL_TOL};
use super::scenario::exit_mask;
pub use super::succession::{successors, Successor, SUCCESSOR_FACTOR};
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
    /// `Mᵀ`, for the columns of u and v.
    fn tie_gain(&self, mt: &Matrix, u: usize, v: usize, t: f64, w: &mut Routes) -> f64 {
        let (cu, cv) = (mt.row(u), mt.row(v));
        let (ru, rv) = (self.row(u), self.row(v));
        w.clear();
        // Route u → v: sources that reach u better than v, targets that v
        // reaches better than u; and the mirror route v → u.
        for a in 0..self.k {
            if cu[a] * t > cv[a] {
                w.a1.push((a, cu[a] * t));
            }
            if t * rv[a] > ru[a] {
                w.b1.push((a, rv[a]));
            }
            if cv[a] * t > cu[a] {
                w.a2.push((a, cv[a] * t));
            }
            if t * ru[a] > rv[a] {
                w.b2.push((a, ru[a]));
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

/// The candidate introductions: pairs (a, b) of stayers, a < b, not tied in
/// the original network (either direction, any trust) who both have a tie to
/// some exiting actor; trust = the largest product of the two ties' strengths.
fn candidates(net: &Network, exit: &[usize], stayer: &[bool]) -> BTreeMap<(usize, usize), f64> {
    let tied: HashSet<(usize, usize)> = net
        .ties()
        .iter()
        .map(|t| (t.source.min(t.target), t.source.max(t.target)))
        .collect();
    let mut out: BTreeMap<(usize, usize), f64> = BTreeMap::new();
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
                let e = out.entry((a, b)).or_insert(ta * tb);
                *e = e.max(ta * tb);
            }
        }
    }
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
/// when that is 0). Starts from G′ after the spec's handovers.
///
/// Reference: the format's "Exit plan"; matches
/// `tests/fixtures/exit/generate.py`'s `plan` to 1e-9 relative.
///
/// # Complexity
/// One Dijkstra per stayer, then per step O(C·(|S| + |A||B|)) for the C
/// candidates (|A||B| ≤ |S|², the pairs whose route can improve) and O(|S|²)
/// for the chosen tie; memory **O(|S|²)**. Candidates are evaluated in
/// parallel over fixed chunks.
pub fn plan(net: &Network, spec: &ExitSpec, budget: usize) -> Result<Vec<PlanStep>, Error> {
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
    let mut cands: Vec<((usize, usize), f64)> = candidates(net, &x, &stayer).into_iter().collect();
    let mut steps = Vec::new();
    while steps.len() < budget && !cands.is_empty() {
        let mt = m.transpose();
        let gains: Vec<f64> = cands
            .par_chunks(CANDIDATE_CHUNK)
            .flat_map_iter(|chunk| {
                let mut w = Routes::default();
                chunk
                    .iter()
                    .map(|&((a, b), t)| m.tie_gain(&mt, pos[a], pos[b], t, &mut w))
                    .collect::<Vec<_>>()
            })
            .collect();
        let gmax = gains.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if gmax <= REL_TOL * sum {
            break;
        }
        let best = gains
            .iter()
            .position(|&g| close(g, gmax))
            .expect("the maximum is close to itself");
        let ((a, b), t) = cands.remove(best);
        m.add_tie(pos[a], pos[b], t);
        let new_sum = m.sum(&all);
        steps.push(PlanStep {
            a,
            b,
            trust: t,
            gain: (new_sum - sum) / pairs,
            trusted_reach_after: new_sum / pairs,
            sustainability: (sum_before != 0.0).then(|| new_sum / sum_before),
        });
        sum = new_sum;
    }
    Ok(steps)
}

//! The best single internal successor of each exiting practitioner, found
//! with an upper bound that skips the candidates that cannot win.
//!
//! Notation: `M` the path trusts among the terminals (stayers and candidates)
//! in G′, p the exiting practitioner, c a candidate, and the handover p=c
//! copies the arcs s → p as s → c at `t′_s = trust · 0.5` (the "in" copies)
//! and p → s as c → s (the "out" copies), for stayers s. Every new route
//! passes through c, so with
//!
//! ```text
//! in_c(a)  = max(M[a][c], max_s M[a][s]·t′_s)      (s over the in copies)
//! out_c(b) = max(M[c][b], max_s t′_s·M[s][b])      (s over the out copies)
//! gain(c)  = Σ_{a≠b} max(0, in_c(a)·out_c(b) − M[a][b])
//! ```
//!
//! over the stayers. A pair can gain only when `in_c(a)` or `out_c(b)` rose
//! (otherwise `M[a][c]·M[c][b] ≤ M[a][b]`); writing σ(a) for the in copy that
//! raised `in_c(a)` and τ(b) for the out copy that raised `out_c(b)`, the
//! path bounds `M[a][b] ≥ M[a][σ]·M[σ][b]` and `M[a][b] ≥ M[a][τ]·M[τ][b]` give
//!
//! ```text
//! gain(c) ≤ Σ_{a raised} M[a][σ(a)]·F_σ(a) + Σ_{b raised} M[τ(b)][b]·H_τ(b),
//! F_s = Σ_b max(0, t′_s·out_c(b) − M[s][b]),
//! H_s = Σ_{a not raised} max(0, in_c(a)·t′_s − M[a][s]),
//! ```
//!
//! which costs O(|S|·(deg_in + deg_out)) per candidate against O(|S|²) for the
//! exact gain. Candidates are evaluated exactly in decreasing bound order
//! until the bound falls below the best gain found, minus a margin much wider
//! than the 1e-12 tie tolerance, so that every candidate that could win or tie
//! is evaluated exactly.
//!
//! Reference implementation: `tests/fixtures/exit/generate.py` (recomputes
//! every candidate from scratch; `tests/exit_reference.rs` compares to 1e-9).

use super::scenario::exit_mask;
use rayon::prelude::*;

use super::exit::close;
use super::plan::Matrix;
use super::progress::{Progress, Stage};
use super::trust_paths::{path_trust_matrix, TrustGraph};
use crate::model::{ActorKind, Network, Placement};

/// The best single internal successor of one exiting practitioner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Successor {
    /// The exiting practitioner.
    pub practitioner: usize,
    /// The actor whose handover (factor 0.5) keeps most trusted reach; ties
    /// within 1e-12 relative go to the lowest id. `None` when no candidate
    /// gives a defined sustainability.
    pub successor: Option<usize>,
    /// Sustainability with that handover and the rest of X exiting.
    pub sustainability: Option<f64>,
}

/// One ranked successor candidate of an exiting practitioner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SuccessorCandidate {
    /// The candidate (an internal actor who stays).
    pub successor: usize,
    /// What the handover adds to `trusted_reach_after` over the same exit
    /// without it (≥ 0: a handover only adds ties).
    pub gain: f64,
    /// Sustainability with that handover and the rest of X exiting.
    pub sustainability: f64,
}

/// The best successor candidates of one exiting practitioner, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessorRanking {
    /// The exiting practitioner.
    pub practitioner: usize,
    /// At most [`SuccessorSearch::top`] candidates, by sustainability (equal
    /// within 1e-12 relative: lowest id first); empty when no candidate gives
    /// a defined sustainability.
    pub candidates: Vec<SuccessorCandidate>,
}

/// Who may succeed a practitioner, and how many to rank.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessorSearch {
    /// How many candidates to rank per practitioner (0: none).
    pub top: usize,
    /// When given, only actors with `allowed[i]` are tried (indexed like
    /// [`Network::actors`]); the other rules (internal, not exiting) still
    /// apply.
    pub allowed: Option<Vec<bool>>,
}

impl Default for SuccessorSearch {
    /// The best three of every internal actor who stays.
    fn default() -> Self {
        SuccessorSearch {
            top: 3,
            allowed: None,
        }
    }
}

/// The factor of the handover tried for each successor candidate.
pub const SUCCESSOR_FACTOR: f64 = 0.5;

/// Candidates per parallel task: fixed, so results do not follow the thread
/// count.
const CANDIDATE_CHUNK: usize = 16;

/// A candidate is skipped only when its sustainability is provably lower than
/// the best by more than this, relative: far wider than the 1e-12 tie
/// tolerance and than any rounding in the bound, so a skipped candidate can
/// neither win nor change which tied candidate wins.
const PRUNE_MARGIN: f64 = 1e-9;

/// No copy raised the value.
const NONE: u32 = u32::MAX;

/// The two largest values of `M[a][s]·t′_s` (or `t′_s·M[s][b]`) over the
/// copies, with the copy's index: the second serves the candidate that is the
/// first one's own contact (a copy to c itself is not made).
#[derive(Debug, Clone, Copy)]
struct Top2 {
    v1: f64,
    j1: u32,
    v2: f64,
    j2: u32,
}

impl Top2 {
    const EMPTY: Top2 = Top2 {
        v1: 0.0,
        j1: NONE,
        v2: 0.0,
        j2: NONE,
    };

    fn push(&mut self, v: f64, j: usize) {
        if v > self.v1 {
            (self.v2, self.j2) = (self.v1, self.j1);
            (self.v1, self.j1) = (v, j as u32);
        } else if v > self.v2 {
            (self.v2, self.j2) = (v, j as u32);
        }
    }

    /// The best value over the copies whose contact is not `c`.
    fn without(&self, c: usize, copies: &[(usize, f64)]) -> (f64, u32) {
        if self.j1 != NONE && copies[self.j1 as usize].0 == c {
            (self.v2, self.j2)
        } else {
            (self.v1, self.j1)
        }
    }
}

/// What a handover from one practitioner would copy, and the per-terminal
/// maxima that do not depend on the candidate.
struct Copies {
    /// s → c arcs: (position of s, t′).
    ins: Vec<(usize, f64)>,
    /// c → s arcs.
    outs: Vec<(usize, f64)>,
    in_top: Vec<Top2>,
    out_top: Vec<Top2>,
}

impl Copies {
    fn new(m: &Matrix, ins: Vec<(usize, f64)>, outs: Vec<(usize, f64)>) -> Self {
        let k = m.k;
        let mut in_top = vec![Top2::EMPTY; k];
        for (a, top) in in_top.iter_mut().enumerate() {
            let row = m.row(a);
            for (j, &(s, t)) in ins.iter().enumerate() {
                top.push(row[s] * t, j);
            }
        }
        let mut out_top = vec![Top2::EMPTY; k];
        for (j, &(s, t)) in outs.iter().enumerate() {
            for (top, &p) in out_top.iter_mut().zip(m.row(s)) {
                top.push(t * p, j);
            }
        }
        Copies {
            ins,
            outs,
            in_top,
            out_top,
        }
    }
}

/// Per-task buffers for one candidate at a time.
struct Scratch {
    in_c: Vec<f64>,
    out_c: Vec<f64>,
    /// `in_c` where no copy raised it, else 0 (the sources of `H`).
    in_kept: Vec<f64>,
    sigma: Vec<u32>,
    tau: Vec<u32>,
    raised_out: Vec<usize>,
    f: Vec<f64>,
    h: Vec<f64>,
}

impl Scratch {
    fn new(k: usize, copies: &Copies) -> Self {
        Scratch {
            in_c: vec![0.0; k],
            out_c: vec![0.0; k],
            in_kept: vec![0.0; k],
            sigma: vec![NONE; k],
            tau: vec![NONE; k],
            raised_out: Vec::new(),
            f: vec![0.0; copies.ins.len()],
            h: vec![0.0; copies.outs.len()],
        }
    }

    /// `in_c`, `out_c` and the raising copies for candidate c; entries of
    /// terminals that are not stayers are 0 so that they add nothing.
    fn fill(&mut self, m: &Matrix, mt: &Matrix, member: &[bool], copies: &Copies, c: usize) {
        let (col_c, row_c) = (mt.row(c), m.row(c));
        self.raised_out.clear();
        for a in 0..m.k {
            let (mut x, mut sa, mut y, mut tb) = (0.0, NONE, 0.0, NONE);
            if member[a] {
                // M[c][c] = 1: c reaches itself whatever is copied.
                (x, y) = (col_c[a], row_c[a]);
                if a != c {
                    let (v, j) = copies.in_top[a].without(c, &copies.ins);
                    if v > x {
                        (x, sa) = (v, j);
                    }
                    let (v, j) = copies.out_top[a].without(c, &copies.outs);
                    if v > y {
                        (y, tb) = (v, j);
                        self.raised_out.push(a);
                    }
                }
            }
            self.in_c[a] = x;
            self.sigma[a] = sa;
            self.in_kept[a] = if sa == NONE { x } else { 0.0 };
            self.out_c[a] = y;
            self.tau[a] = tb;
        }
    }

    /// The upper bound on `gain(c)` of the module doc; needs [`Self::fill`].
    fn bound(&mut self, m: &Matrix, mt: &Matrix, copies: &Copies, c: usize) -> f64 {
        for (f, &(s, t)) in self.f.iter_mut().zip(&copies.ins) {
            *f = if s == c {
                0.0
            } else {
                positive_sum(t, &self.out_c, m.row(s))
            };
        }
        for (h, &(s, t)) in self.h.iter_mut().zip(&copies.outs) {
            *h = if s == c {
                0.0
            } else {
                positive_sum(t, &self.in_kept, mt.row(s))
            };
        }
        let mut bound = 0.0;
        for (a, &j) in self.sigma.iter().enumerate() {
            if j != NONE {
                bound += m.at(a, copies.ins[j as usize].0) * self.f[j as usize];
            }
        }
        for &b in &self.raised_out {
            let j = self.tau[b] as usize;
            bound += m.at(copies.outs[j].0, b) * self.h[j];
        }
        bound
    }

    /// The exact `gain(c)`; needs [`Self::fill`]. Rows in order, so the same
    /// bits whichever task runs it.
    fn gain(&self, m: &Matrix) -> f64 {
        let mut gain = 0.0;
        for a in 0..m.k {
            let (x, row) = (self.in_c[a], m.row(a));
            if x == 0.0 {
                // Not a stayer, or reaches nothing through c.
                continue;
            }
            // The pair (a, a) never counts: in_c, out_c ≤ 1 = M[a][a].
            if self.sigma[a] != NONE {
                gain += positive_sum(x, &self.out_c, row);
            } else {
                for &b in &self.raised_out {
                    let d = x * self.out_c[b] - row[b];
                    if d > 0.0 {
                        gain += d;
                    }
                }
            }
        }
        gain
    }
}

/// Σ_i max(0, x·y_i − z_i), in eight fixed lanes so that the loop
/// vectorises; the lanes are added in a fixed order.
fn positive_sum(x: f64, y: &[f64], z: &[f64]) -> f64 {
    let n = y.len().min(z.len());
    let (y, z) = (&y[..n], &z[..n]);
    let mut lanes = [0.0f64; 8];
    let (yc, zc) = (y.chunks_exact(8), z.chunks_exact(8));
    let (yr, zr) = (yc.remainder(), zc.remainder());
    for (y8, z8) in yc.zip(zc) {
        for i in 0..8 {
            lanes[i] += (x * y8[i] - z8[i]).max(0.0);
        }
    }
    let mut s = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3]))
        + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
    for (&yi, &zi) in yr.iter().zip(zr) {
        s += (x * yi - zi).max(0.0);
    }
    s
}

/// Whether `candidate` shows no sign of doing `practitioner`'s work, so that
/// naming it as a successor is a finding to check with the site rather than
/// a plan (a parent with lived experience ranked first to succeed a data
/// coach, say, because she knows the families the coach knew).
///
/// The rule: the candidate is a stakeholder (practitioners of any role do
/// implementation support) and its `role` differs from the practitioner's,
/// compared trimmed and ignoring case; a role missing on either side counts
/// as different, since nothing then shows the candidate does that work.
/// Power and group are not used: a low-power stakeholder in the right role
/// is a real successor, and groups differ between an external practitioner
/// and every internal actor.
pub fn role_mismatch(net: &Network, practitioner: usize, candidate: usize) -> bool {
    let c = net.actor(candidate);
    if c.kind != ActorKind::Stakeholder {
        return false;
    }
    let role = |i: usize| {
        net.actor(i)
            .role
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_lowercase)
    };
    match (role(practitioner), role(candidate)) {
        (Some(p), Some(c)) => p != c,
        _ => true,
    }
}

/// For each practitioner in `exit` (sorted), the best single internal
/// successor: every actor c not in X with placement internal is tried with the
/// handover practitioner=c:0.5 and the rest of X exiting; the highest
/// sustainability wins, ties within 1e-12 relative go to the lowest id.
///
/// The first candidate of [`successor_ranking`] with the default search
/// (every internal actor who stays).
///
/// # Panics
/// When an index in `exit` is out of range for `net` (resolve ids with
/// [`crate::Scenario::resolve`] to rule this out).
pub fn successors(net: &Network, exit: &[usize]) -> Vec<Successor> {
    let search = SuccessorSearch {
        top: 1,
        allowed: None,
    };
    successor_ranking(net, exit, &search, &Progress::new())
        .into_iter()
        .map(|r| Successor {
            practitioner: r.practitioner,
            successor: r.candidates.first().map(|c| c.successor),
            sustainability: r.candidates.first().map(|c| c.sustainability),
        })
        .collect()
}

/// For each practitioner in `exit` (sorted), the `search.top` best internal
/// successors: every actor c not in X with placement internal (and allowed by
/// `search.allowed`) is tried with the handover practitioner=c:0.5 and the
/// rest of X exiting; candidates are ranked by sustainability, ties within
/// 1e-12 relative going to the lowest id (each place is the winner of that
/// rule among the candidates not yet placed).
///
/// Sustainability of c is `(Σ pt′ + gain(c)) / Σ pt` with `gain(c)` as in the
/// module doc; candidates whose upper bound cannot reach the `top`-th best
/// found are skipped, which leaves the ranking unchanged. Progress: one stage
/// of 2·|C| units per practitioner (bounds, then exact gains).
///
/// # Complexity
/// One Dijkstra per stayer or candidate in G′, then per practitioner
/// O(|C|·|S|·deg) for the bounds and O(|S|²) for each candidate evaluated
/// exactly; memory **O((|S| + |C|)²)**. Bounds and exact gains are computed
/// in parallel over fixed chunks of candidates.
///
/// # Panics
/// When an index in `exit` is out of range for `net`, or `search.allowed`
/// is shorter than the network.
// Long: the terminal and candidate setup and the per-practitioner map share the same position
// table and matrices.
pub fn successor_ranking(
    net: &Network,
    exit: &[usize],
    search: &SuccessorSearch,
    progress: &Progress,
) -> Vec<SuccessorRanking> {
    let n = net.len();
    let mut x: Vec<usize> = exit.to_vec();
    x.sort_unstable();
    x.dedup();
    let removed = exit_mask(n, &x);
    let is_stayer = |i: usize| net.actor(i).kind == ActorKind::Stakeholder && !removed[i];
    let is_cand = |i: usize| {
        net.actor(i).placement == Placement::Internal
            && !removed[i]
            && search.allowed.as_ref().map_or(true, |a| a[i])
    };
    let practitioners: Vec<usize> = x
        .iter()
        .copied()
        .filter(|&p| net.actor(p).kind == ActorKind::Practitioner)
        .collect();
    let none = |p| SuccessorRanking {
        practitioner: p,
        candidates: Vec::new(),
    };
    if search.top == 0 {
        return practitioners.into_iter().map(none).collect();
    }
    let terminals: Vec<usize> = (0..n).filter(|&i| is_stayer(i) || is_cand(i)).collect();
    let k = terminals.len();
    let mut pos = vec![usize::MAX; n];
    for (i, &t) in terminals.iter().enumerate() {
        pos[t] = i;
    }
    let member: Vec<bool> = terminals.iter().map(|&t| is_stayer(t)).collect();
    let cands: Vec<usize> = (0..k).filter(|&i| is_cand(terminals[i])).collect();
    let g = TrustGraph::new(net);
    let stayers: Vec<usize> = terminals
        .iter()
        .copied()
        .filter(|&t| is_stayer(t))
        .collect();
    let sum_before = if stayers.len() < 2 {
        0.0
    } else {
        let b = Matrix {
            k: stayers.len(),
            m: path_trust_matrix(&g, &[], &stayers),
        };
        b.sum(&vec![true; stayers.len()])
    };
    // Every candidate's sustainability is null when nothing was reached in G.
    if sum_before == 0.0 || cands.is_empty() {
        return practitioners.into_iter().map(none).collect();
    }
    let pairs = (stayers.len() * (stayers.len() - 1)) as f64;
    let m = Matrix {
        k,
        m: path_trust_matrix(&g, &removed, &terminals),
    };
    let mt = m.transpose();
    let sum = m.sum(&member);
    practitioners
        .into_iter()
        .map(|p| {
            let stage = progress.stage(2 * cands.len() as u64);
            // The arcs a handover would copy: p → s as c → s, s → p as s → c,
            // for stakeholders s that stay; trust 0 carries nothing.
            let copies = |arcs: &mut dyn Iterator<Item = (usize, f64)>| -> Vec<(usize, f64)> {
                arcs.filter(|&(s, t)| is_stayer(s) && t > 0.0)
                    .map(|(s, t)| (pos[s], t * SUCCESSOR_FACTOR))
                    .collect()
            };
            let outs = copies(&mut net.out_arcs(p).map(|(s, a)| (s, a.trust)));
            let ins = copies(&mut net.in_arcs(p).map(|(s, a)| (s, a.trust)));
            let copies = Copies::new(&m, ins, outs);
            let ranked = Ranking {
                m: &m,
                mt: &mt,
                member: &member,
                copies: &copies,
                cands: &cands,
                sum,
                sum_before,
                stage: &stage,
            }
            .top(search.top);
            SuccessorRanking {
                practitioner: p,
                candidates: ranked
                    .into_iter()
                    .map(|(c, g)| SuccessorCandidate {
                        successor: terminals[c],
                        gain: g / pairs,
                        sustainability: (sum + g) / sum_before,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// What ranking the candidates of one practitioner needs.
struct Ranking<'a> {
    m: &'a Matrix,
    mt: &'a Matrix,
    member: &'a [bool],
    copies: &'a Copies,
    /// Candidate positions among the terminals, ascending (= id order).
    cands: &'a [usize],
    /// Σ pt′ without any handover.
    sum: f64,
    /// Σ pt in G.
    sum_before: f64,
    stage: &'a Stage<'a>,
}

impl Ranking<'_> {
    /// The `top` best candidates as (position, exact gain), best first.
    // Long: the bounds, the pruned exact pass and the id-order ranking share the gains found so far.
    fn top(&self, top: usize) -> Vec<(usize, f64)> {
        let (m, mt, member, copies, cands) =
            (self.m, self.mt, self.member, self.copies, self.cands);
        let bounds: Vec<f64> = cands
            .par_chunks(CANDIDATE_CHUNK)
            .flat_map_iter(|chunk| {
                let mut w = Scratch::new(m.k, copies);
                let out: Vec<f64> = chunk
                    .iter()
                    .map(|&c| {
                        w.fill(m, mt, member, copies, c);
                        w.bound(m, mt, copies, c)
                    })
                    .collect();
                self.stage.advance(chunk.len() as u64);
                out
            })
            .collect();
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by(|&i, &j| bounds[j].total_cmp(&bounds[i]).then(i.cmp(&j)));
        // Exact gains, in decreasing bound order, a fixed chunk at a time; a
        // chunk is cut where the bound drops below what the `top`-th best
        // gain so far requires.
        let mut gains: Vec<Option<f64>> = vec![None; cands.len()];
        let mut found: Vec<f64> = Vec::new();
        let sum = self.sum;
        let needed = |nth: f64| (sum + nth) * (1.0 - PRUNE_MARGIN) - sum;
        for chunk in order.chunks(CANDIDATE_CHUNK) {
            let bar = if found.len() < top {
                f64::NEG_INFINITY
            } else {
                found.sort_by(|a, b| b.total_cmp(a));
                needed(found[top - 1])
            };
            let live: Vec<usize> = chunk
                .iter()
                .copied()
                .filter(|&i| bounds[i] >= bar)
                .collect();
            if live.is_empty() {
                break;
            }
            let exact: Vec<f64> = live
                .par_iter()
                .map_init(
                    || Scratch::new(m.k, copies),
                    |w, &i| {
                        w.fill(m, mt, member, copies, cands[i]);
                        w.gain(m)
                    },
                )
                .collect();
            self.stage.advance(live.len() as u64);
            for (&i, g) in live.iter().zip(exact) {
                gains[i] = Some(g);
                found.push(g);
            }
        }
        // The skipped candidates are far below the `top`-th best, so ranking
        // the evaluated ones ranks all. Each place goes to the winner of an
        // id-order scan over those not placed yet (a later candidate wins
        // only by more than 1e-12 relative).
        let mut left: Vec<(usize, f64)> = cands
            .iter()
            .zip(gains)
            .filter_map(|(&c, g)| g.map(|g| (c, g)))
            .collect();
        let mut ranked = Vec::new();
        while ranked.len() < top && !left.is_empty() {
            let mut w = 0;
            for (i, &(_, g)) in left.iter().enumerate() {
                let sust = |g: f64| (sum + g) / self.sum_before;
                let (s, b) = (sust(g), sust(left[w].1));
                if s > b && !close(s, b) {
                    w = i;
                }
            }
            ranked.push(left.remove(w));
        }
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bound never falls below the exact gain, on a small dense matrix
    /// where many routes compete.
    #[test]
    fn bound_is_above_the_exact_gain() {
        let k = 7;
        // A path-trust-like matrix: products along a ring of trust .5-.9, so
        // that M[a][b] ≥ M[a][x]·M[x][b] holds.
        let t = [0.9, 0.5, 0.8, 0.6, 0.7, 0.55, 0.85];
        let mut mm = vec![0.0; k * k];
        for a in 0..k {
            let mut p = 1.0;
            mm[a * k + a] = 1.0;
            for step in 1..k {
                p *= t[(a + step - 1) % k];
                mm[a * k + (a + step) % k] = p;
            }
        }
        let m = Matrix { k, m: mm };
        let mt = m.transpose();
        let member = vec![true; k];
        let copies = Copies::new(&m, vec![(0, 0.45), (3, 0.4)], vec![(5, 0.5), (2, 0.3)]);
        let mut w = Scratch::new(k, &copies);
        let mut raised = 0;
        for c in 0..k {
            w.fill(&m, &mt, &member, &copies, c);
            let (g, b) = (w.gain(&m), w.bound(&m, &mt, &copies, c));
            assert!(g <= b * (1.0 + 1e-12), "c={c}: gain {g} > bound {b}");
            raised += usize::from(g > 0.0);
        }
        assert!(raised > 0, "the case must exercise some gain");
    }
}

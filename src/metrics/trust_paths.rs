//! Most-trusted paths: the kernel under sustainability after exit, handover
//! and the exit plan.
//!
//! The path trust `pt(u, v)` is the largest product of trusts over the paths
//! u → v made of arcs with trust > 0 (0 when there is none, 1 for u = v). A
//! product of numbers in (0, 1] only shrinks as a path grows, so Dijkstra's
//! greedy order holds on products directly: a max-heap on products is exact
//! and avoids the rounding of `−ln(trust)` lengths.
//!
//! Removal is a mask, never a mutation: a removed actor keeps its index, so
//! rows computed in G and in G′ = G − X line up without remapping.

use super::heap::{IndexedHeap, LargestFirst};
use super::paths::compressed_rows;
use crate::model::Network;

/// No predecessor: the source itself, or an actor not reached.
pub(crate) const NO_PRED: u32 = u32::MAX;

/// The arcs of a network that can carry a path (trust > 0), in compressed
/// sparse rows: the arcs leaving actor `i` are `heads[offsets[i]..offsets[i+1]]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TrustGraph {
    offsets: Vec<usize>,
    heads: Vec<u32>,
    trust: Vec<f64>,
    /// The same arcs by head: those entering `v` are
    /// `tails[in_offsets[v]..in_offsets[v+1]]`.
    in_offsets: Vec<usize>,
    tails: Vec<u32>,
    in_trust: Vec<f64>,
}

impl TrustGraph {
    /// The trust > 0 arcs of a network (a mutual tie gives two arcs).
    pub(crate) fn new(net: &Network) -> Self {
        let arcs = (0..net.len()).flat_map(|u| net.out_arcs(u).map(move |(v, a)| (u, v, a.trust)));
        Self::from_arcs(net.len(), arcs)
    }

    /// Build from `(tail, head, trust)` arcs over actors `0..n`; arcs with
    /// trust 0 are dropped because no path runs through them. Arcs leaving one
    /// actor are kept in head order so that traversal does not depend on the
    /// order the ties were given in.
    pub(crate) fn from_arcs(n: usize, arcs: impl IntoIterator<Item = (usize, usize, f64)>) -> Self {
        let mut list: Vec<(usize, usize, f64)> =
            arcs.into_iter().filter(|&(_, _, t)| t > 0.0).collect();
        // Row `v` of a list sorted by `key` first is its run of arcs whose
        // key is `v`, stored as (`other` end, trust).
        type End = fn(&(usize, usize, f64)) -> usize;
        let rows = |list: &[(usize, usize, f64)], key: End, other: End| {
            let mut rest = list;
            let built = compressed_rows(
                n,
                (
                    Vec::with_capacity(list.len()),
                    Vec::with_capacity(list.len()),
                ),
                |v, row: &mut Vec<(u32, f64)>| {
                    let k = rest.iter().take_while(|a| key(a) == v).count();
                    row.extend(rest[..k].iter().map(|a| (other(a) as u32, a.2)));
                    rest = &rest[k..];
                },
            );
            assert!(rest.is_empty(), "an arc end is not below {n}");
            built
        };
        list.sort_by_key(|a| (a.1, a.0));
        let (in_offsets, (tails, in_trust)) = rows(&list, |a| a.1, |a| a.0);
        list.sort_by_key(|a| (a.0, a.1));
        let (offsets, (heads, trust)) = rows(&list, |a| a.0, |a| a.1);
        TrustGraph {
            offsets,
            heads,
            trust,
            in_offsets,
            tails,
            in_trust,
        }
    }

    /// Number of actors.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Arcs leaving `u`: (head, trust).
    pub(crate) fn out_arcs(&self, u: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[u]..self.offsets[u + 1];
        self.heads[r.clone()]
            .iter()
            .zip(&self.trust[r])
            .map(|(&v, &t)| (v as usize, t))
    }

    /// Arcs entering `v`: (tail, trust).
    pub(crate) fn in_arcs(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.in_offsets[v]..self.in_offsets[v + 1];
        self.tails[r.clone()]
            .iter()
            .zip(&self.in_trust[r])
            .map(|(&u, &t)| (u as usize, t))
    }
}

/// The product of a path's trust `p` (> 0) and one more tie of trust `t`,
/// kept above zero when `t` is: on a long chain of low trusts the product
/// underflows (0.3^1000 ≈ 1e-523 is below the smallest f64), and a product
/// of 0 would read as "not reached". Reachability is the path's, so such a
/// product stays at the smallest positive f64 (about 5e-324), which adds
/// nothing visible to any sum or mean. Products that do not underflow,
/// which is every one in the reference fixtures, keep their exact bits.
#[inline]
fn extend(p: f64, t: f64) -> f64 {
    let q = p * t;
    if q == 0.0 && t > 0.0 && p > 0.0 {
        f64::from_bits(1)
    } else {
        q
    }
}

/// Reusable buffers for [`PathTrust::run`], so that a loop over sources
/// allocates once.
#[derive(Debug, Clone)]
pub(crate) struct PathTrust {
    /// `pt(source, v)` for every actor v after a run (0 when not reached).
    pub pt: Vec<f64>,
    /// The predecessor of v on the most trusted path found first, or
    /// [`NO_PRED`].
    pub pred: Vec<u32>,
    done: Vec<bool>,
    touched: Vec<u32>,
    /// The actors in the order their product became final.
    settled: Vec<u32>,
    /// Scratch of [`Self::repair`]: the actors whose tree path is cut.
    cut: Vec<bool>,
    /// A repair filled all of `pt`, so the next run resets everything.
    repaired: bool,
    heap: IndexedHeap<LargestFirst>,
}

impl PathTrust {
    /// Buffers for a graph of `n` actors.
    pub(crate) fn new(n: usize) -> Self {
        PathTrust {
            pt: vec![0.0; n],
            pred: vec![NO_PRED; n],
            done: vec![false; n],
            touched: Vec::new(),
            settled: Vec::new(),
            cut: vec![false; n],
            repaired: false,
            heap: IndexedHeap::new(n),
        }
    }

    /// Most trusted paths from `source` to every actor, over the actors not
    /// masked by `removed` (an empty mask removes nobody). Fills `pt` and
    /// `pred`; `source` itself gets 1 unless it is removed (then all is 0).
    ///
    /// Max-product Dijkstra (Dijkstra, 1959), with products in place of sums:
    /// the popped product is final because extending a path by an arc of trust
    /// ≤ 1 never raises it. A product replaces an earlier one only when
    /// strictly larger, as the reference script does.
    ///
    /// # Complexity
    /// Time **O((|V| + |E|) log |V|)**; buffers reused between calls, and only
    /// the touched entries are reset.
    pub(crate) fn run(&mut self, g: &TrustGraph, source: usize, removed: &[bool]) {
        if self.repaired {
            self.pt.fill(0.0);
            self.pred.fill(NO_PRED);
            self.done.fill(false);
            self.repaired = false;
        }
        for &v in &self.touched {
            let v = v as usize;
            self.pt[v] = 0.0;
            self.pred[v] = NO_PRED;
            self.done[v] = false;
        }
        self.touched.clear();
        self.settled.clear();
        self.heap.clear();
        if removed.get(source).copied().unwrap_or(false) {
            return;
        }
        if removed.iter().any(|&r| r) {
            self.settle::<true>(g, source, removed);
        } else {
            self.settle::<false>(g, source, removed);
        }
    }

    /// The loop of [`Self::run`], without the mask test when nobody is
    /// removed.
    fn settle<const MASKED: bool>(&mut self, g: &TrustGraph, source: usize, removed: &[bool]) {
        self.pt[source] = 1.0;
        self.touched.push(source as u32);
        self.heap.push_or_improve(source as u32, 1.0);
        // Each actor is in the heap at most once and never after it is
        // settled, so every pop settles a new actor. A settled v needs no
        // test: pt[v] ≥ p ≥ p·t, so the product test below fails for it.
        while let Some((p, u)) = self.heap.pop() {
            let u = u as usize;
            self.done[u] = true;
            self.settled.push(u as u32);
            for (v, t) in g.out_arcs(u) {
                if MASKED && v < removed.len() && removed[v] {
                    continue;
                }
                let q = extend(p, t);
                if q > self.pt[v] {
                    if self.pt[v] == 0.0 {
                        self.touched.push(v as u32);
                    }
                    self.pt[v] = q;
                    self.pred[v] = u as u32;
                    self.heap.push_or_improve(v as u32, q);
                }
            }
        }
    }

    /// The actors reached by the last run (the source included), in the
    /// order they were first reached; after a [`Self::repair`], the cut ones.
    pub(crate) fn reached(&self) -> &[u32] {
        &self.touched
    }

    /// The rows of `base`'s source in `g` minus `removed` (a mask of length
    /// |V|; the source must stay), where `base` holds that source's run in
    /// `g` with nobody removed. Fills `pt` (`pred` is left unset).
    ///
    /// Only the actors whose most trusted path in `base` runs through a
    /// removed actor (the removed actors' subtrees) can change: every other
    /// actor keeps its path and cannot gain by a removal. The cut actors are
    /// seeded from their uncut in-neighbours and settled by a Dijkstra over
    /// the cut set alone. Both this and a full run return, for every actor,
    /// the largest product evaluated source-first along a path (the products
    /// are monotone and never grow), so the bits are those of a full
    /// [`Self::run`] with the mask.
    ///
    /// # Complexity
    /// **O(|V|)** to copy the row and walk the tree, plus
    /// **O((c + e) log c)** for c cut actors with e arcs at them.
    pub(crate) fn repair(&mut self, g: &TrustGraph, base: &PathTrust, removed: &[bool]) {
        debug_assert_eq!(removed.len(), self.pt.len());
        for &v in &self.touched {
            self.done[v as usize] = false;
        }
        self.touched.clear();
        self.settled.clear();
        self.heap.clear();
        self.pt.copy_from_slice(&base.pt);
        if !self.repaired {
            self.pred.fill(NO_PRED);
            self.repaired = true;
        }
        // Settling order puts a predecessor before its children.
        for &v in &base.settled {
            let p = base.pred[v as usize];
            let cut = removed[v as usize] || (p != NO_PRED && self.cut[p as usize]);
            if cut {
                self.cut[v as usize] = true;
                self.pt[v as usize] = 0.0;
                self.touched.push(v);
            }
        }
        for &v in &self.touched {
            let v = v as usize;
            if removed[v] {
                continue;
            }
            let mut best = 0.0;
            for (u, t) in g.in_arcs(v) {
                // A removed actor is cut, so this skips it too.
                if !self.cut[u] {
                    let q = extend(base.pt[u], t);
                    if q > best {
                        best = q;
                    }
                }
            }
            if best > 0.0 {
                self.pt[v] = best;
                self.heap.push_or_improve(v as u32, best);
            }
        }
        while let Some((p, u)) = self.heap.pop() {
            let u = u as usize;
            self.done[u] = true;
            for (v, t) in g.out_arcs(u) {
                if !self.cut[v] || self.done[v] || removed[v] {
                    continue;
                }
                let q = extend(p, t);
                if q > self.pt[v] {
                    self.pt[v] = q;
                    self.heap.push_or_improve(v as u32, q);
                }
            }
        }
        for &v in &self.touched {
            self.cut[v as usize] = false;
        }
    }
}

/// Path trust between every pair of `terminals` in `g` minus the `removed`
/// actors: row-major `m[i * k + j] = pt(terminals[i], terminals[j])`, with
/// k = `terminals.len()` and 1 on the diagonal.
///
/// One max-product Dijkstra per terminal, run in parallel over fixed chunks of
/// terminals; each row is written by one task, so the result does not depend
/// on the thread count.
///
/// # Complexity
/// Time **O(k (|V| + |E|) log |V|)**, memory **O(k²)**.
pub(crate) fn path_trust_matrix(g: &TrustGraph, removed: &[bool], terminals: &[usize]) -> Vec<f64> {
    use rayon::prelude::*;
    let k = terminals.len();
    let mut m = vec![0.0; k * k];
    if k == 0 {
        return m;
    }
    m.par_chunks_mut(k * ROW_CHUNK)
        .enumerate()
        .for_each(|(c, block)| {
            let mut pt = PathTrust::new(g.len());
            for (r, row) in block.chunks_mut(k).enumerate() {
                pt.run(g, terminals[c * ROW_CHUNK + r], removed);
                for (cell, &t) in row.iter_mut().zip(terminals) {
                    *cell = pt.pt[t];
                }
            }
        });
    m
}

/// Rows per parallel task: fixed, so the split does not follow the thread count.
pub(crate) const ROW_CHUNK: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    /// The rows by hand: arcs given out of order, a trust-0 arc dropped, an
    /// actor (2) with no arc at all, rows in head (tail) order.
    #[test]
    fn from_arcs_rows_by_hand() {
        let arcs = [
            (3, 0, 0.5),
            (0, 3, 0.25),
            (0, 1, 1.0),
            (1, 3, 0.0),
            (3, 1, 0.75),
        ];
        let g = TrustGraph::from_arcs(4, arcs);
        let expected = TrustGraph {
            offsets: vec![0, 2, 2, 2, 4],
            heads: vec![1, 3, 0, 1],
            trust: vec![1.0, 0.25, 0.5, 0.75],
            in_offsets: vec![0, 1, 3, 3, 4],
            tails: vec![3, 0, 3, 0],
            in_trust: vec![0.5, 1.0, 0.75, 0.25],
        };
        assert_eq!(g, expected);
    }

    /// Brute force over simple paths, for small graphs.
    fn brute(g: &TrustGraph, s: usize, removed: &[bool]) -> Vec<f64> {
        fn go(
            g: &TrustGraph,
            u: usize,
            p: f64,
            seen: &mut Vec<bool>,
            best: &mut [f64],
            rm: &[bool],
        ) {
            best[u] = best[u].max(p);
            for (v, t) in g.out_arcs(u) {
                if !seen[v] && !rm.get(v).copied().unwrap_or(false) {
                    seen[v] = true;
                    go(g, v, p * t, seen, best, rm);
                    seen[v] = false;
                }
            }
        }
        let mut best = vec![0.0; g.len()];
        if removed.get(s).copied().unwrap_or(false) {
            return best;
        }
        let mut seen = vec![false; g.len()];
        seen[s] = true;
        go(g, s, 1.0, &mut seen, &mut best, removed);
        best
    }

    fn tiny() -> Network {
        let mut actors: Vec<Actor> = ["a1", "a2", "b1", "b2", "c1"]
            .into_iter()
            .map(Actor::stakeholder)
            .collect();
        actors.push(Actor::practitioner("p1"));
        let mut p2 = Actor::practitioner("p2");
        p2.placement = crate::Placement::Internal;
        actors.push(p2);
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
    fn tiny_rows_match_source_md_and_brute_force() {
        let net = tiny();
        let g = TrustGraph::new(&net);
        let mut pt = PathTrust::new(net.len());
        // a2 → b2 in G: a2-a1-p1-b1-b2 = .8⁴ (SOURCE.md), not the direct p2 route .25.
        pt.run(&g, 1, &[]);
        assert!((pt.pt[3] - 0.4096).abs() < 1e-15);
        let mut removed = vec![false; net.len()];
        removed[5] = true; // p1
        pt.run(&g, 1, &removed);
        assert!((pt.pt[3] - 0.25).abs() < 1e-15);
        assert_eq!(pt.pt[4], 0.0); // c1 unreachable without p1
        for s in 0..net.len() {
            for rm in [&[][..], &removed[..]] {
                pt.run(&g, s, rm);
                let b = brute(&g, s, rm);
                for (v, (x, y)) in pt.pt.iter().zip(&b).enumerate() {
                    assert!((x - y).abs() <= 1e-15, "{s}->{v}");
                }
            }
        }
    }

    /// A repair gives the bits of a full run with the mask, on random
    /// directed graphs with equal-trust routes, and a run after a repair
    /// starts clean.
    #[test]
    fn repair_matches_a_full_run_bit_for_bit() {
        let mut state = 7u64;
        let mut next = move || crate::metrics::centrality::splitmix64(&mut state);
        let n = 60;
        // Few distinct trusts, so that many routes tie.
        let trusts = [0.0, 0.3, 0.5, 0.5, 0.8, 0.9, 1.0];
        let arcs: Vec<(usize, usize, f64)> = (0..240)
            .map(|_| {
                let (u, v) = (next() as usize % n, next() as usize % n);
                (u, v, trusts[next() as usize % trusts.len()])
            })
            .filter(|&(u, v, _)| u != v)
            .collect();
        let mut seen = std::collections::HashSet::new();
        let arcs: Vec<_> = arcs
            .into_iter()
            .filter(|a| seen.insert((a.0, a.1)))
            .collect();
        let g = TrustGraph::from_arcs(n, arcs);
        let (mut base, mut full, mut fixed) =
            (PathTrust::new(n), PathTrust::new(n), PathTrust::new(n));
        let mut changed = 0;
        for round in 0..200 {
            let s = next() as usize % n;
            let mut removed = vec![false; n];
            for _ in 0..1 + round % 4 {
                let x = next() as usize % n;
                if x != s {
                    removed[x] = true;
                }
            }
            base.run(&g, s, &[]);
            full.run(&g, s, &removed);
            fixed.repair(&g, &base, &removed);
            assert_eq!(fixed.pt, full.pt, "source {s}");
            changed += usize::from(fixed.pt != base.pt);
            if round % 3 == 0 {
                // Reuse the repaired buffers for a plain run.
                fixed.run(&g, s, &[]);
                assert_eq!((&fixed.pt, &fixed.pred), (&base.pt, &base.pred));
            }
        }
        assert!(changed > 50, "only {changed} rounds changed a row");
    }

    #[test]
    fn trust_zero_arcs_carry_nothing_and_direction_is_followed() {
        let net = Network::from_parts(
            ["a", "b", "c"].map(Actor::stakeholder).to_vec(),
            &[
                TieSpec::mutual("a", "b", 0.0),
                TieSpec::directed("b", "c", 0.5),
            ],
        )
        .unwrap();
        let m = path_trust_matrix(&TrustGraph::new(&net), &[], &[0, 1, 2]);
        assert_eq!(m, vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.5, 0.0, 0.0, 1.0]);
    }
}

//! Shared shortest-path kernel: single-source Dijkstra that also counts
//! shortest paths (σ), records predecessors and the settle order, as Brandes
//! (2001) needs for betweenness and its relatives.
//!
//! Ties become arcs of a compact adjacency ([`Csr`]) built once per network:
//! only arcs with trust > 0 carry paths, with length `1 / trust`
//! ([`Distance::Inverse`]) or 1 ([`Distance::Hops`]). Every length is therefore
//! at least 1, which the kernel relies on (see [`SingleSource::run`]).
//!
//! Brandes, U. (2001). A faster algorithm for betweenness centrality.
//! *Journal of Mathematical Sociology*, 25(2), 163–177.

use super::heap::{IndexedHeap, LevelHeap, RadixHeap, SmallestFirst};
use super::tolerance::REL_TOL;
use crate::model::Network;

/// How long a tie is when paths are measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Distance {
    /// `1 / trust`: a trusted tie is short (the format's default).
    #[default]
    Inverse,
    /// Every tie counts 1.
    Hops,
}

/// Compressed adjacency of the arcs that carry paths (trust > 0), with their
/// lengths, plus the in-degree offsets that size the predecessor lists.
#[derive(Debug, Clone)]
pub(crate) struct Csr {
    /// `heads[offsets[v]..offsets[v + 1]]` are the heads of `v`'s arcs.
    offsets: Vec<usize>,
    heads: Vec<u32>,
    lengths: Vec<f64>,
    /// `in_offsets[w]..in_offsets[w + 1]`: room for `w`'s predecessors.
    in_offsets: Vec<usize>,
    /// Every arc is 1 long ([`Distance::Hops`]): [`SingleSource::run`]
    /// searches breadth-first.
    unit: bool,
}

impl Csr {
    /// The arcs of `net` with trust > 0, in the direction they run.
    pub(crate) fn new(net: &Network, distance: Distance) -> Csr {
        let n = net.len();
        assert!(n <= u32::MAX as usize, "more actors than u32 indices");
        let length = |trust: f64| match distance {
            Distance::Inverse => 1.0 / trust,
            Distance::Hops => 1.0,
        };
        Csr::from_rows(n, net.arc_count(), distance == Distance::Hops, |v, row| {
            row.extend(
                net.out_arcs(v)
                    .filter(|(_, arc)| arc.trust > 0.0)
                    .map(|(w, arc)| (w as u32, length(arc.trust))),
            );
            // Sorted heads make the settle order, and so the float sums,
            // independent of the order ties were given in.
            row.sort_by_key(|&(w, _)| w);
        })
    }

    /// The same adjacency without the arcs at the `removed` actors (a mask
    /// of length |V|): G − X for a what-if, with every actor keeping its
    /// index so that per-actor sums line up with G's.
    pub(crate) fn without(&self, removed: &[bool]) -> Csr {
        let gone = |v: usize| removed.get(v).copied().unwrap_or(false);
        Csr::from_rows(self.len(), self.arcs(), self.unit, |v, row| {
            if !gone(v) {
                let (hs, ls) = self.out(v);
                row.extend(
                    hs.iter()
                        .zip(ls)
                        .filter(|(&w, _)| !gone(w as usize))
                        .map(|(&w, &len)| (w, len)),
                );
            }
        })
    }

    /// Node `v`'s arcs are what `fill(v, row)` puts in `row`, as (head,
    /// length) in the order they are to be searched.
    fn from_rows(
        n: usize,
        arcs: usize,
        unit: bool,
        mut fill: impl FnMut(usize, &mut Vec<(u32, f64)>),
    ) -> Csr {
        let mut in_degree = vec![0usize; n];
        let (offsets, (heads, lengths)) = compressed_rows(
            n,
            (Vec::with_capacity(arcs), Vec::with_capacity(arcs)),
            |v, row| {
                fill(v, row);
                for &(w, _) in row.iter() {
                    in_degree[w as usize] += 1;
                }
            },
        );
        Csr {
            offsets,
            heads,
            lengths,
            // Predecessor slots are numbered in u32 (Label::room).
            in_offsets: {
                assert!(arcs <= u32::MAX as usize, "more arcs than u32 indices");
                prefix_sums(&in_degree)
            },
            unit,
        }
    }

    /// The same adjacency searched by Dijkstra even when every arc is 1
    /// long (see [`SingleSource::heap_only`]): the reference the
    /// breadth-first search is tested against.
    #[cfg(test)]
    pub(crate) fn with_heap(&self) -> Csr {
        Csr {
            unit: false,
            ..self.clone()
        }
    }

    /// Number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Number of arcs that carry paths.
    pub(crate) fn arcs(&self) -> usize {
        self.heads.len()
    }

    #[inline]
    fn out(&self, v: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.offsets[v], self.offsets[v + 1]);
        (&self.heads[a..b], &self.lengths[a..b])
    }
}

/// Path counts above this have their exponent moved into the scale.
const BIG: f64 = 4.149_515_568_880_993e180; // 2^600
/// log2 of [`BIG`].
const BIG_EXP: i32 = 600;

/// 2^k as an f64, exact where representable (0 below the subnormals,
/// infinite above the largest).
fn pow2(k: i32) -> f64 {
    if k > 1023 {
        f64::INFINITY
    } else if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else if k >= -1074 {
        f64::from_bits(1u64 << (k + 1074))
    } else {
        0.0
    }
}

/// `[0, d0, d0 + d1, …]`: where each node's room in a flat array starts.
fn prefix_sums(counts: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(counts.len() + 1);
    out.push(0);
    for &c in counts {
        out.push(out.last().copied().unwrap_or(0) + c);
    }
    out
}

/// The one compressed-sparse-rows builder (for [`Csr`] and
/// [`super::trust_paths::TrustGraph`]): row `v` of `0..n` is what `fill(v,
/// row)` puts in `row`, appended to `items` in that order. Returns the offsets
/// (row `v` is `items[offsets[v]..offsets[v + 1]]`, n + 1 of them) and
/// `items`; a pair of vectors as `items` stores the rows column by column.
pub(crate) fn compressed_rows<T, C: Extend<T>>(
    n: usize,
    mut items: C,
    mut fill: impl FnMut(usize, &mut Vec<T>),
) -> (Vec<usize>, C) {
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    let mut row = Vec::new();
    for v in 0..n {
        row.clear();
        fill(v, &mut row);
        offsets.push(offsets[v] + row.len());
        items.extend(row.drain(..));
    }
    (offsets, items)
}

/// What a run knows of one node: d(s, v), σ_sv and where P_s(v) is.
///
/// One record per node, not one array per field: relaxing an arc reads the
/// head's distance and, when the head is reached, writes its count, scale
/// and predecessors; with the fields side by side that is one cache line
/// touched per arc instead of four or five, which is what the kernel's
/// time goes to (it is bound by these scattered accesses, not by
/// arithmetic).
#[derive(Debug, Clone, Copy)]
struct Label {
    dist: f64,
    sigma: f64,
    /// σ_sv = `sigma` · 2^`scale`: counts beyond f64's range (2^1024,
    /// passed by about a thousand diamonds in a row) are kept as a
    /// mantissa and a binary exponent, as floating-point counts are kept
    /// from overflowing elsewhere. 0 unless a count passed [`BIG`].
    scale: i32,
    pred_len: u32,
    /// P_s(v) is `preds[room..room + pred_len]`; `room` is the number of
    /// arcs into nodes before `v` (`Csr::in_offsets`) and never changes.
    room: u32,
    settled: bool,
}

impl Label {
    /// Not reached, with its room for predecessors at `room`.
    fn unreached(room: u32) -> Label {
        Label {
            dist: f64::INFINITY,
            sigma: 0.0,
            scale: 0,
            pred_len: 0,
            room,
            settled: false,
        }
    }
}

/// The labels of every node and the predecessor lists of a run.
#[derive(Debug, Clone)]
struct Labels {
    nodes: Vec<Label>,
    preds: Vec<u32>,
}

impl Labels {
    /// `w` reached from `v` (σ_v = `sigma_v` · 2^`scale_v`) for the first
    /// time or by a clearly shorter path, `d` away: P_s(w) = [v], σ_w = σ_v.
    #[inline(always)]
    fn reach_first(&mut self, w: usize, v: u32, d: f64, (sigma_v, scale_v): (f64, i32)) {
        let label = &mut self.nodes[w];
        label.dist = d;
        label.sigma = sigma_v;
        label.scale = scale_v;
        label.pred_len = 1;
        self.preds[label.room as usize] = v;
    }

    /// `w` reached from `v` at its current distance: σ_w += σ_v, adding at
    /// the larger exponent, and `v` joins P_s(w).
    #[inline(always)]
    fn add_paths(&mut self, w: usize, v: u32, (sigma_v, scale_v): (f64, i32)) {
        let label = &mut self.nodes[w];
        if label.scale == scale_v {
            label.sigma += sigma_v;
        } else {
            let top = label.scale.max(scale_v);
            label.sigma = label.sigma * pow2(label.scale - top) + sigma_v * pow2(scale_v - top);
            label.scale = top;
        }
        self.preds[(label.room + label.pred_len) as usize] = v;
        label.pred_len += 1;
    }
}

/// Single-source shortest paths with path counts, reusable across sources:
/// buffers are allocated once and only the entries a run touched are reset.
///
/// Symbols as in Brandes (2001): `dist` = d(s, ·), `sigma` = σ_s·, `preds(w)`
/// = P_s(w), `order` = S (nodes by non-decreasing distance).
#[derive(Debug, Clone)]
pub(crate) struct SingleSource<'a> {
    csr: &'a Csr,
    labels: Labels,
    /// Some count of the last run passed [`BIG`]: `scale` is not all 0.
    rescaled: bool,
    order: Vec<u32>,
    heap: IndexedHeap<SmallestFirst>,
    /// The frontier tried first on lengths `1 / trust` (see [`Self::run`]).
    radix: RadixHeap,
    /// Runs left to search with the heap alone, after a run of the radix
    /// heap met two equally distant nodes and was redone.
    heap_runs_left: u32,
    /// The frontier of breadth-first search on hop lengths.
    levels: LevelHeap,
}

/// After a radix run meets a tie, this many sources go straight to the
/// heap before the radix heap is tried again: on a network with many
/// equal distances (trust on a few levels) at most one run in this many
/// is searched twice.
const HEAP_RUNS_AFTER_A_TIE: u32 = 31;

/// Where Dijkstra keeps the nodes reached but not settled.
trait Frontier {
    /// `node` is now `key` away, nearer than any key it had in here.
    fn reach(&mut self, node: u32, key: f64);
}

impl Frontier for IndexedHeap<SmallestFirst> {
    #[inline(always)]
    fn reach(&mut self, node: u32, key: f64) {
        self.push_or_improve(node, key);
    }
}

impl Frontier for RadixHeap {
    #[inline(always)]
    fn reach(&mut self, node: u32, key: f64) {
        self.push(key, node);
    }
}

impl<'a> SingleSource<'a> {
    /// Buffers for a graph; no source run yet.
    pub(crate) fn new(csr: &'a Csr) -> Self {
        let n = csr.len();
        SingleSource {
            csr,
            labels: Labels {
                nodes: (0..n)
                    .map(|v| Label::unreached(csr.in_offsets[v] as u32))
                    .collect(),
                preds: vec![0; csr.arcs()],
            },
            rescaled: false,
            order: Vec::with_capacity(n),
            heap: IndexedHeap::new(if csr.unit { 0 } else { n }),
            radix: RadixHeap::default(),
            heap_runs_left: 0,
            levels: LevelHeap::default(),
        }
    }

    /// Buffers that search with the 4-ary heap alone: the reference the
    /// radix heap is tested against.
    #[cfg(test)]
    pub(crate) fn heap_only(csr: &'a Csr) -> Self {
        SingleSource {
            heap_runs_left: u32::MAX,
            ..SingleSource::new(csr)
        }
    }

    /// Run Dijkstra from `s`, counting shortest paths.
    ///
    /// Equal lengths (within [`REL_TOL`] relative) count as one
    /// distance: the path counts add up and the stored distance is the
    /// smaller. Because every tie is at least 1 long, a predecessor is always
    /// settled long before its successor, so σ of a node is final when the
    /// node is settled, and a settled node is never reached again at an equal
    /// length.
    ///
    /// The frontier is tried first as a [`RadixHeap`], cheaper than the
    /// 4-ary heap. The two settle nodes in the same sequence, and so give
    /// every count, predecessor list and downstream sum the same bits,
    /// whenever no two settled nodes are exactly equally far (the sequence
    /// is then the nodes sorted by distance, whatever the queue); where two
    /// are, the heap's layout decides which comes first, so the run stops at
    /// the first such pair and is redone with the heap
    /// (`radix_and_heap_settle_alike`).
    ///
    /// # Complexity
    /// O(64 (|V| + |E|)) time at worst with the radix heap (at most one
    /// entry per relaxed arc, each moving down at most once per bit of its
    /// key; a few times in practice), O((|V| + |E|) log |V|) when the run
    /// is redone with the heap; no allocation after the first runs.
    pub(crate) fn run(&mut self, s: usize) {
        self.forget_settled();
        if self.csr.unit {
            self.breadth_first(s);
            return;
        }
        if self.heap_runs_left > 0 {
            self.heap_runs_left -= 1;
        } else if self.radix_dijkstra(s) {
            return;
        } else {
            self.heap_runs_left = HEAP_RUNS_AFTER_A_TIE;
        }
        self.heap_dijkstra(s);
    }

    /// Forget every node settled by the last run (all it reached, unless
    /// it stopped early).
    fn forget_settled(&mut self) {
        let settled = std::mem::take(&mut self.order);
        for &v in &settled {
            self.forget(v as usize);
        }
        self.order = settled;
        self.order.clear();
        self.rescaled = false;
    }

    /// Back to "not reached": the state of every node before a run.
    #[inline]
    fn forget(&mut self, v: usize) {
        let label = &mut self.labels.nodes[v];
        *label = Label::unreached(label.room);
    }

    /// [`Self::run`] with the 4-ary heap, whose layout orders equally
    /// distant nodes.
    fn heap_dijkstra(&mut self, s: usize) {
        let mut heap = std::mem::replace(&mut self.heap, IndexedHeap::new(0));
        heap.clear();
        self.start(s);
        heap.push_or_improve(s as u32, 0.0);
        while let Some((d, node)) = heap.pop() {
            self.settle_and_relax(&mut heap, node, d);
        }
        self.heap = heap;
    }

    /// [`Self::run`] with the radix heap, as long as no two settled nodes
    /// are equally far. Returns false, with every node forgotten, at the
    /// first pair that is: which of them to settle first is the heap's to
    /// say.
    fn radix_dijkstra(&mut self, s: usize) -> bool {
        let mut radix = std::mem::take(&mut self.radix);
        radix.clear();
        self.start(s);
        radix.push(0.0, s as u32);
        let mut previous: Option<f64> = None;
        let mut clean = true;
        while let Some((d, node)) = radix.pop() {
            // An entry left behind when its node was reached by a shorter
            // path (each new entry is strictly nearer, so only the last
            // one matches the distance).
            if d != self.labels.nodes[node as usize].dist {
                continue;
            }
            if previous == Some(d) {
                clean = false;
                self.forget(node as usize);
                break;
            }
            previous = Some(d);
            self.settle_and_relax(&mut radix, node, d);
        }
        if !clean {
            for v in radix.nodes() {
                self.forget(v as usize);
            }
            self.forget_settled();
        }
        self.radix = radix;
        clean
    }

    /// `node`, `d` away, is settled: its arcs are relaxed in their order,
    /// nodes reached nearer (or first) going into `frontier`.
    #[inline(always)]
    fn settle_and_relax<F: Frontier>(&mut self, frontier: &mut F, node: u32, d: f64) {
        let v = node as usize;
        let from = self.settle(node);
        let csr = self.csr;
        let labels = &mut self.labels;
        let (heads, lengths) = csr.out(v);
        for (&w, &len) in heads.iter().zip(lengths) {
            let wi = w as usize;
            let candidate = d + len;
            let current = labels.nodes[wi].dist;
            // `same_length` spelled out so the common cases (first
            // reach, clearly longer) cost one comparison each. A
            // settled node is at most `d` away, never farther than
            // `candidate`, so only the equal-length branch asks: with
            // lengths past 1e12 a settled node could pass as equally
            // far, and it must not gain paths. Asking there and not
            // first spares every arc a look-up and a branch.
            if current == f64::INFINITY || current - candidate > REL_TOL * current {
                labels.reach_first(wi, node, candidate, from);
                frontier.reach(w, candidate);
            } else if candidate - current <= REL_TOL * candidate && !labels.nodes[wi].settled {
                labels.add_paths(wi, node, from);
                if candidate < current {
                    labels.nodes[wi].dist = candidate;
                    frontier.reach(w, candidate);
                }
            }
        }
    }

    /// `v` leaves the frontier: it is settled and joins the settle order,
    /// and, its σ being final, a large count's exponent moves into its
    /// scale (exact, a power of two). Returns σ_v as (mantissa, scale).
    #[inline(always)]
    fn settle(&mut self, v: u32) -> (f64, i32) {
        self.order.push(v);
        let label = &mut self.labels.nodes[v as usize];
        label.settled = true;
        if label.sigma > BIG {
            label.sigma *= pow2(-BIG_EXP);
            label.scale += BIG_EXP;
            self.rescaled = true;
        }
        (label.sigma, label.scale)
    }

    /// `s` is the source of the run: 0 away, one path (itself).
    fn start(&mut self, s: usize) {
        let label = &mut self.labels.nodes[s];
        label.dist = 0.0;
        label.sigma = 1.0;
    }

    /// [`Self::run`] when every arc is 1 long: breadth-first search, which
    /// settles the nodes in exactly the order the heap would pop them.
    ///
    /// Distances are whole numbers, so the equal-length rule is plain
    /// equality and a node's distance is final when it is first reached.
    /// A plain queue would settle equally distant nodes first come, first
    /// served; the heap settles them in an order set by its layout, and
    /// that order is the order of the floating-point sums downstream
    /// (Brandes' dependencies add up over a node's successors in reverse
    /// settle order). So the frontier is a [`LevelHeap`], the heap's own
    /// array on whole-number levels: each node gets the same place in
    /// `order`, the same predecessors in the same order and the same σ as
    /// with the heap, and every figure built on them the same bits
    /// (`breadth_first_has_the_heaps_bits`).
    ///
    /// # Complexity
    /// O(|V| log |V| + |E|): a pop costs the heap's sift-down, on one word
    /// per entry; a push is an append.
    fn breadth_first(&mut self, s: usize) {
        let mut levels = std::mem::take(&mut self.levels);
        levels.clear();
        self.start(s);
        levels.push(0, s as u32);
        while let Some((level, node)) = levels.pop() {
            let v = node as usize;
            let from = self.settle(node);
            let d = f64::from(level + 1);
            let csr = self.csr;
            let labels = &mut self.labels;
            // Nodes at `level` or nearer (settled or not) fail both tests,
            // as they fail the heap's "not settled and as short" ones.
            for &w in csr.out(v).0 {
                let wi = w as usize;
                let current = labels.nodes[wi].dist;
                if current == f64::INFINITY {
                    labels.reach_first(wi, node, d, from);
                    levels.push(level + 1, w);
                } else if current == d {
                    labels.add_paths(wi, node, from);
                }
            }
        }
        self.levels = levels;
    }

    /// Nodes reached from the last source (itself first), by non-decreasing
    /// distance.
    pub(crate) fn order(&self) -> &[u32] {
        &self.order
    }

    /// d(s, v) of the last run; infinite when `v` was not reached.
    #[inline]
    pub(crate) fn dist(&self, v: usize) -> f64 {
        self.labels.nodes[v].dist
    }

    /// The mantissa of σ_sv of the last run, the number of shortest s → v
    /// paths (0 when not reached; 1 for the source): σ_sv = `sigma(v)` ·
    /// 2^`scale(v)`. Ratios of counts are `sigma(v) / sigma(w)` times
    /// [`Self::rescale`]`(v, w)`.
    #[inline]
    pub(crate) fn sigma(&self, v: usize) -> f64 {
        self.labels.nodes[v].sigma
    }

    /// Whether some count of the last run passed 2^600; when not, every
    /// [`Self::rescale`] is exactly 1.
    #[inline]
    pub(crate) fn any_rescaled(&self) -> bool {
        self.rescaled
    }

    /// 2^(scale(v) − scale(w)): the factor that puts the mantissa of σ_sv
    /// on the scale of σ_sw's; exactly 1 unless a count passed 2^600.
    #[inline]
    pub(crate) fn rescale(&self, v: usize, w: usize) -> f64 {
        let (a, b) = (self.labels.nodes[v].scale, self.labels.nodes[w].scale);
        if a == b {
            1.0
        } else {
            pow2(a - b)
        }
    }

    /// P_s(v) of the last run: the nodes just before `v` on shortest paths.
    #[inline]
    pub(crate) fn preds(&self, v: usize) -> &[u32] {
        let base = self.csr.in_offsets[v];
        &self.labels.preds[base..base + self.labels.nodes[v].pred_len as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    fn net(ids: &[&str], ties: &[TieSpec]) -> Network {
        Network::from_parts(ids.iter().map(|&i| Actor::stakeholder(i)).collect(), ties).unwrap()
    }

    /// `n` stakeholders and a tie for each `(a, b, mode, trust)` (ends
    /// taken mod n; self-ties and repeated pairs dropped): mode 0 mutual,
    /// 1 directed, 2 mutual with trust 0.
    fn random_network(n: usize, arcs: &[(usize, usize, u8, f64)]) -> Network {
        let ids: Vec<String> = (0..n).map(|i| format!("v{i:02}")).collect();
        let mut seen = std::collections::BTreeSet::new();
        let ties: Vec<TieSpec> = arcs
            .iter()
            .map(|&(a, b, m, t)| (a % n, b % n, m, t))
            .filter(|&(a, b, _, _)| a != b && seen.insert((a.min(b), a.max(b))))
            .map(|(a, b, m, t)| match m {
                0 => TieSpec::mutual(ids[a].as_str(), ids[b].as_str(), t),
                1 => TieSpec::directed(ids[a].as_str(), ids[b].as_str(), t),
                _ => TieSpec::mutual(ids[a].as_str(), ids[b].as_str(), 0.0),
            })
            .collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        net(&refs, &ties)
    }

    /// a–b–d and a–c–d, mutual, with trust `[ab, bd, ac, cd]`.
    fn diamond(trust: [f64; 4]) -> Network {
        let ends = [("a", "b"), ("b", "d"), ("a", "c"), ("c", "d")];
        let ties: Vec<TieSpec> = ends
            .iter()
            .zip(trust)
            .map(|(&(x, y), t)| TieSpec::mutual(x, y, t))
            .collect();
        net(&["a", "b", "c", "d"], &ties)
    }

    #[test]
    fn equal_lengths_in_exact_arithmetic_count_as_two_paths() {
        // a–b–d and a–c–d: 1/0.9 + 1/0.75 and 1/0.75 + 1/0.9 are equal on
        // paper but their f64 sums need not be.
        let g = diamond([0.9, 0.75, 0.75, 0.9]);
        let csr = Csr::new(&g, Distance::Inverse);
        let mut ss = SingleSource::new(&csr);
        ss.run(0);
        assert_eq!(ss.sigma(3), 2.0);
        let mut p = ss.preds(3).to_vec();
        p.sort();
        assert_eq!(p, [1, 2]);
        assert!((ss.dist(3) - (1.0 / 0.9 + 1.0 / 0.75)).abs() < 1e-12);
        assert_eq!(ss.order()[0], 0);
        assert_eq!(*ss.order().last().unwrap(), 3);
    }

    #[test]
    fn trust_zero_ties_carry_no_path_and_reruns_reset() {
        let g = net(
            &["a", "b", "c"],
            &[
                TieSpec::mutual("a", "b", 0.5),
                TieSpec::mutual("b", "c", 0.0),
            ],
        );
        let csr = Csr::new(&g, Distance::Inverse);
        assert_eq!(csr.arcs(), 2);
        let mut ss = SingleSource::new(&csr);
        ss.run(0);
        assert_eq!(ss.dist(1), 2.0);
        assert_eq!(ss.dist(2), f64::INFINITY);
        assert_eq!(ss.sigma(2), 0.0);
        ss.run(2);
        assert_eq!(ss.order(), [2]);
        assert_eq!(ss.dist(0), f64::INFINITY);
        assert_eq!(ss.sigma(0), 0.0);
        let hops = Csr::new(&g, Distance::Hops);
        let mut ss = SingleSource::new(&hops);
        ss.run(1);
        assert_eq!((ss.dist(0), ss.sigma(0)), (1.0, 1.0));
    }

    #[test]
    fn a_shorter_path_found_later_replaces_the_counts() {
        // a→b→c is 2 hops of length 1; a→c directly is 1/0.25 = 4.
        let g = net(
            &["a", "b", "c"],
            &[
                TieSpec::directed("a", "c", 0.25),
                TieSpec::directed("a", "b", 1.0),
                TieSpec::directed("b", "c", 1.0),
            ],
        );
        let csr = Csr::new(&g, Distance::Inverse);
        let mut ss = SingleSource::new(&csr);
        ss.run(0);
        assert_eq!((ss.dist(2), ss.sigma(2)), (2.0, 1.0));
        assert_eq!(ss.preds(2), [1]);
        ss.run(2);
        assert_eq!(ss.order(), [2]);
    }

    #[test]
    fn without_is_the_network_built_without_those_ties() {
        let ids = ["a", "b", "c", "d"];
        let ties = [
            TieSpec::mutual("a", "b", 0.5),
            TieSpec::directed("c", "a", 0.25),
            TieSpec::mutual("b", "d", 1.0),
            TieSpec::directed("d", "c", 0.8),
            TieSpec::mutual("a", "d", 0.0),
        ];
        let kept: Vec<TieSpec> = [&ties[1], &ties[3], &ties[4]].map(Clone::clone).to_vec();
        for distance in [Distance::Inverse, Distance::Hops] {
            let cut = Csr::new(&net(&ids, &ties), distance).without(&[false, true, false, false]);
            let fresh = Csr::new(&net(&ids, &kept), distance);
            assert_eq!(format!("{cut:?}"), format!("{fresh:?}"));
        }
    }

    #[test]
    fn a_settled_node_gains_no_paths_at_lengths_past_the_tolerance() {
        // a–b and a–c are 1e13 long, b–c is 1: 1e13 + 1 is "equal" to 1e13
        // (within 1e-12 relative), so c counts a→b→c beside a→c; but b,
        // settled before c, must not count a→c→b.
        let g = net(
            &["a", "b", "c"],
            &[
                TieSpec::mutual("a", "b", 1e-13),
                TieSpec::mutual("a", "c", 1e-13),
                TieSpec::mutual("b", "c", 1.0),
            ],
        );
        let csr = Csr::new(&g, Distance::Inverse);
        let mut ss = SingleSource::new(&csr);
        ss.run(0);
        let (first, second) = (ss.order()[1] as usize, ss.order()[2] as usize);
        assert_eq!((ss.sigma(first), ss.preds(first)), (1.0, &[0][..]));
        assert_eq!(ss.sigma(second), 2.0);
    }

    #[test]
    fn a_tie_sends_the_run_back_to_the_heap_and_a_clean_run_stays() {
        // a–b–d and a–c–d with trust 0.5 throughout: b and c are both
        // exactly 2 away from a.
        let g = diamond([0.5; 4]);
        let csr = Csr::new(&g, Distance::Inverse);
        let (mut a, mut b) = (SingleSource::new(&csr), SingleSource::heap_only(&csr));
        a.run(0);
        b.run(0);
        assert_eq!(a.heap_runs_left, HEAP_RUNS_AFTER_A_TIE);
        same_run(&a, &b).unwrap();
        assert_eq!(a.sigma(3), 2.0);
        // On a path (lengths 2 and 4) no two nodes are equally far: the
        // radix run stands.
        let path = net(
            &["a", "b", "c"],
            &[
                TieSpec::mutual("a", "b", 0.5),
                TieSpec::mutual("b", "c", 0.25),
            ],
        );
        let csr = Csr::new(&path, Distance::Inverse);
        let mut a = SingleSource::new(&csr);
        a.run(0);
        assert_eq!(a.heap_runs_left, 0);
        assert_eq!((a.order(), a.dist(2)), (&[0, 1, 2][..], 6.0));
    }

    /// Every observable of the last runs of `a` and `b` equal, bit for bit
    /// and in sequence: settle order, distances, σ with its scale, and each
    /// predecessor list in its order.
    fn same_run(a: &SingleSource, b: &SingleSource) -> Result<(), String> {
        if a.order() != b.order() {
            return Err(format!("order {:?} != {:?}", a.order(), b.order()));
        }
        for v in 0..a.labels.nodes.len() {
            let pa = (
                a.dist(v).to_bits(),
                a.sigma(v).to_bits(),
                a.labels.nodes[v].scale,
            );
            let pb = (
                b.dist(v).to_bits(),
                b.sigma(v).to_bits(),
                b.labels.nodes[v].scale,
            );
            if pa != pb || a.preds(v) != b.preds(v) {
                return Err(format!(
                    "node {v}: {pa:?} {:?} != {pb:?} {:?}",
                    a.preds(v),
                    b.preds(v)
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn breadth_first_keeps_the_heaps_bits_past_the_count_range() {
        // 700 diamonds in a row, two ties each way per diamond: 2^700
        // shortest paths end to end, past 2^600 where counts are rescaled.
        let ids: Vec<String> = (0..2101).map(|i| format!("v{i:04}")).collect();
        let mut ties = Vec::new();
        for k in 0..700 {
            let (a, b, c, d) = (3 * k, 3 * k + 1, 3 * k + 2, 3 * k + 3);
            for (x, y) in [(a, b), (a, c), (b, d), (c, d)] {
                ties.push(TieSpec::mutual(ids[x].as_str(), ids[y].as_str(), 0.5));
            }
        }
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let g = net(&refs, &ties);
        let bfs = Csr::new(&g, Distance::Hops);
        let heap = bfs.with_heap();
        let (mut a, mut b) = (SingleSource::new(&bfs), SingleSource::heap_only(&heap));
        for s in [0, 1, 1050, 2100] {
            a.run(s);
            b.run(s);
            same_run(&a, &b).unwrap();
        }
        a.run(0);
        assert_eq!(a.labels.nodes[2100].scale, 600);
        assert_eq!(a.sigma(2100), 2f64.powi(100));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// The radix heap, redone with the 4-ary heap where two nodes are
        /// equally far, settles as the heap alone does, bit for bit: trust
        /// on four levels makes equal sums common, continuous trust rare.
        #[test]
        fn radix_and_heap_settle_alike(
            n in 1usize..50,
            arcs in proptest::collection::vec((0usize..50, 0usize..50, 0u8..3, 0u8..4, 0.001f64..=1.0), 0..200),
            levels in proptest::bool::ANY,
        ) {
            let arcs: Vec<(usize, usize, u8, f64)> = arcs
                .iter()
                .map(|&(a, b, m, l, t)| (a, b, m, if levels { [0.25, 0.5, 0.75, 1.0][l as usize] } else { t }))
                .collect();
            let g = random_network(n, &arcs);
            let csr = Csr::new(&g, Distance::Inverse);
            let (mut a, mut b) = (SingleSource::new(&csr), SingleSource::heap_only(&csr));
            for s in 0..n {
                // Every run tries the radix heap first.
                a.heap_runs_left = 0;
                a.run(s);
                b.run(s);
                proptest::prop_assert_eq!(same_run(&a, &b), Ok(()));
            }
        }

        /// On hop lengths breadth-first search and the heap settle the same
        /// nodes in the same order with the same distances, counts and
        /// predecessor lists, bit for bit.
        #[test]
        fn breadth_first_has_the_heaps_bits(
            n in 1usize..60,
            arcs in proptest::collection::vec((0usize..60, 0usize..60, 0u8..3), 0..240),
        ) {
            let arcs: Vec<(usize, usize, u8, f64)> =
                arcs.iter().map(|&(a, b, m)| (a, b, m, 0.5)).collect();
            let g = random_network(n, &arcs);
            let bfs = Csr::new(&g, Distance::Hops);
            let heap = bfs.with_heap();
            let (mut a, mut b) = (SingleSource::new(&bfs), SingleSource::heap_only(&heap));
            for s in 0..n {
                a.run(s);
                b.run(s);
                proptest::prop_assert_eq!(same_run(&a, &b), Ok(()));
            }
        }
    }
}

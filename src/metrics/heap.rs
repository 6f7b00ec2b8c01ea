//! The indexed 4-ary heap both Dijkstra variants use: shortest paths
//! ([`super::paths`], smallest distance first) and most trusted paths
//! ([`super::trust_paths`], largest product first); and [`LevelHeap`], its
//! replica for breadth-first search on hop lengths.
//!
//! Indexed: at most one entry per node, whose key is changed in place
//! (decrease-key for distances, raise-key for products), so the heap never
//! grows past |V| and pops no stale entries. Keys and nodes sit side by side
//! for cache locality. The pop order is fixed by the [`Priority`] and, among
//! entries it does not order, by the sequence of operations, so the same
//! input always settles nodes in the same order.

use std::marker::PhantomData;

/// Marks a node that is not in the heap.
const ABSENT: u32 = u32::MAX;

/// Which of two entries `(key, node)` leaves the heap first.
pub(crate) trait Priority {
    /// `a` comes out before `b`.
    fn before(a: (f64, u32), b: (f64, u32)) -> bool;
}

/// Smallest key first. Equal keys come out in an order fixed by the
/// sequence of operations and the heap's layout (not first in, first out);
/// [`LevelHeap`] reproduces it.
#[derive(Debug, Clone)]
pub(crate) struct SmallestFirst;

impl Priority for SmallestFirst {
    #[inline]
    fn before(a: (f64, u32), b: (f64, u32)) -> bool {
        a.0 < b.0
    }
}

/// Largest key first, equal keys by lower node index: a total order, so
/// nodes are settled in the same sequence as with any other exact priority
/// queue under that order.
#[derive(Debug, Clone)]
pub(crate) struct LargestFirst;

impl Priority for LargestFirst {
    #[inline]
    fn before(a: (f64, u32), b: (f64, u32)) -> bool {
        a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
    }
}

/// An indexed 4-ary heap of `(key, node)` ordered by `P`.
#[derive(Debug, Clone)]
pub(crate) struct IndexedHeap<P> {
    keys: Vec<f64>,
    nodes: Vec<u32>,
    /// Slot of each node in the heap, or [`ABSENT`].
    pos: Vec<u32>,
    order: PhantomData<P>,
}

impl<P: Priority> IndexedHeap<P> {
    /// An empty heap for nodes `0..n`.
    pub(crate) fn new(n: usize) -> Self {
        IndexedHeap {
            keys: Vec::with_capacity(n),
            nodes: Vec::with_capacity(n),
            pos: vec![ABSENT; n],
            order: PhantomData,
        }
    }

    /// Empty the heap, in time proportional to its length.
    pub(crate) fn clear(&mut self) {
        for &v in &self.nodes {
            self.pos[v as usize] = ABSENT;
        }
        self.keys.clear();
        self.nodes.clear();
    }

    /// Insert `node` with `key`, or move it to `key` if it is already in;
    /// the new key must come out no later than its old one (a decrease for
    /// [`SmallestFirst`], a raise for [`LargestFirst`]).
    #[inline]
    pub(crate) fn push_or_improve(&mut self, node: u32, key: f64) {
        let slot = match self.pos[node as usize] {
            ABSENT => {
                self.keys.push(key);
                self.nodes.push(node);
                self.keys.len() - 1
            }
            slot => slot as usize,
        };
        self.sift_up(slot, key, node);
    }

    #[inline]
    fn put(&mut self, slot: usize, key: f64, node: u32) {
        self.keys[slot] = key;
        self.nodes[slot] = node;
        self.pos[node as usize] = slot as u32;
    }

    #[inline]
    fn sift_up(&mut self, mut slot: usize, key: f64, node: u32) {
        while slot > 0 {
            let parent = (slot - 1) / 4;
            let above = (self.keys[parent], self.nodes[parent]);
            if !P::before((key, node), above) {
                break;
            }
            self.put(slot, above.0, above.1);
            slot = parent;
        }
        self.put(slot, key, node);
    }

    /// Remove and return the entry that comes out first.
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<(f64, u32)> {
        let top = (*self.keys.first()?, self.nodes[0]);
        self.pos[top.1 as usize] = ABSENT;
        let key = self.keys.pop().expect("non-empty");
        let node = self.nodes.pop().expect("non-empty");
        let len = self.keys.len();
        if len > 0 {
            let mut slot = 0;
            loop {
                let first = 4 * slot + 1;
                if first >= len {
                    break;
                }
                let mut best = first;
                for c in first + 1..(first + 4).min(len) {
                    if P::before(
                        (self.keys[c], self.nodes[c]),
                        (self.keys[best], self.nodes[best]),
                    ) {
                        best = c;
                    }
                }
                let below = (self.keys[best], self.nodes[best]);
                if !P::before(below, (key, node)) {
                    break;
                }
                self.put(slot, below.0, below.1);
                slot = best;
            }
            self.put(slot, key, node);
        }
        Some(top)
    }
}

/// The array of an [`IndexedHeap<SmallestFirst>`] when keys are whole
/// levels (hop counts) and never decrease: the same 4-ary layout and the
/// same moves, so nodes come out in the same order, equal keys included,
/// but with no index of positions (nothing is ever moved to a new key) and
/// each entry one word, `level << 32 | node`, compared on its level alone.
///
/// Breadth-first search pushes only keys one above the level being
/// popped, at least every key in the heap, so a push never sifts up.
#[derive(Debug, Clone, Default)]
pub(crate) struct LevelHeap {
    entries: Vec<u64>,
}

impl LevelHeap {
    /// Empty the heap.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    /// Add `node` at `level`, which must be no smaller than any level in
    /// the heap (what [`IndexedHeap::push_or_improve`] would then do:
    /// leave it in the last slot).
    #[inline]
    pub(crate) fn push(&mut self, level: u32, node: u32) {
        debug_assert!(self.entries.iter().all(|&e| (e >> 32) as u32 <= level));
        self.entries.push(u64::from(level) << 32 | u64::from(node));
    }

    /// Remove and return the entry [`IndexedHeap::pop`] would: `(level,
    /// node)`.
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<(u32, u32)> {
        let heap = &mut self.entries;
        let top = *heap.first()?;
        let last = heap.pop().expect("non-empty");
        let len = heap.len();
        if len > 0 {
            let key = last >> 32;
            let mut slot = 0;
            loop {
                let first = 4 * slot + 1;
                if first >= len {
                    break;
                }
                // The first of the smallest children, as `IndexedHeap::pop`.
                let mut best = first;
                for c in first + 1..(first + 4).min(len) {
                    if heap[c] >> 32 < heap[best] >> 32 {
                        best = c;
                    }
                }
                if heap[best] >> 32 >= key {
                    break;
                }
                heap[slot] = heap[best];
                slot = best;
            }
            heap[slot] = last;
        }
        Some(((top >> 32) as u32, top as u32))
    }
}

/// A monotone radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990) on the bit
/// patterns of non-negative `f64` keys, which order as the keys do. Dijkstra
/// never pushes a key below the last one popped, so an entry only ever
/// moves to lower buckets: O(64) moves an entry at worst, a few in
/// practice, against a heap's O(log n) comparisons a pop. No decrease-key:
/// a better key is a new entry, and the caller skips the stale ones.
///
/// Equal keys come out in no particular order, unlike the 4-ary heap's
/// layout order; [`super::paths`] uses it only where no two settled keys
/// are equal, where every exact priority queue settles the same sequence.
#[derive(Debug, Clone)]
pub(crate) struct RadixHeap {
    /// The key last popped; bucket `i > 0` holds keys whose highest bit
    /// differing from it is bit `i − 1`, bucket 0 keys equal to it.
    last: u64,
    buckets: [Vec<(u64, u32)>; 65],
    /// Bit `i − 1` set: bucket `i > 0` is not empty.
    occupied: u64,
}

impl Default for RadixHeap {
    /// An empty heap; allocates nothing until entries come.
    fn default() -> Self {
        RadixHeap {
            last: 0,
            buckets: std::array::from_fn(|_| Vec::new()),
            occupied: 0,
        }
    }
}

impl RadixHeap {
    #[inline]
    fn bucket(last: u64, key: u64) -> usize {
        (64 - (key ^ last).leading_zeros()) as usize
    }

    /// Empty the heap, keeping its buffers.
    pub(crate) fn clear(&mut self) {
        for b in &mut self.buckets {
            b.clear();
        }
        self.last = 0;
        self.occupied = 0;
    }

    /// Add `node` at `key`: non-negative and no smaller than the last key
    /// popped.
    #[inline]
    pub(crate) fn push(&mut self, key: f64, node: u32) {
        let bits = key.to_bits();
        debug_assert!(key >= 0.0 && bits >= self.last);
        let i = Self::bucket(self.last, bits);
        if i > 0 {
            self.occupied |= 1 << (i - 1);
        }
        self.buckets[i].push((bits, node));
    }

    /// Remove an entry of the smallest key (any one of them when several
    /// share it).
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<(f64, u32)> {
        if self.buckets[0].is_empty() {
            if self.occupied == 0 {
                return None;
            }
            let i = self.occupied.trailing_zeros() as usize + 1;
            self.occupied &= !(1 << (i - 1));
            let mut entries = std::mem::take(&mut self.buckets[i]);
            let last = entries.iter().map(|e| e.0).min().expect("occupied");
            self.last = last;
            for &(bits, node) in &entries {
                let j = Self::bucket(last, bits);
                if j > 0 {
                    self.occupied |= 1 << (j - 1);
                }
                self.buckets[j].push((bits, node));
            }
            entries.clear();
            self.buckets[i] = entries;
        }
        let (bits, node) = self.buckets[0].pop()?;
        Some((f64::from_bits(bits), node))
    }

    /// The nodes of every entry still in the heap.
    pub(crate) fn nodes(&self) -> impl Iterator<Item = u32> + '_ {
        self.buckets.iter().flatten().map(|e| e.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_pops_in_key_order_after_decreases() {
        let mut h = IndexedHeap::<SmallestFirst>::new(50);
        let mut state = 7u64;
        let mut best = [f64::INFINITY; 50];
        for _ in 0..400 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            let node = (state >> 40) as usize % 50;
            let key = (state >> 20) as f64 % 1000.0;
            if key < best[node] {
                best[node] = key;
                h.push_or_improve(node as u32, key);
            }
        }
        let mut popped = Vec::new();
        while let Some((k, v)) = h.pop() {
            assert_eq!(k, best[v as usize]);
            popped.push(k);
        }
        assert_eq!(popped.len(), best.iter().filter(|k| k.is_finite()).count());
        assert!(popped.windows(2).all(|w| w[0] <= w[1]));
        assert!(h.pos.iter().all(|&p| p == ABSENT));
    }

    #[test]
    fn largest_first_breaks_ties_by_lower_node() {
        let mut h = IndexedHeap::<LargestFirst>::new(6);
        for (v, k) in [(5, 0.5), (1, 0.5), (3, 0.9), (0, 0.1), (2, 0.5)] {
            h.push_or_improve(v, k);
        }
        h.push_or_improve(0, 0.95);
        let order: Vec<u32> = std::iter::from_fn(|| h.pop()).map(|e| e.1).collect();
        assert_eq!(order, [0, 3, 1, 2, 5]);
        h.clear();
        assert_eq!(h.pop(), None);
    }

    proptest::proptest! {
        /// Breadth-first use (push keys one above the level being popped,
        /// pop) gives the indexed heap's pop order, equal keys included.
        #[test]
        fn level_heap_pops_as_the_indexed_heap(
            ops in proptest::collection::vec(0u8..5, 1..400),
        ) {
            let n = ops.len() + 1;
            let mut indexed = IndexedHeap::<SmallestFirst>::new(n);
            let mut level = LevelHeap::default();
            indexed.push_or_improve(0, 0.0);
            level.push(0, 0);
            let (mut next, mut current) = (1u32, 0u32);
            for op in ops {
                if op == 0 {
                    let a = indexed.pop();
                    let b = level.pop();
                    proptest::prop_assert_eq!(a.map(|(k, v)| (k as u32, v)), b);
                    if let Some((k, _)) = b {
                        current = k;
                    }
                } else {
                    indexed.push_or_improve(next, f64::from(current + 1));
                    level.push(current + 1, next);
                    next += 1;
                }
            }
            loop {
                let (a, b) = (indexed.pop(), level.pop());
                proptest::prop_assert_eq!(a.map(|(k, v)| (k as u32, v)), b);
                if b.is_none() {
                    break;
                }
            }
        }
    }
}

//! Who can reach whom at all, in linear time: the connectivity half of
//! sustainability after exit (`stranded`, `group_bridges_lost`) without a
//! most-trusted-path run per source, for sampled exits.
//!
//! Paths use the arcs of trust > 0 (those of a [`TrustGraph`]) and may pass
//! through any actor not masked by `removed`, as in the contract's
//! "Sustainability after exit".

use std::collections::{BTreeSet, VecDeque};

use super::trust_paths::TrustGraph;
use crate::model::Network;

const NONE: u32 = u32::MAX;

/// Up to two distinct members of `sources` that reach each actor (or, with
/// `backward`, that each actor reaches), `NONE` where there are fewer.
///
/// Two-label propagation: each actor accepts at most two distinct labels and
/// passes each on once, so the work is O(2 (|V| + |E|)). An actor reached by
/// at least two sources ends with two labels: along a path from a source b,
/// every actor holds b or two labels, by induction.
fn two_sources(
    g: &TrustGraph,
    removed: &[bool],
    sources: &[usize],
    backward: bool,
) -> Vec<[u32; 2]> {
    let n = g.len();
    let gone = |v: usize| removed.get(v).copied().unwrap_or(false);
    let mut labels = vec![[NONE; 2]; n];
    let mut queue: VecDeque<(usize, u32)> = VecDeque::new();
    for &s in sources {
        if !gone(s) {
            labels[s][0] = s as u32;
            queue.push_back((s, s as u32));
        }
    }
    let mut next = Vec::new();
    while let Some((u, label)) = queue.pop_front() {
        next.clear();
        if backward {
            next.extend(g.in_arcs(u).map(|(v, _)| v));
        } else {
            next.extend(g.out_arcs(u).map(|(v, _)| v));
        }
        for &v in &next {
            if gone(v) {
                continue;
            }
            let l = &mut labels[v];
            if l[0] == label || l[1] == label {
                continue;
            }
            if l[0] == NONE {
                l[0] = label;
            } else if l[1] == NONE {
                l[1] = label;
            } else {
                continue;
            }
            queue.push_back((v, label));
        }
    }
    labels
}

/// Members of `stayers` with a path to or from another member, as a mask.
fn connected(g: &TrustGraph, removed: &[bool], stayers: &[usize]) -> Vec<bool> {
    let into = two_sources(g, removed, stayers, false);
    let from = two_sources(g, removed, stayers, true);
    let other = |l: &[u32; 2], u: usize| l.iter().any(|&x| x != NONE && x as usize != u);
    let mut out = vec![false; g.len()];
    for &u in stayers {
        out[u] = other(&into[u], u) || other(&from[u], u);
    }
    out
}

/// The contract's `stranded`: members of S (`stayers`, sorted) connected (a
/// path either way) to another member in `before` and to none in `after`
/// minus `removed`, in id order.
///
/// # Complexity
/// **O(|V| + |E|)**.
pub(crate) fn stranded(
    before: &TrustGraph,
    after: &TrustGraph,
    removed: &[bool],
    stayers: &[usize],
) -> Vec<usize> {
    let c0 = connected(before, &[], stayers);
    let c1 = connected(after, removed, stayers);
    stayers
        .iter()
        .copied()
        .filter(|&u| c0[u] && !c1[u])
        .collect()
}

/// Unordered group pairs (first < second) joined by some path from a member
/// of S in one group to a member of S in the other, in `g` minus `removed`.
///
/// One breadth-first search per group, from all its members of S at once.
///
/// # Complexity
/// **O(k (|V| + |E|))** for k groups with members in S.
pub(crate) fn group_bridges(
    net: &Network,
    g: &TrustGraph,
    removed: &[bool],
    stayers: &[usize],
) -> BTreeSet<(usize, usize)> {
    let n = g.len();
    let gone = |v: usize| removed.get(v).copied().unwrap_or(false);
    let mut in_s = vec![false; n];
    for &s in stayers {
        in_s[s] = true;
    }
    let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); net.groups().len()];
    for &s in stayers {
        if !gone(s) {
            by_group[net.group_of(s)].push(s);
        }
    }
    let mut bridges = BTreeSet::new();
    let mut seen = vec![false; n];
    let mut queue = VecDeque::new();
    for (ga, members) in by_group.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        seen.iter_mut().for_each(|x| *x = false);
        for &s in members {
            seen[s] = true;
            queue.push_back(s);
        }
        while let Some(u) = queue.pop_front() {
            if in_s[u] {
                let gb = net.group_of(u);
                if gb != ga {
                    bridges.insert((ga.min(gb), ga.max(gb)));
                }
            }
            for (v, _) in g.out_arcs(u) {
                if !seen[v] && !gone(v) {
                    seen[v] = true;
                    queue.push_back(v);
                }
            }
        }
    }
    bridges
}

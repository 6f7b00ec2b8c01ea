//! Gould–Fernandez brokerage roles over the actors' groups.
//!
//! A broker v sits in the middle of an open two-path a → v → c: a ≠ c, both
//! arcs with trust > 0, and no arc a → c with trust > 0. The groups of a, v
//! and c name the role v plays on that path. A mutual tie is an arc each way,
//! so on an undirected network every open two-path counts in both directions.

use rayon::prelude::*;

use crate::model::Network;

/// Brokers per parallel task.
const CHUNK: usize = 64;

/// Raw Gould–Fernandez counts of one actor: the open two-paths it brokers,
/// by the groups at the three positions (a → v → c, v the broker).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BrokerageRoles {
    /// w_I: a, v and c all in one group.
    pub coordinator: u64,
    /// w_O: a and c in one group, v in another.
    pub itinerant: u64,
    /// b_IO: a and v in one group, c in another (v represents its group
    /// outward).
    pub representative: u64,
    /// b_OI: v and c in one group, a in another (v is the gate into its
    /// group).
    pub gatekeeper: u64,
    /// b_O: a, v and c in three different groups.
    pub liaison: u64,
    /// All open two-paths through v (the sum of the five roles).
    pub total: u64,
}

/// Heads of the trust > 0 arcs of every actor, sorted, in compressed rows.
fn sorted_heads(net: &Network, tails: bool) -> (Vec<usize>, Vec<usize>) {
    let mut offsets = Vec::with_capacity(net.len() + 1);
    let mut heads = Vec::new();
    offsets.push(0);
    for v in 0..net.len() {
        let start = heads.len();
        if tails {
            heads.extend(
                net.in_arcs(v)
                    .filter(|(_, a)| a.trust > 0.0)
                    .map(|(u, _)| u),
            );
        } else {
            heads.extend(
                net.out_arcs(v)
                    .filter(|(_, a)| a.trust > 0.0)
                    .map(|(u, _)| u),
            );
        }
        heads[start..].sort_unstable();
        offsets.push(heads.len());
    }
    (offsets, heads)
}

/// Gould–Fernandez brokerage roles of every actor, in actor order, with
/// `group` as the partition and the ties of trust > 0 as the relation.
///
/// For each open two-path a → v → c (a ≠ c, no arc a → c), with g(x) the
/// group of x, v scores one in
/// `coordinator` (w_I) when g(a) = g(v) = g(c);
/// `itinerant` (w_O) when g(a) = g(c) ≠ g(v);
/// `representative` (b_IO) when g(a) = g(v) ≠ g(c);
/// `gatekeeper` (b_OI) when g(a) ≠ g(v) = g(c);
/// `liaison` (b_O) when all three differ.
///
/// Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a
/// formal approach to brokerage in transaction networks. *Sociological
/// Methodology* 19, 89–126. Equals the raw counts `raw.nli` of R sna 2.7
/// `brokerage(net, cl)` on the 0/1 adjacency of trust > 0 arcs (checked in
/// `tests/reference_holes.rs`; sna ≥ 2.5 names b_IO representative and b_OI
/// gatekeeper, as here).
///
/// # Complexity
/// * Time: **O(Σ_v Σ_{a→v} (outdeg(v) + outdeg(a)))**: each in-neighbour's
///   sorted out-list is merged against the broker's.
/// * Auxiliary space: **O(|V| + |E|)**.
pub fn brokerage_roles(net: &Network) -> Vec<BrokerageRoles> {
    let (out_off, out) = sorted_heads(net, false);
    let (in_off, tails) = sorted_heads(net, true);
    let out_of = |x: usize| &out[out_off[x]..out_off[x + 1]];
    let group = |x: usize| net.group_of(x);
    (0..net.len())
        .into_par_iter()
        .with_min_len(CHUNK)
        .map(|v| {
            let mut r = BrokerageRoles::default();
            let g_v = group(v);
            let heads = out_of(v);
            for &a in &tails[in_off[v]..in_off[v + 1]] {
                let g_a = group(a);
                let a_out = out_of(a);
                let mut k = 0;
                for &c in heads {
                    while k < a_out.len() && a_out[k] < c {
                        k += 1;
                    }
                    if c == a || (k < a_out.len() && a_out[k] == c) {
                        continue;
                    }
                    let g_c = group(c);
                    let role = match (g_a == g_v, g_v == g_c, g_a == g_c) {
                        (true, true, _) => &mut r.coordinator,
                        (false, false, true) => &mut r.itinerant,
                        (true, false, _) => &mut r.representative,
                        (false, true, _) => &mut r.gatekeeper,
                        (false, false, false) => &mut r.liaison,
                    };
                    *role += 1;
                    r.total += 1;
                }
            }
            r
        })
        .collect()
}

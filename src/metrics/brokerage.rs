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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    /// a → v → c with the given groups; returns v's roles and the others'.
    fn triad(groups: [&str; 3], extra: &[TieSpec]) -> Vec<BrokerageRoles> {
        let actors = ["a", "v", "c"]
            .iter()
            .zip(groups)
            .map(|(&id, g)| {
                let mut a = Actor::stakeholder(id);
                a.group = g.to_string();
                a
            })
            .collect();
        let mut ties = vec![
            TieSpec::directed("a", "v", 0.7),
            TieSpec::directed("v", "c", 0.4),
        ];
        ties.extend_from_slice(extra);
        let net = Network::from_parts(actors, &ties).unwrap();
        // Actor order is by id: a, c, v.
        brokerage_roles(&net)
    }

    /// Picks one role's counter.
    type Role = fn(&mut BrokerageRoles) -> &mut u64;

    fn only(role: Role) -> BrokerageRoles {
        let mut r = BrokerageRoles {
            total: 1,
            ..Default::default()
        };
        *role(&mut r) = 1;
        r
    }

    #[test]
    fn each_directed_triad_lands_in_its_own_role() {
        let cases: [([&str; 3], Role); 5] = [
            (["A", "A", "A"], |r| &mut r.coordinator),
            (["A", "B", "A"], |r| &mut r.itinerant),
            (["A", "A", "B"], |r| &mut r.representative),
            (["A", "B", "B"], |r| &mut r.gatekeeper),
            (["A", "B", "C"], |r| &mut r.liaison),
        ];
        for (groups, role) in cases {
            let r = triad(groups, &[]);
            assert_eq!(r[2], only(role), "groups {groups:?}");
            assert_eq!(r[0], BrokerageRoles::default());
            assert_eq!(r[1], BrokerageRoles::default());
        }
    }

    #[test]
    fn a_closing_arc_removes_the_path_only_in_its_direction() {
        let closed = triad(["A", "B", "C"], &[TieSpec::directed("a", "c", 0.1)]);
        assert_eq!(closed[2], BrokerageRoles::default());
        // c → a does not close a → c.
        let reverse = triad(["A", "B", "C"], &[TieSpec::directed("c", "a", 0.1)]);
        assert_eq!(reverse[2], only(|r| &mut r.liaison));
    }

    #[test]
    fn trust_zero_arcs_neither_carry_nor_close_a_path() {
        let zero_close = triad(["A", "A", "B"], &[TieSpec::directed("a", "c", 0.0)]);
        assert_eq!(zero_close[2], only(|r| &mut r.representative));
        let actors = ["a", "v", "c"].map(Actor::stakeholder).to_vec();
        let net = Network::from_parts(
            actors,
            &[
                TieSpec::directed("a", "v", 0.0),
                TieSpec::directed("v", "c", 0.4),
            ],
        )
        .unwrap();
        assert!(brokerage_roles(&net).iter().all(|r| r.total == 0));
    }

    #[test]
    fn mutual_ties_count_both_ways() {
        // a – v – c undirected, groups A, A, B: a → v → c is b_IO and
        // c → v → a is b_OI.
        let actors = [("a", "A"), ("v", "A"), ("c", "B")]
            .map(|(id, g)| {
                let mut a = Actor::stakeholder(id);
                a.group = g.to_string();
                a
            })
            .to_vec();
        let net = Network::from_parts(
            actors,
            &[
                TieSpec::mutual("a", "v", 0.7),
                TieSpec::mutual("v", "c", 0.4),
            ],
        )
        .unwrap();
        let r = brokerage_roles(&net)[2];
        assert_eq!((r.representative, r.gatekeeper, r.total), (1, 1, 2));
    }
}

//! Burt's structural holes: effective size, efficiency, constraint and
//! hierarchy, with trust as the tie strength.
//!
//! Symbols, as in Burt (1992) and networkx's `structuralholes` module:
//! - `w_ij`: trust of the arc i → j (0 when there is none);
//! - `a_ij = w_ij + w_ji`: the mutual weight of i and j;
//! - `N(i)`: the contacts of i, the actors tied to i with trust > 0 in at
//!   least one direction (a trust-0 tie carries nothing, so it is no contact);
//! - `p_ij = a_ij / Σ_k a_ik`: the share of i's ties invested in j;
//! - `m_jq = a_jq / max_k a_jk`: j's tie to q relative to j's strongest tie.
//!
//! Each actor's values are computed on their own, in a fixed neighbour
//! order, so the parallel loop over actors gives the same bits at any thread
//! count.

use rayon::prelude::*;

use crate::model::Network;

/// Actors per parallel task: each task zeroes a scratch vector of |V|
/// entries, so a task must do much more work than that.
const CHUNK: usize = 512;

/// Burt's measures for one actor; all `None` for an actor without contacts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StructuralHoles {
    /// Burt's effective size: the contacts not made redundant by the others.
    pub effective_size: Option<f64>,
    /// Effective size divided by the number of contacts.
    pub efficiency: Option<f64>,
    /// Burt's aggregate constraint.
    pub constraint: Option<f64>,
    /// Burt's hierarchy: how much of the constraint sits on one contact.
    pub hierarchy: Option<f64>,
}

/// One contact j of an actor i.
#[derive(Debug, Clone, Copy)]
struct Contact {
    /// The contact's index.
    j: usize,
    /// a_ij = w_ij + w_ji.
    a: f64,
    /// p_ij = a_ij / Σ_k a_ik.
    p: f64,
}

/// The contacts of every actor, sorted by contact index, in compressed rows.
#[derive(Debug, Clone)]
struct Contacts {
    offsets: Vec<usize>,
    entries: Vec<Contact>,
    /// max_k a_ik per actor (0 without contacts).
    max: Vec<f64>,
}

impl Contacts {
    /// Contacts over arcs with trust > 0, in either direction.
    fn of(net: &Network) -> Self {
        let n = net.len();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut entries: Vec<Contact> = Vec::with_capacity(net.arc_count() * 2);
        let mut max = Vec::with_capacity(n);
        let mut row: Vec<(usize, f64)> = Vec::new();
        offsets.push(0);
        for i in 0..n {
            row.clear();
            row.extend(
                net.out_arcs(i)
                    .chain(net.in_arcs(i))
                    .filter(|(_, arc)| arc.trust > 0.0)
                    .map(|(j, arc)| (j, arc.trust)),
            );
            // Stable sort: an out-arc comes before the in-arc of the same
            // pair, so a_ij = w_ij + w_ji is summed in one fixed order.
            row.sort_by_key(|&(j, _)| j);
            row.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 += later.1;
                }
                same
            });
            let sum: f64 = row.iter().map(|&(_, a)| a).sum();
            max.push(row.iter().map(|&(_, a)| a).fold(0.0, f64::max));
            entries.extend(row.iter().map(|&(j, a)| Contact { j, a, p: a / sum }));
            offsets.push(entries.len());
        }
        Contacts {
            offsets,
            entries,
            max,
        }
    }

    /// The contacts of actor i, by contact index.
    fn of_actor(&self, i: usize) -> &[Contact] {
        &self.entries[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// Dense per-task accumulators, indexed by actor and zero outside the
/// touched entries: `acc[j] = [Σ_q p_iq · p_qj, Σ_q p_iq · a_qj]` over the
/// contacts q of the current actor i (side by side: one cache line each).
struct Scratch {
    acc: Vec<[f64; 2]>,
    touched: Vec<usize>,
    local: Vec<f64>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            acc: vec![[0.0; 2]; n],
            touched: Vec::new(),
            local: Vec::new(),
        }
    }
}

fn one_actor(i: usize, contacts: &Contacts, s: &mut Scratch) -> StructuralHoles {
    let row = contacts.of_actor(i);
    if row.is_empty() {
        return StructuralHoles::default();
    }
    let n_i = row.len() as f64;

    // One scatter over the two-step neighbourhood feeds both measures. The
    // contact relation is symmetric (a_jq = a_qj), so walking q's row also
    // walks j's tie to q. Entries for non-contacts of i are filled but never
    // read; q = j and q = i drop out because nobody is their own contact.
    for &Contact { j: q, p: p_iq, .. } in row {
        for &Contact {
            j,
            a: a_qj,
            p: p_qj,
        } in contacts.of_actor(q)
        {
            let acc = &mut s.acc[j];
            if acc[0] == 0.0 {
                s.touched.push(j);
            }
            acc[0] += p_iq * p_qj;
            acc[1] += p_iq * a_qj;
        }
    }

    // Effective size Σ_j (1 − Σ_q p_iq m_jq), with Σ_q p_iq m_jq =
    // acc[j][1] / max_k a_jk.
    let mut effective_size = 0.0;
    s.local.clear();
    for &Contact { j, p: p_ij, .. } in row {
        let [indirect, shared] = s.acc[j];
        effective_size += 1.0 - shared / contacts.max[j];
        let c_ij = p_ij + indirect;
        s.local.push(c_ij * c_ij);
    }
    let constraint: f64 = s.local.iter().sum();

    let hierarchy = if row.len() == 1 {
        1.0
    } else {
        let mean = constraint / n_i;
        let h: f64 = s
            .local
            .iter()
            .map(|&c_ij| {
                let r = c_ij / mean;
                if r > 0.0 {
                    r * r.ln()
                } else {
                    0.0
                }
            })
            .sum();
        h / (n_i * n_i.ln())
    };

    for j in s.touched.drain(..) {
        s.acc[j] = [0.0; 2];
    }
    StructuralHoles {
        effective_size: Some(effective_size),
        efficiency: Some(effective_size / n_i),
        constraint: Some(constraint),
        hierarchy: Some(hierarchy),
    }
}

/// Burt's effective size, efficiency, constraint and hierarchy of every
/// actor, in actor order, with trust as the tie strength.
///
/// With `a_ij = w_ij + w_ji` (w = trust), contacts N(i) = actors tied to i
/// with trust > 0 in either direction, `p_ij = a_ij / Σ_k a_ik` and
/// `m_jq = a_jq / max_k a_jk`:
///
/// - effective size `E_i = Σ_{j∈N(i)} (1 − Σ_{q∈N(i), q≠j} p_iq · m_jq)`;
/// - efficiency `E_i / |N(i)|`;
/// - local constraint `c_ij = (p_ij + Σ_{q∈N(i), q≠i,j} p_iq · p_qj)²` and
///   constraint `C_i = Σ_{j∈N(i)} c_ij` (p_qj is normalised over q's own
///   contacts, so a q outside N(i) contributes nothing);
/// - hierarchy `H_i = Σ_j r_j ln r_j / (N ln N)` with `r_j = c_ij / (C_i/N)`,
///   N = |N(i)|; 1 when N = 1 (all constraint on one contact, as UCINET).
///
/// All four are `None` for an actor without contacts.
///
/// Burt, R. S. (1992). *Structural Holes: The Social Structure of
/// Competition*. Harvard University Press, pp. 51–55 and 70–71. Matches
/// networkx 3.6 `constraint(G, weight="trust", nodes=list(G))` and
/// `effective_size(G, weight="trust", nodes=list(G))` on the graph of
/// trust > 0 arcs, to 1e-9 relative (`tests/reference_holes.rs`), except
/// that an actor with only incoming ties gets its values from the formula
/// where networkx returns NaN.
///
/// # Complexity
/// * Time: **O(Σ_i deg(i) log deg(i) + Σ_i Σ_{q∈N(i)} |N(q)|)**, i.e. O(Σ deg²):
///   one scatter over each actor's two-step neighbourhood.
/// * Auxiliary space: **O(|V|)** per worker thread plus the contact lists.
pub fn structural_holes(net: &Network) -> Vec<StructuralHoles> {
    let n = net.len();
    let contacts = Contacts::of(net);
    (0..n)
        .into_par_iter()
        .with_min_len(CHUNK)
        .map_init(|| Scratch::new(n), |s, i| one_actor(i, &contacts, s))
        .collect()
}

/// Burt's constraint of every actor (see [`structural_holes`]).
pub fn constraint(net: &Network) -> Vec<Option<f64>> {
    structural_holes(net)
        .into_iter()
        .map(|h| h.constraint)
        .collect()
}

/// Burt's effective size of every actor (see [`structural_holes`]).
pub fn effective_size(net: &Network) -> Vec<Option<f64>> {
    structural_holes(net)
        .into_iter()
        .map(|h| h.effective_size)
        .collect()
}

/// Burt's efficiency of every actor (see [`structural_holes`]).
pub fn efficiency(net: &Network) -> Vec<Option<f64>> {
    structural_holes(net)
        .into_iter()
        .map(|h| h.efficiency)
        .collect()
}

/// Burt's hierarchy of every actor (see [`structural_holes`]).
pub fn hierarchy(net: &Network) -> Vec<Option<f64>> {
    structural_holes(net)
        .into_iter()
        .map(|h| h.hierarchy)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    fn net(ids: &[&str], ties: &[TieSpec]) -> Network {
        Network::from_parts(ids.iter().map(|&id| Actor::stakeholder(id)).collect(), ties).unwrap()
    }

    fn assert_close(actual: Option<f64>, expected: f64) {
        let a = actual.expect("defined");
        assert!(
            (a - expected).abs() <= 1e-14 * expected.abs().max(1.0),
            "expected {expected}, got {a}"
        );
    }

    #[test]
    fn star_hub_spreads_its_constraint_over_five_contacts() {
        let leaves = ["l1", "l2", "l3", "l4", "l5"];
        let ties: Vec<TieSpec> = leaves
            .iter()
            .map(|&l| TieSpec::mutual("h", l, 0.5))
            .collect();
        let mut ids = vec!["h"];
        ids.extend(leaves);
        let h = structural_holes(&net(&ids, &ties));
        // h: five unconnected contacts with p = 1/5 each.
        assert_close(h[0].constraint, 5.0 * 0.04);
        assert_close(h[0].effective_size, 5.0);
        assert_close(h[0].efficiency, 1.0);
        assert_close(h[0].hierarchy, 0.0);
        for leaf in &h[1..] {
            assert_eq!(leaf.constraint, Some(1.0));
            assert_eq!(leaf.effective_size, Some(1.0));
            assert_eq!(leaf.hierarchy, Some(1.0));
        }
    }

    #[test]
    fn dyad_has_hierarchy_one_and_an_isolate_has_nothing() {
        let h = structural_holes(&net(&["a", "b", "z"], &[TieSpec::mutual("a", "b", 0.3)]));
        for x in &h[..2] {
            assert_eq!(
                *x,
                StructuralHoles {
                    effective_size: Some(1.0),
                    efficiency: Some(1.0),
                    constraint: Some(1.0),
                    hierarchy: Some(1.0),
                }
            );
        }
        assert_eq!(h[2], StructuralHoles::default());
    }

    #[test]
    fn weighted_triangle_by_hand() {
        // a–b 1.0, a–c 0.5, b–c 0.5. For a: p_ab = 2/3, p_ac = 1/3;
        // c_ab = (2/3 + 1/3·1/2)² = 25/36, c_ac = (1/3 + 2/3·1/3)² = 25/81;
        // E_a = (1 − 1/3·1/2) + (1 − 2/3·1) = 7/6; r = (18/13, 8/13).
        let h = structural_holes(&net(
            &["a", "b", "c"],
            &[
                TieSpec::mutual("a", "b", 1.0),
                TieSpec::mutual("a", "c", 0.5),
                TieSpec::mutual("b", "c", 0.5),
            ],
        ));
        assert_close(h[0].constraint, 325.0 / 324.0);
        assert_close(h[0].effective_size, 7.0 / 6.0);
        assert_close(h[0].efficiency, 7.0 / 12.0);
        let (rb, rc) = (18.0f64 / 13.0, 8.0f64 / 13.0);
        assert_close(
            h[0].hierarchy,
            (rb * rb.ln() + rc * rc.ln()) / (2.0 * 2f64.ln()),
        );
        // c: p = 1/2 each, c_ca = (1/2 + 1/2·2/3)² = 25/36 twice.
        assert_close(h[2].constraint, 50.0 / 36.0);
        assert_close(h[2].effective_size, 1.0);
    }

    #[test]
    fn trust_zero_ties_are_no_contacts() {
        let with_zero = net(
            &["a", "b", "c", "d"],
            &[
                TieSpec::mutual("a", "b", 1.0),
                TieSpec::mutual("a", "c", 0.5),
                TieSpec::mutual("b", "c", 0.0),
                TieSpec::directed("d", "a", 0.0),
            ],
        );
        let without = net(
            &["a", "b", "c", "d"],
            &[
                TieSpec::mutual("a", "b", 1.0),
                TieSpec::mutual("a", "c", 0.5),
            ],
        );
        let h = structural_holes(&with_zero);
        assert_eq!(h, structural_holes(&without));
        // a: b and c unconnected, p = 2/3 and 1/3.
        assert_close(h[0].constraint, 5.0 / 9.0);
        assert_close(h[0].effective_size, 2.0);
        assert_eq!(h[1].constraint, Some(1.0));
        assert_eq!(h[3], StructuralHoles::default());
    }

    #[test]
    fn directed_ties_add_both_directions_and_in_ties_count() {
        // a → b 0.8, b → a 0.2, a → c 0.5: a_ab = 1.0, a_ac = 0.5.
        let h = structural_holes(&net(
            &["a", "b", "c"],
            &[
                TieSpec::directed("a", "b", 0.8),
                TieSpec::directed("b", "a", 0.2),
                TieSpec::directed("a", "c", 0.5),
            ],
        ));
        assert_close(h[0].constraint, 5.0 / 9.0);
        assert_close(h[0].effective_size, 2.0);
        // c has only an incoming tie: one contact (networkx says NaN).
        assert_eq!(h[2].constraint, Some(1.0));
        assert_eq!(h[2].hierarchy, Some(1.0));
    }
}

//! Network-level counts and means: the first screen of `analyze`.

use petgraph::unionfind::UnionFind;

use crate::model::{ActorKind, Network, Placement, RelationshipType};

/// Ties of one relationship type and what they carry.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RelationshipSummary {
    /// The type.
    pub relationship: RelationshipType,
    /// Number of ties (a mutual tie counts once).
    pub ties: usize,
    /// Mean trust over those ties; `None` without ties.
    pub mean_trust: Option<f64>,
    /// Mean contacts per month; `None` without ties.
    pub mean_communication: Option<f64>,
    /// Mean |power differential|; `None` without ties.
    pub mean_power_differential: Option<f64>,
}

/// Network-level figures (serialised with these names in every report).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Overview {
    /// All actors.
    pub actors: usize,
    /// Practitioners placed outside the service system.
    pub practitioners_external: usize,
    /// Practitioners placed inside it.
    pub practitioners_internal: usize,
    /// Stakeholders placed outside it.
    pub stakeholders_external: usize,
    /// Stakeholders placed inside it.
    pub stakeholders_internal: usize,
    /// Distinct groups (the unnamed group counts when used).
    pub groups: usize,
    /// Ties (a mutual tie counts once).
    pub ties: usize,
    /// Ties given as directed rows.
    pub directed_ties: usize,
    /// Arcs (a mutual tie counts twice).
    pub arcs: usize,
    /// True when any tie is directed.
    pub directed: bool,
    /// networkx `density(G)`: m / (n(n−1)/2) undirected, arcs / (n(n−1))
    /// directed; `None` below two actors.
    pub density: Option<f64>,
    /// Weakly connected components over ties with trust > 0 (a tie with trust
    /// 0 carries no path).
    pub components: usize,
    /// Actors in the largest such component.
    pub largest_component: usize,
    /// Actors without any tie of trust > 0.
    pub isolates: usize,
    /// Mean trust over ties; `None` without ties.
    pub mean_trust: Option<f64>,
    /// Mean contacts per month over ties; `None` without ties.
    pub mean_communication: Option<f64>,
    /// Mean |power differential| over ties; `None` without ties.
    pub mean_power_differential: Option<f64>,
    /// networkx `overall_reciprocity(G)`: the share of arcs whose reverse arc
    /// exists; `None` for an undirected network (every tie is mutual).
    pub reciprocity: Option<f64>,
    /// Mean |t(a→b) − t(b→a)| over pairs given as two directed rows: how
    /// unequal reciprocated trust is; `None` when there are no such pairs.
    pub trust_asymmetry: Option<f64>,
    /// Per relationship type, in [`RelationshipType::ALL`] order.
    pub relationship_types: Vec<RelationshipSummary>,
}

fn mean(sum: f64, n: usize) -> Option<f64> {
    (n > 0).then(|| sum / n as f64)
}

/// Compute the [`Overview`] of a network.
///
/// # Complexity
/// O(|V| + |E| α(|V|)).
// Long: independent counts filling one struct literal, each a few lines.
pub fn overview(net: &Network) -> Overview {
    let n = net.len();
    let count = |kind, placement| {
        net.actors()
            .iter()
            .filter(|a| a.kind == kind && a.placement == placement)
            .count()
    };
    let ties = net.ties();
    let mut components = UnionFind::<usize>::new(n);
    let mut has_path_tie = vec![false; n];
    for t in ties.iter().filter(|t| t.trust > 0.0) {
        components.union(t.source, t.target);
        has_path_tie[t.source] = true;
        has_path_tie[t.target] = true;
    }
    let labels = components.into_labeling();
    let mut sizes = vec![0usize; n];
    for &l in &labels {
        sizes[l] += 1;
    }

    let arcs = net.arc_count();
    let directed = net.is_directed();
    let density = (n > 1).then(|| {
        let pairs = (n * (n - 1)) as f64;
        if directed {
            arcs as f64 / pairs
        } else {
            2.0 * ties.len() as f64 / pairs
        }
    });

    let reciprocity = directed.then(|| {
        let reciprocated = (0..n)
            .flat_map(|i| net.out_arcs(i).map(move |(j, _)| (i, j)))
            .filter(|&(i, j)| net.out_arcs(j).any(|(k, _)| k == i))
            .count();
        reciprocated as f64 / arcs as f64
    });
    let (mut asym_sum, mut asym_n) = (0.0, 0usize);
    for t in ties.iter().filter(|t| t.directed && t.source < t.target) {
        let back = net
            .out_arcs(t.target)
            .find(|&(k, arc)| k == t.source && net.ties()[arc.tie].directed);
        if let Some((_, arc)) = back {
            asym_sum += (t.trust - arc.trust).abs();
            asym_n += 1;
        }
    }

    let relationship_types = RelationshipType::ALL
        .iter()
        .map(|&relationship| {
            let (mut k, mut trust, mut comm, mut power) = (0usize, 0.0, 0.0, 0.0);
            for t in ties.iter().filter(|t| t.relationship == relationship) {
                k += 1;
                trust += t.trust;
                comm += t.communication;
                power += t.power.abs();
            }
            RelationshipSummary {
                relationship,
                ties: k,
                mean_trust: mean(trust, k),
                mean_communication: mean(comm, k),
                mean_power_differential: mean(power, k),
            }
        })
        .collect();

    let m = ties.len();
    Overview {
        actors: n,
        practitioners_external: count(ActorKind::Practitioner, Placement::External),
        practitioners_internal: count(ActorKind::Practitioner, Placement::Internal),
        stakeholders_external: count(ActorKind::Stakeholder, Placement::External),
        stakeholders_internal: count(ActorKind::Stakeholder, Placement::Internal),
        groups: net.groups().len(),
        ties: m,
        directed_ties: ties.iter().filter(|t| t.directed).count(),
        arcs,
        directed,
        density,
        components: sizes.iter().filter(|&&s| s > 0).count(),
        largest_component: sizes.iter().copied().max().unwrap_or(0),
        isolates: has_path_tie.iter().filter(|&&h| !h).count(),
        mean_trust: mean(ties.iter().map(|t| t.trust).sum(), m),
        mean_communication: mean(ties.iter().map(|t| t.communication).sum(), m),
        mean_power_differential: mean(ties.iter().map(|t| t.power.abs()).sum(), m),
        reciprocity,
        trust_asymmetry: mean(asym_sum, asym_n),
        relationship_types,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    #[test]
    fn hand_counted_small_network() {
        // p — a (0.8), a → b (0.6), b → a (0.2), c isolated, d — b trust 0.
        let mut actors = vec![Actor::practitioner("p")];
        actors.extend(["a", "b", "c", "d"].map(Actor::stakeholder));
        let net = Network::from_parts(
            actors,
            &[
                TieSpec::mutual("p", "a", 0.8),
                TieSpec::directed("a", "b", 0.6),
                TieSpec::directed("b", "a", 0.2),
                TieSpec::mutual("d", "b", 0.0),
            ],
        )
        .unwrap();
        let o = overview(&net);
        assert_eq!((o.actors, o.ties, o.arcs, o.directed_ties), (5, 4, 6, 2));
        assert!(o.directed);
        assert_eq!(o.density, Some(6.0 / 20.0));
        // {p, a, b}, {c}, {d}: the trust-0 tie carries no path.
        assert_eq!((o.components, o.largest_component, o.isolates), (3, 3, 2));
        // Every arc has its reverse: the mutual ties and the a⇄b pair.
        assert_eq!(o.reciprocity, Some(1.0));
        assert!((o.trust_asymmetry.unwrap() - 0.4).abs() < 1e-15);
        assert_eq!((o.practitioners_external, o.stakeholders_internal), (1, 4));
        let ps = &o.relationship_types[0];
        assert_eq!((ps.ties, ps.mean_trust), (1, Some(0.8)));
        let ss = &o.relationship_types[1];
        assert_eq!(ss.ties, 3);
        assert!((ss.mean_trust.unwrap() - 0.8 / 3.0).abs() < 1e-15);
        assert_eq!(o.relationship_types[2].mean_trust, None);
    }

    #[test]
    fn empty_network_has_no_density_or_means() {
        let net = Network::from_parts(vec![], &[]).unwrap();
        let o = overview(&net);
        assert_eq!((o.actors, o.components, o.largest_component), (0, 0, 0));
        assert_eq!((o.density, o.mean_trust, o.reciprocity), (None, None, None));
    }
}

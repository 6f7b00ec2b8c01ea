//! Per-actor tie counts and trust: degree, strength and mean trust.

use crate::model::Network;

/// Degree, strength and mean trust of one actor.
///
/// In an undirected network a mutual tie counts once in `degree`, and
/// `in_degree`/`out_degree` equal `degree`. In a directed network a mutual tie
/// is an arc each way, so `degree = in_degree + out_degree` (as networkx's
/// `DiGraph.degree`). Ties with trust 0 count here: they exist, they carry no
/// paths.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ActorTies {
    /// Ties (undirected) or arcs in and out (directed).
    pub degree: usize,
    /// Arcs into the actor.
    pub in_degree: usize,
    /// Arcs out of the actor.
    pub out_degree: usize,
    /// Σ trust over the arcs counted in `degree` (networkx
    /// `degree(weight="trust")`).
    pub strength: f64,
    /// Mean trust the actor gives (over arcs out of it); `None` without any.
    pub mean_trust_given: Option<f64>,
    /// Mean trust the actor receives (over arcs into it); `None` without any.
    pub mean_trust_received: Option<f64>,
}

/// [`ActorTies`] for every actor, in actor order.
///
/// # Complexity
/// O(|V| + |E|).
pub fn actor_ties(net: &Network) -> Vec<ActorTies> {
    (0..net.len())
        .map(|i| {
            let (mut out_n, mut out_sum) = (0usize, 0.0f64);
            for (_, arc) in net.out_arcs(i) {
                out_n += 1;
                out_sum += arc.trust;
            }
            let (mut in_n, mut in_sum) = (0usize, 0.0f64);
            for (_, arc) in net.in_arcs(i) {
                in_n += 1;
                in_sum += arc.trust;
            }
            let mean = |sum: f64, n: usize| (n > 0).then(|| sum / n as f64);
            let (degree, strength) = if net.is_directed() {
                (in_n + out_n, in_sum + out_sum)
            } else {
                (out_n, out_sum)
            };
            ActorTies {
                degree,
                in_degree: in_n,
                out_degree: out_n,
                strength,
                mean_trust_given: mean(out_sum, out_n),
                mean_trust_received: mean(in_sum, in_n),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    #[test]
    fn directed_and_mutual_ties_are_counted_as_arcs() {
        let actors = ["a", "b", "c"].map(Actor::stakeholder).to_vec();
        let net = Network::from_parts(
            actors,
            &[
                TieSpec::mutual("a", "b", 0.5),
                TieSpec::directed("a", "c", 0.25),
                TieSpec::directed("c", "a", 1.0),
            ],
        )
        .unwrap();
        let t = actor_ties(&net);
        // a: out to b (0.5), c (0.25); in from b (0.5), c (1.0).
        assert_eq!((t[0].degree, t[0].in_degree, t[0].out_degree), (4, 2, 2));
        assert_eq!(t[0].strength, 2.25);
        assert_eq!(t[0].mean_trust_given, Some(0.375));
        assert_eq!(t[0].mean_trust_received, Some(0.75));
        assert_eq!((t[1].degree, t[1].strength), (2, 1.0));
    }

    #[test]
    fn undirected_degree_counts_each_tie_once_and_isolates_have_no_means() {
        let actors = ["a", "b", "c"].map(Actor::stakeholder).to_vec();
        let net = Network::from_parts(actors, &[TieSpec::mutual("a", "b", 0.0)]).unwrap();
        let t = actor_ties(&net);
        assert_eq!((t[0].degree, t[0].strength), (1, 0.0));
        assert_eq!(t[0].mean_trust_given, Some(0.0));
        assert_eq!(t[2].degree, 0);
        assert_eq!(t[2].mean_trust_given, None);
    }
}

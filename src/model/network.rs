//! The read-only [`Network`]: actors in id order, ties, and the adjacency
//! the metrics walk.

use std::sync::OnceLock;

use petgraph::graph::{DiGraph, NodeIndex};

use super::{Actor, DirectedTie, ModelError, NetworkBuilder, Tie, TieSpec};

/// Arcs of every actor in one direction, in compressed sparse row form:
/// actor `i`'s arcs are `heads[offsets[i]..offsets[i + 1]]` with `arcs` alike.
/// Metrics walk these slices; petgraph's linked adjacency lists are slower to
/// walk and are built only when asked for ([`Network::graph`]).
#[derive(Debug, Clone, Default)]
struct Adjacency {
    offsets: Vec<usize>,
    heads: Vec<u32>,
    arcs: Vec<DirectedTie>,
}

impl Adjacency {
    /// The arcs of `ties` grouped by tail (`incoming`: by head, the tail
    /// becoming the listed end), in tie order within an actor: a counting
    /// sort straight from the ties, with no list of arcs in between (at a
    /// million ties that list alone took 48 MB at the loader's peak).
    fn new(n: usize, ties: &[Tie], incoming: bool) -> Self {
        // (listed-from, listed-to) for each arc of a tie, in arc order.
        let arcs = |tie: &Tie| {
            let (s, t) = (tie.source, tie.target);
            let forward = if incoming { (t, s) } else { (s, t) };
            let back = (!tie.directed).then_some((forward.1, forward.0));
            std::iter::once(forward).chain(back)
        };
        let mut offsets = vec![0usize; n + 1];
        for tie in ties {
            for (from, _) in arcs(tie) {
                offsets[from + 1] += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let total = offsets[n];
        let mut next = offsets.clone();
        let mut heads = vec![0u32; total];
        let mut slots = vec![DirectedTie { trust: 0.0, tie: 0 }; total];
        for (i, tie) in ties.iter().enumerate() {
            let arc = DirectedTie {
                trust: tie.trust,
                tie: i,
            };
            for (from, to) in arcs(tie) {
                let k = &mut next[from];
                heads[*k] = to as u32;
                slots[*k] = arc;
                *k += 1;
            }
        }
        Adjacency {
            offsets,
            heads,
            arcs: slots,
        }
    }

    fn of(&self, i: usize) -> impl Iterator<Item = (usize, &DirectedTie)> + '_ {
        let range = self.offsets[i]..self.offsets[i + 1];
        self.heads[range.clone()]
            .iter()
            .map(|&h| h as usize)
            .zip(&self.arcs[range])
    }
}

/// A validated stakeholder network. Immutable once built.
#[derive(Debug, Clone)]
pub struct Network {
    actors: Vec<Actor>,
    ties: Vec<Tie>,
    out_adjacency: Adjacency,
    /// `None` when no tie is directed: every arc then has its reverse, and
    /// the arcs entering an actor are, in the same tie order, those leaving
    /// it, so one copy serves both (half the adjacency's memory).
    in_adjacency: Option<Adjacency>,
    graph: OnceLock<DiGraph<(), DirectedTie, u32>>,
    directed: bool,
    attribute_names: Vec<String>,
    groups: Vec<String>,
    group_of: Vec<usize>,
}

impl Network {
    pub(super) fn assemble(
        actors: Vec<Actor>,
        ties: Vec<Tie>,
        attribute_names: Vec<String>,
    ) -> Network {
        let n = actors.len();
        let out_adjacency = Adjacency::new(n, &ties, false);
        let directed = ties.iter().any(|t| t.directed);
        let in_adjacency = directed.then(|| Adjacency::new(n, &ties, true));
        // The distinct names only: a copy of every actor's group would be
        // alive with the adjacency at the loader's peak.
        let groups: Vec<String> = actors
            .iter()
            .map(|a| a.group.as_str())
            .collect::<std::collections::BTreeSet<&str>>()
            .into_iter()
            .map(String::from)
            .collect();
        let group_of = actors
            .iter()
            .map(|a| groups.binary_search(&a.group).expect("group listed"))
            .collect();
        Network {
            actors,
            ties,
            out_adjacency,
            in_adjacency,
            graph: OnceLock::new(),
            directed,
            attribute_names,
            groups,
            group_of,
        }
    }

    /// Build a network from actors and ties in one call.
    pub fn from_parts(actors: Vec<Actor>, ties: &[TieSpec]) -> Result<Network, ModelError> {
        let mut builder = NetworkBuilder::new(Vec::new());
        for actor in actors {
            builder.add_actor(actor)?;
        }
        for tie in ties {
            builder.add_tie(tie)?;
        }
        Ok(builder.build())
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// True when the network has no actors.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// Actors, in the order of their ids; actor `i` is graph node `i`.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor at an index (see [`Network::index_of`] for an id).
    ///
    /// # Panics
    /// When `i >= self.len()`.
    pub fn actor(&self, i: usize) -> &Actor {
        &self.actors[i]
    }

    /// Index of the actor with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.actors.binary_search_by(|a| a.id.as_str().cmp(id)).ok()
    }

    /// Ties, in input order (merged rows count once).
    pub fn ties(&self) -> &[Tie] {
        &self.ties
    }

    /// The network as a petgraph graph, for petgraph's algorithms: node `i`
    /// is actor `i`; a mutual tie is two arcs (tie order, source → target
    /// first). Built on the first call.
    pub fn graph(&self) -> &DiGraph<(), DirectedTie, u32> {
        self.graph.get_or_init(|| {
            let mut graph = DiGraph::with_capacity(self.len(), self.arc_count());
            for _ in &self.actors {
                graph.add_node(());
            }
            for (i, tie) in self.ties.iter().enumerate() {
                let arc = DirectedTie {
                    trust: tie.trust,
                    tie: i,
                };
                let (s, t) = (NodeIndex::new(tie.source), NodeIndex::new(tie.target));
                graph.add_edge(s, t, arc);
                if !tie.directed {
                    graph.add_edge(t, s, arc);
                }
            }
            graph
        })
    }

    /// True when any tie is directed; the metrics then treat the network as a
    /// directed graph (a mutual tie being two arcs).
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// Names of the extra columns of `nodes.csv`, in file order.
    pub fn attribute_names(&self) -> &[String] {
        &self.attribute_names
    }

    /// Distinct group names, sorted (`""` is the unnamed group).
    pub fn groups(&self) -> &[String] {
        &self.groups
    }

    /// Index into [`Network::groups`] of each actor's group.
    pub fn group_of(&self, actor: usize) -> usize {
        self.group_of[actor]
    }

    /// Arcs leaving an actor, (head, arc), in tie order.
    pub fn out_arcs(&self, actor: usize) -> impl Iterator<Item = (usize, &DirectedTie)> + '_ {
        self.out_adjacency.of(actor)
    }

    /// Arcs entering an actor, (tail, arc), in tie order.
    pub fn in_arcs(&self, actor: usize) -> impl Iterator<Item = (usize, &DirectedTie)> + '_ {
        self.in_adjacency
            .as_ref()
            .unwrap_or(&self.out_adjacency)
            .of(actor)
    }

    /// Number of arcs leaving an actor.
    pub fn out_degree(&self, actor: usize) -> usize {
        self.out_adjacency.offsets[actor + 1] - self.out_adjacency.offsets[actor]
    }

    /// Number of arcs entering an actor.
    pub fn in_degree(&self, actor: usize) -> usize {
        let a = self.in_adjacency.as_ref().unwrap_or(&self.out_adjacency);
        a.offsets[actor + 1] - a.offsets[actor]
    }

    /// Number of arcs (a mutual tie counts twice).
    pub fn arc_count(&self) -> usize {
        self.out_adjacency.heads.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every arc of every tie, by (listed end, other end, tie), in tie
    /// order: what the adjacency must hold, computed the plain way.
    fn brute(net: &Network, incoming: bool) -> Vec<Vec<(usize, usize)>> {
        let mut lists = vec![Vec::new(); net.len()];
        for (i, t) in net.ties().iter().enumerate() {
            let mut arcs = vec![(t.source, t.target)];
            if !t.directed {
                arcs.push((t.target, t.source));
            }
            for (s, h) in arcs {
                let (from, to) = if incoming { (h, s) } else { (s, h) };
                lists[from].push((to, i));
            }
        }
        lists
    }

    fn lists(net: &Network, incoming: bool) -> Vec<Vec<(usize, usize)>> {
        (0..net.len())
            .map(|i| {
                let arcs: Vec<_> = if incoming {
                    net.in_arcs(i).map(|(v, a)| (v, a.tie)).collect()
                } else {
                    net.out_arcs(i).map(|(v, a)| (v, a.tie)).collect()
                };
                assert_eq!(
                    arcs.len(),
                    if incoming {
                        net.in_degree(i)
                    } else {
                        net.out_degree(i)
                    }
                );
                arcs
            })
            .collect()
    }

    #[test]
    fn adjacency_in_tie_order_shared_when_every_tie_is_mutual() {
        let actors = || ["a", "b", "c", "d"].map(Actor::stakeholder).to_vec();
        let mutual = Network::from_parts(
            actors(),
            &[
                TieSpec::mutual("c", "a", 0.5),
                TieSpec::mutual("a", "b", 0.25),
                TieSpec::mutual("d", "c", 1.0),
            ],
        )
        .unwrap();
        assert!(mutual.in_adjacency.is_none());
        let mixed = Network::from_parts(
            actors(),
            &[
                TieSpec::mutual("c", "a", 0.5),
                TieSpec::directed("a", "b", 0.25),
                TieSpec::directed("d", "a", 0.75),
                TieSpec::mutual("d", "c", 1.0),
            ],
        )
        .unwrap();
        assert!(mixed.in_adjacency.is_some());
        for net in [&mutual, &mixed] {
            for incoming in [false, true] {
                assert_eq!(lists(net, incoming), brute(net, incoming));
            }
            for (v, a) in net.out_arcs(0) {
                assert_eq!(a.trust, net.ties()[a.tie].trust, "arc to {v}");
            }
        }
        assert_eq!(mixed.arc_count(), 6);
        assert_eq!(mixed.in_arcs(0).map(|(v, _)| v).collect::<Vec<_>>(), [2, 3]);
    }
}

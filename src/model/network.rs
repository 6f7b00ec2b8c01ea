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
    /// Arcs (tail, head, arc) grouped by tail, keeping input order within a
    /// tail (a counting sort).
    fn new(n: usize, arcs: &[(u32, u32, DirectedTie)]) -> Self {
        let mut offsets = vec![0usize; n + 1];
        for &(tail, _, _) in arcs {
            offsets[tail as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut heads = vec![0u32; arcs.len()];
        let mut slots = vec![DirectedTie { trust: 0.0, tie: 0 }; arcs.len()];
        for &(tail, head, arc) in arcs {
            let k = &mut next[tail as usize];
            heads[*k] = head;
            slots[*k] = arc;
            *k += 1;
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
    in_adjacency: Adjacency,
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
        let mut arcs: Vec<(u32, u32, DirectedTie)> = Vec::with_capacity(ties.len() * 2);
        for (i, tie) in ties.iter().enumerate() {
            let arc = DirectedTie {
                trust: tie.trust,
                tie: i,
            };
            let (s, t) = (tie.source as u32, tie.target as u32);
            arcs.push((s, t, arc));
            if !tie.directed {
                arcs.push((t, s, arc));
            }
        }
        let out_adjacency = Adjacency::new(n, &arcs);
        for a in &mut arcs {
            std::mem::swap(&mut a.0, &mut a.1);
        }
        let in_adjacency = Adjacency::new(n, &arcs);
        drop(arcs);
        let directed = ties.iter().any(|t| t.directed);
        let mut groups: Vec<String> = actors.iter().map(|a| a.group.clone()).collect();
        groups.sort();
        groups.dedup();
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
        self.in_adjacency.of(actor)
    }

    /// Number of arcs leaving an actor.
    pub fn out_degree(&self, actor: usize) -> usize {
        self.out_adjacency.offsets[actor + 1] - self.out_adjacency.offsets[actor]
    }

    /// Number of arcs entering an actor.
    pub fn in_degree(&self, actor: usize) -> usize {
        self.in_adjacency.offsets[actor + 1] - self.in_adjacency.offsets[actor]
    }

    /// Number of arcs (a mutual tie counts twice).
    pub fn arc_count(&self) -> usize {
        self.out_adjacency.heads.len()
    }
}

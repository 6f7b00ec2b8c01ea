//! The validated stakeholder network: actors, ties and the read-only graph the
//! metrics run on.
//!
//! A [`Network`] is built once, through [`NetworkBuilder`], and never changes
//! afterwards. The builder enforces every rule of the input contract that does
//! not depend on the CSV text (unique ids, ties between known actors, values in
//! range, no self-loops, no duplicate ties), so a `Network` cannot hold invalid
//! data whether it came from files or from code.
//!
//! Actors are stored in the order of their ids (byte order), and actor `i` is
//! node `i` of the graph: every per-actor vector a metric returns is therefore
//! already in the output order the contract asks for.

use std::collections::HashMap;
use std::fmt;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

/// Whether an actor gives implementation support or belongs to the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// An implementation support practitioner (ISP): coach, technical-assistance
    /// provider, facilitator.
    Practitioner,
    /// A stakeholder of the implementing site: leader, supervisor, frontline
    /// staff, family, funder, policy maker, …
    Stakeholder,
}

/// Where an actor sits relative to the service system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// Outside the service system (e.g. an intermediary organisation).
    External,
    /// Inside the service system (e.g. an internal implementation team).
    Internal,
}

/// The context level an actor works at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Policy, funding and system level.
    Macro,
    /// Agency or organisation level.
    Organizational,
    /// Local service delivery.
    Local,
}

/// The relationship type of a tie, derived from the kinds of its two ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipType {
    /// A practitioner at one end, a stakeholder at the other.
    PractitionerStakeholder,
    /// Two stakeholders.
    StakeholderStakeholder,
    /// Two practitioners.
    PractitionerTeam,
}

impl RelationshipType {
    /// All types, in the order reports list them.
    pub const ALL: [RelationshipType; 3] = [
        RelationshipType::PractitionerStakeholder,
        RelationshipType::StakeholderStakeholder,
        RelationshipType::PractitionerTeam,
    ];

    /// The type of a tie between actors of these kinds.
    pub fn between(a: ActorKind, b: ActorKind) -> Self {
        match (a, b) {
            (ActorKind::Practitioner, ActorKind::Practitioner) => Self::PractitionerTeam,
            (ActorKind::Stakeholder, ActorKind::Stakeholder) => Self::StakeholderStakeholder,
            _ => Self::PractitionerStakeholder,
        }
    }

    /// The snake_case name used in every output.
    pub fn name(self) -> &'static str {
        match self {
            Self::PractitionerStakeholder => "practitioner_stakeholder",
            Self::StakeholderStakeholder => "stakeholder_stakeholder",
            Self::PractitionerTeam => "practitioner_team",
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Practitioner => "practitioner",
            Self::Stakeholder => "stakeholder",
        })
    }
}

impl fmt::Display for Placement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::External => "external",
            Self::Internal => "internal",
        })
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Macro => "macro",
            Self::Organizational => "organizational",
            Self::Local => "local",
        })
    }
}

/// One actor of the network (a row of `nodes.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Unique, non-empty key.
    pub id: String,
    /// Display name (the id when none was given).
    pub label: String,
    /// Practitioner or stakeholder.
    pub kind: ActorKind,
    /// External or internal.
    pub placement: Placement,
    /// Organisation, team or constituency; `""` is the unnamed group.
    pub group: String,
    /// Free-text role, e.g. `leader`, `family`.
    pub role: Option<String>,
    /// Context level, when given.
    pub level: Option<Level>,
    /// Positional power in [0, 1].
    pub power: f64,
    /// Extra columns of `nodes.csv`, as text, in the network's attribute order
    /// (see [`Network::attribute_names`]).
    pub attributes: Vec<String>,
}

impl Actor {
    /// A stakeholder with the contract's defaults (internal, unnamed group,
    /// power 0.5); set the public fields to change them.
    pub fn stakeholder(id: impl Into<String>) -> Self {
        let id = id.into();
        Actor {
            label: id.clone(),
            id,
            kind: ActorKind::Stakeholder,
            placement: Placement::Internal,
            group: String::new(),
            role: None,
            level: None,
            power: 0.5,
            attributes: Vec::new(),
        }
    }

    /// A practitioner with the contract's defaults (external, unnamed group,
    /// power 0.5).
    pub fn practitioner(id: impl Into<String>) -> Self {
        Actor {
            kind: ActorKind::Practitioner,
            placement: Placement::External,
            ..Actor::stakeholder(id)
        }
    }

    /// True for implementation support practitioners.
    pub fn is_practitioner(&self) -> bool {
        self.kind == ActorKind::Practitioner
    }
}

/// One tie of the network (a row of `edges.csv`, or several merged rows).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tie {
    /// Index of the source actor.
    pub source: usize,
    /// Index of the target actor.
    pub target: usize,
    /// How much `source` trusts `target` (both ways when mutual), in [0, 1].
    pub trust: f64,
    /// Contacts per month, ≥ 0.
    pub communication: f64,
    /// False for a mutual tie, true for `source → target` only.
    pub directed: bool,
    /// Power differential in [-1, 1], positive when `source` holds more.
    pub power: f64,
    /// Relationship type, derived from the ends.
    pub relationship: RelationshipType,
}

/// A tie as given to the builder: ends by actor id, optional fields unset.
/// `S` is any string type, so a loader can pass borrowed ids.
#[derive(Debug, Clone, PartialEq)]
pub struct TieSpec<S = String> {
    /// Id of the source actor.
    pub source: S,
    /// Id of the target actor.
    pub target: S,
    /// Trust in [0, 1].
    pub trust: f64,
    /// Contacts per month (default 1).
    pub communication: Option<f64>,
    /// Directed (default false: mutual).
    pub directed: bool,
    /// Power differential (default: power(source) − power(target)).
    pub power: Option<f64>,
}

impl TieSpec {
    /// A mutual tie with the contract's defaults.
    pub fn mutual(source: impl Into<String>, target: impl Into<String>, trust: f64) -> Self {
        TieSpec {
            source: source.into(),
            target: target.into(),
            trust,
            communication: None,
            directed: false,
            power: None,
        }
    }

    /// A directed tie `source → target` with the contract's defaults.
    pub fn directed(source: impl Into<String>, target: impl Into<String>, trust: f64) -> Self {
        TieSpec {
            directed: true,
            ..TieSpec::mutual(source, target, trust)
        }
    }
}

/// One arc of the graph: a mutual tie is two arcs with the same trust.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arc {
    /// Trust of the tail in the head.
    pub trust: f64,
    /// Index of the tie in [`Network::ties`] this arc comes from.
    pub tie: usize,
}

/// Why the builder refused an actor or a tie. `io` turns these into located
/// [`crate::InputError`]s; code that builds networks directly sees them as is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// An id that is empty or only white space.
    #[error("expected a non-empty id")]
    EmptyId,
    /// An id used by an earlier actor.
    #[error("duplicate id \"{id}\" (first given for actor #{first})")]
    DuplicateId {
        /// The id.
        id: String,
        /// Position (0-based, in insertion order) of the actor that has it.
        first: usize,
    },
    /// A number outside its range or not finite.
    #[error("{field}: expected {expected}, found {found}")]
    OutOfRange {
        /// Field name.
        field: &'static str,
        /// The allowed range, in words.
        expected: &'static str,
        /// The value given.
        found: f64,
    },
    /// A tie end that names no actor.
    #[error("{field}: expected an actor id, found \"{id}\"")]
    UnknownActor {
        /// `source` or `target`.
        field: &'static str,
        /// The id given.
        id: String,
    },
    /// A tie from an actor to itself.
    #[error("self-loop: source and target are both \"{id}\"")]
    SelfLoop {
        /// The actor.
        id: String,
    },
    /// A second row for the same tie (same pair for a mutual tie, same
    /// direction for a directed one), without merging.
    #[error("duplicate tie {source_id}–{target_id} (first given in tie row #{first})")]
    DuplicateTie {
        /// Source id of the later row.
        source_id: String,
        /// Target id of the later row.
        target_id: String,
        /// Position (0-based, in insertion order) of the earlier row.
        first: usize,
    },
    /// A directed row and a mutual row for the same pair (the mutual row
    /// already gives both directions). Merging does not apply.
    #[error("tie {source_id}→{target_id} conflicts with tie row #{first}: a mutual tie already gives both directions")]
    ConflictingTie {
        /// Source id of the later row.
        source_id: String,
        /// Target id of the later row.
        target_id: String,
        /// Position (0-based, in insertion order) of the earlier row.
        first: usize,
    },
}

/// How the builder treats a second row for the same tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicateTies {
    /// Reject it (the contract's default).
    #[default]
    Reject,
    /// Merge the rows into one tie: trust, communication and any given power
    /// differential become the means over the rows (power re-oriented to the
    /// first row's source). Rows of a mutual and a directed tie for the same
    /// pair still conflict.
    Merge,
}

/// Builds a [`Network`], checking every rule as actors and ties are added.
#[derive(Debug, Default)]
pub struct NetworkBuilder {
    actors: Vec<Actor>,
    index: HashMap<String, usize>,
    attribute_names: Vec<String>,
    ties: Vec<PendingTie>,
    tie_rows: usize,
    /// Key: (min, max, directed-orientation) → index into `ties`.
    tie_index: HashMap<(usize, usize), TieSlot>,
    duplicates: DuplicateTies,
}

#[derive(Debug)]
struct PendingTie {
    source: usize,
    target: usize,
    trust_sum: f64,
    communication_sum: f64,
    power_sum: f64,
    power_rows: usize,
    rows: usize,
    directed: bool,
}

/// What is already known about an unordered pair of actors.
#[derive(Debug, Clone, Copy, Default)]
struct TieSlot {
    /// A mutual tie: (pending index, its first row).
    mutual: Option<(usize, usize)>,
    /// Directed tie lo → hi.
    forward: Option<(usize, usize)>,
    /// Directed tie hi → lo.
    backward: Option<(usize, usize)>,
}

fn check_range(
    field: &'static str,
    value: f64,
    lo: f64,
    hi: f64,
    expected: &'static str,
) -> Result<f64, ModelError> {
    if value.is_finite() && value >= lo && value <= hi {
        // -0 reads back as 0 in every output.
        Ok(value + 0.0)
    } else {
        Err(ModelError::OutOfRange {
            field,
            expected,
            found: value,
        })
    }
}

impl NetworkBuilder {
    /// An empty builder whose actors carry the given extra attribute columns.
    pub fn new(attribute_names: Vec<String>) -> Self {
        NetworkBuilder {
            attribute_names,
            ..Default::default()
        }
    }

    /// Choose how a second row for the same tie is treated.
    pub fn duplicate_ties(mut self, policy: DuplicateTies) -> Self {
        self.duplicates = policy;
        self
    }

    /// Whether an actor with this id was added.
    pub fn has_actor(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// Add an actor. Its id is trimmed of surrounding white space.
    pub fn add_actor(&mut self, mut actor: Actor) -> Result<(), ModelError> {
        let id = actor.id.trim();
        if id.is_empty() {
            return Err(ModelError::EmptyId);
        }
        if id.len() != actor.id.len() {
            actor.id = id.to_string();
        }
        if let Some(&first) = self.index.get(&actor.id) {
            return Err(ModelError::DuplicateId {
                id: actor.id,
                first,
            });
        }
        actor.power = check_range("power", actor.power, 0.0, 1.0, "a number in [0, 1]")?;
        actor
            .attributes
            .resize(self.attribute_names.len(), String::new());
        self.index.insert(actor.id.clone(), self.actors.len());
        self.actors.push(actor);
        Ok(())
    }

    fn lookup(&self, field: &'static str, id: &str) -> Result<usize, ModelError> {
        self.index
            .get(id.trim())
            .copied()
            .ok_or_else(|| ModelError::UnknownActor {
                field,
                id: id.to_string(),
            })
    }

    /// Add a tie between two actors added before. Returns the position of the
    /// tie row (0-based, counting every row offered, merged or not).
    pub fn add_tie<S: AsRef<str>>(&mut self, spec: &TieSpec<S>) -> Result<usize, ModelError> {
        let row = self.tie_rows;
        let source = self.lookup("source", spec.source.as_ref())?;
        let target = self.lookup("target", spec.target.as_ref())?;
        if source == target {
            return Err(ModelError::SelfLoop {
                id: self.actors[source].id.clone(),
            });
        }
        let trust = check_range("trust", spec.trust, 0.0, 1.0, "a number in [0, 1]")?;
        let communication = match spec.communication {
            Some(c) => check_range("communication", c, 0.0, f64::MAX, "a number ≥ 0")?,
            None => 1.0,
        };
        let power = match spec.power {
            Some(p) => Some(check_range("power", p, -1.0, 1.0, "a number in [-1, 1]")?),
            None => None,
        };
        let key = (source.min(target), source.max(target));
        let slot = self.tie_index.entry(key).or_default();
        let ids = |b: &Self| (b.actors[source].id.clone(), b.actors[target].id.clone());
        // Which existing entry would this row duplicate, and is it mergeable?
        let (existing, conflict) = if spec.directed {
            let own = if source < target {
                slot.forward
            } else {
                slot.backward
            };
            match (slot.mutual, own) {
                (Some(m), _) => (Some(m), true),
                (None, Some(d)) => (Some(d), false),
                (None, None) => (None, false),
            }
        } else {
            match (slot.mutual, slot.forward.or(slot.backward)) {
                (Some(m), _) => (Some(m), false),
                (None, Some(d)) => (Some(d), true),
                (None, None) => (None, false),
            }
        };
        if let Some((pending, first)) = existing {
            if conflict {
                let (source_id, target_id) = ids(self);
                return Err(ModelError::ConflictingTie {
                    source_id,
                    target_id,
                    first,
                });
            }
            if self.duplicates == DuplicateTies::Reject {
                let (source_id, target_id) = ids(self);
                return Err(ModelError::DuplicateTie {
                    source_id,
                    target_id,
                    first,
                });
            }
            let tie = &mut self.ties[pending];
            tie.trust_sum += trust;
            tie.communication_sum += communication;
            if let Some(p) = power {
                // A mutual row written the other way round states the
                // differential from the other end.
                tie.power_sum += if tie.source == source { p } else { -p };
                tie.power_rows += 1;
            }
            tie.rows += 1;
            self.tie_rows += 1;
            return Ok(row);
        }
        let pending = self.ties.len();
        let entry = Some((pending, row));
        if !spec.directed {
            slot.mutual = entry;
        } else if source < target {
            slot.forward = entry;
        } else {
            slot.backward = entry;
        }
        self.ties.push(PendingTie {
            source,
            target,
            trust_sum: trust,
            communication_sum: communication,
            power_sum: power.unwrap_or(0.0),
            power_rows: usize::from(power.is_some()),
            rows: 1,
            directed: spec.directed,
        });
        self.tie_rows += 1;
        Ok(row)
    }

    /// Finish: order actors by id and build the graph.
    pub fn build(self) -> Network {
        let n = self.actors.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| self.actors[a].id.cmp(&self.actors[b].id));
        let mut new_index = vec![0usize; n];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut slots: Vec<Option<Actor>> = self.actors.into_iter().map(Some).collect();
        let actors: Vec<Actor> = order
            .iter()
            .map(|&old| slots[old].take().expect("each actor moved once"))
            .collect();

        let ties: Vec<Tie> = self
            .ties
            .iter()
            .map(|p| {
                let source = new_index[p.source];
                let target = new_index[p.target];
                let rows = p.rows as f64;
                let power = if p.power_rows > 0 {
                    p.power_sum / p.power_rows as f64
                } else {
                    actors[source].power - actors[target].power
                };
                Tie {
                    source,
                    target,
                    trust: p.trust_sum / rows,
                    communication: p.communication_sum / rows,
                    directed: p.directed,
                    power: power.clamp(-1.0, 1.0) + 0.0,
                    relationship: RelationshipType::between(
                        actors[source].kind,
                        actors[target].kind,
                    ),
                }
            })
            .collect();
        Network::assemble(actors, ties, self.attribute_names)
    }
}

/// A validated stakeholder network. Immutable once built.
#[derive(Debug, Clone)]
pub struct Network {
    actors: Vec<Actor>,
    ties: Vec<Tie>,
    graph: DiGraph<(), Arc, u32>,
    directed: bool,
    attribute_names: Vec<String>,
    groups: Vec<String>,
    group_of: Vec<usize>,
}

impl Network {
    fn assemble(actors: Vec<Actor>, ties: Vec<Tie>, attribute_names: Vec<String>) -> Network {
        let mut graph = DiGraph::with_capacity(actors.len(), ties.len() * 2);
        for _ in &actors {
            graph.add_node(());
        }
        for (i, tie) in ties.iter().enumerate() {
            let arc = Arc {
                trust: tie.trust,
                tie: i,
            };
            let (s, t) = (NodeIndex::new(tie.source), NodeIndex::new(tie.target));
            graph.add_edge(s, t, arc);
            if !tie.directed {
                graph.add_edge(t, s, arc);
            }
        }
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
            graph,
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

    /// The actor at an index.
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

    /// The read-only graph: node `i` is actor `i`; a mutual tie is two arcs.
    pub fn graph(&self) -> &DiGraph<(), Arc, u32> {
        &self.graph
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

    /// Arcs leaving an actor: (head, arc).
    pub fn out_arcs(&self, actor: usize) -> impl Iterator<Item = (usize, &Arc)> + '_ {
        self.graph
            .edges_directed(NodeIndex::new(actor), Direction::Outgoing)
            .map(|e| (e.target().index(), e.weight()))
    }

    /// Arcs entering an actor: (tail, arc).
    pub fn in_arcs(&self, actor: usize) -> impl Iterator<Item = (usize, &Arc)> + '_ {
        self.graph
            .edges_directed(NodeIndex::new(actor), Direction::Incoming)
            .map(|e| (e.source().index(), e.weight()))
    }

    /// Number of arcs (a mutual tie counts twice).
    pub fn arc_count(&self) -> usize {
        self.graph.edge_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triangle() -> Network {
        let actors = vec![
            Actor::stakeholder("b"),
            Actor::practitioner("a"),
            Actor::stakeholder("c"),
        ];
        Network::from_parts(
            actors,
            &[
                TieSpec::mutual("a", "b", 0.5),
                TieSpec::directed("b", "c", 0.25),
            ],
        )
        .unwrap()
    }

    #[test]
    fn actors_are_ordered_by_id_and_ties_remapped() {
        let net = triangle();
        let ids: Vec<&str> = net.actors().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(net.ties()[0].source, 0);
        assert_eq!(net.ties()[0].target, 1);
        assert_eq!(
            net.ties()[0].relationship,
            RelationshipType::PractitionerStakeholder
        );
        assert_eq!(
            net.ties()[1].relationship,
            RelationshipType::StakeholderStakeholder
        );
        assert!(net.is_directed());
        assert_eq!(net.arc_count(), 3);
        assert_eq!(net.index_of("c"), Some(2));
        assert_eq!(net.index_of("z"), None);
    }

    #[test]
    fn default_power_differential_is_source_minus_target() {
        let mut a = Actor::stakeholder("a");
        a.power = 0.9;
        let mut b = Actor::stakeholder("b");
        b.power = 0.2;
        let net = Network::from_parts(vec![a, b], &[TieSpec::mutual("b", "a", 1.0)]).unwrap();
        assert!((net.ties()[0].power - (0.2 - 0.9)).abs() < 1e-15);
    }

    #[test]
    fn duplicates_and_conflicts_are_rejected_unless_merged() {
        let actors = || vec![Actor::stakeholder("a"), Actor::stakeholder("b")];
        let dup = Network::from_parts(
            actors(),
            &[
                TieSpec::mutual("a", "b", 0.5),
                TieSpec::mutual("b", "a", 0.7),
            ],
        );
        assert!(matches!(
            dup,
            Err(ModelError::DuplicateTie { first: 0, .. })
        ));
        let conflict = Network::from_parts(
            actors(),
            &[
                TieSpec::mutual("a", "b", 0.5),
                TieSpec::directed("b", "a", 0.7),
            ],
        );
        assert!(matches!(conflict, Err(ModelError::ConflictingTie { .. })));
        // Two directions of a directed tie are two ties, not duplicates.
        let both = Network::from_parts(
            actors(),
            &[
                TieSpec::directed("a", "b", 0.5),
                TieSpec::directed("b", "a", 0.7),
            ],
        )
        .unwrap();
        assert_eq!(both.ties().len(), 2);

        let mut b = NetworkBuilder::new(vec![]).duplicate_ties(DuplicateTies::Merge);
        for a in actors() {
            b.add_actor(a).unwrap();
        }
        let mut first = TieSpec::mutual("a", "b", 0.5);
        first.communication = Some(4.0);
        first.power = Some(0.2);
        let mut second = TieSpec::mutual("b", "a", 0.7);
        second.communication = Some(2.0);
        second.power = Some(0.4);
        b.add_tie(&first).unwrap();
        assert_eq!(b.add_tie(&second).unwrap(), 1);
        let net = b.build();
        assert_eq!(net.ties().len(), 1);
        let tie = net.ties()[0];
        assert!((tie.trust - 0.6).abs() < 1e-15);
        assert!((tie.communication - 3.0).abs() < 1e-15);
        // 0.2 from a's side and 0.4 from b's side (= −0.4 from a's) → −0.1.
        assert!((tie.power - (-0.1)).abs() < 1e-15);
    }

    #[test]
    fn invalid_values_never_enter_a_network() {
        let bad_trust = Network::from_parts(
            vec![Actor::stakeholder("a"), Actor::stakeholder("b")],
            &[TieSpec::mutual("a", "b", f64::NAN)],
        );
        assert!(matches!(
            bad_trust,
            Err(ModelError::OutOfRange { field: "trust", .. })
        ));
        let self_loop = Network::from_parts(
            vec![Actor::stakeholder("a")],
            &[TieSpec::mutual("a", "a", 0.5)],
        );
        assert!(matches!(self_loop, Err(ModelError::SelfLoop { .. })));
        let blank = Network::from_parts(vec![Actor::stakeholder("  ")], &[]);
        assert_eq!(blank.unwrap_err(), ModelError::EmptyId);
        let dup = Network::from_parts(
            vec![Actor::stakeholder("a"), Actor::stakeholder(" a ")],
            &[],
        );
        assert!(matches!(dup, Err(ModelError::DuplicateId { first: 0, .. })));
    }
}

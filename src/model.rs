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
use std::sync::OnceLock;

use compact_str::CompactString;
use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap;
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

/// One direction of a tie (an arc of the graph): a mutual tie is two, with
/// the same trust.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DirectedTie {
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
    /// Keys are stored inline (ids up to 24 bytes): a look-up then touches
    /// the table only, not a string elsewhere on the heap, which halves the
    /// loader's time on a million ties. Std's keyed SipHash rather than Fx:
    /// ids come from files people hand us, and crafted colliding ids must not
    /// make loading quadratic.
    index: HashMap<CompactString, usize>,
    attribute_names: Vec<String>,
    ties: Vec<PendingTie>,
    tie_rows: usize,
    /// (lower end, higher end, slot) → index into `ties`; slot 0 holds the
    /// pair's mutual tie, 1 the directed tie lower → higher, 2 the reverse.
    /// Kept to 16 bytes an entry: at a million ties this map dominates the
    /// loader's memory.
    tie_index: FxHashMap<(u32, u32, u8), u32>,
    duplicates: DuplicateTies,
}

#[derive(Debug)]
struct PendingTie {
    source: u32,
    target: u32,
    /// Builder row of the first row of this tie, for error messages.
    first_row: u32,
    rows: u32,
    power_rows: u32,
    directed: bool,
    trust_sum: f64,
    communication_sum: f64,
    power_sum: f64,
}

const MUTUAL: u8 = 0;
const FORWARD: u8 = 1;
const BACKWARD: u8 = 2;

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
        if let Some(&first) = self.index.get(actor.id.as_str()) {
            return Err(ModelError::DuplicateId {
                id: actor.id,
                first,
            });
        }
        actor.power = check_range("power", actor.power, 0.0, 1.0, "a number in [0, 1]")?;
        actor
            .attributes
            .resize(self.attribute_names.len(), String::new());
        self.index
            .insert(CompactString::from(actor.id.as_str()), self.actors.len());
        self.actors.push(actor);
        Ok(())
    }

    /// Index (in insertion order) of the actor with this id, as the tie
    /// methods take it.
    pub fn actor_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
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

    /// Add a tie between two actors added before, named by id. Returns the
    /// position of the tie row (0-based, counting every row accepted, merged
    /// or not).
    pub fn add_tie<S: AsRef<str>>(&mut self, spec: &TieSpec<S>) -> Result<usize, ModelError> {
        let source = self.lookup("source", spec.source.as_ref())?;
        let target = self.lookup("target", spec.target.as_ref())?;
        self.add_tie_between(
            source,
            target,
            &TieSpec {
                source: (),
                target: (),
                trust: spec.trust,
                communication: spec.communication,
                directed: spec.directed,
                power: spec.power,
            },
        )
    }

    /// Add a tie between the actors at two indices from
    /// [`NetworkBuilder::actor_index`]; the spec's ids are not used.
    pub fn add_tie_between<S>(
        &mut self,
        source: usize,
        target: usize,
        spec: &TieSpec<S>,
    ) -> Result<usize, ModelError> {
        let row = self.tie_rows;
        if source >= self.actors.len() || target >= self.actors.len() {
            return Err(ModelError::UnknownActor {
                field: if source >= self.actors.len() {
                    "source"
                } else {
                    "target"
                },
                id: source.max(target).to_string(),
            });
        }
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
        let (lo, hi) = (source.min(target) as u32, source.max(target) as u32);
        let own_slot = match (spec.directed, source < target) {
            (false, _) => MUTUAL,
            (true, true) => FORWARD,
            (true, false) => BACKWARD,
        };
        let find = |slot: u8| self.tie_index.get(&(lo, hi, slot)).copied();
        // The row this one would duplicate, and whether merging could apply.
        let (existing, conflict) = if spec.directed {
            match (find(MUTUAL), find(own_slot)) {
                (Some(m), _) => (Some(m), true),
                (None, d) => (d, false),
            }
        } else {
            match (find(MUTUAL), find(FORWARD).or(find(BACKWARD))) {
                (Some(m), _) => (Some(m), false),
                (None, d) => (d, d.is_some()),
            }
        };
        if let Some(pending) = existing {
            let first = self.ties[pending as usize].first_row as usize;
            let source_id = || self.actors[source].id.clone();
            let target_id = || self.actors[target].id.clone();
            if conflict {
                return Err(ModelError::ConflictingTie {
                    source_id: source_id(),
                    target_id: target_id(),
                    first,
                });
            }
            if self.duplicates == DuplicateTies::Reject {
                return Err(ModelError::DuplicateTie {
                    source_id: source_id(),
                    target_id: target_id(),
                    first,
                });
            }
            let tie = &mut self.ties[pending as usize];
            tie.trust_sum += trust;
            tie.communication_sum += communication;
            if let Some(p) = power {
                // A mutual row written the other way round states the
                // differential from the other end.
                tie.power_sum += if tie.source as usize == source { p } else { -p };
                tie.power_rows += 1;
            }
            tie.rows += 1;
            self.tie_rows += 1;
            return Ok(row);
        }
        self.tie_index
            .insert((lo, hi, own_slot), self.ties.len() as u32);
        self.ties.push(PendingTie {
            source: source as u32,
            target: target as u32,
            first_row: row as u32,
            rows: 1,
            power_rows: u32::from(power.is_some()),
            directed: spec.directed,
            trust_sum: trust,
            communication_sum: communication,
            power_sum: power.unwrap_or(0.0),
        });
        self.tie_rows += 1;
        Ok(row)
    }

    /// Finish: order actors by id and build the graph.
    pub fn build(self) -> Network {
        let NetworkBuilder {
            actors: added,
            index,
            attribute_names,
            ties: pending,
            tie_index,
            ..
        } = self;
        // Free the look-up tables before the graph is built: they are the
        // largest part of the peak memory.
        drop(index);
        drop(tie_index);
        let n = added.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| added[a].id.cmp(&added[b].id));
        let mut new_index = vec![0usize; n];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut slots: Vec<Option<Actor>> = added.into_iter().map(Some).collect();
        let actors: Vec<Actor> = order
            .iter()
            .map(|&old| slots[old].take().expect("each actor moved once"))
            .collect();

        let ties: Vec<Tie> = pending
            .iter()
            .map(|p| {
                let source = new_index[p.source as usize];
                let target = new_index[p.target as usize];
                let rows = f64::from(p.rows);
                let power = if p.power_rows > 0 {
                    p.power_sum / f64::from(p.power_rows)
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
        drop(pending);
        Network::assemble(actors, ties, attribute_names)
    }
}

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
    fn assemble(actors: Vec<Actor>, ties: Vec<Tie>, attribute_names: Vec<String>) -> Network {
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

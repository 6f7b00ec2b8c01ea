//! The [`NetworkBuilder`]: every rule of docs/format.md that does not
//! depend on the CSV text, checked as actors and ties are added.

use std::collections::HashMap;

use std::hash::BuildHasher;

use compact_str::CompactString;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use super::{Actor, DuplicateTies, Network, RelationshipType, Tie, TieSpec};

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
    /// The ties by (lower end, higher end, slot) (see [`PendingTie::key`]),
    /// as indices into `ties`: the key is read from the tie itself, so an
    /// entry is 4 bytes (5 with hashbrown's control byte) where a map from
    /// key to index took 17, the largest part of the loader's peak memory at
    /// a million ties.
    tie_index: HashTable<u32>,
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

/// A tie's key in the index: (lower end, higher end, slot), where slot
/// [`MUTUAL`] holds the pair's mutual tie, [`FORWARD`] the directed tie
/// lower → higher and [`BACKWARD`] the reverse.
type TieKey = (u32, u32, u8);

fn tie_key(source: u32, target: u32, directed: bool) -> TieKey {
    let slot = match (directed, source < target) {
        (false, _) => MUTUAL,
        (true, true) => FORWARD,
        (true, false) => BACKWARD,
    };
    (source.min(target), source.max(target), slot)
}

fn hash_key(key: &TieKey) -> u64 {
    FxBuildHasher.hash_one(key)
}

impl PendingTie {
    fn key(&self) -> TieKey {
        tie_key(self.source, self.target, self.directed)
    }
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
    // Long: the tie rules in the order their errors are reported, sharing the slot lookup of the
    // merge.
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
        let own = tie_key(source as u32, target as u32, spec.directed);
        let (lo, hi, own_slot) = own;
        let find = |slot: u8| {
            let key = (lo, hi, slot);
            let ties = &self.ties;
            self.tie_index
                .find(hash_key(&key), |&i| ties[i as usize].key() == key)
                .copied()
        };
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
            self.merge(pending, source, trust, communication, power);
            return Ok(row);
        }
        let ties = &self.ties;
        self.tie_index
            .insert_unique(hash_key(&own), ties.len() as u32, |&i| {
                hash_key(&ties[i as usize].key())
            });
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

    /// Add a row's values to the earlier tie `pending` (merging duplicates).
    fn merge(
        &mut self,
        pending: u32,
        source: usize,
        trust: f64,
        communication: f64,
        power: Option<f64>,
    ) {
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
        let mut actors = added;
        let n = actors.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| actors[a].id.cmp(&actors[b].id));
        let mut new_index = vec![0usize; n];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        drop(order);
        // Into id order in place, cycle by cycle (a second list of actors
        // would be alive with the adjacency at the loader's peak).
        let mut to = new_index.clone();
        for i in 0..n {
            while to[i] != i {
                let j = to[i];
                actors.swap(i, j);
                to.swap(i, j);
            }
        }
        drop(to);
        actors.shrink_to_fit();
        let mut pending = pending;
        pending.shrink_to_fit();
        // Same size as a `Tie`: collected in place, into the same memory.
        let ties: Vec<Tie> = pending
            .into_iter()
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
        Network::assemble(actors, ties, attribute_names)
    }
}

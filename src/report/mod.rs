//! Report structs: metric results with ids, labels and attributes attached,
//! in the format's output names. Nothing here computes a metric; the
//! renderers turn these into table, JSON or CSV.

pub mod analyze;
pub mod dot;
pub mod exit;
pub mod export;
pub mod page;
pub mod plan;
pub mod power;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::model::{ActorKind, Network, Placement};

pub use analyze::{analyze, analyze_with, AnalyzeReport};
pub use exit::{exit, ExitReport};
pub use plan::{plan, PlanReport};
pub use power::{power, PowerReport};

/// Who an actor is: the columns every per-actor row starts with (the
/// `analyze`, `exit` and `power` rows flatten it first, so their JSON and CSV
/// columns open with these five in this order).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ActorIdentity {
    /// The actor's id.
    pub id: String,
    /// Display name.
    pub label: String,
    /// Practitioner or stakeholder.
    pub kind: ActorKind,
    /// External or internal.
    pub placement: Placement,
    /// Group (empty for the unnamed group).
    pub group: String,
}

impl ActorIdentity {
    /// The identity of actor `i`.
    ///
    /// # Panics
    /// When `i` is out of range for `net`.
    pub fn of(net: &Network, i: usize) -> Self {
        let a = net.actor(i);
        ActorIdentity {
            id: a.id.clone(),
            label: a.label.clone(),
            kind: a.kind,
            placement: a.placement,
            group: a.group.clone(),
        }
    }
}

/// The extra `nodes.csv` columns of one actor, serialised as an object that
/// keeps the file's column order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attributes(pub Vec<(String, String)>);

impl Attributes {
    /// The attributes of actor `i`.
    ///
    /// # Panics
    /// When `i` is out of range for `net`.
    pub fn of(net: &Network, i: usize) -> Self {
        Attributes(
            net.attribute_names()
                .iter()
                .cloned()
                .zip(net.actor(i).attributes.iter().cloned())
                .collect(),
        )
    }
}

impl Serialize for Attributes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

pub mod validate;

//! Ties: the relationship types, a tie as stored, a tie as given, and one
//! direction of a tie.

use serde::Serialize;

use super::ActorKind;

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
    /// A mutual tie with the format's defaults.
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

    /// A directed tie `source → target` with the format's defaults.
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
    /// Index of the tie in [`super::Network::ties`] this arc comes from.
    pub tie: usize,
}

/// How the builder treats a second row for the same tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicateTies {
    /// Reject it (the format's default).
    #[default]
    Reject,
    /// Merge the rows into one tie: trust, communication and any given power
    /// differential become the means over the rows (power re-oriented to the
    /// first row's source). Rows of a mutual and a directed tie for the same
    /// pair still conflict.
    Merge,
}

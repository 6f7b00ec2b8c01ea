//! Actors: who they are (kind, placement, level) and what the nodes file says
//! about them.

use std::fmt;

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
    /// (see [`super::Network::attribute_names`]).
    pub attributes: Vec<String>,
}

impl Actor {
    /// A stakeholder with the format's defaults (internal, unnamed group,
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

    /// A practitioner with the format's defaults (external, unnamed group,
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

//! Warnings about a valid network: things that are allowed but are probably
//! not what the person who drew the map meant.

use std::fmt;

use crate::model::Network;

/// A warning about a valid network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A stakeholder with no tie at all.
    IsolatedActor {
        /// Its id.
        id: String,
    },
    /// A practitioner with no tie at all.
    PractitionerWithoutTies {
        /// Its id.
        id: String,
    },
    /// An actor whose ties all have trust 0: no path runs through it.
    NoTrustedTie {
        /// Its id.
        id: String,
    },
    /// A named group with a single member: brokerage roles treat it as its
    /// own constituency.
    GroupOfOne {
        /// The group.
        group: String,
        /// Its only member.
        id: String,
    },
    /// No actor is a practitioner (often a missing `kind` column): `exit`
    /// and `plan` then have nobody who leaves.
    NoPractitioner {
        /// How many actors are external (placement) all the same.
        external: usize,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::IsolatedActor { id } => write!(f, "actor {id:?} has no ties"),
            Warning::PractitionerWithoutTies { id } => {
                write!(f, "practitioner {id:?} has no ties")
            }
            Warning::NoTrustedTie { id } => {
                write!(
                    f,
                    "actor {id:?} has only ties with trust 0 (no path runs through them)"
                )
            }
            Warning::GroupOfOne { group, id } => {
                write!(f, "group {group:?} has one member ({id:?})")
            }
            Warning::NoPractitioner { external } => {
                write!(
                    f,
                    "no actor is a practitioner (is the `kind` column missing?): exit and plan \
                     will have nobody who leaves"
                )?;
                if *external > 0 {
                    write!(
                        f,
                        "; {external} actor{} placed external, but without kind=practitioner \
                         {} stakeholder{}",
                        if *external == 1 { " is" } else { "s are" },
                        if *external == 1 {
                            "it is a"
                        } else {
                            "they are"
                        },
                        if *external == 1 { "" } else { "s" },
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// Warnings for a network: no practitioner first, then by actor id, then by
/// group name.
pub fn warnings(net: &Network) -> Vec<Warning> {
    let mut out = Vec::new();
    if !net.actors().is_empty() && !net.actors().iter().any(|a| a.is_practitioner()) {
        out.push(Warning::NoPractitioner {
            external: net
                .actors()
                .iter()
                .filter(|a| a.placement == crate::model::Placement::External)
                .count(),
        });
    }
    for (i, actor) in net.actors().iter().enumerate() {
        let mut any = false;
        let mut trusted = false;
        for (_, arc) in net.out_arcs(i).chain(net.in_arcs(i)) {
            any = true;
            trusted |= arc.trust > 0.0;
        }
        let id = actor.id.clone();
        if !any {
            out.push(if actor.is_practitioner() {
                Warning::PractitionerWithoutTies { id }
            } else {
                Warning::IsolatedActor { id }
            });
        } else if !trusted {
            out.push(Warning::NoTrustedTie { id });
        }
    }
    let mut members = vec![Vec::new(); net.groups().len()];
    for i in 0..net.len() {
        members[net.group_of(i)].push(i);
    }
    for (g, m) in members.iter().enumerate() {
        if m.len() == 1 && !net.groups()[g].is_empty() {
            out.push(Warning::GroupOfOne {
                group: net.groups()[g].clone(),
                id: net.actor(m[0]).id.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    #[test]
    fn each_warning_is_found() {
        let mut a = Actor::stakeholder("a");
        a.group = "solo".into();
        let actors = vec![
            a,
            Actor::stakeholder("b"),
            Actor::stakeholder("c"),
            Actor::practitioner("p"),
            Actor::stakeholder("z"),
        ];
        let net = Network::from_parts(
            actors,
            &[
                TieSpec::mutual("a", "b", 0.5),
                TieSpec::mutual("c", "z", 0.0),
            ],
        )
        .unwrap();
        let w: Vec<String> = warnings(&net).iter().map(|w| w.to_string()).collect();
        assert_eq!(
            w,
            [
                "actor \"c\" has only ties with trust 0 (no path runs through them)",
                "practitioner \"p\" has no ties",
                "actor \"z\" has only ties with trust 0 (no path runs through them)",
                "group \"solo\" has one member (\"a\")",
            ]
        );
    }
}

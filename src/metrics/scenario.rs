//! Exit scenarios: who leaves and which handovers happen first, named by
//! actor id as a person (or a command line) gives them, resolved against a
//! network once.
//!
//! A [`Scenario`] is the one place where ids become indices and handovers
//! are checked; every analysis of "the site after X leaves" (`exit`, `plan`,
//! `dot`'s exit view, batch's exit columns, and analyses built on them)
//! starts from one. Its [`Scenario::spec`] is the index form the metric
//! kernels take; [`Scenario::removed`] is the mask of G′ = G − X.
//!
//! Definitions: the format's "Sustainability after exit" (X defaults to
//! every external practitioner) and "Handover" (FROM exits along with X;
//! FROM's ties to stakeholders are copied onto TO at trust × factor).

use super::exit::{default_exit, ExitSpec, Handover as IndexHandover};
use crate::error::{Error, IdList};
use crate::model::{ActorKind, Network};

/// The default (docs/format.md) handover factor.
pub const DEFAULT_HANDOVER_FACTOR: f64 = 0.5;

/// One handover, by actor id: before the exit, FROM's ties to stakeholders
/// are copied onto TO at trust × `factor`, and FROM exits with the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Handover {
    /// Id of the actor who leaves.
    pub from: String,
    /// Id of the actor who takes the ties over.
    pub to: String,
    /// Trust multiplier in [0, 1] (the format's default is
    /// [`DEFAULT_HANDOVER_FACTOR`]).
    pub factor: f64,
}

/// Who leaves, by id, and the handovers made before they do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExitRequest {
    /// Ids of the exiting actors; `None` means every external practitioner
    /// (the format's default). Blank ids are skipped, ids are trimmed.
    pub exit: Option<Vec<String>>,
    /// Handovers, applied in order; each FROM joins the exit set.
    pub handovers: Vec<Handover>,
}

impl ExitRequest {
    /// The default exit (every external practitioner), no handover.
    pub fn default_exit() -> Self {
        ExitRequest::default()
    }

    /// These actors exit, no handover.
    pub fn of<S: Into<String>>(ids: impl IntoIterator<Item = S>) -> Self {
        ExitRequest {
            exit: Some(ids.into_iter().map(Into::into).collect()),
            handovers: Vec::new(),
        }
    }
}

/// Who leaves, by what they are rather than by id: every actor of a kind,
/// with a role, or both (`--exit-kind`, `--exit-role`). The same selection
/// names different actors in each network of a batch. With neither given it
/// selects everybody; callers pass `None` for the format's default (the
/// external practitioners) instead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExitSelection {
    /// The actors' kind, if only one kind leaves. Placement is not looked
    /// at: `Practitioner` includes internal practitioners, unlike the
    /// default exit.
    pub kind: Option<ActorKind>,
    /// The actors' `role`, compared with the trimmed cell exactly (case
    /// included), if only one role leaves.
    pub role: Option<String>,
}

impl ExitSelection {
    /// The ids of the actors selected in `net`, in id order.
    pub fn ids(&self, net: &Network) -> Vec<String> {
        net.actors()
            .iter()
            .filter(|a| self.kind.map_or(true, |k| a.kind == k))
            .filter(|a| {
                self.role
                    .as_deref()
                    .map_or(true, |r| a.role.as_deref().map(str::trim) == Some(r.trim()))
            })
            .map(|a| a.id.clone())
            .collect()
    }
}

impl std::fmt::Display for ExitSelection {
    /// "practitioners with the role \"coach\"", "stakeholders", "actors
    /// with the role \"leader\"": whom the selection names.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            Some(ActorKind::Practitioner) => f.write_str("practitioners")?,
            Some(ActorKind::Stakeholder) => f.write_str("stakeholders")?,
            None => f.write_str("actors")?,
        }
        match &self.role {
            Some(role) => write!(f, " with the role \"{}\"", role.trim()),
            None => Ok(()),
        }
    }
}

/// An exit request resolved against one network: indices checked, handovers
/// validated. Build it with [`Scenario::resolve`].
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    spec: ExitSpec,
}

impl Scenario {
    /// Resolve the ids of `request` in `net` and check its handovers.
    ///
    /// # Errors
    /// [`Error::UnknownActor`] for an id that names no actor (the original
    /// text is kept), [`Error::HandoverToSelf`] for FROM = TO,
    /// [`Error::HandoverFactor`] for a factor outside [0, 1].
    pub fn resolve(net: &Network, request: &ExitRequest) -> Result<Scenario, Error> {
        let index = |id: &str, list: IdList| {
            net.index_of(id.trim()).ok_or_else(|| Error::UnknownActor {
                id: id.to_string(),
                list,
            })
        };
        let exit = match &request.exit {
            None => default_exit(net),
            Some(ids) => ids
                .iter()
                .filter(|id| !id.trim().is_empty())
                .map(|id| index(id, IdList::Exit))
                .collect::<Result<Vec<_>, _>>()?,
        };
        let mut handovers = Vec::with_capacity(request.handovers.len());
        for h in &request.handovers {
            if !(0.0..=1.0).contains(&h.factor) {
                return Err(Error::HandoverFactor { factor: h.factor });
            }
            let (from, to) = (
                index(&h.from, IdList::Handover)?,
                index(&h.to, IdList::Handover)?,
            );
            if from == to {
                return Err(Error::HandoverToSelf {
                    id: h.from.trim().to_string(),
                });
            }
            handovers.push(IndexHandover {
                from,
                to,
                factor: h.factor,
            });
        }
        Ok(Scenario {
            spec: ExitSpec { exit, handovers },
        })
    }

    /// The scenario in the index form the metric kernels take.
    pub fn spec(&self) -> &ExitSpec {
        &self.spec
    }

    /// True when handovers happen before the exit.
    pub fn has_handovers(&self) -> bool {
        !self.spec.handovers.is_empty()
    }

    /// The final exit set X, sorted: the named (or default) actors plus every
    /// handover's FROM.
    pub fn exit_set(&self) -> Vec<usize> {
        self.spec.exit_set()
    }

    /// The same exit without its handovers (X keeps the handovers' FROMs),
    /// to compare a handover with leaving without one.
    pub fn without_handovers(&self) -> Scenario {
        Scenario {
            spec: ExitSpec {
                exit: self.spec.exit_set(),
                handovers: Vec::new(),
            },
        }
    }

    /// G′'s mask: `removed[i]` is true for the members of X. Indexed like
    /// [`Network::actors`].
    pub fn removed(&self, net: &Network) -> Vec<bool> {
        exit_mask(net.len(), &self.exit_set())
    }
}

/// The mask of G′ = G − X over `n` actors: `true` at each index in `exit`.
///
/// # Panics
/// When an index in `exit` is `n` or more.
pub(crate) fn exit_mask(n: usize, exit: &[usize]) -> Vec<bool> {
    let mut removed = vec![false; n];
    for &i in exit {
        removed[i] = true;
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    fn site() -> Network {
        let mut internal = Actor::practitioner("q");
        internal.placement = crate::Placement::Internal;
        Network::from_parts(
            vec![
                Actor::practitioner("p"),
                internal,
                Actor::stakeholder("a"),
                Actor::stakeholder("b"),
            ],
            &[
                TieSpec::mutual("p", "a", 0.8),
                TieSpec::mutual("q", "a", 0.5),
                TieSpec::mutual("a", "b", 0.4),
            ],
        )
        .unwrap()
    }

    #[test]
    fn selections_name_actors_by_kind_and_role() {
        let mut coach = Actor::practitioner("c");
        coach.role = Some(" coach ".into());
        coach.placement = crate::Placement::Internal;
        let mut lead = Actor::stakeholder("l");
        lead.role = Some("coach".into());
        let net = Network::from_parts(
            vec![
                coach,
                lead,
                Actor::practitioner("p"),
                Actor::stakeholder("s"),
            ],
            &[TieSpec::mutual("c", "l", 0.5)],
        )
        .unwrap();
        let pick = |kind, role: Option<&str>| {
            let sel = ExitSelection {
                kind,
                role: role.map(str::to_string),
            };
            (sel.ids(&net), sel.to_string())
        };
        let (ids, text) = pick(Some(ActorKind::Practitioner), None);
        assert_eq!(
            (ids, text.as_str()),
            (vec!["c".into(), "p".into()], "practitioners")
        );
        let (ids, text) = pick(None, Some("coach"));
        assert_eq!(ids, ["c", "l"]);
        assert_eq!(text, "actors with the role \"coach\"");
        let (ids, _) = pick(Some(ActorKind::Stakeholder), Some("coach"));
        assert_eq!(ids, ["l"]);
        assert!(pick(None, Some("Coach")).0.is_empty());
    }

    #[test]
    fn ids_resolve_once_and_handover_froms_join_the_exit() {
        let net = site();
        let s = Scenario::resolve(
            &net,
            &ExitRequest {
                exit: Some(vec![" b ".into(), "".into()]),
                handovers: vec![Handover {
                    from: "q".into(),
                    to: "a".into(),
                    factor: 0.25,
                }],
            },
        )
        .unwrap();
        // Actors are sorted by id: a=0, b=1, p=2, q=3.
        assert_eq!(s.spec().exit, vec![1]);
        assert_eq!(s.exit_set(), vec![1, 3]);
        assert_eq!(s.removed(&net), vec![false, true, false, true]);
        assert_eq!(s.without_handovers().spec().exit, vec![1, 3]);
        assert!(!s.without_handovers().has_handovers());
        let default = Scenario::resolve(&net, &ExitRequest::default()).unwrap();
        assert_eq!(default.exit_set(), vec![2]);
    }

    #[test]
    fn bad_requests_say_what_is_wrong() {
        let net = site();
        let e = Scenario::resolve(&net, &ExitRequest::of(["nobody"])).unwrap_err();
        assert!(matches!(e, Error::UnknownActor { ref id, list: IdList::Exit } if id == "nobody"));
        let hand = |from: &str, to: &str, factor: f64| ExitRequest {
            exit: None,
            handovers: vec![Handover {
                from: from.into(),
                to: to.into(),
                factor,
            }],
        };
        assert!(matches!(
            Scenario::resolve(&net, &hand("q", "ghost", 0.5)).unwrap_err(),
            Error::UnknownActor {
                list: IdList::Handover,
                ..
            }
        ));
        assert!(matches!(
            Scenario::resolve(&net, &hand("q", "q", 0.5)).unwrap_err(),
            Error::HandoverToSelf { .. }
        ));
        assert!(matches!(
            Scenario::resolve(&net, &hand("q", "a", 1.5)).unwrap_err(),
            Error::HandoverFactor { .. }
        ));
    }
}

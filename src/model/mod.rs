//! The validated stakeholder network: actors, ties and the read-only graph the
//! metrics run on.
//!
//! A [`Network`] is built once, through [`NetworkBuilder`], and never changes
//! afterwards. The builder enforces every rule of docs/format.md that does
//! not depend on the CSV text (unique ids, ties between known actors, values in
//! range, no self-loops, no duplicate ties), so a `Network` cannot hold invalid
//! data whether it came from files or from code.
//!
//! Actors are stored in the order of their ids (byte order), and actor `i` is
//! node `i` of the graph: every per-actor vector a metric returns is therefore
//! already in the output order docs/format.md asks for.

mod actor;
mod builder;
mod network;
mod tie;

pub use actor::{Actor, ActorKind, Level, Placement};
pub use builder::{ModelError, NetworkBuilder};
pub use network::Network;
pub use tie::{DirectedTie, DuplicateTies, RelationshipType, Tie, TieSpec};

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

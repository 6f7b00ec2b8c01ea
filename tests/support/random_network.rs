//! Random networks for the property tests: every pair of actors gets no tie,
//! a mutual tie, a directed tie either way or two directed rows, with some
//! trusts rounded to 0 so that trust-0 ties appear.

use proptest::prelude::*;
use stakenet::{Actor, Network, Placement, TieSpec};

/// Per actor: practitioner?, internal?, group (mod 3), power in tenths.
pub type Kind = (bool, bool, u8, u8);
/// Per pair: none / mutual / one way / other way / both, two trusts.
pub type PairChoice = (u8, f64, f64);

/// The network of these actors and pair choices (cycled over the pairs).
pub fn build(kinds: &[Kind], pairs: &[PairChoice]) -> Network {
    let id = |i: usize| format!("n{i:03}");
    let actors = kinds
        .iter()
        .enumerate()
        .map(|(i, &(practitioner, internal, group, power))| {
            let mut a = if practitioner {
                Actor::practitioner(id(i))
            } else {
                Actor::stakeholder(id(i))
            };
            if practitioner && internal {
                a.placement = Placement::Internal;
            }
            a.group = ["A", "B", "C"][group as usize % 3].to_string();
            a.power = f64::from(power.min(10)) / 10.0;
            a
        })
        .collect();
    let mut ties = Vec::new();
    let mut k = 0;
    for u in 0..kinds.len() {
        for v in u + 1..kinds.len() {
            let (choice, t1, t2) = pairs[k % pairs.len()];
            k += 1;
            let t1 = if t1 < 0.1 { 0.0 } else { t1 };
            match choice {
                0 => ties.push(TieSpec::mutual(id(u), id(v), t1)),
                1 => ties.push(TieSpec::directed(id(u), id(v), t1)),
                2 => ties.push(TieSpec::directed(id(v), id(u), t1)),
                3 => {
                    ties.push(TieSpec::directed(id(u), id(v), t1));
                    ties.push(TieSpec::directed(id(v), id(u), t2));
                }
                _ => {}
            }
        }
    }
    Network::from_parts(actors, &ties).unwrap()
}

/// Networks of 2 to `max` − 1 actors (about `practitioners` of them
/// practitioners); pair choices drawn from `0..density` (5 and up leaves
/// pairs untied).
pub fn network(max: usize, density: u8, practitioners: f64) -> impl Strategy<Value = Network> {
    (
        prop::collection::vec(
            (
                prop::bool::weighted(practitioners),
                any::<bool>(),
                0u8..3,
                0u8..=10,
            ),
            2..max,
        ),
        prop::collection::vec((0u8..density, 0.0f64..=1.0, 0.0f64..=1.0), 1..64),
    )
        .prop_map(|(kinds, pairs)| build(&kinds, &pairs))
}

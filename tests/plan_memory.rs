//! `plan` holds |S|² path trusts: it says how much and refuses, with the
//! figures, where that exceeds the memory available.

use stakenet::metrics::plan::plan_memory;
use stakenet::metrics::ExitSpec;
use stakenet::{check_plan_memory, Actor, Error, Network};

fn stakeholders(n: usize) -> Network {
    let mut actors: Vec<Actor> = (0..n)
        .map(|i| Actor::stakeholder(format!("s{i}")))
        .collect();
    actors.push(Actor::practitioner("p"));
    Network::from_parts(actors, &[]).unwrap()
}

#[test]
fn plan_memory_is_four_square_matrices_of_eight_bytes() {
    assert_eq!(plan_memory(0), 0);
    assert_eq!(plan_memory(10), 3_200);
    assert_eq!(plan_memory(10_000), 3_200_000_000);
}

#[test]
fn a_plan_beyond_the_available_memory_is_refused_with_both_figures() {
    let net = stakeholders(1_000);
    let spec = ExitSpec::default_for(&net);
    // 1,000 stakeholders: 32,000,000 bytes.
    assert!(check_plan_memory(&net, &spec, Some(32_000_000)).is_ok());
    assert!(check_plan_memory(&net, &spec, None).is_ok());
    let err = check_plan_memory(&net, &spec, Some(10 * 1024 * 1024)).unwrap_err();
    assert!(matches!(
        err,
        Error::PlanMemory {
            stakeholders: 1_000,
            needed: 32_000_000,
            available: 10_485_760
        }
    ));
    let text = err.to_string();
    assert!(
        text.contains("1000 stakeholders need about 31 MiB"),
        "{text}"
    );
    assert!(text.contains("only 10 MiB is available"), "{text}");
}

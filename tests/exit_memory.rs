//! Issue 18, item 12: `exit` states what it would hold and refuses, with
//! the figures, where that exceeds the memory available; its memory grows
//! with the actors and arcs, not with actors × practitioners; and it
//! reports how far a long run has got.

use stakenet::metrics::exit::exit_memory;
use stakenet::metrics::{ExitSpec, Sample};
use stakenet::{check_exit_memory, exit_with_progress, Actor, Error, ExitRequest, Network};
use stakenet::{Progress, TieSpec};

/// `n` stakeholders, `p` external practitioners, no ties.
fn tieless(n: usize, p: usize) -> Network {
    let mut actors: Vec<Actor> = (0..n)
        .map(|i| Actor::stakeholder(format!("s{i:05}")))
        .collect();
    actors.extend((0..p).map(|i| Actor::practitioner(format!("p{i:03}"))));
    Network::from_parts(actors, &[]).unwrap()
}

#[test]
fn exit_memory_by_hand_on_a_tieless_network() {
    // 1,000 stakeholders and 1 practitioner, 2 threads, exact: the graph
    // 16·1001, the threads' buffers 2·71·1001, masks and flags 40·1001, S
    // 24·1000, the main rows 96·1000, one wave of rows for two scenarios
    // 2048·48·2, the report 256·1001.
    let net = tieless(1_000, 1);
    let spec = ExitSpec::default_for(&net);
    let expected = 16_016 + 142_142 + 40_040 + 24_000 + 96_000 + 196_608 + 256_256;
    assert_eq!(exit_memory(&net, &spec, true, None, 2), expected);
    // A sample of 10 sources keeps 10 rows for the main scenario and for
    // the practitioner's exit impact instead of 1,000.
    let sample = Some(Sample {
        sources: 10,
        seed: 1,
    });
    assert_eq!(
        exit_memory(&net, &spec, true, sample, 2),
        expected - 96_000 + 96 * 10 * 2
    );
}

#[test]
fn exit_memory_does_not_grow_with_actors_times_practitioners() {
    // 40 more practitioners add their actors' share and one wave of rows
    // each, not a |V|-long mask or a row per stakeholder each.
    let few = tieless(20_000, 1);
    let many = tieless(20_000, 41);
    let spec = |net: &Network| ExitSpec::default_for(net);
    let a = exit_memory(&few, &spec(&few), true, None, 2);
    let b = exit_memory(&many, &spec(&many), true, None, 2);
    let per_actor = 16 + 2 * 71 + 40 + 256;
    assert_eq!(b - a, 40 * per_actor + 40 * 2048 * 48);
}

#[test]
fn an_exit_beyond_the_available_memory_is_refused_with_the_figures() {
    let net = tieless(1_000, 1);
    let spec = ExitSpec::default_for(&net);
    let needed = exit_memory(&net, &spec, true, None, 2);
    assert!(check_exit_memory(&net, &spec, None, 2, Some(needed)).is_ok());
    let err = check_exit_memory(&net, &spec, None, 2, Some(100 * 1024)).unwrap_err();
    assert!(matches!(
        err,
        Error::ExitMemory {
            actors: 1_001,
            arcs: 0,
            threads: 2,
            needed: n,
            available: 102_400,
        } if n == needed
    ));
    let text = err.to_string();
    // 771,062 bytes and 102,400 bytes, in whole MiB.
    assert!(
        text.contains("1001 actors and 0 arcs on 2 threads need about 1 MiB"),
        "{text}"
    );
    assert!(text.contains("only 0 MiB is available"), "{text}");
    // The library names no command-line flag; `stakenet exit` adds the advice.
    assert!(!text.contains("--"), "{text}");
}

#[test]
fn exit_progress_counts_every_source() {
    let mut actors: Vec<Actor> = (0..30)
        .map(|i| Actor::stakeholder(format!("s{i:02}")))
        .collect();
    actors.push(Actor::practitioner("p"));
    let ties: Vec<TieSpec> = (0..30)
        .map(|i| TieSpec::mutual("p", format!("s{i:02}"), 0.5))
        .collect();
    let net = Network::from_parts(actors, &ties).unwrap();
    let request = ExitRequest::default();
    let progress = Progress::new();
    let report = exit_with_progress(&net, &request, None, &progress).unwrap();
    assert_eq!((progress.done(), progress.total()), (30, 30));
    assert_eq!(report, stakenet::exit(&net, &request).unwrap());
    let sample = Sample {
        sources: 7,
        seed: 3,
    };
    // A second run on the same counter adds its 7 sampled sources as a new
    // stage: the counter reads as one job of 30 + 7 sources, all done.
    exit_with_progress(&net, &request, Some(sample), &progress).unwrap();
    assert_eq!((progress.done(), progress.total()), (37, 37));
    let fresh = Progress::new();
    exit_with_progress(&net, &request, Some(sample), &fresh).unwrap();
    assert_eq!((fresh.done(), fresh.total()), (7, 7));
}

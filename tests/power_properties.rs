//! Properties of power and voice on random networks (proptest): an exit of
//! nobody changes nothing, a handover at factor 0 is the plain exit, a new
//! tie never lowers a voice, and the bits do not depend on the thread count.

use proptest::prelude::*;
use stakenet::metrics::exit::{ExitSpec, Handover};
use stakenet::metrics::power::{power, PowerMeasures, PowerRequest, Selection};
use stakenet::{Network, TieSpec};

#[path = "support/random_network.rs"]
mod random_network;

fn network(max: usize, density: u8) -> impl Strategy<Value = Network> {
    random_network::network(max, density, 0.25)
}

fn request(net: &Network, exit: Vec<usize>, handovers: Vec<Handover>) -> PowerRequest {
    PowerRequest {
        exit: ExitSpec { exit, handovers },
        ..PowerRequest::default_for(net)
    }
}

/// The figures that describe G′.
fn after(m: &PowerMeasures) -> String {
    let w = &m.voice;
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {}",
        w.voice_after,
        w.mean_voice_after,
        w.unheard_after,
        w.voice_lost,
        w.direct_contact_after,
        w.voice_brokerage_after,
        m.voices,
        w.connected_pairs_after
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn an_exit_of_nobody_keeps_every_voice(net in network(12, 10)) {
        let m = power(&net, &request(&net, vec![], vec![])).unwrap();
        let w = &m.voice;
        prop_assert_eq!(&w.voice_after, &w.voice_before);
        prop_assert_eq!(w.mean_voice_after, w.mean_voice_before);
        prop_assert_eq!(&w.unheard_after, &w.unheard_before);
        prop_assert!(w.voice_lost.is_empty());
        prop_assert_eq!(w.direct_contact_after, w.direct_contact_before);
        prop_assert_eq!(&w.voice_brokerage_after, &w.voice_brokerage);
        for (r, b) in w.voice_retained.iter().zip(&w.voice_before) {
            prop_assert_eq!(*r, b.filter(|&b| b > 0.0).map(|_| 1.0));
        }
        if let Some(m0) = w.mean_voice_before.filter(|&x| x > 0.0) {
            prop_assert_eq!(w.voice_sustainability, Some(m0 / m0));
        }
    }

    #[test]
    fn a_handover_at_factor_zero_is_the_plain_exit(
        net in network(12, 10), f in 0usize..12, t in 0usize..12
    ) {
        let (from, to) = (f % net.len(), t % net.len());
        prop_assume!(from != to);
        let plain = power(&net, &request(&net, vec![from], vec![])).unwrap();
        let h = Handover { from, to, factor: 0.0 };
        let handed = power(&net, &request(&net, vec![], vec![h])).unwrap();
        prop_assert_eq!(&plain.exit, &handed.exit);
        prop_assert_eq!(after(&plain), after(&handed));
        prop_assert_eq!(&plain.voice.voice_before, &handed.voice.voice_before);
    }

    #[test]
    fn adding_a_tie_never_lowers_any_voice(
        net in network(10, 12), u in 0usize..10, v in 0usize..10, t in 0.0f64..=1.0,
        directed in any::<bool>()
    ) {
        let (u, v) = (u % net.len(), v % net.len());
        prop_assume!(u != v);
        prop_assume!(!net.out_arcs(u).any(|(w, _)| w == v) && !net.in_arcs(u).any(|(w, _)| w == v));
        let base = power(&net, &PowerRequest::default_for(&net)).unwrap();
        let mut ties: Vec<TieSpec> = net.ties().iter().map(|x| TieSpec {
            source: net.actor(x.source).id.clone(),
            target: net.actor(x.target).id.clone(),
            trust: x.trust,
            communication: None,
            directed: x.directed,
            power: Some(x.power),
        }).collect();
        let (a, b) = (net.actor(u).id.clone(), net.actor(v).id.clone());
        ties.push(if directed { TieSpec::directed(a, b, t) } else { TieSpec::mutual(a, b, t) });
        let more_net = Network::from_parts(net.actors().to_vec(), &ties).unwrap();
        let more = power(&more_net, &PowerRequest::default_for(&more_net)).unwrap();
        prop_assert_eq!(&base.voices, &more.voices);
        for i in 0..net.len() {
            for (old, new) in [
                (base.voice.voice_before[i], more.voice.voice_before[i]),
                (base.voice.voice_after[i], more.voice.voice_after[i]),
            ] {
                prop_assert_eq!(old.is_some(), new.is_some());
                if let (Some(o), Some(n)) = (old, new) {
                    prop_assert!(n >= o, "actor {}: {} < {}", i, n, o);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Fixed chunks of voices, gathered in order: the same bits at 1 and 4
    /// threads, on networks large enough for several chunks.
    #[test]
    fn same_bits_at_one_and_four_threads(net in network(160, 30)) {
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| {
                let m = power(&net, &PowerRequest::default_for(&net)).unwrap();
                format!("{m:?}")
            })
        };
        prop_assert_eq!(run(1), run(4));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any request, sensible or not, gives figures or a refusal, never a
    /// panic; and when it gives figures, the shares are in [0, 1].
    #[test]
    fn any_request_is_answered_or_refused(
        net in network(10, 10),
        low in prop_oneof![Just(f64::NAN), -0.5f64..1.5],
        high in prop_oneof![Just(f64::INFINITY), -0.5f64..1.5],
        steep in prop_oneof![Just(f64::NAN), -0.5f64..2.5],
        named_v in prop::option::of(prop::collection::vec(0usize..12, 0..4)),
        named_d in prop::option::of(prop::collection::vec(0usize..12, 0..4)),
        exit in prop::collection::vec(0usize..12, 0..3),
    ) {
        let pick = |named: &Option<Vec<usize>>, t: f64| match named {
            Some(ids) => Selection::Named(ids.clone()),
            None => Selection::Threshold(t),
        };
        let req = PowerRequest {
            exit: ExitSpec { exit, handovers: vec![] },
            voices: pick(&named_v, low),
            decision_makers: pick(&named_d, high),
            steep,
        };
        if let Ok(m) = power(&net, &req) {
            let w = &m.voice;
            let unit = |x: &Option<f64>| x.map_or(true, |x| (0.0..=1.0).contains(&x));
            prop_assert!(w.voice_before.iter().all(unit));
            prop_assert!(w.voice_after.iter().all(unit));
            prop_assert!(w.voice_brokerage.iter().all(unit));
            prop_assert!(w.voice_brokerage_after.iter().all(unit));
            prop_assert!(unit(&w.direct_contact_before) && unit(&w.direct_contact_after));
            prop_assert!(unit(&m.steep.two_way_share));
            let stays = |&i: &usize| !net.actor(i).is_practitioner() && !m.exit.contains(&i);
            prop_assert!(m.voices.iter().chain(&m.decision_makers).all(stays));
        }
    }
}

//! Properties of sustainability after exit, handover and the exit plan on
//! random networks (proptest).

use proptest::prelude::*;
use stakenet::metrics::exit::{exit, exit_and_impact, ExitSpec, Handover};
use stakenet::metrics::{plan, successors};
use stakenet::{Network, Placement, TieSpec};

#[path = "support/random_network.rs"]
mod random_network;

fn network(max: usize, density: u8) -> impl Strategy<Value = Network> {
    random_network::network(max, density, 0.3)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn exiting_nobody_keeps_everything(net in network(10, 12)) {
        let m = exit(&net, &ExitSpec::default()).unwrap();
        if m.trusted_reach_before.is_some_and(|t| t > 0.0) {
            prop_assert_eq!(m.sustainability, Some(1.0));
        } else {
            prop_assert_eq!(m.sustainability, None);
        }
        prop_assert!(matches!(m.dependent_pairs, None | Some(0.0)));
        prop_assert!(m.stranded.is_empty() && m.group_bridges_lost.is_empty());
    }

    #[test]
    fn handover_at_factor_zero_is_the_plain_exit(net in network(10, 12), f in 0usize..10, t in 0usize..10) {
        let (from, to) = (f % net.len(), t % net.len());
        prop_assume!(from != to);
        let plain = exit(&net, &ExitSpec { exit: vec![from], handovers: vec![] }).unwrap();
        let h = Handover { from, to, factor: 0.0 };
        let handed = exit(&net, &ExitSpec { exit: vec![], handovers: vec![h] }).unwrap();
        prop_assert_eq!(&plain.exit, &handed.exit);
        prop_assert!(same(plain.trusted_reach_after, handed.trusted_reach_after));
        prop_assert!(same(plain.sustainability, handed.sustainability));
        prop_assert!(same(plain.reach_after, handed.reach_after));
        prop_assert!(same(plain.dependent_pairs, handed.dependent_pairs));
        prop_assert_eq!(&plain.stranded, &handed.stranded);
        prop_assert_eq!(&plain.group_bridges_lost, &handed.group_bridges_lost);
        for (a, b) in plain.trust_retained.iter().zip(&handed.trust_retained) {
            prop_assert!(same(*a, *b));
        }
    }

    #[test]
    fn adding_a_tie_never_lowers_trusted_reach(
        net in network(9, 14), u in 0usize..9, v in 0usize..9, t in 0.0f64..=1.0
    ) {
        let (u, v) = (u % net.len(), v % net.len());
        prop_assume!(u != v);
        prop_assume!(!net.out_arcs(u).any(|(w, _)| w == v) && !net.in_arcs(u).any(|(w, _)| w == v));
        let before = exit(&net, &ExitSpec::default()).unwrap();
        let mut ties: Vec<TieSpec> = net.ties().iter().map(|x| TieSpec {
            source: net.actor(x.source).id.clone(),
            target: net.actor(x.target).id.clone(),
            trust: x.trust,
            communication: None,
            directed: x.directed,
            power: None,
        }).collect();
        ties.push(TieSpec::mutual(net.actor(u).id.clone(), net.actor(v).id.clone(), t));
        let more = Network::from_parts(net.actors().to_vec(), &ties).unwrap();
        let after = exit(&more, &ExitSpec::default()).unwrap();
        if let (Some(a), Some(b)) = (before.trusted_reach_before, after.trusted_reach_before) {
            prop_assert!(b >= a * (1.0 - 1e-12), "{} < {}", b, a);
        }
    }

    #[test]
    fn plan_steps_gain_and_never_lose(net in network(12, 10), budget in 1usize..5) {
        let spec = ExitSpec::default_for(&net);
        let m = exit(&net, &spec).unwrap();
        let steps = plan(&net, &spec, budget).unwrap();
        prop_assert!(steps.len() <= budget);
        let mut prev = m.trusted_reach_after.unwrap_or(0.0);
        let mut prev_s = m.sustainability;
        for s in &steps {
            prop_assert!(s.gain >= 0.0, "gain {}", s.gain);
            prop_assert!(s.trusted_reach_after >= prev * (1.0 - 1e-12));
            if let (Some(a), Some(b)) = (prev_s, s.sustainability) {
                prop_assert!(b >= a * (1.0 - 1e-12));
            }
            prev = s.trusted_reach_after;
            prev_s = s.sustainability;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Fixed chunks and ordered reductions: the same bits at 1 and 4 threads,
    /// on networks large enough for several chunks.
    #[test]
    fn same_bits_at_one_and_four_threads(net in network(160, 40)) {
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| {
                let spec = ExitSpec::default_for(&net);
                let (m, impact) = exit_and_impact(&net, &spec, true).unwrap();
                let steps = plan(&net, &spec, 2).unwrap();
                let succ = successors(&net, &m.exit);
                format!("{m:?}{impact:?}{steps:?}{succ:?}")
            })
        };
        prop_assert_eq!(run(1), run(4));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The successor search skips candidates by an upper bound on their gain;
    /// it must pick what trying every handover through `exit` picks.
    #[test]
    fn successor_search_matches_trying_every_handover(net in network(40, 8)) {
        let spec = ExitSpec::default_for(&net);
        let m = exit(&net, &spec).unwrap();
        let succ = successors(&net, &m.exit);
        let practitioners: Vec<usize> =
            m.exit.iter().copied().filter(|&p| net.actor(p).is_practitioner()).collect();
        prop_assert_eq!(succ.len(), practitioners.len());
        for (s, &p) in succ.iter().zip(&practitioners) {
            prop_assert_eq!(s.practitioner, p);
            let mut best: Option<(usize, f64)> = None;
            for c in (0..net.len()).filter(|&c| {
                net.actor(c).placement == Placement::Internal && !m.exit.contains(&c)
            }) {
                let h = Handover { from: p, to: c, factor: 0.5 };
                let tried = exit(&net, &ExitSpec { exit: m.exit.clone(), handovers: vec![h] }).unwrap();
                let Some(v) = tried.sustainability else { continue };
                if best.map_or(true, |(_, b)| v > b && !close(v, b)) {
                    best = Some((c, v));
                }
            }
            prop_assert_eq!(s.successor, best.map(|b| b.0));
            prop_assert!(same(s.sustainability, best.map(|b| b.1)));
        }
    }
}

//! Power and voice on small networks worked out by hand (the contract's
//! "Power and voice" section), and the requests the library refuses.

use stakenet::metrics::exit::{ExitSpec, Handover};
use stakenet::metrics::power::{power, PowerError, PowerMeasures, PowerRequest, Role, Selection};
use stakenet::{Actor, Network, TieSpec};

fn actor(id: &str, power: f64) -> Actor {
    let mut a = Actor::stakeholder(id);
    a.power = power;
    a
}

fn practitioner(id: &str, power: f64) -> Actor {
    let mut a = Actor::practitioner(id);
    a.power = power;
    a
}

fn run(net: &Network) -> PowerMeasures {
    power(net, &PowerRequest::default_for(net)).unwrap()
}

fn ix(net: &Network, id: &str) -> usize {
    net.index_of(id).unwrap()
}

#[test]
fn a_voice_whose_only_line_runs_through_the_exiting_practitioner() {
    // v (0.1) – isp (external) – d (0.9), trust 0.5 and 0.8.
    // Before: pt(v, d) = 0.5 × 0.8 = 0.4, the only v → d path runs through
    // isp, so isp's voice_brokerage is 1 (one connected pair, one path).
    // After: isp leaves, v reaches nobody: voice_after 0, voice lost, no pair
    // connected, so every voice_brokerage_after is null.
    let net = Network::from_parts(
        vec![actor("v", 0.1), practitioner("isp", 0.5), actor("d", 0.9)],
        &[
            TieSpec::mutual("v", "isp", 0.5),
            TieSpec::mutual("isp", "d", 0.8),
        ],
    )
    .unwrap();
    let m = run(&net);
    let (v, d, isp) = (ix(&net, "v"), ix(&net, "d"), ix(&net, "isp"));
    assert_eq!(m.exit, [isp]);
    assert_eq!(
        (m.voices.as_slice(), m.decision_makers.as_slice()),
        (&[v][..], &[d][..])
    );
    let w = &m.voice;
    assert_eq!(w.voice_before[v], Some(0.5 * 0.8));
    assert_eq!(w.voice_after[v], Some(0.0));
    assert_eq!(w.voice_retained[v], Some(0.0));
    assert_eq!(w.line_to[v], Some(d));
    assert_eq!(w.voice_before[d], None);
    assert_eq!(
        (w.mean_voice_before, w.mean_voice_after),
        (Some(0.4), Some(0.0))
    );
    assert_eq!(w.voice_sustainability, Some(0.0));
    assert_eq!(w.unheard_before, Vec::<usize>::new());
    assert_eq!(
        (w.unheard_after.as_slice(), w.voice_lost.as_slice()),
        (&[v][..], &[v][..])
    );
    // d has no tie with v in either graph.
    assert_eq!(
        (w.direct_contact_before, w.direct_contact_after),
        (Some(0.0), Some(0.0))
    );
    assert_eq!((w.connected_pairs_before, w.connected_pairs_after), (1, 0));
    assert_eq!(w.voice_brokerage[isp], Some(1.0));
    assert_eq!(w.voice_brokerage[v], Some(0.0));
    assert_eq!(w.voice_brokerage[d], Some(0.0));
    assert!(w.voice_brokerage_after.iter().all(Option::is_none));
}

#[test]
fn equal_trust_lines_to_two_decision_makers_go_to_the_lowest_id() {
    // v – d2 directly at 0.03; v – a – d1 at 0.1 × 0.3, which is
    // 0.030000000000000002 in floating point: equal within 1e-12, so the
    // line goes to the lower id, d1, though d1's product is larger by a bit
    // and d2 was reached first. With d1's route at 0.2 × 0.3 it wins outright.
    let build = |first: f64| {
        Network::from_parts(
            vec![
                actor("v", 0.2),
                actor("a", 0.5),
                actor("d1", 0.8),
                actor("d2", 0.8),
            ],
            &[
                TieSpec::mutual("v", "a", first),
                TieSpec::mutual("a", "d1", 0.3),
                TieSpec::mutual("v", "d2", 0.03),
            ],
        )
        .unwrap()
    };
    let net = build(0.1);
    let m = run(&net);
    let v = ix(&net, "v");
    assert_eq!(m.voice.voice_before[v], Some(0.1 * 0.3));
    assert_eq!(m.voice.line_to[v], Some(ix(&net, "d1")));
    // The v → d2 line is the direct tie, rerouted nowhere: d1's line runs
    // through a, so a carries one of the two pairs: 1/2.
    assert_eq!(m.voice.voice_brokerage[ix(&net, "a")], Some(0.5));
    let net = build(0.2);
    let m = run(&net);
    assert_eq!(m.voice.voice_before[v], Some(0.2 * 0.3));
    assert_eq!(m.voice.line_to[v], Some(ix(&net, "d1")));
    // d2 reached at exactly equal trust from a lower-id decision-maker:
    // both lines at 0.5.
    let net = Network::from_parts(
        vec![actor("v", 0.2), actor("b", 0.8), actor("c", 0.8)],
        &[
            TieSpec::mutual("v", "c", 0.5),
            TieSpec::mutual("v", "b", 0.5),
        ],
    )
    .unwrap();
    assert_eq!(run(&net).voice.line_to[ix(&net, "v")], Some(ix(&net, "b")));
}

#[test]
fn a_directed_network_where_v_reaches_d_but_not_back() {
    // v → d (0.6) only; d → u (0.9) only. v has a line (0.6); u, whom d
    // trusts, has none (the arc runs the wrong way): unheard. One connected
    // pair, (v, d), on a direct arc: nobody brokers.
    let net = Network::from_parts(
        vec![actor("d", 0.9), actor("u", 0.2), actor("v", 0.2)],
        &[
            TieSpec::directed("v", "d", 0.6),
            TieSpec::directed("d", "u", 0.9),
        ],
    )
    .unwrap();
    let m = run(&net);
    let (d, u, v) = (ix(&net, "d"), ix(&net, "u"), ix(&net, "v"));
    let w = &m.voice;
    assert_eq!(w.voice_before[v], Some(0.6));
    assert_eq!(w.voice_before[u], Some(0.0));
    assert_eq!(w.line_to[v], Some(d));
    assert_eq!(w.line_to[u], None);
    assert_eq!(w.voice_retained[u], None);
    assert_eq!(w.unheard_before, [u]);
    assert_eq!(w.mean_voice_before, Some(0.3));
    // d is tied to both voices (either direction counts).
    assert_eq!(w.direct_contact_before, Some(1.0));
    assert_eq!(w.connected_pairs_before, 1);
    assert_eq!(w.voice_brokerage, vec![Some(0.0); 3]);
    // No practitioner: nothing exits, nothing changes.
    assert_eq!(w.voice_after, w.voice_before);
    assert_eq!(w.voice_brokerage_after, w.voice_brokerage);
}

#[test]
fn a_steep_pair_given_as_two_directed_rows_with_different_trust() {
    // boss (0.9) → worker (0.2) trust 0.3; worker → boss trust 0.8.
    // δ(boss → worker) = mean(0.9 − 0.2, −(0.2 − 0.9)) = 0.7: steep, boss
    // higher. Upward (worker → boss) 0.8, downward 0.3, two-way.
    let net = Network::from_parts(
        vec![actor("boss", 0.9), actor("worker", 0.2)],
        &[
            TieSpec::directed("boss", "worker", 0.3),
            TieSpec::directed("worker", "boss", 0.8),
        ],
    )
    .unwrap();
    let s = run(&net).steep;
    assert_eq!(s.steep_ties, 1);
    assert_eq!((s.upward_trust, s.downward_trust), (Some(0.8), Some(0.3)));
    assert_eq!(s.two_way_share, Some(1.0));
    assert_eq!(s.pairs[0].higher, ix(&net, "boss"));

    // Rows with their own differentials: boss → worker says 0.4, worker →
    // boss says −0.2 (boss holds 0.2 more from where worker stands): the
    // mean oriented boss → worker is (0.4 + 0.2) / 2 = 0.3, steep at 0.3
    // (within 1e-9). A one-way pair (trust 0 back) is steep but not two-way.
    let mut down = TieSpec::directed("boss", "worker", 0.3);
    down.power = Some(0.4);
    let mut up = TieSpec::directed("worker", "boss", 0.0);
    up.power = Some(-0.2);
    let net =
        Network::from_parts(vec![actor("boss", 0.5), actor("worker", 0.5)], &[down, up]).unwrap();
    let s = run(&net).steep;
    assert_eq!(s.steep_ties, 1);
    assert_eq!((s.upward_trust, s.downward_trust), (Some(0.0), Some(0.3)));
    assert_eq!(s.two_way_share, Some(0.0));
}

#[test]
fn a_differential_of_0_7_minus_0_4_is_steep_at_0_3() {
    // 0.7 − 0.4 = 0.29999999999999993 in floating point: within 1e-9 of 0.3.
    let net = Network::from_parts(
        vec![actor("a", 0.7), actor("b", 0.4), actor("c", 0.4)],
        &[
            TieSpec::mutual("a", "b", 0.6),
            TieSpec::mutual("b", "c", 0.9),
        ],
    )
    .unwrap();
    let (hi, lo) = (net.actor(0).power, net.actor(1).power);
    assert!(hi - lo < 0.3, "the gap is below 0.3 in floating point");
    let s = run(&net).steep;
    assert_eq!(s.steep_ties, 1, "b–c has no gap; a–b reaches 0.3");
    assert_eq!((s.upward_trust, s.downward_trust), (Some(0.6), Some(0.6)));
    let mut req = PowerRequest::default_for(&net);
    req.steep = 0.31;
    let s = power(&net, &req).unwrap().steep;
    assert_eq!(
        (s.steep_ties, s.upward_trust, s.two_way_share),
        (0, None, None)
    );
}

#[test]
fn empty_voices_or_decision_makers_give_null_figures() {
    let net = Network::from_parts(
        vec![actor("a", 0.5), actor("b", 0.5), actor("c", 0.9)],
        &[
            TieSpec::mutual("a", "b", 0.6),
            TieSpec::mutual("b", "c", 0.9),
        ],
    )
    .unwrap();
    // Nobody at power ≤ 0.3: V is empty.
    let m = run(&net);
    assert!(m.voices.is_empty());
    assert_eq!(m.decision_makers, [ix(&net, "c")]);
    let nothing = |m: &PowerMeasures| {
        let w = &m.voice;
        assert_eq!(w.mean_voice_before, None);
        assert_eq!(w.mean_voice_after, None);
        assert_eq!(w.voice_sustainability, None);
        assert_eq!(w.direct_contact_before, None);
        assert_eq!(w.direct_contact_after, None);
        assert!(w.unheard_before.is_empty() && w.unheard_after.is_empty());
        assert!(w.voice_lost.is_empty());
        assert!(w.voice_before.iter().all(Option::is_none));
        assert!(w.voice_brokerage.iter().all(Option::is_none));
        assert!(w.voice_brokerage_after.iter().all(Option::is_none));
    };
    nothing(&m);
    // D empty.
    let mut req = PowerRequest::default_for(&net);
    req.voices = Selection::Named(vec![ix(&net, "a")]);
    req.decision_makers = Selection::Threshold(0.95);
    let m = power(&net, &req).unwrap();
    assert!(m.decision_makers.is_empty());
    nothing(&m);
    // V = D = {c}: no pair (v, d) with v ≠ d.
    req.voices = Selection::Named(vec![ix(&net, "c")]);
    req.decision_makers = Selection::Named(vec![ix(&net, "c")]);
    nothing(&power(&net, &req).unwrap());
    // The steep figures do not depend on V and D: a–b has no gap, b–c 0.4.
    assert_eq!(m.steep.steep_ties, 1);
}

#[test]
fn a_handover_gives_the_voice_a_line_through_the_champion() {
    // v – isp (0.5), isp – d (0.8); champion (internal practitioner) tied
    // only to d (0.9). Handover isp=champion:0.5 copies v–isp to
    // v–champion at 0.25; isp's tie to d is kept as champion's own 0.9
    // (higher than 0.4). After: v – champion – d = 0.25 × 0.9 = 0.225.
    let mut champion = practitioner("champion", 0.5);
    champion.placement = stakenet::Placement::Internal;
    let net = Network::from_parts(
        vec![
            actor("v", 0.1),
            practitioner("isp", 0.5),
            champion,
            actor("d", 0.9),
        ],
        &[
            TieSpec::mutual("v", "isp", 0.5),
            TieSpec::mutual("isp", "d", 0.8),
            TieSpec::mutual("champion", "d", 0.9),
        ],
    )
    .unwrap();
    let (v, isp, ch) = (ix(&net, "v"), ix(&net, "isp"), ix(&net, "champion"));
    let mut req = PowerRequest::default_for(&net);
    req.exit = ExitSpec {
        exit: vec![],
        handovers: vec![Handover {
            from: isp,
            to: ch,
            factor: 0.5,
        }],
    };
    let m = power(&net, &req).unwrap();
    assert_eq!(m.exit, [isp]);
    let w = &m.voice;
    assert_eq!(w.voice_before[v], Some(0.4));
    assert_eq!(w.voice_after[v], Some(0.25 * 0.9));
    assert!(w.voice_lost.is_empty());
    assert_eq!(w.voice_brokerage_after[ch], Some(1.0));
    assert_eq!(w.voice_brokerage_after[isp], None);
    assert_eq!(w.voice_brokerage[ch], Some(0.0));
}

#[test]
fn refused_requests_name_the_problem() {
    let net = Network::from_parts(
        vec![actor("a", 0.2), practitioner("isp", 0.5), actor("d", 0.9)],
        &[
            TieSpec::mutual("a", "isp", 0.5),
            TieSpec::mutual("isp", "d", 0.8),
        ],
    )
    .unwrap();
    let (a, isp, d) = (ix(&net, "a"), ix(&net, "isp"), ix(&net, "d"));
    let with = |f: &dyn Fn(&mut PowerRequest)| {
        let mut req = PowerRequest::default_for(&net);
        f(&mut req);
        power(&net, &req).unwrap_err()
    };
    let e = with(&|r| r.voices = Selection::Named(vec![isp]));
    assert!(matches!(
        &e,
        stakenet::Error::Power(PowerError::NotAStayingStakeholder {
            role: Role::Voice,
            id,
            why: "is a practitioner"
        }) if id == "isp"
    ));
    assert!(e.to_string().contains("voice \"isp\" is a practitioner"));
    let e = with(&|r| {
        r.exit.exit = vec![a];
        r.voices = Selection::Named(vec![a]);
    });
    assert!(e.to_string().starts_with("voice \"a\" exits"), "{e}");
    let e = with(&|r| {
        r.exit.exit = vec![d];
        r.decision_makers = Selection::Named(vec![d]);
    });
    assert!(
        e.to_string().starts_with("decision-maker \"d\" exits"),
        "{e}"
    );
    for (low, high) in [
        (0.7, 0.7),
        (0.8, 0.7),
        (-0.1, 0.7),
        (0.3, 1.5),
        (f64::NAN, 0.7),
    ] {
        let e = with(&|r| {
            r.voices = Selection::Threshold(low);
            r.decision_makers = Selection::Threshold(high);
        });
        assert!(
            matches!(e, stakenet::Error::Power(PowerError::Thresholds { .. })),
            "{low} {high}: {e}"
        );
    }
    for steep in [0.0, -0.3, f64::NAN, f64::INFINITY] {
        let e = with(&|r| r.steep = steep);
        assert!(
            matches!(e, stakenet::Error::Power(PowerError::Steep { .. })),
            "{steep}: {e}"
        );
    }
    // A named voice is fine with a threshold that would clash with the default.
    let ok = {
        let mut req = PowerRequest::default_for(&net);
        req.voices = Selection::Named(vec![a]);
        req.decision_makers = Selection::Threshold(0.2);
        power(&net, &req).unwrap()
    };
    assert_eq!(ok.decision_makers, [a, d]);
}

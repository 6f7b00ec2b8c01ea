//! Whatever loads goes through every report: analyze, exit (default exit,
//! and a handover), plan, power, compare (with the map after the handover as
//! a second wave), the validate summary and DOT (plain, exit and power
//! views), in every format. No
//! panic, no NaN or infinity in any output, JSON that parses back, tables
//! free of control characters, and a plain exit's sustainability in [0, 1].
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use stakenet::io::{read, LoadOptions};
use stakenet::metrics::exit::{exit_and_impact, ExitSpec, Handover};
use stakenet::metrics::{
    plan, successor_ranking, CentralityOptions, Distance, Progress, SuccessorSearch,
};
use stakenet::compare::{change_overlay, compare, CompareOptions};
use stakenet::metrics::power::{power, PowerRequest};
use stakenet::render::dot::{
    power_overlay, to_dot, to_graph, DotOptions, DotOverlay, NodeScores, SizeBy,
};
use stakenet::render::{render, Format, Tabular};
use stakenet::{ActorKind, Network};

mod split;

/// Beyond this the metrics' cost, not new code, dominates each run.
const MAX_ACTORS: usize = 48;

fn check_all_formats<R: Tabular>(report: &R) {
    let table = String::from_utf8(render(report, Format::Table)).expect("tables are UTF-8");
    assert!(
        !table.chars().any(|c| c.is_control() && c != '\n'),
        "control character in the table:\n{table}"
    );
    let json = render(report, Format::Json);
    let value: serde_json::Value = serde_json::from_slice(&json).expect("JSON parses back");
    assert_eq!(value, serde_json::to_value(report).unwrap());
    String::from_utf8(render(report, Format::Csv)).expect("CSV is UTF-8");
    finite(&value);
}

/// Every number in a JSON value is finite (serde_json writes NaN as null,
/// so this also guards against a float that was meant to be a number).
fn finite(v: &serde_json::Value) {
    match v {
        serde_json::Value::Number(n) => {
            if let Some(x) = n.as_f64() {
                assert!(x.is_finite(), "{x}");
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(finite),
        serde_json::Value::Object(map) => map.values().for_each(finite),
        _ => {}
    }
}

fn in_unit(x: Option<f64>, what: &str) {
    if let Some(x) = x {
        assert!((0.0..=1.0).contains(&x), "{what} = {x}");
    }
}

fn exercise(net: &Network) {
    check_all_formats(&stakenet::report::analyze(net));
    let hops = CentralityOptions {
        distance: Distance::Hops,
        betweenness_sample: None,
    };
    check_all_formats(&stakenet::report::analyze_with(net, &hops));
    let summary = stakenet::render::reports::validate::summary(
        &stakenet::report::validate::validate(net),
    );
    assert!(
        !summary.chars().any(|c| c.is_control() && c != '\n'),
        "{summary:?}"
    );

    let spec = ExitSpec::default_for(net);
    let (m, impact) = exit_and_impact(net, &spec, true).expect("the default exit is valid");
    for x in [
        m.reach_before,
        m.reach_after,
        m.fragmentation_after,
        m.trusted_reach_before,
        m.trusted_reach_after,
        m.sustainability,
        m.dependent_pairs,
    ] {
        in_unit(x, "exit measure");
    }
    for &x in m.trust_retained.iter().chain(&impact) {
        in_unit(x, "trust_retained / exit_impact");
    }
    check_all_formats(&stakenet::report::exit(net, &spec, &m, &impact, None));

    let steps = plan(net, &spec, 2).expect("plan on the default exit");
    let succ = successor_ranking(net, &m.exit, &SuccessorSearch::default(), &Progress::new());
    check_all_formats(&stakenet::report::plan(net, &spec, &m, 2, &steps, &succ));

    // A handover from the first exiting practitioner to the first stakeholder
    // who stays.
    let from = m.exit.first().copied();
    let to = (0..net.len()).find(|&i| net.actor(i).kind == ActorKind::Stakeholder);
    if let (Some(from), Some(to)) = (from, to) {
        // The map after the handover as a second wave: compare, both ways,
        // and its change view.
        let h = Handover {
            from,
            to,
            factor: 0.5,
        };
        let later = stakenet::metrics::exit::handover(net, &h).expect("a valid handover");
        let options = CompareOptions::default();
        let c = compare(net, &later, &options).expect("waves compare");
        check_all_formats(&c);
        let back = compare(&later, net, &options).expect("waves compare");
        assert_eq!(c.summary.ties_formed, back.summary.ties_dissolved);
        let (drawn, ov) = change_overlay(net, &later, &c).expect("a change view");
        let options = DotOptions::default();
        let scores = NodeScores::of(&drawn, options.size_by, &CentralityOptions::default());
        let dot = to_dot(&drawn, &options, &scores, Some(&ov));
        let parsed = graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
        assert_eq!(parsed, to_graph(&drawn, &options, &scores, Some(&ov)));

        let spec = ExitSpec {
            exit: spec.exit.clone(),
            handovers: vec![Handover {
                from,
                to,
                factor: 0.5,
            }],
        };
        let (h, impact) = exit_and_impact(net, &spec, false).expect("a valid handover");
        check_all_formats(&stakenet::report::exit(
            net,
            &spec,
            &h,
            &impact,
            Some(m.sustainability),
        ));
    }

    let overlay = DotOverlay {
        exiting: m.exit.clone(),
        stranded: m.stranded.clone(),
        lost_group_bridges: m.group_bridges_lost.clone(),
        handed_over: Vec::new(),
        proposed: steps.iter().map(|s| (s.a, s.b, s.trust)).collect(),
        title: Some("fuzz".to_string()),
        power: None,
        change: None,
    };
    // Power and voice at the default thresholds and exit: every format, and
    // the values that are shares stay in [0, 1].
    let request = PowerRequest::default_for(net);
    let pm = power(net, &request).expect("the default power request is valid");
    let w = &pm.voice;
    for &x in w.voice_before.iter().chain(&w.voice_after).chain(&w.voice_brokerage) {
        in_unit(x, "voice / voice_brokerage");
    }
    for x in [w.mean_voice_before, w.direct_contact_before, pm.steep.two_way_share] {
        in_unit(x, "power summary");
    }
    check_all_formats(&stakenet::report::power(net, &request, &pm));
    let power_view = power_overlay(net, &pm, true, &[]);
    for (ov, size_by) in [
        (None, SizeBy::Betweenness),
        (Some(&overlay), SizeBy::Pagerank),
        (Some(&power_view), SizeBy::Power),
    ] {
        let options = DotOptions {
            size_by,
            ..DotOptions::default()
        };
        let scores = NodeScores::of(net, options.size_by, &CentralityOptions::default());
        let dot = to_dot(net, &options, &scores, ov);
        // No label can end a string or add a statement: the text parses back
        // to the very graph that was printed.
        let parsed = graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
        assert_eq!(parsed, to_graph(net, &options, &scores, ov));
    }
}

fuzz_target!(|data: &[u8]| {
    let (nodes, edges) = split::split(data);
    let Ok(net) = read(
        Path::new("nodes.csv"),
        nodes,
        Path::new("edges.csv"),
        edges,
        &LoadOptions::default(),
    ) else {
        return;
    };
    if net.len() > MAX_ACTORS {
        return;
    }
    exercise(&net);
});

//! Properties of every metric the reports reach (`report::analyze`, the exit
//! report with its impacts and handover, the plan, and DOT), on random
//! networks read through the loader:
//! - no panic, and every value finite or null (checked on the structs: JSON
//!   would hide a NaN as null);
//! - a plain exit's measures in [0, 1];
//! - the same results whatever the actors are called and whatever the order
//!   of the rows;
//! - the same bits at 1 and 4 threads.

use std::path::Path;

mod common;
use common::to_dot;

use proptest::prelude::*;
use serde_json::Value;
use stakenet::io::{read, LoadOptions};
use stakenet::metrics::centrality::Sample;
use stakenet::metrics::exit::{exit_and_impact, ExitSpec, Handover};
use stakenet::metrics::{
    plan, successor_ranking, successors, CentralityOptions, Distance, Progress, SuccessorSearch,
};
use stakenet::render::dot::{DotOptions, SizeBy};
use stakenet::render::{render, Format};
use stakenet::{ActorKind, Network};

/// One unordered pair: (u, v, shape 0..4: mutual, u→v, v→u, both ways;
/// trust 0..=20, the other direction's trust, communication 0..5, tie power
/// -10..=10 or none).
type Pair = (usize, usize, u8, u8, u8, u8, Option<i8>);

/// A random network as rows of its two files.
#[derive(Debug, Clone)]
struct Spec {
    /// (kind/placement 0..4, group 0..4, power 0..=10) per actor.
    actors: Vec<(u8, u8, u8)>,
    /// Pairs with ties, each pair once.
    pairs: Vec<Pair>,
}

fn spec(max_actors: usize, max_pairs: usize) -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec((0u8..4, 0u8..4, 0u8..=10), 2..max_actors),
        prop::collection::vec(
            (
                any::<usize>(),
                any::<usize>(),
                0u8..4,
                0u8..=20,
                0u8..=20,
                0u8..5,
                prop::option::of(-10i8..=10),
            ),
            0..max_pairs,
        ),
    )
        .prop_map(|(actors, raw)| {
            let n = actors.len();
            let mut seen = std::collections::HashSet::new();
            let pairs = raw
                .into_iter()
                .map(|(u, v, s, t1, t2, c, p)| (u % n, v % n, s, t1, t2, c, p))
                .filter(|&(u, v, ..)| u != v && seen.insert((u.min(v), u.max(v))))
                .collect();
            Spec { actors, pairs }
        })
}

/// nodes.csv and edges.csv rows (headers apart) with `name(i)` for ids.
fn rows(spec: &Spec, name: &dyn Fn(usize) -> String) -> (Vec<String>, Vec<String>) {
    let nodes = spec
        .actors
        .iter()
        .enumerate()
        .map(|(i, &(kind, group, power))| {
            let (kind, placement) = match kind {
                0 => ("practitioner", "external"),
                1 => ("practitioner", "internal"),
                2 => ("stakeholder", "internal"),
                _ => ("stakeholder", "external"),
            };
            let group = ["", "G1", "G2", "G3"][group as usize];
            format!(
                "{},{kind},{placement},{group},{}",
                name(i),
                f64::from(power) / 10.0
            )
        })
        .collect();
    let mut edges = Vec::new();
    for &(u, v, shape, t1, t2, c, p) in &spec.pairs {
        let trust = |t: u8| f64::from(t) / 20.0;
        let power = p.map_or(String::new(), |p| (f64::from(p) / 10.0).to_string());
        let row = |a: usize, b: usize, t: u8, directed: bool| {
            format!(
                "{},{},{},{c},{directed},{power}",
                name(a),
                name(b),
                trust(t)
            )
        };
        match shape {
            0 => edges.push(row(u, v, t1, false)),
            1 => edges.push(row(u, v, t1, true)),
            2 => edges.push(row(v, u, t1, true)),
            _ => {
                edges.push(row(u, v, t1, true));
                edges.push(row(v, u, t2, true));
            }
        }
    }
    (nodes, edges)
}

fn load(nodes: &[String], edges: &[String]) -> Network {
    let nodes = format!("id,kind,placement,group,power\n{}\n", nodes.join("\n"));
    let edges = format!(
        "source,target,trust,communication,directed,power\n{}\n",
        edges.join("\n")
    );
    read(
        Path::new("nodes.csv"),
        nodes.as_bytes(),
        Path::new("edges.csv"),
        edges.as_bytes(),
        &LoadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}\n{nodes}\n{edges}"))
}

fn id(i: usize) -> String {
    format!("n{i:03}")
}

/// A deterministic shuffle (xorshift) of a list.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

/// Everything the reports say about a network, as JSON values: analyze
/// (tie length 1/trust, hops, and betweenness from sampled sources), the
/// default exit with impacts, a handover, and a plan of two steps. The
/// handover, the sample and the plan depend on id order (the stakeholder
/// with the lowest id, sources drawn by index, equal gains broken by id), so
/// they come last, after [`BY_NAME`] reports that renaming only permutes.
fn reports(net: &Network) -> Vec<Value> {
    let json = |bytes: Vec<u8>| serde_json::from_slice::<Value>(&bytes).unwrap();
    let hops = CentralityOptions {
        distance: Distance::Hops,
        betweenness_sample: None,
    };
    let sampled = CentralityOptions {
        distance: Distance::Inverse,
        betweenness_sample: Some(Sample {
            sources: 5,
            seed: 7,
        }),
    };
    let mut out = vec![
        json(render(&stakenet::report::analyze(net), Format::Json)),
        json(render(
            &stakenet::report::analyze_with(net, &hops),
            Format::Json,
        )),
    ];
    let spec = ExitSpec::default_for(net);
    let (m, impact) = exit_and_impact(net, &spec, true).unwrap();
    out.push(json(render(
        &stakenet::report::exit(net, &spec, &m, &impact, None),
        Format::Json,
    )));
    out.push(json(render(
        &stakenet::report::analyze_with(net, &sampled),
        Format::Json,
    )));
    if let Some(h) = handover(net) {
        let hspec = ExitSpec {
            exit: spec.exit.clone(),
            handovers: vec![h],
        };
        let (hm, himpact) = exit_and_impact(net, &hspec, false).unwrap();
        out.push(json(render(
            &stakenet::report::exit(net, &hspec, &hm, &himpact, Some(m.sustainability)),
            Format::Json,
        )));
    }
    let steps = plan(net, &spec, 2).unwrap();
    let succ = successor_ranking(net, &m.exit, &SuccessorSearch::default(), &Progress::new());
    out.push(json(render(
        &stakenet::report::plan(net, &spec, &m, 2, &steps, &succ),
        Format::Json,
    )));
    out
}

/// From the first external practitioner to the stakeholder with the lowest
/// id (by name, so the same pair under any row order).
fn handover(net: &Network) -> Option<Handover> {
    let from = ExitSpec::default_for(net).exit.first().copied()?;
    let to = (0..net.len()).find(|&i| net.actor(i).kind == ActorKind::Stakeholder)?;
    Some(Handover {
        from,
        to,
        factor: 0.5,
    })
}

/// How many of [`reports`] renaming only permutes.
const BY_NAME: usize = 3;

fn finite(x: f64, what: &str) {
    assert!(x.is_finite(), "{what} = {x}");
}

fn unit(x: Option<f64>, what: &str) {
    if let Some(x) = x {
        assert!((0.0..=1.0).contains(&x), "{what} = {x}");
    }
}

/// Every value the report structs hold is finite or `None`; a plain exit's
/// shares are in [0, 1].
fn check_values(net: &Network) {
    for distance in [Distance::Inverse, Distance::Hops] {
        let options = CentralityOptions {
            distance,
            betweenness_sample: None,
        };
        check_analyze(&stakenet::report::analyze_with(net, &options));
    }
    for size_by in [
        SizeBy::Power,
        SizeBy::Degree,
        SizeBy::Strength,
        SizeBy::Constraint,
        SizeBy::EffectiveSize,
        SizeBy::Brokerage,
        SizeBy::Betweenness,
        SizeBy::Pagerank,
    ] {
        let options = DotOptions {
            size_by,
            ..DotOptions::default()
        };
        let text = to_dot(net, &options, None);
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    }
    check_exit(net);
}

fn check_analyze(a: &stakenet::report::AnalyzeReport) {
    unit(a.network.practitioner_dependency, "practitioner_dependency");
    let n = &a.network.overview;
    for x in [
        n.density,
        n.mean_trust,
        n.mean_communication,
        n.mean_power_differential,
        n.reciprocity,
        n.trust_asymmetry,
    ]
    .into_iter()
    .flatten()
    {
        finite(x, "network figure");
    }
    for r in &n.relationship_types {
        for x in [
            r.mean_trust,
            r.mean_communication,
            r.mean_power_differential,
        ]
        .into_iter()
        .flatten()
        {
            finite(x, "relationship figure");
        }
    }
    for r in &a.actors {
        finite(r.ties.strength, "strength");
        for x in [r.betweenness, r.closeness, r.harmonic, r.pagerank] {
            finite(x, &format!("{}: centrality", r.identity.id));
            assert!(x >= 0.0, "{}: centrality {x}", r.identity.id);
        }
        unit(r.stakeholder_betweenness, "stakeholder_betweenness");
        unit(r.practitioner_share, "practitioner_share");
        finite(r.power, "power");
        for x in [
            r.ties.mean_trust_given,
            r.ties.mean_trust_received,
            r.constraint,
            r.effective_size,
            r.efficiency,
            r.hierarchy,
        ]
        .into_iter()
        .flatten()
        {
            finite(x, &format!("{}: per-actor metric", r.identity.id));
        }
        unit(r.ties.mean_trust_given, "mean_trust_given");
        unit(r.ties.mean_trust_received, "mean_trust_received");
    }
}

fn check_exit(net: &Network) {
    let spec = ExitSpec::default_for(net);
    let (m, impact) = exit_and_impact(net, &spec, true).unwrap();
    for (x, what) in [
        (m.reach_before, "reach_before"),
        (m.reach_after, "reach_after"),
        (m.fragmentation_after, "fragmentation_after"),
        (m.trusted_reach_before, "trusted_reach_before"),
        (m.trusted_reach_after, "trusted_reach_after"),
        (m.sustainability, "sustainability"),
        (m.dependent_pairs, "dependent_pairs"),
    ] {
        unit(x, what);
    }
    for &x in &m.trust_retained {
        unit(x, "trust_retained");
    }
    for &x in &impact {
        unit(x, "exit_impact");
    }
    if let Some(h) = handover(net) {
        let hspec = ExitSpec {
            exit: spec.exit.clone(),
            handovers: vec![h],
        };
        let (hm, _) = exit_and_impact(net, &hspec, false).unwrap();
        // A handover can add trusted reach: sustainability is not capped.
        for x in [hm.sustainability, hm.trusted_reach_after]
            .into_iter()
            .flatten()
        {
            finite(x, "handover measure");
            assert!(x >= 0.0);
        }
        for x in hm.trust_retained.iter().flatten() {
            finite(*x, "handover trust_retained");
        }
    }
    for s in plan(net, &spec, 3).unwrap() {
        finite(s.trust, "plan trust");
        finite(s.gain, "plan gain");
        finite(s.trusted_reach_after, "plan trusted reach");
        unit(Some(s.trust), "plan trust");
        if let Some(x) = s.sustainability {
            finite(x, "plan sustainability");
        }
    }
    for s in successors(net, &m.exit) {
        if let Some(x) = s.sustainability {
            finite(x, "successor sustainability");
        }
    }
}

/// Replace every string naming an old id by the new id, drop what legitimately
/// depends on id order (ranks and plan choices broken by id), and sort the id
/// lists and actor rows by the new ids.
fn renamed(v: &Value, map: &std::collections::HashMap<String, String>) -> Value {
    match v {
        Value::String(s) => Value::String(map.get(s).cloned().unwrap_or_else(|| s.clone())),
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(|x| renamed(x, map)).collect();
            if items.iter().all(Value::is_string) {
                items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            } else if items.iter().all(|x| x.get("id").is_some()) {
                items.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
            }
            Value::Array(items)
        }
        Value::Object(o) => Value::Object(
            o.iter()
                .filter(|(k, _)| k.as_str() != "exit_impact_rank")
                .map(|(k, x)| (k.clone(), renamed(x, map)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Equal, numbers within 1e-9 relative (the summation order follows the ids).
fn same(a: &Value, b: &Value, path: &str) -> Result<(), String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            // Relative 1e-9, plus an absolute 1e-12 floor: a value that is 0 in
            // exact arithmetic (hierarchy with equal constraint shares, say)
            // comes out as ±1e-17 in one summation order and 1e-33 in another.
            if (x - y).abs() <= 1e-9 * x.abs().max(y.abs()) + 1e-12 || x == y {
                Ok(())
            } else {
                Err(format!("{path}: {x} vs {y}"))
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .try_for_each(|(k, (x, y))| same(x, y, &format!("{path}[{k}]"))),
        (Value::Object(x), Value::Object(y)) if x.len() == y.len() => {
            x.iter().try_for_each(|(k, xv)| {
                same(
                    xv,
                    y.get(k).ok_or(format!("{path}.{k} missing"))?,
                    &format!("{path}.{k}"),
                )
            })
        }
        _ if a == b => Ok(()),
        _ => Err(format!("{path}: {a} vs {b}")),
    }
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_value_is_finite_or_null_and_a_plain_exit_stays_in_unit_range(s in spec(24, 60)) {
        let (nodes, edges) = rows(&s, &id);
        check_values(&load(&nodes, &edges));
    }

    #[test]
    fn row_order_changes_nothing(s in spec(20, 50), seed in any::<u64>()) {
        let (mut nodes, mut edges) = rows(&s, &id);
        let net = load(&nodes, &edges);
        let before = reports(&net);
        let options = DotOptions {
            size_by: SizeBy::Betweenness,
            ..DotOptions::default()
        };
        let dot = to_dot(&net, &options, None);
        shuffle(&mut nodes, seed);
        shuffle(&mut edges, seed.rotate_left(17));
        let shuffled = load(&nodes, &edges);
        let after = reports(&shuffled);
        for (b, a) in before.iter().zip(&after) {
            if let Err(e) = same(b, a, "report") {
                prop_assert!(false, "{e}");
            }
        }
        // DOT keeps the file's tie order on purpose (Graphviz lays ties out
        // in input order, so the user can steer the picture): the same
        // statements, possibly in another order.
        let lines = |text: String| {
            let mut l: Vec<String> = text.lines().map(str::to_string).collect();
            l.sort();
            l
        };
        prop_assert_eq!(lines(dot), lines(to_dot(&shuffled, &options, None)));
    }

    #[test]
    fn renaming_the_actors_permutes_the_results(s in spec(20, 50), seed in any::<u64>()) {
        let mut perm: Vec<usize> = (0..s.actors.len()).collect();
        shuffle(&mut perm, seed);
        let new_name = |i: usize| format!("m{:03}", perm[i]);
        let map = (0..s.actors.len()).map(|i| (id(i), new_name(i))).collect();
        let (nodes, edges) = rows(&s, &id);
        let (new_nodes, new_edges) = rows(&s, &new_name);
        let old = reports(&load(&nodes, &edges));
        let new = reports(&load(&new_nodes, &new_edges));
        prop_assert_eq!(old.len(), new.len());
        for (o, n) in old.iter().zip(&new).take(BY_NAME) {
            let o = renamed(o, &map);
            let n = renamed(n, &std::collections::HashMap::new());
            if let Err(e) = same(&o, &n, "report") {
                prop_assert!(false, "{e}");
            }
        }
    }
}

proptest! {
    // Large enough for several fixed-size parallel chunks (32 sources each).
    #![proptest_config(ProptestConfig::with_cases(4))]

    #[test]
    fn one_and_four_threads_give_the_same_bytes(s in spec(140, 500)) {
        let (nodes, edges) = rows(&s, &id);
        let net = load(&nodes, &edges);
        let bytes = |threads: usize| {
            pool(threads).install(|| {
                reports(&net)
                    .iter()
                    .map(|v| serde_json::to_string(v).unwrap())
                    .collect::<Vec<_>>()
            })
        };
        prop_assert_eq!(bytes(1), bytes(4));
    }
}

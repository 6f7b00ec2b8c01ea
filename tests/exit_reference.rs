//! Every exit fixture (`tests/fixtures/exit/*.json`, written by the
//! independent Python reference `generate.py`) against the library, field by
//! field: floats to 1e-9 relative, ids, lists and nulls exactly.

use std::path::{Path, PathBuf};

mod common;
use common::root;

use serde_json::Value;
use stakenet::metrics::exit::{exit_and_impact, ExitSpec, Handover};
use stakenet::metrics::{plan, successor_ranking, successors, Progress, SuccessorSearch};
use stakenet::Network;

const TOL: f64 = 1e-9;

/// Collects mismatches as "case field actor: expected …, actual …".
struct Check {
    case: String,
    failures: Vec<String>,
}

impl Check {
    fn fail(&mut self, field: &str, actor: &str, expected: &Value, actual: &Value) {
        self.failures.push(format!(
            "{}: {field}{}: expected {expected}, actual {actual}",
            self.case,
            if actor.is_empty() {
                String::new()
            } else {
                format!(" [{actor}]")
            }
        ));
    }

    fn num(&mut self, field: &str, actor: &str, expected: &Value, actual: Option<f64>) {
        let ok = match (expected.as_f64(), actual) {
            (None, None) => expected.is_null(),
            (Some(e), Some(a)) => (e - a).abs() <= TOL * e.abs().max(a.abs()) || e == a,
            _ => false,
        };
        if !ok {
            let actual = actual.map_or(Value::Null, Value::from);
            self.fail(field, actor, expected, &actual);
        }
    }

    fn exact(&mut self, field: &str, expected: &Value, actual: Value) {
        if *expected != actual {
            self.fail(field, "", expected, &actual);
        }
    }
}

fn ids(net: &Network, list: &[usize]) -> Value {
    list.iter().map(|&i| net.actor(i).id.clone()).collect()
}

fn index(net: &Network, id: &Value) -> usize {
    net.index_of(id.as_str().unwrap())
        .expect("fixture id in network")
}

fn run_case(path: &Path) -> Vec<String> {
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = fixture["case"].as_str().unwrap().to_string();
    let net = stakenet::io::load_dir(root().join(fixture["network"].as_str().unwrap())).unwrap();
    let mut c = Check {
        case,
        failures: Vec::new(),
    };
    let exit: Vec<usize> = fixture["exit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| index(&net, id))
        .collect();
    let handovers: Vec<Handover> = fixture["handover"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| Handover {
            from: index(&net, &h[0]),
            to: index(&net, &h[1]),
            factor: h[2].as_f64().unwrap(),
        })
        .collect();
    let spec = ExitSpec {
        exit: exit.clone(),
        handovers: handovers.clone(),
    };
    let (m, impact) = exit_and_impact(&net, &spec, true).unwrap();
    let s = &fixture["summary"];
    c.exact("exit", &fixture["exit"], ids(&net, &m.exit));
    for (field, value) in [
        ("reach_before", m.reach_before),
        ("reach_after", m.reach_after),
        ("fragmentation_after", m.fragmentation_after),
        ("trusted_reach_before", m.trusted_reach_before),
        ("trusted_reach_after", m.trusted_reach_after),
        ("sustainability", m.sustainability),
        ("dependent_pairs", m.dependent_pairs),
    ] {
        c.num(field, "", &s[field], value);
    }
    c.exact("stranded", &s["stranded"], ids(&net, &m.stranded));
    let bridges: Value = m
        .group_bridges_lost
        .iter()
        .map(|&(a, b)| Value::from(vec![net.groups()[a].clone(), net.groups()[b].clone()]))
        .collect();
    c.exact("group_bridges_lost", &s["group_bridges_lost"], bridges);

    let retained = fixture["trust_retained"].as_object().unwrap();
    c.exact(
        "trust_retained ids",
        &Value::from(retained.keys().cloned().collect::<Vec<_>>()),
        ids(&net, &m.stayers),
    );
    for (id, expected) in retained {
        c.num(
            "trust_retained",
            id,
            expected,
            m.trust_retained[index(&net, &Value::from(id.as_str()))],
        );
    }
    let impacts = fixture["exit_impact"].as_object().unwrap();
    let practitioners: Vec<usize> = (0..net.len())
        .filter(|&i| net.actor(i).is_practitioner())
        .collect();
    c.exact(
        "exit_impact ids",
        &Value::from(impacts.keys().cloned().collect::<Vec<_>>()),
        ids(&net, &practitioners),
    );
    for (id, expected) in impacts {
        c.num(
            "exit_impact",
            id,
            expected,
            impact[index(&net, &Value::from(id.as_str()))],
        );
    }

    if !fixture["plan"].is_null() {
        let budget = fixture["plan"]["budget"].as_u64().unwrap() as usize;
        let steps = plan(&net, &spec, budget).unwrap();
        let expected = fixture["plan"]["steps"].as_array().unwrap();
        c.exact(
            "plan steps",
            &Value::from(expected.len()),
            Value::from(steps.len()),
        );
        for (k, (e, a)) in expected.iter().zip(&steps).enumerate() {
            let step = format!("step {}", k + 1);
            c.exact(
                &format!("plan {step} tie"),
                &Value::from(vec![e["a"].clone(), e["b"].clone()]),
                Value::from(vec![net.actor(a.a).id.clone(), net.actor(a.b).id.clone()]),
            );
            c.exact(
                &format!("plan {step} introducer"),
                &e["introducer"],
                a.introducer
                    .map_or(Value::Null, |i| Value::from(net.actor(i).id.clone())),
            );
            c.num("plan trust", &step, &e["trust"], Some(a.trust));
            c.num("plan gain", &step, &e["gain"], Some(a.gain));
            c.num(
                "plan trusted_reach_after",
                &step,
                &e["trusted_reach_after"],
                Some(a.trusted_reach_after),
            );
            c.num(
                "plan sustainability",
                &step,
                &e["sustainability"],
                a.sustainability,
            );
        }
    }

    let expected = fixture["successors"].as_object().unwrap();
    let actual = if handovers.is_empty() {
        successors(&net, &m.exit)
    } else {
        Vec::new()
    };
    c.exact(
        "successors ids",
        &Value::from(expected.keys().cloned().collect::<Vec<_>>()),
        ids(
            &net,
            &actual.iter().map(|s| s.practitioner).collect::<Vec<_>>(),
        ),
    );
    for s in &actual {
        let id = &net.actor(s.practitioner).id;
        let e = &expected[id.as_str()];
        let got = s
            .successor
            .map_or(Value::Null, |i| Value::from(net.actor(i).id.clone()));
        if e["successor"] != got {
            c.fail("successor", id, &e["successor"], &got);
        }
        c.num(
            "successor sustainability",
            id,
            &e["sustainability"],
            s.sustainability,
        );
    }
    // The ranked candidates (the generator ranks the top 3).
    let ranked = if handovers.is_empty() {
        successor_ranking(&net, &m.exit, &SuccessorSearch::default(), &Progress::new())
    } else {
        Vec::new()
    };
    for r in &ranked {
        let id = &net.actor(r.practitioner).id;
        let e = expected[id.as_str()]["candidates"].as_array().unwrap();
        c.exact(
            &format!("successor candidates [{id}]"),
            &e.iter().map(|x| x["successor"].clone()).collect(),
            r.candidates
                .iter()
                .map(|x| Value::from(net.actor(x.successor).id.clone()))
                .collect(),
        );
        for (x, a) in e.iter().zip(&r.candidates) {
            let who = format!("{id} → {}", net.actor(a.successor).id);
            c.num("candidate gain", &who, &x["gain"], Some(a.gain));
            c.num(
                "candidate sustainability",
                &who,
                &x["sustainability"],
                Some(a.sustainability),
            );
        }
    }
    c.failures
}

#[test]
fn every_exit_fixture_matches_the_reference() {
    let dir = root().join("tests/fixtures/exit");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 18, "fixtures missing: {}", cases.len());
    let failures: Vec<String> = cases.iter().flat_map(|p| run_case(p)).collect();
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

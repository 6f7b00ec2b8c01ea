//! Every power fixture (`tests/fixtures/power/*.json`, written by the
//! independent exact-fraction reference `generate.py`, whose brokerage is
//! cross-checked there against networkx `betweenness_centrality_subset`)
//! against the library, field by field: floats to 1e-9 relative, ids, lists
//! and nulls exactly.

use std::path::{Path, PathBuf};

use serde_json::Value;
use stakenet::metrics::exit::Handover;
use stakenet::metrics::power::{power, PowerRequest, Selection};
use stakenet::Network;

const TOL: f64 = 1e-9;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Check {
    case: String,
    failures: Vec<String>,
}

impl Check {
    fn num(&mut self, field: &str, actor: &str, expected: &Value, actual: Option<f64>) {
        let ok = match (expected.as_f64(), actual) {
            (None, None) => expected.is_null(),
            (Some(e), Some(a)) => e == a || (e - a).abs() <= TOL * e.abs().max(a.abs()),
            _ => false,
        };
        if !ok {
            self.failures.push(format!(
                "{}: {field} [{actor}]: expected {expected}, actual {actual:?}",
                self.case
            ));
        }
    }

    fn exact(&mut self, field: &str, expected: &Value, actual: Value) {
        if *expected != actual {
            self.failures.push(format!(
                "{}: {field}: expected {expected}, actual {actual}",
                self.case
            ));
        }
    }
}

fn ids(net: &Network, list: &[usize]) -> Value {
    list.iter().map(|&i| net.actor(i).id.clone()).collect()
}

fn indices(net: &Network, list: &Value) -> Option<Vec<usize>> {
    list.as_array().map(|a| {
        a.iter()
            .map(|id| net.index_of(id.as_str().unwrap()).expect("fixture id"))
            .collect()
    })
}

fn run_case(path: &Path) -> Vec<String> {
    let f: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let net = stakenet::io::load_dir(root().join(f["network"].as_str().unwrap())).unwrap();
    let mut c = Check {
        case: f["case"].as_str().unwrap().to_string(),
        failures: Vec::new(),
    };
    let mut req = PowerRequest::default_for(&net);
    if let Some(x) = indices(&net, &f["exit"]) {
        req.exit.exit = x;
    }
    req.exit.handovers = f["handover"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| Handover {
            from: net.index_of(h[0].as_str().unwrap()).unwrap(),
            to: net.index_of(h[1].as_str().unwrap()).unwrap(),
            factor: h[2].as_f64().unwrap(),
        })
        .collect();
    req.voices = match indices(&net, &f["voices"]) {
        Some(v) => Selection::Named(v),
        None => Selection::Threshold(f["low_power"].as_f64().unwrap()),
    };
    req.decision_makers = match indices(&net, &f["decision_makers"]) {
        Some(d) => Selection::Named(d),
        None => Selection::Threshold(f["decision_power"].as_f64().unwrap()),
    };
    req.steep = f["steep"].as_f64().unwrap();
    let m = power(&net, &req).expect("fixture request is valid");
    let s = &f["summary"];
    let v = &m.voice;
    c.exact("exit", &s["exit"], ids(&net, &m.exit));
    c.exact("voices", &s["voices"], ids(&net, &m.voices));
    c.exact(
        "decision_makers",
        &s["decision_makers"],
        ids(&net, &m.decision_makers),
    );
    for (name, value) in [
        ("mean_voice_before", v.mean_voice_before),
        ("mean_voice_after", v.mean_voice_after),
        ("voice_sustainability", v.voice_sustainability),
        ("direct_contact_before", v.direct_contact_before),
        ("direct_contact_after", v.direct_contact_after),
        ("upward_trust", m.steep.upward_trust),
        ("downward_trust", m.steep.downward_trust),
        ("two_way_share", m.steep.two_way_share),
    ] {
        c.num(name, "", &s[name], value);
    }
    c.exact(
        "unheard_before",
        &s["unheard_before"],
        ids(&net, &v.unheard_before),
    );
    c.exact(
        "unheard_after",
        &s["unheard_after"],
        ids(&net, &v.unheard_after),
    );
    c.exact("voice_lost", &s["voice_lost"], ids(&net, &v.voice_lost));
    c.exact(
        "connected_pairs_before",
        &s["connected_pairs_before"],
        v.connected_pairs_before.into(),
    );
    c.exact(
        "connected_pairs_after",
        &s["connected_pairs_after"],
        v.connected_pairs_after.into(),
    );
    c.exact("steep_ties", &s["steep_ties"], m.steep.steep_ties.into());
    let actors = f["actors"].as_array().unwrap();
    assert_eq!(actors.len(), net.len(), "{}: actor count", c.case);
    for (i, a) in actors.iter().enumerate() {
        let id = a["id"].as_str().unwrap();
        assert_eq!(net.actor(i).id, id, "{}: actors in id order", c.case);
        c.num("voice_before", id, &a["voice_before"], v.voice_before[i]);
        c.num("voice_after", id, &a["voice_after"], v.voice_after[i]);
        c.num(
            "voice_retained",
            id,
            &a["voice_retained"],
            v.voice_retained[i],
        );
        c.num(
            "voice_brokerage",
            id,
            &a["voice_brokerage"],
            v.voice_brokerage[i],
        );
        c.num(
            "voice_brokerage_after",
            id,
            &a["voice_brokerage_after"],
            v.voice_brokerage_after[i],
        );
        let line = v.line_to[i].map_or(Value::Null, |d| net.actor(d).id.clone().into());
        c.exact(&format!("line_to [{id}]"), &a["line_to"], line);
    }
    c.failures
}

#[test]
fn every_power_fixture_matches_the_reference() {
    let dir = root().join("tests/fixtures/power");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 14, "fixtures missing: {}", cases.len());
    let failures: Vec<String> = cases.iter().flat_map(|p| run_case(p)).collect();
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn fixtures_cover_voices_decision_makers_and_steep_ties() {
    // The cases are not vacuous: the example and a real network have voices
    // with lines, pairs that lose their shortest paths, and steep ties.
    let f: Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("tests/fixtures/power/county-parenting-site-default.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let s = &f["summary"];
    assert!(s["voices"].as_array().unwrap().len() >= 3);
    assert!(s["decision_makers"].as_array().unwrap().len() >= 2);
    assert!(s["steep_ties"].as_u64().unwrap() > 0);
    assert!(
        s["connected_pairs_after"].as_u64().unwrap()
            < s["connected_pairs_before"].as_u64().unwrap()
    );
}

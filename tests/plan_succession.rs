//! `plan`: who makes each introduction, no pair a handover tied, ranked and
//! limited successor candidates with a role caution, progress, and the star
//! that took 93 s. Small networks with every figure worked by hand.
//!
//! See: issue 18, items 12 and 17.

mod common;

use serde_json::Value;
use stakenet::metrics::exit::ExitSpec;
use stakenet::metrics::{plan, plan_with_progress, successor_ranking, Progress, SuccessorSearch};
use stakenet::{
    render, Actor, ExitRequest, Format, Handover, IdList, Network, Placement, PlanRequest,
    SuccessorRequest, TieSpec,
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

fn ids(net: &Network, list: impl IntoIterator<Item = usize>) -> Vec<String> {
    list.into_iter().map(|i| net.actor(i).id.clone()).collect()
}

/// Two external practitioners p and q and three stakeholders with no tie
/// among them:
///
/// ```text
/// p–a 0.9, p–b 0.5, p–c 0.4, q–a 0.6, q–b 0.6
/// ```
///
/// Candidates (a, b): trust max(0.9·0.5, 0.6·0.6) = 0.45 (from p), but q's
/// weaker tie (0.6) beats p's (0.5): q introduces. (a, c) and (b, c): only p
/// knows both; trusts 0.36 and 0.2.
fn two_leavers() -> Network {
    Network::from_parts(
        vec![
            Actor::practitioner("p"),
            Actor::practitioner("q"),
            Actor::stakeholder("a"),
            Actor::stakeholder("b"),
            Actor::stakeholder("c"),
        ],
        &[
            TieSpec::mutual("p", "a", 0.9),
            TieSpec::mutual("p", "b", 0.5),
            TieSpec::mutual("p", "c", 0.4),
            TieSpec::mutual("q", "a", 0.6),
            TieSpec::mutual("q", "b", 0.6),
        ],
    )
    .unwrap()
}

fn default_spec(net: &Network) -> ExitSpec {
    stakenet::Scenario::resolve(net, &ExitRequest::default())
        .unwrap()
        .spec()
        .clone()
}

// See: issue 18, item 17.
#[test]
fn issue_18_plan_names_the_introducer_by_the_weaker_tie() {
    let net = two_leavers();
    let steps = plan(&net, &default_spec(&net), 3).unwrap();
    // By hand, 6 ordered pairs; after the exit no pair is connected.
    // Before: pt(a,b) = 0.45 (via p), pt(a,c) = 0.36, pt(b,c) = 0.2
    //   (b–q–a–p–c gives 0.1296 only): Σ = 2·1.01 = 2.02.
    // Step 1 (a,b) 0.45: Σ 0.9, gain 0.9/6 = 0.15 (beats (a,c) 0.12).
    // Step 2 (a,c) 0.36: a–c 0.36, b–c 0.45·0.36 = 0.162, both ways:
    //   +1.044 → Σ 1.944 (beats (b,c): +2·(0.2 + 0.09) = 0.58).
    // Step 3 (b,c) 0.2: b–c 0.162 → 0.2, both ways +0.076 → Σ 2.02.
    let got: Vec<(String, String, Option<String>)> = steps
        .iter()
        .map(|s| {
            (
                net.actor(s.a).id.clone(),
                net.actor(s.b).id.clone(),
                s.introducer.map(|i| net.actor(i).id.clone()),
            )
        })
        .collect();
    let want = |a: &str, b: &str, x: &str| (a.to_string(), b.to_string(), Some(x.to_string()));
    assert_eq!(
        got,
        vec![
            want("a", "b", "q"),
            want("a", "c", "p"),
            want("b", "c", "p")
        ]
    );
    let trust: Vec<f64> = steps.iter().map(|s| s.trust).collect();
    for (t, w) in trust.iter().zip([0.45, 0.36, 0.2]) {
        assert!(close(*t, w), "trust {t} vs {w}");
    }
    for (s, (gain, sum)) in
        steps
            .iter()
            .zip([(0.9 / 6.0, 0.9), (1.044 / 6.0, 1.944), (0.076 / 6.0, 2.02)])
    {
        assert!(close(s.gain, gain), "gain {} vs {gain}", s.gain);
        assert!(close(s.sustainability.unwrap(), sum / 2.02));
    }
}

#[test]
fn issue_18_equal_introducers_go_to_the_lowest_id() {
    // p2 and p1 both know a and b at 0.7 / 0.6: the weaker ties are equal,
    // so the lower id (p1) introduces, whatever the row order.
    let net = Network::from_parts(
        vec![
            Actor::practitioner("p2"),
            Actor::practitioner("p1"),
            Actor::stakeholder("a"),
            Actor::stakeholder("b"),
        ],
        &[
            TieSpec::mutual("p2", "a", 0.7),
            TieSpec::mutual("p2", "b", 0.6),
            TieSpec::mutual("p1", "b", 0.7),
            TieSpec::mutual("p1", "a", 0.6),
        ],
    )
    .unwrap();
    let steps = plan(&net, &default_spec(&net), 1).unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(ids(&net, steps[0].introducer), vec!["p1"]);
    assert!(close(steps[0].trust, 0.42));
}

#[test]
fn issue_18_introducer_in_table_csv_and_json() {
    let net = two_leavers();
    let report = stakenet::plan(
        &net,
        &PlanRequest {
            budget: 1,
            ..PlanRequest::default()
        },
    )
    .unwrap();
    let json: Value = serde_json::from_slice(&render(&report, Format::Json)).unwrap();
    assert_eq!(json["plan"]["steps"][0]["introducer"], "q");
    let csv = String::from_utf8(render(&report, Format::Csv)).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|&h| h == "introducer").unwrap();
    assert_eq!((row[0], row[col]), ("introduction", "q"));
    let table = String::from_utf8(render(&report, Format::Table)).unwrap();
    let step = table
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap();
    assert_eq!(
        step.split_whitespace().take(4).collect::<Vec<_>>(),
        ["1", "a", "b", "q"]
    );

    // A step nobody knows both ends of (the library never takes one, since
    // its trust is 0; a caller may build it): said in words, null in JSON.
    let m = stakenet::metrics::exit(&net, &default_spec(&net)).unwrap();
    let step = stakenet::metrics::PlanStep {
        introducer: None,
        ..plan(&net, &default_spec(&net), 1).unwrap()[0]
    };
    let report = stakenet::report::plan(&net, &default_spec(&net), &m, 1, &[step], &[]);
    let table = String::from_utf8(render(&report, Format::Table)).unwrap();
    assert!(
        table.contains("no leaving practitioner knows both"),
        "{table}"
    );
    let json: Value = serde_json::from_slice(&render(&report, Format::Json)).unwrap();
    assert!(json["plan"]["steps"][0]["introducer"].is_null());
}

// See: issue 18, item 17: "never propose a pair a handover already tied".
#[test]
fn issue_18_plan_skips_pairs_a_handover_tied() {
    // p knows a 0.9, b 0.8, c 0.7; p hands over to the stakeholder a at 0.5,
    // which ties a–b (0.4) and a–c (0.35) in G′. In the original network
    // (a, b) at 0.72 would win; in G′ only (b, c) is untied: trust 0.56,
    // pt(b, c) 0.4·0.35 = 0.14 → 0.56 both ways, gain 2·0.42/6 = 0.14.
    let net = Network::from_parts(
        vec![
            Actor::practitioner("p"),
            Actor::stakeholder("a"),
            Actor::stakeholder("b"),
            Actor::stakeholder("c"),
        ],
        &[
            TieSpec::mutual("p", "a", 0.9),
            TieSpec::mutual("p", "b", 0.8),
            TieSpec::mutual("p", "c", 0.7),
        ],
    )
    .unwrap();
    let request = ExitRequest {
        exit: None,
        handovers: vec![Handover {
            from: "p".into(),
            to: "a".into(),
            factor: 0.5,
        }],
    };
    let spec = stakenet::Scenario::resolve(&net, &request)
        .unwrap()
        .spec()
        .clone();
    let steps = plan(&net, &spec, 3).unwrap();
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert_eq!(ids(&net, [steps[0].a, steps[0].b]), ["b", "c"]);
    assert_eq!(ids(&net, steps[0].introducer), ["p"]);
    assert!(close(steps[0].trust, 0.56));
    assert!(close(steps[0].gain, 0.14), "{}", steps[0].gain);
}

/// p (external, data coach) knows a 0.8 and b 0.6; i, an internal
/// practitioner, knows a 0.5. Before: pt(a,b) = 0.48 both ways, Σ 0.96;
/// after p leaves, 0. Handing over at 0.5:
/// - to b: b–a 0.4 → Σ 0.8, sustainability 0.8/0.96, gain 0.8/2 = 0.4;
/// - to a: a–b 0.3 → Σ 0.6, 0.625, gain 0.3;
/// - to i: i–a stays 0.5 (higher than 0.4), i–b 0.3 → pt(a,b) 0.15,
///   Σ 0.3, 0.3125, gain 0.15.
fn successor_site() -> Network {
    let mut p = Actor::practitioner("p");
    p.role = Some("data_coach".into());
    let mut i = Actor::practitioner("i");
    i.placement = Placement::Internal;
    i.role = Some("lead".into());
    let mut a = Actor::stakeholder("a");
    a.role = Some("family".into());
    let mut b = Actor::stakeholder("b");
    b.role = Some("Data_Coach ".into());
    Network::from_parts(
        vec![p, i, a, b],
        &[
            TieSpec::mutual("p", "a", 0.8),
            TieSpec::mutual("p", "b", 0.6),
            TieSpec::mutual("i", "a", 0.5),
        ],
    )
    .unwrap()
}

fn ranked(net: &Network, successors: SuccessorRequest) -> Value {
    let report = stakenet::plan(
        net,
        &PlanRequest {
            budget: 0,
            successors,
            ..PlanRequest::default()
        },
    )
    .unwrap();
    let json: Value = serde_json::from_slice(&render(&report, Format::Json)).unwrap();
    json["successors"][0].clone()
}

#[test]
fn issue_18_successor_candidates_are_ranked_with_their_gain() {
    let net = successor_site();
    let s = ranked(&net, SuccessorRequest::default());
    assert_eq!(s["id"], "p");
    assert_eq!(s["successor"], "b");
    let c = s["candidates"].as_array().unwrap();
    let got: Vec<(&str, f64, f64, bool)> = c
        .iter()
        .map(|x| {
            (
                x["successor"].as_str().unwrap(),
                x["gain"].as_f64().unwrap(),
                x["sustainability"].as_f64().unwrap(),
                x["caution"].as_bool().unwrap(),
            )
        })
        .collect();
    let want = [
        ("b", 0.4, 0.8 / 0.96, false),
        ("a", 0.3, 0.625, true),
        ("i", 0.15, 0.3125, false),
    ];
    assert_eq!(got.len(), 3);
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0, g.3), (w.0, w.3));
        assert!(close(g.1, w.1) && close(g.2, w.2), "{g:?} vs {w:?}");
    }
    assert_eq!(c[2]["rank"], 3);

    // Top 2, and the library call agrees with the report.
    let s = ranked(
        &net,
        SuccessorRequest {
            top: 2,
            ..SuccessorRequest::default()
        },
    );
    assert_eq!(s["candidates"].as_array().unwrap().len(), 2);
    let lib = successor_ranking(
        &net,
        &[net.index_of("p").unwrap()],
        &SuccessorSearch {
            top: 2,
            allowed: None,
        },
        &Progress::new(),
    );
    assert_eq!(
        ids(&net, lib[0].candidates.iter().map(|c| c.successor)),
        ["b", "a"]
    );
}

#[test]
fn issue_18_a_parent_as_a_data_coachs_successor_is_flagged() {
    // Only the family member may succeed: she is ranked (it is what the
    // network says) and the table carries a caution line, not a plain plan.
    let net = successor_site();
    let report = stakenet::plan(
        &net,
        &PlanRequest {
            budget: 0,
            successors: SuccessorRequest {
                candidates: vec!["a".into()],
                ..SuccessorRequest::default()
            },
            ..PlanRequest::default()
        },
    )
    .unwrap();
    let table = String::from_utf8(render(&report, Format::Table)).unwrap();
    let caution: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with("Caution:"))
        .collect();
    assert_eq!(
        caution,
        [
            "Caution: of p's ranked successors, a (#1, role family) is a stakeholder in another \
          role than p's (role data_coach): a finding to check with the site, not a plan."
        ]
    );
    let csv = String::from_utf8(render(&report, Format::Csv)).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.starts_with("handover,,p,") && l.ends_with(",true")),
        "{csv}"
    );
}

#[test]
fn issue_18_successor_role_and_candidates_limit_the_pool() {
    let net = successor_site();
    let only = |req: SuccessorRequest| -> Vec<String> {
        ranked(&net, req)["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["successor"].as_str().unwrap().to_string())
            .collect()
    };
    // Roles compare trimmed and ignoring case ("Data_Coach " is b's).
    let by_role = only(SuccessorRequest {
        roles: vec!["DATA_COACH".into()],
        ..SuccessorRequest::default()
    });
    assert_eq!(by_role, ["b"]);
    let by_roles = only(SuccessorRequest {
        roles: vec!["lead".into(), "family".into()],
        ..SuccessorRequest::default()
    });
    assert_eq!(by_roles, ["a", "i"]);
    let by_id = only(SuccessorRequest {
        candidates: vec!["i".into(), " a ".into()],
        ..SuccessorRequest::default()
    });
    assert_eq!(by_id, ["a", "i"]);
    let both = only(SuccessorRequest {
        roles: vec!["family".into()],
        candidates: vec!["i".into()],
        ..SuccessorRequest::default()
    });
    assert!(both.is_empty(), "{both:?}");
}

#[test]
fn issue_18_bad_successor_lists_are_refused_by_name() {
    let net = successor_site();
    let err = |req: SuccessorRequest| {
        stakenet::plan(
            &net,
            &PlanRequest {
                budget: 1,
                successors: req,
                ..PlanRequest::default()
            },
        )
        .unwrap_err()
    };
    match err(SuccessorRequest {
        candidates: vec!["zed".into()],
        ..SuccessorRequest::default()
    }) {
        stakenet::Error::UnknownActor { id, list } => {
            assert_eq!((id.as_str(), list), ("zed", IdList::Candidates));
        }
        other => panic!("{other}"),
    }
    let text = |req| err(req).to_string();
    assert_eq!(
        text(SuccessorRequest {
            candidates: vec!["p".into()],
            ..SuccessorRequest::default()
        }),
        "successor candidate \"p\" leaves too"
    );
    assert_eq!(
        text(SuccessorRequest {
            roles: vec!["coach".into()],
            ..SuccessorRequest::default()
        }),
        "successor role \"coach\": no actor has this role (roles in nodes.csv: data_coach, \
         family, lead)"
    );
}

// See: issue 18, item 12: a 4k-leaf star took 93 s with no progress.
#[test]
fn issue_18_star_plan_reports_progress_and_the_best_pair() {
    // Hub h (external) with n leaves of distinct trusts; after the exit no
    // leaf reaches another, so the best introduction joins the two most
    // trusted leaves: gain 2·t₁·t₂ / (n(n−1)).
    let n = 120;
    let trust = |i: usize| 0.3 + 0.6 * i as f64 / n as f64;
    let mut actors = vec![Actor::practitioner("h")];
    let mut ties = Vec::new();
    for i in 0..n {
        let id = format!("s{i:03}");
        ties.push(TieSpec::mutual("h", id.as_str(), trust(i)));
        actors.push(Actor::stakeholder(id));
    }
    let net = Network::from_parts(actors, &ties).unwrap();
    let progress = Progress::new();
    let steps = plan_with_progress(&net, &default_spec(&net), 2, &progress).unwrap();
    let c = (n * (n - 1) / 2) as u64;
    assert_eq!((progress.done(), progress.total()), (2 * c - 1, 2 * c - 1));
    assert_eq!(ids(&net, [steps[0].a, steps[0].b]), ["s118", "s119"]);
    let pairs = (n * (n - 1)) as f64;
    assert!(close(steps[0].gain, 2.0 * trust(118) * trust(119) / pairs));
    assert_eq!(ids(&net, steps[0].introducer), ["h"]);

    // The whole command counts the successor search too and ends full.
    let progress = Progress::new();
    let report = stakenet::plan_with_progress(
        &net,
        &PlanRequest {
            budget: 1,
            ..PlanRequest::default()
        },
        &progress,
    )
    .unwrap();
    // Plan: C evaluations; successors: 2 units per candidate leaf.
    assert_eq!(progress.total(), c + 2 * n as u64);
    assert_eq!(progress.done(), progress.total());
    // Handing the hub's ties to leaf c keeps, with T = Σ t and Q = Σ t²,
    // Σ pt′ = ¼((T − t_c)² − (Q − t_c²)) + (T − t_c), whose derivative in
    // t_c is t_c − T/2 − 1 < 0: the least trusted leaf keeps most.
    assert_eq!(report.successors[0].successor.as_deref(), Some("s000"));
}

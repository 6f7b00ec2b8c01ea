//! `stakenet exit` and `stakenet plan` from the outside: formats, findings,
//! exit codes and messages.

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::stakenet;

const NETS: [&str; 2] = ["data/county-parenting-site", "data/real/tiny"];

fn json(args: &[&str]) -> Value {
    let out = stakenet()
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[test]
fn exit_json_has_the_contract_names_and_actors_in_id_order() {
    for net in NETS {
        let v = json(&["exit", net]);
        let s = &v["summary"];
        for field in [
            "reach_before",
            "reach_after",
            "fragmentation_after",
            "trusted_reach_before",
            "trusted_reach_after",
            "sustainability",
            "dependent_pairs",
            "stranded",
            "group_bridges_lost",
        ] {
            assert!(s.get(field).is_some(), "{net}: summary.{field}");
        }
        let ids: Vec<&str> = v["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "{net}");
    }
    let tiny = json(&["exit", "data/real/tiny"]);
    assert_eq!(tiny["summary"]["stranded"], serde_json::json!(["c1"]));
    let sust = tiny["summary"]["sustainability"].as_f64().unwrap();
    assert!((sust - 0.241 / 0.51136).abs() < 1e-12);
    let p1 = &tiny["actors"][5];
    assert_eq!(
        (p1["id"].as_str(), p1["exit_impact_rank"].as_u64()),
        (Some("p1"), Some(1))
    );
}

#[test]
fn exit_table_reads_as_findings_with_labels() {
    stakenet()
        .args(["exit", "data/real/tiny", "--format", "table"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "If the external practitioners leave (Pia (external ISP)), 1 stakeholder is left \
             without a trusted tie (Eve (service user rep)); C loses its only bridge to A and B; \
             the site keeps 47% of its trusted reach.",
        ));
    stakenet()
        .args([
            "exit",
            "data/real/tiny",
            "--handover",
            "p1=a1:0.5",
            "--format",
            "table",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "after handing Pia (external ISP)'s ties to Ana (site lead)",
        ))
        .stdout(predicate::str::contains("keeps 69% of its trusted reach"))
        .stdout(predicate::str::contains(
            "Without the handover the site would keep 47%.",
        ));
}

#[test]
fn exit_csv_has_one_row_per_actor() {
    for net in NETS {
        let out = stakenet()
            .args(["exit", net, "--format", "csv"])
            .assert()
            .success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let nodes = std::fs::read_to_string(format!("{net}/nodes.csv")).unwrap();
        assert_eq!(
            text.lines().count(),
            nodes.lines().filter(|l| !l.is_empty()).count()
        );
        assert!(text.starts_with(
            "id,label,kind,placement,group,exiting,stranded,trust_retained,exit_impact,exit_impact_rank\n"
        ));
    }
}

#[test]
fn plan_in_every_format() {
    for net in NETS {
        let v = json(&["plan", net, "--budget", "3"]);
        assert_eq!(v["plan"]["budget"], 3);
        assert!(!v["successors"].as_array().unwrap().is_empty(), "{net}");
        stakenet()
            .args(["plan", net, "--budget", "3", "--format", "table"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Handing "))
            .stdout(predicate::str::contains("Brokering "));
        stakenet()
            .args(["plan", net, "--budget", "3", "--format", "csv"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "option,step,practitioner,a,b,introducer,rank,successor,trust,factor,gain,trusted_reach_after,sustainability,caution\n",
            ));
    }
    let tiny = json(&["plan", "data/real/tiny", "--budget", "3"]);
    let ties: Vec<(String, String)> = tiny["plan"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["a"].as_str().unwrap().into(),
                s["b"].as_str().unwrap().into(),
            )
        })
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        ties,
        vec![pair("a1", "b1"), pair("a1", "c1"), pair("b1", "c1")]
    );
    assert_eq!(tiny["successors"][0]["successor"], "c1");
}

#[test]
fn unknown_exit_id_fails_with_a_clear_message() {
    for cmd in [&["exit"][..], &["plan", "--budget", "2"][..]] {
        stakenet()
            .args(cmd)
            .args(["data/real/tiny", "--exit", "p1,nobody"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "--exit: no actor has the id \"nobody\"",
            ));
    }
    stakenet()
        .args(["exit", "data/real/tiny", "--handover", "p1=ghost"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--handover: no actor has the id \"ghost\"",
        ));
}

#[test]
fn handover_parse_errors_say_what_was_expected() {
    for (flag, message) in [
        ("p1-a1", "expected FROM=TO[:FACTOR], found \"p1-a1\""),
        (
            "p1=a1:half",
            "FACTOR: expected a number in [0, 1], found \"half\"",
        ),
        ("p1=a1:2", "FACTOR: expected a number in [0, 1], found 2"),
        ("p1=p1", "FROM and TO must be different actors"),
    ] {
        stakenet()
            .args(["exit", "data/real/tiny", "--handover", flag])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

// The contract: a handover's FROM exits "along with the rest of X", and X
// is every external practitioner unless --exit names it. On the example the
// data coach leaves too, so the figures equal the reference fixture's.
#[test]
fn handover_alone_keeps_the_default_exit_set() {
    let v = json(&[
        "exit",
        "data/county-parenting-site",
        "--handover",
        "isp_lead=imp_lead",
    ]);
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(
            "tests/fixtures/exit/county-parenting-site-handover-isp_lead-imp_lead.json",
        )
        .unwrap(),
    )
    .unwrap();
    let want = fixture["summary"]["sustainability"].as_f64().unwrap();
    let got = v["summary"]["sustainability"].as_f64().unwrap();
    assert!((got - want).abs() <= 1e-9 * want, "{got} vs {want}");
    assert_eq!(v["summary"]["stranded"], fixture["summary"]["stranded"]);
}

/// The text of a successful run.
fn text(args: &[&str]) -> String {
    let out = stakenet().args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// Every figure printed with three decimals, in order.
fn figures(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_digit() && c != '.'))
        .filter(|w| w.len() > 4 && w.as_bytes()[w.len() - 4] == b'.')
        .map(str::to_string)
        .collect()
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn width_fits_the_exit_power_and_plan_tables_without_changing_a_figure() {
    let county = "data/county-parenting-site";
    for (args, width, widest_allowed) in [
        (&["exit", county][..], 80, 80),
        // The ids, groups and figures alone take 74 characters.
        (&["exit", county], 60, 74),
        // The steps table holds ids and figures only: 84 characters.
        (&["plan", county, "--budget", "2"], 80, 84),
        // Seven columns of ids and figures: the labels shrink to 12
        // characters and the voice table stays 85 wide (documented).
        (&["power", county], 80, 85),
    ] {
        let whole = text(&[args, &["--format", "table"]].concat());
        let w = width.to_string();
        let fitted = text(&[args, &["--width", w.as_str()]].concat());
        assert!(widest(&whole) > width, "{args:?}: already fits");
        assert!(widest(&fitted) <= widest_allowed, "{args:?}:\n{fitted}");
        // Findings are wrapped, not cut: the same words in the same order.
        let words = |t: &str| {
            t.split("\n\n")
                .next()
                .unwrap()
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(words(&fitted), words(&whole), "{args:?}");
        assert!(fitted.lines().any(|l| l.starts_with("  ")), "{args:?}");
        assert_eq!(figures(&fitted), figures(&whole), "{args:?}");
        assert!(fitted.lines().count() > whole.lines().count(), "{args:?}");
    }
    // Labels are shortened with an ellipsis, ids kept whole.
    let exit = text(&["exit", county, "--width", "80"]);
    assert!(
        exit.contains("isp_lead      Nadia (lead implementation speciali…"),
        "{exit}"
    );
    assert!(
        exit.contains("state_officer  Victor (state chi…  state"),
        "{exit}"
    );
    // A width the table fits changes nothing.
    assert_eq!(
        text(&["exit", county, "--width", "400"]),
        text(&["exit", county, "--format", "table"])
    );
}

#[test]
fn width_asks_for_a_table_and_refuses_json_and_csv() {
    let county = "data/county-parenting-site";
    // On a pipe, --width alone gives a table.
    assert!(text(&["power", county, "--width", "100"]).starts_with("Of the 6 voices"));
    for format in ["json", "csv"] {
        stakenet()
            .args(["exit", county, "--width", "80", "--format", format])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--width shapes the table"));
    }
    stakenet()
        .args(["plan", county, "--budget", "1", "--width", "19"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("19"));
}

//! `stakenet power` from the outside: findings, formats, exit codes and the
//! refused requests (clear message, no output, non-zero exit).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn stakenet() -> Command {
    Command::cargo_bin("stakenet").unwrap()
}

const COUNTY: &str = "data/county-parenting-site";

fn output(args: &[&str], format: &str) -> String {
    let out = stakenet()
        .arg("power")
        .args(args)
        .args(["--format", format])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&output(args, "json")).unwrap()
}

#[test]
fn the_table_opens_with_findings_in_plain_words() {
    let text = output(&[COUNTY], "table");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Of the 6 voices (families and frontline), every one has a trusted line to a \
         decision-maker; their best lines carry 63% trust on average."
    );
    assert_eq!(
        lines[1],
        "Nadia carries 83% of the voices' shortest routes to Marcus, Helen and Clara."
    );
    assert_eq!(
        lines[2],
        "If the external practitioners leave (Omar and Nadia), no voice loses its line; \
         the voices keep 45% of their trusted access."
    );
    assert_eq!(
        lines[3],
        "Lee, Maria, Rosa and Tom keep less than half of their line's trust (23% to 35%)."
    );
    assert_eq!(
        lines[4],
        "2 of the 3 decision-makers have a direct trusted tie with a voice (the same after the exit)."
    );
    assert_eq!(
        lines[5],
        "18 of 18 ties across a power gap of 0.3 or more have trust both ways; trust upward \
         averages 0.66, downward 0.65."
    );
    assert_eq!(lines[6], "");
    // A voice who loses their only line, on the hand-worked tiny site.
    let tiny = output(&["data/real/tiny"], "table");
    assert!(
        tiny.contains("If the external practitioners leave (Pia), Eve loses their line; the voices keep 67% of their trusted access."),
        "{tiny}"
    );
    assert!(tiny.contains("1 of the 2 decision-makers has a direct"));
    assert!(text.contains("\nvoice "), "voices table");
    assert!(text.contains("\nthrough "), "brokers table");
    // No jargon in the findings.
    let findings = lines[..6].join(" ");
    for word in ["betweenness", "brokerage", "pt(", "σ", "null", "NaN"] {
        assert!(!findings.contains(word), "{word} in: {findings}");
    }
}

#[test]
fn json_has_summary_and_actors_with_the_contract_names() {
    let v = json(&[COUNTY]);
    let s = &v["summary"];
    for field in [
        "mean_voice_before",
        "mean_voice_after",
        "voice_sustainability",
        "unheard_before",
        "unheard_after",
        "voice_lost",
        "direct_contact_before",
        "direct_contact_after",
        "steep_ties",
        "upward_trust",
        "downward_trust",
        "two_way_share",
    ] {
        assert!(s.get(field).is_some(), "summary.{field}");
    }
    assert_eq!(
        s["decision_makers"],
        serde_json::json!(["deputy", "director", "funder"])
    );
    let actors = v["actors"].as_array().unwrap();
    let ids: Vec<&str> = actors.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let maria = actors.iter().find(|a| a["id"] == "fam_maria").unwrap();
    assert_eq!(maria["line_to"], "funder");
    assert_eq!(maria["voice_before"].as_f64(), Some(0.9 * 0.8));
    for a in actors {
        for field in [
            "voice_brokerage",
            "voice_brokerage_after",
            "voice_before",
            "line_to",
        ] {
            assert!(a.get(field).is_some(), "{}: {field}", a["id"]);
        }
    }
    let isp = actors.iter().find(|a| a["id"] == "isp_lead").unwrap();
    assert_eq!(isp["voice_brokerage_after"], Value::Null);
}

#[test]
fn csv_has_one_row_per_actor() {
    let text = output(&[COUNTY], "csv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,label,kind,placement,group,power,exiting,voice,decision_maker,voice_before,\
         voice_after,voice_retained,line_to,voice_brokerage,voice_brokerage_after"
    );
    assert_eq!(lines.count(), 28);
}

#[test]
fn named_voices_handover_and_steep_flags_reach_the_library() {
    let v = json(&[
        COUNTY,
        "--voices",
        "fam_tom,fam_rosa",
        "--decision-makers",
        "director",
        "--handover",
        "isp_lead=imp_lead:0.5",
        "--steep",
        "0.5",
    ]);
    let s = &v["summary"];
    assert_eq!(s["voices"], serde_json::json!(["fam_rosa", "fam_tom"]));
    assert_eq!(s["low_power"], Value::Null);
    assert_eq!(s["exit"], serde_json::json!(["data_coach", "isp_lead"]));
    assert_eq!(s["steep"].as_f64(), Some(0.5));
    let rosa = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "fam_rosa")
        .unwrap()
        .clone();
    assert_eq!(rosa["line_to"], "director");
    let text = output(&[COUNTY, "--handover", "isp_lead=imp_lead"], "table");
    assert!(
        text.contains("If Omar and Nadia leave after handing Nadia's ties to Grace (at 50% trust)"),
        "{text}"
    );
}

#[test]
fn nobody_qualifies_says_so_and_how_to_fix_it() {
    let text = output(&["data/real/kapferer-tailor"], "table");
    assert!(text.starts_with("Nobody counts as a voice"), "{text}");
    assert!(text.contains("set each actor's power (0 to 1) in nodes.csv"));
    assert!(text.contains("--voices ID"));
    assert!(text.contains("--decision-makers ID"));
    let v = json(&["data/real/kapferer-tailor"]);
    assert_eq!(v["summary"]["mean_voice_before"], Value::Null);
    assert_eq!(v["summary"]["voice_sustainability"], Value::Null);
    assert_eq!(v["summary"]["unheard_before"], serde_json::json!([]));
}

#[test]
fn bad_requests_fail_with_a_clear_message_and_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("power.json");
    let out = out.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--voices", "nobody"],
            "--voices: no actor has the id \"nobody\"",
        ),
        (
            &["--decision-makers", "ghost"],
            "--decision-makers: no actor has the id \"ghost\"",
        ),
        (
            &["--voices", "imp_lead"],
            "--voices: voice \"imp_lead\" is a practitioner",
        ),
        (
            &["--decision-makers", "isp_lead"],
            "--decision-makers: decision-maker \"isp_lead\" is a practitioner",
        ),
        (
            &["--voices", "fam_tom", "--exit", "fam_tom"],
            "--voices: voice \"fam_tom\" exits",
        ),
        (&["--low-power", "1.2"], "--low-power/--decision-power"),
        (
            &["--low-power", "-0.1"],
            "expected 0 ≤ low-power < decision-power ≤ 1",
        ),
        (
            &["--low-power", "0.7"],
            "found low-power 0.7 and decision-power 0.7",
        ),
        (&["--decision-power", "0.2"], "decision-power 0.2"),
        (&["--steep", "0"], "--steep: expected a number > 0, found 0"),
        (&["--steep", "-1"], "--steep: expected a number > 0"),
        (
            &["--exit", "nobody"],
            "--exit: no actor has the id \"nobody\"",
        ),
    ];
    for (args, message) in cases {
        stakenet()
            .arg("power")
            .arg(COUNTY)
            .args(*args)
            .args(["-o", out])
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(*message));
        assert!(!std::path::Path::new(out).exists(), "{args:?} left output");
    }
    // Usage errors are clap's (exit 2).
    stakenet()
        .args(["power", COUNTY, "--voices", "fam_tom", "--low-power", "0.2"])
        .assert()
        .code(2);
}

#[test]
fn the_readme_example_is_what_the_command_prints() {
    // The README shows the example site's whole table, so a change to the
    // site's powers or to the report shows up here.
    let readme = std::fs::read_to_string("README.md").unwrap();
    let command = "$ stakenet power data/county-parenting-site\n";
    let start = readme.find(command).unwrap() + command.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    assert_eq!(shown, output(&[COUNTY], "table"));
}

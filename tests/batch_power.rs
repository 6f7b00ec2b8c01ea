//! `stakenet batch` carries the power and voice figures: the summary row's
//! voice columns (id lists as counts) and the actor rows' voice fields equal
//! what `stakenet power` reports for the same network and exit.

use assert_cmd::Command;
use serde_json::Value;

fn stakenet() -> Command {
    Command::cargo_bin("stakenet").unwrap()
}

fn jsonl(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn batch_rows_carry_what_power_reports() {
    let dir = tempfile::tempdir().unwrap();
    let (summary, actors) = (dir.path().join("s.jsonl"), dir.path().join("a.jsonl"));
    let nets = [
        "data/county-parenting-site",
        "data/real/kapferer-tailor",
        "data/real/krackhardt",
        "data/real/tiny",
    ];
    stakenet()
        .arg("batch")
        .args(nets)
        .args(["-q", "-o"])
        .arg(&summary)
        .arg("--actors")
        .arg(&actors)
        .assert()
        .success();
    let rows = jsonl(&summary);
    let actor_rows = jsonl(&actors);
    assert_eq!(rows.len(), nets.len());
    for net in nets {
        let out = stakenet()
            .args(["power", net, "--format", "json"])
            .assert()
            .success();
        let power: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let s = &power["summary"];
        let row = rows.iter().find(|r| r["network"] == net).unwrap();
        // Where nobody leaves (no external practitioner) the batch nulls the
        // figures after the exit and says why in `exit_note`.
        let nobody = !row["exit_note"].is_null();
        assert_eq!(
            nobody,
            power["summary"]["exit"].as_array().unwrap().is_empty()
        );
        let after = |field: &str| {
            nobody
                && (field.contains("after")
                    || field == "voice_retained"
                    || field == "voice_sustainability")
        };
        for field in [
            "mean_voice_before",
            "mean_voice_after",
            "voice_sustainability",
            "steep_ties",
            "upward_trust",
            "downward_trust",
            "two_way_share",
        ] {
            if after(field) {
                assert_eq!(row[field], Value::Null, "{net} {field}");
            } else {
                assert_eq!(row[field], s[field], "{net} {field}");
            }
        }
        for field in ["unheard_before", "unheard_after"] {
            let count = Some(s[field].as_array().unwrap().len() as u64);
            let expected = if after(field) { None } else { count };
            assert_eq!(row[field].as_u64(), expected, "{net} {field}");
        }
        for a in power["actors"].as_array().unwrap() {
            let r = actor_rows
                .iter()
                .find(|r| r["network"] == net && r["id"] == a["id"])
                .unwrap();
            for field in [
                "voice",
                "decision_maker",
                "voice_before",
                "voice_after",
                "voice_retained",
                "line_to",
                "voice_brokerage",
                "voice_brokerage_after",
            ] {
                if after(field) {
                    assert_eq!(r[field], Value::Null, "{net} {} {field}", a["id"]);
                } else {
                    assert_eq!(r[field], a[field], "{net} {} {field}", a["id"]);
                }
            }
        }
    }
    // Not vacuous: the tiny site has a voice who loses their line.
    let tiny = rows
        .iter()
        .find(|r| r["network"] == "data/real/tiny")
        .unwrap();
    assert_eq!(tiny["unheard_after"], 1);
    assert_eq!(tiny["steep_ties"], 3);
}

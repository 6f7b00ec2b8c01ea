//! `stakenet batch --compare-waves`: one row per site and consecutive pair
//! of waves, equal to `stakenet compare` on the two networks.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn stakenet() -> Command {
    Command::cargo_bin("stakenet").unwrap()
}

fn copy_net(from: &str, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for f in ["nodes.csv", "edges.csv"] {
        std::fs::copy(Path::new(from).join(f), to.join(f)).unwrap();
    }
}

/// Site `county` in waves 1, 2 and 10 (10: the first map again), site
/// `solo` in one wave, site `broken` in two waves, the second unreadable.
fn panel(dir: &Path) {
    copy_net("data/county-parenting-site", &dir.join("c1"));
    copy_net("data/county-parenting-site-wave2", &dir.join("c2"));
    copy_net("data/county-parenting-site", &dir.join("c10"));
    copy_net("data/real/tiny", &dir.join("solo"));
    copy_net("data/real/tiny", &dir.join("b1"));
    copy_net("data/invalid/trust_out_of_range", &dir.join("b2"));
    std::fs::write(
        dir.join("manifest.csv"),
        "path,site,wave\nc10,county,10\nc1,county,1\nc2,county,2\nsolo,solo,1\nb1,broken,1\nb2,broken,2\n",
    )
    .unwrap();
}

#[test]
fn one_row_per_site_and_consecutive_waves_equal_to_compare() {
    let dir = tempfile::tempdir().unwrap();
    panel(dir.path());
    let waves = dir.path().join("waves.jsonl");
    stakenet()
        .arg("batch")
        .arg(dir.path().join("manifest.csv"))
        .arg("-o")
        .arg(dir.path().join("summary.jsonl"))
        .arg("--compare-waves")
        .arg(&waves)
        .args(["--quiet", "--jobs", "2"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "3 wave pairs: 2 compared, 1 failed",
        ));
    let rows: Vec<Value> = std::fs::read_to_string(&waves)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let key: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["site"].as_str().unwrap(),
                r["wave_before"].as_str().unwrap(),
                r["wave_after"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(key, [("county", "1", "2"), ("county", "2", "10")]);

    // The first row holds what `stakenet compare` reports for the pair.
    let out = stakenet()
        .args([
            "compare",
            "data/county-parenting-site",
            "data/county-parenting-site-wave2",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let c: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let row = &rows[0];
    for (k, v) in c["summary"].as_object().unwrap() {
        assert_eq!(&row[k], v, "{k}");
    }
    for f in c["network"].as_array().unwrap() {
        let name = f["figure"].as_str().unwrap();
        for side in ["before", "after", "change"] {
            assert_eq!(row[format!("{name}_{side}")], f[side], "{name}_{side}");
        }
    }
    assert_eq!(row["stakeholder_stakeholder_formed"], 14);
    // Waves 2 → 10 undo 1 → 2: formed and dissolved swap.
    assert_eq!(rows[1]["ties_formed"], row["ties_dissolved"]);
    assert_eq!(rows[1]["stranded_change"], 2);

    // The broken pair is in the errors file, with the unreadable file.
    let errors = std::fs::read_to_string(dir.path().join("summary.errors.csv")).unwrap();
    assert!(
        errors.contains("broken: 1 → 2,") && errors.contains("b2/edges.csv,4,3,\"wave b2: trust:"),
        "{errors}"
    );
}

#[test]
fn csv_panel_has_a_fixed_header_and_waves_need_site_and_wave_columns() {
    let dir = tempfile::tempdir().unwrap();
    panel(dir.path());
    let waves = dir.path().join("waves.csv");
    stakenet()
        .arg("batch")
        .arg(dir.path().join("manifest.csv"))
        .arg("-o")
        .arg(dir.path().join("summary.csv"))
        .arg("--compare-waves")
        .arg(&waves)
        .arg("--quiet")
        .assert()
        .success();
    let text = std::fs::read_to_string(&waves).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.starts_with(
        "site,wave_before,wave_after,network_before,network_after,changed,changed_communication,comparable,"
    ));
    assert!(header.contains(
        ",group_bridges_lost_before,group_bridges_lost_after,group_bridges_lost_change,\
         mean_voice_before_before,mean_voice_before_after,mean_voice_before_change,"
    ));
    assert!(header.ends_with(",two_way_share_before,two_way_share_after,two_way_share_change"));
    assert_eq!(text.lines().count(), 3);

    // A folder root has no site or wave column.
    stakenet()
        .arg("batch")
        .arg(dir.path().join("c1"))
        .arg("--compare-waves")
        .arg(dir.path().join("w.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--compare-waves needs a manifest with \"site\" and \"wave\" columns",
        ));
}

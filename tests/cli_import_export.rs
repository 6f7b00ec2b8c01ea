//! `stakenet import`, `export` and `template` from the command line: files
//! written whole or not at all, never over an existing folder without
//! --force, and what was mapped said on stderr.

use std::path::Path;

mod common;
use common::stakenet;

#[test]
fn export_then_import_gives_a_folder_validate_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let site = "data/county-parenting-site";
    for (format, file) in [("graphml", "site.graphml"), ("kumu", "site.json")] {
        let out = dir.path().join(file);
        stakenet()
            .args(["export", format, site, "-o"])
            .arg(&out)
            .assert()
            .success();
        let net = dir.path().join(format!("net-{format}"));
        let import = if format == "kumu" { "kumu" } else { "graphml" };
        let run = stakenet()
            .args(["import", import])
            .arg(&out)
            .arg("-o")
            .arg(&net)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let said = String::from_utf8(run.stderr).unwrap();
        assert!(said.contains("→ 28 actors"), "{said}");
        assert!(said.contains("28 actors and 68 ties written"), "{said}");
        stakenet().arg("validate").arg(&net).assert().success();
        let a = stakenet()
            .args(["analyze", "--format", "json"])
            .arg(&net)
            .output()
            .unwrap();
        let b = stakenet()
            .args(["analyze", "--format", "json", site])
            .output()
            .unwrap();
        assert!(
            a.stdout == b.stdout,
            "{format}: the imported network differs"
        );

        // Never over an existing folder without --force.
        let again = stakenet()
            .args(["import", import])
            .arg(&out)
            .arg("-o")
            .arg(&net)
            .output()
            .unwrap();
        assert_eq!(again.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&again.stderr).contains("pass --force"));
        stakenet()
            .args(["import", import, "--force"])
            .arg(&out)
            .arg("-o")
            .arg(&net)
            .assert()
            .success();
    }
}

#[test]
fn a_failed_import_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.json");
    std::fs::write(
        &map,
        r#"{"elements": [{"label": "A"}, {"label": "B"}],
            "connections": [{"from": "A", "to": "B", "Strength": 0.5}]}"#,
    )
    .unwrap();
    let net = dir.path().join("net");
    let run = stakenet()
        .args(["import", "kumu"])
        .arg(&map)
        .arg("-o")
        .arg(&net)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8(run.stderr).unwrap();
    assert!(said.contains("--field trust=FIELD"), "{said}");
    assert!(!net.exists());
    // With the field named, it works.
    stakenet()
        .args(["import", "kumu", "--field", "trust=Strength"])
        .arg(&map)
        .arg("-o")
        .arg(&net)
        .assert()
        .success();
    assert!(net.join("nodes.csv").exists() && net.join("edges.csv").exists());
    // An unknown target is a usage error.
    stakenet()
        .args(["import", "kumu", "--field", "weight=Strength"])
        .arg(&map)
        .arg("-o")
        .arg(dir.path().join("other"))
        .assert()
        .code(2);
}

#[test]
fn export_refuses_to_write_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("site.xlsx");
    stakenet()
        .args(["export", "xlsx", "data/county-parenting-site", "-o"])
        .arg(&book)
        .assert()
        .success();
    let before = std::fs::read(&book).unwrap();
    let run = stakenet()
        .args(["export", "xlsx"])
        .arg(&book)
        .arg("-o")
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(std::fs::read(&book).unwrap(), before);
    // GEXF to standard output.
    let out = stakenet()
        .args(["export", "gexf"])
        .arg(&book)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out
        .stdout
        .starts_with(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
}

#[test]
fn template_then_analyze_just_works() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("site.xlsx");
    stakenet().arg("template").arg(&book).assert().success();
    let out = stakenet()
        .args(["analyze", "--format", "csv"])
        .arg(&book)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 6);
    // Only .xlsx names.
    stakenet()
        .arg("template")
        .arg(Path::new(dir.path()).join("site.csv"))
        .assert()
        .code(1);
}

#[test]
fn a_batch_manifest_may_name_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    stakenet()
        .arg("template")
        .arg(dir.path().join("site.xlsx"))
        .assert()
        .success();
    std::fs::write(dir.path().join("manifest.csv"), "path,arm\nsite.xlsx,a\n").unwrap();
    let out = stakenet()
        .args(["batch", "--format", "csv"])
        .arg(dir.path().join("manifest.csv"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().nth(1).unwrap().starts_with("site.xlsx,a,5,"),
        "{text}"
    );
}

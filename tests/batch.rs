//! `stakenet batch` and `stakenet merge`: the rows equal what `analyze`
//! reports for each network, and the bytes do not depend on threads, shards,
//! restarts or broken networks among the good ones.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::stakenet;

use serde_json::Value;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// A small random network (a fixed linear congruential generator, so every
/// run writes the same files): `n` actors, two external practitioners, some
/// directed ties when `directed`.
fn generated(dir: &Path, seed: u64, n: usize, directed: bool) {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    fs::create_dir_all(dir).unwrap();
    let mut nodes = String::from("id,kind,group,power,cohort\n");
    for i in 0..n {
        let kind = if i < 2 { "practitioner" } else { "stakeholder" };
        let power = (next() * 100.0).round() / 100.0;
        nodes.push_str(&format!("n{i:02},{kind},g{},{power},=c{i}\n", i % 3));
    }
    let mut edges = String::from("source,target,trust,directed\n");
    for i in 0..n {
        for j in i + 1..n {
            if next() < 0.25 {
                let trust = (next() * 100.0).round() / 100.0;
                let d = directed && next() < 0.5;
                edges.push_str(&format!("n{i:02},n{j:02},{trust},{d}\n"));
            }
        }
    }
    fs::write(dir.join("nodes.csv"), nodes).unwrap();
    fs::write(dir.join("edges.csv"), edges).unwrap();
}

/// A root with the example site, the published networks and generated ones.
fn good_root(root: &Path) -> Vec<PathBuf> {
    copy_dir(
        Path::new("data/county-parenting-site"),
        &root.join("county-parenting-site"),
    );
    copy_dir(Path::new("data/real"), &root.join("real"));
    for (i, (n, directed)) in [(12, false), (25, true), (40, false), (9, true)]
        .iter()
        .enumerate()
    {
        generated(&root.join(format!("gen/g{i}")), i as u64, *n, *directed);
    }
    let mut dirs: Vec<PathBuf> = vec![root.join("county-parenting-site")];
    for sub in ["real", "gen"] {
        for e in fs::read_dir(root.join(sub)).unwrap() {
            dirs.push(e.unwrap().path());
        }
    }
    dirs.sort();
    dirs
}

fn run_ok(args: &[&str]) -> Vec<u8> {
    let out = stakenet().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// CSV text → rows as column → cell maps.
fn csv_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .map(str::to_string)
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// A CSV cell equals a JSON value: empty for null, the same f64 bits for a
/// number, the same text otherwise.
fn same(cell: &str, json: &Value, what: &str) {
    match json {
        Value::Null => assert_eq!(cell, "", "{what}"),
        Value::Number(n) => {
            let got: f64 = cell.parse().unwrap_or_else(|_| panic!("{what}: {cell:?}"));
            assert_eq!(
                got.to_bits(),
                n.as_f64().unwrap().to_bits(),
                "{what}: {cell} vs {n}"
            );
        }
        Value::Bool(b) => assert_eq!(cell, b.to_string(), "{what}"),
        Value::String(s) => assert_eq!(cell, s.as_str(), "{what}"),
        other => panic!("{what}: unexpected {other}"),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn batch_rows_equal_analyze_for_every_network_and_actor() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    let dirs = good_root(&root);
    let (sum, act) = (tmp.path().join("s.csv"), tmp.path().join("a.csv"));
    run_ok(&["batch", s(&root), "-o", s(&sum), "--actors", s(&act), "-q"]);
    let summary = csv_rows(&sum);
    let actors = csv_rows(&act);
    let names: Vec<&str> = summary.iter().map(|r| r["network"].as_str()).collect();
    let expected: Vec<String> = dirs
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, expected);
    let errors = fs::read_to_string(tmp.path().join("s.errors.csv")).unwrap();
    assert_eq!(errors, "network,file,line,column,message\n");

    let mut actor_rows = actors.iter();
    for (row, dir) in summary.iter().zip(&dirs) {
        let json: Value =
            serde_json::from_slice(&run_ok(&["analyze", "--format", "json", s(dir)])).unwrap();
        let net = &json["network"];
        let name = dir.display();
        for field in [
            "actors",
            "ties",
            "arcs",
            "directed",
            "density",
            "components",
            "largest_component",
            "isolates",
            "mean_trust",
            "mean_power_differential",
            "reciprocity",
            "trust_asymmetry",
        ] {
            same(&row[field], &net[field], &format!("{name} {field}"));
        }
        for (i, kind) in [
            "practitioner_stakeholder",
            "stakeholder_stakeholder",
            "practitioner_team",
        ]
        .iter()
        .enumerate()
        {
            let r = &net["relationship_types"][i];
            assert_eq!(r["relationship"], *kind);
            for field in ["ties", "mean_trust", "mean_communication"] {
                same(
                    &row[&format!("{kind}_{field}")],
                    &r[field],
                    &format!("{name} {kind} {field}"),
                );
            }
        }
        let exit: Value =
            serde_json::from_slice(&run_ok(&["exit", "--format", "json", s(dir)])).unwrap();
        let exit = &exit["summary"];
        for field in ["stakeholders", "reach_before", "trusted_reach_before"] {
            same(&row[field], &exit[field], &format!("{name} {field}"));
        }
        // Where nobody leaves (no external practitioner), the figures
        // after the exit are null and the note says why.
        let nobody = exit["exit"].as_array().unwrap().is_empty();
        for field in [
            "reach_after",
            "fragmentation_after",
            "trusted_reach_after",
            "sustainability",
            "dependent_pairs",
        ] {
            let expected = if nobody { &Value::Null } else { &exit[field] };
            same(&row[field], expected, &format!("{name} {field}"));
        }
        let note = if nobody {
            "no external practitioners"
        } else {
            ""
        };
        assert_eq!(row["exit_note"], note, "{name}");
        let ids = |v: &Value| -> String {
            let list: Vec<&str> = v
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap())
                .collect();
            list.join(";")
        };
        assert_eq!(row["exit"], ids(&exit["exit"]), "{name}");
        assert_eq!(row["stranded"], ids(&exit["stranded"]), "{name}");
        for a in json["actors"].as_array().unwrap() {
            let got = actor_rows.next().expect("an actor row per actor");
            assert_eq!(got["network"], row["network"]);
            for field in [
                "id",
                "kind",
                "group",
                "power",
                "degree",
                "strength",
                "mean_trust_given",
                "mean_trust_received",
                "constraint",
                "effective_size",
                "hierarchy",
                "gatekeeper",
                "brokerage_total",
                "betweenness",
                "closeness",
                "pagerank",
            ] {
                same(
                    &got[field],
                    &a[field],
                    &format!("{name} {} {field}", a["id"]),
                );
            }
            let attributes: Value = serde_json::from_str(&got["attributes"]).unwrap();
            assert_eq!(attributes, a["attributes"], "{name}");
        }
    }
    assert!(actor_rows.next().is_none());
}

#[test]
fn jsonl_rows_carry_the_same_values_and_nested_attributes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    generated(&root.join("g"), 7, 15, true);
    let (sum, act) = (tmp.path().join("s.jsonl"), tmp.path().join("a.jsonl"));
    run_ok(&["batch", s(&root), "-o", s(&sum), "--actors", s(&act)]);
    let json: Value = serde_json::from_slice(&run_ok(&[
        "analyze",
        "--format",
        "json",
        s(&root.join("g")),
    ]))
    .unwrap();
    let text = fs::read_to_string(&sum).unwrap();
    let row: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert_eq!(row["density"], json["network"]["density"]);
    assert_eq!(
        row["stakeholder_stakeholder_mean_trust"],
        json["network"]["relationship_types"][1]["mean_trust"]
    );
    let actors: Vec<Value> = fs::read_to_string(&act)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(actors.len(), 15);
    assert_eq!(actors[3]["strength"], json["actors"][3]["strength"]);
    assert_eq!(
        actors[3]["attributes"],
        serde_json::json!({"cohort": "=c3"})
    );
}

/// Run a batch and return (summary, actors, errors) bytes.
fn outputs(root: &Path, dir: &Path, tag: &str, extra: &[&str]) -> [Vec<u8>; 3] {
    let sum = dir.join(format!("{tag}.csv"));
    let act = dir.join(format!("{tag}.actors.csv"));
    let mut args = vec!["batch", s(root), "-o", s(&sum), "--actors", s(&act), "-q"];
    args.extend_from_slice(extra);
    run_ok(&args);
    [
        fs::read(&sum).unwrap(),
        fs::read(&act).unwrap(),
        fs::read(dir.join(format!("{tag}.errors.csv"))).unwrap(),
    ]
}

fn broken_root(root: &Path) {
    good_root(root);
    for bad in [
        "trust_nan",
        "several_problems",
        "wrong_field_count",
        "invalid_utf8",
    ] {
        copy_dir(
            &Path::new("data/invalid").join(bad),
            &root.join("bad").join(bad),
        );
    }
    // A folder with no edges.csv is reported, not skipped.
    fs::create_dir_all(root.join("bad/no_edges")).unwrap();
    fs::write(root.join("bad/no_edges/nodes.csv"), "id\na\n").unwrap();
}

#[test]
fn threads_and_shards_do_not_change_a_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    broken_root(&root);
    let one = outputs(&root, tmp.path(), "j1", &["--jobs", "1"]);
    let four = outputs(&root, tmp.path(), "j4", &["--jobs", "4"]);
    assert_eq!(one, four);
    assert!(one[2].len() > 100);

    let mut shard_files: [Vec<String>; 3] = Default::default();
    for k in 1..=3 {
        let tag = format!("shard{k}");
        outputs(&root, tmp.path(), &tag, &["--shard", &format!("{k}/3")]);
        for (i, suffix) in [".csv", ".actors.csv", ".errors.csv"].iter().enumerate() {
            shard_files[i].push(
                tmp.path()
                    .join(format!("{tag}{suffix}"))
                    .display()
                    .to_string(),
            );
        }
    }
    for (i, files) in shard_files.iter().enumerate() {
        let merged = tmp.path().join(format!("merged{i}.csv"));
        let mut args = vec!["merge".to_string()];
        // Shard order on the command line does not matter.
        args.extend(files.iter().rev().cloned());
        args.extend(["-o".to_string(), merged.display().to_string()]);
        stakenet().args(&args).assert().success();
        assert_eq!(fs::read(&merged).unwrap(), one[i], "{files:?}");
    }
}

#[test]
fn broken_networks_are_listed_with_their_locations_and_the_rest_finish() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    broken_root(&root);
    let sum = tmp.path().join("out.csv");
    let out = stakenet()
        .args(["batch", s(&root), "-o", s(&sum)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("stakenet: batch: 18 networks: 13 analysed, 5 failed (see "),
        "{stderr}"
    );
    assert_eq!(csv_rows(&sum).len(), 13);
    let errors = csv_rows(&tmp.path().join("out.errors.csv"));
    let mut lines = Vec::new();
    for e in &errors {
        let network = Path::new(&e["network"]);
        assert!(e["file"].starts_with(&e["network"]));
        let file = Path::new(&e["file"])
            .strip_prefix(network.parent().unwrap())
            .unwrap();
        lines.push(match e["line"].as_str() {
            "" => format!("{}: {}", file.display(), e["message"]),
            line => format!(
                "{}:{line}:{}: {}",
                file.display(),
                e["column"],
                e["message"]
            ),
        });
    }
    let mut expected = Vec::new();
    for bad in [
        "invalid_utf8",
        "several_problems",
        "trust_nan",
        "wrong_field_count",
    ] {
        let text = fs::read_to_string(format!("data/invalid/{bad}/expected.txt")).unwrap();
        expected.extend(
            text.lines()
                .map(|l| l.strip_prefix("data/invalid/").unwrap().to_string()),
        );
    }
    expected.insert(
        1,
        "no_edges/edges.csv: cannot read: No such file or directory (os error 2)".to_string(),
    );
    assert_eq!(lines, expected);

    stakenet()
        .args(["batch", s(&root), "-o", s(&sum), "--strict", "-q"])
        .assert()
        .code(1);
    assert_eq!(
        csv_rows(&sum).len(),
        13,
        "--strict still writes the outputs"
    );
}

/// Give the outputs `to`.csv and `to`.actors.csv the run records of
/// `from`.csv and `from`.actors.csv, their finished output's section as the
/// `section` ("output" or "partial").
fn copy_record(dir: &Path, from: &str, to: &str, section: &str) {
    for suffix in [".csv.run.json", ".actors.csv.run.json"] {
        let record: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.join(format!("{from}{suffix}"))).unwrap())
                .unwrap();
        let copy = serde_json::json!({
            "output": if section == "output" { record["output"].clone() } else { serde_json::Value::Null },
            "partial": if section == "partial" { record["output"].clone() } else { serde_json::Value::Null },
        });
        fs::write(dir.join(format!("{to}{suffix}")), copy.to_string()).unwrap();
    }
}

#[test]
fn resume_after_more_networks_or_a_cut_file_equals_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    broken_root(&root);
    let full = outputs(&root, tmp.path(), "full", &[]);

    // A run over part of the networks, then the rest added and --resume.
    let part = tmp.path().join("part");
    copy_dir(&root, &part);
    fs::remove_dir_all(part.join("gen")).unwrap();
    fs::remove_dir_all(part.join("real/lazega")).unwrap();
    outputs(&part, tmp.path(), "r", &[]);
    // Rows are named by path, so the subset has to live under the same root.
    let sub_rows = fs::read_to_string(tmp.path().join("r.csv"))
        .unwrap()
        .replace(s(&part), s(&root));
    let sub_actors = fs::read_to_string(tmp.path().join("r.actors.csv"))
        .unwrap()
        .replace(s(&part), s(&root));
    fs::write(tmp.path().join("r.csv"), &sub_rows).unwrap();
    fs::write(tmp.path().join("r.actors.csv"), &sub_actors).unwrap();
    for file in ["r.csv.run.json", "r.actors.csv.run.json"] {
        let record = fs::read_to_string(tmp.path().join(file)).unwrap();
        // JSON escapes nothing in a temporary folder's path.
        fs::write(tmp.path().join(file), record.replace(s(&part), s(&root))).unwrap();
    }
    let resumed = outputs(&root, tmp.path(), "r", &["--resume"]);
    assert_eq!(resumed, full);

    // Outputs cut mid-row (an interrupted copy), then resumed.
    for (cut_summary, cut_actors) in [(0.6, 0.3), (0.3, 0.9), (0.0, 0.5)] {
        let cut = |bytes: &[u8], f: f64| bytes[..(bytes.len() as f64 * f) as usize].to_vec();
        fs::write(tmp.path().join("c.csv"), cut(&full[0], cut_summary)).unwrap();
        fs::write(tmp.path().join("c.actors.csv"), cut(&full[1], cut_actors)).unwrap();
        copy_record(tmp.path(), "full", "c", "output");
        let resumed = outputs(&root, tmp.path(), "c", &["--resume"]);
        assert_eq!(resumed, full, "cut at {cut_summary}, {cut_actors}");
    }

    // An interrupted run leaves only FILE.partial; --resume picks it up.
    let cut = &full[0][..full[0].len() / 2];
    fs::write(tmp.path().join("p.csv.partial"), cut).unwrap();
    fs::write(tmp.path().join("p.actors.csv.partial"), &full[1]).unwrap();
    copy_record(tmp.path(), "full", "p", "partial");
    let resumed = outputs(&root, tmp.path(), "p", &["--resume"]);
    assert_eq!(resumed, full);
    assert!(!tmp.path().join("p.csv.partial").exists());

    // An output with other columns is not mixed in: refused for want of a
    // run record and, with one, for its columns.
    fs::write(tmp.path().join("x.csv"), "network,other\na,1\n").unwrap();
    let resume_x = || {
        stakenet()
            .args([
                "batch",
                s(&root),
                "-o",
                s(&tmp.path().join("x.csv")),
                "--resume",
            ])
            .output()
            .unwrap()
    };
    let out = resume_x();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.csv: no run record describes it"));
    fs::write(tmp.path().join("x.csv"), "network,other\na,1\n").unwrap();
    copy_record(tmp.path(), "full", "x", "output");
    let out = resume_x();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("cannot resume: its columns differ at column 2"));
}

#[test]
fn manifest_columns_are_carried_into_the_summary() {
    let tmp = tempfile::tempdir().unwrap();
    generated(&tmp.path().join("nets/b"), 1, 10, false);
    generated(&tmp.path().join("nets/a"), 2, 12, true);
    let manifest = tmp.path().join("sites.csv");
    fs::write(
        &manifest,
        "site,path,wave,note\nNorth,nets/b,1,\"+1, checked\"\nSouth,nets/a,2,\n",
    )
    .unwrap();
    let out = run_ok(&["batch", s(&manifest)]);
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("network,site,wave,note,actors,practitioners_external,"));
    assert!(lines.next().unwrap().starts_with("nets/a,South,2,,12,2,"));
    assert!(lines
        .next()
        .unwrap()
        .starts_with("nets/b,North,1,\"'+1, checked\",10,2,"));
    assert!(lines.next().is_none());
}

#[test]
fn merge_refuses_outputs_of_different_batches() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.csv");
    let b = tmp.path().join("b.csv");
    fs::write(&a, "network,actors\nx,3\n").unwrap();
    fs::write(&b, "network,site,actors\ny,s,3\n").unwrap();
    let out = stakenet().args(["merge", s(&a), s(&b)]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "stakenet: {}: cannot merge with {}: its columns differ at column 2: \"site\" where \"actors\" was expected\n",
            b.display(),
            a.display()
        )
    );
}

/// The JSON lines of a batch summary.
fn jsonl_rows(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The summary columns that describe the network after the exit.
const AFTER_EXIT: [&str; 10] = [
    "reach_after",
    "fragmentation_after",
    "trusted_reach_after",
    "sustainability",
    "dependent_pairs",
    "stranded",
    "group_bridges_lost",
    "mean_voice_after",
    "voice_sustainability",
    "unheard_after",
];

#[test]
fn issue_18_exit_ids_missing_from_a_network_keep_its_row_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    copy_dir(Path::new("data/real/tiny"), &root.join("tiny"));
    copy_dir(
        Path::new("data/county-parenting-site"),
        &root.join("county"),
    );
    let sum = tmp.path().join("s.jsonl");
    let out = stakenet()
        .args(["batch", s(&root), "-o", s(&sum), "--exit", "p1,p2"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("2 networks: 2 analysed, 0 failed; 1 where nobody leaves"),
        "{stderr}"
    );
    let exit: Value = serde_json::from_slice(&run_ok(&[
        "exit",
        "--format",
        "json",
        "--exit",
        "p1,p2",
        s(&root.join("tiny")),
    ]))
    .unwrap();
    let rows = jsonl_rows(&sum);
    assert_eq!(rows.len(), 2);
    let (county, tiny) = (&rows[0], &rows[1]);
    assert_eq!(tiny["exit"], serde_json::json!(["p1", "p2"]));
    assert_eq!(tiny["default_exit"], false);
    for field in [
        "reach_after",
        "sustainability",
        "stranded",
        "group_bridges_lost",
    ] {
        assert_eq!(tiny[field], exit["summary"][field], "{field}");
    }
    assert_eq!(tiny["exit_note"], Value::Null);
    // The county has neither id: its analyze figures stay, its figures
    // after the exit are null and the note says why.
    let analyze: Value = serde_json::from_slice(&run_ok(&[
        "analyze",
        "--format",
        "json",
        s(&root.join("county")),
    ]))
    .unwrap();
    for (field, value) in analyze["network"].as_object().unwrap() {
        if value.is_number() {
            assert_eq!(&county[field], value, "{field}");
        }
    }
    assert_eq!(county["exit"], serde_json::json!([]));
    for field in AFTER_EXIT {
        assert_eq!(county[field], Value::Null, "{field}");
    }
    assert_eq!(
        county["exit_note"],
        "no actor has the ids \"p1\", \"p2\" (given with --exit)"
    );
    // Nothing in the errors file.
    assert!(csv_rows(&tmp.path().join("s.errors.csv")).is_empty());
}

#[test]
fn issue_18_no_external_practitioners_nulls_the_exit_figures_with_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    copy_dir(Path::new("data/real/tiny"), &root.join("tiny"));
    // The county site with its practitioners made internal.
    copy_dir(
        Path::new("data/county-parenting-site"),
        &root.join("county"),
    );
    let nodes = fs::read_to_string(root.join("county/nodes.csv")).unwrap();
    fs::write(
        root.join("county/nodes.csv"),
        nodes.replace(",practitioner,external,", ",practitioner,internal,"),
    )
    .unwrap();
    let sum = tmp.path().join("s.jsonl");
    let actors = tmp.path().join("a.jsonl");
    run_ok(&[
        "batch",
        s(&root),
        "-o",
        s(&sum),
        "--actors",
        s(&actors),
        "-q",
    ]);
    let rows = jsonl_rows(&sum);
    let exit: Value = serde_json::from_slice(&run_ok(&[
        "exit",
        "--format",
        "json",
        s(&root.join("county")),
    ]))
    .unwrap();
    // `exit` itself keeps the contract's figures (sustainability 1 when
    // nobody leaves); the batch nulls them and says why.
    assert_eq!(exit["summary"]["exit"], serde_json::json!([]));
    assert_eq!(exit["summary"]["sustainability"], 1.0);
    let county = &rows[0];
    for field in AFTER_EXIT {
        assert_eq!(county[field], Value::Null, "{field}");
    }
    for field in ["reach_before", "trusted_reach_before", "stakeholders"] {
        assert_eq!(county[field], exit["summary"][field], "{field}");
        assert!(county[field].is_number(), "{field}");
    }
    assert_eq!(county["exit_note"], "no external practitioners");
    assert!(rows[1]["sustainability"].is_number());
    assert_eq!(rows[1]["exit_note"], Value::Null);
    // Per actor, the voice figures after the exit are null there too.
    for a in jsonl_rows(&actors) {
        let county = a["network"].as_str().unwrap().ends_with("county");
        for field in ["voice_after", "voice_retained", "voice_brokerage_after"] {
            if county {
                assert_eq!(a[field], Value::Null, "{field}");
            }
        }
        if !county && a["voice_before"].as_f64().is_some_and(|v| v > 0.0) {
            assert!(a["voice_retained"].is_number(), "{a}");
        }
    }
}

#[test]
fn issue_18_exit_kind_and_role_choose_who_leaves_in_each_network() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    copy_dir(Path::new("data/real/tiny"), &root.join("tiny"));
    copy_dir(
        Path::new("data/county-parenting-site"),
        &root.join("county"),
    );
    let sum = tmp.path().join("s.jsonl");
    run_ok(&[
        "batch",
        s(&root),
        "-o",
        s(&sum),
        "--exit-kind",
        "practitioner",
        "--exit-role",
        "data_coach",
        "-q",
    ]);
    let rows = jsonl_rows(&sum);
    // The county's data coach leaves; tiny has no such role.
    assert_eq!(rows[0]["exit"], serde_json::json!(["data_coach"]));
    let by_id: Value = serde_json::from_slice(&run_ok(&[
        "exit",
        "--format",
        "json",
        "--exit",
        "data_coach",
        s(&root.join("county")),
    ]))
    .unwrap();
    for field in AFTER_EXIT.iter().take(7) {
        assert_eq!(rows[0][*field], by_id["summary"][*field], "{field}");
    }
    assert_eq!(rows[0]["exit_note"], Value::Null);
    assert_eq!(rows[1]["exit"], serde_json::json!([]));
    assert_eq!(rows[1]["sustainability"], Value::Null);
    assert_eq!(
        rows[1]["exit_note"],
        "no practitioners with the role \"data_coach\" to leave"
    );
    // `exit` takes the same flags: every practitioner, internal ones too.
    let by_kind: Value = serde_json::from_slice(&run_ok(&[
        "exit",
        "--format",
        "json",
        "--exit-kind",
        "practitioner",
        s(&root.join("county")),
    ]))
    .unwrap();
    assert_eq!(
        by_kind["summary"]["exit"],
        serde_json::json!(["data_coach", "imp_lead", "isp_lead"])
    );
    // They name people by what they are, so not with --exit; and the
    // choice is part of the run record (--resume refuses another).
    let out = stakenet()
        .args(["batch", s(&root), "--exit", "p1", "--exit-role", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = stakenet()
        .args([
            "batch",
            s(&root),
            "-o",
            s(&sum),
            "--exit-role",
            "data_coach",
        ])
        .arg("--resume")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("other options"), "{stderr}");
}

#[test]
fn jsonl_shards_merge_to_the_single_run() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    for i in 0..5 {
        generated(
            &root.join(format!("n{i}")),
            20 + i,
            10 + i as usize,
            i % 2 == 0,
        );
    }
    let one = tmp.path().join("one.jsonl");
    run_ok(&["batch", s(&root), "-o", s(&one), "-q"]);
    let mut shards = Vec::new();
    for k in 1..=2 {
        let out = tmp.path().join(format!("shard{k}.jsonl"));
        run_ok(&[
            "batch",
            s(&root),
            "--shard",
            &format!("{k}/2"),
            "-o",
            s(&out),
            "-q",
        ]);
        shards.push(out.display().to_string());
    }
    let mut args = vec!["merge".to_string()];
    args.extend(shards);
    let merged = run_ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(merged, fs::read(&one).unwrap());
    assert_eq!(String::from_utf8(merged).unwrap().lines().count(), 5);
}

#[test]
fn sampled_betweenness_in_a_batch_equals_analyze_with_the_same_sample() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("sites");
    generated(&root.join("a"), 11, 40, false);
    generated(&root.join("b"), 12, 30, true);
    let actors = tmp.path().join("actors.csv");
    run_ok(&[
        "batch",
        s(&root),
        "-o",
        s(&tmp.path().join("summary.csv")),
        "--actors",
        s(&actors),
        "--betweenness-sample",
        "5",
        "--seed",
        "3",
        "--quiet",
    ]);
    let rows = csv_rows(&actors);
    for site in ["a", "b"] {
        let dir = root.join(site);
        let report: Value = serde_json::from_slice(&run_ok(&[
            "analyze",
            s(&dir),
            "--format",
            "json",
            "--betweenness-sample",
            "5",
            "--seed",
            "3",
        ]))
        .unwrap();
        let exact: Value =
            serde_json::from_slice(&run_ok(&["analyze", s(&dir), "--format", "json"])).unwrap();
        let mut differs = false;
        for (k, actor) in report["actors"].as_array().unwrap().iter().enumerate() {
            let id = actor["id"].as_str().unwrap();
            let row = rows
                .iter()
                .find(|r| r["network"] == s(&dir) && r["id"] == id)
                .unwrap_or_else(|| panic!("{site}/{id} missing"));
            same(&row["betweenness"], &actor["betweenness"], id);
            differs |= actor["betweenness"] != exact["actors"][k]["betweenness"];
        }
        // Five sources out of 30–40 is an estimate, not the exact value.
        assert!(differs, "{site}: the sample changed nothing");
    }
}

// A network path that starts like a formula is written with a `'` prefix in
// CSV; --resume and merge read it back without the prefix, so such a network
// is kept, not recomputed, and sorts where a single run puts it.
#[test]
fn issue_7_formula_like_network_names_survive_resume_and_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("sites");
    generated(&root.join("-north"), 21, 12, false);
    generated(&root.join("(east)"), 22, 12, false);
    generated(&root.join("+south"), 23, 12, false);
    // A manifest names networks by its `path` cells as written.
    let manifest = root.join("manifest.csv");
    fs::write(&manifest, "path,region\n-north,=n\n(east),e\n+south,s\n").unwrap();
    let one = tmp.path().join("one.csv");
    run_ok(&["batch", s(&manifest), "-o", s(&one), "--quiet"]);
    let text = fs::read_to_string(&one).unwrap();
    assert!(
        text.contains("\n'-north,'=n,") && text.contains("\n'+south,s,"),
        "{text}"
    );

    let out = stakenet()
        .args(["batch", s(&manifest), "-o", s(&one), "--resume"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 kept from the earlier run"), "{stderr}");
    assert_eq!(fs::read_to_string(&one).unwrap(), text);

    let mut shards = Vec::new();
    for k in 1..=2 {
        let p = tmp.path().join(format!("shard-{k}.csv"));
        run_ok(&[
            "batch",
            s(&manifest),
            "--shard",
            &format!("{k}/2"),
            "-o",
            s(&p),
            "--quiet",
        ]);
        shards.push(p);
    }
    let merged = tmp.path().join("merged.csv");
    run_ok(&["merge", s(&shards[0]), s(&shards[1]), "-o", s(&merged)]);
    assert_eq!(fs::read_to_string(&merged).unwrap(), text);
}

/// Send `signal` (a `kill` name: INT, TERM) to a process.
#[cfg(unix)]
fn signal(pid: u32, signal: &str) {
    let sent = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(sent.success());
}

#[cfg(unix)]
#[test]
fn issue_18_an_interrupted_batch_says_how_to_resume_and_resume_finishes_it() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    // Enough networks that the batch is still running when the signal
    // comes (about 15 ms each on one worker in a debug build).
    for i in 0..400 {
        generated(&root.join(format!("n{i:03}")), i as u64, 40, i % 2 == 0);
    }
    let whole = tmp.path().join("whole.csv");
    let whole_actors = tmp.path().join("whole-actors.csv");
    run_ok(&[
        "batch",
        s(&root),
        "-o",
        s(&whole),
        "--actors",
        s(&whole_actors),
        "-q",
    ]);
    for sig in ["INT", "TERM"] {
        let out = tmp.path().join(format!("{sig}.csv"));
        let actors = tmp.path().join(format!("{sig}-actors.csv"));
        let child = Command::new(assert_cmd::cargo::cargo_bin("stakenet"))
            .args(["batch", s(&root), "-o", s(&out), "--actors", s(&actors)])
            .args(["--jobs", "1", "-q"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait for a few rows, then interrupt.
        let partial = tmp.path().join(format!("{sig}.csv.partial"));
        let started = Instant::now();
        while fs::read(&partial).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) < 4 {
            assert!(started.elapsed() < Duration::from_secs(60), "no rows");
            std::thread::sleep(Duration::from_millis(20));
        }
        signal(child.id(), sig);
        let stopped = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(stopped.stderr).unwrap();
        assert_eq!(stopped.status.code(), Some(130), "{sig}: {stderr}");
        assert!(!out.exists(), "{sig}: the output appeared unfinished");
        let (done, of) = stderr
            .split("interrupted after ")
            .nth(1)
            .and_then(|t| t.split_once(" networks"))
            .and_then(|(t, _)| t.split_once(" of "))
            .unwrap_or_else(|| panic!("{sig}: {stderr}"));
        let done: usize = done.parse().unwrap();
        assert!((3..400).contains(&done) && of == "400", "{sig}: {stderr}");
        // The partials are a prefix of the whole run, row for row.
        let kept = fs::read(&partial).unwrap();
        let full = fs::read(&whole).unwrap();
        assert_eq!(kept[..], full[..kept.len()], "{sig}");
        assert_eq!(kept.iter().filter(|&&c| c == b'\n').count(), done + 1);
        // The command it prints, run as it is, finishes the batch.
        let command = stderr
            .lines()
            .last()
            .unwrap()
            .strip_prefix("  ")
            .unwrap_or_else(|| panic!("{sig}: {stderr}"));
        assert!(command.ends_with(" -q --resume"), "{command}");
        let resumed = Command::new("sh").args(["-c", command]).output().unwrap();
        let resumed_err = String::from_utf8_lossy(&resumed.stderr);
        assert!(resumed.status.success(), "{sig}: {resumed_err}");
        assert_eq!(fs::read(&out).unwrap(), full, "{sig}");
        assert_eq!(
            fs::read(&actors).unwrap(),
            fs::read(&whole_actors).unwrap(),
            "{sig}"
        );
    }
}

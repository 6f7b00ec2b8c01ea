//! Regression tests for bugs found by fuzzing and by the hostile-input review
//! of issue 7, each named after the bug.

use std::path::Path;

use stakenet::io::{read, LoadOptions};
use stakenet::{Error, InputErrorKind, InputErrors, Network};

fn load(nodes: &[u8], edges: &[u8]) -> Result<Network, Error> {
    read(
        Path::new("nodes.csv"),
        nodes,
        Path::new("edges.csv"),
        edges,
        &LoadOptions::default(),
    )
}

fn problems(nodes: &[u8], edges: &[u8]) -> InputErrors {
    match load(nodes, edges) {
        Err(Error::Input(p)) => p,
        Err(other) => panic!("expected input errors, found {other}"),
        Ok(_) => panic!("expected the input to be refused"),
    }
}

fn messages(nodes: &[u8], edges: &[u8]) -> Vec<String> {
    problems(nodes, edges)
        .errors
        .iter()
        .map(|e| e.to_string())
        .collect()
}

// See: issue 7, fuzz target `load`, crash-f11ee9c4 (a header name holding
// U+0002 was printed raw in the location of every message about its column).
#[test]
fn issue_7_header_name_control_characters_are_escaped_in_messages() {
    let m = messages(
        b"id,label,kind,group,power\x02a\nb,Ben,stakeholder,G1\n",
        b"source,target,trust\n",
    );
    assert_eq!(
        m,
        ["nodes.csv:2:5: power\\u{2}a: expected 5 fields as in the header, found 4"]
    );
}

// See: issue 7 review. An id holding an escape sequence was printed raw in
// the duplicate-id, self-loop and duplicate-tie messages (and so by
// `validate` straight to the terminal).
#[test]
fn issue_7_ids_in_messages_are_escaped() {
    let m = messages(
        b"id\na\x1b[2J\na\x1b[2J\nb\n",
        b"source,target,trust\nb,b,0.5\na\x1b[2J,b,0.5\nb,a\x1b[2J,0.5\n",
    );
    assert_eq!(
        m,
        [
            "nodes.csv:3:1: id: expected a unique id, found \"a\\u{1b}[2J\" again (first at line 2)",
            "edges.csv:2:2: target: expected two different actors, found a self-loop on \"b\"",
            "edges.csv:4:1: source: expected one row per tie, found b–a\\u{1b}[2J again (first at line 3)",
        ]
    );
}

// See: issue 7 review. A quote left open swallowed the rest of nodes.csv
// without complaint; the only message was about a tie to an actor in the
// swallowed rows, in the other file.
#[test]
fn issue_7_an_open_quote_is_reported_where_it_opens() {
    let m = messages(
        b"id,label\na,\"Ann\nb,Bo\n",
        b"source,target,trust\na,b,0.5\n",
    );
    assert_eq!(
        m,
        ["nodes.csv:2:2: label: expected a closing quote, found the end of the file (the quoted field that starts here runs to the end)"]
    );
}

// See: issue 7 review. A nodes file with only its header loaded as a network
// of no actors, and every report was written about nothing.
#[test]
fn issue_7_a_nodes_file_without_actors_is_refused() {
    let m = messages(b"id,label\r\n", b"source,target,trust\n");
    assert_eq!(
        m,
        ["nodes.csv:1:1: header: expected at least one actor row after the header, found none"]
    );
}

// See: issue 7 review. A 10 MB label was accepted, and the table padded every
// row to its width (30 MB of output for two actors); a million columns took
// 20 s and 450 MB before a report was written.
#[test]
fn issue_7_huge_cells_and_too_many_columns_are_refused() {
    let mut nodes = b"id,label\na,".to_vec();
    nodes.extend(std::iter::repeat_n(b'x', 65_537));
    nodes.push(b'\n');
    assert_eq!(
        messages(&nodes, b"source,target,trust\n"),
        ["nodes.csv:2:2: label: expected a cell of at most 65536 bytes, found 65537 bytes"]
    );
    let header = (0..4097)
        .map(|k| format!("c{k}"))
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        messages(
            format!("id,{header}\n").as_bytes(),
            b"source,target,trust\n"
        ),
        ["nodes.csv:1:1: header: expected at most 4096 columns, found 4098"]
    );
}

mod cli {
    use std::fs;

    use assert_cmd::Command;

    fn stakenet() -> Command {
        Command::cargo_bin("stakenet").unwrap()
    }

    fn net(nodes: &str, edges: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("nodes.csv"), nodes).unwrap();
        fs::write(dir.path().join("edges.csv"), edges).unwrap();
        dir
    }

    // See: issue 7 review. The exit and plan findings are prose, not table
    // cells, and printed labels raw: a label could clear or recolour the
    // terminal.
    #[test]
    fn issue_7_findings_sanitise_labels() {
        let dir = net(
            "id,label,kind,group\np,\"\u{1b}[2J\u{202e}Pat\",practitioner,\na,Ann,stakeholder,\"\u{1b}[31mG\"\nb,Bo,stakeholder,H\n",
            "source,target,trust\np,a,0.9\np,b,0.8\n",
        );
        for cmd in [&["exit"][..], &["plan", "--budget", "1"]] {
            let out = stakenet()
                .args(cmd)
                .arg(dir.path())
                .args(["--format", "table"])
                .output()
                .unwrap();
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(
                text.starts_with("If the external practitioners leave (?[2J?Pat), "),
                "{text}"
            );
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{202e}'),
                "{text:?}"
            );
        }
    }

    // See: issue 7 review. CSV cells were neutralised but the column names of
    // extra nodes.csv columns, which reach the CSV header, were not.
    #[test]
    fn issue_7_csv_column_names_are_neutralised() {
        let dir = net("id,=1+1\na,x\nb,y\n", "source,target,trust\na,b,0.5\n");
        let out = stakenet()
            .args(["analyze", "--format", "csv"])
            .arg(dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.lines().next().unwrap().ends_with(",'=1+1"), "{text}");
    }

    // See: issue 7 review. A missing file was named with its OS error twice
    // ("…: No such file or directory (os error 2): No such file or …"), and
    // a folder named nodes.csv was "expected well-formed CSV".
    #[test]
    fn issue_7_unreadable_files_are_named_once_and_plainly() {
        let dir = tempfile::tempdir().unwrap();
        let out = stakenet().arg("analyze").arg(dir.path()).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            stderr.matches("No such file or directory").count(),
            1,
            "{stderr}"
        );
        fs::create_dir(dir.path().join("nodes.csv")).unwrap();
        fs::write(
            dir.path().join("edges.csv"),
            "source,target,trust
",
        )
        .unwrap();
        let out = stakenet().arg("validate").arg(dir.path()).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stdout.contains(
                "nodes.csv:1:1: header: expected a readable file, found an error: Is a directory"
            ),
            "{stdout}"
        );
    }

    // See: issue 7 review. -o compared canonical paths only, so a hard link
    // to nodes.csv was replaced by the report.
    #[test]
    fn issue_7_output_hard_linked_to_an_input_is_refused() {
        let nodes = "id\na\nb\n";
        let dir = net(nodes, "source,target,trust\na,b,0.5\n");
        let link = dir.path().join("report.json");
        fs::hard_link(dir.path().join("nodes.csv"), &link).unwrap();
        stakenet()
            .arg("analyze")
            .arg(dir.path())
            .arg("-o")
            .arg(&link)
            .assert()
            .code(1);
        assert_eq!(
            fs::read_to_string(dir.path().join("nodes.csv")).unwrap(),
            nodes
        );
    }
}

// See: issue 7 review. The csv reader holds a whole field in memory, so a
// quote opened near the top of a 200 MB file cost 200 MB before any check
// ran; reading now stops a little past the cell limit (7 MB peak RSS).
#[test]
fn issue_7_a_runaway_field_stops_the_reading() {
    let mut nodes = b"id,label\na,\"".to_vec();
    nodes.extend(std::iter::repeat_n(b'x', 3 << 20));
    nodes.extend(b"\"\nb,B\n");
    assert_eq!(
        messages(&nodes, b"source,target,trust\na,b,0.5\n"),
        ["nodes.csv:2:2: label: expected a cell of at most 65536 bytes, found a field still going after 1048576 bytes; the rest of the file was not read"]
    );
}

/// The committed fuzz corpus (seeds from data/ and every crash the fuzzers
/// found), replayed through the loader's checks of the `load` target: CI
/// runs this, never the fuzzer.
#[test]
fn issue_7_fuzz_corpus_replays_cleanly() {
    const SEPARATOR: &[u8] = b"\n--edges.csv--\n";
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut inputs = 0;
    for target in ["load", "pipeline"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(target))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let (nodes, edges) = match data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
                Some(at) => (&data[..at], &data[at + SEPARATOR.len()..]),
                None => (&data[..], &[][..]),
            };
            inputs += 1;
            match load(nodes, edges) {
                Ok(net) => {
                    // Whatever loads goes through every report.
                    let _ = stakenet::report::analyze(&net);
                    let spec = stakenet::metrics::ExitSpec::default_for(&net);
                    let (m, impact) =
                        stakenet::metrics::exit::exit_and_impact(&net, &spec, true).unwrap();
                    let _ = stakenet::report::exit(&net, &spec, &m, &impact, None);
                }
                Err(Error::Input(p)) => {
                    for e in &p.errors {
                        let text = e.to_string();
                        assert!(
                            !text.chars().any(char::is_control),
                            "{}: {text:?}",
                            file.display()
                        );
                    }
                }
                Err(other) => panic!("{}: {other}", file.display()),
            }
        }
    }
    assert!(inputs >= 66, "{inputs} corpus files");
}

/// The committed corpus of the `foreign` fuzz target (GraphML and Kumu
/// seeds, hand-made broken files and whatever the fuzzer kept), replayed
/// with the target's checks: the importers never panic, a refusal names the
/// file on every line and holds no control character but line breaks, and
/// an accepted import's own files load again.
#[test]
fn foreign_fuzz_corpus_replays_cleanly() {
    use stakenet::io::graphml::read_graphml;
    use stakenet::io::import::{import, FieldMap};
    use stakenet::io::kumu::read_blueprint;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/foreign");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut accepted, mut refused) = (0, 0);
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let Some((&choice, bytes)) = data.split_first() else {
            continue;
        };
        let (name, graph) = if choice % 2 == 0 {
            (
                "fuzz.graphml",
                read_graphml(Path::new("fuzz.graphml"), bytes),
            )
        } else {
            ("fuzz.json", read_blueprint(Path::new("fuzz.json"), bytes))
        };
        match graph.and_then(|g| import(&g, &FieldMap::default(), Path::new("net"))) {
            Ok(imported) => {
                accepted += 1;
                let again = stakenet::io::read(
                    Path::new("net/nodes.csv"),
                    imported.nodes_csv.as_slice(),
                    Path::new("net/edges.csv"),
                    imported.edges_csv.as_slice(),
                    &stakenet::LoadOptions::default(),
                )
                .unwrap();
                assert_eq!(again.len(), imported.network.len(), "{}", file.display());
            }
            Err(e) => {
                refused += 1;
                let text = e.to_string();
                for line in text.lines() {
                    assert!(
                        line.starts_with(name)
                            || line.starts_with("net/")
                            || (line.starts_with("… and ") && line.ends_with(" more problems")),
                        "{}: {text:?}",
                        file.display()
                    );
                }
                assert!(
                    !text.chars().any(|c| c.is_control() && c != '\n'),
                    "{}: {text:?}",
                    file.display()
                );
            }
        }
    }
    // The seeds with a trust field import; the two Florentine files (no
    // trust field) and the hand-made broken files are refused.
    assert!(
        accepted >= 6 && refused >= 9,
        "{accepted} accepted, {refused} refused"
    );
}

/// Issue 18, item 16, as the `load` fuzz target checks it, over the
/// committed corpus: the Latin-1 hint at most once per file, and every
/// input saved as UTF-16 (with its mark) one problem per file at 1:1.
#[test]
fn issue_18_fuzz_corpus_encoding_hints_once_per_file() {
    const SEPARATOR: &[u8] = b"\n--edges.csv--\n";
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/load");
    let mut hinted_files = 0;
    for entry in std::fs::read_dir(root).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        let (nodes, edges) = match data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(at) => (&data[..at], &data[at + SEPARATOR.len()..]),
            None => (&data[..], &[][..]),
        };
        if let Err(Error::Input(p)) = load(nodes, edges) {
            for file in ["nodes.csv", "edges.csv"] {
                let hints = p
                    .errors
                    .iter()
                    .filter(|e| e.location.file == Path::new(file))
                    .filter(|e| matches!(&e.kind, InputErrorKind::NotUtf8 { hint: Some(_), .. }))
                    .count();
                assert!(hints <= 1, "{file}: {hints}");
                hinted_files += hints;
            }
        }
        let utf16 = |b: &[u8]| -> Vec<u8> {
            "\u{feff}"
                .encode_utf16()
                .chain(String::from_utf8_lossy(b).encode_utf16())
                .flat_map(u16::to_le_bytes)
                .collect()
        };
        let p = problems(&utf16(nodes), &utf16(edges));
        let places: Vec<_> = p
            .errors
            .iter()
            .map(|e| (e.location.line, e.location.column, &e.kind))
            .collect();
        assert_eq!(
            places,
            [
                (1, 1, &InputErrorKind::Utf16),
                (1, 1, &InputErrorKind::Utf16)
            ]
        );
    }
    // The Latin-1 seeds (data/invalid/latin1_encoding, invalid_utf8).
    assert!(hinted_files >= 2, "{hinted_files}");
}

mod batch {
    use std::fs;

    use assert_cmd::Command;

    fn stakenet() -> Command {
        Command::cargo_bin("stakenet").unwrap()
    }

    /// A root with one network `site` and a manifest naming it.
    fn root() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir(&site).unwrap();
        fs::write(
            site.join("nodes.csv"),
            "id,kind\np,practitioner\na,stakeholder\n",
        )
        .unwrap();
        fs::write(site.join("edges.csv"), "source,target,trust\np,a,0.5\n").unwrap();
        fs::write(
            dir.path().join("manifest.csv"),
            "path,=region\nsite,-north\n",
        )
        .unwrap();
        dir
    }

    // See: issue 7 review. batch wrote -o, --actors and --errors (through a
    // .partial renamed at the end) without looking at its inputs: `-o
    // manifest.csv` replaced the manifest, `-o site/nodes.csv` a network file.
    #[test]
    fn issue_7_batch_never_writes_over_its_inputs() {
        let dir = root();
        let manifest = dir.path().join("manifest.csv");
        let nodes = dir.path().join("site/nodes.csv");
        let before = (fs::read(&manifest).unwrap(), fs::read(&nodes).unwrap());
        for (root, flag, target) in [
            (&manifest, "-o", &manifest),
            (&manifest, "-o", &nodes),
            (&manifest, "--actors", &nodes),
            (&manifest, "--errors", &manifest),
        ] {
            let mut cmd = stakenet();
            cmd.arg("batch").arg(root);
            if flag != "-o" {
                cmd.arg("-o").arg(dir.path().join("out.csv"));
            }
            let out = cmd.arg(flag).arg(target).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{flag} {target:?}: {stderr}");
            assert!(stderr.contains("refusing to write"), "{stderr}");
        }
        let out = stakenet()
            .arg("batch")
            .arg(dir.path())
            .arg("-o")
            .arg(&nodes)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            before,
            (fs::read(&manifest).unwrap(), fs::read(&nodes).unwrap())
        );
    }

    // See: issue 7 review. `merge -o` could replace one of the shard files it
    // merges.
    #[test]
    fn issue_7_merge_never_writes_over_a_shard() {
        let dir = root();
        let shard = dir.path().join("shard.csv");
        stakenet()
            .arg("batch")
            .arg(dir.path().join("manifest.csv"))
            .arg("-o")
            .arg(&shard)
            .assert()
            .success();
        let before = fs::read(&shard).unwrap();
        let out = stakenet()
            .arg("merge")
            .arg(&shard)
            .arg("-o")
            .arg(&shard)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to write"));
        assert_eq!(fs::read(&shard).unwrap(), before);
    }

    // See: issue 7 review. Manifest column names reached the batch CSV
    // header unneutralised; --resume still reads the neutralised header.
    #[test]
    fn issue_7_batch_csv_header_is_neutralised_and_resumable() {
        let dir = root();
        let out = dir.path().join("out.csv");
        stakenet()
            .arg("batch")
            .arg(dir.path().join("manifest.csv"))
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let text = fs::read_to_string(&out).unwrap();
        assert!(text.starts_with("network,'=region,"), "{text}");
        assert!(
            text.lines().nth(1).unwrap().starts_with("site,'-north,"),
            "{text}"
        );
        stakenet()
            .arg("batch")
            .arg(dir.path().join("manifest.csv"))
            .arg("-o")
            .arg(&out)
            .arg("--resume")
            .assert()
            .success();
        assert_eq!(fs::read_to_string(&out).unwrap(), text);
    }
}

//! Every bad-input rule of docs/format.md, one fixture folder each under
//! `data/invalid/<rule>/` with the exact expected messages in `expected.txt`.
//! Each is checked three ways: the library's error, `validate`'s listing, and
//! `analyze -o` failing with exit 1 and writing no file.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The rules of the format's "Bad input" section, each with its fixture.
const RULES: &[&str] = &[
    "nodes_missing_id_column",
    "edges_missing_trust_column",
    "empty_node_id",
    "duplicate_node_id",
    "edge_end_not_a_node",
    "trust_not_a_number",
    "trust_out_of_range",
    "trust_nan",
    "trust_infinite",
    "trust_empty",
    "power_out_of_range",
    "communication_negative",
    "tie_power_out_of_range",
    "unknown_kind",
    "unknown_placement",
    "unknown_level",
    "bad_directed_value",
    "duplicate_mutual_tie",
    "directed_row_conflicts_with_mutual",
    "self_loop",
    "wrong_field_count",
    "empty_nodes_file",
    "invalid_utf8",
    "latin1_encoding",
    "utf16_encoding",
    "several_problems",
];

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir("data/invalid")
        .expect("data/invalid exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// What the command prints for the case (`validate`, `analyze`).
fn expected(dir: &Path) -> String {
    fs::read_to_string(dir.join("expected.txt")).unwrap()
}

/// The hints the command adds after a library message: the flag that
/// accepts what the message refuses.
const CLI_HINTS: [&str; 1] = ["; --merge-duplicates combines such rows"];

/// What the library says for the case: the command's text without its flag
/// hints, since the library names no command-line flag.
fn library_expected(dir: &Path) -> String {
    CLI_HINTS
        .iter()
        .fold(expected(dir), |text, hint| text.replace(hint, ""))
}

#[test]
fn every_rule_has_a_fixture_and_every_fixture_a_rule() {
    let mut found: Vec<String> = cases()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut rules: Vec<String> = RULES.iter().map(|s| s.to_string()).collect();
    found.sort();
    rules.sort();
    assert_eq!(found, rules);
}

#[test]
fn library_reports_the_exact_messages() {
    for dir in cases() {
        let err = stakenet::io::load_dir(&dir).expect_err(&dir.display().to_string());
        let stakenet::Error::Input(problems) = err else {
            panic!("{}: not an input error: {err}", dir.display());
        };
        assert!(!problems.to_string().contains("--"), "{problems}");
        assert_eq!(
            format!("{problems}\n"),
            library_expected(&dir),
            "case {}",
            dir.display()
        );
    }
}

#[test]
fn validate_lists_every_problem_and_exits_1() {
    for dir in cases() {
        let want = expected(&dir);
        let n = want.lines().count();
        let summary = format!(
            "{n} problem{} found; the network was not loaded\n",
            if n == 1 { "" } else { "s" }
        );
        Command::cargo_bin("stakenet")
            .unwrap()
            .arg("validate")
            .arg(&dir)
            .assert()
            .code(1)
            .stdout(format!("{want}{summary}"));
    }
}

#[test]
fn analyze_fails_with_the_message_and_writes_no_file() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in cases() {
        let out = tmp.path().join("report.json");
        let assert = Command::cargo_bin("stakenet")
            .unwrap()
            .args(["analyze", "--format", "json", "-o"])
            .arg(&out)
            .arg(&dir)
            .assert()
            .code(1)
            .stdout("");
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        for line in expected(&dir).lines() {
            assert!(stderr.contains(line), "{}: {stderr}", dir.display());
        }
        assert!(!out.exists(), "{}: output written", dir.display());
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            0,
            "{}: a stray file was left",
            dir.display()
        );
    }
}

#[test]
fn a_failed_run_leaves_an_earlier_report_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.json");
    fs::write(&out, "earlier").unwrap();
    Command::cargo_bin("stakenet")
        .unwrap()
        .args(["analyze", "-o"])
        .arg(&out)
        .arg("data/invalid/self_loop")
        .assert()
        .code(1);
    assert_eq!(fs::read_to_string(&out).unwrap(), "earlier");
}

#[test]
fn missing_files_name_the_path() {
    Command::cargo_bin("stakenet")
        .unwrap()
        .args(["analyze", "data/no-such-network"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "cannot read data/no-such-network/nodes.csv",
        ));
}

// See: issue 18, item 16. A Latin-1 file got "found invalid bytes" on each
// cell and no word of what to do; a UTF-16 file one message per header cell
// and then one per missing column.
#[test]
fn issue_18_latin1_and_utf16_files_get_one_hint_each() {
    let tmp = tempfile::tempdir().unwrap();
    // As Excel's plain "CSV" saves on Western Windows: é, ë and curly quotes.
    fs::write(
        tmp.path().join("nodes.csv"),
        b"id,label,kind\np,\x93Jos\xe9\x94,practitioner\na,Zo\xeb,stakeholder\n",
    )
    .unwrap();
    fs::write(
        tmp.path().join("edges.csv"),
        b"source,target,trust\np,a,0.8\n",
    )
    .unwrap();
    let out = Command::cargo_bin("stakenet")
        .unwrap()
        .arg("validate")
        .arg(tmp.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(out.status.code(), Some(1));
    assert!(lines[0].ends_with(
        "nodes.csv:2:2: label: expected UTF-8 text, found \"\\x93Jos\\xE9\\x94\" (this file is \
         not UTF-8; it looks like Latin-1/Windows-1252, where byte 0x93 is \"“\": save the sheet \
         as \"CSV UTF-8 (comma delimited)\")"
    ));
    assert!(lines[1].ends_with("nodes.csv:3:2: label: expected UTF-8 text, found \"Zo\\xEB\""));
    assert_eq!(lines.len(), 3, "{stdout}");

    // UTF-16 in both files, with and without the byte-order mark: one
    // line each.
    let utf16 = |text: &str, mark: bool| -> Vec<u8> {
        let mark = if mark { "\u{feff}" } else { "" };
        format!("{mark}{text}")
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect()
    };
    fs::write(
        tmp.path().join("nodes.csv"),
        utf16("id,kind\np,practitioner\na,stakeholder\n", true),
    )
    .unwrap();
    fs::write(
        tmp.path().join("edges.csv"),
        utf16("source,target,trust\np,a,0.8\n", false),
    )
    .unwrap();
    let out = Command::cargo_bin("stakenet")
        .unwrap()
        .arg("analyze")
        .arg(tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let hint = "header: expected UTF-8 text, found UTF-16 text (as Excel saves \"Unicode \
                text\"): save the sheet as \"CSV UTF-8 (comma delimited)\"";
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("stakenet: ") && lines[0].ends_with(&format!("nodes.csv:1:1: {hint}"))
    );
    assert!(lines[1].ends_with(&format!("edges.csv:1:1: {hint}")));
}

// See: issue 18, item 16. Cell text and file:line:column locations were
// escaped, but a path in other messages ("cannot read", "cannot write in",
// batch's failures) reached the terminal raw: a folder named with an
// escape sequence recoloured it.
#[cfg(unix)]
#[test]
fn issue_18_paths_in_messages_are_terminal_safe() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site\u{1b}[31mred\u{202e}");
    fs::create_dir(&site).unwrap();
    let shown = "site\\u{1b}[31mred\\u{202e}";
    let stderr_of = |args: &[&std::ffi::OsStr]| {
        let out = Command::cargo_bin("stakenet")
            .unwrap()
            .args(args)
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stderr).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "{args:?}: {text:?}"
        );
        text
    };
    // No files yet: "cannot read".
    let text = stderr_of(&["analyze".as_ref(), site.as_os_str()]);
    assert!(
        text.contains("cannot read ") && text.contains(&format!("{shown}/nodes.csv")),
        "{text}"
    );
    // A bad network: the location, in analyze and in batch's failure lines.
    fs::write(site.join("nodes.csv"), "id,kind\np,practitioner\n").unwrap();
    fs::write(site.join("edges.csv"), "source,target,trust\np,zz,0.5\n").unwrap();
    let text = stderr_of(&["analyze".as_ref(), site.as_os_str()]);
    assert!(
        text.contains(&format!("{shown}/edges.csv:2:2: target")),
        "{text}"
    );
    let out = Command::cargo_bin("stakenet")
        .unwrap()
        .args(["batch", "-q", "--strict"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(text.contains(&format!("{shown}/edges.csv:2:2")), "{text}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
    // An output folder that is not there: "cannot write in".
    let text = stderr_of(&[
        "analyze".as_ref(),
        "data/real/tiny".as_ref(),
        "-o".as_ref(),
        site.join("missing/out.json").as_os_str(),
    ]);
    assert!(text.contains(&format!("{shown}/missing")), "{text}");
}

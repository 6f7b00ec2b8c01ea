//! Hostile and broken survey files, as tests/hostile.rs tries them on the
//! loader: each is refused with file, line and column and no control
//! character, or read safely; and the committed fuzz corpus of the `survey`
//! target replays cleanly.

use std::path::Path;

use stakenet::survey::{convert, Source, Survey, SurveyOptions};
use stakenet::Error;

const ROSTER: &str = "id,kind\np,practitioner\na,stakeholder\nb,stakeholder\n";

fn run(responses: &[u8], roster: &[u8], codebook: Option<&[u8]>) -> Result<Survey, Error> {
    convert(
        Source {
            path: Path::new("responses.csv"),
            bytes: responses,
        },
        Source {
            path: Path::new("roster.csv"),
            bytes: roster,
        },
        codebook.map(|bytes| Source {
            path: Path::new("codebook.toml"),
            bytes,
        }),
        &SurveyOptions::default(),
    )
}

/// Refused: every message located and free of control characters; each
/// expected piece in the text.
fn refused(responses: &[u8], roster: &[u8], codebook: Option<&[u8]>, expected: &[&str]) {
    let e = match run(responses, roster, codebook) {
        Ok(_) => panic!(
            "accepted {:?}",
            String::from_utf8_lossy(&responses[..responses.len().min(200)])
        ),
        Err(e) => e,
    };
    let Error::Input(problems) = &e else {
        panic!("not an input error: {e}");
    };
    for p in &problems.errors {
        assert!(p.location.line >= 1 && p.location.column >= 1, "{p}");
    }
    let text = e.to_string();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "control character in {text:?}"
    );
    assert!(text.len() < 10_000, "message of {} bytes", text.len());
    for piece in expected {
        assert!(text.contains(piece), "{piece:?} not in {text}");
    }
}

#[test]
fn empty_and_header_only() {
    refused(
        b"",
        ROSTER.as_bytes(),
        None,
        &["responses.csv:1:1: header: expected a header row, found an empty file"],
    );
    // A header and no answers: a network of the roster, no ties.
    let s = run(b"respondent,alter,trust\n", ROSTER.as_bytes(), None).unwrap();
    assert!(s.network.ties().is_empty());
    assert_eq!(s.report.respondents, 0);
    assert!(s.report.to_text().contains("0 of 3 actors answered (0%)"));
    refused(
        b"respondent,alter,trust\np,a,2\n",
        b"",
        None,
        &["roster.csv:1:1: header: expected a header row"],
    );
    refused(
        b"respondent,alter,trust\np,a,2\n",
        b"id\n",
        None,
        &["roster.csv:1:1: header: expected at least one actor"],
    );
}

#[test]
fn huge_cells_and_columns() {
    let mut big = b"respondent,alter,trust\np,a,".to_vec();
    big.extend(std::iter::repeat_n(b'4', 10 << 20));
    big.push(b'\n');
    refused(&big, ROSTER.as_bytes(), None, &["responses.csv:2:3: record: expected a cell of at most 65536 bytes, found a field still going"]);
    let mut wide = b"respondent,alter,trust".to_vec();
    for i in 0..1_000_000 {
        wide.extend_from_slice(format!(",c{i}").as_bytes());
    }
    wide.push(b'\n');
    refused(
        &wide,
        ROSTER.as_bytes(),
        None,
        &["responses.csv:1:1: header: expected at most 4096 columns"],
    );
}

#[test]
fn bytes_that_are_not_utf8_text() {
    refused(
        b"respondent,alter,trust\np,\xff\xfe,2\n",
        ROSTER.as_bytes(),
        None,
        &["responses.csv:2:2: alter: expected UTF-8 text"],
    );
    let utf16: Vec<u8> = "respondent,alter,trust\np,a,2\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    refused(
        &utf16,
        ROSTER.as_bytes(),
        None,
        &["responses.csv:1:", "NUL byte"],
    );
    refused(
        b"respondent,alter,trust\np,a,2\0\n",
        ROSTER.as_bytes(),
        None,
        &["responses.csv:2:3: trust: expected UTF-8 text, found a NUL byte"],
    );
    refused(
        b"respondent,alter,trust\np,a,2\n",
        ROSTER.as_bytes(),
        Some(b"\xff"),
        &["codebook.toml:1:1: codebook: expected UTF-8 text"],
    );
}

#[test]
fn an_open_quote() {
    refused(
        b"respondent,alter,trust\np,\"a,2\nb,p,3\n",
        ROSTER.as_bytes(),
        None,
        &["responses.csv:2:2: record: expected a closing quote"],
    );
    let Err(Error::Input(p)) = run(
        b"respondent,alter,trust\np,\"a,2\nb,p,3\n",
        ROSTER.as_bytes(),
        None,
    ) else {
        panic!("accepted");
    };
    assert_eq!(p.errors.len(), 1, "one problem, not one per swallowed row");
}

#[test]
fn numbers_that_are_not_on_the_scale() {
    for bad in [
        "1e400",
        "NaN",
        "inf",
        "-0.5",
        "0x2",
        "99999999999999999999999",
        "4.0000000000000000001",
        "½",
    ] {
        refused(
            format!("respondent,alter,trust\np,a,{bad}\n").as_bytes(),
            ROSTER.as_bytes(),
            None,
            &["responses.csv:2:3: trust: expected an integer from 1 to 4, found"],
        );
    }
    // "4.0" and "+4" are the integer 4.
    let s = run(
        b"respondent,alter,trust\np,a,4.0\na,p,+4\n",
        ROSTER.as_bytes(),
        None,
    )
    .unwrap();
    assert_eq!(s.network.ties()[0].trust, 1.0);
    let count = b"[trust]\n[[trust.items]]\ncolumn = \"trust\"\nmin = 1\nmax = 4\n[frequency]\ncolumn = \"n\"\ncount = true\n";
    for bad in ["1e400", "-1", "inf", "NaN", "1/0"] {
        refused(
            format!("respondent,alter,trust,n\np,a,2,{bad}\n").as_bytes(),
            ROSTER.as_bytes(),
            Some(count),
            &["responses.csv:2:4: n: expected a number of contacts per month ≥ 0, found"],
        );
    }
}

#[test]
fn control_characters_and_bidi_overrides_never_reach_the_terminal() {
    let roster = "id,kind,group\np\u{1b}[31m,practitioner,\u{202e}team\na,stakeholder,x\n";
    let s = run(
        "respondent,alter,trust\np\u{1b}[31m,a,4\n".as_bytes(),
        roster.as_bytes(),
        None,
    )
    .unwrap();
    let text = s.report.to_text();
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
        "{text:?}"
    );
    refused(
        "respondent,alter,trust\na,\u{1b}[2J,4\np\u{1b}[31m,p\u{1b}[31m,4\np\u{1b}[31m,a,4\np\u{1b}[31m,a,4\n".as_bytes(),
        roster.as_bytes(),
        None,
        &["\\u{1b}[2J", "rating themselves", "again (first at line 4)"],
    );
    refused(
        "respondent,alter,tru\u{7}st\na,p,4\n".as_bytes(),
        roster.as_bytes(),
        None,
        &["tru\\u{7}st"],
    );
}

#[test]
fn white_space_ids_and_labels() {
    refused(
        b"respondent,alter,trust\n  ,a,4\n",
        ROSTER.as_bytes(),
        None,
        &["responses.csv:2:1: respondent: expected an id from the roster, found an empty cell"],
    );
    // Ids are trimmed as the loader trims them.
    let s = run(
        b"respondent,alter,trust\n p , a ,4\n",
        ROSTER.as_bytes(),
        None,
    )
    .unwrap();
    assert_eq!(s.network.ties().len(), 1);
}

#[test]
fn hostile_codebooks() {
    let responses = b"respondent,alter,trust\np,a,2\n";
    let deep = format!("[trust]\nitems = {}", "[".repeat(100_000));
    refused(
        responses,
        ROSTER.as_bytes(),
        Some(deep.as_bytes()),
        &["codebook.toml:2:"],
    );
    let huge = b"[trust]\n[[trust.items]]\ncolumn = \"trust\"\nmin = -9223372036854775808\nmax = 9223372036854775807\n";
    refused(
        responses,
        ROSTER.as_bytes(),
        Some(huge),
        &["codebook.toml:2:1: trust.items[1]: expected min < max and at most 1000 points"],
    );
    let fraction =
        b"[trust]\n[[trust.items]]\ncolumn = \"trust\"\nmin = 1\nmax = 2\nvalues = [\"1/0\", 1]\n";
    refused(
        responses,
        ROSTER.as_bytes(),
        Some(fraction),
        &["expected values in [0, 1]"],
    );
    let mut long = b"# ".to_vec();
    long.extend(std::iter::repeat_n(b'x', 2 << 20));
    refused(
        responses,
        ROSTER.as_bytes(),
        Some(&long),
        &["codebook.toml:1:1: codebook: expected a codebook of at most"],
    );
}

#[test]
fn fuzz_corpus_replays_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/survey");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{} corpus files", files.len());
    let cut = |data: &[u8], separator: &[u8]| -> (Vec<u8>, Option<Vec<u8>>) {
        match data.windows(separator.len()).position(|w| w == separator) {
            Some(at) => (
                data[..at].to_vec(),
                Some(data[at + separator.len()..].to_vec()),
            ),
            None => (data.to_vec(), None),
        }
    };
    let mut accepted = 0;
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let (roster, rest) = cut(&data, b"\n--responses.csv--\n");
        let (responses, codebook) = cut(&rest.unwrap_or_default(), b"\n--codebook.toml--\n");
        match run(&responses, &roster, codebook.as_deref()) {
            Ok(s) => {
                accepted += 1;
                assert!(!s
                    .report
                    .to_text()
                    .chars()
                    .any(|c| c.is_control() && c != '\n'));
            }
            Err(Error::Input(p)) => {
                for e in &p.errors {
                    assert!(
                        !e.to_string().chars().any(char::is_control),
                        "{}: {e}",
                        file.display()
                    );
                }
            }
            Err(e) => panic!("{}: {e}", file.display()),
        }
    }
    assert!(accepted >= 3, "the seeds convert");
}

//! The survey reader on arbitrary bytes: roster, responses and codebook in
//! one input (see `parts`). It never panics; a refusal names a line and a
//! column and prints without control characters; whatever is accepted gives
//! ties that load, with trust in [0, 1] and communication ≥ 0, and a report
//! free of control characters.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use stakenet::survey::{convert, CommunicationRule, Source, SurveyOptions};
use stakenet::Error;

/// Between the roster and the responses.
pub const RESPONSES: &[u8] = b"\n--responses.csv--\n";
/// Between the responses and the codebook (none: the default codebook).
pub const CODEBOOK: &[u8] = b"\n--codebook.toml--\n";

fn cut<'a>(data: &'a [u8], separator: &[u8]) -> (&'a [u8], Option<&'a [u8]>) {
    match data.windows(separator.len()).position(|w| w == separator) {
        Some(at) => (&data[..at], Some(&data[at + separator.len()..])),
        None => (data, None),
    }
}

/// (roster, responses, codebook).
fn parts(data: &[u8]) -> (&[u8], &[u8], Option<&[u8]>) {
    let (roster, rest) = cut(data, RESPONSES);
    let (responses, codebook) = cut(rest.unwrap_or(&[]), CODEBOOK);
    (roster, responses, codebook)
}

fuzz_target!(|data: &[u8]| {
    let (roster, responses, codebook) = parts(data);
    for options in [
        SurveyOptions::default(),
        SurveyOptions {
            communication: CommunicationRule::Respondent,
            assume_mutual: true,
            strict_items: true,
        },
    ] {
        match convert(
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
            &options,
        ) {
            Ok(survey) => {
                for t in survey.network.ties() {
                    assert!((0.0..=1.0).contains(&t.trust), "trust {}", t.trust);
                    assert!(t.communication.is_finite() && t.communication >= 0.0);
                }
                let text = survey.report.to_text();
                assert!(
                    !text.chars().any(|c| c.is_control() && c != '\n'),
                    "control character in the report {text:?}"
                );
            }
            Err(Error::Input(problems)) => {
                assert!(!problems.errors.is_empty());
                for e in &problems.errors {
                    assert!(e.location.line >= 1 && e.location.column >= 1, "{e}");
                    let text = e.to_string();
                    assert!(
                        !text.chars().any(char::is_control),
                        "control character in {text:?}"
                    );
                }
            }
            Err(other) => panic!("unexpected error from inputs in memory: {other}"),
        }
    }
});

//! Regression tests for bugs found by fuzzing and by the hostile-input review
//! of issue 7, each named after the bug.

use std::path::Path;

use stakenet::io::{read, LoadOptions};
use stakenet::{Error, InputErrors, Network};

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

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
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

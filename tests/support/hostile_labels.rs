//! Hostile actor labels and ids (quotes, backslashes, DOT and HTML markup,
//! line breaks, control characters, right-to-left and CJK text, 10 KiB),
//! shared by the DOT and report tests.
#![allow(dead_code)]

use stakenet::{Actor, Network, TieSpec};

/// (id, label, the label's lines as drawn).
pub fn hostile() -> Vec<(String, String, Vec<String>)> {
    let huge = "x".repeat(10 * 1024);
    let x24 = "x".repeat(24);
    vec![
        (
            "q\"uote".into(),
            "He said \"hi\"".into(),
            vec!["He said \"hi\"".into()],
        ),
        (
            "back\\slash\\".into(),
            "C:\\path\\".into(),
            vec!["C:\\path\\".into()],
        ),
        (
            "inject".into(),
            "\"];\\nx [label=\"pwn".into(),
            vec!["\"];\\nx [label=\"pwn".into()],
        ),
        (
            "inject2\"];\nx [label=\"pwn".into(),
            "\"];\nx [label=\"pwn\"] y -> z; //".into(),
            vec![
                "\"];".into(),
                "x [label=\"pwn\"] y -> z;".into(),
                "//".into(),
            ],
        ),
        (
            "lines".into(),
            "line1\nline2\r\nline3\t\u{7}end".into(),
            vec!["line1".into(), "line2".into(), "line3 end".into()],
        ),
        (
            "markup".into(),
            "<b>&amp; <i>".into(),
            vec!["<b>&amp; <i>".into()],
        ),
        (
            "arabic".into(),
            "مرحبا بالعالم".into(),
            vec!["مرحبا بالعالم".into()],
        ),
        (
            "cjk".into(),
            "漢字テスト漢字テスト漢字テスト".into(),
            vec!["漢字テスト漢字テスト漢字".into(), "テスト".into()],
        ),
        (
            "huge".into(),
            huge,
            vec![
                x24.clone(),
                x24.clone(),
                x24,
                format!("{}…", "x".repeat(23)),
            ],
        ),
        // Would clash with a legend sample's name without the prefix check.
        (
            "legend:ext_isp".into(),
            "legend".into(),
            vec!["legend".into()],
        ),
        (
            "\\N \\G".into(),
            "\\N \\L \\l".into(),
            vec!["\\N \\L \\l".into()],
        ),
    ]
}

/// The network of the hostile labels: one stakeholder per row (the first a
/// practitioner), each in a group named with quotes and a backslash, and
/// two ties.
pub fn hostile_net() -> Network {
    let rows: Vec<(String, String)> = hostile()
        .into_iter()
        .map(|(id, label, _)| (id, label))
        .collect();
    network_of(&rows)
}

/// A network of (id, label) rows built as [`hostile_net`] builds its own;
/// at least four rows.
pub fn network_of(rows: &[(String, String)]) -> Network {
    let mut actors: Vec<Actor> = rows
        .iter()
        .map(|(id, label)| {
            let mut a = Actor::stakeholder(id.as_str());
            a.label = label.clone();
            a.group = format!("group \"{}\"\\", &id.chars().take(3).collect::<String>());
            a
        })
        .collect();
    actors[0].kind = stakenet::ActorKind::Practitioner;
    let ties = [
        TieSpec::mutual(rows[0].0.as_str(), rows[2].0.as_str(), 0.9),
        TieSpec::directed(rows[3].0.as_str(), rows[1].0.as_str(), 0.1),
    ];
    Network::from_parts(actors, &ties).unwrap()
}

/// What a reader of the HTML page sees of a label: line breaks and tabs as
/// spaces, other control characters and the bidi overrides and isolates as
/// '?'.
pub fn shown(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                '?'
            }
            c => c,
        })
        .collect()
}

//! The workbook reader on arbitrary sheets and damaged files: it never
//! panics, anything it accepts keeps the format's invariants, and every
//! refusal names the workbook and prints on one line. (The cargo-fuzz
//! target `fuzz/fuzz_targets/workbook.rs` does the same on raw bytes; its
//! corpus is replayed here.)

use std::path::Path;

use proptest::prelude::*;
use rust_xlsxwriter::Workbook;
use stakenet::io::workbook::read_workbook;
use stakenet::io::LoadOptions;
use stakenet::Error;

#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    Empty,
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        // Ids and words from a small pool, so that ties can find actors.
        prop::sample::select(vec![
            "a",
            "b",
            "c",
            "practitioner",
            "stakeholder",
            "external",
            "yes",
            "0.5",
            "high",
            "",
        ])
        .prop_map(|s| Value::Text(s.to_string())),
        "[ -~\\t\\n\\r\\u{1b}\\u{7}é✓]{0,12}".prop_map(Value::Text),
        (-2.0f64..2.0).prop_map(Value::Number),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Empty),
    ]
}

fn header(known: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(known.to_vec()).prop_map(str::to_string),
            "[a-z]{0,4}".prop_map(|s| s),
        ],
        0..8,
    )
}

/// A sheet's header and rows.
type Grid = (Vec<String>, Vec<Vec<Value>>);

fn sheet(known: &'static [&'static str]) -> impl Strategy<Value = Grid> {
    (
        header(known),
        prop::collection::vec(prop::collection::vec(value(), 0..9), 0..8),
    )
}

fn write(sheets: &[(&str, &Grid)]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, (header, rows)) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    Value::Text(t) => {
                        sheet.write_string(r, c, t).unwrap();
                    }
                    Value::Number(x) => {
                        sheet.write_number(r, c, *x).unwrap();
                    }
                    Value::Bool(b) => {
                        sheet.write_boolean(r, c, *b).unwrap();
                    }
                    Value::Empty => {}
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn check(bytes: &[u8]) {
    match read_workbook(Path::new("book.xlsx"), bytes, &LoadOptions::default()) {
        Ok(net) => {
            for t in net.ties() {
                assert!((0.0..=1.0).contains(&t.trust));
                assert!(t.communication.is_finite() && t.communication >= 0.0);
                assert!((-1.0..=1.0).contains(&t.power));
                assert_ne!(t.source, t.target);
            }
            for a in net.actors() {
                assert!(!a.id.trim().is_empty());
                assert!((0.0..=1.0).contains(&a.power));
            }
        }
        Err(Error::Input(problems)) => {
            assert!(!problems.errors.is_empty());
            for e in &problems.errors {
                let text = e.to_string();
                assert!(text.starts_with("book.xlsx"), "{text}");
                assert!(!text.chars().any(char::is_control), "{text:?}");
            }
        }
        Err(other) => panic!("unexpected error: {other}"),
    }
}

const NODE_NAMES: &[&str] = &[
    "id",
    "label",
    "kind",
    "placement",
    "group",
    "power",
    "level",
];
const EDGE_NAMES: &[&str] = &[
    "source",
    "target",
    "trust",
    "communication",
    "directed",
    "power",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_sheets_never_panic(nodes in sheet(NODE_NAMES), edges in sheet(EDGE_NAMES)) {
        check(&write(&[("nodes", &nodes), ("edges", &edges)]));
    }

    #[test]
    fn damaged_files_never_panic(
        nodes in sheet(NODE_NAMES),
        edges in sheet(EDGE_NAMES),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = write(&[("nodes", &nodes), ("edges", &edges)]);
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if truncate {
            let n = cut.index(bytes.len());
            bytes.truncate(n);
        }
        check(&bytes);
    }
}

#[test]
fn fuzz_corpus_replays() {
    let dir = Path::new("fuzz/corpus/workbook");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        check(&std::fs::read(&path).unwrap());
        seen += 1;
    }
    assert!(seen > 0);
}

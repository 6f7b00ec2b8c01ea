//! Networks read from workbooks: the same rules as CSV, errors in
//! spreadsheet terms, cells read as a spreadsheet user expects, and the
//! template.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use stakenet::io::workbook::read_workbook;
use stakenet::io::{load, load_dir, LoadOptions, NetworkFiles};
use stakenet::render::{render, workbook as writer, Format as Out};
use stakenet::{Error, Network};

/// A cell as the tests write it.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Bool(bool),
    Date(u16, u8, u8),
    /// A formula and the value the spreadsheet program saved with it.
    Formula(&'a str, &'a str),
    /// An empty cell with a format (what a spreadsheet leaves below a table).
    Styled,
}
use Cell::*;

type Sheet<'a> = (&'a str, Vec<Vec<Cell<'a>>>);

fn xlsx(sheets: &[Sheet<'_>]) -> Vec<u8> {
    xlsx_with(sheets, |_| {})
}

fn xlsx_with(sheets: &[Sheet<'_>], extra: impl Fn(&mut Workbook)) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let plain = Format::new().set_bold();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match *cell {
                    Text("") => {}
                    Text(t) => {
                        sheet.write_string(r, c, t).unwrap();
                    }
                    Number(x) => {
                        sheet.write_number(r, c, x).unwrap();
                    }
                    Bool(b) => {
                        sheet.write_boolean(r, c, b).unwrap();
                    }
                    Date(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(y, m, d).unwrap();
                        sheet.write_datetime_with_format(r, c, &dt, &date).unwrap();
                    }
                    Formula(f, v) => {
                        sheet
                            .write_formula(r, c, Formula::new(f).set_result(v))
                            .unwrap();
                    }
                    Styled => {
                        sheet.write_blank(r, c, &plain).unwrap();
                    }
                }
            }
        }
    }
    extra(&mut book);
    book.save_to_buffer().unwrap()
}

fn read(bytes: &[u8]) -> Result<Network, Error> {
    read_workbook(Path::new("book.xlsx"), bytes, &LoadOptions::default())
}

fn error(bytes: &[u8]) -> String {
    match read(bytes) {
        Ok(_) => panic!("expected a refusal"),
        Err(e) => e.to_string(),
    }
}

fn nodes_abc<'a>() -> Sheet<'a> {
    (
        "nodes",
        vec![
            vec![Text("id"), Text("kind"), Text("group"), Text("power")],
            vec![Text("a"), Text("practitioner"), Text("isp"), Number(0.6)],
            vec![Text("b"), Text("stakeholder"), Text("agency"), Number(0.9)],
            vec![Text("c"), Text(""), Text("agency"), Text("")],
        ],
    )
}

fn json(net: &Network) -> Vec<u8> {
    render(&stakenet::report::analyze(net), Out::Json)
}

// ---------------------------------------------------------------- round trips

/// The CSV files as a workbook: each cell of `trust`, `communication` and
/// `power` that holds a number as a number cell, `directed` true/false as a
/// boolean cell, everything else as text.
fn csv_as_xlsx(dir: &Path) -> Vec<u8> {
    let mut book = Workbook::new();
    for name in ["nodes", "edges"] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        let text = std::fs::read_to_string(dir.join(format!("{name}.csv"))).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut header = Vec::new();
        for (r, record) in reader.records().enumerate() {
            let record = record.unwrap();
            if r == 0 {
                header = record.iter().map(|h| h.trim().to_string()).collect();
            }
            for (c, value) in record.iter().enumerate() {
                let (row, col) = (r as u32, c as u16);
                let column = header[c].as_str();
                let number = value.trim().parse::<f64>().ok();
                match (r, column, number, value.trim()) {
                    (0, _, _, _) | (_, _, _, "") if value.is_empty() => {}
                    (r, "trust" | "communication" | "power", Some(x), _) if r > 0 => {
                        sheet.write_number(row, col, x).unwrap();
                    }
                    (r, "directed", _, v @ ("true" | "false")) if r > 0 => {
                        sheet.write_boolean(row, col, v == "true").unwrap();
                    }
                    _ => {
                        sheet.write_string(row, col, value).unwrap();
                    }
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn csv_as_a_workbook_gives_the_same_report_bytes() {
    for dir in common::every_network() {
        let from_csv = load_dir(&dir).unwrap();
        let from_book = read(&csv_as_xlsx(&dir)).unwrap();
        for format in [Out::Json, Out::Csv, Out::Table] {
            assert!(
                render(&stakenet::report::analyze(&from_book), format)
                    == render(&stakenet::report::analyze(&from_csv), format),
                "{}: {format:?}",
                dir.display()
            );
        }
        // And through the writer stakenet's export uses.
        let written = writer::network_workbook(&from_csv).unwrap();
        assert!(
            json(&read(&written).unwrap()) == json(&from_csv),
            "{}",
            dir.display()
        );
    }
}

#[test]
fn ods_and_xls_written_by_other_programs_give_the_same_report_bytes() {
    let from_csv = json(&load_dir("data/county-parenting-site").unwrap());
    for file in ["county.ods", "county.xls"] {
        let path = PathBuf::from("tests/fixtures/workbooks").join(file);
        let net = load(&NetworkFiles::in_dir(&path), &LoadOptions::default()).unwrap();
        assert!(json(&net) == from_csv, "{file}");
    }
}

#[test]
fn a_workbook_file_is_accepted_wherever_a_network_folder_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Site.XLSX");
    std::fs::write(&path, csv_as_xlsx(Path::new("data/county-parenting-site"))).unwrap();
    let files = NetworkFiles::in_dir(&path);
    assert_eq!(files.nodes, path);
    assert_eq!(files.edges, path);
    let net = load(&files, &LoadOptions::default()).unwrap();
    assert!(json(&net) == json(&load_dir("data/county-parenting-site").unwrap()));
    // A sheet for one file, CSV for the other.
    let mixed = NetworkFiles {
        nodes: path.clone(),
        edges: PathBuf::from("data/county-parenting-site/edges.csv"),
    };
    assert!(json(&load(&mixed, &LoadOptions::default()).unwrap()) == json(&net));
}

// ---------------------------------------------------------------- template

#[test]
fn the_template_loads_and_has_its_checks_and_readme() {
    let bytes = writer::template().unwrap();
    let net = read(&bytes).unwrap();
    assert_eq!(net.len(), 5);
    assert_eq!(net.ties().len(), 5);
    assert!(net.actors().iter().any(|a| a.is_practitioner()));
    // The sheets, in order, and the checks on the nodes and edges sheets.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let workbook = part("xl/workbook.xml");
    let names: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(names, ["README", "nodes", "edges"]);
    let nodes = part("xl/worksheets/sheet2.xml");
    for list in [
        "\"practitioner,stakeholder\"",
        "\"external,internal\"",
        "\"macro,organizational,local\"",
    ] {
        assert!(nodes.contains(list), "nodes sheet lacks the list {list}");
    }
    assert!(nodes.contains("type=\"decimal\"") && nodes.contains("sqref=\"H2:H1048576\""));
    let edges = part("xl/worksheets/sheet3.xml");
    assert!(edges.contains("\"no,yes\""));
    for column in ["C", "D", "F"] {
        assert!(
            edges.contains(&format!("sqref=\"{column}2:{column}1048576\"")),
            "edges column {column} has no check"
        );
    }
    let strings = part("xl/sharedStrings.xml");
    for (_, column, _, meaning) in writer::COLUMN_GUIDE {
        assert!(strings.contains(column));
        let first_words: String = meaning.chars().take(20).collect();
        assert!(
            strings.contains(&first_words.replace('\'', "&apos;"))
                || strings.contains(&first_words),
            "README lacks {column}"
        );
    }
}

#[test]
fn a_filled_in_template_analyses() {
    // A user fills the template: the example rows replaced by their own.
    let bytes = xlsx(&[
        ("README", vec![vec![Text("How to fill in this workbook")]]),
        (
            "nodes",
            vec![
                vec![
                    Text("id"),
                    Text("label"),
                    Text("kind"),
                    Text("placement"),
                    Text("group"),
                    Text("role"),
                    Text("level"),
                    Text("power"),
                ],
                vec![
                    Text("ta"),
                    Text("TA provider"),
                    Text("practitioner"),
                    Text("external"),
                    Text("intermediary"),
                    Text(""),
                    Text(""),
                    Number(0.5),
                ],
                vec![
                    Text("dir"),
                    Text("Director"),
                    Text("stakeholder"),
                    Text(""),
                    Text("agency"),
                    Text("leader"),
                    Text("organizational"),
                    Number(0.9),
                ],
                vec![Text("sup"), Text("Supervisor")],
            ],
        ),
        (
            "edges",
            vec![
                vec![
                    Text("source"),
                    Text("target"),
                    Text("trust"),
                    Text("communication"),
                    Text("directed"),
                    Text("power"),
                ],
                vec![
                    Text("ta"),
                    Text("dir"),
                    Number(0.7),
                    Number(2.0),
                    Text("no"),
                ],
                vec![Text("dir"), Text("sup"), Number(0.9), Text(""), Text("yes")],
            ],
        ),
    ]);
    let net = read(&bytes).unwrap();
    assert_eq!(net.len(), 3);
    assert!(net.is_directed());
    assert_eq!(net.actor(net.index_of("sup").unwrap()).power, 0.5);
}

// ---------------------------------------------------------------- bad workbooks

#[test]
fn a_missing_sheet_is_named_with_the_sheets_found() {
    let bytes = xlsx(&[nodes_abc()]);
    assert_eq!(
        error(&bytes),
        "book.xlsx: expected a sheet named \"edges\", found sheets \"nodes\""
    );
    // No sheet of either name: both said at once.
    let bytes = xlsx(&[("Sheet1", vec![vec![Text("x")]])]);
    assert_eq!(
        error(&bytes),
        "book.xlsx: expected a sheet named \"nodes\", found sheets \"Sheet1\"\n\
         book.xlsx: expected a sheet named \"edges\", found sheets \"Sheet1\""
    );
    // Names match in any case, spaces around ignored.
    let bytes = xlsx(&[
        ("Nodes ", nodes_abc().1),
        (
            "EDGES",
            vec![
                vec![Text("source"), Text("target"), Text("trust")],
                vec![Text("a"), Text("b"), Number(0.5)],
            ],
        ),
    ]);
    assert_eq!(read(&bytes).unwrap().ties().len(), 1);
}

#[test]
fn a_wrong_header_names_the_sheet_and_cell() {
    let bytes = xlsx(&[
        nodes_abc(),
        (
            "edges",
            vec![
                vec![Text("from"), Text("target"), Text("trust")],
                vec![Text("a"), Text("b"), Number(0.5)],
            ],
        ),
    ]);
    assert_eq!(
        error(&bytes),
        "book.xlsx: edges!A1: header: expected a column named \"source\", found \"from\", \"target\", \"trust\""
    );
}

#[test]
fn text_where_a_number_must_be_is_refused_at_its_cell() {
    let bytes = xlsx(&[
        nodes_abc(),
        (
            "edges",
            vec![
                vec![Text("source"), Text("target"), Text("trust")],
                vec![Text("a"), Text("b"), Number(0.5)],
                vec![Text("b"), Text("c"), Text("0.75")],
                vec![Text("a"), Text("c"), Text("high")],
            ],
        ),
    ]);
    assert_eq!(
        error(&bytes),
        "book.xlsx: edges!C4: trust: expected a number in [0, 1], found \"high\""
    );
}

#[test]
fn every_problem_is_listed_in_sheet_order_with_its_cell() {
    let bytes = xlsx(&[
        (
            "nodes",
            vec![
                vec![Text("id"), Text("kind"), Text("power")],
                vec![Text("a"), Text("coach"), Number(1.5)],
                vec![Text("a"), Text(""), Number(0.5)],
                vec![Text("b"), Text(""), Number(0.5)],
            ],
        ),
        (
            "edges",
            vec![
                vec![Text("source"), Text("target"), Text("trust")],
                vec![Text("a"), Text("zz"), Number(0.5)],
                vec![Text("b"), Text("b"), Number(0.5)],
            ],
        ),
    ]);
    assert_eq!(
        error(&bytes),
        "book.xlsx: nodes!B2: kind: expected practitioner or stakeholder, found \"coach\"\n\
         book.xlsx: nodes!C2: power: expected a number in [0, 1], found \"1.5\"\n\
         book.xlsx: nodes!A3: id: expected a unique id, found \"a\" again (first at line 2)\n\
         book.xlsx: edges!B2: target: expected a node id from sheet \"nodes\", found \"zz\"\n\
         book.xlsx: edges!B3: target: expected two different actors, found a self-loop on \"b\""
    );
}

#[test]
fn an_empty_workbook_or_sheet_is_refused() {
    let bytes = xlsx(&[("nodes", vec![]), ("edges", vec![])]);
    assert_eq!(
        error(&bytes),
        "book.xlsx: nodes: expected a header row, found an empty sheet\n\
         book.xlsx: edges: expected a header row, found an empty sheet"
    );
    // A header and no actor.
    let bytes = xlsx(&[
        ("nodes", vec![vec![Text("id")]]),
        (
            "edges",
            vec![vec![Text("source"), Text("target"), Text("trust")]],
        ),
    ]);
    assert_eq!(
        error(&bytes),
        "book.xlsx: nodes!A1: header: expected at least one actor row after the header, found none"
    );
}

#[test]
fn password_protected_corrupt_and_non_workbooks_are_refused() {
    let protected = std::fs::read("tests/fixtures/workbooks/password.xlsx").unwrap();
    assert_eq!(
        error(&protected),
        "book.xlsx: expected an .xlsx, .xls or .ods workbook that can be read, found an error: the workbook is password-protected (save a copy without the password)"
    );
    let good = xlsx(&[nodes_abc()]);
    for bad in [
        &good[..good.len() / 2],
        b"id,label\na,A\n".as_slice(),
        b"".as_slice(),
        &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0],
    ] {
        let e = error(bad);
        assert!(
            e.starts_with("book.xlsx: expected an .xlsx, .xls or .ods workbook that can be read, found an error: "),
            "{e}"
        );
        assert!(!e.contains('\n'));
    }
}

#[test]
fn a_ten_thousand_column_sheet_is_refused_at_its_header() {
    let wide: Vec<Cell> = (0..10_000).map(|_| Text("x")).collect();
    let mut header = vec![Text("id")];
    header.extend(wide);
    let edges = (
        "edges",
        vec![
            vec![Text("source"), Text("target"), Text("trust")],
            vec![Text("a"), Text("b"), Number(0.5)],
        ],
    );
    let bytes = xlsx(&[("nodes", vec![header, vec![Text("a")]]), edges]);
    assert_eq!(
        error(&bytes),
        "book.xlsx: nodes!A1: header: expected at most 4096 columns, found 10001"
    );
}

// ---------------------------------------------------------------- cell kinds

fn one_tie(trust: Cell<'_>, directed: Cell<'_>) -> Vec<u8> {
    xlsx(&[
        nodes_abc(),
        (
            "edges",
            vec![
                vec![
                    Text("source"),
                    Text("target"),
                    Text("trust"),
                    Text("directed"),
                ],
                vec![Text("a"), Text("b"), trust, directed],
            ],
        ),
    ])
}

#[test]
fn cells_read_as_a_spreadsheet_user_expects() {
    // Numbers, text holding numbers, booleans for directed.
    let net = read(&one_tie(Number(0.1), Bool(true))).unwrap();
    assert_eq!(net.ties()[0].trust, 0.1);
    assert!(net.ties()[0].directed);
    let net = read(&one_tie(Text(" 0.25 "), Text("FALSE"))).unwrap();
    assert_eq!(net.ties()[0].trust, 0.25);
    assert!(!net.ties()[0].directed);
    // A formula counts as the value the spreadsheet program saved.
    let net = read(&one_tie(Formula("=0.5+0.3", "0.8"), Bool(false))).unwrap();
    assert_eq!(net.ties()[0].trust, 0.8);
    // A boolean or a date where a number must be: refused, saying what it is.
    assert_eq!(
        error(&one_tie(Bool(true), Bool(false))),
        "book.xlsx: edges!C2: trust: expected a number in [0, 1], found \"true\""
    );
    assert_eq!(
        error(&one_tie(Date(2024, 3, 1), Bool(false))),
        "book.xlsx: edges!C2: trust: expected a number in [0, 1], found \"2024-03-01\""
    );
    // A date in a text column is kept as its ISO text.
    let bytes = xlsx(&[
        (
            "nodes",
            vec![
                vec![Text("id"), Text("joined")],
                vec![Text("a"), Date(2023, 11, 5)],
                vec![Text("b"), Text("")],
            ],
        ),
        (
            "edges",
            vec![
                vec![Text("source"), Text("target"), Text("trust")],
                vec![Text("a"), Text("b"), Number(0.5)],
            ],
        ),
    ]);
    assert_eq!(read(&bytes).unwrap().actors()[0].attributes, ["2023-11-05"]);
}

#[test]
fn formulas_without_a_saved_value_are_empty_cells() {
    // openpyxl writes formulas and never computes them: trust is then an
    // empty cell, refused; stakenet does not compute formulas.
    let bytes = std::fs::read("tests/fixtures/workbooks/formulas.xlsx").unwrap();
    assert_eq!(
        error(&bytes),
        "book.xlsx: edges!C2: trust: expected a number in [0, 1], found an empty cell"
    );
}

#[test]
fn merged_cells_give_their_value_to_every_cell_they_cover() {
    let bytes = xlsx_with(
        &[
            (
                "nodes",
                vec![
                    vec![Text("id"), Text("group")],
                    vec![Text("a")],
                    vec![Text("b")],
                    vec![Text("c")],
                ],
            ),
            (
                "edges",
                vec![
                    vec![Text("source"), Text("target"), Text("trust")],
                    vec![Text("a"), Text("b"), Number(0.5)],
                    vec![Text("b"), Text("c")],
                ],
            ),
        ],
        |book| {
            let plain = Format::new();
            let nodes = book.worksheet_from_name("nodes").unwrap();
            nodes.merge_range(1, 1, 3, 1, "agency", &plain).unwrap();
            let edges = book.worksheet_from_name("edges").unwrap();
            edges.merge_range(1, 2, 2, 2, "", &plain).unwrap();
            edges.write_number(1, 2, 0.5).unwrap();
        },
    );
    let net = read(&bytes).unwrap();
    assert!(net.actors().iter().all(|a| a.group == "agency"));
    assert!(net.ties().iter().all(|t| t.trust == 0.5));
}

#[test]
fn empty_rows_anywhere_and_styled_empty_cells_are_skipped() {
    let bytes = xlsx(&[
        nodes_abc(),
        (
            "edges",
            vec![
                vec![Text("source"), Text("target"), Text("trust")],
                vec![Text("a"), Text("b"), Number(0.5)],
                vec![],
                vec![Styled, Styled, Styled],
                vec![Text("b"), Text("c"), Number(0.4)],
                vec![Styled, Styled, Styled, Styled, Styled],
                vec![],
                vec![Styled],
            ],
        ),
    ]);
    let net = read(&bytes).unwrap();
    assert_eq!(net.ties().len(), 2);
}

#[test]
fn a_table_may_start_anywhere_but_values_outside_it_are_refused() {
    let bytes = xlsx(&[
        (
            "nodes",
            vec![
                vec![],
                vec![Text(""), Text("id"), Text("power")],
                vec![Text(""), Text("a"), Number(0.2)],
                vec![Text(""), Text("b"), Text("much")],
            ],
        ),
        (
            "edges",
            vec![
                vec![Text("source"), Text("target"), Text("trust")],
                vec![Text("a"), Text("b"), Number(0.5), Text(""), Text("note")],
            ],
        ),
    ]);
    assert_eq!(
        error(&bytes),
        "book.xlsx: nodes!C4: power: expected a number in [0, 1], found \"much\"\n\
         book.xlsx: edges!E2: (outside the table): expected an empty cell outside the header's columns, found \"note\""
    );
}

#[test]
fn the_cli_writes_no_output_for_a_bad_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("site.xlsx");
    std::fs::write(&book, one_tie(Text("high"), Bool(false))).unwrap();
    let out = dir.path().join("report.json");
    let run = common::stakenet()
        .args(["analyze"])
        .arg(&book)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("site.xlsx: edges!C2: trust: expected a number in [0, 1], found \"high\""),
        "{stderr}"
    );
    assert!(!out.exists());
    // validate lists the problem and exits 1.
    let run = common::stakenet()
        .arg("validate")
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    // template refuses to replace a file without --force.
    let run = common::stakenet()
        .arg("template")
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
}

/// The workbook with one part's text changed (a damaged or hostile file).
fn with_part_changed(bytes: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == part {
            let text = String::from_utf8(content).unwrap();
            assert!(text.contains(from), "{part} lacks {from}");
            content = text.replacen(from, to, 1).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, &content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_shared_string_index_out_of_range_is_a_refusal_not_a_panic() {
    // calamine 0.30 indexes its string table with the number in the file
    // and panics past its end; the reader turns that into a refusal.
    let good = xlsx(&[
        nodes_abc(),
        (
            "edges",
            vec![
                vec![Text("source"), Text("target"), Text("trust")],
                vec![Text("a"), Text("b"), Number(0.5)],
            ],
        ),
    ]);
    let bad = with_part_changed(&good, "xl/worksheets/sheet1.xml", "<v>0</v>", "<v>999</v>");
    assert_eq!(
        error(&bad),
        "book.xlsx: nodes: expected an .xlsx, .xls or .ods workbook that can be read, found an error: the file is damaged (the workbook reader failed on it)"
    );
}

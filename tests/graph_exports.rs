//! GraphML, GEXF and Kumu: what real readers see in the exports, and round
//! trips back through the importers.
//!
//! `tests/fixtures/exports/read_exports.py` exported the networks below,
//! read them with networkx `read_graphml`, igraph `Graph.Read_GraphML` and
//! networkx `read_gexf`, and committed what each reader saw in
//! `readers.json` (versions inside). Here the exports are checked to be what
//! the code writes today, and every node and edge attribute each reader saw
//! to be the value and type stakenet wrote.

mod common;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use stakenet::io::import::{import, FieldMap};
use stakenet::io::{graphml::read_graphml, kumu, load_dir};
use stakenet::render::graph_table::{node_table, tie_table, AttrValue};
use stakenet::render::{gexf::gexf, graphml::graphml, kumu::blueprint, render, Format};
use stakenet::Network;
use stakenet::{export_figures, AnalyzeOptions};

const FIXTURES: &str = "tests/fixtures/exports";

fn networks() -> Vec<(&'static str, PathBuf)> {
    vec![
        (
            "county-parenting-site",
            PathBuf::from("data/county-parenting-site"),
        ),
        ("hostile", PathBuf::from(FIXTURES).join("hostile")),
    ]
}

fn analyze_json(net: &Network) -> Vec<u8> {
    render(&stakenet::report::analyze(net), Format::Json)
}

#[test]
fn committed_exports_are_what_stakenet_writes() {
    for (name, dir) in networks() {
        let net = load_dir(&dir).unwrap();
        let figures = export_figures(&net, &AnalyzeOptions::default()).unwrap();
        let committed =
            |ext: &str| std::fs::read(Path::new(FIXTURES).join(format!("{name}.{ext}")));
        assert!(
            committed("graphml").unwrap() == graphml(&net, &figures),
            "{name}.graphml differs: rerun read_exports.py"
        );
        assert!(
            committed("gexf").unwrap() == gexf(&net, &figures),
            "{name}.gexf differs: rerun read_exports.py"
        );
    }
}

/// The text an XML reader gives back for a value stakenet wrote: control
/// characters other than tab, line feed and carriage return as their
/// Unicode pictures.
fn as_read(text: &str) -> String {
    text.chars()
        .map(|c| match c as u32 {
            0x09 | 0x0a | 0x0d => c,
            u if u < 0x20 => char::from_u32(0x2400 + u).unwrap(),
            _ => c,
        })
        .collect()
}

/// igraph (libxml2) returns `&amp;` inside an XML attribute as the
/// character reference `&#38;`: the one place a reader does not give the
/// text back, and igraph's, not the file's (networkx reads the same file
/// right).
fn igraph_id(id: &str) -> String {
    id.replace("&#38;", "&")
}

fn check_value(context: &str, expected: &Option<AttrValue<'_>>, seen: Option<&Value>) {
    match (expected, seen) {
        (None, None) | (None, Some(Value::Null)) => {}
        // igraph gives a missing text attribute as "".
        (None, Some(Value::String(s))) if s.is_empty() => {}
        (Some(AttrValue::Text(t)), Some(Value::String(s))) => {
            assert_eq!(*s, as_read(t), "{context}")
        }
        (Some(AttrValue::Double(x)), Some(Value::Number(n))) => {
            assert_eq!(n.as_f64(), Some(*x), "{context}")
        }
        (Some(AttrValue::Integer(x)), Some(Value::Number(n))) => {
            assert_eq!(n.as_f64(), Some(*x as f64), "{context}")
        }
        (Some(AttrValue::Boolean(b)), Some(Value::Bool(s))) => assert_eq!(s, b, "{context}"),
        (e, s) => panic!("{context}: expected {e:?}, the reader saw {s:?}"),
    }
}

#[test]
fn networkx_and_igraph_read_every_attribute() {
    let readers: Value =
        serde_json::from_slice(&std::fs::read(Path::new(FIXTURES).join("readers.json")).unwrap())
            .unwrap();
    for (name, dir) in networks() {
        let net = load_dir(&dir).unwrap();
        let figures = export_figures(&net, &AnalyzeOptions::default()).unwrap();
        let nodes = node_table(&net, &figures);
        let (edges, ties) = tie_table(&net);
        for reader in ["networkx_graphml", "igraph_graphml", "networkx_gexf"] {
            let seen = &readers["files"][name][reader];
            let igraph = reader.starts_with("igraph");
            let id = |s: &str| if igraph { igraph_id(s) } else { s.to_string() };
            assert_eq!(seen["directed"], net.is_directed(), "{name} {reader}");
            let seen_nodes: BTreeMap<String, &Value> = seen["nodes"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (id(k), v))
                .collect();
            assert_eq!(seen_nodes.len(), net.len(), "{name} {reader}");
            for (i, actor) in net.actors().iter().enumerate() {
                let attrs = seen_nodes
                    .get(&as_read(&actor.id))
                    .unwrap_or_else(|| panic!("{name} {reader}: no node {:?}", actor.id));
                for ((column, _), value) in nodes.columns.iter().zip(&nodes.rows[i]) {
                    let context = format!("{name} {reader} node {:?} {column}", actor.id);
                    check_value(&context, value, attrs.get(column));
                }
                // Nothing the export did not write (the GEXF label is the
                // label column).
                for key in attrs.as_object().unwrap().keys() {
                    assert!(
                        nodes.columns.iter().any(|(c, _)| c == key),
                        "{name} {reader}: unexpected node attribute {key}"
                    );
                }
            }
            let seen_edges = seen["edges"].as_array().unwrap();
            assert_eq!(seen_edges.len(), edges.len(), "{name} {reader}");
            for (k, edge) in edges.iter().enumerate() {
                let (s, t) = (
                    as_read(&net.actor(edge.source).id),
                    as_read(&net.actor(edge.target).id),
                );
                let found = seen_edges
                    .iter()
                    .find(|e| {
                        let (u, v) = (id(e[0].as_str().unwrap()), id(e[1].as_str().unwrap()));
                        (u == s && v == t) || (!net.is_directed() && u == t && v == s)
                    })
                    .unwrap_or_else(|| panic!("{name} {reader}: no edge {s:?} → {t:?}"));
                let attrs = &found[2];
                for ((column, _), value) in ties.columns.iter().zip(&ties.rows[k]) {
                    // An undirected reader may give the edge the other way
                    // round; the power differential is then the other way
                    // too, but the value written is the one compared.
                    let context = format!("{name} {reader} edge {s:?} → {t:?} {column}");
                    check_value(&context, value, attrs.get(column));
                }
                if reader == "networkx_gexf" {
                    check_value(
                        &format!("{name} gexf weight"),
                        &ties.rows[k][0],
                        attrs.get("weight"),
                    );
                }
            }
        }
    }
}

#[test]
fn graphml_export_imports_as_the_same_network() {
    for dir in common::every_network() {
        let net = load_dir(&dir).unwrap();
        let figures = export_figures(&net, &AnalyzeOptions::default()).unwrap();
        let bytes = graphml(&net, &figures);
        let graph = read_graphml(Path::new("x.graphml"), &bytes).unwrap();
        let imported = import(&graph, &FieldMap::default(), Path::new("out")).unwrap();
        assert!(
            analyze_json(&imported.network) == analyze_json(&net),
            "{}: GraphML round trip changed the network",
            dir.display()
        );
        // The folder written is the network, byte for byte as read back.
        let again = stakenet::io::read(
            Path::new("nodes.csv"),
            imported.nodes_csv.as_slice(),
            Path::new("edges.csv"),
            imported.edges_csv.as_slice(),
            &Default::default(),
        )
        .unwrap();
        assert!(analyze_json(&again) == analyze_json(&net));
    }
}

#[test]
fn kumu_blueprint_imports_as_the_same_network() {
    for dir in common::every_network() {
        let net = load_dir(&dir).unwrap();
        let figures = export_figures(&net, &AnalyzeOptions::default()).unwrap();
        let bytes = blueprint(&net, &figures);
        let graph = kumu::read_blueprint(Path::new("x.json"), &bytes).unwrap();
        let imported = import(&graph, &FieldMap::default(), Path::new("out")).unwrap();
        assert!(
            analyze_json(&imported.network) == analyze_json(&net),
            "{}: Kumu round trip changed the network",
            dir.display()
        );
    }
}

#[test]
fn blueprint_carries_inputs_and_figures_as_element_fields() {
    let net = load_dir("data/county-parenting-site").unwrap();
    let figures = export_figures(&net, &AnalyzeOptions::default()).unwrap();
    let doc: Value = serde_json::from_slice(&blueprint(&net, &figures)).unwrap();
    let report: Value = serde_json::from_slice(&analyze_json(&net)).unwrap();
    let elements = doc["elements"].as_array().unwrap();
    assert_eq!(elements.len(), net.len());
    for (element, row) in elements.iter().zip(report["actors"].as_array().unwrap()) {
        assert_eq!(element["id"], row["id"]);
        assert_eq!(element["label"], row["label"]);
        for field in [
            "group",
            "placement",
            "power",
            "betweenness",
            "constraint",
            "brokerage_total",
        ] {
            assert_eq!(element[field], row[field], "{field} of {}", row["id"]);
        }
        assert!(element.get("exit_impact").is_some() && element.get("trust_retained").is_some());
    }
    // The voice figures are `stakenet power`'s with its defaults.
    let power: Value =
        serde_json::to_value(stakenet::power(&net, &stakenet::VoiceRequest::default()).unwrap())
            .unwrap();
    let rows = power["actors"].as_array().unwrap();
    assert!(rows
        .iter()
        .any(|r| r["voice_brokerage"].as_f64().is_some_and(|b| b > 0.0)));
    for (element, row) in elements.iter().zip(rows) {
        assert_eq!(element["id"], row["id"]);
        for field in [
            "voice",
            "decision_maker",
            "voice_before",
            "voice_after",
            "voice_retained",
            "voice_brokerage",
            "voice_brokerage_after",
        ] {
            // Kumu leaves a figure out where it is undefined.
            let shown = element.get(field).unwrap_or(&Value::Null);
            assert_eq!(shown, &row[field], "{field} of {}", row["id"]);
        }
    }
    let first = &doc["connections"][0];
    let tie = &net.ties()[0];
    assert_eq!(first["from"], net.actor(tie.source).id.as_str());
    assert_eq!(first["trust"], tie.trust);
    assert_eq!(
        first["direction"],
        if tie.directed { "directed" } else { "mutual" }
    );
}

fn florentine_reference() -> Network {
    load_dir("data/real/florentine").unwrap()
}

/// The ties as (source, target, trust), each pair in id order.
fn tie_set(net: &Network) -> Vec<(String, String, f64)> {
    let mut out: Vec<_> = net
        .ties()
        .iter()
        .map(|t| {
            let (a, b) = (
                net.actor(t.source).id.clone(),
                net.actor(t.target).id.clone(),
            );
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            (a, b, t.trust)
        })
        .collect();
    out.sort_by(|x, y| x.partial_cmp(y).unwrap());
    out
}

#[test]
fn graphml_from_networkx_and_igraph_imports_with_a_field_for_trust() {
    let reference = florentine_reference();
    for file in ["florentine-networkx.graphml", "florentine-igraph.graphml"] {
        let path = Path::new(FIXTURES).join(file);
        let graph = read_graphml(&path, &std::fs::read(&path).unwrap()).unwrap();
        // Without saying which field holds trust: refused, naming the option.
        let err = import(&graph, &FieldMap::default(), Path::new("out"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("--field trust=FIELD") && err.contains("\"weight\""),
            "{file}: {err}"
        );
        let map = FieldMap {
            given: vec![("trust".into(), Some("weight".into()))],
        };
        let imported = import(&graph, &map, Path::new("out")).unwrap();
        let net = &imported.network;
        assert_eq!(tie_set(net), tie_set(&reference), "{file}");
        assert_eq!(net.len(), reference.len(), "{file}");
        for actor in reference.actors() {
            let i = net
                .index_of(&actor.id)
                .unwrap_or_else(|| panic!("{file}: {}", actor.id));
            let got = net.actor(i);
            assert_eq!(
                (&got.label, got.kind, &got.group, got.power),
                (&actor.label, actor.kind, &actor.group, actor.power),
                "{file}: {}",
                actor.id
            );
        }
        assert!(imported
            .summary
            .iter()
            .any(|l| l == "field \"weight\" → trust (--field)"));
        // Same figures as the CSV network.
        let a = stakenet::report::analyze(net);
        let b = stakenet::report::analyze(&reference);
        for (x, y) in a.actors.iter().zip(&b.actors) {
            assert_eq!(x.betweenness, y.betweenness, "{file}");
            assert_eq!(x.constraint, y.constraint, "{file}");
        }
    }
}

#[test]
fn hostile_ids_and_labels_survive_graphml_and_kumu() {
    let net = load_dir(Path::new(FIXTURES).join("hostile")).unwrap();
    let figures = export_figures(&net, &AnalyzeOptions::default()).unwrap();
    let ids: Vec<&str> = net.actors().iter().map(|a| a.id.as_str()).collect();
    assert!(ids.contains(&"a<b") && ids.contains(&"q\"uote'") && ids.contains(&"amp&amp;"));
    let graph = read_graphml(Path::new("h.graphml"), &graphml(&net, &figures)).unwrap();
    let back = import(&graph, &FieldMap::default(), Path::new("out"))
        .unwrap()
        .network;
    for (a, b) in net.actors().iter().zip(back.actors()) {
        assert_eq!(a, b);
    }
    assert!(back.actors().iter().any(|a| a.label.contains('\u{1b}')));
    assert!(back
        .actors()
        .iter()
        .any(|a| a.label.contains("\t") && a.label.contains('\n')));
    let graph = kumu::read_blueprint(Path::new("h.json"), &blueprint(&net, &figures)).unwrap();
    let back = import(&graph, &FieldMap::default(), Path::new("out"))
        .unwrap()
        .network;
    for (a, b) in net.actors().iter().zip(back.actors()) {
        assert_eq!(a, b);
    }
}

#[test]
fn kumu_connection_without_trust_is_an_error_naming_the_option() {
    let doc = br#"{"elements": [{"label": "A"}, {"label": "B"}, {"label": "C"}],
        "connections": [{"from": "A", "to": "B", "Trust": 0.5},
                        {"from": "B", "to": "C"}]}"#;
    let graph = kumu::read_blueprint(Path::new("map.json"), doc).unwrap();
    let err = import(&graph, &FieldMap::default(), Path::new("out"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "map.json: 1 connections without \"Trust\" (connections 2): give each a trust in [0, 1], or name the field that holds trust with --field trust=FIELD"
    );
    // No trust field at all.
    let doc = br#"{"elements": [{"label": "A"}, {"label": "B"}],
        "connections": [{"from": "A", "to": "B", "Strength": 3}]}"#;
    let graph = kumu::read_blueprint(Path::new("map.json"), doc).unwrap();
    let err = import(&graph, &FieldMap::default(), Path::new("out"))
        .unwrap_err()
        .to_string();
    // One line says so, not one more per connection.
    assert_eq!(
        err,
        "map.json: no connection field holds trust (fields found: \"Strength\"); say which does \
         with --field trust=FIELD"
    );
    // A trust out of range is named in Kumu's terms.
    let doc = br#"{"elements": [{"label": "A"}, {"label": "B"}],
        "connections": [{"from": "A", "to": "B", "Strength": "high"}]}"#;
    let graph = kumu::read_blueprint(Path::new("map.json"), doc).unwrap();
    let map = FieldMap {
        given: vec![("trust".into(), Some("Strength".into()))],
    };
    let err = import(&graph, &map, Path::new("out"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "map.json: connection 1 (\"A\" → \"B\"): field \"Strength\": expected a number in [0, 1], found \"high\""
    );
}

#[test]
fn kumu_defaults_follow_kumu() {
    // No id: the label is the key; no direction: directed (Kumu's default);
    // a Type that is not a kind is refused with the option to pass.
    let doc = br#"{"elements": [{"label": "Coach", "type": "practitioner", "Group": "isp"},
                                {"label": "Lead", "type": "Stakeholder", "tags": ["a", "b"]}],
        "connections": [{"from": "Coach", "to": "Lead", "trust": 0.8},
                        {"from": "Lead", "to": "Coach", "trust": 0.6, "direction": "directed"}]}"#;
    let graph = kumu::read_blueprint(Path::new("map.json"), doc).unwrap();
    let net = import(&graph, &FieldMap::default(), Path::new("out"))
        .unwrap()
        .network;
    assert_eq!(net.len(), 2);
    assert!(net.is_directed());
    assert_eq!(net.ties().len(), 2);
    let coach = net.actor(net.index_of("Coach").unwrap());
    assert!(coach.is_practitioner());
    assert_eq!(coach.group, "isp");
    let lead = net.actor(net.index_of("Lead").unwrap());
    assert_eq!(lead.attributes, vec!["a|b".to_string()]);

    let doc = br#"{"elements": [{"label": "A", "type": "Person"}, {"label": "B"}],
        "connections": [{"from": "A", "to": "B", "trust": 0.5, "direction": "mutual"}]}"#;
    let graph = kumu::read_blueprint(Path::new("map.json"), doc).unwrap();
    let err = import(&graph, &FieldMap::default(), Path::new("out"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("--field kind="), "{err}");
    let map = FieldMap {
        given: vec![("kind".into(), None)],
    };
    let net = import(&graph, &map, Path::new("out")).unwrap().network;
    assert!(!net.is_directed());
    assert_eq!(net.attribute_names(), ["type"]);
}

/// Rows into a sheet: numbers as number cells, other text as text, empty
/// as no cell.
fn write_rows(sheet: &mut rust_xlsxwriter::Worksheet, rows: &[[&str; 4]]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if let Ok(x) = v.parse::<f64>() {
                sheet.write_number(r as u32, c as u16, x).unwrap();
            } else if !v.is_empty() {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
}

#[test]
fn kumu_spreadsheet_layout_reads_from_csv_files_and_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Elements.csv"),
        "Label,Type,Group,Power\nCoach,Practitioner,isp,0.6\nLead,Stakeholder,agency,0.9\nWorker,Stakeholder,agency,\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("Connections.csv"),
        "From,To,Type,Direction,Trust\nCoach,Lead,,mutual,0.8\nLead,Worker,,undirected,0.5\nWorker,Coach,,,0.3\n",
    )
    .unwrap();
    let graph = kumu::read(dir.path()).unwrap();
    let net = import(&graph, &FieldMap::default(), Path::new("out"))
        .unwrap()
        .network;
    assert_eq!(net.len(), 3);
    assert_eq!(net.ties().len(), 3);
    assert_eq!(net.ties().iter().filter(|t| t.directed).count(), 1);
    assert_eq!(net.actor(net.index_of("Worker").unwrap()).power, 0.5);

    // The same as a workbook with Elements and Connections sheets.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Elements").unwrap();
    write_rows(
        sheet,
        &[
            ["Label", "Type", "Group", "Power"],
            ["Coach", "Practitioner", "isp", "0.6"],
            ["Lead", "Stakeholder", "agency", "0.9"],
            ["Worker", "Stakeholder", "agency", ""],
        ],
    );
    let sheet = book.add_worksheet().set_name("Connections").unwrap();
    write_rows(
        sheet,
        &[
            ["From", "To", "Direction", "Trust"],
            ["Coach", "Lead", "mutual", "0.8"],
            ["Lead", "Worker", "undirected", "0.5"],
            ["Worker", "Coach", "", "0.3"],
        ],
    );
    let path = dir.path().join("map.xlsx");
    book.save(&path).unwrap();
    let graph = kumu::read(&path).unwrap();
    let from_book = import(&graph, &FieldMap::default(), Path::new("out"))
        .unwrap()
        .network;
    assert!(analyze_json(&from_book) == analyze_json(&net));
}

#[test]
fn every_exported_figure_is_one_the_importer_leaves_out() {
    // A figure the exports add but the importer does not know would come
    // back as an input attribute.
    for dir in common::every_network() {
        let net = load_dir(&dir).unwrap();
        let figures = export_figures(&net, &AnalyzeOptions::default()).unwrap();
        for name in &figures.names {
            assert!(
                stakenet::io::import::FIGURE_FIELDS.contains(&name.as_str()),
                "{name} is exported but not in FIGURE_FIELDS"
            );
        }
    }
}

#[test]
fn graphml_key_defaults_direction_and_markup_are_read_as_graphml_says() {
    let doc = br#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="w" for="edge" attr.name="weight" attr.type="double"><default>0.25</default></key>
  <key id="g" for="node" attr.name="group" attr.type="string"><default>agency</default></key>
  <key id="c" for="all" attr.name="comment" attr.type="string"><default>none</default></key>
  <key id="gfx" for="node" yfiles.type="nodegraphics"/>
  <graph id="G" edgedefault="undirected">
    <node id="a"><data key="gfx"><y:ShapeNode><y:NodeLabel>A &amp; co</y:NodeLabel></y:ShapeNode></data></node>
    <node id="b"><data key="g">funder</data></node>
    <node id="c"/>
    <edge source="a" target="b"><data key="w">0.5</data></edge>
    <edge source="b" target="c"/>
    <edge source="c" target="a" directed="true"/>
  </graph>
</graphml>"#;
    let graph = read_graphml(Path::new("y.graphml"), doc).unwrap();
    let map = FieldMap {
        given: vec![("trust".into(), Some("weight".into()))],
    };
    let imported = import(&graph, &map, Path::new("out")).unwrap();
    let net = &imported.network;
    let group = |id: &str| net.actor(net.index_of(id).unwrap()).group.clone();
    assert_eq!(
        (group("a"), group("b"), group("c")),
        ("agency".into(), "funder".into(), "agency".into())
    );
    // The yEd graphics are not a field; "comment" applies to nodes and edges.
    assert_eq!(net.attribute_names(), ["comment"]);
    let trusts: Vec<(bool, f64)> = net.ties().iter().map(|t| (t.directed, t.trust)).collect();
    assert_eq!(trusts, [(false, 0.5), (false, 0.25), (true, 0.25)]);
    assert!(imported
        .summary
        .iter()
        .any(|l| l.contains("not read") && l.contains("\"comment\"")));
    // Not GraphML at all, or a hyperedge: refused with the file's name.
    for bad in [
        &b"<graphml><graph><hyperedge/></graph></graphml>"[..],
        b"<a><b></a>",
        b"{}",
    ] {
        let e = read_graphml(Path::new("y.graphml"), bad)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("y.graphml: "), "{e}");
    }
}

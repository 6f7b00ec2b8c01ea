//! GraphML for Gephi, Cytoscape, yEd, networkx and igraph: one `node` per
//! actor with every input attribute and the analysis figures, one `edge` per
//! tie with `trust`, `communication`, `directed`, `power` and
//! `relationship`, each declared with its type (`double`, `long`,
//! `boolean`, `string`).
//!
//! The graph is `directed` when any tie is (as the analysis treats it); a
//! mutual tie is then still one edge, with `directed` false, so that an
//! import gives back the same network. Written with `quick-xml`; text is
//! escaped by [`super::graph_table::xml_escape`].

use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Writer;

use super::graph_table::{node_table, tie_table, xml_escape, Edge, Table};
use crate::model::Network;
use crate::report::export::ActorFigures;

/// An attribute whose value is escaped here (quick-xml's own escaping
/// leaves tab, line feed and control characters as they are, which a
/// parser would not give back).
pub(crate) fn attr<'a>(key: &'a str, value: &str) -> Attribute<'a> {
    Attribute {
        key: QName(key.as_bytes()),
        value: Cow::Owned(xml_escape(value).into_owned().into_bytes()),
    }
}

/// Element text, escaped as [`attr`] escapes.
pub(crate) fn text(value: &str) -> BytesText<'static> {
    BytesText::from_escaped(xml_escape(value).into_owned())
}

/// The network and its figures as a GraphML document.
pub fn graphml(net: &Network, figures: &ActorFigures) -> Vec<u8> {
    let nodes = node_table(net, figures);
    let (edges, ties) = tie_table(net);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut w, net, &nodes, &edges, &ties).expect("writing to memory does not fail");
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

fn keys(
    w: &mut Writer<Vec<u8>>,
    table: &Table<'_>,
    domain: &str,
    prefix: &str,
) -> std::io::Result<()> {
    for (k, (name, t)) in table.columns.iter().enumerate() {
        let id = format!("{prefix}{k}");
        w.write_event(Event::Empty(BytesStart::new("key").with_attributes([
            attr("id", &id),
            attr("for", domain),
            attr("attr.name", name),
            attr("attr.type", t.xml_name()),
        ])))?;
    }
    Ok(())
}

fn data(
    w: &mut Writer<Vec<u8>>,
    table: &Table<'_>,
    row: usize,
    prefix: &str,
) -> std::io::Result<()> {
    for (k, value) in table.rows[row].iter().enumerate() {
        if let Some(value) = value {
            let id = format!("{prefix}{k}");
            w.create_element("data")
                .with_attributes([attr("key", &id)])
                .write_text_content(text(&value.text()))?;
        }
    }
    Ok(())
}

fn write(
    w: &mut Writer<Vec<u8>>,
    net: &Network,
    nodes: &Table<'_>,
    edges: &[Edge],
    ties: &Table<'_>,
) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ])))?;
    keys(w, nodes, "node", "n")?;
    keys(w, ties, "edge", "e")?;
    let edgedefault = if net.is_directed() {
        "directed"
    } else {
        "undirected"
    };
    w.write_event(Event::Start(
        BytesStart::new("graph").with_attributes([("id", "G"), ("edgedefault", edgedefault)]),
    ))?;
    for (i, actor) in net.actors().iter().enumerate() {
        w.write_event(Event::Start(
            BytesStart::new("node").with_attributes([attr("id", &actor.id)]),
        ))?;
        data(w, nodes, i, "n")?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for (i, edge) in edges.iter().enumerate() {
        w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            attr("id", &edge.id),
            attr("source", &net.actor(edge.source).id),
            attr("target", &net.actor(edge.target).id),
        ])))?;
        data(w, ties, i, "e")?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    Ok(())
}

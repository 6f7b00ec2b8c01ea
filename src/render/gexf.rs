//! GEXF 1.2 for Gephi (and networkx `read_gexf`): nodes with `label` and
//! every input attribute and analysis figure as typed `attvalues`; edges
//! with `weight` = trust and the tie attributes. As in the GraphML export the
//! graph is directed when any tie is, and each tie is one edge whose
//! `directed` attribute says whether it is one-way.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use quick_xml::Writer;

use super::graph_table::{node_table, tie_table, Edge, Table};
use super::graphml::{attr, text};
use crate::model::Network;
use crate::report::export::ActorFigures;

/// The network and its figures as a GEXF document.
pub fn gexf(net: &Network, figures: &ActorFigures) -> Vec<u8> {
    let nodes = node_table(net, figures);
    let (edges, ties) = tie_table(net);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut w, net, &nodes, &edges, &ties).expect("writing to memory does not fail");
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

fn declare(w: &mut Writer<Vec<u8>>, table: &Table<'_>, class: &str) -> std::io::Result<()> {
    w.write_event(Event::Start(
        BytesStart::new("attributes").with_attributes([("class", class)]),
    ))?;
    for (k, (name, t)) in table.columns.iter().enumerate() {
        let id = k.to_string();
        w.write_event(Event::Empty(BytesStart::new("attribute").with_attributes(
            [
                attr("id", &id),
                attr("title", name),
                attr("type", t.xml_name()),
            ],
        )))?;
    }
    w.write_event(Event::End(BytesEnd::new("attributes")))
}

fn values(w: &mut Writer<Vec<u8>>, table: &Table<'_>, row: usize) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new("attvalues")))?;
    for (k, value) in table.rows[row].iter().enumerate() {
        if let Some(value) = value {
            let id = k.to_string();
            w.write_event(Event::Empty(
                BytesStart::new("attvalue")
                    .with_attributes([attr("for", &id), attr("value", &value.text())]),
            ))?;
        }
    }
    w.write_event(Event::End(BytesEnd::new("attvalues")))
}

fn write(
    w: &mut Writer<Vec<u8>>,
    net: &Network,
    nodes: &Table<'_>,
    edges: &[Edge],
    ties: &Table<'_>,
) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("gexf").with_attributes([
        ("xmlns", "http://www.gexf.net/1.2draft"),
        ("version", "1.2"),
    ])))?;
    w.write_event(Event::Start(BytesStart::new("meta")))?;
    w.create_element("creator")
        .write_text_content(text("stakenet"))?;
    w.write_event(Event::End(BytesEnd::new("meta")))?;
    let edge_type = if net.is_directed() {
        "directed"
    } else {
        "undirected"
    };
    w.write_event(Event::Start(BytesStart::new("graph").with_attributes([
        ("mode", "static"),
        ("defaultedgetype", edge_type),
    ])))?;
    declare(w, nodes, "node")?;
    declare(w, ties, "edge")?;
    w.write_event(Event::Start(BytesStart::new("nodes")))?;
    for (i, actor) in net.actors().iter().enumerate() {
        w.write_event(Event::Start(BytesStart::new("node").with_attributes([
            attr("id", &actor.id),
            attr("label", &actor.label),
        ])))?;
        values(w, nodes, i)?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))?;
    w.write_event(Event::Start(BytesStart::new("edges")))?;
    for (i, edge) in edges.iter().enumerate() {
        let trust = ties.rows[i][0].as_ref().map(|t| t.text().into_owned());
        w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            attr("id", &edge.id),
            attr("source", &net.actor(edge.source).id),
            attr("target", &net.actor(edge.target).id),
            attr("weight", trust.as_deref().unwrap_or("0")),
        ])))?;
        values(w, ties, i)?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("edges")))?;
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("gexf")))
}

//! GraphML read as a foreign graph (files from networkx, igraph, Gephi, yEd
//! or stakenet's own export): every `node` with its `data`, every `edge`
//! with its ends, direction and `data`, fields named by their keys'
//! `attr.name`. Key defaults apply to items without a value; `data` holding
//! markup (yEd's graphics) is not a field. An edge is one-way when its
//! `directed` attribute says so, else when the graph's `edgedefault` is
//! `directed`; a `directed` field (stakenet's export) has the last word.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::import::{ForeignGraph, ForeignItem};
use crate::error::Error;
use crate::render::graph_table::xml_unpicture;

fn bad(file: &Path, what: impl std::fmt::Display) -> Error {
    Error::Request(format!(
        "{}: {what}",
        crate::text::escape_controls(&file.display().to_string())
    ))
}

fn attribute(
    e: &BytesStart<'_>,
    name: &[u8],
    decoder: quick_xml::encoding::Decoder,
) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        if a.key.local_name().as_ref() == name {
            let value = a
                .decode_and_unescape_value(decoder)
                .map_err(|err| err.to_string())?;
            return Ok(Some(xml_unpicture(&value).into_owned()));
        }
    }
    Ok(None)
}

struct Key {
    name: String,
    domain: String,
    default: Option<String>,
}

/// Read a GraphML document.
// Long: one streaming XML event loop whose state (current item, key, data) spans the events;
// key defaults and edge direction are applied once the whole document is read.
pub fn read_graphml(file: &Path, bytes: &[u8]) -> Result<ForeignGraph, Error> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut keys: HashMap<String, Key> = HashMap::new();
    let mut graph = ForeignGraph {
        file: file.to_path_buf(),
        node_word: "node",
        tie_word: "edge",
        ..ForeignGraph::default()
    };
    let mut edge_default_directed = true;
    let mut graphs = 0usize;
    // The item being read (node or edge) and whether it is an edge.
    let mut current: Option<(ForeignItem, bool)> = None;
    // The key being read and its default, inside <key>…<default>.
    let mut in_key: Option<String> = None;
    let mut in_default = false;
    // The data element being read: its key, its text, and whether markup
    // was found inside.
    let mut data: Option<(String, String, bool)> = None;
    let position = |r: &Reader<&[u8]>| r.buffer_position();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            bad(
                file,
                format!(
                    "expected well-formed GraphML, found an error at byte {}: {e}",
                    position(&reader)
                ),
            )
        })?;
        let at = position(&reader);
        let decoder = reader.decoder();
        let fail = |what: String| bad(file, format!("byte {at}: {what}"));
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name();
                if let Some((_, _, markup)) = &mut data {
                    *markup = true;
                    buf.clear();
                    continue;
                }
                match name.as_ref() {
                    b"key" => {
                        let id = attribute(e, b"id", decoder)
                            .map_err(&fail)?
                            .unwrap_or_default();
                        let attr_name = attribute(e, b"attr.name", decoder).map_err(&fail)?;
                        let domain = attribute(e, b"for", decoder)
                            .map_err(&fail)?
                            .unwrap_or_else(|| "all".into());
                        keys.insert(
                            id.clone(),
                            Key {
                                name: attr_name.unwrap_or_else(|| id.clone()),
                                domain,
                                default: None,
                            },
                        );
                        if !empty {
                            in_key = Some(id);
                        }
                    }
                    b"default" if in_key.is_some() => in_default = !empty,
                    b"graph" => {
                        graphs += 1;
                        if graphs > 1 || current.is_some() {
                            return Err(fail(
                                "expected one graph, found a nested or second graph (not supported)"
                                    .into(),
                            ));
                        }
                        edge_default_directed = attribute(e, b"edgedefault", decoder)
                            .map_err(&fail)?
                            .map_or(true, |d| d.trim() != "undirected");
                    }
                    b"node" => {
                        let id = attribute(e, b"id", decoder)
                            .map_err(&fail)?
                            .ok_or_else(|| fail("expected an id on the node".into()))?;
                        let item = ForeignItem {
                            id,
                            ..ForeignItem::default()
                        };
                        if empty {
                            graph.elements.push(item);
                        } else {
                            current = Some((item, false));
                        }
                    }
                    b"edge" => {
                        let end = |n: &[u8]| -> Result<String, Error> {
                            attribute(e, n, decoder).map_err(&fail)?.ok_or_else(|| {
                                fail(format!(
                                    "expected a {} on the edge",
                                    String::from_utf8_lossy(n)
                                ))
                            })
                        };
                        let directed = match attribute(e, b"directed", decoder)
                            .map_err(&fail)?
                            .as_deref()
                        {
                            Some("true") => Some(true),
                            Some("false") => Some(false),
                            _ => None,
                        };
                        let item = ForeignItem {
                            id: end(b"source")?,
                            to: end(b"target")?,
                            directed,
                            fields: Vec::new(),
                        };
                        if empty {
                            graph.connections.push(item);
                        } else {
                            current = Some((item, true));
                        }
                    }
                    b"hyperedge" => {
                        return Err(fail(
                            "expected edges between two nodes, found a hyperedge (not supported)"
                                .into(),
                        ))
                    }
                    b"data" if current.is_some() && !empty => {
                        let key = attribute(e, b"key", decoder)
                            .map_err(&fail)?
                            .unwrap_or_default();
                        data = Some((key, String::new(), false));
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                let text = t.unescape().map_err(|e| fail(e.to_string()))?;
                if let Some((_, value, false)) = &mut data {
                    value.push_str(&text);
                } else if in_default {
                    if let Some(key) = in_key.as_ref().and_then(|k| keys.get_mut(k)) {
                        key.default.get_or_insert_with(String::new).push_str(&text);
                    }
                }
            }
            Event::CData(ref t) => {
                if let Some((_, value, false)) = &mut data {
                    value.push_str(&String::from_utf8_lossy(t));
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                b"data" if data.is_some() => {
                    if let (Some((key, value, markup)), Some((item, _))) =
                        (data.take(), current.as_mut())
                    {
                        if !markup {
                            let name = keys.get(&key).map_or(key, |k| k.name.clone());
                            item.fields.push((name, xml_unpicture(&value).into_owned()));
                        }
                    }
                }
                _ if data.is_some() => {}
                b"default" => in_default = false,
                b"key" => in_key = None,
                b"node" | b"edge" => {
                    if let Some((item, is_edge)) = current.take() {
                        if is_edge {
                            graph.connections.push(item);
                        } else {
                            graph.elements.push(item);
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    if graphs == 0 {
        return Err(bad(file, "expected a GraphML <graph>, found none"));
    }
    // Key defaults, then each edge's direction.
    // A key `for` "node" applies to nodes, "edge" to edges, "all" to both
    // (other domains, such as "graph", to neither).
    let mut defaults: Vec<&Key> = keys.values().filter(|k| k.default.is_some()).collect();
    defaults.sort_by(|a, b| a.name.cmp(&b.name));
    for key in defaults {
        let (nodes, edges) = match key.domain.as_str() {
            "node" => (true, false),
            "edge" => (false, true),
            "all" => (true, true),
            _ => (false, false),
        };
        let items = graph
            .elements
            .iter_mut()
            .filter(|_| nodes)
            .chain(graph.connections.iter_mut().filter(|_| edges));
        for item in items {
            if !item.fields.iter().any(|(n, _)| *n == key.name) {
                item.fields
                    .push((key.name.clone(), key.default.clone().unwrap_or_default()));
            }
        }
    }
    for edge in &mut graph.connections {
        let own = edge
            .fields
            .iter()
            .find(|(n, _)| n == "directed")
            .and_then(|(_, v)| super::parse::directed(v).ok());
        edge.directed = Some(own.or(edge.directed).unwrap_or(edge_default_directed));
    }
    Ok(graph)
}

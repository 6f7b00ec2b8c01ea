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

/// A refusal naming the file. The XML parser's own words quote the
/// document (a broken closing tag, an unknown entity), so control
/// characters in them are escaped like the path's: a hostile file must not
/// drive the terminal the message is read on.
fn bad(file: &Path, what: impl std::fmt::Display) -> Error {
    Error::Request(format!(
        "{}: {}",
        crate::text::escape_controls(&file.display().to_string()),
        crate::text::escape_controls(&what.to_string())
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

/// What the streaming reader is inside of, carried from one XML event to
/// the next, and what it has read so far.
struct Reading {
    keys: HashMap<String, Key>,
    graph: ForeignGraph,
    edge_default_directed: bool,
    graphs: usize,
    /// The item being read (node or edge) and whether it is an edge.
    current: Option<(ForeignItem, bool)>,
    /// The key being read, inside <key>…</key>.
    in_key: Option<String>,
    /// Inside that key's <default>.
    in_default: bool,
    /// The data element being read: its key, its text, and whether markup
    /// was found inside.
    data: Option<(String, String, bool)>,
}

impl Reading {
    /// An opening (or empty, `empty`) element. `fail` makes an error that
    /// names the file and the byte.
    fn start(
        &mut self,
        e: &BytesStart<'_>,
        empty: bool,
        decoder: quick_xml::encoding::Decoder,
        fail: &dyn Fn(String) -> Error,
    ) -> Result<(), Error> {
        if let Some((_, _, markup)) = &mut self.data {
            *markup = true;
            return Ok(());
        }
        let attr = |name: &[u8]| attribute(e, name, decoder).map_err(fail);
        match e.local_name().as_ref() {
            b"key" => {
                let id = attr(b"id")?.unwrap_or_default();
                let attr_name = attr(b"attr.name")?;
                let domain = attr(b"for")?.unwrap_or_else(|| "all".into());
                self.keys.insert(
                    id.clone(),
                    Key {
                        name: attr_name.unwrap_or_else(|| id.clone()),
                        domain,
                        default: None,
                    },
                );
                if !empty {
                    self.in_key = Some(id);
                }
            }
            b"default" if self.in_key.is_some() => self.in_default = !empty,
            b"graph" => {
                self.graphs += 1;
                if self.graphs > 1 || self.current.is_some() {
                    return Err(fail(
                        "expected one graph, found a nested or second graph (not supported)".into(),
                    ));
                }
                self.edge_default_directed =
                    attr(b"edgedefault")?.map_or(true, |d| d.trim() != "undirected");
            }
            b"node" => {
                let id = attr(b"id")?.ok_or_else(|| fail("expected an id on the node".into()))?;
                self.item(
                    ForeignItem {
                        id,
                        ..ForeignItem::default()
                    },
                    false,
                    empty,
                );
            }
            b"edge" => {
                let end = |n: &[u8]| -> Result<String, Error> {
                    attr(n)?.ok_or_else(|| {
                        fail(format!(
                            "expected a {} on the edge",
                            String::from_utf8_lossy(n)
                        ))
                    })
                };
                let directed = match attr(b"directed")?.as_deref() {
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
                self.item(item, true, empty);
            }
            b"hyperedge" => {
                return Err(fail(
                    "expected edges between two nodes, found a hyperedge (not supported)".into(),
                ))
            }
            b"data" if self.current.is_some() && !empty => {
                let key = attr(b"key")?.unwrap_or_default();
                self.data = Some((key, String::new(), false));
            }
            _ => {}
        }
        Ok(())
    }

    /// A node or edge opened: kept at once when it is empty, else read on
    /// until it closes.
    fn item(&mut self, item: ForeignItem, is_edge: bool, empty: bool) {
        if empty {
            self.keep(item, is_edge);
        } else {
            self.current = Some((item, is_edge));
        }
    }

    fn keep(&mut self, item: ForeignItem, is_edge: bool) {
        if is_edge {
            self.graph.connections.push(item);
        } else {
            self.graph.elements.push(item);
        }
    }

    /// Text: the value of a data element, or a key's default.
    fn text(&mut self, text: &str) {
        if let Some((_, value, false)) = &mut self.data {
            value.push_str(text);
        } else if self.in_default {
            if let Some(key) = self.in_key.as_ref().and_then(|k| self.keys.get_mut(k)) {
                key.default.get_or_insert_with(String::new).push_str(text);
            }
        }
    }

    /// A closing element.
    fn end(&mut self, name: &[u8]) {
        match name {
            b"data" if self.data.is_some() => {
                if let (Some((key, value, markup)), Some((item, _))) =
                    (self.data.take(), self.current.as_mut())
                {
                    if !markup {
                        let name = self.keys.get(&key).map_or(key, |k| k.name.clone());
                        item.fields.push((name, xml_unpicture(&value).into_owned()));
                    }
                }
            }
            _ if self.data.is_some() => {}
            b"default" => self.in_default = false,
            b"key" => self.in_key = None,
            b"node" | b"edge" => {
                if let Some((item, is_edge)) = self.current.take() {
                    self.keep(item, is_edge);
                }
            }
            _ => {}
        }
    }

    /// The graph once the whole document is read: key defaults given to
    /// the items without a value, then each edge's direction settled.
    fn finish(mut self) -> ForeignGraph {
        // A key `for` "node" applies to nodes, "edge" to edges, "all" to both
        // (other domains, such as "graph", to neither).
        let mut defaults: Vec<&Key> = self.keys.values().filter(|k| k.default.is_some()).collect();
        defaults.sort_by(|a, b| a.name.cmp(&b.name));
        let graph = &mut self.graph;
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
            edge.directed = Some(own.or(edge.directed).unwrap_or(self.edge_default_directed));
        }
        self.graph
    }
}

/// Read a GraphML document, streaming its events through one reading
/// state (the open item, key and data element; what is read so far).
pub fn read_graphml(file: &Path, bytes: &[u8]) -> Result<ForeignGraph, Error> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut reading = Reading {
        keys: HashMap::new(),
        graph: ForeignGraph {
            file: file.to_path_buf(),
            node_word: "node",
            tie_word: "edge",
            ..ForeignGraph::default()
        },
        edge_default_directed: true,
        graphs: 0,
        current: None,
        in_key: None,
        in_default: false,
        data: None,
    };
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            bad(
                file,
                format!(
                    "expected well-formed GraphML, found an error at byte {}: {e}",
                    reader.buffer_position()
                ),
            )
        })?;
        let at = reader.buffer_position();
        let fail = |what: String| bad(file, format!("byte {at}: {what}"));
        match event {
            Event::Eof => break,
            Event::Start(ref e) => reading.start(e, false, reader.decoder(), &fail)?,
            Event::Empty(ref e) => reading.start(e, true, reader.decoder(), &fail)?,
            Event::Text(ref t) => reading.text(&t.unescape().map_err(|e| fail(e.to_string()))?),
            Event::CData(ref t) => {
                if let Some((_, value, false)) = &mut reading.data {
                    value.push_str(&String::from_utf8_lossy(t));
                }
            }
            Event::End(ref e) => reading.end(e.local_name().as_ref()),
            _ => {}
        }
        buf.clear();
    }
    if reading.graphs == 0 {
        return Err(bad(file, "expected a GraphML <graph>, found none"));
    }
    Ok(reading.finish())
}

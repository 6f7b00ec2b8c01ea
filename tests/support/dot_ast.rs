//! Reading DOT back: the graphviz-rust AST of `stakenet dot` output, and the
//! text its quoted IDs stand for. Shared by the DOT test binaries.
#![allow(dead_code)]

use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, GraphAttributes, Id, Stmt, Vertex};

/// The text an escString ID shows (quotes removed, `\\`, `\"` undone, `\n`
/// and `\l` as line breaks).
pub fn shown(id: &Id) -> String {
    let raw = match id {
        Id::Escaped(s) => &s[1..s.len() - 1],
        Id::Plain(s) => s.as_str(),
        other => panic!("unexpected id {other:?}"),
    };
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('l') => out.push('\n'),
            Some(c) => out.push(c),
            None => panic!("dangling backslash in {raw}"),
        }
    }
    out.replace("&amp;", "&")
}

/// The name a quoted node ID stands for (inverse of the `\x`/`\\`/`\"`
/// escaping of names).
pub fn name(id: &Id) -> String {
    let Id::Escaped(s) = id else {
        panic!("node names are quoted: {id:?}")
    };
    let raw = &s[1..s.len() - 1];
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            Some(c) => out.push(c),
            None => panic!("dangling backslash in {raw}"),
        }
    }
    out
}

pub fn get<'a>(attrs: &'a [Attribute], key: &str) -> Option<&'a Id> {
    attrs
        .iter()
        .rev()
        .find(|Attribute(k, _)| matches!(k, Id::Plain(k) if k == key))
        .map(|Attribute(_, v)| v)
}

pub fn stmts(g: &Graph) -> &[Stmt] {
    match g {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    }
}

/// Top-level node statements: (name, attributes).
pub fn nodes(g: &Graph) -> Vec<(String, &[Attribute])> {
    stmts(g)
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => Some((name(&n.id.0), n.attributes.as_slice())),
            _ => None,
        })
        .collect()
}

/// Top-level edge statements: (tail, head, attributes).
pub fn edges(g: &Graph) -> Vec<(String, String, &[Attribute])> {
    stmts(g)
        .iter()
        .filter_map(|s| match s {
            Stmt::Edge(e) => match &e.ty {
                EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) => {
                    Some((name(&a.0), name(&b.0), e.attributes.as_slice()))
                }
                other => panic!("unexpected edge {other:?}"),
            },
            _ => None,
        })
        .collect()
}

pub fn parse(text: &str) -> Graph {
    graphviz_rust::parse(text).unwrap_or_else(|e| panic!("DOT does not parse: {e}\n{text}"))
}

pub fn graph_attrs(g: &Graph) -> &[Attribute] {
    stmts(g)
        .iter()
        .find_map(|s| match s {
            Stmt::GAttribute(GraphAttributes::Graph(a)) => Some(a.as_slice()),
            _ => None,
        })
        .unwrap()
}

/// Cluster subgraphs: (name, attributes set inside, member node names).
pub fn clusters(g: &Graph) -> Vec<(String, Vec<Attribute>, Vec<String>)> {
    stmts(g)
        .iter()
        .filter_map(|s| match s {
            Stmt::Subgraph(sub) => Some((
                name(&sub.id),
                sub.stmts
                    .iter()
                    .filter_map(|s| match s {
                        Stmt::Attribute(a) => Some(a.clone()),
                        _ => None,
                    })
                    .collect(),
                sub.stmts
                    .iter()
                    .filter_map(|s| match s {
                        Stmt::Node(n) => Some(name(&n.id.0)),
                        _ => None,
                    })
                    .collect(),
            )),
            _ => None,
        })
        .collect()
}

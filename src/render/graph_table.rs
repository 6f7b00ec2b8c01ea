//! The typed node and tie attributes that the graph exports (GraphML, GEXF,
//! Kumu) write: every input attribute and the analysis figures, each with
//! its type. Shared so that the three formats carry the same fields.

use std::borrow::Cow;

use crate::model::Network;
use crate::report::export::{ActorFigures, FigureType, FigureValue};

/// The type of an exported attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// Text.
    Text,
    /// A real number.
    Double,
    /// A whole number.
    Integer,
    /// True or false.
    Boolean,
}

/// One value of an exported attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue<'a> {
    /// Text.
    Text(&'a str),
    /// A real number.
    Double(f64),
    /// A whole number.
    Integer(i64),
    /// True or false.
    Boolean(bool),
}

impl AttrType {
    /// The type's name in GraphML `attr.type` and GEXF `type`.
    pub fn xml_name(self) -> &'static str {
        match self {
            AttrType::Text => "string",
            AttrType::Double => "double",
            AttrType::Integer => "long",
            AttrType::Boolean => "boolean",
        }
    }
}

impl AttrValue<'_> {
    /// The value as text (numbers as Rust writes them, which read back to the
    /// same f64).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            AttrValue::Text(s) => Cow::Borrowed(s),
            AttrValue::Double(v) => Cow::Owned(v.to_string()),
            AttrValue::Integer(v) => Cow::Owned(v.to_string()),
            AttrValue::Boolean(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        }
    }
}

/// Names and types of the attributes, and each row's values (`None`:
/// missing).
#[derive(Debug, Clone)]
pub struct Table<'a> {
    /// (name, type) of each attribute.
    pub columns: Vec<(String, AttrType)>,
    /// One row per actor (or tie), one value per column.
    pub rows: Vec<Vec<Option<AttrValue<'a>>>>,
}

/// The node attributes: `label`, `kind`, `placement`, `group`, `role`,
/// `level`, `power`, the extra input columns, then the figures.
pub fn node_table<'a>(net: &'a Network, figures: &ActorFigures) -> Table<'a> {
    let mut columns: Vec<(String, AttrType)> = [
        ("label", AttrType::Text),
        ("kind", AttrType::Text),
        ("placement", AttrType::Text),
        ("group", AttrType::Text),
        ("role", AttrType::Text),
        ("level", AttrType::Text),
        ("power", AttrType::Double),
    ]
    .iter()
    .map(|(n, t)| (n.to_string(), *t))
    .collect();
    columns.extend(
        net.attribute_names()
            .iter()
            .map(|n| (n.clone(), AttrType::Text)),
    );
    columns.extend(figures.names.iter().zip(&figures.types).map(|(n, t)| {
        (
            n.clone(),
            match t {
                FigureType::Integer => AttrType::Integer,
                FigureType::Double => AttrType::Double,
                FigureType::Boolean => AttrType::Boolean,
            },
        )
    }));
    let rows = net
        .actors()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut row = vec![
                Some(AttrValue::Text(&a.label)),
                Some(AttrValue::Text(kind_name(a.kind))),
                Some(AttrValue::Text(placement_name(a.placement))),
                Some(AttrValue::Text(&a.group)),
                a.role.as_deref().map(AttrValue::Text),
                a.level.map(|l| AttrValue::Text(level_name(l))),
                Some(AttrValue::Double(a.power)),
            ];
            row.extend(a.attributes.iter().map(|v| Some(AttrValue::Text(v))));
            row.extend(figures.values[i].iter().map(|v| {
                v.map(|v| match v {
                    FigureValue::Integer(x) => AttrValue::Integer(x),
                    FigureValue::Double(x) => AttrValue::Double(x),
                    FigureValue::Boolean(x) => AttrValue::Boolean(x),
                })
            }));
            row
        })
        .collect();
    Table { columns, rows }
}

/// One exported edge: its id and ends (actor indices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// `t{tie}`, with `r` added for the second arc of a mutual tie.
    pub id: String,
    /// Source actor.
    pub source: usize,
    /// Target actor.
    pub target: usize,
}

/// The exported edges and their attributes: `trust`, `communication`,
/// `directed`, `power` (the differential, source over target) and
/// `relationship`. In a directed network a mutual tie is two edges, one
/// each way (the arcs the analysis uses; the second with its power
/// differential turned round), both with `directed` false, so that a reader
/// sees the same directed graph and an import gives back one mutual tie.
pub fn tie_table(net: &Network) -> (Vec<Edge>, Table<'_>) {
    let columns = [
        ("trust", AttrType::Double),
        ("communication", AttrType::Double),
        ("directed", AttrType::Boolean),
        ("power", AttrType::Double),
        ("relationship", AttrType::Text),
    ]
    .iter()
    .map(|(n, t)| (n.to_string(), *t))
    .collect();
    let mut edges = Vec::with_capacity(net.ties().len());
    let mut rows = Vec::with_capacity(net.ties().len());
    let row = |t: &crate::model::Tie, power: f64| {
        vec![
            Some(AttrValue::Double(t.trust)),
            Some(AttrValue::Double(t.communication)),
            Some(AttrValue::Boolean(t.directed)),
            Some(AttrValue::Double(power)),
            Some(AttrValue::Text(t.relationship.name())),
        ]
    };
    for (i, t) in net.ties().iter().enumerate() {
        edges.push(Edge {
            id: format!("t{i}"),
            source: t.source,
            target: t.target,
        });
        rows.push(row(t, t.power));
        if net.is_directed() && !t.directed {
            edges.push(Edge {
                id: format!("t{i}r"),
                source: t.target,
                target: t.source,
            });
            rows.push(row(t, 0.0 - t.power));
        }
    }
    (edges, Table { columns, rows })
}

fn kind_name(k: crate::model::ActorKind) -> &'static str {
    match k {
        crate::model::ActorKind::Practitioner => "practitioner",
        crate::model::ActorKind::Stakeholder => "stakeholder",
    }
}

fn placement_name(p: crate::model::Placement) -> &'static str {
    match p {
        crate::model::Placement::External => "external",
        crate::model::Placement::Internal => "internal",
    }
}

fn level_name(l: crate::model::Level) -> &'static str {
    match l {
        crate::model::Level::Macro => "macro",
        crate::model::Level::Organizational => "organizational",
        crate::model::Level::Local => "local",
    }
}

/// Text made safe for an XML 1.0 document, in an attribute value or element
/// content: markup characters as entities, tab, line feed and carriage
/// return as character references (so that a parser keeps them), and every
/// other control character, which XML 1.0 cannot hold at all, as its
/// Unicode control picture (U+2400 + code: ESC becomes `␛`), which
/// [`xml_unpicture`] turns back.
pub fn xml_escape(text: &str) -> Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '<' | '>' | '&' | '"' | '\'')
            || c.is_control() && (c as u32) < 0x20
            || c == '\u{fffe}'
            || c == '\u{ffff}'
    };
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The inverse of [`xml_escape`]'s control pictures: U+2401–U+241F (but
/// tab, line feed and carriage return, which XML carries) back to the
/// control characters they stand for.
pub fn xml_unpicture(text: &str) -> Cow<'_, str> {
    let picture = |c: char| {
        let u = c as u32;
        (0x2401..0x2420).contains(&u) && !matches!(u - 0x2400, 0x09 | 0x0a | 0x0d)
    };
    if !text.chars().any(picture) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if picture(c) {
                    char::from_u32(c as u32 - 0x2400).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_keeps_markup_and_controls_recoverable() {
        assert_eq!(xml_escape("plain"), "plain");
        assert_eq!(
            xml_escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(xml_escape("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
        assert_eq!(xml_escape("x\u{1b}[31m"), "x\u{241b}[31m");
        assert_eq!(xml_unpicture("x\u{241b}[31m"), "x\u{1b}[31m");
        // Pictures of tab, line feed and carriage return are not produced,
        // so they stay as they are.
        assert_eq!(xml_unpicture("\u{2409}"), "\u{2409}");
    }
}

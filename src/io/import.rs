//! Networks from other tools (Kumu, GraphML): the foreign elements and
//! connections, whatever their format, are mapped to stakenet's columns by
//! one [`FieldMap`], checked with the format's own cell rules, written as
//! the two CSV files and read back through the loader, so that what an
//! import produces is exactly what `stakenet validate` accepts.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::model::Network;

use super::{parse, LoadOptions};

/// The stakenet columns a foreign field can be mapped to: node columns
/// (`id`, `label`, `kind`, `placement`, `group`, `role`, `level`, `power`)
/// and tie columns (`trust`, `communication`, `tie_power`). `id` replaces
/// the file's own node key (igraph writes `n0`, `n1`, … and keeps the names
/// in a field).
pub const TARGETS: [&str; 11] = [
    "id",
    "label",
    "kind",
    "placement",
    "group",
    "role",
    "level",
    "power",
    "trust",
    "communication",
    "tie_power",
];

/// Which foreign field holds each stakenet column. A column not named here
/// is looked for under its own name (any case; `kind` also under `type`,
/// `tie_power` under `power`); a column mapped to `None` is not read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    /// (target, field) pairs given by the user.
    pub given: Vec<(String, Option<String>)>,
}

impl FieldMap {
    /// Parse `TARGET=FIELD` (an empty FIELD: do not read the column).
    pub fn parse_option(text: &str) -> Result<(String, Option<String>), String> {
        let (target, field) = text
            .split_once('=')
            .ok_or_else(|| format!("expected TARGET=FIELD, found {text:?} (no '=')"))?;
        let target = target.trim().to_ascii_lowercase();
        if !TARGETS.contains(&target.as_str()) {
            return Err(format!(
                "expected one of {} before '=', found {target:?}",
                TARGETS.join(", ")
            ));
        }
        let field = field.trim();
        Ok((target, (!field.is_empty()).then(|| field.to_string())))
    }
}

/// One foreign element (node) or connection (edge): its fields in order,
/// as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForeignItem {
    /// The key others refer to it by (elements) or its ends (connections).
    pub id: String,
    /// Target end (connections only).
    pub to: String,
    /// Whether the connection is one-way (`None`: as the file's default).
    pub directed: Option<bool>,
    /// Field name and text value, in the file's order.
    pub fields: Vec<(String, String)>,
}

/// A network as another tool holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForeignGraph {
    /// The file it came from (for messages).
    pub file: PathBuf,
    /// What the tool calls a node (`element`, `node`).
    pub node_word: &'static str,
    /// What the tool calls a tie (`connection`, `edge`).
    pub tie_word: &'static str,
    /// The nodes.
    pub elements: Vec<ForeignItem>,
    /// The ties.
    pub connections: Vec<ForeignItem>,
}

/// What an import produced: the network, its two CSV files, and a plain
/// account of the mapping.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The network as the loader read it from the files.
    pub network: Network,
    /// `nodes.csv`.
    pub nodes_csv: Vec<u8>,
    /// `edges.csv`.
    pub edges_csv: Vec<u8>,
    /// One line per fact: counts, each field's mapping, what was dropped.
    pub summary: Vec<String>,
}

/// Fields that stakenet's own exports add (the analysis figures): not read
/// back as attributes, so that an exported network imports as it was.
pub const FIGURE_FIELDS: [&str; 34] = [
    "degree",
    "in_degree",
    "out_degree",
    "strength",
    "mean_trust_given",
    "mean_trust_received",
    "betweenness",
    "closeness",
    "harmonic",
    "pagerank",
    "stakeholder_betweenness",
    "practitioner_share",
    "constraint",
    "effective_size",
    "efficiency",
    "hierarchy",
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
    "brokerage_total",
    "exiting",
    "stranded",
    "trust_retained",
    "exit_impact",
    "exit_impact_rank",
    "voice",
    "decision_maker",
    "voice_before",
    "voice_after",
    "voice_retained",
    "voice_brokerage",
    "voice_brokerage_after",
];

/// Fields of a tie that stakenet's exports write and an import does not
/// keep: the relationship type is derived from the ends.
const DERIVED_TIE_FIELDS: [&str; 3] = ["type", "relationship", "directed"];

/// The node columns read from fields (the id is the element's key).
const NODE_FIELDS: &[&str] = {
    let (_id, rest) = super::NODE_COLUMNS.split_at(1);
    rest
};

/// Where a mapped column's values come from.
struct Source {
    field: Option<String>,
    /// Given by the user (as opposed to found by name).
    given: bool,
}

fn find_field(map: &FieldMap, target: &str, names: &[String], defaults: &[&str]) -> Source {
    if let Some((_, field)) = map.given.iter().rev().find(|(t, _)| t == target) {
        return Source {
            field: field.clone(),
            given: true,
        };
    }
    for d in defaults {
        if let Some(n) = names.iter().find(|n| n.trim().eq_ignore_ascii_case(d)) {
            return Source {
                field: Some(n.clone()),
                given: false,
            };
        }
    }
    Source {
        field: None,
        given: false,
    }
}

/// Field names in first-seen order.
fn field_names(items: &[ForeignItem]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut names = Vec::new();
    for item in items {
        for (name, _) in &item.fields {
            if seen.insert(name.as_str()) {
                names.push(name.clone());
            }
        }
    }
    names
}

fn value<'a>(item: &'a ForeignItem, field: Option<&str>) -> Option<&'a str> {
    let field = field?;
    item.fields
        .iter()
        .find(|(n, _)| n == field)
        .map(|(_, v)| v.as_str())
}

/// Problems, each a line naming the file and the item.
struct Complaints {
    file: String,
    lines: Vec<String>,
    more: usize,
}

impl Complaints {
    fn push(&mut self, line: String) {
        if self.lines.len() < 50 {
            self.lines.push(format!("{}: {line}", self.file));
        } else {
            self.more += 1;
        }
    }
}

/// Where each stakenet column of an import comes from.
struct Mapping {
    id: Source,
    /// The node columns after the id, in [`NODE_FIELDS`] order.
    nodes: Vec<(&'static str, Source)>,
    trust: Source,
    communication: Source,
    tie_power: Source,
}

impl Mapping {
    /// The user's `--field` choices, else each column's own name (any
    /// case; `kind` also under `type`, `label` under `name`, the tie's
    /// power under `power`).
    fn choose(map: &FieldMap, element_fields: &[String], connection_fields: &[String]) -> Self {
        let nodes = NODE_FIELDS
            .iter()
            .map(|&c| {
                let defaults: &[&str] = match c {
                    "kind" => &["kind", "type"],
                    "label" => &["label", "name"],
                    other => std::slice::from_ref(match other {
                        "placement" => &"placement",
                        "group" => &"group",
                        "role" => &"role",
                        "level" => &"level",
                        _ => &"power",
                    }),
                };
                (c, find_field(map, c, element_fields, defaults))
            })
            .collect();
        Mapping {
            id: find_field(map, "id", element_fields, &["id"]),
            nodes,
            trust: find_field(map, "trust", connection_fields, &["trust"]),
            communication: find_field(map, "communication", connection_fields, &["communication"]),
            tie_power: find_field(map, "tie_power", connection_fields, &["power"]),
        }
    }

    /// One summary line per column: the field it is read from, or its
    /// default.
    fn describe(&self, summary: &mut Vec<String>) {
        for (column, source) in [("id", &self.id)]
            .into_iter()
            .filter(|(_, s)| s.field.is_some())
            .chain(self.nodes.iter().map(|(c, s)| (*c, s)))
            .chain([
                ("trust", &self.trust),
                ("communication", &self.communication),
                ("tie power", &self.tie_power),
            ])
        {
            summary.push(match &source.field {
                Some(f) => format!(
                    "field {} → {column}{}",
                    parse::quote(f),
                    if source.given { " (--field)" } else { "" }
                ),
                None => format!("no field → {column} (its default)"),
            });
        }
    }

    /// Whether `kind` is read from a field named `type` that the user did
    /// not choose (a message then says how to choose another).
    fn kind_from_type(&self) -> bool {
        self.nodes.iter().any(|(c, s)| {
            *c == "kind"
                && !s.given
                && s.field
                    .as_deref()
                    .is_some_and(|f| f.eq_ignore_ascii_case("type"))
        })
    }
}

/// The quoted names, comma-separated.
fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|f| parse::quote(f.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Map a foreign graph to a network, check it and write its CSV files (in
/// memory). `net_dir` names the folder the files are meant for. Every
/// problem of an import is reported at once, in one error.
pub fn import(graph: &ForeignGraph, map: &FieldMap, net_dir: &Path) -> Result<Imported, Error> {
    let mut complaints = Complaints {
        file: crate::text::escape_controls(&graph.file.display().to_string()),
        lines: Vec::new(),
        more: 0,
    };
    let mut summary = Vec::new();
    let (nw, tw) = (graph.node_word, graph.tie_word);
    let element_fields = field_names(&graph.elements);
    let connection_fields = field_names(&graph.connections);
    let mapping = Mapping::choose(map, &element_fields, &connection_fields);

    summary.push(format!(
        "{} {nw}s → {} actors; {} {tw}s",
        graph.elements.len(),
        graph.elements.len(),
        graph.connections.len()
    ));
    mapping.describe(&mut summary);
    if mapping.trust.field.is_none() && !graph.connections.is_empty() {
        complaints.push(format!(
            "no {tw} field holds trust (fields found: {}); say which does with --field trust=FIELD",
            if connection_fields.is_empty() {
                "none".to_string()
            } else {
                quoted_list(&connection_fields)
            }
        ));
    }
    let extras = extra_fields(&mapping, &element_fields, &mut summary);
    ignored_tie_fields(&mapping, &connection_fields, tw, &mut summary);

    // Each element's actor id, and the ends of connections translated to it.
    let actor_ids: Vec<String> = graph
        .elements
        .iter()
        .map(|e| match value(e, mapping.id.field.as_deref()) {
            Some(v) => v.to_string(),
            None => e.id.clone(),
        })
        .collect();
    let nodes_csv = nodes_csv(graph, &mapping, &actor_ids, &extras, &mut complaints)?;
    let edges_csv = edges_csv(graph, &mapping, &actor_ids, &mut complaints, &mut summary)?;
    if !complaints.lines.is_empty() {
        let mut text = complaints.lines.join("\n");
        if complaints.more > 0 {
            text.push_str(&format!("\n… and {} more problems", complaints.more));
        }
        return Err(Error::Request(text));
    }
    // The last word is the loader's: what it refuses, the import refuses.
    let network = super::read(
        &net_dir.join("nodes.csv"),
        nodes_csv.as_slice(),
        &net_dir.join("edges.csv"),
        edges_csv.as_slice(),
        &LoadOptions::default(),
    )?;
    summary.push(format!(
        "{} actors and {} ties written",
        network.len(),
        network.ties().len()
    ));
    Ok(Imported {
        network,
        nodes_csv,
        edges_csv,
        summary,
    })
}

/// The element fields kept as extra node attributes: every field no column
/// is read from, except stakenet's own analysis figures ([`FIGURE_FIELDS`],
/// recomputed on analysis). Both lists go into the summary.
fn extra_fields<'a>(
    mapping: &Mapping,
    element_fields: &'a [String],
    summary: &mut Vec<String>,
) -> Vec<&'a String> {
    let used: HashSet<&str> = mapping
        .nodes
        .iter()
        .map(|(_, s)| s)
        .chain([&mapping.id])
        .filter_map(|s| s.field.as_deref())
        .collect();
    let mut dropped_figures = Vec::new();
    let extras: Vec<&String> = element_fields
        .iter()
        .filter(|f| {
            if used.contains(f.as_str()) || f.eq_ignore_ascii_case("id") {
                return false;
            }
            if FIGURE_FIELDS.contains(&f.as_str()) {
                dropped_figures.push(f.as_str());
                return false;
            }
            true
        })
        .collect();
    if !extras.is_empty() {
        summary.push(format!("kept as attributes: {}", quoted_list(&extras)));
    }
    if !dropped_figures.is_empty() {
        summary.push(format!(
            "not read (stakenet analysis figures, recomputed on analysis): {}",
            dropped_figures.join(", ")
        ));
    }
    extras
}

/// Names in the summary the tie fields that are not read (stakenet keeps
/// no tie attributes beyond its own; the relationship type and direction
/// are derived).
fn ignored_tie_fields(
    mapping: &Mapping,
    connection_fields: &[String],
    tw: &str,
    summary: &mut Vec<String>,
) {
    let tie_used: HashSet<&str> = [&mapping.trust, &mapping.communication, &mapping.tie_power]
        .iter()
        .filter_map(|s| s.field.as_deref())
        .collect();
    let ignored: Vec<&String> = connection_fields
        .iter()
        .filter(|f| {
            !tie_used.contains(f.as_str())
                && !DERIVED_TIE_FIELDS.iter().any(|d| f.eq_ignore_ascii_case(d))
        })
        .collect();
    if !ignored.is_empty() {
        summary.push(format!(
            "{tw} fields not read (stakenet keeps no tie attributes beyond its own): {}",
            quoted_list(&ignored)
        ));
    }
}

/// nodes.csv of the import: one row per element, each mapped cell checked
/// by the format's rule (ids unique and not empty, kind, placement, level,
/// power).
fn nodes_csv(
    graph: &ForeignGraph,
    mapping: &Mapping,
    actor_ids: &[String],
    extras: &[&String],
    complaints: &mut Complaints,
) -> Result<Vec<u8>, Error> {
    let nw = graph.node_word;
    let quote = parse::quote;
    let mut nodes = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = vec!["id"];
    header.extend(NODE_FIELDS);
    header.extend(extras.iter().map(|s| s.as_str()));
    let _ = nodes.write_record(&header);
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let kind_from_type = mapping.kind_from_type();
    for (k, (element, actor_id)) in graph.elements.iter().zip(actor_ids).enumerate() {
        let place = format!("{nw} {} ({})", k + 1, quote(actor_id));
        if actor_id.trim().is_empty() {
            complaints.push(format!(
                "{nw} {}: expected an id or label, found none",
                k + 1
            ));
        } else if let Some(first) = ids.insert(actor_id.trim(), k) {
            complaints.push(format!(
                "{place}: expected a unique id, found it again (first as {nw} {})",
                first + 1
            ));
        }
        let mut row: Vec<String> = vec![actor_id.clone()];
        for (column, source) in &mapping.nodes {
            let text = value(element, source.field.as_deref()).unwrap_or("");
            let field = source.field.as_deref().unwrap_or("");
            let check = match *column {
                "kind" => parse::kind(text).map(|_| ()),
                "placement" => parse::placement(text).map(|_| ()),
                "level" => parse::level(text).map(|_| ()),
                "power" => parse::optional_number(text, 0.0, 1.0, parse::POWER).map(|_| ()),
                _ => Ok(()),
            };
            if let Err(e) = check {
                let hint = if *column == "kind" && kind_from_type {
                    " (read from 'type' by default: pass --field kind=FIELD naming the field that says practitioner or stakeholder, or --field kind= to make everyone a stakeholder)"
                } else {
                    ""
                };
                complaints.push(format!("{place}: field {}: {e}{hint}", quote(field)));
            }
            row.push(text.to_string());
        }
        for f in extras {
            row.push(value(element, Some(f)).unwrap_or("").to_string());
        }
        let _ = nodes.write_record(&row);
    }
    nodes.into_inner().map_err(|e| Error::Export(e.to_string()))
}

/// edges.csv of the import: one row per connection, its ends translated
/// to actor ids, trust, communication and tie power checked; a mutual tie
/// written as two reverse arcs of equal trust is kept once.
fn edges_csv(
    graph: &ForeignGraph,
    mapping: &Mapping,
    actor_ids: &[String],
    complaints: &mut Complaints,
    summary: &mut Vec<String>,
) -> Result<Vec<u8>, Error> {
    let tw = graph.tie_word;
    let quote = parse::quote;
    let (trust, communication, tie_power) =
        (&mapping.trust, &mapping.communication, &mapping.tie_power);
    let renamed: HashMap<&str, &str> = if mapping.id.field.is_some() {
        graph
            .elements
            .iter()
            .zip(actor_ids)
            .map(|(e, id)| (e.id.as_str(), id.as_str()))
            .collect()
    } else {
        HashMap::new()
    };
    let end = |key: &str| -> String {
        renamed
            .get(key)
            .map_or_else(|| key.to_string(), |id| id.to_string())
    };
    let mut edges = csv::Writer::from_writer(Vec::new());
    let _ = edges.write_record([
        "source",
        "target",
        "trust",
        "communication",
        "directed",
        "power",
    ]);
    let ends: Vec<(String, String)> = graph
        .connections
        .iter()
        .map(|c| (end(&c.id), end(&c.to)))
        .collect();
    let mut mutual: HashMap<(&str, &str), usize> = HashMap::new();
    let mut without_trust = Vec::new();
    let mut merged_arcs = 0;
    for (k, c) in graph.connections.iter().enumerate() {
        let (from, to) = (&ends[k].0, &ends[k].1);
        let place = format!("{tw} {} ({} → {})", k + 1, quote(from), quote(to));
        let directed = c.directed.unwrap_or(false);
        let trust_text = value(c, trust.field.as_deref());
        if trust.field.is_some() && trust_text.map_or(true, |t| t.trim().is_empty()) {
            without_trust.push(k + 1);
            continue;
        }
        let trust_text = trust_text.unwrap_or("");
        let trust_value = parse::number(trust_text, 0.0, 1.0, parse::TRUST);
        let communication_text = value(c, communication.field.as_deref()).unwrap_or("");
        let power_text = value(c, tie_power.field.as_deref()).unwrap_or("");
        let checks = [
            (&trust, trust_value.clone().map(|_| ())),
            (
                &communication,
                parse::optional_number(communication_text, 0.0, f64::MAX, parse::COMMUNICATION)
                    .map(|_| ()),
            ),
            (
                &tie_power,
                parse::optional_number(power_text, -1.0, 1.0, parse::TIE_POWER).map(|_| ()),
            ),
        ];
        // No trust field at all is one complaint, made once (see `import`),
        // not one more per tie: the trust check, first, is then skipped.
        let skip = usize::from(trust.field.is_none());
        for (source, checked) in checks.into_iter().skip(skip) {
            if let Err(e) = checked {
                complaints.push(format!(
                    "{place}: field {}: {e}",
                    quote(source.field.as_deref().unwrap_or(""))
                ));
            }
        }
        if !directed {
            // A mutual tie written as two arcs (stakenet's own export of a
            // directed network, or a tool that does the same): keep one.
            let (a, b) = (from.trim(), to.trim());
            let key = if a <= b { (a, b) } else { (b, a) };
            if let Some(&first) = mutual.get(&key) {
                let first_item = &graph.connections[first];
                let (first_from, first_to) = (&ends[first].0, &ends[first].1);
                let same_trust = value(first_item, trust.field.as_deref())
                    .map(|t| parse::number(t, 0.0, 1.0, parse::TRUST).ok())
                    == Some(trust_value.clone().ok());
                if first_from.trim() == b && first_to.trim() == a && same_trust {
                    merged_arcs += 1;
                    continue;
                }
            } else {
                mutual.insert(key, k);
            }
        }
        let _ = edges.write_record([
            from.as_str(),
            to.as_str(),
            trust_text,
            communication_text,
            if directed { "true" } else { "false" },
            power_text,
        ]);
    }
    if !without_trust.is_empty() {
        let listed: Vec<String> = without_trust
            .iter()
            .take(10)
            .map(|k| k.to_string())
            .collect();
        complaints.push(format!(
            "{} {tw}s without {} ({tw}s {}{}): give each a trust in [0, 1], or name the field that holds trust with --field trust=FIELD",
            without_trust.len(),
            quote(trust.field.as_deref().unwrap_or("")),
            listed.join(", "),
            if without_trust.len() > 10 { ", …" } else { "" }
        ));
    }
    if merged_arcs > 0 {
        summary.push(format!(
            "{merged_arcs} reverse arcs of mutual {tw}s read as the same tie"
        ));
    }
    edges.into_inner().map_err(|e| Error::Export(e.to_string()))
}

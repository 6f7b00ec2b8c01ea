//! Kumu maps read as foreign graphs: a JSON blueprint (`elements` with
//! `label` and fields, `connections` with `from`, `to`, `direction` and
//! fields; fields flat on the object or under `attributes`), or Kumu's
//! spreadsheet layout (sheets or CSV files `Elements` and `Connections`:
//! `Label`, `Type`, …; `From`, `To`, `Type`, `Direction`, …).
//!
//! An element's key is its `id` when it has one, else its label, as in
//! Kumu. A connection without `direction` is directed, Kumu's default;
//! `mutual` and `undirected` connections are mutual ties.

use std::path::Path;

use serde_json::Value;

use super::import::{ForeignGraph, ForeignItem};
use crate::error::Error;

fn bad(file: &Path, what: String) -> Error {
    Error::Request(format!(
        "{}: {what}",
        crate::text::escape_controls(&file.display().to_string())
    ))
}

/// A JSON value as field text: numbers as written, lists (tags) joined by
/// `|`, null as empty.
fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join("|"),
        Value::Object(_) => value.to_string(),
    }
}

/// The fields of a blueprint object, skipping `skip` and flattening an
/// `attributes` object.
fn fields(object: &serde_json::Map<String, Value>, skip: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, value) in object {
        if skip.contains(&name.as_str()) {
            continue;
        }
        match (name.as_str(), value) {
            ("attributes", Value::Object(inner)) => {
                out.extend(inner.iter().map(|(n, v)| (n.clone(), text(v))));
            }
            _ => out.push((name.clone(), text(value))),
        }
    }
    out
}

/// Whether a Kumu `direction` is one-way.
fn directed(direction: &str) -> Option<bool> {
    match direction.trim().to_ascii_lowercase().as_str() {
        "" | "directed" => Some(true),
        "mutual" | "undirected" => Some(false),
        _ => None,
    }
}

/// Read a Kumu JSON blueprint.
pub fn read_blueprint(file: &Path, bytes: &[u8]) -> Result<ForeignGraph, Error> {
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| {
        bad(
            file,
            format!("expected a Kumu blueprint (JSON), found invalid JSON: {e}"),
        )
    })?;
    let Value::Object(doc) = doc else {
        return Err(bad(
            file,
            "expected a JSON object with \"elements\" and \"connections\"".into(),
        ));
    };
    let list = |key: &str| -> Result<Vec<Value>, Error> {
        match doc.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items.clone()),
            Some(_) => Err(bad(file, format!("expected \"{key}\" to be a list"))),
        }
    };
    let mut graph = ForeignGraph {
        file: file.to_path_buf(),
        node_word: "element",
        tie_word: "connection",
        ..ForeignGraph::default()
    };
    for (k, element) in list("elements")?.iter().enumerate() {
        let Value::Object(object) = element else {
            return Err(bad(file, format!("element {}: expected an object", k + 1)));
        };
        let label = object.get("label").map(text).unwrap_or_default();
        let id = match object.get("id").map(text) {
            Some(id) if !id.trim().is_empty() => id,
            _ => label.clone(),
        };
        graph.elements.push(ForeignItem {
            id,
            fields: fields(object, &["id"]),
            ..ForeignItem::default()
        });
    }
    for (k, connection) in list("connections")?.iter().enumerate() {
        let Value::Object(object) = connection else {
            return Err(bad(
                file,
                format!("connection {}: expected an object", k + 1),
            ));
        };
        let end = |key: &str| object.get(key).map(text).unwrap_or_default();
        let direction = end("direction");
        let Some(one_way) = directed(&direction) else {
            return Err(bad(
                file,
                format!(
                    "connection {}: direction: expected directed, mutual or undirected, found {}",
                    k + 1,
                    super::parse::quote(&direction)
                ),
            ));
        };
        graph.connections.push(ForeignItem {
            id: end("from"),
            to: end("to"),
            directed: Some(one_way),
            fields: fields(object, &["id", "from", "to", "direction"]),
        });
    }
    Ok(graph)
}

/// Read Kumu's spreadsheet layout from two tables (header + rows), as the
/// `Elements` and `Connections` sheets or CSV files hold them.
// Long: the Elements table then the Connections table, each a column lookup and a row pass.
pub fn from_tables(
    file: &Path,
    elements: (Vec<String>, Vec<Vec<String>>),
    connections: (Vec<String>, Vec<Vec<String>>),
) -> Result<ForeignGraph, Error> {
    let column = |names: &[String], wanted: &str| {
        names
            .iter()
            .position(|n| n.trim().eq_ignore_ascii_case(wanted))
    };
    let mut graph = ForeignGraph {
        file: file.to_path_buf(),
        node_word: "element",
        tie_word: "connection",
        ..ForeignGraph::default()
    };
    let (names, rows) = elements;
    let (id_col, label_col) = (column(&names, "id"), column(&names, "label"));
    if label_col.is_none() && id_col.is_none() {
        return Err(bad(
            file,
            "Elements: expected a column named \"Label\"".to_string(),
        ));
    }
    for row in rows {
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).cloned().unwrap_or_default();
        let id = match get(id_col) {
            id if !id.trim().is_empty() => id,
            _ => get(label_col),
        };
        let fields = names
            .iter()
            .zip(&row)
            .enumerate()
            .filter(|(c, _)| Some(*c) != id_col)
            .map(|(_, (n, v))| (n.trim().to_string(), v.clone()))
            .collect();
        graph.elements.push(ForeignItem {
            id,
            fields,
            ..ForeignItem::default()
        });
    }
    let (names, rows) = connections;
    let (from, to, direction) = (
        column(&names, "from"),
        column(&names, "to"),
        column(&names, "direction"),
    );
    if from.is_none() || to.is_none() {
        return Err(bad(
            file,
            "Connections: expected columns named \"From\" and \"To\"".to_string(),
        ));
    }
    for (k, row) in rows.into_iter().enumerate() {
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).cloned().unwrap_or_default();
        let d = get(direction);
        let Some(one_way) = directed(&d) else {
            return Err(bad(
                file,
                format!(
                    "Connections row {}: Direction: expected directed, mutual or undirected, found {}",
                    k + 2,
                    super::parse::quote(&d)
                ),
            ));
        };
        let fields = names
            .iter()
            .zip(&row)
            .enumerate()
            .filter(|(c, _)| ![from, to, direction].contains(&Some(*c)))
            .map(|(_, (n, v))| (n.trim().to_string(), v.clone()))
            .collect();
        graph.connections.push(ForeignItem {
            id: get(from),
            to: get(to),
            directed: Some(one_way),
            fields,
        });
    }
    Ok(graph)
}

/// Read a Kumu map: a `.json` blueprint, a workbook with `Elements` and
/// `Connections` sheets, or a folder with `Elements.csv` and
/// `Connections.csv` (names in any case).
pub fn read(path: &Path) -> Result<ForeignGraph, Error> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        let find = |wanted: &str| -> Result<std::path::PathBuf, Error> {
            let entries = std::fs::read_dir(path).map_err(read_error)?;
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
                if name == wanted {
                    return Ok(entry.path());
                }
            }
            Err(bad(
                path,
                format!("expected a file named {wanted} (any case) in the folder"),
            ))
        };
        let mut tables = Vec::new();
        for wanted in ["elements.csv", "connections.csv"] {
            let file = find(wanted)?;
            let input = std::fs::File::open(&file).map_err(|source| Error::Read {
                path: file.clone(),
                source,
            })?;
            tables.push(super::source::read_table(
                &mut super::source::CsvRecords::new(&file, input),
            )?);
        }
        let connections = tables.pop().unwrap_or_default();
        let elements = tables.pop().unwrap_or_default();
        return from_tables(path, elements, connections);
    }
    if super::workbook::is_workbook(path) {
        let [elements, connections] =
            super::workbook::read_tables(path, ["elements", "connections"])?;
        return from_tables(path, elements, connections);
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    read_blueprint(path, &bytes)
}

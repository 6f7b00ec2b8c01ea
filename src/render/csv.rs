//! CSV output: a header and one line per row, every value reading back to
//! the same number, and text that spreadsheets will not run as a formula.

use serde_json::{Map, Value};

/// Prefix a cell that a spreadsheet would read as a formula (leading `=`,
/// `+`, `-`, `@`, tab or carriage return) with `'`, the OWASP advice for
/// CSV injection. Numbers are written from their values and never prefixed.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Undo [`neutralise`] on a cell read back (batch `--resume` and `merge`
/// compare network paths and manifest values with what they were).
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// The CSV text of one value: empty for null, the shortest round-tripping
/// text for a number, lists joined with `;` (inner lists with `|`), objects
/// as JSON, and text neutralised (see [`neutralise`]).
pub fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        // serde_json writes the shortest text that reads back to the same f64.
        Value::Number(n) => n.to_string(),
        Value::String(s) => neutralise(s),
        Value::Array(items) => neutralise(
            &items
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    Value::Array(inner) => inner
                        .iter()
                        .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                        .collect::<Vec<_>>()
                        .join("|"),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(";"),
        ),
        Value::Object(_) => value.to_string(),
    }
}

/// How [`flatten`] names the columns of nested fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Naming {
    /// One report's `--format csv`: only objects at the top level are
    /// opened, and their entries are named by their own key, or `outer.key`
    /// where that would clash with a top-level column. Deeper objects and
    /// every list stay one cell.
    Own,
    /// Batch rows: every object is opened and its entries are named
    /// `outer_key`, down the levels. A list of objects each led by a text
    /// field (the relationship types, say) is opened too: its entries become
    /// `{name}_{field}` columns, the list's own key dropped (the names say
    /// what they are). Other lists stay one cell.
    Joined,
}

impl Naming {
    /// Whether an object `depth` levels down (0: a top-level field) is
    /// opened into columns.
    fn opens(self, depth: usize) -> bool {
        self == Naming::Joined || depth == 0
    }

    /// The column of `key`, a field `depth` levels below the row `top`
    /// inside the field named `prefix`.
    fn name(self, top: &Map<String, Value>, prefix: &str, depth: usize, key: &str) -> String {
        match self {
            Naming::Own if depth == 0 || !top.contains_key(key) => key.to_string(),
            Naming::Own => format!("{prefix}.{key}"),
            Naming::Joined => self.prefix(prefix, key),
        }
    }

    /// What the columns inside the object field `key` start with.
    fn prefix(self, prefix: &str, key: &str) -> String {
        match self {
            // Own names an entry by its own key, `outer.key` on a clash.
            Naming::Own => key.to_string(),
            Naming::Joined if prefix.is_empty() => key.to_string(),
            Naming::Joined => format!("{prefix}_{key}"),
        }
    }
}

/// A list of objects each named by a leading text field (the relationship
/// types, say).
fn is_named_list(items: &[Value]) -> bool {
    !items.is_empty()
        && items.iter().all(|item| {
            item.as_object()
                .and_then(|m| m.values().next())
                .is_some_and(Value::is_string)
        })
}

/// Flatten one row into columns, named as `naming` says, in the row's
/// order. A row that is not an object is the one column `value`.
pub(crate) fn flatten(row: &Value, naming: Naming) -> Vec<(String, &Value)> {
    let Value::Object(top) = row else {
        return vec![("value".to_string(), row)];
    };
    let mut out = Vec::with_capacity(top.len());
    for (key, value) in top {
        flatten_field(naming, top, "", 0, key, value, &mut out);
    }
    out
}

/// Flatten the field `key` of the object whose column names start with
/// `prefix`, `depth` levels below the row `top`, into `out`.
fn flatten_field<'a>(
    naming: Naming,
    top: &Map<String, Value>,
    prefix: &str,
    depth: usize,
    key: &str,
    value: &'a Value,
    out: &mut Vec<(String, &'a Value)>,
) {
    match value {
        Value::Object(map) if naming.opens(depth) => {
            let inner = naming.prefix(prefix, key);
            for (k, v) in map {
                flatten_field(naming, top, &inner, depth + 1, k, v, out);
            }
        }
        Value::Array(items) if naming == Naming::Joined && is_named_list(items) => {
            for item in items {
                let mut fields = item.as_object().into_iter().flatten();
                let name = fields.next().and_then(|(_, name)| name.as_str());
                let inner = naming.prefix(prefix, name.unwrap_or_default());
                for (k, v) in fields {
                    flatten_field(naming, top, &inner, depth + 1, k, v, out);
                }
            }
        }
        _ => out.push((naming.name(top, prefix, depth, key), value)),
    }
}

/// Report rows (the actors, say) as the JSON values [`rows`] takes.
pub(crate) fn serialised<T: serde::Serialize>(items: &[T]) -> Vec<Value> {
    items
        .iter()
        .map(|a| serde_json::to_value(a).expect("report rows serialise"))
        .collect()
}

/// Write rows (JSON objects with the same keys) as CSV: the first row's keys
/// make the header.
pub fn rows(rows: &[Value]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    if let Some(first) = rows.first() {
        // Column names can come from the input too (extra nodes.csv columns).
        let header: Vec<String> = flatten(first, Naming::Own)
            .into_iter()
            .map(|(k, _)| neutralise(&k))
            .collect();
        writer.write_record(&header).expect("writing to memory");
        for row in rows {
            let cells: Vec<String> = flatten(row, Naming::Own)
                .into_iter()
                .map(|(_, v)| cell(v))
                .collect();
            writer.write_record(&cells).expect("writing to memory");
        }
    }
    writer.into_inner().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flattens_nested_objects_and_neutralises_formulas() {
        let data = vec![
            json!({"id": "=cmd()", "x": 0.1, "y": null, "attributes": {"team": "-a", "id": "dup"}}),
            json!({"id": "b", "x": -2.5, "y": true, "attributes": {"team": "t", "id": "d"}}),
        ];
        let text = String::from_utf8(rows(&data)).unwrap();
        assert_eq!(
            text,
            "id,x,y,team,attributes.id\n'=cmd(),0.1,,'-a,dup\nb,-2.5,true,t,d\n"
        );
    }

    #[test]
    fn the_two_namings_of_one_row() {
        let row = json!({
            "id": "a",
            "exit": {"reach": 0.25, "id": "x", "deep": {"k": 1}},
            "types": [{"relationship": "ps", "ties": 2}, {"relationship": "ss", "ties": 0}]
        });
        let names =
            |naming| -> Vec<String> { flatten(&row, naming).into_iter().map(|(k, _)| k).collect() };
        assert_eq!(
            names(Naming::Own),
            ["id", "reach", "exit.id", "deep", "types"]
        );
        assert_eq!(
            names(Naming::Joined),
            [
                "id",
                "exit_reach",
                "exit_id",
                "exit_deep_k",
                "ps_ties",
                "ss_ties"
            ]
        );
        assert_eq!(flatten(&row, Naming::Own)[3].1, &json!({"k": 1}));
        assert_eq!(flatten(&row, Naming::Joined)[5].1, &json!(0));
    }

    #[test]
    fn column_names_from_the_input_are_neutralised_too() {
        let text = String::from_utf8(rows(&[
            json!({"id": "a", "attributes": {"=HYPERLINK(1)": "x"}}),
        ]))
        .unwrap();
        assert_eq!(text, "id,'=HYPERLINK(1)\na,x\n");
    }

    #[test]
    fn restore_undoes_neutralise() {
        for text in ["=sum(A1)", "-x", "+1", "@a", "\tx", "plain", "'quoted", ""] {
            assert_eq!(restore(&neutralise(text)), text);
        }
    }

    #[test]
    fn numbers_read_back_to_the_same_value() {
        let v: f64 = 0.1 + 0.2;
        let text = String::from_utf8(rows(&[json!({"v": v})])).unwrap();
        let back: f64 = text.lines().nth(1).unwrap().parse().unwrap();
        assert_eq!(back.to_bits(), v.to_bits());
    }
}

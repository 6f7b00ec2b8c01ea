//! CSV output: a header and one line per row, every value reading back to
//! the same number, and text that spreadsheets will not run as a formula.

use serde_json::Value;

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

/// Flatten one row: a nested object's entries become columns named by their
/// own key, or `outer.key` where that would clash with a top-level column.
fn flatten(row: &Value) -> Vec<(String, &Value)> {
    let Value::Object(map) = row else {
        return vec![("value".to_string(), row)];
    };
    let mut out = Vec::with_capacity(map.len());
    for (key, value) in map {
        match value {
            Value::Object(inner) => {
                for (k, v) in inner {
                    let name = if map.contains_key(k) {
                        format!("{key}.{k}")
                    } else {
                        k.clone()
                    };
                    out.push((name, v));
                }
            }
            _ => out.push((key.clone(), value)),
        }
    }
    out
}

/// Write rows (JSON objects with the same keys) as CSV: the first row's keys
/// make the header.
pub fn rows(rows: &[Value]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    if let Some(first) = rows.first() {
        // Column names can come from the input too (extra nodes.csv columns).
        let header: Vec<String> = flatten(first)
            .into_iter()
            .map(|(k, _)| neutralise(&k))
            .collect();
        writer.write_record(&header).expect("writing to memory");
        for row in rows {
            let cells: Vec<String> = flatten(row).into_iter().map(|(_, v)| cell(v)).collect();
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

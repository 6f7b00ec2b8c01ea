//! Reading batch outputs back, for `stakenet merge` and `batch --resume`.
//!
//! Rows are kept as the bytes they were written as, so that a merged or
//! resumed output is the same bytes as a single uninterrupted run: nothing
//! is re-encoded.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::{Batch, RowFormat};
use crate::error::Error;
use crate::io::NetworkEntry;

/// One row of a batch output, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputRow {
    /// Its `network` value.
    pub network: String,
    /// Its bytes, line end included.
    pub raw: Vec<u8>,
}

/// A batch output read back: a summary, actors or errors file of either
/// format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The file's name, for messages.
    pub name: String,
    /// Its format (CSV for an empty file).
    pub format: RowFormat,
    /// Its columns: the CSV header, or the first JSON line's keys; empty for
    /// an empty file.
    pub columns: Vec<String>,
    /// The header's bytes (empty for JSON lines).
    pub header: Vec<u8>,
    /// The complete rows, in file order.
    pub rows: Vec<OutputRow>,
    /// True when the file ended inside a row (an interrupted write); that
    /// row is not in `rows`.
    pub truncated: bool,
}

impl OutputFile {
    /// Read a batch output. `name` names the file in errors.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<OutputFile, Error> {
        let mut table = OutputFile {
            name: name.to_string(),
            format: RowFormat::Csv,
            columns: Vec::new(),
            header: Vec::new(),
            rows: Vec::new(),
            truncated: false,
        };
        if bytes.first() == Some(&b'{') {
            table.format = RowFormat::Jsonl;
            table.parse_jsonl(bytes)?;
        } else {
            table.parse_csv(bytes)?;
        }
        Ok(table)
    }

    fn error(&self, message: String) -> Error {
        Error::BatchOutput {
            file: self.name.clone(),
            message,
        }
    }

    fn parse_csv(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut record = csv::ByteRecord::new();
        let mut start = 0;
        let mut network_column = 0;
        loop {
            let more = reader
                .read_byte_record(&mut record)
                .map_err(|e| self.error(format!("not a batch output: {e}")))?;
            if !more {
                return Ok(());
            }
            let end = reader.position().byte() as usize;
            let raw = &bytes[start..end];
            start = end;
            if raw.last() != Some(&b'\n') {
                self.truncated = true;
                return Ok(());
            }
            let line = record.position().map_or(0, |p| p.line());
            let text = |i: usize| String::from_utf8_lossy(&record[i]).into_owned();
            if self.columns.is_empty() {
                self.columns = (0..record.len()).map(text).collect();
                self.header = raw.to_vec();
                network_column = self
                    .columns
                    .iter()
                    .position(|c| c == "network")
                    .ok_or_else(|| {
                        self.error("not a batch output: no \"network\" column".into())
                    })?;
                continue;
            }
            if record.len() != self.columns.len() {
                return Err(self.error(format!(
                    "line {line}: expected {} fields as in the header, found {}",
                    self.columns.len(),
                    record.len()
                )));
            }
            self.rows.push(OutputRow {
                network: crate::render::csv::restore(&text(network_column)).to_string(),
                raw: raw.to_vec(),
            });
        }
    }

    fn parse_jsonl(&mut self, bytes: &[u8]) -> Result<(), Error> {
        for (i, raw) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
            if raw.last() != Some(&b'\n') {
                self.truncated = true;
                return Ok(());
            }
            let line = i + 1;
            let row: Map<String, Value> = serde_json::from_slice(raw)
                .map_err(|e| self.error(format!("line {line}: not a JSON object: {e}")))?;
            let keys: Vec<String> = row.keys().cloned().collect();
            if self.columns.is_empty() {
                self.columns = keys;
            } else if keys != self.columns {
                return Err(self.error(format!(
                    "line {line}: expected the keys of line 1, found {keys:?}"
                )));
            }
            let network = row
                .get("network")
                .and_then(Value::as_str)
                .ok_or_else(|| self.error(format!("line {line}: no \"network\" text")))?;
            self.rows.push(OutputRow {
                network: network.to_string(),
                raw: raw.to_vec(),
            });
        }
        Ok(())
    }

    /// The text of `column` in `row` (a JSON number or flag as written).
    pub fn value(&self, row: &OutputRow, column: &str) -> Option<String> {
        let i = self.columns.iter().position(|c| c == column)?;
        match self.format {
            RowFormat::Csv => {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(row.raw.as_slice());
                let record = reader.records().next()?.ok()?;
                record
                    .get(i)
                    .map(|c| crate::render::csv::restore(c).to_string())
            }
            RowFormat::Jsonl => {
                let map: Map<String, Value> = serde_json::from_slice(&row.raw).ok()?;
                Some(match map.get(column)? {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                })
            }
        }
    }

    /// Why this table cannot be read as having `columns` in `format`, if it
    /// cannot. An empty file has no columns and fits anything.
    fn mismatch(&self, format: RowFormat, columns: &[String]) -> Option<String> {
        if self.columns.is_empty() {
            return None;
        }
        if self.format != format {
            return Some(format!("it is {:?}, expected {format:?}", self.format));
        }
        // A CSV header was written neutralised (see `super::header`).
        let columns: Vec<String> = match self.format {
            RowFormat::Csv => columns
                .iter()
                .map(|c| crate::render::csv::neutralise(c))
                .collect(),
            RowFormat::Jsonl => columns.to_vec(),
        };
        let columns = columns.as_slice();
        if self.columns == columns {
            return None;
        }
        let i = self
            .columns
            .iter()
            .zip(columns)
            .position(|(a, b)| a != b)
            .unwrap_or(self.columns.len().min(columns.len()));
        let show = |cols: &[String]| {
            cols.get(i)
                .map_or("(none)".to_string(), |c| format!("\"{c}\""))
        };
        Some(format!(
            "its columns differ at column {}: {} where {} was expected",
            i + 1,
            show(&self.columns),
            show(columns)
        ))
    }
}

/// Join outputs of the same batch (its shards' summary, actors or errors
/// files): one header, rows in `network` order (rows of one network keep
/// their order), the bytes a single run over all networks writes.
///
/// Refused: files whose headers differ, a file that ends inside a row, and a
/// network found in two files.
pub fn merge(tables: &[OutputFile]) -> Result<Vec<u8>, Error> {
    let Some(first) = tables.iter().find(|t| !t.columns.is_empty()) else {
        return Ok(Vec::new());
    };
    for t in tables {
        if t.truncated {
            return Err(t.error(
                "ends in the middle of a row (an interrupted run?); rerun that shard".into(),
            ));
        }
        if let Some(why) = t.mismatch(first.format, &first.columns) {
            return Err(t.error(format!("cannot merge with {}: {why}", first.name)));
        }
    }
    let mut rows: Vec<(&str, usize, &[u8])> = tables
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            t.rows
                .iter()
                .map(move |r| (r.network.as_str(), i, r.raw.as_slice()))
        })
        .collect();
    // A stable sort: the rows of one network keep their file order.
    rows.sort_by(|a, b| a.0.cmp(b.0));
    for pair in rows.windows(2) {
        if pair[0].0 == pair[1].0 && pair[0].1 != pair[1].1 {
            return Err(tables[pair[1].1].error(format!(
                "network \"{}\" is also in {}; were two shards given the same --shard?",
                pair[0].0, tables[pair[0].1].name
            )));
        }
    }
    let mut out = first.header.clone();
    for (_, _, raw) in rows {
        out.extend_from_slice(raw);
    }
    Ok(out)
}

/// Rows of an earlier run that `--resume` keeps, by network.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept {
    /// The summary row of each kept network.
    pub summary: HashMap<String, Vec<u8>>,
    /// The actor rows of each kept network (when actors are written).
    pub actors: HashMap<String, Vec<u8>>,
}

/// Which networks of `entries` an earlier run already finished, from its
/// summary files (the output and its `.partial`) and, when actors are
/// written, its actors files.
///
/// A network is kept when it has a complete summary row whose manifest
/// values are still those of its entry and, if actors are written, exactly
/// as many actor rows as its `actors` count (so a run cut inside a network's
/// actor rows recomputes it). Files written with other columns are refused:
/// their rows would not fit this batch's header.
pub fn resumable(
    batch: &Batch,
    entries: &[NetworkEntry],
    summaries: &[OutputFile],
    actors: Option<&[OutputFile]>,
) -> Result<Kept, Error> {
    for t in summaries {
        if let Some(why) = t.mismatch(batch.format, &batch.summary_columns) {
            return Err(t.error(format!("cannot resume: {why}")));
        }
    }
    for t in actors.unwrap_or_default() {
        if let Some(why) = t.mismatch(batch.format, &batch.actor_columns) {
            return Err(t.error(format!("cannot resume: {why}")));
        }
    }
    let mut found: HashMap<&str, (&OutputFile, &super::OutputRow)> = HashMap::new();
    for t in summaries {
        for r in &t.rows {
            found.entry(r.network.as_str()).or_insert((t, r));
        }
    }
    // Per actors file, each network's rows and their count.
    let groups: Vec<BTreeMap<&str, (usize, Vec<u8>)>> = actors
        .unwrap_or_default()
        .iter()
        .map(|t| {
            let mut g: BTreeMap<&str, (usize, Vec<u8>)> = BTreeMap::new();
            for r in &t.rows {
                let e = g.entry(r.network.as_str()).or_default();
                e.0 += 1;
                e.1.extend_from_slice(&r.raw);
            }
            g
        })
        .collect();
    let mut kept = Kept::default();
    for entry in entries {
        let Some(&(table, row)) = found.get(entry.name.as_str()) else {
            continue;
        };
        let same_extras = batch
            .extra_columns
            .iter()
            .zip(&entry.extras)
            .all(|(c, v)| table.value(row, c).as_deref() == Some(v.as_str()));
        if !same_extras {
            continue;
        }
        if actors.is_some() {
            let Some(count) = table
                .value(row, "actors")
                .and_then(|v| v.parse::<usize>().ok())
            else {
                continue;
            };
            let Some((_, bytes)) = groups
                .iter()
                .filter_map(|g| g.get(entry.name.as_str()))
                .find(|(n, _)| *n == count)
            else {
                continue;
            };
            kept.actors.insert(entry.name.clone(), bytes.clone());
        }
        kept.summary.insert(entry.name.clone(), row.raw.clone());
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, text: &str) -> OutputFile {
        OutputFile::parse(name, text.as_bytes()).unwrap()
    }

    #[test]
    fn csv_rows_keep_their_bytes_and_a_cut_last_row_is_dropped() {
        let t = table("a.csv", "network,x\nn1,\"two\nlines\"\nn2,3");
        assert_eq!(t.columns, ["network", "x"]);
        assert_eq!(t.header, b"network,x\n");
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].raw, b"n1,\"two\nlines\"\n");
        assert_eq!(t.value(&t.rows[0], "x").unwrap(), "two\nlines");
        assert!(t.truncated);
        assert!(!table("b.csv", "network,x\nn2,3\n").truncated);
    }

    #[test]
    fn jsonl_rows_are_read_by_key() {
        let t = table(
            "a.jsonl",
            "{\"network\":\"n1\",\"actors\":3}\n{\"network\":\"n2\",",
        );
        assert_eq!(t.format, RowFormat::Jsonl);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.value(&t.rows[0], "actors").unwrap(), "3");
        assert!(t.truncated);
    }

    #[test]
    fn merge_sorts_by_network_stably_and_checks_headers() {
        let a = table("a.csv", "network,v\nn1,1\nn3,1\nn3,2\n");
        let b = table("b.csv", "network,v\nn2,1\n");
        let empty = table("c.csv", "");
        let out = merge(&[a.clone(), b, empty]).unwrap();
        assert_eq!(out, b"network,v\nn1,1\nn2,1\nn3,1\nn3,2\n");

        let other = table("d.csv", "network,w\nn4,1\n");
        let e = merge(&[a.clone(), other]).unwrap_err().to_string();
        assert_eq!(
            e,
            "d.csv: cannot merge with a.csv: its columns differ at column 2: \"w\" where \"v\" was expected"
        );
        let twice = merge(&[a.clone(), a]).unwrap_err().to_string();
        assert!(twice.contains("network \"n1\" is also in a.csv"), "{twice}");
        let cut = table("e.csv", "network,v\nn5,");
        assert!(merge(&[cut])
            .unwrap_err()
            .to_string()
            .contains("middle of a row"));
    }
}

//! Finding the networks of a batch: network folders under a root, or the
//! rows of a manifest CSV.
//!
//! Each network gets a *name*, the text of its `network` column in batch
//! outputs, and networks are sorted by that name (byte order) so that the
//! order of a batch, of each shard and of merged shard outputs is the same
//! whatever the file system's listing order.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, InputError, InputErrorKind, Location};

/// One network of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkEntry {
    /// The `network` column: the folder's path as found under its root, or
    /// the `path` cell of its manifest row.
    pub name: String,
    /// The folder to load, holding `nodes.csv` and `edges.csv`.
    pub dir: PathBuf,
    /// Values of the manifest's extra columns, aligned with
    /// [`Discovery::extra_columns`] (empty cells for networks found by
    /// walking a folder).
    pub extras: Vec<String>,
}

/// The networks of a batch, sorted by name, and the manifest columns they
/// carry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// Extra manifest columns, in order of first appearance over the roots.
    pub extra_columns: Vec<String>,
    /// The networks, sorted by [`NetworkEntry::name`], each once.
    pub networks: Vec<NetworkEntry>,
}

/// Find the networks under each root.
///
/// A root that is a folder is walked recursively: every folder holding a
/// `nodes.csv` or an `edges.csv` is a network (one missing its other file is
/// kept, so that the batch reports it rather than skipping it). Hidden
/// folders (names starting with `.`) and symbolic links to folders are not
/// entered. A root that is a file is a manifest: a CSV with a `path` column
/// naming network folders (relative paths are relative to the manifest's
/// folder) and any other columns, which are carried to the outputs.
///
/// A network found twice (the same name) is kept once.
pub fn discover(roots: &[PathBuf]) -> Result<Discovery, Error> {
    let mut extra_columns: Vec<String> = Vec::new();
    let mut found: BTreeMap<String, (PathBuf, Vec<(String, String)>)> = BTreeMap::new();
    for root in roots {
        let meta = fs::metadata(root).map_err(|source| Error::Read {
            path: root.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut dirs = Vec::new();
            walk(root, &mut dirs)?;
            for dir in dirs {
                found.entry(name_of(&dir)).or_insert((dir, Vec::new()));
            }
        } else {
            let manifest = read_manifest(root)?;
            for c in &manifest.columns {
                if !extra_columns.contains(c) {
                    extra_columns.push(c.clone());
                }
            }
            for (name, dir, extras) in manifest.rows {
                let pairs = manifest.columns.iter().cloned().zip(extras).collect();
                found.entry(name).or_insert((dir, pairs));
            }
        }
    }
    let networks = found
        .into_iter()
        .map(|(name, (dir, pairs))| {
            let extras = extra_columns
                .iter()
                .map(|c| {
                    pairs
                        .iter()
                        .find(|(k, _)| k == c)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                })
                .collect();
            NetworkEntry { name, dir, extras }
        })
        .collect();
    Ok(Discovery {
        extra_columns,
        networks,
    })
}

/// The network name of a folder: its path with `/` separators and no
/// trailing separator.
fn name_of(dir: &Path) -> String {
    let text = dir.to_string_lossy().replace('\\', "/");
    match text.trim_end_matches('/') {
        "" => text,
        trimmed => trimmed.to_string(),
    }
}

/// Every folder under `dir` (itself included) holding a `nodes.csv` or
/// `edges.csv`, parents before children and siblings in name order; folders
/// whose name starts with `.` are skipped, and symbolic links are not
/// followed, so a link cycle cannot make the walk endless.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let hidden = |e: &walkdir::DirEntry| {
        e.depth() > 0 && e.file_type().is_dir() && e.file_name().to_string_lossy().starts_with('.')
    };
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| !hidden(e))
    {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            let source = e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("a symbolic link loop"));
            Error::Read { path, source }
        })?;
        let name = entry.file_name();
        if !entry.file_type().is_dir() && (name == "nodes.csv" || name == "edges.csv") {
            if let Some(parent) = entry.path().parent() {
                found.push(parent.to_path_buf());
            }
        }
    }
    // Path order compares component by component: a parent sorts before its
    // children, siblings by name.
    found.sort();
    found.dedup();
    out.extend(found);
    Ok(())
}

struct Manifest {
    columns: Vec<String>,
    rows: Vec<(String, PathBuf, Vec<String>)>,
}

fn read_manifest(path: &Path) -> Result<Manifest, Error> {
    let bytes = fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    let located = |line: u64, column: usize, column_name: &str, kind| {
        Error::from(InputError {
            location: Location {
                file: path.to_path_buf(),
                line,
                column,
                column_name: column_name.to_string(),
                sheet: None,
            },
            kind,
        })
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(located(1, 1, "header", InputErrorKind::EmptyFile)),
        Some(Err(e)) => return Err(located(1, 1, "header", InputErrorKind::Csv(e.to_string()))),
        Some(Ok(h)) => h,
    };
    let names: Vec<String> = header.iter().map(str::to_string).collect();
    let Some(path_col) = names.iter().position(|n| n == "path") else {
        let found = names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(located(
            1,
            1,
            "header",
            InputErrorKind::MissingColumn {
                name: "path".to_string(),
                found,
            },
        ));
    };
    let columns: Vec<String> = names
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != path_col)
        .map(|(_, n)| n.clone())
        .collect();
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            located(line, 1, "path", InputErrorKind::Csv(e.to_string()))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != names.len() {
            return Err(located(
                line,
                record.len().min(names.len()).max(1),
                "path",
                InputErrorKind::FieldCount {
                    expected: names.len(),
                    found: record.len(),
                },
            ));
        }
        let cell = &record[path_col];
        if cell.is_empty() {
            return Err(located(
                line,
                path_col + 1,
                "path",
                InputErrorKind::Empty {
                    expected: "a network folder",
                },
            ));
        }
        let extras = record
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != path_col)
            .map(|(_, v)| v.to_string())
            .collect();
        rows.push((cell.to_string(), base.join(cell), extras));
    }
    Ok(Manifest { columns, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, files: &[&str]) {
        fs::create_dir_all(dir).unwrap();
        for f in files {
            fs::write(dir.join(f), "id\n").unwrap();
        }
    }

    #[test]
    fn walks_folders_in_name_order_and_skips_hidden_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        touch(&root.join("b"), &["nodes.csv", "edges.csv"]);
        touch(&root.join("a-x"), &["nodes.csv", "edges.csv"]);
        touch(&root.join("a/inner"), &["nodes.csv"]);
        touch(&root.join(".hidden"), &["nodes.csv", "edges.csv"]);
        touch(&root.join("empty"), &["notes.txt"]);
        let d = discover(std::slice::from_ref(&root)).unwrap();
        let names: Vec<String> = d
            .networks
            .iter()
            .map(|n| n.name.strip_prefix(&name_of(&root)).unwrap().to_string())
            .collect();
        // Byte order: '-' (0x2d) sorts before '/' (0x2f).
        assert_eq!(names, ["/a-x", "/a/inner", "/b"]);
        assert!(d.extra_columns.is_empty());
        // The same root twice finds each network once.
        assert_eq!(discover(&[root.clone(), root]).unwrap().networks.len(), 3);
    }

    #[test]
    fn manifest_paths_are_relative_to_the_manifest_and_carry_extra_columns() {
        let tmp = tempfile::tempdir().unwrap();
        let manifest = tmp.path().join("m.csv");
        fs::write(
            &manifest,
            "site,path,wave\ns1,nets/one,1\ns2,nets/two,\"2, late\"\n",
        )
        .unwrap();
        let d = discover(&[manifest]).unwrap();
        assert_eq!(d.extra_columns, ["site", "wave"]);
        assert_eq!(d.networks[1].name, "nets/two");
        assert_eq!(d.networks[1].dir, tmp.path().join("nets/two"));
        assert_eq!(d.networks[1].extras, ["s2", "2, late"]);
    }

    #[test]
    fn manifest_without_a_path_column_is_refused_with_its_location() {
        let tmp = tempfile::tempdir().unwrap();
        let manifest = tmp.path().join("m.csv");
        fs::write(&manifest, "site,dir\ns1,x\n").unwrap();
        let e = discover(&[manifest]).unwrap_err().to_string();
        assert!(
            e.ends_with(
                "m.csv:1:1: header: expected a column named \"path\", found \"site\", \"dir\""
            ),
            "{e}"
        );
    }
}

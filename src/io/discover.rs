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
use crate::text::escape_controls;

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
    /// Why this entry cannot be analysed, when that was found while looking
    /// for the networks: a subfolder that could not be read (its networks
    /// are unknown), or a second folder with the same name. The batch lists
    /// it as a failure rather than stopping or dropping it.
    pub problem: Option<String>,
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
/// A network found twice (the same name for the same folder) is kept once.
/// Nothing under a root is skipped silently: a subfolder that cannot be read
/// (no permission, a path too long for the system) and a name shared by two
/// different folders each become an entry with a [`NetworkEntry::problem`].
/// Only a root that cannot be read is an error.
pub fn discover(roots: &[PathBuf]) -> Result<Discovery, Error> {
    let mut extra_columns: Vec<String> = Vec::new();
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    for root in roots {
        let meta = fs::metadata(root).map_err(|source| Error::Read {
            path: root.clone(),
            source,
        })?;
        if meta.is_dir() {
            for (dir, problem) in walk(root)? {
                add(&mut found, network_name(&dir), dir, Vec::new(), problem);
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
                add(&mut found, name, dir, pairs, None);
            }
        }
    }
    let networks = found
        .into_iter()
        .map(
            |(
                name,
                Found {
                    dir,
                    pairs,
                    problem,
                },
            )| {
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
                NetworkEntry {
                    name,
                    dir,
                    extras,
                    problem,
                }
            },
        )
        .collect();
    Ok(Discovery {
        extra_columns,
        networks,
    })
}

/// A network found so far: its folder, its manifest cells by column, and
/// why it cannot be analysed.
struct Found {
    dir: PathBuf,
    pairs: Vec<(String, String)>,
    problem: Option<String>,
}

/// Record the network `name` in `dir`. The same folder found again is kept
/// once (the first manifest row's cells win); another folder under a name
/// already taken makes the name a failure naming both, since two networks
/// cannot share one row, and dropping either would lose it unseen.
fn add(
    found: &mut BTreeMap<String, Found>,
    name: String,
    dir: PathBuf,
    pairs: Vec<(String, String)>,
    problem: Option<String>,
) {
    match found.entry(name) {
        std::collections::btree_map::Entry::Vacant(v) => {
            v.insert(Found {
                dir,
                pairs,
                problem,
            });
        }
        std::collections::btree_map::Entry::Occupied(mut o) => {
            let first = o.get_mut();
            if !same_folder(&first.dir, &dir) && first.problem.is_none() {
                first.problem = Some(format!(
                    "two folders have this network name: {} and {}; rename one",
                    escape_controls(&network_name(&first.dir)),
                    escape_controls(&network_name(&dir))
                ));
            }
        }
    }
}

/// Whether two paths name one folder (the same manifest given as `m.csv`
/// and `./m.csv` names its networks through different paths).
fn same_folder(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (fs::canonicalize(a), fs::canonicalize(b)),
            (Ok(a), Ok(b)) if a == b
        )
}

/// The network name of a folder: its path with `/` separators and no
/// trailing separator, written so that two folders never share a name.
///
/// On Unix a path is bytes: the bytes that are not UTF-8 are written
/// `\xHH` (two upper-case hex digits) and a backslash is written `\\`, so
/// the name is the path's bytes, losslessly, and is plain text (a CSV cell,
/// a JSON string). A path that is UTF-8 and holds no backslash keeps its
/// text. Elsewhere (Windows) `\` is a separator and becomes `/`.
pub fn network_name(dir: &Path) -> String {
    let text = path_text(dir);
    #[cfg(not(unix))]
    let text = text.replace('\\', "/");
    match text.trim_end_matches('/') {
        "" => text,
        trimmed => trimmed.to_string(),
    }
}

/// A path as text without losing a byte: on Unix, the bytes that are not
/// UTF-8 written `\xHH` and a backslash `\\` (see [`network_name`]);
/// elsewhere the path's text.
#[cfg(unix)]
pub fn path_text(path: &Path) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            write!(out, "\\x{b:02X}").expect("writing to a string");
        }
    }
    out
}

/// A path as text (see the Unix version).
#[cfg(not(unix))]
pub fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Every folder under `dir` (itself included) holding a `nodes.csv` or
/// `edges.csv`, parents before children and siblings in name order; folders
/// whose name starts with `.` are skipped, and symbolic links are not
/// followed, so a link cycle cannot make the walk endless.
///
/// A subfolder that cannot be listed (no permission, a path longer than the
/// system takes) is returned with the reason, in its place in the order,
/// and the walk goes on; only `dir` itself failing is an error.
fn walk(dir: &Path) -> Result<Vec<(PathBuf, Option<String>)>, Error> {
    let hidden = |e: &walkdir::DirEntry| {
        e.depth() > 0
            && e.file_type().is_dir()
            && e.file_name().as_encoded_bytes().starts_with(b".")
    };
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| !hidden(e))
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let depth = e.depth();
                let source = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a symbolic link loop"));
                if depth == 0 {
                    return Err(Error::Read { path, source });
                }
                let why = format!(
                    "cannot read this folder ({source}); the networks in it, if any, are not \
                     analysed"
                );
                found.push((path, Some(why)));
                continue;
            }
        };
        let name = entry.file_name();
        if !entry.file_type().is_dir() && (name == "nodes.csv" || name == "edges.csv") {
            if let Some(parent) = entry.path().parent() {
                found.push((parent.to_path_buf(), None));
            }
        }
    }
    // Path order compares component by component: a parent sorts before its
    // children, siblings by name.
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    Ok(found)
}

struct Manifest {
    columns: Vec<String>,
    rows: Vec<(String, PathBuf, Vec<String>)>,
}

// Long: the header, then one pass over the rows, each check returning its own located error.
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
            .map(|n| {
                n.name
                    .strip_prefix(&network_name(&root))
                    .unwrap()
                    .to_string()
            })
            .collect();
        // Byte order: '-' (0x2d) sorts before '/' (0x2f).
        assert_eq!(names, ["/a-x", "/a/inner", "/b"]);
        assert!(d.extra_columns.is_empty());
        // The same root twice finds each network once.
        assert_eq!(discover(&[root.clone(), root]).unwrap().networks.len(), 3);
    }

    #[cfg(unix)]
    #[test]
    fn names_keep_every_byte_of_the_path() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let name = |b: &[u8]| network_name(Path::new(OsStr::from_bytes(b)));
        assert_eq!(name(b"r/caf\xc3\xa9/"), "r/caf\u{e9}");
        assert_eq!(name(b"r/a\xff\xfe"), "r/a\\xFF\\xFE");
        assert_eq!(name(b"r/a\\xFF"), "r/a\\\\xFF");
        // A UTF-8 sequence cut short is escaped byte by byte.
        assert_eq!(name(b"r/\xc3x"), "r/\\xC3x");
        assert_eq!(name(b"/"), "/");
    }

    #[test]
    fn two_folders_under_one_name_are_a_problem_not_a_drop() {
        let tmp = tempfile::tempdir().unwrap();
        for (m, sub) in [("one/m.csv", "one/x"), ("two/m.csv", "two/x")] {
            touch(&tmp.path().join(sub), &["nodes.csv"]);
            fs::write(tmp.path().join(m), "path\nx\n").unwrap();
        }
        let one = tmp.path().join("one/m.csv");
        let dotted = tmp.path().join("one/./m.csv");
        // The same manifest twice, through two spellings: one network.
        let d = discover(&[one.clone(), dotted]).unwrap();
        assert_eq!(d.networks.len(), 1);
        assert_eq!(d.networks[0].problem, None);
        let d = discover(&[one, tmp.path().join("two/m.csv")]).unwrap();
        assert_eq!(d.networks.len(), 1);
        let problem = d.networks[0].problem.as_deref().unwrap();
        assert!(
            problem.starts_with("two folders have this network name: "),
            "{problem}"
        );
        assert!(problem.ends_with("two/x; rename one"), "{problem}");
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

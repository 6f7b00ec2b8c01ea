//! The run record kept beside each batch output (`FILE.run.json`): the
//! options and shard a run used and a fingerprint of each network's input
//! files, so that `batch --resume` never keeps rows made with other options
//! or from files changed since, and `stakenet merge` never joins shards of
//! different runs or a batch with a shard missing.
//!
//! A record has two sections: `output`, which describes the finished FILE,
//! and `partial`, which describes the `FILE.partial` of a run in progress (or
//! interrupted). Reading and writing the record file is the caller's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{BatchOptions, Shard};
use crate::error::Error;
use crate::io::NetworkFiles;

/// What one run wrote into one output file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSection {
    /// The stakenet version that wrote it.
    pub stakenet: String,
    /// Which output: `summary`, `actors` or `errors`.
    pub output: String,
    /// The analysis options, as one text (compared whole).
    pub options: String,
    /// The shard `K/N` the run analysed, or none for the whole batch.
    pub shard: Option<String>,
    /// Each network of the run (by name) and its input fingerprint (see
    /// [`fingerprint`]; empty when its files could not be read).
    pub inputs: BTreeMap<String, String>,
}

/// The record file's content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The run that wrote the finished output file.
    pub output: Option<RunSection>,
    /// The run writing (or interrupted while writing) `FILE.partial`.
    pub partial: Option<RunSection>,
}

impl RunSection {
    /// The section of a run with `options` over `shard`, for the output
    /// `kind`, with the networks' fingerprints.
    pub fn new(
        kind: &str,
        options: &BatchOptions,
        format: super::RowFormat,
        shard: Option<Shard>,
        inputs: BTreeMap<String, String>,
    ) -> RunSection {
        RunSection {
            stakenet: env!("CARGO_PKG_VERSION").to_string(),
            output: kind.to_string(),
            options: format!("{options:?}, format: {format:?}"),
            shard: shard.map(|s| s.to_string()),
            inputs,
        }
    }

    /// Why rows of this section cannot be kept by a run described by
    /// `now`, if they cannot: other options, another shard or another kind
    /// of output.
    pub fn differs_from(&self, now: &RunSection) -> Option<String> {
        if self.output != now.output {
            return Some(format!(
                "it holds {} rows, not {} rows",
                self.output, now.output
            ));
        }
        if self.options != now.options {
            return Some(format!(
                "it was made with other options ({}) than this run's ({})",
                self.options, now.options
            ));
        }
        if self.shard != now.shard {
            let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "none".into());
            return Some(format!(
                "it was made for --shard {}, this run is for --shard {}",
                show(&self.shard),
                show(&now.shard)
            ));
        }
        None
    }

    /// True when `network` was read from the same input files as `now` reads.
    pub fn same_input(&self, now: &RunSection, network: &str) -> bool {
        match (self.inputs.get(network), now.inputs.get(network)) {
            (Some(a), Some(b)) => !a.is_empty() && a == b,
            _ => false,
        }
    }
}

impl RunRecord {
    /// Read a record file; `name` names it in errors. Empty bytes are no
    /// record.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<RunRecord, Error> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(RunRecord::default());
        }
        serde_json::from_slice(bytes).map_err(|e| Error::BatchOutput {
            file: name.to_string(),
            message: format!("not a stakenet run record: {e}"),
        })
    }

    /// The record as written: pretty JSON and a line end.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("records serialise");
        out.push(b'\n');
        out
    }
}

/// A fingerprint of a network's input files: their sizes and a 64-bit
/// FNV-1a hash of their bytes, as hex. It changes when either file changes
/// (it is not a defence against a deliberate collision).
pub fn fingerprint(files: &NetworkFiles) -> Result<String, Error> {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut sizes = Vec::new();
    for path in [&files.nodes, &files.edges] {
        // A FIFO or device would block or never end: only regular files.
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut crate::io::open_regular(path)?, &mut bytes).map_err(
            |source| Error::Read {
                path: path.clone(),
                source,
            },
        )?;
        for &b in bytes.iter().chain(&[0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
        sizes.push(bytes.len());
    }
    Ok(format!("{}+{}:{hash:016x}", sizes[0], sizes[1]))
}

/// Check that the run sections of files given to `stakenet merge` belong
/// to one batch: the same kind of output and options, and, for shards, the
/// same N, each K once and none missing. `sections` pairs each file's name
/// with its record's `output` section.
// Long: one check per way shards can disagree, each with its own message, in report order.
pub fn check_merge(sections: &[(String, RunSection)]) -> Result<(), Error> {
    let Some((first_name, first)) = sections.first() else {
        return Ok(());
    };
    let refuse = |file: &str, message: String| Error::BatchOutput {
        file: file.to_string(),
        message,
    };
    for (name, s) in &sections[1..] {
        if s.output != first.output {
            return Err(refuse(
                name,
                format!(
                    "cannot merge {} rows with the {} rows of {first_name}",
                    s.output, first.output
                ),
            ));
        }
        if s.options != first.options {
            return Err(refuse(
                name,
                format!(
                    "cannot merge: made with other options ({}) than {first_name} ({})",
                    s.options, first.options
                ),
            ));
        }
    }
    let shards: Vec<(&str, Option<Shard>)> = sections
        .iter()
        .map(|(name, s)| {
            let shard = match &s.shard {
                None => Ok(None),
                Some(text) => text
                    .parse::<Shard>()
                    .map(Some)
                    .map_err(|e| refuse(name, format!("its run record has a bad shard: {e}"))),
            };
            shard.map(|shard| (name.as_str(), shard))
        })
        .collect::<Result<_, _>>()?;
    let Some(of) = shards.iter().find_map(|(_, s)| s.map(|s| s.of)) else {
        return Ok(());
    };
    let mut seen: BTreeMap<usize, &str> = BTreeMap::new();
    for &(name, shard) in &shards {
        let Some(shard) = shard else {
            return Err(refuse(
                name,
                "cannot merge a whole batch with shards of one".to_string(),
            ));
        };
        if shard.of != of {
            return Err(refuse(
                name,
                format!(
                    "it is shard {shard} but {first_name} is a shard of {of}; \
                     all shards must come from one split"
                ),
            ));
        }
        if let Some(other) = seen.insert(shard.index, name) {
            return Err(refuse(
                name,
                format!(
                    "it is shard {shard}, as is {other}; were two shards given the same --shard?"
                ),
            ));
        }
    }
    let missing: Vec<String> = (1..=of)
        .filter(|k| !seen.contains_key(k))
        .map(|k| format!("{k}/{of}"))
        .collect();
    if !missing.is_empty() {
        return Err(refuse(
            first_name,
            format!(
                "shard{} {} of this batch {} missing; pass {} output too",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                if missing.len() > 1 { "are" } else { "is" },
                if missing.len() > 1 { "their" } else { "its" },
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(kind: &str, options: &str, shard: Option<&str>) -> RunSection {
        RunSection {
            stakenet: "0".into(),
            output: kind.into(),
            options: options.into(),
            shard: shard.map(String::from),
            inputs: BTreeMap::from([("n1".to_string(), "3+4:00".to_string())]),
        }
    }

    #[test]
    fn merge_needs_every_shard_once_and_one_set_of_options() {
        let s = |k: &str| (format!("s{k}.csv"), section("summary", "o", Some(k)));
        assert!(check_merge(&[s("1/3"), s("2/3"), s("3/3")]).is_ok());
        let e = check_merge(&[s("1/3"), s("3/3")]).unwrap_err().to_string();
        assert_eq!(
            e,
            "s1/3.csv: shard 2/3 of this batch is missing; pass its output too"
        );
        let e = check_merge(&[s("1/3"), s("1/3"), s("2/3"), s("3/3")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("as is s1/3.csv"), "{e}");
        let e = check_merge(&[s("1/2"), s("2/3")]).unwrap_err().to_string();
        assert!(e.contains("all shards must come from one split"), "{e}");
        let other = ("x.csv".to_string(), section("summary", "p", Some("2/2")));
        let e = check_merge(&[s("1/2"), other]).unwrap_err().to_string();
        assert!(
            e.starts_with("x.csv: cannot merge: made with other options (p)"),
            "{e}"
        );
        let actors = ("a.csv".to_string(), section("actors", "o", Some("2/2")));
        assert!(check_merge(&[s("1/2"), actors]).is_err());
        let whole = ("w.csv".to_string(), section("summary", "o", None));
        assert!(check_merge(&[whole.clone(), whole.clone()]).is_ok());
        assert!(check_merge(&[whole, s("1/1")]).is_err());
    }

    #[test]
    fn resume_compares_options_shard_and_inputs() {
        let a = section("summary", "o", None);
        assert_eq!(a.differs_from(&a), None);
        assert!(a.differs_from(&section("summary", "p", None)).is_some());
        assert!(a
            .differs_from(&section("summary", "o", Some("1/2")))
            .is_some());
        assert!(a.same_input(&a, "n1"));
        let mut changed = a.clone();
        changed.inputs.insert("n1".into(), "3+4:01".into());
        assert!(!a.same_input(&changed, "n1"));
        assert!(!a.same_input(&a, "n2"));
    }

    #[test]
    fn records_round_trip_and_empty_is_none() {
        let r = RunRecord {
            output: Some(section("summary", "o", Some("1/2"))),
            partial: None,
        };
        assert_eq!(RunRecord::parse("r", &r.to_bytes()).unwrap(), r);
        assert_eq!(RunRecord::parse("r", b"").unwrap(), RunRecord::default());
        assert!(RunRecord::parse("r", b"{oops").is_err());
    }

    #[test]
    fn fingerprints_change_with_either_file() {
        let dir = tempfile::tempdir().unwrap();
        let files = NetworkFiles::in_dir(dir.path());
        std::fs::write(&files.nodes, "id\na\n").unwrap();
        std::fs::write(&files.edges, "source,target\n").unwrap();
        let one = fingerprint(&files).unwrap();
        std::fs::write(&files.edges, "source,target\r\n").unwrap();
        let two = fingerprint(&files).unwrap();
        assert_ne!(one, two);
        // Bytes moved from one file to the other change it too.
        std::fs::write(&files.nodes, "id\na\ns").unwrap();
        std::fs::write(&files.edges, "ource,target\r\n").unwrap();
        assert_ne!(fingerprint(&files).unwrap(), two);
    }
}

//! Waves in a batch: a manifest whose rows carry `site` and `wave` columns
//! gives, per site, its networks in wave order, and `stakenet batch
//! --compare-waves FILE` one row per site and consecutive pair of waves
//! with the network-level changes ([`crate::compare::compare`]): a tidy
//! panel, one row per site and interval.
//!
//! Waves are ordered as numbers when every wave of the site reads as one
//! (`1, 2, 10`), else as text (`2023-05` before `2024-05`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::{encode_rows, failures, flatten_into, Encoded, Failure, Fields, Row, RowFormat};
use crate::compare::{compare, CompareOptions, Comparison};
use crate::error::Error;
use crate::io::{Discovery, LoadOptions, NetworkEntry, NetworkFiles};
use crate::metrics::CentralityOptions;

/// Two consecutive waves of one site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WavePair {
    /// The `site` cell.
    pub site: String,
    /// The earlier wave's `wave` cell.
    pub wave_before: String,
    /// The later wave's.
    pub wave_after: String,
    /// The earlier wave's network.
    pub before: NetworkEntry,
    /// The later wave's network.
    pub after: NetworkEntry,
}

impl WavePair {
    /// How the pair is named in the errors file: `site: wave → wave`.
    pub fn name(&self) -> String {
        format!("{}: {} → {}", self.site, self.wave_before, self.wave_after)
    }
}

/// The consecutive wave pairs of every site, sites in byte order.
///
/// # Errors
/// [`Error::Request`] when the networks carry no `site` and `wave` columns
/// (they come from a manifest), or a site has the same wave twice.
pub fn wave_pairs(discovery: &Discovery) -> Result<Vec<WavePair>, Error> {
    let column = |name: &str| {
        discovery
            .extra_columns
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| {
                Error::Request(format!(
                    "--compare-waves needs a manifest with \"site\" and \"wave\" columns; \
                     the batch has no \"{name}\" column"
                ))
            })
    };
    let (site, wave) = (column("site")?, column("wave")?);
    let mut sites: BTreeMap<&str, Vec<(&str, &NetworkEntry)>> = BTreeMap::new();
    for e in &discovery.networks {
        let (s, w) = (e.extras[site].as_str(), e.extras[wave].as_str());
        if s.trim().is_empty() || w.trim().is_empty() {
            continue;
        }
        sites.entry(s).or_default().push((w, e));
    }
    let mut pairs = Vec::new();
    for (s, mut waves) in sites {
        let numbers: Option<Vec<f64>> = waves
            .iter()
            .map(|(w, _)| w.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
            .collect();
        match numbers {
            Some(_) => waves.sort_by(|a, b| {
                let x = |w: &str| w.trim().parse::<f64>().expect("checked above");
                x(a.0).total_cmp(&x(b.0)).then(a.0.cmp(b.0))
            }),
            None => waves.sort_by(|a, b| a.0.cmp(b.0)),
        }
        for w in waves.windows(2) {
            let same = match &numbers {
                Some(_) => w[0].0.trim().parse::<f64>().ok() == w[1].0.trim().parse::<f64>().ok(),
                None => w[0].0 == w[1].0,
            };
            if same {
                return Err(Error::Request(format!(
                    "site \"{s}\" has wave \"{}\" twice ({} and {})",
                    w[1].0, w[0].1.name, w[1].1.name
                )));
            }
            pairs.push(WavePair {
                site: s.to_string(),
                wave_before: w[0].0.to_string(),
                wave_after: w[1].0.to_string(),
                before: w[0].1.clone(),
                after: w[1].1.clone(),
            });
        }
    }
    Ok(pairs)
}

/// The wave-comparison output of a batch: its columns and row format.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveBatch {
    /// `site`, `wave_before`, `wave_after`, `network_before`,
    /// `network_after`, then the comparison's summary counts, the tie
    /// counts per relationship type (`{type}_{count}`) and each network
    /// figure as `{figure}_before`, `{figure}_after`, `{figure}_change`.
    pub columns: Vec<String>,
    /// Row format.
    pub format: RowFormat,
    load: LoadOptions,
    options: CompareOptions,
}

/// The comparison's network-level fields, flattened: the summary's under
/// their own names, the relationship types' and figures' named by their
/// first field (`stakeholder_stakeholder_formed`, `density_before`).
fn comparison_fields(c: &Comparison) -> Fields {
    let mut fields = Fields::new();
    flatten_into(
        &serde_json::to_value(&c.summary).expect("reports serialise"),
        &mut fields,
    );
    let lists = serde_json::json!({
        "relationship_types": c.relationship_types,
        "network": c.network,
    });
    flatten_into(&lists, &mut fields);
    fields
}

impl WaveBatch {
    /// The shape of the wave output, for networks loaded with `load` and
    /// shortest paths computed with `centrality`.
    pub fn new(format: RowFormat, load: LoadOptions, centrality: CentralityOptions) -> Self {
        let options = CompareOptions {
            centrality,
            ..CompareOptions::default()
        };
        let template = super::template();
        let c = compare(&template, &template, &options).expect("the template compares");
        let mut columns: Vec<String> = [
            "site",
            "wave_before",
            "wave_after",
            "network_before",
            "network_after",
        ]
        .map(String::from)
        .to_vec();
        columns.extend(comparison_fields(&c).into_iter().map(|(k, _)| k));
        WaveBatch {
            columns,
            format,
            load,
            options,
        }
    }

    /// The header bytes (nothing for JSON lines).
    pub fn header(&self) -> Vec<u8> {
        super::header(&self.columns, self.format)
    }

    /// Load both waves of a pair, compare them and encode the row; a wave
    /// that cannot be read becomes the pair's errors-file rows.
    pub fn process(&self, pair: &WavePair) -> Encoded {
        let load = |e: &NetworkEntry| {
            crate::io::load_regular(&NetworkFiles::in_dir(&e.dir), &self.load).map_err(|err| {
                let mut f = failures(&err);
                for x in &mut f {
                    x.message = format!("wave {}: {}", e.name, x.message);
                }
                f
            })
        };
        let nets = (load(&pair.before), load(&pair.after));
        let (before, after) = match nets {
            (Ok(b), Ok(a)) => (b, a),
            (b, a) => {
                let failures = [b.err(), a.err()].into_iter().flatten().flatten().collect();
                return Encoded {
                    failures,
                    ..Encoded::default()
                };
            }
        };
        let c = match compare(&before, &after, &self.options) {
            Ok(c) => c,
            Err(e) => {
                return Encoded {
                    failures: vec![Failure {
                        file: String::new(),
                        line: None,
                        column: None,
                        message: e.to_string(),
                    }],
                    ..Encoded::default()
                }
            }
        };
        let mut row: Row = [
            &pair.site,
            &pair.wave_before,
            &pair.wave_after,
            &pair.before.name,
            &pair.after.name,
        ]
        .iter()
        .map(|s| Value::from(s.as_str()))
        .collect();
        let fields = comparison_fields(&c);
        debug_assert!(fields
            .iter()
            .zip(&self.columns[5..])
            .all(|((k, _), c)| k == c));
        row.extend(fields.into_iter().map(|(_, v)| v));
        Encoded {
            summary: encode_rows(self.format, &self.columns, &[row]),
            ..Encoded::default()
        }
    }
}

/// Compare every pair in parallel on the current rayon pool and hand each
/// pair's encoded row (or failures) to `sink` in pair order, whatever the
/// thread count (at most `CHUNK` pairs' rows in memory).
///
/// # Errors
/// The first error `sink` returns.
pub fn compare_waves<E>(
    shape: &WaveBatch,
    pairs: &[WavePair],
    sink: impl FnMut(&WavePair, Encoded) -> Result<(), E>,
) -> Result<(), E> {
    super::for_each_ordered(pairs, |pair| shape.process(pair), sink)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn entry(name: &str, site: &str, wave: &str) -> NetworkEntry {
        NetworkEntry {
            name: name.into(),
            dir: PathBuf::from(name),
            extras: vec![site.into(), "x".into(), wave.into()],
            problem: None,
        }
    }

    #[test]
    fn waves_pair_up_per_site_in_number_or_text_order() {
        let d = Discovery {
            extra_columns: vec!["site".into(), "region".into(), "wave".into()],
            networks: vec![
                entry("a10", "a", "10"),
                entry("a2", "a", "2"),
                entry("a9", "a", "9"),
                entry("b1", "b", "2024-05"),
                entry("b2", "b", "2023-05"),
                entry("c1", "c", "1"),
                entry("none", "", "1"),
            ],
        };
        let pairs: Vec<(String, String, String)> = wave_pairs(&d)
            .unwrap()
            .into_iter()
            .map(|p| (p.site, p.wave_before, p.wave_after))
            .collect();
        let t = |s: &str, b: &str, a: &str| (s.to_string(), b.to_string(), a.to_string());
        assert_eq!(
            pairs,
            [
                t("a", "2", "9"),
                t("a", "9", "10"),
                t("b", "2023-05", "2024-05")
            ]
        );
        let twice = Discovery {
            networks: vec![entry("a1", "a", "1"), entry("a2", "a", "1.0")],
            ..d.clone()
        };
        assert!(wave_pairs(&twice)
            .unwrap_err()
            .to_string()
            .contains("wave \"1.0\" twice"));
        let no_site = Discovery {
            extra_columns: vec!["wave".into()],
            networks: vec![],
        };
        assert!(wave_pairs(&no_site)
            .unwrap_err()
            .to_string()
            .contains("no \"site\" column"));
    }
}

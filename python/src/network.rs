//! `NativeNetwork`: a validated network and the library calls on it, each
//! returning the report as the CLI's JSON text.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use serde::Serialize;
use stakenet::io::{LoadOptions, NetworkFiles};
use stakenet::metrics::exit::{exit_and_impact, handover_ties, ExitSpec};
use stakenet::metrics::{plan, successors};
use stakenet::render::dot::{exit_overlay, to_dot, DotOptions};
use stakenet::render::Tabular;
use stakenet::{DuplicateTies, Network};

use crate::errors::to_py;
use crate::interrupt;
use crate::request::{self, HandoverArg};
use crate::RequestError;

/// A report as Python receives it: the CLI's JSON document, the rows of the
/// CLI's CSV form (a JSON array of objects) and the CLI's table text.
type ReportTexts = (String, String, String);

fn texts<R: Tabular>(report: &R) -> ReportTexts {
    (
        serde_json::to_string(report).expect("reports serialise to JSON"),
        serde_json::to_string(&report.csv_rows()).expect("rows serialise to JSON"),
        report.table(),
    )
}

fn load_options(merge_duplicates: bool) -> LoadOptions {
    LoadOptions {
        duplicate_ties: if merge_duplicates {
            DuplicateTies::Merge
        } else {
            DuplicateTies::Reject
        },
    }
}

/// A validated network (the native half of `stakenet.Network`).
#[pyclass(frozen, module = "stakenet._stakenet")]
pub(crate) struct NativeNetwork {
    net: Arc<Network>,
}

/// One actor as `to_networkx` needs it.
#[derive(Serialize)]
struct ActorRow<'a> {
    id: &'a str,
    label: &'a str,
    kind: stakenet::ActorKind,
    placement: stakenet::Placement,
    group: &'a str,
    role: Option<&'a str>,
    level: Option<stakenet::Level>,
    power: f64,
    attributes: stakenet::report::Attributes,
}

/// One tie (one row of edges.csv) as `to_networkx` needs it.
#[derive(Serialize)]
struct TieRow<'a> {
    source: &'a str,
    target: &'a str,
    trust: f64,
    communication: f64,
    directed: bool,
    power: f64,
    relationship: &'static str,
}

#[pymethods]
impl NativeNetwork {
    /// Load a network from its two CSV files.
    #[staticmethod]
    fn load(
        py: Python<'_>,
        nodes: PathBuf,
        edges: PathBuf,
        merge_duplicates: bool,
    ) -> PyResult<NativeNetwork> {
        let files = NetworkFiles { nodes, edges };
        let loaded = interrupt::run(py, None, move || {
            stakenet::io::load(&files, &load_options(merge_duplicates))
        })?;
        let net = loaded.map_err(|e| to_py(py, e))?;
        Ok(NativeNetwork { net: Arc::new(net) })
    }

    /// Read a network from the bytes of its two CSV files; the names only
    /// appear in error messages.
    #[staticmethod]
    fn read(
        py: Python<'_>,
        nodes_name: PathBuf,
        nodes: &[u8],
        edges_name: PathBuf,
        edges: &[u8],
        merge_duplicates: bool,
    ) -> PyResult<NativeNetwork> {
        let (nodes, edges) = (nodes.to_vec(), edges.to_vec());
        let loaded = interrupt::run(py, None, move || {
            stakenet::io::read(
                &nodes_name,
                nodes.as_slice(),
                &edges_name,
                edges.as_slice(),
                &load_options(merge_duplicates),
            )
        })?;
        let net = loaded.map_err(|e| to_py(py, e))?;
        Ok(NativeNetwork { net: Arc::new(net) })
    }

    /// Number of actors.
    fn __len__(&self) -> usize {
        self.net.len()
    }

    /// True when any tie is directed.
    #[getter]
    fn directed(&self) -> bool {
        self.net.is_directed()
    }

    /// What `stakenet validate` prints for this network.
    fn validate_text(&self) -> String {
        stakenet::report::validate::summary(&self.net)
    }

    /// Every actor as JSON (id order), with its extra attributes.
    fn actors_json(&self) -> String {
        let rows: Vec<ActorRow> = self
            .net
            .actors()
            .iter()
            .enumerate()
            .map(|(i, a)| ActorRow {
                id: &a.id,
                label: &a.label,
                kind: a.kind,
                placement: a.placement,
                group: &a.group,
                role: a.role.as_deref(),
                level: a.level,
                power: a.power,
                attributes: stakenet::report::Attributes::of(&self.net, i),
            })
            .collect();
        serde_json::to_string(&rows).expect("actors serialise to JSON")
    }

    /// Every tie as JSON, in the order of the network's ties.
    fn ties_json(&self) -> String {
        let rows: Vec<TieRow> = self
            .net
            .ties()
            .iter()
            .map(|t| TieRow {
                source: &self.net.actor(t.source).id,
                target: &self.net.actor(t.target).id,
                trust: t.trust,
                communication: t.communication,
                directed: t.directed,
                power: t.power,
                relationship: t.relationship.name(),
            })
            .collect();
        serde_json::to_string(&rows).expect("ties serialise to JSON")
    }

    /// `stakenet analyze`: (JSON, CSV rows as JSON, table).
    #[pyo3(signature = (distance, betweenness_sample, seed))]
    fn analyze(
        &self,
        py: Python<'_>,
        distance: &str,
        betweenness_sample: Option<u64>,
        seed: u64,
    ) -> PyResult<ReportTexts> {
        let options = request::centrality(distance, betweenness_sample, seed)
            .map_err(RequestError::new_err)?;
        let net = Arc::clone(&self.net);
        interrupt::run(py, None, move || {
            texts(&stakenet::report::analyze_with(&net, &options))
        })
    }

    /// `stakenet exit`: (JSON, CSV rows as JSON, table).
    #[pyo3(signature = (exit, handover))]
    fn exit(
        &self,
        py: Python<'_>,
        exit: Option<Vec<String>>,
        handover: Vec<HandoverArg>,
    ) -> PyResult<ReportTexts> {
        let spec = self.spec(exit, &handover)?;
        let net = Arc::clone(&self.net);
        interrupt::run(py, None, move || -> Result<ReportTexts, String> {
            let (m, impact) = exit_and_impact(&net, &spec, true).map_err(|e| e.to_string())?;
            let plain = if spec.handovers.is_empty() {
                None
            } else {
                let plain = ExitSpec {
                    exit: spec.exit_set(),
                    handovers: Vec::new(),
                };
                Some(
                    stakenet::metrics::exit(&net, &plain)
                        .map_err(|e| e.to_string())?
                        .sustainability,
                )
            };
            Ok(texts(&stakenet::report::exit(
                &net, &spec, &m, &impact, plain,
            )))
        })?
        .map_err(RequestError::new_err)
    }

    /// `stakenet plan --budget K`: (JSON, CSV rows as JSON, table).
    #[pyo3(signature = (budget, exit, handover))]
    fn plan(
        &self,
        py: Python<'_>,
        budget: usize,
        exit: Option<Vec<String>>,
        handover: Vec<HandoverArg>,
    ) -> PyResult<ReportTexts> {
        let spec = self.spec(exit, &handover)?;
        let net = Arc::clone(&self.net);
        interrupt::run(py, None, move || -> Result<ReportTexts, String> {
            let m = stakenet::metrics::exit(&net, &spec).map_err(|e| e.to_string())?;
            let steps = plan(&net, &spec, budget).map_err(|e| e.to_string())?;
            let succ = if spec.handovers.is_empty() {
                successors(&net, &m.exit)
            } else {
                Vec::new()
            };
            Ok(texts(&stakenet::report::plan(
                &net, &spec, &m, budget, &steps, &succ,
            )))
        })?
        .map_err(RequestError::new_err)
    }

    /// `stakenet dot`: the DOT text.
    #[pyo3(signature = (size_by, cluster_by, title, legend, exit_view, exit, handover, plan))]
    #[allow(clippy::too_many_arguments)]
    fn dot(
        &self,
        py: Python<'_>,
        size_by: &str,
        cluster_by: Option<&str>,
        title: Option<String>,
        legend: bool,
        exit_view: bool,
        exit: Option<Vec<String>>,
        handover: Vec<HandoverArg>,
        plan: Option<usize>,
    ) -> PyResult<String> {
        let options = DotOptions {
            size_by: request::size_by(size_by).map_err(RequestError::new_err)?,
            cluster_by: request::cluster_by(cluster_by).map_err(RequestError::new_err)?,
            title,
            no_legend: !legend,
        };
        let with_overlay = exit_view
            || exit.as_ref().is_some_and(|x| !x.is_empty())
            || !handover.is_empty()
            || plan.is_some();
        let spec = if with_overlay {
            Some(self.spec(exit, &handover)?)
        } else {
            None
        };
        let net = Arc::clone(&self.net);
        interrupt::run(py, None, move || -> Result<String, String> {
            let overlay = match &spec {
                Some(spec) => {
                    let m = stakenet::metrics::exit(&net, spec).map_err(|e| e.to_string())?;
                    let handed = handover_ties(&net, spec).map_err(|e| e.to_string())?;
                    let steps = match plan {
                        Some(k) => {
                            stakenet::metrics::plan(&net, spec, k).map_err(|e| e.to_string())?
                        }
                        None => Vec::new(),
                    };
                    Some(exit_overlay(&net, &m, &handed, &steps))
                }
                None => None,
            };
            Ok(to_dot(&net, &options, overlay.as_ref()))
        })?
        .map_err(RequestError::new_err)
    }
}

impl NativeNetwork {
    fn spec(&self, exit: Option<Vec<String>>, handover: &[HandoverArg]) -> PyResult<ExitSpec> {
        request::exit_spec(&self.net, exit.as_deref(), handover).map_err(RequestError::new_err)
    }
}

//! `NativeNetwork`: a validated network and the library calls on it, each
//! returning the report as the CLI's JSON text.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use serde::Serialize;
use stakenet::render::Tabular;
use stakenet::{
    AnalyzeOptions, DotOptions, DotRequest, DuplicateTies, LoadOptions, Network, PlanRequest,
    SuccessorRequest, VoiceRequest,
};

use crate::errors::to_py;
use crate::interrupt;
use crate::request::{self, HandoverArg};
use crate::RequestError;

/// Run a library call that may refuse the request; its error as Python's.
fn call<T: Send + 'static>(
    py: Python<'_>,
    work: impl FnOnce() -> Result<T, stakenet::Error> + Send + 'static,
) -> PyResult<T> {
    interrupt::run(py, None, work)?.map_err(|e| to_py(py, e))
}

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
        let net = call(py, move || {
            stakenet::load_files(&nodes, &edges, &load_options(merge_duplicates))
        })?;
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
        let net = call(py, move || {
            stakenet::io::read(
                &nodes_name,
                nodes.as_slice(),
                &edges_name,
                edges.as_slice(),
                &load_options(merge_duplicates),
            )
        })?;
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
        stakenet::render::reports::validate::summary(&stakenet::validate(&self.net))
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
        let options = AnalyzeOptions {
            centrality: request::centrality(distance, betweenness_sample, seed)
                .map_err(RequestError::new_err)?,
        };
        let net = Arc::clone(&self.net);
        call(py, move || Ok(texts(&stakenet::analyze(&net, &options)?)))
    }

    /// `stakenet exit`: (JSON, CSV rows as JSON, table).
    #[pyo3(signature = (exit, handover, exit_kind=None, exit_role=None))]
    fn exit(
        &self,
        py: Python<'_>,
        exit: Option<Vec<String>>,
        handover: Vec<HandoverArg>,
        exit_kind: Option<&str>,
        exit_role: Option<String>,
    ) -> PyResult<ReportTexts> {
        let mut request = request::exit_request(exit, handover);
        let selection = request::exit_selection(exit_kind, exit_role, request.exit.is_some())
            .map_err(RequestError::new_err)?;
        if let Some(select) = selection {
            request.exit = Some(select.ids(&self.net));
        }
        let net = Arc::clone(&self.net);
        call(py, move || Ok(texts(&stakenet::exit(&net, &request)?)))
    }

    /// `stakenet plan --budget K [--successors N] [--successor-role ROLE,…]
    /// [--candidates ID,…]`: (JSON, CSV rows as JSON, table).
    #[pyo3(signature = (budget, exit, handover, successors=3, successor_roles=Vec::new(), candidates=Vec::new()))]
    #[allow(clippy::too_many_arguments)]
    fn plan(
        &self,
        py: Python<'_>,
        budget: usize,
        exit: Option<Vec<String>>,
        handover: Vec<HandoverArg>,
        successors: usize,
        successor_roles: Vec<String>,
        candidates: Vec<String>,
    ) -> PyResult<ReportTexts> {
        let request = PlanRequest {
            exit: request::exit_request(exit, handover),
            budget,
            successors: SuccessorRequest {
                top: successors,
                roles: successor_roles,
                candidates,
            },
        };
        let net = Arc::clone(&self.net);
        call(py, move || Ok(texts(&stakenet::plan(&net, &request)?)))
    }

    /// `stakenet power`: (JSON, CSV rows as JSON, table).
    #[pyo3(signature = (voices, decision_makers, low_power, decision_power, steep, exit, handover))]
    #[allow(clippy::too_many_arguments)]
    fn power(
        &self,
        py: Python<'_>,
        voices: Option<Vec<String>>,
        decision_makers: Option<Vec<String>>,
        low_power: f64,
        decision_power: f64,
        steep: f64,
        exit: Option<Vec<String>>,
        handover: Vec<HandoverArg>,
    ) -> PyResult<ReportTexts> {
        let request = VoiceRequest {
            exit: request::exit_request(exit, handover),
            voices,
            decision_makers,
            low_power,
            decision_power,
            steep,
        };
        let net = Arc::clone(&self.net);
        call(py, move || Ok(texts(&stakenet::power(&net, &request)?)))
    }

    /// `stakenet dot`: the DOT text.
    #[pyo3(signature = (size_by, cluster_by, title, legend, exit_view, exit, handover, plan, distance, betweenness_sample, seed))]
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
        distance: &str,
        betweenness_sample: Option<u64>,
        seed: u64,
    ) -> PyResult<String> {
        let options = DotOptions {
            size_by: request::size_by(size_by).map_err(RequestError::new_err)?,
            cluster_by: request::cluster_by(cluster_by).map_err(RequestError::new_err)?,
            title,
            no_legend: !legend,
        };
        let exit_given = exit.as_ref().is_some_and(|x| !x.is_empty()) || !handover.is_empty();
        let request = DotRequest {
            options,
            centrality: request::centrality(distance, betweenness_sample, seed)
                .map_err(RequestError::new_err)?,
            // As the CLI: the exit view when asked or implied.
            exit: (exit_view || exit_given || plan.is_some())
                .then(|| request::exit_request(exit, handover)),
            plan,
            power: None,
        };
        let net = Arc::clone(&self.net);
        call(py, move || Ok(stakenet::dot(&net, &request)?.text))
    }
}

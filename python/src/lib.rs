//! The native half of the `stakenet` Python package (`stakenet._stakenet`).
//!
//! A thin layer: it loads networks through the library's loader, runs the
//! library's report builders and hands the reports to Python as the JSON the
//! CLI prints (`serde_json`, the same serialisation), so every number a
//! Python user sees is the CLI's. The pandas and networkx conversions, the
//! result classes and the docstrings users read live in the pure-Python
//! package (`python/stakenet/`).
//!
//! Every call that computes releases the GIL and runs on a worker thread
//! while the calling thread polls for Ctrl-C (see [`interrupt`]).

use pyo3::create_exception;
use pyo3::prelude::*;

mod batch;
mod errors;
mod interrupt;
mod network;
mod request;

create_exception!(
    _stakenet,
    InputError,
    pyo3::exceptions::PyValueError,
    "The input breaks the network format: `errors` lists every problem (file, line, column, column_name, message); `file`, `line`, `column` and `column_name` are those of the first."
);
create_exception!(
    _stakenet,
    RequestError,
    pyo3::exceptions::PyValueError,
    "A request that does not fit the network: an unknown actor id in an exit list, a bad handover factor, an unknown option value."
);

#[pymodule]
fn _stakenet(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("RequestError", py.get_type::<RequestError>())?;
    m.add_class::<network::NativeNetwork>()?;
    m.add_function(wrap_pyfunction!(batch::batch, m)?)?;
    Ok(())
}

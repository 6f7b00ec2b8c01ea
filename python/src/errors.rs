//! Library errors as Python exceptions: input problems as `InputError` with
//! their locations, unreadable files as `OSError`, requests that do not fit
//! the network as `RequestError`.

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use stakenet::{Error, IdList};

use crate::{InputError, RequestError};

/// The Python exception for a library error. `InputError` carries `errors`
/// (one dict per problem, in file order: `file`, `line`, `column`,
/// `column_name`, `message`), `more` (problems found beyond those kept) and
/// the first problem's `file`, `line`, `column` and `column_name`.
pub(crate) fn to_py(py: Python<'_>, e: Error) -> PyErr {
    match e {
        Error::Input(errors) => {
            let err = InputError::new_err(errors.with_hints(argument_hint));
            if let Err(set) = describe(py, &err, &errors) {
                return set;
            }
            err
        }
        Error::Read { path, source } => {
            let message = format!("cannot read {}: {source}", path.display());
            let args = (
                source.raw_os_error().unwrap_or(0),
                message,
                path.display().to_string(),
            );
            match source.kind() {
                std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(args),
                std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(args),
                _ => PyOSError::new_err(args),
            }
        }
        // The Python argument that gave the id, as the CLI names its flag.
        Error::UnknownActor { id, list } => {
            let argument = match list {
                IdList::Exit => "exit",
                IdList::Handover => "handover",
                IdList::Voices => "voices",
                IdList::DecisionMakers => "decision_makers",
                IdList::Candidates => "candidates",
            };
            RequestError::new_err(format!("{argument}: no actor has the id \"{id}\""))
        }
        other => RequestError::new_err(other.to_string()),
    }
}

/// The argument that accepts what an input problem refuses, where there is
/// one: the library names none (the CLI adds its flag, this its argument).
fn argument_hint(kind: &stakenet::InputErrorKind) -> Option<&'static str> {
    match kind {
        stakenet::InputErrorKind::DuplicateTie { .. } => {
            Some("merge_duplicates=True combines such rows")
        }
        _ => None,
    }
}

fn describe(py: Python<'_>, err: &PyErr, errors: &stakenet::InputErrors) -> PyResult<()> {
    let value = err.value(py);
    let list = PyList::empty(py);
    for e in &errors.errors {
        let d = PyDict::new(py);
        d.set_item("file", e.location.file.display().to_string())?;
        d.set_item("line", e.location.line)?;
        d.set_item("column", e.location.column)?;
        d.set_item("column_name", &e.location.column_name)?;
        d.set_item("message", e.kind.to_string())?;
        list.append(d)?;
    }
    value.setattr("errors", &list)?;
    value.setattr("more", errors.more)?;
    let first = errors.errors.first();
    value.setattr("file", first.map(|e| e.location.file.display().to_string()))?;
    value.setattr("line", first.map(|e| e.location.line))?;
    value.setattr("column", first.map(|e| e.location.column))?;
    value.setattr("column_name", first.map(|e| e.location.column_name.clone()))?;
    Ok(())
}

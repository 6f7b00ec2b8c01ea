//! The analysis figures that exports (GraphML, GEXF, Kumu) attach to each
//! actor: every per-actor figure of the `analyze` report and of the `exit`
//! report for the default exit (every external practitioner leaves), and the
//! voice figures of the `power` report with its defaults, taken from those
//! reports, so that a figure added there reaches the exports too.

use serde::Serialize;

use crate::error::Error;
use crate::model::Network;
use crate::report::power::PowerReport;
use crate::report::{AnalyzeReport, ExitReport};

/// The type of one figure, as a typed export declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureType {
    /// A whole number (a count or a rank).
    Integer,
    /// A real number.
    Double,
    /// True or false.
    Boolean,
}

/// One actor's value of a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FigureValue {
    /// A whole number.
    Integer(i64),
    /// A real number.
    Double(f64),
    /// True or false.
    Boolean(bool),
}

/// The figures of every actor, as columns.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorFigures {
    /// Figure names, in report order (`degree`, …, `betweenness`, …,
    /// `exit_impact_rank`).
    pub names: Vec<String>,
    /// The type of each figure.
    pub types: Vec<FigureType>,
    /// Per actor (in the network's order), per figure: the value, `None`
    /// where it is undefined (null in the report).
    pub values: Vec<Vec<Option<FigureValue>>>,
}

impl ActorFigures {
    /// The per-actor figures of an `analyze`, an `exit` and a `power` report of `net`
    /// (actor rows in the network's order), less the input fields.
    pub fn from_reports(
        net: &Network,
        analysis: &AnalyzeReport,
        exit: &ExitReport,
        power: &PowerReport,
    ) -> Result<ActorFigures, Error> {
        let mut figures = ActorFigures {
            names: Vec::new(),
            types: Vec::new(),
            values: vec![Vec::new(); net.len()],
        };
        let attributes = net.attribute_names();
        figures.add_rows(&analysis.actors, attributes)?;
        figures.add_rows(&exit.actors, attributes)?;
        // The voice figures, without `line_to` (an id, not a figure).
        let voices = power
            .actors
            .iter()
            .map(|a| {
                let mut row = serde_json::to_value(&a.voice)
                    .map_err(|e| Error::Export(format!("cannot list the figures: {e}")))?;
                if let serde_json::Value::Object(fields) = &mut row {
                    fields.remove("line_to");
                }
                Ok(row)
            })
            .collect::<Result<Vec<_>, Error>>()?;
        figures.add_rows(&voices, attributes)?;
        Ok(figures)
    }

    /// Add the figure fields of one report's actor rows (one per actor, in
    /// network order). A field that is text or a list in some row is not a
    /// figure there (a null stays a missing value).
    fn add_rows<R: Serialize>(&mut self, rows: &[R], attributes: &[String]) -> Result<(), Error> {
        let first = self.names.len();
        for (i, row) in rows.iter().enumerate() {
            let value = serde_json::to_value(row)
                .map_err(|e| Error::Export(format!("cannot list the figures: {e}")))?;
            let serde_json::Value::Object(fields) = value else {
                continue;
            };
            for (name, value) in fields {
                if crate::io::NODE_COLUMNS.contains(&name.as_str())
                    || attributes.contains(&name)
                    || self.names[..first].contains(&name)
                {
                    continue;
                }
                let figure = match value {
                    serde_json::Value::Bool(b) => Some(FigureValue::Boolean(b)),
                    serde_json::Value::Number(n) => Some(match n.as_i64() {
                        Some(v) if !n.is_f64() => FigureValue::Integer(v),
                        _ => FigureValue::Double(n.as_f64().unwrap_or(f64::NAN)),
                    }),
                    serde_json::Value::Null => None,
                    // Text and lists are input or summaries, not figures.
                    _ => continue,
                };
                let k = match self.names[first..].iter().position(|n| *n == name) {
                    Some(k) => first + k,
                    None => {
                        self.names.push(name);
                        self.types.push(FigureType::Double);
                        self.names.len() - 1
                    }
                };
                let values = &mut self.values[i];
                if values.len() <= k {
                    values.resize(k + 1, None);
                }
                values[k] = figure;
            }
        }
        for values in &mut self.values {
            values.resize(self.names.len(), None);
        }
        // Each figure's type is that of its values; a figure null
        // everywhere is a real number.
        for (k, t) in self.types.iter_mut().enumerate().skip(first) {
            let mut merged = None;
            for v in self.values.iter().filter_map(|row| row[k]) {
                merged = Some(merge_type(merged, v));
            }
            *t = merged.unwrap_or(FigureType::Double);
        }
        Ok(())
    }
}

fn merge_type(so_far: Option<FigureType>, value: FigureValue) -> FigureType {
    let this = match value {
        FigureValue::Integer(_) => FigureType::Integer,
        FigureValue::Double(_) => FigureType::Double,
        FigureValue::Boolean(_) => FigureType::Boolean,
    };
    match so_far {
        None => this,
        Some(FigureType::Integer) if this == FigureType::Double => FigureType::Double,
        Some(FigureType::Double) if this == FigureType::Integer => FigureType::Double,
        Some(t) => t,
    }
}

impl FigureValue {
    /// The value as a real number (a boolean as 0 or 1).
    pub fn as_f64(self) -> f64 {
        match self {
            FigureValue::Integer(v) => v as f64,
            FigureValue::Double(v) => v,
            FigureValue::Boolean(b) => f64::from(u8::from(b)),
        }
    }
}

//! From roster-survey answers to a network (`stakenet survey`).
//!
//! Each respondent was shown the roster and, for each person they work with,
//! answered a few trust items and how often they are in contact. The
//! [`Codebook`] says how answers become numbers; [`convert`] reads the
//! roster, the responses and the codebook, reconciles the two sides of each
//! pair under explicit [`SurveyOptions`], and returns the network's files,
//! the loaded [`Network`] and a [`SurveyReport`] of every count a
//! researcher needs to defend the choices.
//!
//! Rules (the README's "Start from a survey" has them in full):
//! - a respondent's rating of an alter is a directed tie respondent → alter
//!   with the respondent's own trust (what `trust` means in stakenet);
//! - both answered: two directed rows, each with its own trust, and one
//!   communication by [`CommunicationRule`]; when the two rows come out the
//!   same (same trust, same communication) they are written as the one
//!   mutual row they mean;
//! - one answered: one directed row, or a mutual row with
//!   [`SurveyOptions::assume_mutual`];
//! - no contact ("never", 0 contacts) or a row left blank: no tie;
//! - a missing trust item: the combination of the answered ones, unless
//!   [`SurveyOptions::strict_items`].

pub mod codebook;
mod fraction;
mod reconcile;
pub mod report;
mod responses;

use std::path::{Path, PathBuf};

pub use codebook::{Amount, Category, Codebook, Combine, Frequency, Item, Trust};
pub use report::{Disagreement, ResponseRate, SurveyReport};

use crate::error::{Error, InputError, InputErrorKind, Location};
use crate::text::escape_controls;

/// Most bytes in a codebook: a few dozen lines are usual.
const MAX_CODEBOOK_BYTES: usize = 1 << 20;
use crate::io::{self, LoadOptions};
use crate::model::Network;

/// How a pair's communication is set when both sides reported it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommunicationRule {
    /// The mean of the two answers (default).
    #[default]
    Mean,
    /// The lower answer.
    Min,
    /// The higher answer.
    Max,
    /// Each directed row keeps its own respondent's answer.
    Respondent,
}

/// The reconciliation choices.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SurveyOptions {
    /// Communication of a pair both sides reported.
    pub communication: CommunicationRule,
    /// A pair only one side reported becomes a mutual tie (the other side's
    /// trust assumed equal) instead of one directed row.
    pub assume_mutual: bool,
    /// A trust item (or the frequency) left empty in a rating with contact
    /// is an error, instead of trust from the answered items.
    pub strict_items: bool,
}

/// One input file: its name for messages and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The file as the user named it.
    pub path: &'a Path,
    /// Its content.
    pub bytes: &'a [u8],
}

/// The files of a survey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyFiles {
    /// The answers (wide or long CSV).
    pub responses: PathBuf,
    /// The people surveyed, in the nodes.csv format.
    pub roster: PathBuf,
    /// The codebook (TOML); `None`: the default one.
    pub codebook: Option<PathBuf>,
}

/// A converted survey: the network's files and the report.
#[derive(Debug, Clone)]
pub struct Survey {
    /// The network, loaded back from [`Survey::nodes_csv`] and
    /// [`Survey::edges_csv`] as `stakenet validate` loads it.
    pub network: Network,
    /// `nodes.csv`: the roster as given.
    pub nodes_csv: Vec<u8>,
    /// `edges.csv`: one row per tie.
    pub edges_csv: Vec<u8>,
    /// What was read and decided.
    pub report: SurveyReport,
}

/// A problem in survey responses or a codebook.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SurveyProblem {
    /// A number outside the item's scale (or not a number where one is due).
    #[error("expected {expected}, found {found}")]
    OutsideScale {
        /// The scale.
        expected: String,
        /// The answer, quoted.
        found: String,
    },
    /// Words that are none of the item's labels.
    #[error("expected {expected}, found {found}")]
    UnknownLabel {
        /// The labels.
        expected: String,
        /// The answer, quoted.
        found: String,
    },
    /// A respondent or alter who is not on the roster.
    #[error("expected {who} on the roster {roster}, found {found}, who is not on it")]
    NotOnRoster {
        /// `a respondent` or `an alter`.
        who: &'static str,
        /// The roster file's name.
        roster: String,
        /// The id, quoted.
        found: String,
    },
    /// A second answer for the same respondent, alter (and item).
    #[error("expected one answer per respondent, alter and item, found {} → {}{} again (first at line {first_line})", escape_controls(.respondent), escape_controls(.alter), .item.as_ref().map(|i| format!(", {}", escape_controls(i))).unwrap_or_default())]
    Duplicate {
        /// Respondent id.
        respondent: String,
        /// Alter id.
        alter: String,
        /// The item, in the long format.
        item: Option<String>,
        /// Line of the first answer.
        first_line: u64,
    },
    /// A respondent rating themselves.
    #[error("expected a rating of someone else, found {} rating themselves", escape_controls(.id))]
    SelfRating {
        /// The respondent.
        id: String,
    },
    /// Contact reported but no trust item answered.
    #[error("expected at least one trust item answered for an alter in contact, found none")]
    NoTrustAnswer,
    /// An empty item under `--strict-items`.
    #[error("expected an answer (--strict-items), found an empty cell")]
    MissingItem,
    /// A column that edges.csv would read as one of its own.
    #[error("expected extra columns with names edges.csv does not use, found {0} (rename it)")]
    ReservedColumn(String),
    /// A column besides the four of the long format.
    #[error("expected only respondent, alter, item and answer in the long format, found {0}")]
    LongFormatColumn(String),
    /// No trust column and no codebook.
    #[error("expected a column named \"trust\" or \"trust_…\" (or a --codebook naming the items), found {0}")]
    NoTrustColumn(String),
    /// A codebook that cannot be used.
    #[error("{0}")]
    Codebook(String),
}

/// Read the survey's files and convert them (see [`convert`]).
pub fn load(files: &SurveyFiles, options: &SurveyOptions) -> Result<Survey, Error> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })
    };
    let roster = read(&files.roster)?;
    let responses = read(&files.responses)?;
    let codebook = files.codebook.as_deref().map(read).transpose()?;
    convert(
        Source {
            path: &files.responses,
            bytes: &responses,
        },
        Source {
            path: &files.roster,
            bytes: &roster,
        },
        codebook
            .as_deref()
            .zip(files.codebook.as_deref())
            .map(|(bytes, path)| Source { path, bytes }),
        options,
    )
}

/// Convert survey answers into a network.
///
/// The roster is read as a nodes.csv (every rule of the network format
/// applies); the responses are read with the codebook (or the default one
/// for their columns); every problem is reported with its file, line and
/// column, all of them at once. The edges are then reconciled under
/// `options`, and the network is loaded back from the files it would be
/// written as, so a returned [`Survey`] always passes `stakenet validate`.
pub fn convert(
    responses: Source<'_>,
    roster: Source<'_>,
    codebook: Option<Source<'_>>,
    options: &SurveyOptions,
) -> Result<Survey, Error> {
    let people = io::read(
        roster.path,
        roster.bytes,
        Path::new("(no ties)"),
        &b"source,target,trust\n"[..],
        &LoadOptions::default(),
    )?;
    let codebook_file = codebook.map(|c| c.path);
    let codebook = match codebook {
        None => None,
        Some(c) => {
            let refuse = |kind| InputError {
                location: Location::new(c.path, 1, 1, "codebook"),
                kind,
            };
            if c.bytes.len() > MAX_CODEBOOK_BYTES {
                return Err(
                    refuse(InputErrorKind::Survey(Box::new(SurveyProblem::Codebook(
                        format!(
                        "expected a codebook of at most {MAX_CODEBOOK_BYTES} bytes, found {} bytes",
                        c.bytes.len()
                    ),
                    ))))
                    .into(),
                );
            }
            let text =
                std::str::from_utf8(c.bytes).map_err(|_| refuse(InputErrorKind::InvalidUtf8))?;
            Some(Codebook::from_toml(c.path, text)?)
        }
    };
    let read = responses::read(
        responses,
        roster.path,
        &people,
        codebook.as_ref(),
        options.strict_items,
    )?;
    let reconciled = reconcile::reconcile(&read, options);
    let edges_csv = reconcile::edges_csv(&people, &read, &reconciled);
    let edges_name = Path::new("edges.csv");
    let network = io::read(
        roster.path,
        roster.bytes,
        edges_name,
        &edges_csv[..],
        &LoadOptions::default(),
    )
    .map_err(|e| {
        Error::Request(format!(
            "the survey gave ties that do not load (a bug): {e}"
        ))
    })?;
    let report = report::build(
        &people,
        &read,
        &reconciled,
        responses.path,
        roster.path,
        codebook_file,
        options,
    );
    Ok(Survey {
        network,
        nodes_csv: roster.bytes.to_vec(),
        edges_csv,
        report,
    })
}

//! Reading the responses file: wide (`respondent,alter,<items>…`) or long
//! (`respondent,alter,item,answer`), with every problem located.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::rc::Rc;

use super::codebook::{Codebook, Resolved};
use super::fraction::Score;
use super::{Source, SurveyProblem};
use crate::error::{Error, InputErrorKind, InputErrors, Location};
use crate::io::guard::{QuoteWatch, MAX_CELL_BYTES, MAX_COLUMNS};
// An extra responses column must not take one of edges.csv's own names.
use crate::io::header::EDGE_COLUMNS;
use crate::io::parse::quote;
use crate::io::{cell_problem, reader_problem, Problems};
use crate::model::Network;

/// The two layouts of a responses file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Layout {
    /// One row per (respondent, alter), one column per item.
    Wide,
    /// One row per (respondent, alter, item): `respondent,alter,item,answer`.
    Long,
}

/// What one respondent said about one alter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Answer {
    /// Nothing answered.
    Blank,
    /// No contact ("never", 0 contacts): no tie.
    NoContact,
    /// A tie respondent → alter.
    Contact {
        trust: Score,
        per_month: Option<Score>,
        /// Some trust item was empty and trust comes from the others.
        filled: bool,
    },
}

/// One respondent's answers about one alter.
#[derive(Debug, Clone)]
pub(crate) struct Rating {
    pub(crate) respondent: usize,
    pub(crate) answer: Answer,
    pub(crate) attributes: Vec<String>,
}

/// The responses, read and checked.
#[derive(Debug, Clone)]
pub(crate) struct Responses {
    pub(crate) layout: Layout,
    /// The codebook used (given, or the default for these columns).
    pub(crate) codebook: Codebook,
    /// Columns kept as tie attributes.
    pub(crate) attribute_names: Vec<String>,
    /// Ratings by (respondent, alter) roster index.
    pub(crate) ratings: BTreeMap<(usize, usize), Rating>,
    /// Everyone who appears as a respondent (roster indices).
    pub(crate) respondents: BTreeSet<usize>,
    /// Data rows in the file.
    pub(crate) rows: usize,
}

/// Where a cell is: line, 1-based column and the column's (or item's)
/// name, shared. A full [`Location`] is made only for a problem, so a large
/// file costs no path and name copies per cell.
#[derive(Debug, Clone)]
struct Place {
    line: u64,
    column: usize,
    name: Rc<str>,
}

impl Place {
    fn location(&self, file: &Path) -> Location {
        at(file, self.line, self.column, &self.name)
    }
}

/// A cell of a (possibly virtual) wide row: its text and where it is.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    at: Place,
}

/// One (respondent, alter) with its cells, in either layout.
struct Entry {
    respondent: usize,
    alter: usize,
    /// Where a problem with the row as a whole is reported.
    at: Place,
    items: Vec<Option<Cell>>,
    /// Where each item is (or would be) in the file.
    item_at: Vec<Place>,
    frequency: Option<Cell>,
    frequency_at: Place,
    attributes: Vec<String>,
}

/// Report a survey problem.
fn survey(problems: &mut Problems, location: Location, problem: SurveyProblem) {
    problems.push(location, InputErrorKind::Survey(Box::new(problem)));
}

/// A table: the header names and the rows' cells with their lines.
struct Table {
    names: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

fn at(file: &Path, line: u64, column: usize, name: &str) -> Location {
    Location::new(file, line, column, name)
}

/// Read the CSV with the loader's guards (cell and column limits, runaway
/// fields, open quotes, NUL bytes, UTF-8); `None` when the header cannot be
/// used.
// Long: every loader guard runs inside the one reader loop, each with its own problem.
fn read_table(file: &Path, bytes: &[u8], problems: &mut Problems) -> Option<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(QuoteWatch::new(bytes));
    let mut record = csv::ByteRecord::new();
    let mut names: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut bad_header = false;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                if let Some((line, field, read, is_field)) = reader.get_ref().runaway() {
                    problems.push(
                        at(file, line, if is_field { field } else { 1 }, "record"),
                        InputErrorKind::Runaway {
                            limit: MAX_CELL_BYTES,
                            what: if is_field { "field" } else { "line" },
                            read,
                        },
                    );
                } else {
                    let line = e.position().map_or(1, |p| p.line());
                    problems.push(at(file, line, 1, "record"), reader_problem(&e));
                }
                return None;
            }
        }
        let line = record.position().map_or(1, |p| p.line());
        let Some(header) = &names else {
            if record.len() > MAX_COLUMNS {
                problems.push(
                    at(file, 1, 1, "header"),
                    InputErrorKind::TooManyColumns {
                        limit: MAX_COLUMNS,
                        found: record.len(),
                    },
                );
                return None;
            }
            let mut header = Vec::with_capacity(record.len());
            for (i, bytes) in record.iter().enumerate() {
                let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
                match decode(bytes) {
                    Ok(t) => header.push(t.trim().to_string()),
                    Err(kind) => {
                        problems.push(at(file, 1, i + 1, "header"), kind);
                        bad_header = true;
                        header.push(String::new());
                    }
                }
            }
            names = Some(header);
            continue;
        };
        if record.len() != header.len() {
            let field = record.len().min(header.len());
            problems.push(
                at(
                    file,
                    line,
                    field + 1,
                    header.get(field).map_or("(extra field)", |s| s),
                ),
                InputErrorKind::FieldCount {
                    expected: header.len(),
                    found: record.len(),
                },
            );
            continue;
        }
        let mut cells = Vec::with_capacity(record.len());
        let mut ok = true;
        for (i, bytes) in record.iter().enumerate() {
            match decode(bytes) {
                Ok(t) => cells.push(t.to_string()),
                Err(kind) => {
                    problems.push(at(file, line, i + 1, &header[i]), kind);
                    ok = false;
                }
            }
        }
        if ok {
            rows.push((line, cells));
        }
    }
    if let Some((line, field)) = reader.get_ref().unclosed() {
        // The rows after the opening quote were read as part of one field:
        // what was said about them is not a second problem.
        problems.errors.retain(|e| e.location.line < line);
        problems.push(
            at(file, line, field, "record"),
            InputErrorKind::UnclosedQuote,
        );
        return None;
    }
    match names {
        None => {
            problems.push(at(file, 1, 1, "header"), InputErrorKind::EmptyFile);
            None
        }
        Some(_) if bad_header => None,
        Some(names) => Some(Table { names, rows }),
    }
}

fn decode(bytes: &[u8]) -> Result<&str, InputErrorKind> {
    if let Some(kind) = cell_problem(bytes) {
        return Err(kind);
    }
    std::str::from_utf8(bytes).map_err(|_| InputErrorKind::InvalidUtf8)
}

fn folded(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

/// Read and check the responses against the roster (`people`, read from
/// `roster_file`) and the codebook.
// Long: the header checks, the layout choice and the row pass share one problem list and the
// closures over the header; a split like io/{header,nodes,edges}.rs is a follow-up.
pub(crate) fn read(
    source: Source<'_>,
    roster_file: &Path,
    people: &Network,
    codebook: Option<&Codebook>,
    strict: bool,
) -> Result<Responses, Error> {
    let file = source.path;
    let mut problems = Problems::default();
    let fail = |problems: Problems| {
        let Problems {
            mut errors, more, ..
        } = problems;
        errors.sort_by_key(|e| (e.location.line, e.location.column));
        Error::Input(InputErrors { errors, more })
    };
    let Some(table) = read_table(file, source.bytes, &mut problems) else {
        return Err(fail(problems));
    };
    let header_at = |column: usize| at(file, 1, column + 1, "header");
    let names: Vec<Rc<str>> = table.names.iter().map(|n| Rc::from(n.as_str())).collect();
    let position = |name: &str| table.names.iter().position(|n| folded(n) == name);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, n) in table.names.iter().enumerate() {
        if let Some(first) = seen.insert(folded(n), i) {
            problems.push(
                header_at(i),
                InputErrorKind::DuplicateColumn {
                    name: n.clone(),
                    first: first + 1,
                },
            );
        }
    }
    let found = || {
        table
            .names
            .iter()
            .map(|n| format!("{n:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut required = |name: &str| {
        let p = position(name);
        if p.is_none() {
            problems.push(
                header_at(0),
                InputErrorKind::MissingColumn {
                    name: name.to_string(),
                    found: found(),
                },
            );
        }
        p
    };
    let respondent_col = required("respondent");
    let alter_col = required("alter");
    let layout = if position("item").is_some() && position("answer").is_some() {
        Layout::Long
    } else {
        Layout::Wide
    };
    let (Some(respondent_col), Some(alter_col)) = (respondent_col, alter_col) else {
        return Err(fail(problems));
    };
    if !problems.errors.is_empty() {
        return Err(fail(problems));
    }
    let roster_name = roster_file.file_name().map_or_else(
        || roster_file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let ids: HashMap<&str, usize> = people
        .actors()
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    // The respondent and alter of a row, or why not.
    let who = |problems: &mut Problems, line: u64, cells: &[String]| {
        let mut end = |column: usize, role: &'static str| {
            let id = cells[column].trim();
            let loc = at(file, line, column + 1, &table.names[column]);
            if id.is_empty() {
                problems.push(
                    loc,
                    InputErrorKind::Empty {
                        expected: "an id from the roster",
                    },
                );
                return None;
            }
            match ids.get(id) {
                Some(&i) => Some(i),
                None => {
                    survey(
                        problems,
                        loc,
                        SurveyProblem::NotOnRoster {
                            who: role,
                            roster: roster_name.clone(),
                            found: quote(id),
                        },
                    );
                    None
                }
            }
        };
        let r = end(respondent_col, "a respondent");
        let a = end(alter_col, "an alter");
        Some((r?, a?))
    };
    let mut respondents_seen: BTreeSet<usize> = BTreeSet::new();

    let (codebook, attribute_names, entries) = match layout {
        Layout::Wide => {
            let others: Vec<usize> = (0..table.names.len())
                .filter(|&i| i != respondent_col && i != alter_col)
                .collect();
            let codebook = match codebook {
                Some(c) => c.clone(),
                None => {
                    match Codebook::default_for(others.iter().map(|&i| table.names[i].as_str())) {
                        Some(c) => c,
                        None => {
                            survey(
                                &mut problems,
                                header_at(0),
                                SurveyProblem::NoTrustColumn(found()),
                            );
                            return Err(fail(problems));
                        }
                    }
                }
            };
            let mut claimed = Vec::new();
            let mut column_of = |name: &str| {
                let p = position(&folded(name));
                match p {
                    Some(p) => claimed.push(p),
                    None => problems.push(
                        header_at(0),
                        InputErrorKind::MissingColumn {
                            name: name.to_string(),
                            found: found(),
                        },
                    ),
                }
                p
            };
            let item_cols: Vec<Option<usize>> = codebook
                .trust
                .items
                .iter()
                .map(|i| column_of(&i.column))
                .collect();
            let frequency_col = codebook.frequency.as_ref().map(|f| column_of(&f.column));
            let extras: Vec<usize> = others
                .into_iter()
                .filter(|i| !claimed.contains(i))
                .collect();
            for &i in &extras {
                if EDGE_COLUMNS.contains(&folded(&table.names[i]).as_str()) {
                    survey(
                        &mut problems,
                        header_at(i),
                        SurveyProblem::ReservedColumn(quote(&table.names[i])),
                    );
                }
            }
            if !problems.errors.is_empty() {
                return Err(fail(problems));
            }
            let item_cols: Vec<usize> = item_cols.into_iter().flatten().collect();
            let frequency_col = frequency_col.flatten();
            let mut first: HashMap<(usize, usize), u64> = HashMap::new();
            let mut entries = Vec::new();
            for (line, cells) in &table.rows {
                let line = *line;
                let Some((r, a)) = who(&mut problems, line, cells) else {
                    continue;
                };
                respondents_seen.insert(r);
                let place = |c: usize| Place {
                    line,
                    column: c + 1,
                    name: names[c].clone(),
                };
                let cell = |c: usize| {
                    let text = cells[c].trim();
                    (!text.is_empty()).then(|| Cell {
                        text: text.to_string(),
                        at: place(c),
                    })
                };
                if let Some(&first_line) = first.get(&(r, a)) {
                    survey(
                        &mut problems,
                        at(file, line, respondent_col + 1, &table.names[respondent_col]),
                        SurveyProblem::Duplicate {
                            respondent: people.actor(r).id.clone(),
                            alter: people.actor(a).id.clone(),
                            item: None,
                            first_line,
                        },
                    );
                    continue;
                }
                first.insert((r, a), line);
                entries.push(Entry {
                    respondent: r,
                    alter: a,
                    at: place(alter_col),
                    items: item_cols.iter().map(|&c| cell(c)).collect(),
                    item_at: item_cols.iter().map(|&c| place(c)).collect(),
                    frequency: frequency_col.and_then(cell),
                    frequency_at: place(frequency_col.unwrap_or(alter_col)),
                    attributes: extras.iter().map(|&c| cells[c].clone()).collect(),
                });
            }
            let names = extras.iter().map(|&i| table.names[i].clone()).collect();
            (codebook, names, entries)
        }
        Layout::Long => {
            let item_col = position("item").expect("long layout");
            let answer_col = position("answer").expect("long layout");
            for (i, n) in table.names.iter().enumerate() {
                if ![respondent_col, alter_col, item_col, answer_col].contains(&i) {
                    survey(
                        &mut problems,
                        header_at(i),
                        SurveyProblem::LongFormatColumn(quote(n)),
                    );
                }
            }
            if !problems.errors.is_empty() {
                return Err(fail(problems));
            }
            // (respondent, alter) → item (folded) → answer cell; first line.
            type Answers = BTreeMap<String, Cell>;
            let mut groups: BTreeMap<(usize, usize), (u64, Answers)> = BTreeMap::new();
            let mut item_names: BTreeSet<String> = BTreeSet::new();
            for (line, cells) in &table.rows {
                let line = *line;
                let Some((r, a)) = who(&mut problems, line, cells) else {
                    continue;
                };
                respondents_seen.insert(r);
                let item = folded(&cells[item_col]);
                let item_at = at(file, line, item_col + 1, &table.names[item_col]);
                if item.is_empty() {
                    problems.push(
                        item_at,
                        InputErrorKind::Empty {
                            expected: "an item name",
                        },
                    );
                    continue;
                }
                let (_, answers) = groups.entry((r, a)).or_insert((line, BTreeMap::new()));
                if let Some(prev) = answers.get(&item) {
                    survey(
                        &mut problems,
                        item_at,
                        SurveyProblem::Duplicate {
                            respondent: people.actor(r).id.clone(),
                            alter: people.actor(a).id.clone(),
                            item: Some(item.clone()),
                            first_line: prev.at.line,
                        },
                    );
                    continue;
                }
                item_names.insert(item.clone());
                answers.insert(
                    item,
                    Cell {
                        text: cells[answer_col].trim().to_string(),
                        at: Place {
                            line,
                            column: answer_col + 1,
                            name: names[answer_col].clone(),
                        },
                    },
                );
            }
            let codebook = match codebook {
                Some(c) => c.clone(),
                None => match Codebook::default_for(item_names.iter().map(String::as_str)) {
                    Some(c) => c,
                    None => {
                        survey(
                            &mut problems,
                            header_at(item_col),
                            SurveyProblem::NoTrustColumn(if item_names.is_empty() {
                                "no items".to_string()
                            } else {
                                format!(
                                    "the items {}",
                                    item_names
                                        .iter()
                                        .map(|n| format!("{n:?}"))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            }),
                        );
                        return Err(fail(problems));
                    }
                },
            };
            let key = |column: &str| {
                let k = folded(column);
                let name = Rc::from(k.as_str());
                (k, name)
            };
            let item_keys: Vec<(String, Rc<str>)> = codebook
                .trust
                .items
                .iter()
                .map(|i| key(&i.column))
                .collect();
            let frequency_key = codebook.frequency.as_ref().map(|f| key(&f.column));
            let extras: Vec<String> = item_names
                .iter()
                .filter(|n| {
                    !item_keys.iter().any(|(k, _)| k == *n)
                        && frequency_key.as_ref().map(|(k, _)| k) != Some(n)
                })
                .cloned()
                .collect();
            for n in &extras {
                if EDGE_COLUMNS.contains(&n.as_str()) {
                    survey(
                        &mut problems,
                        header_at(item_col),
                        SurveyProblem::ReservedColumn(quote(n)),
                    );
                }
            }
            let entries = groups
                .into_iter()
                .map(|((r, a), (line, mut answers))| {
                    let row_at = Place {
                        line,
                        column: alter_col + 1,
                        name: names[alter_col].clone(),
                    };
                    // An item not answered is placed on the row, named.
                    let mut take = |key: &(String, Rc<str>)| {
                        let cell = answers.remove(&key.0);
                        let place = cell.as_ref().map_or_else(
                            || Place {
                                name: key.1.clone(),
                                ..row_at.clone()
                            },
                            |c| c.at.clone(),
                        );
                        (cell.filter(|c| !c.text.is_empty()), place)
                    };
                    let (items, item_at) = item_keys.iter().map(&mut take).unzip();
                    let (frequency, frequency_at) = match &frequency_key {
                        Some(k) => take(k),
                        None => (None, row_at.clone()),
                    };
                    let attributes = extras
                        .iter()
                        .map(|n| answers.get(n).map_or(String::new(), |c| c.text.clone()))
                        .collect();
                    Entry {
                        respondent: r,
                        alter: a,
                        at: row_at,
                        items,
                        item_at,
                        frequency,
                        frequency_at,
                        attributes,
                    }
                })
                .collect();
            (codebook, extras, entries)
        }
    };
    let resolved = match codebook.resolve() {
        Ok(r) => r,
        Err((_, message)) => {
            survey(
                &mut problems,
                header_at(0),
                SurveyProblem::Codebook(message),
            );
            return Err(fail(problems));
        }
    };
    let mut ratings = BTreeMap::new();
    for entry in entries {
        if let Some(answer) = evaluate(file, &entry, &resolved, strict, people, &mut problems) {
            ratings.insert(
                (entry.respondent, entry.alter),
                Rating {
                    respondent: entry.respondent,
                    answer,
                    attributes: entry.attributes,
                },
            );
        }
    }
    if !problems.errors.is_empty() {
        return Err(fail(problems));
    }
    Ok(Responses {
        layout,
        codebook,
        attribute_names,
        ratings,
        respondents: respondents_seen,
        rows: table.rows.len(),
    })
}

/// The answer of one entry, or `None` after reporting its problems (a blank
/// self-rating is skipped without a problem).
// Long: one check per answer rule, in the order their problems are reported.
fn evaluate(
    file: &Path,
    entry: &Entry,
    book: &Resolved,
    strict: bool,
    people: &Network,
    problems: &mut Problems,
) -> Option<Answer> {
    let blank = entry.items.iter().all(Option::is_none) && entry.frequency.is_none();
    if entry.respondent == entry.alter {
        if !blank {
            survey(
                problems,
                entry.at.location(file),
                SurveyProblem::SelfRating {
                    id: people.actor(entry.respondent).id.clone(),
                },
            );
        }
        return None;
    }
    if blank {
        return Some(Answer::Blank);
    }
    let mut ok = true;
    let mut scores = Vec::new();
    for (k, cell) in entry.items.iter().enumerate() {
        if let Some(cell) = cell {
            match book.items[k].score(&cell.text) {
                Ok(s) => scores.push(s),
                Err(p) => {
                    survey(problems, cell.at.location(file), p);
                    ok = false;
                }
            }
        }
    }
    let per_month = match (&entry.frequency, &book.frequency) {
        (Some(cell), Some(scale)) => match scale.per_month(&cell.text) {
            Ok(s) => Some(s),
            Err(p) => {
                survey(problems, cell.at.location(file), p);
                return None;
            }
        },
        _ => None,
    };
    if !ok {
        return None;
    }
    if per_month.is_some_and(|s| s.value == 0.0) {
        return Some(Answer::NoContact);
    }
    if strict {
        for (k, cell) in entry.items.iter().enumerate() {
            if cell.is_none() {
                survey(
                    problems,
                    entry.item_at[k].location(file),
                    SurveyProblem::MissingItem,
                );
                ok = false;
            }
        }
        if book.frequency.is_some() && entry.frequency.is_none() {
            survey(
                problems,
                entry.frequency_at.location(file),
                SurveyProblem::MissingItem,
            );
            ok = false;
        }
        if !ok {
            return None;
        }
    }
    if scores.is_empty() {
        survey(
            problems,
            entry.item_at[0].location(file),
            SurveyProblem::NoTrustAnswer,
        );
        return None;
    }
    Some(Answer::Contact {
        trust: book.combine(&scores),
        per_month,
        filled: scores.len() < entry.items.len(),
    })
}

//! The survey's data report: response rates, how the ties came about, and
//! the codebook in full, as `NET/survey-report.txt` and the terminal show it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::reconcile::{Reconciled, DISAGREEMENT};
use super::responses::{Answer, Layout, Responses};
use super::{Codebook, SurveyOptions};
use crate::model::Network;
use crate::text::sanitize;

/// Respondents among some actors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseRate {
    /// The group or kind (`""`: the unnamed group).
    pub name: String,
    /// Actors on the roster.
    pub actors: usize,
    /// Of those, how many answered (appear as respondent).
    pub respondents: usize,
    /// `respondents / actors`.
    pub rate: f64,
}

/// A pair whose two trust ratings differ by more than 0.5.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// One actor's id (the earlier on the roster).
    pub a: String,
    /// The other's.
    pub b: String,
    /// How much `a` trusts `b`, by `a`'s answers.
    pub trust_ab: f64,
    /// How much `b` trusts `a`, by `b`'s answers.
    pub trust_ba: f64,
}

/// Everything `stakenet survey` read and decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyReport {
    /// The responses file.
    pub responses: String,
    /// The roster file.
    pub roster: String,
    /// The codebook file; `None`: the default codebook for these columns.
    pub codebook_file: Option<String>,
    /// `wide` or `long`.
    pub layout: String,
    /// The reconciliation choices.
    pub options: SurveyOptions,
    /// Actors on the roster.
    pub actors: usize,
    /// Actors who appear as respondent.
    pub respondents: usize,
    /// `respondents / actors`.
    pub response_rate: f64,
    /// Response rate per group, in group order.
    pub by_group: Vec<ResponseRate>,
    /// Response rate per kind (practitioner, stakeholder).
    pub by_kind: Vec<ResponseRate>,
    /// Ids of the actors who did not answer, in roster order.
    pub non_respondents: Vec<String>,
    /// Data rows of the responses file.
    pub rows: usize,
    /// (respondent, alter) ratings that report contact.
    pub ratings_with_contact: usize,
    /// Ratings of no contact ("never", 0 contacts): no tie.
    pub no_contact: usize,
    /// Ratings left blank: no tie.
    pub blank: usize,
    /// Ratings with contact where some trust item was empty (trust from the
    /// answered ones).
    pub items_filled: usize,
    /// Respondents who reported contact with nobody, in roster order.
    pub rated_nobody: Vec<String>,
    /// Pairs reported by both sides.
    pub pairs_both: usize,
    /// Of those, pairs whose two answers agree exactly (one mutual row).
    pub pairs_both_agree: usize,
    /// Pairs reported by one side only.
    pub pairs_one_side: usize,
    /// Pairs whose two trust ratings differ by more than 0.5.
    pub disagreements: Vec<Disagreement>,
    /// Ties for which no side answered the frequency (communication 1).
    pub no_frequency: usize,
    /// Rows of edges.csv: mutual ones.
    pub mutual_rows: usize,
    /// Rows of edges.csv: directed ones.
    pub directed_rows: usize,
    /// The codebook used, in full.
    pub codebook: Codebook,
}

fn rate(name: String, actors: usize, respondents: usize) -> ResponseRate {
    ResponseRate {
        name,
        actors,
        respondents,
        rate: if actors == 0 {
            0.0
        } else {
            respondents as f64 / actors as f64
        },
    }
}

// Long: fills one report struct, a few lines per field group.
pub(crate) fn build(
    people: &Network,
    responses: &Responses,
    reconciled: &Reconciled,
    responses_file: &Path,
    roster_file: &Path,
    codebook_file: Option<&Path>,
    options: &SurveyOptions,
) -> SurveyReport {
    let answered = |i: usize| responses.respondents.contains(&i);
    let mut groups: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut kinds: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, a) in people.actors().iter().enumerate() {
        for entry in [
            groups.entry(a.group.as_str()).or_default(),
            kinds.entry(a.kind.to_string()).or_default(),
        ] {
            entry.0 += 1;
            entry.1 += usize::from(answered(i));
        }
    }
    let mut contact = vec![false; people.len()];
    let (mut with_contact, mut no_contact, mut blank, mut filled) = (0, 0, 0, 0);
    for r in responses.ratings.values() {
        match r.answer {
            Answer::Blank => blank += 1,
            Answer::NoContact => no_contact += 1,
            Answer::Contact { filled: f, .. } => {
                with_contact += 1;
                filled += usize::from(f);
                contact[r.respondent] = true;
            }
        }
    }
    let id = |i: usize| people.actor(i).id.clone();
    let mutual_rows = reconciled.rows.iter().filter(|r| !r.directed).count();
    SurveyReport {
        responses: responses_file.display().to_string(),
        roster: roster_file.display().to_string(),
        codebook_file: codebook_file.map(|p| p.display().to_string()),
        layout: match responses.layout {
            Layout::Wide => "wide",
            Layout::Long => "long",
        }
        .to_string(),
        options: *options,
        actors: people.len(),
        respondents: responses.respondents.len(),
        response_rate: rate(String::new(), people.len(), responses.respondents.len()).rate,
        by_group: groups
            .into_iter()
            .map(|(g, (n, k))| rate(g.to_string(), n, k))
            .collect(),
        by_kind: kinds.into_iter().map(|(g, (n, k))| rate(g, n, k)).collect(),
        non_respondents: (0..people.len())
            .filter(|&i| !answered(i))
            .map(id)
            .collect(),
        rows: responses.rows,
        ratings_with_contact: with_contact,
        no_contact,
        blank,
        items_filled: filled,
        rated_nobody: responses
            .respondents
            .iter()
            .filter(|&&i| !contact[i])
            .map(|&i| id(i))
            .collect(),
        pairs_both: reconciled.both,
        pairs_both_agree: reconciled.both_agree,
        pairs_one_side: reconciled.one_side,
        disagreements: reconciled
            .splits
            .iter()
            .map(|s| Disagreement {
                a: id(s.a),
                b: id(s.b),
                trust_ab: s.trust_ab,
                trust_ba: s.trust_ba,
            })
            .collect(),
        no_frequency: reconciled.no_frequency,
        mutual_rows,
        directed_rows: reconciled.rows.len() - mutual_rows,
        codebook: responses.codebook.clone(),
    }
}

fn percent(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        "none".to_string()
    } else {
        sanitize(&ids.join(", "))
    }
}

impl SurveyReport {
    /// The report as text, for people and for `survey-report.txt`.
    // Long: the survey report's sections in print order.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let yes = |b: bool| if b { "yes" } else { "no" };
        // Writing to a String cannot fail.
        let _ = writeln!(s, "Survey → network");
        let _ = writeln!(
            s,
            "  responses: {} ({} format, {} rows)",
            sanitize(&self.responses),
            self.layout,
            self.rows
        );
        let _ = writeln!(
            s,
            "  roster:    {} ({} actors)",
            sanitize(&self.roster),
            self.actors
        );
        let _ = writeln!(
            s,
            "  codebook:  {}",
            self.codebook_file
                .as_deref()
                .map_or("the default for these columns".to_string(), sanitize)
        );
        let _ = writeln!(
            s,
            "  choices:   --communication {}; --assume-mutual {}; --strict-items {}",
            serde_json::to_value(self.options.communication)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            yes(self.options.assume_mutual),
            yes(self.options.strict_items)
        );
        let _ = writeln!(s);
        let _ = writeln!(s, "Response rate");
        let _ = writeln!(
            s,
            "  {} of {} actors answered ({}); did not answer: {}",
            self.respondents,
            self.actors,
            percent(self.response_rate),
            list(&self.non_respondents)
        );
        for (title, rows) in [("by group", &self.by_group), ("by kind", &self.by_kind)] {
            let _ = writeln!(s, "  {title}:");
            let width = rows
                .iter()
                .map(|r| display_name(&r.name).chars().count())
                .max()
                .unwrap_or(0);
            for r in rows {
                let name = display_name(&r.name);
                let pad = width - name.chars().count();
                let _ = writeln!(
                    s,
                    "    {name}{:pad$}  {:>3} of {:>3}  {:>4}",
                    "",
                    r.respondents,
                    r.actors,
                    percent(r.rate)
                );
            }
        }
        let _ = writeln!(s);
        let _ = writeln!(s, "Ratings");
        let _ = writeln!(
            s,
            "  with contact (a tie):           {}",
            self.ratings_with_contact
        );
        let _ = writeln!(s, "  no contact (no tie):            {}", self.no_contact);
        let _ = writeln!(s, "  left blank (no tie):            {}", self.blank);
        let _ = writeln!(
            s,
            "  trust from the answered items:  {} (some item left empty)",
            self.items_filled
        );
        let _ = writeln!(
            s,
            "  respondents who rated nobody:   {}",
            list(&self.rated_nobody)
        );
        let _ = writeln!(s);
        let _ = writeln!(s, "Ties");
        let _ = writeln!(
            s,
            "  reported by both sides:         {} ({} agree exactly: one mutual row; {} as two directed rows)",
            self.pairs_both,
            self.pairs_both_agree,
            self.pairs_both - self.pairs_both_agree
        );
        let _ = writeln!(
            s,
            "  reported by one side:           {} ({})",
            self.pairs_one_side,
            if self.options.assume_mutual {
                "copied both ways: --assume-mutual"
            } else {
                "one directed row each"
            }
        );
        let _ = writeln!(
            s,
            "  trust differs by more than {DISAGREEMENT}: {}",
            self.disagreements.len()
        );
        for d in &self.disagreements {
            let _ = writeln!(
                s,
                "    {} → {} {}, {} → {} {}",
                sanitize(&d.a),
                sanitize(&d.b),
                d.trust_ab,
                sanitize(&d.b),
                sanitize(&d.a),
                d.trust_ba
            );
        }
        let _ = writeln!(s, "  no frequency (communication 1): {}", self.no_frequency);
        let _ = writeln!(
            s,
            "  edges.csv rows:                 {} ({} mutual, {} directed)",
            self.mutual_rows + self.directed_rows,
            self.mutual_rows,
            self.directed_rows
        );
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "Codebook used (TOML; give it as --codebook to repeat the conversion)"
        );
        for line in self.codebook.to_toml().lines() {
            if line.is_empty() {
                s.push('\n');
            } else {
                let _ = writeln!(s, "  {}", sanitize(line));
            }
        }
        s
    }
}

fn display_name(name: &str) -> String {
    if name.is_empty() {
        "(no group)".to_string()
    } else {
        sanitize(name)
    }
}

//! The comparison in plain words: the findings the table opens with, for a
//! practitioner to read aloud or a funder to quote.

use std::collections::BTreeMap;

use super::words::{list, percent};
use crate::compare::{Amount, Comparison, Figure, PairChange, PairStatus};
use crate::model::RelationshipType;
use crate::text::sanitize;

/// Up to this many actors are named in a finding; more are counted.
const NAMED: usize = 4;

/// An actor's label (AFTER's, else BEFORE's), else its id, safe for a
/// terminal.
fn label(c: &Comparison, id: &str) -> String {
    sanitize(
        c.per_actor
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .map_or(id, |i| c.per_actor[i].label.as_str()),
    )
}

fn group_of<'c>(c: &'c Comparison, id: &str) -> &'c str {
    c.per_actor
        .binary_search_by(|a| a.id.as_str().cmp(id))
        .map_or("", |i| c.per_actor[i].group.as_str())
}

fn group_name(name: &str) -> String {
    if name.is_empty() {
        "(no group)".to_string()
    } else {
        sanitize(name)
    }
}

/// A label up to its first " (": "Nadia (lead specialist)" reads "Nadia".
fn short(label: &str) -> String {
    match label.split_once(" (") {
        Some((head, _)) if !head.trim().is_empty() => head.trim().to_string(),
        _ => label.to_string(),
    }
}

/// "A, B and C", or "A, B, C, D and 3 others".
fn names(c: &Comparison, ids: &[&str]) -> String {
    let mut shown: Vec<String> = ids.iter().take(NAMED).map(|id| label(c, id)).collect();
    match ids.len().saturating_sub(NAMED) {
        0 => {}
        1 => shown.push("1 other".to_string()),
        k => shown.push(format!("{k} others")),
    }
    list(&shown)
}

/// A trust value as people write it: 0.6, 0.35.
fn trust(x: f64) -> String {
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0');
    text.trim_end_matches('.').to_string()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn figure<'c>(c: &'c Comparison, name: &str) -> Option<&'c Figure> {
    c.network.iter().find(|f| f.figure == name)
}

fn real(x: Option<Amount>) -> Option<f64> {
    x.map(Amount::as_f64)
}

impl Comparison {
    /// The findings in plain words, most telling first: dependence on the
    /// practitioners, ties formed between stakeholders, what an exit would
    /// leave now and before, the largest fall and rise in trust, who
    /// joined, left or changed.
    pub fn findings(&self) -> Vec<String> {
        findings(self)
    }
}

fn findings(c: &Comparison) -> Vec<String> {
    let mut out = Vec::new();
    if !c.summary.comparable {
        out.push(format!(
            "The two maps have no actor in common ({} actors before, {} after), so they \
             are compared only as wholes.",
            c.summary.actors_before, c.summary.actors_after
        ));
    }
    if let Some(text) = dependency(c) {
        out.push(text);
    }
    if c.summary.comparable {
        out.push(stakeholder_ties(c));
        if let Some(text) = practitioner_ties(c) {
            out.push(text);
        }
    }
    if let Some(text) = exit(c) {
        out.push(text);
    }
    if c.summary.comparable {
        out.extend(trust_moves(c));
        if let Some(text) = actors(c) {
            out.push(text);
        }
    }
    out
}

fn dependency(c: &Comparison) -> Option<String> {
    let f = figure(c, "practitioner_dependency")?;
    let (b, a) = (real(f.before)?, real(f.after)?);
    let (pb, pa) = (percent(Some(b)), percent(Some(a)));
    Some(if pb == pa {
        format!(
            "Between the two maps the site depends on the practitioners as much as before \
             ({pa} of the shortest paths between stakeholders run through them)."
        )
    } else {
        format!(
            "Between the two maps the site depends {} on the practitioners (a {pb} share of \
             stakeholder paths ran through them, now {pa}).",
            if a < b { "less" } else { "more" }
        )
    })
}

fn stakeholder_ties(c: &Comparison) -> String {
    let ss = c
        .relationship_types
        .iter()
        .find(|t| t.relationship == RelationshipType::StakeholderStakeholder)
        .expect("every type is listed");
    let with_leavers = c
        .ties
        .iter()
        .filter(|t| {
            t.relationship == RelationshipType::StakeholderStakeholder
                && t.change == PairStatus::Dissolved
                && c.actors.left.iter().any(|a| a.id == t.a || a.id == t.b)
        })
        .count();
    let dissolved = match (ss.dissolved, with_leavers) {
        (0, _) => String::new(),
        (d, 0) => format!("; {d} dissolved"),
        (d, k) if k == d => format!("; {d} dissolved, all with actors who left"),
        (d, k) => format!("; {d} dissolved, {k} of them with actors who left"),
    };
    if ss.formed == 0 {
        return match ss.dissolved {
            0 => "No tie between stakeholders formed or dissolved.".to_string(),
            d => format!("No new tie between stakeholders; {d} dissolved."),
        };
    }
    let mut text = format!(
        "{} between stakeholders, {} of them across groups",
        plural(ss.formed, "new tie", "new ties"),
        ss.formed_across_groups
    );
    // The pair of groups that formed the most cross-group ties, when it
    // formed more than one (equal counts: first by name).
    let mut per_pair: BTreeMap<(String, String), usize> = BTreeMap::new();
    for t in c.ties.iter().filter(|t| {
        t.relationship == RelationshipType::StakeholderStakeholder
            && t.change == PairStatus::Formed
            && t.across_groups
    }) {
        let (ga, gb) = (group_of(c, &t.a), group_of(c, &t.b));
        let key = if ga <= gb { (ga, gb) } else { (gb, ga) };
        *per_pair
            .entry((key.0.to_string(), key.1.to_string()))
            .or_default() += 1;
    }
    let top =
        per_pair.iter().fold(
            None,
            |best: Option<(&(String, String), usize)>, (k, &n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((k, n)),
            },
        );
    if let Some(((ga, gb), n)) = top.filter(|&(_, n)| n > 1) {
        text.push_str(&format!(
            "; {} and {} formed {n}",
            group_name(ga),
            group_name(gb)
        ));
    }
    text.push_str(&dissolved);
    text.push('.');
    text
}

fn practitioner_ties(c: &Comparison) -> Option<String> {
    let ps = c
        .relationship_types
        .iter()
        .find(|t| t.relationship == RelationshipType::PractitionerStakeholder)?;
    if ps.formed == 0 && ps.dissolved == 0 {
        return None;
    }
    Some(format!(
        "Between practitioners and stakeholders {} formed and {} dissolved.",
        plural(ps.formed, "tie", "ties"),
        ps.dissolved
    ))
}

fn exit(c: &Comparison) -> Option<String> {
    let (eb, ea) = (&c.exit_before, &c.exit_after);
    if ea.exit.is_empty() {
        return Some(match eb.sustainability {
            Some(s) if !eb.exit.is_empty() => format!(
                "No external practitioner is on the second map; on the first, their exit \
                 would have left the site {} of its trusted reach.",
                percent(Some(s))
            ),
            _ => "Neither map has an external practitioner whose exit could be tested.".to_string(),
        });
    }
    let sa = ea.sustainability?;
    let before = match (eb.exit.is_empty(), eb.sustainability) {
        (false, Some(sb)) if eb.exit == ea.exit => format!(" ({} before)", percent(Some(sb))),
        (false, Some(sb)) => {
            let who: Vec<String> = eb.exit.iter().map(|id| short(&label(c, id))).collect();
            format!(
                " ({} before, when they were {})",
                percent(Some(sb)),
                list(&who)
            )
        }
        _ => String::new(),
    };
    let stranded = match (ea.stranded.len(), eb.stranded.len()) {
        (0, 0) => String::new(),
        (0, b) => format!(", and no stakeholder would be left without a trusted tie ({b} before)"),
        (a, b) => format!(
            ", and {} would be left without a trusted tie ({b} before)",
            plural(a, "stakeholder", "stakeholders")
        ),
    };
    Some(format!(
        "If the external practitioners left now the site would keep {} of its trusted \
         reach{before}{stranded}.",
        percent(Some(sa))
    ))
}

fn trust_moves(c: &Comparison) -> Vec<String> {
    let mut out = Vec::new();
    for (status, verb) in [
        (PairStatus::Weakened, "fell"),
        (PairStatus::Strengthened, "rose"),
    ] {
        let moved: Vec<_> = c.ties.iter().filter(|t| t.change == status).collect();
        // The largest move; equal moves: the first pair by ids.
        let Some(top) = moved.iter().fold(None, |best: Option<&&PairChange>, t| {
            let d = t.trust_change.unwrap_or(0.0).abs();
            match best {
                Some(b) if b.trust_change.unwrap_or(0.0).abs() >= d => best,
                _ => Some(t),
            }
        }) else {
            continue;
        };
        let (Some(b), Some(a)) = (top.trust_before, top.trust_after) else {
            continue;
        };
        let mut text = format!(
            "Trust between {} and {} {verb} from {} to {}",
            label(c, &top.a),
            label(c, &top.b),
            trust(b),
            trust(a)
        );
        if moved.len() > 1 {
            text.push_str(&format!(
                " ({} {} in all)",
                moved.len(),
                if status == PairStatus::Weakened {
                    "ties weakened"
                } else {
                    "ties strengthened"
                }
            ));
        }
        text.push('.');
        out.push(text);
    }
    out
}

fn actors(c: &Comparison) -> Option<String> {
    let joined: Vec<&str> = c.actors.joined.iter().map(|a| a.id.as_str()).collect();
    let left: Vec<&str> = c.actors.left.iter().map(|a| a.id.as_str()).collect();
    let mut parts = Vec::new();
    if !joined.is_empty() {
        parts.push(format!(
            "{} joined ({})",
            plural(joined.len(), "actor", "actors"),
            names(c, &joined)
        ));
    }
    if !left.is_empty() {
        parts.push(format!("{} left ({})", left.len(), names(c, &left)));
    }
    for ch in c.actors.changed.iter().take(NAMED) {
        let what: Vec<String> = ch
            .changes
            .iter()
            .map(|x| {
                let v = |v: &serde_json::Value| match v {
                    serde_json::Value::String(s) => group_name(s),
                    other => other.to_string(),
                };
                format!("{} {} → {}", x.field, v(&x.before), v(&x.after))
            })
            .collect();
        parts.push(format!("{} changed {}", label(c, &ch.id), list(&what)));
    }
    if c.actors.changed.len() > NAMED {
        parts.push(format!(
            "{} more actors changed",
            c.actors.changed.len() - NAMED
        ));
    }
    if parts.is_empty() {
        return None;
    }
    let mut text = list(&parts);
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text.push('.');
    Some(text)
}

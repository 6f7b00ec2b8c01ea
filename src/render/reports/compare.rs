//! The comparison as a table for people and as tidy CSV rows.
//!
//! CSV: one row per measured thing, in the columns `scope, actor, other,
//! relationship, measure, before, after, change, note`:
//! - `network`: one row per network figure;
//! - `relationship_type`: tied pairs of each type before and after;
//! - `actor`: `presence` (note `joined` or `left`), each changed attribute
//!   (note `changed`), each per-actor figure (note: the presence);
//! - `tie`: per changed pair (`actor` < `other`) its `trust` (note: formed,
//!   dissolved, strengthened, weakened, rebalanced or unchanged) and its
//!   `communication` (note: more, less or empty);
//! - `arc`: per direction of a changed pair (`actor` → `other`) its trust.

use serde_json::{json, Value};

use crate::compare::{Amount, Comparison, Direction, Figure, Presence};
use crate::render::table::{number, Table};
use crate::render::Tabular;
use crate::text::sanitize;

fn amount(x: Option<Amount>) -> String {
    match x {
        Some(Amount::Count(n)) => n.to_string(),
        other => number(other.map(Amount::as_f64)),
    }
}

fn signed(x: Option<Amount>) -> String {
    match x {
        Some(Amount::Count(n)) if n > 0 => format!("+{n}"),
        Some(Amount::Real(v)) if v > 0.0 => format!("+{}", number(Some(v))),
        other => amount(other),
    }
}

/// "0.120 → 0.300" for an actor in both waves, its one value otherwise.
fn before_after(f: &Figure, presence: Presence) -> String {
    match presence {
        Presence::Both => format!("{} → {}", amount(f.before), amount(f.after)),
        Presence::Joined => amount(f.after),
        Presence::Left => amount(f.before),
    }
}

/// Human names of the network figures.
fn figure_name(name: &str) -> String {
    match name {
        "trusted_reach" => "trusted reach (everyone present)".to_string(),
        "trusted_reach_after_exit" => "trusted reach after the exit".to_string(),
        "sustainability" => "sustainability (exit keeps)".to_string(),
        "stranded" => "stranded on exit".to_string(),
        "group_bridges_lost" => "group bridges lost on exit".to_string(),
        other => other.replace('_', " "),
    }
}

impl Tabular for Comparison {
    // Long: the compare table's sections in print order, each a few lines; a split would scatter
    // one layout.
    fn table(&self) -> String {
        let mut out = String::new();
        for w in &self.warnings {
            out.push_str(&format!("Warning: {}\n", sanitize(w)));
        }
        super::words::findings_block(&self.findings(), &mut out);
        let mut net = Table::new(&["network", "before", "after", "change"]);
        for f in &self.network {
            net.row(vec![
                figure_name(&f.figure),
                amount(f.before),
                amount(f.after),
                signed(f.change),
            ]);
        }
        out.push_str(&net.render());
        if !self.summary.comparable {
            return out;
        }
        out.push('\n');
        let mut types = Table::new(&[
            "ties (pairs)",
            "before",
            "after",
            "formed",
            "across groups",
            "dissolved",
            "strengthened",
            "weakened",
            "rebalanced",
            "more contact",
            "less contact",
        ]);
        for t in &self.relationship_types {
            types.row(vec![
                t.relationship.name().replace('_', "–"),
                t.ties_before.to_string(),
                t.ties_after.to_string(),
                t.formed.to_string(),
                t.formed_across_groups.to_string(),
                t.dissolved.to_string(),
                t.strengthened.to_string(),
                t.weakened.to_string(),
                t.rebalanced.to_string(),
                t.communication_more.to_string(),
                t.communication_less.to_string(),
            ]);
        }
        let s = &self.summary;
        types.row(vec![
            "all".to_string(),
            s.ties_before.to_string(),
            s.ties_after.to_string(),
            s.ties_formed.to_string(),
            self.relationship_types
                .iter()
                .map(|t| t.formed_across_groups)
                .sum::<usize>()
                .to_string(),
            s.ties_dissolved.to_string(),
            s.ties_strengthened.to_string(),
            s.ties_weakened.to_string(),
            s.ties_rebalanced.to_string(),
            s.communication_more.to_string(),
            s.communication_less.to_string(),
        ]);
        out.push_str(&types.render());
        out.push_str(&format!(
            "(strengthened / weakened: trust changed by at least {}; more / less contact: by at \
             least {} a month)\n",
            s.changed, s.changed_communication
        ));

        let a = &self.actors;
        if !a.joined.is_empty() || !a.left.is_empty() || !a.changed.is_empty() {
            out.push('\n');
            let mut actors = Table::new(&["actor", "label", "kind", "group", "what"]);
            for (list, what) in [(&a.joined, "joined"), (&a.left, "left")] {
                for x in list {
                    actors.row(vec![
                        x.id.clone(),
                        x.label.clone(),
                        x.kind.to_string(),
                        x.group.clone(),
                        what.to_string(),
                    ]);
                }
            }
            for x in &a.changed {
                let what: Vec<String> = x
                    .changes
                    .iter()
                    .map(|c| {
                        let v =
                            |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
                        format!("{}: {} → {}", c.field, v(&c.before), v(&c.after))
                    })
                    .collect();
                let shown = self
                    .per_actor
                    .binary_search_by(|p| p.id.as_str().cmp(&x.id))
                    .map(|i| &self.per_actor[i]);
                actors.row(vec![
                    x.id.clone(),
                    x.label.clone(),
                    shown.map_or(String::new(), |p| p.kind.to_string()),
                    shown.map_or(String::new(), |p| p.group.clone()),
                    what.join("; "),
                ]);
            }
            out.push_str(&actors.render());
        }

        if !self.ties.is_empty() {
            out.push('\n');
            let mut ties = Table::new(&[
                "a",
                "b",
                "relationship",
                "change",
                "trust before",
                "trust after",
                "trust change",
                "contact before",
                "contact after",
                "contact",
            ]);
            for t in &self.ties {
                ties.row(vec![
                    t.a.clone(),
                    t.b.clone(),
                    t.relationship.name().replace('_', "–"),
                    t.change.name().to_string(),
                    number(t.trust_before),
                    number(t.trust_after),
                    signed(t.trust_change.map(Amount::Real)),
                    number(t.communication_before),
                    number(t.communication_after),
                    match t.communication {
                        Some(Direction::More) => "more".to_string(),
                        Some(Direction::Less) => "less".to_string(),
                        None => String::new(),
                    },
                ]);
            }
            out.push_str(&ties.render());
        }

        out.push('\n');
        let mut headers = vec!["actor", "label", "in"];
        headers.extend([
            "betweenness",
            "constraint",
            "effective size",
            "brokerage",
            "practitioner share",
        ]);
        let mut per = Table::new(&headers);
        for p in &self.per_actor {
            let mut row = vec![
                p.id.clone(),
                p.label.clone(),
                match p.presence {
                    Presence::Both => "both",
                    Presence::Joined => "joined",
                    Presence::Left => "left",
                }
                .to_string(),
            ];
            row.extend(p.figures.iter().map(|f| before_after(f, p.presence)));
            per.row(row);
        }
        out.push_str(&per.render());
        out
    }

    // Long: one block of rows per section of the comparison, in output order.
    fn csv_rows(&self) -> Vec<Value> {
        let mut rows = Vec::new();
        let row = |scope: &str,
                   actor: Option<&str>,
                   other: Option<&str>,
                   relationship: Option<&str>,
                   measure: &str,
                   values: [Value; 3],
                   note: Option<&str>| {
            let [before, after, change] = values;
            json!({
                "scope": scope,
                "actor": actor,
                "other": other,
                "relationship": relationship,
                "measure": measure,
                "before": before,
                "after": after,
                "change": change,
                "note": note,
            })
        };
        let figure = |f: &Figure| {
            let v = |x: Option<Amount>| serde_json::to_value(x).expect("amounts serialise");
            [v(f.before), v(f.after), v(f.change)]
        };
        for f in &self.network {
            rows.push(row("network", None, None, None, &f.figure, figure(f), None));
        }
        for t in &self.relationship_types {
            rows.push(row(
                "relationship_type",
                None,
                None,
                Some(t.relationship.name()),
                "ties",
                [
                    t.ties_before.into(),
                    t.ties_after.into(),
                    (t.ties_after as i64 - t.ties_before as i64).into(),
                ],
                None,
            ));
        }
        for (list, note) in [(&self.actors.joined, "joined"), (&self.actors.left, "left")] {
            for x in list {
                rows.push(row(
                    "actor",
                    Some(&x.id),
                    None,
                    None,
                    "presence",
                    [Value::Null, Value::Null, Value::Null],
                    Some(note),
                ));
            }
        }
        for x in &self.actors.changed {
            for c in &x.changes {
                let change = match (c.before.as_f64(), c.after.as_f64()) {
                    (Some(b), Some(a)) => (a - b).into(),
                    _ => Value::Null,
                };
                rows.push(row(
                    "actor",
                    Some(&x.id),
                    None,
                    None,
                    c.field,
                    [c.before.clone(), c.after.clone(), change],
                    Some("changed"),
                ));
            }
        }
        for p in &self.per_actor {
            let note = match p.presence {
                Presence::Both => "both",
                Presence::Joined => "joined",
                Presence::Left => "left",
            };
            for f in &p.figures {
                rows.push(row(
                    "actor",
                    Some(&p.id),
                    None,
                    None,
                    &f.figure,
                    figure(f),
                    Some(note),
                ));
            }
        }
        for t in &self.ties {
            let rel = Some(t.relationship.name());
            rows.push(row(
                "tie",
                Some(&t.a),
                Some(&t.b),
                rel,
                "trust",
                [
                    t.trust_before.into(),
                    t.trust_after.into(),
                    t.trust_change.into(),
                ],
                Some(t.change.name()),
            ));
            rows.push(row(
                "tie",
                Some(&t.a),
                Some(&t.b),
                rel,
                "communication",
                [
                    t.communication_before.into(),
                    t.communication_after.into(),
                    t.communication_change.into(),
                ],
                t.communication.map(|d| match d {
                    Direction::More => "more",
                    Direction::Less => "less",
                }),
            ));
            for arc in &t.arcs {
                rows.push(row(
                    "arc",
                    Some(&arc.source),
                    Some(&arc.target),
                    rel,
                    "trust",
                    [
                        arc.trust_before.into(),
                        arc.trust_after.into(),
                        arc.trust_change.into(),
                    ],
                    None,
                ));
            }
        }
        rows
    }
}

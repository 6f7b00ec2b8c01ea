//! Prose helpers shared by the report tables: the findings block, lists, percentages,
//! labels and the first finding of an exit.

use crate::render::table;
use crate::report::exit::{ExitActor, ExitSummary, HandoverRow};

/// The findings a table opens with: one per line, then a blank line
/// before the figures.
pub(crate) fn findings_block(findings: &[String], out: &mut String) {
    findings_block_within(findings, None, out);
}

/// [`findings_block`] with each finding wrapped at spaces to `width`
/// characters a line when given (continuation lines indented by two).
pub(crate) fn findings_block_within(findings: &[String], width: Option<usize>, out: &mut String) {
    for line in findings {
        let line = format!("{line}\n");
        match width {
            Some(width) => out.push_str(&crate::render::columns::wrap(&line, width)),
            None => out.push_str(&line),
        }
    }
    out.push('\n');
}

/// The table as text, its `labels` columns shortened to fit `width`
/// characters a line when given (see [`table::Table::fit`]).
pub(crate) fn fitted(mut t: table::Table, width: Option<usize>, labels: &[&str]) -> String {
    if let Some(width) = width {
        t.fit(width, labels);
    }
    t.render()
}

/// "a", "a and b", "a, b and c".
pub(crate) fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A percentage of trusted reach, or a phrase when undefined.
pub(crate) fn percent(x: Option<f64>) -> String {
    match x {
        Some(x) => format!("{:.0}%", x * 100.0),
        None => "an undefined share".to_string(),
    }
}

/// The label of an actor listed in `actors`, else the id, safe for a
/// terminal (the prose is not a table, whose cells are sanitised anyway).
pub(crate) fn label(actors: &[ExitActor], id: &str) -> String {
    table::sanitize(
        actors
            .binary_search_by(|a| a.identity.id.as_str().cmp(id))
            .map_or(id, |i| actors[i].identity.label.as_str()),
    )
}

fn group(name: &str) -> String {
    if name.is_empty() {
        "(no group)".to_string()
    } else {
        table::sanitize(name)
    }
}

/// Lost bridges read group by group, the most affected group first: a
/// long list of pairs is not something to read aloud in a meeting.
/// "funder loses its only bridge to 8 other groups", "families to
/// frontline and supervisors".
pub(crate) fn bridge_clusters(pairs: &[[String; 2]]) -> Vec<String> {
    let mut remaining: Vec<&[String; 2]> = pairs.iter().collect();
    let mut parts = Vec::new();
    while !remaining.is_empty() {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for [a, b] in remaining.iter().copied() {
            *counts.entry(a).or_default() += 1;
            *counts.entry(b).or_default() += 1;
        }
        // Most pairs first; BTreeMap order breaks ties by name.
        let (hub, _) = counts.iter().fold(
            ("", 0),
            |best, (&g, &n)| if n > best.1 { (g, n) } else { best },
        );
        let hub = hub.to_string();
        let mut others = Vec::new();
        remaining.retain(|[a, b]| {
            if *a == hub {
                others.push(group(b));
                false
            } else if *b == hub {
                others.push(group(a));
                false
            } else {
                true
            }
        });
        let to = if others.len() <= 2 {
            list(&others)
        } else {
            format!("{} other groups", others.len())
        };
        parts.push(if parts.is_empty() {
            format!("{} loses its only bridge to {to}", group(&hub))
        } else {
            format!("{} to {to}", group(&hub))
        });
    }
    parts
}

/// "If the external practitioners leave (Omar and Nadia)", "If Nadia
/// leaves after handing Nadia's ties to Grace (at 50% trust)": who leaves,
/// as the findings of `exit` and `power` open.
pub(crate) fn leaving(
    exit: &[String],
    default_exit: bool,
    handover: &[HandoverRow],
    label: &dyn Fn(&str) -> String,
) -> String {
    let leaving: Vec<String> = exit.iter().map(|id| label(id)).collect();
    let who = if leaving.is_empty() {
        "If nobody leaves".to_string()
    } else if default_exit {
        format!("If the external practitioners leave ({})", list(&leaving))
    } else {
        format!(
            "If {} leave{}",
            list(&leaving),
            if leaving.len() == 1 { "s" } else { "" }
        )
    };
    if handover.is_empty() {
        return who;
    }
    let h: Vec<String> = handover
        .iter()
        .map(|h| {
            format!(
                "{}'s ties to {} (at {:.0}% trust)",
                label(&h.from),
                label(&h.to),
                h.factor * 100.0
            )
        })
        .collect();
    format!("{who} after handing {}", list(&h))
}

/// The first finding: who leaves, who is stranded, which groups lose
/// their bridge, what share of trusted reach is kept.
pub(crate) fn exit_sentence(s: &ExitSummary, label: &dyn Fn(&str) -> String) -> String {
    let who = leaving(&s.exit, s.default_exit, &s.handover, label);
    let stranded: Vec<String> = s.stranded.iter().map(|id| label(id)).collect();
    let left = match stranded.len() {
        0 => "no stakeholder is left without a trusted tie".to_string(),
        1 => format!(
            "1 stakeholder is left without a trusted tie ({})",
            stranded[0]
        ),
        k => format!(
            "{k} stakeholders are left without a trusted tie ({})",
            list(&stranded)
        ),
    };
    let bridges = match s.group_bridges_lost.as_slice() {
        [] => "no two groups lose their only bridge".to_string(),
        [[a, b]] => format!("{} and {} lose their only bridge", group(a), group(b)),
        pairs => list(&bridge_clusters(pairs)),
    };
    format!(
        "{who}, {left}; {bridges}; the site keeps {} of its trusted reach.",
        percent(s.sustainability)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_bridges_read_group_by_group() {
        let pair = |a: &str, b: &str| [a.to_string(), b.to_string()];
        let pairs = [
            pair("a", "funder"),
            pair("b", "funder"),
            pair("c", "funder"),
            pair("a", "b"),
            pair("", "c"),
        ];
        assert_eq!(
            bridge_clusters(&pairs),
            [
                "funder loses its only bridge to 3 other groups",
                "(no group) to c",
                "a to b"
            ]
        );
    }

    #[test]
    fn lists_read_as_prose() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&s(&["a"])), "a");
        assert_eq!(list(&s(&["a", "b", "c"])), "a, b and c");
        assert_eq!(percent(Some(0.4713)), "47%");
    }
}

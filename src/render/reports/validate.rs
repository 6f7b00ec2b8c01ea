//! The text `stakenet validate` prints for a valid network.

use crate::render::table;
use crate::report::validate::ValidateReport;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One paragraph on what the network holds, then one line per warning.
pub fn summary(report: &ValidateReport) -> String {
    let o = &report.overview;
    let rel = |k: usize| o.relationship_types[k].ties;
    let groups: Vec<String> = report
        .groups
        .iter()
        .map(|g| {
            if g.is_empty() {
                "(unnamed)".to_string()
            } else {
                table::sanitize(g)
            }
        })
        .collect();
    let mut text = format!(
        "valid: {} ({} and {} external, {} and {} internal); {} ({} practitioner–stakeholder, {} stakeholder–stakeholder, {} practitioner team; {} directed); {}: {}\n",
        plural(o.actors, "actor", "actors"),
        plural(o.practitioners_external, "practitioner", "practitioners"),
        plural(o.stakeholders_external, "stakeholder", "stakeholders"),
        plural(o.practitioners_internal, "practitioner", "practitioners"),
        plural(o.stakeholders_internal, "stakeholder", "stakeholders"),
        plural(o.ties, "tie", "ties"),
        rel(0),
        rel(1),
        rel(2),
        o.directed_ties,
        plural(o.groups, "group", "groups"),
        groups.join(", "),
    );
    for w in &report.warnings {
        text.push_str(&format!("warning: {w}\n"));
    }
    text
}

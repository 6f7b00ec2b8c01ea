//! The legend: sample nodes and ties drawn with the diagram's own styles.

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};

use super::escape::{quoted_lines, quoted_name};
use super::{
    attr, change_label, colour, exiting_style, joined_style, node_style, num, pen_width,
    plain_attrs, power, stranded_style, DotOptions, TieMark, HANDOVER_GREEN, LOW_TRUST,
    NEW_TIE_EXTRA_PEN, OVERLAY_PEN, PROPOSED_PURPLE,
};
use crate::model::{ActorKind, Network, Placement, RelationshipType};

/// A prefix for the legend's node names that no actor id starts with.
fn legend_prefix(net: &Network) -> String {
    let mut prefix = String::from("legend:");
    while net.actors().iter().any(|a| a.id.starts_with(&prefix)) {
        prefix.push(':');
    }
    prefix
}

/// Sample nodes and ties drawn with the same encoding as the diagram: each
/// tie row is an invisible point → a text node, so the line ends at its
/// explanation.
pub(super) fn legend(
    net: &Network,
    options: &DotOptions,
    exit_view: bool,
    change_view: bool,
    power_view: bool,
) -> Subgraph {
    let prefix = legend_prefix(net);
    let key = |k: &str| NodeId(Id::Escaped(quoted_name(&format!("{prefix}{k}"))), None);
    let title = if power_view {
        "Legend (larger node: carries more of the voices' routes to decision-makers)".to_string()
    } else {
        format!("Legend (larger node: more {})", options.size_by.name())
    };
    let mut stmts = vec![
        Stmt::Attribute(attr("label", quoted_lines(&[title]))),
        Stmt::Attribute(attr("style", "rounded")),
        Stmt::Attribute(attr("color", "\"#bdbdbd\"")),
        // Large enough to read on a slide next to a 30-actor map.
        Stmt::Attribute(attr("fontsize", "22")),
        Stmt::GAttribute(GraphAttributes::Node(plain_attrs(&[
            ("fontsize", "22"),
            ("width", "1.4"),
            ("height", "0.6"),
        ]))),
    ];
    let mut samples: Vec<(&str, Vec<&str>, Vec<Attribute>)> = vec![
        (
            "ext_isp",
            vec!["practitioner", "(external)"],
            node_style(ActorKind::Practitioner, Placement::External),
        ),
        (
            "int_isp",
            vec!["practitioner", "(internal)"],
            node_style(ActorKind::Practitioner, Placement::Internal),
        ),
        (
            "stakeholder",
            vec!["stakeholder"],
            node_style(ActorKind::Stakeholder, Placement::Internal),
        ),
    ];
    if net
        .actors()
        .iter()
        .any(|a| !a.is_practitioner() && a.placement == Placement::External)
    {
        samples.push((
            "ext_stakeholder",
            vec!["stakeholder", "(external)"],
            node_style(ActorKind::Stakeholder, Placement::External),
        ));
    }
    if power_view {
        samples.extend(power::legend_samples());
    }
    if exit_view {
        let mut exits = node_style(ActorKind::Practitioner, Placement::External);
        exits.extend(exiting_style());
        samples.push(("exiting", vec!["exits"], exits));
        if !power_view {
            let mut stranded = node_style(ActorKind::Stakeholder, Placement::Internal);
            stranded.extend(stranded_style());
            samples.push(("stranded", vec!["stranded"], stranded));
        }
    }
    if change_view {
        let mut joined = node_style(ActorKind::Stakeholder, Placement::Internal);
        joined.extend(joined_style());
        samples.push(("joined", vec!["joined"], joined));
        let mut left = node_style(ActorKind::Stakeholder, Placement::Internal);
        left.extend(exiting_style());
        samples.push(("left", vec!["left"], left));
    }
    for (k, label, mut a) in samples {
        a.insert(0, attr("label", quoted_lines(&label)));
        stmts.push(Stmt::Node(Node::new(key(k), a)));
    }

    let has = |rel| net.ties().iter().any(|t| t.relationship == rel);
    let mut rows: Vec<(&str, String, Vec<Attribute>)> = Vec::new();
    let mut tie_row = |k: &'static str, text: String, rel, trust: f64| {
        let mut a = vec![
            attr("color", colour(rel, trust, false)),
            attr("penwidth", num(pen_width(4.0), 2)),
        ];
        if trust < LOW_TRUST {
            a.push(attr("style", "dashed"));
        }
        rows.push((k, text, a));
    };
    for (rel, name) in [
        (
            RelationshipType::PractitionerStakeholder,
            "practitioner–stakeholder",
        ),
        (
            RelationshipType::StakeholderStakeholder,
            "stakeholder–stakeholder",
        ),
        (RelationshipType::PractitionerTeam, "practitioner team"),
    ] {
        if has(rel) {
            let k = match rel {
                RelationshipType::PractitionerStakeholder => "ps",
                RelationshipType::StakeholderStakeholder => "ss",
                RelationshipType::PractitionerTeam => "pt",
            };
            tie_row(k, format!("{name} tie (darker: more trust)"), rel, 0.75);
        }
    }
    tie_row(
        "low",
        "trust below 0.3: dashed".into(),
        RelationshipType::StakeholderStakeholder,
        0.2,
    );
    for (k, contacts) in [("thin", 1.0), ("thick", 20.0)] {
        let mut a = vec![
            attr("color", "\"#737373\""),
            attr("penwidth", num(pen_width(contacts), 2)),
        ];
        a.push(attr("dir", "none"));
        let text = if contacts == 1.0 {
            "1 contact a month".to_string()
        } else {
            format!("{contacts} contacts a month")
        };
        rows.push((k, text, a));
    }
    if net.is_directed() {
        rows.push((
            "arrow",
            "one-way tie: arrow to the trusted actor".into(),
            plain_attrs(&[("color", "\"#737373\"")]),
        ));
    }
    if exit_view {
        let green = plain_attrs(&[
            ("color", HANDOVER_GREEN),
            ("style", "bold"),
            ("penwidth", OVERLAY_PEN),
        ]);
        rows.push(("handover", "handed-over tie (trust)".into(), green));
        let purple = plain_attrs(&[
            ("color", PROPOSED_PURPLE),
            ("style", "dotted"),
            ("penwidth", OVERLAY_PEN),
        ]);
        if !power_view {
            rows.push(("proposed", "proposed introduction (trust)".into(), purple));
        }
    }
    if change_view {
        let rel = RelationshipType::StakeholderStakeholder;
        let mut new = vec![
            attr("color", colour(rel, 0.75, false)),
            attr("penwidth", num(pen_width(4.0) + NEW_TIE_EXTRA_PEN, 2)),
            attr("style", "bold"),
        ];
        new.extend(change_label(TieMark::New));
        rows.push(("new", "new tie: bold, labelled “new”".into(), new));
        let mut gone = vec![
            attr("color", colour(rel, 0.75, true)),
            attr("penwidth", num(pen_width(4.0), 2)),
            attr("style", "dashed"),
        ];
        gone.extend(change_label(TieMark::Dissolved));
        rows.push((
            "gone",
            "dissolved tie: faint, dashed, labelled “gone”".into(),
            gone,
        ));
        let mut up = vec![
            attr("color", colour(rel, 0.75, false)),
            attr("penwidth", num(pen_width(4.0), 2)),
        ];
        up.extend(change_label(TieMark::Up(0.2)));
        rows.push((
            "up",
            "trust up (or down, “−0.20”) by the amount shown".into(),
            up,
        ));
    }
    for (k, text, mut a) in rows {
        let from = key(&format!("{k}_from"));
        let to = key(&format!("{k}_to"));
        // A shared group keeps the sample line straight.
        let group = attr("group", quoted_name(&format!("{prefix}{k}")));
        stmts.push(Stmt::Node(Node::new(
            from.clone(),
            vec![
                attr("shape", "point"),
                attr("style", "invis"),
                attr("width", "0.05"),
                group.clone(),
            ],
        )));
        stmts.push(Stmt::Node(Node::new(
            to.clone(),
            vec![
                attr("shape", "plaintext"),
                attr("style", "\"\""),
                // Same width and `\l`: every explanation starts at one x.
                attr(
                    "label",
                    format!("{}\\l\"", quoted_lines(&[text]).trim_end_matches('"')),
                ),
                attr("width", "7.4"),
                attr("height", "0.45"),
                attr("fixedsize", "true"),
                group,
            ],
        )));
        if net.is_directed() && k != "arrow" {
            a.push(attr("dir", "none"));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(from), Vertex::N(to)),
            attributes: a,
        }));
    }
    Subgraph {
        id: Id::Escaped("\"cluster_legend\"".into()),
        stmts,
    }
}

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

/// A sample node: its key, label lines and attributes.
type Sample = (&'static str, Vec<&'static str>, Vec<Attribute>);

/// A sample tie: its key, explanation and attributes.
type Row = (&'static str, String, Vec<Attribute>);

/// Which overlays the diagram draws, so the legend explains them.
#[derive(Clone, Copy)]
struct Views {
    exit: bool,
    change: bool,
    power: bool,
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
    let views = Views {
        exit: exit_view,
        change: change_view,
        power: power_view,
    };
    let prefix = legend_prefix(net);
    let key = |k: &str| NodeId(Id::Escaped(quoted_name(&format!("{prefix}{k}"))), None);
    let title = if views.power {
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
    for (k, label, mut a) in node_samples(net, views) {
        a.insert(0, attr("label", quoted_lines(&label)));
        stmts.push(Stmt::Node(Node::new(key(k), a)));
    }
    let mut rows = trust_rows(net);
    rows.extend(contact_rows());
    if net.is_directed() {
        rows.push((
            "arrow",
            "one-way tie: arrow to the trusted actor".into(),
            plain_attrs(&[("color", "\"#737373\"")]),
        ));
    }
    if views.exit {
        rows.extend(exit_rows(views));
    }
    if views.change {
        rows.extend(change_rows());
    }
    for (k, text, mut a) in rows {
        if net.is_directed() && k != "arrow" {
            a.push(attr("dir", "none"));
        }
        stmts.extend(tie_sample(&prefix, k, text, a));
    }
    Subgraph {
        id: Id::Escaped("\"cluster_legend\"".into()),
        stmts,
    }
}

/// The node samples: the kinds and placements, then the overlays' marks.
fn node_samples(net: &Network, views: Views) -> Vec<Sample> {
    let mut samples: Vec<Sample> = vec![
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
    if views.power {
        samples.extend(power::legend_samples());
    }
    let stakeholder_with = |extra: Vec<Attribute>| {
        let mut a = node_style(ActorKind::Stakeholder, Placement::Internal);
        a.extend(extra);
        a
    };
    if views.exit {
        let mut exits = node_style(ActorKind::Practitioner, Placement::External);
        exits.extend(exiting_style());
        samples.push(("exiting", vec!["exits"], exits));
        if !views.power {
            samples.push((
                "stranded",
                vec!["stranded"],
                stakeholder_with(stranded_style()),
            ));
        }
    }
    if views.change {
        samples.push(("joined", vec!["joined"], stakeholder_with(joined_style())));
        samples.push(("left", vec!["left"], stakeholder_with(exiting_style())));
    }
    samples
}

/// A tie of `rel` at `trust`, drawn as the diagram draws one of 4 contacts
/// a month.
fn trust_row(k: &'static str, text: String, rel: RelationshipType, trust: f64) -> Row {
    let mut a = vec![
        attr("color", colour(rel, trust, false)),
        attr("penwidth", num(pen_width(4.0), 2)),
    ];
    if trust < LOW_TRUST {
        a.push(attr("style", "dashed"));
    }
    (k, text, a)
}

/// One row per relationship type the network has, then low trust.
fn trust_rows(net: &Network) -> Vec<Row> {
    let has = |rel| net.ties().iter().any(|t| t.relationship == rel);
    let mut rows: Vec<Row> = [
        (
            RelationshipType::PractitionerStakeholder,
            "ps",
            "practitioner–stakeholder",
        ),
        (
            RelationshipType::StakeholderStakeholder,
            "ss",
            "stakeholder–stakeholder",
        ),
        (
            RelationshipType::PractitionerTeam,
            "pt",
            "practitioner team",
        ),
    ]
    .into_iter()
    .filter(|&(rel, _, _)| has(rel))
    .map(|(rel, k, name)| trust_row(k, format!("{name} tie (darker: more trust)"), rel, 0.75))
    .collect();
    rows.push(trust_row(
        "low",
        "trust below 0.3: dashed".into(),
        RelationshipType::StakeholderStakeholder,
        0.2,
    ));
    rows
}

/// Line widths: the fewest and the most contacts.
fn contact_rows() -> Vec<Row> {
    [("thin", 1.0), ("thick", 20.0)]
        .into_iter()
        .map(|(k, contacts)| {
            let a = vec![
                attr("color", "\"#737373\""),
                attr("penwidth", num(pen_width(contacts), 2)),
                attr("dir", "none"),
            ];
            let text = if contacts == 1.0 {
                "1 contact a month".to_string()
            } else {
                format!("{contacts} contacts a month")
            };
            (k, text, a)
        })
        .collect()
}

/// The exit overlay's ties: handovers and (not in the power view) proposed
/// introductions.
fn exit_rows(views: Views) -> Vec<Row> {
    let green = plain_attrs(&[
        ("color", HANDOVER_GREEN),
        ("style", "bold"),
        ("penwidth", OVERLAY_PEN),
    ]);
    let mut rows = vec![("handover", "handed-over tie (trust)".into(), green)];
    if !views.power {
        let purple = plain_attrs(&[
            ("color", PROPOSED_PURPLE),
            ("style", "dotted"),
            ("penwidth", OVERLAY_PEN),
        ]);
        rows.push(("proposed", "proposed introduction (trust)".into(), purple));
    }
    rows
}

/// The change view's ties: new, dissolved and re-trusted.
fn change_rows() -> Vec<Row> {
    let rel = RelationshipType::StakeholderStakeholder;
    let mut new = vec![
        attr("color", colour(rel, 0.75, false)),
        attr("penwidth", num(pen_width(4.0) + NEW_TIE_EXTRA_PEN, 2)),
        attr("style", "bold"),
    ];
    new.extend(change_label(TieMark::New));
    let mut gone = vec![
        attr("color", colour(rel, 0.75, true)),
        attr("penwidth", num(pen_width(4.0), 2)),
        attr("style", "dashed"),
    ];
    gone.extend(change_label(TieMark::Dissolved));
    let mut up = vec![
        attr("color", colour(rel, 0.75, false)),
        attr("penwidth", num(pen_width(4.0), 2)),
    ];
    up.extend(change_label(TieMark::Up(0.2)));
    vec![
        ("new", "new tie: bold, labelled “new”".into(), new),
        (
            "gone",
            "dissolved tie: faint, dashed, labelled “gone”".into(),
            gone,
        ),
        (
            "up",
            "trust up (or down, “−0.20”) by the amount shown".into(),
            up,
        ),
    ]
}

/// One tie row: an invisible point, a text node holding the explanation,
/// and the sample line between them.
fn tie_sample(prefix: &str, k: &str, text: String, a: Vec<Attribute>) -> [Stmt; 3] {
    let key = |k: &str| NodeId(Id::Escaped(quoted_name(&format!("{prefix}{k}"))), None);
    let from = key(&format!("{k}_from"));
    let to = key(&format!("{k}_to"));
    // A shared group keeps the sample line straight.
    let group = attr("group", quoted_name(&format!("{prefix}{k}")));
    let point = Node::new(
        from.clone(),
        vec![
            attr("shape", "point"),
            attr("style", "invis"),
            attr("width", "0.05"),
            group.clone(),
        ],
    );
    let explanation = Node::new(
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
    );
    [
        Stmt::Node(point),
        Stmt::Node(explanation),
        Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(from), Vertex::N(to)),
            attributes: a,
        }),
    ]
}

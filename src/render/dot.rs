//! DOT diagrams of a network for Graphviz, built as a graphviz-rust AST and
//! printed with its printer. Pure: the caller runs `dot` if it wants pictures.
//!
//! Visual encoding (also drawn as a legend inside the diagram):
//!
//! | what | how |
//! | --- | --- |
//! | practitioner / stakeholder | octagon, orange fill / ellipse, white fill |
//! | external / internal placement | double outline / single (an internal practitioner's is dashed) |
//! | relationship type | colour family: practitioner–stakeholder orange, stakeholder–stakeholder blue, practitioner team purple |
//! | trust | light → dark within the family over [0, 1]; dashed below 0.3 |
//! | communication | line width `0.5 + 1.2 · ln(1 + contacts per month)` |
//! | power (or `SizeBy`: degree, strength, constraint, effective size, brokerage, betweenness, PageRank) | node size and font size |
//! | direction | arrows on directed ties, none on mutual ties |
//! | groups | clusters (`ClusterBy`) |
//!
//! The exit overlay ([`DotOverlay`]) greys out the exiting actors and their
//! ties, rings stranded stakeholders in red, outlines the groups that lost a
//! bridge, draws handed-over ties in green and proposed introductions dotted
//! in purple; [`exit_overlay`] fills it from the exit and plan measures.
//! The change view ([`crate::compare::change_overlay`]) draws the AFTER map of a comparison:
//! new ties bold and labelled "new", dissolved ties faint, dashed and
//! labelled "gone", trust up or down labelled with the change, joined actors
//! outlined bold green with "(joined)", departed ones greyed with "(left)".
//!
//! Output is deterministic: nodes in id order, then clusters, then ties in
//! tie order, then overlay ties in the order given; numbers have fixed
//! decimals.

mod escape;
mod legend;
mod overlay;
mod power;

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

pub use crate::report::dot::{
    exit_overlay, power_overlay, ActorMark, ChangeMarks, DotOverlay, NodeScores, PowerMarks,
    SizeBy, TieMark,
};

use crate::model::{ActorKind, Level, Network, Placement, RelationshipType};
use escape::{quoted_lines, quoted_name, wrap, LABEL_LINES, LABEL_WIDTH};

/// Trust below this is drawn dashed.
pub const LOW_TRUST: f64 = 0.3;

/// Which actors share a cluster box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClusterBy {
    /// One cluster per named group (the unnamed group is not boxed).
    #[default]
    Group,
    /// One cluster per context level (actors without a level are not boxed).
    Level,
    /// No clusters.
    None,
}

/// How to draw the diagram.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DotOptions {
    /// Node size.
    pub size_by: SizeBy,
    /// Clusters.
    pub cluster_by: ClusterBy,
    /// A title line above the diagram (an overlay's title goes under it).
    pub title: Option<String>,
    /// Leave the legend out.
    pub no_legend: bool,
}

const FONT: &str = "\"Helvetica,Arial,sans-serif\"";
const EXIT_GREY: &str = "\"#9e9e9e\"";
const EXIT_FILL: &str = "\"#eeeeee\"";
const STRANDED_RED: &str = "\"#cb181d\"";
const HANDOVER_GREEN: &str = "\"#1a9850\"";
const PROPOSED_PURPLE: &str = "\"#762a83\"";
/// Handed-over and proposed ties are drawn thicker than any network tie
/// below 20 contacts a month, so a dotted line still reads on a slide.
const OVERLAY_PEN: &str = "3.5";
/// A new tie is drawn this much wider than its communication alone gives.
const NEW_TIE_EXTRA_PEN: f64 = 1.5;

/// Light → dark, ColorBrewer (Brewer, Harrower & Penn State) 9-class
/// sequential schemes from class 3 on, so trust 0 is still visible on white.
const BLUES: [u32; 7] = [
    0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b,
];
const ORANGES: [u32; 7] = [
    0xfdd0a2, 0xfdae6b, 0xfd8d3c, 0xf16913, 0xd94801, 0xa63603, 0x7f2704,
];
const PURPLES: [u32; 7] = [
    0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x54278f, 0x3f007d,
];

/// The DOT text of a network, its nodes sized by `scores` (see
/// [`NodeScores::of`]), optionally with an exit overlay.
///
/// Labels are wrapped at 24 columns and 4 lines (then cut with `…`) and
/// escaped, so no actor text can end a string or add an attribute.
///
/// # Panics
/// When an overlay index is out of range for `net`, or `scores` has fewer
/// values than `net` has actors.
pub fn to_dot(
    net: &Network,
    options: &DotOptions,
    scores: &NodeScores,
    overlay: Option<&DotOverlay>,
) -> String {
    let mut text = to_graph(net, options, scores, overlay).print(&mut PrinterContext::default());
    text.push('\n');
    text
}

/// The graphviz-rust AST that [`to_dot`] prints.
///
/// # Panics
/// As [`to_dot`].
pub fn to_graph(
    net: &Network,
    options: &DotOptions,
    scores: &NodeScores,
    overlay: Option<&DotOverlay>,
) -> Graph {
    let empty = DotOverlay::default();
    let ov = overlay.unwrap_or(&empty);
    let flags = Flags::of(net.len(), ov);

    let mut stmts = vec![
        attrs_stmt(GraphAttributes::Graph, &graph_attrs(net, options, ov)),
        attrs_stmt(
            GraphAttributes::Node,
            &[
                ("fontname", FONT),
                ("style", "filled"),
                ("margin", "\"0.08,0.04\""),
            ],
        ),
        attrs_stmt(
            GraphAttributes::Edge,
            &[("fontname", FONT), ("fontsize", "11")],
        ),
    ];
    let sizes = match ov.power.as_ref() {
        Some(p) => p.sizes.clone(),
        None => node_sizes(scores),
    };
    let marks = power::Marks::of(net.len(), ov.power.as_ref());
    stmts.extend((0..net.len()).map(|i| actor_node(net, i, sizes[i], &flags, &marks)));
    stmts.extend(
        clusters(net, options.cluster_by, ov)
            .into_iter()
            .map(Stmt::Subgraph),
    );
    stmts.extend((0..net.ties().len()).map(|k| tie_edge(net, options, k, &flags)));
    let directed = net.is_directed();
    let handed_over = ov.handed_over.iter();
    stmts.extend(handed_over.map(|&t| overlay_edge(net, t, HANDOVER_GREEN, "bold", directed)));
    let proposed = ov.proposed.iter();
    stmts.extend(proposed.map(|&t| overlay_edge(net, t, PROPOSED_PURPLE, "dotted", directed)));
    if !options.no_legend {
        let change_view = ov.change.is_some();
        let power_view = ov.power.is_some();
        stmts.push(Stmt::Subgraph(legend::legend(
            net,
            options,
            overlay.is_some() && !change_view && (!power_view || !ov.exiting.is_empty()),
            change_view,
            power_view,
        )));
    }
    let id = Id::Plain("stakenet".into());
    if directed {
        Graph::DiGraph {
            id,
            strict: false,
            stmts,
        }
    } else {
        Graph::Graph {
            id,
            strict: false,
            stmts,
        }
    }
}

/// What the overlay marks, by actor index (and, for a change view, by tie).
struct Flags<'a> {
    exiting: Vec<bool>,
    stranded: Vec<bool>,
    change: Option<&'a ChangeMarks>,
}

impl<'a> Flags<'a> {
    /// The flags of `ov` for `n` actors.
    ///
    /// # Panics
    /// When an overlay index is `n` or more.
    fn of(n: usize, ov: &'a DotOverlay) -> Self {
        let flag = |list: &[usize]| {
            let mut f = vec![false; n];
            for &i in list {
                f[i] = true;
            }
            f
        };
        Flags {
            exiting: flag(&ov.exiting),
            stranded: flag(&ov.stranded),
            change: ov.change.as_ref(),
        }
    }

    /// The change view's mark of actor `i`.
    fn actor(&self, i: usize) -> Option<ActorMark> {
        self.change.and_then(|c| c.actors.get(i).copied().flatten())
    }

    /// The change view's mark of tie `k`.
    fn tie(&self, k: usize) -> Option<TieMark> {
        self.change.and_then(|c| c.ties.get(k).copied().flatten())
    }
}

/// Actor `i`'s node: its wrapped label with the overlay's note, sized by
/// `size` in [0, 1], styled by kind, placement and the overlay's marks.
fn actor_node(net: &Network, i: usize, size: f64, flags: &Flags, marks: &power::Marks) -> Stmt {
    let actor = net.actor(i);
    let mut lines = wrap(&actor.label, LABEL_WIDTH, LABEL_LINES);
    if lines.is_empty() {
        lines = wrap(&actor.id, LABEL_WIDTH, LABEL_LINES);
    }
    let mark = flags.actor(i);
    if flags.stranded[i] {
        lines.push("(stranded)".into());
    } else if flags.exiting[i] {
        lines.push("(exits)".into());
    } else if marks.unheard[i] {
        lines.push("(no line)".into());
    } else if let Some(m) = mark {
        lines.push(match m {
            ActorMark::Joined => "(joined)".into(),
            ActorMark::Left => "(left)".into(),
        });
    }
    let mut a = vec![
        attr("label", quoted_lines(&lines)),
        attr("tooltip", quoted_lines(&[tooltip(net, i)])),
        attr("fontsize", num(14.0 + 8.0 * size, 1)),
        attr("width", num(0.9 + 1.1 * size, 2)),
        attr("height", num(0.5 + 0.5 * size, 2)),
    ];
    a.extend(node_style(actor.kind, actor.placement));
    marks.apply(i, &mut a);
    if flags.exiting[i] || mark == Some(ActorMark::Left) {
        a.extend(exiting_style());
    } else if flags.stranded[i] {
        a.extend(stranded_style());
    } else if mark == Some(ActorMark::Joined) {
        a.extend(joined_style());
    }
    Stmt::Node(Node::new(node_id(net, i), a))
}

/// Tie `k`'s edge: coloured by relationship and trust (faded when an end
/// exits or it dissolved), as wide as its communication, dashed below
/// [`LOW_TRUST`], with the change view's label.
fn tie_edge(net: &Network, options: &DotOptions, k: usize, flags: &Flags) -> Stmt {
    let tie = &net.ties()[k];
    let mark = flags.tie(k);
    let gone =
        flags.exiting[tie.source] || flags.exiting[tie.target] || mark == Some(TieMark::Dissolved);
    let mut pen = pen_width(tie.communication);
    if mark == Some(TieMark::New) {
        pen += NEW_TIE_EXTRA_PEN;
    }
    let mut a = vec![
        attr("color", colour(tie.relationship, tie.trust, gone)),
        attr("penwidth", num(pen, 2)),
        attr(
            "tooltip",
            quoted_lines(&[format!(
                "{} {} {}: trust {}, {} contacts/month",
                net.actor(tie.source).id,
                if tie.directed { "→" } else { "–" },
                net.actor(tie.target).id,
                tie.trust,
                tie.communication
            )]),
        ),
    ];
    match (mark, tie.trust < LOW_TRUST) {
        (Some(TieMark::Dissolved), _) => a.push(attr("style", "dashed")),
        (Some(TieMark::New), true) => a.push(attr("style", "\"dashed,bold\"")),
        (Some(TieMark::New), false) => a.push(attr("style", "bold")),
        (_, true) => a.push(attr("style", "dashed")),
        (_, false) => {}
    }
    if let Some(m) = mark {
        a.extend(change_label(m));
    }
    if net.is_directed() && !tie.directed {
        a.push(attr("dir", "none"));
    }
    let same_box = cluster_key(net, options.cluster_by, tie.source);
    if same_box.is_some() && same_box == cluster_key(net, options.cluster_by, tie.target) {
        // dot ranks along ties; ranking along ties inside a box stretches
        // it into a long chain, while a box whose ties do not rank packs
        // its members side by side.
        a.push(attr("constraint", "false"));
    }
    edge(net, tie.source, tie.target, a)
}

fn graph_attrs(
    net: &Network,
    options: &DotOptions,
    ov: &DotOverlay,
) -> Vec<(&'static str, String)> {
    let mut a: Vec<(&'static str, String)> = [
        ("rankdir", "LR"),
        ("fontname", FONT),
        ("fontsize", "16"),
        ("nodesep", "0.25"),
        ("ranksep", "0.6"),
        ("newrank", "true"),
        ("compound", "true"),
        ("bgcolor", "white"),
        ("pad", "0.3"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect();
    let mut lines: Vec<String> = Vec::new();
    for title in [&options.title, &ov.title].into_iter().flatten() {
        lines.extend(wrap(title, 120, 3));
    }
    if let Some(text) = overlay::bridges_line(net, ov) {
        lines.extend(wrap(&text, 110, 3));
    }
    if !lines.is_empty() {
        a.push(("label", quoted_lines(&lines)));
        a.push(("labelloc", "t".into()));
        // Read from the back of a room: the diagram itself is scaled down
        // to fit a slide, so the title needs more than the nodes' 14–22.
        a.push(("fontsize", "30".into()));
    }
    a
}

fn tooltip(net: &Network, i: usize) -> String {
    let actor = net.actor(i);
    let mut t = format!("{}: {} ({})", actor.id, actor.kind, actor.placement);
    if !actor.group.is_empty() {
        t.push_str(&format!(", group {}", actor.group));
    }
    if let Some(level) = actor.level {
        t.push_str(&format!(", {level}"));
    }
    t.push_str(&format!(", power {}", actor.power));
    t
}

fn exiting_style() -> Vec<Attribute> {
    plain_attrs(&[
        ("color", EXIT_GREY),
        ("fillcolor", EXIT_FILL),
        ("fontcolor", EXIT_GREY),
    ])
}

fn joined_style() -> Vec<Attribute> {
    plain_attrs(&[("color", HANDOVER_GREEN), ("penwidth", "3")])
}

/// The label that says, in text, what changed on a tie (colour is never
/// the only cue).
fn change_label(mark: TieMark) -> Vec<Attribute> {
    let (text, colour) = match mark {
        TieMark::New => ("new".to_string(), "\"#252525\""),
        TieMark::Dissolved => ("gone".to_string(), EXIT_GREY),
        TieMark::Up(d) => (format!("+{d:.2}"), "\"#252525\""),
        TieMark::Down(d) => (format!("−{:.2}", d.abs()), "\"#252525\""),
    };
    vec![
        attr("label", quoted_lines(&[text])),
        attr("fontcolor", colour),
        attr("fontsize", "14"),
    ]
}

fn stranded_style() -> Vec<Attribute> {
    plain_attrs(&[
        ("color", STRANDED_RED),
        ("fillcolor", "\"#fee0d2\""),
        ("penwidth", "3"),
    ])
}

fn node_style(kind: ActorKind, placement: Placement) -> Vec<Attribute> {
    let (shape, fill, style) = match (kind, placement) {
        (ActorKind::Practitioner, Placement::External) => {
            ("doubleoctagon", "\"#fdae6b\"", "filled")
        }
        (ActorKind::Practitioner, Placement::Internal) => {
            ("octagon", "\"#fee6ce\"", "\"filled,dashed\"")
        }
        (ActorKind::Stakeholder, Placement::External) => ("doublecircle", "white", "filled"),
        (ActorKind::Stakeholder, Placement::Internal) => ("ellipse", "white", "filled"),
    };
    let mut a = plain_attrs(&[("shape", shape), ("fillcolor", fill), ("style", style)]);
    if kind == ActorKind::Practitioner {
        a.push(attr("color", "\"#a63603\""));
        a.push(attr("penwidth", "1.5"));
    } else {
        a.push(attr("color", "\"#525252\""));
    }
    if shape == "doublecircle" {
        // An ellipse with two outlines: doublecircle would force a circle.
        a[0] = attr("shape", "ellipse");
        a.push(attr("peripheries", "2"));
    }
    a
}

/// Each actor's size in [0, 1].
fn node_sizes(scores: &NodeScores) -> Vec<f64> {
    if scores.by == SizeBy::Power {
        return scores.values.clone();
    }
    let max = scores.values.iter().copied().fold(0.0, f64::max);
    scores
        .values
        .iter()
        .map(|&v| if max > 0.0 { v / max } else { 0.0 })
        .collect()
}

/// `0.5 + 1.2 · ln(1 + c)`: 1 contact a month ≈ 1.3 pt, 20 ≈ 4.2 pt, so
/// daily contact does not drown out everything else.
fn pen_width(communication: f64) -> f64 {
    0.5 + 1.2 * communication.ln_1p()
}

fn colour(rel: RelationshipType, trust: f64, gone: bool) -> String {
    if gone {
        return "\"#cccccc\"".into();
    }
    let scheme = match rel {
        RelationshipType::PractitionerStakeholder => &ORANGES,
        RelationshipType::StakeholderStakeholder => &BLUES,
        RelationshipType::PractitionerTeam => &PURPLES,
    };
    format!("\"#{:06x}\"", ramp(scheme, trust))
}

/// Piecewise-linear interpolation along a scheme, `t` in [0, 1].
fn ramp(scheme: &[u32], t: f64) -> u32 {
    let pos = t.clamp(0.0, 1.0) * (scheme.len() - 1) as f64;
    let k = (pos.floor() as usize).min(scheme.len() - 2);
    let f = pos - k as f64;
    let channel = |c: u32, shift: u32| ((c >> shift) & 0xff) as f64;
    [16, 8, 0].iter().fold(0u32, |acc, &shift| {
        let (a, b) = (channel(scheme[k], shift), channel(scheme[k + 1], shift));
        acc | (((a + (b - a) * f).round() as u32) << shift)
    })
}

fn clusters(net: &Network, by: ClusterBy, ov: &DotOverlay) -> Vec<Subgraph> {
    let lost = overlay::lost_bridges_per_group(net, ov);
    let most = lost.iter().copied().max().unwrap_or(0).max(1) as f64;
    let members_of = |pick: &dyn Fn(usize) -> bool| -> Vec<Stmt> {
        (0..net.len())
            .filter(|&i| pick(i))
            .map(|i| Stmt::Node(Node::new(node_id(net, i), vec![])))
            .collect()
    };
    let boxed = |name: String, label: &str, lost: usize, members: Vec<Stmt>| {
        let mut stmts = vec![
            Stmt::Attribute(attr("label", quoted_lines(&wrap(label, 30, 2)))),
            Stmt::Attribute(attr("style", "\"rounded,filled\"")),
            Stmt::Attribute(attr("fillcolor", "\"#f5f5f5\"")),
            Stmt::Attribute(attr("fontsize", "14")),
        ];
        if lost > 0 {
            // The outline thickens with the share of lost bridges.
            let width = 1.5 + 3.0 * lost as f64 / most;
            stmts.push(Stmt::Attribute(attr("color", STRANDED_RED)));
            stmts.push(Stmt::Attribute(attr("penwidth", num(width, 2))));
        } else {
            stmts.push(Stmt::Attribute(attr("color", "\"#bdbdbd\"")));
        }
        stmts.extend(members);
        Subgraph {
            id: Id::Escaped(quoted_name(&format!("cluster_{name}"))),
            stmts,
        }
    };
    match by {
        ClusterBy::None => Vec::new(),
        ClusterBy::Group => (0..net.groups().len())
            .filter(|&g| !net.groups()[g].is_empty())
            .map(|g| {
                let name = &net.groups()[g];
                let members = members_of(&|i| net.group_of(i) == g);
                boxed(format!("group_{name}"), name, lost[g], members)
            })
            .collect(),
        ClusterBy::Level => [Level::Macro, Level::Organizational, Level::Local]
            .into_iter()
            .map(|level| {
                let members = members_of(&|i| net.actor(i).level == Some(level));
                (level, members)
            })
            .filter(|(_, m)| !m.is_empty())
            .map(|(level, members)| {
                boxed(
                    format!("level_{level}"),
                    &format!("{level} level"),
                    0,
                    members,
                )
            })
            .collect(),
    }
}

fn overlay_edge(
    net: &Network,
    (a, b, trust): (usize, usize, f64),
    colour: &str,
    style: &str,
    directed: bool,
) -> Stmt {
    let mut attrs = plain_attrs(&[("color", colour), ("fontcolor", colour), ("style", style)]);
    attrs.push(attr("penwidth", OVERLAY_PEN));
    attrs.push(attr("label", quoted_lines(&[num(trust, 2)])));
    attrs.push(attr("fontsize", "16"));
    // weight 0, not constraint=false: dot draws a constraint=false edge
    // between two clusters twice (graphviz issues #257, #258, #1223 of the
    // old tracker, still open), which reads as two ties. Weight 0 lets the
    // edge set ranks but not pull its ends together.
    attrs.push(attr("weight", "0"));
    if directed {
        attrs.push(attr("dir", "none"));
    }
    edge(net, a, b, attrs)
}

/// The cluster an actor is drawn in, if any.
fn cluster_key(net: &Network, by: ClusterBy, i: usize) -> Option<usize> {
    match by {
        ClusterBy::Group => (!net.actor(i).group.is_empty()).then(|| net.group_of(i)),
        ClusterBy::Level => net.actor(i).level.map(|l| l as usize),
        ClusterBy::None => None,
    }
}

fn node_id(net: &Network, i: usize) -> NodeId {
    NodeId(Id::Escaped(quoted_name(&net.actor(i).id)), None)
}

fn edge(net: &Network, a: usize, b: usize, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(net, a)), Vertex::N(node_id(net, b))),
        attributes: attrs,
    })
}

/// An attribute whose value is already valid DOT (a number, a bare word or
/// a string quoted by `escape`).
fn attr(key: &str, value: impl Into<String>) -> Attribute {
    let value = value.into();
    let value = if value.starts_with('"') {
        Id::Escaped(value)
    } else {
        Id::Plain(value)
    };
    Attribute(Id::Plain(key.into()), value)
}

fn plain_attrs(kv: &[(&str, &str)]) -> Vec<Attribute> {
    kv.iter().map(|&(k, v)| attr(k, v)).collect()
}

fn attrs_stmt<K: AsRef<str>, V: AsRef<str>>(
    kind: fn(Vec<Attribute>) -> GraphAttributes,
    kv: &[(K, V)],
) -> Stmt {
    Stmt::GAttribute(kind(
        kv.iter()
            .map(|(k, v)| attr(k.as_ref(), v.as_ref()))
            .collect(),
    ))
}

fn num(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}")
}

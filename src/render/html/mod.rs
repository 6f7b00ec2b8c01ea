//! The report page as one self-contained HTML file: styles, script and
//! pictures inline, a Content-Security-Policy that forbids anything else, and
//! every piece of network text escaped ([`escape()`]).
//!
//! Sections, in order: the site at a glance, the map, findings in plain
//! words, what happens when support leaves, the exit plan, every actor (a
//! table sortable by clicking a heading or by a `#sort=KEY` / `#sort=-KEY`
//! fragment, with a filter box), how to read this. A print style sheet starts
//! each section on a new page, scales the maps to the page and repeats table
//! headers.

mod escape;
mod sentences;
mod svg;

pub use escape::escape;
pub use svg::{inline_svg, reuse_svg};

use sha2::{Digest, Sha256};

use crate::model::{ActorKind, Placement, RelationshipType};
use crate::render::reports::words;
use crate::report::analyze::AnalyzeActor;
use crate::report::exit::ExitActor;
use crate::report::page::ReportPage;
use crate::report::power::{PowerActor, PowerReport};

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("sort.js");

/// A map as it goes on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Picture {
    /// Graphviz's SVG output (`dot -Tsvg`), as printed.
    Svg(String),
    /// No picture, and why (e.g. how to install Graphviz).
    Missing(String),
}

/// The rendered maps of [`ReportPage::maps`].
#[derive(Debug, Clone, PartialEq)]
pub struct Pictures {
    /// The site.
    pub site: Picture,
    /// The site after the exit.
    pub after: Picture,
}

/// The Content-Security-Policy of the page: nothing from anywhere, except
/// the inline styles, the one inline script (by its SHA-256) and `data:`
/// images.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{}'; img-src data:; \
         base-uri 'none'; form-action 'none'",
        escape::base64(&Sha256::digest(SCRIPT.as_bytes()))
    )
}

/// The columns of the actor table: key (as `#sort=KEY` takes it), heading,
/// numeric or not. What the exit does to each actor comes right after who
/// they are, so that it shows without scrolling sideways.
const COLUMNS: [(&str, &str, bool); 20] = [
    ("label", "name", false),
    ("kind", "kind", false),
    ("placement", "placement", false),
    ("group", "group", false),
    ("status", "after the exit", false),
    ("trust_retained", "trust kept", true),
    ("exit_impact", "exit impact", true),
    ("power", "power", true),
    ("voice_before", "voice line", true),
    ("line_to", "line to", false),
    ("voice_retained", "voice kept", true),
    ("degree", "ties", true),
    ("strength", "strength", true),
    ("betweenness", "betweenness", true),
    ("brokerage_total", "brokerage", true),
    ("constraint", "constraint", true),
    ("effective_size", "effective size", true),
    ("closeness", "closeness", true),
    ("pagerank", "PageRank", true),
    ("id", "id", false),
];

/// The column keys of the actor table, in order, as `#sort=KEY` takes them.
pub const ACTOR_COLUMNS: [&str; COLUMNS.len()] = {
    let mut keys = [""; COLUMNS.len()];
    let mut i = 0;
    while i < COLUMNS.len() {
        keys[i] = COLUMNS[i].0;
        i += 1;
    }
    keys
};

/// The whole page.
pub fn page(page: &ReportPage, pictures: &Pictures) -> String {
    let name = escape(&page.name);
    let mut out = String::with_capacity(256 * 1024);
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"stakenet {}\">\n\
         <title>{name}: stakeholder network report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n",
        content_security_policy(),
        escape(&page.provenance.version)
    ));
    out.push_str(&format!(
        "<header>\n<h1>{name}: stakeholder network report</h1>\n<p class=\"subtitle\">Who is tied \
         to whom around the implementation effort, and what is left when outside support \
         leaves.</p>\n</header>\n"
    ));
    out.push_str(NAV);
    glance(&mut out, page);
    map(&mut out, page, &pictures.site);
    findings(&mut out, page);
    after_exit(&mut out, page, pictures);
    exit_plan(&mut out, page);
    actor_table(&mut out, page);
    how_to_read(&mut out);
    out.push_str(&format!(
        "</main>\n<footer><p>Made by stakenet {} from the files listed in section 1. \
         This file is self-contained: it loads nothing from the Internet.</p></footer>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        escape(&page.provenance.version)
    ));
    out
}

const NAV: &str = "<nav aria-label=\"Sections\">\n<ol>\n\
<li><a href=\"#glance\">The site at a glance</a></li>\n\
<li><a href=\"#map\">The map</a></li>\n\
<li><a href=\"#findings\">Findings in plain words</a></li>\n\
<li><a href=\"#exit\">What happens when support leaves</a></li>\n\
<li><a href=\"#plan\">The exit plan</a></li>\n\
<li><a href=\"#actors\">Every actor</a></li>\n\
<li><a href=\"#how-to-read\">How to read this</a></li>\n\
</ol>\n</nav>\n";

fn section_start(out: &mut String, id: &str, number: usize, heading: &str, what: &str) {
    out.push_str(&format!(
        "<section id=\"{id}\" aria-labelledby=\"{id}-heading\">\n\
         <h2 id=\"{id}-heading\">{number}. {heading}</h2>\n<p class=\"what\">What this tells you: {what}</p>\n"
    ));
}

/// A figure to 3 decimals, or an em dash (with a text alternative) when
/// undefined.
fn number(x: Option<f64>) -> String {
    match x {
        Some(x) => format!("{x:.3}"),
        None => "<span title=\"undefined\" aria-label=\"undefined\">—</span>".to_string(),
    }
}

/// A numeric cell: the figure shown to 3 decimals, the exact value in
/// `data-value` (Rust's shortest round-trip form), which the sort reads.
fn number_cell(x: Option<f64>) -> String {
    number_cell_of_class(x, "num")
}

fn number_cell_of_class(x: Option<f64>, class: &str) -> String {
    match x {
        Some(x) => format!("<td class=\"{class}\" data-value=\"{x}\">{x:.3}</td>"),
        None => format!(
            "<td class=\"{class}\" data-value=\"\">{}</td>",
            number(None)
        ),
    }
}

/// Columns the printed page leaves out, to fit the table on the paper: the
/// id (the name is there), closeness and PageRank.
const NOT_PRINTED: [&str; 3] = ["id", "closeness", "pagerank"];

fn count_cell(n: impl std::fmt::Display) -> String {
    format!("<td class=\"num\" data-value=\"{n}\">{n}</td>")
}

fn group_name(g: &str) -> String {
    if g.is_empty() {
        "(no group)".to_string()
    } else {
        escape(g)
    }
}

fn relationship_words(r: RelationshipType) -> &'static str {
    match r {
        RelationshipType::PractitionerStakeholder => "practitioner – stakeholder",
        RelationshipType::StakeholderStakeholder => "stakeholder – stakeholder",
        RelationshipType::PractitionerTeam => "practitioner team",
    }
}

// Long: one section of the page written in reading order.
fn glance(out: &mut String, page: &ReportPage) {
    let n = &page.analyze.network.overview;
    section_start(
        out,
        "glance",
        1,
        "The site at a glance",
        "who is in the network, how they are tied, and where these figures came from.",
    );
    out.push_str(&format!(
        "<p>{} actors in {} group{}, joined by {} tie{} (density {}); {} \
         component{}, the largest holding {} actors; {} actor{} without a trusted tie.</p>\n",
        n.actors,
        n.groups,
        plural(n.groups),
        n.ties,
        plural(n.ties),
        number(n.density),
        n.components,
        plural(n.components),
        n.largest_component,
        n.isolates,
        plural(n.isolates),
    ));
    out.push_str(
        "<div class=\"scroll\"><table id=\"kinds\">\n<caption>Actors by kind and placement</caption>\n\
         <thead><tr><th scope=\"col\">kind</th><th scope=\"col\" class=\"num\">external</th>\
         <th scope=\"col\" class=\"num\">internal</th></tr></thead>\n<tbody>\n",
    );
    out.push_str(&format!(
        "<tr><th scope=\"row\">practitioners</th>{}{}</tr>\n<tr><th scope=\"row\">stakeholders</th>{}{}</tr>\n",
        count_cell(n.practitioners_external),
        count_cell(n.practitioners_internal),
        count_cell(n.stakeholders_external),
        count_cell(n.stakeholders_internal),
    ));
    out.push_str("</tbody></table></div>\n");
    out.push_str(
        "<div class=\"scroll\"><table id=\"groups\">\n<caption>Actors by group</caption>\n\
         <thead><tr><th scope=\"col\">group</th><th scope=\"col\" class=\"num\">practitioners</th>\
         <th scope=\"col\" class=\"num\">stakeholders</th></tr></thead>\n<tbody>\n",
    );
    for g in &page.groups {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th>{}{}</tr>\n",
            group_name(&g.group),
            count_cell(g.practitioners),
            count_cell(g.stakeholders)
        ));
    }
    out.push_str("</tbody></table></div>\n");
    out.push_str(
        "<div class=\"scroll\"><table id=\"relationships\">\n<caption>Ties by relationship type</caption>\n\
         <thead><tr><th scope=\"col\">relationship</th><th scope=\"col\" class=\"num\">ties</th>\
         <th scope=\"col\" class=\"num\">mean trust</th>\
         <th scope=\"col\" class=\"num\">mean contacts per month</th>\
         <th scope=\"col\" class=\"num\">mean power gap</th></tr></thead>\n<tbody>\n",
    );
    for r in &n.relationship_types {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th>{}{}{}{}</tr>\n",
            relationship_words(r.relationship),
            count_cell(r.ties),
            number_cell(r.mean_trust),
            number_cell(r.mean_communication),
            number_cell(r.mean_power_differential),
        ));
    }
    out.push_str("</tbody></table></div>\n");
    out.push_str("<h3>To reproduce these figures</h3>\n<dl class=\"facts\">\n");
    for f in &page.provenance.files {
        out.push_str(&format!(
            "<dt>{}</dt><dd>SHA-256 <span class=\"hash\">{}</span></dd>\n",
            escape(&f.path),
            escape(&f.sha256)
        ));
    }
    out.push_str(&format!(
        "<dt>command</dt><dd><code>{}</code></dd>\n<dt>stakenet</dt><dd>version {}</dd>\n</dl>\n</section>\n",
        escape(&page.provenance.command),
        escape(&page.provenance.version)
    ));
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

const LEGEND_WORDS: &str = "Octagons are practitioners (a double outline: external; dashed: \
internal), ellipses are stakeholders, larger with more power. Lines are orange between a \
practitioner and a stakeholder, blue between two stakeholders and purple within the practitioner \
team; darker with more trust, dashed below trust 0.3, wider with more contact; an arrow marks a \
one-way tie. Boxes are groups. The legend in the picture shows each style.";

fn picture(out: &mut String, picture: &Picture, prefix: &str, title: &str, desc: &str) {
    match picture {
        Picture::Svg(text) => match inline_svg(text, prefix, title, desc) {
            Some(svg) => out.push_str(&svg),
            None => {
                out.push_str("<p class=\"notice\">Graphviz printed no picture for this map.</p>")
            }
        },
        Picture::Missing(why) => {
            out.push_str(&format!("<p class=\"notice\">{}</p>", escape(why)));
        }
    }
    out.push('\n');
}

fn map(out: &mut String, page: &ReportPage, site: &Picture) {
    let n = &page.analyze.network.overview;
    section_start(
        out,
        "map",
        2,
        "The map",
        "who is tied to whom, how strongly, and how the groups hang together.",
    );
    out.push_str("<figure>\n<div class=\"map-scroll\">");
    picture(
        out,
        site,
        "map-site",
        &format!("Map of {}", page.name),
        &format!(
            "{} actors ({} practitioners, {} stakeholders) in {} groups and {} ties. {LEGEND_WORDS}",
            n.actors,
            n.practitioners_external + n.practitioners_internal,
            n.stakeholders_external + n.stakeholders_internal,
            n.groups,
            n.ties
        ),
    );
    out.push_str(&format!(
        "</div>\n<figcaption>{LEGEND_WORDS}</figcaption>\n</figure>\n</section>\n"
    ));
}

fn paragraphs(out: &mut String, lines: &[String]) {
    for line in lines {
        out.push_str(&format!("<p>{}</p>\n", escape(line)));
    }
}

fn findings(out: &mut String, page: &ReportPage) {
    section_start(
        out,
        "findings",
        3,
        "Findings in plain words",
        "the few sentences to read aloud: who holds the site together, how much rests on \
         the practitioners, what leaving would cost, and whether the least powerful are heard \
         by those who decide.",
    );
    out.push_str("<h3>Who holds the site together</h3>\n");
    if page.brokers.is_empty() {
        out.push_str("<p>Nobody lies between two other actors: there is no broker.</p>\n");
    } else {
        out.push_str("<ol id=\"brokers\">\n");
        for &i in &page.brokers {
            let a = &page.analyze.actors[i];
            out.push_str(&format!(
                "<li data-id=\"{}\">{}</li>\n",
                escape(&a.identity.id),
                escape(&sentences::broker_sentence(a))
            ));
        }
        out.push_str("</ol>\n");
    }
    out.push_str("<h3>How much the stakeholders depend on the practitioners</h3>\n");
    paragraphs(out, &sentences::dependency(&page.analyze));
    out.push_str("<h3>When support leaves</h3>\n<div id=\"exit-findings\">\n");
    paragraphs(out, &page.exit.findings());
    out.push_str("</div>\n");
    out.push_str("<h3>Power and voice</h3>\n<div id=\"power-findings\">\n");
    paragraphs(out, &page.power.findings());
    out.push_str("</div>\n");
    out.push_str("</section>\n");
}

fn labels_of<'a>(
    actors: &'a [ExitActor],
    ids: &'a [String],
) -> impl Iterator<Item = &'a ExitActor> {
    ids.iter().filter_map(|id| {
        actors
            .binary_search_by(|a| a.identity.id.as_str().cmp(id))
            .ok()
            .map(|i| &actors[i])
    })
}

// Long: one section of the page written in reading order; its paragraphs are one flow, not units
// used elsewhere.
fn after_exit(out: &mut String, page: &ReportPage, pictures: &Pictures) {
    let s = &page.exit.summary;
    section_start(
        out,
        "exit",
        4,
        "What happens when support leaves",
        "how much trusted connection among the stakeholders survives the exit, who is left \
         alone, and who could take over.",
    );
    let leavers: Vec<String> = labels_of(&page.exit.actors, &s.exit)
        .map(|a| words::label(&page.exit.actors, &a.identity.id))
        .collect();
    let label = |id: &str| words::label(&page.exit.actors, id);
    out.push_str(&format!(
        "<p id=\"leaving\">{}</p>\n",
        escape(&match (leavers.is_empty(), s.default_exit) {
            (true, true) => "Nobody leaves: the network has no external practitioner (name the \
                             actors who leave with --exit)."
                .to_string(),
            (true, false) => "Nobody leaves.".to_string(),
            (false, true) => format!(
                "Leaving: {} (the external practitioners).",
                words::list(&leavers)
            ),
            (false, false) => format!("Leaving: {}.", words::list(&leavers)),
        })
    ));
    for h in &s.handover {
        out.push_str(&format!(
            "<p>Before leaving, {} hands their ties to stakeholders over to {}, at {:.0}% of \
             their trust.</p>\n",
            escape(&label(&h.from)),
            escape(&label(&h.to)),
            h.factor * 100.0
        ));
    }
    out.push_str(&format!(
        "<div class=\"key\" id=\"key-figures\">\n\
         <div><strong id=\"sustainability\" data-value=\"{}\">{}</strong>of the trusted reach kept (sustainability)</div>\n\
         <div><strong data-value=\"{}\">{}</strong>stakeholder{} left without a trusted tie</div>\n\
         <div><strong data-value=\"{}\">{}</strong>pair{} of groups lose their only bridge</div>\n</div>\n",
        s.sustainability.map_or(String::new(), |x| x.to_string()),
        escape(&words::percent(s.sustainability)),
        s.stranded.len(),
        s.stranded.len(),
        plural(s.stranded.len()),
        s.group_bridges_lost.len(),
        s.group_bridges_lost.len(),
        plural(s.group_bridges_lost.len()),
    ));
    let sentence = page.exit.findings().into_iter().next().unwrap_or_default();
    out.push_str("<div class=\"pair\">\n<figure>\n");
    let before = (
        format!("{} before the exit", page.name),
        "The site as it is today, every actor and tie present: the map of section 2.",
    );
    match &pictures.site {
        Picture::Svg(text) => {
            match reuse_svg(text, "map-site", "map-before", &before.0, before.1) {
                Some(svg) => out.push_str(&svg),
                None => picture(out, &pictures.site, "map-before", &before.0, before.1),
            }
            out.push('\n');
        }
        Picture::Missing(_) => picture(out, &pictures.site, "map-before", &before.0, before.1),
    }
    out.push_str("<figcaption>Before: the site today.</figcaption>\n</figure>\n<figure>\n");
    picture(
        out,
        &pictures.after,
        "map-after",
        &format!("{} after the exit", page.name),
        &format!(
            "The site after the exit: leavers greyed out, stakeholders left without a trusted \
             tie and groups that lose their only bridge outlined in red, handed-over ties in \
             green. {sentence}"
        ),
    );
    out.push_str(
        "<figcaption>After: leavers greyed out; stranded stakeholders and groups that lose \
         their only bridge outlined in red (and named below); handed-over ties in green.</figcaption>\n\
         </figure>\n</div>\n",
    );
    out.push_str(
        "<div class=\"scroll\"><table id=\"exit-measures\">\n<caption>Before and after</caption>\n\
         <thead><tr><th scope=\"col\">measure</th><th scope=\"col\" class=\"num\">before</th>\
         <th scope=\"col\" class=\"num\">after</th></tr></thead>\n<tbody>\n",
    );
    let rows: [(&str, Option<f64>, Option<f64>); 5] = [
        (
            "stakeholder pairs still connected (reach)",
            s.reach_before,
            s.reach_after,
        ),
        (
            "mean trust along the most trusted path (trusted reach)",
            s.trusted_reach_before,
            s.trusted_reach_after,
        ),
        (
            "share of trusted reach kept (sustainability)",
            None,
            s.sustainability,
        ),
        (
            "share of connected pairs whose best path weakens (dependent pairs)",
            None,
            s.dependent_pairs,
        ),
        (
            "share of pairs no longer connected (fragmentation)",
            None,
            s.fragmentation_after,
        ),
    ];
    for (what, before, after) in rows {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{what}</th>{}{}</tr>\n",
            if before.is_some() {
                number_cell(before)
            } else {
                "<td></td>".to_string()
            },
            number_cell(after)
        ));
    }
    out.push_str("</tbody></table></div>\n");
    out.push_str("<h3>Stakeholders left without a trusted tie</h3>\n");
    if s.stranded.is_empty() {
        out.push_str(
            "<p id=\"stranded\">None: every stakeholder keeps a trusted tie to another.</p>\n",
        );
    } else {
        out.push_str("<ul id=\"stranded\">\n");
        for a in labels_of(&page.exit.actors, &s.stranded) {
            out.push_str(&format!(
                "<li data-id=\"{}\">{}, group {}</li>\n",
                escape(&a.identity.id),
                escape(&a.identity.label),
                group_name(&a.identity.group)
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>Groups that lose their only bridge</h3>\n");
    if s.group_bridges_lost.is_empty() {
        out.push_str("<p id=\"bridges\">None: every pair of groups that was connected stays connected.</p>\n");
    } else {
        let clusters = words::bridge_clusters(&s.group_bridges_lost);
        out.push_str(&format!(
            "<p>{}.</p>\n<ul id=\"bridges\" class=\"columns\">\n",
            escape(&capitalise(&words::list(&clusters)))
        ));
        for [a, b] in &s.group_bridges_lost {
            out.push_str(&format!("<li>{} – {}</li>\n", group_name(a), group_name(b)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>Who could take over</h3>\n");
    if page.successors.is_empty() {
        out.push_str(
            "<p>With a handover given, the figures above are those of that handover; run the \
             report without --handover to see each leaving practitioner's best internal \
             successor.</p>\n",
        );
    } else {
        out.push_str(
            "<p>For each leaving practitioner, the internal actor whose taking over of the \
             practitioner's ties (at half their trust) keeps the most trusted reach.</p>\n\
             <div class=\"scroll\"><table id=\"successors\">\n<thead><tr>\
             <th scope=\"col\">leaving practitioner</th><th scope=\"col\">best internal successor</th>\
             <th scope=\"col\" class=\"num\">trusted reach kept</th></tr></thead>\n<tbody>\n",
        );
        for line in &page.successors {
            out.push_str(&format!(
                "<tr data-id=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td class=\"num\" data-value=\"{}\">{}</td></tr>\n",
                escape(&line.id),
                escape(&line.label),
                line.successor_label
                    .as_deref()
                    .map_or("nobody inside can take over".to_string(), escape),
                line.sustainability.map_or(String::new(), |x| x.to_string()),
                escape(&words::percent(line.sustainability)),
            ));
        }
        out.push_str("</tbody></table></div>\n");
    }
    out.push_str("</section>\n");
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn exit_plan(out: &mut String, page: &ReportPage) {
    section_start(
        out,
        "plan",
        5,
        "The exit plan",
        "which introductions to broker before leaving, in order, and how much trusted reach \
         each one keeps.",
    );
    let steps = &page.plan.plan.steps;
    out.push_str(&format!(
        "<p>Each step is a new tie between two stakeholders who both know someone who is \
         leaving and who can introduce them; its trust is the product of their two ties' trust. \
         At most {} step{}, each the one that keeps the most trusted reach.</p>\n",
        page.plan.plan.budget,
        plural(page.plan.plan.budget)
    ));
    out.push_str(&format!(
        "<p id=\"plan-summary\">{}</p>\n",
        escape(&sentences::plan_summary(&page.plan))
    ));
    if !steps.is_empty() {
        let label = |id: &str| escape(&words::label(&page.exit.actors, id));
        out.push_str(
            "<div class=\"scroll\"><table id=\"plan-steps\">\n<thead><tr>\
             <th scope=\"col\" class=\"num\">step</th><th scope=\"col\">introduce</th>\
             <th scope=\"col\">to</th><th scope=\"col\" class=\"num\">trust of the new tie</th>\
             <th scope=\"col\" class=\"num\">gain in trusted reach</th>\
             <th scope=\"col\" class=\"num\">trusted reach kept after this step</th></tr></thead>\n<tbody>\n",
        );
        for s in steps {
            out.push_str(&format!(
                "<tr>{}<td data-id=\"{}\">{}</td><td data-id=\"{}\">{}</td>{}{}<td class=\"num\" data-value=\"{}\">{}</td></tr>\n",
                count_cell(s.step),
                escape(&s.a),
                label(&s.a),
                escape(&s.b),
                label(&s.b),
                number_cell(Some(s.trust)),
                number_cell(Some(s.gain)),
                s.sustainability.map_or(String::new(), |x| x.to_string()),
                escape(&words::percent(s.sustainability)),
            ));
        }
        out.push_str("</tbody></table></div>\n");
    }
    out.push_str("</section>\n");
}

fn status(a: &ExitActor) -> &'static str {
    match (a.exiting, a.stranded) {
        (true, _) => "<span class=\"mark mark-leaves\">leaves</span>",
        (false, true) => "<span class=\"mark mark-stranded\">⚠ stranded</span>",
        _ => "",
    }
}

fn status_value(a: &ExitActor) -> &'static str {
    match (a.exiting, a.stranded) {
        (true, _) => "leaves",
        (false, true) => "stranded",
        _ => "",
    }
}

/// One actor's row: `a` its analyze figures, `x` its exit figures, `p`
/// its power and voice (voice columns empty for actors who are not voices).
fn actor_row(
    out: &mut String,
    order: usize,
    (a, x, p): (&AnalyzeActor, &ExitActor, &PowerActor),
    power: &PowerReport,
) {
    let who = &a.identity;
    let search = format!("{} {} {}", who.label, who.id, who.group).to_lowercase();
    out.push_str(&format!(
        "<tr data-order=\"{order}\" data-search=\"{}\">",
        escape(&search)
    ));
    for (key, _, _) in COLUMNS {
        let hide = NOT_PRINTED.contains(&key);
        let text = |t: &str| {
            format!(
                "<td{}>{t}</td>",
                if hide { " class=\"print-hide\"" } else { "" }
            )
        };
        let figure =
            |x: Option<f64>| number_cell_of_class(x, if hide { "num print-hide" } else { "num" });
        out.push_str(&match key {
            "label" => format!("<th scope=\"row\">{}</th>", escape(&who.label)),
            "id" => text(&escape(&who.id)),
            "kind" => text(match who.kind {
                ActorKind::Practitioner => "practitioner",
                ActorKind::Stakeholder => "stakeholder",
            }),
            "placement" => text(match who.placement {
                Placement::External => "external",
                Placement::Internal => "internal",
            }),
            "group" => text(&escape(&who.group)),
            "status" => format!("<td data-value=\"{}\">{}</td>", status_value(x), status(x)),
            "trust_retained" => figure(x.trust_retained),
            "exit_impact" => figure(x.exit_impact),
            "power" => figure(Some(p.power)),
            "voice_before" => figure(p.voice.voice_before),
            "line_to" => text(
                &p.voice
                    .line_to
                    .as_deref()
                    .map_or(String::new(), |d| escape(&power.label(d))),
            ),
            "voice_retained" => figure(p.voice.voice_retained),
            "degree" => count_cell(a.ties.degree),
            "strength" => figure(Some(a.ties.strength)),
            "betweenness" => figure(Some(a.betweenness)),
            "brokerage_total" => count_cell(a.brokerage_total),
            "constraint" => figure(a.constraint),
            "effective_size" => figure(a.effective_size),
            "closeness" => figure(Some(a.closeness)),
            "pagerank" => figure(Some(a.pagerank)),
            other => unreachable!("column {other} has no cell"),
        });
    }
    out.push_str("</tr>\n");
}

fn actor_table(out: &mut String, page: &ReportPage) {
    section_start(
        out,
        "actors",
        6,
        "Every actor",
        "each actor's ties, position and what the exit does to them; click a column heading to \
         sort, type in the box to filter.",
    );
    out.push_str(
        "<div id=\"actor-filter\" hidden><label for=\"actor-filter-input\">Filter by name or \
         group: </label><input id=\"actor-filter-input\" type=\"search\" autocomplete=\"off\"> \
         <span id=\"actor-filter-count\" aria-live=\"polite\"></span></div>\n",
    );
    out.push_str(
        "<div class=\"scroll\"><table id=\"actor-table\">\n<caption>All actors, first in id order \
         (click a heading to sort)</caption>\n<thead><tr>",
    );
    for (key, heading, numeric) in COLUMNS {
        let kind = if numeric { "number" } else { "text" };
        let class = match (numeric, NOT_PRINTED.contains(&key)) {
            (true, true) => " class=\"num print-hide\"",
            (true, false) => " class=\"num\"",
            (false, true) => " class=\"print-hide\"",
            (false, false) => "",
        };
        out.push_str(&format!(
            "<th scope=\"col\" data-key=\"{key}\" data-type=\"{kind}\"{class}>{heading}</th>"
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let rows = page
        .analyze
        .actors
        .iter()
        .zip(&page.exit.actors)
        .zip(&page.power.actors);
    for (i, ((a, x), p)) in rows.enumerate() {
        actor_row(out, i, (a, x, p), &page.power);
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

const TERMS: &[(&str, &str)] = &[
    ("tie, trust, contacts", "A tie joins two actors; its trust (0 to 1, from the input file) says how much one trusts the other, its contacts how often they are in touch per month. A tie with trust 0 is drawn but carries nothing."),
    ("density", "The share of all possible ties that exist (networkx density)."),
    ("component", "A set of actors joined by trusted ties, directly or through others; the isolated actors have no tie of trust above 0."),
    ("mean power gap", "The mean difference in positional power between the two ends of a tie."),
    ("ties (degree)", "How many ties an actor has."),
    ("strength", "The sum of the trust on an actor's ties."),
    ("betweenness", "The share of the most trusted paths between two other actors that pass through this one (a tie's length is 1/trust); networkx betweenness_centrality, normalised."),
    ("closeness", "How near, along trusted paths, the others are to this actor (Wasserman–Faust, as networkx closeness_centrality)."),
    ("PageRank", "How much trust flows to the actor from well-trusted others (networkx pagerank, weight trust, damping 0.85)."),
    ("constraint", "How much an actor's contacts are tied to each other, so that the actor has few independent lines; lower means more brokerage opportunity (Burt 1992, as networkx constraint)."),
    ("effective size", "How many of an actor's contacts are not tied to its other contacts (Burt 1992, as networkx effective_size)."),
    ("brokerage", "How many times the actor links two others who are not tied, counted by the groups involved: coordinator, itinerant, representative, gatekeeper and liaison (Gould and Fernandez 1989, as R sna brokerage)."),
    ("practitioner dependency", "The mean share of the most trusted paths between two stakeholders that run through a practitioner; a practitioner's share is the part that runs through that practitioner."),
    ("path trust", "Between two actors, the product of the trusts along the most trusted path between them (0 when there is none)."),
    ("reach", "The share of ordered pairs of staying stakeholders with any trusted path between them, before and after the exit."),
    ("trusted reach", "The mean path trust over those pairs."),
    ("sustainability", "Trusted reach after the exit divided by trusted reach before: the share of trusted connection the site keeps."),
    ("dependent pairs", "The share of connected pairs whose most trusted path becomes weaker after the exit."),
    ("fragmentation", "The share of pairs no longer connected after the exit (Borgatti's fragmentation)."),
    ("stranded", "A stakeholder who was connected to another stakeholder before the exit and to none after it."),
    ("groups that lose their only bridge", "Two groups that some trusted path joined before the exit and none joins after it."),
    ("trust kept", "For a staying stakeholder, its mean path trust to the others after the exit divided by the same before."),
    ("power", "An actor's positional power, 0 to 1, from the input file: how much say its position gives it."),
    ("voice line, line to, voice kept", "For a voice (a stakeholder of power 0.3 or less, unless the page was made with --voices or --low-power): the path trust of its most trusted line to a decision-maker (an actor of power 0.7 or more, unless the page was made with --decision-makers or --decision-power), the decision-maker that line reaches, and the share of that line's trust kept after the exit. Empty for actors who are not voices."),
    ("exit impact", "For a practitioner, the share of trusted reach lost if that practitioner alone left (1 − sustainability)."),
    ("best internal successor", "The internal actor who, given a copy of the practitioner's ties at half their trust, keeps the most trusted reach when the practitioner leaves."),
    ("introduction (exit plan)", "A new tie between two staying stakeholders who both have a tie to someone leaving; the plan picks, one at a time, the introduction that raises trusted reach most."),
];

fn how_to_read(out: &mut String) {
    section_start(
        out,
        "how-to-read",
        7,
        "How to read this",
        "every figure on this page in one plain sentence, with its reference for readers who \
         want it.",
    );
    out.push_str("<dl class=\"terms\">\n");
    for (term, meaning) in TERMS {
        out.push_str(&format!("<dt>{term}</dt><dd>{meaning}</dd>\n"));
    }
    out.push_str(
        "</dl>\n<p>References: A. Hagberg, D. Schult and P. Swart, <cite>NetworkX</cite> \
         (networkx.org); R. S. Burt, <cite>Structural Holes</cite> (Harvard University Press, \
         1992); R. V. Gould and R. M. Fernandez, \"Structures of mediation\", <cite>Sociological \
         Methodology</cite> 19 (1989); S. P. Borgatti, \"Identifying sets of key players in a \
         social network\", <cite>Computational and Mathematical Organization Theory</cite> 12 \
         (2006). The full definitions are in docs/format.md in the stakenet repository.</p>\n</section>\n",
    );
}

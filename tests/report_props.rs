//! Properties of the report page over random input: any text escapes to
//! exactly itself as the parser reads it (no element, no attribute comes out
//! of a label), and a page of any small network, with any labels and groups,
//! renders without panic, with its seven sections, one script and every
//! actor's label in the table.

use proptest::prelude::*;
use scraper::{Html, Selector};
use stakenet::render::html::{escape, page, Picture, Pictures};
use stakenet::report::page::Provenance;
use stakenet::{Actor, ExitRequest, Network, ReportRequest, TieSpec};

#[path = "support/hostile_labels.rs"]
mod hostile_labels;
use hostile_labels::shown;

/// Text with plenty of markup and quoting characters among any others.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(vec![
                "<", ">", "&", "\"", "'", "</", "/>", "<!--", "-->", "<script>", "</script>",
                "<svg onload=x>", "&amp;", "&#x3C;", "]]>", "\n", "\r", "\t", "\u{0}", "\u{1b}",
                "\u{202e}", "\u{2066}", "=", "`", "url(", "@import", "javascript:",
            ])
            .prop_map(str::to_string),
            2 => any::<char>().prop_map(|c| c.to_string()),
            1 => "[a-z ]{0,6}",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_escapes_to_itself(s in text()) {
        let escaped = escape(&s);
        let doc = Html::parse_fragment(&format!("<p title=\"{escaped}\">{escaped}</p>"));
        let p: Vec<_> = doc.select(&Selector::parse("p").unwrap()).collect();
        prop_assert_eq!(p.len(), 1);
        prop_assert_eq!(doc.select(&Selector::parse("p *").unwrap()).count(), 0);
        // The parser turns a NUL in text into U+FFFD; escape() already made
        // every control a '?', so there is none left to turn.
        prop_assert_eq!(p[0].text().collect::<String>(), shown(&s));
        let expected = shown(&s);
        prop_assert_eq!(p[0].value().attr("title"), Some(expected.as_str()));
        prop_assert_eq!(p[0].value().attrs().count(), 1);
    }
}

/// (label, group, kind 0..3) per actor, and tie pairs with trust in 0..=10.
type Rows = (Vec<(String, String, u8)>, Vec<(usize, usize, u8)>);

fn network() -> impl Strategy<Value = Rows> {
    (
        prop::collection::vec((text(), text(), 0u8..3), 2..9),
        prop::collection::vec((any::<usize>(), any::<usize>(), 0u8..=10), 0..16),
    )
}

fn build((actors, pairs): &Rows) -> Network {
    let n = actors.len();
    let actors: Vec<Actor> = actors
        .iter()
        .enumerate()
        .map(|(i, (label, group, kind))| {
            let mut a = match kind {
                0 => Actor::practitioner(format!("a{i:02}")),
                _ => Actor::stakeholder(format!("a{i:02}")),
            };
            a.label = label.clone();
            a.group = group.clone();
            if *kind == 2 {
                a.placement = stakenet::Placement::External;
            }
            a
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let ties: Vec<TieSpec> = pairs
        .iter()
        .map(|&(u, v, t)| (u % n, v % n, t))
        .filter(|&(u, v, _)| u != v && seen.insert((u.min(v), u.max(v))))
        .map(|(u, v, t)| {
            TieSpec::mutual(format!("a{u:02}"), format!("a{v:02}"), f64::from(t) / 10.0)
        })
        .collect();
    Network::from_parts(actors, &ties).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_small_network_gives_a_whole_page(rows in network()) {
        let net = build(&rows);
        let p = stakenet::report_page(
            &net,
            &ReportRequest {
                name: "random <site>".into(),
                provenance: Provenance::new(vec![], "stakenet report random"),
                exit: ExitRequest::default(),
                plan: 5,
                centrality: Default::default(),
                voice: Default::default(),
            },
        )
        .unwrap();
        let missing = Picture::Missing("no Graphviz here".into());
        let html = page(&p, &Pictures { site: missing.clone(), after: missing });
        let doc = Html::parse_document(&html);
        let select = |css: &str| doc.select(&Selector::parse(css).unwrap()).collect::<Vec<_>>();
        let ids: Vec<&str> = select("main > section").iter().map(|s| s.value().attr("id").unwrap()).collect();
        prop_assert_eq!(ids, ["glance", "map", "findings", "exit", "plan", "actors", "how-to-read"]);
        prop_assert_eq!(select("script").len(), 1);
        prop_assert_eq!(select("style").len(), 1);
        prop_assert_eq!(select("h1").len(), 1);
        prop_assert!(select("[src], [onload], [onerror], img, iframe, svg, link").is_empty());
        let names: Vec<String> = select("#actor-table tbody th").iter().map(|th| th.text().collect()).collect();
        let expected: Vec<String> = net.actors().iter().map(|a| shown(&a.label)).collect();
        prop_assert_eq!(names, expected);
        prop_assert!(html.len() < 1024 * 1024);
    }
}

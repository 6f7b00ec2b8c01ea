//! `stakenet report`: the page parsed with an HTML parser: its sections in
//! order, every actor in the table, nothing loaded from anywhere, the CSP,
//! hostile labels shown as text, and every figure equal to the library's.

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Selector};
use sha2::{Digest, Sha256};
use stakenet::metrics::exit::{exit, ExitSpec};
use stakenet::metrics::{plan, successors};
use stakenet::Network;

mod common;
use common::{root, stakenet};

#[path = "support/hostile_labels.rs"]
mod hostile_labels;
use hostile_labels::shown;

fn county_dir() -> PathBuf {
    root().join("data/county-parenting-site")
}

fn has_graphviz() -> bool {
    let found = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("SKIPPED (maps): Graphviz's `dot` is not installed (apt-get install graphviz)");
    }
    found
}

/// Run `stakenet report NET -o TMP/page.html ARGS…`; the page and stderr.
fn report(net: &Path, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("page.html");
    let mut cmd = stakenet();
    cmd.arg("report").arg(net).arg("-o").arg(&out).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let run = cmd.assert().success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    (std::fs::read_to_string(&out).unwrap(), stderr)
}

/// The position of a column of the actor table.
fn column(key: &str) -> usize {
    stakenet::render::html::ACTOR_COLUMNS
        .iter()
        .position(|&k| k == key)
        .unwrap()
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &ElementRef) -> String {
    e.text().collect::<String>()
}

fn attr<'a>(e: &ElementRef<'a>, name: &str) -> Option<&'a str> {
    e.value().attr(name)
}

/// The value of a numeric cell, as the page wrote it for the sort.
fn value(e: &ElementRef) -> Option<f64> {
    let raw = attr(e, "data-value").expect("numeric cells carry data-value");
    (!raw.is_empty()).then(|| raw.parse().unwrap())
}

const SECTIONS: [(&str, &str); 7] = [
    ("glance", "1. The site at a glance"),
    ("map", "2. The map"),
    ("findings", "3. Findings in plain words"),
    ("exit", "4. What happens when support leaves"),
    ("plan", "5. The exit plan"),
    ("actors", "6. Every actor"),
    ("how-to-read", "7. How to read this"),
];

fn check_sections(doc: &Html) {
    let sections = select(doc, "main > section");
    let found: Vec<(String, String)> = sections
        .iter()
        .map(|s| {
            let h2 = select_in(s, "h2");
            assert_eq!(h2.len(), 1, "one h2 per section");
            (attr(s, "id").unwrap().to_string(), text(&h2[0]))
        })
        .collect();
    let expected: Vec<(String, String)> = SECTIONS
        .iter()
        .map(|(id, h)| (id.to_string(), h.to_string()))
        .collect();
    assert_eq!(found, expected);
    for s in &sections {
        let what = select_in(s, "h2 + p.what");
        assert_eq!(
            what.len(),
            1,
            "a 'what this tells you' line under each heading"
        );
        assert!(text(&what[0]).starts_with("What this tells you: "));
    }
    // One h1, and headings never skip a level.
    assert_eq!(select(doc, "h1").len(), 1);
    let mut last = 1;
    for h in select(doc, "h1, h2, h3, h4, h5, h6") {
        let level: usize = h.value().name()[1..].parse().unwrap();
        assert!(level <= last + 1, "{} after h{last}", h.value().name());
        last = level;
    }
}

fn select_in<'a>(e: &ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    e.select(&Selector::parse(css).unwrap()).collect()
}

/// Nothing in the page names another address: no src/href/action/… other
/// than a same-page `#fragment`, no url() or @import in a style, and (given
/// the raw text of a page whose labels are plain) no http(s) anywhere; no
/// event-handler attribute; one script, the page's own, allowed by its hash.
fn check_self_contained(doc: &Html, raw: Option<&str>) {
    for e in select(doc, "*") {
        for (name, v) in e.value().attrs() {
            let name = name.to_ascii_lowercase();
            assert!(!name.starts_with("on"), "event handler {name}={v:?}");
            if matches!(
                name.as_str(),
                "src"
                    | "href"
                    | "xlink:href"
                    | "action"
                    | "formaction"
                    | "srcset"
                    | "poster"
                    | "data"
                    | "background"
                    | "ping"
                    | "manifest"
            ) {
                assert!(v.starts_with('#'), "{name}={v:?} on <{}>", e.value().name());
            }
            if name == "style" {
                assert!(!v.contains("url(") && !v.contains("@import"), "style={v:?}");
            }
        }
    }
    for style in select(doc, "style") {
        let css = text(&style).to_ascii_lowercase();
        for needle in ["url(", "@import", "http:", "https:", "//"] {
            assert!(!css.contains(needle), "the style sheet holds {needle:?}");
        }
    }
    // Where no label could hold them, not even as text.
    if let Some(raw) = raw {
        let lower = raw.to_ascii_lowercase();
        for needle in [
            "http:", "https:", "@import", "url(", "<link", "<iframe", "<img",
        ] {
            assert!(!lower.contains(needle), "the page holds {needle:?}");
        }
    }
    let scripts = select(doc, "script");
    assert_eq!(scripts.len(), 1, "only the page's own script");
    // The CSP lets exactly that script run, by its hash.
    let csp = select(doc, "head > meta[http-equiv=\"Content-Security-Policy\"]");
    assert_eq!(csp.len(), 1);
    let policy = attr(&csp[0], "content").unwrap();
    let script = text(&scripts[0]);
    let hash = base64(&Sha256::digest(script.as_bytes()));
    assert_eq!(
        policy,
        format!(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; \
             img-src data:; base-uri 'none'; form-action 'none'"
        )
    );
    // The CSP comes before anything it governs.
    let head = &select(doc, "head")[0];
    let first = head.children().filter_map(ElementRef::wrap).take(2);
    assert!(first
        .map(|e| e.value().name().to_string())
        .any(|n| n == "meta"));
    let html = doc.html();
    assert!(html.find("Content-Security-Policy").unwrap() < html.find("<style>").unwrap());
}

/// Standard base64 (an independent one from the page's).
fn base64(bytes: &[u8]) -> String {
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bits: String = bytes.iter().map(|b| format!("{b:08b}")).collect();
    let mut out: String = bits
        .as_bytes()
        .chunks(6)
        .map(|c| {
            let mut s = String::from_utf8(c.to_vec()).unwrap();
            while s.len() < 6 {
                s.push('0');
            }
            alphabet.as_bytes()[usize::from_str_radix(&s, 2).unwrap()] as char
        })
        .collect();
    while out.len() % 4 != 0 {
        out.push('=');
    }
    out
}

#[test]
fn the_county_page_has_every_section_in_order_and_loads_nothing() {
    let (raw, _) = report(&county_dir(), &[], &[]);
    let doc = Html::parse_document(&raw);
    check_sections(&doc);
    check_self_contained(&doc, Some(&raw));
    assert!(raw.len() < 1024 * 1024, "{} bytes", raw.len());
    assert_eq!(attr(&select(&doc, "html")[0], "lang"), Some("en"));
    // Every data table header cell has a scope.
    for th in select(&doc, "th") {
        assert!(
            matches!(attr(&th, "scope"), Some("col" | "row")),
            "{}",
            th.html()
        );
    }
    if has_graphviz() {
        // Three maps (the site, and before/after side by side), each with
        // a title and a description as first children, no id shared.
        let svgs = select(&doc, "svg");
        assert_eq!(svgs.len(), 3);
        for svg in &svgs {
            let kids: Vec<String> = svg
                .children()
                .filter_map(ElementRef::wrap)
                .take(2)
                .map(|e| e.value().name().to_string())
                .collect();
            assert_eq!(kids, ["title", "desc"]);
            assert_eq!(attr(svg, "role"), Some("img"));
        }
        let mut ids: Vec<&str> = select(&doc, "[id]")
            .iter()
            .map(|e| attr(e, "id").unwrap())
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "an id is used twice");
        // The before map of section 4 shows the site map's drawing again,
        // by reference.
        let uses = select(&doc, "#exit svg use");
        assert_eq!(uses.len(), 1);
        let target = attr(&uses[0], "href").unwrap();
        assert_eq!(target, "#map-site-graph0");
        assert_eq!(select(&doc, "#map svg g#map-site-graph0").len(), 1);
        // Every actor is drawn on the site map, by label.
        let net = stakenet::io::load_dir(county_dir()).unwrap();
        let site = text(&select(&doc, "#map svg")[0]);
        for a in net.actors() {
            let first = a.label.split(' ').next().unwrap();
            assert!(site.contains(first), "{} is not on the map", a.label);
        }
    }
}

#[test]
fn every_actor_is_in_the_table_with_the_library_s_figures() {
    let (raw, _) = report(&county_dir(), &[], &[]);
    let doc = Html::parse_document(&raw);
    let net = stakenet::io::load_dir(county_dir()).unwrap();
    let analyze = stakenet::report::analyze(&net);
    let spec = ExitSpec::default_for(&net);
    let (m, impact) = stakenet::metrics::exit::exit_and_impact(&net, &spec, true).unwrap();
    let keys: Vec<&str> = select(&doc, "#actor-table thead th")
        .iter()
        .map(|th| attr(th, "data-key").unwrap())
        .collect();
    assert_eq!(keys, stakenet::render::html::ACTOR_COLUMNS);
    let col = column;
    // Printing leaves out the id, closeness and PageRank columns, and
    // nothing else anywhere.
    let hidden: Vec<&str> = select(&doc, "#actor-table th.print-hide")
        .iter()
        .map(|th| attr(th, "data-key").unwrap())
        .collect();
    assert_eq!(hidden, ["closeness", "pagerank", "id"]);
    assert_eq!(
        select(&doc, ".print-hide").len(),
        hidden.len() * (net.len() + 1)
    );
    for row in select(&doc, "#actor-table tbody tr") {
        let cells: Vec<ElementRef> = row.children().filter_map(ElementRef::wrap).collect();
        for k in &hidden {
            assert!(cells[col(k)].value().classes().any(|c| c == "print-hide"));
        }
    }
    let power = stakenet::power(&net, &stakenet::VoiceRequest::default()).unwrap();
    let mut voices_seen = 0;
    let rows = select(&doc, "#actor-table tbody tr");
    assert_eq!(rows.len(), net.len());
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<ElementRef> = row.children().filter_map(ElementRef::wrap).collect();
        assert_eq!(cells.len(), keys.len());
        let a = &analyze.actors[i];
        assert_eq!(text(&cells[col("label")]), a.identity.label);
        assert_eq!(text(&cells[col("id")]), a.identity.id);
        assert_eq!(text(&cells[col("group")]), a.identity.group);
        assert_eq!(value(&cells[col("degree")]), Some(a.ties.degree as f64));
        assert_eq!(value(&cells[col("strength")]), Some(a.ties.strength));
        assert_eq!(value(&cells[col("betweenness")]), Some(a.betweenness));
        assert_eq!(value(&cells[col("closeness")]), Some(a.closeness));
        assert_eq!(value(&cells[col("pagerank")]), Some(a.pagerank));
        assert_eq!(value(&cells[col("constraint")]), a.constraint);
        assert_eq!(value(&cells[col("effective_size")]), a.effective_size);
        assert_eq!(
            value(&cells[col("brokerage_total")]),
            Some(a.brokerage_total as f64)
        );
        assert_eq!(value(&cells[col("trust_retained")]), m.trust_retained[i]);
        assert_eq!(value(&cells[col("exit_impact")]), impact[i]);
        // Power and voice, as `stakenet power` with the page's exit.
        let p = &power.actors[i];
        assert_eq!(p.identity.id, a.identity.id);
        assert_eq!(value(&cells[col("power")]), Some(p.power));
        assert_eq!(value(&cells[col("voice_before")]), p.voice.voice_before);
        assert_eq!(value(&cells[col("voice_retained")]), p.voice.voice_retained);
        let line_to = text(&cells[col("line_to")]);
        match &p.voice.line_to {
            Some(d) => {
                let label = &net.actor(net.index_of(d).unwrap()).label;
                assert_eq!(
                    line_to,
                    label.split(" (").next().unwrap(),
                    "{}",
                    a.identity.id
                );
            }
            None => assert_eq!(line_to, ""),
        }
        voices_seen += usize::from(p.voice.voice);
        // Shown to three decimals.
        assert_eq!(
            text(&cells[col("betweenness")]),
            format!("{:.3}", a.betweenness)
        );
        let status = attr(&cells[col("status")], "data-value").unwrap();
        let expected = if m.exit.contains(&i) {
            "leaves"
        } else if m.stranded.contains(&i) {
            "stranded"
        } else {
            ""
        };
        assert_eq!(status, expected, "{}", a.identity.id);
    }
    // The example site's six voices (families and frontline) each have a
    // line: the voice columns are not all empty.
    assert_eq!(voices_seen, 6);
}

#[test]
fn exit_plan_and_successor_figures_are_the_library_s() {
    let (raw, _) = report(&county_dir(), &["--plan", "3"], &[]);
    let doc = Html::parse_document(&raw);
    let net = stakenet::io::load_dir(county_dir()).unwrap();
    let spec = ExitSpec::default_for(&net);
    let m = exit(&net, &spec).unwrap();
    let sustainability = select(&doc, "#sustainability");
    assert_eq!(value(&sustainability[0]), m.sustainability);
    assert_eq!(
        text(&sustainability[0]),
        format!("{:.0}%", m.sustainability.unwrap() * 100.0)
    );
    // The before/after table: reach, trusted reach, sustainability,
    // dependent pairs, fragmentation.
    let cells: Vec<Option<f64>> = select(&doc, "#exit-measures td.num")
        .iter()
        .map(value)
        .collect();
    assert_eq!(
        cells,
        [
            m.reach_before,
            m.reach_after,
            m.trusted_reach_before,
            m.trusted_reach_after,
            m.sustainability,
            m.dependent_pairs,
            m.fragmentation_after
        ]
    );
    let stranded: Vec<&str> = select(&doc, "#stranded li")
        .iter()
        .map(|li| attr(li, "data-id").unwrap())
        .collect();
    let expected: Vec<&str> = m
        .stranded
        .iter()
        .map(|&i| net.actor(i).id.as_str())
        .collect();
    assert_eq!(stranded, expected);
    assert!(!stranded.is_empty());
    assert_eq!(
        select(&doc, "#bridges li").len(),
        m.group_bridges_lost.len()
    );
    // Plan: three steps, as the library plans them.
    let steps = plan(&net, &spec, 3).unwrap();
    let rows = select(&doc, "#plan-steps tbody tr");
    assert_eq!(rows.len(), steps.len());
    assert_eq!(steps.len(), 3);
    for (row, s) in rows.iter().zip(&steps) {
        let ids: Vec<&str> = select_in(row, "td[data-id]")
            .iter()
            .map(|td| attr(td, "data-id").unwrap())
            .collect();
        assert_eq!(ids, [&net.actor(s.a).id, &net.actor(s.b).id]);
        let nums: Vec<Option<f64>> = select_in(row, "td.num").iter().map(value).collect();
        assert_eq!(
            nums,
            [Some(
                1.0 + rows.iter().position(|r| r == row).unwrap() as f64
            )]
            .into_iter()
            .chain([Some(s.trust), Some(s.gain), s.sustainability])
            .collect::<Vec<_>>()
        );
    }
    assert_eq!(
        text(&select(&doc, "#plan-summary")[0]),
        format!(
            "Brokering these 3 introductions raises the share of trusted reach kept from {:.0}% \
             to {:.0}%.",
            m.sustainability.unwrap() * 100.0,
            steps[2].sustainability.unwrap() * 100.0
        )
    );
    // Successors: one row per external practitioner.
    let succ = successors(&net, &m.exit);
    let rows = select(&doc, "#successors tbody tr");
    assert_eq!(rows.len(), succ.len());
    for (row, s) in rows.iter().zip(&succ) {
        assert_eq!(
            attr(row, "data-id"),
            Some(net.actor(s.practitioner).id.as_str())
        );
        let cells = select_in(row, "td");
        assert_eq!(
            text(&cells[0]),
            net.actor(s.successor.unwrap()).label.as_str()
        );
        assert_eq!(value(&cells[1]), s.sustainability);
    }
    // The findings are the exit report's sentences.
    let findings: Vec<String> = select(&doc, "#exit-findings p").iter().map(text).collect();
    assert!(findings[0].starts_with("If the external practitioners leave"));
    assert!(findings[0].contains(&format!(
        "keeps {:.0}% of its trusted reach",
        m.sustainability.unwrap() * 100.0
    )));
    // The glance tables carry the overview's counts.
    let o = stakenet::metrics::overview(&net);
    let counts: Vec<Option<f64>> = select(&doc, "#kinds td").iter().map(value).collect();
    let f = |n: usize| Some(n as f64);
    assert_eq!(
        counts,
        [
            f(o.practitioners_external),
            f(o.practitioners_internal),
            f(o.stakeholders_external),
            f(o.stakeholders_internal)
        ]
    );
    let ties: Vec<Option<f64>> = select(&doc, "#relationships td")
        .iter()
        .map(value)
        .collect();
    let expected: Vec<Option<f64>> = o
        .relationship_types
        .iter()
        .flat_map(|r| {
            [
                f(r.ties),
                r.mean_trust,
                r.mean_communication,
                r.mean_power_differential,
            ]
        })
        .collect();
    assert_eq!(ties, expected);
}

#[test]
fn the_page_records_the_inputs_command_and_version() {
    let (raw, _) = report(&county_dir(), &["--plan", "2"], &[]);
    let doc = Html::parse_document(&raw);
    let facts: Vec<(String, String)> = select(&doc, "#glance dl.facts dt")
        .iter()
        .zip(select(&doc, "#glance dl.facts dd"))
        .map(|(dt, dd)| (text(dt), text(&dd)))
        .collect();
    let sha = |name: &str| {
        let bytes = std::fs::read(county_dir().join(name)).unwrap();
        format!("SHA-256 {:x}", Sha256::digest(&bytes))
    };
    assert_eq!(facts.len(), 4);
    assert!(facts[0].0.ends_with("county-parenting-site/nodes.csv"));
    assert_eq!(facts[0].1, sha("nodes.csv"));
    assert!(facts[1].0.ends_with("county-parenting-site/edges.csv"));
    assert_eq!(facts[1].1, sha("edges.csv"));
    assert_eq!(facts[2].0, "command");
    assert!(facts[2].1.starts_with("stakenet report "));
    assert!(facts[2].1.ends_with("page.html --plan 2"), "{}", facts[2].1);
    assert_eq!(
        facts[3],
        (
            "stakenet".into(),
            format!("version {}", env!("CARGO_PKG_VERSION"))
        )
    );
}

/// Write a network to a folder as nodes.csv and edges.csv.
fn write_network(net: &Network, dir: &Path) {
    let mut nodes = csv::Writer::from_path(dir.join("nodes.csv")).unwrap();
    nodes
        .write_record(["id", "label", "kind", "group", "power"])
        .unwrap();
    for a in net.actors() {
        nodes
            .write_record([
                a.id.as_str(),
                a.label.as_str(),
                &a.kind.to_string(),
                a.group.as_str(),
                &a.power.to_string(),
            ])
            .unwrap();
    }
    nodes.flush().unwrap();
    let mut edges = csv::Writer::from_path(dir.join("edges.csv")).unwrap();
    edges
        .write_record(["source", "target", "trust", "directed"])
        .unwrap();
    for t in net.ties() {
        edges
            .write_record([
                net.actor(t.source).id.as_str(),
                net.actor(t.target).id.as_str(),
                &t.trust.to_string(),
                &t.directed.to_string(),
            ])
            .unwrap();
    }
    edges.flush().unwrap();
}

/// The hostile labels of the DOT tests, and some written for HTML.
fn hostile_rows() -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = hostile_labels::hostile()
        .into_iter()
        .map(|(id, label, _)| (id, label))
        .collect();
    for (id, label) in [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("img", "<img src=x onerror=alert(1)>"),
        ("attr", "\" onmouseover=\"alert(1)\" x=\""),
        ("svgx", "</svg><svg onload=alert(1)>"),
        ("comment", "--><script>alert(1)</script><!--"),
        (
            "style",
            "</style><style>@import url(https://evil.example/x.css)</style>",
        ),
        ("cdata", "]]><![CDATA[<script>alert(1)</script>"),
        ("amp", "&lt;b&gt; &#x3C;script&#x3E;"),
        ("bidi", "abc\u{202e}cba"),
    ] {
        rows.push((id.to_string(), label.to_string()));
    }
    rows
}

#[test]
fn hostile_labels_show_as_text_and_run_nothing() {
    let net = hostile_labels::network_of(&hostile_rows());
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("hostile");
    std::fs::create_dir(&dir).unwrap();
    write_network(&net, &dir);
    let (raw, _) = report(&dir, &[], &[]);
    let doc = Html::parse_document(&raw);
    check_sections(&doc);
    check_self_contained(&doc, None);
    // Every label, as the escaping shows it, in its row.
    let rows = select(&doc, "#actor-table tbody tr");
    let loaded = stakenet::io::load_dir(&dir).unwrap();
    assert_eq!(rows.len(), loaded.len());
    for (row, a) in rows.iter().zip(loaded.actors()) {
        let th = &select_in(row, "th")[0];
        assert_eq!(text(th), shown(&a.label));
        let cells: Vec<ElementRef> = row.children().filter_map(ElementRef::wrap).collect();
        assert_eq!(text(&cells[column("id")]), shown(&a.id));
        assert_eq!(text(&cells[column("group")]), shown(&a.group));
    }
    // Only the page's own elements: no element named by a label.
    for e in select(&doc, "*") {
        assert!(
            !matches!(
                e.value().name(),
                "img" | "iframe" | "object" | "embed" | "link"
            ),
            "{}",
            e.html()
        );
    }
    assert_eq!(select(&doc, "style").len(), 1);
    if has_graphviz() {
        // The maps name every actor too, and hold only SVG's own elements.
        let svgs = select(&doc, "svg");
        assert_eq!(svgs.len(), 3);
        let map_text = text(&svgs[0]);
        assert!(map_text.contains("<script>alert(1)</script>"));
        for e in select(&doc, "svg *") {
            assert!(
                matches!(
                    e.value().name(),
                    "title"
                        | "desc"
                        | "g"
                        | "a"
                        | "use"
                        | "polygon"
                        | "ellipse"
                        | "path"
                        | "text"
                        | "polyline"
                ),
                "unexpected <{}> in a map",
                e.value().name()
            );
        }
    }
}

#[test]
fn without_graphviz_every_section_but_the_maps_comes_out_with_how_to_install_it() {
    let (raw, stderr) = report(
        &county_dir(),
        &[],
        &[("STAKENET_DOT", "/nonexistent/graphviz-dot")],
    );
    let doc = Html::parse_document(&raw);
    check_sections(&doc);
    check_self_contained(&doc, Some(&raw));
    assert!(select(&doc, "svg").is_empty());
    let notices: Vec<String> = select(&doc, "p.notice").iter().map(text).collect();
    assert_eq!(notices.len(), 3, "the site map and both before/after maps");
    for n in &notices {
        assert!(n.contains("apt-get install graphviz"), "{n}");
    }
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
    assert_eq!(select(&doc, "#actor-table tbody tr").len(), 28);
}

#[test]
fn the_same_bytes_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("page.html");
    let page = |threads: &str| {
        stakenet()
            .args(["report", "--threads", threads])
            .arg(county_dir())
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        std::fs::read(&out).unwrap()
    };
    assert!(page("1") == page("4"), "pages differ with the thread count");
}

#[test]
fn the_default_output_sits_beside_the_folder_and_never_over_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    std::fs::create_dir(&dir).unwrap();
    for f in ["nodes.csv", "edges.csv"] {
        std::fs::copy(county_dir().join(f), dir.join(f)).unwrap();
    }
    stakenet()
        .arg("report")
        .arg(&dir)
        .env("STAKENET_DOT", "/nonexistent/dot")
        .assert()
        .success();
    let page = tmp.path().join("site-report.html");
    assert!(page.is_file());
    let before = std::fs::read(dir.join("nodes.csv")).unwrap();
    let out = stakenet()
        .arg("report")
        .arg(&dir)
        .arg("-o")
        .arg(dir.join("nodes.csv"))
        .assert()
        .failure()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("refusing to write the report over the input file"));
    assert_eq!(std::fs::read(dir.join("nodes.csv")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

#[test]
fn pdf_without_chromium_says_so_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site.pdf");
    let run = stakenet()
        .arg("report")
        .arg(county_dir())
        .arg("-o")
        .arg(&out)
        .env("STAKENET_CHROMIUM", "/nonexistent/chromium")
        .env("STAKENET_DOT", "/nonexistent/dot")
        .assert()
        .failure()
        .code(1);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        stderr.contains("PDF output needs Chromium") && stderr.contains("apt-get install chromium"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn a_bad_exit_flag_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("page.html");
    stakenet()
        .arg("report")
        .arg(county_dir())
        .args(["--exit", "nobody", "-o"])
        .arg(&out)
        .assert()
        .failure()
        .code(1)
        .stderr(predicates::str::contains(
            "--exit: no actor has the id \"nobody\"",
        ));
    assert!(!out.exists());
}

#[test]
fn a_handover_and_a_site_without_practitioners_read_as_they_are() {
    let (raw, _) = report(
        &county_dir(),
        &["--handover", "data_coach=qa_analyst"],
        &[("STAKENET_DOT", "/nonexistent/dot")],
    );
    let doc = Html::parse_document(&raw);
    let net = stakenet::io::load_dir(county_dir()).unwrap();
    let spec = ExitSpec {
        exit: stakenet::metrics::exit::default_exit(&net),
        handovers: vec![stakenet::metrics::exit::Handover {
            from: net.index_of("data_coach").unwrap(),
            to: net.index_of("qa_analyst").unwrap(),
            factor: 0.5,
        }],
    };
    let m = exit(&net, &spec).unwrap();
    assert_eq!(value(&select(&doc, "#sustainability")[0]), m.sustainability);
    let said: Vec<String> = select(&doc, "#exit > p").iter().map(text).collect();
    assert!(said.contains(
        &"Before leaving, Omar (data coach - intermediary) hands their ties to stakeholders \
          over to Wen (agency QA and data analyst), at 50% of their trust."
            .to_string()
    ));
    assert!(select(&doc, "#successors").is_empty());
    let findings: Vec<String> = select(&doc, "#exit-findings p").iter().map(text).collect();
    assert!(findings[1].starts_with("Without the handover the site would keep"));

    let (raw, _) = report(
        &root().join("data/real/florentine"),
        &[],
        &[("STAKENET_DOT", "/nonexistent/dot")],
    );
    let doc = Html::parse_document(&raw);
    check_sections(&doc);
    assert_eq!(
        text(&select(&doc, "#leaving")[0]),
        "Nobody leaves: the network has no external practitioner (name the actors who leave \
         with --exit)."
    );
    assert_eq!(
        text(&select(&doc, "#plan-summary")[0]),
        "No introduction between the leavers' contacts would add trusted reach."
    );
    assert!(select(&doc, "#plan-steps").is_empty());
}

/// The power-and-voice sentences of a page, as shown.
fn power_findings(doc: &Html) -> Vec<String> {
    select(doc, "#findings #power-findings p")
        .iter()
        .map(text)
        .collect()
}

#[test]
fn power_and_voice_findings_are_the_library_s_with_the_page_s_exit() {
    let net = stakenet::io::load_dir(county_dir()).unwrap();
    // Defaults: every external practitioner leaves, voices power ≤ 0.3,
    // decision-makers power ≥ 0.7.
    let (raw, _) = report(&county_dir(), &[], &[]);
    let shown_default = power_findings(&Html::parse_document(&raw));
    let default = stakenet::power(&net, &stakenet::VoiceRequest::default()).unwrap();
    assert!(!default.summary.voices.is_empty() && !default.summary.decision_makers.is_empty());
    assert_eq!(shown_default, default.findings());
    // Named voices and decision-makers, a steep threshold and the page's
    // own exit are passed on to `power`.
    let (raw, _) = report(
        &county_dir(),
        &[
            "--exit",
            "isp_lead",
            "--voices",
            "fam_maria,fam_tom,cw_dev",
            "--decision-makers",
            "director",
            "--steep",
            "0.5",
        ],
        &[],
    );
    let shown = power_findings(&Html::parse_document(&raw));
    let named = stakenet::power(
        &net,
        &stakenet::VoiceRequest {
            exit: stakenet::ExitRequest::of(["isp_lead"]),
            voices: Some(vec!["fam_maria".into(), "fam_tom".into(), "cw_dev".into()]),
            decision_makers: Some(vec!["director".into()]),
            steep: 0.5,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(named.summary.voices, ["cw_dev", "fam_maria", "fam_tom"]);
    assert_eq!(shown, named.findings());
    assert_ne!(shown, shown_default);
    // Thresholds too.
    let (raw, _) = report(
        &county_dir(),
        &["--low-power", "0.2", "--decision-power", "0.9"],
        &[],
    );
    let thresholds = stakenet::power(
        &net,
        &stakenet::VoiceRequest {
            low_power: 0.2,
            decision_power: 0.9,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        power_findings(&Html::parse_document(&raw)),
        thresholds.findings()
    );
}

#[test]
fn a_voice_who_leaves_is_refused_naming_the_flag_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("page.html");
    stakenet()
        .arg("report")
        .arg(county_dir())
        .arg("-o")
        .arg(&out)
        .args(["--voices", "isp_lead"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("--voices"));
    assert!(!out.exists());
}

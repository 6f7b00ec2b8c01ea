//! `render::dot`: the DOT text parses back to the graph we meant, matches
//! the committed snapshots, survives hostile labels, and Graphviz renders it.

use std::process::Command;

mod common;
use common::{root, to_dot, to_graph};

use graphviz_rust::dot_structures::{Graph, Id, Stmt};
use stakenet::metrics::exit::{default_exit, exit, handover_ties, ExitSpec, Handover};
use stakenet::metrics::plan;
use stakenet::render::dot::{exit_overlay, ClusterBy, DotOptions, DotOverlay, SizeBy};
use stakenet::Network;

#[path = "support/dot_ast.rs"]
mod dot_ast;
#[path = "support/hostile_labels.rs"]
mod hostile_labels;
use dot_ast::{clusters, edges, get, graph_attrs, name, nodes, parse, shown, stmts};
use hostile_labels::{hostile, hostile_net};

fn county() -> Network {
    stakenet::io::load_dir(root().join("data/county-parenting-site")).unwrap()
}

/// The exit view of the snapshot and of docs/county-parenting-site-exit.png,
/// from the library as `stakenet dot data/county-parenting-site --handover
/// data_coach=qa_analyst --plan 2` builds it: Omar hands his ties to Wen,
/// Nadia exits by default, and the plan's first two introductions.
fn county_exit_overlay(net: &Network) -> DotOverlay {
    let a = |id: &str| net.index_of(id).unwrap();
    let spec = ExitSpec {
        exit: default_exit(net),
        handovers: vec![Handover {
            from: a("data_coach"),
            to: a("qa_analyst"),
            factor: 0.5,
        }],
    };
    let m = exit(net, &spec).unwrap();
    let handed = handover_ties(net, &spec).unwrap();
    let steps = plan(net, &spec, 2).unwrap();
    exit_overlay(net, &m, &handed, &steps)
}

#[test]
fn dot_parses_back_to_the_same_graph() {
    let net = county();
    let overlay = county_exit_overlay(&net);
    for (options, ov) in [
        (DotOptions::default(), None),
        (
            DotOptions {
                size_by: SizeBy::Degree,
                cluster_by: ClusterBy::Level,
                title: Some("t".into()),
                no_legend: true,
            },
            Some(&overlay),
        ),
    ] {
        let text = to_dot(&net, &options, ov);
        assert_eq!(parse(&text), to_graph(&net, &options, ov));
    }
}

/// Compare with the committed file; `UPDATE_SNAPSHOTS=1 cargo test` rewrites it.
fn check_snapshot(file: &str, text: &str) {
    let path = root().join("tests/snapshots").join(file);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    if expected != text {
        let line = expected
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(text.lines().count()));
        panic!(
            "{} differs from the output at line {}:\nexpected: {:?}\nactual:   {:?}\n\
             (UPDATE_SNAPSHOTS=1 cargo test --test dot rewrites it; review the diff)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            text.lines().nth(line)
        );
    }
}

#[test]
fn county_site_dot_matches_the_snapshot() {
    let net = county();
    let text = to_dot(&net, &DotOptions::default(), None);
    check_snapshot("county-parenting-site.dot", &text);
    // The same input gives the same bytes.
    assert_eq!(text, to_dot(&net, &DotOptions::default(), None));
}

#[test]
fn county_site_exit_view_matches_the_snapshot() {
    let net = county();
    let text = to_dot(
        &net,
        &DotOptions::default(),
        Some(&county_exit_overlay(&net)),
    );
    check_snapshot("county-parenting-site-exit.dot", &text);
}

#[test]
fn nodes_come_in_id_order_and_ties_carry_the_encoding() {
    let net = county();
    let g = parse(&to_dot(&net, &DotOptions::default(), None));
    let names: Vec<String> = nodes(&g).into_iter().map(|(n, _)| n).collect();
    let ids: Vec<&str> = net.actors().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(names, ids);
    let (_, isp) = nodes(&g)
        .into_iter()
        .find(|(n, _)| n == "isp_lead")
        .unwrap();
    assert_eq!(get(isp, "shape"), Some(&Id::Plain("doubleoctagon".into())));
    assert_eq!(
        shown(get(isp, "label").unwrap()),
        "Nadia (lead\nimplementation\nspecialist -\nintermediary)"
    );
    let (_, imp) = nodes(&g)
        .into_iter()
        .find(|(n, _)| n == "imp_lead")
        .unwrap();
    assert_eq!(get(imp, "shape"), Some(&Id::Plain("octagon".into())));
    assert_eq!(shown(get(imp, "style").unwrap()), "filled,dashed");

    let es = edges(&g);
    assert_eq!(es.len(), net.ties().len());
    for ((a, b, attrs), tie) in es.iter().zip(net.ties()) {
        assert_eq!(a, &net.actor(tie.source).id);
        assert_eq!(b, &net.actor(tie.target).id);
        assert_eq!(
            get(attrs, "dir").is_some(),
            !tie.directed,
            "{a}-{b}: mutual ties have no arrow"
        );
        assert_eq!(
            get(attrs, "style").map(shown).as_deref() == Some("dashed"),
            tie.trust < 0.3,
            "{a}-{b}: dashed exactly below trust 0.3"
        );
    }
    let tie = |a: &str, b: &str| es.iter().find(|(x, y, _)| x == a && y == b).unwrap().2;
    // Low-trust stakeholder tie, dashed; trust 0.25 sits at 1.5 of the 6
    // steps of the blue ramp: halfway from #9ecae1 to #6baed6 = #85bcdc
    // (rounded); 2 contacts → 0.5 + 1.2 ln 3 = 1.818.
    let gus = tie("deputy", "cw_gus");
    assert_eq!(shown(get(gus, "color").unwrap()), "#85bcdc");
    assert_eq!(get(gus, "penwidth"), Some(&Id::Plain("1.82".into())));
    // Trust 0.95 → step 5.7: 0.7 of the way from #a63603 to #7f2704.
    assert_eq!(
        shown(get(tie("isp_lead", "fam_lee"), "color").unwrap()),
        "#8b2c04"
    );
    // Mutual trust 0 to a supervisor: lightest blue, dashed.
    assert_eq!(
        shown(get(tie("state_officer", "sup_a"), "color").unwrap()),
        "#c6dbef"
    );
    // Ties inside a group box do not rank; ties between boxes do.
    assert_eq!(
        get(tie("director", "deputy"), "constraint"),
        Some(&Id::Plain("false".into()))
    );
    assert_eq!(get(tie("director", "sup_a"), "constraint"), None);
}

#[test]
fn clusters_follow_the_chosen_partition() {
    let net = county();
    let members = |by: ClusterBy| -> Vec<(String, Vec<String>)> {
        let options = DotOptions {
            cluster_by: by,
            no_legend: true,
            ..DotOptions::default()
        };
        let g = parse(&to_dot(&net, &options, None));
        clusters(&g)
            .into_iter()
            .map(|(name, _, members)| (name, members))
            .collect()
    };
    let groups = members(ClusterBy::Group);
    assert_eq!(groups.len(), 10);
    assert_eq!(
        groups[0],
        (
            "cluster_group_agency_leadership".to_string(),
            vec!["deputy".to_string(), "director".to_string()]
        )
    );
    let levels = members(ClusterBy::Level);
    let level_names: Vec<&str> = levels.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        level_names,
        [
            "cluster_level_macro",
            "cluster_level_organizational",
            "cluster_level_local"
        ]
    );
    assert_eq!(levels[0].1, ["evaluator", "funder", "state_officer"]);
    assert!(members(ClusterBy::None).is_empty());
}

#[test]
fn overlay_greys_exits_and_draws_overlay_ties_after_the_network_ties() {
    let net = county();
    let ov = county_exit_overlay(&net);
    let g = parse(&to_dot(&net, &DotOptions::default(), Some(&ov)));
    let ns = nodes(&g);
    let attrs_of = |id: &str| ns.iter().find(|(n, _)| n == id).unwrap().1;
    for exits in ["isp_lead", "data_coach"] {
        assert_eq!(shown(get(attrs_of(exits), "fillcolor").unwrap()), "#eeeeee");
        assert!(shown(get(attrs_of(exits), "label").unwrap()).ends_with("\n(exits)"));
    }
    assert_eq!(shown(get(attrs_of("funder"), "color").unwrap()), "#cb181d");
    assert!(shown(get(attrs_of("funder"), "label").unwrap()).ends_with("\n(stranded)"));
    // Omar's tie to the evaluator went to Wen: stranded by the default
    // exit (tests/fixtures/exit/county-parenting-site-default.json), not
    // after the handover.
    assert!(!shown(get(attrs_of("evaluator"), "label").unwrap()).contains("stranded"));
    assert_eq!(
        shown(get(attrs_of("director"), "fillcolor").unwrap()),
        "white"
    );

    let es = edges(&g);
    assert_eq!(es.len(), net.ties().len() + 3 + 2);
    // Every tie of an exiting actor is grey, and only those.
    for ((a, b, attrs), tie) in es.iter().zip(net.ties()) {
        let gone = ov.exiting.contains(&tie.source) || ov.exiting.contains(&tie.target);
        assert_eq!(
            shown(get(attrs, "color").unwrap()) == "#cccccc",
            gone,
            "{a}-{b}"
        );
    }
    // Omar's stakeholder ties at half trust: evaluator 0.85, sup_b 0.6,
    // cw_dev 0.5 (qa_analyst is TO, imp_lead and isp_lead practitioners).
    let overlay_ties: Vec<(&str, &str, String, String)> = es[net.ties().len()..]
        .iter()
        .map(|(a, b, attrs)| {
            (
                a.as_str(),
                b.as_str(),
                shown(get(attrs, "color").unwrap()),
                shown(get(attrs, "label").unwrap()),
            )
        })
        .collect();
    let green = |a, b, t: &str| (a, b, "#1a9850".to_string(), t.to_string());
    let purple = |a, b, t: &str| (a, b, "#762a83".to_string(), t.to_string());
    assert_eq!(
        overlay_ties,
        [
            green("qa_analyst", "cw_dev", "0.25"),
            green("qa_analyst", "evaluator", "0.42"),
            green("qa_analyst", "sup_b", "0.30"),
            // The plan's steps: 0.95 × 0.7 and 0.95 × 0.8 through Nadia.
            purple("deputy", "fam_lee", "0.66"),
            purple("fam_lee", "funder", "0.76"),
        ]
    );
    let (_, _, proposed) = &es[net.ties().len() + 3];
    assert_eq!(get(proposed, "style"), Some(&Id::Plain("dotted".into())));

    let title = shown(get(graph_attrs(&g), "label").unwrap());
    assert_eq!(
        title.lines().collect::<Vec<_>>(),
        [
            "If Omar and Nadia leave, handing ties over to Wen: the site keeps 58% of its \
             trusted reach (1 stakeholder stranded)",
            "With the 2 proposed introductions, it would keep 74%",
            "Group bridges lost: 8 pairs of groups; per group: funder 8, agency_leadership 1, \
             community_provider 1,",
            "families 1, frontline 1, implementation_team 1, state 1, supervisors 1, university 1",
        ]
    );
}

#[test]
fn default_exit_of_the_county_site_sums_many_lost_bridges_per_group() {
    // tests/fixtures/exit/county-parenting-site-default.json: sustainability
    // 0.5606, evaluator and funder stranded, 15 lost pairs of groups.
    let net = county();
    let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
    let ov = exit_overlay(&net, &m, &[], &[]);
    let g = parse(&to_dot(&net, &DotOptions::default(), Some(&ov)));
    let title = shown(get(graph_attrs(&g), "label").unwrap());
    assert!(
        title.starts_with(
            "If Omar and Nadia leave: the site keeps 56% of its trusted reach \
             (2 stakeholders stranded)\nGroup bridges lost: 15 pairs of groups; per group: \
             funder 8, university 8, agency_leadership 2,"
        ),
        "{title}"
    );
    // A user's title stays, above the overlay's.
    let options = DotOptions {
        title: Some("County site, spring review".into()),
        ..DotOptions::default()
    };
    let g = parse(&to_dot(&net, &options, Some(&ov)));
    let title = shown(get(graph_attrs(&g), "label").unwrap());
    assert!(title.starts_with("County site, spring review\nIf Omar and Nadia leave:"));
}

/// Run Graphviz's dot, or None (with a note) when it is not installed.
fn graphviz(dot_text: &str, format: &str) -> Option<String> {
    use std::io::Write;
    let child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("SKIPPED: Graphviz's `dot` is not installed (apt-get install graphviz)");
            return None;
        }
        Err(e) => panic!("cannot run dot: {e}"),
    };
    let mut stdin = child.stdin.take().unwrap();
    let input = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "dot failed or warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Text as Graphviz writes it into SVG: XML-escaped, `-` as `&#45;`.
fn xml_escaped(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '-' => out.push_str("&#45;"),
            c => out.push(c),
        }
    }
    out
}

/// Node names as Graphviz read them, from its plain output.
fn graphviz_node_count(dot_text: &str) -> Option<usize> {
    let plain = graphviz(dot_text, "plain")?;
    Some(plain.lines().filter(|l| l.starts_with("node ")).count())
}

#[test]
fn hostile_labels_cannot_break_the_dot() {
    let net = hostile_net();
    let text = to_dot(&net, &DotOptions::default(), None);
    let g = parse(&text);
    assert_eq!(g, to_graph(&net, &DotOptions::default(), None));

    // Exactly the actors, in id order, with their labels as wrapped.
    let mut expected: Vec<(String, String)> = hostile()
        .into_iter()
        .map(|(id, _, lines)| (id, lines.join("\n")))
        .collect();
    expected.sort();
    let actual: Vec<(String, String)> = nodes(&g)
        .into_iter()
        .map(|(n, attrs)| (n, shown(get(attrs, "label").unwrap())))
        .collect();
    assert_eq!(actual, expected);
    let es = edges(&g);
    assert_eq!(es.len(), 2);
    assert_eq!(es[1].0, "inject2\"];\nx [label=\"pwn");
    assert_eq!(es[1].1, "back\\slash\\");

    // Graphviz itself reads the same actors: one SVG node per actor and
    // legend sample, no stray node from an injected statement.
    let Some(svg) = graphviz(&text, "svg") else {
        return;
    };
    assert_eq!(
        graphviz_node_count(&text),
        Some(net.len() + nodes_in_legend(&g))
    );
    for (_, _, lines) in hostile() {
        for line in lines {
            assert!(
                svg.contains(&format!(">{}</text>", xml_escaped(&line))),
                "{line:?} is not drawn"
            );
        }
    }
}

fn nodes_in_legend(g: &Graph) -> usize {
    stmts(g)
        .iter()
        .filter_map(|s| match s {
            Stmt::Subgraph(sub) if name(&sub.id) == "cluster_legend" => Some(
                sub.stmts
                    .iter()
                    .filter(|s| matches!(s, Stmt::Node(_)))
                    .count(),
            ),
            _ => None,
        })
        .sum()
}

#[test]
fn graphviz_draws_every_actor_of_the_example() {
    let net = county();
    let text = to_dot(&net, &DotOptions::default(), None);
    let Some(svg) = graphviz(&text, "svg") else {
        return;
    };
    let g = parse(&text);
    for (id, attrs) in nodes(&g) {
        for line in shown(get(attrs, "label").unwrap()).lines() {
            assert!(
                svg.contains(&format!(">{}</text>", xml_escaped(line))),
                "{id}: {line:?} is not in the SVG"
            );
        }
        assert!(svg.contains(&format!("<title>{}</title>", xml_escaped(&id))));
    }
}

#[test]
fn example_labels_are_the_actor_labels() {
    // Guards the SVG test above against comparing the DOT with itself: the
    // labels drawn are the nodes.csv labels, only wrapped.
    let net = county();
    let g = parse(&to_dot(&net, &DotOptions::default(), None));
    for ((_, attrs), actor) in nodes(&g).into_iter().zip(net.actors()) {
        assert_eq!(
            shown(get(attrs, "label").unwrap()).replace('\n', " "),
            actor.label
        );
    }
}

#[test]
fn graphviz_draws_each_overlay_tie_once() {
    // dot draws a constraint=false edge between two clusters twice (old
    // graphviz tracker #257, #258, #1223); with constraint=false on the
    // overlay ties, fam_lee–funder here came out as two dotted lines.
    let net = county();
    let text = to_dot(
        &net,
        &DotOptions::default(),
        Some(&county_exit_overlay(&net)),
    );
    let Some(svg) = graphviz(&text, "svg") else {
        return;
    };
    let mut seen = 0;
    for group in svg.split("<g id=\"edge").skip(1) {
        let group = &group[..group.find("</g>").unwrap()];
        if group.contains("stroke=\"#1a9850\"") || group.contains("stroke=\"#762a83\"") {
            if group.contains("<title>legend:") {
                continue;
            }
            seen += 1;
            assert_eq!(group.matches("<path").count(), 1, "{group}");
        }
    }
    assert_eq!(seen, 5);
}

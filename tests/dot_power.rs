//! The power view of `stakenet dot`: voices and decision-makers marked by
//! shape and named in the legend, sizes from voice brokerage, unheard voices
//! outlined red and labelled (colour is never the only cue), and the view
//! after an exit.

use assert_cmd::Command;
use stakenet::{Actor, DotRequest, ExitRequest, Network, TieSpec, VoiceRequest};

/// The power view through the library's `dot` call; with `exit`, as after it.
fn power_view(net: &Network, exit: Option<ExitRequest>) -> String {
    let request = DotRequest {
        exit,
        power: Some(VoiceRequest::default()),
        ..DotRequest::default()
    };
    stakenet::dot(net, &request).unwrap().text
}

fn actor(id: &str, power: f64) -> Actor {
    let mut a = Actor::stakeholder(id);
    a.power = power;
    a
}

/// Voices u (0.1) and v (0.2), decision-maker d (0.9). u is tied to
/// nobody but w (0.5). v reaches d through the external practitioner isp
/// (0.8 × 0.8 = 0.64, length 2.5) and through b (0.5 × 0.5, length 4): isp
/// carries v's one shortest route, b carries it once isp has left.
fn site() -> Network {
    let mut isp = Actor::practitioner("isp");
    isp.label = "Nadia (ISP)".into();
    Network::from_parts(
        vec![
            actor("b", 0.5),
            actor("d", 0.9),
            isp,
            actor("u", 0.1),
            actor("v", 0.2),
            actor("w", 0.5),
        ],
        &[
            TieSpec::mutual("v", "isp", 0.8),
            TieSpec::mutual("isp", "d", 0.8),
            TieSpec::mutual("v", "b", 0.5),
            TieSpec::mutual("b", "d", 0.5),
            TieSpec::mutual("u", "w", 0.8),
        ],
    )
    .unwrap()
}

/// The attribute text of one node statement.
fn node<'a>(dot: &'a str, id: &str) -> &'a str {
    let start = dot.find(&format!("  \"{id}\"[")).expect("node drawn");
    let line = &dot[start..];
    &line[..line.find('\n').unwrap()]
}

fn attr<'a>(node: &'a str, key: &str) -> Vec<&'a str> {
    let pat = format!(" {key}=");
    node.match_indices(&pat)
        .map(|(k, _)| {
            let rest = &node[k + pat.len()..];
            let end = if let Some(quoted) = rest.strip_prefix('"') {
                quoted.find('"').unwrap() + 2
            } else {
                rest.find([' ', ']']).unwrap()
            };
            &rest[..end]
        })
        .collect()
}

#[test]
fn voices_and_decision_makers_are_marked_by_shape_and_sized_by_their_routes() {
    let net = site();
    let dot = power_view(&net, None);
    // Each mark sets its attribute once (no duplicate keys for a reader).
    assert_eq!(attr(node(&dot, "v"), "shape"), ["box"]);
    assert_eq!(attr(node(&dot, "d"), "shape"), ["house"]);
    assert_eq!(attr(node(&dot, "b"), "shape"), ["ellipse"]);
    // u reaches no decision-maker: red, thick, and labelled.
    let u = node(&dot, "u");
    assert_eq!(attr(u, "color"), ["\"#cb181d\""]);
    assert_eq!(attr(u, "penwidth"), ["4"]);
    assert!(u.contains("label=\"u\\n(no line)\""), "{u}");
    assert!(!node(&dot, "v").contains("no line"));
    // Before the exit, isp carries v's route: the largest node.
    assert_eq!(attr(node(&dot, "isp"), "width"), ["2.00"]);
    assert_eq!(attr(node(&dot, "b"), "width"), ["0.90"]);
    for sample in [
        "voice\\n(least power)",
        "decision-maker",
        "voice with\\nno line",
    ] {
        assert!(dot.contains(sample), "legend names {sample}");
    }
    assert!(dot.contains("larger node: carries more of the voices' routes"));
    assert!(dot.contains(
        "label=\"2 voices, 1 decision-maker: 1 voice has no trusted line (32% trust on average)\""
    ));
}

#[test]
fn the_view_after_the_exit_moves_the_routes_and_greys_the_leavers() {
    let net = site();
    let dot = power_view(&net, Some(ExitRequest::default()));
    let isp = node(&dot, "isp");
    assert!(isp.contains("(exits)"), "{isp}");
    assert_eq!(attr(isp, "width"), ["0.90"]);
    assert_eq!(attr(node(&dot, "b"), "width"), ["2.00"]);
    // v keeps 0.25 of 0.64: the mean goes from 0.32 to 0.125, 39%.
    // (The title wraps at 120 characters.)
    let title = dot.lines().nth(1).unwrap().replace("\\n", " ");
    assert!(
        title.contains(
            "; after the exit, 1 voice has none and the voices keep 39% of their trusted access"
        ),
        "{title}"
    );
    assert!(
        dot.contains("label=exits") || dot.contains("label=\"exits\""),
        "exit sample in the legend"
    );
    assert!(
        !dot.contains("stranded"),
        "no stranded marks in the power view"
    );
}

/// `stakenet dot data/county-parenting-site --view power ARGS…`.
fn county_power_view(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("stakenet")
        .unwrap()
        .args(["dot", "data/county-parenting-site", "--view", "power"])
        .args(args)
        .assert()
}

#[test]
fn the_command_draws_the_power_view_and_refuses_a_plan_with_it() {
    let text = |a: assert_cmd::assert::Assert| {
        String::from_utf8(a.success().get_output().stdout.clone()).unwrap()
    };
    let dot = text(county_power_view(&[]));
    assert_eq!(attr(node(&dot, "fam_tom"), "shape"), ["box"]);
    assert_eq!(attr(node(&dot, "director"), "shape"), ["house"]);
    assert!(!node(&dot, "isp_lead").contains("(exits)"));
    let dot = text(county_power_view(&["--handover", "isp_lead=imp_lead"]));
    assert!(node(&dot, "isp_lead").contains("(exits)"));
    assert!(dot.contains("#1a9850"), "handed-over ties drawn green");
    county_power_view(&["--plan", "2"]).code(2);
    county_power_view(&["--voices", "isp_lead"])
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains(
            "--voices: voice \"isp_lead\" is a practitioner",
        ));
}

//! `stakenet::compare` on hand-built pairs of waves, with the expected
//! changes written out, and on the two waves of the example site.

use stakenet::compare::{
    compare, Amount, ArcChange, CompareOptions, Comparison, Direction, PairStatus, Presence,
    TieForm,
};
use stakenet::{Actor, Network, RelationshipType, TieSpec};

fn grouped(mut a: Actor, group: &str) -> Actor {
    a.group = group.to_string();
    a
}

/// p (practitioner, group isp) and stakeholders a, b (group site), c
/// (group family); `extra` ties on top of p–a 0.8, a–b 0.5, b–c 0.5.
fn site(extra: &[TieSpec]) -> Network {
    let actors = vec![
        grouped(Actor::practitioner("p"), "isp"),
        grouped(Actor::stakeholder("a"), "site"),
        grouped(Actor::stakeholder("b"), "site"),
        grouped(Actor::stakeholder("c"), "family"),
    ];
    let mut ties = vec![
        TieSpec::mutual("p", "a", 0.8),
        TieSpec::mutual("a", "b", 0.5),
        TieSpec::mutual("b", "c", 0.5),
    ];
    ties.extend_from_slice(extra);
    Network::from_parts(actors, &ties).unwrap()
}

fn run(before: &Network, after: &Network) -> Comparison {
    compare(before, after, &CompareOptions::default()).unwrap()
}

fn figure(c: &Comparison, name: &str) -> (Option<f64>, Option<f64>, Option<f64>) {
    let f = c.network.iter().find(|f| f.figure == name).unwrap();
    let v = |x: Option<Amount>| x.map(Amount::as_f64);
    (v(f.before), v(f.after), v(f.change))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12
}

#[test]
fn identical_waves_show_no_change_and_every_delta_is_zero() {
    let net = site(&[TieSpec::directed("c", "p", 0.3)]);
    let c = run(&net, &net);
    let s = &c.summary;
    assert!(s.comparable);
    assert_eq!(
        (s.actors_before, s.actors_after, s.actors_in_both),
        (4, 4, 4)
    );
    assert_eq!(
        [
            s.actors_joined,
            s.actors_left,
            s.actors_changed,
            s.ties_formed,
            s.ties_dissolved,
            s.ties_strengthened,
            s.ties_weakened,
            s.ties_rebalanced,
            s.communication_more,
            s.communication_less
        ],
        [0; 10]
    );
    assert_eq!((s.ties_before, s.ties_after), (4, 4));
    assert!(c.ties.is_empty() && c.warnings.is_empty());
    assert!(c.actors.joined.is_empty() && c.actors.left.is_empty());
    for f in c
        .network
        .iter()
        .chain(c.per_actor.iter().flat_map(|a| &a.figures))
    {
        assert_eq!(f.before, f.after, "{}", f.figure);
        if let Some(change) = f.change {
            assert_eq!(change.as_f64(), 0.0, "{}", f.figure);
        } else {
            assert_eq!(
                f.before, None,
                "{}: a change is null only when undefined",
                f.figure
            );
        }
    }
    assert!(c.per_actor.iter().all(|a| a.presence == Presence::Both));
}

#[test]
fn one_tie_formed_between_stakeholders_across_groups() {
    let before = site(&[]);
    let after = site(&[TieSpec::mutual("a", "c", 0.4)]);
    let c = run(&before, &after);
    assert_eq!(c.summary.ties_formed, 1);
    assert_eq!((c.summary.ties_before, c.summary.ties_after), (3, 4));
    assert_eq!(c.ties.len(), 1);
    let t = &c.ties[0];
    assert_eq!((t.a.as_str(), t.b.as_str()), ("a", "c"));
    assert_eq!(t.change, PairStatus::Formed);
    assert_eq!(t.relationship, RelationshipType::StakeholderStakeholder);
    assert!(t.across_groups);
    assert_eq!(
        (t.trust_before, t.trust_after, t.trust_change),
        (None, Some(0.4), None)
    );
    assert_eq!((t.form_before, t.form_after), (None, Some(TieForm::Mutual)));
    assert_eq!(
        t.arcs,
        [
            ArcChange {
                source: "a".into(),
                target: "c".into(),
                trust_before: None,
                trust_after: Some(0.4),
                trust_change: None
            },
            ArcChange {
                source: "c".into(),
                target: "a".into(),
                trust_before: None,
                trust_after: Some(0.4),
                trust_change: None
            }
        ]
    );
    let ss = &c.relationship_types[1];
    assert_eq!(ss.relationship, RelationshipType::StakeholderStakeholder);
    assert_eq!((ss.ties_before, ss.ties_after, ss.formed), (2, 3, 1));
    assert_eq!(ss.formed_across_groups, 1);
    // Density 3/6 → 4/6 (undirected, 4 actors); mean trust (0.8 + 0.5 +
    // 0.5) / 3 = 0.6 → (1.8 + 0.4) / 4 = 0.55.
    let (b, a, d) = figure(&c, "density");
    assert!(close(b.unwrap(), 0.5) && close(a.unwrap(), 4.0 / 6.0));
    assert!(close(d.unwrap(), 1.0 / 6.0));
    let (b, a, _) = figure(&c, "mean_trust");
    assert!(close(b.unwrap(), 0.6) && close(a.unwrap(), 0.55));
    let f = c.findings();
    assert!(
        f.iter()
            .any(|x| x == "1 new tie between stakeholders, 1 of them across groups."),
        "{f:?}"
    );
}

#[test]
fn one_tie_dissolved() {
    let before = site(&[TieSpec::mutual("a", "c", 0.4)]);
    let after = site(&[]);
    let c = run(&before, &after);
    assert_eq!((c.summary.ties_formed, c.summary.ties_dissolved), (0, 1));
    let t = &c.ties[0];
    assert_eq!(t.change, PairStatus::Dissolved);
    assert_eq!((t.trust_before, t.trust_after), (Some(0.4), None));
    assert_eq!((t.form_before, t.form_after), (Some(TieForm::Mutual), None));
}

#[test]
fn strengthened_only_at_or_above_the_threshold() {
    let before = site(&[TieSpec::mutual("a", "c", 0.5)]);
    // 0.58 − 0.5 = 0.08 < 0.1: no change listed.
    let c = run(&before, &site(&[TieSpec::mutual("a", "c", 0.58)]));
    assert!(c.ties.is_empty());
    assert_eq!(c.summary.ties_strengthened, 0);
    // 0.6 − 0.5 is 0.09999999999999998 in binary: it reaches 0.1.
    let after = site(&[TieSpec::mutual("a", "c", 0.6)]);
    let c = run(&before, &after);
    assert_eq!(c.summary.ties_strengthened, 1);
    let t = &c.ties[0];
    assert_eq!(t.change, PairStatus::Strengthened);
    assert!(close(t.trust_change.unwrap(), 0.1));
    // The same pair is weakened the other way round, and not changed at all
    // at a threshold of 0.2.
    assert_eq!(run(&after, &before).ties[0].change, PairStatus::Weakened);
    let strict = CompareOptions {
        changed: 0.2,
        ..CompareOptions::default()
    };
    assert!(compare(&before, &after, &strict).unwrap().ties.is_empty());
}

#[test]
fn communication_changes_are_counted_at_their_own_threshold() {
    let mut busy = TieSpec::mutual("a", "c", 0.5);
    busy.communication = Some(4.0);
    let mut quiet = busy.clone();
    quiet.communication = Some(1.5);
    let c = run(&site(&[busy.clone()]), &site(&[quiet]));
    assert_eq!(c.summary.communication_less, 1);
    let t = &c.ties[0];
    assert_eq!(t.change, PairStatus::Unchanged);
    assert_eq!(t.communication, Some(Direction::Less));
    assert_eq!(t.communication_change, Some(-2.5));
    let mut same = busy.clone();
    same.communication = Some(3.5);
    assert!(run(&site(&[busy]), &site(&[same])).ties.is_empty());
}

#[test]
fn an_actor_leaving_takes_its_ties_with_it() {
    let before = site(&[TieSpec::mutual("a", "c", 0.4)]);
    let after = Network::from_parts(
        vec![
            grouped(Actor::practitioner("p"), "isp"),
            grouped(Actor::stakeholder("a"), "site"),
            grouped(Actor::stakeholder("b"), "site"),
        ],
        &[
            TieSpec::mutual("p", "a", 0.8),
            TieSpec::mutual("a", "b", 0.5),
        ],
    )
    .unwrap();
    let c = run(&before, &after);
    assert_eq!(c.summary.actors_left, 1);
    assert_eq!(c.actors.left[0].id, "c");
    assert_eq!(c.summary.ties_dissolved, 2);
    let pairs: Vec<(&str, &str, PairStatus)> = c
        .ties
        .iter()
        .map(|t| (t.a.as_str(), t.b.as_str(), t.change))
        .collect();
    assert_eq!(
        pairs,
        [
            ("a", "c", PairStatus::Dissolved),
            ("b", "c", PairStatus::Dissolved)
        ]
    );
    let gone = c.per_actor.iter().find(|a| a.id == "c").unwrap();
    assert_eq!(gone.presence, Presence::Left);
    for f in &gone.figures {
        assert_eq!((f.after, f.change), (None, None), "{}", f.figure);
    }
    // c relays no shortest path before (a–b is direct), so its betweenness
    // was 0.
    assert_eq!(gone.figures[0].before, Some(Amount::Real(0.0)));
    assert_eq!(c.summary.actors_changed, 0);
}

#[test]
fn a_mutual_tie_that_became_two_directed_rows_is_compared_arc_by_arc() {
    let before = site(&[TieSpec::mutual("a", "c", 0.6)]);
    // The pair's mean stays 0.6: not strengthened or weakened, but each
    // direction moved 0.3.
    let after = site(&[
        TieSpec::directed("a", "c", 0.9),
        TieSpec::directed("c", "a", 0.3),
    ]);
    let c = run(&before, &after);
    assert_eq!(c.summary.ties_rebalanced, 1);
    let t = &c.ties[0];
    assert_eq!(t.change, PairStatus::Rebalanced);
    assert_eq!((t.trust_before, t.trust_after), (Some(0.6), Some(0.6)));
    assert_eq!(
        (t.form_before, t.form_after),
        (Some(TieForm::Mutual), Some(TieForm::BothWays))
    );
    let arcs: Vec<(&str, &str, Option<f64>, Option<f64>)> = t
        .arcs
        .iter()
        .map(|a| {
            (
                a.source.as_str(),
                a.target.as_str(),
                a.trust_before,
                a.trust_after,
            )
        })
        .collect();
    assert_eq!(
        arcs,
        [
            ("a", "c", Some(0.6), Some(0.9)),
            ("c", "a", Some(0.6), Some(0.3))
        ]
    );
    assert!(close(t.arcs[0].trust_change.unwrap(), 0.3));
    assert!(close(t.arcs[1].trust_change.unwrap(), -0.3));

    // 0.9 one way and 0.5 the other: the pair's trust is 0.7, strengthened.
    let after = site(&[
        TieSpec::directed("a", "c", 0.9),
        TieSpec::directed("c", "a", 0.5),
    ]);
    let t = run(&before, &after).ties.remove(0);
    assert_eq!(t.change, PairStatus::Strengthened);
    assert!(close(t.trust_after.unwrap(), 0.7));

    // A mutual tie that became one directed row of the same trust: the
    // missing direction counts as trust 0 arc by arc.
    let after = site(&[TieSpec::directed("c", "a", 0.6)]);
    let t = run(&before, &after).ties.remove(0);
    assert_eq!(t.change, PairStatus::Rebalanced);
    assert_eq!(t.form_after, Some(TieForm::OneWay));
    assert_eq!(t.arcs[0].trust_after, None);
}

#[test]
fn a_renamed_id_is_one_actor_left_and_one_joined() {
    let before = site(&[]);
    let after = Network::from_parts(
        vec![
            grouped(Actor::practitioner("p"), "isp"),
            grouped(Actor::stakeholder("a"), "site"),
            grouped(Actor::stakeholder("b"), "site"),
            grouped(Actor::stakeholder("c2"), "family"),
        ],
        &[
            TieSpec::mutual("p", "a", 0.8),
            TieSpec::mutual("a", "b", 0.5),
            TieSpec::mutual("b", "c2", 0.5),
        ],
    )
    .unwrap();
    let c = run(&before, &after);
    let ids =
        |v: &[stakenet::compare::ActorRef]| v.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&c.actors.left), ["c"]);
    assert_eq!(ids(&c.actors.joined), ["c2"]);
    assert_eq!((c.summary.ties_formed, c.summary.ties_dissolved), (1, 1));
    // Same shape, so the network figures do not move.
    for name in ["density", "components", "mean_trust", "sustainability"] {
        let (b, a, _) = figure(&c, name);
        assert_eq!(b, a, "{name}");
    }
}

#[test]
fn attribute_changes_are_listed_in_order() {
    let before = site(&[]);
    let mut actors = vec![
        grouped(Actor::practitioner("p"), "isp"),
        grouped(Actor::stakeholder("a"), "site"),
        grouped(Actor::stakeholder("b"), "lead"),
        grouped(Actor::stakeholder("c"), "family"),
    ];
    actors[1].kind = stakenet::ActorKind::Practitioner;
    actors[1].placement = stakenet::Placement::Internal;
    actors[2].power = 0.9;
    let after = Network::from_parts(
        actors,
        &[
            TieSpec::mutual("p", "a", 0.8),
            TieSpec::mutual("a", "b", 0.5),
            TieSpec::mutual("b", "c", 0.5),
        ],
    )
    .unwrap();
    let c = run(&before, &after);
    let changed: Vec<(String, Vec<&str>)> = c
        .actors
        .changed
        .iter()
        .map(|a| (a.id.clone(), a.changes.iter().map(|x| x.field).collect()))
        .collect();
    assert_eq!(
        changed,
        [
            ("a".to_string(), vec!["kind"]),
            ("b".to_string(), vec!["group", "power"])
        ]
    );
    // a is an internal practitioner now (its placement is internal either
    // way: stakeholders default to internal).
    assert_eq!(c.actors.changed[0].changes[0].after, "practitioner");
    // p–a is a practitioner team tie now: AFTER's type.
    assert!(c.ties.is_empty(), "no tie changed trust or contact");
}

#[test]
fn waves_with_no_actor_in_common_get_a_warning_not_a_wall_of_changes() {
    let before = site(&[]);
    let after = Network::from_parts(
        vec![Actor::practitioner("x"), Actor::stakeholder("y")],
        &[TieSpec::mutual("x", "y", 0.5)],
    )
    .unwrap();
    let c = run(&before, &after);
    assert!(!c.summary.comparable);
    assert_eq!(c.warnings.len(), 1);
    assert!(c.warnings[0].contains("no actor in common"));
    assert!(c.ties.is_empty() && c.per_actor.is_empty());
    assert!(c.actors.joined.is_empty() && c.actors.left.is_empty());
    assert_eq!((c.summary.ties_formed, c.summary.ties_dissolved), (0, 0));
    let f = c.findings();
    assert!(f[0].starts_with("The two maps have no actor in common (4 actors before, 2 after)"));
}

#[test]
fn example_site_waves_match_analyze_and_exit_of_each_wave() {
    let w1 = stakenet::io::load_dir("data/county-parenting-site").unwrap();
    let w2 = stakenet::io::load_dir("data/county-parenting-site-wave2").unwrap();
    let c = run(&w1, &w2);
    for (net, pick) in [(&w1, 0), (&w2, 1)] {
        let report = stakenet::report::analyze(net);
        let spec = stakenet::metrics::ExitSpec::default_for(net);
        let m = stakenet::metrics::exit(net, &spec).unwrap();
        let side = |name: &str| {
            let (b, a, _) = figure(&c, name);
            if pick == 0 {
                b
            } else {
                a
            }
        };
        assert_eq!(side("density"), report.network.overview.density);
        assert_eq!(
            side("practitioner_dependency"),
            report.network.practitioner_dependency
        );
        assert_eq!(side("sustainability"), m.sustainability);
        assert_eq!(side("trusted_reach"), m.trusted_reach_before);
        assert_eq!(side("stranded"), Some(m.stranded.len() as f64));
        for row in &report.actors {
            let p = c
                .per_actor
                .iter()
                .find(|p| p.id == row.identity.id)
                .unwrap();
            let f = &p.figures[0];
            let v = if pick == 0 { f.before } else { f.after };
            assert_eq!(v, Some(Amount::Real(row.betweenness)), "{}", p.id);
        }
    }
    // What the second wave was written to show (data/county-parenting-site-wave2/README.md).
    let ids =
        |v: &[stakenet::compare::ActorRef]| v.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&c.actors.left), ["data_coach", "sup_c"]);
    assert_eq!(ids(&c.actors.joined), ["sup_d"]);
    let t = c
        .ties
        .iter()
        .find(|t| (t.a.as_str(), t.b.as_str()) == ("director", "state_officer"))
        .unwrap();
    assert_eq!(t.change, PairStatus::Weakened);
    let f = c.findings();
    assert!(f.iter().any(|x| x.contains(
        "Trust between Helen (agency director) and Victor (state child-welfare policy officer) fell from 0.6 to 0.3"
    )), "{f:?}");
    assert!(
        f[0].starts_with(
            "Between the two maps the site depends less on the practitioners (a 62% share"
        ),
        "{f:?}"
    );
}

#[test]
fn a_zero_threshold_counts_every_move_but_not_standing_still() {
    let zero = CompareOptions {
        changed: 0.0,
        changed_communication: 0.0,
        ..CompareOptions::default()
    };
    let before = site(&[TieSpec::mutual("a", "c", 0.5)]);
    let c = compare(&before, &before, &zero).unwrap();
    assert!(c.ties.is_empty());
    let after = site(&[TieSpec::mutual("a", "c", 0.51)]);
    let c = compare(&before, &after, &zero).unwrap();
    assert_eq!(c.ties[0].change, PairStatus::Strengthened);
}

#[test]
fn hostile_labels_and_ids_reach_no_terminal_or_spreadsheet_raw() {
    use stakenet::render::{render, Format};
    let evil = |id: &str, label: &str, group: &str| {
        let mut a = Actor::stakeholder(id);
        a.label = label.to_string();
        a.group = group.to_string();
        a
    };
    let people = |last: &str| {
        vec![
            Actor::practitioner("p"),
            evil("=cmd()", "\u{1b}[2JEve\u{202e}", "-grp\u{7}"),
            evil("@b", "Bob\r", "+g"),
            evil(last, "\u{1b}]0;x\u{7}", "g"),
        ]
    };
    let before = Network::from_parts(
        people("c"),
        &[
            TieSpec::mutual("p", "=cmd()", 0.8),
            TieSpec::mutual("=cmd()", "@b", 0.6),
            TieSpec::mutual("@b", "c", 0.5),
        ],
    )
    .unwrap();
    let after = Network::from_parts(
        people("-c"),
        &[
            TieSpec::mutual("p", "=cmd()", 0.8),
            TieSpec::mutual("=cmd()", "@b", 0.2),
            TieSpec::mutual("@b", "-c", 0.5),
            TieSpec::mutual("=cmd()", "-c", 0.5),
        ],
    )
    .unwrap();
    let c = run(&before, &after);
    let table = String::from_utf8(render(&c, Format::Table)).unwrap();
    assert!(
        !table
            .chars()
            .any(|ch| (ch.is_control() && ch != '\n') || ('\u{202a}'..='\u{202e}').contains(&ch)),
        "{table:?}"
    );
    assert!(table.contains("fell from 0.6 to 0.2"), "{table}");
    let csv = String::from_utf8(render(&c, Format::Csv)).unwrap();
    let mut reader = ::csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            let numeric = cell.parse::<f64>().is_ok();
            assert!(
                numeric || !cell.starts_with(['=', '+', '-', '@']),
                "{cell:?} in {csv}"
            );
        }
    }
    let json: serde_json::Value = serde_json::from_slice(&render(&c, Format::Json)).unwrap();
    assert_eq!(json["actors"]["joined"][0]["id"], "-c");
}

#[test]
fn power_and_voice_figures_are_stakenet_power_s_on_each_wave() {
    let w1 = stakenet::io::load_dir("data/county-parenting-site").unwrap();
    let w2 = stakenet::io::load_dir("data/county-parenting-site-wave2").unwrap();
    let c = run(&w1, &w2);
    let amount = |x: Option<f64>| x.map(Amount::Real);
    let count = |n: usize| Some(Amount::Count(n as i64));
    let power = |net: &Network| stakenet::power(net, &stakenet::VoiceRequest::default()).unwrap();
    let (p1, p2) = (power(&w1), power(&w2));
    assert!(!p1.summary.voices.is_empty() && !p2.summary.voices.is_empty());
    let expected = |p: &stakenet::report::power::PowerReport| {
        let s = &p.summary;
        [
            ("mean_voice_before", amount(s.mean_voice_before)),
            ("mean_voice_after", amount(s.mean_voice_after)),
            ("voice_sustainability", amount(s.voice_sustainability)),
            ("unheard_before", count(s.unheard_before.len())),
            ("unheard_after", count(s.unheard_after.len())),
            ("steep_ties", count(s.steep_ties)),
            ("upward_trust", amount(s.upward_trust)),
            ("downward_trust", amount(s.downward_trust)),
            ("two_way_share", amount(s.two_way_share)),
        ]
    };
    for ((name, before), (_, after)) in expected(&p1).into_iter().zip(expected(&p2)) {
        let f = c.network.iter().find(|f| f.figure == name).unwrap();
        assert_eq!((f.before, f.after), (before, after), "{name}");
        if let (Some(b), Some(a)) = (before, after) {
            assert!(
                close(f.change.unwrap().as_f64(), a.as_f64() - b.as_f64()),
                "{name}"
            );
        }
    }
    let actor = |p: &stakenet::report::power::PowerReport, id: &str| {
        p.actors
            .iter()
            .find(|a| a.identity.id == id)
            .map(|a| a.voice.clone())
    };
    let mut voices_seen = 0;
    for row in &c.per_actor {
        let (v1, v2) = (actor(&p1, &row.id), actor(&p2, &row.id));
        let pick = |name: &str| row.figures.iter().find(|f| f.figure == name).unwrap();
        let brokerage = pick("voice_brokerage");
        assert_eq!(
            (brokerage.before, brokerage.after),
            (
                amount(v1.as_ref().and_then(|v| v.voice_brokerage)),
                amount(v2.as_ref().and_then(|v| v.voice_brokerage))
            ),
            "{}",
            row.id
        );
        let before = pick("voice_before");
        assert_eq!(
            (before.before, before.after),
            (
                amount(v1.as_ref().and_then(|v| v.voice_before)),
                amount(v2.as_ref().and_then(|v| v.voice_before))
            ),
            "{}",
            row.id
        );
        if v1.as_ref().is_some_and(|v| v.voice) && v2.as_ref().is_some_and(|v| v.voice) {
            voices_seen += 1;
            let (b, a) = (before.before.unwrap(), before.after.unwrap());
            assert!(close(
                before.change.unwrap().as_f64(),
                a.as_f64() - b.as_f64()
            ));
        }
    }
    assert!(voices_seen > 0);
    // A wave against itself: no power or voice figure moves.
    let same = run(&w1, &w1);
    for f in same
        .network
        .iter()
        .chain(same.per_actor.iter().flat_map(|a| &a.figures))
    {
        assert_eq!(f.before, f.after, "{}", f.figure);
        if let Some(change) = f.change {
            assert_eq!(change.as_f64(), 0.0, "{}", f.figure);
        }
    }
    assert!(same
        .network
        .iter()
        .any(|f| f.figure == "steep_ties" && f.before.is_some()));
}

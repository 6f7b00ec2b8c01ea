//! Properties of `stakenet::compare` on random pairs of waves (proptest):
//! a wave compared with itself is empty; swapping the waves swaps formed and
//! dissolved (strengthened and weakened, more and less) and negates every
//! change; each wave's figures are those `analyze` and `exit` give it.

use proptest::prelude::*;
use stakenet::compare::{compare, Amount, CompareOptions, Comparison, Presence};
use stakenet::{Actor, Network, Placement, TieSpec};

/// Who each id is, shared by both waves so that an actor in both has the
/// same kind and group: (practitioner, internal, group).
type Kinds = Vec<(bool, bool, u8)>;
/// A tie choice per unordered pair: none, mutual, one way, other way, both;
/// two trusts and a contact rate.
type PairChoice = (u8, f64, f64, f64);

/// The wave over ids `lo..hi` of `kinds`.
fn wave(kinds: &Kinds, lo: usize, hi: usize, pairs: &[PairChoice]) -> Network {
    let id = |i: usize| format!("n{i:02}");
    let actors = (lo..hi)
        .map(|i| {
            let (practitioner, internal, group) = kinds[i];
            let mut a = if practitioner {
                Actor::practitioner(id(i))
            } else {
                Actor::stakeholder(id(i))
            };
            if practitioner && internal {
                a.placement = Placement::Internal;
            }
            a.group = ["A", "B", "C"][group as usize % 3].to_string();
            a
        })
        .collect();
    let mut ties = Vec::new();
    let mut k = 0;
    for u in lo..hi {
        for v in u + 1..hi {
            let (choice, t1, t2, comm) = pairs[k % pairs.len()];
            k += 1;
            // Quantised trusts, so that equal and near-threshold changes
            // happen often.
            let q = |t: f64| (t * 10.0).round() / 10.0;
            let mut spec = |s: usize, t: usize, trust: f64, directed: bool| {
                let mut tie = if directed {
                    TieSpec::directed(id(s), id(t), q(trust))
                } else {
                    TieSpec::mutual(id(s), id(t), q(trust))
                };
                tie.communication = Some(comm.round());
                ties.push(tie);
            };
            match choice {
                0 => spec(u, v, t1, false),
                1 => spec(u, v, t1, true),
                2 => spec(v, u, t1, true),
                3 => {
                    spec(u, v, t1, true);
                    spec(v, u, t2, true);
                }
                _ => {}
            }
        }
    }
    Network::from_parts(actors, &ties).unwrap()
}

/// Two waves over overlapping id ranges (at least one id in common).
fn waves() -> impl Strategy<Value = (Network, Network)> {
    let choice = || (0u8..7, 0.0f64..=1.0, 0.0f64..=1.0, 0.0f64..6.0);
    (
        prop::collection::vec((prop::bool::weighted(0.3), any::<bool>(), 0u8..3), 3..11),
        prop::collection::vec(choice(), 1..40),
        prop::collection::vec(choice(), 1..40),
        0usize..3,
        0usize..3,
    )
        .prop_map(|(kinds, pa, pb, cut_a, cut_b)| {
            let n = kinds.len();
            // A over ids 0..ha, B over lb..n: id ha − 1 is in both.
            let ha = (n - cut_a).max(2);
            let lb = cut_b.min(ha - 1);
            let a = wave(&kinds, 0, ha, &pa);
            let b = wave(&kinds, lb, n, &pb);
            (a, b)
        })
}

fn neg(x: Option<Amount>) -> Option<Amount> {
    x.map(|x| match x {
        Amount::Count(n) => Amount::Count(-n),
        Amount::Real(v) => Amount::Real(-v),
    })
}

fn check_swapped(ab: &Comparison, ba: &Comparison) -> Result<(), TestCaseError> {
    let (s, r) = (&ab.summary, &ba.summary);
    prop_assert_eq!(s.ties_formed, r.ties_dissolved);
    prop_assert_eq!(s.ties_dissolved, r.ties_formed);
    prop_assert_eq!(s.ties_strengthened, r.ties_weakened);
    prop_assert_eq!(s.ties_weakened, r.ties_strengthened);
    prop_assert_eq!(s.ties_rebalanced, r.ties_rebalanced);
    prop_assert_eq!(s.communication_more, r.communication_less);
    prop_assert_eq!(s.actors_joined, r.actors_left);
    prop_assert_eq!(s.actors_changed, r.actors_changed);
    prop_assert_eq!(&ab.actors.joined, &ba.actors.left);
    prop_assert_eq!(&ab.actors.left, &ba.actors.joined);
    for (x, y) in ab.relationship_types.iter().zip(&ba.relationship_types) {
        prop_assert_eq!(x.formed, y.dissolved);
        prop_assert_eq!(x.ties_before, y.ties_after);
    }
    prop_assert_eq!(ab.ties.len(), ba.ties.len());
    for (x, y) in ab.ties.iter().zip(&ba.ties) {
        prop_assert_eq!((&x.a, &x.b), (&y.a, &y.b));
        prop_assert_eq!(x.change.reversed(), y.change);
        prop_assert_eq!(x.communication.map(|d| d.reversed()), y.communication);
        prop_assert_eq!(
            (x.trust_before, x.trust_after),
            (y.trust_after, y.trust_before)
        );
        prop_assert_eq!(x.trust_change.map(|d| -d), y.trust_change);
        prop_assert_eq!(x.communication_change.map(|d| -d), y.communication_change);
        prop_assert_eq!((x.form_before, x.form_after), (y.form_after, y.form_before));
        prop_assert_eq!(x.arcs.len(), y.arcs.len());
        for (p, q) in x.arcs.iter().zip(&y.arcs) {
            prop_assert_eq!(
                (p.trust_before, p.trust_after),
                (q.trust_after, q.trust_before)
            );
            prop_assert_eq!(p.trust_change.map(|d| -d), q.trust_change);
        }
    }
    let figures = ab.network.iter().zip(&ba.network).chain(
        ab.per_actor
            .iter()
            .zip(&ba.per_actor)
            .flat_map(|(p, q)| p.figures.iter().zip(&q.figures)),
    );
    for (f, g) in figures {
        prop_assert_eq!(&f.figure, &g.figure);
        prop_assert_eq!((f.before, f.after), (g.after, g.before));
        prop_assert_eq!(neg(f.change), g.change);
    }
    for (p, q) in ab.per_actor.iter().zip(&ba.per_actor) {
        let swapped = match p.presence {
            Presence::Both => Presence::Both,
            Presence::Joined => Presence::Left,
            Presence::Left => Presence::Joined,
        };
        prop_assert_eq!(swapped, q.presence);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_wave_compared_with_itself_is_empty((a, _b) in waves()) {
        let c = compare(&a, &a, &CompareOptions::default()).unwrap();
        prop_assert!(c.ties.is_empty());
        prop_assert!(c.warnings.is_empty());
        prop_assert!(c.actors.joined.is_empty() && c.actors.left.is_empty() && c.actors.changed.is_empty());
        prop_assert_eq!(c.summary.ties_before, c.summary.ties_after);
        for f in c.network.iter().chain(c.per_actor.iter().flat_map(|p| &p.figures)) {
            prop_assert_eq!(f.before, f.after);
            prop_assert!(f.change.map_or(true, |d| d.as_f64() == 0.0), "{}", f.figure);
        }
    }

    #[test]
    fn swapping_the_waves_swaps_and_negates_every_change((a, b) in waves()) {
        let options = CompareOptions::default();
        let ab = compare(&a, &b, &options).unwrap();
        let ba = compare(&b, &a, &options).unwrap();
        check_swapped(&ab, &ba)?;
    }

    #[test]
    fn each_waves_figures_are_those_of_analyze_and_exit((a, b) in waves()) {
        let c = compare(&a, &b, &CompareOptions::default()).unwrap();
        for (net, after) in [(&a, false), (&b, true)] {
            let report = stakenet::report::analyze(net);
            let spec = stakenet::metrics::ExitSpec::default_for(net);
            let m = stakenet::metrics::exit(net, &spec).unwrap();
            let side = |name: &str| {
                let f = c.network.iter().find(|f| f.figure == name).unwrap();
                (if after { f.after } else { f.before }).map(Amount::as_f64)
            };
            let o = &report.network.overview;
            prop_assert_eq!(side("density"), o.density);
            prop_assert_eq!(side("mean_trust"), o.mean_trust);
            prop_assert_eq!(side("components"), Some(o.components as f64));
            prop_assert_eq!(side("practitioner_dependency"), report.network.practitioner_dependency);
            prop_assert_eq!(side("trusted_reach"), m.trusted_reach_before);
            prop_assert_eq!(side("trusted_reach_after_exit"), m.trusted_reach_after);
            prop_assert_eq!(side("sustainability"), m.sustainability);
            prop_assert_eq!(side("group_bridges_lost"), Some(m.group_bridges_lost.len() as f64));
            let power = stakenet::power(net, &stakenet::VoiceRequest::default()).unwrap();
            prop_assert_eq!(side("mean_voice_before"), power.summary.mean_voice_before);
            prop_assert_eq!(side("steep_ties"), Some(power.summary.steep_ties as f64));
            prop_assert_eq!(side("two_way_share"), power.summary.two_way_share);
            for (row, voice) in report.actors.iter().zip(&power.actors) {
                prop_assert_eq!(&row.identity.id, &voice.identity.id);
                let p = c.per_actor.iter().find(|p| p.id == row.identity.id).unwrap();
                let v: Vec<Option<f64>> = p
                    .figures
                    .iter()
                    .map(|f| (if after { f.after } else { f.before }).map(Amount::as_f64))
                    .collect();
                prop_assert_eq!(
                    v,
                    vec![
                        Some(row.betweenness),
                        row.constraint,
                        row.effective_size,
                        Some(row.brokerage_total as f64),
                        row.practitioner_share,
                        voice.voice.voice_brokerage,
                        voice.voice.voice_before
                    ]
                );
            }
        }
    }
}

/// The committed fuzz corpus (the example and real networks, and the inputs
/// that once broke the loader): each network compared with itself is empty,
/// and with the map after a handover, both ways, swaps and negates.
#[test]
fn corpus_networks_compare_cleanly() {
    const SEPARATOR: &[u8] = b"\n--edges.csv--\n";
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/pipeline");
    let mut files: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut compared = 0;
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let Some(at) = data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) else {
            continue;
        };
        let Ok(net) = stakenet::io::read(
            std::path::Path::new("nodes.csv"),
            &data[..at],
            std::path::Path::new("edges.csv"),
            &data[at + SEPARATOR.len()..],
            &stakenet::io::LoadOptions::default(),
        ) else {
            continue;
        };
        let options = CompareOptions::default();
        let same = compare(&net, &net, &options).unwrap();
        assert!(same.ties.is_empty(), "{}", file.display());
        let from = stakenet::metrics::exit::default_exit(&net).first().copied();
        let to = (0..net.len()).find(|&i| !net.actor(i).is_practitioner());
        if let (Some(from), Some(to)) = (from, to) {
            let h = stakenet::metrics::Handover {
                from,
                to,
                factor: 0.5,
            };
            let later = stakenet::metrics::exit::handover(&net, &h).unwrap();
            let ab = compare(&net, &later, &options).unwrap();
            let ba = compare(&later, &net, &options).unwrap();
            check_swapped(&ab, &ba).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            compared += 1;
        }
    }
    assert!(compared >= 3, "{compared} corpus networks with a handover");
}

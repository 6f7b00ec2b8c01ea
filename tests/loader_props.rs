//! Property tests of the loader: no input makes it panic, every refusal has a
//! location, and a valid network reads back the same whatever its row order.

mod common;
use common::load_bytes as load;

use proptest::prelude::*;
use stakenet::{Error, Network};

/// Bytes that look somewhat like our CSV: the alphabet of its syntax, digits
/// and a few hostile characters.
fn csvish() -> impl Strategy<Value = Vec<u8>> {
    let alphabet: Vec<u8> = b"id,sourcetargettrustkindpowr\"\r\n0123456789.-eE \xff\x00\xef\xbb\xbfpractitionerstakeholderNaNinf"
        .to_vec();
    prop::collection::vec(prop::sample::select(alphabet), 0..300)
}

fn header_plus(body: Vec<u8>, header: &[u8]) -> Vec<u8> {
    let mut v = header.to_vec();
    v.extend(body);
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic_and_errors_are_located(
        nodes in prop::collection::vec(any::<u8>(), 0..200),
        edges in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        if let Err(Error::Input(problems)) = load(&nodes, &edges) {
            prop_assert!(!problems.errors.is_empty());
            for e in &problems.errors {
                prop_assert!(e.location.line >= 1 && e.location.column >= 1, "{e}");
            }
        }
    }

    #[test]
    fn csv_like_bytes_never_panic(nodes in csvish(), edges in csvish()) {
        let nodes = header_plus(nodes, b"id,kind,power\n");
        let edges = header_plus(edges, b"source,target,trust,directed\n");
        match load(&nodes, &edges) {
            Ok(net) => {
                for t in net.ties() {
                    prop_assert!((0.0..=1.0).contains(&t.trust));
                    prop_assert!(t.source != t.target);
                }
            }
            Err(Error::Input(problems)) => {
                for e in &problems.errors {
                    prop_assert!(e.location.line >= 1 && e.location.column >= 1, "{e}");
                    prop_assert!(!e.to_string().contains('\n') || e.to_string().contains("\\n"));
                }
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }

    #[test]
    fn row_order_does_not_change_the_network(
        n in 2usize..12,
        raw_ties in prop::collection::vec((0usize..12, 0usize..12, 0u32..=100, any::<bool>()), 0..30),
        seed in any::<u64>(),
    ) {
        let mut nodes = vec!["id,kind,power".to_string()];
        for i in 0..n {
            let kind = if i % 4 == 0 { "practitioner" } else { "stakeholder" };
            nodes.push(format!("n{i},{kind},0.{i}"));
        }
        let mut seen = std::collections::HashSet::new();
        let mut edges = vec!["source,target,trust,directed".to_string()];
        for (a, b, t, directed) in raw_ties {
            let (a, b) = (a % n, b % n);
            if a == b || !seen.insert((a.min(b), a.max(b))) {
                continue;
            }
            edges.push(format!("n{a},n{b},{},{directed}", f64::from(t) / 100.0));
        }
        let join = |rows: &[String]| rows.join("\n").into_bytes();
        let original = load(&join(&nodes), &join(&edges)).unwrap();
        // A deterministic shuffle of the data rows (the header stays first).
        let shuffle = |rows: &mut Vec<String>| {
            let mut state = seed | 1;
            for i in (2..rows.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let j = 1 + (state as usize) % i;
                rows.swap(i, j);
            }
        };
        shuffle(&mut nodes);
        shuffle(&mut edges);
        let shuffled = load(&join(&nodes), &join(&edges)).unwrap();
        prop_assert_eq!(original.actors(), shuffled.actors());
        let key = |net: &Network| {
            let mut ties: Vec<_> = net
                .ties()
                .iter()
                .map(|t| (t.source, t.target, t.trust.to_bits(), t.directed))
                .collect();
            ties.sort_unstable();
            ties
        };
        prop_assert_eq!(key(&original), key(&shuffled));
    }
}

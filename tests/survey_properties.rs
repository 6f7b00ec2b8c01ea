//! Properties of `stakenet::survey` over generated surveys: the order of the
//! response rows (and wide against long) changes nothing; a survey in which
//! everyone answered everyone symmetrically gives trust equal to the mapped
//! ratings; the output always loads as `stakenet validate` loads it.

use std::path::Path;

use proptest::prelude::*;
use stakenet::io::{read, LoadOptions};
use stakenet::survey::{convert, Codebook, CommunicationRule, Source, Survey, SurveyOptions};

/// Frequencies of the default codebook, with their contacts per month.
const FREQUENCIES: [(&str, f64); 6] = [
    ("never", 0.0),
    ("once a year or less", 1.0 / 12.0),
    ("every quarter", 1.0 / 3.0),
    ("every month", 1.0),
    ("every week", 4.0),
    ("every day", 20.0),
];

/// What one respondent said about one alter.
#[derive(Debug, Clone)]
enum Said {
    Blank,
    Contact {
        items: [Option<u8>; 2],
        frequency: Option<usize>,
    },
}

fn said() -> impl Strategy<Value = Said> {
    prop_oneof![
        1 => Just(Said::Blank),
        6 => (
            proptest::option::weighted(0.8, 1u8..=4),
            proptest::option::weighted(0.8, 1u8..=4),
            proptest::option::weighted(0.9, 0usize..6),
        )
            .prop_map(|(a, b, frequency)| Said::Contact {
                // At least one trust item answered.
                items: if a.is_none() && b.is_none() { [Some(1), b] } else { [a, b] },
                frequency,
            }),
    ]
}

/// n people and what each said about some others: (respondent, alter, said).
fn survey_answers() -> impl Strategy<Value = (usize, Vec<(usize, usize, Said)>)> {
    (2usize..7).prop_flat_map(|n| {
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .collect();
        let m = pairs.len();
        (
            Just(n),
            proptest::collection::vec(proptest::option::weighted(0.6, said()), m).prop_map(
                move |s| {
                    pairs
                        .iter()
                        .zip(s)
                        .filter_map(|(&(i, j), s)| s.map(|s| (i, j, s)))
                        .collect::<Vec<_>>()
                },
            ),
        )
    })
}

fn options() -> impl Strategy<Value = SurveyOptions> {
    (0usize..4, any::<bool>()).prop_map(|(rule, assume_mutual)| SurveyOptions {
        communication: [
            CommunicationRule::Mean,
            CommunicationRule::Min,
            CommunicationRule::Max,
            CommunicationRule::Respondent,
        ][rule],
        assume_mutual,
        strict_items: false,
    })
}

fn roster(n: usize) -> String {
    let mut s = String::from("id,kind,group\n");
    for i in 0..n {
        let kind = if i == 0 {
            "practitioner"
        } else {
            "stakeholder"
        };
        s.push_str(&format!("p{i},{kind},g{}\n", i % 3));
    }
    s
}

fn cell(x: Option<u8>) -> String {
    x.map_or(String::new(), |k| k.to_string())
}

/// The wide rows (without header).
fn wide_rows(answers: &[(usize, usize, Said)]) -> Vec<String> {
    answers
        .iter()
        .map(|(r, a, s)| match s {
            Said::Blank => format!("p{r},p{a},,,"),
            Said::Contact { items, frequency } => format!(
                "p{r},p{a},{},{},{}",
                cell(items[0]),
                cell(items[1]),
                frequency.map_or("", |f| FREQUENCIES[f].0)
            ),
        })
        .collect()
}

/// The long rows (without header): one per answered item.
fn long_rows(answers: &[(usize, usize, Said)]) -> Vec<String> {
    let mut rows = Vec::new();
    for (r, a, s) in answers {
        match s {
            // A blank answer in the long format: an item given as empty.
            Said::Blank => rows.push(format!("p{r},p{a},trust_a,")),
            Said::Contact { items, frequency } => {
                for (name, k) in [("trust_a", items[0]), ("trust_b", items[1])] {
                    if let Some(k) = k {
                        rows.push(format!("p{r},p{a},{name},{k}"));
                    }
                }
                if let Some(f) = frequency {
                    rows.push(format!("p{r},p{a},frequency,{}", FREQUENCIES[*f].0));
                }
            }
        }
    }
    rows
}

fn run(n: usize, header: &str, rows: &[String], options: &SurveyOptions) -> Survey {
    run_with(n, header, rows, options, None)
}

/// As [`run`], with a codebook (TOML).
fn run_with(
    n: usize,
    header: &str,
    rows: &[String],
    options: &SurveyOptions,
    codebook: Option<&str>,
) -> Survey {
    let mut text = format!("{header}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    let roster = roster(n);
    convert(
        Source {
            path: Path::new("responses.csv"),
            bytes: text.as_bytes(),
        },
        Source {
            path: Path::new("roster.csv"),
            bytes: roster.as_bytes(),
        },
        codebook.map(|c| Source {
            path: Path::new("codebook.toml"),
            bytes: c.as_bytes(),
        }),
        options,
    )
    .unwrap_or_else(|e| panic!("{e}\n{text}"))
}

const WIDE: &str = "respondent,alter,trust_a,trust_b,frequency";
const LONG: &str = "respondent,alter,item,answer";

/// A permutation of 0..len from a seed (Fisher–Yates on a small LCG).
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut out = items.to_vec();
    let mut state = seed | 1;
    for i in (1..out.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.swap(i, (state >> 33) as usize % (i + 1));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn row_order_and_layout_change_nothing(
        (n, answers) in survey_answers(),
        options in options(),
        seed in any::<u64>(),
    ) {
        let rows = wide_rows(&answers);
        let first = run(n, WIDE, &rows, &options);
        let again = run(n, WIDE, &shuffled(&rows, seed), &options);
        prop_assert_eq!(&first.edges_csv, &again.edges_csv);
        prop_assert_eq!(first.report.to_text(), again.report.to_text());
        // The long format, shuffled too, gives the same ties. (With the
        // codebook the wide file's columns imply: without one, the long
        // format finds its items in the answers, and there may be none.)
        let book = Codebook::default_for(WIDE.split(',')).unwrap().to_toml();
        let long = run_with(n, LONG, &shuffled(&long_rows(&answers), seed ^ 0x5eed), &options, Some(&book));
        prop_assert_eq!(&first.edges_csv, &long.edges_csv);
        prop_assert_eq!(first.report.pairs_both, long.report.pairs_both);
        prop_assert_eq!(first.report.pairs_one_side, long.report.pairs_one_side);
    }

    #[test]
    fn symmetric_answers_give_the_mapped_ratings(
        n in 2usize..8,
        ratings in proptest::collection::vec((1u8..=4, 0usize..6), 28),
        options in options(),
    ) {
        // Everyone answers everyone; both sides of a pair give the same
        // rating k and frequency f.
        let mut answers = Vec::new();
        let mut expected = Vec::new();
        let mut k = 0;
        for i in 0..n {
            for j in i + 1..n {
                let (rating, f) = ratings[k];
                k += 1;
                for (r, a) in [(i, j), (j, i)] {
                    answers.push((r, a, Said::Contact { items: [Some(rating), None], frequency: Some(f) }));
                }
                if f != 0 {
                    expected.push((i, j, f64::from(rating - 1) / 3.0, FREQUENCIES[f].1));
                }
            }
        }
        let s = run(n, WIDE, &wide_rows(&answers), &options);
        let got: Vec<(usize, usize, f64, f64, bool)> = s
            .network
            .ties()
            .iter()
            .map(|t| (t.source, t.target, t.trust, t.communication, t.directed))
            .collect();
        let want: Vec<(usize, usize, f64, f64, bool)> =
            expected.iter().map(|&(i, j, t, c)| (i, j, t, c, false)).collect();
        prop_assert_eq!(got, want);
        prop_assert_eq!(s.report.respondents, n);
        prop_assert_eq!(s.report.pairs_one_side, 0);
        prop_assert!(s.report.disagreements.is_empty());
    }

    #[test]
    fn the_output_always_loads(
        (n, answers) in survey_answers(),
        options in options(),
    ) {
        let s = run(n, WIDE, &wide_rows(&answers), &options);
        let again = read(
            Path::new("nodes.csv"),
            &s.nodes_csv[..],
            Path::new("edges.csv"),
            &s.edges_csv[..],
            &LoadOptions::default(),
        );
        prop_assert!(again.is_ok(), "{:?}", again.err());
        let r = &s.report;
        let contact_pairs: std::collections::BTreeSet<(usize, usize)> = answers
            .iter()
            .filter(|(_, _, s)| matches!(s, Said::Contact { frequency, .. } if *frequency != Some(0)))
            .map(|&(a, b, _)| (a.min(b), a.max(b)))
            .collect();
        prop_assert_eq!(r.pairs_both + r.pairs_one_side, contact_pairs.len());
        prop_assert_eq!(r.mutual_rows + r.directed_rows, s.network.ties().len());
        for t in s.network.ties() {
            prop_assert!((0.0..=1.0).contains(&t.trust));
            prop_assert!(t.communication >= 0.0 && t.communication.is_finite());
        }
    }
}

//! The worked example: the invented survey of the example site
//! (data/county-parenting-survey, made from the site by its make_survey.py)
//! converts back to the site's network, and the data report's counts are
//! the ones the generator printed.

use std::collections::BTreeMap;
use std::path::PathBuf;

use stakenet::survey::{load, CommunicationRule, Survey, SurveyFiles, SurveyOptions};
use stakenet::Network;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(options: SurveyOptions) -> Survey {
    let survey = root().join("data/county-parenting-survey");
    load(
        &SurveyFiles {
            responses: survey.join("responses.csv"),
            roster: root().join("data/county-parenting-site/nodes.csv"),
            codebook: Some(survey.join("codebook.toml")),
        },
        &options,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

const EXAMPLE: SurveyOptions = SurveyOptions {
    communication: CommunicationRule::Mean,
    assume_mutual: true,
    strict_items: false,
};

/// Every arc (tail, head) with its trust, communication and whether its tie
/// is directed: the network as the metrics see it, whatever the row order.
fn arcs(net: &Network) -> BTreeMap<(String, String), (f64, f64, bool)> {
    let id = |i: usize| net.actor(i).id.clone();
    let mut out = BTreeMap::new();
    for t in net.ties() {
        let value = (t.trust, t.communication, t.directed);
        out.insert((id(t.source), id(t.target)), value);
        if !t.directed {
            out.insert((id(t.target), id(t.source)), value);
        }
    }
    out
}

#[test]
fn the_example_survey_gives_the_example_site() {
    let survey = example(EXAMPLE);
    let site_dir = root().join("data/county-parenting-site");
    let site = stakenet::load(&site_dir).unwrap();
    assert_eq!(
        survey.nodes_csv,
        std::fs::read(site_dir.join("nodes.csv")).unwrap()
    );
    assert_eq!(survey.network.actors(), site.actors());
    // Exactly the same numbers: the answers map back without rounding.
    assert_eq!(arcs(&survey.network), arcs(&site));
    assert_eq!(survey.network.ties().len(), site.ties().len());
    assert_eq!(survey.network.is_directed(), site.is_directed());
    // And so the same findings: the exit report is exactly the site's
    // (analyze's means sum over ties in file order, so they may differ in
    // the last bit).
    let exit = |net: &Network| stakenet::exit(net, &stakenet::ExitRequest::default_exit()).unwrap();
    assert_eq!(exit(&survey.network), exit(&site));
}

#[test]
fn the_example_report_counts() {
    let r = example(EXAMPLE).report;
    // The numbers make_survey.py prints.
    assert_eq!(r.rows, 167);
    assert_eq!((r.respondents, r.actors), (24, 28));
    assert_eq!(
        r.non_respondents,
        ["evaluator", "fam_lee", "prov_staff", "state_officer"]
    );
    assert_eq!(
        (r.ratings_with_contact, r.no_contact, r.blank),
        (120, 46, 1)
    );
    assert_eq!(r.items_filled, 28);
    assert_eq!(r.rated_nobody, ["funder"]);
    assert_eq!(
        (r.pairs_both, r.pairs_both_agree, r.pairs_one_side),
        (55, 52, 10)
    );
    assert!(r.disagreements.is_empty());
    assert_eq!((r.mutual_rows, r.directed_rows), (62, 6));
    assert_eq!(r.no_frequency, 0);
    let families = r.by_group.iter().find(|g| g.name == "families").unwrap();
    assert_eq!(
        (families.respondents, families.actors, families.rate),
        (3, 4, 0.75)
    );
    let text = r.to_text();
    assert!(text.contains("24 of 28 actors answered (86%)"), "{text}");
    assert!(text.contains("column = \"reliable\""), "{text}");
}

#[test]
fn the_example_without_assume_mutual_keeps_one_sided_ties_directed() {
    let r = example(SurveyOptions {
        assume_mutual: false,
        ..EXAMPLE
    });
    // The 10 one-sided pairs become one directed row each.
    assert_eq!((r.report.mutual_rows, r.report.directed_rows), (52, 16));
    // --communication respondent: the 30 pairs whose two contact answers
    // differ (c − 1, c + 1) become two directed rows each.
    let r = example(SurveyOptions {
        communication: CommunicationRule::Respondent,
        ..EXAMPLE
    })
    .report;
    assert_eq!(r.mutual_rows, 25 + 10);
    assert_eq!(r.directed_rows, 2 * (55 - 25));
}

/// The committed responses are what make_survey.py writes (skipped, with a
/// note, where there is no python3).
#[test]
fn the_generator_reproduces_the_committed_responses() {
    let dir = root().join("data/county-parenting-survey");
    let committed = std::fs::read(dir.join("responses.csv")).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let script = scratch.path().join("make_survey.py");
    // Run a copy beside a copy of the site, so the committed file is never
    // rewritten by the test.
    std::fs::copy(dir.join("make_survey.py"), &script).unwrap();
    let site = scratch.path().join("site");
    std::fs::create_dir(&site).unwrap();
    for f in ["nodes.csv", "edges.csv"] {
        std::fs::copy(
            root().join("data/county-parenting-site").join(f),
            site.join(f),
        )
        .unwrap();
    }
    let text = std::fs::read_to_string(&script).unwrap().replace(
        "os.path.join(HERE, \"..\", \"county-parenting-site\")",
        "os.path.join(HERE, \"site\")",
    );
    std::fs::write(&script, text).unwrap();
    let run = match std::process::Command::new("python3").arg(&script).output() {
        Ok(run) => run,
        Err(e) => {
            eprintln!("skipped: cannot run python3 ({e})");
            return;
        }
    };
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let made = std::fs::read(scratch.path().join("responses.csv")).unwrap();
    assert!(
        made == committed,
        "responses.csv differs from what make_survey.py writes"
    );
    let printed = String::from_utf8(run.stdout).unwrap();
    assert!(
        printed.contains("pairs both 55, agreeing exactly under mean 52, with equal contacts 25"),
        "{printed}"
    );
}

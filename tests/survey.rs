//! `stakenet::survey` on small surveys whose networks are worked out by hand
//! in each test: one-sided and two-sided reports, disagreeing trust, a
//! missing item, label scales, --assume-mutual, each --communication rule,
//! the long format; and every refusal with its file, line and column.

use std::path::Path;

use stakenet::survey::{convert, CommunicationRule, Source, Survey, SurveyOptions};
use stakenet::Error;

/// Four people: a practitioner and three stakeholders in two groups.
const ROSTER: &str = "id,kind,group\na,practitioner,team\nb,stakeholder,team\nc,stakeholder,unit\nd,stakeholder,unit\n";

fn run(responses: &str, codebook: Option<&str>, options: SurveyOptions) -> Result<Survey, Error> {
    convert(
        Source {
            path: Path::new("responses.csv"),
            bytes: responses.as_bytes(),
        },
        Source {
            path: Path::new("roster.csv"),
            bytes: ROSTER.as_bytes(),
        },
        codebook.map(|c| Source {
            path: Path::new("codebook.toml"),
            bytes: c.as_bytes(),
        }),
        &options,
    )
}

fn ok(responses: &str, options: SurveyOptions) -> Survey {
    run(responses, None, options).unwrap_or_else(|e| panic!("{e}"))
}

fn refused(responses: &str, codebook: Option<&str>, options: SurveyOptions) -> String {
    match run(responses, codebook, options) {
        Ok(_) => panic!("accepted:\n{responses}"),
        Err(e) => e.to_string(),
    }
}

/// The network's ties as (source, target, trust, communication, directed),
/// in file order.
fn ties(s: &Survey) -> Vec<(String, String, f64, f64, bool)> {
    let id = |i: usize| s.network.actor(i).id.clone();
    s.network
        .ties()
        .iter()
        .map(|t| {
            (
                id(t.source),
                id(t.target),
                t.trust,
                t.communication,
                t.directed,
            )
        })
        .collect()
}

fn tie(
    s: &str,
    t: &str,
    trust: f64,
    communication: f64,
    directed: bool,
) -> (String, String, f64, f64, bool) {
    (s.into(), t.into(), trust, communication, directed)
}

const DEFAULT: SurveyOptions = SurveyOptions {
    communication: CommunicationRule::Mean,
    assume_mutual: false,
    strict_items: false,
};

#[test]
fn one_sided_report_is_one_directed_row_with_the_respondents_trust() {
    // a rates b: trust items 3 and 4 → ((3−1)/3 + (4−1)/3)/2 = 5/6;
    // every week → 4 contacts a month. b does not answer.
    let s = ok(
        "respondent,alter,trust_x,trust_y,frequency\na,b,3,4,every week\n",
        DEFAULT,
    );
    assert_eq!(ties(&s), [tie("a", "b", 5.0 / 6.0, 4.0, true)]);
    assert_eq!(
        String::from_utf8(s.edges_csv.clone()).unwrap(),
        "source,target,trust,communication,directed\na,b,0.8333333333333334,4,true\n"
    );
    assert_eq!((s.report.pairs_both, s.report.pairs_one_side), (0, 1));
    assert_eq!((s.report.respondents, s.report.actors), (1, 4));
    assert_eq!(s.report.non_respondents, ["b", "c", "d"]);
}

#[test]
fn assume_mutual_copies_a_one_sided_report_both_ways() {
    let options = SurveyOptions {
        assume_mutual: true,
        ..DEFAULT
    };
    // Reported by c about b only: the mutual row is written in roster (id)
    // order, b–c, with c's trust (2 − 1)/3 = 1/3.
    let s = ok(
        "respondent,alter,trust,frequency\nc,b,2,every month\n",
        options,
    );
    assert_eq!(ties(&s), [tie("b", "c", 1.0 / 3.0, 1.0, false)]);
    assert!(!s.network.is_directed());
}

#[test]
fn two_sided_agreeing_reports_are_one_mutual_row() {
    let s = ok(
        "respondent,alter,trust,frequency\na,b,4,every day\nb,a,4,every day\n",
        DEFAULT,
    );
    assert_eq!(ties(&s), [tie("a", "b", 1.0, 20.0, false)]);
    assert_eq!((s.report.pairs_both, s.report.pairs_both_agree), (1, 1));
    assert_eq!((s.report.mutual_rows, s.report.directed_rows), (1, 0));
}

#[test]
fn disagreeing_trust_gives_two_directed_rows_and_is_listed() {
    // a trusts b fully (4 → 1); b trusts a not at all (1 → 0): a gap of 1.
    // c → d 3 (2/3) and d → c 2 (1/3): a gap of 1/3, not listed.
    let s = ok(
        "respondent,alter,trust\na,b,4\nb,a,1\nc,d,3\nd,c,2\n",
        DEFAULT,
    );
    assert_eq!(
        ties(&s),
        [
            tie("a", "b", 1.0, 1.0, true),
            tie("b", "a", 0.0, 1.0, true),
            tie("c", "d", 2.0 / 3.0, 1.0, true),
            tie("d", "c", 1.0 / 3.0, 1.0, true),
        ]
    );
    assert_eq!(s.report.disagreements.len(), 1);
    let d = &s.report.disagreements[0];
    assert_eq!(
        (d.a.as_str(), d.b.as_str(), d.trust_ab, d.trust_ba),
        ("a", "b", 1.0, 0.0)
    );
    // No frequency column: communication 1 for every tie, and counted.
    assert_eq!(s.report.no_frequency, 2);
    assert!(s.report.to_text().contains("a → b 1, b → a 0"));
}

#[test]
fn a_missing_item_is_the_mean_of_the_answered_ones_unless_strict() {
    // Three items; b → c answers only 4 and 2: (1 + 1/3)/2 = 2/3, not
    // (1 + 1/3 + 0)/3.
    let responses = "respondent,alter,t1,t2,t3\nb,c,4,,2\n";
    let book = "[trust]\n[[trust.items]]\ncolumn = \"t1\"\nmin = 1\nmax = 4\n[[trust.items]]\ncolumn = \"t2\"\nmin = 1\nmax = 4\n[[trust.items]]\ncolumn = \"t3\"\nmin = 1\nmax = 4\n";
    let s = run(responses, Some(book), DEFAULT).unwrap();
    assert_eq!(ties(&s), [tie("b", "c", 2.0 / 3.0, 1.0, true)]);
    assert_eq!(s.report.items_filled, 1);
    let strict = SurveyOptions {
        strict_items: true,
        ..DEFAULT
    };
    assert_eq!(
        refused(responses, Some(book), strict),
        "responses.csv:2:4: t2: expected an answer (--strict-items), found an empty cell"
    );
}

#[test]
fn label_scales_map_in_order_or_by_the_codebooks_values() {
    // "support": three labels, linear 0, 1/2, 1; "open": labels with values.
    let book = r#"
[trust]
combine = "mean"
[[trust.items]]
column = "support"
labels = ["Not at all", "Somewhat", "Completely"]
[[trust.items]]
column = "open"
min = 1
max = 3
labels = ["closed", "guarded", "open"]
values = [0, 0.6, 1]
[frequency]
column = "often"
categories = [{ label = "never", per_month = 0 }, { label = "weekly", per_month = 4 }, { label = "quarterly", per_month = "1/3" }]
"#;
    // a → b: somewhat (1/2) and guarded (0.6): 0.55, weekly.
    // b → a: completely (1) and 3 (1): 1, quarterly: mean (4 + 1/3)/2 = 13/6.
    // c → d: never: no tie, whatever the items say.
    let s = run(
        "respondent,alter,support,open,often\na,b,  SOMEWHAT ,guarded,Weekly\nb,a,completely,3,quarterly\nc,d,completely,open,never\n",
        Some(book),
        DEFAULT,
    )
    .unwrap();
    assert_eq!(
        ties(&s),
        [
            tie("a", "b", 0.55, 13.0 / 6.0, true),
            tie("b", "a", 1.0, 13.0 / 6.0, true),
        ]
    );
    assert_eq!(s.report.no_contact, 1);
    assert_eq!(s.report.rated_nobody, ["c"]);
    // A number is not an answer on a scale of labels alone.
    assert_eq!(
        refused("respondent,alter,support,open,often\na,b,2,open,weekly\n", Some(book), DEFAULT),
        "responses.csv:2:3: support: expected one of \"Not at all\", \"Somewhat\", \"Completely\", found \"2\""
    );
}

#[test]
fn each_communication_rule() {
    // a says every week (4), b says every day (20); trust agrees (3 → 2/3).
    let responses = "respondent,alter,trust,frequency\na,b,3,every week\nb,a,3,every day\n";
    let with = |rule| {
        ties(&ok(
            responses,
            SurveyOptions {
                communication: rule,
                ..DEFAULT
            },
        ))
    };
    let t = 2.0 / 3.0;
    assert_eq!(
        with(CommunicationRule::Mean),
        [tie("a", "b", t, 12.0, false)]
    );
    assert_eq!(with(CommunicationRule::Min), [tie("a", "b", t, 4.0, false)]);
    assert_eq!(
        with(CommunicationRule::Max),
        [tie("a", "b", t, 20.0, false)]
    );
    // Each row keeps its respondent's answer: two directed rows.
    assert_eq!(
        with(CommunicationRule::Respondent),
        [tie("a", "b", t, 4.0, true), tie("b", "a", t, 20.0, true)]
    );
    // One side left the frequency empty: the other side's answer, any rule.
    let half = "respondent,alter,trust,frequency\na,b,3,every week\nb,a,3,\n";
    for rule in [
        CommunicationRule::Mean,
        CommunicationRule::Min,
        CommunicationRule::Max,
        CommunicationRule::Respondent,
    ] {
        let s = ok(
            half,
            SurveyOptions {
                communication: rule,
                ..DEFAULT
            },
        );
        assert_eq!(ties(&s), [tie("a", "b", t, 4.0, false)], "{rule:?}");
    }
}

#[test]
fn blank_rows_and_no_contact_are_no_tie() {
    let s = ok(
        "respondent,alter,trust,frequency\na,b,,\na,c,4,never\nd,c,1,once a year or less\n",
        DEFAULT,
    );
    assert_eq!(ties(&s), [tie("d", "c", 0.0, 1.0 / 12.0, true)]);
    assert_eq!(
        (
            s.report.blank,
            s.report.no_contact,
            s.report.ratings_with_contact
        ),
        (1, 1, 1)
    );
    assert_eq!(s.report.rated_nobody, ["a"]);
    // A trust of 0 is a tie (known, not trusted), as in edges.csv.
    assert_eq!(s.network.ties().len(), 1);
}

#[test]
fn the_long_format_gives_the_same_network() {
    let wide = ok(
        "respondent,alter,trust_a,trust_b,frequency,where\na,b,4,3,every week,office\nb,a,4,3,every week,field\nc,d,2,,every day,office\n",
        DEFAULT,
    );
    let long = ok(
        "respondent,alter,item,answer\nc,d,frequency,every day\na,b,trust_a,4\nb,a,where,field\na,b,trust_b,3\nb,a,trust_b,3\nc,d,trust_a,2\na,b,where,office\nb,a,frequency,every week\na,b,frequency,every week\nb,a,trust_a,4\nc,d,where,office\n",
        DEFAULT,
    );
    assert_eq!(ties(&wide), ties(&long));
    assert_eq!(
        ties(&wide),
        [
            tie("a", "b", 5.0 / 6.0, 4.0, false),
            tie("c", "d", 1.0 / 3.0, 20.0, true)
        ]
    );
    // Other columns (other items in the long format) are kept; two answers
    // that differ in a mutual row are both kept.
    assert_eq!(wide.edges_csv, long.edges_csv);
    assert_eq!(
        String::from_utf8(wide.edges_csv).unwrap(),
        "source,target,trust,communication,directed,where\n\
         a,b,0.8333333333333334,4,false,office | field\n\
         c,d,0.3333333333333333,20,true,office\n"
    );
    assert_eq!(long.report.layout, "long");
}

#[test]
fn response_rates_by_group_and_kind() {
    let s = ok(
        "respondent,alter,trust,frequency\na,b,4,every week\nc,b,4,every week\nd,b,4,every week\n",
        DEFAULT,
    );
    assert_eq!(s.report.respondents, 3);
    assert_eq!(s.report.response_rate, 0.75);
    let rates: Vec<_> = s
        .report
        .by_group
        .iter()
        .map(|r| (r.name.as_str(), r.respondents, r.actors))
        .collect();
    assert_eq!(rates, [("team", 1, 2), ("unit", 2, 2)]);
    let kinds: Vec<_> = s
        .report
        .by_kind
        .iter()
        .map(|r| (r.name.as_str(), r.respondents, r.actors))
        .collect();
    assert_eq!(kinds, [("practitioner", 1, 1), ("stakeholder", 2, 3)]);
    let text = s.report.to_text();
    assert!(
        text.contains("3 of 4 actors answered (75%); did not answer: b"),
        "{text}"
    );
    // The default codebook is written out in full.
    assert!(text.contains("column = \"trust\""), "{text}");
    assert!(text.contains("label = \"once a year or less\""), "{text}");
}

#[test]
fn refusals_name_file_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "respondent,alter,trust\na,b,5\n",
            "responses.csv:2:3: trust: expected an integer from 1 to 4, found \"5\"",
        ),
        (
            "respondent,alter,trust\na,b,2.5\n",
            "responses.csv:2:3: trust: expected an integer from 1 to 4, found \"2.5\"",
        ),
        (
            "respondent,alter,trust,frequency\na,b,2,fortnightly\n",
            "responses.csv:2:4: frequency: expected one of \"never\", \"once a year or less\", \"every quarter\", \"every month\", \"every week\", \"every day\", found \"fortnightly\"",
        ),
        (
            "respondent,alter,trust\na,b,2\nzed,b,3\n",
            "responses.csv:3:1: respondent: expected a respondent on the roster roster.csv, found \"zed\", who is not on it",
        ),
        (
            "respondent,alter,trust\na,b,2\na,x,3\na,y,3\n",
            "responses.csv:3:2: alter: expected an alter on the roster roster.csv, found \"x\", who is not on it\n\
             responses.csv:4:2: alter: expected an alter on the roster roster.csv, found \"y\", who is not on it",
        ),
        (
            "respondent,alter,trust\na,b,2\na,b,3\n",
            "responses.csv:3:1: respondent: expected one answer per respondent, alter and item, found a → b again (first at line 2)",
        ),
        (
            "respondent,alter,item,answer\na,b,trust,2\na,b,Trust,3\n",
            "responses.csv:3:3: item: expected one answer per respondent, alter and item, found a → b, trust again (first at line 2)",
        ),
        (
            "respondent,alter,trust\nb,b,2\n",
            "responses.csv:2:2: alter: expected a rating of someone else, found b rating themselves",
        ),
        (
            "respondent,alter,trust,frequency\na,b,,every week\n",
            "responses.csv:2:3: trust: expected at least one trust item answered for an alter in contact, found none",
        ),
        (
            "respondent,alter,trust,power\na,b,2,0.5\n",
            "responses.csv:1:4: header: expected extra columns with names edges.csv does not use, found \"power\" (rename it)",
        ),
        (
            "respondent,alter,rating\na,b,2\n",
            "responses.csv:1:1: header: expected a column named \"trust\" or \"trust_…\" (or a --codebook naming the items), found \"respondent\", \"alter\", \"rating\"",
        ),
        (
            "respondent,trust\na,2\n",
            "responses.csv:1:1: header: expected a column named \"alter\", found \"respondent\", \"trust\"",
        ),
        (
            "respondent,alter,trust\na,b\n",
            "responses.csv:2:3: trust: expected 3 fields as in the header, found 2",
        ),
    ];
    for (responses, expected) in cases {
        assert_eq!(&refused(responses, None, DEFAULT), expected, "{responses}");
    }
    // A blank self row (the roster shown to everyone) is not a rating.
    assert!(ties(&ok("respondent,alter,trust\nb,b,\n", DEFAULT)).is_empty());
}

#[test]
fn codebook_refusals_name_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "[trust]\nitems = []\n",
            "codebook.toml:1:1: trust: expected at least one trust item",
        ),
        (
            "[trust]\n[[trust.items]]\ncolumn = \"x\"\nmin = 4\nmax = 1\n",
            "codebook.toml:2:1: trust.items[1]: expected min < max and at most 1000 points, found 4..1",
        ),
        (
            "[trust]\n[[trust.items]]\ncolumn = \"x\"\nmin = 1\nmax = 2\nvalues = [0, 1.5]\n",
            "codebook.toml:2:1: trust.items[1]: expected values in [0, 1], found Decimal(1.5)",
        ),
        (
            "[trust]\n[[trust.items]]\ncolumn = \"x\"\nmin = 1\nmax = 2\n[frequency]\ncolumn = \"X\"\ncount = true\n",
            "codebook.toml:6:1: frequency: expected each column once, found \"X\" again",
        ),
    ];
    for (book, expected) in cases {
        assert_eq!(
            &refused("respondent,alter,x\na,b,1\n", Some(book), DEFAULT),
            expected,
            "{book}"
        );
    }
    // TOML syntax and unknown keys: located by the TOML reader.
    let e = refused(
        "respondent,alter,x\na,b,1\n",
        Some("[trust]\nitems = [\n"),
        DEFAULT,
    );
    assert!(e.starts_with("codebook.toml:2:"), "{e}");
    let e = refused(
        "respondent,alter,x\na,b,1\n",
        Some("[trust]\n[[trust.items]]\ncolumn = \"x\"\nmin = 1\nmax = 2\nweight = 3\n"),
        DEFAULT,
    );
    assert!(
        e.starts_with("codebook.toml:6:1: codebook: unknown field `weight`"),
        "{e}"
    );
    // A column the codebook names must be in the responses.
    let e = refused(
        "respondent,alter,y\na,b,1\n",
        Some("[trust]\n[[trust.items]]\ncolumn = \"x\"\nmin = 1\nmax = 2\n"),
        DEFAULT,
    );
    assert_eq!(e, "responses.csv:1:1: header: expected a column named \"x\", found \"respondent\", \"alter\", \"y\"");
}

#[test]
fn roster_problems_are_the_loaders() {
    let e = convert(
        Source {
            path: Path::new("responses.csv"),
            bytes: b"respondent,alter,trust\na,b,1\n",
        },
        Source {
            path: Path::new("roster.csv"),
            bytes: b"id,power\na,2\n",
        },
        None,
        &DEFAULT,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "roster.csv:2:2: power: expected a number in [0, 1], found \"2\""
    );
}

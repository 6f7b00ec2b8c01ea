//! `stakenet report` in a real browser: headless Chromium, networking off,
//! opens the example's page with a `#sort=` fragment and the sort code reorders
//! the table (read back with `--dump-dom`), nothing reaches the console, and
//! it writes a PNG screenshot and (through `stakenet report -o FILE.pdf`) a
//! PDF. Skipped with a note where Chromium is not installed; CI installs it
//! (`.ci/run`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

mod common;
use common::{root, stakenet};

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("STAKENET_TEST_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMIUM));
    if path.is_file() {
        Some(path)
    } else {
        eprintln!(
            "SKIPPED: Chromium is not installed at {} (apt-get install chromium)",
            path.display()
        );
        None
    }
}

/// Run headless Chromium offline on `url` with `flags`; (stdout, stderr).
fn run(browser: &Path, work: &Path, flags: &[OsString], url: &str) -> (String, String) {
    let mut profile = OsString::from("--user-data-dir=");
    profile.push(work.join("profile"));
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=127.0.0.1:9",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(profile)
        .args(flags)
        .arg(url)
        .output()
        .expect("Chromium runs");
    assert!(
        out.status.success(),
        "Chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What the page said on the console: Chromium logs every console message
/// and every uncaught error or CSP violation as a `CONSOLE` line.
fn console_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

fn file_url(path: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", path.display())
}

/// The example's report, written to `work/county.html`.
fn county_page(work: &Path) -> PathBuf {
    let page = work.join("county.html");
    stakenet()
        .arg("report")
        .arg(root().join("data/county-parenting-site"))
        .arg("-o")
        .arg(&page)
        .assert()
        .success();
    page
}

#[test]
fn a_sort_fragment_reorders_the_table_and_the_console_stays_silent() {
    let Some(browser) = chromium() else { return };
    let work = tempfile::tempdir().unwrap();
    let page = county_page(work.path());

    // The detector sees what a broken page would print.
    let broken = work.path().join("broken.html");
    std::fs::write(
        &broken,
        "<!DOCTYPE html><title>x</title><script>console.error('boom'); undefined_call();</script>",
    )
    .unwrap();
    let (_, stderr) = run(
        &browser,
        work.path(),
        &["--dump-dom".into()],
        &file_url(&broken, ""),
    );
    let said = console_lines(&stderr);
    assert_eq!(said.len(), 2, "{stderr}");
    assert!(said[0].contains("boom") && said[1].contains("undefined_call"));

    let (dom, stderr) = run(
        &browser,
        work.path(),
        &["--dump-dom".into()],
        &file_url(&page, "#sort=-betweenness"),
    );
    assert_eq!(console_lines(&stderr), Vec::<&str>::new(), "{stderr}");
    let doc = Html::parse_document(&dom);
    let rows = Selector::parse("#actor-table tbody tr").unwrap();
    let id = stakenet::render::html::ACTOR_COLUMNS
        .iter()
        .position(|&k| k == "id")
        .unwrap();
    let shown: Vec<String> = doc
        .select(&rows)
        .map(|r| {
            let cells: Vec<_> = r.children().filter_map(scraper::ElementRef::wrap).collect();
            cells[id].text().collect()
        })
        .collect();
    // Expected: the library's betweenness, largest first, equal values in
    // id order.
    let net = stakenet::io::load_dir(root().join("data/county-parenting-site")).unwrap();
    let report = stakenet::report::analyze(&net);
    let mut expected: Vec<(f64, &str)> = report
        .actors
        .iter()
        .map(|a| (a.betweenness, a.identity.id.as_str()))
        .collect();
    expected.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let expected: Vec<&str> = expected.into_iter().map(|(_, id)| id).collect();
    assert_eq!(shown, expected);
    assert_ne!(
        shown,
        report
            .actors
            .iter()
            .map(|a| a.identity.id.clone())
            .collect::<Vec<_>>(),
        "the sort changed nothing"
    );
    // The script ran: the heading says how the table is sorted, the
    // headings became buttons and the filter box is shown.
    let sorted = Selector::parse("th[aria-sort=descending]").unwrap();
    let headings: Vec<_> = doc.select(&sorted).collect();
    assert_eq!(headings.len(), 1);
    assert_eq!(headings[0].value().attr("data-key"), Some("betweenness"));
    let buttons = Selector::parse("#actor-table th button").unwrap();
    assert_eq!(
        doc.select(&buttons).count(),
        stakenet::render::html::ACTOR_COLUMNS.len()
    );
    let filter = Selector::parse("#actor-filter[hidden]").unwrap();
    assert_eq!(doc.select(&filter).count(), 0);
}

#[test]
fn the_page_becomes_a_png_and_a_pdf() {
    let Some(browser) = chromium() else { return };
    let work = tempfile::tempdir().unwrap();
    let page = county_page(work.path());
    let png = work.path().join("county.png");
    let mut shot = OsString::from("--screenshot=");
    shot.push(&png);
    let (_, stderr) = run(
        &browser,
        work.path(),
        &[
            shot,
            "--window-size=1280,2400".into(),
            "--hide-scrollbars".into(),
        ],
        &file_url(&page, ""),
    );
    assert_eq!(console_lines(&stderr), Vec::<&str>::new(), "{stderr}");
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    // IHDR: width and height, big-endian, at bytes 16..24.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 2400));

    // The PDF through the command itself, which calls the same Chromium.
    let pdf = work.path().join("county.pdf");
    stakenet()
        .arg("report")
        .arg(root().join("data/county-parenting-site"))
        .arg("-o")
        .arg(&pdf)
        .env("STAKENET_CHROMIUM", &browser)
        .assert()
        .success();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // Each of the seven sections starts a page: the page tree's root counts
    // them all (the largest /Count).
    let text = String::from_utf8_lossy(&bytes);
    let pages = text
        .split("/Count ")
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        })
        .max()
        .unwrap_or(0);
    assert!(pages >= 7, "{pages} pages");
}

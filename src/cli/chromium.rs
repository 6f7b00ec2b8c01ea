//! Headless Chromium, for `stakenet report -o FILE.pdf`: it prints the HTML
//! page to PDF with the page's own print style sheet.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};

/// The browser run for PDF output: `$STAKENET_CHROMIUM` when set (tests use
/// it to simulate a machine without Chromium), else the first of
/// `chromium`, `chromium-browser`, `google-chrome` on the PATH.
pub(crate) fn program() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("STAKENET_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The flags of an offline, throw-away headless run: no first-run work, no
/// background or component traffic, every host name unresolvable, and a
/// profile in `profile`. `--no-sandbox` only for root, where Chromium
/// refuses to start with its sandbox.
pub(crate) fn offline_flags(profile: &Path) -> Vec<OsString> {
    let mut flags: Vec<OsString> = [
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    let mut dir = OsString::from("--user-data-dir=");
    dir.push(profile);
    flags.push(dir);
    if running_as_root() {
        flags.push("--no-sandbox".into());
    }
    flags
}

fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // /proc/self belongs to the effective user.
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// The page printed to PDF by headless Chromium.
pub(crate) fn print_to_pdf(html: &str) -> anyhow::Result<Vec<u8>> {
    let Some(browser) = program() else {
        bail!(
            "PDF output needs Chromium, which was not found; install it (Debian/Ubuntu: \
             `apt-get install chromium`), or write the HTML page (-o NAME.html) and use your \
             browser's Print → Save as PDF"
        );
    };
    let work = tempfile::tempdir().context("cannot make a temporary folder for Chromium")?;
    let page = work.path().join("report.html");
    std::fs::write(&page, html).with_context(|| format!("cannot write {}", page.display()))?;
    let pdf = work.path().join("report.pdf");
    let mut print = OsString::from("--print-to-pdf=");
    print.push(&pdf);
    let output = Command::new(&browser)
        .args(offline_flags(&work.path().join("profile")))
        .args(["--no-pdf-header-footer", "--print-to-pdf-no-header"])
        .arg(print)
        .arg(&page)
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "PDF output needs Chromium, which was not found ({}); install it (Debian/Ubuntu: \
             `apt-get install chromium`), or write the HTML page (-o NAME.html) and print it \
             from a browser",
            browser.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot run {}", browser.display())),
    };
    match std::fs::read(&pdf) {
        Ok(bytes) if output.status.success() && bytes.starts_with(b"%PDF") => Ok(bytes),
        _ => bail!(
            "{} could not print the page to PDF ({}): {}",
            browser.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ),
    }
}

//! The workbook reader on arbitrary bytes (zip, OLE and ODS containers
//! included): it never panics, and every refusal names the workbook (and a
//! sheet and cell where there is one) and prints on one line.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use stakenet::io::workbook::read_workbook;
use stakenet::io::LoadOptions;
use stakenet::Error;

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts on every panic from its hook, even one caught
    // inside the code under test; stakenet catches calamine's panics on
    // damaged files (calamine 0.30 indexes its string table with a number
    // from the file) and refuses the file. A panic that escapes still
    // aborts: libfuzzer-sys catches the unwinding and aborts itself.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    match read_workbook(Path::new("fuzz.xlsx"), data, &LoadOptions::default()) {
        Ok(net) => {
            for t in net.ties() {
                assert!((0.0..=1.0).contains(&t.trust), "trust {}", t.trust);
                assert_ne!(t.source, t.target);
            }
        }
        Err(Error::Input(problems)) => {
            assert!(!problems.errors.is_empty());
            for e in &problems.errors {
                let text = e.to_string();
                assert!(text.starts_with("fuzz.xlsx"), "{text}");
                assert!(
                    !text.chars().any(char::is_control),
                    "control character in {text:?}"
                );
            }
        }
        Err(other) => panic!("unexpected error from a workbook in memory: {other}"),
    }
});

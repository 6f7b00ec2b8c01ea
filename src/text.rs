//! Terminal safety for text that comes from the user's files: labels, ids,
//! group and column names. A leaf module: everything that prints text a
//! file supplied (tables, prose, error messages) goes through here.

/// A control character or a Unicode bidirectional override or isolate
/// (U+202A–U+202E, U+2066–U+2069).
pub(crate) fn unsafe_on_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Replace control characters, so that a hostile label cannot move the
/// cursor or recolour the terminal, and the Unicode bidirectional overrides
/// and isolates, so that it cannot make the text around it read in another
/// order ("Trojan Source", CVE-2021-42574), each with `?`.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| if unsafe_on_terminal(c) { '?' } else { c })
        .collect()
}

/// The text with each control character and bidirectional override written
/// as a Rust escape (`\u{1b}`), everything else as is: for error messages,
/// where the reader needs to see what the file holds (or what a folder is
/// named).
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if unsafe_on_terminal(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_are_replaced_or_escaped() {
        assert_eq!(sanitize("a\u{202e}b\u{2066}c\u{7f}d\u{85}é"), "a?b?c?d?é");
        assert_eq!(escape_controls("x\u{1b}[2Jy"), "x\\u{1b}[2Jy");
    }
}

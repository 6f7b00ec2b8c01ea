//! Turning arbitrary actor text into DOT IDs that can never break the file.
//!
//! Graphviz reads a quoted ID in two passes. The lexer turns `\"` into `"`
//! and keeps every other backslash; then, for `label`-like attributes
//! (escString), `\\` becomes `\`, `\n` a line break and `\N`, `\G`, `\l`, …
//! are expanded. Doubling every backslash and escaping every quote therefore
//! makes any text literal, and a label can only end at the quote we write.

use std::fmt::Write;

/// Characters per label line before wrapping (CJK counts double).
pub(crate) const LABEL_WIDTH: usize = 24;
/// Lines per label before truncating with an ellipsis.
pub(crate) const LABEL_LINES: usize = 4;

/// A node or subgraph name: the text quoted, with `\` doubled, `"` escaped
/// and control characters written as `\xNN`, so distinct texts stay distinct
/// names (the lexer leaves `\\` and `\x` as they are) and none spans lines.
pub(crate) fn quoted_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An escString value (label, tooltip) showing `lines` centred, one per line,
/// `&` written as `&amp;`.
pub(crate) fn quoted_lines<S: AsRef<str>>(lines: &[S]) -> String {
    let mut out = String::from("\"");
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            out.push_str("\\n");
        }
        for c in line.as_ref().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                // Graphviz decodes HTML entities in every label, so a literal
                // `&amp;` would show as `&`.
                '&' => out.push_str("&amp;"),
                // Lines were split already; any other control is noise.
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

/// Display width in terminal columns (Unicode East Asian Width: wide and
/// full-width characters take two, so a CJK name wraps at half the
/// characters); a control character counts one, as the space it becomes.
fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(1)
}

fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Split `text` into display lines of at most `max_width` columns: line
/// breaks in the text are kept, other white space and control characters
/// collapse to one space, words wrap greedily and a word longer than a line
/// is cut. More than `max_lines` lines are cut to `max_lines`, the last one
/// ending in `…`. Empty text gives no lines.
pub(crate) fn wrap(text: &str, max_width: usize, max_lines: usize) -> Vec<String> {
    let max_width = max_width.max(2);
    let mut lines: Vec<String> = Vec::new();
    // One more line than needed tells us whether to add the ellipsis, so a
    // 10 KB name costs no more than a short one.
    let limit = max_lines + 1;
    'paragraphs: for paragraph in text.split(['\n', '\r']) {
        let mut line = String::new();
        let words = paragraph
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty());
        for word in words {
            let sep = usize::from(!line.is_empty());
            if width(&line) + sep + width(word) <= max_width {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                if lines.len() >= limit {
                    break 'paragraphs;
                }
            }
            for c in word.chars() {
                if width(&line) + char_width(c) > max_width {
                    lines.push(std::mem::take(&mut line));
                    if lines.len() >= limit {
                        break 'paragraphs;
                    }
                }
                line.push(c);
            }
        }
        if !line.is_empty() {
            lines.push(line);
            if lines.len() >= limit {
                break;
            }
        }
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines ≥ 1");
        while width(last) + 1 > max_width {
            last.pop();
        }
        let trimmed = last.trim_end().len();
        last.truncate(trimmed);
        last.push('…');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_escape_quotes_backslashes_and_controls() {
        assert_eq!(quoted_name("plain"), r#""plain""#);
        assert_eq!(quoted_name(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(quoted_name("a\nb\u{7}"), r#""a\x0ab\x07""#);
        // A trailing backslash cannot swallow the closing quote.
        assert_eq!(quoted_name("x\\"), r#""x\\""#);
    }

    #[test]
    fn labels_join_lines_with_escstring_breaks() {
        assert_eq!(quoted_lines(&["a\"b", "c\\n"]), r#""a\"b\nc\\n""#);
        assert_eq!(quoted_lines(&["&amp; <"]), r#""&amp;amp; <""#);
        assert_eq!(quoted_lines::<&str>(&[]), r#""""#);
    }

    #[test]
    fn wrap_keeps_words_and_breaks() {
        let nadia = "Nadia (lead implementation specialist - intermediary)";
        assert_eq!(
            wrap(nadia, 24, 4),
            [
                "Nadia (lead",
                "implementation",
                "specialist -",
                "intermediary)"
            ]
        );
        assert_eq!(
            wrap(nadia, 24, 3),
            ["Nadia (lead", "implementation", "specialist -…"]
        );
        assert_eq!(wrap("a\nb  c", 24, 3), ["a", "b c"]);
        assert_eq!(wrap("", 24, 3), Vec::<String>::new());
        assert_eq!(wrap(" \t ", 24, 3), Vec::<String>::new());
    }

    #[test]
    fn wrap_cuts_long_words_and_truncates_with_an_ellipsis() {
        let long = "x".repeat(10_000);
        let lines = wrap(&long, 24, 3);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], "x".repeat(24));
        assert_eq!(lines[2], format!("{}…", "x".repeat(23)));
        // CJK characters count two columns: 12 per line.
        let cjk = wrap(&"漢".repeat(30), 24, 3);
        assert_eq!(cjk, ["漢".repeat(12), "漢".repeat(12), "漢".repeat(6)]);
        assert_eq!(wrap("one two three four", 9, 2), ["one two", "three…"]);
    }
}

//! Limits on what a CSV file may hold, and a watch on its quoting: the checks
//! that keep a hostile or broken file from costing unbounded time and memory
//! downstream, or from being read as something it is not.

use std::io::{self, Read};

/// Most bytes in one cell. A label, id or note is far shorter; a cell this
/// long is a broken file (a quote that swallowed the rest, say), and every
/// table row would be padded to its width.
pub(crate) const MAX_CELL_BYTES: usize = 65_536;

/// Most columns in a file. Each extra nodes.csv column is kept for every
/// actor and written to every output row.
pub(crate) const MAX_COLUMNS: usize = 4_096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    StartField,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the field's end or the first of `""`.
    QuoteInQuoted,
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Passes the bytes through unchanged while following the quoting as the
/// `csv` crate reads it (a quote opens a field only at its start, `""` inside
/// is a quote, a leading UTF-8 BOM is skipped).
///
/// The `csv` crate ends a quoted field that is still open at the end of the
/// input without complaint, so an unbalanced quote silently swallows every
/// row after it; this watch is how the loader notices.
#[derive(Debug)]
pub(crate) struct QuoteWatch<R> {
    inner: R,
    state: State,
    /// BOM bytes matched so far at the start (3 = past any BOM).
    bom: usize,
    /// 1-based line and field of the byte being read.
    line: u64,
    field: usize,
    /// Where the quoted field being read started.
    open: (u64, usize),
    eof: bool,
}

impl<R: Read> QuoteWatch<R> {
    pub(crate) fn new(inner: R) -> Self {
        QuoteWatch {
            inner,
            state: State::StartField,
            bom: 0,
            line: 1,
            field: 1,
            open: (0, 0),
            eof: false,
        }
    }

    /// The line and (1-based) field where a quoted field opened that the end
    /// of the input left open; `None` before the end or when all is closed.
    pub(crate) fn unclosed(&self) -> Option<(u64, usize)> {
        (self.eof && self.state == State::Quoted).then_some(self.open)
    }

    fn scan(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.bom < BOM.len() {
                if b == BOM[self.bom] {
                    self.bom += 1;
                    continue;
                }
                // Not a BOM after all: what was skipped was field text.
                if self.bom > 0 {
                    self.state = State::Unquoted;
                }
                self.bom = BOM.len();
            }
            self.state = match (self.state, b) {
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, b'\n') => {
                    self.line += 1;
                    State::Quoted
                }
                (State::Quoted, _) => State::Quoted,
                (State::QuoteInQuoted, b'"') => State::Quoted,
                (State::StartField, b'"') => {
                    self.open = (self.line, self.field);
                    State::Quoted
                }
                (_, b',') => {
                    self.field += 1;
                    State::StartField
                }
                (_, b'\n') => {
                    self.line += 1;
                    self.field = 1;
                    State::StartField
                }
                (_, b'\r') => {
                    self.field = 1;
                    State::StartField
                }
                _ => State::Unquoted,
            };
        }
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        self.scan(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unclosed(text: &[u8]) -> Option<(u64, usize)> {
        let mut w = QuoteWatch::new(text);
        let mut sink = Vec::new();
        // Small reads, so that state carries across buffer boundaries.
        let mut buf = [0u8; 3];
        loop {
            let n = w.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            sink.extend_from_slice(&buf[..n]);
        }
        assert_eq!(sink, text, "bytes pass through unchanged");
        w.unclosed()
    }

    #[test]
    fn finds_the_quote_left_open_and_where_it_opened() {
        assert_eq!(unclosed(b"id,label\na,\"open\nb,c\n"), Some((2, 2)));
        assert_eq!(unclosed(b"\xef\xbb\xbf\"id\nb\n"), Some((1, 1)));
        assert_eq!(unclosed(b"id\r\na,\"x\r\n"), Some((2, 2)));
    }

    #[test]
    fn accepts_what_the_csv_crate_reads_as_closed() {
        for ok in [
            &b"id,label\na,\"two\nlines\"\n"[..],
            b"id,label\na,\"say \"\"hi\"\"\"\n",
            b"id,label\na,5\" tall\n",
            b"id,label\na,\"x\"y\"\n",
            b"\xef\xbb\xbfid\n\"a\"",
            b"",
        ] {
            assert_eq!(unclosed(ok), None, "{}", String::from_utf8_lossy(ok));
        }
    }
}

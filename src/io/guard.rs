//! Limits on what a CSV file may hold, and a watch on its quoting: the checks
//! that keep a hostile or broken file from costing unbounded time and memory
//! downstream, or from being read as something it is not.

use std::io::{self, Read};

/// Most bytes in one cell. A label, id or note is far shorter; a cell this
/// long is a broken file (a quote that swallowed the rest, say), and every
/// table row would be padded to its width.
pub(crate) const MAX_CELL_BYTES: usize = 65_536;

/// Bytes of one field (quotes included) or one record after which the
/// reading stops: past these the `csv` reader would hold the whole of a
/// runaway field or line in memory, however large the file. Far above the
/// cell limit, so that a merely long cell still gets its exact size.
pub(crate) const MAX_FIELD_RUN: u64 = 1 << 20;
/// See [`MAX_FIELD_RUN`]; room for a header of a million short names, so that
/// [`MAX_COLUMNS`] gets to report it.
pub(crate) const MAX_RECORD_RUN: u64 = 16 << 20;

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
    /// Bytes so far of the field and of the record being read.
    field_bytes: u64,
    record_bytes: u64,
    /// Where reading stopped at a runaway field or record: (line, field,
    /// bytes read of it, true for a field).
    runaway: Option<(u64, usize, u64, bool)>,
    eof: bool,
    /// Whether the first line ended in CR LF, and whether it has ended.
    crlf: bool,
    first_line_done: bool,
    /// The byte before this one was a CR outside quotes.
    after_cr: bool,
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
            field_bytes: 0,
            record_bytes: 0,
            runaway: None,
            eof: false,
            crlf: false,
            first_line_done: false,
            after_cr: false,
        }
    }

    /// Where reading stopped because a field or a record ran past
    /// [`MAX_FIELD_RUN`] or [`MAX_RECORD_RUN`]: (line, field, bytes read of
    /// it, true for a field).
    pub(crate) fn runaway(&self) -> Option<(u64, usize, u64, bool)> {
        self.runaway
    }

    /// The line and (1-based) field where a quoted field opened that the end
    /// of the input left open; `None` before the end or when all is closed.
    pub(crate) fn unclosed(&self) -> Option<(u64, usize)> {
        (self.eof && self.state == State::Quoted).then_some(self.open)
    }

    /// How many lines the `csv` crate's record positions are behind: 1 in a
    /// file whose lines end in CR LF (as Excel on Windows saves them), whose
    /// LF the crate counts only when it reads the next record; else 0.
    pub(crate) fn line_lag(&self) -> u64 {
        u64::from(self.crlf)
    }

    /// Follow the bytes, stopping at a runaway.
    fn scan(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.field_bytes += 1;
            self.record_bytes += 1;
            if self.field_bytes > MAX_FIELD_RUN || self.record_bytes > MAX_RECORD_RUN {
                let field = self.field_bytes > MAX_FIELD_RUN;
                let (line, at) =
                    if self.state == State::Quoted || self.state == State::QuoteInQuoted {
                        self.open
                    } else {
                        (self.line, self.field)
                    };
                let run = if field {
                    self.field_bytes
                } else {
                    self.record_bytes
                };
                self.runaway = Some((line, at, run - 1, field));
                return;
            }
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
            let after_cr = self.after_cr;
            self.after_cr = b == b'\r' && self.state != State::Quoted;
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
                    self.field_bytes = 0;
                    State::StartField
                }
                (_, b'\n') => {
                    if !self.first_line_done {
                        self.first_line_done = true;
                        self.crlf = after_cr;
                    }
                    self.line += 1;
                    self.field = 1;
                    self.field_bytes = 0;
                    self.record_bytes = 0;
                    State::StartField
                }
                (_, b'\r') => {
                    self.field = 1;
                    self.field_bytes = 0;
                    self.record_bytes = 0;
                    State::StartField
                }
                _ => State::Unquoted,
            };
        }
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.runaway.is_some() {
            return Err(runaway_error());
        }
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        self.scan(&buf[..n]);
        if self.runaway.is_some() {
            return Err(runaway_error());
        }
        Ok(n)
    }
}

fn runaway_error() -> io::Error {
    io::Error::other("a field or record too long to read")
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
    fn stops_at_a_runaway_field_or_record() {
        let mut text = b"id,label\na,\"".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_FIELD_RUN as usize + 10));
        let mut w = QuoteWatch::new(&text[..]);
        let mut sink = Vec::new();
        assert!(w.read_to_end(&mut sink).is_err());
        assert_eq!(w.runaway(), Some((2, 2, MAX_FIELD_RUN, true)));
        assert!(sink.len() < MAX_FIELD_RUN as usize + 64 * 1024);

        let mut text = b"id\n".to_vec();
        for _ in 0..(MAX_RECORD_RUN / 1000 + 1) {
            text.extend(std::iter::repeat_n(b'x', 999));
            text.push(b',');
        }
        let mut w = QuoteWatch::new(&text[..]);
        assert!(w.read_to_end(&mut Vec::new()).is_err());
        let (line, _, run, field) = w.runaway().unwrap();
        assert_eq!((line, run, field), (2, MAX_RECORD_RUN, false));
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

//! One fuzz input holds both files: nodes.csv, the separator line, edges.csv.
//! The seed corpus (fuzz/make_corpus.sh) is written in this form, so the
//! inputs stay readable and the fuzzer can mutate either file.

pub const SEPARATOR: &[u8] = b"\n--edges.csv--\n";

/// (nodes, edges); without the separator everything is nodes.csv and
/// edges.csv is empty.
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        Some(at) => (&data[..at], &data[at + SEPARATOR.len()..]),
        None => (data, &[]),
    }
}

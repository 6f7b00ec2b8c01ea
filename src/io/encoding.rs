//! Text that is not UTF-8. Spreadsheets save CSV in other encodings without
//! saying so: Excel's plain "CSV" is Windows-1252 on Western Windows, its
//! "Unicode text" is UTF-16. The messages say which one a file looks like
//! and how to save it, instead of only that its bytes are wrong.

use crate::error::InputErrorKind;

/// Longest piece of a cell quoted back, in characters (as `parse::quote`).
const QUOTE_LIMIT: usize = 60;

/// The problem with a cell whose bytes are not UTF-8: the cell quoted with
/// each undecodable byte as `\xNN`, and the Latin-1 hint when the bytes
/// read as Windows-1252 text ([`super::Problems::push`] keeps it on the
/// first such cell of each file only).
pub(crate) fn not_utf8(bytes: &[u8]) -> InputErrorKind {
    InputErrorKind::NotUtf8 {
        found: quote_bytes(bytes),
        hint: latin1_hint(bytes),
    }
}

/// The bytes quoted as `parse::quote` quotes text, with `\xNN` for each
/// byte that is not part of a UTF-8 character.
fn quote_bytes(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    let mut shown = 0;
    'chunks: for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if shown == QUOTE_LIMIT {
                break 'chunks;
            }
            out.extend(c.escape_debug());
            shown += 1;
        }
        for b in chunk.invalid() {
            if shown == QUOTE_LIMIT {
                break 'chunks;
            }
            out.push_str(&format!("\\x{b:02X}"));
            shown += 1;
        }
    }
    out.push('"');
    if shown == QUOTE_LIMIT && bytes.len() > QUOTE_LIMIT {
        out.push_str(&format!("… ({} bytes)", bytes.len()));
    }
    out
}

/// The hint for a cell that reads as Windows-1252 (a superset of Latin-1)
/// text: no control character once decoded, other than a tab. The five
/// bytes Windows-1252 leaves undefined decode to C1 controls, so a cell
/// holding one is not taken for it; nor is a binary one.
fn latin1_hint(bytes: &[u8]) -> Option<String> {
    let bad = std::str::from_utf8(bytes).err()?.valid_up_to();
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    if text.chars().any(|c| c.is_control() && c != '\t') {
        return None;
    }
    let byte = bytes[bad];
    let (shown, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes[bad..=bad]);
    Some(format!(
        " (this file is not UTF-8; it looks like Latin-1/Windows-1252, where byte 0x{byte:02X} \
         is {shown:?}: save the sheet as \"CSV UTF-8 (comma delimited)\")"
    ))
}

/// Whether a file's first record is UTF-16 text: it starts with a UTF-16
/// byte-order mark, or it is ASCII with a NUL byte beside every character
/// (UTF-16 without the mark), so that at least a third of its bytes are NUL.
pub(crate) fn looks_utf16(record: &csv::ByteRecord) -> bool {
    let first = record.get(0).unwrap_or_default();
    if first.starts_with(&[0xff, 0xfe]) || first.starts_with(&[0xfe, 0xff]) {
        return true;
    }
    let bytes = record.iter().flatten();
    let (mut nul, mut total) = (0usize, 0usize);
    for &b in bytes {
        total += 1;
        match b {
            0 => nul += 1,
            b' '..=b'~' | b'\t' => {}
            _ => return false,
        }
    }
    nul > 0 && nul * 3 >= total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_cells_are_named_and_quoted_with_the_bad_byte() {
        let kind = not_utf8(b"Ren\xe9e \x93Q\x94");
        assert_eq!(
            kind.to_string(),
            "expected UTF-8 text, found \"Ren\\xE9e \\x93Q\\x94\" (this file is not UTF-8; it \
             looks like Latin-1/Windows-1252, where byte 0xE9 is \"é\": save the sheet as \
             \"CSV UTF-8 (comma delimited)\")"
        );
        // 0x81 is undefined in Windows-1252, and a control byte is not text.
        for bytes in [&b"B\x81n"[..], b"\x01\xff"] {
            assert!(matches!(
                not_utf8(bytes),
                InputErrorKind::NotUtf8 { hint: None, .. }
            ));
        }
        let long = [b'x'; 100]
            .iter()
            .chain(b"\xe9")
            .copied()
            .collect::<Vec<u8>>();
        let InputErrorKind::NotUtf8 { found, .. } = not_utf8(&long) else {
            unreachable!()
        };
        assert_eq!(found, format!("\"{}\"… (101 bytes)", "x".repeat(60)));
    }

    #[test]
    fn utf16_is_recognised_with_or_without_the_mark() {
        let record = |bytes: &[u8]| {
            let mut r = csv::ByteRecord::new();
            for field in bytes.split(|&b| b == b',') {
                r.push_field(field);
            }
            r
        };
        let le: Vec<u8> = "id,kind"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "id,kind"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(looks_utf16(&record(&le)));
        assert!(looks_utf16(&record(&be)));
        assert!(looks_utf16(&record(b"\xff\xfei\x00d\x00")));
        assert!(!looks_utf16(&record(b"id,kind")));
        assert!(!looks_utf16(&record(b"id,la\x00bel,kind,placement")));
        assert!(!looks_utf16(&record(b"\x00\x01\x02\x00\x00\x00")));
    }
}

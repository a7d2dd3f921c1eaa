//! Hex text for `--hex`.

use std::fmt;

/// Hex text that does not decode.
#[derive(Debug)]
pub(crate) enum HexError {
    /// A character that is neither a hex digit nor white space, at this byte offset.
    Char(usize),
    /// An odd number of hex digits.
    Odd,
}

impl fmt::Display for HexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HexError::Char(at) => write!(f, "not a hex digit at byte {at}"),
            HexError::Odd => f.write_str("odd number of hex digits"),
        }
    }
}

/// Decodes hex text, ignoring ASCII white space.
pub(crate) fn decode(text: &[u8]) -> Result<Vec<u8>, HexError> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut high: Option<u8> = None;
    for (i, &c) in text.iter().enumerate() {
        if c.is_ascii_whitespace() {
            continue;
        }
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => return Err(HexError::Char(i)),
        };
        match high.take() {
            None => high = Some(v),
            Some(h) => out.push(h << 4 | v),
        }
    }
    if high.is_some() {
        return Err(HexError::Odd);
    }
    Ok(out)
}

/// Lowercase hex, no spaces.
pub(crate) fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        assert_eq!(decode(b"C8 00\n14 ff").unwrap(), [0xc8, 0, 0x14, 0xff]);
        assert_eq!(encode(&[0xc8, 0, 0x14, 0xff]), "c80014ff");
        assert!(matches!(decode(b"c8 0g"), Err(HexError::Char(4))));
        assert!(matches!(decode(b"c8 0"), Err(HexError::Odd)));
    }
}

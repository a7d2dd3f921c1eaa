//! Base64 as LwM2M uses it (RFC 4648): the standard alphabet with `=` padding for plain text
//! and the LwM2M 1.0 JSON, the URL-safe alphabet without padding for SenML JSON `vd`.
//!
//! Decoders are strict: the alphabet of the chosen variant only, padding exactly as the variant
//! wants, no white space, and zero bits in the unused low bits of the last character.
//!
//! ```
//! use lwm2m_types::base64::{self, Alphabet};
//! assert_eq!(base64::encode(&[1, 2, 3, 4, 5], Alphabet::Standard), "AQIDBAU=");
//! assert_eq!(base64::decode(b"AQIDBAU=", Alphabet::Standard)?, [1, 2, 3, 4, 5]);
//! assert_eq!(base64::encode(&[0xfb, 0xff], Alphabet::UrlSafeNoPad), "-_8");
//! assert!(base64::decode(b"AQIDBAU", Alphabet::Standard).is_err());
//! # Ok::<(), base64::Base64Error>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Which RFC 4648 variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// §4: `A–Z a–z 0–9 + /`, padded with `=` to a multiple of 4.
    Standard,
    /// §5: `A–Z a–z 0–9 - _`, no padding.
    UrlSafeNoPad,
}

impl Alphabet {
    fn table(self) -> &'static [u8; 64] {
        match self {
            Alphabet::Standard => {
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            }
            Alphabet::UrlSafeNoPad => {
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            }
        }
    }

    fn value(self, c: u8) -> Option<u8> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' if self == Alphabet::Standard => 62,
            b'/' if self == Alphabet::Standard => 63,
            b'-' if self == Alphabet::UrlSafeNoPad => 62,
            b'_' if self == Alphabet::UrlSafeNoPad => 63,
            _ => return None,
        })
    }
}

/// Base64 text that does not decode; `offset` is the first offending character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Base64Error {
    /// Byte offset of the first character that is wrong (or the length, for a wrong length).
    pub offset: usize,
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base64 at byte {}", self.offset)
    }
}

impl core::error::Error for Base64Error {}

/// The encoded length of `n` bytes.
pub const fn encoded_len(n: usize, alphabet: Alphabet) -> usize {
    match alphabet {
        Alphabet::Standard => n.div_ceil(3) * 4,
        Alphabet::UrlSafeNoPad => (n * 4).div_ceil(3),
    }
}

/// Appends the base64 text of `data` to `out`.
pub fn encode_to(data: &[u8], alphabet: Alphabet, out: &mut String) {
    let t = alphabet.table();
    out.reserve(encoded_len(data.len(), alphabet));
    let mut chunks = data.chunks_exact(3);
    for c in &mut chunks {
        let n = u32::from(c[0]) << 16 | u32::from(c[1]) << 8 | u32::from(c[2]);
        for shift in [18, 12, 6, 0] {
            out.push(char::from(t[(n >> shift) as usize & 63]));
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let n = u32::from(rest[0]) << 16 | rest.get(1).map_or(0, |&b| u32::from(b) << 8);
        let chars = rest.len() + 1;
        for shift in [18, 12, 6][..chars].iter() {
            out.push(char::from(t[(n >> shift) as usize & 63]));
        }
        if alphabet == Alphabet::Standard {
            for _ in chars..4 {
                out.push('=');
            }
        }
    }
}

/// The base64 text of `data`.
pub fn encode(data: &[u8], alphabet: Alphabet) -> String {
    let mut s = String::new();
    encode_to(data, alphabet, &mut s);
    s
}

/// Decodes base64 text strictly in the given variant.
pub fn decode(text: &[u8], alphabet: Alphabet) -> Result<Vec<u8>, Base64Error> {
    let body = match alphabet {
        Alphabet::Standard => {
            if !text.len().is_multiple_of(4) {
                return Err(Base64Error { offset: text.len() });
            }
            let pad = text
                .iter()
                .rev()
                .take(2)
                .take_while(|&&c| c == b'=')
                .count();
            &text[..text.len() - pad]
        }
        Alphabet::UrlSafeNoPad => {
            if text.len() % 4 == 1 {
                return Err(Base64Error { offset: text.len() });
            }
            text
        }
    };
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for (i, &c) in body.iter().enumerate() {
        let v = alphabet.value(c).ok_or(Base64Error { offset: i })?;
        acc = acc << 6 | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // The unused low bits of the last character must be zero (canonical encoding).
    if acc != 0 {
        return Err(Base64Error {
            offset: body.len().saturating_sub(1),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_test_vectors() {
        let cases: [(&[u8], &str, &str); 7] = [
            (b"", "", ""),
            (b"f", "Zg==", "Zg"),
            (b"fo", "Zm8=", "Zm8"),
            (b"foo", "Zm9v", "Zm9v"),
            (b"foob", "Zm9vYg==", "Zm9vYg"),
            (b"fooba", "Zm9vYmE=", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy", "Zm9vYmFy"),
        ];
        for (raw, std, url) in cases {
            assert_eq!(encode(raw, Alphabet::Standard), std);
            assert_eq!(encode(raw, Alphabet::UrlSafeNoPad), url);
            assert_eq!(decode(std.as_bytes(), Alphabet::Standard).unwrap(), raw);
            assert_eq!(decode(url.as_bytes(), Alphabet::UrlSafeNoPad).unwrap(), raw);
        }
    }

    #[test]
    fn strictness() {
        assert_eq!(
            decode(b"Zg=", Alphabet::Standard),
            Err(Base64Error { offset: 3 })
        );
        assert_eq!(
            decode(b"Zh==", Alphabet::Standard),
            Err(Base64Error { offset: 1 })
        );
        assert_eq!(
            decode(b"Z===", Alphabet::Standard),
            Err(Base64Error { offset: 1 })
        );
        assert_eq!(
            decode(b"Zg==", Alphabet::UrlSafeNoPad),
            Err(Base64Error { offset: 2 })
        );
        assert_eq!(
            decode(b"-_8", Alphabet::Standard),
            Err(Base64Error { offset: 3 })
        );
        assert_eq!(
            decode(b"+/8=", Alphabet::UrlSafeNoPad),
            Err(Base64Error { offset: 0 })
        );
        assert_eq!(
            decode(b"Z", Alphabet::UrlSafeNoPad),
            Err(Base64Error { offset: 1 })
        );
        assert_eq!(
            decode(b"Zm9v\nA", Alphabet::UrlSafeNoPad),
            Err(Base64Error { offset: 4 })
        );
        assert_eq!(
            decode(b"q83v", Alphabet::Standard).unwrap(),
            [0xab, 0xcd, 0xef]
        );
    }
}

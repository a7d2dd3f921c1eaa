//! Every `RangeEnumeration` example of `shared/spec/ddf.md` § "RangeEnumeration" (TS Appendix D
//! as quoted in lwm2m-registry #690, and the forms counted in the registry files).

use lwm2m_ddf::{parse_range, range_text};
use lwm2m_types::Range;

fn raw(s: &str) -> Option<Range> {
    Some(Range::Raw(s.to_owned().into()))
}

#[test]
fn ts_appendix_d_examples() {
    let table: &[(&str, Option<Range>)] = &[
        ("1..42", Some(Range::Unsigned { min: 1, max: 42 })),
        (
            "0.0..86400.0",
            Some(Range::Float {
                min: 0.0,
                max: 86400.0,
            }),
        ),
        // "would be a (reversed) range": kept as written, not reordered.
        (
            "-30..-120",
            Some(Range::Signed {
                min: -30,
                max: -120,
            }),
        ),
        ("5,10,15", raw("5,10,15")),
        ("8", raw("8")),
        ("\"foo\",\"bar\"", raw("\"foo\",\"bar\"")),
    ];
    for (text, want) in table {
        assert_eq!(&parse_range(text), want, "{text}");
    }
}

#[test]
fn registry_forms_are_kept_raw() {
    for text in [
        "0..255 bytes",
        "1..64 Bytes",
        "8 bit",
        "8-Bits",
        "16-bit",
        "2 Instances",
        "[1:4]",
        "1...15",
        "0..3, 99",
        "0; 3.8..20.5",
        "<7 to >12.5",
        "ON;OFF",
        "0-100",
        "1-65534",
        "0: RELEASED\n1: PRESSED\n2: FAULT",
        "The possible values are those listed in the LwM2M Core Specification",
    ] {
        assert_eq!(parse_range(text), raw(text), "{text:?}");
        assert_eq!(range_text(&parse_range(text).unwrap()), text);
    }
}

#[test]
fn empty_is_no_range() {
    assert_eq!(parse_range(""), None);
    assert_eq!(parse_range(" \n\t "), None);
}

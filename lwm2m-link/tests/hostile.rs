//! Hostile input: each case asserts the specific error kind and byte offset.

use lwm2m_link::{
    Discover, Error, Expected, Limits, Options, Reader, Registration, Unclosed, parse, parse_with,
};
use lwm2m_types::{Level, Snippet};

fn syntax(offset: usize, expected: Expected, found: u8) -> Error {
    Error::Syntax {
        offset,
        expected,
        found,
    }
}

fn truncated(offset: usize, unclosed: Unclosed) -> Error {
    Error::Truncated { offset, unclosed }
}

#[test]
fn reader_error_table() {
    let cases: &[(&[u8], Error)] = &[
        // `<` without `>`
        (b"</3/0", truncated(0, Unclosed::Target)),
        (b"</1/0>,</3/0", truncated(7, Unclosed::Target)),
        (b"<", truncated(0, Unclosed::Target)),
        // unterminated quotes
        (
            b"</0/0>;uri=\"coap://x",
            truncated(11, Unclosed::QuotedString),
        ),
        (b"</0/0>;uri=\"a\\", truncated(11, Unclosed::QuotedString)),
        (b"</0/0>;uri=\"a\\\"", truncated(11, Unclosed::QuotedString)),
        (
            b"</0/0>;uri=\"a,</1/0>",
            truncated(11, Unclosed::QuotedString),
        ),
        // dangling separators
        (b"</3/0>;", truncated(6, Unclosed::Parameter)),
        (b"</3/0>;pmin=", truncated(11, Unclosed::Value)),
        (b"</3/0>,", truncated(6, Unclosed::Link)),
        (b"</3/0>, \n", truncated(6, Unclosed::Link)),
        // unexpected bytes
        (b"/3/0", syntax(0, Expected::LinkStart, b'/')),
        (b"</3/0>x", syntax(6, Expected::Separator, b'x')),
        (b"</3 /0>", syntax(3, Expected::TargetEnd, b' ')),
        (b"</3/0\">", syntax(5, Expected::TargetEnd, b'"')),
        (b"</3/0>;=1", syntax(7, Expected::ParamName, b'=')),
        (b"</3/0>;p min", syntax(9, Expected::Separator, b'm')),
        (b"</3/0>;a=,", syntax(9, Expected::Value, b',')),
        (b"</3/0>;a=;", syntax(9, Expected::Value, b';')),
        (
            b"</0/0>;uri=\"a\nb\"",
            syntax(13, Expected::QuotedText, b'\n'),
        ),
        (
            b"</0/0>;uri=\"a\\\x01\"",
            syntax(14, Expected::QuotedText, 0x01),
        ),
        (
            b"</0/0>;uri=\"\x7f\"",
            syntax(12, Expected::QuotedText, 0x7f),
        ),
        // non-UTF-8
        (b"</0/0>;uri=\"ok\xff\"", Error::InvalidUtf8 { offset: 14 }),
        (b"</0/0>;uri=\"\xc3\"", Error::InvalidUtf8 { offset: 12 }),
        (b"</3/\xc3\xa9>", syntax(4, Expected::TargetEnd, 0xc3)),
        (b"</3/0>;p\xffmin=1", syntax(8, Expected::Separator, 0xff)),
        (b"</3/0>;pmin=\xff", syntax(12, Expected::Value, 0xff)),
        (b"\xef\xbb\xbf</3/0>", syntax(0, Expected::LinkStart, 0xef)),
    ];
    for (input, err) in cases {
        let got = parse(input).unwrap_err();
        assert_eq!(got, *err, "{}", String::from_utf8_lossy(input));
        assert_eq!(got.offset(), err.offset());
    }
}

#[test]
fn lenient_white_space_then_strict() {
    // Lenient: spaces, tabs and newlines around separators and at both ends.
    let doc = b" \t</1/0> ,\n </3/0> ; pmin=10 ;pmax=20\r\n";
    let links = parse(doc).unwrap();
    assert_eq!(links.len(), 2);
    let attrs: Vec<_> = links[1].attributes().map(|a| (a.name, a.offset)).collect();
    assert_eq!(attrs, [("pmin", 21), ("pmax", 30)]);
    // Strict: the first white space is the error.
    assert_eq!(
        parse_with(doc, &Options::strict()).unwrap_err(),
        syntax(0, Expected::NoWhiteSpace, b' ')
    );
    assert_eq!(
        parse_with(b"</1/0>, </3/0>", &Options::strict()).unwrap_err(),
        syntax(7, Expected::NoWhiteSpace, b' ')
    );
    assert_eq!(
        parse_with(b"</1/0>; pmin=1", &Options::strict()).unwrap_err(),
        syntax(7, Expected::NoWhiteSpace, b' ')
    );
    assert_eq!(
        parse_with(b"</1/0>\n", &Options::strict()).unwrap_err(),
        syntax(6, Expected::NoWhiteSpace, b'\n')
    );
    // White space inside a quoted string is content in both modes.
    let l = parse_with(b"</0/0>;uri=\" a \"", &Options::strict()).unwrap();
    assert_eq!(l[0].attribute("uri").unwrap().unescaped().unwrap(), " a ");
    // Empty documents are an empty list.
    assert!(parse(b"").unwrap().is_empty());
    assert!(parse(b" \n").unwrap().is_empty());
    assert!(parse_with(b"", &Options::strict()).unwrap().is_empty());
}

#[test]
fn limits() {
    let opts = Options {
        limits: Limits {
            max_links: 3,
            max_attributes: 2,
        },
        ..Options::default()
    };
    assert_eq!(
        parse_with(b"</1>,</2>,</3>,</4>", &opts).unwrap_err(),
        Error::TooManyLinks {
            offset: 15,
            limit: 3
        }
    );
    assert_eq!(
        parse_with(b"</1>;a;b;c", &opts).unwrap_err(),
        Error::TooManyAttributes {
            offset: 8,
            limit: 2
        }
    );
    // A huge attribute list with the default limit (64).
    let mut big = b"</3/0/1>".to_vec();
    for k in 0..10_000 {
        big.extend_from_slice(format!(";a{k}=1").as_bytes());
    }
    let err = parse(&big).unwrap_err();
    let off = 8 + (0..64).map(|k| format!(";a{k}=1").len()).sum::<usize>();
    assert_eq!(
        err,
        Error::TooManyAttributes {
            offset: off,
            limit: 64
        }
    );
    // A huge link list stops at the default limit without allocating per claimed count.
    let many = "</1/0>,".repeat(70_000);
    let err = Reader::new(many.as_bytes()).find_map(Result::err).unwrap();
    assert_eq!(
        err,
        Error::TooManyLinks {
            offset: 65_536 * 7,
            limit: 65_536
        }
    );
    // Deeply nested quotes / escapes are linear.
    let mut esc = b"</0/0>;uri=\"".to_vec();
    esc.extend(std::iter::repeat_n(b"\\\"".iter().copied(), 50_000).flatten());
    esc.push(b'"');
    let l = parse(&esc).unwrap();
    assert_eq!(
        l[0].attribute("uri").unwrap().unescaped().unwrap().len(),
        50_000
    );
}

#[test]
fn typed_views_hostile() {
    let cases: &[(&[u8], Error)] = &[
        (
            b"</3/0/1>",
            Error::TargetLevel {
                offset: 1,
                level: Level::Resource,
                expected: "an object or object instance",
            },
        ),
        (
            b"</3/65535>",
            Error::InvalidTarget {
                offset: 1,
                target: Snippet::new(b"/3/65535"),
            },
        ),
        (
            b"</3//0>",
            Error::InvalidTarget {
                offset: 1,
                target: Snippet::new(b"/3//0"),
            },
        ),
        (
            b"<3/0>",
            Error::InvalidTarget {
                offset: 1,
                target: Snippet::new(b"3/0"),
            },
        ),
        (
            b"</1/0>,</1/0>",
            Error::Structure {
                offset: 8,
                problem: "an object or instance listed twice",
            },
        ),
        (
            b"</>;ct=110;ct=112",
            Error::DuplicateAttribute {
                offset: 11,
                name: Snippet::new(b"ct"),
            },
        ),
        (
            b"</3>;x=1;x=2",
            Error::DuplicateAttribute {
                offset: 9,
                name: Snippet::new(b"x"),
            },
        ),
        (
            b"</3>;ver",
            Error::MissingValue {
                offset: 5,
                name: lwm2m_link::AttrName::Ver,
            },
        ),
        (
            b"</1/0>,</lwm2m>;rt=\"oma.lwm2m\"",
            Error::Structure {
                offset: 8,
                problem: "the rt=\"oma.lwm2m\" link must come before the object links",
            },
        ),
        (
            b"</>;ct=0,</>;ct=0",
            Error::Structure {
                offset: 10,
                problem: "a second root link",
            },
        ),
        (
            b"</3>;ver=1.0,</3/0>;ver=1.1",
            Error::Structure {
                offset: 14,
                problem: "two different versions for one object",
            },
        ),
    ];
    for (input, err) in cases {
        assert_eq!(
            Registration::parse(input).unwrap_err(),
            *err,
            "{}",
            String::from_utf8_lossy(input)
        );
    }
    assert_eq!(
        Discover::parse(b"</>").unwrap_err(),
        Error::TargetLevel {
            offset: 1,
            level: Level::Root,
            expected: "an object, instance, resource or resource instance"
        }
    );
    assert_eq!(
        Discover::parse(b"</3/0>,</3/0/1>,</3/0>").unwrap_err(),
        Error::Structure {
            offset: 17,
            problem: "a path listed twice"
        }
    );
}

#[test]
fn display_is_lowercase_and_names_the_offset() {
    let errs = [
        parse(b"</3/0").unwrap_err(),
        parse(b"</0/0>;uri=\"x").unwrap_err(),
        parse(b"</0/0>;uri=\"\xff\"").unwrap_err(),
        parse(b"</3/0>x").unwrap_err(),
        Registration::parse(b"</3/0/1>").unwrap_err(),
    ];
    let texts: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        texts,
        [
            "truncated input: '<' without '>' opened at byte 0",
            "truncated input: unterminated quoted string opened at byte 11",
            "invalid utf-8 at byte 12",
            "syntax error at byte 6: expected ';', ',' or the end, found 'x'",
            "link target at byte 1 is a resource, expected an object or object instance",
        ]
    );
    for t in &texts {
        assert!(!t.ends_with('.'));
        assert!(t.starts_with(|c: char| c.is_lowercase()));
    }
    assert!(errs[0].is_truncated());
    assert!(!errs[3].is_truncated());
}

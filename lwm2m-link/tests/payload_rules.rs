//! `check_as`: the rules that hold only for one kind of payload (spec `link-format.md`,
//! "Where LwM2M uses link format"), each with the exact problem line, the spec examples of
//! each kind, and the promise that a clean check means the typed view parses.

use lwm2m_link::{
    BootstrapDiscover, Discover, Options, Payload, Registration, check, check_as, check_with_model,
};
use lwm2m_types::{DataType, ModelProvider, NoModel, ObjectModel, Operations, ResourceModel};
use proptest::prelude::*;

fn lines(bytes: &str, payload: Payload) -> Vec<String> {
    check_as(bytes.as_bytes(), payload)
        .iter()
        .map(|p| p.to_string())
        .collect()
}

/// Each case: input, kind, the exact lines.
fn assert_cases(payload: Payload, cases: &[(&str, &[&str])]) {
    for (input, want) in cases {
        assert_eq!(lines(input, payload), *want, "{input} as {payload}");
    }
}

// Spec examples (shared/spec/link-format.md), the same constants as tests/spec_examples.rs.
const REGISTRATIONS: &[&str] = &[
    "</>;ct=110,</1/0>,</1/1>,</2/0>,</2/1>,</2/2>,</2/3>,</2/4>,</3/0>,</4/0>,</5>",
    "</>;ct=\"60 110 112 11542 11543\",</1/0>,</3/0>,</3303>;ver=1.1,</3303/0>,</3303/1>",
    "</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/1/0>,</lwm2m/3/0>,</lwm2m/5>",
    "</1/0>,</1/1>,</3/0>,</44>;ver=2.2,</44/0>",
    "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 1542 1543 11542 11543\",</1>;ver=1.1,</1/0>,</2>,</3>;ver=1.1,</3/0>,</3442/0>",
];
const DISCOVERS: &[&str] = &[
    "</3>;pmin=10,</3/0>,</3/0/0>,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=2,</3/0/7>;dim=8;gt=50;lt=42.2,</3/0/8>;dim=2,</3/0/9>,</3/0/11>;dim=1,</3/0/13>,</3/0/16>",
];
const BOOTSTRAP_DISCOVERS: &[&str] = &[
    "</>;lwm2m=1.1,</0/0>;ssid=101;uri=\"coaps://server_1.example.com\",</0/1>,</0/2>;ssid=102;uri=\"coaps://server_2.example.com\"",
    "</>;lwm2m=1.1,</3>;ver=1.0,</3/0>,</5/0>,</0/0>,</0/1>;ssid=101,</1>,</3311/0>,</3303/0>,</3340/0>,</16>",
];

#[test]
fn spec_examples_check_clean_under_their_kind() {
    for (kind, docs) in [
        (Payload::Registration, REGISTRATIONS),
        (Payload::Discover, DISCOVERS),
        (Payload::BootstrapDiscover, BOOTSTRAP_DISCOVERS),
    ] {
        for doc in docs {
            assert_eq!(lines(doc, kind), Vec::<String>::new(), "{doc} as {kind}");
            assert!(check(doc.as_bytes()).is_empty(), "{doc}");
            assert_eq!(
                check_as(doc.as_bytes(), Payload::Any),
                check(doc.as_bytes())
            );
        }
    }
    // ... and not under another kind.
    assert_eq!(
        lines(DISCOVERS[0], Payload::Registration).get(..2),
        Some(
            &[
                "link 1 </3>: attribute pmin at byte 5 does not belong in a registration".to_string(),
                "link 3 </3/0/0>: link target at byte 21 is a resource, expected an object or object instance".to_string(),
            ][..]
        )
    );
    assert_eq!(
        lines(BOOTSTRAP_DISCOVERS[0], Payload::Registration),
        [
            "link 1 </>: attribute lwm2m at byte 4 does not belong in a registration",
            "link 2 </0/0>: at byte 15: the security object /0 is not listed in a registration",
            "link 2 </0/0>: attribute ssid at byte 21 does not belong in a registration",
            "link 2 </0/0>: attribute uri at byte 30 does not belong in a registration",
            "link 3 </0/1>: at byte 66: the security object /0 is not listed in a registration",
            "link 4 </0/2>: at byte 73: the security object /0 is not listed in a registration",
            "link 4 </0/2>: attribute ssid at byte 79 does not belong in a registration",
            "link 4 </0/2>: attribute uri at byte 88 does not belong in a registration",
        ]
    );
    assert_eq!(
        lines(REGISTRATIONS[0], Payload::Discover)
            .first()
            .map(String::as_str),
        Some(
            "link 1 </>: link target at byte 1 is the root, expected an object, instance, resource or resource instance"
        )
    );
    assert_eq!(
        lines(REGISTRATIONS[0], Payload::BootstrapDiscover)
            .first()
            .map(String::as_str),
        Some("link 1 </>: at byte 1: the root link carries no lwm2m version")
    );
    // An Update without payload.
    for kind in Payload::ALL {
        assert!(check_as(b"", kind).is_empty());
    }
}

#[test]
fn registration_does_not_list_security_oscore_or_edhoc() {
    assert_cases(
        Payload::Registration,
        &[(
            "</>;ct=110,</0/0>,</21/0>,</23>,</1/0>",
            &[
                "link 2 </0/0>: at byte 12: the security object /0 is not listed in a registration",
                "link 3 </21/0>: at byte 19: the oscore object /21 is not listed in a registration",
                "link 4 </23>: at byte 27: the edhoc object /23 is not listed in a registration (lwm2m 1.2)",
            ],
        )],
    );
}

#[test]
fn registration_ver_belongs_on_the_object_link_unquoted() {
    assert_cases(
        Payload::Registration,
        &[
            (
                "</1/0>,</44/0>;ver=2.2",
                &["link 2 </44/0>: attribute ver at byte 15 is not allowed on an object instance"],
            ),
            (
                "</3>;ver=\"1.1\"",
                &[
                    "link 1 </3>: invalid value of attribute ver at byte 10: expected a version DIGITS.DIGITS",
                ],
            ),
        ],
    );
    // The lenient parser reads both (the 1.2 typo and the 1.0 form).
    assert!(Registration::parse(b"</1/0>,</44/0>;ver=2.2").is_ok());
    assert!(Registration::parse(b"</3>;ver=\"1.1\"").is_ok());
}

#[test]
fn registration_rt_and_ct_only_on_the_root() {
    assert_cases(
        Payload::Registration,
        &[
            (
                "</1/0>;ct=110,</3>;rt=\"x\"",
                &[
                    "link 1 </1/0>: attribute ct at byte 7 is not allowed on an object instance",
                    "link 2 </3>: attribute rt at byte 19 is not allowed on an object",
                ],
            ),
            (
                "</>;ct=110,</>;ct=112",
                &["link 2 </>: at byte 12: a second root link"],
            ),
            (
                "</lwm2m/1/0>,</lwm2m>;rt=\"oma.lwm2m\"",
                &[
                    "link 2 </lwm2m>: at byte 14: the rt=\"oma.lwm2m\" link must come before the object links",
                ],
            ),
        ],
    );
}

#[test]
fn registration_has_no_resource_links() {
    assert_cases(
        Payload::Registration,
        &[
            (
                "</3/0>,</3/0/1>",
                &[
                    "link 2 </3/0/1>: link target at byte 8 is a resource, expected an object or object instance",
                ],
            ),
            (
                "</3/0/11/0>;pmin=1",
                &[
                    "link 1 </3/0/11/0>: link target at byte 1 is a resource instance, expected an object or object instance",
                ],
            ),
        ],
    );
}

#[test]
fn registration_lists_each_link_once() {
    assert_cases(
        Payload::Registration,
        &[
            (
                "</1/0>,</3/0>,</1/0>",
                &["link 3 </1/0>: at byte 15: an object or instance listed twice"],
            ),
            (
                "</3>;ver=1.1,</3>",
                &["link 2 </3>: at byte 14: an object or instance listed twice"],
            ),
        ],
    );
}

#[test]
fn registration_carries_no_other_lwm2m_attribute() {
    assert_cases(
        Payload::Registration,
        &[
            (
                "</>;lwm2m=1.1,</3/0>;pmin=10;con=1",
                &[
                    "link 1 </>: attribute lwm2m at byte 4 does not belong in a registration",
                    "link 2 </3/0>: attribute pmin at byte 21 does not belong in a registration",
                    "link 2 </3/0>: attribute con at byte 29 does not belong in a registration",
                ],
            ),
            // Reported once, by the generic rule.
            (
                "</3/0>;ssid=1",
                &["link 1 </3/0>: at byte 7: ssid belongs only on instances of /0, /1 and /21"],
            ),
            // Unknown parameters are the Server's to ignore.
            ("</3/0>;obs;foo=\"bar\"", &[]),
        ],
    );
}

#[test]
fn discover_rules() {
    assert_cases(
        Payload::Discover,
        &[
            (
                "</3>,</>",
                &[
                    "link 2 </>: link target at byte 6 is the root, expected an object, instance, resource or resource instance",
                ],
            ),
            (
                "</3/0>,</3/0/1>,</4/0>",
                &[
                    "link 3 </4/0>: at byte 17: a link outside the discovered target (the first link)",
                ],
            ),
            (
                "</3/0>,</3/0/1>,</3/0/1>",
                &["link 3 </3/0/1>: at byte 17: a path listed twice"],
            ),
            (
                "</1/0>;ssid=101",
                &["link 1 </1/0>: attribute ssid at byte 7 does not belong in a discover response"],
            ),
            (
                "</3/0/6>,</3/0/6/0>,</3/0/6/1>",
                &[
                    "link 1 </3/0/6>: at byte 1: a resource whose instances are listed is multiple and carries dim",
                ],
            ),
            (
                "</3/0/6>;dim=1,</3/0/6/0>,</3/0/6/1>",
                &[
                    "link 1 </3/0/6>: at byte 1: dim is less than the number of resource instances listed",
                ],
            ),
            ("</3/0/6>;dim=2,</3/0/6/0>,</3/0/6/1>", &[]),
            (
                "</3/0>;dim=2",
                &["link 1 </3/0>: attribute dim at byte 7 is not allowed on an object instance"],
            ),
        ],
    );
}

#[test]
fn bootstrap_discover_rules() {
    assert_cases(
        Payload::BootstrapDiscover,
        &[
            (
                "</0/0>,</1/0>;ssid=1",
                &[
                    "link 1 </0/0>: at byte 1: a bootstrap-discover response starts with the </> link",
                ],
            ),
            (
                "</>,</0/0>",
                &["link 1 </>: at byte 1: the root link carries no lwm2m version"],
            ),
            (
                "</>;lwm2m=1.1,</>;lwm2m=1.1",
                &["link 2 </>: at byte 15: a second root link"],
            ),
            (
                "</>;lwm2m=1.1,</0/1>;uri=\"coap://s\"",
                &[
                    "link 2 </0/1>: at byte 15: uri without ssid: the security instance of an lwm2m server carries both",
                ],
            ),
            (
                "</>;lwm2m=1.1,</1/0>",
                &["link 2 </1/0>: at byte 15: a server instance carries no ssid"],
            ),
            (
                "</>;lwm2m=1.1,</3/0>;ssid=1",
                &["link 2 </3/0>: at byte 21: ssid belongs only on instances of /0, /1 and /21"],
            ),
            (
                "</>;lwm2m=1.1,</1/0>;ssid=1;uri=\"x\"",
                &["link 2 </1/0>: at byte 28: uri belongs only on instances of /0"],
            ),
            (
                "</>;lwm2m=1.1,</3>;lwm2m=1.1",
                &["link 2 </3>: attribute lwm2m at byte 19 is not allowed on an object"],
            ),
            (
                "</>;lwm2m=1.1,</3/0/1>",
                &[
                    "link 2 </3/0/1>: link target at byte 15 is a resource, expected the root, an object or an object instance",
                ],
            ),
            (
                "</>;lwm2m=1.1;ct=110,</3>;pmin=10",
                &[
                    "link 1 </>: attribute ct at byte 14 does not belong in a bootstrap-discover response",
                    "link 2 </3>: attribute pmin at byte 26 does not belong in a bootstrap-discover response",
                ],
            ),
            (
                "</>;lwm2m=1.1,</3>,</3>",
                &["link 3 </3>: at byte 20: a path listed twice"],
            ),
        ],
    );
}

#[test]
fn payload_names() {
    for kind in Payload::ALL {
        assert_eq!(Payload::from_name(kind.as_str()), Some(kind));
    }
    assert_eq!(Payload::from_name("update"), Some(Payload::Registration));
    assert_eq!(Payload::from_name("Registration"), None);
    assert_eq!(Payload::default(), Payload::Any);
}

/// The resources of Device (3) that the spec's Discover example lists, as in the OMA registry
/// (3.xml): id, type, operations, multiple.
struct Device(ObjectModel);

impl Device {
    fn new() -> Self {
        let r = |id, dt, ops, multiple| {
            let mut m = ResourceModel::new(id, "", dt);
            m.operations = ops;
            m.multiple = multiple;
            m
        };
        use DataType::*;
        let mut o = ObjectModel::new(3, "Device");
        o.resources = vec![
            r(0, String, Operations::R, false),
            r(1, String, Operations::R, false),
            r(2, String, Operations::R, false),
            r(3, String, Operations::R, false),
            r(4, None, Operations::E, false),
            r(6, Integer, Operations::R, true),
            r(7, Integer, Operations::R, true),
            r(8, Integer, Operations::R, true),
            r(9, Integer, Operations::R, false),
            r(11, Integer, Operations::R, true),
            r(13, Time, Operations::RW, false),
            r(16, String, Operations::R, false),
        ]
        .into();
        Device(o)
    }
}

impl ModelProvider for Device {
    fn object(&self, id: u16) -> Option<&ObjectModel> {
        (id == 3).then_some(&self.0)
    }
}

fn model_lines(bytes: &str, payload: Payload) -> Vec<String> {
    check_with_model(bytes.as_bytes(), payload, &Device::new())
        .iter()
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn model_rules() {
    // The spec's Discover example is clean with the Device model too.
    assert_eq!(
        model_lines(DISCOVERS[0], Payload::Discover),
        Vec::<String>::new()
    );
    let cases: &[(&str, Payload, &[&str])] = &[
        (
            "</3/0/0>;lt=1;st=2,</3/0/9>;lt=1;st=2",
            Payload::Any,
            &[
                "link 1 </3/0/0>: at byte 9: gt, lt and st apply only to numeric resources",
                "link 1 </3/0/0>: at byte 14: gt, lt and st apply only to numeric resources",
            ],
        ),
        (
            "</3/0/4>;pmin=10",
            Payload::Any,
            &[
                "link 1 </3/0/4>: at byte 9: notification attributes apply only to readable resources",
            ],
        ),
        (
            "</3/0/9>;dim=1",
            Payload::Discover,
            &["link 1 </3/0/9>: at byte 9: dim belongs only on multiple resources"],
        ),
        (
            "</3/0>,</3/0/6>,</3/0/6/0>",
            Payload::Discover,
            &["link 2 </3/0/6>: at byte 8: a multiple resource carries dim"],
        ),
        // Only a Discover response lists dim on every multiple resource.
        ("</3/0/6>;pmin=1", Payload::Any, &[]),
        // Unknown objects and resources are skipped; a bad value is reported once.
        (
            "</4/0/0>;gt=a,</3/0/99>;dim=3,</3/0/0>;gt=x",
            Payload::Any,
            &[
                "link 1 </4/0/0>: invalid value of attribute gt at byte 12: expected a decimal -?DIGITS[.DIGITS]",
                "link 3 </3/0/0>: invalid value of attribute gt at byte 42: expected a decimal -?DIGITS[.DIGITS]",
            ],
        ),
    ];
    for (input, payload, want) in cases {
        assert_eq!(model_lines(input, *payload), *want, "{input} as {payload}");
    }
    for kind in Payload::ALL {
        for doc in REGISTRATIONS
            .iter()
            .chain(DISCOVERS)
            .chain(BOOTSTRAP_DISCOVERS)
        {
            assert_eq!(
                check_with_model(doc.as_bytes(), kind, &NoModel),
                check_as(doc.as_bytes(), kind)
            );
        }
    }
}

fn documents() -> impl Strategy<Value = Vec<u8>> {
    let target = prop::sample::select(
        &[
            "/",
            "/lwm2m",
            "/0",
            "/0/0",
            "/0/1",
            "/1",
            "/1/0",
            "/3",
            "/3/0",
            "/3/0/6",
            "/3/0/6/0",
            "/3/0/6/1",
            "/21/0",
            "/lwm2m/1/0",
            "/lwm2m/3",
            "/4/0",
            "/x",
        ][..],
    );
    let attr = prop::sample::select(
        &[
            "ver=1.1",
            "ver=1.0",
            "ver=\"1.1\"",
            "rt=\"oma.lwm2m\"",
            "ct=110",
            "ct=\"60 110\"",
            "lwm2m=1.1",
            "ssid=101",
            "uri=\"coap://x\"",
            "pmin=10",
            "pmax=5",
            "dim=1",
            "dim=2",
            "gt=5",
            "lt=1",
            "obs",
        ][..],
    );
    let link = (target, prop::collection::vec(attr, 0..3));
    prop::collection::vec(link, 0..6).prop_map(|links| {
        links
            .iter()
            .map(|(t, attrs)| {
                let mut s = format!("<{t}>");
                for a in attrs {
                    s.push(';');
                    s.push_str(a);
                }
                s
            })
            .collect::<Vec<_>>()
            .join(",")
            .into_bytes()
    })
}

/// Offsets of every problem lie inside the input, whatever the bytes and the kind.
fn offsets_in_bounds(bytes: &[u8]) {
    let model = Device::new();
    for kind in Payload::ALL {
        for p in check_with_model(bytes, kind, &model) {
            if let Some(o) = p.error.offset() {
                assert!(
                    o <= bytes.len(),
                    "{p} in {:?}",
                    String::from_utf8_lossy(bytes)
                );
            }
            let _ = p.to_string();
        }
    }
}

#[test]
fn fuzz_corpus_never_panics() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/corpus/link_decode");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if let Ok(bytes) = std::fs::read(e.path()) {
            offsets_in_bounds(&bytes);
        }
    }
}

proptest! {
    #[test]
    fn hostile_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64), doc in documents()) {
        offsets_in_bounds(&bytes);
        offsets_in_bounds(&doc);
    }

    /// A document that checks clean as a kind parses with the typed view of that kind.
    #[test]
    fn clean_check_means_the_typed_view_parses(doc in documents()) {
        let strict = Options::strict();
        if check_as(&doc, Payload::Registration).is_empty() {
            prop_assert!(Registration::parse_with(&doc, &strict).is_ok());
        }
        if check_as(&doc, Payload::Discover).is_empty() {
            prop_assert!(Discover::parse_with(&doc, &strict).is_ok());
        }
        if check_as(&doc, Payload::BootstrapDiscover).is_empty() {
            prop_assert!(BootstrapDiscover::parse_with(&doc, &strict).is_ok());
        }
        prop_assert_eq!(check_as(&doc, Payload::Any), check(&doc));
    }
}

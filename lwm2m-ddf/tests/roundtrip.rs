//! Property tests: `parse(to_xml(models)) == models` over arbitrary models, and `parse_range`
//! over arbitrary text (never panics, typed forms write back to themselves).

use lwm2m_ddf::{WriteOptions, parse_range, parse_str, to_xml};
use lwm2m_types::{DataType, ObjectModel, Operations, Range, ResourceModel, Version};
use proptest::prelude::*;

/// Text as the parser returns it: trimmed, with XML specials and non-ASCII inside.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 &<>\"'+/%°µ\\-]{0,24}".prop_map(|s| s.trim().to_owned())
}

fn long_text() -> impl Strategy<Value = String> {
    "[a-z &<>\n\r\t]{0,40}".prop_map(|s| {
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .trim()
            .to_owned()
    })
}

fn range() -> impl Strategy<Value = Option<Range>> {
    prop_oneof![
        Just(None),
        (any::<u64>(), any::<u64>()).prop_map(|(min, max)| Some(Range::Unsigned { min, max })),
        (i64::MIN..0i64, any::<i64>()).prop_map(|(min, max)| Some(Range::Signed { min, max })),
        (-1e300f64..1e300, -1e300f64..1e300).prop_map(|(min, max)| Some(Range::Float { min, max })),
        "[0-9a-z .,:;\\-]{0,20}".prop_map(|s| parse_range(&s)),
    ]
}

fn resource(id: u16) -> impl Strategy<Value = ResourceModel> {
    let ops = prop_oneof![
        Just(Operations::NONE),
        Just(Operations::R),
        Just(Operations::W),
        Just(Operations::RW),
        Just(Operations::E)
    ];
    (
        text(),
        ops,
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(DataType::ALL.to_vec()),
        range(),
        text(),
        long_text(),
    )
        .prop_map(
            move |(name, operations, multiple, mandatory, data_type, range, units, description)| {
                ResourceModel {
                    id,
                    name: name.into(),
                    operations,
                    multiple,
                    mandatory,
                    data_type,
                    range,
                    units: units.into(),
                    description: description.into(),
                }
            },
        )
}

fn model() -> impl Strategy<Value = ObjectModel> {
    let ids = prop::collection::btree_set(any::<u16>(), 0..8);
    let resources = ids.prop_flat_map(|ids| ids.into_iter().map(resource).collect::<Vec<_>>());
    (
        any::<u16>(),
        text(),
        long_text(),
        (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()),
        text(),
        any::<bool>(),
        any::<bool>(),
        resources,
    )
        .prop_map(
            |(id, name, description, (a, b, c, d), urn, multiple, mandatory, resources)| {
                ObjectModel {
                    id,
                    name: name.into(),
                    description: description.into(),
                    version: Version::new(a, b),
                    lwm2m_version: Version::new(c, d),
                    urn: urn.into(),
                    multiple,
                    mandatory,
                    resources: resources.into(),
                }
            },
        )
}

proptest! {
    #[test]
    fn write_then_parse_is_identity(models in prop::collection::vec(model(), 1..4)) {
        let xml = to_xml(&models, WriteOptions { descriptions: true });
        prop_assert_eq!(parse_str(&xml).unwrap(), models);
    }

    #[test]
    fn facts_only_drops_descriptions(m in model()) {
        let xml = to_xml(std::slice::from_ref(&m), WriteOptions::default());
        let back = &parse_str(&xml).unwrap()[0];
        prop_assert!(back.description.is_empty());
        prop_assert_eq!(back.resources.len(), m.resources.len());
        prop_assert_eq!(&back.name, &m.name);
    }

    #[test]
    fn ranges_never_fail(s in "\\PC{0,30}") {
        match parse_range(&s) {
            None => prop_assert!(s.trim().is_empty()),
            Some(Range::Raw(raw)) => prop_assert_eq!(&*raw, s.trim()),
            Some(typed) => prop_assert!(s.contains("..")  && !matches!(typed, Range::Raw(_))),
        }
    }

    #[test]
    fn parse_never_panics(s in "[<>/a-zA-Z =\"&;#0-9!\\[\\]-]{0,200}") {
        let _ = parse_str(&s);
    }
}

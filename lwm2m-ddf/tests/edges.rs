//! Hand-made DDF documents covering every edge the parser must handle (spec digest
//! `shared/spec/ddf.md`: BOM, CDATA, entities, comments, self-closing elements, missing
//! versions, both schemas) and hostile input (DTD/XXE, unknown entities, limits).

use lwm2m_ddf::{
    Error, ErrorKind, Limits, Problem, parse_bytes, parse_str, parse_str_with, validate,
};
use lwm2m_types::{DataType, Operations, Range, Version};

/// A one-object document; `head` goes after `<ObjectID>`, `items` inside `<Resources>`.
fn doc(id: &str, head: &str, items: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- license text -->
<LWM2M xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://openmobilealliance.org/tech/profiles/LWM2M.xsd">
  <Object ObjectType="MODefinition">
    <Name>Test</Name>
    <Description1><![CDATA[A <test> & more]]></Description1>
    <ObjectID>{id}</ObjectID>
    {head}
    <MultipleInstances>Multiple</MultipleInstances>
    <Mandatory>Optional</Mandatory>
    <Resources>{items}</Resources>
    <Description2></Description2>
  </Object>
</LWM2M>
"#
    )
}

fn item(id: &str, name: &str, ops: &str, ty: &str, range: &str) -> String {
    format!(
        r#"
      <Item ID="{id}">
        <Name>{name}</Name>
        <Operations>{ops}</Operations>
        <MultipleInstances>Single</MultipleInstances>
        <Mandatory>Mandatory</Mandatory>
        <Type>{ty}</Type>
        <RangeEnumeration>{range}</RangeEnumeration>
        <Units/>
        <Description><![CDATA[desc]]></Description>
      </Item>"#
    )
}

fn err(xml: &str) -> Error {
    parse_str(xml).expect_err("must fail")
}

#[test]
fn minimal_defaults_to_version_1_0() {
    let xml = doc(
        "10250",
        "<ObjectURN>urn:oma:lwm2m:x:10250</ObjectURN>",
        &item("0", "A", "R", "String", ""),
    );
    let m = &parse_str(&xml).unwrap()[0];
    assert_eq!(m.id, 10250);
    assert_eq!(m.version, Version::V1_0);
    assert_eq!(m.lwm2m_version, Version::V1_0);
    assert_eq!(m.description, "A <test> & more");
    assert!(m.multiple && !m.mandatory);
    let r = &m.resources[0];
    assert_eq!(
        (r.id, &*r.name, r.operations, r.data_type),
        (0, "A", Operations::R, DataType::String)
    );
    assert_eq!(r.range, None);
    assert!(validate(m).is_empty());
}

#[test]
fn empty_version_elements_mean_1_0() {
    let xml = doc(
        "5",
        "<ObjectURN>urn:oma:lwm2m:oma:5</ObjectURN><LWM2MVersion/><ObjectVersion></ObjectVersion>",
        "",
    );
    let m = &parse_str(&xml).unwrap()[0];
    assert_eq!((m.version, m.lwm2m_version), (Version::V1_0, Version::V1_0));
}

#[test]
fn versions_and_1_1_types() {
    let items = item("0", "U", "R", "Unsigned Integer", "0..18446744073709551615")
        + &item("1", "L", "R", "Corelnk", "");
    let xml = doc(
        "3",
        "<ObjectURN>urn:oma:lwm2m:oma:3:1.2</ObjectURN><LWM2MVersion>1.1</LWM2MVersion><ObjectVersion>1.2</ObjectVersion>",
        &items,
    );
    let m = &parse_str(&xml).unwrap()[0];
    assert_eq!((m.version, m.lwm2m_version), (Version::V1_2, Version::V1_1));
    assert_eq!(m.resources[0].data_type, DataType::UnsignedInteger);
    assert_eq!(
        m.resources[0].range,
        Some(Range::Unsigned {
            min: 0,
            max: u64::MAX
        })
    );
    assert_eq!(m.resources[1].data_type, DataType::Corelnk);
    assert!(validate(m).is_empty());
}

#[test]
fn bom_is_skipped() {
    let xml = doc("1", "<ObjectURN>urn:oma:lwm2m:oma:1</ObjectURN>", "");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(xml.as_bytes());
    assert_eq!(parse_bytes(&bytes).unwrap()[0].id, 1);
    let with_char = format!("\u{feff}{xml}");
    assert_eq!(parse_str(&with_char).unwrap()[0].id, 1);
}

#[test]
fn entities_are_joined_not_cut() {
    let xml = doc(
        "10250",
        "<ObjectURN>urn:oma:lwm2m:x:10250</ObjectURN>",
        &item(
            "0",
            "  AT&amp;T &lt;&#65;&#x42;&gt; &quot;x&apos; ",
            "R",
            "String",
            "",
        ),
    );
    let m = &parse_str(&xml).unwrap()[0];
    assert_eq!(m.resources[0].name, "AT&T <AB> \"x'");
}

#[test]
fn comments_and_commented_out_items() {
    let items = format!(
        "<!-- {} -->{}<!-- <Item ID=\"9\"> -->",
        item("1", "Gone", "R", "String", ""),
        item("2", "Kept<!-- inner -->Name", "R", "Integer", "")
    );
    let xml = doc(
        "10250",
        "<ObjectURN>urn:oma:lwm2m:x:10250</ObjectURN>",
        &items,
    );
    let m = &parse_str(&xml).unwrap()[0];
    assert_eq!(m.resources.len(), 1);
    assert_eq!(m.resources[0].name, "KeptName");
}

#[test]
fn self_closing_and_missing_range_units() {
    let item = r#"<Item ID="4"><Name>Reboot</Name><Operations>E</Operations>
        <MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory><Type/></Item>"#;
    let xml = doc(
        "10250",
        "<ObjectURN>urn:oma:lwm2m:x:10250</ObjectURN>",
        item,
    );
    let r = &parse_str(&xml).unwrap()[0].resources[0];
    assert_eq!(
        (r.data_type, r.operations, r.range.clone(), &*r.units),
        (DataType::None, Operations::E, None, "")
    );
}

#[test]
fn ranges_never_fail() {
    let items = item("0", "A", "R", "Opaque", "0..255 bytes")
        + &item("1", "B", "R", "Integer", "-40..85")
        + &item("2", "C", "R", "Float", "-90.0..90.0")
        + &item(
            "3",
            "D",
            "R",
            "String",
            "<![CDATA[0: RELEASED\n1: PRESSED]]>",
        )
        + &item("4", "E", "R", "Integer", "1-65534");
    let xml = doc(
        "10250",
        "<ObjectURN>urn:oma:lwm2m:x:10250</ObjectURN>",
        &items,
    );
    let rs = &parse_str(&xml).unwrap()[0].resources;
    assert_eq!(rs[0].range, Some(Range::Raw("0..255 bytes".into())));
    assert_eq!(rs[1].range, Some(Range::Signed { min: -40, max: 85 }));
    assert_eq!(
        rs[2].range,
        Some(Range::Float {
            min: -90.0,
            max: 90.0
        })
    );
    assert_eq!(
        rs[3].range,
        Some(Range::Raw("0: RELEASED\n1: PRESSED".into()))
    );
    assert_eq!(rs[4].range, Some(Range::Raw("1-65534".into())));
}

#[test]
fn several_objects_and_sorted_resources() {
    let one = doc(
        "10250",
        "<ObjectURN>urn:oma:lwm2m:x:10250</ObjectURN>",
        &(item("5", "B", "R", "Time", "") + &item("1", "A", "W", "Boolean", "")),
    );
    let obj = &one[one.find("<Object ").unwrap()..one.find("</LWM2M>").unwrap()];
    let two = one.replace(
        "</LWM2M>",
        &format!("{}</LWM2M>", obj.replace("10250", "10251")),
    );
    let ms = parse_str(&two).unwrap();
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[1].id, 10251);
    assert_eq!(
        ms[0].resources.iter().map(|r| r.id).collect::<Vec<_>>(),
        [1, 5]
    );
}

#[test]
fn bad_ids_name_line_and_element() {
    let xml = doc("70000", "", "");
    let e = err(&xml);
    assert_eq!(e.kind, ErrorKind::InvalidValue("70000".into()));
    assert_eq!(e.element, "LWM2M/Object/ObjectID");
    assert_eq!(e.line, 7);

    let xml = doc("-1", "", "");
    assert_eq!(err(&xml).kind, ErrorKind::InvalidValue("-1".into()));

    let xml = doc("10250", "", &item("x1", "A", "R", "String", ""));
    let e = err(&xml);
    assert_eq!(e.kind, ErrorKind::InvalidValue("x1".into()));
    assert_eq!(e.element, "LWM2M/Object/Resources/Item");
    assert_eq!(e.line, 12);

    let xml = doc("10250", "", "<Item><Name>A</Name></Item>");
    assert_eq!(err(&xml).kind, ErrorKind::MissingAttribute("ID"));

    let xml = doc("10250", "", &item("3", "A", "RX", "String", ""));
    let e = err(&xml);
    assert_eq!(e.kind, ErrorKind::InvalidValue("RX".into()));
    assert_eq!(e.element, "LWM2M/Object/Resources/Item[3]/Operations");

    let xml = doc("10250", "", &item("3", "A", "R", "Number", ""));
    assert_eq!(err(&xml).kind, ErrorKind::InvalidValue("Number".into()));

    let xml = doc("10250", "<ObjectVersion>one</ObjectVersion>", "");
    assert_eq!(err(&xml).kind, ErrorKind::InvalidValue("one".into()));

    let xml = doc("", "", "").replace("<ObjectID></ObjectID>", "");
    assert_eq!(err(&xml).kind, ErrorKind::MissingElement("ObjectID"));
}

#[test]
fn reserved_ids_and_other_problems_are_reported_not_fixed() {
    let items = item("65535", "Big", "R", "String", "")
        + &item("1", "A", "R", "String", "")
        + &item("1", "A again", "R", "String", "")
        + &item("2", "Run", "E", "String", "")
        + &item("3", "Untyped", "R", "", "");
    let xml = doc(
        "65535",
        "<ObjectURN>urn:oma:lwm2m:x:65534</ObjectURN>",
        &items,
    );
    let m = &parse_str(&xml).unwrap()[0];
    assert_eq!(m.resources.len(), 5, "duplicates are kept");
    let problems = validate(m);
    assert_eq!(
        problems,
        [
            Problem::ObjectIdOutOfRange { object: 65535 },
            Problem::DuplicateResource {
                object: 65535,
                resource: 1
            },
            Problem::ExecutableType {
                object: 65535,
                resource: 2,
                executable: true,
                data_type: DataType::String
            },
            Problem::ExecutableType {
                object: 65535,
                resource: 3,
                executable: false,
                data_type: DataType::None
            },
            Problem::ResourceIdOutOfRange {
                object: 65535,
                resource: 65535
            },
            Problem::UrnMismatch {
                object: 65535,
                version: Version::V1_0,
                urn: "urn:oma:lwm2m:x:65534".into()
            },
        ]
    );
    assert_eq!(
        problems[1].to_string(),
        "/65535: resource id 1 is defined more than once"
    );
}

#[test]
fn urn_version_rules() {
    use lwm2m_ddf::urn_matches;
    assert!(urn_matches("urn:oma:lwm2m:oma:3:1.2", 3, Version::V1_2));
    assert!(urn_matches("urn:oma:lwm2m:ext:3303", 3303, Version::V1_0));
    assert!(urn_matches(
        "urn:oma:lwm2m:x:10254:1.0",
        10254,
        Version::V1_0
    ));
    assert!(!urn_matches("urn:oma:lwm2m:oma:3:1.1", 3, Version::V1_0));
    assert!(!urn_matches("urn:oma:lwm2m:oma:3", 3, Version::V1_1));
    assert!(!urn_matches("urn:oma:lwm2m:foo:3", 3, Version::V1_0));
    assert!(!urn_matches("urn:oma:lwm2m:oma:03", 3, Version::V1_0));
}

#[test]
fn xxe_and_dtd_are_refused() {
    let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE LWM2M [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<LWM2M><Object><Name>&xxe;</Name></Object></LWM2M>"#;
    let e = err(xxe);
    assert_eq!(e.kind, ErrorKind::Dtd);
    assert_eq!(e.line, 2);

    let billion =
        r#"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><LWM2M/>"#;
    assert_eq!(err(billion).kind, ErrorKind::Dtd);

    let undeclared = doc("10250", "", &item("0", "&xxe;", "R", "String", ""));
    let e = err(&undeclared);
    assert_eq!(e.kind, ErrorKind::UnknownEntity("xxe".into()));
    assert_eq!(e.element, "LWM2M/Object/Resources/Item[0]/Name");
}

#[test]
fn limits() {
    let xml = doc("10250", "", &item("0", "A", "R", "String", ""));
    let tiny = Limits {
        max_bytes: 100,
        ..Limits::default()
    };
    assert_eq!(
        parse_str_with(&xml, &tiny).unwrap_err().kind,
        ErrorKind::TooLarge
    );

    let shallow = Limits {
        max_depth: 4,
        ..Limits::default()
    };
    let e = parse_str_with(&xml, &shallow).unwrap_err();
    assert_eq!((e.kind, e.line), (ErrorKind::TooDeep, 13));

    let few = Limits {
        max_resources: 2,
        ..Limits::default()
    };
    let three = doc(
        "10250",
        "",
        &(item("0", "A", "R", "String", "")
            + &item("1", "B", "R", "String", "")
            + &item("2", "C", "R", "String", "")),
    );
    assert_eq!(
        parse_str_with(&three, &few).unwrap_err().kind,
        ErrorKind::TooManyResources
    );

    let one = Limits {
        max_objects: 1,
        ..Limits::default()
    };
    let obj = &xml[xml.find("<Object ").unwrap()..xml.find("</LWM2M>").unwrap()];
    let two = xml.replace("</LWM2M>", &format!("{obj}</LWM2M>"));
    assert_eq!(
        parse_str_with(&two, &one).unwrap_err().kind,
        ErrorKind::TooManyObjects
    );

    let short = Limits {
        max_text: 10,
        ..Limits::default()
    };
    let long = doc(
        "10250",
        "",
        &item("0", "A very long name indeed", "R", "String", ""),
    );
    assert_eq!(
        parse_str_with(&long, &short).unwrap_err().kind,
        ErrorKind::TextTooLong
    );
}

#[test]
fn huge_file_is_refused_before_parsing() {
    // 17 MiB of comment: over the default 16 MiB limit.
    let huge = format!("<LWM2M><!--{}--></LWM2M>", "x".repeat(17 << 20));
    assert_eq!(err(&huge).kind, ErrorKind::TooLarge);
    // Deep nesting is stopped by the depth limit, not the stack.
    let deep = format!(
        "<LWM2M>{}{}</LWM2M>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    assert_eq!(err(&deep).kind, ErrorKind::TooDeep);
    // Many unknown elements are skipped (and bounded by the size limit, not by memory).
    let many = doc("10250", &"<Extra><X/></Extra>".repeat(100_000), "");
    assert_eq!(parse_str(&many).unwrap()[0].id, 10250);
    // A file over the limit is refused from its size, before it is read.
    let dir = std::env::temp_dir().join(format!("lwm2m-ddf-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.xml");
    std::fs::write(&path, &many).unwrap();
    let small = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    let e = lwm2m_ddf::parse_file_with(&path, &small).unwrap_err();
    assert_eq!(
        (e.kind, e.file.as_deref()),
        (ErrorKind::TooLarge, Some(path.as_path()))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn not_ddf_and_malformed() {
    assert_eq!(err("<DDFList><Item/></DDFList>").kind, ErrorKind::NotDdf);
    assert_eq!(
        err("<LWM2M><Object ObjectType=\"CommonResources\"/></LWM2M>").kind,
        ErrorKind::NotDdf
    );
    assert_eq!(err("").kind, ErrorKind::NotDdf);
    assert_eq!(err("<LWM2M></LWM2M>").kind, ErrorKind::NoObject);
    assert!(matches!(
        err("<LWM2M><Object></LWM2M>").kind,
        ErrorKind::Xml(_)
    ));
    assert!(matches!(err("<LWM2M><Object>").kind, ErrorKind::Xml(_)));
    assert_eq!(
        parse_bytes(b"<LWM2M>\xff</LWM2M>").unwrap_err().kind,
        ErrorKind::InvalidUtf8
    );
}

#[test]
fn file_errors_name_the_file() {
    let dir = std::env::temp_dir().join(format!("lwm2m-ddf-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.xml");
    std::fs::write(&path, doc("oops", "", "")).unwrap();
    let e = lwm2m_ddf::parse_file(&path).unwrap_err();
    assert_eq!(e.file.as_deref(), Some(path.as_path()));
    assert!(
        e.to_string()
            .starts_with(&format!("{}:7: LWM2M/Object/ObjectID", path.display())),
        "{e}"
    );
    let e = lwm2m_ddf::parse_file(dir.join("missing.xml")).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Io(_)));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn model_set_keeps_every_version_and_serves_the_latest() {
    use lwm2m_ddf::ModelSet;
    use lwm2m_types::{Chain, ModelProvider, ObjectModel};
    let v10 = doc(
        "10250",
        "<ObjectURN>urn:oma:lwm2m:x:10250</ObjectURN>",
        &item("0", "Old", "R", "String", ""),
    );
    let v11 = doc(
        "10250",
        "<ObjectURN>urn:oma:lwm2m:x:10250:1.1</ObjectURN><ObjectVersion>1.1</ObjectVersion>",
        &item("0", "New", "R", "Integer", ""),
    );
    let dir = std::env::temp_dir().join(format!("lwm2m-ddf-set-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.xml"), v11).unwrap();
    std::fs::write(dir.join("sub/b.xml"), v10).unwrap();
    std::fs::write(dir.join("notes.txt"), "not xml").unwrap();
    std::fs::write(dir.join("DDF.xml"), "<DDFList/>").unwrap();
    let mut set = ModelSet::new();
    assert_eq!(set.load(&dir).unwrap(), 2);
    assert_eq!(set.load(dir.join("a.xml")).unwrap(), 1);
    assert_eq!(set.len(), 2);
    assert_eq!(
        set.object(10250).map(|m| &*m.resources[0].name),
        Some("New")
    );
    assert_eq!(
        set.get(10250, Version::V1_0).map(|m| &*m.resources[0].name),
        Some("Old")
    );
    let fallback = ObjectModel::new(3, "Device");
    let both = Chain(&set, fallback);
    assert_eq!(
        both.data_type(&"/10250/0/0".parse().unwrap()),
        Some(DataType::Integer)
    );
    assert!(both.object(3).is_some());
    std::fs::remove_dir_all(&dir).unwrap();
}

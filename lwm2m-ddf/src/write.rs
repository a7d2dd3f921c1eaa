//! Writing models back as DDF XML.

use std::fmt::Write as _;

use lwm2m_types::ObjectModel;

use crate::range::range_text;

/// What [`to_xml`] writes besides the facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WriteOptions {
    /// Write the object and resource descriptions (`false`: empty `Description1`/`Description`).
    pub descriptions: bool,
}

/// Writes models as one DDF document (schema `LWM2M-v1_1.xsd`, elements in schema order,
/// every optional element present, text escaped). The output is deterministic, and
/// [`parse_str`](crate::parse_str) reads it back to equal models (descriptions aside when they
/// are left out).
///
/// ```
/// use lwm2m_ddf::{WriteOptions, parse_str, to_xml};
/// use lwm2m_types::{DataType, ObjectModel, ResourceModel};
/// let mut m = ObjectModel::new(10250, "AT&T <Meter>");
/// m.urn = "urn:oma:lwm2m:x:10250".into();
/// m.resources = vec![ResourceModel::new(0, "Reading", DataType::Float)].into();
/// let xml = to_xml(std::slice::from_ref(&m), WriteOptions::default());
/// assert!(xml.contains("<Name>AT&amp;T &lt;Meter&gt;</Name>"));
/// assert_eq!(parse_str(&xml)?, vec![m]);
/// # Ok::<(), lwm2m_ddf::Error>(())
/// ```
pub fn to_xml(models: &[ObjectModel], options: WriteOptions) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<LWM2M xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:noNamespaceSchemaLocation=\"http://www.openmobilealliance.org/tech/profiles/LWM2M-v1_1.xsd\">\n",
    );
    for m in models {
        write_object(&mut out, m, options);
    }
    out.push_str("</LWM2M>\n");
    out
}

fn write_object(out: &mut String, m: &ObjectModel, options: WriteOptions) {
    let yes_no = |b: bool, y: &'static str, n: &'static str| if b { y } else { n };
    let desc = if options.descriptions {
        &*m.description
    } else {
        ""
    };
    out.push_str("  <Object ObjectType=\"MODefinition\">\n");
    elem(out, 4, "Name", &m.name);
    elem(out, 4, "Description1", desc);
    elem(out, 4, "ObjectID", &m.id.to_string());
    elem(out, 4, "ObjectURN", &m.urn);
    elem(out, 4, "LWM2MVersion", &m.lwm2m_version.to_string());
    elem(out, 4, "ObjectVersion", &m.version.to_string());
    elem(
        out,
        4,
        "MultipleInstances",
        yes_no(m.multiple, "Multiple", "Single"),
    );
    elem(
        out,
        4,
        "Mandatory",
        yes_no(m.mandatory, "Mandatory", "Optional"),
    );
    out.push_str("    <Resources>\n");
    for r in m.resources.iter() {
        let _ = writeln!(out, "      <Item ID=\"{}\">", r.id);
        elem(out, 8, "Name", &r.name);
        elem(out, 8, "Operations", &r.operations.to_string());
        elem(
            out,
            8,
            "MultipleInstances",
            yes_no(r.multiple, "Multiple", "Single"),
        );
        elem(
            out,
            8,
            "Mandatory",
            yes_no(r.mandatory, "Mandatory", "Optional"),
        );
        elem(out, 8, "Type", r.data_type.ddf_name());
        elem(
            out,
            8,
            "RangeEnumeration",
            &r.range.as_ref().map(range_text).unwrap_or_default(),
        );
        elem(out, 8, "Units", &r.units);
        elem(
            out,
            8,
            "Description",
            if options.descriptions {
                &r.description
            } else {
                ""
            },
        );
        out.push_str("      </Item>\n");
    }
    out.push_str("    </Resources>\n");
    elem(out, 4, "Description2", "");
    out.push_str("  </Object>\n");
}

fn elem(out: &mut String, indent: usize, name: &str, text: &str) {
    for _ in 0..indent {
        out.push(' ');
    }
    if text.is_empty() {
        let _ = writeln!(out, "<{name}/>");
        return;
    }
    let _ = write!(out, "<{name}>");
    escape_into(out, text);
    let _ = writeln!(out, "</{name}>");
}

/// Escapes `&`, `<`, `>` and carriage returns (so they survive end-of-line normalisation).
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

//! The DDF XML reader.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use lwm2m_types::{DataType, ObjectModel, Operations, ResourceModel, Version};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::{Error, ErrorKind};
use crate::range::parse_range;

/// Limits that keep hostile or broken XML from using unbounded memory or time.
///
/// ```
/// let limits = lwm2m_ddf::Limits { max_bytes: 1 << 20, ..Default::default() };
/// assert!(lwm2m_ddf::parse_str_with("<LWM2M/>", &limits).is_err()); // no object
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted input in bytes (default 16 MiB; the largest registry file is ~300 KiB).
    pub max_bytes: usize,
    /// Deepest element nesting (default 32; DDF needs 5).
    pub max_depth: usize,
    /// Most `<Object>` elements in one document (default 1024).
    pub max_objects: usize,
    /// Most `<Item>` elements in one object (default 65535).
    pub max_resources: usize,
    /// Longest text of one element in bytes (default 1 MiB).
    pub max_text: usize,
    /// Most files [`load_dir_with`](crate::load_dir_with) reads (default 100 000).
    pub max_files: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 16 << 20,
            max_depth: 32,
            max_objects: 1024,
            max_resources: 65535,
            max_text: 1 << 20,
            max_files: 100_000,
        }
    }
}

/// Parses a DDF document (text) into its object models, with default [`Limits`].
///
/// The document's root must be `<LWM2M>`; each `<Object>` becomes one [`ObjectModel`] with
/// resources sorted by id (duplicates are kept: [`validate`](crate::validate) reports them).
/// Both schema versions are accepted; a missing `ObjectVersion`/`LWM2MVersion` means 1.0, a
/// missing `RangeEnumeration`, `Units` or description means none (a non-empty `Description2`
/// is appended to the description after a blank line). Unknown elements are skipped. Comments,
/// CDATA, the five
/// predefined entities and character references are understood; a DTD or any other entity is
/// refused.
///
/// ```
/// let xml = r#"<LWM2M><Object ObjectType="MODefinition">
///   <Name>AT&amp;T Meter</Name><ObjectID>10250</ObjectID>
///   <ObjectURN>urn:oma:lwm2m:x:10250</ObjectURN>
///   <MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory>
///   <Resources><Item ID="0"><Name>Reading</Name><Operations>R</Operations>
///     <MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory>
///     <Type>Float</Type><RangeEnumeration/><Units>Wh</Units></Item></Resources>
/// </Object></LWM2M>"#;
/// let models = lwm2m_ddf::parse_str(xml)?;
/// assert_eq!(models[0].name, "AT&T Meter");
/// assert_eq!(models[0].version, lwm2m_types::Version::V1_0);
/// assert_eq!(models[0].resources[0].units, "Wh");
/// # Ok::<(), lwm2m_ddf::Error>(())
/// ```
pub fn parse_str(xml: &str) -> Result<Vec<ObjectModel>, Error> {
    parse_str_with(xml, &Limits::default())
}

/// [`parse_str`] with explicit [`Limits`].
pub fn parse_str_with(xml: &str, limits: &Limits) -> Result<Vec<ObjectModel>, Error> {
    if xml.len() > limits.max_bytes {
        return Err(Error::new(ErrorKind::TooLarge, 0, String::new()));
    }
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    Parser::new(xml, limits).run()
}

/// Parses a DDF document from bytes: UTF-8 with or without a BOM.
pub fn parse_bytes(bytes: &[u8]) -> Result<Vec<ObjectModel>, Error> {
    parse_bytes_with(bytes, &Limits::default())
}

/// [`parse_bytes`] with explicit [`Limits`].
pub fn parse_bytes_with(bytes: &[u8], limits: &Limits) -> Result<Vec<ObjectModel>, Error> {
    if bytes.len() > limits.max_bytes {
        return Err(Error::new(ErrorKind::TooLarge, 0, String::new()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = line_of(&bytes[..e.valid_up_to()], e.valid_up_to());
        Error::new(ErrorKind::InvalidUtf8, line, String::new())
    })?;
    parse_str_with(text, limits)
}

/// Reads and parses one DDF file; errors carry the file name.
pub fn parse_file(path: impl AsRef<Path>) -> Result<Vec<ObjectModel>, Error> {
    parse_file_with(path, &Limits::default())
}

/// [`parse_file`] with explicit [`Limits`]. The file size is checked before it is read.
pub fn parse_file_with(path: impl AsRef<Path>, limits: &Limits) -> Result<Vec<ObjectModel>, Error> {
    let path = path.as_ref();
    let io = |e: std::io::Error| {
        Error::new(ErrorKind::Io(e.to_string()), 0, String::new()).with_file(path)
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > limits.max_bytes as u64 {
        return Err(Error::new(ErrorKind::TooLarge, 0, String::new()).with_file(path));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    parse_bytes_with(&bytes, limits).map_err(|e| e.with_file(path))
}

/// Loads every DDF file under a directory (recursively, e.g. a registry checkout with its
/// `version_history/`), in path order.
///
/// Every `*.xml` file is read; files whose root element is not `<LWM2M>` (`DDF.xml`,
/// `Common.xml`, `LWM2M_senml_units.xml`) are skipped; any other error stops the load. Models
/// are returned in file order, so the same (id, version) may appear several times.
///
/// ```no_run
/// let models = lwm2m_ddf::load_dir("my-objects/")?;
/// println!("{} models", models.len());
/// # Ok::<(), lwm2m_ddf::Error>(())
/// ```
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Vec<ObjectModel>, Error> {
    load_dir_with(dir, &Limits::default())
}

/// [`load_dir`] with explicit [`Limits`].
pub fn load_dir_with(dir: impl AsRef<Path>, limits: &Limits) -> Result<Vec<ObjectModel>, Error> {
    let mut models = Vec::new();
    for file in xml_files(dir.as_ref(), limits)? {
        match parse_file_with(&file, limits) {
            Ok(m) => models.extend(m),
            Err(e) if e.kind == ErrorKind::NotDdf => {}
            Err(e) => return Err(e),
        }
    }
    Ok(models)
}

/// Every `*.xml` file under `dir`, recursively, sorted by path.
pub(crate) fn xml_files(dir: &Path, limits: &Limits) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let io = |e: std::io::Error| {
            Error::new(ErrorKind::Io(e.to_string()), 0, String::new()).with_file(&d)
        };
        for entry in std::fs::read_dir(&d).map_err(io)? {
            let entry = entry.map_err(io)?;
            let path = entry.path();
            let ty = entry.file_type().map_err(io)?;
            if ty.is_dir() {
                todo.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
            {
                if out.len() >= limits.max_files {
                    return Err(Error::new(
                        ErrorKind::Io("too many files".into()),
                        0,
                        String::new(),
                    )
                    .with_file(dir));
                }
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// 1-based line of byte offset `pos` in `text`.
fn line_of(text: &[u8], pos: usize) -> u32 {
    let pos = pos.min(text.len());
    let n = text[..pos].iter().filter(|&&b| b == b'\n').count();
    u32::try_from(n).unwrap_or(u32::MAX - 1) + 1
}

#[derive(Default)]
struct ObjectDraft {
    id: Option<u16>,
    name: Option<String>,
    description: String,
    description2: String,
    urn: String,
    version: Option<Version>,
    lwm2m_version: Option<Version>,
    multiple: Option<bool>,
    mandatory: Option<bool>,
    resources: Vec<ResourceModel>,
    line: u32,
}

struct ItemDraft {
    id: u16,
    name: Option<String>,
    operations: Option<Operations>,
    multiple: Option<bool>,
    mandatory: Option<bool>,
    data_type: Option<DataType>,
    range: Option<lwm2m_types::Range>,
    units: String,
    description: String,
    line: u32,
}

struct Parser<'a> {
    xml: &'a str,
    reader: Reader<&'a [u8]>,
    limits: &'a Limits,
    /// Element names from the root down to the current one.
    stack: Vec<String>,
    /// The `ID` of the current `<Item>`, for error paths.
    item_id: Option<u16>,
    text: String,
    objects: Vec<ObjectModel>,
    object: Option<ObjectDraft>,
    item: Option<ItemDraft>,
    seen_root: bool,
}

impl<'a> Parser<'a> {
    fn new(xml: &'a str, limits: &'a Limits) -> Self {
        let mut reader = Reader::from_str(xml);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.check_comments = false;
        config.expand_empty_elements = false;
        Parser {
            xml,
            reader,
            limits,
            stack: Vec::new(),
            item_id: None,
            text: String::new(),
            objects: Vec::new(),
            object: None,
            item: None,
            seen_root: false,
        }
    }

    fn line(&self) -> u32 {
        let pos = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
        line_of(self.xml.as_bytes(), pos)
    }

    fn path(&self) -> String {
        let mut p = String::new();
        for (i, name) in self.stack.iter().enumerate() {
            if i > 0 {
                p.push('/');
            }
            p.push_str(name);
            let in_resources = i
                .checked_sub(1)
                .and_then(|j| self.stack.get(j))
                .is_some_and(|n| n == "Resources");
            if let (true, Some(id)) = (name == "Item" && in_resources, self.item_id) {
                p.push_str(&format!("[{id}]"));
            }
        }
        p
    }

    fn err(&self, kind: ErrorKind) -> Error {
        Error::new(kind, self.line(), self.path())
    }

    fn push_text(&mut self, s: &str) -> Result<(), Error> {
        if self.text.len().saturating_add(s.len()) > self.limits.max_text {
            return Err(self.err(ErrorKind::TextTooLong));
        }
        self.text.push_str(s);
        Ok(())
    }

    fn run(mut self) -> Result<Vec<ObjectModel>, Error> {
        loop {
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => return Err(self.err(ErrorKind::Xml(e.to_string()))),
            };
            match event {
                Event::Start(e) => {
                    self.start(&e)?;
                }
                Event::Empty(e) => {
                    self.start(&e)?;
                    self.end()?;
                }
                Event::End(_) => self.end()?,
                Event::Text(t) => {
                    if self.stack.is_empty() {
                        if !t.xml10_content().trim().is_empty() {
                            return Err(
                                self.err(ErrorKind::Xml("text outside the root element".into()))
                            );
                        }
                    } else {
                        let s = t.xml10_content();
                        self.push_text(&s)?;
                    }
                }
                Event::CData(t) => {
                    let s = t.xml10_content();
                    self.push_text(&s)?;
                }
                Event::GeneralRef(r) => {
                    let resolved: Cow<'_, str> = if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => Cow::Owned(c.to_string()),
                            _ => {
                                let name = r.xml10_content().into_owned();
                                return Err(self.err(ErrorKind::InvalidValue(format!("&{name};"))));
                            }
                        }
                    } else {
                        let name = r.xml10_content();
                        match &*name {
                            "amp" => "&".into(),
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "apos" => "'".into(),
                            "quot" => "\"".into(),
                            other => {
                                let other = other.to_owned();
                                return Err(self.err(ErrorKind::UnknownEntity(other)));
                            }
                        }
                    };
                    self.push_text(&resolved)?;
                }
                Event::DocType(_) => return Err(self.err(ErrorKind::Dtd)),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
                Event::Eof => {
                    if !self.stack.is_empty() {
                        return Err(self.err(ErrorKind::Xml(
                            "unexpected end of input: element not closed".into(),
                        )));
                    }
                    break;
                }
            }
        }
        if !self.seen_root {
            return Err(self.err(ErrorKind::NotDdf));
        }
        if self.objects.is_empty() {
            return Err(Error::new(ErrorKind::NoObject, self.line(), "LWM2M".into()));
        }
        Ok(self.objects)
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), Error> {
        let name = e.name().as_ref().to_owned();
        if self.stack.len() >= self.limits.max_depth {
            return Err(self.err(ErrorKind::TooDeep));
        }
        if self.stack.is_empty() {
            if self.seen_root {
                return Err(self.err(ErrorKind::Xml("a second root element".into())));
            }
            self.seen_root = true;
            if name != "LWM2M" {
                self.stack.push(name);
                return Err(self.err(ErrorKind::NotDdf));
            }
        }
        self.stack.push(name);
        self.text.clear();
        let ctx: Vec<&str> = self.stack.iter().map(String::as_str).collect();
        match ctx.as_slice() {
            ["LWM2M", "Object"] => {
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| self.err(ErrorKind::Xml(e.to_string())))?;
                    if attr.key.as_ref() == "ObjectType" && attr.value.trim() != "MODefinition" {
                        // e.g. `Common.xml`: reusable resources, not an object definition.
                        return Err(self.err(ErrorKind::NotDdf));
                    }
                }
                if self.objects.len() >= self.limits.max_objects {
                    return Err(self.err(ErrorKind::TooManyObjects));
                }
                self.object = Some(ObjectDraft {
                    line: self.line(),
                    ..ObjectDraft::default()
                });
            }
            ["LWM2M", "Object", "Resources", "Item"] => {
                let count = self.object.as_ref().map_or(0, |o| o.resources.len());
                if count >= self.limits.max_resources {
                    return Err(self.err(ErrorKind::TooManyResources));
                }
                let mut id = None;
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| self.err(ErrorKind::Xml(e.to_string())))?;
                    if attr.key.as_ref() == "ID" {
                        let v = attr
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| self.err(ErrorKind::Xml(e.to_string())))?;
                        let v = v.trim();
                        id = Some(
                            parse_id(v)
                                .ok_or_else(|| self.err(ErrorKind::InvalidValue(v.to_owned())))?,
                        );
                    }
                }
                let id = id.ok_or_else(|| self.err(ErrorKind::MissingAttribute("ID")))?;
                self.item_id = Some(id);
                self.item = Some(ItemDraft {
                    id,
                    name: None,
                    operations: None,
                    multiple: None,
                    mandatory: None,
                    data_type: None,
                    range: None,
                    units: String::new(),
                    description: String::new(),
                    line: self.line(),
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), Error> {
        let text = std::mem::take(&mut self.text);
        let t = text.trim();
        let ctx: Vec<&str> = self.stack.iter().map(String::as_str).collect();
        match ctx.as_slice() {
            ["LWM2M", "Object"] => {
                let draft = self.object.take().unwrap_or_default();
                let model = self.finish_object(draft)?;
                self.objects.push(model);
            }
            ["LWM2M", "Object", field] => {
                let field = *field;
                let value = self.object_field(field, t)?;
                if let Some(o) = self.object.as_mut() {
                    value.apply(o);
                }
            }
            ["LWM2M", "Object", "Resources", "Item"] => {
                if let Some(item) = self.item.take() {
                    let r = self.finish_item(item)?;
                    if let Some(o) = self.object.as_mut() {
                        o.resources.push(r);
                    }
                }
                self.item_id = None;
            }
            ["LWM2M", "Object", "Resources", "Item", field] => {
                let field = *field;
                let value = self.item_field(field, t)?;
                if let Some(i) = self.item.as_mut() {
                    value.apply(i);
                }
            }
            _ => {}
        }
        self.stack.pop();
        Ok(())
    }

    fn object_field(&self, field: &str, t: &str) -> Result<ObjField, Error> {
        let bad = || self.err(ErrorKind::InvalidValue(t.to_owned()));
        Ok(match field {
            "Name" => ObjField::Name(t.to_owned()),
            "Description1" => ObjField::Description(t.to_owned()),
            "Description2" => ObjField::Description2(t.to_owned()),
            "ObjectID" => ObjField::Id(parse_id(t).ok_or_else(bad)?),
            "ObjectURN" => ObjField::Urn(t.to_owned()),
            "LWM2MVersion" => ObjField::Lwm2mVersion(parse_version(t).ok_or_else(bad)?),
            "ObjectVersion" => ObjField::Version(parse_version(t).ok_or_else(bad)?),
            "MultipleInstances" => ObjField::Multiple(parse_multiple(t).ok_or_else(bad)?),
            "Mandatory" => ObjField::Mandatory(parse_mandatory(t).ok_or_else(bad)?),
            _ => ObjField::Ignored,
        })
    }

    fn item_field(&self, field: &str, t: &str) -> Result<ItemField, Error> {
        let bad = || self.err(ErrorKind::InvalidValue(t.to_owned()));
        Ok(match field {
            "Name" => ItemField::Name(t.to_owned()),
            "Operations" => ItemField::Operations(parse_operations(t).ok_or_else(bad)?),
            "MultipleInstances" => ItemField::Multiple(parse_multiple(t).ok_or_else(bad)?),
            "Mandatory" => ItemField::Mandatory(parse_mandatory(t).ok_or_else(bad)?),
            "Type" => ItemField::Type(parse_type(t).ok_or_else(bad)?),
            "RangeEnumeration" => ItemField::Range(parse_range(t)),
            "Units" => ItemField::Units(t.to_owned()),
            "Description" => ItemField::Description(t.to_owned()),
            _ => ItemField::Ignored,
        })
    }

    fn finish_item(&self, d: ItemDraft) -> Result<ResourceModel, Error> {
        let missing =
            |what: &'static str| Error::new(ErrorKind::MissingElement(what), d.line, self.path());
        Ok(ResourceModel {
            id: d.id,
            name: d.name.ok_or_else(|| missing("Name"))?.into(),
            operations: d.operations.ok_or_else(|| missing("Operations"))?,
            multiple: d.multiple.ok_or_else(|| missing("MultipleInstances"))?,
            mandatory: d.mandatory.ok_or_else(|| missing("Mandatory"))?,
            data_type: d.data_type.ok_or_else(|| missing("Type"))?,
            range: d.range,
            units: d.units.into(),
            description: d.description.into(),
        })
    }

    fn finish_object(&self, d: ObjectDraft) -> Result<ObjectModel, Error> {
        let missing =
            |what: &'static str| Error::new(ErrorKind::MissingElement(what), d.line, self.path());
        let mut resources = d.resources;
        resources.sort_by_key(|r| r.id);
        let mut description = d.description;
        if !d.description2.is_empty() {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&d.description2);
        }
        Ok(ObjectModel {
            id: d.id.ok_or_else(|| missing("ObjectID"))?,
            name: d.name.ok_or_else(|| missing("Name"))?.into(),
            description: description.into(),
            version: d.version.unwrap_or(Version::V1_0),
            lwm2m_version: d.lwm2m_version.unwrap_or(Version::V1_0),
            urn: d.urn.into(),
            multiple: d.multiple.ok_or_else(|| missing("MultipleInstances"))?,
            mandatory: d.mandatory.ok_or_else(|| missing("Mandatory"))?,
            resources: resources.into(),
        })
    }
}

enum ObjField {
    Name(String),
    Description(String),
    Description2(String),
    Id(u16),
    Urn(String),
    Lwm2mVersion(Option<Version>),
    Version(Option<Version>),
    Multiple(bool),
    Mandatory(bool),
    Ignored,
}

impl ObjField {
    fn apply(self, o: &mut ObjectDraft) {
        match self {
            ObjField::Name(v) => o.name = Some(v),
            ObjField::Description(v) => o.description = v,
            ObjField::Description2(v) => o.description2 = v,
            ObjField::Id(v) => o.id = Some(v),
            ObjField::Urn(v) => o.urn = v,
            ObjField::Lwm2mVersion(v) => o.lwm2m_version = v,
            ObjField::Version(v) => o.version = v,
            ObjField::Multiple(v) => o.multiple = Some(v),
            ObjField::Mandatory(v) => o.mandatory = Some(v),
            ObjField::Ignored => {}
        }
    }
}

enum ItemField {
    Name(String),
    Operations(Operations),
    Multiple(bool),
    Mandatory(bool),
    Type(DataType),
    Range(Option<lwm2m_types::Range>),
    Units(String),
    Description(String),
    Ignored,
}

impl ItemField {
    fn apply(self, i: &mut ItemDraft) {
        match self {
            ItemField::Name(v) => i.name = Some(v),
            ItemField::Operations(v) => i.operations = Some(v),
            ItemField::Multiple(v) => i.multiple = Some(v),
            ItemField::Mandatory(v) => i.mandatory = Some(v),
            ItemField::Type(v) => i.data_type = Some(v),
            ItemField::Range(v) => i.range = v,
            ItemField::Units(v) => i.units = v,
            ItemField::Description(v) => i.description = v,
            ItemField::Ignored => {}
        }
    }
}

/// A decimal id in 0..=65535 (65535 is accepted here and reported by validation).
fn parse_id(t: &str) -> Option<u16> {
    if t.is_empty() || t.len() > 5 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// `major.minor`; empty means absent.
fn parse_version(t: &str) -> Option<Option<Version>> {
    if t.is_empty() {
        return Some(None);
    }
    t.parse().ok().map(Some)
}

fn parse_multiple(t: &str) -> Option<bool> {
    match t {
        "Multiple" => Some(true),
        "Single" => Some(false),
        _ => None,
    }
}

fn parse_mandatory(t: &str) -> Option<bool> {
    match t {
        "Mandatory" => Some(true),
        "Optional" => Some(false),
        _ => None,
    }
}

fn parse_operations(t: &str) -> Option<Operations> {
    match t {
        "" => Some(Operations::NONE),
        "R" => Some(Operations::R),
        "W" => Some(Operations::W),
        "RW" => Some(Operations::RW),
        "E" => Some(Operations::E),
        _ => None,
    }
}

fn parse_type(t: &str) -> Option<DataType> {
    DataType::ALL.into_iter().find(|d| d.ddf_name() == t)
}

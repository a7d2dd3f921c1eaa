//! Rust code generation from object models, in the way `prost-build` generates from `.proto`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use lwm2m_types::{DataType, ObjectModel, Range, ResourceModel, Version};

use crate::error::{Error, ErrorKind};
use crate::ident::{dedupe, to_camel_case, to_shouty_snake_case, to_snake_case};
use crate::parse::{Limits, parse_file_with, xml_files};

/// Which objects get a typed instance struct (see [`Builder::typed`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Typed {
    /// No typed structs.
    None,
    /// A struct for the latest version of every object.
    #[default]
    All,
    /// A struct for the latest version of the listed object ids.
    Only(Vec<u16>),
}

impl Typed {
    fn wants(&self, id: u16) -> bool {
        match self {
            Typed::None => false,
            Typed::All => true,
            Typed::Only(ids) => ids.contains(&id),
        }
    }
}

enum Input {
    Model(Box<ObjectModel>),
    File(PathBuf),
    Dir(PathBuf),
}

/// Generates Rust code from DDF files or models: call it from a `build.rs` and `include!` the
/// result.
///
/// The generated file contains, for every object id:
/// - `pub mod obj_{id}` with one submodule per version (`v1_0`, `v1_1`, …) holding
///   `OBJECT_ID`, `OBJECT_VERSION`, a `u16` const per resource (named after the resource, e.g.
///   `BATTERY_LEVEL`) and `pub static MODEL: ObjectModel`; the object module re-exports its
///   latest version;
/// - `pub use obj_{id} as {name}` (e.g. `device`), where names that collide after conversion to
///   identifiers get the suffix `_{id}` (`location_6`, `location_3336`);
/// - with [`Typed`], a struct per object instance (e.g. `obj_3::Device`) with
///   `from_instance`/`to_instance` conversions and a `ConvertError` type;
///
/// and at the top: `MODELS` (every model sorted by id and version), `latest(id)`,
/// `model(id, version)` and `Models`, a [`ModelProvider`](lwm2m_types::ModelProvider) over them.
/// The code refers to `::lwm2m_types`, so the crate that includes it depends on `lwm2m-types`.
///
/// # A private object in your own crate
///
/// `build.rs` (with `lwm2m-ddf` as a build-dependency):
///
/// ```no_run
/// //! Generates the models of our private objects.
/// # #[allow(clippy::needless_doctest_main)]
/// fn main() {
///     println!("cargo::rerun-if-changed=ddf");
///     lwm2m_ddf::Builder::new()
///         .dir("ddf") // e.g. ddf/10250.xml
///         .output_name("my_objects.rs")
///         .generate()
///         .expect("generate object code");
/// }
/// ```
///
/// `src/lib.rs`:
///
/// ```ignore
/// include!(concat!(env!("OUT_DIR"), "/my_objects.rs"));
///
/// let level = my_meter::READING; // the resource id const
/// let provider = Models; // hand it to any decoder, or chain it with the bundled registry
/// ```
///
/// The same without files, here producing the code as a string:
///
/// ```
/// use lwm2m_types::{DataType, ObjectModel, ResourceModel};
/// let mut m = ObjectModel::new(10250, "My Meter");
/// m.urn = "urn:oma:lwm2m:x:10250".into();
/// m.resources = vec![ResourceModel::new(0, "Reading", DataType::Float)].into();
/// let code = lwm2m_ddf::Builder::new().model(m).generate_string()?;
/// assert!(code.contains("pub mod obj_10250"));
/// assert!(code.contains("pub use self::obj_10250 as my_meter;"));
/// assert!(code.contains("pub const READING: u16 = 0;"));
/// # Ok::<(), lwm2m_ddf::Error>(())
/// ```
pub struct Builder {
    inputs: Vec<Input>,
    descriptions: bool,
    typed: Typed,
    out_dir: Option<PathBuf>,
    output_name: String,
    limits: Limits,
    rerun: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("inputs", &self.inputs.len())
            .field("descriptions", &self.descriptions)
            .field("typed", &self.typed)
            .field("out_dir", &self.out_dir)
            .field("output_name", &self.output_name)
            .finish()
    }
}

impl Builder {
    /// A builder with no inputs, descriptions off, typed structs for all objects, output
    /// `objects.rs` in `OUT_DIR`.
    pub fn new() -> Self {
        Builder {
            inputs: Vec::new(),
            descriptions: false,
            typed: Typed::All,
            out_dir: None,
            output_name: "objects.rs".to_owned(),
            limits: Limits::default(),
            rerun: false,
        }
    }

    /// Adds a model.
    pub fn model(mut self, model: ObjectModel) -> Self {
        self.inputs.push(Input::Model(Box::new(model)));
        self
    }

    /// Adds models.
    pub fn models(mut self, models: impl IntoIterator<Item = ObjectModel>) -> Self {
        self.inputs
            .extend(models.into_iter().map(|m| Input::Model(Box::new(m))));
        self
    }

    /// Adds a DDF file.
    pub fn file(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.push(Input::File(path.into()));
        self
    }

    /// Adds every DDF file under a directory (as [`load_dir`](crate::load_dir) reads it).
    pub fn dir(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.push(Input::Dir(path.into()));
        self
    }

    /// Puts descriptions into doc comments and the static models (default: off, facts only).
    pub fn descriptions(mut self, on: bool) -> Self {
        self.descriptions = on;
        self
    }

    /// Chooses the objects that get a typed instance struct (default [`Typed::All`]).
    pub fn typed(mut self, typed: Typed) -> Self {
        self.typed = typed;
        self
    }

    /// The output directory (default: the `OUT_DIR` environment variable).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The output file name (default `objects.rs`).
    pub fn output_name(mut self, name: impl Into<String>) -> Self {
        self.output_name = name.into();
        self
    }

    /// The limits used to read the XML inputs.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Prints `cargo::rerun-if-changed=` for every input file and directory (default: off).
    pub fn emit_rerun_if_changed(mut self, on: bool) -> Self {
        self.rerun = on;
        self
    }

    /// Reads the inputs and returns the models that will be generated: one per (id, version),
    /// sorted. Two identical definitions of an (id, version) count once; two different ones
    /// are an error.
    pub fn collect_models(&self) -> Result<Vec<ObjectModel>, Error> {
        let mut all: BTreeMap<(u16, Version), ObjectModel> = BTreeMap::new();
        let mut add = |m: ObjectModel| -> Result<(), Error> {
            let key = (m.id, m.version);
            match all.get(&key) {
                Some(old) if *old != m => Err(Error::new(
                    ErrorKind::DuplicateObject {
                        id: m.id,
                        version: m.version,
                    },
                    0,
                    String::new(),
                )),
                Some(_) => Ok(()),
                None => {
                    all.insert(key, m);
                    Ok(())
                }
            }
        };
        for input in &self.inputs {
            match input {
                Input::Model(m) => add((**m).clone())?,
                Input::File(p) => {
                    if self.rerun {
                        println!("cargo::rerun-if-changed={}", p.display());
                    }
                    for m in parse_file_with(p, &self.limits)? {
                        add(m).map_err(|e| e.with_file(p))?;
                    }
                }
                Input::Dir(d) => {
                    if self.rerun {
                        println!("cargo::rerun-if-changed={}", d.display());
                    }
                    for p in xml_files(d, &self.limits)? {
                        match parse_file_with(&p, &self.limits) {
                            Ok(ms) => {
                                for m in ms {
                                    add(m).map_err(|e| e.with_file(&p))?;
                                }
                            }
                            Err(e) if e.kind == ErrorKind::NotDdf => {}
                            Err(e) => return Err(e),
                        }
                    }
                }
            }
        }
        Ok(all.into_values().collect())
    }

    /// Generates the code and returns it.
    pub fn generate_string(&self) -> Result<String, Error> {
        let mut models = self.collect_models()?;
        if !self.descriptions {
            for m in &mut models {
                m.description = "".into();
                for r in m.resources.to_mut() {
                    r.description = "".into();
                }
            }
        }
        Ok(Gen {
            descriptions: self.descriptions,
            typed: &self.typed,
        }
        .file(&models))
    }

    /// Generates the code into `out_dir/output_name` and returns that path. The file is only
    /// rewritten when its content changes.
    pub fn generate(&self) -> Result<PathBuf, Error> {
        let code = self.generate_string()?;
        let dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::Io("OUT_DIR is not set and no out_dir was given".into()),
                        0,
                        String::new(),
                    )
                })?,
        };
        let path = dir.join(&self.output_name);
        write_if_changed(&path, &code)?;
        Ok(path)
    }
}

fn write_if_changed(path: &Path, code: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == code) {
        return Ok(());
    }
    std::fs::write(path, code)
        .map_err(|e| Error::new(ErrorKind::Io(e.to_string()), 0, String::new()).with_file(path))
}

/// Escapes text for a doc comment: Markdown/HTML specials become harmless, each line is trimmed
/// (so no indented code block, hence no doctest, can appear).
fn doc_text(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for c in line.trim().chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '[' | ']' | '`' | '*' | '_' | '#' | '|' | '\\' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    // No bare URL for rustdoc to warn about.
    out.replace("://", ":\\/\\/")
}

fn doc(out: &mut String, indent: &str, text: &str) {
    let _ = writeln!(out, "{indent}#[doc = {:?}]", doc_text(text));
}

fn doc_raw(out: &mut String, indent: &str, text: &str) {
    let _ = writeln!(out, "{indent}#[doc = {text:?}]");
}

fn str_lit(s: &str) -> String {
    format!("{s:?}")
}

fn f64_lit(v: f64) -> String {
    if v.is_nan() {
        "f64::NAN".into()
    } else if v == f64::INFINITY {
        "f64::INFINITY".into()
    } else if v == f64::NEG_INFINITY {
        "f64::NEG_INFINITY".into()
    } else {
        format!("{v:?}")
    }
}

fn i64_lit(v: i64) -> String {
    if v == i64::MIN {
        "i64::MIN".into()
    } else {
        v.to_string()
    }
}

fn data_type_path(t: DataType) -> &'static str {
    match t {
        DataType::String => "String",
        DataType::Integer => "Integer",
        DataType::UnsignedInteger => "UnsignedInteger",
        DataType::Float => "Float",
        DataType::Boolean => "Boolean",
        DataType::Opaque => "Opaque",
        DataType::Time => "Time",
        DataType::Objlnk => "Objlnk",
        DataType::Corelnk => "Corelnk",
        DataType::None => "None",
    }
}

/// The Rust type of a typed-struct field for a value of `t` (`None` for no value).
fn rust_type(t: DataType) -> Option<&'static str> {
    Some(match t {
        DataType::String | DataType::Corelnk => "::std::string::String",
        DataType::Integer | DataType::Time => "i64",
        DataType::UnsignedInteger => "u64",
        DataType::Float => "f64",
        DataType::Boolean => "bool",
        DataType::Opaque => "::lwm2m_types::Bytes",
        DataType::Objlnk => "::lwm2m_types::ObjectLink",
        DataType::None => return None,
    })
}

fn range_lit(r: &Option<Range>) -> String {
    match r {
        None => "None".into(),
        Some(Range::Signed { min, max }) => {
            format!(
                "Some(::lwm2m_types::Range::Signed {{ min: {}, max: {} }})",
                i64_lit(*min),
                i64_lit(*max)
            )
        }
        Some(Range::Unsigned { min, max }) => {
            format!("Some(::lwm2m_types::Range::Unsigned {{ min: {min}, max: {max} }})")
        }
        Some(Range::Float { min, max }) => {
            format!(
                "Some(::lwm2m_types::Range::Float {{ min: {}, max: {} }})",
                f64_lit(*min),
                f64_lit(*max)
            )
        }
        Some(Range::Raw(s)) => format!(
            "Some(::lwm2m_types::Range::Raw(::std::borrow::Cow::Borrowed({})))",
            str_lit(s)
        ),
    }
}

fn summary(r: &ResourceModel) -> String {
    let ty = if r.data_type == DataType::None {
        "no value".to_owned()
    } else {
        r.data_type.ddf_name().to_owned()
    };
    let ops = if r.operations == lwm2m_types::Operations::NONE {
        "no operation".to_owned()
    } else {
        r.operations.to_string()
    };
    let mut s = format!(
        "{}, {}, {}, {}",
        ty,
        ops,
        if r.multiple { "multiple" } else { "single" },
        if r.mandatory { "mandatory" } else { "optional" }
    );
    if let Some(range) = &r.range {
        s.push_str(", range ");
        s.push_str(&crate::range::range_text(range));
    }
    if !r.units.is_empty() {
        s.push_str(", units ");
        s.push_str(&r.units);
    }
    s
}

struct Gen<'a> {
    descriptions: bool,
    typed: &'a Typed,
}

const SUPPORT: &str = include_str!("support.rs.in");

impl Gen<'_> {
    fn file(&self, models: &[ObjectModel]) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "// @generated by lwm2m-ddf {} from {} object definitions; do not edit.\n",
            env!("CARGO_PKG_VERSION"),
            models.len()
        );
        let mut by_id: BTreeMap<u16, Vec<&ObjectModel>> = BTreeMap::new();
        for m in models {
            by_id.entry(m.id).or_default().push(m);
        }
        let any_typed = by_id.iter().any(|(id, v)| {
            self.typed.wants(*id)
                && v.last()
                    .is_some_and(|m| m.resources.iter().any(|r| rust_type(r.data_type).is_some()))
        });
        // Name aliases.
        let names: Vec<(u16, String)> = by_id
            .iter()
            .filter_map(|(id, v)| v.last().map(|m| (*id, to_snake_case(&m.name))))
            .collect();
        let reserved: Vec<String> = names
            .iter()
            .map(|(_, n)| n.clone())
            .filter(|n| {
                n.strip_prefix("obj_")
                    .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
            })
            .collect();
        let mut reserved: Vec<&str> = reserved.iter().map(String::as_str).collect();
        reserved.extend([
            "models",
            "latest",
            "model",
            "convert_error",
            "__ddf_support",
        ]);
        let aliases = dedupe(&names, &reserved, "_");

        for (id, versions) in &by_id {
            let Some(latest) = versions.last() else {
                continue;
            };
            doc_raw(
                &mut out,
                "",
                &format!(
                    "Object {id}: {} (latest version {}).",
                    doc_text(&latest.name),
                    latest.version
                ),
            );
            if self.descriptions && !latest.description.is_empty() {
                doc_raw(&mut out, "", "");
                doc(&mut out, "", &latest.description);
            }
            let _ = writeln!(
                out,
                "#[allow(clippy::approx_constant, clippy::excessive_precision)]"
            );
            let _ = writeln!(out, "pub mod obj_{id} {{");
            let latest_mod = version_mod(latest.version);
            let _ = writeln!(out, "    pub use self::{latest_mod}::*;");
            for m in versions {
                let is_latest = std::ptr::eq(*m, *latest);
                self.version_module(&mut out, m, is_latest && self.typed.wants(*id));
            }
            let _ = writeln!(out, "}}");
        }
        out.push('\n');
        for ((id, _), alias) in names.iter().zip(&aliases) {
            let _ = writeln!(out, "pub use self::obj_{id} as {alias};");
        }
        out.push('\n');
        doc_raw(
            &mut out,
            "",
            "Every model, sorted by object id and version.",
        );
        let _ = writeln!(
            out,
            "pub static MODELS: [&::lwm2m_types::ObjectModel; {}] = [",
            models.len()
        );
        for m in models {
            let _ = writeln!(out, "    &obj_{}::{}::MODEL,", m.id, version_mod(m.version));
        }
        let _ = writeln!(out, "];\n");
        out.push_str(SUPPORT);
        if !any_typed {
            // The conversion helpers are only used by typed structs.
            if let Some(i) = out.find("// ---- typed support ----") {
                out.truncate(i);
                out.push_str("}\n");
            }
        }
        out
    }

    fn version_module(&self, out: &mut String, m: &ObjectModel, typed: bool) {
        let vm = version_mod(m.version);
        doc_raw(
            out,
            "    ",
            &format!(
                "Object {} ({}) version {}, LwM2M {}.",
                m.id,
                doc_text(&m.name),
                m.version,
                m.lwm2m_version
            ),
        );
        let _ = writeln!(out, "    pub mod {vm} {{");
        let i = "        ";
        doc_raw(out, i, &format!("The object id, {}.", m.id));
        let _ = writeln!(out, "{i}pub const OBJECT_ID: u16 = {};", m.id);
        doc_raw(out, i, &format!("The object version, {}.", m.version));
        let _ = writeln!(
            out,
            "{i}pub const OBJECT_VERSION: ::lwm2m_types::Version = ::lwm2m_types::Version::new({}, {});",
            m.version.major, m.version.minor
        );
        let consts: Vec<(u16, String)> = m
            .resources
            .iter()
            .map(|r| (r.id, to_shouty_snake_case(&r.name)))
            .collect();
        let const_names = dedupe(&consts, &["OBJECT_ID", "OBJECT_VERSION", "MODEL"], "_");
        let mut seen = std::collections::BTreeSet::new();
        for (r, name) in m.resources.iter().zip(&const_names) {
            if !seen.insert(name.clone()) {
                continue; // a duplicate resource id keeps its first const
            }
            doc_raw(
                out,
                i,
                &format!(
                    "Resource `{}` {}: {}.",
                    r.id,
                    doc_text(&r.name),
                    doc_text(&summary(r))
                ),
            );
            if self.descriptions && !r.description.is_empty() {
                doc_raw(out, i, "");
                doc(out, i, &r.description);
            }
            let _ = writeln!(out, "{i}pub const {name}: u16 = {};", r.id);
        }
        doc_raw(
            out,
            i,
            &format!("The model of object {} version {}.", m.id, m.version),
        );
        let _ = writeln!(
            out,
            "{i}pub static MODEL: ::lwm2m_types::ObjectModel = ::lwm2m_types::ObjectModel {{"
        );
        let _ = writeln!(out, "{i}    id: {},", m.id);
        let _ = writeln!(
            out,
            "{i}    name: ::std::borrow::Cow::Borrowed({}),",
            str_lit(&m.name)
        );
        let _ = writeln!(
            out,
            "{i}    description: ::std::borrow::Cow::Borrowed({}),",
            str_lit(&m.description)
        );
        let _ = writeln!(out, "{i}    version: OBJECT_VERSION,");
        let _ = writeln!(
            out,
            "{i}    lwm2m_version: ::lwm2m_types::Version::new({}, {}),",
            m.lwm2m_version.major, m.lwm2m_version.minor
        );
        let _ = writeln!(
            out,
            "{i}    urn: ::std::borrow::Cow::Borrowed({}),",
            str_lit(&m.urn)
        );
        let _ = writeln!(out, "{i}    multiple: {},", m.multiple);
        let _ = writeln!(out, "{i}    mandatory: {},", m.mandatory);
        let _ = writeln!(out, "{i}    resources: ::std::borrow::Cow::Borrowed(&[");
        for r in m.resources.iter() {
            let _ = writeln!(
                out,
                "{i}        super::super::__ddf_support::res({}, {}, ::lwm2m_types::Operations::new({}, {}, {}), {}, {}, ::lwm2m_types::DataType::{}, {}, {}, {}),",
                r.id,
                str_lit(&r.name),
                r.operations.read,
                r.operations.write,
                r.operations.execute,
                r.multiple,
                r.mandatory,
                data_type_path(r.data_type),
                range_lit(&r.range),
                str_lit(&r.units),
                str_lit(&r.description),
            );
        }
        let _ = writeln!(out, "{i}    ]),");
        let _ = writeln!(out, "{i}}};");
        if typed {
            self.typed_struct(out, m);
        }
        let _ = writeln!(out, "    }}");
    }

    fn typed_struct(&self, out: &mut String, m: &ObjectModel) {
        let i = "        ";
        let mut seen = std::collections::BTreeSet::new();
        let fields: Vec<&ResourceModel> = m
            .resources
            .iter()
            .filter(|r| rust_type(r.data_type).is_some() && seen.insert(r.id))
            .collect();
        if fields.is_empty() {
            return;
        }
        let names: Vec<(u16, String)> = fields
            .iter()
            .map(|r| (r.id, to_snake_case(&r.name)))
            .collect();
        let names = dedupe(&names, &[], "_");
        let ty = to_camel_case(&m.name);
        let sup = "super::super::__ddf_support";
        doc_raw(
            out,
            i,
            &format!(
                "An instance of object {} ({}) version {}: one field per resource that has a value \
                 (executable resources have none). Mandatory single resources are plain values, \
                 optional ones `Option`s, multiple ones `(instance id, value)` lists sorted by id.",
                m.id,
                doc_text(&m.name),
                m.version
            ),
        );
        let _ = writeln!(out, "{i}#[derive(Debug, Clone, PartialEq)]");
        let _ = writeln!(out, "{i}pub struct {ty} {{");
        for (r, name) in fields.iter().zip(&names) {
            let Some(rt) = rust_type(r.data_type) else {
                continue;
            };
            doc_raw(
                out,
                &format!("{i}    "),
                &format!(
                    "Resource `{}` {}: {}.",
                    r.id,
                    doc_text(&r.name),
                    doc_text(&summary(r))
                ),
            );
            let t = if r.multiple {
                format!("::std::vec::Vec<(u16, {rt})>")
            } else if r.mandatory {
                rt.to_owned()
            } else {
                format!("::core::option::Option<{rt}>")
            };
            let _ = writeln!(out, "{i}    pub {name}: {t},");
        }
        let _ = writeln!(out, "{i}}}\n");
        let _ = writeln!(out, "{i}impl {ty} {{");
        doc_raw(
            out,
            &format!("{i}    "),
            "Reads an object instance: fails on a missing mandatory resource, a value of the wrong \
             type, or a single/multiple mismatch. Resources the struct has no field for are ignored.",
        );
        let _ = writeln!(
            out,
            "{i}    pub fn from_instance(instance: &::lwm2m_types::ObjectInstance) -> ::core::result::Result<Self, super::super::ConvertError> {{"
        );
        let _ = writeln!(out, "{i}        ::core::result::Result::Ok({ty} {{");
        for (r, name) in fields.iter().zip(&names) {
            let dt = format!("::lwm2m_types::DataType::{}", data_type_path(r.data_type));
            let f = if r.multiple {
                format!(
                    "{sup}::multiple(instance, {}, {}, {dt}, {})?",
                    m.id, r.id, r.mandatory
                )
            } else if r.mandatory {
                format!("{sup}::mandatory(instance, {}, {}, {dt})?", m.id, r.id)
            } else {
                format!("{sup}::optional(instance, {}, {}, {dt})?", m.id, r.id)
            };
            let _ = writeln!(out, "{i}            {name}: {f},");
        }
        let _ = writeln!(out, "{i}        }})");
        let _ = writeln!(out, "{i}    }}\n");
        doc_raw(
            out,
            &format!("{i}    "),
            "Writes this instance as object instance `instance_id`.",
        );
        let _ = writeln!(
            out,
            "{i}    pub fn to_instance(&self, instance_id: u16) -> ::lwm2m_types::ObjectInstance {{"
        );
        let _ = writeln!(
            out,
            "{i}        let mut instance = ::lwm2m_types::ObjectInstance::new(instance_id);"
        );
        for (r, name) in fields.iter().zip(&names) {
            let dt = format!("::lwm2m_types::DataType::{}", data_type_path(r.data_type));
            let f = if r.multiple {
                format!(
                    "{sup}::put_multiple(&mut instance, {}, {dt}, &self.{name}, {});",
                    r.id, r.mandatory
                )
            } else if r.mandatory {
                format!("{sup}::put(&mut instance, {}, {dt}, &self.{name});", r.id)
            } else {
                format!(
                    "{sup}::put_optional(&mut instance, {}, {dt}, &self.{name});",
                    r.id
                )
            };
            let _ = writeln!(out, "{i}        {f}");
        }
        let _ = writeln!(out, "{i}        instance");
        let _ = writeln!(out, "{i}    }}");
        let _ = writeln!(out, "{i}}}\n");
        let _ = writeln!(
            out,
            "{i}impl ::core::convert::TryFrom<&::lwm2m_types::ObjectInstance> for {ty} {{"
        );
        let _ = writeln!(out, "{i}    type Error = super::super::ConvertError;");
        let _ = writeln!(
            out,
            "{i}    fn try_from(instance: &::lwm2m_types::ObjectInstance) -> ::core::result::Result<Self, Self::Error> {{"
        );
        let _ = writeln!(out, "{i}        Self::from_instance(instance)");
        let _ = writeln!(out, "{i}    }}");
        let _ = writeln!(out, "{i}}}");
    }
}

fn version_mod(v: Version) -> String {
    format!("v{}_{}", v.major, v.minor)
}

//! `lwm2m`: convert LwM2M payloads between content formats.
//!
//! See `lwm2m --help`. Bad input exits with status 1, prints nothing on standard output and one
//! line on standard error.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use lwm2m::ddf::ModelSet;
use lwm2m::{ContentFormat, DataType, ModelProvider, ObjectModel, Path, Registry, ResourceModel};

mod hex;
mod objects;
mod senml;

#[derive(Parser)]
#[command(
    name = "lwm2m",
    version,
    about = "Convert and inspect OMA LwM2M payloads",
    long_about = "Convert and inspect OMA LwM2M payloads: plain text, opaque, TLV, the LwM2M 1.0 JSON, \
SenML JSON and CBOR, LwM2M CBOR, CBOR, and CoRE link format.",
    after_help = "Examples:\n  \
echo 313030 | lwm2m convert --from text --to opaque --path /3/0/9 --type integer --hex\n  \
lwm2m convert --from tlv --to senml-json --path /3/0 --hex device.hex"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decode a payload in one content format and write it in another.
    #[command(
        after_help = "FMT is one of: text, opaque, tlv, json (the LwM2M 1.0 JSON, 11543), \
senml-json, senml-cbor, lwm2m-cbor, cbor, or a content-format number such as 11542.\n\n\
Examples:\n  \
# Battery level 100 as plain text, to the opaque format:\n  \
printf 100 | lwm2m convert --from text --to opaque --path /3/0/9 --type integer > level.bin\n  \
# ... and back:\n  \
echo 64 | lwm2m convert --from opaque --to text --path /3/0/9 --type integer --hex\n  \
# A TLV Read response of /3/0, from a hex dump, as SenML JSON:\n  \
lwm2m convert --from tlv --to senml-json --path /3/0 --hex device.hex\n  \
# SenML from a client registered under </lwm2m>;rt=\"oma.lwm2m\", to TLV:\n  \
lwm2m convert --from senml-json --to tlv --path /3/0 --alternate-path /lwm2m read.json\n  \
# A notification with history, its relative times made absolute:\n  \
lwm2m convert --from senml-cbor --to senml-json --timestamped --reception-time 1.7e9 n.cbor"
    )]
    Convert(ConvertArgs),
    /// List the known object models, or show one with its resources.
    #[command(
        after_help = "Without ID, lists every object (latest version of each): id, version, \
name, instances, mandatory. With ID or ID@VERSION, shows the object and each resource: id, name, \
type, operations, multiplicity, mandatory, range and units.\n\n\
Examples:\n  \
lwm2m objects                      # the bundled OMA registry\n  \
lwm2m objects 3                    # Device, latest version\n  \
lwm2m objects 3@1.0                # Device 1.0\n  \
lwm2m objects --ddf my-objects/ 10250"
    )]
    Objects(ObjectsArgs),
    /// Parse a CoRE link-format payload (Register/Update, Discover, Bootstrap-Discover) and print
    /// it as JSON, or check it against the LwM2M rules.
    #[command(
        after_help = "Prints a JSON array with one object per link, in order: \
{\"target\":\"/3/0\",\"attributes\":[[\"pmin\",\"10\"],[\"obs\",null]]}; attribute values are \
unescaped text and null stands for a parameter without a value.\n\n\
With --check, prints `ok: no problems` on standard output when the payload is valid, and \
otherwise one line per problem on standard error (link, attribute and byte offset) and exits \
with status 1. The object models (--ddf, then the bundled OMA registry) tell which resources \
are numeric, readable and multiple (gt/lt/st, notification attributes, dim). --as KIND adds \
the rules of one kind of payload: registration (Register/Update: no /0, /21, /23, \
no resource links, no link twice, only ver, rt and ct), discover (no root link, every link below \
the first, dim on multiple resources) or bootstrap-discover (starts with </>;lwm2m=X.Y, ssid on \
/1 instances, ssid with uri on /0 instances).\n\n\
Examples:\n  \
echo '</>;rt=\"oma.lwm2m\",</1/0>,</3>;ver=1.1,</3/0>' | lwm2m link\n  \
echo '</3/0/9>;pmin=10;pmax=5' | lwm2m link --check\n  \
echo '</0/0>,</1/0>,</3/0>' | lwm2m link --check --as registration"
    )]
    Link(LinkArgs),
}

#[derive(Args)]
struct LinkArgs {
    /// Check the LwM2M rules (paths, attribute values and levels, lt < gt, pmin <= pmax, what
    /// the object models allow, ...) instead of printing JSON.
    #[arg(long)]
    check: bool,
    /// With --check: also check the rules of this kind of payload.
    #[arg(long = "as", value_name = "KIND", value_enum, requires = "check")]
    kind: Option<PayloadKind>,
    /// Input file; standard input when absent or `-`. Trailing white space (the final newline
    /// of a file) is ignored.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    #[command(flatten)]
    models: ModelArgs,
}

/// The kinds of link-format payload `link --check --as` knows.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PayloadKind {
    /// The payload of a Register or Update request.
    #[value(alias = "register", alias = "update")]
    Registration,
    /// A Discover response.
    Discover,
    /// A Bootstrap-Discover response.
    BootstrapDiscover,
}

impl PayloadKind {
    fn payload(self) -> lwm2m::link::Payload {
        match self {
            PayloadKind::Registration => lwm2m::link::Payload::Registration,
            PayloadKind::Discover => lwm2m::link::Payload::Discover,
            PayloadKind::BootstrapDiscover => lwm2m::link::Payload::BootstrapDiscover,
        }
    }
}

fn link(args: &LinkArgs) -> Result<Vec<u8>, String> {
    let mut input = read_input(&args.file)?;
    // A file or `echo` ends the payload with a newline, which is not part of the link format.
    while input.last().is_some_and(u8::is_ascii_whitespace) {
        input.pop();
    }
    if args.check {
        let payload = args
            .kind
            .map_or(lwm2m::link::Payload::Any, PayloadKind::payload);
        let models = Models {
            override_path: None,
            user: args.models.load()?,
        };
        let problems = lwm2m::link::check_with_model(&input, payload, &models);
        if problems.is_empty() {
            return Ok(b"ok: no problems\n".to_vec());
        }
        let lines: Vec<String> = problems
            .iter()
            .map(|p| p.to_string().replace('\n', " "))
            .collect();
        return Err(lines.join("\n"));
    }
    let links = lwm2m::link::parse(&input).map_err(|e| format!("cannot parse link format: {e}"))?;
    let mut out = lwm2m::link::to_json(&links).into_bytes();
    out.push(b'\n');
    Ok(out)
}

/// Object models given on the command line, on top of the bundled registry.
#[derive(Args)]
struct ModelArgs {
    /// DDF XML file or folder of them with object models to use before the bundled OMA
    /// registry (repeatable), e.g. `--ddf my-objects/`.
    #[arg(long, value_name = "FILE_OR_DIR")]
    ddf: Vec<PathBuf>,
}

impl ModelArgs {
    fn load(&self) -> Result<ModelSet, String> {
        let mut set = ModelSet::new();
        for p in &self.ddf {
            set.load(p)
                .map_err(|e| format!("cannot load --ddf {}: {e}", p.display()))?;
        }
        Ok(set)
    }
}

#[derive(Args)]
struct ObjectsArgs {
    /// The object to show, `ID` (latest version) or `ID@VERSION`, e.g. `3` or `3@1.1`.
    #[arg(value_name = "ID[@VERSION]")]
    object: Option<String>,
    #[command(flatten)]
    models: ModelArgs,
}

#[derive(Args)]
struct ConvertArgs {
    /// Content format of the input, e.g. `tlv`, `senml-json`, `text` or `11542`.
    #[arg(long, value_name = "FMT")]
    from: ContentFormat,
    /// Content format of the output, e.g. `senml-cbor`, `lwm2m-cbor` or `112`.
    #[arg(long, value_name = "FMT")]
    to: ContentFormat,
    /// The request path the payload answers or carries, e.g. `/3/0` or `/3/0/9`.
    #[arg(long, value_name = "PATH", default_value = "/")]
    path: Path,
    /// Data type of the single resource at --path when no object model knows it, e.g.
    /// `integer`, `unsigned`, `float`, `boolean`, `string`, `opaque`, `time`, `objlnk`, `corelnk`.
    #[arg(long = "type", value_name = "DATATYPE")]
    data_type: Option<DataType>,
    /// The input is hex text (white space ignored); binary output (opaque, TLV, CBOR formats) is
    /// printed as lowercase hex and text output as text, each with a final newline.
    #[arg(long)]
    hex: bool,
    /// The payload is composite content (Read-/Observe-Composite request or response,
    /// Write-Composite, Send: several paths); --path is not used. SenML formats (and LwM2M CBOR).
    #[arg(long, conflicts_with = "timestamped")]
    composite: bool,
    /// The payload is a timestamped series (notification with history, timestamped Send);
    /// --path is not used. SenML formats and the LwM2M 1.0 JSON.
    #[arg(long)]
    timestamped: bool,
    /// The alternate path the client registered under (`</lwm2m>;rt="oma.lwm2m"`), e.g.
    /// `/lwm2m`: the names in its SenML and LwM2M 1.0 JSON payloads carry it. Stripped from the
    /// names of SenML input, written in front of the names of SenML output.
    #[arg(long, value_name = "PREFIX")]
    alternate_path: Option<String>,
    /// When the payload was received, in seconds since 1970-01-01T00:00Z (a fraction is
    /// allowed): SenML times below 2^28, which count from "now", become absolute. SenML JSON
    /// and SenML CBOR input only.
    #[arg(long, value_name = "SECONDS")]
    reception_time: Option<f64>,
    /// Input file; standard input when absent or `-`.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    #[command(flatten)]
    models: ModelArgs,
}

/// The models for a request: the `--type` override for the resource at the path, then the
/// `--ddf` models, then the bundled registry.
struct Models {
    override_path: Option<(Path, ResourceModel)>,
    user: ModelSet,
}

impl ModelProvider for Models {
    fn object(&self, id: u16) -> Option<&ObjectModel> {
        self.user.object(id).or_else(|| Registry.object(id))
    }

    fn resource(&self, object_id: u16, resource_id: u16) -> Option<&ResourceModel> {
        match &self.override_path {
            Some((p, r)) if p.object_id() == Some(object_id) && r.id == resource_id => Some(r),
            _ => self.object(object_id)?.resource(resource_id),
        }
    }
}

fn models(args: &ConvertArgs) -> Result<Models, String> {
    let mut models = Models {
        override_path: None,
        user: args.models.load()?,
    };
    if let Some(dt) = args.data_type {
        let (Some(oid), Some(rid)) = (args.path.object_id(), args.path.resource_id()) else {
            return Err(format!(
                "--type needs a resource or resource instance path, got {}",
                args.path
            ));
        };
        let known = models.resource(oid, rid).cloned();
        let mut r = known.unwrap_or_else(|| ResourceModel::new(rid, "", dt));
        r.data_type = dt;
        r.multiple |= args.path.resource_instance_id().is_some();
        models.override_path = Some((args.path, r));
    }
    Ok(models)
}

fn read_input(file: &Option<PathBuf>) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    match file {
        Some(f) if f.as_os_str() != "-" => {
            buf = std::fs::read(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
        }
    }
    Ok(buf)
}

fn name(f: ContentFormat) -> String {
    f.name()
        .map_or_else(|| f.number().to_string(), str::to_string)
}

/// Formats whose payload is text: `--hex` prints them as they are.
fn is_textual(f: ContentFormat) -> bool {
    matches!(
        f.canonical(),
        ContentFormat::TEXT
            | ContentFormat::LINK_FORMAT
            | ContentFormat::SENML_JSON
            | ContentFormat::SENML_ETCH_JSON
            | ContentFormat::JSON
    )
}

fn convert(args: &ConvertArgs) -> Result<Vec<u8>, String> {
    let raw = read_input(&args.file)?;
    let input = if args.hex {
        hex::decode(&raw).map_err(|e| format!("invalid hex input: {e}"))?
    } else {
        raw
    };
    let models = models(args)?;
    let (from, to) = (name(args.from), name(args.to));
    // The SenML options, when given, send the SenML side(s) to lwm2m-senml directly.
    let with_options = args.alternate_path.is_some() || args.reception_time.is_some();
    let (sin, sout) = if with_options {
        (senml::Family::of(args.from), senml::Family::of(args.to))
    } else {
        (None, None)
    };
    let opts = senml::options(
        args.alternate_path.as_deref(),
        args.reception_time,
        sin,
        sout,
    )?;
    let out = if args.composite {
        let c = sin
            .and_then(|f| senml::decode_composite(f, &input, &models, &opts))
            .unwrap_or_else(|| lwm2m::decode_composite(args.from, &input, &models))
            .map_err(|e| format!("cannot decode {from} composite payload: {e}"))?;
        sout.and_then(|f| senml::encode_composite(f, &c, &opts))
            .unwrap_or_else(|| lwm2m::encode_composite(args.to, &c))
            .map_err(|e| format!("cannot encode {to} composite content: {e}"))?
    } else if args.timestamped {
        let t = match sin {
            Some(f) => senml::decode_timestamped(f, &input, &models, &opts),
            None => lwm2m::decode_timestamped(args.from, &input, &models),
        }
        .map_err(|e| format!("cannot decode {from} timestamped payload: {e}"))?;
        match sout {
            Some(f) => senml::encode_timestamped(f, &t, &opts),
            None => lwm2m::encode_timestamped(args.to, &t),
        }
        .map_err(|e| format!("cannot encode {to} timestamped content: {e}"))?
    } else {
        let node = match sin {
            Some(f) => senml::decode(f, &input, &args.path, &models, &opts),
            None => lwm2m::decode(args.from, &input, &args.path, &models),
        }
        .map_err(|e| format!("cannot decode {from} payload for {}: {e}", args.path))?;
        match sout {
            Some(f) => senml::encode(f, &node, &args.path, &opts),
            None => lwm2m::encode(args.to, &node, &args.path),
        }
        .map_err(|e| format!("cannot encode {to} for {}: {e}", args.path))?
    };
    Ok(match (args.hex, is_textual(args.to)) {
        (false, _) => out,
        // Text formats stay readable under --hex; only binary output becomes hex.
        (true, true) => {
            let mut out = out;
            out.push(b'\n');
            out
        }
        (true, false) => {
            let mut s = hex::encode(&out);
            s.push('\n');
            s.into_bytes()
        }
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Convert(args) => convert(args),
        Command::Objects(args) => args
            .models
            .load()
            .and_then(|user| objects::run(args.object.as_deref(), &user))
            .map(String::into_bytes),
        Command::Link(args) => link(args),
    };
    match result {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(&out).and_then(|()| stdout.flush()) {
                eprintln!("error: cannot write output: {e}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(msg) => {
            // One line per problem: only `link --check` reports several.
            for line in msg.lines() {
                eprintln!("error: {line}");
            }
            ExitCode::FAILURE
        }
    }
}

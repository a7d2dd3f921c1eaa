//! `lwm2m`: convert LwM2M payloads between content formats.
//!
//! See `lwm2m --help`. Bad input exits with status 1, prints nothing on standard output and one
//! line on standard error.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use lwm2m::{ContentFormat, DataType, ModelProvider, ObjectModel, Path, ResourceModel};

mod hex;

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
lwm2m convert --from tlv --to senml-json --path /3/0 --hex device.hex"
    )]
    Convert(ConvertArgs),
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
    /// Input file; standard input when absent or `-`.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
}

/// The model for the request: the `--type` override for the resource at the path, if any.
struct Models {
    override_path: Option<(Path, ResourceModel)>,
}

impl ModelProvider for Models {
    fn object(&self, _id: u16) -> Option<&ObjectModel> {
        None
    }

    fn resource(&self, object_id: u16, resource_id: u16) -> Option<&ResourceModel> {
        match &self.override_path {
            Some((p, r)) if p.object_id() == Some(object_id) && r.id == resource_id => Some(r),
            _ => None,
        }
    }
}

fn models(args: &ConvertArgs) -> Result<Models, String> {
    let override_path = match args.data_type {
        None => None,
        Some(dt) => {
            let rid = args.path.resource_id().ok_or_else(|| {
                format!(
                    "--type needs a resource or resource instance path, got {}",
                    args.path
                )
            })?;
            let mut r = ResourceModel::new(rid, "", dt);
            r.multiple = args.path.resource_instance_id().is_some();
            Some((args.path, r))
        }
    };
    Ok(Models { override_path })
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
    let node = lwm2m::decode(args.from, &input, &args.path, &models).map_err(|e| {
        format!(
            "cannot decode {} payload for {}: {e}",
            name(args.from),
            args.path
        )
    })?;
    let out = lwm2m::encode(args.to, &node, &args.path)
        .map_err(|e| format!("cannot encode {} for {}: {e}", name(args.to), args.path))?;
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
            // One line, whatever the message held.
            eprintln!("error: {}", msg.replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

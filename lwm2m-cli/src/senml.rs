//! `--alternate-path` and `--reception-time`: options that only the SenML family of formats
//! takes, so `convert` calls lwm2m-senml directly when one of them is given.

use std::time::Duration;

use lwm2m::senml::{Options, cbor, json, lwm2m_json};
use lwm2m::{Composite, ContentFormat, Error, ModelProvider, Node, Path, Timestamped};

/// A member of the SenML family of content formats.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// SenML JSON (110, and SenML-ETCH JSON 320).
    Json,
    /// SenML CBOR (112, and SenML-ETCH CBOR 322).
    Cbor,
    /// The LwM2M 1.0 JSON (11543).
    Lwm2mJson,
}

impl Family {
    /// The family member `format` is, if any.
    pub(crate) fn of(format: ContentFormat) -> Option<Family> {
        match format.canonical() {
            ContentFormat::SENML_JSON | ContentFormat::SENML_ETCH_JSON => Some(Family::Json),
            ContentFormat::SENML_CBOR | ContentFormat::SENML_ETCH_CBOR => Some(Family::Cbor),
            ContentFormat::JSON => Some(Family::Lwm2mJson),
            _ => None,
        }
    }
}

/// The SenML options of the command line, checked against the formats they apply to.
pub(crate) fn options<'a>(
    alternate_path: Option<&'a str>,
    reception_time: Option<f64>,
    from: Option<Family>,
    to: Option<Family>,
) -> Result<Options<'a>, String> {
    let mut opts = Options::DEFAULT;
    if let Some(prefix) = alternate_path {
        if from.is_none() && to.is_none() {
            return Err(
                "--alternate-path applies to senml-json, senml-cbor and json (11543) only".into(),
            );
        }
        if !prefix.starts_with('/') {
            return Err(format!(
                "--alternate-path must start with '/', as in /lwm2m (got {prefix:?})"
            ));
        }
        opts = opts.with_alternate_path(prefix);
    }
    if let Some(secs) = reception_time {
        if !matches!(from, Some(Family::Json | Family::Cbor)) {
            return Err("--reception-time applies to senml-json and senml-cbor input only".into());
        }
        let since_epoch = Duration::try_from_secs_f64(secs).map_err(|_| {
            format!("--reception-time must be seconds since 1970 (0 or more), got {secs}")
        })?;
        opts = opts.with_reception_time(since_epoch);
    }
    Ok(opts)
}

/// [`lwm2m::decode`] with SenML options.
pub(crate) fn decode(
    family: Family,
    bytes: &[u8],
    path: &Path,
    model: &impl ModelProvider,
    opts: &Options<'_>,
) -> Result<Node, Error> {
    Ok(match family {
        Family::Json => json::decode_with(bytes, path, model, opts)?,
        Family::Cbor => cbor::decode_with(bytes, path, model, opts)?,
        Family::Lwm2mJson => lwm2m_json::decode_with(bytes, path, model, opts)?,
    })
}

/// [`lwm2m::encode`] with SenML options.
pub(crate) fn encode(
    family: Family,
    node: &Node,
    path: &Path,
    opts: &Options<'_>,
) -> Result<Vec<u8>, Error> {
    Ok(match family {
        Family::Json => json::encode_with(node, path, opts)?,
        Family::Cbor => cbor::encode_with(node, path, opts)?,
        Family::Lwm2mJson => lwm2m_json::encode_with(node, path, opts)?,
    })
}

/// [`lwm2m::decode_composite`] with SenML options; `None` for the LwM2M 1.0 JSON, which has
/// no composite form (the facade then reports it).
pub(crate) fn decode_composite(
    family: Family,
    bytes: &[u8],
    model: &impl ModelProvider,
    opts: &Options<'_>,
) -> Option<Result<Composite, Error>> {
    match family {
        Family::Json => Some(json::decode_composite_with(bytes, model, opts).map_err(Error::from)),
        Family::Cbor => Some(cbor::decode_composite_with(bytes, model, opts).map_err(Error::from)),
        Family::Lwm2mJson => None,
    }
}

/// [`lwm2m::encode_composite`] with SenML options; `None` for the LwM2M 1.0 JSON.
pub(crate) fn encode_composite(
    family: Family,
    content: &Composite,
    opts: &Options<'_>,
) -> Option<Result<Vec<u8>, Error>> {
    match family {
        Family::Json => Some(json::encode_composite_with(content, opts).map_err(Error::from)),
        Family::Cbor => Some(cbor::encode_composite_with(content, opts).map_err(Error::from)),
        Family::Lwm2mJson => None,
    }
}

/// [`lwm2m::decode_timestamped`] with SenML options.
pub(crate) fn decode_timestamped(
    family: Family,
    bytes: &[u8],
    model: &impl ModelProvider,
    opts: &Options<'_>,
) -> Result<Timestamped, Error> {
    Ok(match family {
        Family::Json => json::decode_timestamped_with(bytes, model, opts)?,
        Family::Cbor => cbor::decode_timestamped_with(bytes, model, opts)?,
        Family::Lwm2mJson => lwm2m_json::decode_timestamped_with(bytes, model, opts)?,
    })
}

/// [`lwm2m::encode_timestamped`] with SenML options.
pub(crate) fn encode_timestamped(
    family: Family,
    content: &Timestamped,
    opts: &Options<'_>,
) -> Result<Vec<u8>, Error> {
    Ok(match family {
        Family::Json => json::encode_timestamped_with(content, opts)?,
        Family::Cbor => cbor::encode_timestamped_with(content, opts)?,
        Family::Lwm2mJson => lwm2m_json::encode_timestamped_with(content, opts)?,
    })
}

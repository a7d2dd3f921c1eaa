//! Fuzz bodies for the DDF XML parser (lwm2m-ddf).

/// Parses hostile bytes as DDF XML. When they parse: validation and range parsing must not
/// panic, and writing the models back and parsing that again must give the same models
/// (`parse(write(parse(x))) == parse(x)`).
pub fn parse(data: &[u8]) {
    let Ok(models) = lwm2m_ddf::parse_bytes(data) else {
        return;
    };
    for m in &models {
        let _ = lwm2m_ddf::validate(m);
        for r in m.resources.iter() {
            if let Some(lwm2m_types::Range::Raw(text)) = &r.range {
                // Raw text never re-parses into a typed range.
                assert!(matches!(
                    lwm2m_ddf::parse_range(text),
                    Some(lwm2m_types::Range::Raw(_))
                ));
            }
        }
    }
    let xml = lwm2m_ddf::to_xml(&models, lwm2m_ddf::WriteOptions { descriptions: true });
    let limits = lwm2m_ddf::Limits {
        max_bytes: usize::MAX,
        max_text: usize::MAX,
        ..lwm2m_ddf::Limits::default()
    };
    let again = lwm2m_ddf::parse_str_with(&xml, &limits)
        .unwrap_or_else(|e| panic!("written DDF does not parse: {e}\n{xml}"));
    assert_eq!(again, models, "DDF write/parse round trip differs:\n{xml}");
}

//! The built `lwm2m` binary, run as a user runs it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lwm2m"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run lwm2m");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn ok(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let out = run(args, stdin);
    assert!(
        out.status.success(),
        "lwm2m {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    out.stdout
}

/// Exit status 1, nothing on standard output, one line on standard error; returns that line.
fn fails(args: &[&str], stdin: &[u8]) -> String {
    let out = run(args, stdin);
    assert_eq!(out.status.code(), Some(1), "lwm2m {args:?}");
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.ends_with('\n'));
    err
}

const TO_OPAQUE: &[&str] = &[
    "convert", "--from", "text", "--to", "opaque", "--path", "/3/0/9", "--type", "integer",
];
const TO_TEXT: &[&str] = &[
    "convert", "--from", "opaque", "--to", "text", "--path", "/3/0/9", "--type", "integer",
];

#[test]
fn text_to_opaque_and_back() {
    // Binary output, raw.
    assert_eq!(ok(TO_OPAQUE, b"100"), [100]);
    assert_eq!(ok(TO_OPAQUE, b"-200"), [0xff, 0x38]);
    // --hex: lowercase, no spaces, final newline.
    let hex = [TO_OPAQUE, &["--hex"]].concat();
    assert_eq!(ok(&hex, b"3130 30"), b"64\n");
    assert_eq!(ok(&hex, b"2d 37 35 30"), b"fd12\n");
    // And back.
    assert_eq!(ok(TO_TEXT, &[100]), b"100");
    assert_eq!(ok(TO_TEXT, &[0xfd, 0x12]), b"-750");
    // Text output stays text under --hex, with a final newline.
    let hex = [TO_TEXT, &["--hex"]].concat();
    assert_eq!(ok(&hex, b"FD 12\n"), b"-750\n");
}

#[test]
fn reads_a_file_argument() {
    let dir = std::env::temp_dir().join(format!("lwm2m-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("battery.txt");
    std::fs::write(&f, b"42").unwrap();
    let args = [TO_OPAQUE, &[f.to_str().unwrap()]].concat();
    assert_eq!(ok(&args, b""), [42]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn content_format_numbers_are_accepted() {
    let args = [
        "convert", "--from", "0", "--to", "42", "--path", "/3/0/9", "--type", "integer",
    ];
    assert_eq!(ok(&args, b"7"), [7]);
}

#[test]
fn bad_payload_gives_one_line_and_exit_1() {
    let err = fails(TO_OPAQUE, b"12a");
    assert_eq!(
        err,
        "error: cannot decode text payload for /3/0/9: invalid Integer value at byte 2: not a valid number, got \"12a\"\n"
    );
    let err = fails(TO_TEXT, &[0, 0, 1]);
    assert!(err.contains("invalid Integer value at byte 0"), "{err}");
    let err = fails(&[TO_OPAQUE, &["--hex"]].concat(), b"31 3z");
    assert_eq!(err, "error: invalid hex input: not a hex digit at byte 4\n");
    let err = fails(&[TO_OPAQUE, &["--hex"]].concat(), b"313");
    assert_eq!(err, "error: invalid hex input: odd number of hex digits\n");
}

#[test]
fn missing_type_and_wrong_level_are_reported() {
    let err = fails(
        &[
            "convert",
            "--from",
            "text",
            "--to",
            "opaque",
            "--path",
            "/32769/0/0",
        ],
        b"1",
    );
    assert!(
        err.contains("no object model knows the data type of /32769/0/0"),
        "{err}"
    );
    let err = fails(
        &[
            "convert", "--from", "text", "--to", "opaque", "--path", "/3/0", "--type", "integer",
        ],
        b"1",
    );
    assert!(
        err.contains("--type needs a resource or resource instance path"),
        "{err}"
    );
    let err = fails(&["convert", "--from", "text", "--to", "opaque"], b"1");
    assert!(err.contains("for /:"), "{err}");
}

#[test]
fn usage_errors_are_refused_by_the_parser() {
    let out = run(&["convert", "--from", "nonsense", "--to", "text"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = run(
        &[
            "convert", "--from", "text", "--to", "text", "--path", "/3//0",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty segment at segment 2"));
}

#[test]
fn help_explains_every_option_with_an_example() {
    let help = String::from_utf8(ok(&["convert", "--help"], b"")).unwrap();
    for opt in [
        "--from",
        "--to",
        "--path",
        "--type",
        "--hex",
        "--alternate-path",
        "--reception-time",
        "[FILE]",
        "Examples:",
        "lwm2m convert --from",
    ] {
        assert!(help.contains(opt), "missing {opt} in:\n{help}");
    }
    let top = String::from_utf8(ok(&["--help"], b"")).unwrap();
    assert!(
        top.contains("convert") && top.contains("Examples:"),
        "{top}"
    );
}

const PRIVATE_DDF: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<LWM2M><Object ObjectType="MODefinition">
  <Name>Private Meter</Name><ObjectID>10250</ObjectID><ObjectURN>urn:oma:lwm2m:x:10250</ObjectURN>
  <LWM2MVersion>1.1</LWM2MVersion><ObjectVersion>1.0</ObjectVersion>
  <MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory>
  <Resources>
    <Item ID="0"><Name>Reading</Name><Operations>R</Operations><MultipleInstances>Single</MultipleInstances>
      <Mandatory>Mandatory</Mandatory><Type>Unsigned Integer</Type><RangeEnumeration>0..1000</RangeEnumeration><Units>Wh</Units></Item>
  </Resources>
</Object></LWM2M>"#;

fn temp_file(name: &str, body: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("lwm2m-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join(name);
    std::fs::write(&f, body).unwrap();
    f
}

#[test]
fn the_bundled_registry_types_values_by_default() {
    // /3/0/9 Battery Level is an Integer in the registry: no --type needed.
    let args = [
        "convert", "--from", "text", "--to", "opaque", "--path", "/3/0/9",
    ];
    assert_eq!(ok(&args, b"100"), [100]);
    // /3/0/13 Current Time.
    let args = [
        "convert", "--from", "opaque", "--to", "text", "--path", "/3/0/13",
    ];
    assert_eq!(ok(&args, &[0x51, 0x82, 0x42, 0x8F]), b"1367491215");
    // --type overrides the registry.
    let args = [
        "convert", "--from", "text", "--to", "opaque", "--path", "/3/0/9", "--type", "string",
    ];
    assert_eq!(ok(&args, b"100"), b"100");
}

#[test]
fn objects_lists_and_shows_models() {
    let list = String::from_utf8(ok(&["objects"], b"")).unwrap();
    assert!(list.lines().count() > 300, "{list}");
    let device = list
        .lines()
        .find(|l| l.ends_with("  Device"))
        .expect("Device listed");
    assert!(device.trim_start().starts_with("3 "), "{device}");
    let show = String::from_utf8(ok(&["objects", "3@1.0"], b"")).unwrap();
    assert!(
        show.starts_with("3 Device (object 3, version 1.0, LwM2M 1.0)"),
        "{show}"
    );
    let voltage = show
        .lines()
        .find(|l| l.contains("Power Source Voltage"))
        .unwrap();
    for col in ["7", "Integer", "R", "multiple", "no", "mV"] {
        assert!(
            voltage.split_whitespace().any(|w| w == col),
            "{col} in {voltage}"
        );
    }
    let err = fails(&["objects", "3@9.9"], b"");
    assert_eq!(err, "error: no object model for 3@9.9\n");
    let err = fails(&["objects", "three"], b"");
    assert!(err.contains("expected ID or ID@VERSION"), "{err}");
}

#[test]
fn ddf_adds_private_objects() {
    let f = temp_file("10250.xml", PRIVATE_DDF);
    let ddf = f.to_str().unwrap();
    let show = String::from_utf8(ok(&["objects", "--ddf", ddf, "10250"], b"")).unwrap();
    assert!(show.starts_with("10250 Private Meter"), "{show}");
    let reading = show.lines().find(|l| l.contains("Reading")).unwrap();
    assert!(
        reading.contains("Unsigned Integer")
            && reading.contains("0..1000")
            && reading.contains("Wh"),
        "{reading}"
    );
    let args = [
        "convert",
        "--ddf",
        ddf,
        "--from",
        "text",
        "--to",
        "opaque",
        "--path",
        "/10250/0/0",
        "--hex",
    ];
    assert_eq!(ok(&args, b"323030"), b"00c8\n");
    let err = fails(&["objects", "--ddf", "/nonexistent/ddf.xml"], b"");
    assert!(
        err.starts_with("error: cannot load --ddf /nonexistent/ddf.xml"),
        "{err}"
    );
    let bad = temp_file(
        "bad.xml",
        "<LWM2M><Object><ObjectID>x</ObjectID></Object></LWM2M>",
    );
    let err = fails(&["objects", "--ddf", bad.to_str().unwrap()], b"");
    assert!(err.contains("cannot load --ddf"), "{err}");
}

const DEVICE_TLV_HEX: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/device-3-0.tlv.hex"
);

#[test]
fn tlv_device_example_file() {
    let hex: String = std::fs::read_to_string(DEVICE_TLV_HEX)
        .unwrap()
        .split_whitespace()
        .collect::<String>()
        .to_lowercase();
    let out = ok(
        &[
            "convert",
            "--from",
            "tlv",
            "--to",
            "tlv",
            "--path",
            "/3/0",
            "--hex",
            DEVICE_TLV_HEX,
        ],
        b"",
    );
    assert_eq!(String::from_utf8(out).unwrap(), format!("{hex}\n"));
    // One resource of it, to plain text.
    let out = ok(
        &[
            "convert", "--from", "tlv", "--to", "text", "--path", "/3/0/0", "--hex",
        ],
        b"C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65",
    );
    assert_eq!(out, b"Open Mobile Alliance\n");
    // A truncated TLV: exit 1, one line naming the byte offset.
    let err = fails(
        &[
            "convert", "--from", "tlv", "--to", "text", "--path", "/3/0/0", "--hex",
        ],
        b"C8 00 14 4F",
    );
    assert!(
        err.starts_with("error: cannot decode tlv payload for /3/0/0: tlv at byte 0 is truncated"),
        "{err}"
    );
    assert!(err.contains("byte"), "{err}");
}

const REGISTRATION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/registration.link");

#[test]
fn link_prints_json_in_document_order() {
    let out = String::from_utf8(ok(&["link", REGISTRATION], b"")).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.first(), Some(&"["));
    assert_eq!(lines.last(), Some(&"]"));
    assert_eq!(
        lines[1],
        r#"  {"target":"/","attributes":[["rt","oma.lwm2m"],["ct","60 110 112 1542 1543 11542 11543"]]},"#
    );
    assert_eq!(
        lines[2],
        r#"  {"target":"/1","attributes":[["ver","1.1"]]},"#
    );
    assert_eq!(lines.len(), 2 + 7);
    // From standard input, with the final newline `echo` adds.
    let out = String::from_utf8(ok(&["link"], b"</3/0/9>;pmin=10;obs\n")).unwrap();
    assert!(
        out.contains(r#"{"target":"/3/0/9","attributes":[["pmin","10"],["obs",null]]}"#),
        "{out}"
    );
    let err = fails(&["link"], b"</3/0/9;pmin=10");
    assert!(
        err.starts_with("error: cannot parse link format: ") && err.contains("byte"),
        "{err}"
    );
}

#[test]
fn link_check_reports_one_line_per_problem() {
    assert_eq!(
        ok(&["link", "--check", REGISTRATION], b""),
        b"ok: no problems\n"
    );
    let out = run(
        &["link", "--check"],
        b"</3/0/9>;pmin=10;pmax=5,</3>;dim=2\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].contains("</3/0/9>") && lines[0].contains("pmin must not exceed pmax"),
        "{err}"
    );
    assert!(
        lines[1].contains("dim") && lines[1].contains("byte 29"),
        "{err}"
    );
}

#[test]
fn tlv_device_example_to_senml_and_back() {
    let json = ok(
        &[
            "convert",
            "--from",
            "tlv",
            "--to",
            "senml-json",
            "--path",
            "/3/0",
            "--hex",
            DEVICE_TLV_HEX,
        ],
        b"",
    );
    let json = String::from_utf8(json).unwrap();
    assert!(
        json.starts_with(r#"[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},"#),
        "{json}"
    );
    assert!(json.ends_with("{\"n\":\"16\",\"vs\":\"U\"}]\n"), "{json}");
    // Back to TLV: the same 121 bytes.
    let tlv = ok(
        &[
            "convert",
            "--from",
            "senml-json",
            "--to",
            "tlv",
            "--path",
            "/3/0",
        ],
        json.trim_end().as_bytes(),
    );
    let expected: Vec<u8> = std::fs::read_to_string(DEVICE_TLV_HEX)
        .unwrap()
        .split_whitespace()
        .map(|h| u8::from_str_radix(h, 16).unwrap())
        .collect();
    assert_eq!(tlv, expected);
}

#[test]
fn composite_and_timestamped_modes() {
    let cbor = ok(
        &[
            "convert",
            "--composite",
            "--from",
            "senml-json",
            "--to",
            "senml-cbor",
        ],
        br#"[{"n":"/3/0/9"},{"n":"/1"}]"#,
    );
    // Paths alone, in path order: [{0: "/1"}, {0: "/3/0/9"}].
    assert_eq!(cbor, b"\x82\xa1\x00\x62/1\xa1\x00\x66/3/0/9");
    let json = ok(
        &[
            "convert",
            "--composite",
            "--from",
            "senml-cbor",
            "--to",
            "senml-json",
        ],
        &cbor,
    );
    assert_eq!(json, br#"[{"n":"/1"},{"n":"/3/0/9"}]"#);
    let series = br#"{"bn":"/1024/0/1","e":[{"v":22.9,"t":-30},{"v":22.4,"t":-5}],"bt":25462634}"#;
    let out = ok(
        &[
            "convert",
            "--timestamped",
            "--from",
            "json",
            "--to",
            "senml-json",
        ],
        series,
    );
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("25462604") && out.contains("22.9"), "{out}");
    let err = fails(
        &[
            "convert",
            "--composite",
            "--from",
            "tlv",
            "--to",
            "senml-json",
        ],
        b"",
    );
    assert!(err.contains("does not support composite content"), "{err}");
}

#[test]
fn cbor_formats_convert() {
    // spec/lwm2m-cbor.md example 1, {[3, 0, 9]: 100}, to plain text and to CBOR (60).
    let text = ok(
        &[
            "convert",
            "--from",
            "lwm2m-cbor",
            "--to",
            "text",
            "--path",
            "/3/0/9",
            "--hex",
        ],
        b"A1 83 03 00 09 18 64",
    );
    assert_eq!(text, b"100\n");
    let cbor = ok(
        &[
            "convert",
            "--from",
            "lwm2m-cbor",
            "--to",
            "cbor",
            "--path",
            "/3/0/9",
            "--hex",
        ],
        b"A1 83 03 00 09 18 64",
    );
    assert_eq!(cbor, b"1864\n");
    let back = ok(
        &[
            "convert", "--from", "11544", "--to", "11544", "--path", "/3/0/9", "--hex",
        ],
        b"A1 83 03 00 09 18 64",
    );
    assert_eq!(back, b"a1830300091864\n");
    let err = fails(
        &[
            "convert",
            "--from",
            "lwm2m-cbor",
            "--to",
            "text",
            "--path",
            "/3/0/9",
            "--hex",
        ],
        b"A1 83 03 00 09 19 64",
    );
    assert!(err.contains("byte"), "{err}");
}

#[test]
fn link_check_as_adds_the_rules_of_one_payload_kind() {
    // Clean as what it is.
    assert_eq!(
        ok(
            &["link", "--check", "--as", "registration", REGISTRATION],
            b""
        ),
        b"ok: no problems\n"
    );
    assert_eq!(
        ok(
            &["link", "--check", "--as", "bootstrap-discover"],
            b"</>;lwm2m=1.1,</0/0>,</0/1>;ssid=101;uri=\"coaps://s1\",</1/0>;ssid=101\n"
        ),
        b"ok: no problems\n"
    );
    // The generic check accepts a Security instance; a registration must not list it.
    let doc = b"</>;ct=110,</0/0>,</1/0>,</3/0>,</3/0>\n";
    assert_eq!(ok(&["link", "--check"], doc), b"ok: no problems\n");
    for kind in ["registration", "register", "update"] {
        let out = run(&["link", "--check", "--as", kind], doc);
        assert_eq!(out.status.code(), Some(1), "{kind}");
        assert!(out.stdout.is_empty());
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "error: link 2 </0/0>: at byte 12: the security object /0 is not listed in a registration\n\
             error: link 5 </3/0>: at byte 33: an object or instance listed twice\n"
        );
    }
    // A Discover response: the spec example is clean with the bundled registry's Device
    // model (6, 7, 8 and 11 are multiple, 7 is numeric) ...
    let discover = b"</3>;pmin=10,</3/0>,</3/0/0>,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=2,</3/0/7>;dim=8;gt=50;lt=42.2,</3/0/8>;dim=2,</3/0/9>,</3/0/11>;dim=1,</3/0/13>,</3/0/16>\n";
    assert_eq!(
        ok(&["link", "--check", "--as", "discover"], discover),
        b"ok: no problems\n"
    );
    // ... which also knows that Manufacturer is a string and Error Code is multiple.
    let out = run(
        &["link", "--check", "--as", "discover"],
        b"</3/0>,</3/0/0>;gt=5,</3/0/11>\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: link 2 </3/0/0>: at byte 16: gt, lt and st apply only to numeric resources\n\
         error: link 3 </3/0/11>: at byte 22: a multiple resource carries dim\n"
    );
    // Without a model, listed instances tell that a resource is multiple.
    let err = fails(
        &["link", "--check", "--as", "discover"],
        b"</30000/0/6>,</30000/0/6/0>,</30000/0/6/1>\n",
    );
    assert_eq!(
        err,
        "error: link 1 </30000/0/6>: at byte 1: a resource whose instances are listed is multiple and carries dim\n"
    );
    // --as needs --check and a known kind (usage errors: status 2, before reading input).
    let out = run(&["link", "--as", "registration"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--check"));
    let out = run(&["link", "--check", "--as", "bogus"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bootstrap-discover"));
}

#[test]
fn senml_alternate_path_and_reception_time() {
    // A client registered as </lwm2m>;rt="oma.lwm2m" names its resources /lwm2m/3/0/9.
    let from = [
        "convert",
        "--from",
        "senml-json",
        "--to",
        "text",
        "--path",
        "/3/0/9",
        "--alternate-path",
        "/lwm2m",
    ];
    assert_eq!(ok(&from, br#"[{"bn":"/lwm2m/3/0/9","v":95}]"#), b"95");
    let err = fails(&from, br#"[{"bn":"/3/0/9","v":95}]"#);
    assert!(err.contains("alternate path"), "{err}");
    // And the prefix is written on output.
    let to = [
        "convert",
        "--from",
        "text",
        "--to",
        "senml-json",
        "--path",
        "/3/0/9",
        "--alternate-path",
        "/lwm2m",
    ];
    assert_eq!(ok(&to, b"95"), br#"[{"bn":"/lwm2m/3/0/9","v":95}]"#);
    // Composite content: the prefix once as the base name.
    let composite = [
        "convert",
        "--from",
        "senml-json",
        "--to",
        "senml-json",
        "--composite",
        "--alternate-path",
        "/lwm2m",
    ];
    assert_eq!(
        ok(
            &composite,
            br#"[{"bn":"/lwm2m/3/0/","n":"9","v":95},{"n":"0","vs":"x"}]"#
        ),
        br#"[{"bn":"/lwm2m","n":"/3/0/0","vs":"x"},{"n":"/3/0/9","v":95}]"#
    );

    // Times below 2^28 count from the reception time.
    let ts = [
        "convert",
        "--from",
        "senml-json",
        "--to",
        "senml-json",
        "--timestamped",
        "--reception-time",
        "1700000000",
    ];
    assert_eq!(
        ok(&ts, br#"[{"bn":"/3/0/9","v":95,"t":-5},{"v":96,"t":-2.5}]"#),
        br#"[{"bt":1699999995,"n":"/3/0/9","v":95},{"bt":1699999997.5,"n":"/3/0/9","v":96}]"#
    );
    // Without it the raw times are kept.
    assert_eq!(
        ok(&ts[..6], br#"[{"bn":"/3/0/9","v":95,"t":-5}]"#),
        br#"[{"bt":-5,"n":"/3/0/9","v":95}]"#
    );

    // Both options belong to the SenML family only.
    let err = fails(
        &[
            "convert",
            "--from",
            "text",
            "--to",
            "tlv",
            "--path",
            "/3/0/9",
            "--alternate-path",
            "/lwm2m",
        ],
        b"95",
    );
    assert!(err.contains("--alternate-path applies to"), "{err}");
    let err = fails(
        &[
            "convert",
            "--from",
            "json",
            "--to",
            "senml-json",
            "--path",
            "/3/0/9",
            "--reception-time",
            "5",
        ],
        b"{}",
    );
    assert!(err.contains("--reception-time applies to"), "{err}");
}

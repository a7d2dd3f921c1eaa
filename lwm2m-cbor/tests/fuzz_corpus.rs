//! Replays the cbor fuzz corpora (`fuzz/corpus/{lwm2m_cbor_decode,cbor_decode,
//! lwm2m_cbor_roundtrip}`) through the fuzz bodies in `fuzz/src/cbor.rs`, from this crate, so the
//! bodies are checked even while the workspace benches crate does not build. (The same replay
//! runs from `benches/tests/fuzz_cbor.rs`.)

#[allow(dead_code, unreachable_pub)]
#[path = "../../fuzz/src/cbor.rs"]
mod body;

use std::path::PathBuf;

fn replay(target: &str, f: fn(&[u8])) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        // Packaged without the fuzz folder: nothing to replay.
        return usize::MAX;
    };
    let mut n = 0;
    for e in entries {
        let path = e.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let r = std::panic::catch_unwind(|| f(&data));
        assert!(r.is_ok(), "fuzz body panicked on {}", path.display());
        n += 1;
    }
    n
}

#[test]
fn lwm2m_cbor_decode() {
    assert!(replay("lwm2m_cbor_decode", body::lwm2m_cbor_decode) >= 10);
}

#[test]
fn cbor_decode() {
    assert!(replay("cbor_decode", body::single_decode) >= 10);
}

#[test]
fn lwm2m_cbor_roundtrip() {
    assert!(replay("lwm2m_cbor_roundtrip", body::roundtrip) >= 10);
}

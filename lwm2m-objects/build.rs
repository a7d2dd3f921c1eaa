//! Compiles the bundled registry facts (`registry/`) into `OUT_DIR/objects.rs` with lwm2m-ddf.
//!
//! `LWM2M_REGISTRY_DIR=/path/to/lwm2m-registry` compiles a full registry checkout instead, with
//! the descriptions as doc comments. The `typed-all` feature generates a typed instance struct
//! for every object (by default only for the core objects 0–7).

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=registry");
    println!("cargo::rerun-if-env-changed=LWM2M_REGISTRY_DIR");
    let (dir, descriptions) = match std::env::var_os("LWM2M_REGISTRY_DIR") {
        Some(d) if !d.is_empty() => {
            let d = PathBuf::from(d);
            println!("cargo::rerun-if-changed={}", d.display());
            (d, true)
        }
        _ => {
            let manifest =
                std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
            (PathBuf::from(manifest).join("registry"), false)
        }
    };
    let typed = if std::env::var_os("CARGO_FEATURE_TYPED_ALL").is_some() {
        lwm2m_ddf::Typed::All
    } else {
        lwm2m_ddf::Typed::Only((0..=7).collect())
    };
    if let Err(e) = lwm2m_ddf::Builder::new()
        .dir(dir)
        .descriptions(descriptions)
        .typed(typed)
        .output_name("objects.rs")
        .generate()
    {
        panic!("lwm2m-objects: cannot compile the registry: {e}");
    }
}

//! Writes the facts of an OMA registry checkout as DDF files, one per object id and version.
//!
//! ```text
//! cargo run -p lwm2m-ddf --example import -- <registry-dir> lwm2m-objects/registry
//! ```
//!
//! Every `*.xml` file already in the output directory that the import does not produce is
//! removed, so the directory mirrors the registry exactly.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, out] = args.as_slice() else {
        eprintln!("usage: import <registry-dir> <output-dir>");
        return ExitCode::from(2);
    };
    match run(src.into(), out.into()) {
        Ok(n) => {
            println!("wrote {n} files to {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("import: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(src: PathBuf, out: PathBuf) -> Result<usize, Box<dyn std::error::Error>> {
    let files = lwm2m_ddf::import_facts(&src)?;
    std::fs::create_dir_all(&out)?;
    for entry in std::fs::read_dir(&out)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if name.ends_with(".xml") && !files.contains_key(&name) {
            std::fs::remove_file(&path)?;
        }
    }
    for (name, xml) in &files {
        std::fs::write(out.join(name), xml)?;
    }
    Ok(files.len())
}

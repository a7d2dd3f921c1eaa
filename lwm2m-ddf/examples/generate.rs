//! Prints the Rust code that [`lwm2m_ddf::Builder`] generates for DDF files or directories,
//! with descriptions as doc comments.
//!
//! ```text
//! cargo run -p lwm2m-ddf --example generate -- my-object.xml > my_object.rs
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut builder = lwm2m_ddf::Builder::new().descriptions(true);
    let mut any = false;
    for arg in std::env::args_os().skip(1) {
        let path = std::path::PathBuf::from(arg);
        builder = if path.is_dir() {
            builder.dir(path)
        } else {
            builder.file(path)
        };
        any = true;
    }
    if !any {
        eprintln!("usage: generate <ddf-file-or-dir>...");
        return ExitCode::from(2);
    }
    match builder.generate_string() {
        Ok(code) => {
            print!("{code}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::FAILURE
        }
    }
}

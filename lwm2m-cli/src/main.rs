//! The lwm2m command-line tool.
#![forbid(unsafe_code)]
fn main() {}

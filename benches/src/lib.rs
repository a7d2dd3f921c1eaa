//! Shared payloads for the criterion benches.
#![forbid(unsafe_code)]

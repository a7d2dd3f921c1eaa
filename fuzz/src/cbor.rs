//! Fuzz bodies for the cbor codec.

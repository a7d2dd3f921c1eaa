//! Fuzz bodies for the tlv codec.

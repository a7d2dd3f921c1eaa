//! Fuzz bodies for the link codec.

//! Fuzz bodies for the senml codec.

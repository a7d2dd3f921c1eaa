//! Fuzz bodies for the text codec.

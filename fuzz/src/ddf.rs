//! Fuzz bodies for the ddf codec.

//! Checks on how people, places and organisations are named.

pub mod variant;

//! Checks on how people, places and organisations are named.

pub mod ambiguous;
pub mod diacritics;
pub mod inconsistent;
pub mod misspelling;
pub mod role_mismatch;
pub mod unknown_person;
pub mod variant;

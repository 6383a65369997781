//! Checks on the knowledge base files.

pub mod ambiguous_alias;
pub mod duplicate_id;
pub mod invalid_date;
pub mod invalid_entry;
pub mod syntax_error;
pub mod unknown_reference;

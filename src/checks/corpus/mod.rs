//! Checks on the corpus files themselves: can they be read, is their metadata sound.

pub mod broken_front_matter;
pub mod file_too_large;
pub mod internal_error;
pub mod invalid_date;
pub mod invalid_utf8;
pub mod missing_date;
pub mod skipped_file;
pub mod unknown_kb_link;
pub mod unreadable_file;
pub mod unused_suppression;

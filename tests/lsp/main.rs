//! The real `dateline serve` binary over stdio, one file per feature.

#[path = "../support/mod.rs"]
mod support;

mod annotations;
mod dates;
mod diagnostics;
mod edits;
mod encoding;
mod features;
mod hostile;
mod names;
mod navigation;
mod protocol;
mod selection;
mod watching;

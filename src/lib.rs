//! dateline: a language server and CI linter for annotated news corpora.
//!
//! The core (`corpus`, `kb`, `mentions`, `dates`, `checks`, `analysis`) is synchronous Rust
//! over byte offsets with no LSP or async types; `lsp` and `cli` are the two front ends.
//! See ARCHITECTURE.md for the map.

pub mod cli;
pub mod dates;
pub mod formats;
pub mod span;

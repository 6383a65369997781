//! dateline: a language server and CI linter for annotated news corpora.
//!
//! The core (`corpus`, `kb`, `mentions`, `dates`, `formats`, `checks`, `analysis`, `text`, `agree`,
//! `eval`)
//! is synchronous Rust over byte offsets with no LSP or async types; `lsp` and `cli` are
//! the two front ends. See ARCHITECTURE.md for the map.

pub mod agree;
pub mod analysis;
pub mod checks;
pub mod cli;
pub mod corpus;
pub mod dates;
pub mod eval;
pub mod formats;
/// Byte-input entry points for the fuzz targets in `fuzz/`; not a public API.
#[doc(hidden)]
pub mod fuzzing;
pub mod kb;
pub mod logging;
pub mod lsp;
pub mod memory;
pub mod mentions;
pub mod span;
pub mod text;
pub mod ties;

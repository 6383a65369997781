//! A panic in the server costs one message, not the session: [`guard`] runs one piece of
//! work (a message in the state owner, an index, a request handler) under `catch_unwind` and
//! logs what it caught; the caller keeps its previous state and goes on.
//!
//! Fault injection, for tests, compiled into debug builds only: the environment variable
//! `DATELINE_FAULT_INJECT` set to
//! - `panic-on-edit:NEEDLE` panics in the state owner as it applies an editor buffer whose
//!   text contains `NEEDLE` (outside the analysis's own per-file guard, so the server's
//!   guard is what is tested);
//! - `panic-on-index:NEEDLE` panics in the indexing thread when a file it loaded contains
//!   `NEEDLE`.
//!
//! (`panic-on-text:NEEDLE`, read by the analysis, panics inside one file's analysis.)

/// Runs `f`; a panic inside becomes `Err` with its message, logged with `what` was being
/// done. `f` must leave nothing half-changed that the caller keeps: callers restore what
/// they had before (the state owner keeps a copy of the host it applies changes to).
pub fn guard<R>(what: &str, f: impl FnOnce() -> R) -> Result<R, String> {
    crate::analysis::fault::catch(f).map_err(|panic| {
        tracing::error!("internal error while {what}: {panic}; the server goes on");
        panic.message
    })
}

/// Where a fault can be injected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    Edit,
    Index,
}

impl Site {
    #[cfg(debug_assertions)]
    fn directive(self) -> &'static str {
        match self {
            Site::Edit => "panic-on-edit:",
            Site::Index => "panic-on-index:",
        }
    }
}

/// The needle armed for `site`, if any (debug builds only).
pub fn armed(site: Site) -> Option<&'static str> {
    #[cfg(debug_assertions)]
    {
        static VALUE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        let value = VALUE.get_or_init(|| std::env::var("DATELINE_FAULT_INJECT").ok());
        value.as_deref().and_then(|v| v.strip_prefix(site.directive())).filter(|needle| !needle.is_empty())
    }
    #[cfg(not(debug_assertions))]
    {
        let _ = site;
        None
    }
}

/// Panics if a fault is armed at `site` and `text` contains its needle.
pub fn inject(site: Site, text: &str) {
    if let Some(needle) = armed(site)
        && text.contains(needle)
    {
        panic!("injected fault at {site:?}: the text contains {needle:?}");
    }
}

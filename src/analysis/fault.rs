//! Faults in the analysis of one file: a panic is caught and becomes a finding on that file
//! (`corpus/internal-error`), so one bad input costs one file, not the run or the server.
//! In debug builds, a panic can be injected on purpose ([`maybe_panic`]) to test exactly that.
//!
//! The panic hook is replaced once, the first time [`catch`] runs: a panic inside [`catch`]
//! is logged through `tracing` (one line; the backtrace at debug level) instead of the
//! default hook's message and backtrace on stderr. Panics anywhere else go to the hook that
//! was installed before, unchanged.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

/// The environment variable that injects a fault (debug builds only): `panic-on-text:NEEDLE`
/// panics at the start of the analysis of any file whose text contains `NEEDLE`. The server
/// reads the same variable, in the same format, through [`maybe_panic`].
pub const FAULT_INJECT_VAR: &str = "DATELINE_FAULT_INJECT";

/// A panic caught by [`catch`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Panic {
    /// The panic's message (`"<no message>"` when its payload was not text).
    pub message: String,
    /// Where it happened in dateline's source (`src/dates/ties.rs:351:21`), when known.
    pub location: Option<String>,
}

impl std::fmt::Display for Panic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{} (at {location})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

thread_local! {
    /// How many [`catch`] calls are running on this thread: the hook stays quiet inside one.
    static CATCHING: Cell<usize> = const { Cell::new(0) };
    /// Where the last caught panic on this thread happened (only the hook sees it).
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`, turning a panic inside it into an `Err`.
///
/// Only for work that owns its result and leaves no shared state half-changed when it
/// unwinds (the analysis of one file reads the config, the KB and the other files' analyses
/// and builds a new entry), which is why `f` needs not be `UnwindSafe`.
pub fn catch<R>(f: impl FnOnce() -> R) -> Result<R, Panic> {
    install_hook();
    CATCHING.with(|n| n.set(n.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|n| n.set(n.get() - 1));
    result.map_err(|payload| Panic {
        message: payload_message(payload.as_ref()),
        location: LOCATION.with(|location| location.borrow_mut().take()),
    })
}

fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
            if CATCHING.with(Cell::get) == 0 {
                return previous(info);
            }
            let location = info.location().map(|l| l.to_string());
            // One line on stderr: the message may quote the file's text (slicing panics do),
            // so its control characters are escaped.
            let message: String = payload_message(info.payload())
                .chars()
                .flat_map(|c| if c.is_control() { c.escape_default().collect() } else { vec![c] })
                .collect();
            tracing::error!(
                "internal error (caught): {message}{}",
                location.as_deref().map(|l| format!(" at {l}")).unwrap_or_default()
            );
            tracing::debug!("backtrace:\n{}", std::backtrace::Backtrace::force_capture());
            LOCATION.with(|slot| *slot.borrow_mut() = location);
        }));
    });
}

fn payload_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "<no message>".to_owned()
    }
}

/// Panics when [`FAULT_INJECT_VAR`] asks for it and `text` contains its needle; in release
/// builds, does nothing. Called at the start of each file's analysis (and by the server),
/// so tests can prove a panic there is contained.
#[cfg(debug_assertions)]
pub fn maybe_panic(text: &str) {
    maybe_panic_at("text", text);
}

/// [`maybe_panic`] for the KB build (`panic-on-kb:NEEDLE`, checked against each KB file's
/// text): a panic outside any one file's analysis, which `check` must also survive.
#[cfg(debug_assertions)]
pub fn maybe_panic_in_kb(text: &str) {
    maybe_panic_at("kb", text);
}

/// Panics when [`FAULT_INJECT_VAR`] is `panic-on-SITE:NEEDLE` and `text` holds `NEEDLE`.
/// Other sites (the server's `edit` and `index`) are read by the server.
#[cfg(debug_assertions)]
fn maybe_panic_at(site: &str, text: &str) {
    use std::sync::OnceLock;
    static SPEC: OnceLock<Option<(String, String)>> = OnceLock::new();
    let spec = SPEC.get_or_init(|| {
        let spec = std::env::var(FAULT_INJECT_VAR).ok()?;
        let parsed = parse_spec(&spec);
        if parsed.is_none() {
            tracing::warn!("{FAULT_INJECT_VAR}=`{spec}` is not `panic-on-SITE:NEEDLE`; no fault is injected");
        }
        parsed
    });
    if let Some((armed, needle)) = spec
        && armed == site
        && text.contains(needle.as_str())
    {
        panic!("fault injected by {FAULT_INJECT_VAR}: the text contains `{needle}`");
    }
}

/// Release builds inject nothing.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn maybe_panic(_text: &str) {}

/// Release builds inject nothing.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn maybe_panic_in_kb(_text: &str) {}

/// The site and needle of `panic-on-SITE:NEEDLE`; `None` for anything else or an empty needle.
#[cfg_attr(not(debug_assertions), allow(dead_code))]
fn parse_spec(spec: &str) -> Option<(String, String)> {
    let (site, needle) = spec.strip_prefix("panic-on-")?.split_once(':')?;
    (!site.is_empty() && !needle.is_empty()).then(|| (site.to_owned(), needle.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_catch_is_an_error_with_its_message_and_place() {
        let caught = catch(|| -> u32 { panic!("begin {} > end {}", 3, 2) }).unwrap_err();
        assert_eq!(caught.message, "begin 3 > end 2");
        assert!(caught.location.as_deref().is_some_and(|l| l.contains("fault.rs")), "{caught:?}");
        assert_eq!(catch(|| 7), Ok(7));
        // The hook is quiet only inside `catch`: the counter is back to zero.
        assert_eq!(CATCHING.with(Cell::get), 0);
    }

    #[test]
    fn the_fault_spec_names_a_needle() {
        assert_eq!(parse_spec("panic-on-text:BOOM"), Some(("text".into(), "BOOM".into())));
        assert_eq!(parse_spec("panic-on-kb:A:B"), Some(("kb".into(), "A:B".into())));
        assert_eq!(parse_spec("panic-on-text:"), None);
        assert_eq!(parse_spec("abort"), None);
    }
}

//! Logging for both front ends: `tracing` to stderr (stdout carries findings or the
//! protocol), filtered by `DATELINE_LOG` when set.

/// Logs go to stderr, filtered by `DATELINE_LOG` when set (e.g. `DATELINE_LOG=dateline=debug`),
/// else by `default`.
pub fn init(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("DATELINE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        .with_ansi(false)
        .try_init();
}

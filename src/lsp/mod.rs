//! The language server: `dateline serve`. A thin layer over `analysis`: it converts
//! positions and URIs at the edge (`convert`), keeps state in one owner thread (`state`),
//! and answers requests from snapshots (`handlers`). Nothing here prints to stdout, which
//! carries the protocol; logs go to stderr through `tracing`.

// stdout carries the protocol; clippy enforces what tests/tidy.rs also checks.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod convert;
mod fault;
mod handlers;
mod options;
mod server;
mod state;
mod transport;
mod watch;

use std::process::ExitCode;

pub use convert::Encoding;

/// Runs the server on stdin/stdout until the client sends `exit`. `log` is the default log
/// filter (`info`, `debug`, ...).
pub fn run(log: &str) -> ExitCode {
    crate::logging::init(log);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            tracing::error!("cannot start the async runtime: {err}");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(server::serve());
    // The runtime's blocking threads (stdin reader) would keep the process alive.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    // LSP: exit code 0 if `shutdown` came before `exit`, 1 otherwise.
    if clean { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

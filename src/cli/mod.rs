//! The command line: `dateline check`, `dateline serve` and the tools around them.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod timeml;

#[derive(Parser, Debug)]
#[command(
    name = "dateline",
    version,
    about = "Dates and names in news corpora that cannot all be true"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read, tag and score TimeML documents (TempEval-3)
    #[command(subcommand)]
    Timeml(timeml::TimemlCommand),
}

/// Parses the command line and runs it; the process exit code comes back.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            // clap exits 0 for --help/--version and 2 for usage errors, as we do.
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Timeml(command) => timeml::run(command),
    }
}

//! `dateline timeml`: tag TimeML documents with our TIMEX3s and score them (TempEval-3).

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum TimemlCommand {}

pub fn run(command: TimemlCommand) -> ExitCode {
    match command {}
}

//! The command line: `dateline check`, `dateline serve` and the tools around them.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod agree;
pub mod baseline;
pub mod changed;
pub mod check;
pub mod dates;
pub mod eval;
pub mod fix;
pub mod init;
pub mod kb;
pub mod output;
pub mod progress;
pub mod rules;
pub mod settings;
pub mod suggest;
pub mod timeml;

#[derive(Parser, Debug)]
#[command(name = "dateline", version, about = "Dates and names in news corpora that cannot all be true")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check a corpus and print its findings (exit 0: clean, 1: findings at or above
    /// --fail-on, 2: usage, configuration or I/O error)
    Check(check::CheckArgs),
    /// List every check with its default severity and whether `--fix` or the editor can fix it
    Rules(rules::RulesArgs),
    /// Print a check's documentation: what it finds, why it matters, how to fix it
    Explain(rules::ExplainArgs),
    /// Run the language server over stdio (editors start this)
    Serve(ServeArgs),
    /// Score a labelled corpus's warnings and errors against its labels (EXPECTED.toml):
    /// per check hits, false alarms, precision; recall of the labelled errors (exit 0: a
    /// report; 2: it cannot score)
    Eval(eval::EvalArgs),
    /// Print every date expression with its normalized value and how it was resolved
    Dates(dates::DatesArgs),
    /// Read, tag and score TimeML documents (TempEval-3)
    #[command(subcommand)]
    Timeml(timeml::TimemlCommand),
    /// Build the knowledge base: `dateline kb import wikidata FILE...`, `kb suggest`,
    /// `kb check-against wikidata FILE...`
    #[command(subcommand)]
    Kb(kb::KbCommand),
    /// Start a corpus: a commented dateline.toml and kb/people.toml with examples (never
    /// overwrites a file; exit 2: a file cannot be written)
    Init(init::InitArgs),
    /// Inter-annotator agreement of folders annotating the same documents: kappa, alpha and
    /// span F1, per label, per document and for the collection (exit 2: a folder is missing)
    Agree(agree::AgreeArgs),
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Speak LSP over stdin/stdout (the default and only transport; accepted because many
    /// clients pass it).
    #[arg(long)]
    pub stdio: bool,
    /// Log level on stderr (error, warn, info, debug, trace) or a tracing filter such as
    /// `dateline::lsp=debug`. `DATELINE_LOG` wins when set.
    #[arg(long, value_name = "LEVEL", default_value = "info")]
    pub log: String,
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
    if !matches!(cli.command, Command::Serve(_)) {
        // Commands talk to people through their output; logs only for warnings and when asked.
        crate::logging::init("warn");
    }
    if matches!(cli.command, Command::Serve(_)) {
        // The server guards each message itself and must never stop for one.
        return run(cli.command);
    }
    // A bug outside one file's analysis (the KB, a corpus-wide check, the output) ends the
    // command with a clear error and exit 2, not a backtrace and exit 101; a panic inside
    // one file's analysis is already that file's `corpus/internal-error`.
    crate::analysis::fault::catch(|| run(cli.command)).unwrap_or_else(|panic| {
        let panic = output::escape::printable(&panic.to_string()).into_owned();
        eprintln!("dateline: error: internal error: {panic}; this is a bug in dateline, please report it");
        ExitCode::from(2)
    })
}

fn run(command: Command) -> ExitCode {
    match command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::rules(&args),
        Command::Explain(args) => rules::explain(&args),
        Command::Serve(args) => crate::lsp::run(&args.log),
        Command::Dates(args) => dates::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Timeml(command) => timeml::run(command),
        Command::Kb(command) => kb::run(command),
        Command::Init(args) => init::run(&args),
        Command::Agree(args) => agree::run(args),
    }
}

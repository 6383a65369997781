//! `check`'s arguments in two steps, after ripgrep's lowargs/hiargs: [`CheckArgs`] is what
//! the user typed (clap), [`CheckSettings`] what it means, validated, with every default
//! decided. Nothing after [`CheckSettings::resolve`] looks at raw arguments, and every
//! usage error (exit 2) is found here, before any file is read.

use std::fmt;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::analysis::fix::FixMode;
use crate::checks::Severity;
use crate::checks::selection::{SelectionLayer, Selector};
use crate::corpus::config::absolute;

#[derive(Args, Debug, Default)]
pub struct CheckArgs {
    /// Files or folders to check (default: the current folder), or `-` to read one article
    /// from standard input (with --stdin-filename). Each path's corpus is found by walking
    /// up to the nearest `dateline.toml`.
    pub paths: Vec<PathBuf>,

    /// How to print findings.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Full, help_heading = "Output")]
    pub output_format: OutputFormat,
    /// Colour: auto (when the output is a terminal and NO_COLOR is unset), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, help_heading = "Output")]
    pub color: ColorChoice,
    /// Print how many findings each check produced instead of the findings.
    #[arg(long, help_heading = "Output")]
    pub statistics: bool,

    /// Run only these checks: codes or prefixes (`name/`), comma-separated, `ALL` for every
    /// check. Replaces `select` from dateline.toml.
    #[arg(long, value_delimiter = ',', value_name = "CODES", help_heading = "Checks")]
    pub select: Option<Vec<String>>,
    /// Run these checks too, on top of the selection.
    #[arg(long, value_delimiter = ',', value_name = "CODES", help_heading = "Checks")]
    pub extend_select: Vec<String>,
    /// Do not run these checks.
    #[arg(long, value_delimiter = ',', value_name = "CODES", help_heading = "Checks")]
    pub ignore: Vec<String>,

    /// Apply the safe fixes, then report what is left.
    #[arg(long, help_heading = "Fixes")]
    pub fix: bool,
    /// Apply (with --fix), show (with --diff) and count the unsafe fixes too.
    #[arg(long, help_heading = "Fixes")]
    pub unsafe_fixes: bool,
    /// Print what --fix would change as a unified diff, write nothing; exit 1 if it would
    /// change something.
    #[arg(long, help_heading = "Fixes")]
    pub diff: bool,

    /// Exit 1 when a finding has at least this severity (default: `fail-on` from
    /// dateline.toml, else error).
    #[arg(long, value_enum, value_name = "SEVERITY", help_heading = "Exit status")]
    pub fail_on: Option<FailOn>,
    /// Exit 0 even when there are findings (2 still means a usage, configuration or I/O
    /// error).
    #[arg(long, help_heading = "Exit status")]
    pub exit_zero: bool,

    /// With `-`: the path the article on standard input would have; it is checked as that
    /// file of that path's corpus.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Report only findings this baseline file does not list (and list the ones it lists
    /// that are fixed); exit status from the new findings alone.
    #[arg(long, value_name = "FILE", help_heading = "Only new findings")]
    pub baseline: Option<PathBuf>,
    /// Write every finding of this run to the --baseline file instead of reporting them.
    #[arg(long, requires = "baseline", help_heading = "Only new findings")]
    pub write_baseline: bool,
    /// Report only findings on lines changed since this git revision (committed, staged or
    /// not, and untracked files), and findings elsewhere that point at those lines (an
    /// article broken by a KB edit).
    #[arg(long, value_name = "REF", help_heading = "Only new findings")]
    pub diff_from: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[code] message` with the source lines underlined.
    #[default]
    Full,
    /// One line per finding.
    Concise,
    /// A JSON array of findings.
    Json,
    /// One JSON object per finding per line.
    JsonLines,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
    /// One self-contained HTML page: summary, findings, per-entity timelines, filters.
    Html,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
}

impl From<FailOn> for Severity {
    fn from(level: FailOn) -> Severity {
        match level {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Hint => Severity::Hint,
        }
    }
}

/// What to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Files and folders, absolute.
    Paths(Vec<PathBuf>),
    /// One article from standard input, checked as if it were at this (absolute) path.
    Stdin(PathBuf),
}

/// What to do with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAction {
    /// Report them only.
    None,
    /// Apply and write them (`--fix`).
    Write(FixMode),
    /// Print them as a diff (`--diff`), write nothing.
    Diff(FixMode),
}

/// `check`'s arguments, resolved.
#[derive(Clone, Debug)]
pub struct CheckSettings {
    pub input: Input,
    pub format: OutputFormat,
    pub color: ColorChoice,
    pub statistics: bool,
    /// The command line's selection, applied over each corpus's `[checks]`.
    pub layer: SelectionLayer,
    pub fix: FixAction,
    pub unsafe_fixes: bool,
    /// `--fail-on`; each corpus's `fail-on` applies when absent.
    pub fail_on: Option<Severity>,
    pub exit_zero: bool,
    /// Whether a progress bar may be drawn (standard error is a terminal).
    pub progress: bool,
    pub baseline: Option<BaselineAction>,
    /// `--diff-from`: the git revision whose changes are in scope.
    pub diff_from: Option<String>,
}

/// What `--baseline FILE` does with its file (absolute).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaselineAction {
    /// Hide the findings it lists.
    Compare(PathBuf),
    /// Record this run's findings in it (`--write-baseline`).
    Write(PathBuf),
}

/// A command line that cannot work; `check` exits 2 with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A path as typed, for an error message: control characters escaped.
fn shown(path: &std::path::Path) -> String {
    crate::cli::output::escape::printable(&path.display().to_string()).into_owned()
}

impl CheckSettings {
    pub fn resolve(args: &CheckArgs) -> Result<CheckSettings, UsageError> {
        let selectors = |flag: &str, texts: &[String]| {
            texts
                .iter()
                .filter(|text| !text.trim().is_empty())
                .map(|text| Selector::parse(text).map_err(|err| UsageError(format!("{err} in {flag}"))))
                .collect::<Result<Vec<_>, _>>()
        };
        let layer = SelectionLayer {
            select: args.select.as_deref().map(|texts| selectors("--select", texts)).transpose()?,
            extend_select: selectors("--extend-select", &args.extend_select)?,
            ignore: selectors("--ignore", &args.ignore)?,
            severity: Default::default(),
        };
        let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
        let input = match (&args.stdin_filename, stdin, args.paths.len()) {
            (Some(name), _, 0) | (Some(name), true, 1) => Input::Stdin(absolute(name)),
            (Some(_), _, _) => {
                return Err(UsageError(
                    "--stdin-filename reads standard input: give `-` as the only path".into(),
                ));
            }
            (None, true, _) => {
                return Err(UsageError(
                    "reading standard input (`-`) needs --stdin-filename PATH, to know which corpus it belongs to"
                        .into(),
                ));
            }
            (None, false, 0) => Input::Paths(vec![absolute(&PathBuf::from("."))]),
            (None, false, _) => {
                if let Some(missing) = args.paths.iter().find(|path| !path.exists()) {
                    return Err(UsageError(format!("{}: no such file or directory", shown(missing))));
                }
                // Skipping these silently would report "No findings in 0 files" and pass.
                for path in &args.paths {
                    if let Some(why) = crate::corpus::unusable_target(path) {
                        return Err(UsageError(format!("{}: {why}", shown(path))));
                    }
                }
                Input::Paths(args.paths.iter().map(|p| absolute(p)).collect())
            }
        };
        if args.statistics
            && !matches!(args.output_format, OutputFormat::Full | OutputFormat::Concise | OutputFormat::Json)
        {
            return Err(UsageError(
                "--statistics prints a table or JSON: use it with --output-format full, concise or json"
                    .into(),
            ));
        }
        let mode = if args.unsafe_fixes { FixMode::Unsafe } else { FixMode::Safe };
        let fix = match (args.diff, args.fix) {
            (true, _) => FixAction::Diff(mode),
            (false, true) => FixAction::Write(mode),
            (false, false) => FixAction::None,
        };
        let baseline = args.baseline.as_deref().map(|file| match args.write_baseline {
            true => BaselineAction::Write(absolute(file)),
            false => BaselineAction::Compare(absolute(file)),
        });
        if baseline.is_some() && (matches!(input, Input::Stdin(_)) || args.diff) {
            return Err(UsageError(
                "--baseline compares whole runs: use it with paths, not with standard input or --diff".into(),
            ));
        }
        if let Some(reference) = &args.diff_from
            && (reference.is_empty() || reference.starts_with('-'))
        {
            return Err(UsageError(format!("--diff-from needs a git revision, not `{reference}`")));
        }
        Ok(CheckSettings {
            input,
            format: args.output_format,
            color: args.color,
            statistics: args.statistics,
            layer,
            fix,
            unsafe_fixes: args.unsafe_fixes,
            fail_on: args.fail_on.map(Severity::from),
            exit_zero: args.exit_zero,
            progress: std::io::stderr().is_terminal(),
            baseline,
            diff_from: args.diff_from.clone(),
        })
    }

    /// Whether to colour output going to a stream that `is_terminal` or not.
    pub fn use_color(&self, is_terminal: bool) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            // https://no-color.org: set and not empty.
            ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(args: &[&str]) -> Result<CheckSettings, UsageError> {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            args: CheckArgs,
        }
        let cli = Cli::try_parse_from(std::iter::once("check").chain(args.iter().copied())).unwrap();
        CheckSettings::resolve(&cli.args)
    }

    #[test]
    fn selectors_are_validated_and_split_on_commas() {
        let settings = resolve(&["--select", "name/,kb/duplicate-id", "--ignore", "name/variant"]).unwrap();
        let select: Vec<_> = settings.layer.select.unwrap().iter().map(|s| s.to_string()).collect();
        assert_eq!(select, ["name/", "kb/duplicate-id"]);
        let err = resolve(&["--ignore", "name/variant,kb/dupe-id"]).unwrap_err();
        assert_eq!(
            err.0,
            "unknown check code or prefix `kb/dupe-id` (the closest is `kb/duplicate-id`) in --ignore"
        );
    }

    #[test]
    fn stdin_needs_a_filename_and_no_other_path() {
        assert_eq!(
            resolve(&["-", "--stdin-filename", "a.md"]).unwrap().input,
            Input::Stdin(absolute("a.md".as_ref()))
        );
        assert!(resolve(&["-"]).unwrap_err().0.contains("--stdin-filename"));
        assert!(resolve(&[".", "--stdin-filename", "a.md"]).is_err());
        assert!(resolve(&["--statistics", "--output-format", "sarif"]).is_err());
        assert_eq!(resolve(&["--diff", "--fix"]).unwrap().fix, FixAction::Diff(FixMode::Safe), "--diff wins");
        assert!(resolve(&["-", "--stdin-filename", "a.md", "--baseline", "b.json"]).is_err());
        assert_eq!(
            resolve(&["--baseline", "b.json", "--write-baseline"]).unwrap().baseline,
            Some(BaselineAction::Write(absolute("b.json".as_ref())))
        );
        assert!(resolve(&["--diff-from=--help"]).is_err());
    }
}

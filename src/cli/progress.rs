//! The progress bar `check` shows on standard error while it indexes a large corpus: only
//! when standard error is a terminal and the corpus has more than [`MIN_FILES`] files, so
//! logs, pipes and small corpora stay clean. It is fed by the core's load-progress hook,
//! which knows nothing of indicatif.

use std::sync::OnceLock;

use indicatif::{ProgressBar, ProgressStyle};

use crate::analysis::{LoadProgress, LoadStage};

/// Below this many files a load takes well under a second: a bar would only flicker.
pub const MIN_FILES: usize = 200;

pub struct LoadBar {
    enabled: bool,
    /// Created on the first report, once the total is known.
    bar: OnceLock<Option<ProgressBar>>,
}

impl LoadBar {
    /// A bar that draws only if `enabled` (standard error is a terminal).
    pub fn new(enabled: bool) -> LoadBar {
        LoadBar { enabled, bar: OnceLock::new() }
    }

    /// Records one file read or checked. Called from worker threads.
    pub fn report(&self, progress: LoadProgress) {
        let bar = self.bar.get_or_init(|| {
            (self.enabled && progress.total > MIN_FILES).then(|| {
                // Each file is counted twice: once read, once checked.
                let bar = ProgressBar::new(2 * progress.total as u64);
                let style =
                    ProgressStyle::with_template("{spinner} {msg:8} [{bar:30}] {percent:>3}% of {prefix}")
                        .map(|style| style.progress_chars("=> "))
                        .unwrap_or_else(|_| ProgressStyle::default_bar());
                bar.set_style(style);
                bar.set_prefix(format!("{} files", progress.total));
                bar.set_message("reading");
                bar
            })
        });
        if let Some(bar) = bar {
            if progress.stage == LoadStage::Checking && progress.done == 1 {
                bar.set_message("checking");
            }
            bar.inc(1);
        }
    }

    /// Removes the bar before findings are printed.
    pub fn finish(&self) {
        if let Some(Some(bar)) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

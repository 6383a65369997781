//! Running an editor (or its driver script) to completion: output collected, killed when it
//! runs past a limit, so a hung editor fails its test instead of hanging the suite.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Run {
    pub success: bool,
    /// The exit code; `None` when killed (by a signal, or here after the limit).
    pub code: Option<i32>,
    pub status: String,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` with stdin closed, collecting its output, killing it after `limit`.
pub fn run(mut command: Command, limit: Duration) -> Run {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let reader = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = reader(Box::new(child.stdout.take().unwrap()));
    let stderr = reader(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let (success, code, status) = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break (status.success(), status.code(), status.to_string());
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break (false, None, format!("killed after {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Run { success, code, status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

impl Run {
    /// The steps the run reported done, from its `ok: <step>` lines, in order.
    pub fn steps(&self) -> Vec<&str> {
        self.stdout.lines().filter_map(|l| l.strip_prefix("ok: ")).collect()
    }

    /// Exit status, stdout and stderr, for a failure message.
    pub fn report(&self) -> String {
        format!("({})\n---- stdout\n{}\n---- stderr\n{}", self.status, self.stdout, self.stderr)
    }
}

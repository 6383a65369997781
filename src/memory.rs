//! How much memory this process holds, for the logs and the editor's progress message
//! (issue 15: `serve` says what an index costs). Linux's `/proc/self/status`; elsewhere
//! nothing is reported rather than a guess.

use std::fmt;

/// Resident and peak resident memory of this process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProcessMemory {
    pub resident_kib: u64,
    pub peak_kib: u64,
}

impl ProcessMemory {
    /// Now, where the system says; `None` where it does not.
    pub fn now() -> Option<ProcessMemory> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        ProcessMemory::parse(&status)
    }

    /// From the text of `/proc/self/status` (`VmRSS:  1234 kB`, `VmHWM:  2345 kB`).
    fn parse(status: &str) -> Option<ProcessMemory> {
        let field = |name: &str| {
            let line = status.lines().find(|line| line.starts_with(name))?;
            line[name.len()..].trim().trim_end_matches("kB").trim().parse::<u64>().ok()
        };
        Some(ProcessMemory { resident_kib: field("VmRSS:")?, peak_kib: field("VmHWM:")? })
    }
}

impl fmt::Display for ProcessMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mib = |kib: u64| kib.div_ceil(1024);
        write!(f, "{} MiB resident (peak {} MiB)", mib(self.resident_kib), mib(self.peak_kib))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_proc_status() {
        let status = "Name:\tdateline\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t3\n";
        let memory = ProcessMemory::parse(status).unwrap();
        assert_eq!(memory, ProcessMemory { resident_kib: 102_400, peak_kib: 204_800 });
        assert_eq!(memory.to_string(), "100 MiB resident (peak 200 MiB)");
        assert_eq!(ProcessMemory::parse("Name:\tx\n"), None);
        assert_eq!(ProcessMemory::parse("VmRSS:\tlots kB\nVmHWM:\t1 kB\n"), None);
    }
}

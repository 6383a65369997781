//! Fingerprints: who a finding is, independent of where its file has moved it.
//!
//! A team adopting dateline on an old corpus records today's findings in a baseline and fails
//! CI only on new ones; code-scanning dashboards match results across runs the same way
//! (SARIF `partialFingerprints`). Line numbers cannot be the identity: an edit above a
//! finding moves it. What stays is what the finding is about, so a fingerprint hashes
//! - the check's code,
//! - the file's path relative to its corpus root (the same from any working folder),
//! - the flagged text, whitespace collapsed (the name, the date as written),
//! - up to [`CONTEXT_WORDS`] words either side on the same line, whitespace collapsed (so
//!   the same misspelling twice in one file are told apart, and rewording the sentence
//!   around a finding makes it a different finding),
//! - and, for findings still alike in all of that, their order in the file.
//!
//! Messages are left out on purpose: a message names the KB's current spelling or dates, and
//! rewording a message in a new dateline release must not turn every known finding into a
//! new one. The hash is FNV-1a 64 over those parts: stable across runs, platforms and
//! releases (Rust's own hashers promise none of that), and written as 16 hex digits.

use std::fmt;

use rustc_hash::FxHashMap;

use super::Snapshot;
use crate::checks::Finding;
use crate::span::Span;

/// Words of context kept on each side of the flagged text.
pub const CONTEXT_WORDS: usize = 4;

/// A finding's identity across edits elsewhere in its file (module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// The fingerprint written as [`fmt::Display`] writes it, read back.
    pub fn parse(hex: &str) -> Option<Fingerprint> {
        if hex.len() != 16 {
            return None;
        }
        u64::from_str_radix(hex, 16).ok().map(Fingerprint)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// The fingerprint of each finding, in order. Findings alike in everything hashed are
/// numbered by their place in the file, whatever order they come in.
pub fn fingerprints(snapshot: &Snapshot, findings: &[Finding]) -> Vec<Fingerprint> {
    let bases: Vec<u64> = findings.iter().map(|finding| base(snapshot, finding)).collect();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| (bases[i], findings[i].span.start, findings[i].span.end));
    let mut seen: FxHashMap<u64, u64> = FxHashMap::default();
    let mut prints = vec![Fingerprint(0); findings.len()];
    for i in order {
        let occurrence = seen.entry(bases[i]).or_insert(0);
        let mut hash = Fnv::new();
        hash.write(&bases[i].to_le_bytes());
        hash.write(&occurrence.to_le_bytes());
        prints[i] = Fingerprint(hash.finish());
        *occurrence += 1;
    }
    prints
}

/// The hash of everything but the occurrence number.
fn base(snapshot: &Snapshot, finding: &Finding) -> u64 {
    let mut hash = Fnv::new();
    hash.part(b"dateline-fingerprint-v1");
    hash.part(finding.code().as_bytes());
    let path = snapshot.path(finding.file).map(|path| {
        let relative = path.strip_prefix(&snapshot.config().root).unwrap_or(path);
        // The same on Windows and Unix: components joined by `/`.
        let parts: Vec<_> = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect();
        parts.join("/")
    });
    hash.part(path.unwrap_or_default().as_bytes());
    let text = snapshot.text(finding.file).unwrap_or("");
    let around = Around::of(text, finding.span);
    hash.words(around.flagged.split_whitespace());
    hash.words(around.before.split_whitespace().rev().take(CONTEXT_WORDS));
    hash.words(around.after.split_whitespace().take(CONTEXT_WORDS));
    hash.finish()
}

/// The flagged text and the rest of its line(s) on either side.
struct Around<'t> {
    before: &'t str,
    flagged: &'t str,
    after: &'t str,
}

impl<'t> Around<'t> {
    /// Garbage spans (past the end, inside a character) are clamped to the text, never a panic.
    fn of(text: &'t str, span: Span) -> Around<'t> {
        let clamp = |offset: u32| {
            let mut at = (offset as usize).min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let (start, end) = (clamp(span.start), clamp(span.end));
        let end = end.max(start);
        let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |at| at + 1);
        let line_end = text[end..].find(['\n', '\r']).map_or(text.len(), |at| end + at);
        Around { before: &text[line_start..start], flagged: &text[start..end], after: &text[end..line_end] }
    }
}

/// FNV-1a, 64 bits: tiny, and the same everywhere forever.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// One field, ended so that `ab`,`c` and `a`,`bc` differ.
    fn part(&mut self, bytes: &[u8]) {
        self.write(bytes);
        self.write(&[0xff]);
    }

    /// Words joined by single spaces: how much whitespace separates them does not count.
    fn words<'w>(&mut self, words: impl Iterator<Item = &'w str>) {
        for word in words {
            self.write(word.as_bytes());
            self.write(b" ");
        }
        self.write(&[0xff]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_the_line_around_the_span_and_garbage_spans_are_clamped() {
        let text = "first line\nsay Nikol Pashinian  said\nlast";
        let start = text.find("Nikol").unwrap();
        let around = Around::of(text, Span::new(start, start + 15));
        assert_eq!((around.before, around.flagged, around.after), ("say ", "Nikol Pashinian", "  said"));
        // Inside a character and past the end: clamped to the text, never a panic.
        let around = Around::of("é", Span::new(1, 99));
        assert_eq!((around.before, around.flagged, around.after), ("", "é", ""));
    }

    #[test]
    fn words_ignore_spacing_but_fields_do_not_run_together() {
        let hash = |words: &[&str]| {
            let mut fnv = Fnv::new();
            fnv.words(words.iter().copied());
            fnv.finish()
        };
        assert_eq!(hash(&"a  b".split_whitespace().collect::<Vec<_>>()), hash(&["a", "b"]));
        let parts = |a: &str, b: &str| {
            let mut fnv = Fnv::new();
            fnv.part(a.as_bytes());
            fnv.part(b.as_bytes());
            fnv.finish()
        };
        assert_ne!(parts("ab", "c"), parts("a", "bc"));
        let print = Fingerprint(0x00ab_cdef_0123_4567);
        assert_eq!(print.to_string(), "00abcdef01234567");
        assert_eq!(Fingerprint::parse(&print.to_string()), Some(print));
        assert_eq!(Fingerprint::parse("xyz"), None);
    }
}

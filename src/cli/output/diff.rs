//! `--diff`: what `--fix` would change, as a unified diff per file (`--- a/path`,
//! `+++ b/path`), which `git apply` and `patch -p1` accept.

use std::io::{self, Write};

use similar::TextDiff;

/// Writes the diff between `original` and `fixed` for the file shown as `path`.
pub fn write(path: &str, original: &str, fixed: &str, out: &mut dyn Write) -> io::Result<()> {
    let diff = TextDiff::from_lines(original, fixed);
    write!(
        out,
        "{}",
        diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}"))
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_unified_diff_with_headers() {
        let mut out = Vec::new();
        super::write("a.md", "one\ntwo\nthree\n", "one\n2\nthree\n", &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n"
        );
    }
}

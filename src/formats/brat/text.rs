//! Checking `T` lines against the `.txt`: offsets in range and on character boundaries, the recorded text equal to the text's, and why not (another counting unit, an edit).

use super::*;

/// The `.txt` with its offset indexes, for checking `T` lines. The UTF-16 and CRLF indexes
/// only explain mismatches, so they are built on the first one.
pub(super) struct TextCheck<'a> {
    txt: &'a str,
    chars: OffsetIndex,
    utf16: OnceCell<OffsetIndex>,
    crlf: OnceCell<OffsetIndex>,
    ascii: bool,
    has_crlf: bool,
}

impl<'a> TextCheck<'a> {
    pub(super) fn new(txt: &'a str) -> TextCheck<'a> {
        TextCheck {
            txt,
            chars: OffsetIndex::new(txt, OffsetUnit::CodePoint),
            utf16: OnceCell::new(),
            crlf: OnceCell::new(),
            ascii: txt.is_ascii(),
            has_crlf: txt.contains("\r\n"),
        }
    }

    pub(super) fn check(
        &self,
        id: &AnnId,
        tb: &mut TextBound,
        problems: &mut Vec<Problem>,
        nearest: &mut Vec<NearestQuery>,
    ) {
        let len = self.chars.len_units();
        let mut all_resolved = true;
        // Whether a text was in UTF-8 bytes or UTF-16 units is asked once per line: a line
        // of thousands of fragments past the end must not compare the text once per fragment.
        let mut counting_hint_asked = false;
        for frag in &mut tb.fragments {
            let CharSpan { start, end } = frag.chars;
            if start > end {
                problems.push(Problem::new(
                    ProblemKind::InvertedSpan,
                    FileRole::Annotation,
                    frag.span,
                    format!("{id} starts at {start} but ends at {end}"),
                ));
                all_resolved = false;
                continue;
            }
            if end > len {
                let mut message = if start > len {
                    format!("{id} starts at {start} but the text has {len} characters")
                } else {
                    format!("{id} ends at {end} but the text has {len} characters")
                };
                if let Some(text) = &tb.text
                    && !std::mem::replace(&mut counting_hint_asked, true)
                    && let Some(hint) = self.other_counting_hint(&[frag.chars], &text.value)
                {
                    message.push_str("; ");
                    message.push_str(&hint);
                }
                problems.push(Problem::new(
                    ProblemKind::OffsetOutOfRange,
                    FileRole::Annotation,
                    frag.span,
                    message,
                ));
                all_resolved = false;
                continue;
            }
            let (Ok(s), Ok(e)) =
                (self.chars.byte_offset(self.txt, start), self.chars.byte_offset(self.txt, end))
            else {
                all_resolved = false;
                continue;
            };
            frag.bytes = Some(Span::new(s, e));
            for (which, offset, byte) in [("starts", start, s), ("ends", end, e)] {
                if splits_grapheme(self.txt, byte) {
                    problems.push(
                        Problem::new(
                            ProblemKind::OffsetInsideCharacter,
                            FileRole::Annotation,
                            frag.span,
                            format!("{id} {which} at {offset}, {}", describe_split(self.txt, byte)),
                        )
                        .with_related(
                            FileRole::Text,
                            Span::new(s, e),
                            "the annotated text",
                        ),
                    );
                }
            }
        }

        let overlapping = overlapping_fragments(&tb.fragments);
        for &(earlier, later) in &overlapping {
            let (a, b) = (&tb.fragments[earlier], &tb.fragments[later]);
            problems.push(Problem::new(
                ProblemKind::OverlappingFragments,
                FileRole::Annotation,
                b.span,
                format!("fragments {} and {} of {id} overlap", a.chars, b.chars),
            ));
        }

        let Some(recorded) = &tb.text else { return };
        // Overlapping fragments repeat text: the line is already reported, and joining them
        // could build a string as long as the text times the number of fragments.
        if !all_resolved || tb.fragments.is_empty() || !overlapping.is_empty() {
            return;
        }
        let pieces: Vec<&str> =
            tb.fragments.iter().filter_map(|f| f.bytes).map(|b| &self.txt[b.range()]).collect();
        let expected = pieces.join(" ");
        let value = recorded.value.as_str();
        // brat compares only as many characters as the fragments cover and tolerates what
        // follows after whitespace; trailing whitespace is all we tolerate.
        if value == expected || (value.starts_with(&expected) && value[expected.len()..].trim().is_empty()) {
            return;
        }
        let offsets: Vec<String> = tb.fragments.iter().map(|f| f.chars.to_string()).collect();
        let mut message = format!(
            "{id} records {} but the text at {} is {}",
            quote(value),
            offsets.join(";"),
            quote(&expected)
        );
        let mut hints = Vec::new();
        if pieces.len() > 1 && value == pieces.concat() {
            hints.push("the fragments are joined without a space, as brat before 1.3 wrote them".to_string());
        }
        let chars: Vec<CharSpan> = tb.fragments.iter().map(|f| f.chars).collect();
        if let Some(hint) = self.other_counting_hint(&chars, value) {
            hints.push(hint);
        }
        for hint in hints {
            message.push_str("; ");
            message.push_str(&hint);
        }
        let mut problem =
            Problem::new(ProblemKind::TextMismatch, FileRole::Annotation, recorded.span, message);
        for frag in &tb.fragments {
            if let Some(b) = frag.bytes {
                problem = problem.with_related(FileRole::Text, b, format!("the text at {}", frag.chars));
            }
        }
        // Where the recorded text does occur is looked up for all mismatches at once.
        nearest.push(NearestQuery {
            problem: problems.len(),
            needle: value.trim_end().to_string(),
            around: tb.fragments[0].bytes.unwrap_or_default().start as usize,
            old_start: tb.fragments[0].chars.start,
        });
        problems.push(problem);
    }

    /// Whether the offsets would select `recorded` if a tool had counted them in UTF-8 bytes,
    /// UTF-16 code units, or with `\r\n` as one character.
    fn other_counting_hint(&self, fragments: &[CharSpan], recorded: &str) -> Option<String> {
        let recorded = recorded.trim_end();
        let select = |to_byte: &dyn Fn(u64) -> Option<usize>| -> Option<String> {
            let mut pieces = Vec::new();
            for f in fragments {
                let (s, e) = (to_byte(f.start)?, to_byte(f.end)?);
                pieces.push(self.txt.get(s..e)?);
            }
            Some(pieces.join(" "))
        };
        let bytes = |n: u64| usize::try_from(n).ok().filter(|&n| n <= self.txt.len());
        if !self.ascii && select(&bytes).as_deref() == Some(recorded) {
            return Some(format!("{OTHER_COUNTING} counted in UTF-8 bytes"));
        }
        let utf16 = self.utf16.get_or_init(|| OffsetIndex::new(self.txt, OffsetUnit::Utf16));
        if utf16.len_units() != self.chars.len_units()
            && select(&|n| utf16.byte_offset(self.txt, n).ok()).as_deref() == Some(recorded)
        {
            return Some(format!("{OTHER_COUNTING} counted in UTF-16 code units"));
        }
        if self.has_crlf {
            let crlf = self.crlf.get_or_init(|| OffsetIndex::new(self.txt, OffsetUnit::CodePointCrlfAsOne));
            if select(&|n| crlf.byte_offset(self.txt, n).ok()).as_deref() == Some(recorded) {
                return Some(format!("{OTHER_COUNTING} each `\\r\\n` counted as one character"));
            }
        }
        None
    }

    /// Adds to each mismatch where its recorded text occurs nearest to the offsets, finding
    /// all recorded texts in one pass over the text (a file whose offsets are all shifted
    /// must not cost one scan per annotation).
    pub(super) fn resolve_nearest(&self, queries: Vec<NearestQuery>, problems: &mut [Problem]) {
        let mut needles: Vec<&str> =
            queries.iter().map(|q| q.needle.as_str()).filter(|n| !n.is_empty()).collect();
        needles.sort_unstable();
        needles.dedup();
        let found = occurrences(self.txt, &needles);
        for q in &queries {
            let at = found.get(q.needle.as_str()).and_then(|list| {
                let i = list.partition_point(|&o| o < q.around);
                [i.checked_sub(1), Some(i)]
                    .into_iter()
                    .flatten()
                    .filter_map(|i| list.get(i))
                    .min_by_key(|&&o| o.abs_diff(q.around))
                    .copied()
            });
            let Some(problem) = problems.get_mut(q.problem) else {
                continue;
            };
            match at {
                Some(at) => {
                    let found_start = self.chars.unit_offset(self.txt, at);
                    let delta = found_start as i64 - q.old_start as i64;
                    let direction = if delta < 0 { "earlier" } else { "later" };
                    let found_end = found_start + q.needle.chars().count() as u64;
                    let distance = delta.unsigned_abs();
                    let unit = if distance == 1 { "character" } else { "characters" };
                    problem.message.push_str(&if distance == 0 {
                        format!("; {} starts there but ends at {found_end}", quote(&q.needle))
                    } else {
                        format!(
                            "; {} occurs {distance} {unit} {direction}, at {found_start}..{found_end}",
                            quote(&q.needle),
                        )
                    });
                    problem.related.push(crate::formats::Related {
                        file: FileRole::Text,
                        span: Span::new(at, at + q.needle.len()),
                        message: "the recorded text occurs here".into(),
                    });
                }
                None if !q.needle.trim().is_empty() => {
                    problem.message.push_str(&format!("; {} does not occur in the text", quote(&q.needle)))
                }
                None => {}
            }
        }
    }
}

/// The fragments (by index) that overlap an earlier-starting one, each once, paired with the
/// fragment it overlaps (the one reaching furthest): `(earlier, later)`, in order of the later
/// one's start. One sweep over the fragments sorted by start, so a line of many fragments
/// costs O(n log n), not a comparison of every pair.
pub(super) fn overlapping_fragments(fragments: &[Fragment]) -> Vec<(usize, usize)> {
    let mut order: Vec<(Span, usize)> =
        fragments.iter().enumerate().filter_map(|(i, f)| f.bytes.map(|b| (b, i))).collect();
    order.sort_unstable_by_key(|&(b, i)| (b.start, b.end, i));
    let mut out = Vec::new();
    // The fragment seen so far that reaches furthest: any later one overlapping an earlier
    // one overlaps it.
    let mut furthest: Option<(Span, usize)> = None;
    for &(span, i) in &order {
        if let Some((reach, j)) = furthest
            && reach.overlaps(span)
        {
            out.push((j, i));
        }
        if furthest.is_none_or(|(reach, _)| span.end > reach.end) {
            furthest = Some((span, i));
        }
    }
    out
}

/// A mismatch waiting for [`TextCheck::resolve_nearest`].
pub(super) struct NearestQuery {
    problem: usize,
    needle: String,
    around: usize,
    old_start: u64,
}

/// The byte offsets where each of `needles` occurs in `text` (overlapping occurrences
/// included), ascending, found in one Aho-Corasick pass.
pub(super) fn occurrences<'a>(text: &str, needles: &[&'a str]) -> HashMap<&'a str, Vec<usize>> {
    let mut found: HashMap<&str, Vec<usize>> = HashMap::new();
    if needles.is_empty() {
        return found;
    }
    match AhoCorasick::builder().match_kind(MatchKind::Standard).build(needles) {
        Ok(ac) => {
            for m in ac.find_overlapping_iter(text) {
                found.entry(needles[m.pattern().as_usize()]).or_default().push(m.start());
            }
        }
        Err(_) => {
            for n in needles {
                found.insert(n, text.match_indices(n).map(|(at, _)| at).collect());
            }
        }
    }
    for list in found.values_mut() {
        list.sort_unstable();
    }
    found
}

/// "between `e` and U+0301" / "between the `\r` and `\n` of a line break".
pub(super) fn describe_split(txt: &str, byte: usize) -> String {
    let before = txt[..byte].chars().next_back();
    let after = txt[byte..].chars().next();
    match (before, after) {
        (Some('\r'), Some('\n')) => "between the `\\r` and `\\n` of a line break".to_string(),
        (Some(b), Some(a)) => {
            let show = |c: char| {
                if c.is_alphanumeric() || c.is_ascii_graphic() {
                    format!("`{c}` (U+{:04X})", c as u32)
                } else {
                    format!("U+{:04X}", c as u32)
                }
            };
            format!("inside one character, between {} and {}", show(b), show(a))
        }
        _ => "inside one character".to_string(),
    }
}

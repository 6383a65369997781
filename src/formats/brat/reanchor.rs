//! Re-anchoring `T` annotations after their `.txt` was edited.

use super::*;

/// Where a `T` annotation lands in an edited text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reanchor {
    pub id: AnnId,
    /// The `T` line in the `.ann`.
    pub line: Span,
    /// The offsets field to replace (`0 5;10 15`).
    pub offsets_span: Span,
    pub old: Vec<CharSpan>,
    /// The new offsets; `None` when the recorded text no longer occurs.
    pub new: Option<Vec<CharSpan>>,
}

impl Reanchor {
    pub fn moved(&self) -> bool {
        self.new.as_ref().is_some_and(|n| *n != self.old)
    }

    /// The new offsets field, `10 15;20 25`.
    pub fn offsets_field(&self) -> Option<String> {
        let new = self.new.as_ref()?;
        Some(new.iter().map(|c| format!("{} {}", c.start, c.end)).collect::<Vec<_>>().join(";"))
    }
}

/// For each `T` line of `ann`, the offsets of its recorded text in `new_txt` nearest to where
/// it was. Annotations are placed in text order, each expected where it was plus the shift of
/// the one placed before it (so an insertion carries every later name along); the first
/// fragment goes to the occurrence of its text nearest to that, later fragments keep their
/// distance to it when their text is still there, or else go to their own nearest occurrence.
/// All occurrences of all recorded texts are found in one pass (Aho-Corasick). The old text
/// is not needed, so this is a heuristic: check the result before writing it.
pub fn reanchor(ann: &str, new_txt: &str) -> Vec<Reanchor> {
    let mut sink = Vec::new();
    let records: Vec<Record> = line_spans(ann).map(|line| parse_line(ann, line, &mut sink)).collect();

    // The text of each fragment, cut out of the recorded text by the old fragment lengths.
    struct Wanted {
        id: AnnId,
        line: Span,
        offsets_span: Span,
        old: Vec<CharSpan>,
        pieces: Option<Vec<String>>,
    }
    let mut wanted = Vec::new();
    for record in &records {
        let (Some(id), RecordBody::TextBound(tb)) = (&record.id, &record.body) else {
            continue;
        };
        let old: Vec<CharSpan> = tb.fragments.iter().map(|f| f.chars).collect();
        let pieces =
            tb.text.as_ref().and_then(|t| split_recorded(t.value.trim_end_matches(['\r', '\n']), &old));
        wanted.push(Wanted { id: id.clone(), line: record.line, offsets_span: tb.offsets_span, old, pieces });
    }

    let mut patterns: Vec<String> = wanted
        .iter()
        .filter_map(|w| w.pieces.as_ref())
        .flatten()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    let index = OffsetIndex::new(new_txt, OffsetUnit::CodePoint);
    // Occurrence char offsets per pattern, ascending.
    let mut occurrences: HashMap<&str, Vec<u64>> = HashMap::new();
    match AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns) {
        Ok(ac) => {
            for m in ac.find_overlapping_iter(new_txt) {
                let pattern = patterns[m.pattern().as_usize()].as_str();
                occurrences.entry(pattern).or_default().push(index.unit_offset(new_txt, m.start()));
            }
        }
        Err(_) => {
            for p in &patterns {
                let found =
                    new_txt.match_indices(p.as_str()).map(|(at, _)| index.unit_offset(new_txt, at)).collect();
                occurrences.insert(p.as_str(), found);
            }
        }
    }
    for list in occurrences.values_mut() {
        list.sort_unstable();
    }
    let nearest = |piece: &str, around: u64| -> Option<u64> {
        let list = occurrences.get(piece)?;
        let at = list.partition_point(|&o| o < around);
        [at.checked_sub(1), Some(at)]
            .into_iter()
            .flatten()
            .filter_map(|i| list.get(i))
            .min_by_key(|&&o| o.abs_diff(around))
            .copied()
    };
    let len = index.len_units();

    // Walk the annotations in text order carrying the shift of the last one placed, so an
    // insertion moves every later name with it even where the same text occurs close by.
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| wanted[i].old.first().map(|c| c.start));
    let mut placed: Vec<Option<Vec<CharSpan>>> = vec![None; wanted.len()];
    let mut running: i64 = 0;
    for i in order {
        let w = &wanted[i];
        let Some(pieces) = &w.pieces else { continue };
        let mut out = Vec::with_capacity(pieces.len());
        let mut delta = running;
        for (n, (piece, old)) in pieces.iter().zip(&w.old).enumerate() {
            let width = piece.chars().count() as u64;
            let guess = (old.start as i64 + delta).max(0) as u64;
            let start = if piece.is_empty() {
                Some(guess.min(len))
            } else if occurrences.get(piece.as_str()).is_some_and(|l| l.binary_search(&guess).is_ok()) {
                Some(guess)
            } else {
                nearest(piece, guess)
            };
            let Some(start) = start else {
                out.clear();
                break;
            };
            if n == 0 {
                delta = start as i64 - old.start as i64;
            }
            out.push(CharSpan { start, end: start + width });
        }
        if out.len() == pieces.len() {
            running = delta;
            placed[i] = Some(out);
        }
    }
    wanted
        .into_iter()
        .zip(placed)
        .map(|(w, new)| Reanchor { id: w.id, line: w.line, offsets_span: w.offsets_span, old: w.old, new })
        .collect()
}

/// Cuts a recorded text into its fragments by the old fragment lengths; `None` if the lengths
/// and the joining spaces do not fit.
pub(super) fn split_recorded(recorded: &str, old: &[CharSpan]) -> Option<Vec<String>> {
    if old.len() == 1 {
        return Some(vec![recorded.trim_end().to_string()]);
    }
    let chars: Vec<char> = recorded.chars().collect();
    let mut pieces = Vec::new();
    let mut at = 0usize;
    for (n, f) in old.iter().enumerate() {
        let width = usize::try_from(f.end.checked_sub(f.start)?).ok()?;
        if n > 0 {
            if chars.get(at) != Some(&' ') {
                return None;
            }
            at += 1;
        }
        pieces.push(chars.get(at..at + width)?.iter().collect());
        at += width;
    }
    Some(pieces)
}

/// `ann` with the offsets of every moved annotation rewritten.
pub fn apply_reanchor(ann: &str, anchors: &[Reanchor]) -> String {
    let mut edits: Vec<(Span, String)> = anchors
        .iter()
        .filter(|a| a.moved())
        .filter_map(|a| Some((a.offsets_span, a.offsets_field()?)))
        .collect();
    edits.sort_by_key(|(s, _)| s.start);
    let mut out = String::with_capacity(ann.len());
    let mut at = 0;
    for (span, text) in edits {
        if (span.start as usize) < at || span.end as usize > ann.len() {
            continue;
        }
        out.push_str(&ann[at..span.start as usize]);
        out.push_str(&text);
        at = span.end as usize;
    }
    out.push_str(&ann[at..]);
    out
}

/// The `T` lines of `doc` (read from `ann` against `txt`) whose offsets miss their recorded
/// text (or the text's end) while the text occurs elsewhere: re-anchoring moves them. Not
/// those whose offsets would match counted in another unit (bytes, UTF-16, `\r\n` as one):
/// that is no edit but a tool counting wrong, which `text-mismatch` explains.
pub fn stale_anchors(doc: &BratDocument, txt: &str, ann: &str) -> Vec<StaleAnchor> {
    let mut missed: Vec<u32> = doc
        .problems()
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::TextMismatch | ProblemKind::OffsetOutOfRange))
        .filter(|p| !p.message.contains(OTHER_COUNTING))
        .map(|p| p.span.start)
        .collect();
    if missed.is_empty() {
        return Vec::new();
    }
    missed.sort_unstable();
    let on_line = |line: Span| {
        let at = missed.partition_point(|&start| start < line.start);
        missed.get(at).is_some_and(|&start| start <= line.end)
    };
    let recorded: HashMap<u32, &str> = doc
        .records()
        .iter()
        .filter_map(|r| match &r.body {
            RecordBody::TextBound(tb) => Some((r.line.start, tb.text.as_ref()?.value.trim_end())),
            _ => None,
        })
        .collect();
    let index = OffsetIndex::new(txt, OffsetUnit::CodePoint);
    let show = |spans: &[CharSpan]| spans.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(";");
    reanchor(ann, txt)
        .into_iter()
        .filter(|a| a.moved() && on_line(a.line))
        .filter_map(|anchor| {
            let (new, replacement) = (anchor.new.as_ref()?, anchor.offsets_field()?);
            let now_at = new
                .iter()
                .filter_map(|piece| {
                    let start = index.byte_offset(txt, piece.start).ok()?;
                    Some(Span::new(start, index.byte_offset(txt, piece.end).ok()?))
                })
                .collect();
            Some(StaleAnchor {
                recorded: recorded.get(&anchor.line.start).copied().unwrap_or_default().to_owned(),
                was: show(&anchor.old),
                now: show(new),
                replacement,
                now_at,
                id: anchor.id,
                line: anchor.line,
                offsets_span: anchor.offsets_span,
            })
        })
        .collect()
}

//! Writing new `.ann` lines: the next free id, a text-bound annotation for a span.

use super::*;

/// The next free id with `prefix` (`'T'`, `'R'`...): one more than the largest in use, so a
/// deleted id is never reused (brat itself reuses the first gap).
pub fn next_id(ann: &str, prefix: char) -> AnnId {
    let max = line_spans(ann)
        .filter_map(|line| {
            let text = &ann[line.range()];
            let id = text.split('\t').next()?;
            let rest = id.strip_prefix(prefix)?;
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            // `TX1` is an id of prefix `TX`, not `T`.
            (!digits.is_empty()).then(|| digits.parse::<u64>().unwrap_or(u64::MAX))
        })
        .max()
        .unwrap_or(0);
    AnnId::new(&format!("{prefix}{}", max.saturating_add(1)))
}

/// Why a new `T` line cannot be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenderError {
    NoFragments,
    /// The type is empty or contains whitespace, which the line format cannot hold.
    BadType(String),
    /// A fragment is past the end of the text or not on a character boundary.
    BadSpan(Span),
    /// The covered text has a tab or line break, which would break the `.ann` line.
    TextHasLineBreak(Span),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::NoFragments => write!(f, "an annotation needs at least one span"),
            RenderError::BadType(ty) => {
                write!(f, "type {} is empty or contains whitespace", quote(ty))
            }
            RenderError::BadSpan(span) => {
                write!(f, "span {span:?} is outside the text or splits a character")
            }
            RenderError::TextHasLineBreak(span) => {
                write!(f, "the text at {span:?} contains a tab or line break, which a brat line cannot hold")
            }
        }
    }
}

impl std::error::Error for RenderError {}

/// The `.ann` line (without line break) for a new text-bound annotation of `ty` over the byte
/// spans `fragments` of `txt`, with the next free `T` id: `T{n}\t{Type} {start} {end}\t{text}`.
pub fn render_text_bound(ann: &str, txt: &str, ty: &str, fragments: &[Span]) -> Result<String, RenderError> {
    if fragments.is_empty() {
        return Err(RenderError::NoFragments);
    }
    if ty.is_empty() || ty.contains(char::is_whitespace) {
        return Err(RenderError::BadType(ty.to_string()));
    }
    let index = OffsetIndex::new(txt, OffsetUnit::CodePoint);
    let mut offsets = Vec::new();
    let mut pieces = Vec::new();
    for &span in fragments {
        let Some(piece) = txt.get(span.range()) else {
            return Err(RenderError::BadSpan(span));
        };
        if piece.contains(['\n', '\r', '\t']) {
            return Err(RenderError::TextHasLineBreak(span));
        }
        let start = index.unit_offset(txt, span.start as usize);
        let end = index.unit_offset(txt, span.end as usize);
        offsets.push(format!("{start} {end}"));
        pieces.push(piece);
    }
    Ok(format!("{}\t{ty} {}\t{}", next_id(ann, 'T'), offsets.join(";"), pieces.join(" ")))
}

/// The byte span of code-point offsets, for callers holding offsets from elsewhere; builds an
/// index each call, so convert many offsets through [`OffsetIndex`] instead.
pub fn char_span_to_bytes(txt: &str, chars: CharSpan) -> Result<Span, OffsetError> {
    let index = OffsetIndex::new(txt, OffsetUnit::CodePoint);
    Ok(Span::new(index.byte_offset(txt, chars.start)?, index.byte_offset(txt, chars.end)?))
}

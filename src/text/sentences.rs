//! Sentence boundaries in news prose: good enough to keep a title, a name and a date
//! that belong together in one unit, without splitting at `Gen.`, `Nov. 10` or `U.S.`.

use crate::span::Span;

/// Abbreviations after which a period does not end a sentence (compared lower-case,
/// without the period).
const ABBREVIATIONS: &[&str] = &[
    "gen", "lt", "col", "maj", "capt", "adm", "sgt", "cmdr", "mr", "mrs", "ms", "dr", "prof", "st", "sen",
    "rep", "gov", "pres", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "no", "vs", "etc", "approx", "inc", "corp", "co", "ltd", "jr", "sr", "u.s", "u.n", "u.k", "e.g",
    "i.e", "a.m", "p.m",
];

/// The sentences of `text[range]`, as spans of `text`, leading whitespace trimmed. A blank
/// line always ends a sentence (headlines and paragraphs have no final period).
pub fn sentences(text: &str, range: std::ops::Range<usize>) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = range.start;
    let mut i = range.start;
    let end = range.end;
    let push = |from: usize, to: usize, out: &mut Vec<Span>| {
        let piece = &text[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push(Span::new(from + lead, from + lead + trimmed.len()));
        }
    };
    while i < end {
        let b = bytes[i];
        if b == b'\n' && text[i + 1..end].trim_start_matches([' ', '\t', '\r']).starts_with('\n') {
            push(start, i, &mut out);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, i, end) {
            // Include closing quotes and brackets in the sentence.
            let mut stop = i + 1;
            while stop < end && matches!(text[stop..].chars().next(), Some('"' | '”' | '’' | '\'' | ')'))
            {
                stop += text[stop..].chars().next().map_or(1, char::len_utf8);
            }
            push(start, stop, &mut out);
            start = stop;
            i = stop;
            continue;
        }
        i += 1;
    }
    push(start, end, &mut out);
    out
}

fn ends_sentence(text: &str, dot: usize, end: usize) -> bool {
    let after = &text[dot + 1..end];
    let next = after.trim_start_matches(['"', '”', '’', '\'', ')']);
    // A period must be followed by space (or the end) and then a capital, digit or quote.
    if !(next.is_empty() || next.starts_with(char::is_whitespace)) {
        return false;
    }
    let following = next.trim_start().chars().next();
    if following.is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    if text.as_bytes()[dot] != b'.' {
        return true;
    }
    let before = &text[..dot];
    // The separator may be wider than a byte (a no-break space, `“`).
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[word_start..].to_lowercase();
    // Initials ("Recep T. Erdoğan") and known abbreviations do not end sentences.
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return false;
    }
    !ABBREVIATIONS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len()).into_iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn splits_news_prose() {
        assert_eq!(
            split(
                "Land Forces Commander Gen. Musa Avsever attended. It ended on Nov. 10, 2020, in Moscow. \"We agree,\" he said. Next"
            ),
            [
                "Land Forces Commander Gen. Musa Avsever attended.",
                "It ended on Nov. 10, 2020, in Moscow.",
                "\"We agree,\" he said.",
                "Next"
            ]
        );
        assert_eq!(
            split("Headline without a period\n\nBody starts here. The U.S. agreed."),
            ["Headline without a period", "Body starts here.", "The U.S. agreed."]
        );
        assert_eq!(split("He said…and left. Really? Yes!"), ["He said…and left.", "Really?", "Yes!"]);
    }

    #[test]
    fn wide_separators_before_a_period_do_not_split_a_character() {
        // A no-break space and a curly quote before the last word (NEREL's Russian news).
        assert_eq!(split("Вашингтоне за 8,1\u{a0}млн. Дом"), ["Вашингтоне за 8,1\u{a0}млн.", "Дом"]);
        assert_eq!(split("Он сказал “Да. Нет"), ["Он сказал “Да.", "Нет"]);
    }
}

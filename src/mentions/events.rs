//! Named events the KB does not know: `the Zapad-2021 Exercises`, `the Treaty of Kars`,
//! `the Second Karabakh War`. Two articles dating the same one differently disagree
//! (`date/cross-article`) even when nobody has added it to the KB.
//!
//! A named event is a run of capitalised words (with `of`, `on`, `for`, `and` or `the` between
//! capitalised words) whose last word is an event noun (`War`, `Declaration`, `Summit`...),
//! or whose first word is one that names an event by what follows (`Treaty of Kars`,
//! `Battle of Shusha`, `Operation Iron Fist`). Only capitalised nouns count: "the summit in
//! Shusha" is a description, not a name, and silence is better than a false alarm. Runs a
//! KB mention overlaps belong to the KB.

use crate::span::Span;
use crate::text::Word;
use crate::text::fold::strip_diacritics;

/// A name of an event, as written, and the key that identifies it across articles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedEvent {
    pub span: Span,
    /// Lower case, diacritics and a leading `the` dropped, single spaces:
    /// `second karabakh war`.
    pub key: String,
}

/// Ordinals that tell one of a series apart: `Second Karabakh War`.
const ORDINALS: &[&str] =
    &["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

impl NamedEvent {
    /// Whether the name can mean only one occurrence: it carries a number (`Zapad-2021
    /// Exercises`) or an ordinal (`Second Karabakh War`), or names the event by what follows
    /// (`Treaty of Kars`, `Battle of Shusha`, `Operation Iron Fist`). `NATO Summit` or
    /// `Victory Day Parade` recur every year: two articles dating them differently may well
    /// both be right, so only specific names are compared across articles.
    pub fn is_specific(&self) -> bool {
        let mut words = self.key.split(' ');
        let first = words.next().unwrap_or_default();
        let second = words.next().unwrap_or_default();
        let lead = LEADS.iter().any(|l| l.eq_ignore_ascii_case(first));
        self.key.contains(|c: char| c.is_ascii_digit())
            || ORDINALS.contains(&first)
            || lead && (first == "operation" || ["of", "on", "for"].contains(&second))
    }
}

/// Nouns that end an event's name.
const HEADS: &[&str] = &[
    "Accord",
    "Accords",
    "Agreement",
    "Ceasefire",
    "Conference",
    "Crisis",
    "Declaration",
    "Drills",
    "Election",
    "Elections",
    "Exercise",
    "Exercises",
    "Forum",
    "Massacre",
    "Memorandum",
    "Offensive",
    "Parade",
    "Protocol",
    "Referendum",
    "Revolution",
    "Summit",
    "Talks",
    "Treaty",
    "Truce",
    "Uprising",
    "War",
];

/// Nouns that begin an event's name, with what follows naming it.
const LEADS: &[&str] = &["Battle", "Operation", "Siege", "Treaty", "Accord", "Agreement", "Declaration"];

/// Words that open a sentence with a capital letter but are not part of a name after them.
const SENTENCE_OPENERS: &[&str] = &[
    "after",
    "amid",
    "as",
    "at",
    "before",
    "by",
    "despite",
    "during",
    "following",
    "from",
    "since",
    "to",
    "until",
    "when",
    "while",
    "with",
    "a",
    "an",
    "this",
    "that",
    "last",
    "next",
];

/// Weekdays are capitalised but date what follows them ("On Tuesday the War ended"): they
/// never begin a name.
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Small words allowed between capitalised words of a name.
const JOINERS: &[&str] = &["of", "on", "for", "and", "the", "in"];

/// Named events among `prose` words, skipping what `covered` says is already a mention.
pub fn find(text: &str, prose: &[Word<'_>], covered: impl Fn(Span) -> bool) -> Vec<NamedEvent> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < prose.len() {
        if !starts_name(&prose[i]) {
            i += 1;
            continue;
        }
        // The run of capitalised words (and joiners between them) from `i`.
        let mut end = i;
        let mut j = i + 1;
        while j < prose.len() && adjacent(text, prose[j - 1].span, prose[j].span) {
            if starts_name(&prose[j]) {
                end = j;
                j += 1;
            } else if JOINERS.contains(&prose[j].text) {
                j += 1;
            } else {
                break;
            }
        }
        let run = &prose[i..=end];
        if let Some(event) = name_in(run, &covered) {
            out.push(event);
        }
        i = end + 1;
    }
    out
}

/// A capitalised word. A year before a name ("the 2020 Karabakh War") dates it and is
/// not part of it.
fn starts_name(word: &Word<'_>) -> bool {
    word.is_capitalized()
}

/// Whether two words are separated only by spaces (one line break at most): a name does not
/// run across punctuation.
fn adjacent(text: &str, a: Span, b: Span) -> bool {
    let gap = &text[a.end as usize..b.start as usize];
    gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1 && !gap.is_empty()
}

/// The event name within a run of capitalised words, if the run is one.
fn name_in(run: &[Word<'_>], covered: &impl Fn(Span) -> bool) -> Option<NamedEvent> {
    // A sentence-initial `The`, `After the`, `During`, `On Tuesday the` is not part of the
    // name.
    let skip = run
        .iter()
        .take_while(|w| {
            let lower = w.text.to_lowercase();
            [JOINERS, SENTENCE_OPENERS, WEEKDAYS].iter().any(|list| list.contains(&lower.as_str()))
        })
        .count();
    let run = &run[skip..];
    let first = run.first()?;
    let last = run.last()?;
    // The whole run or nothing: a run that goes on past its head noun ("Ceasefire Talks
    // Resume In Moscow") is a headline in title case, not a name.
    let whole = HEADS.contains(&last.text) && run.len() >= 2
        || LEADS.contains(&first.text) && run.len() >= 3
        || first.text == "Operation" && run.len() >= 2;
    let named = if whole {
        run
    } else {
        // "the Zapad-2021 Exercises in September": the name ends at its head noun when a
        // lower-case joiner follows it.
        let head = (1..run.len().saturating_sub(1))
            .rev()
            .find(|&h| HEADS.contains(&run[h].text) && JOINERS.contains(&run[h + 1].text))?;
        &run[..=head]
    };
    let span = Span::new(named[0].span.start as usize, named[named.len() - 1].span.end as usize);
    if covered(span) {
        return None;
    }
    let key = named
        .iter()
        .map(|w| strip_diacritics(w.text).to_lowercase())
        .skip_while(|w| w == "the")
        .collect::<Vec<_>>()
        .join(" ");
    Some(NamedEvent { span, key })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    #[test]
    fn only_specific_names_identify_one_occurrence() {
        let specific = |key: &str| NamedEvent { span: Span::new(0, 0), key: key.to_owned() }.is_specific();
        for key in ["zapad-2021 exercises", "second karabakh war", "treaty of kars", "operation iron fist"] {
            assert!(specific(key), "{key}");
        }
        for key in ["nato summit", "victory day parade", "karabakh war", "treaty", "shusha declaration"] {
            assert!(!specific(key), "{key}");
        }
    }

    fn names(text: &str) -> Vec<(String, String)> {
        let prose = words(text, 0..text.len());
        find(text, &prose, |_| false).into_iter().map(|e| (text[e.span.range()].to_owned(), e.key)).collect()
    }

    #[test]
    fn capitalised_event_names_are_found() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Troops joined the Zapad-2021 Exercises in September.",
                &[("Zapad-2021 Exercises", "zapad-2021 exercises")],
            ),
            ("It recalled the Treaty of Kars of 1921.", &[("Treaty of Kars", "treaty of kars")]),
            ("The Second Karabakh War ended.", &[("Second Karabakh War", "second karabakh war")]),
            ("Operation Iron Fist began.", &[("Operation Iron Fist", "operation iron fist")]),
            ("After the Moscow Summit, talks resumed.", &[("Moscow Summit", "moscow summit")]),
            ("The Güneş Exercises ended.", &[("Güneş Exercises", "gunes exercises")]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, String)> =
                expected.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
            assert_eq!(names(text), expected, "{text}");
        }
    }

    #[test]
    fn descriptions_and_lone_nouns_are_not_names() {
        for text in [
            "The summit in Shusha was held on Tuesday.",
            "War broke out again.",
            "The War ended.",
            "He spoke at the Ministry of Defence.",
            "Azerbaijan, War and Peace, the declaration.",
            "Ankara. Summit talks were held.",
            "## Ceasefire Talks Resume In Moscow",
            "the 2020 War",
        ] {
            assert_eq!(names(text), Vec::<(String, String)>::new(), "{text}");
        }
        assert_eq!(names("the 2020 Karabakh War")[0].1, "karabakh war", "the year dates it");
        assert_eq!(
            names("On Tuesday the War ended."),
            Vec::<(String, String)>::new(),
            "the weekday dates it"
        );
        assert_eq!(
            names("the talks ended on Tuesday and the Gulf War ended.")[0].0,
            "Gulf War",
            "the weekday dates it"
        );
    }

    #[test]
    fn a_kb_mention_wins() {
        let text = "The Shusha Declaration was signed.";
        let prose = words(text, 0..text.len());
        let covered = Span::new(4, 22);
        assert!(find(text, &prose, |s| s.overlaps(covered)).is_empty());
    }
}

//! Ties on sentences in the style of the seed articles: what is tied, and what is not.

use super::*;
use crate::corpus::{Article, ArticleFormat, FileId};
use crate::dates::{TagContext, tag};
use crate::mentions::Matcher;

const KB: &str = r#"
[[entity]]
id = "war"
kind = "event"
name = "Second Karabakh War"
aliases = ["44-day war", "44-day conflict"]
from = "2020-09-27"
to = "2020-11-10"

[[entity]]
id = "shusha"
kind = "event"
name = "Shusha Declaration"
date = "2021-06-15"

[[entity]]
id = "world-cup-1966"
kind = "event"
name = "FIFA World Cup 1966"
aliases = ["1966 World Cup"]
date = "1966-07-30"

[[entity]]
id = "kars"
kind = "event"
name = "Treaty of Kars"
date = "1921-10-13"
"#;

/// (date text, event id, aspect, strength).
type Tied = (String, String, Aspect, Strength);

/// Each date tie, and (duration text, event id) for each duration tie.
fn ties_of(text: &str, dct: &str) -> (Vec<Tied>, Vec<(String, String)>) {
    let kb = crate::kb::load(&[(FileId(0), KB)]);
    let article = Article::parse(text, ArticleFormat::Text, None);
    let mentions = Matcher::new(&kb).find(text, &article, &kb);
    let timexes = tag(text, &TagContext::with_dct(dct.parse().unwrap()));
    let sentences = crate::text::sentences(text, 0..text.len());
    let ties = tie(text, &sentences, &timexes, &mentions, &kb);
    let event = |event: EventRef| match event {
        EventRef::Kb(id) => kb.entity(id).key.clone(),
        EventRef::Named(i) => format!("named:{}", mentions.named_events[i as usize].key),
    };
    let dates = ties
        .dates
        .iter()
        .map(|t| (text[timexes[t.timex].span.range()].to_owned(), event(t.event), t.aspect, t.strength))
        .collect();
    let durations = ties
        .durations
        .iter()
        .map(|t| (text[timexes[t.timex].span.range()].to_owned(), event(t.event)))
        .collect();
    (dates, durations)
}

fn dates(text: &str, dct: &str) -> Vec<Tied> {
    ties_of(text, dct).0
}

fn tied(date: &str, event: &str, aspect: Aspect, strength: Strength) -> Tied {
    (date.to_owned(), event.to_owned(), aspect, strength)
}

#[test]
fn cue_verbs_say_which_part() {
    assert_eq!(
        dates("The Second Karabakh War broke out on Sept. 27, 2021, and lasted 44 days.", "2021-11-05"),
        [tied("Sept. 27, 2021", "war", Aspect::Start, Strength::Strong)]
    );
    assert_eq!(
        dates("The 44-day war ended on Nov. 10, 2020.", "2021-11-05"),
        [tied("Nov. 10, 2020", "war", Aspect::End, Strength::Strong)]
    );
    assert_eq!(
        dates("Erdoğan and Aliyev signed the Shusha Declaration on Tuesday.", "2021-06-15"),
        [tied("Tuesday", "shusha", Aspect::Whole, Strength::Strong)]
    );
}

#[test]
fn dates_of_something_else_are_not_tied() {
    // The date is the interview's, in another clause.
    assert!(dates("In an interview on September 27, Aliyev said that the signing of the Shusha Declaration raised relations.", "2021-10-05").is_empty());
    // Discussing an event on a day does not date the event.
    assert!(dates("The Shusha Declaration was discussed on Tuesday.", "2021-10-05").is_empty());
    // A date counted from an earlier sentence is not trusted.
    assert!(
        dates(
            "On June 15, they met. The Shusha Declaration was signed eight months after the victory.",
            "2021-10-05"
        )
        .iter()
        .all(|t| t.0 != "eight months after the victory")
    );
}

#[test]
fn the_nearest_event_takes_the_date() {
    assert_eq!(
        dates(
            "Bagci said that the Shusha Declaration is as important as the Treaty of Kars signed 100 years ago.",
            "2021-10-05"
        ),
        [tied("100 years ago", "kars", Aspect::Whole, Strength::Strong)]
    );
}

#[test]
fn generic_nouns_tie_weakly_to_an_event_named_nearby() {
    let text = "New clashes erupted Sept. 27, 2021, with the army attacking. During the 44-day conflict, towns were taken. \
                Prior to that, land was occupied. The fighting ended with an agreement on Nov. 10, 2020.";
    let (dates, durations) = ties_of(text, "2021-11-06");
    assert_eq!(
        dates,
        [
            tied("Sept. 27, 2021", "war", Aspect::Start, Strength::Weak),
            tied("Nov. 10, 2020", "war", Aspect::End, Strength::Weak)
        ]
    );
    assert_eq!(durations, [("44-day".to_owned(), "war".to_owned())]);
    // Without an event named nearby, a generic noun ties nothing.
    assert!(ties_of("New clashes erupted Sept. 27, 2021.", "2021-11-06").0.is_empty());
}

#[test]
fn named_events_outside_the_kb_take_strong_ties() {
    let text =
        "The Zapad-2021 Exercises began on Sept. 10, 2021, and the Zapad-2021 Exercises ended on Sept. 16.";
    assert_eq!(
        dates(text, "2021-11-17"),
        [
            tied("Sept. 10, 2021", "named:zapad-2021 exercises", Aspect::Start, Strength::Strong),
            tied("Sept. 16", "named:zapad-2021 exercises", Aspect::End, Strength::Strong),
        ]
    );
    // A generic noun with a cue ties weakly only to a KB event.
    assert!(
        dates("The Moscow Summit was in May. New clashes erupted Sept. 27, 2021.", "2021-11-17")
            .iter()
            .all(|t| t.3 == Strength::Strong)
    );
}

/// Issue 11: a date inside an event's name ran its span backwards and panicked.
#[test]
fn a_date_inside_an_event_name_is_part_of_the_name() {
    assert!(dates("The 1966 World Cup final was played.", "2020-11-10").is_empty());
    assert_eq!(
        dates("The 1966 World Cup final was held on July 30, 1966.", "2020-11-10"),
        [tied("July 30, 1966", "world-cup-1966", Aspect::Whole, Strength::Strong)]
    );
    for text in ["On Tuesday the War ended.", "the talks ended on Tuesday and the Gulf War ended."] {
        // What matters is that tying ends; the Gulf War may take the weekday.
        let _ = dates(text, "2020-11-10");
    }
}

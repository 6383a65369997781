//! Table-driven tests of the whole tagger: a sentence, its publication date, and every
//! expression expected in it as (text of the span, TIMEX3 type, value). Sentences are
//! paraphrased news, not copied articles.

use jiff::civil::Date;

use super::*;
use crate::dates::timex::{Resolution, TimexKind, TimexMod};

fn dct(s: &str) -> Option<Date> {
    if s.is_empty() {
        None
    } else {
        Some(s.parse().expect("test DCT"))
    }
}

fn run(text: &str, publication: &str) -> Vec<(String, &'static str, String)> {
    let ctx = TagContext {
        dct: dct(publication),
        ..TagContext::default()
    };
    tag(text, &ctx)
        .into_iter()
        .map(|t| (text[t.span.range()].to_string(), t.kind.as_str(), t.value))
        .collect()
}

/// (sentence, DCT, expected (span text, type, value) in order)
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for (text, publication, want) in cases {
        let got = run(text, publication);
        let want: Vec<(String, &str, String)> = want
            .iter()
            .map(|(s, k, v)| (s.to_string(), *k, v.to_string()))
            .collect();
        if got != want {
            failures.push(format!(
                "{text:?} (DCT {publication})\n   got: {got:?}\n  want: {want:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn brief_examples_article_2021_11_17() {
    check(&[
        (
            "The two leaders held a phone call Tuesday evening.",
            "2021-11-17",
            &[("Tuesday evening", "TIME", "2021-11-16TEV")],
        ),
        (
            "The ministry said on Wednesday that the border was calm.",
            "2021-11-17",
            &[("Wednesday", "DATE", "2021-11-17")],
        ),
        (
            "Shelling has continued since the evening of November 16.",
            "2021-11-17",
            &[("the evening of November 16", "TIME", "2021-11-16TEV")],
        ),
        (
            "During a 44-day conflict that began in late September last year, thousands died.",
            "2021-11-17",
            &[
                ("44-day", "DURATION", "P44D"),
                ("late September last year", "DATE", "2020-09"),
            ],
        ),
        (
            "On November 10, 2020, a ceasefire was signed.",
            "2021-11-17",
            &[("November 10, 2020", "DATE", "2020-11-10")],
        ),
        (
            "On November 10, 2020, a ceasefire was signed. Two months later, talks began.",
            "2021-11-17",
            &[
                ("November 10, 2020", "DATE", "2020-11-10"),
                ("Two months later", "DATE", "2021-01"),
            ],
        ),
        (
            "The region was under its control for at least five years.",
            "2021-11-17",
            &[("at least five years", "DURATION", "P5Y")],
        ),
        (
            "It lost a six-week war last year.",
            "2021-11-17",
            &[
                ("six-week", "DURATION", "P6W"),
                ("last year", "DATE", "2020"),
            ],
        ),
        (
            "The dispute has lasted nearly 30 years.",
            "2021-11-17",
            &[("nearly 30 years", "DURATION", "P30Y")],
        ),
        (
            "The region has been contested since 1991.",
            "2021-11-17",
            &[("1991", "DATE", "1991")],
        ),
        (
            "Prices have risen since May.",
            "2021-11-17",
            &[("May", "DATE", "2021-05")],
        ),
        (
            "Tuesday, Nov. 17, 2021",
            "2021-11-17",
            &[("Tuesday, Nov. 17, 2021", "DATE", "2021-11-17")],
        ),
    ]);
}

#[test]
fn brief_examples_article_2021_10_05() {
    check(&[
        (
            "The exercises took place between 05-08 October 2021.",
            "2021-10-05",
            &[("05-08 October 2021", "DATE", "2021-10-05/2021-10-08")],
        ),
        (
            "On June 15, the leaders met in Shusha.",
            "2021-10-05",
            &[("June 15", "DATE", "2021-06-15")],
        ),
        (
            "The attack came on September 27.",
            "2021-10-05",
            &[("September 27", "DATE", "2021-09-27")],
        ),
        (
            "The city was founded 100 years ago.",
            "2021-10-05",
            &[("100 years ago", "DATE", "1921")],
        ),
        (
            "The parade was held eight months after Azerbaijan's victory in the war.",
            "2021-10-05",
            &[("eight months", "DURATION", "P8M")],
        ),
        (
            "The war ended on November 10, 2020. The parade was held eight months after the victory.",
            "2021-10-05",
            &[
                ("November 10, 2020", "DATE", "2020-11-10"),
                ("eight months", "DATE", "2021-07"),
            ],
        ),
    ]);
}

#[test]
fn brief_examples_article_2023_09_21() {
    check(&[
        (
            "Fighting broke out on Tuesday.",
            "2023-09-21",
            &[("Tuesday", "DATE", "2023-09-19")],
        ),
        (
            "The 24-hour military operation ended in a ceasefire.",
            "2023-09-21",
            &[("24-hour", "DURATION", "PT24H")],
        ),
        (
            "A ceasefire was agreed late on Wednesday.",
            "2023-09-21",
            &[("late on Wednesday", "DATE", "2023-09-20")],
        ),
        (
            "The enclave has been isolated since the 1990s.",
            "2023-09-21",
            &[("the 1990s", "DATE", "199")],
        ),
    ]);
}

#[test]
fn every_field_of_a_timex() {
    let text = "During a 44-day conflict that began in late September last year, thousands died.";
    let ctx = TagContext::with_dct("2021-11-17".parse().unwrap());
    let found = tag(text, &ctx);
    let war = &found[0];
    assert_eq!(war.kind, TimexKind::Duration);
    let d = war.duration.unwrap();
    assert_eq!((d.amount, d.unit), (Some(44), crate::dates::Unit::Day));
    let late = &found[1];
    assert_eq!(late.modifier, Some(TimexMod::End));
    assert_eq!(late.resolution, Resolution::Dct);
    assert_eq!(
        late.interval,
        Some(("2020-09-21".parse().unwrap(), "2020-09-30".parse().unwrap()))
    );
    assert!(late.is_relative());
    assert_eq!(
        late.explanation(text, &ctx),
        "late September last year -> 2020-09 [END], from the article date 2021-11-17"
    );
}

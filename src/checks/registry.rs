//! Every check, one line each, sorted by code. Adding a check: write its file, add its
//! line here, add a fixture under `fixtures/checks/<code>/`.

use super::Rule;
use super::{annotation, corpus, date, kb, name};

pub static RULES: &[&Rule] = &[
    &annotation::ann_without_text::RULE,
    &annotation::broken_span_id::RULE,
    &annotation::disagreement::RULE,
    &annotation::disallowed_overlap::RULE,
    &annotation::duplicate_id::RULE,
    &annotation::inconsistent_type::RULE,
    &annotation::invalid_reference::RULE,
    &annotation::inverted_span::RULE,
    &annotation::malformed_line::RULE,
    &annotation::offset_inside_character::RULE,
    &annotation::offset_out_of_range::RULE,
    &annotation::overlapping_fragments::RULE,
    &annotation::stale_offsets::RULE,
    &annotation::text_mismatch::RULE,
    &annotation::unannotated_mention::RULE,
    &annotation::unbalanced_bracket::RULE,
    &annotation::undeclared_type::RULE,
    &annotation::undeclared_value::RULE,
    &annotation::unknown_header::RULE,
    &annotation::unknown_kb_id::RULE,
    &annotation::unknown_reference::RULE,
    &corpus::broken_front_matter::RULE,
    &corpus::file_too_large::RULE,
    &corpus::internal_error::RULE,
    &corpus::invalid_date::RULE,
    &corpus::invalid_utf8::RULE,
    &corpus::missing_date::RULE,
    &corpus::skipped_file::RULE,
    &corpus::unknown_kb_link::RULE,
    &corpus::unreadable_file::RULE,
    &corpus::unused_suppression::RULE,
    &date::after_publication::RULE,
    &date::anniversary_mismatch::RULE,
    &date::cross_article::RULE,
    &date::event_mismatch::RULE,
    &date::interval_mismatch::RULE,
    &date::relative_unresolved::RULE,
    &date::weekday_mismatch::RULE,
    &kb::ambiguous_alias::RULE,
    &kb::duplicate_id::RULE,
    &kb::invalid_date::RULE,
    &kb::invalid_entry::RULE,
    &kb::syntax_error::RULE,
    &kb::unknown_reference::RULE,
    &name::ambiguous::RULE,
    &name::diacritics::RULE,
    &name::inconsistent::RULE,
    &name::misspelling::RULE,
    &name::role_mismatch::RULE,
    &name::unknown_person::RULE,
    &name::variant::RULE,
];

/// The rule with this exact code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_well_formed() {
        let codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted, "registry must be sorted with no duplicates");
        for code in codes {
            let (group, name) = code.split_once('/').unwrap_or_else(|| panic!("{code}: no group"));
            assert!(!group.is_empty() && !name.is_empty(), "{code}");
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/'),
                "{code}"
            );
        }
    }

    #[test]
    fn every_rule_has_the_doc_headings() {
        for rule in RULES {
            let doc = rule.doc();
            for heading in
                ["## What it finds", "## Why it matters", "## Example", "## Instead", "## Fix", "## Options"]
            {
                assert!(doc.contains(heading), "{} lacks `{heading}`", rule.code);
            }
        }
    }
}

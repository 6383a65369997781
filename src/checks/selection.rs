//! Which checks run, where, and how loudly: [`Selector`] (a code, a group prefix or `ALL`),
//! [`SelectionLayer`] (one source's `select` / `extend-select` / `ignore`) and
//! [`RuleSelection`], the resolved answer the analysis host consults for every file.
//!
//! Layers are applied in order, as ruff does: `dateline.toml`'s `[checks]` first, then the
//! command line. A layer with `select` starts afresh; one without it edits what the previous
//! layers left. Within a layer the most specific selector wins (`ALL` < `name/` <
//! `name/variant`), and on a tie `ignore` beats `select`, so `select = ["name/"]` with
//! `ignore = ["name/variant"]` runs every `name/` check but that one.
//!
//! Selectors are validated against the registry when they are parsed: an unknown code is a
//! configuration or usage error naming the closest known one, never a silent no-op.
//!
//! [`Policy`] is `dateline.toml`'s `[checks]` (kept by `corpus::config` as typed) resolved,
//! with the layers and severities a front end adds (command-line flags, editor settings).

use std::collections::BTreeMap;
use std::fmt;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::registry::RULES;
use super::{Rule, Severity};
use crate::corpus::config::{Config, ConfigError, Setting};

/// A code (`name/variant`), a group prefix (`name/`, or `name`) or `ALL`, checked against
/// the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    text: String,
    kind: SelectorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SelectorKind {
    All,
    /// The group name, without the slash.
    Group(&'static str),
    Code(&'static str),
}

impl Selector {
    /// Parses a selector as written by a user; surrounding whitespace is ignored.
    pub fn parse(text: &str) -> Result<Selector, UnknownSelector> {
        let trimmed = text.trim();
        let kind = if trimmed == "ALL" {
            Some(SelectorKind::All)
        } else if let Some(rule) = RULES.iter().find(|rule| rule.code == trimmed) {
            Some(SelectorKind::Code(rule.code))
        } else {
            let group = trimmed.strip_suffix('/').unwrap_or(trimmed);
            RULES.iter().map(|rule| rule.group()).find(|known| *known == group).map(SelectorKind::Group)
        };
        match kind {
            Some(kind) => Ok(Selector { text: trimmed.to_owned(), kind }),
            None => Err(UnknownSelector { text: trimmed.to_owned(), closest: closest_selector(trimmed) }),
        }
    }

    /// The selector as the user wrote it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn matches(&self, code: &str) -> bool {
        match self.kind {
            SelectorKind::All => true,
            SelectorKind::Code(selected) => selected == code,
            SelectorKind::Group(group) => {
                code.len() > group.len() && code.starts_with(group) && code.as_bytes()[group.len()] == b'/'
            }
        }
    }

    /// The rules this selector covers, in registry order.
    pub fn rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        RULES.iter().copied().filter(|rule| self.matches(rule.code))
    }

    /// How narrowly it selects: a code beats a group, a group beats `ALL`.
    fn specificity(&self) -> u8 {
        match self.kind {
            SelectorKind::All => 0,
            SelectorKind::Group(_) => 1,
            SelectorKind::Code(_) => 2,
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A selector naming no known check or group. Its message names the closest one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownSelector {
    pub text: String,
    /// The most similar known code, group (`name/`) or `ALL`.
    pub closest: Option<String>,
}

impl fmt::Display for UnknownSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown check code or prefix `{}`", self.text)?;
        if let Some(closest) = &self.closest {
            write!(f, " (the closest is `{closest}`)")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownSelector {}

/// The known code, group or `ALL` most like `text` (`dateline explain nme/variant`).
pub fn closest_selector(text: &str) -> Option<String> {
    let mut candidates: Vec<String> = vec!["ALL".to_owned()];
    for rule in RULES {
        candidates.push(rule.code.to_owned());
        let group = format!("{}/", rule.group());
        if !candidates.contains(&group) {
            candidates.push(group);
        }
    }
    let text = text.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (strsim::normalized_damerau_levenshtein(&text, &candidate.to_lowercase()), candidate)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// One source's `select`, `extend-select` and `ignore`, and the severities it sets: the
/// config file's, then the command line's or the editor's settings, layered in that order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SelectionLayer {
    /// Replaces the selection so far when present.
    pub select: Option<Vec<Selector>>,
    /// Adds to the selection so far (or to `select`).
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    /// Code or prefix -> severity (`None`: off), over the layers below.
    pub severity: BTreeMap<String, Option<Severity>>,
}

impl SelectionLayer {
    pub fn is_empty(&self) -> bool {
        self.select.is_none()
            && self.extend_select.is_empty()
            && self.ignore.is_empty()
            && self.severity.is_empty()
    }

    /// Whether this layer turns `code` on (`Some(true)`), off, or says nothing about it.
    fn verdict(&self, code: &str) -> Option<bool> {
        let selected = self.select.iter().flatten().chain(&self.extend_select);
        let on = selected.filter(|s| s.matches(code)).map(Selector::specificity).max();
        let off = self.ignore.iter().filter(|s| s.matches(code)).map(Selector::specificity).max();
        match (on, off) {
            (Some(on), Some(off)) => Some(on > off),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            (None, None) => self.select.is_some().then_some(false),
        }
    }
}

/// `per-file-ignores`: a glob (relative to the corpus root) and what it turns off there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PerFileIgnore {
    pub glob: String,
    pub selectors: Vec<Selector>,
}

/// The resolved selection: per rule, whether it runs and at which severity, plus the
/// per-file exceptions.
#[derive(Clone, Debug)]
pub struct RuleSelection {
    /// Parallel to [`RULES`]: `None` when the rule is off.
    severities: Vec<Option<Severity>>,
    per_file: Vec<PerFileIgnore>,
    per_file_globs: GlobSet,
}

impl Default for RuleSelection {
    /// Every check on, at its default severity.
    fn default() -> RuleSelection {
        RuleSelection::resolve(&[], &|_| None, Vec::new())
    }
}

impl RuleSelection {
    /// Applies `layers` in order over "everything on", then the severity overrides
    /// (`severity(code)`: `Some(None)` turns a check off, `Some(Some(level))` sets its
    /// level). Globs in `per_file` must be valid (the config parser checks them); an
    /// invalid one never matches.
    pub fn resolve(
        layers: &[SelectionLayer],
        severity: &dyn Fn(&str) -> Option<Option<Severity>>,
        per_file: Vec<PerFileIgnore>,
    ) -> RuleSelection {
        let severities = RULES
            .iter()
            .map(|rule| {
                let on = layers.iter().fold(true, |on, layer| layer.verdict(rule.code).unwrap_or(on));
                let level = severity(rule.code).unwrap_or(Some(rule.severity));
                if on { level } else { None }
            })
            .collect();
        let mut builder = GlobSetBuilder::new();
        for ignore in &per_file {
            // An invalid glob must still occupy its index so matches line up with `per_file`.
            let glob = GlobBuilder::new(&ignore.glob)
                .literal_separator(true)
                .build()
                .or_else(|_| GlobBuilder::new("[]never-matches").build());
            if let Ok(glob) = glob {
                builder.add(glob);
            }
        }
        let per_file_globs = builder.build().unwrap_or_else(|_| GlobSet::empty());
        RuleSelection { severities, per_file, per_file_globs }
    }

    /// The severity `rule` runs at, or `None` when it is off everywhere.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        let idx = RULES.binary_search_by(|known| known.code.cmp(rule.code)).ok()?;
        self.severities[idx]
    }

    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.severity(rule).is_some()
    }

    /// The selection for one file, `rel_path` relative to the corpus root with `/`
    /// separators (`None` for a file the root cannot reach: no per-file ignores apply).
    pub fn for_file(&self, rel_path: Option<&str>) -> FileSelection<'_> {
        let ignored = match rel_path {
            Some(path) if !self.per_file.is_empty() => self.per_file_globs.matches(path),
            _ => Vec::new(),
        };
        FileSelection { selection: self, ignored }
    }
}

/// [`RuleSelection`] narrowed to one file by its `per-file-ignores`.
#[derive(Clone, Debug)]
pub struct FileSelection<'a> {
    selection: &'a RuleSelection,
    /// Indices into `per_file` of the globs matching this file.
    ignored: Vec<usize>,
}

impl FileSelection<'_> {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.severity(rule).is_some()
    }

    /// The severity `rule` runs at in this file, `None` when it is off here.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        let ignored = self
            .ignored
            .iter()
            .any(|&idx| self.selection.per_file[idx].selectors.iter().any(|s| s.matches(rule.code)));
        if ignored { None } else { self.selection.severity(rule) }
    }
}

/// Whether a selector (`name/variant`, `name/`, `name`, `ALL`) covers `code`.
pub fn code_matches(selector: &str, code: &str) -> bool {
    if selector == "ALL" || selector == code {
        return true;
    }
    let prefix = selector.trim_end_matches('/');
    code.len() > prefix.len() && code.starts_with(prefix) && code.as_bytes()[prefix.len()] == b'/'
}

/// Which checks run where, at what severity, and what fails a `check` run: the config's
/// `[checks]` resolved, plus what the front end layers over it.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// Code or prefix -> severity; `None` turns the check off.
    severity: BTreeMap<String, Option<Severity>>,
    /// `fail-on`: the lowest severity that makes `check` exit 1 (default: error).
    pub fail_on: Option<Severity>,
    /// `select` / `extend-select` / `ignore`, first from the config file, then (in `check`)
    /// from the command line.
    layers: Vec<SelectionLayer>,
    per_file_ignores: Vec<PerFileIgnore>,
    /// All of the above resolved: what the analysis host consults.
    selection: RuleSelection,
}

impl Policy {
    /// `config`'s `[checks]` resolved: every code checked against the registry, every
    /// level parsed. An error names the value and its place in `dateline.toml`.
    pub fn resolve(config: &Config) -> Result<Policy, ConfigError> {
        let checks = &config.checks;
        let error = |setting: &Setting<String>, message: String| ConfigError {
            position: Some(setting.position),
            file: config.file.clone(),
            span: Some(setting.span),
            message,
        };
        let selector = |setting: &Setting<String>| {
            Selector::parse(&setting.value).map_err(|err| error(setting, err.to_string()))
        };
        let selectors =
            |settings: &[Setting<String>]| settings.iter().map(selector).collect::<Result<Vec<_>, _>>();
        let mut policy = Policy::default();
        let layer = SelectionLayer {
            select: checks.select.as_deref().map(selectors).transpose()?,
            extend_select: selectors(&checks.extend_select)?,
            ignore: selectors(&checks.ignore)?,
            severity: BTreeMap::new(),
        };
        if !layer.is_empty() {
            policy.layers.push(layer);
        }
        for (glob, codes) in &checks.per_file_ignores {
            policy.per_file_ignores.push(PerFileIgnore { glob: glob.clone(), selectors: selectors(codes)? });
        }
        if let Some(level) = &checks.fail_on {
            let severity = Severity::parse(&level.value).ok_or_else(|| {
                error(
                    level,
                    format!("invalid fail-on `{}`: expected error, warning, info or hint", level.value),
                )
            })?;
            policy.fail_on = Some(severity);
        }
        for (key, level) in &checks.severity {
            Selector::parse(key).map_err(|err| error(level, err.to_string()))?;
            let severity = match level.value.as_str() {
                "off" | "none" => None,
                other => Some(Severity::parse(other).ok_or_else(|| {
                    error(
                        level,
                        format!("invalid severity `{other}` for `{key}`: expected error, warning, info, hint or off"),
                    )
                })?),
            };
            policy.severity.insert(key.clone(), severity);
        }
        policy.resolve_selection();
        Ok(policy)
    }

    /// The configured severity for `code`: the longest matching code or prefix wins.
    /// `Some(None)` means "off"; `None` means "not configured".
    pub fn severity_for(&self, code: &str) -> Option<Option<Severity>> {
        self.severity
            .iter()
            .filter(|(key, _)| code_matches(key, code))
            .max_by_key(|(key, _)| key.len())
            .map(|(_, severity)| *severity)
    }

    /// Which checks run, where, at which severity.
    pub fn selection(&self) -> &RuleSelection {
        &self.selection
    }

    pub fn per_file_ignores(&self) -> &[PerFileIgnore] {
        &self.per_file_ignores
    }

    /// Adds a layer over the file's (the command line's `--select`, `--ignore`...; the
    /// editor's severities) and resolves the selection again.
    pub fn push_layer(&mut self, mut layer: SelectionLayer) {
        if layer.is_empty() {
            return;
        }
        // Severities go over the ones below, code by code; the rest of the layer decides
        // what runs, in order.
        self.severity.append(&mut layer.severity);
        if !layer.is_empty() {
            self.layers.push(layer);
        }
        self.resolve_selection();
    }

    fn resolve_selection(&mut self) {
        self.selection = RuleSelection::resolve(
            &self.layers,
            &|code| self.severity_for(code),
            self.per_file_ignores.clone(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selectors(texts: &[&str]) -> Vec<Selector> {
        texts.iter().map(|t| Selector::parse(t).unwrap()).collect()
    }

    fn layer(select: Option<&[&str]>, extend: &[&str], ignore: &[&str]) -> SelectionLayer {
        SelectionLayer {
            select: select.map(selectors),
            extend_select: selectors(extend),
            ignore: selectors(ignore),
            severity: BTreeMap::new(),
        }
    }

    fn enabled(selection: &RuleSelection) -> Vec<&'static str> {
        RULES.iter().filter(|r| selection.is_enabled(r)).map(|r| r.code).collect()
    }

    fn no_severity(_: &str) -> Option<Option<Severity>> {
        None
    }

    #[test]
    fn selectors_are_codes_groups_or_all() {
        let variant = Selector::parse("name/variant").unwrap();
        assert!(variant.matches("name/variant") && !variant.matches("name/other"));
        for group in ["name/", "name", " name/ "] {
            let selector = Selector::parse(group).unwrap();
            assert!(selector.matches("name/variant"), "{group}");
            assert!(!selector.matches("kb/duplicate-id"), "{group}");
        }
        assert!(Selector::parse("ALL").unwrap().matches("kb/duplicate-id"));
        let kb_rules = RULES.iter().filter(|r| r.group() == "kb").count();
        assert_eq!(Selector::parse("kb/").unwrap().rules().count(), kb_rules);
    }

    #[test]
    fn unknown_selectors_name_the_closest_known_one() {
        let err = Selector::parse("nme/variant").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown check code or prefix `nme/variant` (the closest is `name/variant`)"
        );
        assert_eq!(Selector::parse("kbb/").unwrap_err().closest.as_deref(), Some("kb/"));
        assert_eq!(Selector::parse("all").unwrap_err().closest.as_deref(), Some("ALL"));
        assert!(Selector::parse("name/var").is_err(), "a prefix must end at a `/`");
        assert!(Selector::parse("").is_err());
    }

    #[test]
    fn the_most_specific_selector_wins_and_ignore_breaks_ties() {
        let selection =
            RuleSelection::resolve(&[layer(Some(&["kb/"]), &[], &["kb/duplicate-id"])], &no_severity, vec![]);
        let on = enabled(&selection);
        assert!(on.iter().all(|c| c.starts_with("kb/")) && !on.contains(&"kb/duplicate-id"), "{on:?}");
        assert_eq!(on.len(), RULES.iter().filter(|r| r.group() == "kb").count() - 1);

        let selection =
            RuleSelection::resolve(&[layer(Some(&["name/variant"]), &[], &["name/"])], &no_severity, vec![]);
        assert_eq!(enabled(&selection), ["name/variant"], "a code beats a group");

        let selection = RuleSelection::resolve(&[layer(None, &["kb/"], &["kb/"])], &no_severity, vec![]);
        assert!(!enabled(&selection).iter().any(|c| c.starts_with("kb/")), "ignore wins a tie");
    }

    #[test]
    fn later_layers_edit_or_replace_earlier_ones() {
        let config = layer(Some(&["kb/"]), &[], &[]);
        let extend = layer(None, &["name/variant"], &["kb/syntax-error"]);
        let selection = RuleSelection::resolve(&[config.clone(), extend], &no_severity, vec![]);
        let on = enabled(&selection);
        assert!(on.contains(&"name/variant") && on.contains(&"kb/duplicate-id"), "{on:?}");
        assert!(!on.contains(&"kb/syntax-error") && !on.contains(&"corpus/missing-date"), "{on:?}");

        let replace = layer(Some(&["corpus/missing-date"]), &[], &[]);
        let selection = RuleSelection::resolve(&[config, replace], &no_severity, vec![]);
        assert_eq!(enabled(&selection), ["corpus/missing-date"]);
        assert_eq!(enabled(&RuleSelection::default()).len(), RULES.len(), "everything on by default");
    }

    #[test]
    fn severity_overrides_and_off() {
        let severity = |code: &str| match code {
            "name/variant" => Some(Some(Severity::Error)),
            "corpus/missing-date" => Some(None),
            _ => None,
        };
        let selection = RuleSelection::resolve(&[], &severity, vec![]);
        let variant = crate::checks::registry::rule("name/variant").unwrap();
        let missing = crate::checks::registry::rule("corpus/missing-date").unwrap();
        assert_eq!(selection.severity(variant), Some(Severity::Error));
        assert!(!selection.is_enabled(missing));
    }

    #[test]
    fn per_file_ignores_match_root_relative_paths() {
        let ignores = vec![PerFileIgnore { glob: "wires/**".into(), selectors: selectors(&["name/"]) }];
        let selection = RuleSelection::resolve(&[], &no_severity, ignores);
        let variant = crate::checks::registry::rule("name/variant").unwrap();
        assert!(!selection.for_file(Some("wires/ap/1.txt")).is_enabled(variant));
        assert!(selection.for_file(Some("articles/wires/1.md")).is_enabled(variant));
        assert!(selection.for_file(None).is_enabled(variant));
    }

    #[test]
    fn selectors_match_codes_and_prefixes() {
        assert!(code_matches("name/variant", "name/variant"));
        assert!(code_matches("name/", "name/variant"));
        assert!(code_matches("name", "name/variant"));
        assert!(!code_matches("nam", "name/variant"));
        assert!(!code_matches("name/var", "name/variant"));
        assert!(code_matches("ALL", "kb/duplicate-id"));
    }

    fn resolve(text: &str) -> Result<Policy, ConfigError> {
        let config = Config::parse("/c".into(), "/c/dateline.toml".into(), text)?;
        Policy::resolve(&config)
    }

    #[test]
    fn longest_selector_wins() {
        let text = "[checks.severity]\n\"name/\" = \"off\"\n\"name/variant\" = \"error\"\n";
        let policy = resolve(text).unwrap();
        assert_eq!(policy.severity_for("name/variant"), Some(Some(Severity::Error)));
        assert_eq!(policy.severity_for("name/diacritics"), Some(None));
        assert_eq!(policy.severity_for("kb/duplicate-id"), None);
    }

    #[test]
    fn the_checks_table() {
        let text = "[checks]\nselect = [\"name/\", \"corpus/missing-date\"]\nextend_select = [\"kb/duplicate-id\"]\nignore = [\"name/variant\"]\nfail-on = \"warning\"\n[checks.per-file-ignores]\n\"wires/**\" = [\"corpus/\"]\n";
        let policy = resolve(text).unwrap();
        let on = |code: &str| policy.selection().is_enabled(crate::checks::registry::rule(code).unwrap());
        assert!(
            on("corpus/missing-date") && on("kb/duplicate-id"),
            "select and extend-select (snake_case too)"
        );
        assert!(!on("name/variant") && !on("kb/syntax-error"));
        assert_eq!(policy.fail_on, Some(Severity::Warning));
        let missing = crate::checks::registry::rule("corpus/missing-date").unwrap();
        assert!(!policy.selection().for_file(Some("wires/a.txt")).is_enabled(missing));

        let err = resolve("[checks]\nselect = [\"name/varaint\"]\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/c/dateline.toml:2:11: unknown check code or prefix `name/varaint` (the closest is `name/variant`)"
        );
        let err = resolve("[checks]\nfail-on = \"loud\"\n").unwrap_err();
        assert!(err.message.contains("invalid fail-on `loud`"), "{}", err.message);
        let err = resolve("[checks]\nselct = []\n").unwrap_err();
        assert!(err.message.contains("unknown field `selct`"), "{}", err.message);
    }
}

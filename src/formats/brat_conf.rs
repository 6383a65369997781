//! brat's `annotation.conf`: which entity, relation, event and attribute types a collection
//! declares, and which spans may overlap.
//!
//! Follows brat's own reader (`server/src/projectconfig.py`): sections `[entities]`,
//! `[relations]`, `[events]`, `[attributes]`; one type per line, `|`-separated alternative
//! names (the first is the one stored in `.ann` files); a leading `!` marks a type that only
//! groups others; the hierarchy is given by the number of leading whitespace characters (a
//! tab counts as one, as in brat); `<NAME>=value` defines a macro, expanded by plain text
//! replacement in the rest of its section; arguments are `Role:Type|Type` separated by
//! commas, roles may end in `?`, `*`, `+` or `{n}` / `{n-m}`; keys in angle brackets
//! (`<REL-TYPE>`, `<OVL-TYPE>`, `<NORM>`) are special arguments.
//!
//! Overlap rules: brat flags any two overlapping entity spans unless a `<OVERLAP>` line in
//! `[relations]` allows it. `<OVERLAP> Arg1:A, Arg2:B, <OVL-TYPE>:contain` lets an `A` lie
//! inside a `B`; `equal` allows identical spans, `cross` partial overlap, `<ANY>` all three (and
//! both directions). Looking for the nearest `annotation.conf` up the directory tree is the
//! caller's job.

use std::collections::HashMap;

use super::{FileRole, Problem, ProblemKind, line_spans, quote};
use crate::span::Span;

/// One section of the configuration.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Section {
    Entities,
    Relations,
    Events,
    Attributes,
}

impl Section {
    pub fn name(self) -> &'static str {
        match self {
            Section::Entities => "entities",
            Section::Relations => "relations",
            Section::Events => "events",
            Section::Attributes => "attributes",
        }
    }
}

/// One declared type (a line of a section).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDecl {
    /// The name stored in `.ann` files (the first `|` term, without `!`).
    pub name: String,
    /// Further names for display.
    pub aliases: Vec<String>,
    /// Declared with `!`: groups other types and cannot be used for annotation in brat.
    pub unused: bool,
    /// Index of the parent declaration in the same section.
    pub parent: Option<usize>,
    pub args: Vec<ArgDecl>,
    /// Special arguments such as `<REL-TYPE>:symmetric-transitive`, values split on `-`/`|`.
    pub special: Vec<(String, Vec<String>)>,
    /// The line in `annotation.conf`.
    pub span: Span,
}

impl TypeDecl {
    pub fn special(&self, key: &str) -> Option<&[String]> {
        self.special.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_slice())
    }

    pub fn arg(&self, role: &str) -> Option<&ArgDecl> {
        self.args.iter().find(|a| a.role == role)
    }
}

/// An argument of a relation, event or attribute: `Org-Arg+:Organization`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgDecl {
    pub role: String,
    /// Allowed types, macros expanded; may hold `<ENTITY>`, `<EVENT>`, `<RELATION>`, `<ANY>`.
    pub types: Vec<String>,
    pub min: u32,
    /// `None`: no upper bound.
    pub max: Option<u32>,
}

/// How two spans overlap, for [`BratConfig::overlap_allowed`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Overlap {
    /// The same fragments.
    Equal,
    /// One lies inside the other.
    Contain,
    /// They overlap and neither contains the other.
    Cross,
}

/// What an attribute or argument may be attached to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AnnKind {
    Entity,
    Event,
    Relation,
}

/// A parsed `annotation.conf`.
#[derive(Clone, Debug, Default)]
pub struct BratConfig {
    entities: Vec<TypeDecl>,
    relations: Vec<TypeDecl>,
    events: Vec<TypeDecl>,
    attributes: Vec<TypeDecl>,
    by_name: HashMap<(SectionKey, String), usize>,
    problems: Vec<Problem>,
}

type SectionKey = u8;

fn key(section: Section) -> SectionKey {
    section as u8
}

/// Relation names brat treats as configuration, not as relations one can annotate.
const OVERLAP_RELATION: &str = "<OVERLAP>";
const NESTING_RELATION: &str = "ENTITY-NESTING";
const RESERVED_MACROS: [&str; 15] = [
    "ANY",
    "ENTITY",
    "RELATION",
    "EVENT",
    "NONE",
    "EMPTY",
    "REL-TYPE",
    "URL",
    "URLBASE",
    "GLYPH-POS",
    "DEFAULT",
    "NORM",
    "OVERLAP",
    "OVL-TYPE",
    "INHERIT",
];

impl BratConfig {
    /// Parses `annotation.conf` contents; problems are spans in the configuration file.
    pub fn parse(conf: &str) -> BratConfig {
        let mut config = BratConfig::default();
        let mut section: Option<Section> = None;
        let mut ignored_section = false;
        let mut macros: Vec<(String, String)> = Vec::new();
        // Last declaration seen at each depth, for attaching children by indentation.
        let mut last_at_depth: Vec<Option<usize>> = Vec::new();
        let mut seen_sections = Vec::new();

        for line in line_spans(conf) {
            let raw = &conf[line.range()];
            let trimmed = raw.trim();
            if trimmed.starts_with('[') && trimmed.ends_with(']') {
                let name = trimmed[1..trimmed.len() - 1].trim();
                section = match name {
                    "entities" => Some(Section::Entities),
                    "relations" => Some(Section::Relations),
                    "events" => Some(Section::Events),
                    "attributes" => Some(Section::Attributes),
                    _ => None,
                };
                ignored_section = section.is_none();
                if ignored_section {
                    config.problems.push(Problem::new(
                        ProblemKind::UnknownHeader,
                        FileRole::Config,
                        line,
                        format!("unknown section [{name}]; brat ignores its contents"),
                    ));
                }
                if let Some(s) = section {
                    seen_sections.push(s);
                }
                // Macros are local to a section in brat.
                macros.clear();
                last_at_depth.clear();
                continue;
            }
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.chars().all(|c| c == '-') {
                continue;
            }
            let Some(section) = section else {
                if !ignored_section {
                    config.problems.push(Problem::new(
                        ProblemKind::MalformedLine,
                        FileRole::Config,
                        line,
                        format!("{} comes before any section header", quote(trimmed)),
                    ));
                }
                continue;
            };
            if let Some((name, value)) = parse_macro(trimmed) {
                if RESERVED_MACROS.contains(&name) {
                    config.problems.push(Problem::new(
                        ProblemKind::MalformedLine,
                        FileRole::Config,
                        line,
                        format!("<{name}> is reserved by brat and cannot be redefined"),
                    ));
                } else {
                    macros.retain(|(n, _)| n != &format!("<{name}>"));
                    macros.push((format!("<{name}>"), value.to_string()));
                }
                continue;
            }
            let mut expanded = raw.to_string();
            for (name, value) in &macros {
                expanded = expanded.replace(name.as_str(), value);
            }
            config.parse_decl(section, &expanded, line, &mut last_at_depth);
        }
        for s in [Section::Entities, Section::Relations, Section::Events, Section::Attributes] {
            if !seen_sections.contains(&s) {
                config.problems.push(Problem::new(
                    ProblemKind::UnknownHeader,
                    FileRole::Config,
                    Span::empty(0),
                    format!("section [{}] is missing; brat treats it as empty", s.name()),
                ));
            }
        }
        config
    }

    fn parse_decl(
        &mut self,
        section: Section,
        line_text: &str,
        line: Span,
        last_at_depth: &mut Vec<Option<usize>>,
    ) {
        let body = line_text.trim_start();
        // brat counts each leading whitespace character as one level.
        let depth = line_text.chars().take_while(|c| c.is_whitespace()).count();
        let body = body.trim_end();
        let (terms, args) = match body.find(char::is_whitespace) {
            Some(at) => (&body[..at], body[at..].trim()),
            None => (body, ""),
        };
        let mut unused = false;
        let mut names: Vec<String> = Vec::new();
        for term in terms.split('|').map(str::trim).filter(|t| !t.is_empty()) {
            let term = match term.strip_prefix('!') {
                Some(rest) => {
                    unused = true;
                    rest
                }
                None => term,
            };
            names.push(term.to_string());
        }
        if names.is_empty() || names[0].is_empty() {
            self.problems.push(Problem::new(
                ProblemKind::MalformedLine,
                FileRole::Config,
                line,
                format!("{} declares no type name", quote(body)),
            ));
            return;
        }

        let mut decl = TypeDecl {
            name: names.remove(0),
            aliases: names,
            unused,
            parent: None,
            args: Vec::new(),
            special: Vec::new(),
            span: line,
        };
        for arg in args.split(',').map(str::trim).filter(|a| !a.is_empty()) {
            let Some((role, types)) = arg
                .split_once(':')
                .filter(|(r, t)| !r.contains(char::is_whitespace) && !t.contains(char::is_whitespace))
            else {
                self.problems.push(Problem::new(
                    ProblemKind::MalformedLine,
                    FileRole::Config,
                    line,
                    format!("argument {} of `{}` is not `Role:Type`", quote(arg), decl.name),
                ));
                continue;
            };
            if role.starts_with('<') && role.ends_with('>') {
                let values = types.split(['-', '|']).filter(|v| !v.is_empty()).map(String::from).collect();
                decl.special.push((role.to_string(), values));
                continue;
            }
            let (role, min, max) = split_cardinality(role);
            let types: Vec<String> =
                types.split('|').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect();
            if types.is_empty() {
                self.problems.push(Problem::new(
                    ProblemKind::MalformedLine,
                    FileRole::Config,
                    line,
                    format!("argument `{role}` of `{}` has no type", decl.name),
                ));
                continue;
            }
            if decl.args.iter().any(|a| a.role == role) {
                self.problems.push(Problem::new(
                    ProblemKind::MalformedLine,
                    FileRole::Config,
                    line,
                    format!("argument `{role}` of `{}` appears twice", decl.name),
                ));
                continue;
            }
            decl.args.push(ArgDecl { role: role.to_string(), types, min, max });
        }

        let list = self.list_mut(section);
        let idx = list.len();
        if depth > 0 {
            match last_at_depth.get(depth - 1).copied().flatten() {
                Some(parent) => decl.parent = Some(parent),
                None => {
                    self.problems.push(Problem::new(
                        ProblemKind::MalformedLine,
                        FileRole::Config,
                        line,
                        format!(
                            "`{}` is indented {depth} levels but no type above it is at level {}",
                            decl.name,
                            depth - 1
                        ),
                    ));
                }
            }
        }
        if last_at_depth.len() <= depth {
            last_at_depth.resize(depth + 1, None);
        }
        last_at_depth[depth] = Some(idx);
        last_at_depth.truncate(depth + 1);

        let name = decl.name.clone();
        // Relations may be declared several times (one line per argument type pair); the first
        // line is the one looked up by name.
        self.list_mut(section).push(decl);
        self.by_name.entry((key(section), name)).or_insert(idx);
    }

    fn list_mut(&mut self, section: Section) -> &mut Vec<TypeDecl> {
        match section {
            Section::Entities => &mut self.entities,
            Section::Relations => &mut self.relations,
            Section::Events => &mut self.events,
            Section::Attributes => &mut self.attributes,
        }
    }

    /// The declarations of a section in file order.
    pub fn section(&self, section: Section) -> &[TypeDecl] {
        match section {
            Section::Entities => &self.entities,
            Section::Relations => &self.relations,
            Section::Events => &self.events,
            Section::Attributes => &self.attributes,
        }
    }

    /// Problems found in the configuration itself (spans in `annotation.conf`).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn lookup(&self, section: Section, name: &str) -> Option<&TypeDecl> {
        let idx = *self.by_name.get(&(key(section), name.to_string()))?;
        self.section(section).get(idx)
    }

    pub fn is_entity_type(&self, name: &str) -> bool {
        self.lookup(Section::Entities, name).is_some()
    }

    pub fn is_event_type(&self, name: &str) -> bool {
        self.lookup(Section::Events, name).is_some()
    }

    /// A relation type one can annotate with (not the `<OVERLAP>` / `ENTITY-NESTING` rules).
    pub fn relation(&self, name: &str) -> Option<&TypeDecl> {
        if name == OVERLAP_RELATION || name == NESTING_RELATION {
            return None;
        }
        self.lookup(Section::Relations, name)
    }

    pub fn attribute(&self, name: &str) -> Option<&TypeDecl> {
        self.lookup(Section::Attributes, name)
    }

    /// The values a multi-valued attribute allows; `None` for a binary attribute.
    pub fn attribute_values<'a>(&'a self, attr: &'a TypeDecl) -> Option<&'a [String]> {
        attr.arg("Value").map(|a| a.types.as_slice())
    }

    /// Whether a type list (`Person|<EVENT>`) admits an annotation of `ty` and `kind`.
    pub fn type_matches(&self, types: &[String], ty: &str, kind: AnnKind) -> bool {
        types.iter().any(|t| {
            t == ty
                || t == "<ANY>"
                || (t == "<ENTITY>" && kind == AnnKind::Entity)
                || (t == "<EVENT>" && kind == AnnKind::Event)
                || (t == "<RELATION>" && kind == AnnKind::Relation)
        })
    }

    /// Whether an attribute may be attached to an annotation of `ty` (brat's `attributes_for`).
    pub fn attribute_applies(&self, attr: &TypeDecl, ty: &str, kind: AnnKind) -> bool {
        match attr.arg("Arg") {
            Some(arg) => self.type_matches(&arg.types, ty, kind),
            // brat skips an attribute without `Arg:` with a warning; do not pile on.
            None => true,
        }
    }

    /// The overlap kinds `<OVERLAP>` rules allow for an `inner` span against an `outer` one
    /// (brat's `overlap_types`: rules whose `Arg1` admits `inner` and `Arg2` admits `outer`).
    fn overlap_types(&self, inner: &str, outer: &str) -> Vec<&str> {
        let mut types = Vec::new();
        let mut nesting = false;
        let mut overlap_rule = false;
        for rel in &self.relations {
            let is_overlap = rel.name == OVERLAP_RELATION;
            if !is_overlap && rel.name != NESTING_RELATION {
                continue;
            }
            let (Some(arg1), Some(arg2)) = (rel.args.first(), rel.args.get(1)) else {
                continue;
            };
            let inner_kind = if self.is_event_type(inner) { AnnKind::Event } else { AnnKind::Entity };
            let outer_kind = if self.is_event_type(outer) { AnnKind::Event } else { AnnKind::Entity };
            if !self.type_matches(&arg1.types, inner, inner_kind)
                || !self.type_matches(&arg2.types, outer, outer_kind)
            {
                continue;
            }
            if is_overlap {
                overlap_rule = true;
                types.extend(rel.special("<OVL-TYPE>").unwrap_or_default().iter().map(String::as_str));
            } else {
                nesting = true;
            }
        }
        // Old-style ENTITY-NESTING means `contain`; new-style rules take precedence.
        if !overlap_rule && nesting {
            types.push("contain");
        }
        types
    }

    /// Whether two entity spans of these types may overlap in this way; for [`Overlap::Contain`]
    /// `a` is the inner span. Mirrors brat's `span_can_contain`, `spans_can_be_equal` and
    /// `spans_can_cross`.
    pub fn overlap_allowed(&self, a: &str, b: &str, overlap: Overlap) -> bool {
        let forward = self.overlap_types(a, b);
        let backward = self.overlap_types(b, a);
        let any = |types: &[&str], wanted: &str| types.iter().any(|t| *t == wanted || *t == "<ANY>");
        match overlap {
            Overlap::Contain => any(&forward, "contain") || backward.contains(&"<ANY>"),
            Overlap::Equal => any(&forward, "equal") || any(&backward, "equal"),
            Overlap::Cross => any(&forward, "cross") || any(&backward, "cross"),
        }
    }
}

fn parse_macro(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('<')?;
    let close = rest.find('>')?;
    let name = &rest[..close];
    let value = rest[close + 1..].strip_prefix('=')?;
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_' || c == '-');
    valid.then(|| (name, value.trim()))
}

/// Splits `Role?`, `Role*`, `Role+`, `Role{2}`, `Role{1-3}` into the role and its bounds.
fn split_cardinality(role: &str) -> (&str, u32, Option<u32>) {
    if let Some(base) = role.strip_suffix('?') {
        return (base, 0, Some(1));
    }
    if let Some(base) = role.strip_suffix('*') {
        return (base, 0, None);
    }
    if let Some(base) = role.strip_suffix('+') {
        return (base, 1, None);
    }
    if let Some(open) = role.rfind('{').filter(|_| role.ends_with('}')) {
        let inner = &role[open + 1..role.len() - 1];
        let bounds = match inner.split_once('-') {
            Some((lo, hi)) => lo.parse().ok().zip(hi.parse().ok()),
            None => inner.parse().ok().map(|n| (n, n)),
        };
        if let Some((lo, hi)) = bounds {
            return (&role[..open], lo, Some(hi));
        }
    }
    (role, 1, Some(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TUTORIAL: &str = "[entities]\nPerson\nOrganization\nGPE\n\n[relations]\nLocated  Arg1:Person, Arg2:GPE\nAlias Arg1:Person, Arg2:Person, <REL-TYPE>:symmetric-transitive\n[events]\n<POG>=Person|Organization|GPE\n!Life\n\tBe-born   Person-Arg:Person, Place-Arg?:GPE\n\tMarry     Person-Arg{2}:Person\nReport Reporter-Arg:<POG>, Event-Arg:<EVENT>\n[attributes]\nIndividual   Arg:<ENTITY>\nConfidence   Arg:<EVENT>, Value:High|Neutral|Low\n";

    #[test]
    fn parses_sections_hierarchy_macros_and_arguments() {
        let conf = BratConfig::parse(TUTORIAL);
        assert!(conf.problems().is_empty(), "{:?}", conf.problems());
        assert!(conf.is_entity_type("GPE") && !conf.is_entity_type("Life"));
        let life = conf.lookup(Section::Events, "Life").unwrap();
        assert!(life.unused);
        let marry = conf.lookup(Section::Events, "Marry").unwrap();
        assert_eq!(marry.parent, Some(0));
        assert_eq!((marry.args[0].min, marry.args[0].max), (2, Some(2)));
        let born = conf.lookup(Section::Events, "Be-born").unwrap();
        assert_eq!((born.args[1].role.as_str(), born.args[1].min), ("Place-Arg", 0));
        let report = conf.lookup(Section::Events, "Report").unwrap();
        assert_eq!(report.args[0].types, ["Person", "Organization", "GPE"]);
        let alias = conf.relation("Alias").unwrap();
        assert_eq!(alias.special("<REL-TYPE>").unwrap(), ["symmetric", "transitive"]);
        let confidence = conf.attribute("Confidence").unwrap();
        assert_eq!(conf.attribute_values(confidence).unwrap(), ["High", "Neutral", "Low"]);
        assert!(conf.attribute_values(conf.attribute("Individual").unwrap()).is_none());
        assert!(!conf.attribute_applies(confidence, "Person", AnnKind::Entity));
    }

    #[test]
    fn overlap_rules_follow_brat() {
        let none = BratConfig::parse("[entities]\nA\nB\n[relations]\n[events]\n[attributes]\n");
        assert!(!none.overlap_allowed("A", "B", Overlap::Contain));
        let any = BratConfig::parse(
            "[entities]\nA\nB\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n[events]\n[attributes]\n",
        );
        assert!(any.problems().is_empty(), "{:?}", any.problems());
        assert!(
            any.overlap_allowed("A", "B", Overlap::Cross) && any.overlap_allowed("B", "A", Overlap::Equal)
        );
        assert!(any.relation("<OVERLAP>").is_none());
        let contain = BratConfig::parse(
            "[entities]\nA\nB\n[relations]\n<OVERLAP> Arg1:A, Arg2:B, <OVL-TYPE>:contain|equal\n[events]\n[attributes]\n",
        );
        assert!(contain.overlap_allowed("A", "B", Overlap::Contain));
        assert!(!contain.overlap_allowed("B", "A", Overlap::Contain));
        assert!(contain.overlap_allowed("B", "A", Overlap::Equal));
        assert!(!contain.overlap_allowed("A", "B", Overlap::Cross));
    }

    #[test]
    fn reports_broken_lines_without_giving_up() {
        let conf = BratConfig::parse(
            "Stray\n[entities]\n\tOrphan\nGood\n[relations]\nR Arg1 Person\n[weird]\nx\n[events]\n[attributes]\n<ANY>=x\n",
        );
        let kinds: Vec<_> = conf.problems().iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ProblemKind::MalformedLine,
                ProblemKind::MalformedLine,
                ProblemKind::MalformedLine,
                ProblemKind::UnknownHeader,
                ProblemKind::MalformedLine
            ]
        );
        assert!(conf.is_entity_type("Good") && conf.is_entity_type("Orphan"));
        assert!(conf.problems()[1].message.contains("`Orphan` is indented 1 levels"));
    }
}

//! Test KBs in one expression, written out as the TOML a user would write (so tests go
//! through the real loader): `TestKb::new().person("a", "Ann Example").variants(&["Anne Example"])`.

use super::Kb;
use crate::span::FileId;

/// A KB file's text, built an entity at a time; forms and cross-references go to the
/// entity added last.
#[derive(Clone, Debug, Default)]
pub(crate) struct TestKb {
    text: String,
}

impl TestKb {
    pub(crate) fn new() -> TestKb {
        TestKb::default()
    }

    fn entity(mut self, id: &str, kind: &str, name: &str) -> TestKb {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(&format!("[[entity]]\nid = {id:?}\nkind = {kind:?}\nname = {name:?}\n"));
        self
    }

    pub(crate) fn person(self, id: &str, name: &str) -> TestKb {
        self.entity(id, "person", name)
    }

    pub(crate) fn place(self, id: &str, name: &str) -> TestKb {
        self.entity(id, "place", name)
    }

    fn list(mut self, key: &str, values: &[&str]) -> TestKb {
        let quoted: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
        self.text.push_str(&format!("{key} = [{}]\n", quoted.join(", ")));
        self
    }

    pub(crate) fn aliases(self, forms: &[&str]) -> TestKb {
        self.list("aliases", forms)
    }

    pub(crate) fn variants(self, forms: &[&str]) -> TestKb {
        self.list("variants", forms)
    }

    pub(crate) fn xrefs(self, xrefs: &[&str]) -> TestKb {
        self.list("xrefs", xrefs)
    }

    /// The KB file's text.
    pub(crate) fn toml(&self) -> &str {
        &self.text
    }

    /// The KB loaded, as one file; it must load without problems.
    pub(crate) fn load(&self) -> Kb {
        let kb = super::load(&[(FileId(0), self.text.as_str())]);
        assert!(kb.problems().is_empty(), "{:?}\n{}", kb.problems(), self.text);
        kb
    }
}

//! Files created, changed, renamed and deleted on disk while the server runs: with our own
//! watcher (a client that cannot watch, like Neovim on Linux) and with the client's
//! `workspace/didChangeWatchedFiles`.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::TempCorpus;
use crate::support::lsp::{Client, uri};

const VARIANT: &str =
    "---\ntitle: Talks\ndate: 2021-12-01\n---\nNikol Pashinian met Ilham Aliyev in Brussels.\n";
const CLEAN: &str =
    "---\ntitle: Talks\ndate: 2021-12-01\n---\nNikol Pashinyan met Ilham Aliyev in Brussels.\n";

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

/// The next diagnostics for `path` that satisfy `pred` (earlier ones may be intermediate).
fn diagnostics_until(
    client: &mut Client,
    path: &Path,
    what: &str,
    pred: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let target = uri(path);
    let message = client.wait_for(what, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == target
            && pred(m["params"]["diagnostics"].as_array().map_or(&[][..], Vec::as_slice))
    });
    message["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
}

/// An article created, changed, renamed and deleted; a KB edit; a folder removed: each is
/// seen by the server's own watcher, and the diagnostics follow.
#[test]
fn our_watcher_follows_the_disk_when_the_client_cannot_watch() {
    let corpus = TempCorpus::copy_of("corpus");
    let mut client = Client::start(corpus.root());
    // No `workspace.didChangeWatchedFiles.dynamicRegistration`: the server must watch.
    client.initialize(corpus.root(), json!({"workspace": {}}));
    client.diagnostics(&uri(&corpus.path("articles/2021-11-17-border-clashes.md")), None);

    let new = corpus.path("articles/2021-12-01-talks.md");
    corpus.write("articles/2021-12-01-talks.md", VARIANT);
    let found = diagnostics_until(&mut client, &new, "a new article's findings", |d| !d.is_empty());
    assert_eq!(codes(&found), ["name/variant"]);

    std::fs::write(&new, CLEAN).unwrap();
    diagnostics_until(&mut client, &new, "the fixed article", <[Value]>::is_empty);

    // A rename: the old name's diagnostics are cleared and the new name gets its own.
    std::fs::write(&new, VARIANT).unwrap();
    diagnostics_until(&mut client, &new, "the variant again", |d| !d.is_empty());
    let renamed = corpus.path("articles/2021-12-01-talks-in-brussels.md");
    std::fs::rename(&new, &renamed).unwrap();
    let moved = diagnostics_until(&mut client, &renamed, "the renamed article", |d| !d.is_empty());
    assert_eq!(codes(&moved), ["name/variant"]);
    diagnostics_until(&mut client, &new, "the old name cleared", <[Value]>::is_empty);

    // A KB edit on disk re-checks the articles it affects: here the variant becomes an alias.
    let people = corpus.path("kb/people.toml");
    let kb = std::fs::read_to_string(&people).unwrap();
    let before = "aliases = [\"Pashinyan\"]\nvariants = [\"Nikol Pashinian\", \"Pashinian\"]";
    assert!(kb.contains(before), "the fixture changed: {kb}");
    let after = "aliases = [\"Pashinyan\", \"Nikol Pashinian\"]\nvariants = [\"Pashinian\"]";
    std::fs::write(&people, kb.replace(before, after)).unwrap();
    diagnostics_until(&mut client, &renamed, "the KB edit applied", <[Value]>::is_empty);

    // Deleted: its diagnostics go.
    std::fs::write(&people, &kb).unwrap();
    diagnostics_until(&mut client, &renamed, "the KB restored", |d| !d.is_empty());
    std::fs::remove_file(&renamed).unwrap();
    diagnostics_until(&mut client, &renamed, "the deleted article cleared", <[Value]>::is_empty);

    // A whole folder moved in, then removed.
    corpus.write("incoming/2021-12-02-more-talks.md", VARIANT);
    let folder = corpus.path("articles/batch");
    std::fs::rename(corpus.path("incoming"), &folder).unwrap();
    let inside = folder.join("2021-12-02-more-talks.md");
    diagnostics_until(&mut client, &inside, "an article in a folder moved in", |d| !d.is_empty());
    std::fs::remove_dir_all(&folder).unwrap();
    diagnostics_until(&mut client, &inside, "the folder's article cleared", <[Value]>::is_empty);
    assert_eq!(client.shutdown(), 0);
}

/// A client that watches for us gets a registration for the corpus files, and its
/// notifications drive the same updates.
#[test]
fn the_clients_file_events_update_the_index() {
    let corpus = TempCorpus::copy_of("corpus");
    let mut client = Client::start(corpus.root());
    client.initialize(
        corpus.root(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    let registration =
        client.wait_for("a watcher registration", |m| m["method"] == "client/registerCapability");
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    let pattern = registered["registerOptions"]["watchers"][0]["globPattern"].as_str().unwrap();
    assert!(pattern.contains("md") && pattern.contains("toml"), "{pattern}");
    client.diagnostics(&uri(&corpus.path("articles/2021-11-17-border-clashes.md")), None);

    let new = corpus.path("articles/2021-12-01-talks.md");
    corpus.write("articles/2021-12-01-talks.md", VARIANT);
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&new), "type": 1}]}));
    assert_eq!(codes(&diagnostics_until(&mut client, &new, "created", |d| !d.is_empty())), ["name/variant"]);

    std::fs::write(&new, CLEAN).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&new), "type": 2}]}));
    diagnostics_until(&mut client, &new, "changed", <[Value]>::is_empty);

    // A file open in the editor keeps its buffer: a disk change does not override it.
    let open = client.open(&new, "markdown");
    client.diagnostics(&open, Some(1));
    std::fs::write(&new, VARIANT).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&new), "type": 2}]}));
    let hover = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": open}, "position": {"line": 4, "character": 8}}),
    );
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("**Nikol Pashinyan**"));
    let diagnostics = client.call("textDocument/diagnostic", json!({"textDocument": {"uri": open}}));
    assert_eq!(diagnostics["items"], json!([]), "the buffer, not the disk");

    client.notify("textDocument/didClose", json!({"textDocument": {"uri": open}}));
    diagnostics_until(&mut client, &new, "the disk again after closing", |d| !d.is_empty());
    std::fs::remove_file(&new).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&new), "type": 3}]}));
    diagnostics_until(&mut client, &new, "deleted", <[Value]>::is_empty);
    assert_eq!(client.shutdown(), 0);
}

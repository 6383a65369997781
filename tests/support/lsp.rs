//! A minimal LSP client over the real `dateline serve` process.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Long enough for a debug build on a loaded 2-core CI machine; a hang still fails.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications and server requests seen while waiting for something else.
    pending: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `dateline serve --stdio` in `cwd`.
    pub fn start(cwd: &Path) -> Client {
        Client::start_with_env(cwd, &[])
    }

    /// Starts `dateline serve --stdio` in `cwd` with extra environment variables (such as
    /// `DATELINE_FAULT_INJECT`).
    pub fn start_with_env(cwd: &Path, env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(super::bin())
            .args(["serve", "--stdio"])
            .current_dir(cwd)
            .env("DATELINE_LOG", "dateline=debug")
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn dateline serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let (name, value) =
                        line.split_once(':').unwrap_or_else(|| panic!("stdout is not LSP framing: {line:?}"));
                    assert!(
                        name.eq_ignore_ascii_case("Content-Length")
                            || name.eq_ignore_ascii_case("Content-Type"),
                        "unexpected header {line:?}"
                    );
                    if name.eq_ignore_ascii_case("Content-Length") {
                        length = Some(value.trim().parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("stdout carries only JSON-RPC");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Client { child, stdin, incoming: rx, pending: VecDeque::new(), next_id: 1 }
    }

    fn send(&mut self, message: Value) {
        self.send_raw(&frame(&message));
    }

    /// Writes bytes to the server as they are: malformed frames, or many messages at once.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Whether the server process is still running.
    pub fn is_alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id without waiting.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its response (the whole message: `result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.response(id)
    }

    /// The `result` of a request that must succeed.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    pub fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no response to request {id} within {TIMEOUT:?}"));
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.handle_server_message(message);
        }
    }

    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let now = Instant::now();
        if now >= deadline {
            return None;
        }
        self.incoming.recv_timeout(deadline - now).ok()
    }

    /// Answers requests from the server (registrations, progress tokens, configuration) and
    /// keeps notifications for later.
    fn handle_server_message(&mut self, message: Value) {
        self.answer(&message);
        self.pending.push_back(message);
    }

    fn answer(&mut self, message: &Value) {
        if let (Some(id), Some(method)) = (message.get("id"), message.get("method").and_then(Value::as_str)) {
            let result = match method {
                "workspace/configuration" => json!([{}]),
                _ => Value::Null,
            };
            let reply = json!({"jsonrpc": "2.0", "id": id.clone(), "result": result});
            self.send(reply);
        }
    }

    /// Waits for a notification matching `pred`, consuming it and everything before it that
    /// also matched nothing.
    pub fn wait_for(&mut self, what: &str, mut pred: impl FnMut(&Value) -> bool) -> Value {
        if let Some(idx) = self.pending.iter().position(&mut pred) {
            return self.pending.remove(idx).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.recv(deadline).unwrap_or_else(|| panic!("timed out waiting for {what}"));
            // A server request is answered even when it is what the caller waits for.
            self.answer(&message);
            if pred(&message) {
                return message;
            }
            self.pending.push_back(message);
        }
    }

    /// The hover's markdown at the first `needle` of `text`, the contents of the file at
    /// `path`; empty when there is no hover.
    pub fn hover_text(&mut self, path: &Path, text: &str, needle: &str) -> String {
        let hover = self.call(
            "textDocument/hover",
            serde_json::json!({"textDocument": {"uri": uri(path)}, "position": position_of(text, needle, 0, false)}),
        );
        hover["contents"]["value"].as_str().unwrap_or_default().to_owned()
    }

    /// The next `publishDiagnostics` for `uri` (optionally at `version`).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self.wait_for(&format!("diagnostics for {uri} at {version:?}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        message["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Everything received so far that nobody waited for.
    pub fn drain(&mut self, quiet: Duration) -> Vec<Value> {
        while let Ok(message) = self.incoming.recv_timeout(quiet) {
            self.handle_server_message(message);
        }
        self.pending.drain(..).collect()
    }

    /// Initializes with `root` as the workspace folder and the given client capabilities.
    pub fn initialize(&mut self, root: &Path, capabilities: Value) -> Value {
        let root_uri = uri(root);
        let result = self.call(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": capabilities,
                "workspaceFolders": [{"uri": root_uri, "name": "corpus"}],
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, path: &Path, language: &str) -> String {
        let text = std::fs::read_to_string(path).unwrap();
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        uri
    }

    /// Sends `shutdown` and `exit` and returns the exit code.
    pub fn shutdown(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "shutdown failed: {response}");
        self.notify("exit", Value::Null);
        self.stdin.take();
        wait_exit(&mut self.child)
    }

    /// Exits without `shutdown` (a protocol violation the server must survive).
    pub fn exit_abruptly(mut self) -> i32 {
        self.notify("exit", Value::Null);
        self.stdin.take();
        wait_exit(&mut self.child)
    }
}

fn wait_exit(child: &mut Child) -> i32 {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        assert!(Instant::now() < deadline, "server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A message with its `Content-Length` header, as the protocol frames it.
pub fn frame(message: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(message).unwrap();
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(&body);
    framed
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The LSP position (UTF-16 by default) of the `nth` occurrence of `needle` in `text`,
/// plus `offset` characters.
pub fn position_of(text: &str, needle: &str, nth: usize, utf8: bool) -> Value {
    let byte =
        text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle:?} #{nth} not in text")).0;
    let before = &text[..byte];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = if utf8 { byte - line_start } else { text[line_start..byte].encode_utf16().count() };
    json!({"line": line, "character": column})
}

//! The wire between the editor and tower-lsp-server: LSP framing and JSON-RPC checks of our
//! own, so a bad message costs only itself.
//!
//! tower-lsp-server ends the session on the first frame its codec cannot decode (a decode
//! error ends its input stream): invalid JSON, a wrong `jsonrpc`, a bad `Content-Length`, an
//! id that is an object. Here the real stdin is read by [`Frames`], which resynchronises on
//! the next `Content-Length` header after garbage and notices a `Content-Length` that lies;
//! each body is checked by [`inspect`], and only well-formed messages are framed again into
//! an in-memory pipe that the tower-lsp-server `Server` reads. An invalid request whose id
//! is known is answered with the JSON-RPC error (-32700 parse error, -32600 invalid request);
//! one without a usable id is logged and skipped. A request for an unknown `$/` method gets
//! MethodNotFound, which tower-lsp-server would swallow.
//!
//! Everything written to stdout goes through one writer task, a whole message at a time: the
//! server's output (read back from its pipe, message by message) and our error answers never
//! interleave.

use std::sync::LazyLock;
use std::time::Duration;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp_server::{ClientSocket, LspService, Server};

use super::server::Backend;

/// A header block longer than this is garbage (real ones are under 100 bytes).
const MAX_HEADERS: usize = 4096;
/// The largest body we accept; a larger `Content-Length` is garbage. Spans are `u32`.
const MAX_BODY: usize = 1 << 30;
/// How long the input may pause in the middle of a body before we check whether what came
/// is already a whole message (a `Content-Length` larger than the body it announced).
const STALL: Duration = Duration::from_millis(100);
/// The in-memory pipes to and from tower-lsp-server.
const PIPE: usize = 1 << 16;

static HEADER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(["content-length"])
        .expect("a literal pattern builds")
});

/// What [`Frames`] found in the input.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// One message body, as its header announced it (or as far as it really went).
    Body(Vec<u8>),
    /// Bytes that are no message, skipped up to the next header.
    Skipped { bytes: usize, reason: &'static str },
}

/// Splits a byte stream into LSP message bodies (`Content-Length: N`, a blank line, N bytes).
///
/// Lenient where that costs nothing: header names in any case, lines ending in `\n` alone,
/// any other header ignored. What cannot be read is skipped up to the next `Content-Length`,
/// and a body is cut short where a JSON object has ended and the next header starts inside
/// it (a `Content-Length` that claimed more than the client sent).
#[derive(Default)]
pub struct Frames {
    buf: Vec<u8>,
    /// Where the unread input starts in `buf`.
    start: usize,
    /// The body being read, if its header has been.
    body: Option<PendingBody>,
}

#[derive(Clone, Copy)]
struct PendingBody {
    length: usize,
    /// How far the body has been searched for a header that would end it early.
    scanned: usize,
    /// The input length when a stall was last examined, so one stall is examined once.
    stall_checked: Option<usize>,
}

/// The outcome of reading a header block.
enum Headers {
    Incomplete,
    Complete { len: usize, content_length: usize },
    Malformed(&'static str),
}

impl Frames {
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start >= self.buf.len() / 2 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Whether a body has been announced and is still arriving.
    pub fn mid_body(&self) -> bool {
        self.body.is_some()
    }

    /// The next frame in what has been pushed, if one is complete.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            let input = &self.buf[self.start..];
            let Some(body) = self.body else {
                // Blank lines between messages are harmless.
                let blank = input.iter().take_while(|b| b.is_ascii_whitespace()).count();
                self.start += blank;
                let input = &self.buf[self.start..];
                if input.is_empty() {
                    return None;
                }
                match parse_headers(input) {
                    Headers::Incomplete => return None,
                    Headers::Complete { len, content_length } => {
                        self.start += len;
                        self.body =
                            Some(PendingBody { length: content_length, scanned: 0, stall_checked: None });
                        continue;
                    }
                    Headers::Malformed(reason) => return Some(self.skip_to_header(reason)),
                }
            };
            let available = input.len().min(body.length);
            // A header inside the body, right after a whole JSON object: the announced length
            // was a lie, and the next message starts there.
            let from = body.scanned.saturating_sub("content-length".len());
            if let Some(end) = early_end(&input[..available], from) {
                return Some(self.take_body(end));
            }
            if available == body.length {
                return Some(self.take_body(body.length));
            }
            self.body = Some(PendingBody { scanned: available, ..body });
            return None;
        }
    }

    /// The input paused mid-body: if what arrived is already a whole JSON object, the
    /// `Content-Length` announced more than the client sent, and the client is waiting for
    /// an answer. Examined once per pause.
    pub fn stalled(&mut self) -> Option<Frame> {
        let body = self.body?;
        let received = self.buf.len() - self.start;
        if body.stall_checked == Some(received) {
            return None;
        }
        self.body = Some(PendingBody { stall_checked: Some(received), ..body });
        let input = &self.buf[self.start..];
        is_json_object(input).then(|| self.take_body(received))
    }

    fn take_body(&mut self, len: usize) -> Frame {
        let body = self.buf[self.start..self.start + len].to_vec();
        self.start += len;
        self.body = None;
        Frame::Body(body)
    }

    /// Skips from a malformed header to the next `Content-Length` (or all but a tail that
    /// may be the start of one).
    fn skip_to_header(&mut self, reason: &'static str) -> Frame {
        let input = &self.buf[self.start..];
        let skip = match HEADER.find(&input[1..]) {
            Some(found) => 1 + found.start(),
            None => (input.len() - header_start_len(input)).max(1),
        };
        self.start += skip;
        Frame::Skipped { bytes: skip, reason }
    }
}

/// How many bytes at the end of `input` may be the start of a `Content-Length` header
/// whose rest has not arrived yet.
fn header_start_len(input: &[u8]) -> usize {
    const NAME: &[u8] = b"content-length";
    (1..NAME.len())
        .rev()
        .find(|&len| input.len() >= len && input[input.len() - len..].eq_ignore_ascii_case(&NAME[..len]))
        .unwrap_or(0)
}

fn parse_headers(input: &[u8]) -> Headers {
    let mut at = 0;
    let mut content_length = None;
    loop {
        let Some(eol) = input[at..].iter().position(|&b| b == b'\n') else {
            return if input.len() > MAX_HEADERS {
                Headers::Malformed("header too long")
            } else {
                Headers::Incomplete
            };
        };
        let line = &input[at..at + eol];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at += eol + 1;
        if at > MAX_HEADERS {
            return Headers::Malformed("header too long");
        }
        if line.is_empty() {
            return match content_length {
                Some(content_length) => Headers::Complete { len: at, content_length },
                None => Headers::Malformed("no Content-Length header"),
            };
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Headers::Malformed("not a header line");
        };
        let name = &line[..colon];
        if name.is_empty() || !name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-') {
            return Headers::Malformed("not a header line");
        }
        if name.eq_ignore_ascii_case(b"content-length") {
            let value = std::str::from_utf8(&line[colon + 1..]).ok().map(str::trim);
            match value.and_then(|v| v.parse::<usize>().ok()).filter(|&n| n <= MAX_BODY) {
                Some(n) if content_length.is_none_or(|m| m == n) => content_length = Some(n),
                _ => return Headers::Malformed("bad Content-Length"),
            }
        }
        // Any other header (`Content-Type`) says nothing we need: bodies are UTF-8 JSON.
    }
}

/// Where `body` ends early: the first `Content-Length` at or after `from` that directly
/// follows a whole JSON object. A real body is one JSON value, so such a split never cuts
/// a well-formed message.
fn early_end(body: &[u8], from: usize) -> Option<usize> {
    HEADER.find_iter(&body[from.min(body.len())..]).map(|m| from + m.start()).find(|&at| {
        let before = body[..at].trim_ascii_end();
        before.ends_with(b"}") && is_json_object(before)
    })
}

fn is_json_object(bytes: &[u8]) -> bool {
    let bytes = bytes.trim_ascii();
    bytes.starts_with(b"{") && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

/// What to do with one message body.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Well-formed: hand it to the server (re-serialised from the typed message, so the
    /// server's decoder reads exactly what we checked).
    Forward(Vec<u8>),
    /// Invalid, but its id is known: answer with this JSON-RPC error.
    Answer(Vec<u8>),
    /// Invalid and unanswerable (no usable id, or a response to us): log and skip.
    Skip(String),
}

/// Checks one body: JSON, a JSON-RPC 2.0 request, notification or response, with a usable
/// id, in the shapes tower-lsp-server decodes.
pub fn inspect(body: &[u8]) -> Verdict {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(err) => {
            let error = Error {
                code: ErrorCode::ParseError,
                message: format!("parse error: {err}").into(),
                data: None,
            };
            return match recover_id(body) {
                Some(id) => answer(id, error),
                None => Verdict::Skip(format!("not JSON ({err})")),
            };
        }
    };
    let Value::Object(map) = value else {
        return Verdict::Skip("not a JSON-RPC message (batches are not part of LSP)".into());
    };
    let id = match map.get("id") {
        None => None,
        Some(id) => match usable_id(id) {
            Some(id) => Some(id),
            None => return Verdict::Skip(format!("unusable id {id}")),
        },
    };
    let invalid = |message: String| match id.clone() {
        Some(id) => {
            answer(id, Error { code: ErrorCode::InvalidRequest, message: message.into(), data: None })
        }
        None => Verdict::Skip(message),
    };
    if map.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return invalid(format!(
            "invalid request: `jsonrpc` must be \"2.0\", not {}",
            map.get("jsonrpc").unwrap_or(&Value::Null)
        ));
    }
    match map.get("method") {
        Some(Value::String(method)) => {
            if let Some(id) = id.clone().filter(|_| method.starts_with("$/")) {
                // The protocol: a `$/` request the server does not know is MethodNotFound.
                // (tower-lsp-server would not answer it at all.)
                let error = Error {
                    code: ErrorCode::MethodNotFound,
                    message: format!("method not found: {method}").into(),
                    data: None,
                };
                return answer(id, error);
            }
            match serde_json::from_value::<Request>(Value::Object(map)) {
                Ok(request) => forward(&request),
                Err(err) => invalid(format!("invalid request: {err}")),
            }
        }
        Some(other) => invalid(format!("invalid request: `method` must be a string, not {other}")),
        None if id.is_none() => Verdict::Skip("neither a request nor a response".into()),
        // A response to one of our requests (never answered, whatever its shape).
        None => match serde_json::from_value::<Response>(Value::Object(map)) {
            Ok(response) => forward(&response),
            Err(err) => Verdict::Skip(format!("invalid response: {err}")),
        },
    }
}

/// An id tower-lsp-server can carry: an integer, a string, or `null`.
fn usable_id(id: &Value) -> Option<Id> {
    match id {
        Value::Number(n) => n.as_i64().map(Id::Number),
        Value::String(s) => Some(Id::String(s.clone())),
        Value::Null => Some(Id::Null),
        _ => None,
    }
}

/// The top-level `"id"` of a body that is not valid JSON, where it can still be read: a
/// request cut short by a lying `Content-Length` is answered rather than left hanging.
fn recover_id(body: &[u8]) -> Option<Id> {
    let text = String::from_utf8_lossy(body);
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.checked_sub(1)?,
            '"' => {
                let end = string_end(&text, at)?;
                let key_end = end + 1;
                while chars.peek().is_some_and(|&(i, _)| i < key_end) {
                    chars.next();
                }
                let rest = text[key_end..].trim_start();
                if depth == 1 && &text[at..key_end] == "\"id\"" && rest.starts_with(':') {
                    let value = rest[1..].trim_start();
                    let len = if value.starts_with('"') {
                        string_end(value, 0)? + 1
                    } else {
                        value.find(|c: char| !(c.is_ascii_digit() || c == '-')).unwrap_or(value.len())
                    };
                    return serde_json::from_str::<Value>(&value[..len]).ok().as_ref().and_then(usable_id);
                }
            }
            _ => {}
        }
    }
    None
}

/// The index of the quote that closes the string opening at `open`.
fn string_end(text: &str, open: usize) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text[open + 1..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(open + 1 + i),
            _ => {}
        }
    }
    None
}

fn answer(id: Id, error: Error) -> Verdict {
    match serde_json::to_vec(&Response::from_error(id, error)) {
        Ok(bytes) => Verdict::Answer(bytes),
        Err(err) => Verdict::Skip(format!("cannot encode an error answer: {err}")),
    }
}

fn forward(message: &impl serde::Serialize) -> Verdict {
    match serde_json::to_vec(message) {
        Ok(bytes) => Verdict::Forward(bytes),
        Err(err) => Verdict::Skip(format!("cannot encode the message again: {err}")),
    }
}

fn with_header(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// What the stdout writer is asked to do.
enum Outgoing {
    Message(Vec<u8>),
    /// Everything sent before this has been written.
    Flushed(oneshot::Sender<()>),
}

/// Runs the language server on stdin/stdout, through the checks above, until the client
/// sends `exit` or closes stdin.
pub async fn serve(service: LspService<Backend>, socket: ClientSocket) {
    let (to_server, server_input) = tokio::io::duplex(PIPE);
    let (server_output, from_server) = tokio::io::duplex(PIPE);
    let (out, out_rx) = mpsc::unbounded_channel();
    let writer = tokio::spawn(write_all(tokio::io::stdout(), out_rx));
    let reader = tokio::spawn(read_input(tokio::io::stdin(), to_server, out.clone()));
    let relay = tokio::spawn(relay_output(from_server, out.clone()));
    Server::new(server_input, server_output, socket).serve(service).await;
    // The server's end of its output pipe is gone with it: the relay reaches the end, and
    // then everything it passed on is written before we return.
    let _ = relay.await;
    let (done, flushed) = oneshot::channel();
    if out.send(Outgoing::Flushed(done)).is_ok() {
        let _ = flushed.await;
    }
    // Blocked on stdin, which may never close; the runtime's shutdown leaves it behind.
    reader.abort();
    drop(writer); // Detached: it has written everything and ends with the runtime.
}

/// Reads the editor's input, checks each message, and forwards the good ones to the server.
async fn read_input(
    mut input: impl AsyncRead + Unpin,
    mut to_server: DuplexStream,
    out: mpsc::UnboundedSender<Outgoing>,
) {
    let mut frames = Frames::default();
    let mut chunk = vec![0u8; PIPE];
    loop {
        let read = if frames.mid_body() {
            match tokio::time::timeout(STALL, input.read(&mut chunk)).await {
                Ok(read) => read,
                Err(_) => {
                    if let Some(frame) = frames.stalled()
                        && !deliver(frame, &mut to_server, &out).await
                    {
                        return;
                    }
                    continue;
                }
            }
        } else {
            input.read(&mut chunk).await
        };
        match read {
            Ok(0) => return, // End of input: the server sees it too, and stops.
            Ok(n) => frames.push(&chunk[..n]),
            Err(err) => {
                tracing::error!("reading stdin: {err}");
                return;
            }
        }
        while let Some(frame) = frames.next_frame() {
            if !deliver(frame, &mut to_server, &out).await {
                return;
            }
        }
    }
}

/// Acts on one frame. `false` once the server has stopped reading.
async fn deliver(frame: Frame, to_server: &mut DuplexStream, out: &mpsc::UnboundedSender<Outgoing>) -> bool {
    match frame {
        Frame::Skipped { bytes, reason } => tracing::warn!("skipped {bytes} bytes of input: {reason}"),
        Frame::Body(body) => match inspect(&body) {
            Verdict::Forward(message) => return to_server.write_all(&with_header(&message)).await.is_ok(),
            Verdict::Answer(error) => {
                tracing::warn!(
                    "answered an invalid message with an error: {}",
                    String::from_utf8_lossy(&error)
                );
                let _ = out.send(Outgoing::Message(error));
            }
            Verdict::Skip(reason) => tracing::warn!("skipped a message: {reason}"),
        },
    }
    true
}

/// Passes the server's output on to the writer, one whole message at a time.
async fn relay_output(mut from_server: DuplexStream, out: mpsc::UnboundedSender<Outgoing>) {
    let mut frames = Frames::default();
    let mut chunk = vec![0u8; PIPE];
    loop {
        match from_server.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => frames.push(&chunk[..n]),
        }
        while let Some(frame) = frames.next_frame() {
            match frame {
                Frame::Body(body) => {
                    let _ = out.send(Outgoing::Message(body));
                }
                Frame::Skipped { bytes, reason } => {
                    tracing::error!("the server wrote {bytes} bytes that are no message: {reason}");
                }
            }
        }
    }
}

/// The one writer of stdout: each message whole, framed, flushed.
async fn write_all(mut stdout: impl AsyncWrite + Unpin, mut messages: mpsc::UnboundedReceiver<Outgoing>) {
    while let Some(item) = messages.recv().await {
        match item {
            Outgoing::Message(body) => {
                let written = async {
                    stdout.write_all(&with_header(&body)).await?;
                    stdout.flush().await
                };
                if let Err(err) = written.await {
                    tracing::error!("writing stdout: {err}");
                    return;
                }
            }
            Outgoing::Flushed(done) => {
                let _ = done.send(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames_of(input: &[u8]) -> Vec<Frame> {
        let mut frames = Frames::default();
        frames.push(input);
        std::iter::from_fn(|| frames.next_frame()).collect()
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    const MSG: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    fn framed(text: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{text}", text.len())
    }

    #[test]
    fn reads_well_formed_and_lenient_frames() {
        let input = format!(
            "{}\r\n{}content-length: {}\n\n{MSG}",
            framed(MSG),
            format_args!("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n{}", framed(MSG)),
            MSG.len()
        );
        assert_eq!(frames_of(input.as_bytes()), vec![body(MSG), body(MSG), body(MSG)]);
    }

    #[test]
    fn a_message_split_anywhere_is_read_whole() {
        let input = framed(MSG).repeat(2);
        for cut in 0..input.len() {
            let mut frames = Frames::default();
            frames.push(&input.as_bytes()[..cut]);
            let mut got: Vec<Frame> = std::iter::from_fn(|| frames.next_frame()).collect();
            frames.push(&input.as_bytes()[cut..]);
            got.extend(std::iter::from_fn(|| frames.next_frame()));
            assert_eq!(got, vec![body(MSG), body(MSG)], "cut at {cut}");
        }
    }

    #[test]
    fn garbage_and_bad_headers_are_skipped_up_to_the_next_header() {
        for bad in [
            "garbage bytes \u{1}\u{2}\r\n\r\n",
            "xyz",
            "Content-Length: abc\r\n\r\n",
            "Content-Length: -5\r\n\r\n",
            "Content-Length: 99999999999999999999999\r\n\r\n",
            "Content-Type: text/plain\r\n\r\n",
        ] {
            let input = format!("{bad}{}", framed(MSG));
            let got = frames_of(input.as_bytes());
            assert_eq!(got.last(), Some(&body(MSG)), "{bad:?}: {got:?}");
            assert!(
                got[..got.len() - 1].iter().all(|f| matches!(f, Frame::Skipped { .. })),
                "{bad:?}: {got:?}"
            );
        }
    }

    #[test]
    fn a_content_length_that_lies_costs_only_its_own_message() {
        // Too long: the next message starts inside the announced body.
        let input = format!("Content-Length: {}\r\n\r\n{MSG}{}", MSG.len() + 30, framed(MSG));
        assert_eq!(frames_of(input.as_bytes()), vec![body(MSG), body(MSG)]);
        // Too short: a cut body, then the rest is skipped up to the next header.
        let input = format!("Content-Length: 10\r\n\r\n{MSG}{}", framed(MSG));
        let got = frames_of(input.as_bytes());
        assert_eq!(got[0], body(&MSG[..10]));
        assert!(matches!(got[1], Frame::Skipped { .. }), "{got:?}");
        assert_eq!(got[2], body(MSG));
        // Too long, and nothing follows: the pause gives the message up.
        let mut frames = Frames::default();
        frames.push(format!("Content-Length: {}\r\n\r\n{MSG}", MSG.len() + 30).as_bytes());
        assert_eq!(frames.next_frame(), None);
        assert_eq!(frames.stalled(), Some(body(MSG)));
        assert_eq!(frames.stalled(), None);
    }

    /// Random mixtures of header pieces, JSON pieces and bytes that are neither, cut at
    /// random: nothing panics, and every byte is consumed or waits for more.
    #[test]
    fn random_input_never_panics() {
        let pieces: [&[u8]; 14] = [
            b"Content-Length: ",
            b"content-length:",
            b"12",
            b"99999999999999999999999",
            b"\r\n",
            b"\n",
            b"{",
            b"}",
            b"\"id\":",
            b"\"",
            b"\\",
            b"\xff\xc3",
            br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#,
            b"Content-Type: x\r\n",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3000 {
            let input: Vec<u8> = (0..next(40)).flat_map(|_| pieces[next(pieces.len())].to_vec()).collect();
            let mut frames = Frames::default();
            let mut at = 0;
            while at < input.len() {
                let cut = (at + 1 + next(16)).min(input.len());
                frames.push(&input[at..cut]);
                at = cut;
                while let Some(frame) = frames.next_frame() {
                    if let Frame::Body(body) = frame {
                        let _ = inspect(&body);
                    }
                }
                if let Some(Frame::Body(body)) = frames.stalled() {
                    let _ = inspect(&body);
                }
            }
            let _ = inspect(&input);
        }
    }

    #[test]
    fn a_header_inside_a_json_string_does_not_split_the_body() {
        let text = r#"{"jsonrpc":"2.0","method":"x","params":{"text":"}Content-Length: 3"}}"#;
        assert_eq!(frames_of(framed(text).as_bytes()), vec![body(text)]);
    }

    fn error_code(verdict: &Verdict) -> (Value, i64) {
        let Verdict::Answer(bytes) = verdict else { panic!("not an answer: {verdict:?}") };
        let value: Value = serde_json::from_slice(bytes).unwrap();
        (value["id"].clone(), value["error"]["code"].as_i64().unwrap())
    }

    #[test]
    fn invalid_messages_are_answered_when_their_id_is_known() {
        let cases = [
            (r#"{"jsonrpc":"1.0","id":7,"method":"shutdown"}"#, -32600),
            (r#"{"id":7,"method":"shutdown"}"#, -32600),
            (r#"{"jsonrpc":"2.0","id":7,"method":42}"#, -32600),
            (r#"{"jsonrpc":"2.0","id":7,"method":"$/unknown"}"#, -32601),
            (r#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{,}}"#, -32700),
            (r#"{"jsonrpc":"2.0","params":{"id":1},"id":7,"meth"#, -32700),
        ];
        for (text, code) in cases {
            assert_eq!(error_code(&inspect(text.as_bytes())), (Value::from(7), code), "{text}");
        }
        let string_id = inspect(br#"{"jsonrpc":"2.0","id":"a\"b","method":"$/x"}"#);
        assert_eq!(error_code(&string_id).0, Value::from("a\"b"));
    }

    #[test]
    fn invalid_messages_without_a_usable_id_are_skipped() {
        for text in [
            r#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":[1],"method":"shutdown"}"#,
            r#"{"jsonrpc":"1.0","method":"initialized"}"#,
            r#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#,
            r#"{"jsonrpc":"2.0","params":{"id":1}"#,
            "\u{ff}\u{fe}",
            "",
            r#"{"jsonrpc":"2.0","id":3}"#,
        ] {
            assert!(matches!(inspect(text.as_bytes()), Verdict::Skip(_)), "{text}");
        }
        assert!(matches!(inspect(b"\xff{\"id\":1}"), Verdict::Skip(_) | Verdict::Answer(_)));
    }

    #[test]
    fn well_formed_messages_are_forwarded_as_the_server_decodes_them() {
        for text in [
            r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
            r#"{"jsonrpc":"2.0","id":"x","result":null}"#,
            r#"{"jsonrpc":"2.0","id":1,"id":2,"method":"shutdown"}"#,
        ] {
            let Verdict::Forward(bytes) = inspect(text.as_bytes()) else { panic!("{text}") };
            let value: Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(value["jsonrpc"], "2.0", "{text}");
        }
    }
}

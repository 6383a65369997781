#!/usr/bin/env python3
"""`dateline serve` on an archive: how long indexing takes, the memory it reports, and hover
and go-to-definition latency afterwards (1,000 requests each, p50 and p99, measured at the
client over stdio: JSON framing included), and edit -> diagnostics (200 edits).

Usage: benches/serve_archive.py ROOT BINARY ARTICLE NEEDLE
  ROOT     an archive made by `DATELINE_BENCH_LARGE=1 cargo bench --bench archive`
           (it keeps its corpora under the system temp folder, e.g. /tmp/bench/archive-330000)
  ARTICLE  an article of it, relative to ROOT; NEEDLE a KB name written in that article.
Prints figures; asserts nothing (timings belong in reports, not in tests).
"""
import json, subprocess, sys, time, os, threading, queue
root = sys.argv[1]; binary = sys.argv[2]; article = sys.argv[3]; needle = sys.argv[4]
p = subprocess.Popen([binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open("/tmp/serve1g.err", "wb"), cwd=root)
q = queue.Queue()
def reader():
    f = p.stdout
    while True:
        line = f.readline()
        if not line: return
        if line.startswith(b"Content-Length:"):
            n = int(line.split(b":")[1]); f.readline(); q.put(json.loads(f.read(n)))
threading.Thread(target=reader, daemon=True).start()
def send(m):
    b = json.dumps(m).encode(); p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b); p.stdin.flush()
nid = [0]
def request(method, params):
    nid[0] += 1; i = nid[0]; send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
    while True:
        m = q.get()
        if m.get("id") == i and "method" not in m: return m
        if m.get("method") == "window/workDoneProgress/create": send({"jsonrpc": "2.0", "id": m["id"], "result": None})
t0 = time.time()
uri = "file://" + os.path.abspath(root)
# No debounce: the edit timing is then the server's work, not the 50 ms it waits by default
# for typing to pause (DATELINE_DEBOUNCE_MS sets it).
debounce = int(os.environ.get("DATELINE_DEBOUNCE_MS", "0"))
request("initialize", {"processId": None, "rootUri": uri, "initializationOptions": {"diagnostics": {"debounceMs": debounce}}, "capabilities": {"window": {"workDoneProgress": True}}, "workspaceFolders": [{"uri": uri, "name": "a"}]})
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
# wait for the end of indexing progress
while True:
    m = q.get()
    if m.get("method") == "window/workDoneProgress/create": send({"jsonrpc": "2.0", "id": m["id"], "result": None})
    if m.get("method") == "$/progress" and m["params"]["value"].get("kind") == "end":
        print("indexed in %.1f s: %s" % (time.time() - t0, m["params"]["value"].get("message"))); break
text = open(os.path.join(root, article), encoding="utf-8").read()
doc = "file://" + os.path.abspath(os.path.join(root, article))
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": doc, "languageId": "markdown", "version": 1, "text": text}}})
# Measure after the opened article's diagnostics are out, not while they are computed.
while True:
    m = q.get()
    if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == doc:
        break
line_no = next(i for i, l in enumerate(text.split("\n")) if needle in l)
col = text.split("\n")[line_no].index(needle) + 2  # ASCII-safe enough for a measurement
pos = {"line": line_no, "character": col}
for method in ["textDocument/hover", "textDocument/definition"]:
    times = []
    for _ in range(1000):
        s = time.perf_counter(); r = request(method, {"textDocument": {"uri": doc}, "position": pos}); times.append(time.perf_counter() - s)
    times.sort()
    print(method, "answered:", bool(r.get("result")), "p50 %.3f ms p99 %.3f ms" % (times[500]*1e3, times[990]*1e3))
# Edit -> diagnostics: a one-character edit (full text), timed until the diagnostics of that
# version arrive.
times = []
for version in range(2, 202):
    text = text + ("x" if version % 2 else "\n")
    s = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": doc, "version": version}, "contentChanges": [{"text": text}]}})
    while True:
        m = q.get()
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == doc and m["params"].get("version") == version:
            break
    times.append(time.perf_counter() - s)
times.sort()
print("edit -> diagnostics (200 edits): p50 %.3f ms p99 %.3f ms" % (times[100]*1e3, times[198]*1e3))
status = open("/proc/%d/status" % p.pid).read()
print([l for l in status.split("\n") if l.startswith(("VmRSS", "VmHWM"))])
request("shutdown", None)
send({"jsonrpc": "2.0", "method": "exit"})
try:
    p.wait(timeout=30)
except subprocess.TimeoutExpired:
    p.kill()

#!/usr/bin/env node
// A stand-in for `dateline serve` in the editor tests (Neovim's test/unit.lua
// and VS Code's test/host): speaks just enough LSP over stdio and appends every
// message it receives (and the answer to its own workspace/configuration
// request) to the JSON-lines file given as argv[2], with its pid and the rest
// of its arguments (what the editor passed after the binary, e.g. `serve`).
'use strict';

const fs = require('node:fs');

const logFile = process.argv[2];
if (!logFile) {
  process.stderr.write('usage: fake-server.js LOGFILE [ARGS...]\n');
  process.exit(2);
}

const args = process.argv.slice(3);

function record(entry) {
  fs.appendFileSync(logFile, JSON.stringify({ pid: process.pid, args, ...entry }) + '\n');
}

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

let nextId = 1000;
const pending = new Map();

function handle(message) {
  if (message.method === undefined) {
    // A response to one of our requests.
    const method = pending.get(message.id);
    pending.delete(message.id);
    record({ response: method, result: message.result, error: message.error });
    return;
  }
  record({ method: message.method, params: message.params });
  switch (message.method) {
    case 'initialize':
      send({
        id: message.id,
        result: {
          capabilities: {
            textDocumentSync: 1,
            executeCommandProvider: { commands: ['dateline.reindex'] },
          },
          serverInfo: { name: 'fake-dateline' },
        },
      });
      break;
    case 'initialized': {
      const id = nextId++;
      pending.set(id, 'workspace/configuration');
      send({ id, method: 'workspace/configuration', params: { items: [{ section: 'dateline' }] } });
      break;
    }
    case 'workspace/executeCommand':
      send({ id: message.id, result: null });
      break;
    case 'shutdown':
      send({ id: message.id, result: null });
      break;
    case 'exit':
      process.exit(0);
      break;
    default:
      if (message.id !== undefined) {
        send({ id: message.id, error: { code: -32601, message: `unhandled ${message.method}` } });
      }
  }
}

let buffer = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) {
      return;
    }
    const header = buffer.subarray(0, headerEnd).toString('ascii');
    const match = /Content-Length: *(\d+)/i.exec(header);
    if (!match) {
      process.stderr.write(`bad header: ${header}\n`);
      process.exit(1);
    }
    const length = Number(match[1]);
    if (buffer.length < headerEnd + 4 + length) {
      return;
    }
    const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
    buffer = buffer.subarray(headerEnd + 4 + length);
    handle(JSON.parse(body));
  }
});
process.stdin.on('end', () => process.exit(0));

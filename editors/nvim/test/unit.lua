-- Checks for lua/dateline and lsp/dateline.lua, run by test/smoke.sh in a
-- headless Neovim started with -u NONE and editors/nvim on 'runtimepath'.
-- With `node` on PATH it also drives test/fake-server.js end to end: start per
-- root, initializationOptions, didChangeConfiguration, workspace/configuration,
-- language ids, and :DatelineReindex. Exits through :cquit on any failure.

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local dateline = require('dateline')

local failures = 0
local function out(line)
  io.stdout:write(line .. '\n')
end

local function test(name, fn)
  local ok, err = pcall(fn)
  if ok then
    out('ok: ' .. name)
  else
    failures = failures + 1
    out('FAIL: ' .. name .. ': ' .. tostring(err))
  end
end

local function eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(string.format('%s: expected %s, got %s', what or 'value', vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

-- Warnings from the plugin land here instead of on the terminal.
local notes = {}
vim.notify = function(message)
  table.insert(notes, message)
end

local function mkdir(path)
  vim.fn.mkdir(path, 'p')
  return path
end

local function write(path, text)
  local file = assert(io.open(path, 'w'))
  file:write(text)
  file:close()
  return path
end

-- JSON round trip: what the server would see.
local function wire(value)
  return vim.json.decode(vim.json.encode(value))
end

test('default settings are the contract shape', function()
  local settings = dateline.server_settings(nil)
  eq(wire(settings), { checks = { severity = vim.empty_dict() }, inlayHints = { dates = true, roles = false } }, 'settings')
  local json = vim.json.encode(settings)
  assert(json:find('"severity":{}', 1, true), 'an empty severity map must encode as {}, got ' .. json)
end)

test('user settings overlay the defaults', function()
  notes = {}
  local settings = dateline.server_settings({
    checks = { severity = { ['name/'] = 'Warning', ['date/event-mismatch'] = 'off', ['kb/'] = 'loud', [''] = 'error' } },
    inlayHints = { roles = true },
  })
  eq(wire(settings), {
    checks = { severity = { ['name/'] = 'warning', ['date/event-mismatch'] = 'off' } },
    inlayHints = { dates = true, roles = true },
  }, 'settings')
  eq(#notes, 2, 'number of warnings')
end)

test('settings of the wrong type are refused', function()
  local ok = pcall(dateline.server_settings, { inlayHints = { dates = 'yes' } })
  assert(not ok, 'inlayHints.dates = "yes" should be refused')
end)

test('config carries the settings in both places', function()
  local config = dateline.config({ cmd = { '/bin/cat' }, settings = { inlayHints = { dates = false } } })
  eq(config.cmd, { '/bin/cat' }, 'cmd')
  eq(config.filetypes, { 'markdown', 'text', 'toml', 'ann', 'tsv' }, 'filetypes')
  eq(config.root_markers, { 'dateline.toml', '.git' }, 'root_markers')
  eq(wire(config.init_options), wire(config.settings.dateline), 'init_options vs settings.dateline')
  eq(config.init_options.inlayHints.dates, false, 'inlayHints.dates')
  eq(config.get_language_id(0, 'text'), 'plaintext', 'language id of text')
  eq(config.get_language_id(0, 'ann'), 'brat-ann', 'language id of ann')
  eq(config.get_language_id(0, 'tsv'), 'webanno-tsv', 'language id of tsv')
  eq(config.get_language_id(0, 'markdown'), 'markdown', 'language id of markdown')
end)

test('lsp/dateline.lua agrees with require("dateline")', function()
  local file = dofile(here .. '/../lsp/dateline.lua')
  local config = dateline.config({})
  eq(file.cmd, config.cmd, 'cmd')
  eq(file.filetypes, config.filetypes, 'filetypes')
  eq(file.root_markers, config.root_markers, 'root_markers')
  eq(vim.json.encode(file.init_options.checks), vim.json.encode(config.init_options.checks), 'init_options.checks')
  eq(file.init_options.inlayHints, config.init_options.inlayHints, 'init_options.inlayHints')
  eq(wire(file.settings), wire(config.settings), 'settings')
  for _, filetype in ipairs(config.filetypes) do
    eq(file.get_language_id(0, filetype), config.get_language_id(0, filetype), 'language id of ' .. filetype)
  end
end)

local tmp = vim.fn.resolve(vim.fn.tempname())
local corpus = mkdir(tmp .. '/corpus')
mkdir(corpus .. '/articles/2024')
write(corpus .. '/dateline.toml', '')
local repo = mkdir(tmp .. '/repo')
mkdir(repo .. '/.git')
mkdir(repo .. '/notes')
local loose = mkdir(tmp .. '/loose')

test('find_root prefers dateline.toml, then .git, then the directory', function()
  eq(dateline.find_root(corpus .. '/articles/2024/a.md'), corpus, 'corpus root')
  eq(dateline.find_root(corpus .. '/dateline.toml'), corpus, 'corpus root from its own config')
  eq(dateline.find_root(repo .. '/notes/n.md'), repo, 'repository root')
  eq(dateline.find_root(loose .. '/x.md'), loose, 'no marker')
end)

test('setup registers filetypes and :DatelineReindex, and says when the binary is missing', function()
  notes = {}
  dateline.setup({ cmd = { tmp .. '/no/such/dateline', 'serve' } })
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(loose .. '/x.ann'))
  eq(vim.bo.filetype, 'ann', 'filetype of .ann')
  vim.cmd('edit ' .. vim.fn.fnameescape(loose .. '/x.tsv'))
  eq(vim.bo.filetype, 'tsv', 'filetype of .tsv')
  eq(vim.fn.exists(':DatelineReindex'), 2, ':DatelineReindex')
  eq(#notes, 1, 'warnings about the missing binary (once, not per buffer)')
  assert(notes[1]:find('is not executable', 1, true), notes[1])
  eq(#dateline.clients(), 0, 'clients started')
  vim.cmd('silent %bwipeout!')
end)

local function read_log(path)
  local entries = {}
  if vim.fn.filereadable(path) == 0 then
    return entries
  end
  for _, line in ipairs(vim.fn.readfile(path)) do
    local entry = vim.json.decode(line)
    entry.raw = line
    table.insert(entries, entry)
  end
  return entries
end

local function find(entries, pred)
  local found = {}
  for _, entry in ipairs(entries) do
    if pred(entry) then
      table.insert(found, entry)
    end
  end
  return found
end

local function method(name)
  return function(entry)
    return entry.method == name
  end
end

local function wait_for(path, what, pred)
  local ok = vim.wait(10000, function()
    return #find(read_log(path), pred) > 0
  end, 20)
  assert(ok, 'timed out waiting for ' .. what)
end

if vim.fn.executable('node') == 1 then
  local fake = here .. '/fake-server.js'
  local function uri(path)
    return vim.uri_from_fname(path)
  end

  test('end to end against a fake server', function()
    local log_a = tmp .. '/server-a.log'
    dateline.setup({
      cmd = { 'node', fake, log_a },
      settings = { checks = { severity = { ['name/'] = 'warning' } }, inlayHints = { roles = true } },
    })
    local expected = { checks = { severity = { ['name/'] = 'warning' } }, inlayHints = { dates = true, roles = true } }

    vim.cmd('edit ' .. vim.fn.fnameescape(corpus .. '/articles/2024/a.md'))
    wait_for(log_a, 'didOpen of a.md', method('textDocument/didOpen'))
    wait_for(log_a, 'the workspace/configuration answer', function(entry)
      return entry.response == 'workspace/configuration'
    end)
    local entries = read_log(log_a)
    local init = find(entries, method('initialize'))
    eq(#init, 1, 'initialize requests')
    eq(init[1].params.initializationOptions, expected, 'initializationOptions')
    eq(init[1].params.rootUri, uri(corpus), 'rootUri')
    local changed = find(entries, method('workspace/didChangeConfiguration'))
    assert(#changed >= 1, 'no workspace/didChangeConfiguration')
    eq(changed[1].params.settings, { dateline = expected }, 'didChangeConfiguration settings')
    local answer = find(entries, function(entry)
      return entry.response == 'workspace/configuration'
    end)
    eq(answer[1].result, { expected }, 'workspace/configuration answer')
    local opened = find(entries, method('textDocument/didOpen'))
    eq(opened[1].params.textDocument.languageId, 'markdown', 'languageId of a.md')

    -- A second file in the same corpus goes to the same server.
    vim.cmd('edit ' .. vim.fn.fnameescape(corpus .. '/articles/2024/a.ann'))
    wait_for(log_a, 'didOpen of a.ann', function(entry)
      return entry.method == 'textDocument/didOpen' and entry.params.textDocument.languageId == 'brat-ann'
    end)
    eq(#find(read_log(log_a), method('initialize')), 1, 'initialize requests after a second file')

    vim.cmd('DatelineReindex')
    wait_for(log_a, 'workspace/executeCommand', method('workspace/executeCommand'))
    local executed = find(read_log(log_a), method('workspace/executeCommand'))
    eq(executed[1].params, { command = 'dateline.reindex' }, 'executeCommand params')
  end)

  test('a second root gets its own server, empty severity goes out as {}', function()
    local log_b = tmp .. '/server-b.log'
    dateline.setup({ cmd = { 'node', fake, log_b } })
    vim.cmd('edit ' .. vim.fn.fnameescape(repo .. '/notes/n.txt'))
    wait_for(log_b, 'didOpen of n.txt', method('textDocument/didOpen'))
    local entries = read_log(log_b)
    local init = find(entries, method('initialize'))
    eq(#init, 1, 'initialize requests')
    if vim.fn.has('nvim-0.11') == 0 then
      eq(init[1].params.rootUri, uri(repo), 'rootUri')
    end
    assert(init[1].raw:find('"severity":{}', 1, true), 'severity should be {} on the wire: ' .. init[1].raw)
    eq(find(entries, method('textDocument/didOpen'))[1].params.textDocument.languageId, 'plaintext', 'languageId of n.txt')
  end)

  for _, client in ipairs(dateline.clients()) do
    client.stop(true)
  end
else
  out('skip: end-to-end tests (no node on PATH)')
end

vim.fn.delete(tmp, 'rf')
if failures > 0 then
  out(string.format('%d failed', failures))
  vim.cmd('cquit 1')
end
out('all passed')

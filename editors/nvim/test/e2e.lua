-- End to end: the plugin in a real headless Neovim (Debian's 0.7.2, and later
-- versions) driving the real `dateline serve` on a copy of fixtures/corpus.
--
--   DATELINE_E2E_BIN=/path/to/dateline DATELINE_E2E_CORPUS=/tmp/copy-of-corpus \
--     nvim --headless -u NONE --cmd 'set rtp+=editors/nvim' -c 'luafile editors/nvim/test/e2e.lua'
--
-- (0.7.2 has no `nvim -l`.) It opens articles/2021-11-17-border-clashes.md,
-- waits for the diagnostics, checks that they follow a KB file changed on
-- disk, asks for hover, definition and references, applies the `name/variant`
-- quick fix through Neovim's own apply_workspace_edit, and waits for that
-- diagnostic to go. Each step prints `ok: <step>` on stdout; the first failure
-- prints `FAIL: <step>: <why>` and exits 1 (:cquit). Run by
-- tests/editors_e2e.rs, which checks the exit code and that every step ran.
-- Waits are on conditions (vim.wait), never fixed sleeps.

local bin = os.getenv('DATELINE_E2E_BIN')
local corpus = os.getenv('DATELINE_E2E_CORPUS')
local timeout = tonumber(os.getenv('DATELINE_E2E_TIMEOUT_MS') or '') or 30000

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function has(feature)
  return vim.fn.has(feature) == 1
end

local function step(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    out('ok: ' .. name)
    return
  end
  out('FAIL: ' .. name .. ': ' .. tostring(err))
  vim.cmd('cquit 1')
end

local function check(cond, message, ...)
  if not cond then
    error(string.format(message, ...), 2)
  end
end

local function eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(string.format('%s: expected %s, got %s', what, vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

--- Waits (processing events) until `cond()` is true; `describe()` says what
--- was seen instead when it times out.
local function wait_for(what, cond, describe)
  if not vim.wait(timeout, cond, 20) then
    error(string.format('timed out after %d ms waiting for %s%s', timeout, what, describe and ('; last seen: ' .. describe()) or ''), 2)
  end
end

local function clients_of(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = 'dateline' })
  end
  local found = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'dateline' then
      table.insert(found, client)
    end
  end
  return found
end

local function all_clients()
  return require('dateline').clients()
end

local article_path = corpus and (corpus .. '/articles/2021-11-17-border-clashes.md')
local people_path = corpus and (corpus .. '/kb/people.toml')
local article, client, encoding

--- One request through Neovim's client, answered by the one dateline server.
local function request(method, params)
  local responses, err = vim.lsp.buf_request_sync(article, method, params, timeout)
  check(responses, '%s: no response (%s)', method, tostring(err))
  local response = responses[client.id]
  check(response, '%s: no response from the dateline client: %s', method, vim.inspect(responses))
  local failure = response.err or response.error
  check(not failure, '%s failed: %s', method, vim.inspect(failure))
  return response.result
end

--- The 0-based row and byte column of the `nth` (1-based) occurrence of
--- `needle` in the buffer.
local function find(bufnr, needle, nth)
  nth = nth or 1
  for row, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local from = 1
    while true do
      local col = line:find(needle, from, true)
      if not col then
        break
      end
      nth = nth - 1
      if nth == 0 then
        return row - 1, col - 1
      end
      from = col + 1
    end
  end
  error(string.format('%q is not in buffer %d', needle, bufnr), 2)
end

--- Text document position params for the cursor, as Neovim's own commands
--- (vim.lsp.buf.hover and friends) build them.
local function position_params()
  if has('nvim-0.11') then
    return vim.lsp.util.make_position_params(0, encoding)
  end
  return vim.lsp.util.make_position_params()
end

local function diagnostics_summary(bufnr)
  local found = vim.diagnostic.get(bufnr)
  table.sort(found, function(a, b)
    if a.lnum ~= b.lnum then
      return a.lnum < b.lnum
    end
    if a.col ~= b.col then
      return a.col < b.col
    end
    return tostring(a.code) < tostring(b.code)
  end)
  local summary = {}
  for _, d in ipairs(found) do
    -- 1-based line:column (bytes), as in expected.txt where the line is ASCII.
    table.insert(summary, string.format('%d:%d %s', d.lnum + 1, d.col + 1, tostring(d.code)))
  end
  return summary
end

local function wait_for_diagnostics(what, expected)
  wait_for(what, function()
    return vim.deep_equal(diagnostics_summary(article), expected)
  end, function()
    return vim.inspect(diagnostics_summary(article))
  end)
end

--- The LSP form of a vim.diagnostic entry, for a codeAction context.
local function to_lsp(bufnr, d)
  local lsp = d.user_data and d.user_data.lsp or {}
  if lsp.range then
    return lsp -- 0.10+ keeps the whole diagnostic
  end
  local function position(row, col)
    return { line = row, character = vim.lsp.util.character_offset(bufnr, row, col, encoding) }
  end
  return {
    range = { start = position(d.lnum, d.col), ['end'] = position(d.end_lnum, d.end_col) },
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = d.code,
  }
end

local function jump(location)
  if vim.lsp.util.show_document then
    vim.lsp.util.show_document(location, encoding, { focus = true })
  else
    vim.lsp.util.jump_to_location(location, encoding)
  end
end

step('environment', function()
  check(bin and bin ~= '', 'DATELINE_E2E_BIN is not set')
  check(vim.fn.executable(bin) == 1, 'DATELINE_E2E_BIN=%s is not executable', bin)
  check(corpus and vim.fn.filereadable(corpus .. '/dateline.toml') == 1, 'DATELINE_E2E_CORPUS=%s has no dateline.toml', tostring(corpus))
  out('info: ' .. vim.split(vim.fn.execute('version'), '\n', { trimempty = true })[1])
end)

step('setup and open the article', function()
  vim.o.hidden = true
  vim.cmd('filetype on')
  require('dateline').setup({ cmd = { bin, 'serve' } })
  vim.cmd('edit ' .. vim.fn.fnameescape(article_path))
  article = vim.api.nvim_get_current_buf()
  eq(vim.bo[article].filetype, 'markdown', 'filetype')
  wait_for('a dateline client to attach and initialize', function()
    local attached = clients_of(article)[1]
    if attached and attached.initialized then
      client = attached
      return true
    end
    return false
  end)
  encoding = client.offset_encoding
  eq(encoding, 'utf-16', 'offset encoding (the server answers utf-16 to a client that offers no choice)')
  eq(client.config.root_dir, corpus, 'root directory (the folder with dateline.toml)')
end)

step('diagnostics', function()
  local expected = {
    '7:28 date/cross-article',
    '14:16 name/variant',
    '15:59 name/variant',
    '19:31 name/inconsistent',
  }
  wait_for_diagnostics('the four findings of expected.txt', expected)
  local variant = vim.diagnostic.get(article, { lnum = 13 })[1]
  eq(variant.message, '`Nikol Pashinian` is a variant of `Nikol Pashinyan`; write `Nikol Pashinyan`', 'message')
  eq(variant.severity, vim.diagnostic.severity.WARN, 'severity')
  eq(variant.source, 'dateline', 'source')
  eq({ variant.end_lnum, variant.end_col }, { 13, 30 }, 'end of the underline')
end)

-- Neovim 0.7.2 has no didChangeWatchedFiles, and later versions turn it off
-- on Linux, so the server must notice files changing behind the editor's back
-- with its own watcher.
step('a KB change on disk', function()
  local original = table.concat(vim.fn.readfile(people_path, 'b'), '\n')
  local function write(text)
    local file = assert(io.open(people_path, 'wb'))
    file:write(text)
    file:close()
  end
  -- The corpus decides "Pashinian" is fine: both spellings become aliases.
  local accepted = original
    :gsub('\naliases = %["Pashinyan"%]\n', '\naliases = ["Pashinyan", "Nikol Pashinian", "Pashinian"]\n', 1)
    :gsub('\nvariants = %["Nikol Pashinian", "Pashinian"%]\n', '\n', 1)
  check(accepted ~= original and not accepted:find('variants = ["Nikol Pashinian"', 1, true), 'the KB entry of nikol-pashinyan has changed; update this test')
  write(accepted)
  wait_for_diagnostics('the name/variant findings to go after the KB changed on disk', {
    '7:28 date/cross-article',
    '19:31 name/inconsistent',
  })
  write(original)
  wait_for_diagnostics('them to come back after the KB was restored', {
    '7:28 date/cross-article',
    '14:16 name/variant',
    '15:59 name/variant',
    '19:31 name/inconsistent',
  })
end)

step('hover', function()
  -- Line 6 starts with "Türkiye": ü is two bytes but one UTF-16 unit, so the
  -- last letter of "Akar" is only inside the mention if Neovim converts the
  -- cursor's byte column to UTF-16.
  local row, col = find(article, 'Hulusi Akar')
  vim.api.nvim_win_set_cursor(0, { row + 1, col + #'Hulusi Aka' })
  local params = position_params()
  eq(params.position, { line = row, character = col + #'Hulusi Aka' - 1 }, 'position sent (UTF-16)')
  local hover = request('textDocument/hover', params)
  check(hover and hover.contents, 'no hover at "Hulusi Akar": %s', vim.inspect(hover))
  eq(hover.contents.kind, 'markdown', 'hover kind')
  local card = hover.contents.value
  check(vim.startswith(card, '**Hulusi Akar** · person'), 'hover card: %s', card)
  check(card:find('Minister of National Defence of Türkiye (2018-07-10 – 2023-06-04)', 1, true), 'the role held on the article date is missing: %s', card)
  -- What vim.lsp.buf.hover would show in its floating window.
  local lines = vim.lsp.util.convert_input_to_markdown_lines(hover.contents)
  check(vim.tbl_contains(lines, '**Hulusi Akar** · person'), 'hover lines: %s', vim.inspect(lines))
  eq(hover.range and hover.range.start, { line = row, character = col - 1 }, 'hover range start (UTF-16)')
end)

step('definition', function()
  local row, col = find(article, 'Hulusi Akar')
  vim.api.nvim_win_set_cursor(0, { row + 1, col + 2 })
  local result = request('textDocument/definition', position_params())
  check(result, 'no definition')
  local target = result[1] or result -- Location, Location[] or LocationLink[]
  local uri = target.uri or target.targetUri
  eq(vim.uri_to_fname(uri), people_path, 'definition file')
  -- What vim.lsp.buf.definition does with one result: jump there.
  jump(target)
  local kb = vim.api.nvim_get_current_buf()
  eq(vim.api.nvim_buf_get_name(kb), people_path, 'buffer after the jump')
  local cursor = vim.api.nvim_win_get_cursor(0)
  local line = vim.api.nvim_get_current_line()
  eq(line, 'id = "hulusi-akar"', 'line at the cursor')
  eq(line:sub(cursor[2] + 1), '"hulusi-akar"', 'text from the cursor')
  -- The KB buffer joins the same server (one client per corpus root).
  eq(vim.bo[kb].filetype, 'toml', 'KB filetype')
  wait_for('the KB buffer to attach to the same client', function()
    local attached = clients_of(kb)
    return #attached == 1 and attached[1].id == client.id
  end)
  eq(#all_clients(), 1, 'dateline clients running')
  vim.cmd('buffer ' .. article)
end)

step('references', function()
  local row, col = find(article, 'Hulusi Akar')
  vim.api.nvim_win_set_cursor(0, { row + 1, col })
  local params = position_params()
  params.context = { includeDeclaration = true }
  local result = request('textDocument/references', params)
  check(type(result) == 'table' and #result > 0, 'no references: %s', vim.inspect(result))
  -- What vim.lsp.buf.references puts in the quickfix list.
  local items = vim.lsp.util.locations_to_items(result, encoding)
  local files = {}
  for _, item in ipairs(items) do
    local rel = item.filename:sub(#corpus + 2)
    files[rel] = (files[rel] or 0) + 1
  end
  -- Every line of the corpus that names him (grep agrees), and his KB entry.
  eq(files, {
    ['kb/people.toml'] = 1,
    ['articles/2016-06-08-akar-in-baku.md'] = 3,
    ['articles/2018-07-10-new-chief.txt'] = 1,
    ['articles/2020-11-10-ceasefire.md'] = 1,
    ['articles/2021-10-05-defence-chiefs-in-georgia.md'] = 1,
    ['articles/2021-11-05-victory-reception.md'] = 2,
    ['articles/2021-11-17-border-clashes.md'] = 1,
    ['articles/2023-09-21-karabakh-offensive.md'] = 1,
    ['articles/impossible-date.md'] = 1,
  }, 'references per file')
  local here
  for _, item in ipairs(items) do
    if item.filename == article_path then
      here = item
    end
  end
  -- Quickfix columns are 1-based bytes: Neovim converted from UTF-16.
  eq({ here.lnum, here.col }, { row + 1, col + 1 }, 'quickfix position in this article')
  check(here.text:find('Hulusi Akar', 1, true), 'quickfix text: %s', here.text)

  params.context = { includeDeclaration = false }
  local without = request('textDocument/references', params)
  eq(#without, #result - 1, 'references without the declaration')
end)

--- Asks for the code actions at the diagnostic with `code` on `row` and
--- applies the one titled `title` the way vim.lsp.buf.code_action does.
local function apply_fix(row, code, title)
  local here = {}
  for _, d in ipairs(vim.diagnostic.get(article, { lnum = row })) do
    table.insert(here, to_lsp(article, d))
  end
  local target
  for _, d in ipairs(here) do
    if d.code == code then
      target = d
    end
  end
  check(target, 'no %s diagnostic on line %d: %s', code, row + 1, vim.inspect(here))
  local actions = request('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(article) },
    range = target.range,
    context = { diagnostics = here },
  })
  local titles, chosen = {}, nil
  for _, action in ipairs(actions or {}) do
    table.insert(titles, action.title)
    if action.title == title then
      chosen = action
    end
  end
  check(chosen, 'no %q among the code actions %s', title, vim.inspect(titles))
  eq(chosen.kind, 'quickfix', 'kind')
  check(chosen.edit, 'the quick fix has no edit: %s', vim.inspect(chosen))
  vim.lsp.util.apply_workspace_edit(chosen.edit, encoding)
  return target
end

step('code action', function()
  local row, col = find(article, 'Nikol Pashinian')
  local before = table.concat(vim.fn.readfile(article_path), '\n')
  local fixed = apply_fix(row, 'name/variant', 'Replace with `Nikol Pashinyan`')
  eq(fixed.range, { start = { line = row, character = col }, ['end'] = { line = row, character = col + 15 } }, 'diagnostic range')
  eq(vim.api.nvim_buf_get_lines(article, row, row + 2, false), {
    'Prime Minister Nikol Pashinyan asked Russia for help under the Collective Security Treaty',
    'Organization. Vladimir Putin discussed the situation with Pashinian by phone, the Kremlin',
  }, 'buffer after the edit')
  check(vim.bo[article].modified, 'the edit should leave the buffer modified (unsaved)')
  eq(table.concat(vim.fn.readfile(article_path), '\n'), before, 'the file on disk')
  -- The server saw the change (didChange): the fixed finding goes, and the
  -- lone "Pashinian" is now also a second spelling beside "Nikol Pashinyan".
  wait_for_diagnostics('the fixed diagnostic to disappear', {
    '7:28 date/cross-article',
    '15:59 name/inconsistent',
    '15:59 name/variant',
    '19:31 name/inconsistent',
  })
  -- Requests answer from the edited text: the fixed name is a plain mention.
  vim.api.nvim_win_set_cursor(0, { row + 1, col + #'Nikol Pashiny' })
  local hover = request('textDocument/hover', position_params())
  check(hover and vim.startswith(hover.contents.value, '**Nikol Pashinyan** · person'), 'hover on the fixed name: %s', vim.inspect(hover))

  -- The second one, where the variant and the inconsistency share a range.
  -- A lone surname is fixed to the surname (issue 12).
  row = find(article, 'with Pashinian')
  apply_fix(row, 'name/variant', 'Replace with `Pashinyan`')
  eq(vim.api.nvim_buf_get_lines(article, row, row + 1, false), {
    'Organization. Vladimir Putin discussed the situation with Pashinyan by phone, the Kremlin',
  }, 'buffer after the second edit')
  wait_for_diagnostics('both findings on line 15 to disappear', {
    '7:28 date/cross-article',
    '19:31 name/inconsistent',
  })
end)

step('shutdown', function()
  local ids = {}
  for _, c in ipairs(all_clients()) do
    table.insert(ids, c.id)
  end
  vim.lsp.stop_client(ids)
  wait_for('the server to exit after shutdown', function()
    return #all_clients() == 0
  end)
end)

vim.cmd('qall!')

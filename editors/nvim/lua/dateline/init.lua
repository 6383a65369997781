--- dateline: the dateline language server (`dateline serve`) for Neovim.
---
--- require("dateline").setup{
---   cmd = { "dateline", "serve" },                 -- how to start the server
---   settings = {                                    -- what the server reads
---     checks = { severity = { ["name/"] = "warning" } },
---     inlayHints = { dates = true, roles = false },
---   },
---   filetypes = { "markdown", "text", "toml", "ann", "tsv" },
--- }
---
--- On Neovim 0.11+ this is `vim.lsp.config('dateline', …)` plus
--- `vim.lsp.enable('dateline')`. On older versions (down to 0.7.2) a FileType
--- autocommand starts one client per corpus root (the nearest directory with
--- `dateline.toml`, else with `.git`, else the file's own directory) and
--- attaches each buffer to it.
---
--- The server reads one settings shape, in three places:
---   initializationOptions                         = <shape>
---   workspace/didChangeConfiguration  settings    = { dateline = <shape> }
---   workspace/configuration, section "dateline"   = <shape>
--- with <shape> = { checks = { severity = { [code-or-prefix] = level } },
---                  inlayHints = { dates = bool, roles = bool } }.

local M = {}

M.name = 'dateline'

--- How editors start the server.
M.default_cmd = { 'dateline', 'serve' }

--- Articles (Markdown, plain text, brat .txt), the knowledge base and
--- dateline.toml (TOML), brat .ann and WebAnno .tsv.
M.default_filetypes = { 'markdown', 'text', 'toml', 'ann', 'tsv' }

--- Searched upward in this order: a corpus root first, a repository second.
M.root_markers = { 'dateline.toml', '.git' }

--- The levels a check can be set to.
M.levels = { 'error', 'warning', 'info', 'hint', 'off' }

--- Language ids sent in textDocument/didOpen, the same as VS Code sends.
M.language_ids = {
  markdown = 'markdown',
  text = 'plaintext',
  toml = 'toml',
  ann = 'brat-ann',
  tsv = 'webanno-tsv',
}

local function has(feature)
  return vim.fn.has(feature) == 1
end

local function warn(message)
  vim.notify('dateline: ' .. message, vim.log.levels.WARN)
end

--- The language id for a filetype: the VS Code name where they differ.
function M.get_language_id(_, filetype)
  return M.language_ids[filetype] or filetype
end

-- vim.validate changed its signature in 0.11; this works the same everywhere.
local function check_type(name, value, expected, optional)
  if value == nil and optional then
    return
  end
  if type(value) ~= expected then
    error(string.format('dateline: %s should be a %s, got %s', name, expected, vim.inspect(value)), 3)
  end
end

local function is_level(value)
  return vim.tbl_contains(M.levels, value)
end

--- The server's settings: the defaults overlaid by `user` (same shape).
--- Severity entries with an unknown level are dropped with a warning. Empty
--- maps become `vim.empty_dict()` so they go out as JSON `{}`, not `[]`.
function M.server_settings(user)
  user = user or {}
  check_type('settings', user, 'table')
  local checks = user.checks or {}
  local hints = user.inlayHints or {}
  check_type('settings.checks', checks, 'table')
  check_type('settings.checks.severity', checks.severity, 'table', true)
  check_type('settings.inlayHints', hints, 'table')
  check_type('settings.inlayHints.dates', hints.dates, 'boolean', true)
  check_type('settings.inlayHints.roles', hints.roles, 'boolean', true)

  local severity = vim.empty_dict()
  for key, level in pairs(checks.severity or {}) do
    if type(key) ~= 'string' or key == '' or key:find('%s') then
      warn(string.format('checks.severity: %s is not a check code like "date/event-mismatch"; ignoring it', vim.inspect(key)))
    elseif type(level) ~= 'string' or not is_level(level:lower()) then
      warn(string.format('checks.severity[%q] = %s is not one of %s; ignoring it', key, vim.inspect(level), table.concat(M.levels, ', ')))
    else
      severity[key] = level:lower()
    end
  end

  local dates = hints.dates
  if dates == nil then
    dates = true
  end
  return {
    checks = { severity = severity },
    inlayHints = { dates = dates, roles = hints.roles == true },
  }
end

--- The client configuration shared by every route. `opts` as for `setup`.
function M.config(opts)
  opts = opts or {}
  local settings = M.server_settings(opts.settings)
  return {
    name = M.name,
    cmd = opts.cmd or M.default_cmd,
    filetypes = opts.filetypes or M.default_filetypes,
    root_markers = M.root_markers,
    init_options = settings,
    settings = { dateline = settings },
    get_language_id = M.get_language_id,
  }
end

--- Gives `.ann` files the filetype `ann` and `.tsv` files `tsv`.
function M.register_filetypes()
  if vim.filetype and vim.filetype.add then
    vim.filetype.add({ extension = { ann = 'ann', tsv = 'tsv' } })
  end
  if not has('nvim-0.8') then
    -- Before 0.8, filetype.vim does the detection unless g:do_filetype_lua
    -- is set, so vim.filetype.add alone would not be consulted.
    local group = vim.api.nvim_create_augroup('dateline_filetypes', { clear = true })
    for extension, filetype in pairs({ ann = 'ann', tsv = 'tsv' }) do
      vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
        group = group,
        pattern = '*.' .. extension,
        command = 'setfiletype ' .. filetype,
      })
    end
  end
end

--- The directory that holds `dateline.toml` above `path`, else the one that
--- holds `.git`, else the directory of `path` itself.
function M.find_root(path)
  local start = vim.fn.fnamemodify(path, ':p:h')
  for _, marker in ipairs(M.root_markers) do
    local dir = start
    while true do
      if (vim.uv or vim.loop).fs_stat(dir .. '/' .. marker) then
        return dir
      end
      local parent = vim.fn.fnamemodify(dir, ':h')
      if parent == dir then
        break
      end
      dir = parent
    end
  end
  return start
end

-- Fallback route (Neovim < 0.11): client ids by root directory.
local clients_by_root = {}
local fallback_config = nil
local warned_missing = false

local function start_config(root)
  local config = vim.deepcopy(fallback_config)
  config.root_dir = root
  config.root_markers = nil
  config.filetypes = nil
  if not has('nvim-0.10') then
    -- 0.10 and later send the settings after `initialized` themselves.
    config.on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end
  end
  return config
end

--- Starts (or reuses) the client for the buffer's root and attaches the buffer.
function M.attach(bufnr)
  if not fallback_config then
    return
  end
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.api.nvim_buf_get_option(bufnr, 'buftype') ~= '' then
    return
  end
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' or path:match('^%a[%w+.-]*://') then
    return -- not a file on disk
  end
  if vim.fn.executable(fallback_config.cmd[1]) ~= 1 then
    if not warned_missing then
      warned_missing = true
      warn(string.format('%q is not executable; install dateline or pass cmd = { "/path/to/dateline", "serve" } to setup()', fallback_config.cmd[1]))
    end
    return
  end
  local root = M.find_root(path)

  if vim.lsp.start then
    -- 0.8 to 0.10: vim.lsp.start reuses a client with the same name and root.
    vim.lsp.start(start_config(root), { bufnr = bufnr })
    return
  end

  -- 0.7: start_client once per root, then buf_attach_client.
  local id = clients_by_root[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(start_config(root))
    if not id then
      return -- start_client has already said why
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

--- The running dateline clients, on any version.
function M.clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = M.name })
  end
  local found = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do
    if client.name == M.name then
      table.insert(found, client)
    end
  end
  return found
end

--- Asks every dateline server to re-read its corpus from disk
--- (workspace/executeCommand "dateline.reindex", no arguments).
function M.reindex()
  local clients = M.clients()
  if #clients == 0 then
    warn('no dateline server is running')
    return
  end
  local params = { command = 'dateline.reindex' }
  local function done(err)
    if err then
      warn('reindex failed: ' .. (err.message or vim.inspect(err)))
    end
  end
  for _, client in ipairs(clients) do
    if has('nvim-0.11') then
      client:request('workspace/executeCommand', params, done)
    else
      client.request('workspace/executeCommand', params, done)
    end
  end
end

--- Configures and enables the server. See the top of this file for `opts`.
function M.setup(opts)
  opts = opts or {}
  check_type('opts', opts, 'table')
  check_type('cmd', opts.cmd, 'table', true)
  check_type('settings', opts.settings, 'table', true)
  check_type('filetypes', opts.filetypes, 'table', true)
  local config = M.config(opts)

  M.register_filetypes()
  pcall(vim.api.nvim_del_user_command, 'DatelineReindex')
  vim.api.nvim_create_user_command('DatelineReindex', M.reindex, {
    desc = 'dateline: re-read the corpus from disk',
  })

  if has('nvim-0.11') and vim.lsp.config and vim.lsp.enable then
    config.name = nil -- the name is the key
    vim.lsp.config(M.name, config)
    vim.lsp.enable(M.name)
    return
  end

  fallback_config = config
  local group = vim.api.nvim_create_augroup('dateline_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- Buffers opened before setup() ran already had their FileType event.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.api.nvim_buf_get_option(bufnr, 'filetype')) then
      M.attach(bufnr)
    end
  end
end

return M

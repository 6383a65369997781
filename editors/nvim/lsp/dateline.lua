-- dateline for Neovim 0.11+, as an `lsp/` config file: with this directory on
-- 'runtimepath' (or this file copied to ~/.config/nvim/lsp/dateline.lua),
--
--   vim.lsp.enable('dateline')
--
-- starts `dateline serve` for Markdown, text, TOML, brat .ann and WebAnno .tsv
-- buffers. Override any field with vim.lsp.config('dateline', { ... }); the
-- settings go under `init_options` and again under `settings.dateline`.
--
-- .ann/.tsv buffers need those filetypes:
--   vim.filetype.add({ extension = { ann = 'ann', tsv = 'tsv' } })
-- (require('dateline').setup{} does this for you).

local language_ids = {
  markdown = 'markdown',
  text = 'plaintext',
  toml = 'toml',
  ann = 'brat-ann',
  tsv = 'webanno-tsv',
}

local function settings()
  return {
    -- vim.empty_dict(): an empty map must reach the server as {}, not [].
    checks = { severity = vim.empty_dict() },
    inlayHints = { dates = true, roles = false },
  }
end

---@type vim.lsp.Config
return {
  cmd = { 'dateline', 'serve' },
  filetypes = { 'markdown', 'text', 'toml', 'ann', 'tsv' },
  root_markers = { 'dateline.toml', '.git' },
  init_options = settings(),
  settings = { dateline = settings() },
  get_language_id = function(_, filetype)
    return language_ids[filetype] or filetype
  end,
}

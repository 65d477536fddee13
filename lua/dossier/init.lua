-- Dossier: actors, sources and citations for drafts, from a corpus of articles.
local util = require("dossier.util")

local M = {}

--- The plugin's version; equal to require("dossier.core").version.
---@type string
M.version = "0.1.0"

local function cfg()
  return require("dossier.config")
end

--- Override the validated defaults, then attach the buffers already open
--- whose filetype is configured (and give the attached ones the new keys).
--- An invalid option is said in one message starting "(dossier) setup:",
--- and the previous configuration stays in force.
---@param opts? dossier.Config
---@return dossier.Config|nil options the configuration now in force; nil when opts are invalid
function M.setup(opts)
  local old = cfg().options.corpus
  local ok, new = pcall(cfg().setup, opts)
  if not ok then
    local msg = tostring(new):gsub("^%(dossier%) ", "")
    -- from an init file, said once startup is over: an error message while
    -- sourcing would come with Neovim's "Error detected while processing"
    if vim.v.vim_did_enter == 1 then
      util.error(msg)
    else
      vim.schedule(function()
        util.error(msg)
      end)
    end
    return nil
  end
  if new.corpus ~= old then
    require("dossier.corpus").reset()
  end
  require("dossier.highlights").setup()
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) then
      M.maybe_attach(buf)
    end
  end
  return new
end

--- :Dossier reload: open the corpus again from its files (after they
--- changed), then highlight the attached buffers afresh. The passage last
--- jumped to is forgotten: passage numbers may have changed.
---@return userdata|nil corpus the corpus now in use
function M.reload()
  local corpus = require("dossier.corpus")
  local c = corpus.reload()
  if package.loaded["dossier.sources"] then
    require("dossier.sources").forget()
  end
  if not c then
    corpus.get_or_report()
    return nil
  end
  local hl = require("dossier.highlight")
  for buf in pairs(hl.state) do
    if vim.api.nvim_buf_is_loaded(buf) then
      hl.refresh(buf)
    end
  end
  util.echo(("corpus reloaded: %d articles, %d actors"):format(#c:articles(), #c:actors()))
  return c
end

local ext_ft = { md = "markdown", markdown = "markdown", txt = "text", tex = "tex", eml = "mail" }

-- The filetype of buf, guessed from its extension when filetype detection
-- is off.
local function filetype(buf)
  local ft = vim.bo[buf].filetype
  if ft ~= "" then
    return ft
  end
  local name = vim.api.nvim_buf_get_name(buf)
  if name:match("COMMIT_EDITMSG$") then
    return "gitcommit"
  end
  return ext_ft[(name:match("%.([%w]+)$") or ""):lower()] or ""
end

--- Attach buf if it is a file buffer of one of the configured filetypes.
---@param buf? integer 0 or nil: the current buffer
---@return boolean attached
function M.maybe_attach(buf)
  buf = util.resolve_buf(buf)
  if vim.bo[buf].buftype ~= "" then
    return false
  end
  if vim.tbl_contains(cfg().options.filetypes, filetype(buf)) then
    return M.attach(buf)
  end
  return false
end

-- The keys of setup({ keymaps = ... }) in buf, to the <Plug> mappings; the
-- keys set before (another setup) are taken away first.
local function set_keymaps(buf)
  local commands = require("dossier.commands")
  for _, k in ipairs(vim.b[buf].dossier_keys or {}) do
    pcall(vim.keymap.del, k[1], k[2], { buffer = buf })
  end
  local set = {}
  for name, lhs in pairs(cfg().keymaps()) do
    for _, mode in ipairs(commands.get(name).plug) do
      local opts = { buffer = buf, remap = true, desc = "Dossier " .. name }
      vim.keymap.set(mode, lhs, commands.plug_lhs(name), opts)
      set[#set + 1] = { mode, lhs }
    end
  end
  vim.b[buf].dossier_keys = set
end

--- Attach Dossier to buf whatever its filetype: highlighting, completion
--- ('omnifunc', chaining the one set before; 'completefunc' when empty) and
--- the configured keys. Idempotent; run again (a FileType event, setup())
--- it brings completion and keys up to date.
---@param buf? integer 0 or nil: the current buffer
---@return boolean attached
function M.attach(buf)
  buf = util.resolve_buf(buf)
  require("dossier.highlights").setup()
  local o = cfg().options
  require("dossier.complete").attach(buf, { omnifunc = o.omnifunc, completefunc = o.completefunc })
  set_keymaps(buf)
  return require("dossier.highlight").attach(buf)
end

return M

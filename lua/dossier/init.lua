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
--- whose filetype is configured. Raises an error starting "(dossier) setup:"
--- on an invalid option; the previous configuration stays in force then.
---@param opts? dossier.Config
---@return dossier.Config options the configuration now in force
function M.setup(opts)
  local old = cfg().options.corpus
  local new = cfg().setup(opts)
  if new.corpus ~= old then
    require("dossier.corpus").reset()
  end
  require("dossier.highlights").setup()
  -- re-attach buffers already open
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) then
      M.maybe_attach(buf)
    end
  end
  return new
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

-- The keys of setup({ keymaps = ... }) in buf, to the <Plug> mappings.
local function set_keymaps(buf)
  local commands = require("dossier.commands")
  for name, lhs in pairs(cfg().keymaps()) do
    for _, mode in ipairs(commands.get(name).plug) do
      local opts = { buffer = buf, remap = true, desc = "Dossier " .. name }
      vim.keymap.set(mode, lhs, commands.plug_lhs(name), opts)
    end
  end
end

--- Attach Dossier to buf whatever its filetype: highlighting, 'omnifunc'
--- (when empty) and the configured keys. Idempotent.
---@param buf? integer 0 or nil: the current buffer
---@return boolean attached
function M.attach(buf)
  buf = util.resolve_buf(buf)
  local hl = require("dossier.highlight")
  if hl.is_attached(buf) then
    return true
  end
  require("dossier.highlights").setup()
  if cfg().options.omnifunc and vim.bo[buf].omnifunc == "" then
    vim.bo[buf].omnifunc = "v:lua.require'dossier.complete'.omnifunc"
  end
  set_keymaps(buf)
  return hl.attach(buf)
end

return M

-- Defaults, validation and the current configuration.
local native = require("dossier.native")
local util = require("dossier.util")

local M = {}

--- The options of `require("dossier").setup()`; every field is optional.
---@class dossier.Config
---@field corpus? string corpus directory; nil: the corpus shipped in the plugin's corpus/
---@field filetypes? string[] filetypes whose buffers are attached (highlight, omnifunc, keys)
---@field style? string citation style of :Dossier cite, one of require("dossier.core").styles
---@field highlight? boolean highlight actor mentions
---@field debounce? integer delay (ms) between an edit and the re-highlight of its lines
---@field max_bytes? integer buffers larger than this highlight only the rows in view
---@field max_line_bytes? integer lines longer than this are not highlighted
---@field keymaps? boolean|dossier.Keymaps false, true (the default keys) or keys by name
---@field omnifunc? boolean set 'omnifunc' in attached buffers (chaining the one a ftplugin set)
---@field completefunc? boolean set 'completefunc' in attached buffers where it is empty
---@field limit? integer passages asked for by :Dossier sources
---@field picker? "auto"|"telescope"|"fzf-lua"|"snacks"|"select" the picker of sources and cite
---@field auto_check? false|"save"|"idle" after :Dossier check: check again on save (or also idle)

--- Keys set in attached buffers; false leaves one out, nil keeps its default.
---@class dossier.Keymaps
---@field hover? string|false default "K"
---@field sources? string|false default "<Leader>ds" (Normal and Visual mode)
---@field cite? string|false default "<Leader>dc"
---@field back? string|false default "<Leader>db"
---@field mentions? string|false default "<Leader>dm"

--- The keys of keymaps = true, from the table of subcommands.
---@type table<string, string>
M.default_keymaps = require("dossier.commands").default_keys()

---@type dossier.Config
M.defaults = {
  -- corpus directory; nil means the corpus shipped with the plugin
  corpus = nil,
  -- filetypes whose buffers are attached (highlight, omnifunc, keymaps)
  filetypes = { "markdown", "text", "tex", "mail", "gitcommit" },
  -- citation style for :Dossier cite: "pandoc" | "footnote" | "inline" | "reference"
  -- (the core's styles, require("dossier.core").styles)
  style = "pandoc",
  -- highlight actor mentions
  highlight = true,
  -- delay (ms) between an edit and the re-highlight of the touched lines
  debounce = 150,
  -- buffers above this many bytes highlight only the visible lines
  max_bytes = 1024 * 1024,
  -- lines longer than this many bytes are not highlighted
  max_line_bytes = 10000,
  -- false (default), true (default keys) or a table {hover = "K", ...}
  keymaps = false,
  -- set 'omnifunc' of attached buffers; one a ftplugin set answers where
  -- Dossier has nothing to offer
  omnifunc = true,
  -- set 'completefunc' of attached buffers when it is empty (<C-x><C-u>)
  completefunc = true,
  -- number of passages asked for by :Dossier sources
  limit = 8,
  -- the picker of :Dossier sources and cite: "auto" (Telescope, fzf-lua or
  -- snacks.nvim, the first installed; else vim.ui.select), or one of
  -- "telescope", "fzf-lua", "snacks", "select"
  picker = "auto",
  -- after a :Dossier check in a buffer, check it again: "save" (on each
  -- write), "idle" (also after 'updatetime' without typing) or false
  auto_check = "save",
}

local function copy(t)
  return vim.deepcopy(t)
end

--- The configuration in force: the defaults with setup()'s options over
--- them, corpus an absolute path.
---@type dossier.Config
M.options = copy(M.defaults)
M.options.corpus = util.root .. "/corpus"

local function fail(msg)
  error("(dossier) setup: " .. msg, 0)
end

local function is_type(v, t)
  return type(v) == t
end

local validators = {
  corpus = function(v)
    if v ~= nil and not is_type(v, "string") then
      fail("corpus must be a directory path (string), got " .. type(v))
    end
  end,
  filetypes = function(v)
    if not is_type(v, "table") then
      fail("filetypes must be a list of strings, got " .. type(v))
    end
    for _, ft in ipairs(v) do
      if not is_type(ft, "string") then
        fail("filetypes must be a list of strings")
      end
    end
  end,
  style = function(v)
    -- the core's styles; without a core nothing can be cited, and the first
    -- use says how to build it
    local core = native.get()
    if core and not vim.tbl_contains(core.styles, v) then
      local styles = table.concat(core.styles, ", ")
      fail(("style must be one of %s, got %s"):format(styles, vim.inspect(v)))
    end
  end,
  highlight = function(v)
    if not is_type(v, "boolean") then
      fail("highlight must be a boolean, got " .. type(v))
    end
  end,
  omnifunc = function(v)
    if not is_type(v, "boolean") then
      fail("omnifunc must be a boolean, got " .. type(v))
    end
  end,
  completefunc = function(v)
    if not is_type(v, "boolean") then
      fail("completefunc must be a boolean, got " .. type(v))
    end
  end,
  keymaps = function(v)
    if is_type(v, "boolean") then
      return
    end
    if not is_type(v, "table") then
      fail("keymaps must be a boolean or a table, got " .. type(v))
    end
    for k, lhs in pairs(v) do
      if M.default_keymaps[k] == nil then
        fail("keymaps: unknown key " .. vim.inspect(k))
      end
      if lhs ~= false and not is_type(lhs, "string") then
        fail("keymaps." .. k .. " must be a string or false")
      end
    end
  end,
}

validators.picker = function(v)
  local ok = { auto = true, telescope = true, ["fzf-lua"] = true, snacks = true, select = true }
  if not ok[v] then
    local names = '"auto", "telescope", "fzf-lua", "snacks" or "select"'
    fail("picker must be " .. names .. ", got " .. vim.inspect(v))
  end
end

validators.auto_check = function(v)
  if v ~= false and v ~= "save" and v ~= "idle" then
    fail("auto_check must be false, \"save\" or \"idle\", got " .. vim.inspect(v))
  end
end

local function positive_int(name)
  return function(v)
    if not is_type(v, "number") or v < 0 or v ~= math.floor(v) then
      fail(name .. " must be a non-negative integer, got " .. vim.inspect(v))
    end
  end
end
validators.debounce = positive_int("debounce")
validators.max_bytes = positive_int("max_bytes")
validators.max_line_bytes = positive_int("max_line_bytes")
validators.limit = function(v)
  positive_int("limit")(v)
  if v < 1 then
    fail("limit must be at least 1")
  end
end

--- Validate opts and merge them over the defaults. Raises "(dossier) setup:
--- ..." on invalid options; the current options are left untouched then.
---@param opts? dossier.Config
---@return dossier.Config options the new configuration
function M.setup(opts)
  if opts == nil then
    opts = {}
  end
  if type(opts) ~= "table" then
    fail("expected a table, got " .. type(opts))
  end
  for k, v in pairs(opts) do
    local check = validators[k]
    if not check then
      fail("unknown option " .. vim.inspect(k))
    end
    check(v)
  end
  local new = copy(M.defaults)
  for k, v in pairs(opts) do
    new[k] = copy(v)
  end
  local dir = vim.fn.fnamemodify(vim.fn.expand(new.corpus or (util.root .. "/corpus")), ":p")
  new.corpus = dir:gsub("/$", "")
  M.options = new
  return new
end

--- The keys to set in attached buffers: {name = lhs}.
---@return table<string, string>
function M.keymaps()
  local k = M.options.keymaps
  if k == false then
    return {}
  end
  if k == true then
    return M.default_keymaps
  end
  local out = {}
  for name, lhs in pairs(M.default_keymaps) do
    local v = k[name]
    if v == nil then
      out[name] = lhs
    elseif v then
      out[name] = v
    end
  end
  return out
end

return M

-- A source for nvim-cmp: the items of lua/dossier/complete.lua (actor names
-- and "@key" citation keys) in attached buffers. Registered as "dossier"
-- when nvim-cmp is loaded (complete.attach does it on attach); add
-- `{ name = "dossier" }` to cmp's sources to use it. Requires nothing of
-- nvim-cmp's until register() runs.
local M = {}

---@class dossier.CmpSource
local Source = {}
Source.__index = Source

--- A new source object (what cmp.register_source takes).
---@return dossier.CmpSource
function M.new()
  return setmetatable({}, Source)
end

function Source:get_debug_name()
  return "dossier"
end

--- Only in buffers Dossier is attached to.
---@return boolean
function Source:is_available()
  return require("dossier.complete").enabled(vim.api.nvim_get_current_buf())
end

--- The items' textEdits count bytes.
---@return string
function Source:get_position_encoding_kind()
  return "utf-8"
end

--- "@" starts a citation key.
---@return string[]
function Source:get_trigger_characters()
  return { "@" }
end

--- A word, or "@" and a key (a Vim regex).
---@return string
function Source:get_keyword_pattern()
  return [[\%(@[[:alnum:]_:.-]*\|\k\+\)]]
end

--- The items for the text before the cursor (params.context, as nvim-cmp
--- gives it: cursor.row 1-based, cursor.col 1-based byte after the cursor).
---@param params table
---@param callback fun(response: table)
function Source:complete(params, callback)
  local ok, res = pcall(function()
    local c = require("dossier.corpus").get()
    local ctx = params.context
    if not c then
      return {}
    end
    local row, col = ctx.cursor.row - 1, ctx.cursor.col - 1
    return require("dossier.complete").lsp_items(c, ctx.cursor_line, row, col)
  end)
  if not ok then
    require("dossier.util").report_internal("completion", res)
    res = {}
  end
  callback({ items = res, isIncomplete = false })
end

local registered = nil

--- Register the source with nvim-cmp as "dossier", once; false when nvim-cmp
--- cannot be loaded.
---@return boolean
function M.register()
  if registered then
    return true
  end
  local ok, cmp = pcall(require, "cmp")
  if not ok or type(cmp) ~= "table" or not cmp.register_source then
    return false
  end
  registered = cmp.register_source("dossier", M.new())
  return true
end

return M

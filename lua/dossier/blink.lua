-- A provider for blink.cmp: the items of lua/dossier/complete.lua (actor
-- names and "@key" citation keys) in attached buffers. blink.cmp requires
-- this module itself when configured so:
--
--   sources = { default = { ..., "dossier" },
--     providers = { dossier = { name = "Dossier", module = "dossier.blink" } } }
--
-- It requires nothing of blink.cmp's.
local M = {}

---@class dossier.BlinkSource
local Source = {}
Source.__index = Source

--- A new source (blink.cmp calls it with the provider's opts and config).
---@return dossier.BlinkSource
function M.new(opts)
  return setmetatable({ opts = opts or {} }, Source)
end

--- Only in buffers Dossier is attached to.
---@return boolean
function Source:enabled()
  return require("dossier.complete").enabled(vim.api.nvim_get_current_buf())
end

--- "@" starts a citation key.
---@return string[]
function Source:get_trigger_characters()
  return { "@" }
end

--- The items for the text before the cursor (ctx.line, ctx.cursor = {row
--- 1-based, col 0-based byte}, as blink.cmp gives them); blink.cmp filters
--- and sorts them. Returns the cancel function blink.cmp may call.
---@param ctx table
---@param callback fun(response: table)
---@return fun()
function Source:get_completions(ctx, callback)
  local ok, res = pcall(function()
    local c = require("dossier.corpus").get()
    if not c then
      return {}
    end
    return require("dossier.complete").lsp_items(c, ctx.line, ctx.cursor[1] - 1, ctx.cursor[2])
  end)
  if not ok then
    require("dossier.util").report_internal("completion", res)
    res = {}
  end
  callback({ items = res, is_incomplete_backward = false, is_incomplete_forward = false })
  return function() end
end

return M

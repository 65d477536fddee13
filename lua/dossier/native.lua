-- The C core, `dossier.core`, loaded on first need. Its own module so that
-- config, text and corpus can all reach the core without requiring each
-- other (no require cycles).
local util = require("dossier.util")

local M = {}

--- The `dossier.core` module, or nil and a message saying how to fix it.
--- Not cached here: `require` caches a loaded module, and a failed load is
--- tried again (after `make`, the next call succeeds).
---@return table|nil core
---@return string|nil message
function M.get()
  local ok, mod = pcall(require, "dossier.core")
  if ok then
    return mod
  end
  local why = tostring(mod):match("[^\n]*") or tostring(mod)
  return nil,
    ("cannot load the C core lua/dossier/core.so (%s): run make in %s"):format(why, util.root)
end

return M

-- Small helpers shared by the Dossier modules: messages, the protection of
-- callbacks, the plugin's root, the buffer argument. Requires no other
-- Dossier module.
local M = {}

--- The plugin's root directory (the one holding lua/, plugin/, corpus/).
---@type string
M.root = (function()
  local src = debug.getinfo(1, "S").source:gsub("^@", "")
  src = vim.fn.fnamemodify(src, ":p")
  return (src:gsub("[/\\]lua[/\\]dossier[/\\]util%.lua$", ""))
end)()

--- vim.notify with the "(dossier) " prefix.
---@param msg string
---@param level? integer vim.log.levels.*, INFO by default
function M.notify(msg, level)
  vim.notify("(dossier) " .. msg, level or vim.log.levels.INFO)
end

---@param msg string
function M.error(msg)
  M.notify(msg, vim.log.levels.ERROR)
end

---@param msg string
function M.warn(msg)
  M.notify(msg, vim.log.levels.WARN)
end

--- A brief message in the command line (no history noise).
---@param msg string
function M.echo(msg)
  vim.api.nvim_echo({ { "(dossier) " .. msg } }, false, {})
end

local reported = {}

--- Where to report bugs (shown in internal error messages).
M.report_to = ":help dossier-bugs"

-- What the user should know after an internal error in a context.
local consequence = {
  highlight = "Highlighting is now off in that buffer (:Dossier toggle turns it back on). ",
}

--- Report an internal error once per context, with how to report it.
---@param where string the context: "highlight", ":Dossier cite", ...
---@param err any the error
function M.report_internal(where, err)
  if reported[where] then
    return
  end
  reported[where] = true
  M.error(
    ("internal error in %s: %s\n%sPlease report it, with this message and the output"
      .. " of :checkhealth dossier, at the Dossier issue tracker (see %s or README.md)."):format(
      where,
      tostring(err),
      consequence[where] or "",
      M.report_to
    )
  )
end

--- Forget which errors were reported (tests).
function M.reset_reports()
  reported = {}
end

--- fn wrapped to run protected: on error, report once for where and call
--- on_error(err) (itself protected).
---@generic F: function
---@param where string
---@param fn F
---@param on_error? fun(err: any)
---@return F
function M.safe(where, fn, on_error)
  return function(...)
    local ok, res = pcall(fn, ...)
    if ok then
      return res
    end
    M.report_internal(where, res)
    if on_error then
      pcall(on_error, res)
    end
  end
end

--- The buffer a caller means: buf itself, or the current buffer for nil or 0.
---@param buf? integer
---@return integer
function M.resolve_buf(buf)
  if buf == nil or buf == 0 then
    return vim.api.nvim_get_current_buf()
  end
  return buf
end

return M

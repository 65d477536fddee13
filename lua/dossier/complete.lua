-- 'omnifunc' offering actor names and aliases, and citation keys after "@".
local corpus = require("dossier.corpus")

local M = {}

local function candidates(c, base)
  local out = {}
  local lb = base:lower()
  if base:sub(1, 1) == "@" then
    for _, a in ipairs(c:articles()) do
      local w = "@" .. a.key
      if w:lower():sub(1, #lb) == lb then
        out[#out + 1] = { word = w, menu = "[source]", info = a.title }
      end
    end
    return out
  end
  for _, a in ipairs(c:actors()) do
    local seen = {}
    for _, list in ipairs({ { a.name }, a.aliases or {}, a.standins or {}, a.demonyms or {} }) do
      for _, name in ipairs(list) do
        if not seen[name] and name:lower():sub(1, #lb) == lb then
          seen[name] = true
          local info = a.name .. (a.role and (": " .. a.role) or "")
          out[#out + 1] = { word = name, menu = "[" .. a.kind .. "]", info = info }
        end
      end
    end
  end
  table.sort(out, function(x, y)
    return x.word < y.word
  end)
  return out
end

local function omnifunc(findstart, base)
  if findstart == 1 then
    local line = vim.api.nvim_get_current_line()
    local col = vim.api.nvim_win_get_cursor(0)[2]
    local start = col
    while start > 0 and line:sub(start, start):match("[%w_%-@]") do
      start = start - 1
    end
    return start
  end
  local c = corpus.get_or_report()
  if not c then
    return {}
  end
  return candidates(c, base)
end

--- 'omnifunc': actor names, aliases, stand-ins and demonyms, and "@key"
--- citation keys after "@". Protected: an internal error is reported once
--- and completion is cancelled (-3 leaves completion mode quietly), never an
--- error in the middle of typing.
---@param findstart integer
---@param base string
---@return integer|table[]
function M.omnifunc(findstart, base)
  local ok, res = pcall(omnifunc, findstart, base)
  if ok then
    return res
  end
  require("dossier.util").report_internal("completion", res)
  return findstart == 1 and -3 or {}
end

--- The completion items for base (complete-items), sorted.
---@type fun(c: userdata, base: string): table[]
M.candidates = candidates

return M

-- Opens the configured corpus on first need and caches it.
local util = require("dossier.util")
local config = require("dossier.config")
local native = require("dossier.native")

local M = {}

local cache = {} -- dir -> corpus
local failed = {} -- dir -> message (reported once)

--- The corpus of dir (default: the configured one), opened once and cached.
---@param dir? string
---@return userdata|nil corpus a dossier.corpus
---@return string|nil message why it cannot be opened
function M.get(dir)
  dir = dir or config.options.corpus
  if cache[dir] then
    return cache[dir]
  end
  if failed[dir] then
    return nil, failed[dir]
  end
  local core, err = native.get()
  if not core then
    return nil, err
  end
  local c, msg = core.open(dir)
  if not c then
    failed[dir] = ("cannot load corpus %s: %s"):format(dir, tostring(msg))
    return nil, failed[dir]
  end
  cache[dir] = c
  -- what it opened without (no actors.yaml): said once, not an error
  for _, notice in ipairs(c.notices and c:notices() or {}) do
    util.notify(notice)
  end
  return c
end

local told = {}

--- The corpus, or nil after reporting why (once per message).
---@param dir? string
---@return userdata|nil corpus
---@return string|nil message
function M.get_or_report(dir)
  local c, err = M.get(dir)
  if not c and not told[err] then
    told[err] = true
    util.error(err)
  end
  return c, err
end

-- corpus -> its articles by id and key; weak, so a closed corpus goes
local articles = setmetatable({}, { __mode = "k" })

--- The article tables of corpus c by id and by key (cached).
---@param c userdata
---@return table<string, table>
function M.articles(c)
  if articles[c] then
    return articles[c]
  end
  local by = {}
  for _, a in ipairs(c:articles()) do
    by[a.id] = a
    by[a.key] = a
  end
  articles[c] = by
  return by
end

--- The file of an article as an absolute path, or nil.
---@param c userdata
---@param id string article id or key
---@return string|nil
function M.article_path(c, id)
  local a = M.articles(c)[id]
  return a and vim.fn.fnamemodify(a.path, ":p") or nil
end

--- Open the corpus of dir (default: the configured one) afresh, its files
--- read again, and drop the old one (`:Dossier reload`). On failure the old
--- one is dropped too: what is on disk now is what counts.
---@param dir? string
---@return userdata|nil corpus
---@return string|nil message why it cannot be opened
function M.reload(dir)
  dir = dir or config.options.corpus
  local old = cache[dir]
  cache[dir], failed[dir] = nil, nil
  for msg in pairs(told) do
    if msg:find(dir, 1, true) then
      told[msg] = nil
    end
  end
  if old then
    pcall(old.close, old)
  end
  return M.get(dir)
end

--- Close and forget the cached corpora (setup with another corpus, tests).
function M.reset()
  for _, c in pairs(cache) do
    pcall(c.close, c)
  end
  cache, failed, told = {}, {}, {}
end

return M

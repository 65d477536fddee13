-- Opens the configured corpus on first need and caches it.
local util = require("dossier.util")
local config = require("dossier.config")
local native = require("dossier.native")

local M = {}

local cache = {} -- dir -> corpus
local failed = {} -- dir -> message (reported once)

-- The corpus of the configured directory: corpus | nil, message.
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
  return c
end

-- The corpus, or nil after reporting the error (once per directory).
local told = {}
function M.get_or_report(dir)
  local c, err = M.get(dir)
  if not c and not told[err] then
    told[err] = true
    util.error(err)
  end
  return c, err
end

-- Article tables by id and by key.
local articles = {}
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

-- The file of an article as an absolute path.
function M.article_path(c, id)
  local a = M.articles(c)[id]
  return a and vim.fn.fnamemodify(a.path, ":p") or nil
end

-- Forget cached corpora (tests, :Dossier reload).
function M.reset()
  for _, c in pairs(cache) do
    pcall(c.close, c)
  end
  cache, failed, told = {}, {}, {}
end

return M

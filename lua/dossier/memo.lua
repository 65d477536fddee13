-- The core's answers kept per corpus object, so that checking a draft again
-- asks the core only about the sentences that are new or edited since.
--
-- The core's answer to a sentence depends on the corpus and on the text (and
-- the options) it is given, nothing else: a key made of these gives the same
-- answer every time. The memo hangs off the corpus object itself (a weak-keyed
-- table): `:Dossier reload`, a reload by the file watcher, another corpus in
-- setup or a reset each make a new corpus object, so they start from an empty
-- memo, and a dropped corpus takes its memo with it. Positions are never kept:
-- only what the text alone decides.
--
-- Bounded: two generations of at most M.max_entries each. A key found in the
-- older one moves to the newer; when the newer is full it becomes the older
-- and the older is dropped (a cheap LRU: what was used since is kept). A key
-- longer than M.max_key (one long unpunctuated paragraph, edited again and
-- again) is answered anew every time, so the memo stays a few MiB at most.
local M = {}

--- Entries per generation (at most twice this many are kept per corpus).
M.max_entries = 4096
--- Bytes of the longest key kept.
M.max_key = 2048

-- corpus -> {new = {}, old = {}, n = entries in new}; weak keys: never keeps a corpus alive
local memos = setmetatable({}, { __mode = "k" })

--- The answer to key in corpus c: the one kept, or compute() kept.
---@generic T
---@param c userdata a dossier.corpus
---@param key string what decides the answer (text and options)
---@param compute fun(): T
---@return T
---@return boolean hit the answer was kept already
function M.get(c, key, compute)
  if #key > M.max_key then
    return compute(), false
  end
  local m = memos[c]
  if not m then
    m = { new = {}, old = {}, n = 0 }
    memos[c] = m
  end
  local v = m.new[key]
  if v ~= nil then
    return v, true
  end
  v = m.old[key]
  local hit = v ~= nil
  if not hit then
    v = compute()
  end
  if m.n >= M.max_entries then
    m.old, m.new, m.n = m.new, {}, 0
  end
  m.new[key], m.n = v, m.n + 1
  return v, hit
end

--- Whether an answer to key is kept for c (M.get would not compute it).
---@param c userdata
---@param key string
---@return boolean
function M.kept(c, key)
  local m = memos[c]
  return m ~= nil and (m.new[key] ~= nil or m.old[key] ~= nil)
end

--- How many answers are kept for c (for the tests).
---@param c userdata
---@return integer
function M.size(c)
  local m = memos[c]
  if not m then
    return 0
  end
  local n = m.n
  for k in pairs(m.old) do
    if m.new[k] == nil then
      n = n + 1
    end
  end
  return n
end

--- Forgets what is kept for c (nil: for every corpus).
---@param c? userdata
function M.clear(c)
  if c == nil then
    memos = setmetatable({}, { __mode = "k" })
  else
    memos[c] = nil
  end
end

return M

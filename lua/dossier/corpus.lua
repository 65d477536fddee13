-- The corpus: opened off the main loop, kept, and reloaded when its files
-- change.
--
-- A corpus of thousands of articles takes seconds to build (a cached one
-- tens of milliseconds), so it is opened by core.open_async on a thread of
-- the C core while Neovim goes on. The gazetteer comes first (a few ms), and
-- highlighting starts with it; the index follows. Where the main loop must
-- have an answer it waits a little, never more:
--   M.scanner()        highlighting: the corpus, or its gazetteer while the
--                      rest loads; waits at most GAZETTEER_WAIT_MS, once
--   M.get(), M.get_or_report()
--                      commands: the whole corpus; waits at most
--                      COMMAND_WAIT_MS, then says "(dossier) corpus is loading"
-- Other modules learn of a corpus arriving (gazetteer, whole, reloaded) with
-- M.on_ready(fn), and can ask M.loading(). The corpus directory is watched
-- (libuv fs_event): a change to an article, actors.yaml or dossier.yaml
-- reloads it, debounced by RELOAD_MS, with the old corpus in use until the
-- new one is there. vim.g.dossier_cache is core.open's cache option (nil:
-- $DOSSIER_CACHE, else ~/.cache/dossier/; "off"; "corpus"; or a directory).
-- Without libuv or core.open_async the corpus opens synchronously, as before.
local util = require("dossier.util")
local config = require("dossier.config")
local native = require("dossier.native")

local M = {}

M.GAZETTEER_WAIT_MS = 10
M.COMMAND_WAIT_MS = 200
M.POLL_MS = 5
M.WARM_POLL_MS = 10
M.RELOAD_MS = 300
M.PROGRESS_AFTER_MS = 500 -- loads shorter than this say nothing
M.PROGRESS_EVERY_MS = 250

local uv = vim.uv or vim.loop

local cache = {} -- dir -> corpus
local gazetteers = {} -- dir -> a corpus of the actors alone, while the rest loads
local failed = {} -- dir -> message (reported once)
local jobs = {} -- dir -> {pending, timer, started, reload}
local warmers = {} -- dir -> {pending, timer}: the related terms being worked out
local watchers = {} -- dir -> {event, timer}
local listeners = {}

local function now_ms()
  return uv.hrtime() / 1e6
end

-- warm: the second handle's related terms; prepare: an open off the main
-- loop also makes what the verdict reads of a small corpus's articles, so
-- the first check does not
local function open_opts(warm, prepare)
  return { cache = vim.g.dossier_cache, related_warm = warm or nil, prepare = prepare or nil }
end

--- Calls fn(dir, corpus, what) whenever a corpus arrives: what is
--- "gazetteer" (actors only, the rest still loading), "corpus" or "reload".
---@param fn fun(dir: string, corpus: userdata, what: string)
function M.on_ready(fn)
  listeners[#listeners + 1] = fn
end

local function tell(dir, c, what)
  for _, fn in ipairs(listeners) do
    local ok, err = pcall(fn, dir, c, what)
    if not ok then
      util.report_internal("corpus " .. what, err)
    end
  end
end

local function close_handle(h)
  if h and not h:is_closing() then
    h:stop()
    h:close()
  end
end

--- Keeps what c worked out for the words of claims (WordNet's related
--- words, about 40 µs a word) beside its cache, for the next Neovim
--- (corpus:save_related: nothing is written when nothing is new, nor when
--- caching is off). A cache directory that cannot be written only costs the
--- next session that time: said nowhere. Every corpus in use when c is nil.
---@param c? userdata
function M.save_related(c)
  for _, kept in pairs(c and { c } or cache) do
    if kept.save_related then
      pcall(kept.save_related, kept)
    end
  end
end

local saving_at_exit = false

-- Stops the warmer of dir (below), if any: its thread stops at its next
-- word, writes nothing and frees what it made; nothing waits for it. One
-- already saving may still replace a newer file: only work is lost (the
-- file is whole either way, and its words are worked out again).
local function stop_warmer(dir)
  local w = warmers[dir]
  if w then
    warmers[dir] = nil
    w.pending:cancel()
    close_handle(w.timer)
  end
end

-- Once a corpus is kept: what it worked out is saved when Neovim exits too
-- (hover and :Dossier sources ask about words between checks); a warmer
-- still at work is given up.
local function save_at_exit()
  if saving_at_exit or not vim.api.nvim_create_autocmd then
    return
  end
  saving_at_exit = true
  vim.api.nvim_create_autocmd("VimLeavePre", {
    group = vim.api.nvim_create_augroup("dossier_related", { clear = true }),
    callback = function()
      for dir in pairs(warmers) do
        stop_warmer(dir)
      end
      M.save_related()
    end,
  })
end

-- Whether the corpus of related_info() info has looked up related terms:
-- then it would not read the file this session (read at its first lookup).
local function looked(info)
  return info.computed + info.loaded > 0
end

-- The related terms of a small corpus's own words (WordNet's, some 80 ms
-- for five articles), worked out once for its cache so that a first check
-- finds them: by a second open of dir on a thread of its own (the cache
-- just made: a map), started once the corpus in use is there, so that it
-- is not held up (core.open's related_warm: nothing done when the file is
-- there already, or the corpus is big). That handle writes the file and is
-- closed; the one in use reads it at its first related lookup, or works
-- its words out as they come if it looked before the file was there.
local function start_warmer(dir, c)
  if cache[dir] ~= c then
    return -- closed or replaced since
  end
  local core = native.get()
  local info = c.related_info and c:related_info()
  -- started after whatever waited for the corpus (a command typed at once):
  -- if that has looked up words already, the work would only slow the
  -- command (two threads share the CPU); the check's own words are saved
  -- after it
  if warmers[dir] or not core or not core.open_async or not info or info.path == ""
    or looked(info)
  then
    return
  end
  local ok, p = pcall(core.open_async, dir, open_opts(true))
  if not ok then
    return -- only the first check's time is lost
  end
  local w = { pending = p, timer = uv.new_timer() }
  warmers[dir] = w
  w.timer:start(M.WARM_POLL_MS, M.WARM_POLL_MS, vim.schedule_wrap(function()
    if warmers[dir] ~= w then
      return
    end
    local done, msg = p:poll()
    local live = cache[dir] == c and c:related_info()
    if not done and not msg and live and looked(live) then
      stop_warmer(dir) -- as above: a check started meanwhile
    elseif done or msg then
      stop_warmer(dir)
      if done then
        pcall(done.close, done)
      end
    end
  end))
end

--- Whether the related terms of dir's corpus are being worked out ahead
--- (by a second handle, off the main loop).
---@param dir? string
---@return boolean
function M.warming(dir)
  return warmers[dir or config.options.corpus] ~= nil
end

local told = {}

-- Says msg once (the cache's notices: rebuilt, opened without a cache).
local function notice_once(msg)
  if msg and msg ~= "" and not told[msg] then
    told[msg] = true
    util.notify(msg, vim.log.levels.INFO)
  end
end

-- What c opened without (no actors.yaml, files passed over) and a cache
-- that could not be written: each said once, not as an error. (A cache
-- rebuilt, because a source changed or it was damaged, needs nothing from
-- the user: cache_info() says so to whoever asks.)
local function say_notices(c, info)
  for _, notice in ipairs(c.notices and c:notices() or {}) do
    notice_once(notice)
  end
  if info and info.state == "unavailable" then
    notice_once(info.notice)
  end
end

local watch -- below: starts watching dir
local forget -- below: drops what is known of dir

-- The end of an open: the corpus kept (or the failure), listeners told.
local function finish(dir, job, c, msg)
  jobs[dir] = nil
  close_handle(job.timer)
  if job.shown then
    util.echo("") -- clears the progress message
  end
  if not c then
    if job.reload and cache[dir] then
      util.warn(("corpus not reloaded (keeping the one loaded): %s"):format(tostring(msg)))
      return
    end
    failed[dir] = ("cannot load corpus %s: %s"):format(dir, tostring(msg))
    gazetteers[dir] = nil
    return
  end
  cache[dir] = c
  gazetteers[dir] = nil
  save_at_exit()
  local info = c.cache_info and c:cache_info()
  say_notices(c, info)
  if job.reload then
    local n = info and info.articles_indexed or 0
    util.echo(("corpus reloaded (%d article%s indexed again)"):format(n, n == 1 and "" or "s"))
  end
  watch(dir)
  tell(dir, c, job.reload and "reload" or "corpus")
  vim.schedule(function()
    start_warmer(dir, c)
  end)
end

-- One look at dir's open: takes the gazetteer and the corpus as they come.
local function poll(dir)
  local job = jobs[dir]
  if not job then
    return
  end
  local p = job.pending
  if not job.reload and not gazetteers[dir] then
    local g = p:gazetteer()
    if g then
      gazetteers[dir] = g
      tell(dir, g, "gazetteer")
    end
  end
  local c, msg = p:poll()
  if c or msg then
    finish(dir, job, c, msg)
    return
  end
  local t = now_ms()
  if t - job.started > M.PROGRESS_AFTER_MS and t - (job.said or 0) >= M.PROGRESS_EVERY_MS then
    local done, total = p:progress()
    if total > 0 then
      job.shown, job.said = true, t
      local where = vim.fn.fnamemodify(dir, ":~")
      if done < total then
        util.echo(("loading corpus %s: %d of %d articles"):format(where, done, total))
      else
        util.echo(("loading corpus %s: indexing %d articles"):format(where, total))
      end
    end
  end
end

-- Starts opening dir off the main loop; false when this Neovim or core
-- cannot (and the message when there is no core at all).
local function start(dir, reload)
  local core, err = native.get()
  if not core then
    failed[dir] = err
    return true
  end
  if not core.open_async or not uv or not uv.new_timer then
    return false
  end
  local ok, p = pcall(core.open_async, dir, open_opts(false, true))
  if not ok then
    failed[dir] = ("cannot load corpus %s: %s"):format(dir, tostring(p))
    return true
  end
  local job = { pending = p, started = now_ms(), reload = reload, timer = uv.new_timer() }
  jobs[dir] = job
  job.timer:start(M.POLL_MS, M.POLL_MS, vim.schedule_wrap(function()
    poll(dir)
  end))
  return true
end

-- Waits at most ms for `ready()`, polling dir's open (blocks the main loop
-- that long at most).
local function wait(dir, ms, ready)
  local deadline = now_ms() + ms
  while jobs[dir] and not ready() do
    poll(dir)
    if ready() or not jobs[dir] or now_ms() >= deadline then
      break
    end
    uv.sleep(1)
  end
end

-- The synchronous open of dir (no libuv or no open_async).
local function open_now(dir)
  local core, err = native.get()
  if not core then
    return nil, err
  end
  local c, msg = core.open(dir, open_opts())
  if not c then
    failed[dir] = ("cannot load corpus %s: %s"):format(dir, tostring(msg))
    return nil, failed[dir]
  end
  cache[dir] = c
  save_at_exit()
  say_notices(c, c.cache_info and c:cache_info())
  watch(dir)
  return c
end

local function loading_message(dir)
  local job = jobs[dir]
  local done, total = job.pending:progress()
  if total > 0 then
    return ("corpus is loading (%d of %d articles); try again in a moment"):format(done, total)
  end
  return "corpus is loading; try again in a moment"
end

--- The whole corpus of dir (default: the configured one). Starts opening it
--- on first need and waits at most COMMAND_WAIT_MS for it.
---@param dir? string
---@return userdata|nil corpus a dossier.corpus
---@return string|nil message why there is none: it cannot be opened, or is loading
---@return string|nil code "loading" while it loads
function M.get(dir)
  dir = dir or config.options.corpus
  local function settled()
    return cache[dir] ~= nil or failed[dir] ~= nil
  end
  if not settled() then
    if not jobs[dir] and not start(dir, false) then
      return open_now(dir)
    end
    wait(dir, M.COMMAND_WAIT_MS, settled)
  end
  if cache[dir] then
    return cache[dir]
  end
  if failed[dir] then
    return nil, failed[dir]
  end
  return nil, loading_message(dir), "loading"
end

--- The corpus, or nil after saying why: an error once per message, or that
--- it is still loading (every time: the answer to a command).
---@param dir? string
---@return userdata|nil corpus
---@return string|nil message
function M.get_or_report(dir)
  local c, err, code = M.get(dir)
  if not c then
    if code == "loading" then
      util.notify(err)
    elseif not told[err] then
      told[err] = true
      util.error(err)
    end
  end
  return c, err
end

--- What highlighting scans with: the corpus, or its gazetteer while the
--- index loads; nil while neither is there. Never waits more than
--- GAZETTEER_WAIT_MS (on the first call); reports a failure once.
---@param dir? string
---@return userdata|nil
function M.scanner(dir)
  dir = dir or config.options.corpus
  if cache[dir] or gazetteers[dir] then
    return cache[dir] or gazetteers[dir]
  end
  if not failed[dir] and not jobs[dir] then
    if not start(dir, false) then
      return (M.get_or_report(dir))
    end
    wait(dir, M.GAZETTEER_WAIT_MS, function()
      return cache[dir] ~= nil or gazetteers[dir] ~= nil or failed[dir] ~= nil
    end)
  end
  if failed[dir] then
    return (M.get_or_report(dir))
  end
  return cache[dir] or gazetteers[dir]
end

--- While dir's corpus loads: {done = n, total = n, stage = "gazetteer"|"index"}; else nil.
---@param dir? string
function M.loading(dir)
  local job = jobs[dir or config.options.corpus]
  if not job then
    return nil
  end
  local done, total, stage = job.pending:progress()
  return { done = done, total = total, stage = stage, reload = job.reload or false }
end

-- Forgets what is known of dir: its corpus, failure and messages, and any
-- open under way.
forget = function(dir)
  stop_warmer(dir)
  cache[dir], failed[dir], gazetteers[dir] = nil, nil, nil
  for msg in pairs(told) do
    if msg:find(dir, 1, true) then
      told[msg] = nil
    end
  end
  if jobs[dir] then
    jobs[dir].pending:cancel()
    close_handle(jobs[dir].timer)
    jobs[dir] = nil
  end
end

--- Opens dir again in the background (its files changed on disk); the
--- corpus in use stays until the new one is there.
---@param dir? string
function M.refresh(dir)
  dir = dir or config.options.corpus
  local keep = cache[dir]
  failed[dir] = nil
  stop_warmer(dir) -- the files changed: the reloaded corpus starts its own
  if jobs[dir] then
    jobs[dir].pending:cancel()
    close_handle(jobs[dir].timer)
    jobs[dir] = nil
  end
  if not start(dir, keep ~= nil) then
    cache[dir] = nil
    open_now(dir)
  end
end

-- The files a corpus is made of (the cache's own file and temporaries are not).
local function is_source(name)
  return name == nil
    or name == "actors.yaml"
    or name == "dossier.yaml"
    or ((name:match("%.md$") or name:match("%.txt$")) and not name:match("^%."))
end

watch = function(dir)
  if watchers[dir] or not uv or not uv.new_fs_event then
    return
  end
  local ev, timer = uv.new_fs_event(), uv.new_timer()
  if not ev or not timer then
    return
  end
  local ok = ev:start(dir, {}, function(err, name)
    if err or not is_source(name) then
      return
    end
    -- debounced: an editor's save is several events
    timer:stop()
    timer:start(M.RELOAD_MS, 0, vim.schedule_wrap(function()
      if watchers[dir] then
        M.refresh(dir)
      end
    end))
  end)
  if ok then
    watchers[dir] = { event = ev, timer = timer }
  else
    close_handle(timer)
    if not ev:is_closing() then
      ev:close()
    end
  end
end

-- corpus -> its articles by id and key; weak, so a dropped corpus goes
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

--- Opens the corpus of dir (default: the configured one) afresh, its files
--- read again (what changed: the cache tells), and drops the old one
--- (`:Dossier reload`); waits for it as a command does. On failure the old
--- one is dropped too: what is on disk now is what counts.
---@param dir? string
---@return userdata|nil corpus
---@return string|nil message why there is none: it cannot be opened, or is loading
function M.reload(dir)
  dir = dir or config.options.corpus
  local old = cache[dir]
  forget(dir)
  if old then
    pcall(old.close, old)
  end
  return M.get(dir)
end

--- Whether c is a corpus in use now: not closed or replaced by a reload
--- since it was taken (work done over time with it, as a check, stops
--- when it is not).
---@param c userdata
---@return boolean
function M.in_use(c)
  for _, kept in pairs(cache) do
    if kept == c then
      return true
    end
  end
  return false
end

--- Close and forget the corpora, stop loads and watchers (setup with another
--- corpus, tests).
function M.reset()
  for dir in pairs(warmers) do
    stop_warmer(dir)
  end
  for _, job in pairs(jobs) do
    job.pending:cancel()
    close_handle(job.timer)
  end
  for _, w in pairs(watchers) do
    close_handle(w.timer)
    close_handle(w.event)
  end
  M.save_related()
  for _, c in pairs(cache) do
    pcall(c.close, c)
  end
  cache, gazetteers, failed, jobs, watchers, told, warmers = {}, {}, {}, {}, {}, {}, {}
end

return M

-- first.lua — the first :Dossier check ever on a corpus, for bench/editor.sh,
-- in a fresh headless Neovim whose $XDG_CACHE_HOME is an empty directory:
-- no cache and no related-terms file. As a new user: :edit the draft
-- ($BENCH_TMP/check.md, build/bench/draft-300.md), which starts opening the
-- corpus off the main loop (highlighting asks for it), then :Dossier check.
-- Prints "name milliseconds" lines. $BENCH_FIRST_MODE:
--   ready    waits (the main loop free) until the corpus is there, then
--            until the plugin's second handle has worked out the related
--            terms of the corpus's own words and written <cache>.related
--            (corpus.warming()), then checks: first_ready from :edit until
--            the corpus is there (the cache built; seen by the plugin's poll,
--            every 5 ms), first_warmed from :edit until the file is written
--            (seen by the second handle's poll, every corpus.WARM_POLL_MS),
--            first_ever / first_ever_cpu the check's own wall and this
--            thread's CPU time until every marker is set, first_ever_hold its
--            longest hold of the main loop, first_ever_loaded the answers
--            read from the file, first_ever_lazy those the check worked out
--   at_once  :Dossier check as soon as :edit returns: first_at_once from the
--            command until every marker is set (its wait for the corpus
--            included, and a second command if the first was told the corpus
--            is loading), first_at_once_hold how long the command itself held
--            the main loop (a command waits for the corpus, at most
--            corpus.COMMAND_WAIT_MS)
local S = dofile(vim.env.BENCH_ROOT .. "/bench/editor/stats.lua")
local api = vim.api
local mode = vim.env.BENCH_FIRST_MODE or "ready"

vim.cmd("runtime plugin/dossier.lua")

-- The check of the current buffer (started at t0, its command holding
-- the main loop `hold`) until its last slice is done: ms since t0, the
-- longest hold of the main loop, this thread's CPU time since c0, the result.
local function finish(t0, hold, c0)
  local ms, cpu
  local res, longest = S.longest_hold(hold, function()
    local r = require("dossier.check").wait(0, 20000)
    ms, cpu = S.now() - t0, (S.cpu and S.cpu() or 0) - (c0 or 0)
    return r
  end)
  if not res or not res.done or #res.sentences == 0 then
    S.fail("the first :Dossier check did not finish")
  end
  return ms, longest, cpu, res
end

S.main(function()
  local cache = vim.env.XDG_CACHE_HOME
  if not cache or vim.fn.glob(cache .. "/dossier/*") ~= "" then
    S.fail("first.lua needs an empty $XDG_CACHE_HOME")
  end
  local corpus = require("dossier.corpus")
  local t_edit = S.now()
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.BENCH_TMP .. "/check.md"))
  if not corpus.loading() then
    S.fail("opening the draft did not start loading the corpus")
  end
  if mode == "at_once" then
    local t0 = S.now()
    vim.cmd("Dossier check")
    local hold = S.now() - t0
    if not require("dossier.check").shown(0) then
      -- told the corpus is loading: the user tries again once it is there
      vim.wait(20000, function()
        return corpus.loading() == nil
      end, 1)
      vim.cmd("Dossier check")
    end
    local ms = finish(t0, hold)
    S.put("first_at_once", ms)
    S.put("first_at_once_hold", hold)
    return
  end
  if not vim.wait(20000, function()
    return corpus.loading() == nil
  end, 1) then
    S.fail("the corpus did not load")
  end
  S.put("first_ready", S.now() - t_edit)
  local file = corpus.get():related_info().path
  if not vim.wait(20000, function()
    return not corpus.warming() and vim.fn.filereadable(file) == 1
  end, 1) then
    S.fail("the related terms were not written: " .. file)
  end
  S.put("first_warmed", S.now() - t_edit)
  local c0 = S.cpu and S.cpu() or 0
  local t0 = S.now()
  vim.cmd("Dossier check")
  local ms, hold, cpu, res = finish(t0, S.now() - t0, c0)
  S.put("first_ever", ms)
  S.put("first_ever_cpu", cpu)
  S.put("first_ever_hold", hold)
  S.put("first_ever_asked", res.asked)
  local info = corpus.get():related_info()
  S.put("first_ever_loaded", info.loaded)
  S.put("first_ever_lazy", info.computed)
end)

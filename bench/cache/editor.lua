-- editor.lua — how long Neovim's main loop is held while a draft opens with
-- a large corpus, for bench/cache.sh (the editor bench's method: times from
-- vim.loop.hrtime() inside a headless Neovim, plugin on 'runtimepath').
--
-- $BENCH_CORPUS the corpus, $BENCH_DRAFT the draft, $BENCH_CACHE the cache
-- option (a directory, or "off": every open a build). A 1 ms libuv timer
-- runs from before :edit until the corpus has loaded; the gaps between its
-- ticks are the times the main loop could not handle input. Prints "name
-- value" lines (milliseconds):
--   edit_bare       :edit of the draft with the plugin off
--   edit            :edit of the draft, the plugin on (loads the core, starts
--                   the corpus opening, highlights the rows in view)
--   first_marks     from :edit until the rows in view carry highlights
--   loaded          from :edit until the whole corpus is there
--   gap_max         the longest gap between ticks after :edit returned
--   gap_p99         the 99th percentile of those gaps
--   gaps_over_16    how many of them exceeded 16 ms
local S = dofile(vim.env.BENCH_ROOT .. "/bench/editor/stats.lua")
local uv = vim.uv or vim.loop
local api = vim.api

vim.cmd("runtime plugin/dossier.lua")

S.main(function()
  local cache = vim.env.BENCH_CACHE
  vim.g.dossier_cache = cache
  require("dossier").setup({ corpus = vim.env.BENCH_CORPUS })
  local draft = vim.env.BENCH_DRAFT

  -- Neovim alone: the same file, the plugin off
  vim.g.dossier_disable = true
  local t0 = S.now()
  vim.cmd("edit " .. vim.fn.fnameescape(draft))
  S.put("edit_bare", S.now() - t0)
  vim.cmd("bwipeout!")
  vim.g.dossier_disable = nil

  local gaps, last, ticking, t0 = {}, nil, true, nil
  local timer = uv.new_timer()
  timer:start(1, 1, function()
    local t = uv.hrtime() / 1e6
    if last and ticking then
      gaps[#gaps + 1] = t - last
      if t - last > 16 then
        io.stderr:write(("hold %.1f ms at %.0f ms\n"):format(t - last, t - (t0 or t)))
      end
    end
    last = t
  end)
  vim.wait(20) -- the timer running
  local corpus = require("dossier.corpus")
  t0 = S.now()
  vim.cmd("edit " .. vim.fn.fnameescape(draft .. ".copy.md"))
  local edit = S.now() - t0
  gaps = {} -- from here on: after :edit
  last = S.now()
  S.put("edit", edit)
  local ns = require("dossier.highlight").ns
  local function marked()
    return #api.nvim_buf_get_extmarks(0, ns, 0, -1, { limit = 1 }) > 0
  end
  if not vim.wait(10000, marked, 1) then
    S.fail("no highlights")
  end
  S.put("first_marks", S.now() - t0)
  if not vim.wait(120000, function() return corpus.loading() == nil end, 1) then
    S.fail("the corpus did not load")
  end
  local c = corpus.get()
  if not c then
    S.fail("no corpus")
  end
  S.put("loaded", S.now() - t0)
  vim.wait(200) -- the swap and what follows it
  ticking = false
  timer:stop()
  timer:close()
  local over = 0
  for _, g in ipairs(gaps) do
    if g > 16 then
      over = over + 1
    end
  end
  S.put("gap_max", S.pct(gaps, 100))
  S.put("gap_p99", S.pct(gaps, 99))
  S.put("gaps_over_16", over)
  S.put("ticks", #gaps)
end)

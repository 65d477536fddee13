-- open.lua — one-off editor timings in a fresh headless Neovim, for
-- bench/editor.sh. Prints "name milliseconds" lines. $BENCH_TMP holds copies
-- of the inputs under distinct names (one buffer each):
--   bare.md, cold.md, warm.md  build/bench/draft-10k.md
--   big.txt                    build/bench/wrapped-10mb.txt (over max_bytes)
--   check.md                   build/bench/draft-300.md
-- The plugin is sourced as Neovim would at startup, before any timing.
local S = dofile(vim.env.BENCH_ROOT .. "/bench/editor/stats.lua")
local api = vim.api
local dir = vim.env.BENCH_TMP
local RUNS = tonumber(vim.env.BENCH_WARM_RUNS or "5")

vim.cmd("runtime plugin/dossier.lua")

-- Rows [w0, w$] of the current window all checked for extmarks: true when
-- the rows in view carry highlights.
local function view_highlighted()
  local ns = require("dossier.highlight").ns
  local top, bot = vim.fn.line("w0") - 1, vim.fn.line("w$") - 1
  return #api.nvim_buf_get_extmarks(0, ns, { top, 0 }, { bot, -1 }, { limit = 1 }) > 0
end

local function background_done()
  local st = require("dossier.highlight").state[api.nvim_get_current_buf()]
  return st ~= nil and st.bg == nil
end

-- :edit path; returns ms until the view is highlighted and until the whole
-- buffer is (the background pass done).
-- Also the thread's CPU time until the view is highlighted.
local function open(path)
  local t0, c0 = S.now(), S.cpu and S.cpu() or 0
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  if not view_highlighted() and not vim.wait(5000, view_highlighted, 1) then
    S.fail("no highlights in view after opening " .. path)
  end
  local t_view, c_view = S.now() - t0, (S.cpu and S.cpu() or 0) - c0
  if not vim.wait(20000, background_done, 1) then
    S.fail("background highlighting did not finish on " .. path)
  end
  return t_view, S.now() - t0, c_view
end

S.main(function()
  -- Neovim alone: the same file with Dossier switched off
  vim.g.dossier_disable = true
  local t0 = S.now()
  vim.cmd("edit " .. dir .. "/bare.md")
  S.put("open_bare", S.now() - t0)
  vim.g.dossier_disable = nil

  -- first use: loads the core, the corpus and the plugin's modules
  local view, full, cpu = open(dir .. "/cold.md")
  S.put("open_view_cold", view)
  S.put("open_view_cold_cpu", cpu)
  S.put("open_full_cold", full)
  view, full, cpu = open(dir .. "/warm.md")
  S.put("open_view_warm", view)
  S.put("open_view_warm_cpu", cpu)
  S.put("open_full_warm", full)

  -- 10 MB, over max_bytes: the view only. A first :edit (not timed) warms
  -- Neovim's allocator for both timed ones.
  vim.g.dossier_disable = true
  for _, name in ipairs({ "big2.txt", "big.txt" }) do
    t0 = S.now()
    vim.cmd("edit " .. dir .. "/" .. name)
    local ms = S.now() - t0
    vim.cmd("bwipeout!")
    if name == "big.txt" then
      S.put("open_big_bare", ms)
    end
  end
  vim.g.dossier_disable = nil
  t0 = S.now()
  vim.cmd("edit " .. dir .. "/big2.txt")
  if not view_highlighted() then
    S.fail("no highlights in view in the 10 MB buffer")
  end
  S.put("open_big_view", S.now() - t0)
  vim.cmd("bwipeout!")

  -- hover on "Vladimir Putin" in the 10k-line draft
  vim.cmd("buffer " .. vim.fn.bufnr(dir .. "/warm.md"))
  vim.cmd("normal! 5000G")
  if vim.fn.search("Vladimir Putin", "W") == 0 then
    S.fail("no Vladimir Putin in draft-10k.md")
  end
  local hover = require("dossier.hover")
  for i = 0, RUNS do
    t0 = S.now()
    hover.hover()
    local ms = S.now() - t0
    if not hover.win then
      S.fail("no hover float")
    end
    hover.close()
    S.put(i == 0 and "hover_first" or "hover", ms)
  end

  -- :Dossier sources qf on the sentence under the cursor
  for i = 0, RUNS do
    t0 = S.now()
    vim.cmd("Dossier sources qf")
    local ms = S.now() - t0
    if #vim.fn.getqflist() == 0 then
      S.fail("no corroborating passage for the sentence at line " .. vim.fn.line("."))
    end
    vim.cmd("cclose")
    S.put(i == 0 and "sources_first" or "sources", ms)
  end

  -- :Dossier check on draft-300.md: until every marker is set (the last
  -- slice done), the thread's CPU time meanwhile, and the longest single
  -- hold of the main loop: the command itself (it runs the first slice),
  -- then the longest gap between ticks of a 1 ms timer while the rest runs
  -- (each gap is a slice, or whatever else held the loop, plus up to 1 ms)
  vim.cmd("edit " .. dir .. "/check.md")
  local check = require("dossier.check")
  -- runs 0 (first) to RUNS on the unchanged draft (later: its sentences'
  -- answers from the memo), then RUNS more each after one line is edited
  -- (a word put in at a sentence's start, a different sentence each time:
  -- the writer's re-check)
  local edited = 0
  for i = 0, 2 * RUNS do
    if i > RUNS then
      local prev = check.shown(0)
      local s = prev.sentences[1 + (edited * 7) % #prev.sentences]
      edited = edited + 1
      api.nvim_buf_set_text(0, s.row, s.col, s.row, s.col, { "Meanwhile, " })
    end
    local c0 = S.cpu and S.cpu() or 0
    t0 = S.now()
    vim.cmd("Dossier check")
    local ms, cpu
    local res, hold = S.longest_hold(S.now() - t0, function()
      local r = check.wait(0, 20000)
      ms, cpu = S.now() - t0, (S.cpu and S.cpu() or 0) - c0
      return r
    end)
    if not res or not res.done then
      S.fail(":Dossier check did not finish")
    end
    if
      #api.nvim_buf_get_extmarks(0, check.ns, 0, -1, {}) ~= #res.sentences
      or #res.sentences == 0
    then
      S.fail(":Dossier check left a marker out")
    end
    -- "_first" in a session after one that kept the related terms
    -- (bench/editor.sh; the first check ever is bench/editor/first.lua's)
    local tag = i == 0 and "_first" or (i > RUNS and "_edited" or "")
    if i > RUNS and res.asked == 0 then
      S.fail(":Dossier check after an edit asked the core nothing")
    end
    S.put("check_asked" .. tag, res.asked)
    S.put("check" .. tag, ms)
    S.put("check_cpu" .. tag, cpu)
    S.put("check_hold" .. tag, hold)
    S.put("check_slice" .. tag, res.longest_slice_ms)
    S.put("check_slices" .. tag, res.slices)
  end
end)

-- plugin.lua — the plugin's side of bench/lsp.sh: the same work as the
-- language server, done in-process by the plugin in a headless Neovim.
--   check     require("dossier.check").run(buf) on the draft (what :Dossier
--             check does: the server's diagnostics)
--   hover     the card of the mention at each position (text.span_at_cursor
--             and hover.card, what :Dossier hover shows, without the float)
--   complete  the omnifunc's candidates for the first 3 letters of the mention
--   rss       Neovim's resident set growth from loading the plugin's modules,
--             the core and the corpus and running the check (KiB)
-- $BENCH_DRAFT: the draft; $BENCH_POSITIONS: "line bytecol u16col prefix"
-- lines from bench/lsp/latency.c; $BENCH_RUNS (20) checks, $BENCH_REQUESTS
-- (200) hovers and completions. Prints "name value" lines.
local S = dofile(vim.env.BENCH_ROOT .. "/bench/editor/stats.lua")
local api = vim.api

local function rss_kib()
  for line in io.lines("/proc/self/status") do
    local v = line:match("^VmRSS:%s+(%d+)")
    if v then
      return tonumber(v)
    end
  end
end

S.main(function()
  local runs = tonumber(vim.env.BENCH_RUNS or "20")
  local requests = tonumber(vim.env.BENCH_REQUESTS or "200")
  local positions = {}
  for line in io.lines(vim.env.BENCH_POSITIONS) do
    local l, b, _, prefix = line:match("^(%d+) (%d+) (%d+) (.+)$")
    positions[#positions + 1] = { row = tonumber(l), col = tonumber(b), prefix = prefix }
  end
  if #positions == 0 then
    S.fail("no positions")
  end
  collectgarbage("collect")
  local before = rss_kib()
  vim.cmd("runtime plugin/dossier.lua")
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.BENCH_DRAFT))
  local buf = api.nvim_get_current_buf()
  local check = require("dossier.check")
  local hover = require("dossier.hover")
  local text = require("dossier.text")
  local complete = require("dossier.complete")
  local c = require("dossier.corpus").get()
  if not c then
    S.fail("no corpus")
  end
  local t = {}
  for i = 1, runs do
    local t0 = S.now()
    check.run(buf, false, { wait = true })
    t[i] = S.now() - t0
  end
  S.put("check_p50", S.pct(t, 50))
  S.put("check_p99", S.pct(t, 99))
  collectgarbage("collect")
  S.put("rss_kib", rss_kib() - before)

  local win = api.nvim_get_current_win()
  t = {}
  for i = 1, requests do
    local p = positions[(i - 1) % #positions + 1]
    local t0 = S.now()
    api.nvim_win_set_cursor(win, { p.row + 1, p.col + 1 })
    local sp = text.span_at_cursor(c, win)
    if sp and sp.actor then
      hover.card(sp.actor, sp)
    end
    t[i] = S.now() - t0
  end
  S.put("hover_p50", S.pct(t, 50))
  S.put("hover_p99", S.pct(t, 99))

  t = {}
  for i = 1, requests do
    local p = positions[(i - 1) % #positions + 1]
    local t0 = S.now()
    complete.candidates(c, p.prefix)
    t[i] = S.now() - t0
  end
  S.put("complete_p50", S.pct(t, 50))
  S.put("complete_p99", S.pct(t, 99))
end)

-- firstuse.lua — first-use costs in a fresh headless Neovim, for
-- bench/startup.sh. Prints "name milliseconds" lines:
--   core_require   require("dossier.core") (loads lua/dossier/core.so)
--   corpus_open    core.open("corpus"), the first time in this process
--                  (and _cpu: this thread's CPU time)
--   corpus_reopen  core.open("corpus") again (5 times), then closed
--   edit_bare      :edit doc/sample-draft.md with the plugin switched off
--   edit_first     :edit of a copy with the plugin: its first use (modules,
--                  core, corpus, highlighting of the draft)
-- Run with a fresh Neovim each time (the first timings are one-off).
local S = dofile(vim.env.BENCH_ROOT .. "/bench/editor/stats.lua")
local root = vim.env.BENCH_ROOT
local mode = vim.env.BENCH_MODE

S.main(function()
  if mode == "core" then
    local t0 = S.now()
    local core = require("dossier.core")
    S.put("core_require", S.now() - t0)
    t0 = S.now()
    local c0 = S.cpu and S.cpu() or 0
    local c, err = core.open(root .. "/corpus")
    if not c then
      S.fail("core.open: " .. tostring(err))
    end
    S.put("corpus_open", S.now() - t0)
    S.put("corpus_open_cpu", (S.cpu and S.cpu() or 0) - c0)
    c:close()
    for _ = 1, 5 do
      t0 = S.now()
      c = core.open(root .. "/corpus")
      S.put("corpus_reopen", S.now() - t0)
      c:close()
    end
  else
    vim.cmd("runtime plugin/dossier.lua")
    vim.g.dossier_disable = true
    local t0 = S.now()
    vim.cmd("edit " .. vim.env.BENCH_TMP .. "/bare.md")
    S.put("edit_bare", S.now() - t0)
    vim.g.dossier_disable = nil
    t0 = S.now()
    local c0 = S.cpu and S.cpu() or 0
    vim.cmd("edit " .. vim.env.BENCH_TMP .. "/first.md")
    local ms = S.now() - t0
    S.put("edit_first_cpu", (S.cpu and S.cpu() or 0) - c0)
    if #require("dossier.highlight").marks(0) == 0 then
      S.fail("the sample draft was not highlighted")
    end
    S.put("edit_first", ms)
  end
end)

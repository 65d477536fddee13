-- edits.lua — cost per edit in a headless Neovim, for bench/editor.sh.
-- Four buffers hold build/bench/draft-10k.md: Neovim alone, Dossier, and the
-- naive highlighter (naive.lua) in its "lines" and "full" modes. Edit i of
-- the script is applied to each buffer in turn, and timed from before the
-- API call (which runs the on_lines callbacks) to after the re-highlighting
-- it triggers, run at once instead of after the debounce (Dossier's
-- highlight.flush_now, naive.flush). Prints "name milliseconds" lines.
-- Environment: BENCH_ROOT, BENCH_DRAFT, BENCH_ALIASES, BENCH_EDITS (1000),
-- BENCH_FULL_EDITS (edits timed for the whole-buffer naive mode, 30).
local S = dofile(vim.env.BENCH_ROOT .. "/bench/editor/stats.lua")
local naive = dofile(vim.env.BENCH_ROOT .. "/bench/editor/naive.lua")
local api = vim.api

local N = tonumber(vim.env.BENCH_EDITS or "1000")
local NFULL = tonumber(vim.env.BENCH_FULL_EDITS or "30")

local NAMES = {
  "Vladimir Putin ",
  "Kim Jong Un ",
  "Sergei Lavrov ",
  "the Kremlin ",
  "Pyongyang ",
  "North Korea ",
}

-- A column just after a space of line, picked by i (0 when there is none):
-- always a character boundary.
local function space_col(line, i)
  if #line == 0 then
    return 0
  end
  local c = line:find(" ", (i * 37) % #line + 1, true)
  return c or 0
end

-- Edit i of the script. It depends only on i and the text, so every buffer
-- (all holding the same text) gets the same edit. Rows are spread over the
-- whole buffer.
local function edit(buf, i)
  local n = api.nvim_buf_line_count(buf)
  local row = (i * 7919) % n
  local line = api.nvim_buf_get_lines(buf, row, row + 1, false)[1]
  local col = space_col(line, i)
  local kind = i % 5
  if kind == 0 then -- type an actor's name
    api.nvim_buf_set_text(buf, row, col, row, col, { NAMES[i % #NAMES + 1] })
  elseif kind == 1 then -- type one character
    api.nvim_buf_set_text(buf, row, col, row, col, { "a" })
  elseif kind == 2 then -- a name broken across two lines
    api.nvim_buf_set_text(buf, row, col, row, col, { "Kim Jong", "Un " })
  elseif kind == 3 then -- delete the next word
    local e = line:find("[ ,.]", col + 2)
    if e then
      api.nvim_buf_set_text(buf, row, col, row, e - 1, { "" })
    else
      api.nvim_buf_set_text(buf, row, col, row, col, { "b" })
    end
  else -- join with the next line (balances the line breaks added)
    local nxt = api.nvim_buf_get_lines(buf, row + 1, row + 2, false)[1]
    if nxt then
      api.nvim_buf_set_lines(buf, row, row + 2, false, { line .. " " .. nxt })
    else
      api.nvim_buf_set_text(buf, row, 0, row, 0, { "c" })
    end
  end
end

local function new_buf(lines)
  local buf = api.nvim_create_buf(true, false)
  api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  return buf
end

S.main(function()
  local lines = vim.fn.readfile(vim.env.BENCH_DRAFT)
  S.put("aliases", naive.load(vim.env.BENCH_ALIASES))
  local hl = require("dossier.highlight")
  if not require("dossier.corpus").get() then
    S.fail("cannot load the default corpus")
  end

  local bare = new_buf(lines)
  local dos = new_buf(lines)
  local nlines = new_buf(lines)
  local nfull = new_buf(lines)
  hl.attach(dos)
  if not vim.wait(30000, function()
    return hl.state[dos].bg == nil
  end, 1) then
    S.fail("Dossier's first highlighting did not finish")
  end
  naive.attach(nlines, "lines")
  naive.attach(nfull, "full")

  if not S.cpu then
    S.fail("no CPU clock (LuaJIT's ffi)")
  end
  -- wall time (hrtime) and this thread's CPU time of each step
  local t = {
    bare = {},
    dossier = {},
    dossier_sync = {},
    dossier_rescan = {},
    naive_lines = {},
    naive_full = {},
    bare_cpu = {},
    dossier_cpu = {},
    naive_lines_cpu = {},
  }
  for i = 1, N do
    local t0, c0 = S.now(), S.cpu()
    edit(bare, i)
    t.bare[i], t.bare_cpu[i] = S.now() - t0, S.cpu() - c0

    t0, c0 = S.now(), S.cpu()
    edit(dos, i)
    local t1 = S.now()
    hl.flush_now(dos)
    local t2 = S.now()
    t.dossier[i], t.dossier_sync[i], t.dossier_rescan[i] = t2 - t0, t1 - t0, t2 - t1
    t.dossier_cpu[i] = S.cpu() - c0

    t0, c0 = S.now(), S.cpu()
    edit(nlines, i)
    naive.flush(nlines, "lines")
    t.naive_lines[i], t.naive_lines_cpu[i] = S.now() - t0, S.cpu() - c0

    if i <= NFULL then
      t0 = S.now()
      edit(nfull, i)
      naive.flush(nfull, "full")
      t.naive_full[i] = S.now() - t0
    end
  end

  -- the edits were the same everywhere, and Dossier's incremental result
  -- equals highlighting the final text from scratch
  local final = api.nvim_buf_get_lines(bare, 0, -1, false)
  for _, b in ipairs({ dos, nlines }) do
    if not vim.deep_equal(api.nvim_buf_get_lines(b, 0, -1, false), final) then
      S.fail("the buffers diverged")
    end
  end
  -- Short forms ("Kim") resolve from the 600 bytes before them in both, but
  -- the whole-text fallbacks of the core only apply in a whole scan: the
  -- extents must be equal, the groups may differ only there.
  local marks = hl.marks(dos)
  hl.update_rows(dos, 0, #final - 1)
  local whole = hl.marks(dos)
  if #marks ~= #whole then
    S.fail(("incremental highlights (%d) differ from a full rescan (%d)"):format(#marks, #whole))
  end
  local short = 0
  for i, m in ipairs(marks) do
    local w = whole[i]
    if m[1] ~= w[1] or m[2] ~= w[2] or m[3] ~= w[3] or m[4] ~= w[4] then
      S.fail(("highlight %d: %s after the edits, %s in a full rescan"):format(i, vim.inspect(m), vim.inspect(w)))
    end
    if m[5] ~= w[5] then
      if m[5] ~= "DossierAmbiguous" and w[5] ~= "DossierAmbiguous" then
        S.fail(("highlight %d: group %s after the edits, %s in a full rescan"):format(i, m[5], w[5]))
      end
      short = short + 1
    end
  end
  S.put("marks", #marks)
  S.put("short_forms_resolved_differently", short)

  -- added by the plugin: per edit, its buffer's time minus Neovim alone
  local added, added_cpu, naive_added = {}, {}, {}
  for i = 1, N do
    added[i] = t.dossier[i] - t.bare[i]
    added_cpu[i] = t.dossier_cpu[i] - t.bare_cpu[i]
    naive_added[i] = t.naive_lines[i] - t.bare[i]
  end
  t.dossier_added, t.dossier_added_cpu, t.naive_lines_added = added, added_cpu, naive_added
  S.put("edits", N)
  S.put("full_edits", NFULL)
  for name, xs in pairs(t) do
    S.put(name .. "_p50", S.pct(xs, 50))
    S.put(name .. "_p99", S.pct(xs, 99))
    S.put(name .. "_max", S.pct(xs, 100))
  end
end)

-- Issue 11: a check a writer can act on: one marker per sentence at its
-- end, in order on screen; diagnostics sorted by severity; a location list
-- of what needs attention; the supporting source named; every unverified
-- sentence reported; stale marks cleared after edits, the check run again
-- on save (or when idle, when asked).
local T = require("tap")
local H = require("helpers")
local api = vim.api

local check = require("dossier.check")

local function marks(buf)
  local out = {}
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, check.ns, 0, -1, { details = true })) do
    out[#out + 1] = { row = m[2], col = m[3], chunks = m[4].virt_text }
  end
  return out
end

-- The screen's text of row (1-based), as drawn.
local function screen_row(row)
  vim.cmd("redraw!")
  local cells = {}
  for col = 1, vim.o.columns do
    cells[#cells + 1] = vim.fn.screenstring(row, col)
  end
  return table.concat(cells)
end

T.test("check: one marker per sentence, at its end, in order on screen", function()
  local buf = H.open_draft()
  local res = check.run(buf, false, { wait = true })
  local ms = marks(buf)
  T.eq(#ms, #res.sentences, "one marker per prose sentence")
  for i, s in ipairs(res.sentences) do
    T.eq({ ms[i].row, ms[i].col }, { s.end_row, s.end_col }, "marker " .. i .. " at its end")
    T.eq(#ms[i].chunks, 1, "one chunk")
    T.eq(ms[i].chunks[1][1], s.marker)
  end
  -- line 13 ends two sentences and starts a third; their markers in order
  vim.o.columns = 200
  api.nvim_win_set_cursor(0, { 13, 0 })
  vim.cmd("normal! zt")
  local row13 = {}
  for _, s in ipairs(res.sentences) do
    if s.end_row == 12 then
      row13[#row13 + 1] = s.marker
    end
  end
  T.eq(#row13, 2, "two sentences end on line 13")
  local screen = screen_row(1)
  local a = screen:find(row13[1], 1, true)
  local b = screen:find(row13[2], (a or 0) + 1, true)
  T.ok(a and b and a < b, "in the order the sentences end: " .. screen)
  vim.o.columns = 80
end)

T.test("check: sources named, every unverified sentence reported, severity sorted, loclist", function()
  local buf = H.open_draft()
  local res = check.run(buf, false, { wait = true })
  local cfg = vim.diagnostic.config(nil, check.diag_ns)
  T.eq(cfg.severity_sort, true, "severity_sort for Dossier's diagnostics")
  local diags = vim.diagnostic.get(buf, { namespace = check.diag_ns })
  local by_row = {}
  for _, d in ipairs(diags) do
    by_row[d.lnum .. ":" .. d.col] = d
  end
  local unverified, named, info = 0, 0, 0
  local S = vim.diagnostic.severity
  for _, s in ipairs(res.sentences) do
    if s.verdict == "supported" then
      T.ok(s.source and s.marker:find(s.source, 1, true), "marker names the source: " .. s.marker)
      named = named + 1
    elseif s.verdict == "unverified" then
      unverified = unverified + 1
      local d = by_row[s.row .. ":" .. s.col]
      T.ok(d, "a diagnostic for: " .. s.text)
      -- the core's rule: a name or a figure makes it a claim to back (WARN)
      if s.actors > 0 or s.text:find("%d") then
        T.eq(d.severity, S.WARN, "a warning: " .. s.text)
      else
        T.ok(d.severity == S.WARN or d.severity == S.INFO, "WARN or INFO: " .. s.text)
        info = info + (d.severity == S.INFO and 1 or 0)
      end
    end
  end
  T.ok(named > 3 and unverified > 3, ("%d supported, %d unverified"):format(named, unverified))
  T.ok(info > 0, "an unverified sentence with neither name nor fact is information")
  -- the made-up treaty names no actor, and is reported all the same
  local treaty
  for _, s in ipairs(res.sentences) do
    if s.text:find("mutual defence treaty") then
      treaty = s
    end
  end
  T.eq(treaty.actors, 0, "names no actor")
  T.eq(treaty.verdict, "unverified")
  T.ok(by_row[treaty.row .. ":" .. treaty.col], "and has a diagnostic")
  -- the location list: what needs attention, in buffer order
  local ll = vim.fn.getloclist(0, { title = 0, items = 0 })
  T.eq(ll.title, "Dossier check")
  T.eq(#ll.items, #diags, "one entry per diagnostic")
  for i = 2, #ll.items do
    local p, q = ll.items[i - 1], ll.items[i]
    T.ok(p.lnum < q.lnum or (p.lnum == q.lnum and p.col <= q.col), "in buffer order")
  end
  T.ok(ll.items[1].type == "W" or ll.items[1].type == "I", "typed: " .. ll.items[1].type)
  local types = {}
  for _, it in ipairs(ll.items) do
    types[it.type] = true
  end
  T.ok(types.E and types.W and types.I, "the altered quotation, warnings, information")
end)

T.test("check: an edited sentence loses its marks; the rest follow their text; save checks again", function()
  local buf, path = H.open_draft()
  local res = check.run(buf, false, { wait = true })
  local n = #res.sentences
  -- a line added above: every mark and diagnostic moves with its sentence
  H.undo_break()
  api.nvim_buf_set_lines(buf, 0, 0, false, { "" })
  H.settle()
  T.eq(#marks(buf), n, "nothing stale yet")
  local d_before = #vim.diagnostic.get(buf)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    T.ok(d.lnum >= 1, "moved down")
  end
  -- the treaty sentence edited: its marker and diagnostic go
  local row
  for i, l in ipairs(H.lines(buf)) do
    if l:find("signed a mutual defence treaty") then
      row = i - 1
    end
  end
  local line = api.nvim_buf_get_lines(buf, row, row + 1, false)[1]
  api.nvim_buf_set_lines(buf, row, row + 1, false, { (line:gsub("mutual defence", "trade")) })
  H.settle()
  T.eq(#marks(buf), n - 1, "the edited sentence's marker gone")
  T.eq(#vim.diagnostic.get(buf), d_before - 1, "and its diagnostic")
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    T.ok(d.lnum ~= row or d.col < 40, "none left on the edited sentence")
  end
  -- :write checks the whole buffer again
  vim.cmd("silent write")
  check.wait(buf)
  T.eq(#marks(buf), n, "every sentence marked again after :write")
  T.eq(#vim.diagnostic.get(buf), d_before)
  T.ok(path ~= nil)
end)

T.test("check: auto_check = 'idle' checks again after 'updatetime' without typing", function()
  if vim.fn.has("nvim-0.8") == 0 then
    -- no CursorHold without a UI there; tests/nvim/tui_screen.lua checks it
    T.skip("Neovim 0.7 fires no CursorHold in a headless editor (the TUI test covers it)")
  end
  require("dossier").setup({ auto_check = "idle" })
  local saved = vim.o.updatetime
  vim.o.updatetime = 100
  local buf = H.open_draft()
  check.run(buf, false, { wait = true })
  -- typed, as a writer edits: a word added to the first sentence
  api.nvim_win_set_cursor(0, { 3, 10 })
  api.nvim_feedkeys("ea secretly\27", "t", false)
  local function rechecked()
    local sh = check.shown(buf)
    return sh and sh.done and sh.tick == api.nvim_buf_get_changedtick(buf)
      and H.lines(buf)[3]:find("secretly")
  end
  local t0 = T.now()
  repeat
    T.sleep(30)
  until rechecked() or T.now() - t0 > 2000
  T.ok(rechecked(), "checked again once idle")
  local first = check.shown(buf).sentences[1]
  T.match(first.text, "^Kim Jong%-un left secretly", "the edited sentence checked afresh")
  T.eq(#marks(buf), #check.shown(buf).sentences, "every sentence marked")
  vim.o.updatetime = saved
  require("dossier").setup({})
end)

T.test("check: by default (auto_check = 'save') idle time checks nothing", function()
  local buf = H.open_draft()
  check.run(buf, false, { wait = true })
  local n = #marks(buf)
  H.undo_break()
  api.nvim_buf_set_lines(buf, 2, 3, false, { "Kim Jong-un left Pyongyang by train and crossed" })
  H.settle()
  T.eq(#marks(buf), n - 1, "the stale marker gone")
  local saved = vim.o.updatetime
  vim.o.updatetime = 50
  api.nvim_feedkeys("j", "t", false)
  T.sleep(400)
  vim.o.updatetime = saved
  T.eq(#marks(buf), n - 1, "not checked again when idle")
end)

local slice_ms = check.slice_ms

-- A draft long enough for the check to take many slices: the sample draft
-- over and over, n lines. Slices of 2 ms (not 8) make many of them however
-- fast the core is.
local function long_draft(n)
  check.slice_ms = 2
  -- the core asked again: slices of its real cost, not the memo's
  require("dossier.memo").clear()
  local lines, draft = {}, vim.fn.readfile(H.draft)
  while #lines < n do
    for _, l in ipairs(draft) do
      lines[#lines + 1] = l
    end
  end
  return H.open_draft(vim.list_slice(lines, 1, n))
end

-- What a check found, sentence by sentence, for comparing two checks.
local function verdicts(res)
  local out = {}
  for _, s in ipairs(res.sentences) do
    out[#out + 1] = ("%d:%d %s %s"):format(s.row, s.col, s.verdict, s.marker)
  end
  for _, q in ipairs(res.quotes) do
    out[#out + 1] = ("%d:%d quote %s"):format(q.row, q.col, q.verdict)
  end
  return out
end

-- Each marker's row and column, against the records shown.
local function marks_match_records(buf)
  local sh = check.shown(buf)
  local want = {}
  for _, s in ipairs(sh and sh.sentences or {}) do
    local m = api.nvim_buf_get_extmark_by_id(buf, check.ns, s.mark, {})
    T.ok(m and m[1], "the marker of a shown sentence exists")
    want[#want + 1] = s.mark
  end
  local got = {}
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, check.ns, 0, -1, {})) do
    got[#got + 1] = m[1]
  end
  table.sort(want)
  table.sort(got)
  T.eq(got, want, "one marker per shown sentence, no other")
end

T.test("check: :Dossier check returns at once; keys are handled while it runs; the same verdicts", function()
  local buf, path = long_draft(900)
  local tick = api.nvim_buf_get_changedtick(buf)
  local want = verdicts(check.run(buf, false, { wait = true, quiet = true }))
  require("dossier.memo").clear()
  vim.cmd("Dossier check")
  T.ok(check.running(buf), "still running when the command returns")
  local res = check.shown(buf)
  T.eq(res.done, false)
  T.ok(#res.sentences < #want, "the first slice only: " .. #res.sentences .. " of " .. #want)
  -- a key typed now (nvim_input: as a UI sends it) moves the cursor before
  -- the check is over
  api.nvim_win_set_cursor(0, { 1, 0 })
  api.nvim_input("G")
  local moved_while_running
  local t0 = T.now()
  repeat
    T.sleep(0)
    if api.nvim_win_get_cursor(0)[1] > 1 then
      moved_while_running = check.running(buf)
      break
    end
  until T.now() - t0 > 5000
  T.eq(moved_while_running, true, "G handled between slices")
  T.ok(#check.shown(buf).sentences > 0, "markers appear as slices finish")
  check.wait(buf)
  T.eq(res.done, true, "finished")
  T.ok(res.slices > 1, "in " .. res.slices .. " slices")
  T.diag(("%d sentences in %d slices, the longest %.1f ms"):format(#res.sentences, res.slices,
    res.longest_slice_ms))
  T.eq(verdicts(res), want, "what the whole check at once finds")
  marks_match_records(buf)
  local ll = vim.fn.getloclist(0, { title = 0, items = 0 })
  T.eq(ll.title, "Dossier check", "the location list at the end")
  T.eq(#ll.items, #vim.diagnostic.get(buf, { namespace = check.diag_ns }))
  T.eq(api.nvim_buf_get_changedtick(buf), tick, "the buffer not touched")
  T.eq(H.lines(buf), vim.fn.readfile(path), "byte for byte")
  T.eq(vim.bo[buf].modified, false)
  check.slice_ms = slice_ms
end)

T.test("check: an edit while it runs cancels it and leaves no stale marker", function()
  local buf = long_draft(900)
  local res = check.run(buf)
  T.ok(check.running(buf) and #res.sentences > 0, "running, the first slice marked")
  -- the first sentence checked is edited inside, as a user types
  local first = res.sentences[1]
  api.nvim_win_set_cursor(0, { first.row + 1, first.col + 4 })
  api.nvim_input("inow <Esc>")
  local t0 = T.now()
  repeat
    T.sleep(10)
  until not check.running(buf) or T.now() - t0 > 5000
  T.eq(check.running(buf), false, "stopped")
  T.eq(res.done, false, "cancelled, not finished")
  local n = #api.nvim_buf_get_extmarks(buf, check.ns, 0, -1, {})
  T.sleep(100) -- no slice of the old check comes later
  local sh = check.shown(buf)
  T.ok(sh == nil or #sh.sentences < 900, "not every sentence checked")
  T.eq(#api.nvim_buf_get_extmarks(buf, check.ns, 0, -1, {}), n, "no marker added after")
  T.eq(api.nvim_buf_get_extmark_by_id(buf, check.ns, first.mark, {}), {},
    "the edited sentence's marker gone")
  marks_match_records(buf)
  for _, s in ipairs(sh and sh.sentences or {}) do
    local m = api.nvim_buf_get_extmark_by_id(buf, check.track_ns, s.track, { details = true })
    local got = api.nvim_buf_get_text(buf, m[1], m[2], m[3].end_row, m[3].end_col, {})
    T.eq(table.concat(got, "\n"), s.text, "a marked sentence's text is what was checked")
  end
  -- checked again: every sentence, once
  local again = check.run(buf, false, { wait = true, quiet = true })
  T.eq(again.done, true)
  marks_match_records(buf)
  T.eq(again.sentences[1].text, first.text:sub(1, 4) .. "now " .. first.text:sub(5),
    "the edited sentence checked afresh")
  vim.cmd("silent! undo")
  check.slice_ms = slice_ms
end)

T.test("check: a newer check cancels the running one; a callback gets the result", function()
  local buf = long_draft(600)
  local old = check.run(buf, false, { quiet = true })
  local got
  local new = check.run(buf, false, {
    quiet = true,
    on_done = function(r)
      got = r
    end,
  })
  T.ok(check.running(buf), "the newer one runs")
  local t0 = T.now()
  repeat
    T.sleep(10)
  until got or T.now() - t0 > 10000
  T.ok(got == new and got.done, "on_done called with the finished result")
  T.eq(old.done, false, "the older one stopped")
  T.eq(check.shown(buf), new)
  marks_match_records(buf)
  -- off stops a running check too
  check.run(buf, false, { quiet = true })
  check.run(buf, true)
  T.eq(check.running(buf), false)
  T.sleep(50)
  T.eq(#api.nvim_buf_get_extmarks(buf, check.ns, 0, -1, {}), 0, "nothing marked after off")
  check.slice_ms = slice_ms
end)

T.test("check: :Dossier reload while a check runs stops it, with no error; the next check runs", function()
  local buf = long_draft(600)
  vim.cmd("messages clear")
  local old = check.run(buf, false, { quiet = true })
  T.ok(check.running(buf), "running after its first slice")
  vim.cmd("Dossier reload") -- closes the corpus the check was asking
  T.sleep(50)
  T.eq(check.running(buf), false, "stopped")
  T.eq(old.done, false, "not finished on the closed corpus")
  local msgs = vim.fn.execute("messages")
  T.ok(not msgs:find("internal error", 1, true) and not msgs:find("is closed", 1, true), msgs)
  local res = check.run(buf, false, { quiet = true, wait = true })
  T.ok(res.done and #res.sentences > 0, "a check after the reload finishes")
  marks_match_records(buf)
  check.slice_ms = slice_ms
end)

T.test("check: the related words it worked out are kept beside the cache for the next session; none with the cache off", function()
  local corpus = require("dossier.corpus")
  local function use(cache)
    corpus.reset()
    vim.g.dossier_cache = cache
    require("dossier").setup({ corpus = H.root .. "/corpus" })
    return assert(corpus.get())
  end
  local function verdicts(res)
    local out = {}
    for _, s in ipairs(res.sentences) do
      out[#out + 1] = s.verdict .. " " .. tostring(s.source)
    end
    return out
  end
  local cache = vim.fn.tempname()
  local c = use(cache)
  T.ok(vim.wait(1000, function() return corpus.warming() end, 1),
    "the corpus is there, then a second handle works out its words' related terms")
  T.eq(c:related_info().computed, 0, "the handle in use worked nothing out at its open")
  -- a check run meanwhile: as without the file, the same answers
  local first = check.run(H.open_draft(), false, { quiet = true, wait = true })
  T.ok(first.done and first.asked > 0, "a first check")
  local function warmed()
    return not corpus.warming() and c:related_info().unsaved == 0
  end
  T.ok(vim.wait(5000, warmed, 10),
    "the second handle done and closed, what the check worked out saved")
  local info = c:related_info()
  T.ok(info.computed > 0, "worked out: " .. info.computed)
  T.eq(vim.fn.filereadable(info.path), 1, "kept beside the cache: " .. info.path)
  T.ok(info.path:find(cache, 1, true) == 1, "in the cache's directory")
  -- a new user's cache: the file appears without any check
  local fresh = vim.fn.tempname()
  c = use(fresh)
  T.ok(vim.wait(1000, function() return corpus.warming() end, 1), "a second handle at work")
  T.ok(vim.wait(5000, function() return not corpus.warming() end, 10), "the second handle is done")
  local path = c:related_info().path
  T.eq(vim.fn.filereadable(path), 1, "and wrote the related terms before any check: " .. path)
  local looked = c:related_info()
  T.eq(looked.computed + looked.loaded, 0, "the handle in use has not looked yet")
  local warmed = check.run(H.open_draft(), false, { quiet = true, wait = true })
  vim.wait(50) -- the core's threads back with the corpus, their words counted for it
  local w = c:related_info()
  T.ok(w.loaded > 0 and w.computed < info.computed,
    ("its first check reads them (%d) and works out %d (%d without)"):format(w.loaded, w.computed, info.computed))
  T.eq(verdicts(warmed), verdicts(first), "the same verdicts and sources")
  vim.fn.delete(fresh, "rf")
  -- a check typed as soon as the corpus is there: no second handle
  local at_once = vim.fn.tempname()
  c = use(at_once)
  local now = check.run(H.open_draft(), false, { quiet = true, wait = true })
  vim.wait(50)
  T.eq(corpus.warming(), false, "a check that looked first: no second handle slows it")
  T.eq(verdicts(now), verdicts(first), "the same verdicts and sources")
  vim.fn.delete(at_once, "rf")
  -- a new session: the corpus opened again
  c = use(cache)
  local again = check.run(H.open_draft(), false, { quiet = true, wait = true })
  vim.wait(50)
  local next_info = c:related_info()
  -- the check's save and the second handle's each keep what the file held
  -- when they wrote; both at once, the last rename wins and the other's
  -- answers are worked out again
  T.ok(next_info.loaded > 0 and next_info.computed < info.computed,
    ("the next session reads them (%d), works out %d"):format(next_info.loaded, next_info.computed))
  T.eq(verdicts(again), verdicts(first), "the same verdicts and sources")
  -- the cache off: nothing kept
  c = use("off")
  local off = check.run(H.open_draft(), false, { quiet = true, wait = true })
  vim.wait(50)
  T.eq(c:related_info().path, "", "no related-terms file with the cache off")
  T.ok(c:related_info().computed > 0 and c:related_info().loaded == 0, "worked out afresh")
  T.ok(not corpus.warming() and w.computed * 2 < c:related_info().computed,
    ("no second handle; a check once the file was there worked out %d, without it %d"):format(w.computed, c:related_info().computed))
  T.eq(verdicts(off), verdicts(first), "the same verdicts")
  vim.g.dossier_cache = nil
  corpus.reset()
  require("dossier").setup({ corpus = H.root .. "/corpus" })
  vim.fn.delete(cache, "rf")
end)

local T = require("tap")
local H = require("helpers")
local api = vim.api

T.test("highlight: extmarks on the right byte ranges with the right groups", function()
  local buf = H.open_draft()
  T.ok(require("dossier.highlight").is_attached(buf), "attached on FileType markdown")
  local row2 = H.marks_on(buf, 2)
  T.eq(row2[1], { 2, 0, 11, "DossierPerson", "Kim Jong-un" })
  T.eq(row2[2], { 2, 17, 26, "DossierState", "Pyongyang" })
  local row3 = H.marks_on(buf, 3)
  T.eq(row3[2], { 3, 51, 65, "DossierPerson", "Vladimir Putin" })
  -- "Security\nCouncil" wrapped across lines 28/29: both lines highlighted
  local r27, r28 = H.marks_on(buf, 27), H.marks_on(buf, 28)
  T.eq(r27[#r27][4], "DossierOrg")
  T.eq(r27[#r27][5], "Security")
  T.eq(r28[1], { 28, 0, 7, "DossierOrg", "Council" })
  -- stand-in: the Kremlin is the Russian state
  T.eq(H.marks_on(buf, 11)[1][5], "Kremlin")
  T.eq(H.marks_on(buf, 11)[1][4], "DossierState")
end)

T.test("highlight: the kinds' groups have colours of their own, the others link", function()
  for _, g in ipairs({ "DossierPerson", "DossierState", "DossierOrg", "DossierPlace",
    "DossierEvent", "DossierProduct", "DossierAmbiguous" }) do
    T.ok(vim.fn.hlexists(g) == 1, g .. " exists")
    T.match(vim.fn.execute("highlight " .. g), "guifg=#%x+", g)
    T.match(vim.fn.execute("highlight " .. g), "ctermfg=%d+", g)
  end
  T.match(vim.fn.execute("highlight DossierAmbiguous"), "underline", "ambiguous underlined")
  T.match(vim.fn.execute("highlight DossierPassage"), "links to Visual")
end)

T.test("highlight: incremental updates on insert, delete, wrap and undo", function()
  local buf = H.scratch({ "A first line.", "Nothing here.", "A last line." })
  H.settle()
  T.eq(#H.marks(buf), 0, "no marks")
  H.undo_break()
  local t0 = T.now()
  api.nvim_buf_set_lines(buf, 1, 2, false, { "Then Vladimir Putin spoke." })
  H.settle()
  T.diag(("per-edit highlight (debounce included): %.1f ms"):format(T.now() - t0))
  T.eq(H.marks(buf), { { 1, 5, 19, "DossierPerson", "Vladimir Putin" } })
  -- insert a name mid-line
  H.undo_break()
  api.nvim_buf_set_text(buf, 0, 2, 0, 2, { "Kremlin " })
  H.settle()
  T.eq(H.marks_on(buf, 0), { { 0, 2, 9, "DossierState", "Kremlin" } })
  -- delete one
  H.undo_break()
  api.nvim_buf_set_text(buf, 1, 5, 1, 20, { "" })
  H.settle()
  T.eq(H.marks_on(buf, 1), {}, "deleted name no longer highlighted")
  -- undo restores
  vim.cmd("silent undo")
  H.settle()
  T.eq(H.marks_on(buf, 1), { { 1, 5, 19, "DossierPerson", "Vladimir Putin" } }, "undo restores")
  -- a name split over two lines: both lines show the highlight
  H.undo_break()
  api.nvim_buf_set_lines(buf, 2, 3, false, { "Later Kim Jong", "Un left Pyongyang." })
  H.settle()
  local a, b = H.marks_on(buf, 2), H.marks_on(buf, 3)
  T.eq(a, { { 2, 6, 14, "DossierPerson", "Kim Jong" } }, "first half")
  T.eq(b[1], { 3, 0, 2, "DossierPerson", "Un" }, "second half")
  -- an edit two lines below the wrapped name keeps both halves
  api.nvim_buf_set_lines(buf, -1, -1, false, { "", "More." })
  H.settle()
  T.eq(H.marks_on(buf, 3)[1], { 3, 0, 2, "DossierPerson", "Un" }, "kept after a nearby edit")
  T.eq(#H.marks_on(buf, 2), 1, "first half kept")
end)

T.test("highlight: per-edit cost", function()
  local buf = H.open_draft()
  local hl = require("dossier.highlight")
  local t0 = T.now()
  for i = 1, 50 do
    hl.update_rows(buf, i % 48, i % 48 + 2)
  end
  T.diag(("update of 3 rows (+context): %.3f ms per edit"):format((T.now() - t0) / 50))
  t0 = T.now()
  hl.refresh(buf)
  T.diag(("full refresh of the 50-line draft: %.2f ms"):format(T.now() - t0))
end)

T.test("highlight: :Dossier toggle, vim.b and vim.g switches", function()
  local buf = H.open_draft()
  T.ok(#H.marks(buf) > 0, "marks")
  vim.cmd("Dossier toggle")
  T.eq(#H.marks(buf), 0, "off")
  T.eq(vim.b[buf].dossier_disable, true)
  vim.cmd("Dossier toggle")
  T.ok(#H.marks(buf) > 0, "on again")
  vim.g.dossier_disable = true
  api.nvim_buf_set_lines(buf, 0, 1, false, { "Putin" })
  H.settle()
  T.eq(#H.marks(buf), 0, "globally off")
  vim.g.dossier_disable = nil
  require("dossier.highlight").refresh(buf)
  T.ok(#H.marks(buf) > 0, "globally on")
end)

T.test("highlight: buffer wiped with the debounce pending; internal error reported once", function()
  local buf = H.scratch({ "x" })
  local msgs = T.capture(function()
    api.nvim_buf_set_lines(buf, 0, 1, false, { "Putin" })
    vim.cmd("bwipe! " .. buf)
    vim.wait(400)
  end)
  T.eq(msgs, {}, "no message")
  -- an internal error: reported once, highlighting switched off for the buffer
  local corpus = require("dossier.corpus")
  local orig = corpus.scanner -- what highlighting scans with
  buf = H.scratch({ "x" })
  H.settle()
  corpus.scanner = function()
    return { scan = function() error("boom") end }
  end
  msgs = T.capture(function()
    api.nvim_buf_set_lines(buf, 0, 1, false, { "Putin" })
    H.settle()
    api.nvim_buf_set_lines(buf, 0, 1, false, { "Putin again" })
    H.settle()
  end)
  corpus.scanner = orig
  T.eq(#msgs, 1, "one message")
  T.match(msgs[1].msg, "^%(dossier%) internal error")
  T.eq(vim.b[buf].dossier_disable, true, "disabled")
end)

T.test("highlight: binary buffers and long lines skipped", function()
  local long = ("Putin "):rep(3000)
  local buf = H.scratch({ long, "Putin" })
  H.settle()
  require("dossier.highlight").refresh(buf)
  T.eq(H.marks(buf), { { 1, 0, 5, "DossierPerson", "Putin" } })
  vim.bo[buf].binary = true
  require("dossier.highlight").refresh(buf)
  T.eq(#H.marks(buf), 0, "binary")
end)

T.test("highlight: big buffers highlight the visible range only", function()
  require("dossier").setup({ max_bytes = 1000 })
  local lines = {}
  for i = 1, 400 do
    lines[i] = "Putin met Kim Jong Un at line " .. i .. "."
  end
  local buf = H.scratch(lines)
  require("dossier.highlight").refresh(buf)
  local rows = {}
  for _, m in ipairs(H.marks(buf)) do
    rows[m[1]] = true
  end
  require("dossier").setup({})
  T.ok(rows[0], "first line highlighted")
  T.ok(not rows[399], "last line not highlighted")
end)

T.test("highlight: a full name typed above re-resolves the short form below it", function()
  local buf = H.scratch({ "The envoy arrived.", "", "Trains ran late.", "Kim spoke." })
  H.settle()
  local function kim_group()
    for _, m in ipairs(H.marks(buf)) do
      if m[1] == 3 then
        return m[4]
      end
    end
  end
  T.eq(kim_group(), "DossierAmbiguous", "alone, 'Kim' is ambiguous")
  api.nvim_buf_set_lines(buf, 0, 1, false, { "Kim Jong Il arrived." })
  H.settle()
  T.eq(kim_group(), "DossierPerson", "named three rows above: resolved without a refresh")
  api.nvim_buf_set_lines(buf, 0, 1, false, { "The envoy arrived." })
  H.settle()
  T.eq(kim_group(), "DossierAmbiguous", "the name deleted: ambiguous again")
end)

T.test("highlight: a big paste highlights the view at once and the rest in the background", function()
  local buf = H.scratch({ "Putin" })
  H.settle()
  local hl = require("dossier.highlight")
  local many = {}
  for i = 1, 5000 do
    many[i] = "Vladimir Putin met Kim Jong Un."
  end
  api.nvim_buf_set_lines(buf, 1, 1, false, many)
  local t0 = T.now()
  hl.flush_now(buf)
  local took = T.now() - t0
  local marks = #H.marks(buf)
  T.ok(marks < 5000 * 2, ("not every row at once (%d marks)"):format(marks))
  T.ok(took < 200, ("the flush returns quickly (%.1f ms)"):format(took))
  T.wait(5000, function()
    return #H.marks(buf) >= 5000 * 2
  end)
  T.eq(#H.marks(buf), 5000 * 2 + 1, "then every row, in the background")
end)

T.test("highlight: an edit resolves Kim from its paragraph as a whole scan does, far from the name", function()
  -- Kim Jong Il opens a paragraph of more than 600 bytes (the core's window
  -- when a paragraph names no one); "Kim" at its end means him
  local filler = "The talks went on for hours and covered trade, energy and the railway."
  local lines = { "Kim Jong Il arrived in Moscow by train." }
  for _ = 1, 12 do
    lines[#lines + 1] = filler
  end
  lines[#lines + 1] = "Then Kim spoke."
  lines[#lines + 1] = ""
  lines[#lines + 1] = "Another paragraph."
  local buf = H.scratch(lines)
  H.settle()
  local last = #lines - 3 -- 0-based row of "Then Kim spoke."
  local function kim_group()
    local m = H.marks_on(buf, last)
    return m[1] and m[1][5] == "Kim" and m[1][4] or nil
  end
  T.eq(kim_group(), "DossierPerson", "resolved in a whole scan")
  -- an edit on Kim's line rescans only near it: the same answer
  H.undo_break()
  api.nvim_buf_set_lines(buf, last, last + 1, false, { "Then Kim spoke again." })
  H.settle()
  T.eq(kim_group(), "DossierPerson", "resolved after an edit of its line")
  api.nvim_win_set_cursor(0, { last + 1, 6 })
  vim.cmd("Dossier hover")
  local fw = require("dossier.hover").win
  T.ok(fw, "a card")
  T.match(api.nvim_buf_get_lines(api.nvim_win_get_buf(fw), 0, 1, false)[1], "^Kim Jong Il",
    "the hover agrees")
end)

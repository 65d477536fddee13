local T = require("tap")
local H = require("helpers")
local api = vim.api

local function float_lines(win)
  return api.nvim_buf_get_lines(api.nvim_win_get_buf(win), 0, -1, false)
end

T.test("hover: card in a float, second call enters it, cursor move closes it", function()
  local buf = H.open_draft()
  local win = api.nvim_get_current_win()
  api.nvim_win_set_cursor(win, { 4, 60 }) -- in "Vladimir Putin"
  vim.cmd("Dossier hover")
  local hover = require("dossier.hover")
  local fw = hover.win
  T.ok(fw and api.nvim_win_is_valid(fw), "float open")
  T.eq(api.nvim_get_current_win(), win, "not entered")
  T.eq(api.nvim_win_get_config(fw).focusable, true)
  local lines = float_lines(fw)
  T.eq(lines[1], "Vladimir Putin  (person)")
  T.eq(lines[2], "Role: President of Russia")
  local text = table.concat(lines, "\n")
  T.match(text, "Mentions:")
  T.match(text, "Hankyoreh")
  T.match(text, "First mentions %(<CR> on one opens it%):\n  globalresearch%-2023:26")
  T.eq(vim.bo[api.nvim_win_get_buf(fw)].bufhidden, "wipe")
  -- second press enters the float; q closes it
  vim.cmd("Dossier hover")
  T.eq(api.nvim_get_current_win(), fw, "entered")
  api.nvim_feedkeys("q", "x", false)
  T.ok(not api.nvim_win_is_valid(fw), "q closed it")
  T.eq(api.nvim_get_current_win(), win)
  -- a cursor move closes it
  api.nvim_win_set_cursor(win, { 11, 68 }) -- "Moscow"
  T.sleep(20)
  vim.cmd("Dossier hover")
  fw = hover.win
  T.match(float_lines(fw)[1], "^Russia")
  T.match(table.concat(float_lines(fw), "\n"), "“Moscow” is a stand%-in for Russia")
  api.nvim_feedkeys("j", "n", false)
  T.sleep(50)
  T.ok(not api.nvim_win_is_valid(fw), "closed on CursorMoved")
  T.eq(api.nvim_win_get_cursor(win)[1], 12)
  -- not an actor
  api.nvim_win_set_cursor(win, { 13, 30 }) -- "shape"
  vim.cmd("Dossier hover")
  T.ok(hover.win == nil, "no float on a plain word")
  T.ok(not vim.bo[buf].modified, "draft unmodified")
end)

T.test("sources: picker, jump to the passage, <C-o> and :Dossier back", function()
  local buf, path = H.open_draft()
  local win = api.nvim_get_current_win()
  api.nvim_win_set_cursor(win, { 3, 10 })
  local seen
  local orig = vim.ui.select
  vim.ui.select = function(items, opts, cb)
    seen = { items = items, opts = opts }
    cb(items[1])
  end
  vim.cmd("Dossier sources")
  vim.ui.select = orig
  T.ok(seen and #seen.items > 0, "items offered")
  local first = seen.opts.format_item(seen.items[1])
  T.match(first, "^summit%-2023 · supports · North Korean leader Kim Jong%-un")
  local h = seen.items[1]
  T.match(api.nvim_buf_get_name(0), "corpus/summit%-2023%.txt$")
  T.eq(api.nvim_win_get_cursor(0), { h.line, h.col - 1 })
  T.eq(vim.bo.readonly, true)
  T.eq(vim.bo.modifiable, false)
  local pm = api.nvim_buf_get_extmarks(0, require("dossier.sources").ns, 0, -1, { details = true })
  T.eq(#pm, 1)
  T.eq(pm[1][4].hl_group, "DossierPassage")
  -- <C-o> returns to the draft
  vim.cmd([[execute "normal! \<C-o>"]])
  T.eq(api.nvim_get_current_buf(), buf, "<C-o> back to the draft")
  T.eq(api.nvim_win_get_cursor(0), { 3, 10 })
  -- jump again and return explicitly
  vim.cmd("Dossier sources qf")
  local qf = vim.fn.getqflist()
  T.ok(#qf > 0, "quickfix filled")
  T.match(api.nvim_buf_get_name(qf[1].bufnr), "summit%-2023%.txt$")
  vim.cmd("cclose")
  local sources = require("dossier.sources")
  sources.jump(sources.hits("Kim Jong-un left Pyongyang on a Sunday aboard an armoured train")[1])
  T.match(api.nvim_buf_get_name(0), "corpus/")
  vim.cmd("Dossier back")
  T.eq(api.nvim_get_current_buf(), buf, "back to the draft")
  T.eq(api.nvim_win_get_cursor(0), { 3, 10 })
  T.eq(H.lines(buf), vim.fn.readfile(path), "draft byte-for-byte unchanged")
end)

T.test("sources: visual selection and :Dossier mentions", function()
  H.open_draft()
  api.nvim_win_set_cursor(0, { 40, 0 })
  local got
  local orig = vim.ui.select
  vim.ui.select = function(items, _, cb)
    got = items
    cb(nil)
  end
  vim.cmd("normal! Vj")
  vim.cmd([[execute "normal! \<Esc>"]])
  vim.cmd("'<,'>Dossier sources")
  vim.ui.select = orig
  T.ok(got and #got > 0, "passages for the selection")
  T.eq(got[1].article, "hankyoreh-2023")
  api.nvim_win_set_cursor(0, { 4, 60 })
  vim.cmd("Dossier mentions")
  local qf = vim.fn.getqflist()
  T.ok(#qf >= 10, "mentions of Putin: " .. #qf)
  T.ok(qf[1].lnum > 0 and qf[1].col > 0 and qf[1].text ~= "", "entries have lnum/col/text")
  T.match(api.nvim_buf_get_name(qf[1].bufnr), "corpus/.+%.txt$")
end)

local function cite_case(style)
  local buf = H.open_draft()
  require("dossier.sources").last = nil
  api.nvim_win_set_cursor(0, { 3, 10 })
  local before = H.lines(buf)
  local hit
  local orig = vim.ui.select
  vim.ui.select = function(items, _, cb)
    hit = items[1]
    cb(items[1])
  end
  api.nvim_win_set_cursor(0, { 4, 64 }) -- in "On 13 September ... develop satellites."
  H.undo_break()
  vim.cmd("Dossier cite " .. style)
  vim.ui.select = orig
  local c = require("dossier.corpus").get()
  local text, def = c:cite({ article = hit.article, passage = hit.passage }, style)
  return buf, before, text, def
end

-- Line 6 with ins at the end of "satellites" (before the period), or after
-- the period with after = true.
local function at_satellites(before, ins, after)
  local _, e = before[6]:find("satellites", 1, true)
  e = e + (after and 1 or 0)
  return before[6]:sub(1, e) .. ins .. before[6]:sub(e + 1)
end

T.test("cite: pandoc style text and one undo", function()
  local buf, before, text = cite_case("pandoc")
  T.match(text, "^%[@%w+, para%.? %d+%]$")
  local want = vim.deepcopy(before)
  want[6] = at_satellites(before, " " .. text)
  T.eq(H.lines(buf), want, "at the sentence's end, before its period")
  vim.cmd("silent undo")
  T.eq(H.lines(buf), before, "one undo restores")
end)

T.test("cite: footnote marker plus definition, reused, one undo", function()
  local buf, before, text, def = cite_case("footnote")
  T.match(text, "^%[%^%w+%-p%d+%]$")
  T.match(def, "^%[%^%w+%-p%d+%]: ")
  local lines = H.lines(buf)
  T.eq(lines[6], at_satellites(before, text, true), "a footnote marker after the period")
  T.eq(lines[#lines], def)
  T.eq(lines[#lines - 1], "")
  T.eq(#lines, #before + 2)
  vim.cmd("silent undo")
  T.eq(H.lines(buf), before, "one undo removes marker and definition")
  -- an existing identical definition is reused
  vim.cmd("silent redo")
  H.undo_break()
  api.nvim_win_set_cursor(0, { 10, 5 })
  require("dossier.cite").insert({ article = "summit-2023", passage = 195 }, "footnote")
  local n = 0
  for _, l in ipairs(H.lines(buf)) do
    if l == def then
      n = n + 1
    end
  end
  T.eq(n, 1, "definition not duplicated")
end)

T.test("cite: reference style in parentheses, one period at the sentence's end", function()
  local buf, before, text = cite_case("reference")
  T.match(text, "%.$", "the reference as the core gives it ends in a period")
  local line = H.lines(buf)[6]
  T.eq(line, at_satellites(before, " (" .. text:gsub("%.$", "") .. ")"))
  T.ok(not line:find("%.%."), "no second period: " .. line)
  vim.cmd("silent undo")
  T.eq(H.lines(buf), before)
end)

T.test("cite: inline style; :Dossier cite completes styles", function()
  local buf, before, text = cite_case("inline")
  T.match(text, "^%(.+, para%. %d+%)$")
  T.eq(H.lines(buf)[6], at_satellites(before, " " .. text))
  vim.cmd("silent undo")
  T.eq(H.lines(buf), before)
  -- the core's styles (core.styles), in its order: the three above first
  local styles = require("dossier.core").styles
  T.eq(vim.list_slice(styles, 1, 3), { "pandoc", "footnote", "inline" })
  T.eq(vim.fn.getcompletion("Dossier cite ", "cmdline"), styles)
  local subs = vim.fn.getcompletion("Dossier c", "cmdline")
  T.eq(subs, { "check", "cite", "compiler" })
end)

T.test("bibliography: csl and bibtex files written", function()
  local _, path = H.open_draft()
  vim.cmd("Dossier bibliography")
  local json = vim.fn.fnamemodify(path, ":h") .. "/dossier.json"
  T.eq(vim.fn.filereadable(json), 1)
  local data = vim.fn.json_decode(table.concat(vim.fn.readfile(json), "\n"))
  T.eq(#data, 5, "five CSL items")
  local bib = vim.fn.tempname() .. ".bib"
  vim.cmd("Dossier bibliography bibtex " .. bib)
  T.match(table.concat(vim.fn.readfile(bib), "\n"), "@%a+{summit2023,")
end)

T.test("check: markers, altered quote and unverified diagnostics", function()
  local buf, path = H.open_draft()
  vim.cmd("Dossier check")
  require("dossier.check").wait(buf)
  local diags = vim.diagnostic.get(buf)
  local altered, unverified, none
  for _, d in ipairs(diags) do
    if d.message:match("differs") then
      altered = d
    elseif d.message:match("^unverified") then
      unverified = unverified or d
    elseif d.message:match("not found") then
      none = d
    end
  end
  T.ok(altered, "altered quote diagnostic")
  T.eq(altered.lnum, 22)
  T.eq(altered.severity, vim.diagnostic.severity.ERROR, "a source says otherwise: an error")
  T.match(altered.message, "Putin’s offer to help appears to not have been empty words")
  T.match(altered.message, "peninsula%-2023")
  T.ok(unverified and unverified.severity == vim.diagnostic.severity.WARN, "unverified warned")
  T.ok(none and none.severity == vim.diagnostic.severity.WARN, "a quotation found nowhere: WARN")
  local check_ns = require("dossier.check").ns
  local marks = api.nvim_buf_get_extmarks(buf, check_ns, 0, -1, { details = true })
  T.ok(#marks > 10, "markers")
  local texts = {}
  for _, m in ipairs(marks) do
    for _, ch in ipairs(m[4].virt_text) do
      texts[#texts + 1] = ch[1]
    end
  end
  local all = table.concat(texts, "|")
  T.match(all, "✓ Global Research")
  T.match(all, "%? unverified")
  T.eq(H.lines(buf), vim.fn.readfile(path), "unchanged")
  vim.cmd("Dossier check off")
  T.eq(#vim.diagnostic.get(buf), 0)
  T.eq(#api.nvim_buf_get_extmarks(buf, require("dossier.check").ns, 0, -1, {}), 0)
end)

T.test("check: a contradicted sentence is an error quoting the source and where", function()
  local buf = H.open_draft({
    "Putin and his North Korean counterpart met on September 20 to discuss bilateral cooperation.",
    "",
    "Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks.",
  })
  local res = require("dossier.check").run(buf, false, { wait = true })
  T.eq(res.sentences[1].verdict, "contradicted")
  T.eq(res.sentences[1].corroborated, false)
  T.eq(res.sentences[2].verdict, "supported")
  local contra
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.message:match("^contradicted") then
      contra = d
    end
  end
  T.ok(contra, "a contradicted diagnostic")
  T.eq(contra.severity, vim.diagnostic.severity.ERROR, "above the unverified ones")
  T.eq(contra.lnum, 0)
  -- the detail in conflict, the source's words (with a few before them) and their line
  T.match(contra.message, "^contradicted %(date%): the source says: .*met on September 13")
  T.match(contra.message, "— globalresearch%-2023%.txt:26$")
  local texts = {}
  local check_ns = require("dossier.check").ns
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, check_ns, 0, -1, { details = true })) do
    for _, ch in ipairs(m[4].virt_text or {}) do
      texts[#texts + 1] = ch[1] .. "=" .. ch[2]
    end
  end
  T.match(table.concat(texts, "|"), "✗ contradicted by [^=]+=DossierCheckContradicted")
  vim.cmd("Dossier check off")
end)

T.test("sources: a contradicting hit shows what the source says instead", function()
  H.open_draft({
    "Putin and his North Korean counterpart met on September 20 to discuss bilateral cooperation.",
  })
  vim.cmd("Dossier sources qf")
  local items = vim.fn.getqflist()
  T.ok(#items > 0, "hits in the quickfix list")
  local detail = false
  for _, it in ipairs(items) do
    if it.text:match(" · contradicts %(date: September 13%) · ") then
      detail = true
    end
  end
  T.ok(detail, "its stance and conflict shown")
  vim.cmd("cclose")
end)

T.test("check: a 300-line draft without a visible pause", function()
  local lines = {}
  local draft = vim.fn.readfile(H.draft)
  while #lines < 300 do
    for _, l in ipairs(draft) do
      lines[#lines + 1] = l
    end
  end
  local buf = H.open_draft(vim.list_slice(lines, 1, 300))
  local t0 = T.now()
  local res = require("dossier.check").run(buf, false, { wait = true })
  local ms = T.now() - t0
  local what = "check of a 300-line draft: %.1f ms (%d sentences, %d quotes)"
  T.diag(what:format(ms, #res.sentences, #res.quotes))
  T.ok(ms < 300, "under 300 ms")
end)

T.test("buffer byte-for-byte unchanged after highlight, hover, sources, check", function()
  local buf, path = H.open_draft()
  api.nvim_win_set_cursor(0, { 4, 60 })
  vim.cmd("Dossier hover")
  require("dossier.hover").close()
  vim.cmd("Dossier sources qf")
  vim.cmd("cclose")
  vim.cmd("Dossier check")
  require("dossier.check").wait(buf)
  api.nvim_set_current_buf(buf)
  T.eq(H.lines(buf), vim.fn.readfile(path))
  T.eq(vim.bo[buf].modified, false)
end)

T.test("completion: actor names and citation keys after @", function()
  vim.cmd("enew")
  local buf = api.nvim_get_current_buf()
  vim.bo[buf].filetype = "text"
  T.eq(vim.bo[buf].omnifunc, "v:lua.require'dossier.complete'.omnifunc")
  local cm = require("dossier.complete")
  local words = {}
  for _, it in ipairs(cm.omnifunc(0, "Vlad")) do
    words[#words + 1] = it.word
  end
  T.ok(vim.tbl_contains(words, "Vladimir Putin"), "Vladimir Putin offered")
  local keys = cm.omnifunc(0, "@sum")
  T.eq(keys[1].word, "@summit2023")
  api.nvim_buf_set_lines(buf, 0, 1, false, { "see @sum" })
  api.nvim_win_set_cursor(0, { 1, 8 })
  T.eq(vim.fn.eval("v:lua.require'dossier.complete'.omnifunc(1, '')"), 4)
  -- a real <C-x><C-o> in insert mode
  api.nvim_feedkeys(api.nvim_replace_termcodes("A<C-x><C-o><Esc>", true, false, true), "x", false)
  T.eq(api.nvim_buf_get_lines(buf, 0, 1, false)[1], "see @summit2023")
end)

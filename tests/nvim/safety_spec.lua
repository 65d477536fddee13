-- Issue 5: the plugin never harms the editor. Internal errors are reported
-- once and the writer keeps typing; big, binary and wiped buffers are safe;
-- only :Dossier cite changes the text, as one undo step.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local util = require("dossier.util")
local hl = require("dossier.highlight")

-- Sets tbl[key] = value while fn runs, and restores it even when fn fails,
-- so one failing test cannot leave a stub behind for the next ones.
local function with_stub(tbl, key, value, fn)
  local orig = tbl[key]
  tbl[key] = value
  local ok, err = pcall(fn)
  tbl[key] = orig
  if not ok then
    error(err, 0)
  end
end

-- The corpus object's methods live in its metatable: patch one to raise
-- (as a bug in the core would) while fn runs.
local function with_broken(method, fn)
  local c = require("dossier.corpus").get()
  with_stub(getmetatable(c).__index, method, function()
    error("injected failure in " .. method)
  end, fn)
end

-- Exact bytes of buf (lines joined as written, with the final newline).
local function bytes(buf)
  return table.concat(api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
end

local function file_bytes(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function tick(buf)
  return api.nvim_buf_get_var(buf, "changedtick")
end

local function many_lines(n)
  local draft = vim.fn.readfile(H.draft)
  local lines = {}
  while #lines < n do
    for _, l in ipairs(draft) do
      lines[#lines + 1] = l
    end
  end
  return vim.list_slice(lines, 1, n)
end

local function rows_with_marks(buf)
  local rows = {}
  for _, m in ipairs(hl.marks(buf)) do
    rows[m[1]] = true
  end
  return rows
end

T.test("safety: a failing core scan is reported once; typing goes on; highlighting off", function()
  util.reset_reports()
  local buf = H.open_draft()
  T.ok(#H.marks(buf) > 0, "highlighted before the failure")
  local msgs = T.capture(function()
    with_broken("scan", function()
      -- typed in Insert mode, as a writer would
      api.nvim_win_set_cursor(0, { 1, 0 })
      api.nvim_feedkeys("OPutin arrived.", "xt", false)
      api.nvim_feedkeys(api.nvim_replace_termcodes("<Esc>", true, false, true), "xt", false)
      H.settle()
      T.sleep(20)
      for i = 1, 5 do
        api.nvim_feedkeys("oMore about Kim Jong Un " .. i .. ".", "xt", false)
        api.nvim_feedkeys(api.nvim_replace_termcodes("<Esc>", true, false, true), "xt", false)
        H.settle()
        T.sleep(10)
      end
    end)
  end)
  T.eq(#msgs, 1, "one message: " .. vim.inspect(msgs))
  T.eq(msgs[1].level, vim.log.levels.ERROR)
  T.match(msgs[1].msg, "^%(dossier%) internal error in highlight: .*injected failure in scan")
  T.match(msgs[1].msg, "Highlighting is now off in that buffer")
  T.match(msgs[1].msg, "Please report it")
  T.match(msgs[1].msg, ":help dossier%-bugs")
  T.eq(api.nvim_buf_get_lines(buf, 0, 1, false)[1], "Putin arrived.", "the typed text is there")
  T.eq(api.nvim_buf_get_lines(buf, 5, 6, false)[1], "More about Kim Jong Un 5.")
  T.eq(vim.b[buf].dossier_disable, true, "highlighting switched off in the buffer")
  T.eq(#H.marks(buf), 0, "stale highlights cleared")
  T.ok(not hl.is_attached(buf), "detached")
  -- the core works again: other buffers still highlight
  local other = H.scratch({ "Vladimir Putin" })
  T.eq(#H.marks(other), 1, "other buffers unaffected")
end)

T.test("safety: a failure inside on_lines is reported once, from the main loop", function()
  util.reset_reports()
  local buf = H.open_draft()
  local msgs
  -- a debounce that is not a number makes the timer start raise inside on_lines
  with_stub(require("dossier.config").options, "debounce", "not a number", function()
    msgs = T.capture(function()
      for i = 1, 3 do
        api.nvim_buf_set_lines(buf, 0, 0, false, { "Putin " .. i })
        T.sleep(10)
      end
    end)
  end)
  T.eq(#msgs, 1, "one message")
  T.match(msgs[1].msg, "internal error in highlight")
  local want = { "Putin 3", "Putin 2", "Putin 1" }
  T.eq(api.nvim_buf_get_lines(buf, 0, 3, false), want, "edits applied")
  T.eq(vim.b[buf].dossier_disable, true, "off in this buffer")
end)

T.test("safety: failures in hover, sources, mentions, check, completion: one message each, text untouched", function()
  util.reset_reports()
  local buf, path = H.open_draft()
  local before, t0 = bytes(buf), tick(buf)
  T.eq(before, file_bytes(path), "buffer = file")
  api.nvim_win_set_cursor(0, { 4, 60 })
  local msgs = T.capture(function()
    with_broken("scan", function()
      vim.cmd("Dossier hover")
      vim.cmd("Dossier hover")
      vim.cmd("Dossier mentions")
      vim.cmd("Dossier check")
    end)
    with_broken("corroborate", function()
      vim.cmd("Dossier sources qf")
      vim.cmd("Dossier sources")
      vim.cmd("Dossier cite")
    end)
    require("dossier.complete").reset() -- its items are built from actors() once
    with_broken("actors", function()
      T.eq(vim.fn.eval("v:lua.require'dossier.complete'.omnifunc(0, 'Vla')"), {}, "no candidates")
      T.eq(vim.fn.eval("v:lua.require'dossier.complete'.omnifunc(0, 'Vla')"), {}, "no candidates")
    end)
  end)
  local wheres = {}
  for _, m in ipairs(msgs) do
    T.eq(m.level, vim.log.levels.ERROR)
    T.match(m.msg, "Please report it")
    wheres[#wheres + 1] = m.msg:match("internal error in (.-): ")
  end
  T.eq(wheres, {
    ":Dossier hover",
    ":Dossier mentions",
    ":Dossier check",
    ":Dossier sources",
    ":Dossier cite",
    "completion",
  }, "one message per command, none repeated")
  api.nvim_set_current_buf(buf)
  T.eq(bytes(buf), before, "bytes unchanged")
  T.eq(tick(buf), t0, "changedtick unchanged")
  T.eq(vim.bo[buf].modified, false)
  T.ok(require("dossier.hover").win == nil, "no float left")
end)

T.test("safety: a failing FileType attach still opens the file", function()
  util.reset_reports()
  local buf, path, msgs
  with_stub(require("dossier"), "maybe_attach", function()
    error("injected failure in attach")
  end, function()
    msgs = T.capture(function()
      buf, path = H.open_draft()
    end)
  end)
  T.eq(#msgs, 1, "one message")
  T.match(msgs[1].msg, "internal error in attach: .*injected failure")
  T.eq(bytes(buf), file_bytes(path), "file opened intact")
end)

T.test("safety: bwipeout! right after an edit, and during the background pass", function()
  local msgs = T.capture(function()
    local buf = H.open_draft()
    api.nvim_buf_set_lines(buf, 0, 1, false, { "Putin" })
    vim.cmd("bwipeout! " .. buf)
    vim.wait(require("dossier.config").options.debounce + 150)
    -- a long buffer wiped while its background highlighting runs
    buf = H.open_draft(many_lines(3000))
    T.ok(hl.state[buf].bg ~= nil, "background pass pending")
    api.nvim_buf_set_lines(buf, 5, 6, false, { "Kim Jong Un" })
    vim.cmd("bwipeout! " .. buf)
    vim.wait(300)
    T.ok(hl.state[buf] == nil, "state dropped")
  end)
  T.eq(msgs, {}, "no message")
end)

T.test("visible first: the view at once, the rest in steps; edits meanwhile are kept right", function()
  local lines = many_lines(2500)
  local buf = H.open_draft(lines)
  local rows = rows_with_marks(buf)
  local bot = vim.fn.line("w$") - 1
  local seen = false
  for r = 0, bot do
    seen = seen or rows[r]
  end
  T.ok(seen, "rows in view highlighted at once")
  T.ok(not rows[2400], "row 2400 not yet")
  -- edits while the background pass runs: lines added at the top, a name
  -- typed far below
  T.sleep(0)
  api.nvim_buf_set_lines(buf, 0, 0, false, { "Vladimir Putin", "", "Moscow" })
  api.nvim_buf_set_lines(buf, 2200, 2201, false, { "Then Sergei Lavrov spoke." })
  vim.wait(2000, function()
    return hl.state[buf].bg == nil
  end, 5)
  H.settle()
  local got = hl.marks(buf)
  T.ok(rows_with_marks(buf)[2400], "row 2400 highlighted afterwards")
  -- the same as highlighting everything at once
  hl.update_rows(buf, 0, api.nvim_buf_line_count(buf) - 1)
  T.eq(#got, #hl.marks(buf), "same number of marks as a full rescan")
  T.eq(got, hl.marks(buf), "same marks as a full rescan")
end)

T.test("big buffers: the view only, and what scrolls into view (WinScrolled)", function()
  require("dossier").setup({ max_bytes = 5000 })
  local buf = H.open_draft(many_lines(400))
  local rows = rows_with_marks(buf)
  T.ok(rows[2], "first lines highlighted")
  T.ok(not rows[380], "line 380 not highlighted")
  api.nvim_feedkeys("380Gzz", "xt", false)
  T.sleep(30)
  rows = rows_with_marks(buf)
  local top, bot = vim.fn.line("w0") - 1, vim.fn.line("w$") - 1
  local n = 0
  for r = top, bot do
    n = n + (rows[r] and 1 or 0)
  end
  require("dossier").setup({})
  T.ok(top > 300, "scrolled")
  T.ok(n > 0, "rows scrolled into view highlighted")
end)

T.test("skipped: binary buffers (NUL bytes) and lines over max_line_bytes", function()
  local buf = H.scratch({ "Putin\0met Kim", "Putin" })
  hl.refresh(buf)
  T.eq(#H.marks(buf), 0, "NUL bytes: nothing highlighted")
  api.nvim_buf_set_lines(buf, 1, 2, false, { "Putin again" })
  H.settle()
  T.eq(#H.marks(buf), 0, "edits in a binary buffer: nothing")
  local long = ("Putin "):rep(2000)
  buf = H.scratch({ long, "Lavrov" })
  H.settle()
  T.eq(H.marks(buf), { { 1, 0, 6, "DossierPerson", "Lavrov" } }, "the 12000-byte line skipped")
end)

T.test("text: byte for byte unchanged by highlight, hover, sources, jumps, check, mentions", function()
  local buf, path = H.open_draft()
  local before, t0 = bytes(buf), tick(buf)
  T.eq(before, file_bytes(path))
  hl.refresh(buf)
  vim.cmd("Dossier toggle")
  vim.cmd("Dossier toggle")
  api.nvim_win_set_cursor(0, { 4, 60 })
  vim.cmd("Dossier hover")
  vim.cmd("Dossier hover")
  vim.cmd("wincmd p")
  require("dossier.hover").close()
  vim.cmd("Dossier mentions")
  vim.cmd("cclose")
  vim.cmd("Dossier sources qf")
  vim.cmd("cclose")
  local hits = require("dossier.sources").hits(require("dossier.text").sentence_at_cursor(0))
  require("dossier.sources").jump(hits[1])
  vim.cmd("Dossier back")
  vim.cmd("Dossier check")
  vim.cmd("Dossier check off")
  T.eq(api.nvim_get_current_buf(), buf)
  T.eq(bytes(buf), before, "bytes")
  T.eq(tick(buf), t0, "changedtick")
  T.eq(vim.bo[buf].modified, false)
end)

T.test("text: each cite style is exactly one undo step; errors change nothing", function()
  T.ok(#require("dossier.core").styles >= 3, "the core's styles")
  for _, style in ipairs(require("dossier.core").styles) do
    local buf = H.open_draft()
    local before, t0 = bytes(buf), tick(buf)
    local seq = vim.fn.undotree().seq_cur
    api.nvim_win_set_cursor(0, { 4, 64 })
    require("dossier.cite").insert({ article = "summit-2023", passage = 195 }, style)
    T.ok(bytes(buf) ~= before, style .. ": inserted")
    T.eq(vim.fn.undotree().seq_cur, seq + 1, style .. ": one undo step")
    vim.cmd("silent undo")
    T.eq(bytes(buf), before, style .. ": one :undo restores the exact bytes")
    T.ok(tick(buf) > t0)
  end
  -- error paths: unknown style, unknown passage, read-only buffer
  local buf = H.open_draft()
  local before, t0 = bytes(buf), tick(buf)
  local msgs = T.capture(function()
    vim.cmd("Dossier cite apa")
    require("dossier.cite").insert({ article = "summit-2023", passage = 999999 }, "pandoc")
    vim.bo[buf].modifiable = false
    require("dossier.cite").insert({ article = "summit-2023", passage = 195 }, "pandoc")
    vim.bo[buf].modifiable = true
  end)
  T.eq(#msgs, 3, "three messages")
  T.match(msgs[1].msg, ':Dossier cite: unknown argument "apa" %(expected pandoc|footnote')
  T.match(msgs[2].msg, "cannot cite")
  T.match(msgs[3].msg, "not modifiable")
  T.eq(bytes(buf), before, "bytes unchanged")
  T.eq(tick(buf), t0, "changedtick unchanged")
end)

T.test("safety: a scan the corpus refuses (regex alias over its limit) turns highlighting off once", function()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  vim.fn.writefile(vim.fn.readfile(vim.g.dossier_test_root .. "/corpus/summit-2023.txt", "b"),
    dir .. "/summit-2023.txt", "b")
  vim.fn.writefile({ "actors:", "  - id: putin", "    name: Vladimir Putin", "    kind: person",
    "    patterns: ['aa(a+)+$']" }, dir .. "/actors.yaml")
  require("dossier").setup({ corpus = dir })
  util.reset_reports()
  local buf, before
  local msgs = T.capture(function()
    buf = H.scratch({ "Vladimir Putin spoke.", string.rep("a", 40) .. "!" })
    before = bytes(buf)
    api.nvim_buf_set_lines(buf, 0, 0, false, { "Putin" })
    T.sleep(250)
    vim.cmd("Dossier hover")
  end)
  require("dossier").setup({})
  T.ok(#msgs >= 1, "a message")
  T.match(msgs[1].msg, "highlighting is now off in this buffer: .*pattern 'aa%(a%+%)%+%$' of actor 'putin'")
  T.ok(not msgs[1].msg:find("internal error"), "not reported as a bug")
  T.eq(vim.b[buf].dossier_disable, true, "off in this buffer")
  T.eq(#H.marks(buf), 0, "and its highlights gone")
  T.eq(bytes(buf), "Putin\n" .. before, "only the writer's edit")
end)

T.test("safety: every subcommand but cite leaves the buffer's bytes and changedtick as they were", function()
  local commands = require("dossier.commands")
  local buf, path = H.open_draft()
  local before, t0 = bytes(buf), tick(buf)
  T.eq(before, file_bytes(path))
  local orig_select, orig_input = vim.ui.select, vim.ui.input
  vim.ui.select = function(_, _, cb)
    cb(nil)
  end
  vim.ui.input = function(_, cb)
    cb(nil)
  end
  local ran = {}
  local ok, err = pcall(function()
    for _, sub in ipairs(commands.list) do
      if sub.name ~= "cite" then
        api.nvim_set_current_buf(buf)
        api.nvim_win_set_cursor(0, { 4, 60 })
        local arg = ({ bibliography = "csl " .. vim.fn.tempname() .. ".json" })[sub.name] or ""
        T.capture(function()
          vim.cmd(("silent! Dossier %s %s"):format(sub.name, arg))
          if sub.args then
            for _, slot in ipairs(sub.args) do
              local values = type(slot.values) == "function" and slot.values() or slot.values
              for _, v in ipairs(values or {}) do
                api.nvim_set_current_buf(buf)
                vim.cmd(("silent! Dossier %s %s"):format(sub.name, v))
              end
            end
          end
        end)
        pcall(vim.cmd, "silent! cclose | lclose")
        while vim.fn.tabpagenr("$") > 1 do
          vim.cmd("tabclose!")
        end
        ran[#ran + 1] = sub.name
        T.eq(bytes(buf), before, ":Dossier " .. sub.name .. " left the bytes")
        T.eq(tick(buf), t0, ":Dossier " .. sub.name .. " left changedtick")
      end
    end
  end)
  vim.ui.select, vim.ui.input = orig_select, orig_input
  if not ok then
    error(err, 0)
  end
  T.ok(#ran >= 12, "every subcommand but cite ran: " .. table.concat(ran, " "))
  T.eq(vim.bo[buf].modified, false)
end)

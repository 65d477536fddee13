-- The incremental check (lua/dossier/memo.lua): checking again asks the core
-- only about the sentences and quotations that are new or edited, and shows
-- exactly what a fresh Neovim's check of the same text shows; a corpus
-- reloaded (by :Dossier reload or by the file watcher) starts afresh.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local check = require("dossier.check")
local corpus = require("dossier.corpus")
local memo = require("dossier.memo")

local view = require("check_view")

-- The view of a check of the file at path in a fresh Neovim (no memo), with
-- the corpus dir (nil: the shipped one).
local function fresh_view(path, dir)
  local script, out = vim.fn.tempname() .. ".lua", vim.fn.tempname()
  vim.fn.writefile({
    ("local path, dir, out = %q, %s, %q"):format(path, dir and ("%q"):format(dir) or "nil", out),
    "if dir then require('dossier').setup({ corpus = dir }) end",
    "vim.cmd('edit ' .. vim.fn.fnameescape(path))",
    "local buf = vim.api.nvim_get_current_buf()",
    "require('dossier.check').run(buf, false, { wait = true })",
    "vim.fn.writefile({ vim.fn.json_encode(require('check_view')(buf)) }, out)",
    "vim.cmd('qall!')",
  }, script)
  local log = vim.fn.system({ vim.v.progpath, "--headless", "-u",
    H.root .. "/tests/nvim/minimal_init.lua", "-i", "NONE", "-c", "luafile " .. script })
  T.eq(vim.v.shell_error, 0, "the fresh Neovim ran: " .. log)
  local got = vim.fn.json_decode(table.concat(vim.fn.readfile(out), "\n"))
  os.remove(script)
  os.remove(out)
  return got
end

-- Every text checked in res (sentences and quotations), as the memo keys them.
local function texts(res)
  local out = {}
  for _, s in ipairs(res.sentences) do
    out["s" .. s.text] = true
  end
  for _, q in ipairs(res.quotes) do
    out["q" .. q.text] = true
  end
  return out
end

local function count(set)
  local n = 0
  for _ in pairs(set) do
    n = n + 1
  end
  return n
end

T.test("check memo: after one edit only the edited sentence is asked; the same as a fresh check", function()
  memo.clear()
  local buf, path = H.open_draft()
  local first = check.run(buf, false, { wait = true })
  local items = #first.sentences + #first.quotes
  T.eq(first.asked, count(texts(first)), "the first check asks the core about every text")
  T.ok(items > 20, items .. " sentences and quotations")
  local again = check.run(buf, false, { wait = true })
  T.eq(again.asked, 0, "unchanged: nothing asked")
  T.eq(view(buf), fresh_view(path), "the same as a fresh Neovim's check")
  -- one line edited as a writer does: a word put in at the third sentence's start
  local s3 = first.sentences[3]
  H.undo_break()
  api.nvim_buf_set_text(buf, s3.row, s3.col, s3.row, s3.col, { "Reportedly, " })
  local edited = H.lines(buf)
  local tick = api.nvim_buf_get_changedtick(buf)
  local res = check.run(buf, false, { wait = true })
  local new = 0
  local before = texts(first)
  for k in pairs(texts(res)) do
    new = new + (before[k] and 0 or 1)
  end
  T.ok(new >= 1 and new < items / 4, new .. " texts changed")
  T.eq(res.asked, new, "only the changed texts asked")
  T.eq(memo.size(corpus.get()), count(before) + new, "each kept once")
  T.eq(api.nvim_buf_get_changedtick(buf), tick, "the check did not touch the buffer")
  T.eq(H.lines(buf), edited, "byte for byte")
  local copy = vim.fn.tempname() .. ".md"
  vim.fn.writefile(edited, copy)
  T.eq(view(buf), fresh_view(copy), "what a fresh Neovim's check of the edited text shows")
  -- another buffer with the same text: every answer from the memo, the same view
  local other = H.open_draft(edited)
  local o = check.run(other, false, { wait = true })
  T.eq(o.asked, 0, "another buffer: nothing asked")
  T.eq(view(other), view(buf))
  os.remove(copy)
end)

T.test("check memo: bounded; a corpus reloaded (command or watcher) is asked afresh", function()
  -- bounded: two generations of max_entries
  local saved = memo.max_entries
  memo.clear()
  memo.max_entries = 8
  local buf = H.open_draft()
  local res = check.run(buf, false, { wait = true, quiet = true })
  T.ok(#res.sentences > 16)
  T.ok(memo.size(corpus.get()) <= 16, "at most twice max_entries: " .. memo.size(corpus.get()))
  memo.max_entries = saved

  local dir = H.corpus_copy()
  require("dossier").setup({ corpus = dir })
  buf = H.open_draft()
  local path = api.nvim_buf_get_name(buf)
  res = check.run(buf, false, { wait = true })
  local want = view(buf)
  -- the article behind the first supported sentence loses its text
  local hit
  for _, s in ipairs(res.sentences) do
    if s.verdict == "supported" and s.hit and s.hit.path then
      hit = s.hit
      break
    end
  end
  T.ok(hit, "a supported sentence")
  local file = hit.path:sub(1, 1) == "/" and hit.path
    or (dir .. "/" .. vim.fn.fnamemodify(hit.path, ":t"))
  local original = vim.fn.readfile(file, "b")
  local text = table.concat(original, "\n")
  local front = text:match("^(%-%-%-\n.-\n%-%-%-\n)") or ""
  vim.fn.writefile(vim.split(front .. "Nothing here bears on the draft.\n", "\n"), file, "b")
  -- the watcher reloads it
  local c = corpus.get()
  T.ok(vim.wait(10000, function()
    return corpus.get() ~= c and corpus.loading() == nil
  end, 20), "reloaded by the watcher")
  res = check.run(buf, false, { wait = true })
  T.eq(res.asked, count(texts(res)), "the reloaded corpus: every text asked again")
  local changed = view(buf)
  T.ok(not vim.deep_equal(changed, want), "the verdicts changed with the article")
  T.eq(changed, fresh_view(path, dir), "what a fresh Neovim's check with the changed corpus shows")
  -- the article restored, :Dossier reload: the first check's view again
  vim.fn.writefile(original, file, "b")
  c = corpus.get()
  vim.cmd("Dossier reload")
  T.ok(corpus.get() ~= c, "a new corpus")
  res = check.run(buf, false, { wait = true })
  T.eq(res.asked, count(texts(res)), "every text asked again")
  T.eq(view(buf), want, "the first check's view again")
  T.eq(H.lines(buf), vim.fn.readfile(H.draft), "the buffer byte for byte")
  -- the watcher's reload of that write comes and goes
  T.sleep(corpus.RELOAD_MS + 100)
  vim.wait(10000, function()
    return corpus.loading() == nil
  end, 20)
  require("dossier").setup({})
  vim.fn.delete(dir, "rf")
end)

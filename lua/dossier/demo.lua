-- The main job: open a draft with Dossier attached, and (headless) print what
-- the plugin found.
local M = {}

local api = vim.api

--- Open path with Dossier attached and highlighted.
---@param path string
---@return integer buf
function M.open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local buf = api.nvim_get_current_buf()
  require("dossier").attach(buf)
  return buf
end

--- The first steps to try, for `make demo`: the default keys switched on
--- (so K works on a name), and a float saying what to try first; q closes
--- it.
---@param corpus? string the corpus directory (make demo CORPUS=...); nil: the plugin's own
---@return integer win the float
function M.intro(corpus)
  require("dossier").setup({ keymaps = true, corpus = corpus })
  local leader = vim.g.mapleader or "\\"
  local keys = require("dossier.config").default_keymaps
  local function key(name)
    return (keys[name]:gsub("<Leader>", leader))
  end
  -- what to press, and what it does (one or two lines), in two columns
  local rows = {
    { key("hover"), "on a name (Kim Jong-un, Pyongyang): who it is;",
      "again to enter the card, <CR> on a mention" },
    { key("sources"), "on a sentence: the passages that support it;",
      ("pick one to read it, %s comes back"):format(key("back")) },
    { key("cite"), "cite a supporting passage for the sentence" },
    { key("mentions"), "every mention of the name in the quickfix list" },
    { ":Dossier check", "a verdict for each sentence; :lopen" },
    { "<C-x><C-o>", "in Insert mode: names, and @keys" },
    { ":help dossier", "the manual" },
  }
  local width = 0
  for _, r in ipairs(rows) do
    width = math.max(width, vim.fn.strdisplaywidth(r[1]))
  end
  local lines = { "Dossier demo: try these first", "" }
  for _, r in ipairs(rows) do
    local pad = (" "):rep(width - vim.fn.strdisplaywidth(r[1]))
    lines[#lines + 1] = "  " .. r[1] .. pad .. "  " .. r[2]
    for i = 3, #r do
      lines[#lines + 1] = "  " .. (" "):rep(width) .. "  " .. r[i]
    end
  end
  vim.list_extend(lines, { "", "q closes this." })
  local win = require("dossier.float").open(lines, { name = "demo", max_width = 78 })
  -- entered, so that q (mapped in the float) closes it
  api.nvim_set_current_win(win)
  return win
end

local function out(s)
  io.stdout:write(s, "\n")
end

--- Headless: print the highlights, the check and the quote verdicts of the
--- draft at path, then quit.
---@param path string
---@param corpus? string the corpus directory (make demo CORPUS=...); nil: the plugin's own
function M.headless(path, corpus)
  local ok, err = pcall(function()
    vim.cmd("runtime plugin/dossier.lua")
    if corpus then
      require("dossier").setup({ corpus = corpus })
    end
    local buf = M.open(path)
    local hl = require("dossier.highlight")
    -- a report, not a session: the corpus loaded (off the main loop, and on
    -- a busy machine later than highlighting waits for it) before it is read
    local corpus = require("dossier.corpus")
    vim.wait(30000, function()
      return corpus.loading() == nil
    end, 5)
    hl.refresh(buf)
    local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
    out(("Dossier %s — %s (%d lines)"):format(require("dossier").version, path, #lines))
    out("")
    out("== Actors highlighted (line: text [group])")
    local per = {}
    for _, m in ipairs(hl.marks(buf)) do
      local row = m[1]
      per[row] = per[row] or {}
      local t = lines[row + 1]:sub(m[2] + 1, m[4])
      table.insert(per[row], ("%s [%s]"):format(t, m[5]))
    end
    for row = 0, #lines - 1 do
      if per[row] then
        out(("%3d: %s"):format(row + 1, table.concat(per[row], ", ")))
      end
    end
    local uv = vim.uv or vim.loop
    local t0 = uv.hrtime()
    local res = require("dossier.check").run(buf, false, { wait = true })
    local ms = (uv.hrtime() - t0) / 1e6
    out("")
    out(("== Check (%d sentences, %.0f ms)"):format(#res.sentences, ms))
    for _, s in ipairs(res.sentences) do
      local text = (s.text:gsub("%s+", " ")):sub(1, 70)
      out(("%3d:%-3d %-24s %s"):format(s.row + 1, s.col + 1, s.marker, text))
    end
    out("")
    out("== Quotations")
    for _, q in ipairs(res.quotes) do
      local v = q.check
      local where = v.article and (" ← %s:%d"):format(v.article, v.line) or ""
      local text = q.text:gsub("%s+", " ")
      out(
        ("%3d:%-3d %-8s %.2f “%s”%s"):format(
          q.row + 1,
          q.col + 1,
          v.verdict,
          v.similarity,
          text,
          where
        )
      )
      if v.verdict == "altered" then
        out("              source: “" .. v.source .. "”")
      end
    end
    out("")
    out("== Diagnostics")
    local names = { "ERROR", "WARN", "INFO", "HINT" }
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local severity = names[d.severity] or tostring(d.severity)
      out(("%3d:%-3d %s %s"):format(d.lnum + 1, d.col + 1, severity, d.message))
    end
  end)
  if not ok then
    io.stderr:write("(dossier) demo failed: " .. tostring(err) .. "\n")
    vim.cmd("cquit 1")
  end
  vim.cmd("qa!")
end

return M

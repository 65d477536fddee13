-- Small helpers shared by the Dossier modules.
local M = {}

local uv = vim.uv or vim.loop
M.uv = uv

-- The plugin's root directory (the one holding lua/, plugin/, corpus/).
M.root = (function()
  local src = debug.getinfo(1, "S").source:gsub("^@", "")
  src = vim.fn.fnamemodify(src, ":p")
  return (src:gsub("[/\\]lua[/\\]dossier[/\\]util%.lua$", ""))
end)()

function M.notify(msg, level)
  vim.notify("(dossier) " .. msg, level or vim.log.levels.INFO)
end

function M.error(msg)
  M.notify(msg, vim.log.levels.ERROR)
end

function M.warn(msg)
  M.notify(msg, vim.log.levels.WARN)
end

-- A brief message in the command line (no history noise).
function M.echo(msg)
  vim.api.nvim_echo({ { "(dossier) " .. msg } }, false, {})
end

local reported = {}

-- Where to report bugs (shown in internal error messages).
M.report_to = ":help dossier-bugs"

-- What the user should know after an internal error in a context.
local consequence = {
  highlight = "Highlighting is now off in that buffer (:Dossier toggle turns it back on). ",
}

-- Report an internal error once per context, with how to report it.
function M.report_internal(where, err)
  if reported[where] then
    return
  end
  reported[where] = true
  M.error(
    ("internal error in %s: %s\n%sPlease report it, with this message and the output"
      .. " of :checkhealth dossier, at the Dossier issue tracker (see %s or README.md)."):format(
      where, tostring(err), consequence[where] or "", M.report_to)
  )
end

-- Forget which errors were reported (tests).
function M.reset_reports()
  reported = {}
end

-- Run fn(...) protected; on error report once and call on_error(err).
function M.safe(where, fn, on_error)
  return function(...)
    local ok, res = pcall(fn, ...)
    if ok then
      return res
    end
    M.report_internal(where, res)
    if on_error then
      pcall(on_error, res)
    end
  end
end

-- Line start offsets of lines joined with "\n": starts[i] is the 0-based byte
-- offset of lines[i] in the joined text.
function M.line_starts(lines)
  local starts, off = {}, 0
  for i, l in ipairs(lines) do
    starts[i] = off
    off = off + #l + 1
  end
  return starts
end

-- 0-based byte offset -> (i, col): i is the 1-based index into lines, col 0-based.
function M.offset_to_pos(starts, off, hint)
  local i = hint or 1
  if i > #starts then
    i = #starts
  end
  while i > 1 and starts[i] > off do
    i = i - 1
  end
  while i < #starts and starts[i + 1] <= off do
    i = i + 1
  end
  return i, off - starts[i]
end

-- Text of the buffer, its lines and line starts.
function M.buf_text(buf)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  return table.concat(lines, "\n"), lines, M.line_starts(lines)
end

-- The paragraph (0-based rows [s, e]) around row.
function M.paragraph(buf, row)
  local n = vim.api.nvim_buf_line_count(buf)
  local function blank(r)
    local l = vim.api.nvim_buf_get_lines(buf, r, r + 1, false)[1] or ""
    return l:match("^%s*$") ~= nil
  end
  local s, e = row, row
  while s > 0 and not blank(s - 1) do
    s = s - 1
  end
  while e < n - 1 and not blank(e + 1) do
    e = e + 1
  end
  return s, e
end

-- The sentence containing the cursor: text, and 0-based (row, col) start.
function M.sentence_at_cursor(win)
  win = win or 0
  local buf = vim.api.nvim_win_get_buf(win)
  local cur = vim.api.nvim_win_get_cursor(win)
  local row, col = cur[1] - 1, cur[2]
  local s, e = M.paragraph(buf, row)
  local lines = vim.api.nvim_buf_get_lines(buf, s, e + 1, false)
  local text = table.concat(lines, "\n")
  if text:match("^%s*$") then
    return nil
  end
  local starts = M.line_starts(lines)
  local off = starts[row - s + 1] + col + 1 -- 1-based
  local core = require("dossier.corpus").core()
  local best
  for _, sg in ipairs(core and core.segment(text) or {}) do
    if off >= sg.first and off <= sg.last + 1 then
      best = sg
      break
    end
    if sg.first > off then
      best = best or sg
      break
    end
    best = sg
  end
  if not best then
    return text, s, 0
  end
  local i, c = M.offset_to_pos(starts, best.first - 1)
  return text:sub(best.first, best.last), s + i - 1, c
end

return M

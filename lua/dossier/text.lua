-- Text helpers: offsets and positions in joined lines, the paragraph, the
-- sentence and the actor mention under the cursor, the text of a range.
local native = require("dossier.native")

local api = vim.api

local M = {}

--- Line start offsets of lines joined with "\n": starts[i] is the 0-based
--- byte offset of lines[i] in the joined text.
---@param lines string[]
---@return integer[]
function M.line_starts(lines)
  local starts, off = {}, 0
  for i, l in ipairs(lines) do
    starts[i] = off
    off = off + #l + 1
  end
  return starts
end

--- 0-based byte offset -> (i, col): i is the 1-based index into lines, col
--- 0-based. hint is an index to start searching from (spans in text order).
---@param starts integer[] from line_starts
---@param off integer
---@param hint? integer
---@return integer i
---@return integer col
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

--- Text of the buffer, its lines and line starts.
---@param buf integer
---@return string text
---@return string[] lines
---@return integer[] starts
function M.buf_text(buf)
  local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
  return table.concat(lines, "\n"), lines, M.line_starts(lines)
end

--- The paragraph (0-based rows [s, e]) around row.
---@param buf integer
---@param row integer 0-based
---@return integer s
---@return integer e
function M.paragraph(buf, row)
  local n = api.nvim_buf_line_count(buf)
  local function blank(r)
    local l = api.nvim_buf_get_lines(buf, r, r + 1, false)[1] or ""
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

--- Bytes before a text that the core looks in for a short form's full name
--- when its paragraph names none (CONTEXT_BYTES in src/scan.c).
M.context_bytes = 600
--- Rows the context of a scan reaches at most, above or below.
M.context_rows = 32

--- Whether row r of buf (len bytes with its line break, from the buffer's
--- offsets) is blank: a paragraph break. Long rows are not read.
---@param buf integer
---@param r integer 0-based
---@param len integer
---@return boolean
function M.blank_row(buf, r, len)
  if len > 16 then
    return false
  end
  return (api.nvim_buf_get_lines(buf, r, r + 1, false)[1] or ""):match("^%s*$") ~= nil
end

--- The first row of the context a scan of rows from t1 needs, so that short
--- forms resolve as in a scan of the whole text: at least context_bytes
--- above and, with paragraph, back to the start of t1's paragraph (the
--- nearest full name there wins); at most context_rows rows, and at least
--- one row (a name wrapped across the line break is seen whole). Measured
--- with byte offsets: a line of megabytes is never copied for it.
---@param buf integer
---@param t1 integer 0-based
---@param paragraph? boolean default true
---@return integer row 0-based
function M.context_start(buf, t1, paragraph)
  if t1 == 0 then
    return 0
  end
  local from = math.max(0, t1 - M.context_rows)
  local at = api.nvim_buf_get_offset(buf, t1)
  local para, nxt = paragraph == false, at
  for r = t1 - 1, from, -1 do
    local off = api.nvim_buf_get_offset(buf, r)
    para = para or M.blank_row(buf, r, nxt - off)
    if para and at - off >= M.context_bytes then
      return r
    end
    nxt = off
  end
  return from
end

--- The sentence containing the cursor of win (segmented by the core): its
--- text, 0-based (row, col) start and (end_row, end_col) of its last byte;
--- nil on a blank line.
---@param win? integer 0 or nil: the current window
---@return string|nil text
---@return integer row
---@return integer col
---@return integer end_row
---@return integer end_col
function M.sentence_at_cursor(win)
  win = win or 0
  local buf = api.nvim_win_get_buf(win)
  local cur = api.nvim_win_get_cursor(win)
  local row, col = cur[1] - 1, cur[2]
  local s, e = M.paragraph(buf, row)
  local lines = api.nvim_buf_get_lines(buf, s, e + 1, false)
  local text = table.concat(lines, "\n")
  if text:match("^%s*$") then
    return nil
  end
  local starts = M.line_starts(lines)
  local off = starts[row - s + 1] + col + 1 -- 1-based
  local core = native.get()
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
    local last = #lines
    return text, s, 0, s + last - 1, math.max(0, #lines[last] - 1)
  end
  local i, c = M.offset_to_pos(starts, best.first - 1)
  local ei, ec = M.offset_to_pos(starts, best.last - 1, i)
  return text:sub(best.first, best.last), s + i - 1, c, s + ei - 1, ec
end

--- A one-line snippet of text (whitespace collapsed) centred on the bytes
--- [first, last] (1-based), at most width display columns, "…" where cut.
---@param text string
---@param first integer
---@param last integer
---@param width integer
---@return string
function M.snippet(text, first, last, width)
  local function squash(x)
    return (x:gsub("%s+", " "))
  end
  local before, mid, after = squash(text:sub(1, first - 1)), squash(text:sub(first, last)),
    squash(text:sub(last + 1))
  local fn = vim.fn
  local room = width - fn.strdisplaywidth(mid)
  if room <= 2 then
    return fn.strcharpart(mid, 0, width)
  end
  local lw, rw = fn.strdisplaywidth(before), fn.strdisplaywidth(after)
  local left = math.floor(room / 2)
  if lw < left then
    left = lw
  elseif rw < room - left then
    left = math.min(lw, room - rw)
  end
  local right = room - left
  if lw > left then
    local keep = left - 1
    before = "…" .. fn.strcharpart(before, fn.strchars(before) - keep, keep)
  end
  if rw > right then
    after = fn.strcharpart(after, 0, right - 1) .. "…"
  end
  return vim.trim(before .. mid .. after)
end

--- The actor mention of corpus c under the cursor of win: a span of
--- corpus:scan() or nil. Scans from the context above the cursor's line
--- (context_start: a short form resolves as the highlighting shows it) to
--- the line below, so a name wrapped across a line break is found whole.
---@param c userdata the corpus
---@param win? integer 0 or nil: the current window
---@return table|nil span
function M.span_at_cursor(c, win)
  win = win or 0
  local buf = api.nvim_win_get_buf(win)
  local cur = api.nvim_win_get_cursor(win)
  local row, col = cur[1] - 1, cur[2]
  local n = api.nvim_buf_line_count(buf)
  local r1, r2 = M.context_start(buf, row), math.min(n - 1, row + 1)
  local lines = api.nvim_buf_get_lines(buf, r1, r2 + 1, false)
  local starts = M.line_starts(lines)
  local off = starts[row - r1 + 1] + col + 1 -- 1-based byte offset
  -- a scan the corpus refuses (a regex alias over its limit) names nothing
  for _, sp in ipairs(c:scan(table.concat(lines, "\n")) or {}) do
    if sp.first <= off and off <= sp.last then
      return sp
    end
  end
  return nil
end

--- Text of lines [l1, l2] (1-based) of the current buffer, cut to the
--- visual marks when the last selection was charwise over those lines.
---@param l1 integer
---@param l2 integer
---@return string
function M.range_text(l1, l2)
  local lines = api.nvim_buf_get_lines(0, l1 - 1, l2, false)
  local vs, ve = vim.fn.getpos("'<"), vim.fn.getpos("'>")
  if vim.fn.visualmode() == "v" and vs[2] == l1 and ve[2] == l2 and #lines > 0 then
    local ec = math.min(ve[3], #lines[#lines])
    lines[#lines] = lines[#lines]:sub(1, ec)
    lines[1] = lines[1]:sub(vs[3])
  end
  return table.concat(lines, "\n")
end

return M

-- Actor highlighting with extmarks, incremental on edits.
local util = require("dossier.util")
local config = require("dossier.config")
local corpus = require("dossier.corpus")
local txt = require("dossier.text")
local debounce = require("dossier.debounce")
local highlights = require("dossier.highlights")

local api = vim.api

local M = {}

--- The namespace of the actor highlights.
M.ns = api.nvim_create_namespace("dossier")

--- The state of an attached buffer.
---@class dossier.HighlightState
---@field attached boolean false once detached (on_lines then detaches)
---@field s? integer first row edited since the last flush (0-based)
---@field e? integer row after the last one edited
---@field bg? integer next row of the background pass; nil when none runs
---@field gen integer refresh count (a stale background pass stops)
---@field binary? boolean

--- Attached buffers: buf -> state.
---@type table<integer, dossier.HighlightState>
local state = {}
M.state = state

-- Rows highlighted per step of the background pass: about 1-2 ms each, so
-- typing is never held up while a long buffer is highlighted.
M.chunk_rows = 500

local function disabled(buf)
  return vim.g.dossier_disable == true
    or vim.b[buf].dossier_disable == true
    or not config.options.highlight
end

-- More than max_bytes of text: only the rows in view are highlighted.
local function too_big(buf)
  local n = api.nvim_buf_line_count(buf)
  return api.nvim_buf_get_offset(buf, n) > config.options.max_bytes
end

-- Bytes of text before the rows being highlighted that are scanned with
-- them: the core resolves a shared short form ("Kim") from the full names in
-- its paragraph, else in the 600 bytes before it (CONTEXT_BYTES in
-- src/scan.c). See text.context_start.
M.context_bytes = txt.context_bytes

local context_start = txt.context_start


-- The last row of the stretch below row t2 whose short forms may be
-- resolved from names in rows up to t2 (context_bytes, at most
-- text.context_rows rows). Measured with byte offsets: a line of megabytes
-- is never copied for it.
local function context_end(buf, t2)
  local n = api.nvim_buf_line_count(buf)
  t2 = math.min(t2, n - 1)
  local last = math.min(n - 1, t2 + txt.context_rows)
  local at = api.nvim_buf_get_offset(buf, t2 + 1)
  for r = t2 + 1, last do
    if api.nvim_buf_get_offset(buf, r + 1) - at >= txt.context_bytes then
      return r
    end
  end
  return math.max(t2, last)
end

-- Rows [a, b] of buf as lines, those longer than maxl as "" and not read at
-- all (copying a line of megabytes costs more than skipping it), and the
-- byte length of each row.
local function get_lines_capped(buf, a, b, maxl)
  local lines, real = {}, {}
  local prev = api.nvim_buf_get_offset(buf, a)
  local run = nil -- first row of the current run of short rows
  local function flush_run(upto)
    if run then
      local got = api.nvim_buf_get_lines(buf, run, upto + 1, false)
      for k, l in ipairs(got) do
        lines[run - a + k] = l
        real[run - a + k] = #l -- exact, whatever 'eol' says of the last line
      end
      run = nil
    end
  end
  for r = a, b do
    local nxt = api.nvim_buf_get_offset(buf, r + 1)
    real[r - a + 1] = nxt - prev - 1
    if nxt - prev - 1 > maxl then
      flush_run(r - 1)
      lines[r - a + 1] = ""
    elseif not run then
      run = r
    end
    prev = nxt
  end
  flush_run(b)
  return lines, real
end

-- 'binary' set, or a NUL byte in the first 50 lines (lines over
-- max_line_bytes are not read: they are never highlighted anyway).
local function is_binary(buf)
  if vim.bo[buf].binary then
    return true
  end
  local n = math.min(50, api.nvim_buf_line_count(buf))
  for _, l in ipairs((get_lines_capped(buf, 0, n - 1, config.options.max_line_bytes))) do
    if l:find("\0", 1, true) or l:find("\n", 1, true) then
      return true
    end
  end
  return false
end

-- corpus -> the set of its short forms' words, folded to lower case; weak,
-- so a closed corpus goes
local short_words = setmetatable({}, { __mode = "k" })

-- Whether rows [t1, t2] of buf may hold a short form of corpus c: a word
-- of one is there (a few rows, as an edit touches, are looked at; more are
-- taken to). Lines over max_line_bytes are not read.
local function has_short_form(c, buf, t1, t2)
  if t2 - t1 >= 8 then
    return true
  end
  local set = short_words[c]
  if not set then
    set = {}
    for _, a in ipairs(c:actors()) do
      for _, s in ipairs(a.short or {}) do
        for w in s:gmatch("[%w\128-\255]+") do
          set[vim.fn.tolower(w)] = true
        end
      end
    end
    short_words[c] = set
  end
  if next(set) == nil then
    return false
  end
  for _, l in ipairs((get_lines_capped(buf, t1, t2, config.options.max_line_bytes))) do
    for w in l:gmatch("[%w\128-\255]+") do
      if set[w] or set[w:lower()] then
        return true
      end
    end
  end
  return false
end

--- Highlight rows [t1, t2] (0-based, inclusive). The scan also covers the
--- context above (context_start) and one row below, so a name wrapped across
--- a line break is seen whole and short forms resolve as in a whole scan.
---@param buf integer
---@param t1 integer
---@param t2 integer
function M.update_rows(buf, t1, t2)
  if disabled(buf) then
    return
  end
  local n = api.nvim_buf_line_count(buf)
  t1 = math.max(0, t1)
  t2 = math.min(n - 1, t2)
  if t2 < t1 then
    return
  end
  -- the gazetteer is enough, and never waited for long (corpus.lua)
  local c = corpus.scanner()
  if not c then
    return
  end
  local c2 = math.min(n - 1, t2 + 1)
  local function scan(c1)
    local lines, real = get_lines_capped(buf, c1, c2, config.options.max_line_bytes)
    local starts = txt.line_starts(lines)
    local spans, err = c:scan(table.concat(lines, "\n"))
    return spans, err, lines, real, starts
  end
  -- the 600 bytes above; the whole paragraph above too only when these rows
  -- hold a short form ("Kim"), which the nearest full name there resolves
  -- (most edits hold none: no longer a scan for them)
  local c1 = context_start(buf, t1, has_short_form(c, buf, t1, t2))
  local spans, err, lines, real, starts = scan(c1)
  if not spans then
    -- not a bug: the corpus refuses this text (a regex alias hit its match
    -- limit); say so once and stop highlighting this buffer
    vim.b[buf].dossier_disable = true
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
    if state[buf] then
      state[buf].bg = nil
    end
    util.error(("highlighting is now off in this buffer: %s"):format(err))
    return
  end
  api.nvim_buf_clear_namespace(buf, M.ns, t1, t2 + 1)
  local hint = 1
  for _, sp in ipairs(spans) do
    local group = highlights.kinds[sp.kind] or highlights.kinds.ambiguous
    local i1, col1 = txt.offset_to_pos(starts, sp.first - 1, hint)
    local i2, col2 = txt.offset_to_pos(starts, sp.last - 1, i1)
    hint = i1
    -- one extmark per line the span touches, only on rows [t1, t2]
    for i = i1, i2 do
      local row = c1 + i - 1
      if row >= t1 and row <= t2 then
        local sc = (i == i1) and col1 or 0
        local ec = (i == i2) and (col2 + 1) or real[i]
        if ec > sc then
          api.nvim_buf_set_extmark(buf, M.ns, row, sc, {
            end_row = row,
            end_col = math.min(ec, real[i]),
            hl_group = group,
            priority = 150,
          })
        end
      end
    end
  end
end

-- Rows visible in any window showing buf: list of {top, bot} 0-based.
local function visible_ranges(buf)
  local out = {}
  for _, win in ipairs(vim.fn.win_findbuf(buf)) do
    local top = vim.fn.line("w0", win) - 1
    local bot = vim.fn.line("w$", win) - 1
    out[#out + 1] = { top, bot }
  end
  return out
end

local function update_visible(buf)
  for _, r in ipairs(visible_ranges(buf)) do
    M.update_rows(buf, r[1], r[2])
  end
end

-- Switch highlighting off in buf after an internal error (reported by the
-- caller), so the error does not repeat on every keystroke.
local function fail(buf)
  if api.nvim_buf_is_valid(buf) then
    vim.b[buf].dossier_disable = true
  end
  M.detach(buf)
end

-- fn protected for buf: an internal error is reported once and switches
-- highlighting off in buf.
local function guarded(buf, fn)
  return util.safe("highlight", fn, function()
    fail(buf)
  end)
end

-- One step of the background pass of refresh generation gen.
local function background(buf, gen)
  local st = state[buf]
  if not st or st.gen ~= gen or not st.bg then
    return
  end
  if not api.nvim_buf_is_loaded(buf) or disabled(buf) then
    st.bg = nil
    return
  end
  local n = api.nvim_buf_line_count(buf)
  local r = st.bg
  local e = math.min(n - 1, r + M.chunk_rows - 1)
  M.update_rows(buf, r, e)
  st.bg = e + 1
  if st.bg >= n then
    st.bg = nil
    return
  end
  M.schedule_background(buf, gen)
end

--- Run the next step of the background pass from the main loop, after any
--- pending input.
---@param buf integer
---@param gen integer the refresh generation the pass belongs to
function M.schedule_background(buf, gen)
  vim.defer_fn(guarded(buf, function()
    background(buf, gen)
  end), 0)
end

-- The view of a buffer just opened may still move (`nvim +40000 f`, a
-- restore-cursor autocmd) and Neovim 0.10+ sends no WinScrolled for a
-- window's first view: highlight what is in view once more from the loop.
local function visible_again_soon(buf)
  vim.schedule(guarded(buf, function()
    if api.nvim_buf_is_loaded(buf) and state[buf] and not disabled(buf) then
      update_visible(buf)
    end
  end))
end

--- Re-highlight the whole buffer: the rows in view at once, the rest in
--- steps of chunk_rows from the main loop. Buffers over max_bytes: the view
--- only.
---@param buf? integer 0 or nil: the current buffer
function M.refresh(buf)
  buf = util.resolve_buf(buf)
  if not api.nvim_buf_is_loaded(buf) then
    return
  end
  local st = state[buf]
  local binary = is_binary(buf)
  if st then
    st.bg = nil
    st.gen = (st.gen or 0) + 1
    st.binary = binary
  end
  if disabled(buf) or binary then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
    return
  end
  if too_big(buf) then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
    update_visible(buf)
    visible_again_soon(buf)
    return
  end
  local n = api.nvim_buf_line_count(buf)
  if n <= M.chunk_rows or not st then
    M.update_rows(buf, 0, n - 1)
    return
  end
  update_visible(buf)
  visible_again_soon(buf)
  st.bg = 0
  M.schedule_background(buf, st.gen)
end

-- The debounced rescan of each buffer's edited rows: one timer per buffer,
-- restarted by every edit, the delay read from the configuration each time.
local pending = debounce.trailing(function()
  return config.options.debounce
end, function(buf)
  guarded(buf, M.flush)(buf)
end)

--- Stop highlighting buf and clear its highlights.
---@param buf integer
function M.detach(buf)
  local st = state[buf]
  if not st then
    return
  end
  st.attached = false
  st.bg = nil
  pending:cancel(buf)
  state[buf] = nil
  if api.nvim_buf_is_valid(buf) then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  end
end

--- Rescan the rows edited since the last flush (the debounced work).
---@param buf integer
function M.flush(buf)
  local st = state[buf]
  if not st or not st.s then
    return
  end
  local s, e = st.s, st.e
  st.s, st.e = nil, nil
  if not api.nvim_buf_is_valid(buf) or not api.nvim_buf_is_loaded(buf) then
    M.detach(buf)
    return
  end
  if disabled(buf) or st.binary or vim.bo[buf].binary then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
    return
  end
  -- over max_bytes, only what is in view; a big paste or undo: the rows in
  -- view now, the rest in the background, never all at once
  if too_big(buf) then
    api.nvim_buf_clear_namespace(buf, M.ns, math.max(0, s - 1), e + 1)
    update_visible(buf)
    return
  end
  if e - s > M.chunk_rows then
    M.refresh(buf)
    return
  end
  -- touched rows plus one neighbour above, and below them the rows whose
  -- short forms ("Kim") may name someone written in the touched rows
  M.update_rows(buf, s - 1, context_end(buf, e))
end

--- Run the pending debounced rescan of buf now (benchmarks, tests).
---@param buf integer
function M.flush_now(buf)
  pending:cancel(buf)
  M.flush(buf)
end

-- Record an edit of rows [first, last_old) that are now [first, last_new).
local function on_edit(st, buf, first, last_old, last_new)
  local delta = last_new - last_old
  if st.s == nil then
    st.s, st.e = first, last_new
  else
    if st.e > last_old then
      st.e = st.e + delta
    elseif st.e > first then
      st.e = last_new
    end
    st.s = math.min(st.s, first)
    st.e = math.max(st.e, last_new)
  end
  -- keep the background pass on the same text rows
  if st.bg then
    if last_old <= st.bg then
      st.bg = st.bg + delta
    elseif first < st.bg then
      st.bg = first
    end
  end
  pending:call(buf)
end

--- Rows scrolled into view: highlighted in big buffers (over max_bytes) and
--- while the background pass has not reached them. One global autocmd, as
--- which buffer a WinScrolled event carries differs between Neovim versions.
local watching = false
function M.watch_scrolling()
  if watching then
    return
  end
  watching = true
  api.nvim_create_autocmd("WinScrolled", {
    group = api.nvim_create_augroup("dossier_scroll", { clear = true }),
    callback = function()
      local seen = {}
      for _, win in ipairs(api.nvim_tabpage_list_wins(0)) do
        local buf = api.nvim_win_get_buf(win)
        local st = state[buf]
        if st and not seen[buf] then
          seen[buf] = true
          guarded(buf, function()
            if (st.bg or too_big(buf)) and not disabled(buf) and not st.binary then
              update_visible(buf)
            end
          end)()
        end
      end
    end,
  })
end

--- Attach highlighting to buf (idempotent).
---@param buf? integer 0 or nil: the current buffer
---@return boolean attached
function M.attach(buf)
  buf = util.resolve_buf(buf)
  if state[buf] then
    return true
  end
  local st = { attached = true, gen = 0 }
  state[buf] = st
  local ok = api.nvim_buf_attach(buf, false, {
    on_lines = function(_, b, _, first, last_old, last_new)
      if not st.attached then
        return true
      end
      local ok2, err = pcall(on_edit, st, b, first, last_old, last_new)
      if not ok2 then
        st.attached = false
        -- most of the API is off limits inside on_lines: report from the loop
        vim.schedule(function()
          util.report_internal("highlight", err)
          pcall(fail, b)
        end)
        return true
      end
    end,
    on_reload = function(_, b)
      vim.schedule(guarded(b, function()
        if state[b] then
          M.refresh(b)
        end
      end))
    end,
    on_detach = function(_, b)
      pcall(function()
        st.attached = false
        st.bg = nil
        -- a detach of an older attachment leaves a newer one's edits be
        if state[b] == st or state[b] == nil then
          pending:cancel(b)
        end
        if state[b] == st then
          state[b] = nil
        end
      end)
    end,
  })
  if not ok then
    state[buf] = nil
    return false
  end
  local group = api.nvim_create_augroup("dossier_buf_" .. buf, { clear = true })
  api.nvim_create_autocmd({ "BufWipeout", "BufUnload" }, {
    group = group,
    buffer = buf,
    callback = util.safe("highlight", function()
      M.detach(buf)
      pcall(api.nvim_del_augroup_by_id, group)
    end),
  })
  M.watch_scrolling()
  guarded(buf, M.refresh)(buf)
  return true
end

-- A corpus arriving (its gazetteer while the rest loads, or reloaded after
-- its files changed): the attached buffers highlighted with it.
corpus.on_ready(function()
  for buf in pairs(state) do
    if api.nvim_buf_is_valid(buf) then
      guarded(buf, M.refresh)(buf)
    end
  end
end)

---@param buf integer
---@return boolean
function M.is_attached(buf)
  return state[buf] ~= nil
end

--- Toggle highlighting of buf (:Dossier toggle).
---@param buf? integer 0 or nil: the current buffer
function M.toggle(buf)
  buf = util.resolve_buf(buf)
  local off = not (vim.b[buf].dossier_disable == true)
  vim.b[buf].dossier_disable = off
  if off then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  else
    if not state[buf] then
      M.attach(buf)
    else
      M.refresh(buf)
    end
  end
  util.echo("highlighting " .. (off and "off" or "on") .. " in this buffer")
end

--- Highlighted spans of buf as {row, col, end_row, end_col, group} (tests,
--- demo).
---@param buf integer
---@return {[1]: integer, [2]: integer, [3]: integer, [4]: integer, [5]: string}[]
function M.marks(buf)
  local out = {}
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, M.ns, 0, -1, { details = true })) do
    out[#out + 1] = { m[2], m[3], m[4].end_row, m[4].end_col, m[4].hl_group }
  end
  return out
end

return M

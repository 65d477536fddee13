-- :Dossier check: a verdict for every sentence of the draft (supported,
-- contradicted, unverified: lua/dossier/verdict.lua), and the quotations
-- checked against the sources. One marker per sentence at its end, the
-- supporting source named; diagnostics (severity_sort) and a location list
-- of what needs attention. A sentence edited since is stale: its marker and
-- diagnostic go at once, and the check runs again on save (or when idle,
-- with auto_check = "idle"). The check runs in time-boxed slices from the
-- main loop (M.slice_ms), so typing never waits for it (M.run). The core's
-- answer to each sentence and quotation is kept per corpus (dossier.memo):
-- checking again asks it only about what is new or edited.
local util = require("dossier.util")
local config = require("dossier.config")
local corpus = require("dossier.corpus")
local debounce = require("dossier.debounce")
local highlights = require("dossier.highlights")
local memo = require("dossier.memo")
local native = require("dossier.native")
local txt = require("dossier.text")
local verdict = require("dossier.verdict")

local api = vim.api

local M = {}

--- The namespace of the markers.
M.ns = api.nvim_create_namespace("dossier_check")
--- The namespace of the marks that follow each checked sentence through
--- edits (no decoration).
M.track_ns = api.nvim_create_namespace("dossier_check_track")
--- The namespace of the diagnostics.
M.diag_ns = api.nvim_create_namespace("dossier_diagnostics")

-- The worst first, for the writer: contradicted above unverified. No
-- virtual text: the markers say it at the sentence's end already (signs,
-- underlines and the float stay as the user has them).
vim.diagnostic.config({ severity_sort = true, virtual_text = false }, M.diag_ns)

local S = vim.diagnostic.severity

--- What :Dossier check found (rows and columns 0-based, where the check
--- ran; the marks follow later edits).
---@class dossier.CheckResult
---@field sentences dossier.CheckSentence[] in the order checked, filled slice by slice
---@field quotes dossier.CheckQuote[]
---@field tick integer buf's changedtick when the check began
---@field done boolean every sentence and quotation checked (false while running or cancelled)
---@field slices integer the slices it ran in
---@field longest_slice_ms number the longest of them, in ms (each held the main loop)
---@field asked integer sentences and quotations the core was asked about (the rest: the memo)

---@class dossier.CheckSentence
---@field row integer
---@field col integer
---@field end_row integer
---@field end_col integer the last byte's column
---@field text string
---@field verdict dossier.Verdict
---@field severity integer|nil its diagnostic's severity (the core's rule), nil for none
---@field corroborated boolean verdict == "supported"
---@field sources integer sources supporting it (0 unless supported)
---@field source string|nil the supporting (or contradicting) source's name
---@field hit table|nil the passage behind the verdict
---@field marker string the marker shown at its end
---@field actors integer known actors it names
---@field mark integer the id of its marker
---@field track integer the id of the mark following it through edits

---@class dossier.CheckQuote
---@field row integer
---@field col integer
---@field end_row integer
---@field end_col integer
---@field text string the text inside the quote marks
---@field verdict "exact"|"altered"|"none"
---@field check table the corpus:check_quote() result
---@field track integer

-- buf -> the dossier.CheckResult shown, with the changedtick it was made at
local shown = {}

-- buf -> the check running over it (M.run), until its last slice
local running = {}

-- Stop buf's running check, if any: its later slices do nothing.
local function cancel(buf)
  local job = running[buf]
  if job then
    job.cancelled = true
    running[buf] = nil
    if job.batch then
      job.batch:close()
    end
  end
end

-- The marker of a sentence: its verdict's mark and the source behind it.
local function marker(s)
  local o = verdict.outcomes[s.verdict]
  if s.verdict == "supported" then
    local more = s.sources > 1 and (" +" .. (s.sources - 1)) or ""
    return ("%s %s%s"):format(o.mark, s.source or "", more), o.group
  elseif s.verdict == "contradicted" then
    return ("%s contradicted by %s"):format(o.mark, s.source or "a source"), o.group
  end
  return o.mark .. " " .. o.label, o.group
end

-- The diagnostic message of a sentence, nil for a supported one.
local function sentence_message(s)
  if s.verdict == "contradicted" then
    local h = s.hit or {}
    local said = h.text and h.text:gsub("%s+", " ") or ""
    local kind, line = "", h.line or 0
    for _, conflict in ipairs(h.evidence and h.evidence.conflicts or {}) do
      -- the detail in conflict, with the source's few words before it, and its line
      said = (conflict.context or conflict.source or said):gsub("%s+", " ")
      kind, line = " (" .. conflict.kind .. ")", conflict.line or line
      break
    end
    local file = h.path and vim.fn.fnamemodify(h.path, ":t") or h.article or "?"
    return ("contradicted%s: the source says: %s — %s:%d"):format(kind, said, file, line)
  elseif s.verdict == "unverified" then
    return "unverified: no source passage supports this sentence"
  end
  return nil
end

local function quote_message(q, arts)
  local v = q.check
  if q.verdict == "altered" then
    local a = arts[v.article] or {}
    return ("quotation differs from the source: “%s” (%s, %s line %d)"):format(
      v.source,
      a.title or v.article,
      v.article,
      v.line or 0
    )
  elseif q.verdict == "none" then
    return "quotation not found in the sources"
  end
  return nil
end

-- The current range of a tracking mark: row, col, end_row, end_col (end
-- exclusive), or nil when it is gone.
local function tracked(buf, id)
  local m = api.nvim_buf_get_extmark_by_id(buf, M.track_ns, id, { details = true })
  if not m or not m[1] then
    return nil
  end
  return m[1], m[2], m[3].end_row, m[3].end_col
end

-- The text a tracking mark covers now.
local function tracked_text(buf, id)
  local r, c, er, ec = tracked(buf, id)
  if not r or not er then
    return nil
  end
  local ok, lines = pcall(api.nvim_buf_get_text, buf, r, c, er, ec, {})
  return ok and table.concat(lines, "\n") or nil
end

local LOCLIST = "Dossier check"

-- Set the location list of the windows showing buf: a new list when fresh
-- (a check just ran), else Dossier's own replaced where it is the current
-- one (a list the user opened since is left alone).
local function set_loclists(buf, items, fresh)
  for _, win in ipairs(vim.fn.win_findbuf(buf)) do
    if fresh then
      vim.fn.setloclist(win, {}, " ", { title = LOCLIST, items = items })
    elseif vim.fn.getloclist(win, { title = 0 }).title == LOCLIST then
      vim.fn.setloclist(win, {}, "r", { title = LOCLIST, items = items })
    end
  end
end

-- The diagnostics of what is shown, at the tracked positions (which follow
-- edits), in buffer order.
local function publish_diagnostics(buf)
  local res = shown[buf]
  local diags = {}
  if res then
    local arts = corpus.get() and corpus.articles(corpus.get()) or {}
    local function add(rec, message, severity)
      local r, c, er, ec = tracked(buf, rec.track)
      if not r then
        return
      end
      diags[#diags + 1] = {
        lnum = r,
        col = c,
        end_lnum = er,
        end_col = ec,
        severity = severity,
        source = "dossier",
        message = message,
      }
    end
    for _, s in ipairs(res.sentences) do
      local msg = sentence_message(s)
      if msg and s.severity then
        add(s, msg, s.severity)
      end
    end
    for _, q in ipairs(res.quotes) do
      local msg, severity = quote_message(q, arts), verdict.severity(q.check)
      if msg and severity then
        add(q, msg, severity)
      end
    end
    table.sort(diags, function(a, b)
      if a.lnum ~= b.lnum then
        return a.lnum < b.lnum
      end
      return a.col < b.col
    end)
  end
  return diags
end

-- Diagnostics and the location list from what is shown.
local function publish(buf, fresh)
  local diags, items = publish_diagnostics(buf), {}
  for _, d in ipairs(diags) do
    local kind = ({ [S.ERROR] = "E", [S.WARN] = "W", [S.INFO] = "I" })[d.severity] or "N"
    items[#items + 1] = { bufnr = buf, lnum = d.lnum + 1, col = d.col + 1, type = kind,
      text = d.message }
  end
  vim.diagnostic.set(M.diag_ns, buf, diags)
  set_loclists(buf, items, fresh)
  return items
end

--- The location list items of buf's check: the sentences and quotations
--- that need attention, in buffer order.
---@param buf? integer
---@return table[]
function M.attention(buf)
  return publish(util.resolve_buf(buf), false)
end

-- Drop the records of buf whose text changed since the check: their marker
-- goes, and their diagnostic (the others' follow their text).
local function drop_stale(buf)
  local res = shown[buf]
  if not res or not api.nvim_buf_is_valid(buf) then
    return
  end
  local tick = api.nvim_buf_get_changedtick(buf)
  if (res.seen or res.tick) == tick then
    return
  end
  local function keep(list)
    local out = {}
    for _, rec in ipairs(list) do
      if tracked_text(buf, rec.track) == rec.text then
        out[#out + 1] = rec
      else
        pcall(api.nvim_buf_del_extmark, buf, M.track_ns, rec.track)
        if rec.mark then
          pcall(api.nvim_buf_del_extmark, buf, M.ns, rec.mark)
        end
      end
    end
    return out
  end
  res.sentences = keep(res.sentences)
  res.quotes = keep(res.quotes)
  res.seen = tick -- res.tick stays the check's: the buffer is not checked since
  publish(buf, false)
end

local stale = debounce.trailing(function()
  return config.options.debounce
end, function(buf)
  util.safe("check", drop_stale)(buf)
end)

-- buf -> true while its edits are followed (nvim_buf_attach)
local following = {}

-- Follow buf's edits (stale marks: any change, typed, put by a plugin or
-- an undo), saves and, when configured, idle time.
local function watch(buf)
  if not following[buf] then
    following[buf] = true
    api.nvim_buf_attach(buf, false, {
      on_lines = function(_, b)
        if not following[b] then
          return true -- detach
        end
        -- only a timer here: most of the API is off limits inside on_lines
        pcall(stale.call, stale, b)
      end,
      on_detach = function(_, b)
        following[b] = nil
      end,
    })
  end
  local group = api.nvim_create_augroup("dossier_check_" .. buf, { clear = true })
  local auto = config.options.auto_check
  local function rerun()
    if shown[buf] and shown[buf].tick ~= api.nvim_buf_get_changedtick(buf) then
      stale:cancel(buf)
      M.run(buf, false, { quiet = true })
    end
  end
  if auto == "save" or auto == "idle" then
    api.nvim_create_autocmd("BufWritePost", {
      group = group,
      buffer = buf,
      callback = util.safe("check", function()
        if shown[buf] then
          stale:cancel(buf)
          M.run(buf, false, { quiet = true })
        end
      end),
    })
  end
  if auto == "idle" then
    api.nvim_create_autocmd({ "CursorHold", "CursorHoldI" }, {
      group = group,
      buffer = buf,
      callback = util.safe("check", rerun),
    })
  end
  api.nvim_create_autocmd("BufWipeout", {
    group = group,
    buffer = buf,
    callback = function()
      cancel(buf)
      shown[buf], following[buf] = nil, nil
      pcall(api.nvim_del_augroup_by_id, group)
    end,
  })
end

local function clear(buf)
  cancel(buf)
  api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  api.nvim_buf_clear_namespace(buf, M.track_ns, 0, -1)
  vim.diagnostic.reset(M.diag_ns, buf)
  shown[buf] = nil
  stale:cancel(buf)
end

--- How long one slice of a check may hold the editor's main loop, in ms:
--- sentences are checked until it is spent, then the loop reads keys and
--- redraws before the next slice (a sentence takes about 0.1-1 ms, so a
--- slice ends well within a 16 ms frame, with room for a slow first
--- sentence or for other processes taking the CPU meanwhile).
M.slice_ms = 5

local hrtime = (vim.uv or vim.loop).hrtime

-- The options of every sentence's corroborate() call. One hit: the core
-- puts the passage the verdict stands on among the hits, so the first hit
-- of the verdict's stance is the same passage at any limit; fewer hits are
-- fewer to align, fill and hand to Lua.
local CORROBORATE = { limit = 1 }
-- The memo's key of a sentence: the options that change the answer, then
-- the text (dossier.memo).
local SENTENCE_KEY = ("sentence limit=%d\0"):format(CORROBORATE.limit)
local QUOTE_KEY = "quote\0"

-- What the core says of sentence s, whatever its place in the draft: its
-- verdict, the passage behind it and the known actors it names. r: the
-- core's corroboration of s when a batch has worked it out already.
local function answer(c, s, r)
  r = r or c:corroborate(s, CORROBORATE)
  local actors = 0
  for _, sp in ipairs(c:scan(s) or {}) do -- nil: a regex alias over its limit
    if sp.actor then
      actors = actors + 1
    end
  end
  local v = verdict.of(r)
  local hit = verdict.first(r, v == "contradicted" and "contradicts" or "supports") or r.hits[1]
  return {
    verdict = v,
    severity = verdict.severity(r),
    sources = v == "supported" and r.sources or 0,
    hit = hit,
    source = hit and verdict.source_name(hit) or nil,
    actors = actors,
  }
end

-- The core's answer to text under key, asked once per corpus (a text checked
-- before, in this buffer or another, has the same answer), and a record at
-- first..last of job's text with its tracking mark: the place is the
-- buffer's now, never the memo's.
local function placed(job, key, text, first, last, compute)
  local v, kept = memo.get(job.corpus, key .. text, compute)
  job.res.asked = job.res.asked + (kept and 0 or 1)
  local id, srow, scol, erow, ecol = job.track(first, last)
  return v, { row = srow, col = scol, end_row = erow, end_col = ecol, text = text, track = id }
end

-- One sentence or quotation of job checked: its record, tracking mark and
-- marker made.
local function check_item(job, item)
  local buf, c, res = job.buf, job.corpus, job.res
  if item.quote then
    local q = item.quote
    local v, rec = placed(job, QUOTE_KEY, q.text, q.first, q.last, function()
      return c:check_quote(q.text)
    end)
    rec.verdict, rec.check = v.verdict, v
    res.quotes[#res.quotes + 1] = rec
    if v.verdict ~= "exact" then
      job.quotes_to_see = job.quotes_to_see + 1
    end
    return
  end
  local sg = item.sentence
  local s = item.text
  local a, rec = placed(job, SENTENCE_KEY, s, sg.first, sg.last, function()
    return answer(c, s, item.answer)
  end)
  item.answer = nil
  rec.verdict, rec.severity = a.verdict, a.severity
  rec.corroborated = a.verdict == "supported"
  rec.sources, rec.hit, rec.source, rec.actors = a.sources, a.hit, a.source, a.actors
  local chunk, group = marker(rec)
  rec.marker = chunk
  -- one marker per sentence, anchored at its last byte: shown at the end
  -- of that line, in the order the sentences end
  rec.mark = api.nvim_buf_set_extmark(buf, M.ns, rec.end_row, rec.end_col, {
    virt_text = { { chunk, group } },
    virt_text_pos = "eol",
    hl_mode = "combine",
  })
  res.sentences[#res.sentences + 1] = rec
  job.counts[a.verdict] = job.counts[a.verdict] + 1
end

-- The end of job: diagnostics, the location list, the summary, the
-- callback.
local function finish(job)
  local buf, res, counts = job.buf, job.res, job.counts
  running[buf] = nil
  res.done = true
  if job.batch then
    -- its threads save the related words they worked out: the wait for
    -- them comes after the check is shown
    local batch = job.batch
    job.batch = nil
    vim.schedule(function()
      batch:close()
    end)
  end
  publish(buf, not job.opts.quiet)
  if not job.opts.quiet then
    -- short enough for one line of a narrow window (no Press ENTER)
    local msg = ("%d supported, %d contradicted, %d unverified, %d quotation%s; :lopen"):format(
      counts.supported,
      counts.contradicted,
      counts.unverified,
      job.quotes_to_see,
      job.quotes_to_see == 1 and "" or "s"
    )
    util.echo(msg:sub(1, math.max(20, vim.o.columns - 12)))
  end
  if job.opts.on_done then
    job.opts.on_done(res)
  end
  -- the related words the check worked out, for the next session: after
  -- the check is shown, off its time
  if res.asked > 0 then
    vim.schedule(function()
      if corpus.in_use(job.corpus) then
        corpus.save_related(job.corpus)
      end
    end)
  end
end

--- Fewest sentences new to the memo for which a check asks the core to work
--- on threads of its own (corpus:corroborate_batch) while the main loop
--- goes on: below it, the main loop answers them sooner itself.
M.batch_min = 8
--- How often, in ms, a check waiting for the core's threads looks again.
M.batch_poll_ms = 1

-- The sentences of job the memo lacks, each text once, given to the core's
-- threads at once: job.batch, and item.asked the place in it of the first
-- item of each text (the later ones find the memo's answer).
local function start_batch(job)
  local c, texts, at = job.corpus, {}, {}
  if not c.corroborate_batch then
    return -- an older core: every sentence on the main loop
  end
  for _, item in ipairs(job.items) do
    local s = item.text
    if s and not at[s] and not memo.kept(c, SENTENCE_KEY .. s) then
      texts[#texts + 1] = s
      at[s] = #texts
      item.asked = #texts
    end
  end
  local ok, batch = false, nil
  if #texts >= M.batch_min then
    ok, batch = pcall(c.corroborate_batch, c, texts, CORROBORATE)
  end
  if ok and batch then
    job.batch = batch
    return
  end
  for _, item in ipairs(job.items) do -- no thread: the main loop asks
    item.asked = nil
  end
end

-- Whether item's answer is there to be placed: not asked of the batch, or
-- the batch has it (item.answer), waiting for it when wait. A claim the
-- batch failed on is asked again on the main loop, which reports the failure.
local function ready(job, item, wait)
  if not item.asked then
    return true
  end
  local r, failed = job.batch:result(item.asked, wait)
  if r == nil and failed == nil then
    return false
  end
  item.answer, item.asked = r, nil
  return true
end

-- One slice of job: items until budget_ns is spent (at least one, unless
-- the next waits for the core's threads: job.waiting; the command's own
-- first slice, first, waits for the first). Returns true when the job is
-- over (done or cancelled).
local function slice(job, budget_ns, first)
  if job.cancelled then
    return true
  end
  local buf = job.buf
  if not api.nvim_buf_is_valid(buf) then
    cancel(buf)
    return true
  end
  if not corpus.in_use(job.corpus) then
    -- reloaded meanwhile (:Dossier reload closes the old one): the sentences
    -- checked keep their marks, the rest wait for the next check
    cancel(buf)
    if not job.opts.quiet then
      util.echo("check stopped: the corpus was reloaded; :Dossier check runs it again")
    end
    return true
  end
  if api.nvim_buf_get_changedtick(buf) ~= job.res.tick then
    -- edited since the check began: the positions it has are old. What is
    -- marked follows its text, the edited sentences' marks go now.
    cancel(buf)
    drop_stale(buf)
    return true
  end
  local t0, placed_before = hrtime(), job.next
  local wait = budget_ns == math.huge
  job.waiting = false
  repeat
    if not ready(job, job.items[job.next + 1], wait or (first and job.next == placed_before)) then
      job.waiting = true
      break
    end
    job.next = job.next + 1
    check_item(job, job.items[job.next])
  until job.next >= #job.items or hrtime() - t0 >= budget_ns
  if job.next == placed_before then
    return false -- nothing new to show
  end
  local ms = (hrtime() - t0) / 1e6
  job.res.slices = job.res.slices + 1
  if ms > job.res.longest_slice_ms then
    job.res.longest_slice_ms = ms
  end
  if job.next >= #job.items then
    finish(job)
    return true
  end
  -- the diagnostics so far (the location list comes at the end)
  vim.diagnostic.set(M.diag_ns, buf, publish_diagnostics(buf))
  return false
end

-- The next slice of job, after the main loop has read input and redrawn.
local function schedule(job)
  local timer = job.timer
  timer:start(
    job.waiting and M.batch_poll_ms or 0,
    0,
    vim.schedule_wrap(function()
      local ok, over = pcall(slice, job, M.slice_ms * 1e6)
      if not ok then
        cancel(job.buf)
        util.report_internal(":Dossier check", over)
      end
      if ok and not over then
        schedule(job)
      else
        timer:close()
      end
    end)
  )
end

--- :Dossier check [off]: markers, diagnostics and the location list over
--- buf, or clear them (and stop re-checking) when off.
---
--- The check runs in slices of at most M.slice_ms off the keystroke path:
--- it returns after the first, markers and diagnostics appear as slices
--- finish (each from the main loop, after it has read keys and redrawn),
--- the location list and the summary when the last one has. An edit of
--- buf, a newer check, `off` or a reload of the corpus cancels it (the
--- sentences checked so far keep their marks while their text stays as it
--- was). To have the result:
--- `opts.wait` (checked to the end before it returns), `opts.on_done`
--- (called with the finished result), or M.wait(buf) after starting it.
---@param buf? integer 0 or nil: the current buffer
---@param off? boolean
---@param opts? {quiet?: boolean, wait?: boolean, on_done?: fun(res: dossier.CheckResult)}
--- quiet: no summary message (re-runs)
---@return dossier.CheckResult|nil res filled as the check goes; res.done once finished
function M.run(buf, off, opts)
  buf = util.resolve_buf(buf)
  opts = opts or {}
  clear(buf)
  if off then
    following[buf] = nil
    pcall(api.nvim_del_augroup_by_name, "dossier_check_" .. buf)
    set_loclists(buf, {}, false)
    return nil
  end
  local c = corpus.get_or_report()
  if not c then
    return nil
  end
  highlights.setup()
  local core = native.get()
  local text, _, starts = txt.buf_text(buf)
  local function pos(o) -- 1-based offset -> 0-based row, col
    local i, col = txt.offset_to_pos(starts, o - 1)
    return i - 1, col
  end
  local res = {
    sentences = {},
    quotes = {},
    tick = api.nvim_buf_get_changedtick(buf),
    done = false,
    slices = 0,
    longest_slice_ms = 0,
    asked = 0,
  }
  local job = {
    buf = buf,
    corpus = c,
    text = text,
    res = res,
    opts = opts,
    items = {},
    next = 0,
    counts = { supported = 0, contradicted = 0, unverified = 0 },
    quotes_to_see = 0,
  }
  function job.track(first, last)
    local r, col = pos(first)
    local er, ec = pos(last)
    -- text typed right before or after it stays outside
    local id = api.nvim_buf_set_extmark(buf, M.track_ns, r, col, { end_row = er, end_col = ec + 1 })
    return id, r, col, er, ec
  end
  for _, sg in ipairs(core.segment(text)) do
    if sg.kind == "prose" then
      job.items[#job.items + 1] = { sentence = sg, text = text:sub(sg.first, sg.last) }
    end
  end
  for _, q in ipairs(core.quotations(text)) do
    job.items[#job.items + 1] = { quote = q }
  end
  shown[buf] = res
  watch(buf)
  if #job.items == 0 then
    finish(job)
    return res
  end
  running[buf] = job
  start_batch(job)
  -- the first slice at once (its markers drawn with the command's redraw),
  -- the rest from the main loop; an error is the caller's, as before
  local ok, over = pcall(slice, job, opts.wait and math.huge or M.slice_ms * 1e6, true)
  while ok and not over and opts.wait do
    ok, over = pcall(slice, job, math.huge)
  end
  if not ok then
    cancel(buf)
    error(over, 0)
  end
  if not over then
    job.timer = (vim.uv or vim.loop).new_timer()
    schedule(job)
  end
  return res
end

--- Whether a check is running over buf.
---@param buf? integer
---@return boolean
function M.running(buf)
  return running[util.resolve_buf(buf)] ~= nil
end

--- Waits (the main loop running meanwhile) until buf's check is over, for
--- at most timeout_ms (10 s); returns what is shown then.
---@param buf? integer
---@param timeout_ms? integer
---@return dossier.CheckResult|nil
function M.wait(buf, timeout_ms)
  buf = util.resolve_buf(buf)
  vim.wait(timeout_ms or 10000, function()
    return running[buf] == nil
  end, 1)
  return shown[buf]
end

--- What is shown for buf now (the sentences not edited since), or nil.
---@param buf? integer
---@return dossier.CheckResult|nil
function M.shown(buf)
  return shown[util.resolve_buf(buf)]
end

return M

-- :Dossier check: each sentence marked supported, contradicted or unverified,
-- with diagnostics: a contradicted sentence (ERROR) quotes the source's words
-- and where they are, an unverified one naming actors is a WARN.
local util = require("dossier.util")
local corpus = require("dossier.corpus")
local highlights = require("dossier.highlights")
local native = require("dossier.native")
local txt = require("dossier.text")

local api = vim.api

local M = {}

--- The namespace of the ✓/✗ markers.
M.ns = api.nvim_create_namespace("dossier_check")
--- The namespace of the diagnostics.
M.diag_ns = api.nvim_create_namespace("dossier_diagnostics")

local S = vim.diagnostic.severity

--- What :Dossier check found (rows and columns 0-based).
---@class dossier.CheckResult
---@field sentences dossier.CheckSentence[]
---@field quotes dossier.CheckQuote[]

---@class dossier.CheckSentence
---@field row integer
---@field col integer
---@field end_row integer
---@field text string
---@field verdict "supported"|"contradicted"|"unverified"
---@field corroborated boolean exactly when supported
---@field sources integer sources supporting it (0 when not supported)
---@field actors integer known actors it names
---@field conflict? table when contradicted: {kind, claim, source, context, line, col,
---  article, path}

---@class dossier.CheckQuote
---@field row integer
---@field col integer
---@field text string the text inside the quote marks
---@field verdict "exact"|"altered"|"none"
---@field check table the corpus:check_quote() result

--- The first conflict of the first contradicting hit of a corroborate()
--- result, with that hit's article and path; nil when none.
---@param r table
---@return table|nil
function M.conflict(r)
  for _, h in ipairs(r.hits or {}) do
    if h.stance == "contradicts" and h.evidence and h.evidence.conflicts[1] then
      local x = vim.deepcopy(h.evidence.conflicts[1])
      x.article, x.path = h.article, h.path
      return x
    end
  end
  return nil
end

--- :Dossier check [off]: markers and diagnostics over buf, or clear them
--- when off.
---@param buf? integer 0 or nil: the current buffer
---@param off? boolean
---@return dossier.CheckResult|nil
function M.run(buf, off)
  buf = util.resolve_buf(buf)
  api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  vim.diagnostic.reset(M.diag_ns, buf)
  if off then
    return nil
  end
  local c = corpus.get_or_report()
  if not c then
    return nil
  end
  highlights.setup()
  local core = native.get()
  local text, _, starts = txt.buf_text(buf)
  local arts = corpus.articles(c)
  local function pos(o) -- 1-based offset -> 0-based row, col
    local i, col = txt.offset_to_pos(starts, o - 1)
    return i - 1, col
  end
  local res = { sentences = {}, quotes = {} }
  local diags = {}
  local marks = {} -- row -> chunks
  for _, sg in ipairs(core.segment(text)) do
    if sg.kind == "prose" then
      local s = text:sub(sg.first, sg.last)
      local r = c:corroborate(s, { limit = 3 })
      local actors = 0
      for _, sp in ipairs(c:scan(s) or {}) do -- nil: a regex alias over its limit
        if sp.actor then
          actors = actors + 1
        end
      end
      local srow, scol = pos(sg.first)
      local erow, ecol = pos(sg.last)
      local n = r.corroborated and r.sources or 0
      local conflict = M.conflict(r)
      res.sentences[#res.sentences + 1] = {
        row = srow,
        col = scol,
        end_row = erow,
        text = s,
        verdict = r.verdict,
        corroborated = r.corroborated,
        sources = n,
        actors = actors,
        conflict = conflict,
      }
      local chunk
      local d = { lnum = srow, col = scol, end_lnum = erow, end_col = ecol + 1, source = "dossier" }
      if r.verdict == "supported" then
        chunk = { ("✓ %d source%s"):format(n, n == 1 and "" or "s"), "DossierCheckOk" }
      elseif r.verdict == "contradicted" then
        chunk = { "✗ contradicted", "DossierCheckContradicted" }
        d.severity = S.ERROR
        d.message = conflict
            and ("contradicted (%s): the source says: %s — %s:%d"):format(
              conflict.kind,
              conflict.context:gsub("%s+", " "),
              vim.fn.fnamemodify(conflict.path, ":t"),
              conflict.line
            )
          or "contradicted: a source passage says otherwise"
        diags[#diags + 1] = d
      else
        chunk = { "? unverified", "DossierCheckMissing" }
        if actors > 0 then
          d.severity = S.WARN
          d.message = "unverified: no source passage supports this sentence"
          diags[#diags + 1] = d
        end
      end
      marks[erow] = marks[erow] or {}
      local m = marks[erow]
      if #m > 0 then
        m[#m + 1] = { " " }
      end
      m[#m + 1] = chunk
    end
  end
  for _, q in ipairs(core.quotations(text)) do
    local v = c:check_quote(q.text)
    local srow, scol = pos(q.first)
    local erow, ecol = pos(q.last)
    res.quotes[#res.quotes + 1] = {
      row = srow,
      col = scol,
      text = q.text,
      verdict = v.verdict,
      check = v,
    }
    local d =
      { lnum = srow, col = scol, end_lnum = erow, end_col = ecol + 1, source = "dossier" }
    if v.verdict == "altered" then
      local a = arts[v.article] or {}
      d.severity = S.WARN
      d.message = ("quotation differs from the source: “%s” (%s, %s line %d)"):format(
        v.source,
        a.title or v.article,
        v.article,
        v.line or 0
      )
      diags[#diags + 1] = d
    elseif v.verdict == "none" then
      d.severity = S.INFO
      d.message = "quotation not found in the sources"
      diags[#diags + 1] = d
    end
  end
  for row, chunks in pairs(marks) do
    api.nvim_buf_set_extmark(buf, M.ns, row, 0, { virt_text = chunks, virt_text_pos = "eol" })
  end
  vim.diagnostic.set(M.diag_ns, buf, diags)
  return res
end

return M

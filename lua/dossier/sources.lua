-- Corroborating passages for the sentence under the cursor; jump and back.
local util = require("dossier.util")
local config = require("dossier.config")
local corpus = require("dossier.corpus")
local highlights = require("dossier.highlights")
local txt = require("dossier.text")

local api = vim.api

local M = {}

--- A corroborating passage: a hit of corpus:corroborate(), path absolute.
---@class dossier.Hit
---@field article string article id
---@field title string the article's title
---@field publisher string the article's publisher ("unknown" when not given)
---@field passage integer passage index
---@field score number
---@field coverage number
---@field matched string[] terms, and actors as "@id"
---@field line integer first line of the passage in its article (1-based)
---@field col integer
---@field end_line integer
---@field end_col integer
---@field path string the article's file
---@field text string the passage
---@field stance "supports"|"contradicts"|"related" what the passage says of the sentence
---@field support number the model's probability that it says it
---@field evidence table {aligned = {{claim, source}}, missing = {words},
---  conflicts = {{kind, claim, source, context, line, col}}}

--- The namespace of the highlight of the passage jumped to.
M.ns = api.nvim_create_namespace("dossier_passage")
--- The passage last jumped to.
---@type dossier.Hit|nil
M.last = nil
--- {win, buf, pos} of the draft before the last jump.
---@type {win: integer, buf: integer, pos: integer[]}|nil
M.origin = nil

--- The text the commands work on: the range's lines (the selection) or the
--- sentence under the cursor.
---@param range? integer[] {line1, line2}
---@return string|nil
function M.target_text(range)
  if range then
    return txt.range_text(range[1], range[2])
  end
  return txt.sentence_at_cursor(0)
end

--- The passages corroborating text, best first; nil when the corpus cannot
--- be opened (said once).
---@param text string
---@param limit? integer default: the `limit` option
---@return dossier.Hit[]|nil hits
---@return table|nil result the whole corpus:corroborate() result
function M.hits(text, limit)
  local c = corpus.get_or_report()
  if not c then
    return nil
  end
  local r = c:corroborate(text, { limit = limit or config.options.limit })
  for _, h in ipairs(r.hits) do
    h.path = vim.fn.fnamemodify(h.path, ":p")
  end
  return r.hits, r
end

local stance_marks =
  { supports = "✓ supports", contradicts = "✗ contradicts", related = "· related" }

--- One line for a hit: its stance, publisher (or article id)/title · score ·
--- passage, and for a contradicting hit what it says otherwise.
---@param h dossier.Hit
---@return string
function M.format_hit(h)
  local pub = h.publisher or h.article
  if pub == "unknown" or pub == "" then
    pub = h.article
  end
  local text = h.text:gsub("%s+", " ")
  local line = ("%s %s/%s · %.1f · %s"):format(
    stance_marks[h.stance] or "·",
    pub,
    h.title or "",
    h.score,
    text
  )
  local x = h.stance == "contradicts" and h.evidence and h.evidence.conflicts[1]
  if x then
    line = line .. (" [%s: %s, not %s]"):format(x.kind, x.source, x.claim)
  end
  return line
end

--- Fill the quickfix list with hits.
---@param hits dossier.Hit[]
---@param title string
function M.to_qf(hits, title)
  local items = {}
  for _, h in ipairs(hits) do
    items[#items + 1] = { filename = h.path, lnum = h.line, col = h.col, text = M.format_hit(h) }
  end
  vim.fn.setqflist({}, " ", { title = title, items = items })
end

--- Open hit's article at its passage (read-only), the draft position kept in
--- the jumplist (<C-o> returns) and for :Dossier back.
---@param h dossier.Hit
---@return integer buf the article's buffer
function M.jump(h)
  local win = api.nvim_get_current_win()
  M.origin = { win = win, buf = api.nvim_get_current_buf(), pos = api.nvim_win_get_cursor(win) }
  vim.cmd("normal! m'")
  local buf = vim.fn.bufadd(h.path)
  vim.fn.bufload(buf)
  vim.bo[buf].readonly = true
  vim.bo[buf].modifiable = false
  vim.bo[buf].buflisted = true
  api.nvim_win_set_buf(win, buf)
  api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  highlights.setup()
  local n = api.nvim_buf_line_count(buf)
  local erow = math.min(h.end_line, n) - 1
  local eline = api.nvim_buf_get_lines(buf, erow, erow + 1, false)[1] or ""
  api.nvim_buf_set_extmark(buf, M.ns, h.line - 1, h.col - 1, {
    end_row = erow,
    end_col = math.min(h.end_col, #eline),
    hl_group = "DossierPassage",
    priority = 200,
  })
  api.nvim_win_set_cursor(win, { h.line, h.col - 1 })
  M.last = h
  return buf
end

--- :Dossier back: to the draft position before the last jump.
function M.back()
  local o = M.origin
  if not o or not api.nvim_buf_is_valid(o.buf) then
    util.echo("no jump to return from")
    return
  end
  if api.nvim_win_is_valid(o.win) then
    api.nvim_set_current_win(o.win)
  end
  vim.cmd("normal! m'")
  if api.nvim_get_current_buf() ~= o.buf then
    api.nvim_win_set_buf(0, o.buf)
  end
  local n = api.nvim_buf_line_count(o.buf)
  pcall(api.nvim_win_set_cursor, 0, { math.min(o.pos[1], n), o.pos[2] })
end

--- :Dossier sources [qf]: the passages corroborating the sentence under the
--- cursor (or the range) in vim.ui.select, or with qf in the quickfix list.
---@param opts? {qf?: boolean, range?: integer[]}
---@return dossier.Hit[]|nil hits
function M.sources(opts)
  opts = opts or {}
  local text = M.target_text(opts.range)
  if not text or text:match("^%s*$") then
    util.echo("no sentence under the cursor")
    return
  end
  local hits = M.hits(text)
  if not hits then
    return
  end
  if #hits == 0 then
    util.echo("no corroborating passage")
    return
  end
  if opts.qf then
    M.to_qf(hits, "Dossier sources")
    vim.cmd("copen")
    return hits
  end
  -- the callback may run later, outside :Dossier's protection (UI plugins)
  local select = { prompt = "Dossier sources", format_item = M.format_hit, kind = "dossier" }
  vim.ui.select(
    hits,
    select,
    util.safe(":Dossier sources", function(h)
      if h then
        M.jump(h)
      end
    end)
  )
  return hits
end

--- :Dossier mentions: every passage mentioning the actor under the cursor,
--- in the quickfix list.
---@return table[]|nil items the quickfix items
function M.mentions()
  local c = corpus.get_or_report()
  local sp = c and txt.span_at_cursor(c, 0)
  if not sp or not sp.actor then
    util.echo("no known actor under the cursor")
    return
  end
  local a = c:actor(sp.actor)
  local items = {}
  for _, m in ipairs(a.mentions or {}) do
    items[#items + 1] = {
      filename = corpus.article_path(c, m.article),
      lnum = m.line,
      col = m.col,
      text = (m.sentence or m.text):gsub("%s+", " "),
    }
  end
  vim.fn.setqflist({}, " ", { title = "Dossier mentions of " .. a.name, items = items })
  util.echo(("%d mentions of %s in the quickfix list"):format(#items, a.name))
  return items
end

return M

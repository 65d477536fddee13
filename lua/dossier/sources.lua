-- Passages for the sentence under the cursor (supporting ones first, each
-- with its stance), in a picker with a preview; jump to an article and
-- back; the mentions of an actor in the quickfix list.
local util = require("dossier.util")
local config = require("dossier.config")
local corpus = require("dossier.corpus")
local highlights = require("dossier.highlights")
local txt = require("dossier.text")
local verdict = require("dossier.verdict")

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
---@field stance dossier.Stance toward the sentence (lua/dossier/verdict.lua)

--- The namespace of the highlight of the passage jumped to.
M.ns = api.nvim_create_namespace("dossier_passage")
--- The passage last jumped to.
---@type dossier.Hit|nil
M.last = nil
--- What the passage last jumped to was found for: {buf, text} of the
--- sentence (or selection). :Dossier cite reuses the passage only there.
---@type {buf: integer, text: string}|nil
M.last_for = nil
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

--- The passages for text: supporting ones first (marked by their
--- `stance`), then the others, each in rank order; nil when the corpus
--- cannot be opened (said once).
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
  return verdict.ordered(r), r
end

-- Widths of the source and the passage in a picker line (under 100 columns).
local SOURCE_WIDTH, PASSAGE_WIDTH = 24, 56

local function cut(s, width)
  if vim.fn.strchars(s) > width then
    return vim.fn.strcharpart(s, 0, width - 1) .. "…"
  end
  return s
end

--- One line for a hit: source · stance · a short passage.
---@param h dossier.Hit
---@return string
function M.format_hit(h)
  local stance = verdict.stances[h.stance or "related"].label
  local conflict = h.stance == "contradicts" and h.evidence and h.evidence.conflicts[1]
  if conflict then -- what it says instead: "contradicts (date: September 13)"
    stance = ("%s (%s: %s)"):format(stance, conflict.kind, conflict.source)
  end
  local text = cut(vim.trim((h.text:gsub("%s+", " "))), PASSAGE_WIDTH)
  return ("%s · %s · %s"):format(cut(verdict.source_name(h), SOURCE_WIDTH), stance, text)
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

--- Show the article at path in the current window, read-only and without
--- a swap file (another editor may have it open: no E325), at line, col
--- (1-based); the draft position kept in the jumplist (<C-o> returns) and
--- for :Dossier back. With end_line, end_col the range is highlighted.
---@param path string
---@param line integer
---@param col integer
---@param end_line? integer
---@param end_col? integer
---@return integer buf the article's buffer
function M.open_article(path, line, col, end_line, end_col)
  local win = api.nvim_get_current_win()
  M.origin = { win = win, buf = api.nvim_get_current_buf(), pos = api.nvim_win_get_cursor(win) }
  vim.cmd("normal! m'")
  local buf = vim.fn.bufadd(path)
  if not api.nvim_buf_is_loaded(buf) then
    vim.bo[buf].swapfile = false
    vim.fn.bufload(buf)
  end
  vim.bo[buf].readonly = true
  vim.bo[buf].modifiable = false
  vim.bo[buf].buflisted = true
  api.nvim_win_set_buf(win, buf)
  api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  local n = api.nvim_buf_line_count(buf)
  line = math.min(line, n)
  if end_line then
    highlights.setup()
    local erow = math.min(end_line, n) - 1
    local eline = api.nvim_buf_get_lines(buf, erow, erow + 1, false)[1] or ""
    api.nvim_buf_set_extmark(buf, M.ns, line - 1, col - 1, {
      end_row = erow,
      end_col = math.min(end_col, #eline),
      hl_group = "DossierPassage",
      priority = 200,
    })
  end
  api.nvim_win_set_cursor(win, { line, col - 1 })
  return buf
end

--- Open hit's article at its passage (M.open_article), highlighted. for_text
--- is the text (sentence or selection) the passage was found for: :Dossier
--- cite reuses the passage for it alone.
---@param h dossier.Hit
---@param for_text? string
---@return integer buf the article's buffer
function M.jump(h, for_text)
  local from = api.nvim_get_current_buf()
  local buf = M.open_article(h.path, h.line, h.col, h.end_line, h.end_col)
  M.last = h
  M.last_for = for_text and { buf = from, text = for_text } or nil
  return buf
end

--- Forget the last jump (a reloaded corpus numbers its passages anew).
function M.forget()
  M.last, M.last_for, M.origin = nil, nil, nil
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
    util.echo("no passage of the sources speaks to this sentence")
    return
  end
  if opts.qf then
    M.to_qf(hits, "Dossier sources")
    vim.cmd("copen")
    return hits
  end
  M.pick(hits, "Dossier sources", ":Dossier sources", function(h)
    M.jump(h, text)
  end)
  return hits
end

--- Offer hits in the picker (lua/dossier/pickers.lua: Telescope, fzf-lua,
--- snacks.nvim or vim.ui.select) and call fn with the one chosen.
---@param hits dossier.Hit[]
---@param prompt string
---@param where string
---@param fn fun(h: dossier.Hit)
---@return string backend the picker used
function M.pick(hits, prompt, where, fn)
  return require("dossier.pickers").pick(hits, {
    prompt = prompt,
    where = where,
    format = M.format_hit,
    location = function(h)
      return { path = h.path, line = h.line, col = h.col, end_line = h.end_line,
        end_col = h.end_col }
    end,
    on_choice = fn,
  })
end

-- Width of a mention's snippet in the quickfix list.
local SNIPPET_WIDTH = 70

--- The mentions of actor id in the corpus's prose (site furniture left
--- out), one quickfix item each: file, line, column and a snippet centred
--- on the mention.
---@param c userdata
---@param id string
---@return table[] items
---@return table actor
function M.mention_items(c, id)
  local a = c:actor(id)
  local items, seen = {}, {}
  for _, m in ipairs(a.mentions or {}) do
    local p = c:passage(m.passage)
    local key = m.article .. ":" .. m.first
    if p and p.kind ~= "furniture" and not seen[key] then
      seen[key] = true
      local at = m.first - p.first + 1
      items[#items + 1] = {
        filename = corpus.article_path(c, m.article),
        lnum = m.line,
        col = m.col,
        text = txt.snippet(p.text, at, at + #m.text - 1, SNIPPET_WIDTH),
      }
    end
  end
  return items, a
end

local function mentions_of(c, id)
  local items, a = M.mention_items(c, id)
  vim.fn.setqflist({}, " ", { title = "Dossier mentions of " .. a.name, items = items })
  vim.cmd("copen")
  util.echo(("%d mentions of %s"):format(#items, a.name))
  return items
end

--- :Dossier mentions: every mention of the actor under the cursor, in the
--- quickfix list (opened). On an ambiguous short form ("Kim"), asks which
--- actor first.
---@return table[]|nil items the quickfix items (nil while asking)
function M.mentions()
  local c = corpus.get_or_report()
  local sp = c and txt.span_at_cursor(c, 0)
  if not sp or not (sp.actor or sp.ambiguous) then
    util.echo("no known actor under the cursor")
    return
  end
  if sp.actor then
    return mentions_of(c, sp.actor)
  end
  local cands = {}
  for _, id in ipairs(sp.ambiguous) do
    cands[#cands + 1] = c:actor(id)
  end
  vim.ui.select(cands, {
    prompt = ("“%s” is ambiguous: mentions of"):format(sp.text),
    format_item = function(a)
      return a.name .. (a.role and a.role ~= "" and (" — " .. a.role) or "")
    end,
    kind = "dossier",
  }, util.safe(":Dossier mentions", function(a)
    if a then
      mentions_of(c, a.id)
    end
  end))
  return nil
end

return M

-- The actor card for the mention under the cursor, in a float at most 80
-- columns wide: who it is, how the draft named it, where the sources
-- mention it (prose only, each snippet centred on the mention; <CR> on one
-- jumps there). An ambiguous short form ("Kim") lists its candidates;
-- <CR> on one shows that one's card.
local util = require("dossier.util")
local corpus = require("dossier.corpus")
local float = require("dossier.float")
local txt = require("dossier.text")

local api = vim.api

local M = {}

--- The window of the card on screen, or nil.
---@type integer|nil
M.win = nil

--- The card's width at most, its border aside (80 columns with it); in a
--- narrower editor, the width its float gets (float.width).
M.max_width = 78

--- Mentions listed on a card.
M.mentions_shown = 5

--- Close the card, if open.
function M.close()
  float.close(M.win)
  M.win = nil
end

local function wrap(out, prefix, text, width)
  local line, first = prefix, true
  for word in tostring(text):gmatch("%S+") do
    if not first and vim.fn.strdisplaywidth(line .. " " .. word) > width then
      out[#out + 1] = line
      line = (" "):rep(#prefix) .. word
    else
      line = line .. (first and "" or " ") .. word
    end
    first = false
  end
  out[#out + 1] = line
end

--- The card of actor id: its lines, and what <CR> does on each line
--- (targets[i] = {path, line, col} of a mention). span (a corpus:scan()
--- span) tells how the draft named it.
---@param id string
---@param span? table
---@return string[] lines
---@return table<integer, table> targets
function M.card(id, span)
  local c = corpus.get_or_report()
  local a, err = c:actor(id)
  if not a then
    return { err }, {}
  end
  local arts = corpus.articles(c)
  local out, targets = {}, {}
  local width = float.width(M.max_width)
  out[#out + 1] = ("%s  (%s)"):format(a.name, a.kind)
  if span and (span.standin or span.demonym or span.short) then
    local how = span.standin and "stand-in" or span.demonym and "demonym" or "short form"
    wrap(out, "", ("“%s” is a %s for %s"):format(span.text, how, a.name), width)
  end
  if a.role and a.role ~= "" then
    wrap(out, "Role: ", a.role, width)
  end
  if a.note and a.note ~= "" then
    wrap(out, "Note: ", a.note, width)
  end
  local aliases = {}
  for _, k in ipairs({ "aliases", "standins", "demonyms", "short" }) do
    for _, x in ipairs(a[k] or {}) do
      aliases[#aliases + 1] = x
    end
  end
  if #aliases > 0 then
    wrap(out, "Also: ", table.concat(aliases, ", "), width)
  end
  out[#out + 1] = ""
  out[#out + 1] = "Mentions:"
  local ids = vim.tbl_keys(a.counts or {})
  table.sort(ids)
  for _, aid in ipairs(ids) do
    local art = arts[aid] or {}
    local pub, title = art.publisher or aid, art.title or ""
    if pub == "unknown" or pub == "" then
      pub = aid
    end
    local line = ("  %3d  %s — %s"):format(a.counts[aid], pub, title)
    if vim.fn.strdisplaywidth(line) > width then
      line = vim.fn.strcharpart(line, 0, width - 1) .. "…"
    end
    out[#out + 1] = line
  end
  if #ids == 0 then
    out[#out + 1] = "  none in the corpus"
  end
  -- the first mentions in the sources' prose (site furniture is not what an
  -- article says), each snippet centred on the mention
  local shown = 0
  for _, m in ipairs(a.mentions or {}) do
    local p = c:passage(m.passage)
    if p and p.kind ~= "furniture" then
      if shown == 0 then
        out[#out + 1] = ""
        out[#out + 1] = "First mentions (<CR> on one opens it):"
      end
      shown = shown + 1
      local where = ("  %s:%d  "):format(m.article, m.line)
      local at = m.first - p.first + 1
      local room = width - vim.fn.strdisplaywidth(where)
      out[#out + 1] = where .. txt.snippet(p.text, at, at + #m.text - 1, room)
      targets[#out] = { path = corpus.article_path(c, m.article), line = m.line, col = m.col }
      if shown >= M.mentions_shown then
        break
      end
    end
  end
  return out, targets
end

-- The lines listing the candidates of an ambiguous span; targets[i] = an
-- actor id.
local function ambiguous_lines(sp)
  local c = corpus.get_or_report()
  local out, targets = { ("“%s” is ambiguous; it may be (<CR> shows one):"):format(sp.text) }, {}
  for _, id in ipairs(sp.ambiguous or {}) do
    local a = c:actor(id)
    local line = "  " .. (a and (a.name .. " (" .. a.kind .. ")") or id)
    if a and a.role and a.role ~= "" then
      line = line .. " — " .. a.role
    end
    local width = float.width(M.max_width)
    if vim.fn.strdisplaywidth(line) > width then
      line = vim.fn.strcharpart(line, 0, width - 1) .. "…"
    end
    out[#out + 1] = line
    targets[#out] = { actor = id }
  end
  return out, targets
end

local show

-- <CR> in the card: open the mention on that line, or a candidate's card.
local function on_enter(targets)
  return util.safe("hover", function()
    local t = targets[api.nvim_win_get_cursor(0)[1]]
    if not t then
      return
    end
    M.close()
    if t.actor then
      show(t.actor, nil)
      if M.win then
        api.nvim_set_current_win(M.win)
      end
      return
    end
    -- back in the draft's window: the jump is made from there
    require("dossier.sources").open_article(t.path, t.line, t.col)
  end)
end

show = function(actor, sp)
  local lines, targets
  if actor then
    lines, targets = M.card(actor, sp)
  else
    lines, targets = ambiguous_lines(sp)
  end
  local win, buf = float.open(lines, {
    name = "hover",
    max_width = M.max_width,
    on_close = function(w)
      if M.win == w then
        M.win = nil
      end
    end,
  })
  vim.keymap.set("n", "<CR>", on_enter(targets), { buffer = buf, nowait = true, desc = "open" })
  M.win = win
  return win
end

--- :Dossier hover: the card of the actor under the cursor in a float; a
--- second call enters the float.
---@return integer|nil win the float
function M.hover()
  if M.win and api.nvim_win_is_valid(M.win) then
    api.nvim_set_current_win(M.win)
    return M.win
  end
  local c = corpus.get_or_report()
  local sp = c and txt.span_at_cursor(c, 0)
  if not sp then
    util.echo("no known actor under the cursor")
    return nil
  end
  return show(sp.actor, sp)
end

return M

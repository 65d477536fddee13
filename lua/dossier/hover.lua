-- The actor card for the mention under the cursor, in a float.
local util = require("dossier.util")
local corpus = require("dossier.corpus")
local float = require("dossier.float")
local txt = require("dossier.text")

local api = vim.api

local M = {}

--- The window of the card on screen, or nil.
---@type integer|nil
M.win = nil

--- Close the card, if open.
function M.close()
  float.close(M.win)
  M.win = nil
end

local function wrap(out, prefix, text, width)
  local line, first = prefix, true
  for word in tostring(text):gmatch("%S+") do
    if not first and #line + #word + 1 > width then
      out[#out + 1] = line
      line = (" "):rep(#prefix) .. word
    else
      line = line .. (first and "" or " ") .. word
    end
    first = false
  end
  out[#out + 1] = line
end

--- The lines of the card of actor id; span (a corpus:scan() span) tells
--- how the draft named it.
---@param id string
---@param span? table
---@return string[]
function M.card(id, span)
  local c = corpus.get_or_report()
  local a, err = c:actor(id)
  if not a then
    return { err }
  end
  local arts = corpus.articles(c)
  local out = {}
  local width = 72
  out[#out + 1] = ("%s  (%s)"):format(a.name, a.kind)
  if span and (span.standin or span.demonym or span.short) then
    local how = span.standin and "stand-in" or span.demonym and "demonym" or "short form"
    out[#out + 1] = ("“%s” is a %s for %s"):format(span.text, how, a.name)
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
    out[#out + 1] = ("  %3d  %s — %s"):format(a.counts[aid], pub, title)
  end
  if #ids == 0 then
    out[#out + 1] = "  none in the corpus"
  end
  local shown = 0
  for _, m in ipairs(a.mentions or {}) do
    if shown == 0 then
      out[#out + 1] = ""
      out[#out + 1] = "First mentions:"
    end
    shown = shown + 1
    out[#out + 1] = ("  %s:%d  %s"):format(m.article, m.line, (m.sentence or m.text):sub(1, 60))
    if shown >= 5 then
      break
    end
  end
  return out
end

local function ambiguous_lines(sp)
  local c = corpus.get_or_report()
  local out = { ("“%s” is ambiguous; it may be:"):format(sp.text) }
  for _, id in ipairs(sp.ambiguous or {}) do
    local a = c:actor(id)
    out[#out + 1] = "  " .. (a and (a.name .. " (" .. a.kind .. ")") or id)
  end
  return out
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
  local lines = sp.actor and M.card(sp.actor, sp) or ambiguous_lines(sp)
  local win = float.open(lines, {
    name = "hover",
    on_close = function(w)
      if M.win == w then
        M.win = nil
      end
    end,
  })
  M.win = win
  return win
end

return M

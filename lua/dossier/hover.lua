-- The actor card for the mention under the cursor, in a float.
local util = require("dossier.util")
local corpus = require("dossier.corpus")
local txt = require("dossier.text")

local api = vim.api

local M = {}

M.win = nil -- the open float

function M.close()
  if M.win and api.nvim_win_is_valid(M.win) then
    api.nvim_win_close(M.win, true)
  end
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

-- The card lines for actor id.
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
    out[#out + 1] = ("  %3d  %s — %s"):format(a.counts[aid], art.publisher or aid, art.title or "")
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

-- :Dossier hover. A second call enters the float.
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
  local buf = api.nvim_create_buf(false, true)
  api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = "dossier"
  local width = 0
  for _, l in ipairs(lines) do
    width = math.max(width, vim.fn.strdisplaywidth(l))
  end
  local win = api.nvim_open_win(buf, false, {
    relative = "cursor",
    row = 1,
    col = 0,
    width = math.min(width, math.max(20, vim.o.columns - 4)),
    height = math.min(#lines, math.max(3, vim.o.lines - 6)),
    style = "minimal",
    border = "rounded",
    focusable = true,
  })
  vim.wo[win].wrap = true
  M.win = win
  vim.keymap.set("n", "q", util.safe("hover", M.close), { buffer = buf, nowait = true, desc = "close" })
  local src = api.nvim_get_current_buf()
  api.nvim_create_autocmd({ "CursorMoved", "CursorMovedI", "InsertEnter" }, {
    buffer = src,
    once = true,
    callback = util.safe("hover", function()
      if M.win == win then
        M.close()
      end
    end),
  })
  return win
end

return M

-- Issue 11: the hover card at most 80 columns, its mention snippets from
-- prose (no site furniture) and centred on the mention, <CR> on one jumps
-- there; an ambiguous "Kim" lists the candidates. :Dossier mentions: the
-- quickfix list opened, one entry per mention, no duplicate lines, and on
-- an ambiguous short form it asks which actor.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local hover = require("dossier.hover")

local function float_lines()
  return api.nvim_buf_get_lines(api.nvim_win_get_buf(hover.win), 0, -1, false)
end

T.test("hover: at most 80 columns, prose snippets centred on the mention, <CR> jumps there", function()
  local buf = H.open_draft()
  vim.o.columns = 200 -- room for a wider card: the card keeps to 80 columns
  for _, at in ipairs({ { 4, 60 }, { 12, 5 }, { 20, 30 }, { 14, 70 } }) do
    api.nvim_win_set_cursor(0, at)
    vim.cmd("Dossier hover")
    T.ok(hover.win, "a card at " .. vim.inspect(at))
    local cfg = api.nvim_win_get_config(hover.win)
    T.ok(cfg.width + 2 <= 80, "at most 80 columns with its border: " .. cfg.width)
    for _, l in ipairs(float_lines()) do
      T.ok(vim.fn.strdisplaywidth(l) <= cfg.width, "no line wider than the card: " .. l)
    end
    hover.close()
  end
  vim.o.columns = 80
  -- Putin's card: the mentions in the sources' prose only, each centred
  api.nvim_win_set_cursor(0, { 4, 60 })
  vim.cmd("Dossier hover")
  local c = require("dossier.corpus").get()
  local furniture = {}
  for _, m in ipairs(c:actor("putin").mentions) do
    if c:passage(m.passage).kind == "furniture" then
      furniture[#furniture + 1] = c:passage(m.passage).text:sub(1, 30)
    end
  end
  T.ok(#furniture > 0, "Putin is named in site furniture too")
  local snippets = {}
  for i, l in ipairs(float_lines()) do
    local where, snippet = l:match("^  ([%w-]+:%d+)  (.+)$")
    if where then
      snippets[#snippets + 1] = { row = i, where = where, text = snippet }
    end
  end
  T.eq(#snippets, hover.mentions_shown)
  for _, s in ipairs(snippets) do
    for _, f in ipairs(furniture) do
      T.ok(not s.text:find(f, 1, true), "no furniture: " .. s.text)
    end
    T.match(s.text, "Putin", "the mention is in its snippet")
    -- centred: a cut on the left means the mention sits in the middle part
    if s.text:sub(1, 3) == "…" then
      local at = s.text:find("Putin")
      local w = vim.fn.strdisplaywidth(s.text)
      T.ok(at > w / 5 and at < w * 4 / 5, "centred on the mention: " .. s.text)
    end
  end
  -- enter the card, <CR> on the third mention: its article at the mention
  vim.cmd("Dossier hover")
  T.eq(api.nvim_get_current_win(), hover.win, "entered")
  api.nvim_win_set_cursor(0, { snippets[3].row, 0 })
  api.nvim_feedkeys(api.nvim_replace_termcodes("<CR>", true, false, true), "x", false)
  local article, line = snippets[3].where:match("^(.+):(%d+)$")
  T.match(api.nvim_buf_get_name(0), "corpus/" .. vim.pesc(article) .. "%.txt$")
  T.eq(api.nvim_win_get_cursor(0)[1], tonumber(line))
  local text = api.nvim_get_current_line()
  local col = api.nvim_win_get_cursor(0)[2]
  T.match(text:sub(col + 1), "^Putin", "the cursor on the mention")
  T.eq(vim.bo.readonly, true)
  vim.cmd("Dossier back")
  T.eq(api.nvim_get_current_buf(), buf, "back in the draft")
  T.ok(hover.win == nil, "the card closed")
end)

-- An 80-column terminal (the float keeps two columns each side) and a
-- narrower one: the card is wrapped at the width its window gets, so the
-- window never wraps a line again, mid-word; and no word of the note is lost.
T.test("hover: in an 80- or 60-column editor, wrapped at the window's width, never mid-word", function()
  H.open_draft()
  local c = require("dossier.corpus").get()
  for _, columns in ipairs({ 80, 60 }) do
    vim.o.columns = columns
    for _, at in ipairs({ { 4, 60 }, { 12, 5 }, { 20, 30 }, { 14, 70 } }) do
      api.nvim_win_set_cursor(0, at)
      vim.cmd("Dossier hover")
      local cfg = api.nvim_win_get_config(hover.win)
      T.ok(cfg.width + 2 <= columns, ("the card fits %d columns: %d"):format(columns, cfg.width))
      local lines = float_lines()
      for _, l in ipairs(lines) do
        T.ok(vim.fn.strdisplaywidth(l) <= cfg.width,
          ("%d columns: no line the window wraps again: %q"):format(columns, l))
      end
      -- the actor's note, word for word, in the card's lines
      local sp = require("dossier.text").span_at_cursor(c, 0)
      local a = sp and sp.actor and c:actor(sp.actor)
      if a and a.note and a.note ~= "" then
        local shown = table.concat(lines, " "):gsub("%s+", " ")
        T.ok(shown:find(a.note:gsub("%s+", " "), 1, true), "the note whole: " .. a.note)
      end
      hover.close()
    end
  end
  vim.o.columns = 80
end)

T.test("hover: an ambiguous Kim lists the candidates; <CR> shows one's card", function()
  H.scratch({ "Nobody named. Kim said nothing." })
  H.settle()
  api.nvim_win_set_cursor(0, { 1, 15 })
  vim.cmd("Dossier hover")
  local lines = float_lines()
  T.eq(lines[1], "“Kim” is ambiguous; it may be (<CR> shows one):")
  T.match(lines[2], "^  Kim Il Sung %(person%) — ")
  T.match(lines[3], "^  Kim Jong Il %(person%)")
  T.match(lines[4], "^  Kim Jong Un %(person%)")
  vim.cmd("Dossier hover") -- enter
  api.nvim_win_set_cursor(0, { 4, 0 })
  api.nvim_feedkeys(api.nvim_replace_termcodes("<CR>", true, false, true), "x", false)
  T.ok(hover.win and api.nvim_win_is_valid(hover.win), "a card")
  T.eq(float_lines()[1], "Kim Jong Un  (person)")
  hover.close()
end)

T.test("mentions: the quickfix list opened, one entry per mention, no duplicate lines", function()
  local buf, path = H.open_draft()
  api.nvim_win_set_cursor(0, { 4, 60 })
  vim.cmd("Dossier mentions")
  local qf = vim.fn.getqflist({ items = 0, winid = 0, title = 0 })
  T.ok(qf.winid ~= 0, "the quickfix window is open")
  T.eq(qf.title, "Dossier mentions of Vladimir Putin")
  local c = require("dossier.corpus").get()
  local prose = 0
  for _, m in ipairs(c:actor("putin").mentions) do
    if c:passage(m.passage).kind ~= "furniture" then
      prose = prose + 1
    end
  end
  T.eq(#qf.items, prose, "one entry per mention in the sources' prose")
  local seen = {}
  for _, it in ipairs(qf.items) do
    local key = it.bufnr .. ":" .. it.lnum .. ":" .. it.col
    T.ok(not seen[key], "no two entries at one place")
    seen[key] = true
    local text = api.nvim_buf_get_name(it.bufnr) .. it.lnum .. it.text
    T.ok(not seen[text], "no duplicate line: " .. it.text)
    seen[text] = true
    T.match(it.text, "Putin")
  end
  vim.cmd("cclose")
  T.eq(H.lines(buf), vim.fn.readfile(path), "draft unchanged")
end)

T.test("mentions: on an ambiguous short form, asks which actor", function()
  H.scratch({ "Nobody named. Kim said nothing." })
  api.nvim_win_set_cursor(0, { 1, 15 })
  local asked = H.picking(function(items)
    return items[1]
  end, function()
    vim.cmd("Dossier mentions")
  end)
  T.eq(#asked.items, 3, "the three Kims")
  T.match(asked.opts.prompt, "“Kim” is ambiguous")
  T.match(asked.opts.format_item(asked.items[1]), "^Kim Il Sung — ")
  local qf = vim.fn.getqflist({ title = 0, items = 0 })
  T.eq(qf.title, "Dossier mentions of Kim Il Sung")
  T.ok(#qf.items > 0)
end)

-- Issue 11: citations that cite the right source, where a writer puts them:
-- the passage jumped to only for its own sentence; at the sentence's end
-- before its final punctuation, never inside a word; refused in read-only
-- buffers before any picker; supporting passages first, marked.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local src = require("dossier.sources")

local picking = H.picking

local function first(items)
  return items[1]
end

T.test("cite: the passage jumped to is cited for its own sentence only; elsewhere it asks", function()
  local buf = H.open_draft()
  src.forget()
  -- :Dossier sources on the Cosmodrome sentence, jump, back
  api.nvim_win_set_cursor(0, { 4, 40 })
  local jumped = picking(first, function()
    vim.cmd("Dossier sources")
  end)
  local h = jumped.items[1]
  vim.cmd("Dossier back")
  local c = require("dossier.corpus").get()
  local want = c:cite({ article = h.article, passage = h.passage }, "pandoc")
  -- the same sentence: cited without asking
  H.undo_break()
  local asked = picking(first, function()
    vim.cmd("Dossier cite")
  end)
  T.eq(asked, nil, "no picker for the sentence the passage was found for")
  T.ok(H.lines(buf)[6]:find("satellites " .. want .. ".", 1, true), "the jumped passage cited")
  -- another sentence: asked, and the passage offered are that sentence's
  api.nvim_win_set_cursor(0, { 16, 5 }) -- "Pyongyang has since shipped ... shells to Russia."
  H.undo_break()
  asked = picking(function()
    return nil
  end, function()
    vim.cmd("Dossier cite")
  end)
  T.ok(asked and #asked.items > 0, "a picker for another sentence")
  local mine = src.hits("Pyongyang has since shipped more than a million artillery shells to Russia.")
  T.eq(asked.items[1].passage, mine[1].passage, "its own passages")
  T.eq(H.lines(buf)[16], vim.fn.readfile(H.draft)[16], "nothing cited when the picker is left")
end)

T.test("cite: at the sentence's end before its final punctuation, never inside a word", function()
  local cases = {
    -- cursor in the middle of a word of a one-line sentence
    { "Putin vowed to help the DPRK develop satellites.", 10,
      "Putin vowed to help the DPRK develop satellites %s." },
    -- never inside a quotation: after its closing mark, the period after the
    -- citation (pandoc's convention); a "?" or "!" is the quotation's own
    { 'He called it "a new era of friendship."', 3, 'He called it "a new era of friendship" %s.' },
    { "He called it “a new era of friendship.”", 3, "He called it “a new era of friendship” %s." },
    { 'He called it "a new era of friendship".', 3, 'He called it "a new era of friendship" %s.' },
    { 'Kim asked "a new era of friendship?"', 3, 'Kim asked "a new era of friendship?" %s' },
    -- a sentence wholly in brackets keeps its citation inside them
    { "(Kim Jong Un promised a new era of friendship.)", 3,
      "(Kim Jong Un promised a new era of friendship %s.)" },
    { "Did Kim Jong Un promise a new era of friendship?", 0,
      "Did Kim Jong Un promise a new era of friendship %s?" },
  }
  for _, case in ipairs(cases) do
    local buf = H.scratch({ "Intro line.", case[1] .. " Next one here." })
    api.nvim_win_set_cursor(0, { 2, case[2] })
    local ref = { article = "summit-2023", passage = 195 }
    local ins = require("dossier.cite").insert(ref, "pandoc")
    T.ok(ins, "inserted")
    local citation = require("dossier.corpus").get():cite(ref, "pandoc")
    T.eq(api.nvim_buf_get_lines(buf, 1, 2, false)[1],
      case[3]:format(citation) .. " Next one here.", case[1])
  end
  -- the last sentence, still being written: no punctuation yet
  local open = H.scratch({ "Intro line. Kim Jong Un promised a new era of friendship" })
  api.nvim_win_set_cursor(0, { 1, 25 })
  local added = require("dossier.cite").insert({ article = "summit-2023", passage = 195 }, "pandoc")
  T.eq(H.lines(open), { "Intro line. Kim Jong Un promised a new era of friendship" .. added })
  -- a sentence wrapped over lines: the end is on its last line
  local buf = H.scratch({ "Kim Jong Un promised a new era", "of friendship. Putin agreed." })
  api.nvim_win_set_cursor(0, { 1, 3 })
  local ins = require("dossier.cite").insert({ article = "summit-2023", passage = 195 }, "inline")
  T.eq(H.lines(buf),
    { "Kim Jong Un promised a new era", "of friendship" .. ins .. ". Putin agreed." })
end)

T.test("cite: a read-only buffer is refused before any picker", function()
  H.open_draft()
  src.forget()
  api.nvim_win_set_cursor(0, { 4, 40 })
  -- an article view is read-only
  local h = src.hits("On 13 September he met Vladimir Putin at the Vostochny Cosmodrome")[1]
  src.jump(h)
  local buf = api.nvim_get_current_buf()
  local tick = api.nvim_buf_get_changedtick(buf)
  local msgs
  local asked = picking(first, function()
    msgs = T.capture(function()
      vim.cmd("Dossier cite")
    end)
  end)
  T.eq(asked, nil, "no picker")
  T.eq(#msgs, 1)
  T.match(msgs[1].msg, "^%(dossier%) this buffer is read%-only")
  T.eq(api.nvim_buf_get_changedtick(buf), tick, "untouched")
  -- a draft set readonly by the user, too
  local draft = H.open_draft()
  vim.bo[draft].readonly = true
  asked = picking(first, function()
    msgs = T.capture(function()
      vim.cmd("Dossier cite")
    end)
  end)
  T.eq(asked, nil, "no picker")
  T.match(msgs[1].msg, "read%-only")
end)

T.test("cite and sources: supporting passages first, marked; one line each: source · stance · passage", function()
  H.open_draft()
  src.forget()
  api.nvim_win_set_cursor(0, { 4, 40 })
  local seen = picking(function()
    return nil
  end, function()
    vim.cmd("Dossier cite")
  end)
  local items = seen.items
  local r = require("dossier.corpus").get():corroborate(
    require("dossier.text").sentence_at_cursor(0), { limit = 8 })
  local supporting = 0
  for _, h in ipairs(r.hits) do
    if h.stance == "supports" then
      supporting = supporting + 1
    end
  end
  T.ok(supporting >= 1, "the sentence has a supporting passage")
  for i, h in ipairs(items) do
    T.eq(h.stance == "supports", i <= supporting, "item " .. i)
    local line = seen.opts.format_item(h)
    T.ok(not line:find("\n"), "one line")
    T.match(line, "^[^·]+ · " .. h.stance .. "[^·]* · .+$")
    T.ok(vim.fn.strdisplaywidth(line) <= 100, "short: " .. line)
  end
  T.match(seen.opts.format_item(items[1]), "^Global Research · supports · ")
end)

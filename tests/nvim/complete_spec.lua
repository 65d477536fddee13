-- Issue 11: completion where users complete: the omnifunc in markdown
-- (chained with the ftplugin's), 'completefunc', and the sources for
-- nvim-cmp and blink.cmp, real ones when this machine has them and their
-- contract always.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local complete = require("dossier.complete")

local function keys(s)
  api.nvim_feedkeys(api.nvim_replace_termcodes(s, true, false, true), "xt", false)
end

local type_until, markdown_draft = H.type_until, H.markdown_draft

T.test("complete: Vlad<C-x><C-o> in markdown; the ftplugin's omnifunc answers the rest", function()
  local buf = markdown_draft({ "", "" })
  T.eq(vim.bo[buf].omnifunc, complete.omnifunc_name, "Dossier's omnifunc in force")
  T.eq(vim.b[buf].dossier_omnifunc_chained, "htmlcomplete#CompleteTags", "markdown's kept, chained")
  api.nvim_win_set_cursor(0, { 1, 0 })
  keys("iVlad<C-x><C-o><Esc>")
  T.eq(api.nvim_buf_get_lines(buf, 0, 1, false)[1], "Vladimir Putin", "Dossier's item")
  -- where Dossier has nothing, markdown's HTML completion still works
  api.nvim_win_set_cursor(0, { 2, 0 })
  keys("i<blockq<C-x><C-o><Esc>")
  T.eq(api.nvim_buf_get_lines(buf, 1, 2, false)[1], "<blockquote", "htmlcomplete's item")
  -- citation keys after @, and a name of several words
  keys("o[@sum<C-x><C-o><Esc>")
  T.eq(api.nvim_buf_get_lines(buf, 2, 3, false)[1], "[@summit2023")
  api.nvim_win_set_cursor(0, { 3, 0 })
  local line = "met Kim Jong"
  api.nvim_buf_set_lines(buf, 3, 4, false, { line })
  local start, base = complete.word_start(require("dossier.corpus").get(), line, #line)
  T.eq({ start, base }, { 4, "Kim Jong" }, "the base is the start of a name, two words")
  local words = {}
  for _, it in ipairs(complete.candidates(require("dossier.corpus").get(), base)) do
    words[#words + 1] = it.word
  end
  T.ok(vim.tbl_contains(words, "Kim Jong Un") and vim.tbl_contains(words, "Kim Jong Il"),
    "the Kims: " .. table.concat(words, ", "))
  -- the draft's text is only what was typed
  T.eq(vim.bo[buf].modified, true)
end)

T.test("complete: 'completefunc' set when empty, the user's own kept", function()
  local buf = markdown_draft({ "" })
  T.eq(vim.bo[buf].completefunc, complete.completefunc_name)
  keys("iPyong<C-x><C-u><Esc>")
  T.eq(api.nvim_buf_get_lines(buf, 0, 1, false)[1], "Pyongyang")
  -- a completefunc the user set stays; an omnifunc set after Dossier's (an
  -- LSP client, the user) is left alone until the next FileType
  vim.cmd("enew")
  vim.bo.completefunc = "MyComplete"
  vim.bo.filetype = "markdown"
  T.eq(vim.bo.completefunc, "MyComplete", "the user's completefunc kept")
  vim.bo.omnifunc = "v:lua.vim.lsp.omnifunc"
  require("dossier").attach(0)
  T.eq(vim.bo.omnifunc, complete.omnifunc_name)
  T.eq(vim.b.dossier_omnifunc_chained, "v:lua.vim.lsp.omnifunc", "a v:lua omnifunc chains too")
  -- setup({ omnifunc = false, completefunc = false }) sets neither
  require("dossier").setup({ omnifunc = false, completefunc = false })
  vim.cmd("enew")
  vim.bo.filetype = "markdown"
  T.eq(vim.bo.completefunc, "")
  T.ok(vim.bo.omnifunc ~= complete.omnifunc_name, "no Dossier omnifunc")
  require("dossier").setup({})
end)

-- The contract of the sources, checked directly (CI has neither plugin):
-- the items for "Vlad" at the end of a line, with a textEdit over the base.
local function check_items(items, line, row)
  T.ok(#items > 0, "items")
  local putin
  for _, it in ipairs(items) do
    T.ok(type(it.label) == "string" and it.textEdit and it.filterText == it.label, "LSP item")
    if it.label == "Vladimir Putin" then
      putin = it
    end
  end
  T.ok(putin, "Vladimir Putin offered")
  T.eq(putin.textEdit.range, { start = { line = row, character = #line - 4 },
    ["end"] = { line = row, character = #line } })
  T.eq(putin.kind, 1, "LSP kind Text")
end

T.test("complete: the nvim-cmp and blink.cmp sources' contract", function()
  local buf = markdown_draft({ "He met Vlad" })
  local line = "He met Vlad"
  -- nvim-cmp: complete(params, callback), params.context as cmp builds it
  local src = require("dossier.cmp").new()
  T.eq(src:is_available(), true, "available in an attached buffer")
  T.eq(src:get_position_encoding_kind(), "utf-8")
  T.eq(src:get_trigger_characters(), { "@" })
  T.ok(vim.fn.match("@summit2023", src:get_keyword_pattern()) == 0, "keyword pattern takes @keys")
  local got
  src:complete({ context = { cursor_line = line, cursor = { row = 1, col = #line + 1 } } },
    function(r)
      got = r
    end)
  T.eq(got.isIncomplete, false)
  check_items(got.items, line, 0)
  -- blink.cmp: new(opts, config), enabled(), get_completions(ctx, callback)
  local b = require("dossier.blink").new({}, {})
  T.eq(b:enabled(), true)
  local resp
  local cancel = b:get_completions({ line = line, cursor = { 1, #line }, bufnr = buf },
    function(r)
      resp = r
    end)
  T.eq(type(cancel), "function")
  T.eq(resp.is_incomplete_forward, false)
  check_items(resp.items, line, 0)
  -- a citation key
  b:get_completions({ line = "see @sum", cursor = { 1, 8 }, bufnr = buf }, function(r)
    resp = r
  end)
  T.eq(resp.items[1].label, "@summit2023")
  T.eq(resp.items[1].kind, 18, "LSP kind Reference")
  -- nothing outside attached buffers
  vim.cmd("enew")
  T.eq(src:is_available(), false)
  T.eq(b:enabled(), false)
end)

-- menu is text, or its start and an ellipsis
local function shortened(menu, text)
  return menu == text or (menu:sub(-3) == "…" and vim.startswith(text, menu:sub(1, -4)))
end

T.test("complete: the menu says what the kind does not (whose name, the role, the title)", function()
  local c = require("dossier.corpus").get()
  local owner, role = {}, {}
  for _, a in ipairs(c:actors()) do
    role[a.name] = a.role
    for _, list in ipairs({ a.aliases or {}, a.standins or {}, a.demonyms or {} }) do
      for _, n in ipairs(list) do
        owner[n] = a.name
      end
    end
  end
  local items = complete.candidates(c, "Vlad")
  T.ok(#items >= 2, "several names start with Vlad")
  local seen_other = false
  for _, it in ipairs(items) do
    T.ok(it.menu ~= it.kind and it.menu ~= "[" .. it.kind .. "]", "the kind not said twice")
    if owner[it.word] and owner[it.word] ~= it.word then
      T.eq(it.menu, owner[it.word], it.word .. ": whose name it is")
      seen_other = true
    else
      T.ok(shortened(it.menu, role[it.word]), it.word .. ": its role, not " .. it.menu)
    end
  end
  T.ok(seen_other, "a name of another actor among them (Vladimir Tikhonov, Pak Noja's)")
  local titles = {}
  for _, a in ipairs(c:articles()) do
    titles["@" .. a.key] = a.title
  end
  for _, it in ipairs(complete.candidates(c, "@")) do
    local t = titles[it.word]
    T.ok(t and shortened(it.menu, t), it.word .. ": its title, shortened at most: " .. it.menu)
    T.ok(vim.fn.strdisplaywidth(it.menu) <= 40, "at most 40 cells")
  end
end)

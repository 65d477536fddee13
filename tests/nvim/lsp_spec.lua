-- End-to-end tests of `dossier lsp` with Neovim's own LSP client: 0.7's
-- vim.lsp.start_client + buf_attach_client, 0.8+'s vim.lsp.start (detected).
-- A markdown draft on disk, the default corpus, the real binary. What is
-- expected comes from the corpus through the Lua binding, not from this file.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local server = H.root .. "/build/bin/dossier"
local core = require("dossier.core")
local corpus = assert(core.open(H.root .. "/corpus"))

local draft = {
  "# Summit notes",
  "",
  "Kim Jong-un met Vladimir Putin at the Vostochny Cosmodrome.",
  "Pyongyang sold ten thousand tractors to Portugal in 1850.",
  "Kim Jong Un promised \"a new era of 100-year friendship\" between the two states.",
  "Rüdiger Frank said “Putin's offer to help appears to not have been idle words.”",
}

-- Messages Neovim shows (vim.notify, vim.notify_once): no deprecation warnings.
local notes = {}
local orig_notify, orig_once = vim.notify, vim.notify_once
local function record(msg, level)
  notes[#notes + 1] = { msg = tostring(msg), level = level }
end

-- Progress seen: 0.7's User LspProgressUpdate, 0.10's LspProgress.
local progress = 0
local group = api.nvim_create_augroup("dossier_lsp_spec", { clear = true })
api.nvim_create_autocmd("User", {
  group = group,
  pattern = "LspProgressUpdate",
  callback = function()
    progress = progress + 1
  end,
})
pcall(api.nvim_create_autocmd, "LspProgress", { group = group, callback = function()
  progress = progress + 1
end })

local exits = {}
local sessions = 0

-- Starts the server on buf; returns the client.
local function start(buf, capabilities)
  sessions = sessions + 1
  local config = {
    -- a new server each time: vim.lsp.start reuses one of the same name
    name = "dossier-" .. sessions,
    cmd = { server, "lsp", "--debounce", "50" },
    root_dir = H.root,
    init_options = { corpus = H.root .. "/corpus" },
    capabilities = capabilities,
    on_exit = function(code)
      exits[#exits + 1] = code
    end,
  }
  local id
  if vim.lsp.start then
    id = vim.lsp.start(config, { bufnr = buf })
  else
    id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, id)
  end
  T.ok(id, "client started")
  T.ok(vim.wait(5000, function()
    local c = vim.lsp.get_client_by_id(id)
    return c and c.initialized
  end, 10), "client initialized")
  return vim.lsp.get_client_by_id(id)
end

local function stop(c)
  local n = #exits
  vim.lsp.stop_client(c.id)
  T.ok(vim.wait(5000, function()
    return #exits > n
  end, 10), "server exited")
  T.eq(exits[#exits], 0, "exit status after shutdown and exit")
end

-- A request through the client, waited for.
local function request(buf, method, params)
  local res, err = vim.lsp.buf_request_sync(buf, method, params, 5000)
  T.ok(res, ("%s answered (%s)"):format(method, tostring(err)))
  for _, r in pairs(res) do
    local e = r.err or r.error -- 0.10 | 0.7
    T.ok(not e, method .. ": " .. vim.inspect(e))
    return r.result
  end
end

local function document(buf)
  return { uri = vim.uri_from_bufnr(buf) }
end

local function position(buf, row, col)
  return { textDocument = document(buf), position = { line = row, character = col } }
end

-- UTF-16 units of line's first `byte` bytes (a 4-byte character is two).
local function units(line, byte)
  local n = 0
  for i = 1, byte do
    local c = line:byte(i)
    if c < 0x80 or c >= 0xC0 then
      n = n + (c >= 0xF0 and 2 or 1)
    end
  end
  return n
end

-- s as a Lua pattern matching itself.
local function literal(s)
  return (s:gsub("%p", "%%%0"))
end

-- The first passage that supports a sentence, from the corpus itself.
local function best_passage(sentence)
  local r = corpus:corroborate(sentence, { limit = 3 })
  for _, h in ipairs(r.hits) do
    if h.coverage >= r.threshold then
      return h
    end
  end
end

-- Each test: the draft in a buffer of its own, a server of its own, stopped at
-- the end (the harness wipes buffers between tests).
local function session(capabilities)
  local b = H.open_draft(draft)
  vim.b[b].dossier_disable = true -- the plugin's own highlighting is not under test
  return b, start(b, capabilities)
end

-- The same, with the cursor at {row, col} (1-based row, byte col).
local function session_at(row, col)
  local b, c = session()
  api.nvim_win_set_cursor(0, { row, col })
  return b, c
end

local function finish(b, c)
  stop(c)
  if api.nvim_buf_is_valid(b) then
    api.nvim_buf_delete(b, { force = true })
  end
end

-- The diagnostics of b once the first check is published.
local function wait_diagnostics(b, n)
  local diags
  T.ok(vim.wait(5000, function()
    diags = vim.diagnostic.get(b)
    return #diags >= n
  end, 10), "diagnostics arrived")
  return diags
end

T.test("lsp: the client starts the server, which reports progress while the corpus loads", function()
  notes = {}
  vim.notify = record
  vim.notify_once = record
  progress = 0
  local buf, client = session()
  local caps = client.server_capabilities
  T.eq(caps.textDocumentSync.change, 2, "incremental sync")
  T.ok(caps.hoverProvider and caps.definitionProvider and caps.referencesProvider, "providers")
  T.eq(caps.semanticTokensProvider.legend.tokenTypes[1], "person")
  T.ok(vim.wait(2000, function()
    return progress > 0
  end, 10), "progress while the corpus loads")
  finish(buf, client)
end)

T.test("lsp: diagnostics for an unverified sentence and an altered quotation", function()
  local buf, client = session()
  local diags = wait_diagnostics(buf, 2)
  local unverified, altered
  for _, d in ipairs(diags) do
    T.eq(d.source, "dossier")
    T.ok(d.lnum ~= 2, "no diagnostic on the supported sentence")
    -- the tractors sentence's; the misattributed quotation's own verdict
    -- (another speaker said it: contradicted or unverified) is the
    -- verdict's tests' business, its altered quotation this one's
    if d.code == "unverified" and d.lnum == 3 then
      unverified = d
    elseif d.code == "quote-altered" then
      altered = d
    end
  end
  T.ok(unverified, "an unverified diagnostic")
  T.eq(unverified.lnum, 3, "on the tractors sentence")
  T.eq(unverified.severity, vim.diagnostic.severity.WARN, "it names actors and figures")
  T.eq(unverified.message, "not corroborated by the sources")
  T.ok(altered, "an altered quotation")
  T.eq(altered.lnum, 5)
  T.eq(altered.severity, vim.diagnostic.severity.ERROR)
  -- the column after "Rüdiger" and a curly quote: the client turned UTF-16 into bytes
  T.eq(altered.col, draft[6]:find("Putin's", 1, true) - 1, "column of the quotation")
  local q = corpus:check_quote("Putin's offer to help appears to not have been idle words.")
  T.match(altered.message, literal(q.source), "the source's wording")
  -- an edit is checked again after the debounce
  api.nvim_buf_set_lines(buf, 3, 4, false, { "Kim Jong-un met Vladimir Putin at the Vostochny Cosmodrome." })
  T.ok(vim.wait(5000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == "unverified" and d.lnum == 3 then
        return false
      end
    end
    return true
  end, 10), "the unverified sentence replaced by a supported one: its diagnostic gone")
  finish(buf, client)
end)

-- One rule for severities, the core's: the plugin's :Dossier check, the
-- `dossier check` program and the server give every finding of the sample
-- draft the same severity, at the same place (the made-up treaty sentence,
-- which names no actor, too).
T.test("lsp: the plugin, dossier check and the server agree on every finding's severity", function()
  local S = vim.diagnostic.severity
  local lines = vim.fn.readfile(H.draft)
  local b = H.open_draft(lines)
  local path = api.nvim_buf_get_name(b)
  local function key(row, col)
    return ("%d:%d"):format(row, col)
  end
  -- the plugin
  require("dossier.check").run(b, false, { wait = true })
  local plugin = {}
  for _, d in ipairs(vim.diagnostic.get(b, { namespace = require("dossier.check").diag_ns })) do
    plugin[key(d.lnum, d.col)] = d.severity
  end
  require("dossier.check").run(b, true)
  -- the program, its JSON (severity names; "none" is no finding)
  local out = vim.fn.system({ server, "check", "--json", "--corpus", H.root .. "/corpus", path })
  local j = vim.fn.json_decode(out)
  local names = { error = S.ERROR, warning = S.WARN, info = S.INFO }
  local program = {}
  for _, list in ipairs({ j.sentences, j.quotations }) do
    for _, f in ipairs(list) do
      if names[f.severity] then
        program[key(f.line - 1, f.col - 1)] = names[f.severity]
      end
    end
  end
  -- the server
  vim.b[b].dossier_disable = true
  local client = start(b)
  local n = vim.tbl_count(program)
  local lsp = {}
  T.ok(vim.wait(10000, function()
    lsp = {}
    for _, d in ipairs(vim.diagnostic.get(b)) do
      if d.source == "dossier" then
        lsp[key(d.lnum, d.col)] = d.severity
      end
    end
    return vim.tbl_count(lsp) >= n
  end, 20), "the server's diagnostics arrived")
  T.ok(n > 10, n .. " findings")
  T.eq(plugin, program, "the plugin and dossier check")
  T.eq(lsp, program, "the server and dossier check")
  -- the made-up treaty: where its sentence starts, from the core's segmentation
  local text = table.concat(lines, "\n")
  local treaty
  for _, sg in ipairs(core.segment(text)) do
    if text:sub(sg.first, sg.last):find("mutual defence treaty", 1, true) then
      local before = text:sub(1, sg.first - 1)
      local row = select(2, before:gsub("\n", ""))
      treaty = key(row, #before - (before:match(".*\n()") or 1) + 1)
    end
  end
  T.ok(treaty and program[treaty], "the treaty sentence is reported: " .. tostring(treaty))
  local seen = {}
  for _, sev in pairs(program) do
    seen[sev] = true
  end
  T.ok(seen[S.ERROR] and seen[S.WARN] and seen[S.INFO], "errors, warnings and information")
  finish(b, client)
end)

T.test("lsp: hover shows the actor card in a float", function()
  local buf, client = session_at(3, (draft[3]:find("Putin")))
  vim.lsp.buf.hover()
  local fw
  T.ok(vim.wait(5000, function()
    local ok, w = pcall(api.nvim_buf_get_var, buf, "lsp_floating_preview")
    fw = ok and w or nil
    return fw and api.nvim_win_is_valid(fw)
  end, 10), "hover float open")
  local text = table.concat(api.nvim_buf_get_lines(api.nvim_win_get_buf(fw), 0, -1, false), "\n")
  local putin = corpus:actor("putin")
  T.match(text, literal(putin.name), "the name")
  T.match(text, literal(putin.role), "the role")
  T.match(text, "Mentions", "mentions per source")
  for id, _ in pairs(putin.counts) do
    T.match(text, literal(corpus:article(id).title:sub(1, 20)), "a source that mentions him")
  end
  api.nvim_win_close(fw, true)
  finish(buf, client)
end)

T.test("lsp: completion offers actor names and citation keys", function()
  local buf, client = session()
  api.nvim_buf_set_lines(buf, 6, 6, false, { "", "See Vla and [@pa" })
  local items = request(buf, "textDocument/completion", position(buf, 7, 7))
  items = items.items or items
  local labels = {}
  for _, it in ipairs(items) do
    labels[it.label] = it
  end
  T.ok(labels["Vladimir Putin"], "Vladimir Putin offered: " .. vim.inspect(vim.tbl_keys(labels)))
  T.eq(labels["Vladimir Putin"].textEdit.newText, "Vladimir Putin")
  local cite = request(buf, "textDocument/completion", position(buf, 7, 16))
  cite = cite.items or cite
  local hank = corpus:article("hankyoreh-2023")
  local found
  for _, it in ipairs(cite) do
    if it.label == "@" .. hank.key then
      found = it
    end
  end
  T.ok(found, "the citation key of " .. hank.id)
  T.match(found.documentation.value, literal(hank.title:sub(1, 20)), "the title as documentation")
  finish(buf, client)
end)

T.test("lsp: a code action inserts a citation before the sentence's final period", function()
  local buf, client = session_at(3, 5)
  local sentence = draft[3]
  local h = best_passage(sentence)
  local text = corpus:cite({ article = h.article, passage = h.passage }, "pandoc")
  local orig = vim.ui.select
  local offered = {}
  vim.ui.select = function(items, opts, choice)
    local pick
    for _, item in ipairs(items) do
      local action = item.action or item[2] -- 0.10 | 0.7
      offered[#offered + 1] = action.title
      if not pick and action.title:find("^Cite") and action.isPreferred then
        pick = item
      end
    end
    choice(pick)
  end
  vim.lsp.buf.code_action()
  local ok = vim.wait(5000, function()
    return api.nvim_buf_get_lines(buf, 2, 3, false)[1] ~= sentence
  end, 10)
  vim.ui.select = orig
  T.ok(ok, "the line changed; actions offered: " .. vim.inspect(offered))
  T.eq(api.nvim_buf_get_lines(buf, 2, 3, false)[1], sentence:sub(1, -2) .. " " .. text .. ".")
  T.ok(vim.tbl_contains(offered, "Show sources"), "Show sources offered")
  vim.cmd("silent undo")
  T.eq(api.nvim_buf_get_lines(buf, 2, 3, false)[1], sentence, "one undo removes it")
  finish(buf, client)
end)

-- The sample draft's line 23 ends a sentence with a quotation: the plugin's
-- :Dossier cite and the server's code action both put the citation after
-- the closing quote mark, the period after it, so the quotation the next
-- check reads is the source's words, no citation inside.
T.test("lsp: the plugin and a code action cite a quoted sentence alike, outside the quotation", function()
  local lines = vim.fn.readfile(H.draft)
  local row
  for i, l in ipairs(lines) do
    if l:find('idle words."', 1, true) then
      row = i
    end
  end
  T.ok(row, "the quotation's line")
  local orig = lines[row]
  local function cited(citation)
    local a, b = orig:find('idle words."', 1, true)
    return orig:sub(1, a - 1) .. 'idle words" ' .. citation .. "." .. orig:sub(b + 1)
  end
  local function no_citation_quoted(buf)
    local text = table.concat(api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
    for _, q in ipairs(core.quotations(text)) do
      T.ok(not q.text:find("[@", 1, true), "no citation inside a quotation: " .. q.text)
    end
  end
  -- the plugin, with the first supporting passage of the sentence
  local b1 = H.open_draft(lines)
  vim.b[b1].dossier_disable = true
  api.nvim_win_set_cursor(0, { row, 10 })
  local sentence = require("dossier.text").sentence_at_cursor(0)
  local h = require("dossier.verdict").first(corpus:corroborate(sentence, { limit = 5 }), "supports")
  T.ok(h, "a passage supports it")
  local want = corpus:cite({ article = h.article, passage = h.passage }, "pandoc")
  require("dossier.cite").insert({ article = h.article, passage = h.passage }, "pandoc")
  T.eq(api.nvim_buf_get_lines(b1, row - 1, row, false)[1], cited(want), ":Dossier cite")
  no_citation_quoted(b1)
  -- the server's preferred action
  local buf, client = session()
  api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  api.nvim_win_set_cursor(0, { row, 10 })
  local title
  local select = vim.ui.select
  vim.ui.select = function(items, _, choice)
    for _, item in ipairs(items) do
      local action = item.action or item[2] -- 0.10 | 0.7
      if action.isPreferred then
        title = action.title
        return choice(item)
      end
    end
    choice(nil)
  end
  vim.lsp.buf.code_action()
  local ok = vim.wait(5000, function()
    return api.nvim_buf_get_lines(buf, row - 1, row, false)[1] ~= orig
  end, 10)
  vim.ui.select = select
  T.ok(ok and title, "the preferred action applied: " .. tostring(title))
  local citation = title:match(": (%[@.*%])$")
  T.eq(api.nvim_buf_get_lines(buf, row - 1, row, false)[1], cited(citation), "the code action")
  no_citation_quoted(buf)
  finish(buf, client)
end)

T.test("lsp: definition on a sentence jumps to the supporting passage in the article", function()
  local buf, client = session_at(3, 10)
  local h = best_passage(draft[3])
  local p = corpus:passage(h.passage)
  local article = corpus:article(h.article)
  vim.fn.setqflist({}, "f") -- no list left by another spec
  vim.lsp.buf.definition()
  T.ok(vim.wait(5000, function()
    return api.nvim_get_current_buf() ~= buf or vim.fn.getqflist({ size = 0 }).size > 0
  end, 10), "jumped or listed")
  -- several passages: 0.7 jumps to the first and opens the quickfix list,
  -- 0.10 only lists them; the user then takes the first
  if vim.bo.buftype == "quickfix" then
    vim.cmd("cclose")
  end
  if api.nvim_get_current_buf() == buf then
    vim.cmd("silent cfirst")
  end
  local want = vim.fn.resolve(vim.fn.fnamemodify(article.path, ":p"))
  T.eq(vim.fn.resolve(api.nvim_buf_get_name(0)), want)
  T.eq(api.nvim_win_get_cursor(0), { p.line, p.col - 1 }, "cursor on the passage")
  vim.fn.setqflist({}, "r")
  vim.cmd("buffer " .. buf)
  finish(buf, client)
end)

T.test("lsp: references on an actor list its mentions in the corpus", function()
  local buf, client = session()
  local params = position(buf, 2, units(draft[3], (draft[3]:find("Putin"))))
  params.context = { includeDeclaration = true }
  local res = request(buf, "textDocument/references", params)
  local putin = corpus:actor("putin")
  local in_corpus, in_draft = 0, 0
  for _, loc in ipairs(res) do
    if loc.uri == vim.uri_from_bufnr(buf) then
      in_draft = in_draft + 1
    else
      in_corpus = in_corpus + 1
    end
  end
  T.eq(in_corpus, #putin.mentions, "every mention in the corpus")
  T.eq(in_draft, 2, "and in the draft: Vladimir Putin, and the Putin of the quotation")
  finish(buf, client)
end)

T.test("lsp: semantic tokens mark the actors by kind", function()
  local buf, client = session()
  local row, col = 2, draft[3]:find("Vladimir") - 1
  local vostochny = draft[3]:find("Vostochny") - 1
  if vim.lsp.semantic_tokens then -- 0.9+: the client highlights them itself
    local tokens
    T.ok(vim.wait(5000, function()
      tokens = vim.lsp.semantic_tokens.get_at_pos(buf, row, col)
      return tokens and #tokens > 0
    end, 10), "a token on Vladimir Putin")
    T.eq(tokens[1].type, "person")
    T.eq(vim.lsp.semantic_tokens.get_at_pos(buf, row, vostochny)[1].type, "place")
  else -- 0.7 has no semantic tokens: ask for them and read the data
    local res = request(buf, "textDocument/semanticTokens/full", { textDocument = document(buf) })
    local legend = client.server_capabilities.semanticTokensProvider.legend.tokenTypes
    local line, ch, found = 0, 0, {}
    for i = 1, #res.data, 5 do
      local dl, dc = res.data[i], res.data[i + 1]
      line = line + dl
      ch = dl > 0 and dc or ch + dc
      found[line .. ":" .. ch] = legend[res.data[i + 3] + 1]
    end
    T.eq(found["2:" .. units(draft[3], col)], "person", "Vladimir Putin")
    T.eq(found["2:" .. units(draft[3], vostochny)], "place", "Vostochny Cosmodrome")
  end
  finish(buf, client)
end)

T.test("lsp: document symbols are the actors named", function()
  local buf, client = session()
  local res = request(buf, "textDocument/documentSymbol", { textDocument = document(buf) })
  local names = {}
  for _, s in ipairs(res) do
    names[#names + 1] = s.name
  end
  T.ok(vim.tbl_contains(names, corpus:actor("putin").name), vim.inspect(names))
  T.ok(vim.tbl_contains(names, corpus:actor("north-korea").name), "Pyongyang names North Korea")
  finish(buf, client)
end)

T.test("lsp: no deprecation warning from any of it", function()
  vim.notify, vim.notify_once = orig_notify, orig_once
  for _, n in ipairs(notes) do
    T.ok(not n.msg:lower():find("deprecat"), "no deprecation warning: " .. n.msg)
  end
end)

if vim.lsp.start and vim.lsp.protocol.make_client_capabilities().general then
  T.test("lsp: a client offering utf-8 positions gets them", function()
    local caps = vim.lsp.protocol.make_client_capabilities()
    caps.general.positionEncodings = { "utf-8", "utf-16" }
    local b, c = session(caps)
    T.eq(c.offset_encoding, "utf-8")
    local altered
    T.ok(vim.wait(5000, function()
      for _, d in ipairs(vim.diagnostic.get(b)) do
        if d.code == "quote-altered" then
          altered = d
        end
      end
      return altered
    end, 10), "diagnostics")
    T.eq(altered.col, draft[6]:find("Putin's", 1, true) - 1, "the same column in bytes")
    finish(b, c)
  end)
end

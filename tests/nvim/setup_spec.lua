local T = require("tap")
local H = require("helpers")
local api = vim.api

T.test("setup: zero configuration, defaults, invalid options give a (dossier) error", function()
  local d = require("dossier")
  T.eq(d.version, "0.1.0")
  T.eq(d.version, require("dossier.core").version, "plugin and core versions match")
  local o = require("dossier.config").options
  T.eq(o.corpus, H.root .. "/corpus")
  T.eq(o.style, "pandoc")
  local bads = {
    { style = "apa" },
    { debounce = -1 },
    { filetypes = "markdown" },
    { nope = 1 },
    { keymaps = { hover = 1 } },
  }
  for _, bad in ipairs(bads) do
    local ok, res
    local msgs = T.capture(function()
      ok, res = pcall(d.setup, bad)
    end)
    T.ok(ok and res == nil, vim.inspect(bad) .. " rejected without raising")
    T.eq(#msgs, 1, "one message for " .. vim.inspect(bad))
    T.match(msgs[1].msg, "^%(dossier%) setup: ", vim.inspect(bad))
    T.eq(msgs[1].level, vim.log.levels.ERROR)
    T.ok(not msgs[1].msg:find("traceback") and not msgs[1].msg:find("%.lua:%d"), "no traceback")
  end
  T.eq(require("dossier.config").options.style, "pandoc", "previous config kept")
  d.setup({ style = "footnote", keymaps = true })
  T.eq(require("dossier.config").options.style, "footnote")
  local buf = H.open_draft()
  T.eq(vim.fn.maparg("K", "n", false, true).rhs, "<Plug>(dossier-hover)")
  d.setup({})
  T.ok(buf > 0)
end)

T.test("startup: only the command, <Plug> maps and autocmd; lazy requires", function()
  local nvim = { vim.v.progpath, "--headless", "-u", "NONE", "-i", "NONE" }
  local out = vim.fn.system(vim.list_extend(nvim, { "--cmd", "set rtp^=" .. H.root,
    "-c", "runtime plugin/dossier.lua",
    "-c", "lua io.stdout:write(tostring(package.loaded['dossier'] ~= nil), ' ', "
      .. "tostring(package.loaded['dossier.core'] ~= nil), ' ', vim.fn.exists(':Dossier'), ' ', "
      .. "vim.fn.maparg('<Plug>(dossier-hover)', 'n'), '\\n')",
    "-c", "qa!" }))
  T.eq(vim.trim(out), "false false 2 <Cmd>Dossier hover<CR>")
end)

T.test("errors: bad corpus path gives a readable (dossier) error; buffer untouched", function()
  require("dossier").setup({ corpus = "/nonexistent/corpus" })
  local before = vim.fn.readfile(H.draft)
  local buf
  local msgs = T.capture(function()
    buf = H.open_draft()
    api.nvim_win_set_cursor(0, { 4, 60 })
    vim.cmd("Dossier hover")
    vim.cmd("Dossier check")
  end)
  require("dossier").setup({})
  T.ok(#msgs >= 1, "a message")
  T.match(msgs[1].msg, "^%(dossier%) cannot load corpus /nonexistent/corpus: .*No such file")
  T.eq(msgs[1].level, vim.log.levels.ERROR)
  for _, m in ipairs(msgs) do
    T.ok(not m.msg:find("traceback"), "no traceback")
  end
  T.eq(#msgs, 1, "reported once")
  T.eq(H.lines(buf), before, "buffer untouched")
  T.eq(vim.bo[buf].modified, false)
end)

T.test("errors: core.so missing says to run make", function()
  local saved_core, saved_corpus = package.loaded["dossier.core"], package.loaded["dossier.corpus"]
  package.loaded["dossier.core"] = nil
  package.loaded["dossier.corpus"] = nil
  package.preload["dossier.core"] = function()
    error("error loading module 'dossier.core': wrong ELF class: ELFCLASS32")
  end
  local ok, res = pcall(function()
    local fresh = require("dossier.corpus")
    return { fresh.get() }
  end)
  package.preload["dossier.core"] = nil
  package.loaded["dossier.core"], package.loaded["dossier.corpus"] = saved_core, saved_corpus
  T.ok(ok, tostring(res))
  T.eq(res[1], nil)
  T.match(res[2], "^cannot load the C core lua/dossier/core%.so %(.*wrong ELF class.*%): run make in "
    .. vim.pesc(H.root))
end)

T.test("health: :checkhealth dossier has no ERROR", function()
  vim.cmd("checkhealth dossier")
  local text = table.concat(api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  T.match(text, "dossier")
  T.match(text, "OK")
  T.match(text, "5 articles, %d+ passages, %d+ actors")
  T.match(text, "core version 0%.1%.0 matches")
  T.ok(not text:find("not queryable"), "no line that tells the user nothing")
  T.match(text, ":help |?dossier|? %(doc/tags%)")
  T.match(text, "dossier program " .. vim.pesc(H.root) .. "/build/bin/dossier")
  T.ok(not text:find("ERROR"), "no ERROR:\n" .. text)
  vim.cmd("tabclose")
end)

T.test("help: after make, :help dossier works in place and installed as a package", function()
  -- doc/tags comes from make, nothing else (the runner no longer makes it)
  os.remove(H.root .. "/doc/tags")
  local out = vim.fn.system({ "make", "-C", H.root, "--no-print-directory",
    "NVIM=" .. vim.v.progpath })
  T.eq(vim.v.shell_error, 0, out)
  T.eq(vim.fn.filereadable(H.root .. "/doc/tags"), 1, "make wrote doc/tags")
  local tags = table.concat(vim.fn.readfile(H.root .. "/doc/tags"), "\n")
  T.match(tags, "\ndossier\tdossier%.txt\t", "a *dossier* tag")
  local probe = "lua local ok, e = pcall(vim.cmd, 'help dossier') "
    .. "io.stdout:write(ok and vim.fn.expand('%:t') .. ' ' .. vim.fn.expand('<cword>') or e, '\\n')"
  -- in place, as make leaves it (rtp holding the plugin's directory)
  local got = vim.fn.system({ vim.v.progpath, "--headless", "-u", "NONE", "-i", "NONE",
    "--cmd", "set rtp^=" .. H.root, "-c", probe, "-c", "qa!" })
  T.eq(vim.trim(got), "dossier.txt dossier", "in place")
  -- installed as the README says: a clone in a package's start/ directory
  local pack = vim.fn.tempname()
  vim.fn.mkdir(pack .. "/pack/dossier/start", "p")
  vim.loop.fs_symlink(H.root, pack .. "/pack/dossier/start/dossier.nvim")
  local init = pack .. "/init.vim"
  vim.fn.writefile({ "set packpath^=" .. pack }, init)
  got = vim.fn.system({ vim.v.progpath, "--headless", "-u", init, "-i", "NONE",
    "-c", probe, "-c", "qa!" })
  T.eq(vim.trim(got), "dossier.txt dossier", "as a package")
  vim.fn.delete(pack, "rf")
  for _, t in ipairs({ ":Dossier-cite", "hl-DossierPerson", "<Plug>(dossier-sources)",
    "dossier-corpus", "dossier-bugs", "dossier-performance", "dossier-safety" }) do
    vim.cmd("help " .. t)
  end
  vim.cmd("helpclose")
end)

T.test("demo: headless run prints highlights, check and quotes", function()
  local nvim = { vim.v.progpath, "--headless", "-u", "NONE", "-i", "NONE" }
  local out = vim.fn.system(vim.list_extend(nvim, { "--cmd", "set rtp^=" .. H.root,
    "-c", "lua require('dossier.demo').headless('" .. H.draft .. "')" }))
  T.eq(vim.v.shell_error, 0, "exit status")
  T.match(out, "Kim Jong%-un %[DossierPerson%]")
  T.match(out, "== Check %(27 sentences")
  T.match(out, "altered")
end)

T.test("demo: make demo HEADLESS=1 CORPUS=... DRAFT=... uses that corpus in both reports", function()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  vim.fn.writefile({ "---", "id: note-2024", "title: A note", "date: \"2024-01-02\"", "---",
    "Zebedee Quux opened the harbour." }, dir .. "/note.md")
  vim.fn.writefile({ "actors:", "  - id: quux", "    name: Zebedee Quux", "    kind: person" },
    dir .. "/actors.yaml")
  local draft = dir .. "-draft.md"
  vim.fn.writefile({ "Zebedee Quux opened the harbour." }, draft)
  local out = vim.fn.system({ "make", "-s", "-C", H.root, "--no-print-directory", "demo",
    "HEADLESS=1", "NVIM=" .. vim.v.progpath, "CORPUS=" .. dir, "DRAFT=" .. draft })
  T.eq(vim.v.shell_error, 0, out)
  T.match(out, "1: Zebedee Quux %[DossierPerson%]", "the plugin's report, on that corpus")
  T.match(out, "quux%s+person", "the core's report, on that corpus")
  T.match(out, "corroborated by 1 source", "the draft's sentence found in its article")
end)

T.test("setup: keymaps reach the buffers already open, and leave them again", function()
  require("dossier").setup({})
  local buf = H.open_draft()
  T.eq(vim.fn.maparg("K", "n", false, true).rhs, nil, "no key by default")
  require("dossier").setup({ keymaps = true })
  api.nvim_set_current_buf(buf)
  T.eq(vim.fn.maparg("K", "n", false, true).rhs, "<Plug>(dossier-hover)", "K in the open draft")
  T.eq(vim.fn.maparg("<Leader>ds", "x", false, true).rhs, "<Plug>(dossier-sources)")
  require("dossier").setup({ keymaps = { hover = "gK" } })
  T.eq(vim.fn.maparg("gK", "n", false, true).rhs, "<Plug>(dossier-hover)", "the new key")
  T.eq(vim.fn.maparg("K", "n", false, true).rhs, nil, "the old one gone")
  require("dossier").setup({})
  T.eq(vim.fn.maparg("gK", "n", false, true).rhs, nil, "keymaps = false: none")
end)

T.test("setup: an invalid option in an init file: one message, no stack trace", function()
  local init = vim.fn.tempname() .. ".lua"
  vim.fn.writefile({ "vim.opt.rtp:prepend(" .. vim.inspect(H.root) .. ")",
    "vim.cmd('runtime plugin/dossier.lua')",
    "require('dossier').setup({ debounce = 'soon' })" }, init)
  local out = vim.fn.system({ vim.v.progpath, "--headless", "-u", init, "-i", "NONE",
    "-c", "lua vim.defer_fn(function() vim.cmd('qa!') end, 50)" })
  local lines = vim.split(vim.trim(out), "\n")
  T.eq(#lines, 1, "one line: " .. out)
  T.match(lines[1], "^%(dossier%) setup: debounce must be a non%-negative integer, got \"soon\"")
end)

T.test("demo: the intro says what to try first, and the keys it names work", function()
  local buf = H.open_draft()
  local win = require("dossier.demo").intro()
  local lines = api.nvim_buf_get_lines(api.nvim_win_get_buf(win), 0, -1, false)
  T.eq(lines[1], "Dossier demo: try these first")
  local text = table.concat(lines, "\n")
  for _, want in ipairs({ "K ", ":Dossier check", ":help dossier", "<C-x><C-o>" }) do
    T.ok(text:find(want, 1, true), "names " .. want)
  end
  -- what each key does starts in one column, continuation lines too
  local cols = {}
  for _, l in ipairs(lines) do
    if l:match("^  %S") then -- a key, two spaces or more, what it does
      local _, gap = l:find("%S%s%s+", 3)
      cols[gap + 1] = true
    elseif l:match("^   +%S") then -- what it does, continued
      cols[l:find("%S")] = true
    end
  end
  T.eq(vim.tbl_count(cols), 1, "one column for the descriptions: " .. text)
  T.eq(api.nvim_get_current_win(), win, "entered: q closes it")
  api.nvim_feedkeys("q", "x", false)
  T.ok(not api.nvim_win_is_valid(win), "closed by q")
  T.eq(vim.fn.maparg("K", "n", false, true).rhs, "<Plug>(dossier-hover)", "K set in the draft")
  T.eq(api.nvim_get_current_buf(), buf)
  require("dossier").setup({})
end)

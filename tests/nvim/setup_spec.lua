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
    local ok, err = pcall(d.setup, bad)
    T.ok(not ok, vim.inspect(bad) .. " rejected")
    T.match(err, "^%(dossier%) setup: ", vim.inspect(bad))
    T.ok(not err:find("traceback"), "no traceback")
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
  T.ok(not text:find("ERROR"), "no ERROR:\n" .. text)
  vim.cmd("tabclose")
end)

T.test("help: :help dossier works", function()
  vim.cmd("help dossier")
  T.match(api.nvim_buf_get_name(0), "doc/dossier%.txt$")
  vim.cmd("help :Dossier-cite")
  vim.cmd("help hl-DossierPerson")
  vim.cmd("help <Plug>(dossier-sources)")
  vim.cmd("help dossier-corpus")
  vim.cmd("help dossier-bugs")
  vim.cmd("help dossier-performance")
  vim.cmd("help dossier-safety")
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

-- `:Dossier compiler` and `:make`: the whole-draft check of the `dossier`
-- program in the quickfix list, each finding with its type, as a writer who
-- uses Vim's compiler workflow (or CI's lines) gets it. What is expected
-- comes from the program's own output for the same draft, not from here.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local program = H.root .. "/build/bin/dossier"

-- An altered quotation (an error), a sentence that names actors and that no
-- source supports (a warning), and one the sources support (shown by --all).
local draft = {
  "# Notes",
  "",
  "Kim Jong-un left Pyongyang on Sunday aboard an armored train.",
  "Kim Jong Un promised “a new era of 200-year friendship” to Russia.",
  "Pyongyang sold ten thousand tractors to Portugal in 1850.",
}

-- The program's lines for path, as {line, col, type} (e, w, i).
local function findings(path, corpus)
  local out = vim.fn.systemlist({ program, "check", "--corpus", corpus, path })
  local got = {}
  for _, l in ipairs(out) do
    local ln, col, sev = l:match("^.-:(%d+):(%d+): (%a)%a*: ")
    if ln then
      got[#got + 1] = { tonumber(ln), tonumber(col), sev }
    end
  end
  return got
end

local function quickfix()
  local got = {}
  for _, e in ipairs(vim.fn.getqflist()) do
    if e.valid == 1 then
      got[#got + 1] = { e.lnum, e.col, e.type }
    end
  end
  return got
end

T.test("compiler: :Dossier compiler and :make fill the quickfix list, typed", function()
  local buf, path = H.open_draft(draft)
  -- not in $PATH: the program `make` built beside the plugin
  local path_env = vim.env.PATH
  vim.env.PATH = "/usr/bin:/bin"
  vim.cmd("Dossier compiler")
  vim.env.PATH = path_env
  T.eq(vim.b[buf].current_compiler, "dossier", "the buffer's compiler")
  T.match(vim.bo[buf].makeprg, vim.pesc(program), "the built program when none is in $PATH")
  vim.cmd("silent make!")
  local want = findings(path, H.root .. "/corpus")
  T.ok(#want >= 2, "the program finds an error and a warning: " .. vim.inspect(want))
  T.eq(quickfix(), want, "one quickfix entry per finding, at its line and column, typed")
  local types = {}
  for _, e in ipairs(quickfix()) do
    types[e[3]] = true
  end
  T.ok(types.e and types.w, "errors and warnings told apart")
  -- the altered quotation's entry (an error, as the contradicted sentence it
  -- is in) points at the quotation's first word in the buffer
  local at = {}
  for _, e in ipairs(quickfix()) do
    if e[3] == "e" then
      at[#at + 1] = api.nvim_buf_get_lines(buf, e[1] - 1, e[1], false)[1]:sub(e[2], e[2] + 4)
    end
  end
  T.ok(vim.tbl_contains(at, "a new"), "an error at the quotation: " .. vim.inspect(at))
  T.ok(not vim.bo[buf].modified, "draft unmodified")
end)

T.test("compiler: :make passes its arguments, the corpus is the plugin's", function()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  for _, f in ipairs(vim.fn.readdir(H.root .. "/corpus")) do
    vim.fn.writefile(vim.fn.readfile(H.root .. "/corpus/" .. f, "b"), dir .. "/" .. f, "b")
  end
  require("dossier").setup({ corpus = dir })
  local _, path = H.open_draft(draft)
  vim.cmd("Dossier compiler")
  T.match(vim.bo.makeprg, vim.pesc(vim.fn.shellescape(dir)), "setup()'s corpus")
  vim.cmd("silent make! --all")
  local n = #quickfix()
  T.ok(n > #findings(path, dir), "--all adds the supported sentences (" .. n .. " entries)")
  require("dossier").setup({})
end)

T.test("compiler: a corpus that does not load is said in the list", function()
  local buf = H.open_draft(draft)
  vim.cmd("Dossier compiler")
  vim.bo[buf].makeprg = vim.bo[buf].makeprg:gsub("%-%-corpus '[^']*'", "--corpus /nonexistent")
  vim.cmd("silent make!")
  local text = {}
  for _, e in ipairs(vim.fn.getqflist()) do
    text[#text + 1] = e.text
  end
  T.match(table.concat(text, "\n"), "/nonexistent: cannot open corpus directory")
end)

-- The :cexpr command the README and `dossier check --help` give, as written.
local function cexpr_of(text, where)
  local cmd = text:match(":(cexpr system%b())")
  T.ok(cmd, "a :cexpr command in " .. where)
  return cmd
end

T.test("compiler: the :cexpr of the README and of check --help read the program's lines", function()
  local readme = table.concat(vim.fn.readfile(H.root .. "/README.md"), "\n")
  local help = table.concat(vim.fn.systemlist({ program, "check", "--help" }), "\n")
  local commands = { README = cexpr_of(readme, "README.md"), help = cexpr_of(help, "--help") }
  for where, cmd in pairs(commands) do
    local buf, path = H.open_draft(draft)
    local path_env = vim.env.PATH
    vim.env.PATH = H.root .. "/build/bin:" .. path_env
    vim.cmd("silent " .. cmd)
    vim.env.PATH = path_env
    local got = {}
    for _, e in ipairs(vim.fn.getqflist()) do
      got[#got + 1] = e.valid == 1 and e.lnum or e.text
    end
    local want = {}
    for _, f in ipairs(findings(path, H.root .. "/corpus")) do
      want[#want + 1] = f[1]
    end
    T.eq(got, want, where .. "'s " .. cmd .. ": an entry per line of the program")
    T.ok(not vim.bo[buf].modified)
  end
end)

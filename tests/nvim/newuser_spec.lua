-- A writer's own corpus, the way the README's "Your own corpus in minutes"
-- tells it: `dossier init`, `dossier import` of saved pages and blog posts,
-- `dossier actors suggest` accepted as proposed, `dossier lint` clean; then
-- the plugin on that corpus highlights the actors, corroborates a sentence
-- and cites its source.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local dossier = H.root .. "/build/bin/dossier"
local pages = H.root .. "/tests/cli/pages"
local sources = H.root .. "/tests/cli/sources"

local function sh(args)
  local cmd = { dossier }
  vim.list_extend(cmd, args)
  local out = vim.fn.system(cmd)
  return vim.v.shell_error, out
end

local dir = vim.fn.tempname() .. "-corpus"

T.test("new user: init, import, actors suggest accepted, lint clean", function()
  T.eq((sh({ "init", dir })), 0, "dossier init")
  local rc, out = sh({ "import", "--no-prompt", dir,
    pages .. "/ars-1/source.html", pages .. "/ebb-org/source.html", pages .. "/v8-blog/source.html",
    sources .. "/2015-04-20-minecraft-nbt-exploit.md", sources .. "/arduino-trademark-dispute.md",
    sources .. "/FSF board changes 2019.md" })
  T.eq(rc, 0, "dossier import: " .. out)
  local proposed = dir .. "/proposed.yaml"
  rc, out = sh({ "actors", "suggest", "-o", proposed, dir })
  T.eq(rc, 0, "dossier actors suggest: " .. out)
  -- accepted as they are and, as the README says, appended to actors.yaml
  local lines = vim.fn.readfile(proposed)
  T.ok(#lines > 20, "proposals written")
  local actors = vim.fn.readfile(dir .. "/actors.yaml")
  vim.fn.writefile(lines, dir .. "/actors.yaml", "a")
  T.eq(#vim.fn.readfile(dir .. "/actors.yaml"), #actors + #lines, "appended, init's lines kept")
  rc, out = sh({ "lint", dir })
  T.eq(rc, 0, "dossier lint is clean: " .. out)
end)

T.test("new user: the plugin on that corpus highlights, corroborates and cites", function()
  require("dossier").setup({ corpus = dir })
  local buf = H.open_draft({
    "# Notes on the NBT bug",
    "",
    "The developer Ammar Askar found that a flaw in Minecraft lets anyone crash a game server.",
    "",
    "Askar has released proof-of-concept attack code that he said exploits the vulnerability to crash any server hosting the game.",
  })
  H.settle()
  local groups = {}
  for _, m in ipairs(H.marks(buf)) do
    groups[m[5]] = m[4]
  end
  T.eq(groups["Ammar Askar"], "DossierPerson", "a person from the accepted entries")
  T.eq(groups["Minecraft"], "DossierProduct", "a product, in its own group")
  T.eq(groups["Askar"], "DossierPerson", "the surname alone, an alias")
  local res = require("dossier.check").run(buf, false, { wait = true })
  local s = res.sentences[#res.sentences]
  T.ok(s.corroborated, "the sentence from the Ars Technica piece is corroborated")
  local c = require("dossier.corpus").get()
  local hits = c:corroborate(s.text).hits
  T.eq(c:article(hits[1].article).publisher, "Ars Technica", "by the imported page")
  local orig = vim.ui.select
  vim.ui.select = function(items, _, cb)
    cb(items[1])
  end
  api.nvim_win_set_cursor(0, { 5, 120 })
  H.undo_break()
  vim.cmd("Dossier cite pandoc")
  vim.ui.select = orig
  T.match(H.lines(buf)[5], "%[@goodin2015, para%. %d+%]", "the citation key of the imported page")
  require("dossier").setup({}) -- back to the default corpus for the other specs
end)

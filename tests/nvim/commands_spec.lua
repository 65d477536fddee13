-- Issue 11: arguments and ranges refused where none apply, the
-- bibliography's completion, question and `cited`, :Dossier reload, and a
-- corpus without actors.yaml.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local read = H.read_file

local corpus_copy = H.corpus_copy

T.test("arguments: ranges and unknown arguments refused with a clear message, nothing done", function()
  local buf, path = H.open_draft()
  api.nvim_win_set_cursor(0, { 4, 60 })
  local picked = 0
  local orig = vim.ui.select
  vim.ui.select = function()
    picked = picked + 1
  end
  local msgs = T.capture(function()
    vim.cmd("2,3Dossier hover")
    vim.cmd("Dossier hover now")
    vim.cmd("Dossier check everything")
    vim.cmd("Dossier cite apa")
    vim.cmd("%Dossier mentions")
    vim.cmd("Dossier sources quickfix")
    vim.cmd("Dossier! check")
    vim.cmd("Dossier back please")
  end)
  vim.ui.select = orig
  T.eq(picked, 0, "no picker shown")
  T.ok(require("dossier.hover").win == nil, "no card shown")
  T.eq(#vim.diagnostic.get(buf), 0, "no check ran")
  T.eq(#vim.fn.getqflist(), 0, "no quickfix list")
  local want = {
    ":Dossier hover takes no range",
    ':Dossier hover takes no argument %(got "now"%)',
    ':Dossier check: unknown argument "everything" %(expected off%)',
    ':Dossier cite: unknown argument "apa" %(expected pandoc|footnote|inline|reference%)',
    ":Dossier mentions takes no range",
    ':Dossier sources: unknown argument "quickfix" %(expected qf%)',
    ":Dossier check takes no !",
    ':Dossier back takes no argument %(got "please"%)',
  }
  T.eq(#msgs, #want, vim.inspect(msgs))
  for i, w in ipairs(want) do
    T.match(msgs[i].msg, "^%(dossier%) " .. w .. " %(see :help :Dossier%-%a+%)$")
    T.eq(msgs[i].level, vim.log.levels.ERROR)
  end
  T.eq(H.lines(buf), vim.fn.readfile(path), "draft unchanged")
  -- a range where one applies is taken
  local got
  vim.ui.select = function(items, _, cb)
    got = items
    cb(nil)
  end
  vim.cmd("40,41Dossier sources")
  vim.ui.select = orig
  T.ok(got and #got > 0, "sources takes a range")
end)

T.test("bibliography: completes paths, asks before overwriting, writes only what is cited", function()
  local dir = vim.fn.tempname() .. "/bibliographies"
  vim.fn.mkdir(dir, "p")
  local buf = H.open_draft({ "As Araujo notes [@araujo2023, para. 4], and [^pak2023-p7] says.",
    "Mail me at someone@example.org, not @nobody.", "", "[^pak2023-p7]: the footnote" })
  T.eq(vim.fn.getcompletion("Dossier bibliography csl " .. dir:sub(1, -5), "cmdline"),
    { dir .. "/" }, "a path completes")
  T.eq(vim.fn.getcompletion("Dossier bibliography csl cited " .. dir .. "/", "cmdline"), {},
    "nothing in an empty directory")
  local json = dir .. "/refs.json"
  vim.cmd("Dossier bibliography csl cited " .. json)
  local items = vim.fn.json_decode(read(json))
  local ids = {}
  for _, it in ipairs(items) do
    ids[#ids + 1] = it.id
  end
  table.sort(ids)
  T.eq(ids, { "araujo2023", "pak2023" }, "only the two sources cited")
  local bib = dir .. "/refs.bib"
  vim.cmd("Dossier bibliography bibtex cited " .. bib)
  local keys = {}
  for k in read(bib):gmatch("@%a+{([^,]+),") do
    keys[#keys + 1] = k
  end
  T.eq(keys, { "araujo2023", "pak2023" }, "BibTeX too")
  -- the file exists: asked first; "n" keeps it, "y" overwrites it
  local before = read(json)
  api.nvim_feedkeys("n\r", "t", false)
  vim.cmd("Dossier bibliography csl " .. json)
  T.eq(read(json), before, "kept when the answer is no")
  api.nvim_feedkeys("y\r", "t", false)
  vim.cmd("Dossier bibliography csl " .. json)
  T.eq(#vim.fn.json_decode(read(json)), 5, "overwritten with all five after yes")
  -- ! overwrites without asking
  local asked = false
  local orig = vim.ui.input
  vim.ui.input = function()
    asked = true
  end
  vim.cmd("Dossier! bibliography csl cited " .. json)
  vim.ui.input = orig
  T.eq(asked, false, "! does not ask")
  T.eq(#vim.fn.json_decode(read(json)), 2)
  -- nothing cited: nothing written
  H.scratch({ "No citation here." })
  local none = dir .. "/none.json"
  vim.cmd("Dossier bibliography cited " .. none)
  T.eq(vim.fn.filereadable(none), 0, "no file without citations")
  T.ok(buf > 0)
end)

T.test("reload: :Dossier reload reads the corpus's files again", function()
  local dir = corpus_copy()
  require("dossier").setup({ corpus = dir })
  local buf = H.open_draft({ "Vova met Kim Jong Un at Vostochny." })
  H.settle()
  local function names()
    local out = {}
    for _, m in ipairs(H.marks(buf)) do
      out[#out + 1] = m[5]
    end
    return out
  end
  T.eq(names(), { "Kim Jong Un", "Vostochny" })
  local actors = read(dir .. "/actors.yaml")
  local patched = actors:gsub("aliases: %[Putin,", "aliases: [Vova, Putin,", 1)
  T.ok(patched ~= actors, "an alias added")
  vim.fn.writefile(vim.split(patched, "\n"), dir .. "/actors.yaml")
  os.remove(dir .. "/38north-2011.txt")
  local msgs = T.capture(function()
    vim.cmd("Dossier reload")
  end)
  T.eq(names(), { "Vova", "Kim Jong Un", "Vostochny" }, "the new alias highlighted")
  T.eq(#require("dossier.corpus").get():articles(), 4, "the removed article gone")
  T.eq(msgs, {}, "no error")
  -- a corpus broken on disk: said once, and nothing highlighted from a stale one
  vim.fn.writefile({ "actors: [" }, dir .. "/actors.yaml")
  msgs = T.capture(function()
    vim.cmd("Dossier reload")
  end)
  T.eq(#msgs, 1, vim.inspect(msgs))
  T.match(msgs[1].msg, "^%(dossier%) cannot load corpus .*actors%.yaml:%d+")
  require("dossier").setup({})
  vim.fn.delete(dir, "rf")
end)

T.test("corpus without actors.yaml: one notice, no highlights, the rest works", function()
  local dir = corpus_copy()
  os.remove(dir .. "/actors.yaml")
  require("dossier").setup({ corpus = dir })
  local buf, path
  local msgs = T.capture(function()
    buf, path = H.open_draft()
    H.settle()
  end)
  T.eq(#msgs, 1, vim.inspect(msgs))
  T.match(msgs[1].msg, "^%(dossier%) " .. vim.pesc(dir) .. "/actors%.yaml: not found: no actors")
  T.eq(msgs[1].level, vim.log.levels.INFO)
  T.eq(#H.marks(buf), 0, "nothing highlighted")
  -- sources, check, cite and the bibliography work without actors
  api.nvim_win_set_cursor(0, { 3, 10 })
  local got = H.picking(function() end, function()
    msgs = T.capture(function()
      vim.cmd("Dossier sources")
      vim.cmd("Dossier check")
      vim.cmd("Dossier hover")
    end)
  end)
  T.ok(got and #got.items > 0, "passages offered")
  require("dossier.check").wait(buf)
  T.ok(#api.nvim_buf_get_extmarks(buf, require("dossier.check").ns, 0, -1, {}) > 0, "markers")
  T.eq(msgs, {}, "no error")
  T.ok(require("dossier.hover").win == nil, "no card: no actor is known")
  T.eq(H.lines(buf), vim.fn.readfile(path), "draft unchanged")
  require("dossier").setup({})
  vim.fn.delete(dir, "rf")
end)

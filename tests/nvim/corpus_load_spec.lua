-- The corpus opened off the main loop (lua/dossier/corpus.lua): typing goes
-- on while a large corpus loads, names are highlighted from the gazetteer
-- before the index is there, commands meanwhile say the corpus is loading,
-- and a file of the corpus changing on disk reloads it.
local T = require("tap")
local H = require("helpers")
local api = vim.api
local uv = vim.uv or vim.loop

-- A corpus of n articles made from the shipped ones (distinct ids), in a
-- fresh directory, files dated an hour back.
local function big_corpus(n)
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  local src = H.root .. "/corpus/"
  local bodies = {}
  for _, name in ipairs(vim.fn.readdir(src)) do
    if name:match("%.txt$") then
      local text = table.concat(vim.fn.readfile(src .. name), "\n")
      bodies[#bodies + 1] = (text:gsub("^%-%-%-\n.-\n%-%-%-\n", ""))
    end
  end
  for k = 1, n do
    local f = assert(io.open(("%s/a%04d.md"):format(dir, k), "wb"))
    f:write(("---\nid: a%04d\ntitle: Article %d\n---\n"):format(k, k), bodies[k % #bodies + 1])
    f:close()
  end
  vim.fn.writefile(vim.fn.readfile(src .. "actors.yaml"), dir .. "/actors.yaml")
  return dir
end

local function use_corpus(dir, cache)
  local corpus = require("dossier.corpus")
  corpus.reset()
  vim.g.dossier_cache = cache
  require("dossier").setup({ corpus = dir })
  return corpus
end

local function restore()
  vim.g.dossier_cache = nil
  require("dossier.corpus").reset()
  require("dossier").setup({ corpus = H.root .. "/corpus" })
end

T.test("corpus load: typing goes on while a large corpus loads, names highlighted at once", function()
  local dir = big_corpus(1200)
  local corpus = use_corpus(dir, "off") -- no cache: a build of seconds, every time
  -- the main loop's longest pause while the corpus loads, from a 1 ms timer
  local last, worst, ticks = uv.hrtime(), 0, 0
  local timer = uv.new_timer()
  timer:start(1, 1, function()
    local t = uv.hrtime()
    worst = math.max(worst, (t - last) / 1e6)
    last = t
    ticks = ticks + 1
  end)
  local buf = H.open_draft()
  local opened_while = corpus.loading() ~= nil
  T.ok(opened_while, "the draft opened while the corpus was still loading")
  T.ok(#H.marks(buf) > 0, "names highlighted from the gazetteer before the index is there")
  -- typing, key by key, while it loads
  api.nvim_win_set_cursor(0, { 1, 0 })
  local typed_during = 0
  for ch in ("Kim met Putin "):gmatch(".") do
    local keys = api.nvim_replace_termcodes("i" .. ch .. "<Esc>l", true, false, true)
    api.nvim_feedkeys(keys, "x", false)
    vim.wait(15)
    if corpus.loading() then
      typed_during = typed_during + 1
    end
  end
  T.ok(typed_during >= 5, ("keys handled while loading: %d of 14"):format(typed_during))
  T.match(api.nvim_buf_get_lines(buf, 0, 1, false)[1], "Kim met Putin")
  T.ok(vim.wait(60000, function() return corpus.loading() == nil end, 10), "the load ends")
  timer:stop()
  timer:close()
  local c = assert(corpus.get())
  T.eq(#c:articles(), 1200)
  T.ok(ticks > 20, "the timer ran during the load")
  -- generous: a shared machine; bench/cache.sh measures the 16 ms target
  T.ok(worst < 250, ("longest pause of the main loop while loading: %.1f ms"):format(worst))
  restore()
  vim.fn.delete(dir, "rf")
end)

T.test("corpus load: commands while it loads say so, then work", function()
  vim.fn.setqflist({}, "f") -- no list left by an earlier test
  local dir = big_corpus(1200)
  local corpus = use_corpus(dir, "off")
  H.open_draft()
  T.ok(corpus.loading() ~= nil, "loading")
  api.nvim_win_set_cursor(0, { 4, 60 })
  local msgs = T.capture(function() vim.cmd("Dossier sources qf") end)
  T.eq(#msgs, 1, "one message")
  T.match(msgs[1] and msgs[1].msg or "", "^%(dossier%) corpus is loading %(%d+ of 1200 articles%)")
  T.eq(#vim.fn.getqflist(), 0, "no list yet")
  T.ok(vim.wait(60000, function() return corpus.loading() == nil end, 10), "the load ends")
  msgs = T.capture(function() vim.cmd("Dossier sources qf") end)
  T.eq(msgs, {}, "no message once loaded")
  T.ok(#vim.fn.getqflist() > 0, "the command works")
  vim.cmd("cclose")
  restore()
  vim.fn.delete(dir, "rf")
end)

T.test("corpus load: a file of the corpus changing on disk reloads it", function()
  local dir = big_corpus(6)
  local cache = vim.fn.tempname()
  local corpus = use_corpus(dir, cache)
  local buf = H.scratch({ "The Tumen crossing and Vladimir Putin." })
  local c = assert(corpus.get())
  T.eq(#c:articles(), 6)
  T.eq(#H.marks(buf), 1, "only Putin is known")
  local events = {}
  corpus.on_ready(function(_, _, what) events[#events + 1] = what end)
  -- a new actor and a new article, written as an editor would
  local actors = vim.fn.readfile(dir .. "/actors.yaml")
  actors[#actors + 1] = "  - id: tumen"
  actors[#actors + 1] = "    name: Tumen"
  actors[#actors + 1] = "    kind: place"
  vim.fn.writefile(actors, dir .. "/actors.yaml")
  local front = { "---", "id: new", "title: New", "---" }
  vim.fn.writefile(vim.list_extend(vim.deepcopy(front), { "The Tumen river bridge opened." }),
    dir .. "/new.md")
  T.ok(vim.wait(10000, function() return vim.tbl_contains(events, "reload") end, 20),
    "reloaded after the change (debounced)")
  local c2 = assert(corpus.get())
  T.eq(#c2:articles(), 7, "the new article is there")
  T.ok(vim.wait(2000, function() return #H.marks(buf) == 2 end, 20), "the new actor highlighted")
  T.eq(#events, 1, "one reload for the burst of writes")
  -- a change inside an article is an update of the cache, not a rebuild
  events = {}
  vim.fn.writefile(vim.list_extend(vim.deepcopy(front), { "Vladimir Putin crossed the Tumen." }),
    dir .. "/new.md")
  T.ok(vim.wait(10000, function() return #events > 0 end, 20), "reloaded again")
  local info = corpus.get():cache_info()
  T.eq(info.state, "updated")
  T.eq(info.articles_read, 1)
  restore()
  vim.fn.delete(dir, "rf")
  vim.fn.delete(cache, "rf")
end)

T.test("corpus load: the second handle working out the related terms: a reload, a switch and Neovim exiting meanwhile are safe", function()
  local dir = H.root .. "/corpus"
  local cache = vim.fn.tempname()
  local corpus = use_corpus(dir, cache)
  local c = assert(corpus.get())
  T.ok(vim.wait(1000, function() return corpus.warming() end, 1), "the corpus is there, then a second handle at work")
  local file = c:related_info().path
  vim.cmd("Dossier reload")
  T.ok(corpus.get() ~= c, "reloaded")
  local function written()
    return not corpus.warming() and vim.fn.filereadable(file) == 1
  end
  T.ok(vim.wait(5000, written, 10),
    "a new second handle, done")
  T.eq(vim.fn.filereadable(file), 1, "the file written")
  -- another corpus while it works: the first one's given up, nothing left running
  vim.fn.delete(file)
  use_corpus(dir, cache)
  T.ok(corpus.get() and vim.wait(1000, function() return corpus.warming() end, 1), "at work again")
  local other = big_corpus(3)
  use_corpus(other, "off")
  T.ok(corpus.get(), "the other corpus")
  T.eq(corpus.warming(dir), false, "the first corpus's second handle given up")
  T.eq(corpus.warming(), false, "none for a corpus without a cache")
  -- a Neovim that exits while it works, on the minimal init
  vim.fn.delete(cache, "rf")
  local t0 = uv.hrtime()
  local init = H.root .. "/tests/nvim/minimal_init.lua"
  local out = vim.fn.system({ vim.v.progpath, "--headless", "-u", init,
    "-i", "NONE", "-c", "lua vim.g.dossier_cache = " .. vim.inspect(cache)
      .. " require('dossier').setup({ corpus = " .. vim.inspect(dir) .. " })"
      .. " local co = require('dossier.corpus') assert(co.get())"
      .. " if not vim.wait(1000, function() return co.warming() end, 1) then os.exit(3) end",
    "-c", "qa!" })
  local ms = (uv.hrtime() - t0) / 1e6
  T.eq(vim.v.shell_error, 0, "it exits cleanly: " .. out)
  T.ok(ms < 3000, ("at once (%d ms)"):format(ms))
  -- whatever it left is whole: the cache read, the file read or absent
  c = assert(require("dossier.native").get().open(dir, { cache = cache }))
  T.eq(c:cache_info().state, "hit", "the cache there")
  T.ok(c:corroborate("North Korea and Russia held talks."), "a claim answered")
  T.eq(c:related_info().notice, "", "the related-terms file, if any, whole")
  c:close()
  restore()
  vim.fn.delete(cache, "rf")
  vim.fn.delete(other, "rf")
end)

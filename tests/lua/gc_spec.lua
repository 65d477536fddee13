-- Results are plain Lua values: valid after collectgarbage() and close();
-- handles are freed by __gc; many handles can be opened and collected.
local h = require("helpers")
local core = h.core
local deepcopy, full_gc = h.deepcopy, h.full_gc

describe("GC safety", function()
  it("keeps every kind of result valid after collectgarbage() and close()", function()
    local c = h.open()
    local draft = "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome. "
      .. "Pyongyang said “a new era of 100-year friendship” had begun."
    local results = {
      articles = c:articles(),
      article = c:article("pak2023"),
      passage = c:passage(7),
      passages = c:passages("summit-2023"),
      actors = c:actors(),
      actor = c:actor("putin"),
      scan = c:scan(draft),
      corroborate = c:corroborate(draft, { limit = 8 }),
      check_quote = c:check_quote("a new era of 100-year friendship"),
      cite = { c:cite("pak2023", "footnote") },
      csl = c:bibliography("csl"),
      bibtex = c:bibliography("bibtex"),
      segment = core.segment(draft),
      quotations = core.quotations(draft),
    }
    local copy = deepcopy(results)
    full_gc()
    assert.are.same(copy, results)
    c:close()
    full_gc()
    assert.are.same(copy, results)
    -- strings still hold their bytes and positions still index the files
    local p, path = results.passage, nil
    for _, a in ipairs(results.articles) do
      if a.id == p.article then path = a.path end
    end
    assert.is_not_nil(path)
    assert.are.equal(h.read(path):sub(p.first, p.last), p.text)
  end)

  it("frees a handle that is dropped without close()", function()
    local c = h.open()
    local s = tostring(c)
    c = nil
    full_gc()
    assert.truthy(s:find("dossier.corpus", 1, true))
  end)

  it("opens and collects many handles without growing", function()
    local function churn(n)
      for i = 1, n do
        local c = h.open()
        if i % 3 == 0 then
          c:scan("Putin met Kim Jong Un in Vladivostok.")
          c:corroborate("Kim Jong-un arrived in Russia on Tuesday.")
        end
        if i % 2 == 0 then c:close() end
        c = nil
        if i % 10 == 0 then full_gc() end
      end
      full_gc()
    end
    churn(20) -- warm up the allocator
    local before = h.rss_kb()
    churn(100)
    local after = h.rss_kb()
    -- AddressSanitizer quarantines freed memory, so RSS says nothing there;
    -- leaks are checked by valgrind instead
    if before and after and not os.getenv("DOSSIER_SANITIZED") then
      h.note("gc: RSS %d kB before, %d kB after 100 opens", before, after)
      assert.is_true(after - before < 40 * 1024,
        ("RSS grew by %d kB over 100 opens: a corpus is leaked"):format(after - before))
    end
  end)

  it("survives a collection in the middle of building results", function()
    local c = h.open()
    local old = collectgarbage("setpause", 0) -- collect as often as possible
    for _ = 1, 20 do
      local r = c:corroborate("North Korea and Russia signed an agreement", { limit = 10 })
      assert.is_true(#r.hits >= 1)
      local a = c:actor("kim-jong-un")
      assert.is_true(#a.mentions >= 1)
      assert.is_true(#c:scan("Kim Jong Un and Putin in Moscow.") >= 3)
    end
    collectgarbage("setpause", old)
    c:close()
  end)

  it("closes a handle bound with <close> (Lua 5.4)", function()
    if not _VERSION:find("5%.4") then
      pending("to-be-closed variables need Lua 5.4")
      return
    end
    local chunk = assert(load([[
      local core, dir = ...
      local keep
      do
        local c <close> = assert(core.open(dir))
        keep = c
        assert(#c:articles() == 5)
      end
      return tostring(keep)
    ]]))
    assert.are.equal("dossier.corpus (closed)", chunk(core, h.corpus_dir))
  end)
end)

-- The cache through the binding: core.open's cache option, corpus:cache_info,
-- the related terms kept beside it (corpus:save_related, corpus:related_info),
-- answers from a cached open equal to a build in memory on both development
-- corpora (every claim, unsupported and contradicted claim with its ranking,
-- verdict, each hit's stance and support and its evidence: aligned words,
-- missing words, conflicts; every quotation and mention case), and
-- core.open_async, the open on a thread of its own.
local h = require("helpers")
local core = h.core
local lfs = require("lfs")

local CORPORA = {
  { dir = "corpus", dev = "tests/dev/" },
  { dir = "tests/corpora/chile-miners", dev = "tests/dev/chile-miners/" },
}

-- Everything the dev sets ask of a corpus, as one string.
local function answers(c, dev)
  local out = {}
  local function put(fmt, ...) out[#out + 1] = fmt:format(...) end
  local claims = h.load_yaml(dev .. "claims.yaml")
  for _, list in ipairs({
    claims.claims or {},
    claims.unsupported or {},
    claims.contradicted or {},
  }) do
    for _, claim in ipairs(list) do
      local r = assert(c:corroborate(claim.claim, { limit = 10 }))
      put("%s %s %s %d", claim.claim, r.verdict, tostring(r.corroborated), r.sources)
      for _, hit in ipairs(r.hits) do
        put(" %d %s %.17g %.17g %s %d:%d %s %.17g", hit.passage, hit.article, hit.score,
          hit.coverage, table.concat(hit.matched, " "), hit.line, hit.col, hit.stance, hit.support)
        local e = hit.evidence
        for _, a in ipairs(e.aligned) do put("  = %s | %s", a.claim, a.source) end
        for _, w in ipairs(e.missing) do put("  - %s", w) end
        for _, x in ipairs(e.conflicts) do
          put("  ! %s %s | %s | %s %d:%d", x.kind, x.claim, x.source, x.context, x.line, x.col)
        end
      end
    end
  end
  for _, q in ipairs(h.load_yaml(dev .. "quotes.yaml").cases) do
    local r = assert(c:check_quote(q.quote))
    put("Q %s %s %.17g %s %s %s", q.quote, r.verdict, r.similarity, tostring(r.article),
      tostring(r.first), tostring(r.source))
  end
  for _, m in ipairs(h.load_yaml(dev .. "mentions.yaml").cases) do
    for _, span in ipairs(assert(c:scan(m.text))) do
      put("M %d %d %s %s", span.first, span.last, tostring(span.actor), span.kind)
    end
  end
  for _, a in ipairs(c:actors()) do
    local x = assert(c:actor(a.id))
    put("A %s %d %d", a.id, #x.mentions, #x.cooccurs)
  end
  return table.concat(out, "\n")
end

describe("the cache", function()
  local cache
  before_each(function() cache = h.tmpdir() end)
  after_each(function() h.rmtree(cache) end)

  for _, corpus in ipairs(CORPORA) do
    it("answers every dev case of " .. corpus.dir .. " as a build in memory does", function()
      local fresh = assert(core.open(corpus.dir, { cache = "off" }))
      assert.are.equal("none", fresh:cache_info().state)
      local want = answers(fresh, corpus.dev)
      fresh:close()
      -- checked, not assumed: the answers hold verdicts and conflicts to compare
      assert.is_truthy(want:find(" contradicted ", 1, true), "a contradicted claim among them")
      assert.is_truthy(want:find("  ! ", 1, true), "a conflict among them")
      local built = assert(core.open(corpus.dir, { cache = cache }))
      assert.are.equal("built", built:cache_info().state)
      assert.is_true(answers(built, corpus.dev) == want, "a first open (which writes the cache)")
      built:close()
      local hit = assert(core.open(corpus.dir, { cache = cache }))
      local info = hit:cache_info()
      assert.are.equal("hit", info.state)
      assert.are.equal(0, info.articles_read)
      assert.is_true(answers(hit, corpus.dev) == want, "a cached open")
      hit:close()
    end)
  end

  for _, corpus in ipairs(CORPORA) do
    it("answers every dev case of " .. corpus.dir .. " after updates through a delta as a fresh build does", function()
      local dir = h.tmpdir()
      local function age(path, minutes)
        local _, code = h.run(("touch -d '-%d minutes' '%s'"):format(minutes, path))
        assert.are.equal(0, code)
      end
      local _, code = h.run(("cp -a '%s'/. '%s' && find '%s' -type f -exec touch -d '-2 hours' {} +"):format(
        corpus.dir, dir, dir))
      assert.are.equal(0, code)
      local function check(what, state, read)
        local fresh = assert(core.open(dir, { cache = "off" }))
        local want = answers(fresh, corpus.dev)
        fresh:close()
        local c = assert(core.open(dir, { cache = cache }))
        local info = c:cache_info()
        assert.are.equal(state, info.state, what)
        if read then assert.are.equal(read, info.articles_read, what) end
        assert.is_true(answers(c, corpus.dev) == want, what)
        c:close()
      end
      check("the first open", "built")
      local names = {}
      for name in lfs.dir(dir) do
        if name:match("%.txt$") or name:match("%.md$") then names[#names + 1] = name end
      end
      table.sort(names)
      local changed = dir .. "/" .. names[2]
      h.write(changed, h.read(changed) .. "\nThe rescue was watched around the world.\n")
      age(changed, 50)
      check("an article changed", "updated", 1)
      local added = dir .. "/aa-added.md"
      h.write(added, "---\nid: aa-added\ntitle: Added\n---\n\nThe rescue was watched around the world.\n")
      age(added, 40)
      check("an article added", "updated", 1)
      os.remove(dir .. "/" .. names[1])
      check("an article removed", "updated", 0)
      h.write(changed, h.read(changed) .. "\nIt took 69 days.\n")
      age(changed, 30)
      check("the same article changed again", "updated", 1)
      check("nothing changed", "hit", 0)
      h.rmtree(dir)
    end)
  end

  for _, corpus in ipairs(CORPORA) do
    it("keeps the related terms of " .. corpus.dir .. " beside the cache: the next open reads them, answering the same", function()
      local fresh = assert(core.open(corpus.dir, { cache = "off" }))
      local want = answers(fresh, corpus.dev)
      assert.are.equal("", fresh:related_info().path)
      assert.are.equal(0, fresh:save_related()) -- no cache: nothing kept
      fresh:close()
      local first = assert(core.open(corpus.dir, { cache = cache }))
      assert.is_true(answers(first, corpus.dev) == want, "working them out")
      local i = first:related_info()
      assert.truthy(i.path:find("%.dcache%.related$"), i.path)
      assert.are.equal(0, i.loaded)
      assert.is_true(i.computed > 0 and i.unsaved == i.computed)
      local saved = assert(first:save_related())
      assert.are.equal(i.computed, saved)
      assert.are.equal(0, first:save_related()) -- nothing new
      assert.are.equal(0, first:related_info().unsaved)
      first:close()
      h.raises("closed", first.save_related, first)
      local next_ = assert(core.open(corpus.dir, { cache = cache }))
      assert.is_true(answers(next_, corpus.dev) == want, "reading them")
      i = next_:related_info()
      assert.are.equal(saved, i.loaded)
      assert.are.equal(0, i.computed)
      assert.are.equal("", i.notice)
      next_:close()
    end)
  end

  for _, corpus in ipairs(CORPORA) do
    it("works out the related terms of " .. corpus.dir .. "'s own words on a second handle with related_warm, answering the same", function()
      local fresh = assert(core.open(corpus.dir, { cache = "off", related_warm = true }))
      local want = answers(fresh, corpus.dev)
      local lazy = fresh:related_info()
      assert.are.equal(0, lazy.warmed) -- nothing kept: nothing worked out ahead
      fresh:close()
      -- the handle in use builds the cache; a second one, warming, maps it
      local used = assert(core.open(corpus.dir, { cache = cache }))
      assert.are.equal("built", used:cache_info().state)
      local warm = assert(core.open(corpus.dir, { cache = cache, related_warm = true }))
      local i = warm:related_info()
      assert.are.equal("hit", warm:cache_info().state)
      assert.is_true(i.warmed > 0 and i.computed == i.warmed and i.unsaved == 0)
      warm:close()
      -- the handle in use had not looked yet: it reads them at its first lookup
      assert.is_true(answers(used, corpus.dev) == want, "with them read")
      local u = used:related_info()
      assert.are.equal(i.warmed, u.loaded)
      -- the dev claims paraphrase the articles: their words not in them
      -- are still worked out as they come
      local why = ("%d worked out, %d without"):format(u.computed, lazy.computed)
      assert.is_true(u.computed > 0 and u.computed < lazy.computed, why)
      used:close()
      local again = assert(core.open(corpus.dir, { cache = cache, related_warm = true }))
      i = again:related_info()
      assert.are.equal(0, i.warmed) -- the file is there: nothing worked out again
      assert.is_true(i.loaded > 0)
      assert.is_true(answers(again, corpus.dev) == want, "reading them")
      again:close()
    end)
  end

  -- prepare: what the verdict reads of each article made by the open (for
  -- one off the main loop), not by the first claims that meet them
  it("answers the default corpus's development claims the same after an open with prepare", function()
    local plain = assert(core.open("corpus", { cache = "off" }))
    local ready = assert(core.open("corpus", { cache = "off", prepare = true }))
    assert.is_true(answers(ready, "tests/dev/") == answers(plain, "tests/dev/"))
    plain:close()
    ready:close()
  end)

  it("says how it opened: state, path, notice, counts", function()
    local c = assert(core.open("corpus", { cache = cache }))
    local i = c:cache_info()
    assert.are.equal("built", i.state)
    assert.truthy(i.path:find(cache, 1, true) and i.path:find("%.dcache$"), i.path)
    assert.are.equal("", i.notice)
    assert.are.equal(5, i.articles_read)
    assert.are.equal(5, i.articles_indexed)
    assert.are.equal(0, i.files_hashed)
    c:close()
    h.raises("closed", c.cache_info, c)
  end)

  it("opens without a cache, with a notice, where none can be written", function()
    local file = cache .. "/plain-file"
    h.write(file, "x")
    local c = assert(core.open("corpus", { cache = file .. "/sub" }))
    local i = c:cache_info()
    assert.are.equal("unavailable", i.state)
    assert.truthy(i.notice:find("without a cache", 1, true), i.notice)
    assert.are.equal(5, #c:articles())
    c:close()
  end)

  it("takes the cache option as documented, and refuses anything else", function()
    for _, v in ipairs({ false, "off" }) do
      local c = assert(core.open("corpus", { cache = v }))
      assert.are.equal("none", c:cache_info().state)
      c:close()
    end
    local c = assert(core.open("corpus", {}))
    assert.truthy(c:cache_info().path:find("/dossier/", 1, true)) -- $XDG_CACHE_HOME/dossier/
    c:close()
    h.raises({ "core.open", "cache must be" }, core.open, "corpus", { cache = 3 })
    h.raises({ "core.open", "cache must be" }, core.open, "corpus", { cache = "" })
    h.raises({ "core.open", "cache must be" }, core.open, "corpus", { cache = true })
    h.raises({ "core.open", "related_warm must be a boolean" }, core.open, "corpus",
      { related_warm = 1 })
    h.raises({ "core.open", "prepare must be a boolean" }, core.open, "corpus", { prepare = "yes" })
    h.raises({ "core.open", "unknown option" }, core.open, "corpus", { cahce = "off" })
    h.raises({ "core.open", "options must be a table" }, core.open, "corpus", "off")
  end)
end)

describe("core.open_async", function()
  local cache
  before_each(function() cache = h.tmpdir() end)
  after_each(function() h.rmtree(cache) end)

  -- Polls p until it answers (at most 300 s: valgrind runs this suite, and
  -- runs one thread at a time); returns its answers. Between polls it sleeps,
  -- so that the open's thread gets the processor a busy loop would keep.
  local function wait(p)
    local deadline = os.time() + 300
    while os.time() < deadline do
      local c, msg, code = p:poll()
      if c or msg then return c, msg, code end
      os.execute("sleep 0.01")
    end
    error("the open did not finish")
  end

  it("gives the corpus an ordinary open gives, the gazetteer first", function()
    local p = core.open_async("corpus", { cache = cache })
    assert.truthy(tostring(p):find("dossier.pending", 1, true))
    local c = wait(p)
    assert.is_not_nil(c)
    assert.are.equal(5, #c:articles())
    assert.are.equal(c, p:poll(), "every later poll answers the same corpus")
    local g = assert(p:gazetteer())
    assert.are.equal(0, #g:articles())
    assert.are.equal(87, #g:actors())
    assert.are.equal(2, #assert(g:scan("Kim Jong-un met Vladimir Putin.")))
    local done, total, stage = p:progress()
    assert.are.equal("done", stage)
    assert.is_true(done <= total)
    local sync = assert(core.open("corpus", { cache = "off" }))
    assert.are.same(sync:corroborate("Putin vowed to help North Korea build satellites."),
      c:corroborate("Putin vowed to help North Korea build satellites."))
    sync:close()
    -- a second async open of the same corpus maps the cache the first wrote
    local c2 = wait(core.open_async("corpus", { cache = cache }))
    assert.are.equal("hit", c2:cache_info().state)
  end)

  it("fails as core.open does: nil, message, code", function()
    local p = core.open_async(cache .. "/missing", { cache = "off" })
    h.fails("io", "missing", wait(p))
    h.fails("io", "missing", p:poll())
    assert.is_nil(p:gazetteer())
  end)

  it("can be cancelled or dropped while it runs, leaking nothing", function()
    local big = h.tmpdir()
    local text = h.read("corpus/hankyoreh-2023.txt")
    for k = 1, 60 do
      h.write(
        ("%s/a%03d.md"):format(big, k),
        "---\nid: a" .. k .. "\ntitle: A " .. k .. "\n---\n" .. text
      )
    end
    h.write(big .. "/actors.yaml", h.read("corpus/actors.yaml"))
    local p = core.open_async(big, { cache = "off" })
    p:cancel()
    local c, msg = wait(p)
    -- cancelled before the last article, or finished first on a fast machine
    assert.is_true(c ~= nil or msg:find("cancelled", 1, true) ~= nil, tostring(msg))
    for _ = 1, 5 do core.open_async(big, { cache = "off" }) end -- collected while running
    h.full_gc()
    h.rmtree(big)
  end)

  it("refuses what core.open refuses", function()
    h.raises({ "core.open_async", "dir must be a string" }, core.open_async, 3)
    h.raises({ "core.open_async", "unknown option" }, core.open_async, "corpus", { x = 1 })
    local p = core.open_async("corpus", { cache = "off" })
    h.raises("expected a dossier.pending", p.poll, {})
    wait(p)
  end)
end)

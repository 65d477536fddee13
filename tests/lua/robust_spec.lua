-- Misuse of the Lua API under pressure (issue 5): values of every type where
-- they do not belong, metamethods called by hand, results outliving their
-- handle, hundreds of handles at once, and the collector running during every
-- allocation of the binding. Errors, never crashes. Also regular-expression
-- aliases seen from Lua, and drafts in scripts other than Latin.
local h = require("helpers")
local core = h.core
local deepcopy, full_gc = h.deepcopy, h.full_gc

local sanitized = (os.getenv("DOSSIER_SANITIZED") or "0") ~= "0"
local is54 = _VERSION:find("5%.4") ~= nil

local function small_corpus()
  return h.fixture({ ["a.md"] = h.minimal_article, ["actors.yaml"] = h.minimal_actors })
end

-- Every call of the API once, with good and bad arguments, through pcall.
-- Returns the results of the good calls.
local function every_call(c)
  local draft = "Vladimir Putin met Kim Jong Un in Vladivostok. Kim said “the talks lasted five hours”."
  local r = {
    articles = c:articles(),
    article = c:article("test2024"),
    passage = c:passage(1),
    passages = c:passages("test-article"),
    actors = c:actors(),
    actor = c:actor("putin"),
    scan = c:scan(draft),
    corroborate = c:corroborate(draft, { limit = 3 }),
    check_quote = c:check_quote("The talks lasted five hours"),
    cite = { c:cite(1, "footnote") },
    csl = c:bibliography("csl"),
    bibtex = c:bibliography("bibtex"),
    segment = core.segment(draft),
    quotations = core.quotations(draft),
    tostring = tostring(c),
  }
  -- runtime failures: nil, message, code
  r.no_actor = { c:actor("nobody") }
  r.no_article = { c:article("nobody") }
  r.no_passage = { c:passage(10 ^ 6) }
  -- caller mistakes: raised
  r.raised = {
    pcall(c.scan, c, nil), pcall(c.corroborate, c, "x", { limit = -1 }),
    pcall(c.cite, c, "test2024", "apa"), pcall(c.bibliography, c, "ris"),
    pcall(core.segment, {}), pcall(c.passage, c, 1.5),
  }
  return r
end

describe("values of the wrong type", function()
  local c
  setup(function() c = h.open() end)
  teardown(function() c:close() end)

  local odd = {
    boolean = true,
    ["function"] = print,
    userdata = io.stdout,
    thread = coroutine.create(function() end),
    float = 2.5,
    table = { "Putin" },
  }

  it("raise 'dossier: ...' from every function that takes text or an id", function()
    for what, v in pairs(odd) do
      for _, m in ipairs({
        "scan",
        "corroborate",
        "check_quote",
        "article",
        "actor",
        "passages",
      }) do
        local ok, err = pcall(c[m], c, v)
        assert.is_false(ok, m .. " accepted a " .. what)
        assert.truthy(tostring(err):find("^dossier: "), m .. "(" .. what .. "): " .. tostring(err))
      end
      for _, f in ipairs({ "segment", "quotations", "open" }) do
        local ok, err = pcall(core[f], v)
        assert.is_false(ok, f .. " accepted a " .. what)
        assert.truthy(tostring(err):find("^dossier: "), f .. "(" .. what .. "): " .. tostring(err))
      end
      h.raises("format", c.bibliography, c, v)
      if what ~= "float" then h.raises("integer", c.passage, c, v) end
      if what ~= "table" then h.raises(nil, c.cite, c, v) end
    end
  end)

  it("raise for a string method call on something else than a corpus", function()
    for _, self in ipairs({ io.stdout, {}, "corpus", 1, coroutine.create(print) }) do
      h.raises("corpus", c.scan, self, "Putin")
      h.raises("corpus", c.close, self)
    end
  end)

  it("in metamethods called by hand: __gc ignores it, __tostring raises", function()
    local mt = getmetatable(c)
    assert.are.equal("table", type(mt))
    for _, v in ipairs({ io.stdout, {}, "x", 1 }) do
      assert.are.equal(0, select("#", mt.__gc(v)))
      h.raises("tostring", mt.__tostring, v)
    end
    assert.are.equal(5, #c:articles(), "the corpus is untouched")
  end)

  it("accept a NaN, a huge number or a negative one as a passage only to say notfound", function()
    for _, v in ipairs({ -1, 0, 2 ^ 53, -(2 ^ 53) }) do
      h.fails("notfound", nil, c:passage(v))
    end
    h.raises("integer", c.passage, c, 0 / 0)
    h.raises("integer", c.passage, c, -math.huge)
  end)

  it("leave the corpus usable", function()
    assert.are.equal(5, #c:articles())
    assert.is_true(#c:scan("Putin met Kim Jong Un.") >= 2)
  end)
end)

describe("a handle closed or collected", function()
  it("survives __gc and __close called by hand, twice, then raises 'closed'", function()
    local c = h.open()
    local mt = getmetatable(c)
    mt.__gc(c)
    mt.__gc(c)
    if mt.__close then mt.__close(c) end
    h.raises("corpus is closed", c.scan, c, "Putin")
    h.raises("corpus is closed", c.articles, c)
    assert.are.equal("dossier.corpus (closed)", tostring(c))
    c:close()
  end)

  it("leaves every result valid after it is dropped and collected without close()", function()
    local dir = small_corpus()
    local c = assert(core.open(dir))
    local results = every_call(c)
    local copy = deepcopy(results)
    local weak = setmetatable({ c }, { __mode = "v" })
    c = nil
    full_gc()
    assert.is_nil(weak[1], "the handle was not collected")
    assert.are.same(copy, results)
    assert.are.equal("Vladimir Putin", results.actor.name)
    assert.are.equal(3, #results.no_actor)
    assert.are.equal("notfound", results.no_actor[3])
    h.rmtree(dir)
  end)
end)

describe("many handles", function()
  it("can be open at once, used, then closed or dropped", function()
    local dir = small_corpus()
    local n = sanitized and 40 or 200
    local handles = {}
    for i = 1, n do
      handles[i] = assert(core.open(dir))
    end
    for i = 1, n do
      local spans = handles[i]:scan("Putin and Kim Jong Un.")
      assert.are.equal(2, #spans)
    end
    for i = 1, n, 2 do handles[i]:close() end
    for i = 2, n, 4 do handles[i] = nil end
    full_gc()
    for i = 4, n, 4 do
      assert.are.equal("dossier.corpus (1 articles, 4 actors)", tostring(handles[i]))
    end
    handles = nil
    full_gc()
    local c = assert(core.open(dir))
    assert.are.equal(1, #c:articles())
    c:close()
    h.rmtree(dir)
  end)

  it("includes failed opens, which leave nothing behind", function()
    local bad = h.fixture({ ["a.md"] = h.minimal_article, ["actors.yaml"] = "actors: [" })
    for _ = 1, (sanitized and 20 or 200) do
      h.fails("parse", "actors.yaml:", core.open(bad))
    end
    h.rmtree(bad)
  end)
end)

describe("the collector running during every call", function()
  local dir
  setup(function() dir = small_corpus() end)
  teardown(function() h.rmtree(dir) end)

  -- Runs fn with the collector set to step on every allocation, restoring it.
  local function under(mode, fn)
    local pause = collectgarbage("setpause", 200)
    local stepmul = collectgarbage("setstepmul", 100)
    if mode == "generational" then
      collectgarbage("generational")
    else
      collectgarbage("setpause", 0)
      collectgarbage("setstepmul", mode == "aggressive" and 1000 or 100)
    end
    local ok, err = pcall(fn)
    if is54 then collectgarbage("incremental") end
    collectgarbage("setpause", pause)
    collectgarbage("setstepmul", stepmul)
    assert(ok, err)
  end

  local modes = { "incremental", "aggressive" }
  if is54 then modes[#modes + 1] = "generational" end

  for _, mode in ipairs(modes) do
    it("(" .. mode .. "): every call gives the same results as without it", function()
      local c = assert(core.open(dir))
      local want = deepcopy(every_call(c))
      local got
      under(mode, function()
        for _ = 1, (sanitized and 2 or 10) do
          -- garbage handles whose __gc runs in the middle of the next calls
          for _ = 1, 3 do assert(core.open(dir)) end
          got = every_call(c)
          h.fails("io", nil, core.open(dir .. "/missing"))
        end
      end)
      assert.are.same(want, got)
      c:close()
    end)
  end

  it("(debug hook): a collection between any two instructions is harmless", function()
    local c = assert(core.open(dir))
    local want = deepcopy(every_call(c))
    local got
    debug.sethook(function() collectgarbage("step") end, "", 7)
    local ok, err = pcall(function() got = every_call(c) end)
    debug.sethook()
    assert(ok, err)
    assert.are.same(want, got)
    c:close()
  end)
end)

describe("regular-expression aliases", function()
  local actors = h.minimal_actors .. [[
  - id: navy
    name: Pacific Fleet
    kind: org
    patterns: ['Vladivostok\s+(naval\s+)?Fleet', 'aa(a+)+$']
]]
  local article = h.minimal_article .. "\nThe Vladivostok Naval Fleet sailed.\n"
  local c, dir
  setup(function()
    dir = h.fixture({ ["a.md"] = article, ["actors.yaml"] = actors })
    c = assert(core.open(dir))
  end)
  teardown(function()
    c:close()
    h.rmtree(dir)
  end)

  it("are listed with the actor", function()
    local a = assert(c:actor("navy"))
    assert.are.same({ "Vladivostok\\s+(naval\\s+)?Fleet", "aa(a+)+$" }, a.patterns)
    assert.are.same({}, assert(c:actor("putin")).patterns)
  end)

  it("match in drafts and articles, flagged pattern", function()
    local text = "Putin saw the VLADIVOSTOK  fleet."
    local spans = c:scan(text)
    assert.are.equal(2, #spans)
    assert.are.equal("VLADIVOSTOK  fleet", spans[2].text)
    assert.are.equal("navy", spans[2].actor)
    assert.are.equal("org", spans[2].kind)
    assert.is_true(spans[2].pattern)
    assert.is_false(spans[1].pattern)
    local a = c:actor("navy")
    assert.are.equal(1, #a.mentions)
    assert.are.equal("Vladivostok Naval Fleet", a.mentions[1].text)
    assert.is_true(a.mentions[1].pattern)
  end)

  it("that run away return nil, message, 'limit' from scan, naming actor and pattern", function()
    local text = "Vladivostok " .. ("a"):rep(20000) .. "!"
    local msg = h.fails("limit", { "aa(a+)+$", "'navy'", "actors.yaml:" }, c:scan(text))
    assert.truthy(msg:find("match limit", 1, true), msg)
    -- corroboration leaves the pattern out instead
    assert.are.equal("table", type(c:corroborate(text)))
    assert.is_true(#c:scan("Vladivostok fleet") == 1, "the corpus is still usable")
  end)

  it("that do not compile fail the open with file, line and PCRE2's message", function()
    local bad = h.minimal_actors .. "  - id: navy\n    name: Pacific Fleet\n    kind: org\n"
      .. "    patterns: ['Vladivostok (Fleet']\n"
    local d = h.fixture({ ["a.md"] = h.minimal_article, ["actors.yaml"] = bad })
    h.fails(
      "invalid",
      { "actors.yaml:33:16:", "missing closing parenthesis", "offset 18" },
      core.open(d)
    )
    h.rmtree(d)
  end)
end)

describe("drafts in other scripts", function()
  local c
  setup(function() c = h.open() end)
  teardown(function() c:close() end)

  local texts = {
    arabic = "التقى Putin مع Kim Jong Un في موسكو؟ ‏قال: «عهد جديد».",
    hebrew = "פוטין ‎(Putin)‏ נפגש עם Russia.",
    cjk = "普京 Vladimir Putin 与 Kim Jong Un 在俄罗斯会见。「新时代」",
    combining = "Ru\204\136diger Frank and Pu\204\129tin\204\129 met.",
    punctuation = "?!... — «» ,,, ;;; ()[] \"\" “” .",
    lines = ("Putin met Kim Jong Un in “Vladivostok”.\n"):rep(sanitized and 2000 or 20000),
  }
  local names = {
    arabic = { "putin", "kim-jong-un" },
    hebrew = { "putin", "russia" },
    cjk = { "putin", "kim-jong-un" },
    combining = { "rudiger-frank", "putin" },
    punctuation = {},
  }

  for name, text in pairs(texts) do
    it("go through every text function: " .. name, function()
      local spans = assert(c:scan(text))
      local ids = {}
      for i, s in ipairs(spans) do
        assert.is_true(s.first >= 1 and s.last <= #text and s.first <= s.last)
        assert.are.equal(text:sub(s.first, s.last), s.text)
        if i > 1 then assert.is_true(s.first > spans[i - 1].last) end
        ids[#ids + 1] = s.actor
      end
      if names[name] then assert.are.same(names[name], ids) end
      for _, r in ipairs(assert(core.segment(text))) do
        assert.is_true(r.first >= 1 and r.last <= #text and r.first <= r.last)
      end
      for _, q in ipairs(assert(core.quotations(text))) do
        assert.are.equal(text:sub(q.first, q.last), q.text)
      end
      local r = assert(c:corroborate(text))
      assert.is_true(#r.hits <= 5)
      local q, msg, code = c:check_quote(text)
      if q == nil then
        assert.are.equal("limit", code, msg)
      else
        assert.truthy(({ exact = true, altered = true, none = true })[q.verdict])
      end
    end)
  end
end)

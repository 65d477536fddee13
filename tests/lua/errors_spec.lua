-- Caller mistakes raise "dossier: ..."; closed handles raise; close is idempotent.
local h = require("helpers")
local core = h.core

describe("caller mistakes raise", function()
  local c
  setup(function() c = h.open() end)
  teardown(function() c:close() end)

  it("for non-string text", function()
    for _, m in ipairs({ "scan", "corroborate", "check_quote" }) do
      h.raises("text", c[m], c, nil)
      h.raises("text", c[m], c)
      h.raises("text", c[m], c, 42)
      h.raises("text", c[m], c, { "a" })
      h.raises("text", c[m], c, true)
    end
  end)

  it("for non-string ids", function()
    h.raises("id", c.article, c, nil)
    h.raises("id", c.article, c, 1)
    h.raises("id", c.actor, c, nil)
    h.raises("id", c.actor, c, {})
    h.raises("article", c.passages, c, nil)
    h.raises("article", c.passages, c, 3)
  end)

  it("for a non-integer passage index", function()
    h.raises("integer", c.passage, c, nil)
    h.raises("integer", c.passage, c, "1")
    h.raises({ "integer", "2.5" }, c.passage, c, 2.5)
    h.raises("integer", c.passage, c, 0 / 0)
    h.raises("integer", c.passage, c, math.huge)
  end)

  it("for a bad corroborate limit", function()
    local claim = "Putin met Kim."
    h.raises({ "limit", "0" }, c.corroborate, c, claim, { limit = 0 })
    h.raises({ "limit", "-1" }, c.corroborate, c, claim, { limit = -1 })
    h.raises({ "limit", "2.5" }, c.corroborate, c, claim, { limit = 2.5 })
    h.raises("limit", c.corroborate, c, claim, { limit = "3" })
    h.raises("limit", c.corroborate, c, claim, { limit = true })
    h.raises("limit", c.corroborate, c, claim, { limit = 0 / 0 })
    h.raises("options", c.corroborate, c, claim, 5)
    h.raises("options", c.corroborate, c, claim, "limit=5")
  end)

  it("for an unknown citation style", function()
    h.raises({ "style", "apa" }, c.cite, c, "pak2023", "apa")
    -- the message is the core's, naming every style it knows
    local fragments = { "unknown citation style 'apa'" }
    for _, style in ipairs(h.core.styles) do fragments[#fragments + 1] = style end
    h.raises(fragments, c.cite, c, "pak2023", "apa")
    h.raises("style", c.cite, c, "pak2023", 1)
    h.raises("style", c.cite, c, "pak2023", {})
    -- the style is checked before the reference, even an unknown one
    h.raises("style", c.cite, c, "nobody2099", "apa")
  end)

  it("for a bad citation reference", function()
    h.raises("ref", c.cite, c, nil)
    h.raises("ref", c.cite, c)
    h.raises("ref", c.cite, c, true)
    h.raises("integer", c.cite, c, 2.5)
    h.raises("ref", c.cite, c, {})
    h.raises("article", c.cite, c, { article = 5 })
    h.raises("passage", c.cite, c, { article = "pak2023", passage = "3" })
    h.raises("passage", c.cite, c, { article = "pak2023", passage = 1.5 })
  end)

  it("for an unknown bibliography format", function()
    h.raises({ "format", "ris" }, c.bibliography, c, "ris")
    h.raises("format", c.bibliography, c, nil)
    h.raises("format", c.bibliography, c)
    h.raises("format", c.bibliography, c, 1)
  end)

  it("for a method called without its corpus", function()
    h.raises("corpus", c.scan, "Putin")
    h.raises("corpus", c.articles)
    h.raises("corpus", c.actors, {})
    h.raises("corpus", c.close, "x")
    -- the string method call mistake: c.scan("text") instead of c:scan("text")
    h.raises("corpus", c.scan, "Putin met Kim.")
  end)

  it("and the corpus stays usable afterwards", function()
    pcall(c.scan, c, nil)
    pcall(c.cite, c, "pak2023", "apa")
    pcall(c.corroborate, c, "x", { limit = 0 })
    assert.are.equal(5, #c:articles())
    assert.is_true(#c:scan("Putin met Kim Jong Un.") >= 2)
  end)
end)

describe("a closed corpus", function()
  local calls = {
    { "articles" }, { "article", "pak2023" }, { "passage", 1 }, { "passages", "pak2023" },
    { "actors" }, { "actor", "putin" }, { "scan", "Putin" }, { "corroborate", "Putin met Kim." },
    { "check_quote", "a new era" }, { "cite", "pak2023" }, { "bibliography", "csl" },
  }

  it("raises 'dossier: corpus is closed' from every method", function()
    local c = h.open()
    c:close()
    for _, call in ipairs(calls) do
      local m = call[1]
      h.raises("corpus is closed", c[m], c, call[2])
    end
  end)

  it("can be closed twice, and close returns nothing", function()
    local c = h.open()
    assert.are.equal(0, select("#", c:close()))
    assert.are.equal(0, select("#", c:close()))
    c:close()
  end)

  it("says so in tostring", function()
    local c = h.open()
    c:close()
    assert.are.equal("dossier.corpus (closed)", tostring(c))
  end)

  it("is collected without trouble", function()
    local c = h.open()
    c:close()
    c = nil
    collectgarbage("collect")
    collectgarbage("collect")
  end)
end)

describe("runtime failures", function()
  it("return nil, message, code rather than raising", function()
    local c = h.open()
    assert.are.equal(3, select("#", c:actor("zzz")))
    assert.are.equal(3, select("#", c:article("zzz")))
    assert.are.equal(3, select("#", c:passage(0)))
    assert.are.equal(3, select("#", c:cite("zzz")))
    assert.are.equal(3, select("#", core.open("/nonexistent/dir")))
    c:close()
  end)
end)

describe("odd but valid text", function()
  local c
  setup(function() c = h.open() end)
  teardown(function() c:close() end)

  local inputs = {
    invalid_utf8 = "Putin \255\254 met Kim Jong Un \192 in Pyongyang.",
    nul_bytes = "Putin\0met Kim Jong Un.\0",
    lone_quote = "He said “a new era of 100-year friendship and left.",
    only_spaces = "   \n\n\t  ",
    long = ("Kim Jong Un met Vladimir Putin in Vladivostok. "):rep(20000),
  }

  for name, text in pairs(inputs) do
    it("is handled by every text function: " .. name, function()
      local function ok_or_fail(r, msg)
        if r == nil then
          assert.are.equal("string", type(msg))
        else
          assert.are.equal("table", type(r))
        end
        return r
      end
      local spans = ok_or_fail(c:scan(text))
      for _, s in ipairs(spans or {}) do
        assert.is_true(s.first >= 1 and s.last <= #text and s.first <= s.last + 1)
        assert.are.equal(text:sub(s.first, s.last), s.text)
      end
      ok_or_fail(c:corroborate(text))
      ok_or_fail(c:check_quote(text))
      for _, r in ipairs(ok_or_fail(h.core.segment(text)) or {}) do
        assert.is_true(r.first >= 1 and r.last <= #text)
      end
      for _, q in ipairs(ok_or_fail(h.core.quotations(text)) or {}) do
        assert.are.equal(text:sub(q.first, q.last), q.text)
      end
    end)
  end

  it("finds names around invalid bytes and NULs", function()
    local spans = c:scan(inputs.nul_bytes)
    assert.are.equal(2, #spans)
    assert.are.equal("putin", spans[1].actor)
    assert.are.equal("kim-jong-un", spans[2].actor)
    spans = c:scan(inputs.invalid_utf8)
    assert.are.equal(3, #spans)
  end)
end)

-- dossier.core: module functions (version, open, segment, quotations).
local h = require("helpers")
local core = h.core

describe("dossier.core module", function()
  it("has a version string", function()
    assert.are.equal("string", type(core.version))
    assert.truthy(core.version:match("^%d+%.%d+%.%d+"))
  end)

  it("exposes open, segment, quotations and cite_place as functions", function()
    assert.are.equal("function", type(core.open))
    assert.are.equal("function", type(core.segment))
    assert.are.equal("function", type(core.quotations))
    assert.are.equal("function", type(core.cite_place))
  end)

  it("lists the citation styles corpus:cite takes, the default first", function()
    assert.are.equal("table", type(core.styles))
    assert.is_true(#core.styles >= 1)
    local c = h.open()
    local seen = {}
    for _, style in ipairs(core.styles) do
      assert.are.equal("string", type(style))
      assert.is_nil(seen[style], style)
      seen[style] = true
      local text = c:cite("pak2023", style)
      assert.are.equal("string", type(text), style)
      assert.is_true(#text > 0, style)
    end
    -- the first is what cite uses without a style
    assert.are.equal((c:cite("pak2023")), (c:cite("pak2023", core.styles[1])))
    -- and every documented style is in the list, in the documented order
    assert.are.same({ "pandoc", "footnote", "inline", "reference" }, core.styles)
    c:close()
  end)

  it("cite_place: the bytes a citation replaces in a sentence, the core's rule", function()
    local c = h.open()
    local cite = c:cite("pak2023")
    local function place(sentence, style)
      local citation = style == "footnote" and "[^k]" or cite
      local first, last, text = core.cite_place(sentence, citation, style)
      return sentence:sub(1, first - 1) .. text .. sentence:sub(last + 1)
    end
    assert.are.equal("Kim left " .. cite .. ".", place("Kim left."))
    assert.are.equal('Kim said "we left" ' .. cite .. ".", place('Kim said "we left."', "inline"))
    assert.are.equal('Kim said "we left."[^k]', place('Kim said "we left."', "footnote"))
    local ok, err = pcall(core.cite_place, "Kim left.", cite, "apa")
    assert.is_false(ok)
    assert.truthy(tostring(err):find("unknown citation style 'apa'", 1, true))
    assert.has_error(function() core.cite_place("Kim left.", nil) end)
    assert.has_error(function() core.cite_place("Kim left.", cite, 3) end)
    c:close()
  end)

  it("can be required twice and gives the same table", function()
    assert.are.equal(core, require("dossier.core"))
  end)
end)

describe("core.open", function()
  it("opens the default corpus", function()
    local c, err = core.open(h.corpus_dir)
    assert.is_nil(err)
    assert.are.equal("userdata", type(c))
    assert.truthy(tostring(c):match("^dossier%.corpus %(5 articles, %d+ actors%)$"), tostring(c))
    c:close()
  end)

  it("opens a minimal fixture corpus", function()
    local dir = h.fixture({ ["a.md"] = h.minimal_article, ["actors.yaml"] = h.minimal_actors })
    local c, err = core.open(dir)
    h.rmtree(dir)
    assert.is_nil(err)
    assert.are.equal("dossier.corpus (1 articles, 4 actors)", tostring(c))
    local arts = c:articles()
    assert.are.equal(1, #arts)
    assert.are.equal("test-article", arts[1].id)
    assert.are.equal("test2024", arts[1].key)
    assert.are.equal(dir .. "/a.md", arts[1].path)
    c:close()
  end)

  it("returns nil, message, 'io' for a missing directory", function()
    local dir = "/nonexistent/dossier-corpus-" .. tostring(os.time())
    h.fails("io", dir, core.open(dir))
  end)

  it("opens a directory without actors.yaml with no actor, and a notice naming it", function()
    local dir = h.fixture({ ["a.md"] = h.minimal_article })
    local c = assert(core.open(dir))
    assert.are.same({}, c:actors())
    assert.are.same({}, c:scan("Vladimir Putin met Kim."))
    local notices = c:notices()
    assert.are.equal(1, #notices)
    assert.truthy(notices[1]:find(dir .. "/actors.yaml: not found", 1, true))
    c:close()
    h.rmtree(dir)
    local d2 = h.fixture({ ["a.md"] = h.minimal_article, ["actors.yaml"] = h.minimal_actors })
    c = assert(core.open(d2))
    assert.are.same({}, c:notices())
    c:close()
    h.rmtree(d2)
  end)

  it("returns nil, message for a directory without articles", function()
    local dir = h.fixture({ ["actors.yaml"] = h.minimal_actors })
    h.fails(nil, dir, core.open(dir))
    h.rmtree(dir)
  end)

  it("returns nil, message with file and line for malformed actors.yaml", function()
    local bad = "actors:\n  - id: putin\n    name: [unclosed\n    kind: person\n"
    local dir = h.fixture({ ["a.md"] = h.minimal_article, ["actors.yaml"] = bad })
    local msg = h.fails("parse", "actors.yaml", core.open(dir))
    h.rmtree(dir)
    assert.truthy(msg:find("actors%.yaml:%d+"), "no line number in: " .. msg)
  end)

  it("returns nil, message for a wrong field type in actors.yaml", function()
    local bad = "actors:\n  - id: putin\n    name: Vladimir Putin\n    kind: person\n    aliases: Putin\n"
    local dir = h.fixture({ ["a.md"] = h.minimal_article, ["actors.yaml"] = bad })
    local msg = h.fails(nil, { "actors.yaml", "aliases" }, core.open(dir))
    h.rmtree(dir)
    assert.truthy(msg:find("actors%.yaml:%d+"), "no line number in: " .. msg)
  end)

  it("returns nil, message for an unknown actor kind", function()
    local bad = "actors:\n  - id: putin\n    name: Vladimir Putin\n    kind: wizard\n"
    local dir = h.fixture({ ["a.md"] = h.minimal_article, ["actors.yaml"] = bad })
    h.fails(nil, { "actors.yaml", "wizard" }, core.open(dir))
    h.rmtree(dir)
  end)

  it("returns nil, message naming the article for malformed front matter", function()
    local bad = "---\nid: x\ntitle: [oops\n---\nSome text.\n"
    local dir = h.fixture({ ["broken.md"] = bad, ["actors.yaml"] = h.minimal_actors })
    h.fails(nil, "broken.md", core.open(dir))
    h.rmtree(dir)
  end)

  it("returns nil, message for front matter that is never closed", function()
    local bad = "---\nid: x\ntitle: y\nSome text.\n"
    local dir = h.fixture({ ["open.md"] = bad, ["actors.yaml"] = h.minimal_actors })
    h.fails(nil, "open.md", core.open(dir))
    h.rmtree(dir)
  end)

  it("returns nil, message for duplicate article ids", function()
    local dir = h.fixture({
      ["a.md"] = h.minimal_article,
      ["b.md"] = h.minimal_article,
      ["actors.yaml"] = h.minimal_actors,
    })
    h.fails(nil, "test-article", core.open(dir))
    h.rmtree(dir)
  end)

  it("raises for a non-string directory", function()
    h.raises("dir", core.open, nil)
    h.raises("dir", core.open)
    h.raises("dir", core.open, 42)
    h.raises("dir", core.open, {})
  end)
end)

describe("core.segment", function()
  local text = "Putin met Kim. They talked for hours!\n\nA second paragraph here? Yes.\n"

  it("splits sentences with 1-based inclusive ranges and paragraphs", function()
    local s = core.segment(text)
    assert.are.equal(4, #s)
    assert.are.equal("Putin met Kim.", text:sub(s[1].first, s[1].last))
    assert.are.equal("They talked for hours!", text:sub(s[2].first, s[2].last))
    assert.are.equal("A second paragraph here?", text:sub(s[3].first, s[3].last))
    assert.are.equal("Yes.", text:sub(s[4].first, s[4].last))
    assert.are.same(
      { 1, 1, 2, 2 },
      { s[1].paragraph, s[2].paragraph, s[3].paragraph, s[4].paragraph }
    )
    for _, r in ipairs(s) do
      assert.are.equal("prose", r.kind)
      assert.is_true(h.is_integer(r.first) and h.is_integer(r.last))
    end
  end)

  it("keeps ranges in order and inside the text", function()
    local s = core.segment(text)
    local prev = 0
    for _, r in ipairs(s) do
      assert.is_true(r.first > prev and r.last >= r.first and r.last <= #text)
      prev = r.last
    end
  end)

  it("gives kind as prose, furniture or heading", function()
    local s = core.segment("Stay informed about our latest\n\nSubscribe to our Mailing List!\n\nThe summit took place on Wednesday.\n")
    local kinds = { prose = true, furniture = true, heading = true }
    for _, r in ipairs(s) do assert.is_true(kinds[r.kind], tostring(r.kind)) end
  end)

  it("returns an empty list for empty text", function()
    assert.are.same({}, core.segment(""))
  end)

  it("raises for non-string text", function()
    h.raises("text", core.segment, nil)
    h.raises("text", core.segment, 12)
    h.raises("text", core.segment, {})
  end)
end)

describe("core.quotations", function()
  it("finds curly and straight quotations, marks excluded", function()
    local text = "He said “a new era of friendship” and then \"not empty words\" again."
    local q = core.quotations(text)
    assert.are.equal(2, #q)
    assert.are.equal("a new era of friendship", q[1].text)
    assert.are.equal("not empty words", q[2].text)
    for _, r in ipairs(q) do
      assert.are.equal(r.text, text:sub(r.first, r.last))
    end
  end)

  it("returns an empty list when there are none", function()
    assert.are.same({}, core.quotations("No quotes here."))
  end)

  it("raises for non-string text", function()
    h.raises("text", core.quotations, nil)
    h.raises("text", core.quotations, false)
  end)
end)

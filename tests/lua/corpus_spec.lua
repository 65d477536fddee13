-- dossier.corpus methods on the default corpus: result shapes and positions.
local h = require("helpers")

local ARTICLE_FIELDS = {
  "id", "key", "title", "publisher", "author", "date", "date_note", "language", "type",
  "container", "url", "path",
}
local PASSAGE_KINDS = { prose = true, furniture = true, heading = true }
local ACTOR_KINDS = { person = true, state = true, org = true, place = true, event = true }

-- Checks a passage table against the article file it comes from.
local function check_passage(c, p, i)
  assert.are.equal(i, p.index)
  local text, a = h.article_text(c, p.article)
  assert.is_true(h.is_integer(p.first) and h.is_integer(p.last))
  assert.is_true(p.first >= 1 and p.last >= p.first and p.last <= #text,
    ("passage %d range %d..%d"):format(i, p.first, p.last))
  assert.are.equal(text:sub(p.first, p.last), p.text)
  local line, col = h.line_col(text, p.first)
  assert.are.same({ line, col }, { p.line, p.col }, "start of passage " .. i)
  local eline, ecol = h.line_col(text, p.last)
  assert.are.same({ eline, ecol }, { p.end_line, p.end_col }, "end of passage " .. i)
  assert.is_true(PASSAGE_KINDS[p.kind], tostring(p.kind))
  assert.is_true(h.is_integer(p.paragraph) and p.paragraph >= 1)
  assert.is_true(i >= a.first_passage and i < a.first_passage + a.passages)
end

describe("dossier.corpus", function()
  local c
  setup(function() c = h.open() end)
  teardown(function() c:close() end)

  describe("articles()", function()
    it("lists the five articles with every front matter field", function()
      local arts = c:articles()
      assert.are.equal(5, #arts)
      local ids = {}
      for _, a in ipairs(arts) do
        for _, f in ipairs(ARTICLE_FIELDS) do
          assert.are.equal("string", type(a[f]), a.id .. "." .. f)
        end
        assert.is_true(h.is_integer(a.passages) and a.passages > 0)
        assert.is_true(h.is_integer(a.first_passage) and a.first_passage >= 1)
        ids[a.id] = true
      end
      for _, id in ipairs(h.article_ids) do assert.is_true(ids[id], id) end
    end)

    it("numbers passages contiguously from 1", function()
      local arts = c:articles()
      local next_first = 1
      for _, a in ipairs(arts) do
        assert.are.equal(next_first, a.first_passage, a.id)
        next_first = a.first_passage + a.passages
      end
      assert.is_not_nil(c:passage(next_first - 1))
      assert.is_nil(c:passage(next_first))
    end)

    it("gives paths of readable files", function()
      for _, a in ipairs(c:articles()) do
        local f = io.open(a.path, "rb")
        assert.is_not_nil(f, a.path)
        f:close()
      end
    end)

    it("reports the front matter as published", function()
      local a = assert(c:article("hankyoreh-2023"))
      assert.are.equal("pak2023", a.key)
      assert.are.equal("Hankyoreh", a.publisher)
      assert.are.equal("2023-10-04", a.date)
      assert.are.equal("article-newspaper", a.type)
      assert.are.equal("en", a.language)
      assert.are.equal("", a.container)
      assert.are.equal("", a.date_note)
      assert.are.equal("unknown", a.url)
      local p = assert(c:article("peninsula-2023"))
      assert.are.equal("The Peninsula", p.container)
      local n = assert(c:article("38north-2011"))
      assert.are.equal("unknown", n.author)
      assert.are.equal("2011", n.date)
      assert.is_true(#n.date_note > 0)
    end)
  end)

  describe("article()", function()
    it("finds an article by id or by citation key", function()
      local by_id = assert(c:article("hankyoreh-2023"))
      local by_key = assert(c:article("pak2023"))
      assert.are.same(by_id, by_key)
    end)

    it("returns nil, message for an unknown article", function()
      h.fails("notfound", "no-such-article", c:article("no-such-article"))
    end)
  end)

  describe("passage()", function()
    it("positions every passage at its bytes in the article file", function()
      local n = 0
      for _, a in ipairs(c:articles()) do n = n + a.passages end
      for i = 1, n do check_passage(c, assert(c:passage(i)), i) end
    end)

    it("has paragraphs that never decrease within an article", function()
      for _, a in ipairs(c:articles()) do
        local prev = 0
        for _, p in ipairs(c:passages(a.id)) do
          assert.is_true(p.paragraph >= prev)
          prev = p.paragraph
        end
      end
    end)

    it("never classes site furniture as prose", function()
      local prompts = {
        ["38north-2011"] = "Stay informed",
        ["peninsula-2023"] = "Subscribe to our Mailing List!",
      }
      for id, prompt in pairs(prompts) do
        local found = false
        for _, p in ipairs(c:passages(id)) do
          if p.text:find(prompt, 1, true) then
            found = true
            assert.are_not.equal("prose", p.kind, p.text)
          end
        end
        assert.is_true(found, ("%s: the %q prompt is not a passage"):format(id, prompt))
      end
    end)

    it("returns nil, message out of range", function()
      h.fails("notfound", nil, c:passage(0))
      h.fails("notfound", nil, c:passage(-3))
      h.fails("notfound", "1000000", c:passage(1000000))
    end)

    it("accepts an integral float index", function()
      assert.are.same(c:passage(3), c:passage(3.0))
    end)
  end)

  describe("passages()", function()
    it("lists an article's passages in order, all kinds", function()
      for _, a in ipairs(c:articles()) do
        local ps = c:passages(a.id)
        assert.are.equal(a.passages, #ps)
        for k, p in ipairs(ps) do
          assert.are.equal(a.first_passage + k - 1, p.index)
          assert.are.equal(a.id, p.article)
          assert.are.same(c:passage(p.index), p)
          if k > 1 then assert.is_true(p.first > ps[k - 1].last) end
        end
      end
    end)

    it("accepts a citation key", function()
      assert.are.same(c:passages("hankyoreh-2023"), c:passages("pak2023"))
    end)

    it("returns nil, message for an unknown article", function()
      h.fails("notfound", "nope", c:passages("nope"))
    end)
  end)

  describe("actors()", function()
    it("lists actors with every field", function()
      local actors = c:actors()
      assert.is_true(#actors > 10)
      local seen = {}
      local known_articles = {}
      for _, id in ipairs(h.article_ids) do known_articles[id] = true end
      for _, a in ipairs(actors) do
        assert.are.equal("string", type(a.id))
        assert.is_nil(seen[a.id], "duplicate actor " .. a.id)
        seen[a.id] = true
        assert.are.equal("string", type(a.name))
        assert.is_true(ACTOR_KINDS[a.kind], tostring(a.kind))
        assert.are.equal("string", type(a.role))
        assert.are.equal("string", type(a.note))
        for _, f in ipairs({ "aliases", "standins", "demonyms", "short", "sources" }) do
          assert.are.equal("table", type(a[f]), a.id .. "." .. f)
          for _, v in ipairs(a[f]) do assert.are.equal("string", type(v)) end
        end
        for _, s in ipairs(a.sources) do
          assert.is_true(known_articles[s], a.id .. " source " .. s)
        end
      end
      assert.is_true(seen.putin and seen["kim-jong-un"] and seen.russia and seen["north-korea"])
    end)
  end)

  describe("actor()", function()
    it("returns the actor card with mentions, counts and co-occurrences", function()
      local a = assert(c:actor("putin"))
      assert.are.equal("putin", a.id)
      assert.are.equal("Vladimir Putin", a.name)
      assert.are.equal("person", a.kind)
      assert.is_true(#a.mentions > 5)
      local total = 0
      for id, n in pairs(a.counts) do
        assert.is_not_nil(c:article(id), id)
        assert.is_true(h.is_integer(n) and n > 0)
        total = total + n
      end
      assert.are.equal(#a.mentions, total)
      assert.is_true(#a.cooccurs >= 1 and #a.cooccurs <= 8)
      for k, o in ipairs(a.cooccurs) do
        assert.are.equal("string", type(o.id))
        assert.are.equal("string", type(o.name))
        assert.are_not.equal("putin", o.id)
        assert.is_true(h.is_integer(o.count) and o.count > 0)
        if k > 1 then assert.is_true(o.count <= a.cooccurs[k - 1].count) end
      end
    end)

    it("positions every mention at its bytes in the article file", function()
      for _, id in ipairs({ "putin", "kim-jong-un", "north-korea", "russia" }) do
        local a = assert(c:actor(id))
        for _, m in ipairs(a.mentions) do
          local text = h.article_text(c, m.article)
          local p = assert(c:passage(m.passage))
          assert.are.equal(m.article, p.article)
          assert.are.equal(p.text, m.sentence)
          assert.is_true(m.first >= p.first and m.last <= p.last, "mention outside its passage")
          assert.are.equal(text:sub(m.first, m.last), m.text)
          local line, col = h.line_col(text, m.first)
          assert.are.same({ line, col }, { m.line, m.col })
          assert.are.equal("boolean", type(m.standin))
        end
      end
    end)

    it("finds Putin as 'Putin' in the sources", function()
      local a = assert(c:actor("putin"))
      local names = {}
      for _, m in ipairs(a.mentions) do names[m.text] = true end
      assert.is_true(names["Putin"] or names["Vladimir Putin"])
    end)

    it("returns nil, message for an unknown actor", function()
      h.fails("notfound", "no-such-actor", c:actor("no-such-actor"))
    end)
  end)

  describe("scan()", function()
    it("returns spans with 1-based inclusive byte ranges", function()
      local text = "Yesterday Putin’s envoy met Kim Jong-un. Pyongyang said nothing."
      local spans = c:scan(text)
      assert.are.equal(3, #spans)
      assert.are.equal("Putin", text:sub(spans[1].first, spans[1].last))
      assert.are.equal("putin", spans[1].actor)
      assert.are.equal("person", spans[1].kind)
      assert.are.equal("Kim Jong-un", text:sub(spans[2].first, spans[2].last))
      assert.are.equal("kim-jong-un", spans[2].actor)
      assert.are.equal("Pyongyang", text:sub(spans[3].first, spans[3].last))
      assert.are.equal("north-korea", spans[3].actor)
      assert.are.equal("state", spans[3].kind)
      assert.is_true(spans[3].standin)
      for _, s in ipairs(spans) do
        assert.are.equal(text:sub(s.first, s.last), s.text)
        for _, f in ipairs({ "standin", "demonym", "short", "pattern" }) do
          assert.are.equal("boolean", type(s[f]), f)
        end
        assert.is_nil(s.ambiguous)
      end
      assert.is_false(spans[1].standin)
    end)

    it("matches a name split across a hard line break", function()
      local text = "The talks between Vladimir\nPutin and the North Korean leader"
      local spans = c:scan(text)
      assert.is_true(#spans >= 1)
      assert.are.equal("Vladimir\nPutin", text:sub(spans[1].first, spans[1].last))
      assert.are.equal("putin", spans[1].actor)
    end)

    it("reports an unresolved short form as ambiguous with sorted candidates", function()
      local text = "Kim arrived by train."
      local spans = c:scan(text)
      assert.are.equal(1, #spans)
      local s = spans[1]
      assert.are.equal("Kim", text:sub(s.first, s.last))
      assert.is_nil(s.actor)
      assert.are.equal("ambiguous", s.kind)
      assert.are.equal("table", type(s.ambiguous))
      assert.is_true(#s.ambiguous >= 2)
      assert.are.same(h.sorted(s.ambiguous), s.ambiguous)
    end)

    it("resolves a short form from an earlier full name", function()
      local text = "Kim Jong Un left Pyongyang. Kim arrived by train."
      local spans = c:scan(text)
      local last = spans[#spans]
      assert.are.equal("Kim", text:sub(last.first, last.last))
      assert.are.equal("kim-jong-un", last.actor)
      assert.is_true(last.short)
    end)

    it("marks demonyms", function()
      local text = "Russian officials arrived."
      local spans = c:scan(text)
      assert.are.equal(1, #spans)
      assert.are.equal("Russian", text:sub(spans[1].first, spans[1].last))
      assert.are.equal("russia", spans[1].actor)
      assert.is_true(spans[1].demonym)
    end)

    it("returns an empty list for text without actors and for empty text", function()
      assert.are.same({}, c:scan("Nothing to see here."))
      assert.are.same({}, c:scan(""))
    end)

    it("keeps spans in order and never overlapping", function()
      local text = h.file(c:article("summit-2023").path)
      local prev = 0
      for _, s in ipairs(c:scan(text)) do
        assert.is_true(s.first > prev and s.last >= s.first and s.last <= #text)
        prev = s.last
      end
    end)
  end)

  describe("corroborate()", function()
    local claim = "Kim Jong-un arrived in Russia on Tuesday to meet Vladimir Putin."

    it("returns the verdict and ranked hits with positions", function()
      local r = assert(c:corroborate(claim))
      assert.are.equal("boolean", type(r.corroborated))
      assert.is_true(h.is_integer(r.sources) and r.sources >= 0 and r.sources <= 5)
      assert.are.equal("number", type(r.threshold))
      assert.is_true(#r.hits >= 1 and #r.hits <= 5)
      for k, hit in ipairs(r.hits) do
        local text = h.article_text(c, hit.article)
        assert.are.equal(h.file(hit.path), text)
        assert.are.equal(text:sub(hit.first, hit.last), hit.text)
        local p = assert(c:passage(hit.passage))
        assert.are.same(
          { p.first, p.last, p.article, p.text },
          { hit.first, hit.last, hit.article, hit.text }
        )
        assert.are.same(
          { p.line, p.col, p.end_line, p.end_col },
          { hit.line, hit.col, hit.end_line, hit.end_col }
        )
        assert.are.equal("number", type(hit.score))
        assert.is_true(hit.coverage >= 0 and hit.coverage <= 1)
        assert.are.equal("table", type(hit.matched))
        for _, t in ipairs(hit.matched) do
          assert.are.equal("string", type(t))
          assert.is_true(#t > 0 and not t:find(" ", 1, true))
        end
        assert.truthy(({ supports = 1, contradicts = 1, related = 1 })[hit.stance], hit.stance)
        assert.is_true(hit.support >= 0 and hit.support <= 1)
        assert.are.equal("table", type(hit.evidence.aligned))
      end
      assert.are.equal("supported", r.verdict)
      assert.is_true(r.corroborated)
      assert.are.equal("summit-2023", r.hits[1].article)
      assert.are.equal("supports", r.hits[1].stance)
    end)

    it("gives each hit its article's title and publisher", function()
      local by_id = {}
      for _, a in ipairs(c:articles()) do by_id[a.id] = a end
      -- claims that reach every article of the corpus between them
      local seen = {}
      for _, q in ipairs({ claim, "Pak Noja writes that Western media missed the significance of the ties.",
        "Russia and North Korea agreed on joint naval drills in 2011.",
        "Russia's stronger relationship with North Korea", "the talks outcome of Russian-North Korea cooperation" }) do
        for _, hit in ipairs(c:corroborate(q, { limit = 10 }).hits) do
          local a = by_id[hit.article]
          assert.are.equal(a.title, hit.title)
          assert.are.equal(a.publisher, hit.publisher)
          seen[hit.article] = true
        end
      end
      for id in pairs(by_id) do assert.is_true(seen[id], id) end
    end)

    it("never offers furniture, nor headings other than sentences, as corroboration", function()
      for _, q in ipairs({
        claim,
        "Stay informed about our latest news",
        "Subscribe to our mailing list",
        "Korea Economic Institute of America",
      }) do
        for _, hit in ipairs(c:corroborate(q, { limit = 20 }).hits) do
          local kind = c:passage(hit.passage).kind
          assert.are_not.equal("furniture", kind, hit.text)
          assert.are.equal(kind, hit.kind)
          if kind == "heading" then -- a sentence without its period: six words or more
            local n = 0
            for _ in hit.text:gmatch("%w+") do n = n + 1 end
            assert.is_true(n >= 6, hit.text)
          end
        end
      end
    end)

    it("honours limit", function()
      assert.is_true(#c:corroborate(claim, { limit = 1 }).hits <= 1)
      assert.is_true(#c:corroborate(claim, { limit = 3 }).hits <= 3)
      assert.is_true(#c:corroborate(claim, { limit = 3.0 }).hits <= 3)
      local many = c:corroborate(claim, { limit = 12 }).hits
      assert.is_true(#many > 5 and #many <= 12)
      assert.is_true(#c:corroborate(claim, {}).hits <= 5)
    end)

    it("marks matched actors as @id", function()
      local r = c:corroborate(claim)
      local found = false
      for _, t in ipairs(r.hits[1].matched) do
        if t:sub(1, 1) == "@" then found = true end
      end
      assert.is_true(found)
    end)

    it("handles empty text", function()
      local r = assert(c:corroborate(""))
      assert.is_false(r.corroborated)
    end)
  end)

  describe("severity", function()
    it("is the core's rule on corroborate() and check_quote() results", function()
      -- a name or a figure no source backs is a warning; neither, information
      local named = assert(c:corroborate("Kim Jong Un sold ten thousand tractors to Portugal."))
      assert.are.equal("unverified", named.verdict)
      assert.are.equal("warning", named.severity)
      local plain = assert(c:corroborate("The weather was fine."))
      assert.are.equal("unverified", plain.verdict)
      assert.are.equal("info", plain.severity)
      local wrong = assert(c:corroborate("Putin and Kim met at the Vostochny Cosmodrome on September 20."))
      assert.are.equal("contradicted", wrong.verdict)
      assert.are.equal("error", wrong.severity)
      local right = assert(c:corroborate("Putin met Kim Jong Un at the Vostochny Cosmodrome."))
      assert.are.equal("supported", right.verdict)
      assert.are.equal("none", right.severity)
      assert.are.equal("none", c:check_quote("a new era of 100-year friendship").severity)
      assert.are.equal("error", c:check_quote("a new era of 200-year friendship").severity)
      assert.are.equal(
        "warning",
        c:check_quote("purple elephants dance at noon on the moon").severity
      )
    end)
  end)

  describe("check_quote()", function()
    it("finds an exact quotation and where it is", function()
      local q = assert(c:check_quote("a new era of 100-year friendship"))
      assert.are.equal("exact", q.verdict)
      assert.are.equal(1, q.similarity)
      assert.are.equal("globalresearch-2023", q.article)
      local text = h.article_text(c, q.article)
      assert.are.equal(q.source, text:sub(q.first, q.last))
      local line, col = h.line_col(text, q.first)
      assert.are.same({ line, col }, { q.line, q.col })
      local p = assert(c:passage(q.passage))
      assert.are.equal(q.article, p.article)
      assert.is_true(q.first >= p.first and q.first <= p.last)
    end)

    it("reports an altered quotation with the source wording", function()
      local q = assert(c:check_quote("We are talking about sophisticated artillery"))
      assert.are.equal("altered", q.verdict)
      assert.are.equal("summit-2023", q.article)
      assert.is_true(q.similarity < 1 and q.similarity > 0)
      local text = h.article_text(c, q.article)
      assert.are.equal(q.source, text:sub(q.first, q.last))
      assert.truthy(q.source:find("unsophisticated artillery", 1, true))
    end)

    it("reports only verdict and similarity for none", function()
      local q = assert(c:check_quote("we will never sell weapons to anyone"))
      assert.are.equal("none", q.verdict)
      assert.are.equal("number", type(q.similarity))
      assert.is_nil(q.article)
      assert.is_nil(q.passage)
      assert.is_nil(q.source)
      assert.is_nil(q.first)
    end)
  end)

  describe("cite()", function()
    it("cites an article by id or key in pandoc style by default", function()
      local t, def = c:cite("hankyoreh-2023")
      assert.are.equal("string", type(t))
      assert.truthy(t:find("@pak2023", 1, true), t)
      assert.is_nil(def)
      assert.are.equal(t, (c:cite("pak2023")))
      assert.are.equal(t, (c:cite("pak2023", "pandoc")))
    end)

    it("cites a passage with a locator", function()
      local a = c:article("hankyoreh-2023")
      local i = a.first_passage + 5
      local t = c:cite(i)
      assert.truthy(t:find("@pak2023", 1, true), t)
      assert.are_not.equal(t, (c:cite("pak2023")))
      assert.are.equal(t, (c:cite({ article = "hankyoreh-2023", passage = i })))
      assert.are.equal(t, (c:cite({ article = "pak2023", passage = i })))
      assert.are.equal(t, (c:cite({ passage = i })))
      assert.are.equal(c:cite("pak2023"), (c:cite({ article = "pak2023" })))
    end)

    it("formats every style", function()
      local fn, def = c:cite("pak2023", "footnote")
      assert.are.equal("string", type(fn))
      assert.are.equal("string", type(def))
      assert.truthy(fn:find("pak2023", 1, true))
      local inline, d2 = c:cite("pak2023", "inline")
      assert.truthy(inline:find("Hankyoreh", 1, true), inline)
      assert.is_nil(d2)
      local ref = c:cite("pak2023", "reference")
      assert.truthy(ref:find("The significance of closer Pyongyang-Moscow ties", 1, true), ref)
    end)

    it("returns nil, message for an unknown article or passage", function()
      h.fails("notfound", "nobody2099", c:cite("nobody2099"))
      h.fails("notfound", nil, c:cite(0))
      h.fails("notfound", nil, c:cite(10000000))
      h.fails("notfound", "nobody2099", c:cite({ article = "nobody2099", passage = 1 }))
    end)

    it("returns nil, message for a passage of another article", function()
      local a = c:article("hankyoreh-2023")
      local other = a.first_passage == 1 and a.first_passage + a.passages or 1
      h.fails("notfound", "hankyoreh-2023", c:cite({ article = "hankyoreh-2023", passage = other }))
    end)
  end)

  describe("bibliography()", function()
    it("returns CSL JSON and BibTeX strings naming every key", function()
      local csl = c:bibliography("csl")
      local bib = c:bibliography("bibtex")
      for _, a in ipairs(c:articles()) do
        assert.truthy(csl:find(a.key, 1, true), a.key)
        assert.truthy(bib:find(a.key, 1, true), a.key)
      end
    end)
  end)

  describe("tostring()", function()
    it("names the counts", function()
      assert.are.equal(("dossier.corpus (5 articles, %d actors)"):format(#c:actors()), tostring(c))
    end)
  end)
end)

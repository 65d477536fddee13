-- The verdict through the binding: corpus:corroborate's verdict, each hit's
-- stance and evidence, the features for calibration, core.open's wordnet
-- option and corpus:wordnet().
local h = require("helpers")

-- The answer of the chile-miners corpus for claim.
local function on_mines(claim)
  local mines = assert(h.core.open("tests/corpora/chile-miners"))
  local r = assert(mines:corroborate(claim))
  mines:close()
  return r
end

-- A gazetteer entry of a person of the test article.
local function person(id, name, role, alias)
  return ("  - id: %s\n    name: %s\n    kind: person\n    role: %s\n    note: test\n"
    .. "    sources: [test-article]\n    aliases: [%s]\n"):format(id, name, role, alias)
end

-- A gazetteer entry of an actor of any kind of the test article.
local function actor(id, name, kind, alias)
  return ("  - id: %s\n    name: %s\n    kind: %s\n    role: test\n    note: test\n"
    .. "    sources: [test-article]\n    aliases: [%s]\n"):format(id, name, kind, alias)
end

-- A corpus of the test article with body as its text, the minimal actors
-- and extra_actors (gazetteer entries) beside them; opened, its files gone.
local function open_article(body, extra_actors)
  local article = h.minimal_article:gsub("\n%-%-%-\n.*$", "\n---\n") .. body
  local actors = h.minimal_actors .. (extra_actors or "")
  local dir = h.fixture({ ["a.md"] = article, ["actors.yaml"] = actors })
  local fx = assert(h.core.open(dir))
  h.rmtree(dir)
  return fx
end

-- A hit's aligned words: claim words to source words.
local function aligned(hit)
  local seen = {}
  for _, a in ipairs(hit.evidence.aligned) do seen[a.claim] = a.source end
  return seen
end

describe("the verdict", function()
  local c
  setup(function() c = h.open() end)
  teardown(function() c:close() end)

  it("is supported, with the words aligned, for a claim a source says", function()
    local claim = "Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks."
    local r = assert(c:corroborate(claim))
    assert.are.equal("supported", r.verdict)
    assert.is_true(r.corroborated)
    assert.is_true(r.sources >= 1)
    local top = r.hits[1]
    assert.are.equal("supports", top.stance)
    assert.is_true(top.support >= r.threshold)
    assert.are.same({}, top.evidence.conflicts)
    local pairs_seen = {}
    for _, a in ipairs(top.evidence.aligned) do
      assert.truthy(claim:find(a.claim, 1, true), a.claim)
      assert.truthy(h.article_text(c, top.article):find(a.source, 1, true), a.source)
      pairs_seen[a.claim] = a.source
    end
    assert.are.equal("Kim Jong Il", pairs_seen["Kim Jong Il"])
    assert.are.equal("Six Party Talks", pairs_seen["Six Party Talks"])
  end)

  it("reads a noun after a determiner as no reporting verb ('a sanctioned state that ...')", function()
    -- read as "X ... state that", an attribution, the report's predicate would be
    -- "teaming up" alone, which the source words otherwise ("allying with")
    local r = assert(c:corroborate(
      "Pyongyang is a sanctioned state that evades sanctions by teaming up with another sanctioned country."))
    assert.are.equal("supported", r.verdict)
  end)

  it("holds a common word by its synonym in an event's name, not in a state's", function()
    -- "the Six Party Talks" are negotiations; "the United States" is no nation's word
    local r = assert(c:corroborate("Kim Jong Il said North Korea would rejoin the six-party negotiations."))
    assert.are.equal("Talks", aligned(r.hits[1])["negotiations"])
    r = assert(c:corroborate("The nation has expressed concern over Russia's contact with North Korea."))
    for _, hit in ipairs(r.hits) do
      assert.are_not.equal("States", aligned(hit)["nation"])
    end
  end)

  it("aligns a verb and its particle as the one verb WordNet has for them (go back: return)", function()
    local claim = "Kim Jong Il said North Korea would go back to the Six Party Talks."
    local r = assert(c:corroborate(claim))
    assert.are.equal("supported", r.verdict)
    assert.are.equal("return", aligned(r.hits[1])["go back"])
  end)

  it("reads no longer as a negation of the verb after it, not of the word longer", function()
    local fx = open_article("Vladimir Putin can no longer rely on the old factories of the Urals.\n")
    local r = assert(fx:corroborate("Vladimir Putin cannot rely on the old factories of the Urals."))
    assert.are.equal("supported", r.verdict)
    r = assert(fx:corroborate("Vladimir Putin can rely on the old factories of the Urals."))
    assert.are_not.equal("supported", r.verdict)
    fx:close()
  end)

  it("counts a year back from the article's date (five years ago, last year, this year), not from anything else", function()
    -- the test article is dated 2024-01-02
    local fx = open_article("Vladimir Putin met Kim Jong Un in Vladivostok five years ago.\n\n"
      .. "Kim Jong Un visited a fighter jet factory last year.\n\n"
      .. "Vladimir Putin opened a bridge three years earlier than planned.\n\n"
      .. "Kim Jong Un launched a spy satellite this year.\n\n"
      .. "Vladimir Putin toured a tank factory a year ago.\n")
    local function verdict(claim) return assert(fx:corroborate(claim)).verdict end
    assert.are.equal("supported", verdict("Vladimir Putin met Kim Jong Un in Vladivostok in 2019."))
    assert.are.equal("supported", verdict("Kim Jong Un visited a fighter jet factory in 2023."))
    assert.are_not.equal("supported", verdict("Vladimir Putin met Kim Jong Un in Vladivostok in 2018."))
    assert.are_not.equal("supported", verdict("Vladimir Putin met Kim Jong Un in Vladivostok in May 2019."))
    assert.are_not.equal("supported", verdict("Vladimir Putin opened a bridge in 2021."))
    assert.are.equal("supported", verdict("Kim Jong Un launched a spy satellite in 2024."))
    assert.are_not.equal("supported", verdict("Kim Jong Un launched a spy satellite in 2022."))
    assert.are.equal("supported", verdict("Vladimir Putin toured a tank factory in 2023."))
    assert.are_not.equal("supported", verdict("Vladimir Putin toured a tank factory in 2021."))
    fx:close()
  end)

  it("reads a length glued to its digits as that length, not as millions", function()
    local r = on_mines("Florencio Avalos was winched up a 624-metre shaft in a capsule.")
    local conflicts = {}
    for _, hit in ipairs(r.hits) do
      for _, x in ipairs(hit.evidence.conflicts) do
        conflicts[#conflicts + 1] = x.claim .. "/" .. x.source
      end
    end
    assert.are.equal("supported", r.verdict, table.concat(conflicts, "; "))
  end)

  -- the source: "The last of the Chilean miners, the foreman ... was raised
  -- from the depths of the earth"
  it("reads an ordinal's opposite in its slot as an antonym (the first / the last)", function()
    local r = on_mines("The first of the Chilean miners, the foreman, was raised from the depths of the earth.")
    assert.are.equal("contradicted", r.verdict)
    local found
    for _, hit in ipairs(r.hits) do
      for _, x in ipairs(hit.evidence.conflicts) do
        if hit.stance == "contradicts" and x.kind == "antonym" then found = x end
      end
    end
    assert.truthy(found, "an antonym conflict")
    assert.are.equal("first", found.claim)
    assert.are.equal("last", found.source)
  end)

  -- the source: "Rescuers lowered a television camera down the bore-hole"
  it("takes an abbreviation WordNet has as a common word for that word (TV: television)", function()
    local r = on_mines("Rescuers lowered a TV camera down the bore-hole.")
    assert.are.equal("supported", r.verdict)
    assert.are.equal("television", aligned(r.hits[1]).TV)
  end)

  -- the source: "reports CBS News correspondent John Bentley"
  it("takes an acronym as a name also as the sentence's first word (CBS's: CBS News)", function()
    local r = on_mines("CBS's correspondent reported that the miners survived by drinking underground water.")
    assert.are.equal("supported", r.verdict)
    assert.are.equal("CBS News", aligned(r.hits[1]).CBS)
  end)

  -- the source: "the Kremlin said that Russian and North Korean interests
  -- mattered": "retorted" is not in the reporting verbs' list, WordNet has
  -- it as a verb of saying
  it("takes a verb of saying with a that after it for the attribution, not a word a source must hold", function()
    local r = assert(c:corroborate("The Kremlin retorted that Russian and North Korean interests mattered, not warnings from Washington."))
    assert.are.equal("supported", r.verdict)
    for _, hit in ipairs(r.hits) do
      for _, w in ipairs(hit.evidence.missing) do assert.are_not.equal("retorted", w) end
    end
  end)

  it("is contradicted for another date, naming the date the source gives and where", function()
    local claim = "Putin and his North Korean counterpart met on September 20 to discuss bilateral cooperation."
    local r = assert(c:corroborate(claim))
    assert.are.equal("contradicted", r.verdict)
    assert.is_false(r.corroborated)
    assert.are.equal(0, r.sources)
    local found
    for _, hit in ipairs(r.hits) do
      for _, x in ipairs(hit.evidence.conflicts) do
        if x.kind == "date" and hit.stance == "contradicts" then found = { hit = hit, x = x } end
      end
    end
    assert.truthy(found, "a contradicting hit with a date conflict")
    assert.are.equal("September 20", found.x.claim)
    assert.are.equal("September 13", found.x.source)
    assert.truthy(found.x.context:find("met on September 13", 1, true), found.x.context)
    assert.are.equal("globalresearch-2023", found.hit.article)
    assert.are.equal(26, found.x.line)
    local text = h.article_text(c, found.hit.article)
    local line_start = 1
    for _ = 2, found.x.line do line_start = text:find("\n", line_start, true) + 1 end
    assert.are.equal(
      "September 13",
      text:sub(line_start + found.x.col - 1, line_start + found.x.col + 10)
    )
  end)

  it("is contradicted for a negation and for an antonym", function()
    local r = assert(c:corroborate("Putin refused to help North Korea develop satellites."))
    assert.are.equal("contradicted", r.verdict)
    local kinds = {}
    for _, hit in ipairs(r.hits) do
      for _, x in ipairs(hit.evidence.conflicts) do kinds[x.kind] = true end
    end
    assert.is_true(kinds.negation or kinds.antonym)
  end)

  -- "interests mattered, “not warnings from Washington”": the "not" opens a
  -- phrase set against what comes before it, it denies no clause, so a
  -- claim naming the warnings in another role is not contradicted by it
  it("reads a contrastive not (X, not Y) as setting a phrase apart, not as a denial", function()
    local claim = "The Kremlin replied that Russian and North Korean interests counted for more than American warnings."
    local r = assert(c:corroborate(claim, { limit = 10 }))
    assert.are_not.equal("contradicted", r.verdict)
    for _, hit in ipairs(r.hits) do
      for _, x in ipairs(hit.evidence.conflicts) do
        assert.are_not.equal("negation", x.kind, x.source)
      end
    end
  end)

  -- the source: "Kim Jong Il confirmed that North Korea is ready to return
  -- to the Six Party Talks": the same actors, none of the claim's words
  it("takes a passage that holds the claim's actors but none of its words for no support", function()
    local r = assert(c:corroborate("At Ulan-Ude, Kim Jong Il said the North would never go back to the six-party talks.",
      { limit = 10 }))
    assert.are_not.equal("supported", r.verdict)
  end)

  -- a negation cue that is no verb is no word a source must hold, and a
  -- claim that is all one detail is about nothing a passage shares
  it("neither supports nor contradicts a claim of no content", function()
    local r = assert(c:corroborate("None of this is new.", { limit = 10 }))
    assert.are.equal("unverified", r.verdict)
  end)

  it("is unverified for what no source speaks to, with the claim's words missing", function()
    local claim = "Purple elephants compose sonatas on the moon."
    local r = assert(c:corroborate(claim))
    assert.are.equal("unverified", r.verdict)
    assert.is_false(r.corroborated)
    for _, hit in ipairs(r.hits) do
      assert.are.equal("related", hit.stance)
      for _, w in ipairs(hit.evidence.missing) do assert.truthy(claim:find(w, 1, true), w) end
    end
  end)

  it("does not call a claim supported by passages that lack its place, nor contradicted by a name of no place", function()
    local r = assert(c:corroborate("Putin met Kim Jong Un at the Vostochny Cosmodrome."))
    assert.are_not.equal("contradicted", r.verdict)
    for _, hit in ipairs(r.hits) do
      if hit.stance == "supports" then
        local missing = table.concat(hit.evidence.missing, " ")
        assert.falsy(missing:find("Vostochny", 1, true), hit.text)
      end
      for _, x in ipairs(hit.evidence.conflicts) do
        assert.are_not.equal("President", x.source)
        assert.are_not.equal("Russia", x.source) -- a country holds its places
      end
    end
  end)

  it("holds an author's name with the author's own article, whatever the reporting verb", function()
    local r = assert(c:corroborate("Araujo argues that engaging with North Korea and controlling its "
      .. "existing nuclear arsenal is a much more realistic goal than full denuclearization."))
    assert.are.equal("supported", r.verdict)
    assert.are.equal("globalresearch-2023", r.hits[1].article) -- by Uriel Araujo
    for _, w in ipairs(r.hits[1].evidence.missing) do
      assert.are_not.equal("Araujo", w)
      assert.are_not.equal("argues", w)
    end
  end)

  -- The words the claim's items lack in the hit whose text holds source_words.
  local function missing_in(fx, claim, source_words)
    local r = assert(fx:corroborate(claim, { limit = 10 }))
    for _, hit in ipairs(r.hits) do
      if hit.text:find(source_words, 1, true) then
        local m = {}
        for _, w in ipairs(hit.evidence.missing) do m[w] = true end
        return m
      end
    end
    error("no hit holds " .. source_words)
  end

  it("holds a person a pronoun points back to, the one named nearest before it", function()
    local article = h.minimal_article:gsub("\n%-%-%-\n.*$", "\n---\n") .. [[
Vladimir Putin toured the new cosmodrome on the Amur river. The site covers seven hundred square kilometres. Its first launch took place in 2016.

“The rockets will fly from here next spring,” he told the engineers.

Kim Jong Un arrived at the cosmodrome a day later. He inspected the towers. “The launch pads are ready,” he told reporters.
]]
    local dir = h.fixture({ ["a.md"] = article, ["actors.yaml"] = h.minimal_actors })
    local fx = assert(h.core.open(dir))
    h.rmtree(dir)
    local function missing(claim, source_words) return missing_in(fx, claim, source_words) end
    -- "he" after a paragraph on Putin is Putin, named three sentences back
    assert.is_nil(missing("Putin said the rockets would fly from there next spring.", "next spring")["Putin"])
    -- "he" right after Kim is named is Kim, not Putin named before him
    assert.is_nil(missing("Kim told reporters the launch pads were ready.", "launch pads")["Kim"])
    assert.is_true(
      missing("Putin told reporters the launch pads were ready.", "launch pads")["Putin"]
    )
    fx:close()
  end)

  it("holds a country's region by the country named with the region's compass point", function()
    local fx = open_article([[
The first convoy reached the port of Nakhodka in eastern Russia on Monday.

The second convoy reached the city of Smolensk in western Russia on Friday.
]], actor("far-east", "Russian Far East", "place", "Far East"))
    -- "eastern Russia" places the port in Russia's east
    assert.is_nil(missing_in(fx, "The first convoy reached Russia's Far East on Monday.",
      "Nakhodka")["Far East"])
    -- the west of Russia is not its Far East
    assert.is_true(missing_in(fx, "The second convoy reached Russia's Far East on Friday.",
      "Smolensk")["Far East"])
    -- nor is a Far East the claim does not make Russia's
    assert.is_true(missing_in(fx, "The first convoy from Russia reached the Far East on Monday.",
      "Nakhodka")["Far East"])
    fx:close()
  end)

  it("holds an expression of uncertainty by another, not by a word of one in other use", function()
    local fx = open_article([[
It remains to be seen whether the new pipeline to Vladivostok will open next year.

Engineers said it is unclear if the old bridge across the Amur can carry freight trains.

The pipeline remains the largest building project in the region.

The pilots saw smoke rising into the air above the harbour.
]])
    -- "unclear" and "remains to be seen" both say that what follows is not known
    assert.is_nil(missing_in(fx, "It is unclear whether the new pipeline to Vladivostok will open next year.",
      "remains to be seen")["unclear"])
    local m = missing_in(fx, "It remains to be seen if the old bridge across the Amur can carry freight trains.",
      "old bridge")
    assert.is_nil(m["remains"])
    assert.is_nil(m["seen"])
    -- "remains" on its own says nothing of the kind, nor does "into the air"
    assert.is_true(missing_in(fx, "It is unclear whether the pipeline is the largest building project in the region.",
      "largest building")["unclear"])
    assert.is_true(missing_in(fx, "The pilots saw it was uncertain whether smoke was rising above the harbour.",
      "smoke rising")["uncertain"])
    fx:close()
  end)

  it("holds an actor written inside a source's name the claim splits in two, only then", function()
    local fx = open_article([[
In January Moscow voted for UN Security Council Resolution 2087 on the missile launch.

The US-Japan summit in Camp David ended with a joint statement on trade.
]], actor("un", "United Nations", "org", "UN")
      .. actor("resolution-2087", "UN Security Council Resolution 2087", "event", "Resolution 2087")
      .. actor("japan", "Japan", "state", "Japan")
      .. actor("summit", "US-Japan summit", "event", "US-Japan summit"))
    -- "the UN sanctions ... under Resolution 2087": one name, two of the claim's actors
    assert.is_nil(missing_in(fx,
      "In January Moscow voted for the UN sanctions under Resolution 2087 on the missile launch.",
      "Resolution 2087")["UN"])
    -- a name that merely contains the claim's actor says nothing of it
    assert.is_true(missing_in(fx, "Japan ended its visit to Camp David with a joint statement on trade.",
      "Camp David")["Japan"])
    fx:close()
  end)

  it("reads a name inside an amount as the amount's, in the claim as in the source", function()
    local fx = open_article([[
The mining company paid 500 US dollars to each worker after the strike ended.
]], actor("us", "United States", "state", "US"))
    -- the sentence itself: "US dollars" is the currency, not the United States
    local r = assert(fx:corroborate("The mining company paid 500 US dollars to each worker after the strike ended."))
    assert.equals("supported", r.verdict)
    assert.is_nil(aligned(r.hits[1])["US"])
    fx:close()
  end)

  -- a related verb written in an irregular form that the stemmer keeps
  -- apart from it: "searched" is "seek", which a source writes "sought"
  -- (verb.exc read the other way round); the claim's own verb likewise
  it("aligns a related verb in the irregular form a source writes it in", function()
    local fx = open_article([[
The fishermen of the northern bay sought shelter in the old lighthouse during the winter storm.

The ferrymen have driven their carts to the harbour market every morning since the bridge fell.
]])
    local r = assert(fx:corroborate("The fishermen of the northern bay searched for shelter in the old lighthouse during the winter storm."))
    assert.are.equal("sought", aligned(r.hits[1])["searched"])
    r = assert(fx:corroborate("The ferrymen drive their carts to the harbour market every morning since the bridge fell."))
    assert.are.equal("driven", aligned(r.hits[1])["drive"])
    fx:close()
  end)

  -- a verb and its particle in the source that WordNet has as one verb
  -- ("shot up": shoot_up, "rise dramatically") oppose the claim's word as
  -- that verb would ("rose"), not as the verb alone ("shot": fired). The
  -- opposites a claim's word has are the corpus's words: "rise" is in it
  it("reads a source's verb and particle as the one verb WordNet has, for an antonym", function()
    local fx = open_article([[
The price of rice at the river market shot up to nine coins a sack during the long drought. Traders blamed the failed harvest.

Paper lanterns rise over the temple each new year.
]])
    local r = assert(fx:corroborate("The price of rice at the river market fell to nine coins a sack during the long drought."))
    local found
    for _, hit in ipairs(r.hits) do
      for _, x in ipairs(hit.evidence.conflicts) do
        if x.kind == "antonym" and hit.text:find("rice", 1, true) then found = x end
      end
    end
    assert.truthy(found, "an antonym conflict")
    assert.are.equal("fell", found.claim)
    assert.are.equal("shot up", found.source)
    assert.are_not.equal("supported", r.verdict)
    fx:close()
  end)

  -- an opposite word in the claim's slot and a denial are told apart in the
  -- features: the development sets find the first far the surer sign of a
  -- contradiction (a denial is often read across clauses that differ)
  it("gives an antonym in conflict and a negation in conflict features of their own", function()
    local article = h.minimal_article:gsub("\n%-%-%-\n.*$", "\n---\n") .. [[
The wheat harvest in the northern valleys was better than the growers had feared. Prices at the grain market stayed low all autumn.

The cooperative did not export the surplus grain to its neighbours. It stored the grain in new silos near the river.
]]
    local dir = h.fixture({ ["a.md"] = article, ["actors.yaml"] = h.minimal_actors })
    local fx = assert(h.core.open(dir))
    h.rmtree(dir)
    local function conflict_features(claim, kind)
      local r = assert(fx:corroborate(claim, { limit = 5, features = true }))
      for _, hit in ipairs(r.hits) do
        for _, x in ipairs(hit.evidence.conflicts) do
          if x.kind == kind then return hit.features end
        end
      end
      error("no " .. kind .. " conflict for " .. claim)
    end
    local f = conflict_features("The wheat harvest in the northern valleys was worse than the growers had feared.", "antonym")
    assert.are.equal(1, f.conflict_antonym)
    assert.are.equal(0, f.conflict_polarity)
    f = conflict_features("The cooperative exported the surplus grain to its neighbours.", "negation")
    assert.are.equal(0, f.conflict_antonym)
    assert.are.equal(1, f.conflict_polarity)
    fx:close()
  end)

  -- a denial read in the sentence beside the passage, while the passage
  -- itself holds the claim's word as the claim says it, is of something
  -- else: the passage's word is the match, and there is no conflict; a
  -- denial in the passage itself still gainsays the claim
  it("reads no denial beside a passage that holds the claim's word as claimed", function()
    local fx = open_article([[
The harbour warehouse contains grain, salt and timber for the winter. A clerk said it was old and could not hold the new cranes.
]])
    local function hit_on(claim, source_words)
      local r = assert(fx:corroborate(claim, { limit = 5 }))
      for _, hit in ipairs(r.hits) do
        if hit.text:find(source_words, 1, true) then return hit end
      end
      error("no hit holds " .. source_words)
    end
    local hit = hit_on("The harbour warehouse held grain, salt and timber.", "contains grain")
    assert.are.same({}, hit.evidence.conflicts)
    assert.are.equal("contains", aligned(hit)["held"])
    hit = hit_on("The clerk said the warehouse held the new cranes.", "new cranes")
    assert.are.equal("negation", hit.evidence.conflicts[1] and hit.evidence.conflicts[1].kind)
    fx:close()
  end)

  -- the kinds of the conflicts of the hit on the passage holding source_words
  local function conflicts_on(fx, claim, source_words)
    local r = assert(fx:corroborate(claim, { limit = 5 }))
    for _, hit in ipairs(r.hits) do
      if hit.text:find(source_words, 1, true) then
        local kinds = {}
        for _, x in ipairs(hit.evidence.conflicts) do kinds[x.kind .. ":" .. x.source] = true end
        return kinds
      end
    end
    error("no hit holds " .. source_words)
  end

  it("reads another actor after the same preposition of role as an actor conflict", function()
    local fx = open_article([[
The customs office accused Norway of shipping timber to Denmark across the strait.

The harbour master said the ferries carried grain to Denmark and Norway last winter.

The council hailed the reply to Denmark's offer on the ferries.
]], actor("norway", "Norway", "state", "Norway") .. actor("denmark", "Denmark", "state", "Denmark"))
    -- the two swapped: the claim ships to Norway, the source to Denmark
    assert.is_true(conflicts_on(fx, "The customs office accused Denmark of shipping timber to Norway.",
      "shipping timber")["actor:Denmark"])
    -- the claim's actor among the source's fillers
    assert.are.same({}, conflicts_on(fx, "The ferries carried grain to Norway last winter.",
      "carried grain"))
    -- a possessive fills no role: the reply is to the offer
    assert.is_nil(conflicts_on(fx, "The council hailed the reply to Norway on the ferries.",
      "the reply")["actor:Denmark"])
    fx:close()
  end)

  it("reads a doer against a thing made by its own maker as an actor conflict", function()
    local fx = open_article([[
The engineers say the new turbine was indigenously designed over three years.

The old turbine was designed in a small workshop over three years.
]], actor("germany", "Germany", "state", "Germany"))
    assert.is_true(conflicts_on(fx, "The new turbine was designed by Germany.",
      "indigenously designed")["actor:indigenously designed"])
    assert.are.same({}, conflicts_on(fx, "The old turbine was designed by Germany.",
      "small workshop"))
    fx:close()
  end)

  it("reads an infinitive denied on one side only after a word both hold as a negation", function()
    local fx = open_article([[
The harbour board has decided to widen the northern canal before the spring.

The river board has decided to not widen the southern canal before the spring.
]])
    assert.is_true(conflicts_on(fx, "The harbour board decided not to deepen the northern canal.",
      "northern canal")["negation:decided to widen"])
    -- denied on both sides, "not to" and "to not": no conflict
    assert.are.same({}, conflicts_on(fx, "The river board decided not to deepen the southern canal.",
      "southern canal"))
    fx:close()
  end)

  -- a passage that names who said it ("Ilse Brand, an engineer at the
  -- port authority of Kiel, spoke to the port gazette") but holds none of
  -- what was said, the sentence beside it holding that, does not support
  -- the claim: the passage itself must hold half of the claim's report as
  -- it must hold half of the claim
  it("needs the passage itself to hold half of what the claim reports", function()
    local fx = open_article([[
Harbour master Ilse Brand, an engineer at the port authority of Kiel, spoke to the port gazette about the works on Monday. The new dock will take container ships of any size from May.

The old dock will close in the autumn.
]], person("brand", "Ilse Brand", "Harbour master", "Brand"))
    local r = assert(fx:corroborate("Ilse Brand, an engineer at the port authority of Kiel, told the port gazette "
      .. "that the dock would take container ships of any size.", { limit = 5, features = true }))
    local named
    for _, hit in ipairs(r.hits) do
      if hit.text:find("spoke to the port gazette", 1, true) then named = hit end
    end
    assert.is_truthy(named)
    -- the passage holds most of the claim (its attribution), none of the report
    assert.is_true(named.features.cov_main >= 0.5 * named.features.cov)
    assert.are.equal(0, named.features.cov_main_content)
    assert.are.equal("related", named.stance)
    assert.are.equal("unverified", r.verdict)
    fx:close()
  end)

  -- "none of the X had done Y" and "not one of the X did Y" both deny what
  -- the X did, not only the X: the two agree, though the claim's X is held
  -- by a word outside the denial ("the young players"), and they still
  -- gainsay "several of the X did Y"
  it("reads a denial over 'of' a phrase as denying the phrase's predicate too", function()
    local article = h.minimal_article:gsub("\n%-%-%-\n.*$", "\n---\n") .. [[
The festival jury praised the young players at the closing concert in the harbour town, but the organiser said none of the violinists had signed recording contracts after the competition.
]]
    local dir = h.fixture({ ["a.md"] = article, ["actors.yaml"] = h.minimal_actors })
    local fx = assert(h.core.open(dir))
    h.rmtree(dir)
    local function answer(claim)
      local r = assert(fx:corroborate(claim, { limit = 3 }))
      local kinds = {}
      for _, hit in ipairs(r.hits) do
        for _, x in ipairs(hit.evidence.conflicts) do kinds[x.kind] = true end
      end
      return r.verdict, kinds
    end
    local verdict, kinds = answer("The organiser said not one of the players had signed recording contracts after the competition.")
    assert.are.equal("supported", verdict)
    assert.is_nil(kinds.negation)
    verdict, kinds = answer("The organiser said several of the violinists had signed recording contracts after the competition.")
    assert.are_not.equal("supported", verdict)
    assert.is_true(kinds.negation)
    fx:close()
  end)

  it("takes a prediction, an age or another occasion for no contradiction of a figure", function()
    local chile = assert(h.core.open("tests/corpora/chile-miners"))
    local function conflicts_with(claim, source_words)
      local r = assert(chile:corroborate(claim, { limit = 10 }))
      for _, hit in ipairs(r.hits) do
        for _, x in ipairs(hit.evidence.conflicts) do
          if x.source == source_words then return true end
        end
      end
      return false
    end
    -- "is expected to take 48 hours"
    assert.is_false(conflicts_with("Lifting out all 33 men took 22 hours.", "48"))
    -- "Florencio Avalos, a 31-year-old father of two"
    assert.is_false(conflicts_with("Most of the trapped men had worked at the mine for more than ten years.", "31"))
    chile:close()
  end)

  -- a person's title before the name ("Chief harbour engineer Marta
  -- Quill") says who is meant, as the name does: the words of the person's
  -- gazetteer role there are the frame, not content a passage must hold;
  -- a word before the name that is no word of the role stays content
  it("takes a person's title from the gazetteer role for the frame, not for content", function()
    local fx = open_article([[
Chief harbour engineer Marta Quill thanked the crews at the opening of the dock. The dock took four years to build.

Député Jean Morel cut the ribbon of the new lock. The lock had been closed since the flood.
]], person("quill", "Marta Quill", "Chief harbour engineer of the port authority", "Quill")
      .. person("morel", "Jean Morel", "Député for the northern district", "Morel"))
    local function features_of(claim, passage)
      passage = passage or "thanked the crews"
      local r = assert(fx:corroborate(claim, { limit = 5, features = true }))
      for _, hit in ipairs(r.hits) do
        if hit.text:find(passage, 1, true) then return hit.features end
      end
      error("no hit holds the passage for " .. claim)
    end
    local titled = features_of("Chief harbour engineer Marta Quill praised the crews at the dock.")
    local bare = features_of("Marta Quill praised the crews at the dock.")
    local other = features_of("Famous harbour engineer Marta Quill praised the crews at the dock.")
    assert.are.near(bare.cov_content, titled.cov_content, 1e-9)
    assert.is_true(titled.cov > bare.cov, ("cov %.3f, %.3f"):format(titled.cov, bare.cov))
    -- "famous" is no role word: it is content, and the passage lacks it
    assert.is_true(other.cov_content < bare.cov_content - 1e-9,
      ("cov_content %.3f, %.3f"):format(other.cov_content, bare.cov_content))
    -- the role is read as a claim is, folded: an accented title matches
    -- its word in the claim ("Député", "depute")
    local accented = features_of("Député Jean Morel cut the ribbon of the canal.", "cut the ribbon")
    local plain = features_of("Jean Morel cut the ribbon of the canal.", "cut the ribbon")
    assert.are.near(plain.cov_content, accented.cov_content, 1e-9)
    fx:close()
  end)

  -- where the claim's report predicate starts: a verb form between a name
  -- and a determiner is a verb in use without its marks ("Brand blames the
  -- council", as "blamed"); a noun's "that" opens the noun's clause, whose
  -- verb is not the report's ("the plan that the council drew up would
  -- ..."): no predicate is found then, the report is all predicate; a verb's
  -- "that" reports what follows ("the council fears that the plan would")
  it("starts the report's predicate at a verb by its place, never in a noun's that-clause", function()
    local fx = open_article([[
Harbour master Ilse Brand met the town council about the slow repairs of the old quay.

The new dock plan of the council would double the harbour in five years.
]])
    local function features_of(claim, passage)
      local r = assert(fx:corroborate(claim, { limit = 5, features = true }))
      for _, hit in ipairs(r.hits) do
        if hit.text:find(passage, 1, true) then return hit.features end
      end
      error("no hit holds the passage for " .. claim)
    end
    -- the passage lacks the verb, which the predicate holds
    local blames = features_of("Ilse Brand blames the town council for the slow repairs of the old quay.",
      "met the town")
    local blamed = features_of("Ilse Brand blamed the town council for the slow repairs of the old quay.",
      "met the town")
    assert.is_true(blames.cov_predicate < blames.cov_content - 1e-9,
      ("cov_predicate %.3f, cov_content %.3f"):format(blames.cov_predicate, blames.cov_content))
    assert.are.near(blamed.cov_predicate, blames.cov_predicate, 1e-9)
    -- the passage lacks "drew up", the relative clause's verb
    local relative = features_of("The plan that the council drew up would double the harbour in five years.",
      "dock plan")
    assert.are.near(relative.cov_content, relative.cov_predicate, 1e-9)
    local plain = features_of("The plan the council drew up would double the harbour in five years.", "dock plan")
    assert.is_true(plain.cov_predicate < plain.cov_content - 1e-9)
    -- the passage holds all the report after "fears that"
    local fears = features_of("The council fears that the plan would double the harbour in five years.",
      "dock plan")
    assert.are.near(1, fears.cov_predicate, 1e-9)
    assert.is_true(fears.cov_content < 1 - 1e-9)
    fx:close()
  end)

  -- a word of the predicate held only by a word of its WordNet definition
  -- (treaty: "a written agreement between two states or sovereigns") counts
  -- there less when that word is common in English ("states") than when it
  -- is rare ("sovereigns"); the match itself, and so the gates and the
  -- resolved features, stay as they were
  it("counts a common gloss word less than a rare one in the report's predicate", function()
    local fx = open_article([[
The envoy of the island signed nothing, though he met the states of the north.

The envoy of the island signed nothing, though he met the sovereigns of the north.
]])
    local function hit_of(claim, passage)
      local r = assert(fx:corroborate(claim, { limit = 5, features = true }))
      for _, hit in ipairs(r.hits) do
        if hit.text:find(passage, 1, true) then return hit end
      end
      error("no hit holds the passage for " .. claim)
    end
    local claim = "The envoy of the island met a treaty of the north."
    local common, rare = hit_of(claim, "the states"), hit_of(claim, "the sovereigns")
    local function source_of(hit, word)
      for _, a in ipairs(hit.evidence.aligned) do if a.claim == word then return a.source end end
    end
    assert.are.equal("states", source_of(common, "treaty"))
    assert.are.equal("sovereigns", source_of(rare, "treaty"))
    local c, r = common.features.cov_predicate, rare.features.cov_predicate
    assert.is_true(c < r - 1e-3, ("cov_predicate %.3f, %.3f"):format(c, r))
    -- resolved, the gloss word counts at its strength whatever its word
    assert.are.near(common.features_resolved.cov_predicate,
      rare.features_resolved.cov_predicate, 1e-9)
    assert.are.near(common.features.cov, rare.features.cov, 1e-9)
    fx:close()
  end)

  it("gives the alignment's features on request, named as core.features() lists them", function()
    local names = h.core.features()
    assert.is_true(#names >= 5)
    local r = assert(c:corroborate("Kim Jong-un arrived in Russia on Tuesday to meet Vladimir Putin.",
      { limit = 2, features = true }))
    for _, hit in ipairs(r.hits) do
      for _, n in ipairs(names) do
        assert.are.equal("number", type(hit.features[n]), n)
        assert.are.equal("number", type(hit.features_resolved[n]), n)
      end
      assert.are.equal(hit.coverage, hit.features.cov)
    end
    local plain = assert(c:corroborate("Kim Jong-un arrived in Russia on Tuesday.", { limit = 1 }))
    assert.is_nil(plain.hits[1].features)
    h.raises(
      { "corpus:corroborate", "features must be a boolean" },
      c.corroborate,
      c,
      "x",
      { features = 1 }
    )
  end)

  it("works without WordNet, and says so", function()
    local state = c:wordnet()
    assert.truthy(({ open = 1, unused = 1, unavailable = 1 })[state], state)
    local off = assert(h.core.open(h.corpus_dir, { wordnet = false }))
    local st, dir, why = off:wordnet(true)
    assert.are.equal("unavailable", st)
    assert.are.equal("", dir)
    assert.are.equal("switched off", why)
    local r = assert(off:corroborate("Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks."))
    assert.are.equal("supported", r.verdict)
    off:close()
    local missing = assert(h.core.open(h.corpus_dir, { wordnet = "/nonexistent/wordnet" }))
    assert.are.equal("unused", (missing:wordnet()))
    missing:corroborate("Putin pledged help.")
    st, dir, why = missing:wordnet()
    assert.are.equal("unavailable", st)
    assert.are.equal("/nonexistent/wordnet", dir)
    assert.truthy(why:find("/nonexistent/wordnet/index.noun", 1, true), why)
    missing:close()
    h.raises(
      { "core.open", "wordnet must be a directory or false" },
      h.core.open,
      h.corpus_dir,
      { wordnet = 3 }
    )
    h.raises({ "core.open", "options must be a table" }, h.core.open, h.corpus_dir, "x")
  end)
end)

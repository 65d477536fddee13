-- Pruning (src/rank.c, src/align.c "bounds"): a candidate that can neither
-- be among the hits nor support nor contradict the claim is not aligned to
-- the end. The answer must be the one aligning every candidate gives. With
-- a limit as large as the candidates aligned (30) nothing is pruned; with
-- the check's 1, 3 and the default 5 most candidates are. So, on every claim
-- of both development sets (supported, unsupported, contradicted) and every
-- sentence of the sample draft: the same verdict and sources, and the hits
-- are the first of the unpruned ranking, except the passage the verdict
-- stands on, which takes the last place when it ranks below the limit
-- (include/dossier.h, README: the passage a verdict stands on is always
-- among the hits).
local h = require("helpers")

-- Under the sanitizers and valgrind every tenth text only: the same code
-- runs, in a time those allow.
local step = (os.getenv("DOSSIER_SANITIZED") or "0") ~= "0" and 10 or 1

local SETS = {
  { name = "default", corpus = h.corpus_dir, dev = "tests/dev/" },
  { name = "chile-miners", corpus = "tests/corpora/chile-miners", dev = "tests/dev/chile-miners/" },
}

local function texts_of(set)
  local out = {}
  local dev = h.load_yaml(set.dev .. "claims.yaml")
  for _, section in ipairs({ "claims", "unsupported", "contradicted" }) do
    for _, cl in ipairs(dev[section] or {}) do out[#out + 1] = cl.claim end
  end
  local draft = h.read("doc/sample-draft.md")
  for _, sg in ipairs(h.core.segment(draft)) do
    if sg.kind == "prose" then out[#out + 1] = draft:sub(sg.first, sg.last) end
  end
  return out
end

-- The hits a smaller limit gives, from the full ranking.
local function expected_hits(full, limit)
  local want = {}
  for k = 1, math.min(limit, #full.hits) do want[k] = full.hits[k] end
  local stance = ({ supported = "supports", contradicted = "contradicts" })[full.verdict]
  if stance then
    local first
    for k, hit in ipairs(full.hits) do
      if hit.stance == stance then first = first or k end
    end
    if first and first > limit then want[limit] = full.hits[first] end
  end
  return want
end

for _, set in ipairs(SETS) do
  describe(("pruning on %s"):format(set.name), function()
    local c
    setup(function() c = assert(h.core.open(set.corpus)) end)
    teardown(function() c:close() end)

    it("gives what aligning every candidate gives, at limits 1 (the check's), 3 and 5", function()
      local texts, n, pruned_away = texts_of(set), 0, 0
      for i = 1, #texts, step do
        local text = texts[i]
        local full = assert(c:corroborate(text, { limit = 30, features = true }))
        for _, limit in ipairs({ 1, 3, 5 }) do
          local r = assert(c:corroborate(text, { limit = limit, features = true }))
          local what = ("%q at limit %d"):format(text, limit)
          assert.are.equal(full.verdict, r.verdict, what)
          assert.are.equal(full.sources, r.sources, what)
          assert.are.equal(full.corroborated, r.corroborated, what)
          assert.are.same(expected_hits(full, limit), r.hits, what)
          n = n + 1
        end
        if #full.hits > 5 then pruned_away = pruned_away + 1 end
      end
      h.note("%s: %d answers at limits 1, 3 and 5 equal to the unpruned ranking's", set.name, n)
      assert.is_true(n > 0 and pruned_away > 0, "texts with more candidates than the limit")
    end)
  end)
end

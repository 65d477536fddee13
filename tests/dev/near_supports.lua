-- Lists the unsupported and contradicted claims of the development sets
-- whose best passage that may support them has a support probability
-- above LOW (default 0.45): those at or above the threshold are false
-- supports, those just below are what keeps the threshold high. Each with
-- its passage, what was aligned and what is missing, to group by cause.
--
-- Run from the repository root after `make`:
--   LUA_PATH='./lua/?.lua;./tests/lua/?.lua;;' LUA_CPATH='./build/lua5.4/?.so;;' \
--     lua5.4 tests/dev/near_supports.lua [LOW]
local h = require("helpers")

local LOW = tonumber(arg[1] or "") or 0.45
local SETS = {
  { name = "default", corpus = h.corpus_dir, dev = "tests/dev/" },
  { name = "chile-miners", corpus = "tests/corpora/chile-miners", dev = "tests/dev/chile-miners/" },
}

-- verdict.c's verdict_may_support, as calibrate.lua reads it
local function may_support(content, hit)
  local f = hit.features
  return content >= 2 and #hit.evidence.conflicts == 0 and f.facts_missing == 0
    and f.names_missing < 2 and f.cov_actors > 1 - 1e-9 and f.cov_main >= 0.5 * f.cov
    and f.cov_main_content >= 0.5 * f.cov_content and f.cov_words > 0
end

local rows = {}
for _, set in ipairs(SETS) do
  local c = assert(h.core.open(set.corpus))
  local dev = h.load_yaml(set.dev .. "claims.yaml")
  for _, kind in ipairs({ "unsupported", "contradicted" }) do
    for _, cl in ipairs(dev[kind] or {}) do
      local r = assert(c:corroborate(cl.claim, { limit = 30, features = true }))
      local best
      for _, hit in ipairs(r.hits) do
        if may_support(r.content, hit) and (not best or hit.support > best.support) then
          best = hit
        end
      end
      if best and best.support >= LOW then
        rows[#rows + 1] = { set = set.name, kind = kind, claim = cl.claim, hit = best,
                            verdict = r.verdict, threshold = r.threshold }
      end
    end
  end
  c:close()
end
table.sort(rows, function(a, b) return a.hit.support > b.hit.support end)
for _, row in ipairs(rows) do
  local pairs_ = {}
  for _, al in ipairs(row.hit.evidence.aligned) do
    pairs_[#pairs_ + 1] = al.claim == al.source and al.claim or (al.claim .. "~" .. al.source)
  end
  io.write(("%.3f %s %s %s (%s): %s\n    by %s: %s\n    aligned %s; missing %s\n"):format(
    row.hit.support, row.hit.support >= row.threshold and "FALSE" or "near", row.set, row.kind,
    row.verdict, row.claim, row.hit.article, (row.hit.text:gsub("%s+", " ")),
    table.concat(pairs_, " "), table.concat(row.hit.evidence.missing, " ")))
end

-- Lists the supported claims of the development sets that today's engine
-- does not call supported, each with its best gold passage among the
-- candidates: its support probability, which of the support gates it fails
-- (verdict.c's verdict_may_support), what was aligned and what is missing,
-- to group the misses by cause.
--
-- Run from the repository root after `make`:
--   LUA_PATH='./lua/?.lua;./tests/lua/?.lua;;' LUA_CPATH='./build/lua5.4/?.so;;' \
--     lua5.4 tests/dev/missed_supports.lua
local h = require("helpers")
local read = h.read

local SETS = {
  { name = "default", corpus = h.corpus_dir, dev = "tests/dev/" },
  { name = "chile-miners", corpus = "tests/corpora/chile-miners", dev = "tests/dev/chile-miners/" },
}

-- the gates of verdict_may_support a hit fails, by name
local function gates(content, hit)
  local f, out = hit.features, {}
  if content < 2 then out[#out + 1] = "content<2" end
  if #hit.evidence.conflicts > 0 then out[#out + 1] = "conflict" end
  if f.facts_missing > 0 then out[#out + 1] = "facts_missing" end
  if f.names_missing >= 2 then out[#out + 1] = "names_missing" end
  if f.cov_actors < 1 - 1e-9 then out[#out + 1] = "actors" end
  if f.cov_main < 0.5 * f.cov then out[#out + 1] = "main<half" end
  if f.cov_main_content < 0.5 * f.cov_content then out[#out + 1] = "main_content<half" end
  if f.cov_words <= 0 then out[#out + 1] = "no_words" end
  return out
end

for _, set in ipairs(SETS) do
  local c = assert(h.core.open(set.corpus))
  local dev = h.load_yaml(set.dev .. "claims.yaml")
  local texts = {}
  local function is_gold(hit, gold)
    for _, g in ipairs(gold or {}) do
      if hit.article == g.article then
        texts[g.article] = texts[g.article] or read(c:article(g.article).path)
        local s, e = texts[g.article]:find(g.contains, 1, true)
        if s and hit.first <= e and s <= hit.last then return true end
      end
    end
    return false
  end
  for _, cl in ipairs(dev.claims or {}) do
    local r = assert(c:corroborate(cl.claim, { limit = 30, features = true }))
    if r.verdict ~= "supported" then
      local best, rank
      for i, hit in ipairs(r.hits) do
        if is_gold(hit, cl.gold) and (not best or hit.support > best.support) then
          best, rank = hit, i
        end
      end
      io.write(("%s %s%s (%s): %s\n"):format(set.name, cl.hard and "hard " or "", r.verdict,
        r.threshold and ("%.2f"):format(r.threshold) or "?", cl.claim))
      if best then
        local pairs_ = {}
        for _, al in ipairs(best.evidence.aligned) do
          pairs_[#pairs_ + 1] = al.claim == al.source and al.claim or (al.claim .. "~" .. al.source)
        end
        local conf = {}
        for _, cf in ipairs(best.evidence.conflicts) do
          local kind = cf.kind or "?"
          conf[#conf + 1] = ("%s:%s/%s"):format(kind, tostring(cf.claim), tostring(cf.source))
        end
        local form = "    gold #%d p=%.3f gates[%s] conflicts[%s]\n    %s\n"
          .. "    aligned %s\n    missing %s\n"
        io.write(form:format(rank, best.support, table.concat(gates(r.content, best), ","),
          table.concat(conf, "; "), (best.text:gsub("%s+", " ")), table.concat(pairs_, " "),
          table.concat(best.evidence.missing, " ")))
      else
        io.write("    no gold passage among the 30 candidates\n")
      end
    end
  end
  c:close()
end

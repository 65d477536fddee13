-- Lists the claims of the development sets that today's engine calls
-- supported although they are unsupported or contradicted, each with the
-- passage it calls support (the best hit), to group them by cause.
--
-- Run from the repository root after `make`:
--   LUA_PATH='./lua/?.lua;./tests/lua/?.lua;;' LUA_CPATH='./build/lua5.4/?.so;;' \
--     lua5.4 tests/dev/false_supports.lua
local h = require("helpers")

local SETS = {
  { name = "default", corpus = h.corpus_dir, dev = "tests/dev/" },
  { name = "chile-miners", corpus = "tests/corpora/chile-miners", dev = "tests/dev/chile-miners/" },
}

for _, set in ipairs(SETS) do
  local c = assert(h.core.open(set.corpus))
  local dev = h.load_yaml(set.dev .. "claims.yaml")
  for _, kind in ipairs({ "unsupported", "contradicted" }) do
    for _, cl in ipairs(dev[kind] or {}) do
      local r = assert(c:corroborate(cl.claim, { limit = 1 }))
      if r.verdict == "supported" then
        local hit = r.hits[1]
        io.write(("%s %s: %s\n    by %s: %s\n"):format(set.name, kind, cl.claim, hit.article,
          hit.text:gsub("%s+", " ")))
      end
    end
  end
  c:close()
end

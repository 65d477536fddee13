-- The verdict's accuracy per outcome on one development set, for the
-- retrieval section of `make bench`: one line of key=value pairs.
--
--   lua5.4 bench/retrieval/verdicts.lua <corpus-dir> <claims.yaml> <name>
local lyaml = require("lyaml")
local core = require("dossier.core")

local dir, path, name = arg[1], arg[2], arg[3]
assert(dir and path and name, "usage: verdicts.lua <corpus-dir> <claims.yaml> <name>")
local f = assert(io.open(path, "rb"))
local dev = lyaml.load(f:read("a"))
f:close()
local c = assert(core.open(dir))
local out = { ("dev=%s"):format(name) }
local clock = os.clock
local t0, queries = clock(), 0
for _, kind in ipairs({ { "supported", dev.claims }, { "unsupported", dev.unsupported },
  { "contradicted", dev.contradicted } }) do
  local n, got = 0, { supported = 0, contradicted = 0, unverified = 0 }
  for _, cl in ipairs(kind[2] or {}) do
    local r = assert(c:corroborate(cl.claim, { limit = 3 }))
    n = n + 1
    queries = queries + 1
    got[r.verdict] = got[r.verdict] + 1
  end
  out[#out + 1] = ("%s_n=%d %s_supported=%d %s_contradicted=%d %s_unverified=%d"):format(
    kind[1], n, kind[1], got.supported, kind[1], got.contradicted, kind[1], got.unverified)
end
out[#out + 1] = ("verdict_ms=%.3f"):format((clock() - t0) * 1000 / math.max(queries, 1))
c:close()
print(table.concat(out, " "))

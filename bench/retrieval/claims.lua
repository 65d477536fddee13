-- Flattens the development claims (tests/dev/claims.yaml) into lines that the
-- C programs read without a YAML parser: "claim[<TAB>article<TAB>contains]...",
-- supported claims with their gold, then unsupported ones with none.
--
--   lua5.4 bench/retrieval/claims.lua tests/dev/claims.yaml > claims.tsv
local lyaml = require("lyaml")

local path = assert(arg[1], "usage: claims.lua <claims.yaml>")
local f = assert(io.open(path, "rb"))
local dev = lyaml.load(f:read("a"))
f:close()

local function clean(s, where)
  assert(type(s) == "string" and not s:find("[\t\n]"), path .. ": bad text in " .. where)
  return s
end

local out = {}
for i, c in ipairs(dev.claims or {}) do
  local fields = { clean(c.claim, "claim " .. i) }
  for _, g in ipairs(c.gold or {}) do
    -- a gold text across a hard line break cannot be a field: the same
    -- passage is always given once more on one line, or another one is
    if not g.contains:find("\n", 1, true) then
      fields[#fields + 1] = clean(g.article, "claim " .. i)
      fields[#fields + 1] = clean(g.contains, "claim " .. i)
    end
  end
  assert(#fields > 1, path .. ": claim " .. i .. " has no gold")
  out[#out + 1] = table.concat(fields, "\t")
end
for i, u in ipairs(dev.unsupported or {}) do
  out[#out + 1] = clean(u.claim, "unsupported claim " .. i)
end
assert(#out > 0, path .. ": no claims")
io.write(table.concat(out, "\n"), "\n")

-- Writes everything corpus:corroborate() answers, for every claim of the
-- development sets and every sentence of the sample drafts, on both
-- development corpora: verdicts, sources, hits in rank order with their
-- stance, support, scores, evidence and features, at the limits the
-- plugin, the quality spec and the pickers use. Two runs of two builds
-- diff to nothing exactly when a change leaves every result as it was
-- (a speed-up must: see tests/lua/pruning_spec.lua for the test that
-- runs in make test).
--
-- Run from the repository root after `make`:
--   LUA_PATH='./lua/?.lua;./tests/lua/?.lua;;' LUA_CPATH='./build/lua5.4/?.so;;' \
--     lua5.4 tests/dev/dump_verdicts.lua >before.txt
local h = require("helpers")

local SETS = {
  { corpus = h.corpus_dir, dev = "tests/dev/" },
  { corpus = "tests/corpora/chile-miners", dev = "tests/dev/chile-miners/" },
}
local DRAFTS = { "doc/sample-draft.md", "build/bench/draft-300.md" }
local LIMITS = { 3, 5, 30 }

local out = {}
local function put(s) out[#out + 1] = s end

-- A value as text, tables with their keys sorted, numbers exact.
local function show(v, indent)
  if type(v) == "number" then
    return math.type and math.type(v) == "integer" and tostring(v) or ("%.17g"):format(v)
  elseif type(v) ~= "table" then
    return ("%q"):format(tostring(v))
  end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do
    parts[#parts + 1] = indent .. "  " .. tostring(k) .. " = " .. show(v[k], indent .. "  ")
  end
  return "{\n" .. table.concat(parts, "\n") .. "\n" .. indent .. "}"
end

for _, set in ipairs(SETS) do
  local c = assert(h.core.open(set.corpus))
  local texts = {}
  local dev = h.load_yaml(set.dev .. "claims.yaml")
  for _, section in ipairs({ "claims", "unsupported", "contradicted" }) do
    for _, cl in ipairs(dev[section] or {}) do texts[#texts + 1] = cl.claim end
  end
  for _, path in ipairs(DRAFTS) do
    local f = io.open(path, "rb")
    if f then
      local text = f:read("*a")
      f:close()
      for _, sg in ipairs(h.core.segment(text)) do
        if sg.kind == "prose" then texts[#texts + 1] = text:sub(sg.first, sg.last) end
      end
    end
  end
  for _, text in ipairs(texts) do
    for _, limit in ipairs(LIMITS) do
      local r = assert(c:corroborate(text, { limit = limit, features = limit ~= 30 }))
      put(("== %s | limit %d | %s\n%s"):format(set.corpus, limit, text, show(r, "")))
    end
  end
  c:close()
end
io.write(table.concat(out, "\n"), "\n")

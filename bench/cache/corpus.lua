-- Generates corpus-7k, the large corpus of bench/cache.sh: 7,000 articles of
-- about 72 passages each (504,000 in all), made from the shipped corpus
-- (corpus/) and the test corpora (tests/corpora/*/). Deterministic: the same
-- files on every machine.
--
--   lua5.4 bench/cache/corpus.lua <outdir> [articles]   (dossier.core on LUA_CPATH)
--
-- Each synthetic article takes a real article's front matter fields
-- (publisher, author, date) and a run of consecutive sentences from the
-- sources, in order, so paragraphs read like the originals and actors keep
-- their context (short forms such as "Kim" resolve as they do there). Every
-- sentence has its numbers changed and about one word in six swapped for
-- another word of the sources, and none is written twice, so all passages
-- are distinct. Each article opens with a heading line and carries one line
-- of site furniture taken from the sources, as real articles do. The
-- gazetteer is the union of the corpora's actors.yaml: an actor whose id or
-- any of whose names another corpus already has is left out (so "China" is
-- defined once).
local core = require("dossier.core")

local OUT = assert(arg[1], "usage: corpus.lua <outdir> [articles]")
local ARTICLES = tonumber(arg[2] or "7000")
local SENTENCES, PER_PARAGRAPH = 70, 5

local text = dofile("bench/lib/text.lua")
local read, write = text.read, text.write
local rand = text.random(20240214)

-- The source corpora: corpus/ first, then tests/corpora/* in name order.
local dirs = { "corpus" }
local p = io.popen("ls -d tests/corpora/*/ 2>/dev/null")
for d in p:lines() do
  dirs[#dirs + 1] = d:gsub("/$", "")
end
p:close()

local sources = {} -- { {fields = article, sentences = {...}} }
local furniture = {}
local words, seen_word = {}, {}
local actor_yaml, seen_id, seen_name = {}, {}, {}

local function quote(s)
  return '"' .. s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", " ") .. '"'
end

local function yaml_list(key, list)
  if #list == 0 then
    return nil
  end
  local items = {}
  for i, s in ipairs(list) do
    items[i] = quote(s)
  end
  return ("    %s: [%s]"):format(key, table.concat(items, ", "))
end

for _, dir in ipairs(dirs) do
  local c = assert(core.open(dir))
  for _, a in ipairs(c:articles()) do
    local src = { fields = a, sentences = {} }
    for _, ps in ipairs(c:passages(a.id)) do
      local s = ps.text:gsub("%s+", " ")
      if ps.kind == "prose" and #s > 20 then
        src.sentences[#src.sentences + 1] = s
        for w in s:gmatch("%a%a%a%a+") do
          if w == w:lower() and not seen_word[w] then
            seen_word[w] = true
            words[#words + 1] = w
          end
        end
      elseif ps.kind == "furniture" and #s > 10 and #s < 120 then
        furniture[#furniture + 1] = s
      end
    end
    if #src.sentences > 0 then
      sources[#sources + 1] = src
    end
  end
  for _, a in ipairs(c:actors()) do
    local names = { a.name }
    for _, l in ipairs({ a.aliases, a.standins, a.demonyms }) do
      for _, s in ipairs(l) do
        names[#names + 1] = s
      end
    end
    local clash = seen_id[a.id]
    for _, s in ipairs(names) do
      clash = clash or seen_name[s:lower()]
    end
    if not clash then
      seen_id[a.id] = true
      for _, s in ipairs(names) do
        seen_name[s:lower()] = true
      end
      local lines = { "  - id: " .. a.id, "    name: " .. quote(a.name), "    kind: " .. a.kind }
      if a.role ~= "" then
        lines[#lines + 1] = "    role: " .. quote(a.role)
      end
      for _, l in ipairs({
        yaml_list("aliases", a.aliases),
        yaml_list("standins", a.standins),
        yaml_list("demonyms", a.demonyms),
        yaml_list("short", a.short),
      }) do
        lines[#lines + 1] = l
      end
      actor_yaml[#actor_yaml + 1] = table.concat(lines, "\n")
    end
  end
  c:close()
end

local function vary(s)
  return text.vary(s, rand, words)
end
local wrap = text.wrap

os.execute(("rm -rf '%s' && mkdir -p '%s'"):format(OUT, OUT))
write(OUT .. "/actors.yaml", "actors:\n" .. table.concat(actor_yaml, "\n") .. "\n")

local seen = {}
local bytes = 0
for n = 1, ARTICLES do
  local src = sources[rand(#sources)]
  local f = src.fields
  local id = ("synthetic-%04d"):format(n)
  local out = {
    "---",
    "id: " .. id,
    ("key: synthetic%04d"):format(n),
    ("title: %s"):format(quote(("%s (%d)"):format(f.title, n))),
    "publisher: " .. quote(f.publisher),
    "author: " .. quote(f.author),
    "date: " .. quote(f.date),
    "language: en",
    "---",
    "",
    ("%s, part %d"):format(f.title, n),
    "",
  }
  local at = rand(#src.sentences)
  local para = {}
  for k = 1, SENTENCES do
    -- a sentence with little to vary soon has no new variant: the next one then
    local s, tries = nil, 0
    repeat
      s = vary(src.sentences[at % #src.sentences + 1])
      tries = tries + 1
      if tries % 4 == 0 then
        at = at + 1
      end
    until not seen[s]
    at = at + 1
    seen[s] = true
    para[#para + 1] = s
    if k % PER_PARAGRAPH == 0 or k == SENTENCES then
      out[#out + 1] = wrap(table.concat(para, " "), 80)
      out[#out + 1] = ""
      para = {}
    end
    if k == SENTENCES // 2 and #furniture > 0 then
      out[#out + 1] = furniture[rand(#furniture)]
      out[#out + 1] = ""
    end
  end
  local text = table.concat(out, "\n")
  bytes = bytes + #text
  write(("%s/%s.txt"):format(OUT, id), text)
end

io.stderr:write(("corpus-7k: %d articles, %.1f MB, %d actors, from %d source articles -> %s\n"):format(
  ARTICLES,
  bytes / 1e6,
  #actor_yaml,
  #sources,
  OUT
))

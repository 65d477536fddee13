-- Generates the benchmark inputs from the default corpus into a directory
-- (build/bench by default). Deterministic: the same files on every machine.
--
--   lua5.4 bench/inputs.lua [outdir]     (with dossier.core on LUA_CPATH)
--
-- Writes:
--   text-{1,10,100}mb.txt     article bodies repeated, one paragraph per line
--   wrapped-{1,10,100}mb.txt  the same paragraphs hard-wrapped at 80 columns
--   draft-10k.md, draft-300.md  markdown drafts made of corpus sentences
--   corpus-100k/              >= 100,000 distinct passages + actors.yaml
--   corpus-50k-actors/        the five articles + 50,000 actors
--   aliases.txt               every alias of corpus/actors.yaml, literal
local core = require("dossier.core")

local OUT = arg[1] or "build/bench"
local CORPUS = "corpus"

local text = dofile("bench/lib/text.lua")
local read, write = text.read, text.write

local rand = text.random(20231113)

local c = assert(core.open(CORPUS))
local articles = c:articles()

-- Paragraphs of every article body: front matter dropped, lines of one block
-- joined, blank-line separated blocks kept apart.
local paragraphs = {}
for _, a in ipairs(articles) do
  local body = read(a.path):gsub("\r", ""):gsub("^%-%-%-\n.-\n%-%-%-\n", "")
  for block in (body .. "\n\n"):gmatch("(.-)\n%s*\n") do
    local p = block:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
    if #p > 0 then
      paragraphs[#paragraphs + 1] = p
    end
  end
end

local wrap = text.wrap

-- Texts of exactly `size` bytes: whole paragraphs, the last one cut at a space.
local function text_of(size, wrapped)
  local parts, n, i = {}, 0, 0
  while n < size do
    local p = paragraphs[i % #paragraphs + 1]
    i = i + 1
    if wrapped then
      p = wrap(p, 80)
    end
    p = p .. (wrapped and "\n\n" or "\n")
    parts[#parts + 1] = p
    n = n + #p
  end
  local s = table.concat(parts)
  local cut = s:sub(1, size):match("^.*()[ \n]") or size
  return s:sub(1, cut - 1) .. string.rep("\n", size - cut + 1)
end

for _, mb in ipairs({ 1, 10, 100 }) do
  write(("%s/text-%dmb.txt"):format(OUT, mb), text_of(mb * 1000000, false))
  write(("%s/wrapped-%dmb.txt"):format(OUT, mb), text_of(mb * 1000000, true))
end

-- Prose sentences of the corpus, the raw material of drafts and corpus-100k.
local sentences = {}
for _, a in ipairs(articles) do
  for _, p in ipairs(c:passages(a.id)) do
    if p.kind == "prose" then
      local s = p.text:gsub("%s+", " ")
      if #s > 20 then
        sentences[#sentences + 1] = s
      end
    end
  end
end

-- A writer's markdown draft: headings, wrapped paragraphs of corpus
-- sentences, some bullet lists and block quotes.
local function draft(nlines)
  local lines = { "# Russia and North Korea: draft", "" }
  local section = 0
  while #lines < nlines do
    if #lines % 60 < 3 then
      section = section + 1
      lines[#lines + 1] = ("## Section %d"):format(section)
      lines[#lines + 1] = ""
    end
    local kind = rand(10)
    if kind == 1 then
      for _ = 1, 3 do
        lines[#lines + 1] = "- " .. sentences[rand(#sentences)]
      end
    elseif kind == 2 then
      lines[#lines + 1] = "> " .. sentences[rand(#sentences)]
    else
      local p = {}
      for k = 1, 2 + rand(3) do
        p[k] = sentences[rand(#sentences)]
      end
      for l in wrap(table.concat(p, " "), 80):gmatch("[^\n]+") do
        lines[#lines + 1] = l
      end
    end
    lines[#lines + 1] = ""
  end
  while #lines > nlines do
    lines[#lines] = nil
  end
  return table.concat(lines, "\n") .. "\n"
end
write(OUT .. "/draft-10k.md", draft(10000))
write(OUT .. "/draft-300.md", draft(300))

-- corpus-100k: articles of varied corpus sentences. Each sentence has a few
-- words swapped for other corpus words and its numbers changed, and no
-- sentence is written twice, so every passage is distinct.
local vocabulary, seen_word = {}, {}
for _, s in ipairs(sentences) do
  for w in s:gmatch("%a%a%a%a+") do
    local lw = w:lower()
    if w == lw and not seen_word[lw] then
      seen_word[lw] = true
      vocabulary[#vocabulary + 1] = lw
    end
  end
end

local function vary(s)
  return text.vary(s, rand, vocabulary)
end

local function ensure_dir(path)
  os.execute(("rm -rf '%s' && mkdir -p '%s'"):format(path, path))
end

local big = OUT .. "/corpus-100k"
ensure_dir(big)
write(big .. "/actors.yaml", read(CORPUS .. "/actors.yaml"))
local PASSAGES, PER_ARTICLE, PER_PARAGRAPH = 100000, 250, 5
local written, seen = 0, {}
local article = 0
while written < PASSAGES do
  article = article + 1
  local id = ("synthetic-%04d"):format(article)
  local out = {
    "---",
    "id: " .. id,
    ("key: synthetic%04d"):format(article),
    ('title: "Synthetic article %d"'):format(article),
    "publisher: Dossier benchmark",
    "date: \"2023-09-13\"",
    "language: en",
    "---",
    "",
  }
  local para = {}
  for k = 1, PER_ARTICLE do
    local s
    repeat
      s = vary(sentences[rand(#sentences)])
    until not seen[s]
    seen[s] = true
    para[#para + 1] = s
    if k % PER_PARAGRAPH == 0 then
      out[#out + 1] = wrap(table.concat(para, " "), 80)
      out[#out + 1] = ""
      para = {}
    end
  end
  write(("%s/%s.txt"):format(big, id), table.concat(out, "\n"))
  written = written + PER_ARTICLE
end

-- corpus-50k-actors: the five articles and 50,000 actors, the first 87 the
-- real ones, the rest made-up people with two names each.
local many = OUT .. "/corpus-50k-actors"
ensure_dir(many)
for _, a in ipairs(articles) do
  write(many .. "/" .. a.path:match("[^/]+$"), read(a.path))
end
local syllables = {
  "ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "de", "za", "pu", "xe", "bo", "gi", "fa", "hu",
}
local function made_up(n)
  local parts = {}
  repeat
    parts[#parts + 1] = syllables[n % #syllables + 1]
    n = n // #syllables
  until n == 0
  local w = table.concat(parts)
  return w:sub(1, 1):upper() .. w:sub(2)
end
local yaml = { read(CORPUS .. "/actors.yaml") }
for k = 1, 50000 - #c:actors() do
  local first, last = made_up(k + 4096), made_up(k * 7 + 65536)
  yaml[#yaml + 1] = ("  - id: synthetic-%d\n    name: %s %sov\n    kind: person\n"
    .. "    aliases: [\"%s %sov-%s\"]\n"):format(k, first, last, first, last, made_up(k))
end
write(many .. "/actors.yaml", table.concat(yaml, "\n"))

-- Every alias, literal, one per line, for peers that match a word list.
local aliases, seen_alias = {}, {}
for _, a in ipairs(c:actors()) do
  for _, list in ipairs({ { a.name }, a.aliases, a.standins, a.demonyms, a.short }) do
    for _, s in ipairs(list) do
      if not seen_alias[s] then
        seen_alias[s] = true
        aliases[#aliases + 1] = s
      end
    end
  end
end
write(OUT .. "/aliases.txt", table.concat(aliases, "\n") .. "\n")

io.stderr:write(("inputs: %d paragraphs, %d sentences, %d synthetic articles, %d aliases -> %s\n")
  :format(#paragraphs, #sentences, article, #aliases, OUT))

-- bench/suggest_precision.lua GAZETTEER SUGGEST_JSON — how many of the
-- entries `dossier actors suggest --json` proposes are actors of a
-- hand-made gazetteer (by name or alias, case, hyphens and a possessive
-- aside), how many of its actors they find, and how many kinds are right
-- (a state proposed as a place counts). Prints one markdown table row.
local yaml = require("lyaml")
local json = require("dkjson")
local function read(p)
  local f = assert(io.open(p, "rb"))
  local t = f:read("a")
  f:close()
  return t
end
local gold = yaml.load(read(arg[1])).actors
local proposed = assert(json.decode(read(arg[2])), "not JSON: " .. arg[2])
-- diacritics aside, as the core matches names: Copiapó is Copiapo
local plain = { ["á"] = "a", ["à"] = "a", ["â"] = "a", ["ä"] = "a", ["ã"] = "a", ["é"] = "e",
  ["è"] = "e", ["ê"] = "e", ["ë"] = "e", ["í"] = "i", ["ì"] = "i", ["î"] = "i", ["ï"] = "i",
  ["ó"] = "o", ["ò"] = "o", ["ô"] = "o", ["ö"] = "o", ["õ"] = "o", ["ú"] = "u", ["ù"] = "u",
  ["û"] = "u", ["ü"] = "u", ["ñ"] = "n", ["ç"] = "c", ["Á"] = "a", ["É"] = "e", ["Í"] = "i",
  ["Ó"] = "o", ["Ú"] = "u", ["Ñ"] = "n" }
local function fold(s)
  s = s:gsub("[\xC3][\x80-\xBF]", plain)
  return (s:lower():gsub("[%-%s]+", " "):gsub("’", "'"):gsub("'s$", ""))
end
local forms = {}
for _, a in ipairs(gold) do
  forms[fold(a.name)] = a
  for _, key in ipairs({ "aliases", "standins", "demonyms", "short" }) do
    for _, x in ipairs(type(a[key]) == "table" and a[key] or {}) do
      forms[fold(x)] = a
    end
  end
end
local correct, kinds, found, seen, wrong = 0, 0, 0, {}, {}
for _, s in ipairs(proposed) do
  local g = forms[fold(s.name)]
  for _, al in ipairs(s.aliases or {}) do
    g = g or forms[fold(al)]
  end
  if g then
    correct = correct + 1
    if not seen[g.id] then
      seen[g.id] = true
      found = found + 1
    end
    if g.kind == s.kind or (g.kind == "state" and s.kind == "place") then kinds = kinds + 1 end
  else
    wrong[#wrong + 1] = s.name
  end
end
print(string.format("| %d | %d | %.3f | %d of %d | %d of %d | %s |", #proposed, correct,
  #proposed > 0 and correct / #proposed or 0, found, #gold, kinds, correct,
  table.concat(wrong, ", ")))

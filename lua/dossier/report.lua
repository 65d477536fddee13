-- dossier.report — a plain-text report of what the core finds in a draft:
-- the actors named, the best corroborating passages for each sentence and the
-- verdict on each quotation. Needs only `dossier.core`, so it runs under
-- lua5.4, LuaJIT and Neovim alike (`make demo` uses it).
local M = {}

local function short(s, n)
  s = s:gsub("%s+", " ")
  if #s <= n then
    return s
  end
  local cut = n
  -- never cut a UTF-8 character in half
  while cut > 1 and s:byte(cut + 1) and s:byte(cut + 1) >= 0x80 and s:byte(cut + 1) < 0xC0 do
    cut = cut - 1
  end
  return s:sub(1, cut) .. "…"
end

local function line_of(text, pos)
  local line = 1
  for _ in text:sub(1, pos - 1):gmatch("\n") do
    line = line + 1
  end
  return line
end

--- Writes the report for `draft` (text) against `corpus` through `out(line)`.
function M.write(corpus, draft, out, opts)
  opts = opts or {}
  local limit = opts.limit or 3
  local articles = {}
  for _, a in ipairs(corpus:articles()) do
    articles[a.id] = a
  end

  out("== Actors named in the draft")
  local counts, order = {}, {}
  for _, m in ipairs(assert(corpus:scan(draft))) do
    local key = m.actor or ("ambiguous: " .. table.concat(m.ambiguous, " | "))
    if not counts[key] then
      counts[key] = { n = 0, forms = {}, kind = m.kind }
      order[#order + 1] = key
    end
    local c = counts[key]
    c.n = c.n + 1
    local form = m.text:gsub("%s+", " ")
    if m.standin then
      form = form .. " (stand-in)"
    elseif m.demonym then
      form = form .. " (demonym)"
    end
    c.forms[form] = true
  end
  for _, key in ipairs(order) do
    local c, forms = counts[key], {}
    for f in pairs(c.forms) do
      forms[#forms + 1] = f
    end
    table.sort(forms)
    out(("  %-24s %-9s ×%d  %s"):format(key, c.kind, c.n, table.concat(forms, ", ")))
  end

  out("")
  out("== Sentences and their best corroborating passages")
  local supported, total = 0, 0
  for _, s in ipairs(require("dossier.core").segment(draft)) do
    if s.kind == "prose" then
      total = total + 1
      local sentence = draft:sub(s.first, s.last)
      local r = corpus:corroborate(sentence, { limit = limit })
      if r.corroborated then
        supported = supported + 1
      end
      local plural = r.sources == 1 and "" or "s"
      local verdict = r.corroborated and ("corroborated by %d source%s"):format(r.sources, plural)
        or "NOT corroborated"
      out(("line %d: %s"):format(line_of(draft, s.first), short(sentence, 110)))
      out("    → " .. verdict)
      for i, h in ipairs(r.hits) do
        local file = h.path:match("[^/]+$")
        out(("    %d. %.2f  %s:%d  %s"):format(i, h.score, file, h.line, short(h.text, 90)))
      end
    end
  end
  out(("%d of %d sentences corroborated"):format(supported, total))

  out("")
  out("== Quotations")
  for _, q in ipairs(require("dossier.core").quotations(draft)) do
    local r = corpus:check_quote(q.text)
    local where = ""
    if r.verdict ~= "none" then
      where = ("  (%s:%d)"):format(articles[r.article].path:match("[^/]+$"), r.line)
    end
    local line = line_of(draft, q.first)
    out(("line %d: “%s” → %s%s"):format(line, short(q.text, 80), r.verdict:upper(), where))
    if r.verdict == "altered" then
      out("    source says: “" .. short(r.source, 100) .. "”")
    end
  end
end

--- Command line: lua5.4 -e 'require("dossier.report").main(arg)' CORPUS DRAFT
function M.main(args)
  local dir, path = args[1], args[2]
  if not dir or not path then
    io.stderr:write("usage: report CORPUS_DIR DRAFT_FILE\n")
    os.exit(2)
  end
  local corpus, err = require("dossier.core").open(dir)
  if not corpus then
    io.stderr:write("dossier: " .. err .. "\n")
    os.exit(1)
  end
  local f, ferr = io.open(path, "rb")
  if not f then
    io.stderr:write("dossier: " .. ferr .. "\n")
    os.exit(1)
  end
  local draft = f:read("a")
  f:close()
  print(("Dossier %s — corpus %s: %d articles, %d actors; draft %s"):format(
    require("dossier.core").version,
    dir,
    #corpus:articles(),
    #corpus:actors(),
    path
  ))
  M.write(corpus, draft, print)
  corpus:close()
end

return M

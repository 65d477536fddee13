-- Checks the development sets in tests/dev/ against the default corpus, and
-- prints (for information only) how today's engine does on claims.yaml.
--
-- Run from the repository root after `make`:
--   LUA_PATH='./lua/?.lua;./tests/lua/?.lua;;' LUA_CPATH='./build/lua5.4/?.so;;' \
--     lua5.4 tests/dev/validate.lua [-v]
-- -v also lists the claims the engine misses. Exits 1 on any violation of
-- the rules in the header of claims.yaml (and of mentions.yaml/quotes.yaml).
-- Gold that today's segmenter puts in a furniture/heading passage is listed,
-- not refused: the segmentation is what is wrong there.
local h = require("helpers")

local verbose = arg[1] == "-v"
-- DOSSIER_DEV_DIR points it at another copy of the files (to test the checks).
local DEV = os.getenv("DOSSIER_DEV_DIR") or "tests/dev/"

-- Floors this set promises (issue 10 asks for 60 / 15 / 20 and 4 of each
-- conflict kind; the set keeps a margin above them).
local FLOOR = { supported = 75, unsupported = 20, contradicted = 28, per_kind = 4 }
local KINDS = { "date", "number", "place", "actor", "negation", "antonym" }

local violations = {}
local function violation(fmt, ...) violations[#violations + 1] = fmt:format(...) end

local nonprose = {}

local c = h.open()

-- Article text and passages, by id.
local articles = {}
for _, a in ipairs(c:articles()) do
  articles[a.id] = { text = h.file(a.path), passages = assert(c:passages(a.id)) }
end

local function count_plain(text, s)
  local n, pos = 0, 1
  while true do
    local i, j = text:find(s, pos, true)
    if not i then return n end
    n = n + 1
    pos = j + 1
  end
end

-- Resolves one gold entry: returns its article, span and the passage holding
-- it, or nil after recording the violation.
local function resolve_gold(where, g)
  if
    type(g) ~= "table"
    or type(g.article) ~= "string"
    or type(g.contains) ~= "string"
    or g.contains == ""
  then
    violation("%s: gold entry needs article and contains", where)
    return nil
  end
  local a = articles[g.article]
  if not a then
    violation("%s: unknown article %q", where, g.article)
    return nil
  end
  local n = count_plain(a.text, g.contains)
  if n ~= 1 then
    violation("%s: %q occurs %d times in %s (must be exactly once)", where, g.contains, n, g.article)
    return nil
  end
  local s, e = a.text:find(g.contains, 1, true)
  local holder
  for _, p in ipairs(a.passages) do
    if p.first <= s and e <= p.last then
      holder = p
      break
    end
  end
  if not holder then
    violation("%s: %q in %s is not inside one passage (it spans a sentence boundary)", where, g.contains, g.article)
    return nil
  end
  if holder.kind ~= "prose" then
    nonprose[#nonprose + 1] = ("%s: %s passage %d (%s, line %d): %q"):format(
      where,
      g.article,
      holder.index,
      holder.kind,
      holder.line,
      g.contains
    )
  end
  return {
    article = g.article,
    first = s,
    last = e,
    passage = holder,
    sentence = a.text:sub(holder.first, holder.last),
  }
end

local function resolve_golds(where, gold)
  if type(gold) ~= "table" or #gold == 0 then
    violation("%s: needs a non-empty gold list", where)
    return {}
  end
  local out, seen = {}, {}
  for _, g in ipairs(gold) do
    local r = resolve_gold(where, g)
    if r then
      if seen[r.passage.index] then
        violation("%s: two gold entries name the same passage %d", where, r.passage.index)
      end
      seen[r.passage.index] = true
      out[#out + 1] = r
    end
  end
  return out
end

-- Claims are compared after folding case, quote style and spacing.
local function norm(s)
  -- Plain replacements: a Lua character class would split the UTF-8 bytes.
  s = s:lower():gsub("’", "'"):gsub("‘", "'"):gsub("“", '"'):gsub("”", '"')
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local claims_seen = {}
local function check_claim_text(where, claim)
  if type(claim) ~= "string" or claim == "" then
    violation("%s: claim must be a non-empty string", where)
    return false
  end
  local k = norm(claim)
  if claims_seen[k] then violation("%s: duplicate of %s: %q", where, claims_seen[k], claim) end
  claims_seen[k] = where
  return true
end

-- A hard claim is never a source sentence copied verbatim.
local function is_verbatim(claim)
  local k = norm(claim):gsub("[%.%s]+$", "")
  for _, a in pairs(articles) do
    for _, p in ipairs(a.passages) do
      if norm(a.text:sub(p.first, p.last)):find(k, 1, true) then return true end
    end
  end
  return false
end

-- ------------------------------------------------------------ claims.yaml
local dev = h.load_yaml(DEV .. "claims.yaml")
for _, section in ipairs({ "claims", "unsupported", "contradicted" }) do
  if type(dev[section]) ~= "table" then violation("claims.yaml: section %q missing", section) end
end

local supported, n_hard = {}, 0
for i, cl in ipairs(dev.claims or {}) do
  local where = ("claims[%d]"):format(i)
  if check_claim_text(where, cl.claim) then
    if type(cl.hard) ~= "boolean" then violation("%s: hard must be true or false", where) end
    if cl.hard then
      n_hard = n_hard + 1
      if is_verbatim(cl.claim) then
        violation("%s: hard claim copies a source sentence: %q", where, cl.claim)
      end
    end
    supported[#supported + 1] =
      { claim = cl.claim, hard = cl.hard, gold = resolve_golds(where, cl.gold) }
  end
end

local unsupported = {}
for i, u in ipairs(dev.unsupported or {}) do
  local where = ("unsupported[%d]"):format(i)
  if check_claim_text(where, u.claim) then
    if u.gold then violation("%s: an unsupported claim has no gold", where) end
    unsupported[#unsupported + 1] = u.claim
  end
end

local contradicted, per_kind, c_hard = {}, {}, 0
local valid_kind = {}
for _, k in ipairs(KINDS) do valid_kind[k], per_kind[k] = true, 0 end
for i, cl in ipairs(dev.contradicted or {}) do
  local where = ("contradicted[%d]"):format(i)
  if check_claim_text(where, cl.claim) then
    if type(cl.hard) ~= "boolean" then violation("%s: hard must be true or false", where) end
    if cl.hard then c_hard = c_hard + 1 end
    if not valid_kind[cl.conflict] then
      violation("%s: conflict %q is not one of %s", where, tostring(cl.conflict), table.concat(KINDS, ", "))
    else
      per_kind[cl.conflict] = per_kind[cl.conflict] + 1
    end
    if type(cl.claim_says) ~= "string" or not cl.claim:find(cl.claim_says, 1, true) then
      violation("%s: claim_says %q is not a substring of the claim", where, tostring(cl.claim_says))
    end
    local gold = resolve_golds(where, cl.gold)
    local found = false
    for _, g in ipairs(gold) do
      if type(cl.source_says) == "string" and g.sentence:find(cl.source_says, 1, true) then
        found = true
      end
    end
    if not found and #gold > 0 then
      violation("%s: source_says %q is in none of its gold sentences", where, tostring(cl.source_says))
    end
    if type(cl.source_says) == "string" and cl.source_says == cl.claim_says then
      violation("%s: claim_says and source_says are the same", where)
    end
    contradicted[#contradicted + 1] =
      { claim = cl.claim, hard = cl.hard, conflict = cl.conflict, gold = gold }
  end
end

if #supported < FLOOR.supported then
  violation("%d supported claims, floor %d", #supported, FLOOR.supported)
end
if n_hard * 2 < #supported then
  violation("%d of %d supported claims hard, need half", n_hard, #supported)
end
if #unsupported < FLOOR.unsupported then
  violation("%d unsupported claims, floor %d", #unsupported, FLOOR.unsupported)
end
if #contradicted < FLOOR.contradicted then
  violation("%d contradicted claims, floor %d", #contradicted, FLOOR.contradicted)
end
if c_hard * 2 < #contradicted then
  violation("%d of %d contradicted claims hard, need half", c_hard, #contradicted)
end
for _, k in ipairs(KINDS) do
  if per_kind[k] < FLOOR.per_kind then
    violation("%d contradicted claims of kind %s, floor %d", per_kind[k], k, FLOOR.per_kind)
  end
end

-- ---------------------------------------------------------- mentions.yaml
-- Same reading as the quality spec: each match is found after the previous.
local mentions = h.load_yaml(DEV .. "mentions.yaml")
local n_cases = 0
local function check_cases(label, cases)
  local names = {}
  for i, case in ipairs(cases or {}) do
    local where = ("mentions.yaml %s[%d] %q"):format(label, i, tostring(case.name))
    if type(case.name) ~= "string" or type(case.text) ~= "string" then
      violation("%s: needs name and text", where)
    else
      if names[case.name] then violation("%s: duplicate case name", where) end
      names[case.name] = true
      local pos = 1
      for _, e in ipairs(case.expect or {}) do
        local s, f = case.text:find(e.match or "", pos, true)
        if not s or not e.match then
          violation("%s: %q not found after byte %d", where, tostring(e.match), pos)
          break
        end
        if (e.actor == nil) == (e.ambiguous == nil) then
          violation("%s: %q needs exactly one of actor and ambiguous", where, e.match)
        end
        pos = f + 1
      end
    end
  end
  return #(cases or {})
end
n_cases = check_cases("cases", mentions.cases)

-- ------------------------------------------------------------ quotes.yaml
local quotes = h.load_yaml(DEV .. "quotes.yaml")
local qcount = { exact = 0, altered = 0, none = 0 }
local function qnorm(s) return norm(s):gsub('"', "'") end
for i, q in ipairs(quotes.cases or {}) do
  local where = ("quotes.yaml cases[%d] %q"):format(i, tostring(q.quote))
  if qcount[q.verdict] == nil then
    violation("%s: verdict %q", where, tostring(q.verdict))
  else
    qcount[q.verdict] = qcount[q.verdict] + 1
    local a = q.article and articles[q.article]
    if q.verdict ~= "none" and not a then
      violation("%s: unknown article %q", where, tostring(q.article))
    end
    if q.verdict == "exact" and a and not qnorm(a.text):find(qnorm(q.quote), 1, true) then
      violation("%s: not verbatim in %s", where, q.article)
    end
    if q.verdict == "altered" and a then
      if type(q.source) ~= "string" or count_plain(a.text, q.source) ~= 1 then
        violation("%s: source must occur exactly once in %s", where, q.article)
      end
      if qnorm(a.text):find(qnorm(q.quote), 1, true) then
        violation("%s: altered quote is verbatim", where)
      end
    end
    if q.verdict == "none" then
      for id, art in pairs(articles) do
        if qnorm(art.text):find(qnorm(q.quote), 1, true) then
          violation("%s: found verbatim in %s", where, id)
        end
      end
    end
  end
end

-- ---------------------------------------------------------------- summary
print(("claims.yaml: %d supported (%d hard), %d unsupported, %d contradicted (%d hard)"):format(#supported, n_hard,
  #unsupported, #contradicted, c_hard))
local kinds = {}
for _, k in ipairs(KINDS) do kinds[#kinds + 1] = ("%s %d"):format(k, per_kind[k]) end
print("  conflict kinds: " .. table.concat(kinds, ", "))
local per_article = {}
for _, s in ipairs(supported) do
  local seen = {}
  for _, g in ipairs(s.gold) do
    if not seen[g.article] then per_article[g.article] = (per_article[g.article] or 0) + 1 end
    seen[g.article] = true
  end
end
local pa = {}
for _, id in ipairs(h.article_ids) do pa[#pa + 1] = ("%s %d"):format(id, per_article[id] or 0) end
print("  supported claims citing each article: " .. table.concat(pa, ", "))
print(("mentions.yaml: %d cases; quotes.yaml: %d exact, %d altered, %d none"):format(n_cases,
  qcount.exact, qcount.altered, qcount.none))
if #nonprose > 0 then
  print(("gold in non-prose passage (%d):"):format(#nonprose))
  for _, s in ipairs(nonprose) do print("  " .. s) end
end

-- ------------------------------------------- today's engine (information)
local function is_gold(hit, gold)
  for _, g in ipairs(gold) do
    if hit.article == g.article and hit.first <= g.last and g.first <= hit.last then return true end
  end
  return false
end

local function supported_verdict(r)
  if r.verdict then return r.verdict == "supported" end
  return r.corroborated
end

local st = { n = 0, at1 = 0, at5 = 0, sup = 0, hn = 0, hat1 = 0, hat5 = 0, hsup = 0 }
local misses = {}
for _, s in ipairs(supported) do
  local r = assert(c:corroborate(s.claim, { limit = 5 }))
  local rank
  for k, hit in ipairs(r.hits) do
    if is_gold(hit, s.gold) then rank = k; break end
  end
  st.n = st.n + 1
  if rank == 1 then st.at1 = st.at1 + 1 end
  if rank then st.at5 = st.at5 + 1 end
  if supported_verdict(r) then st.sup = st.sup + 1 end
  if s.hard then
    st.hn = st.hn + 1
    if rank == 1 then st.hat1 = st.hat1 + 1 end
    if rank then st.hat5 = st.hat5 + 1 end
    if supported_verdict(r) then st.hsup = st.hsup + 1 end
  end
  if rank ~= 1 then
    misses[#misses + 1] = ("  %s%s %s"):format(
      rank and ("rank " .. rank) or "MISS",
      s.hard and " (hard)" or "",
      s.claim
    )
  end
end
local function pct(a, b) return b > 0 and a / b or 0 end
print("today's engine (information, not asserted):")
print(("  supported: hit@1 %d/%d = %.3f, hit@5 %d/%d = %.3f, reported supported %d/%d = %.3f"):format(st.at1, st.n,
  pct(st.at1, st.n), st.at5, st.n, pct(st.at5, st.n), st.sup, st.n, pct(st.sup, st.n)))
print(("  hard:      hit@1 %d/%d = %.3f, hit@5 %d/%d = %.3f, reported supported %d/%d = %.3f"):format(st.hat1, st.hn,
  pct(st.hat1, st.hn), st.hat5, st.hn, pct(st.hat5, st.hn), st.hsup, st.hn, pct(st.hsup, st.hn)))

local wrong_u = {}
for _, u in ipairs(unsupported) do
  local r = assert(c:corroborate(u, { limit = 5 }))
  if supported_verdict(r) then wrong_u[#wrong_u + 1] = "  " .. u end
end
print(("  unsupported reported supported: %d/%d"):format(#wrong_u, #unsupported))

local wrong_c, flagged, wrong_c_kind = {}, 0, {}
for _, k in ipairs(KINDS) do wrong_c_kind[k] = 0 end
for _, cl in ipairs(contradicted) do
  local r = assert(c:corroborate(cl.claim, { limit = 5 }))
  if supported_verdict(r) then
    wrong_c[#wrong_c + 1] = ("  [%s] %s"):format(cl.conflict, cl.claim)
    if wrong_c_kind[cl.conflict] then wrong_c_kind[cl.conflict] = wrong_c_kind[cl.conflict] + 1 end
  end
  if r.verdict == "contradicted" then flagged = flagged + 1 end
end
local wk = {}
for _, k in ipairs(KINDS) do wk[#wk + 1] = ("%s %d/%d"):format(k, wrong_c_kind[k], per_kind[k]) end
print(("  contradicted reported supported: %d/%d (%s)"):format(#wrong_c, #contradicted, table.concat(wk, ", ")))
-- Today's engine has no verdict field, so this stays 0 until issue 10 lands.
print(("  contradicted reported contradicted: %d/%d"):format(flagged, #contradicted))
if verbose then
  if #misses > 0 then
    print("supported claims not ranked first:\n" .. table.concat(misses, "\n"))
  end
  if #wrong_u > 0 then
    print("unsupported reported supported:\n" .. table.concat(wrong_u, "\n"))
  end
  if #wrong_c > 0 then
    print("contradicted reported supported:\n" .. table.concat(wrong_c, "\n"))
  end
end

c:close()

if #violations > 0 then
  io.stderr:write(("%d violation(s):\n"):format(#violations))
  for _, v in ipairs(violations) do io.stderr:write("  " .. v .. "\n") end
  os.exit(1)
end
print("OK: no violations")

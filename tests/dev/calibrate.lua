-- Fits the verdict's models on the development sets and writes
-- src/verdict_model.h (`make calibrate`).
--
--   lua5.4 tests/dev/calibrate.lua [--check] [--out src/verdict_model.h]
--
-- Run from the repository root with the Lua 5.4 binding on LUA_CPATH. Every
-- claim of every development set (supported, unsupported, contradicted) is
-- corroborated with {features = true}: the best candidates come back with
-- the features of their alignment (align.h). Three logistic regressions
-- are fitted by Newton's method with a small L2 penalty, deterministically:
--
-- * rank: is this candidate a gold passage of the claim? (supported and
--   contradicted claims, every candidate) — the order of the hits;
-- * support: does this passage say the claim? Positives: the gold passages
--   of supported claims. Negatives: the candidates of unsupported and
--   contradicted claims (those without a conflict: a missed conflict still
--   weighs against support). It weighs one share of the claim held per
--   thing held (cov_main, cov_content, cov_predicate, exact), not cov and
--   cov_words besides, which say the same again (NOT_SUPPORT): collinear
--   features the fit sets against each other do not carry to another
--   corpus;
-- * contradict: is this passage with a conflict about the same thing,
--   saying otherwise? Positives: the gold passages of contradicted claims;
--   negatives: the passages with a conflict of the other claims.
--
-- Then the two thresholds, at claim level, on a grid: the pair with the
-- least cost, where a claim wrongly called supported costs COST_SUPPORTED
-- supported claims left unverified (a check mark is trusted) and one
-- wrongly called contradicted COST_CONTRADICTED (an error on a true
-- sentence), each class weighing alike (rates, not counts).
--
-- Nothing is tuned to a sentence: the same features for every claim, three
-- regressions and two thresholds. Cross-validation fits on one corpus and
-- measures on the other, both ways, and prints the figures; the header is
-- then fitted on both. --check compares the result with the committed
-- header instead of writing it (make test runs it).
local core = require("dossier.core")

local SETS = {
  { name = "default", corpus = "corpus", claims = "tests/dev/claims.yaml" },
  { name = "chile-miners", corpus = "tests/corpora/chile-miners",
    claims = "tests/dev/chile-miners/claims.yaml" },
}
local CANDIDATES = 30 -- rank.c's CANDIDATES: every candidate comes back
local MIN_CONTENT = 2 -- rank.c's MIN_CONTENT: a claim of fewer items of weight is never supported
local LAMBDA = 1e-2   -- the L2 penalty, on standardised features
local ITERATIONS = 50
-- Issue 10's error targets, kept on every development corpus by the
-- thresholds chosen when some pair keeps them: a check mark must mean the
-- same on each corpus, not on their pool, where a corpus with few errors
-- hides another's.
local TARGET_UNSUPPORTED, TARGET_CONTRADICTED = 1 / 15, 1 / 20
-- A claim wrongly called contradicted is an error on a true sentence, shown
-- above every warning: it costs this many claims left unverified.
local COST_CONTRADICTED = tonumber(os.getenv("COST_CONTRADICTED") or "") or 3
-- A claim wrongly called supported is a check mark a writer trusts: it
-- costs this many supported claims left unverified (the issue's targets,
-- 85% supported for at most 1 in 15 wrongly, weigh about so). The grid's
-- best pair is the same for any cost from 0.75 to 2.5 (measured at
-- 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5); near 3 it jumps to a plateau that
-- leaves a third more of the true sentences unverified to spare a few false
-- check marks. 1.5 sits in the middle of the wide plateau.
local COST_SUPPORTED = tonumber(os.getenv("COST_SUPPORTED") or "") or 1.5

local out_path, check = "src/verdict_model.h", false
do
  local i = 1
  while i <= #arg do
    if arg[i] == "--check" then check = true
    elseif arg[i] == "--out" then i = i + 1; out_path = assert(arg[i], "--out needs a path")
    else error("usage: calibrate.lua [--check] [--out FILE]") end
    i = i + 1
  end
end

local FEATURES = core.features()
local NF = #FEATURES

package.path = "tests/lua/?.lua;" .. package.path
local read = require("helpers").read

-- ------------------------------------------------------------------ data

-- Is hit one of the gold passages (an article and a text in its passage)?
local function gold_checker(c)
  local texts = {}
  local function text_of(id)
    if not texts[id] then
      local a = assert(c:article(id), "no article " .. id)
      texts[id] = read(a.path)
    end
    return texts[id]
  end
  return function(hit, gold)
    for _, g in ipairs(gold or {}) do
      if hit.article == g.article then
        local s, e = text_of(g.article):find(g.contains, 1, true)
        assert(s, ("gold text not found in %s: %q"):format(g.article, g.contains))
        if hit.first <= e and s <= hit.last then return true end
      end
    end
    return false
  end
end

local function vec(t)
  local v = {}
  for k, name in ipairs(FEATURES) do v[k] = t[name] end
  return v
end

-- claims of one set: {kind = "supported"|"unsupported"|"contradicted", hard,
-- cands = {{f, fr, conflicts, gold, bm25}}}
local function load_set(set)
  local c = assert(core.open(set.corpus))
  local dev = require("helpers").load_yaml(set.claims)
  local is_gold = gold_checker(c)
  local claims = {}
  local function add(kind, list)
    for _, cl in ipairs(list or {}) do
      local r = assert(c:corroborate(cl.claim, { limit = CANDIDATES, features = true }))
      local cands = {}
      for _, h in ipairs(r.hits) do
        cands[#cands + 1] = {
          f = vec(h.features), fr = vec(h.features_resolved),
          conflicts = #h.evidence.conflicts, gold = is_gold(h, cl.gold), score = h.score,
        }
      end
      claims[#claims + 1] = { kind = kind, hard = cl.hard == true, text = cl.claim, cands = cands,
                              content = r.content, set = set.name }
    end
  end
  add("supported", dev.claims)
  add("unsupported", dev.unsupported)
  add("contradicted", dev.contradicted)
  -- a set that annotates no contradiction cannot teach what one looks like
  -- (its unsupported claims may well be contradicted by a source)
  local annotates = dev.contradicted ~= nil and #dev.contradicted > 0
  for _, cl in ipairs(claims) do cl.annotates_contradictions = annotates end
  c:close()
  return claims
end

-- ------------------------------------------------------------------ logistic regression

-- Solves A x = b (n x n, Gaussian elimination with partial pivoting).
local function solve(A, b, n)
  local M = {}
  for i = 1, n do
    M[i] = {}
    for j = 1, n do M[i][j] = A[i][j] end
    M[i][n + 1] = b[i]
  end
  for col = 1, n do
    local piv = col
    for r = col + 1, n do if math.abs(M[r][col]) > math.abs(M[piv][col]) then piv = r end end
    M[col], M[piv] = M[piv], M[col]
    local d = M[col][col]
    if math.abs(d) < 1e-12 then d = 1e-12 end
    for r = col + 1, n do
      local m = M[r][col] / d
      for j = col, n + 1 do M[r][j] = M[r][j] - m * M[col][j] end
    end
  end
  local x = {}
  for i = n, 1, -1 do
    local s = M[i][n + 1]
    for j = i + 1, n do s = s - M[i][j] * x[j] end
    local d = M[i][i]
    if math.abs(d) < 1e-12 then d = 1e-12 end
    x[i] = s / d
  end
  return x
end

-- Fits weights (raw features) and bias on rows {x = {...}, y = 0|1, w = weight};
-- the features of `without` (a set of indexes) get weight 0.
local function fit(rows, without)
  without = without or {}
  local n = #rows
  assert(n > 0, "no training rows")
  -- the weights sum to the number of rows, so the penalty means the same whatever they are
  local ws = 0
  for _, r in ipairs(rows) do r.w = r.w or 1; ws = ws + r.w end
  for _, r in ipairs(rows) do r.w = r.w * n / ws end
  -- standardise: the penalty weighs every feature alike
  local mean, sd = {}, {}
  for k = 1, NF do
    local s, s2, ws = 0, 0, 0
    for _, r in ipairs(rows) do s = s + r.w * r.x[k]; ws = ws + r.w end
    mean[k] = s / ws
    for _, r in ipairs(rows) do s2 = s2 + r.w * (r.x[k] - mean[k]) ^ 2 end
    sd[k] = math.sqrt(s2 / ws)
    if sd[k] < 1e-9 or without[k] then sd[k] = 1 end
  end
  local D = NF + 1 -- the bias last
  local beta = {}
  for k = 1, D do beta[k] = 0 end
  local function z(r)
    local v = beta[D]
    for k = 1, NF do if not without[k] then v = v + beta[k] * (r.x[k] - mean[k]) / sd[k] end end
    return v
  end
  for _ = 1, ITERATIONS do
    local H, g = {}, {}
    for i = 1, D do
      H[i] = {}
      for j = 1, D do H[i][j] = 0 end
      g[i] = 0
    end
    for _, r in ipairs(rows) do
      local p = 1 / (1 + math.exp(-z(r)))
      local xs = {}
      for k = 1, NF do xs[k] = without[k] and 0 or (r.x[k] - mean[k]) / sd[k] end
      xs[D] = 1
      local wpq = r.w * p * (1 - p)
      for i = 1, D do
        g[i] = g[i] + r.w * (r.y - p) * xs[i]
        for j = i, D do H[i][j] = H[i][j] + wpq * xs[i] * xs[j] end
      end
    end
    for i = 1, D do
      for j = 1, i - 1 do H[i][j] = H[j][i] end
      if i < D then
        g[i] = g[i] - LAMBDA * n * beta[i]
        H[i][i] = H[i][i] + LAMBDA * n
      end
      if without[i] then H[i][i] = H[i][i] + 1 end
    end
    local step = solve(H, g, D)
    local moved = 0
    for i = 1, D do beta[i] = beta[i] + step[i]; moved = math.max(moved, math.abs(step[i])) end
    if moved < 1e-10 then break end
  end
  -- back to raw features
  local w, b = {}, beta[D]
  for k = 1, NF do
    if without[k] then
      w[k] = 0
    else
      w[k] = beta[k] / sd[k]
      b = b - beta[k] * mean[k] / sd[k]
    end
  end
  return { w = w, b = b }
end

local function prob(m, x)
  local v = m.b
  for k = 1, NF do v = v + m.w[k] * x[k] end
  return 1 / (1 + math.exp(-v))
end

-- ------------------------------------------------------------------ the models

-- Features only verdict_may_support reads, no model weighs: the passage's
-- own share of the claim's report decides whether it may support at all.
local GATE_ONLY = { cov_main_content = true }

-- What of the claim's report the passage leaves out, holds of its
-- predicate or states as a mere possibility tells whether it says the
-- claim; not which passage is about the claim (the rank), nor whether a
-- conflict is a contradiction. Weighed by those models too they made the
-- cross-fits worse (more claims wrongly contradicted, fewer supported);
-- cov_predicate weighed by the contradiction model too wrongly contradicts
-- a chile-miners claim, and changes no rank.
local SUPPORT_ONLY = {
  predicate_missing = true, possibility = true, cov_predicate = true,
}

-- Features the support model does not weigh, though the gates and the
-- other models do: cov is cov_content but for the attribution's words, and
-- cov_words the share of the words, which cov_content and cov_predicate
-- hold again. Weighed beside them, the fit set one against another and
-- what it learnt on one corpus did not hold on the other: fitted on
-- chile-miners, the five articles' contradicted claims called supported fell
-- 6/67 -> 3/67 without them (unsupported 2/26 -> 1/26); fitted on both, the
-- five articles' figures stay and chile-miners' supported loses one claim.
local NOT_SUPPORT = { cov = true, cov_words = true }

-- Features the rank does not weigh: the kind of detail in conflict tells a
-- contradiction from a false one, not which passage is about the claim (nor
-- is it ever nonzero where a passage may support); and the gate's and the
-- support model's own.
local NOT_RANK = {}
for k, name in ipairs(FEATURES) do
  if name:match("^conflict_") or GATE_ONLY[name] or SUPPORT_ONLY[name] then
    NOT_RANK[k] = true
  end
end

local function fit_rank(claims)
  local rows = {}
  for _, cl in ipairs(claims) do
    if cl.kind ~= "unsupported" then
      local ng = 0
      for _, cd in ipairs(cl.cands) do if cd.gold then ng = ng + 1 end end
      if ng > 0 then
        -- each claim weighs the same whatever its number of candidates
        for _, cd in ipairs(cl.cands) do
          rows[#rows + 1] = { x = cd.f, y = cd.gold and 1 or 0,
                              w = cd.gold and 1 / ng or 1 / math.max(1, #cl.cands - ng) }
        end
      end
    end
  end
  return fit(rows, NOT_RANK)
end

local FACTS_MISSING
for k, name in ipairs(FEATURES) do if name == "facts_missing" then FACTS_MISSING = k end end
assert(FACTS_MISSING, "no facts_missing feature")

local NAMES_MISSING
for k, name in ipairs(FEATURES) do if name == "names_missing" then NAMES_MISSING = k end end
assert(NAMES_MISSING, "no names_missing feature")

-- rank.c's gate (a claim of MIN_CONTENT items of weight at least, as the
-- answer's `content` counts them) and verdict.c's verdict_may_support: no
-- conflict, every number and date there, no name of two words missing, every
-- actor held, half of it by the passage (and half of its report), one of its
-- words at least
local COV_ACTORS
for k, name in ipairs(FEATURES) do if name == "cov_actors" then COV_ACTORS = k end end
local COV_MAIN, COV_ALL
for k, name in ipairs(FEATURES) do
  if name == "cov_main" then COV_MAIN = k elseif name == "cov" then COV_ALL = k end
end
local COV_MAIN_CONTENT, COV_CONTENT
for k, name in ipairs(FEATURES) do
  if name == "cov_main_content" then
    COV_MAIN_CONTENT = k
  elseif name == "cov_content" then
    COV_CONTENT = k
  end
end
local COV_WORDS
for k, name in ipairs(FEATURES) do if name == "cov_words" then COV_WORDS = k end end
local function may_support(cl, cd)
  return cl.content >= MIN_CONTENT
    and cd.conflicts == 0
    and cd.f[FACTS_MISSING] == 0
    and cd.f[NAMES_MISSING] < 2
    and cd.f[COV_ACTORS] > 1 - 1e-9
    and cd.f[COV_MAIN] >= 0.5 * cd.f[COV_ALL]
    and cd.f[COV_MAIN_CONTENT] >= 0.5 * cd.f[COV_CONTENT]
    and cd.f[COV_WORDS] > 0
end
-- and verdict_may_contradict: a conflict, half of what the claim says besides
-- the details in conflict held (and something), half of it by the passage
local COV
for k, name in ipairs(FEATURES) do if name == "cov" then COV = k end end
local function may_contradict(cd)
  local rest = 1 - (cd.fr[COV] - cd.f[COV])
  return cd.conflicts > 0 and cd.f[COV] > 0 and cd.f[COV] >= 0.5 * rest
    and cd.f[COV_MAIN] >= 0.5 * cd.f[COV]
end

-- The support model weighs what a passage says, not where it ranks: it has
-- no bm25_rel (the top candidate of every claim has 1), and it learns from
-- each claim's best-scored candidates, those it will have to judge.
local RANK_ONLY = {}
for k, name in ipairs(FEATURES) do
  if name == "bm25_rel" or GATE_ONLY[name] then RANK_ONLY[k] = true end
end
local NOT_CONTRADICT = {}
for k in pairs(RANK_ONLY) do NOT_CONTRADICT[k] = true end
local SUPPORT_WITHOUT = {}
for k in pairs(RANK_ONLY) do SUPPORT_WITHOUT[k] = true end
for k, name in ipairs(FEATURES) do if NOT_SUPPORT[name] then SUPPORT_WITHOUT[k] = true end end
for k, name in ipairs(FEATURES) do if SUPPORT_ONLY[name] then NOT_CONTRADICT[k] = true end end
local SUPPORT_ROWS = 8

-- A regression on the rows collect(add) adds with add(x, y), the two
-- classes weighing alike, without the features of `without`; nil when a
-- class has no row.
local function fit_balanced(collect, without)
  local rows, counts = {}, { [0] = 0, [1] = 0 }
  collect(function(x, y)
    rows[#rows + 1] = { x = x, y = y }
    counts[y] = counts[y] + 1
  end)
  if counts[0] == 0 or counts[1] == 0 then return nil end
  for _, r in ipairs(rows) do r.w = 1 / counts[r.y] end
  return fit(rows, without)
end

local function fit_support(claims)
  return assert(fit_balanced(function(add)
    for _, cl in ipairs(claims) do
      local by_score = {}
      for i, cd in ipairs(cl.cands) do by_score[i] = cd end
      table.sort(by_score, function(a, b) return a.score > b.score end)
      for rank, cd in ipairs(by_score) do
        if may_support(cl, cd) and (rank <= SUPPORT_ROWS or cd.gold) then
          if cl.kind == "supported" and cd.gold then
            add(cd.f, 1)
          elseif cl.kind ~= "supported" then
            add(cd.f, 0)
          end
        end
      end
    end
  end, SUPPORT_WITHOUT), "no supported or no unsupported claim to learn support from")
end

-- The contradiction model: is this passage with a conflict about the same
-- thing, saying otherwise? Positives: the gold passages of contradicted
-- claims that may contradict. Negatives: the passages with a conflict of
-- supported and unsupported claims (a conflict there is a false one), in
-- the sets that annotate contradictions. It reads the resolved features,
-- the details in conflict counted as held, and the kind of detail in
-- conflict.
local function fit_contradict(claims)
  local m = fit_balanced(function(add)
    for _, cl in ipairs(claims) do
      for _, cd in ipairs(cl.annotates_contradictions and cl.cands or {}) do
        if may_contradict(cd) then
          if cl.kind == "contradicted" and cd.gold then
            add(cd.fr, 1)
          elseif cl.kind ~= "contradicted" then
            add(cd.fr, 0)
          end
        end
      end
    end
  end, NOT_CONTRADICT)
  if m then return m end
  local w = {} -- no set annotates contradictions: none is ever reported
  for k = 1, NF do w[k] = 0 end
  return { w = w, b = -10 }
end

-- Per claim: the best support of a passage that may support it, the best
-- contradiction of one that may contradict it.
local function claim_scores(claims, m)
  for _, cl in ipairs(claims) do
    cl.best_support, cl.best_contra, cl.support_cov, cl.contra_cov = 0, 0, 0, 0
    for _, cd in ipairs(cl.cands) do
      if may_support(cl, cd) then
        local p = prob(m.support, cd.f)
        if p > cl.best_support then cl.best_support, cl.support_cov = p, cd.f[COV] end
      elseif may_contradict(cd) then
        local p = prob(m.contradict, cd.fr)
        if p > cl.best_contra then cl.best_contra, cl.contra_cov = p, cd.fr[COV] end
      end
    end
  end
end

-- verdict.c's verdict_decide
local function decide(cl, ts, tc)
  local sup, con = cl.best_support >= ts, cl.best_contra >= tc
  if con and (not sup or cl.contra_cov > cl.support_cov) then return "contradicted" end
  return sup and "supported" or "unverified"
end

local function count(claims, kind, pred)
  local n, k = 0, 0
  for _, cl in ipairs(claims) do
    if cl.kind == kind then
      n = n + 1
      if pred(cl) then k = k + 1 end
    end
  end
  return k, n
end

-- Both thresholds on a grid: the pair with the best balance, where a claim
-- wrongly called supported costs COST_SUPPORTED supported claims left
-- unverified (a writer must be able to trust a check mark) and one wrongly
-- called contradicted COST_CONTRADICTED, among the pairs that keep the error
-- targets on each corpus of claims when any does (whether one does is
-- reported).
local function choose_thresholds(claims)
  local best, bts, btc, best_in = -math.huge, 0.99, 0.99, false
  for i = 1, 99 do
    local ts = i / 100
    for j = 1, 99 do
      local tc = j / 100
      local v, per = {}, {}
      for _, cl in ipairs(claims) do
        local d = decide(cl, ts, tc)
        per[cl.set] = per[cl.set] or {}
        for _, into in ipairs({ v, per[cl.set] }) do
          into[cl.kind] = into[cl.kind] or { n = 0 }
          local t = into[cl.kind]
          t.n = t.n + 1
          t[d] = (t[d] or 0) + 1
        end
      end
      local function rate(t, k) return t and (t[k] or 0) / math.max(t.n, 1) or 0 end
      local inside = true
      for _, p in pairs(per) do
        inside = inside and rate(p.unsupported, "supported") <= TARGET_UNSUPPORTED
          and rate(p.contradicted, "supported") <= TARGET_CONTRADICTED
      end
      local u, c, s = v.unsupported, v.contradicted, v.supported
      local score = rate(s, "supported") + rate(c, "contradicted")
        - COST_SUPPORTED * (rate(u, "supported") + rate(c, "supported"))
        - COST_CONTRADICTED * (rate(s, "contradicted") + rate(u, "contradicted"))
      if (inside and not best_in) or (inside == best_in and score > best) then
        best, bts, btc, best_in = score, ts, tc, inside
      end
    end
  end
  return bts, btc, best_in
end

local function train(claims)
  local m = { rank = fit_rank(claims), support = fit_support(claims),
              contradict = fit_contradict(claims) }
  claim_scores(claims, m)
  m.ts, m.tc, m.within = choose_thresholds(claims)
  return m
end

-- ------------------------------------------------------------------ measuring

local function measure(claims, m)
  claim_scores(claims, m)
  local r = {}
  local n, at1, at5, hn, h1 = 0, 0, 0, 0, 0
  for _, cl in ipairs(claims) do
    if cl.kind == "supported" then
      local order = {}
      for i, cd in ipairs(cl.cands) do order[i] = { p = prob(m.rank, cd.f), cd = cd, i = i } end
      table.sort(order, function(a, b) if a.p ~= b.p then return a.p > b.p end return a.i < b.i end)
      local rank
      for i, o in ipairs(order) do if o.cd.gold then rank = i; break end end
      n = n + 1
      if cl.hard then hn = hn + 1 end
      if rank == 1 then at1 = at1 + 1; if cl.hard then h1 = h1 + 1 end end
      if rank and rank <= 5 then at5 = at5 + 1 end
    end
  end
  r.hit1, r.hit5, r.hard_hit1 = at1 / math.max(n, 1), at5 / math.max(n, 1), h1 / math.max(hn, 1)
  local function sup(cl) return decide(cl, m.ts, m.tc) == "supported" end
  local function con(cl) return decide(cl, m.ts, m.tc) == "contradicted" end
  local k, t = count(claims, "supported", sup)
  r.supported = k / math.max(t, 1)
  local hk, ht = 0, 0
  for _, cl in ipairs(claims) do
    if cl.kind == "supported" and cl.hard then ht = ht + 1; if sup(cl) then hk = hk + 1 end end
  end
  r.hard_supported = hk / math.max(ht, 1)
  k, t = count(claims, "unsupported", sup)
  r.unsupported_supported, r.n_unsupported = k, t
  k, t = count(claims, "contradicted", sup)
  r.contradicted_supported, r.n_contradicted = k, t
  k = count(claims, "contradicted", con)
  r.contradicted = k / math.max(t, 1)
  r.false_contradicted = count(claims, "supported", con) + count(claims, "unsupported", con)
  return r
end

local function report(label, r)
  io.stderr:write(("  %-34s hit@1 %.3f (hard %.3f), hit@5 %.3f; supported %.3f (hard %.3f); "
    .. "unsupported→supported %d/%d; contradicted→supported %d/%d, →contradicted %.3f; "
    .. "wrongly contradicted %d\n"):format(label, r.hit1, r.hard_hit1, r.hit5, r.supported,
    r.hard_supported, r.unsupported_supported, r.n_unsupported, r.contradicted_supported,
    r.n_contradicted, r.contradicted, r.false_contradicted))
end

-- ------------------------------------------------------------------ main

local data, all = {}, {}
for _, set in ipairs(SETS) do
  io.stderr:write(("calibrate: corroborating %s\n"):format(set.claims))
  data[set.name] = load_set(set)
  for _, cl in ipairs(data[set.name]) do all[#all + 1] = cl end
end

io.stderr:write("calibrate: cross-validation (fitted on one corpus, measured on the other)\n")
for i, a in ipairs(SETS) do
  local b = SETS[3 - i]
  if b then
    local m = train(data[a.name])
    report(("fit %s, measure %s"):format(a.name, b.name), measure(data[b.name], m))
  end
end

local model = train(all)
io.stderr:write(("calibrate: fitted on both (thresholds %.2f, %.2f%s), measured on each\n"):format(
  model.ts, model.tc, model.within and "" or "; no pair keeps the error targets on each corpus"))
for _, set in ipairs(SETS) do report(set.name, measure(data[set.name], model)) end

local function nums(v)
  local t = {}
  for k = 1, NF do t[k] = ("%.6g"):format(v[k]) end
  return table.concat(t, ", ")
end
local header = table.concat({
  "/* verdict_model.h — generated by tests/dev/calibrate.lua (`make calibrate`)",
  " * from the development sets; do not edit by hand. */",
  "#ifndef DOSSIER_VERDICT_MODEL_H",
  "#define DOSSIER_VERDICT_MODEL_H",
  "",
  "/* compared byte for byte with what the sets give: left as written */",
  "/* clang-format off */",
  ("#define MODEL_FEATURES %d /* %s */"):format(NF, table.concat(FEATURES, " ")),
  "",
  ("static const double support_weights[MODEL_FEATURES] = {%s};"):format(nums(model.support.w)),
  ("static const double support_bias = %.6g;"):format(model.support.b),
  ("static const double contradict_weights[MODEL_FEATURES] = {%s};"):format(nums(model.contradict.w)),
  ("static const double contradict_bias = %.6g;"):format(model.contradict.b),
  ("static const double rank_weights[MODEL_FEATURES] = {%s};"):format(nums(model.rank.w)),
  ("static const double rank_bias = %.6g;"):format(model.rank.b),
  ("static const double support_threshold = %.6g;"):format(model.ts),
  ("static const double contradict_threshold = %.6g;"):format(model.tc),
  "/* clang-format on */",
  "",
  "#endif",
  "",
}, "\n")

if check then
  local old = read(out_path)
  if old ~= header then
    io.stderr:write(("calibrate: %s differs from what the development sets give; run make calibrate\n"):format(out_path))
    os.exit(1)
  end
  io.stderr:write(("calibrate: %s is what the development sets give\n"):format(out_path))
else
  local f = assert(io.open(out_path, "wb"))
  f:write(header)
  f:close()
  io.stderr:write(("calibrate: wrote %s\n"):format(out_path))
end

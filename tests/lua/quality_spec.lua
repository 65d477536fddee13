-- Quality floors measured on the development sets, on each development
-- corpus: the five articles (tests/dev/*.yaml) and the chile-miners corpus
-- (tests/corpora/chile-miners, tests/dev/chile-miners/*.yaml). The measured
-- figures are printed on stderr so they show in CI logs.
--
-- Floors of two kinds. Issue 10's targets (hit@1 >= 0.90, hard >= 0.85,
-- hit@5 >= 0.97, actor F1 >= 0.97, quotation verdicts all but one; the
-- verdict floors below) are asserted where the engine reaches them; where a
-- corpus does not yet, REACHED holds the level it has reached, so that
-- nothing falls back, and the target is printed beside the figure.
local h = require("helpers")

local CORPORA = {
  { name = "default", corpus = h.corpus_dir, dev = "tests/dev/" },
  { name = "chile-miners", corpus = "tests/corpora/chile-miners", dev = "tests/dev/chile-miners/" },
}

-- Issue 10's verdict targets, and per corpus the level reached (regression
-- floors, rounded down to the hundredth: a few claims' margin at most).
-- Where a corpus reaches a target, its floor is the target.
local TARGET = {
  supported = 0.85, hard_supported = 0.80, unsupported_supported = 1 / 15,
  contradicted_supported = 1 / 20, contradicted = 0.75,
}
-- Both corpora reach every target, so each floor is the target.
local REACHED = { default = TARGET, ["chile-miners"] = TARGET }

local function overlaps(a1, a2, b1, b2) return a1 <= b2 and b1 <= a2 end

local function exists(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

for _, set in ipairs(CORPORA) do
  describe(("quality floors on %s"):format(set.name), function()
    local REACHED = REACHED[set.name]
    local c
    setup(function()
      c = assert(h.core.open(set.corpus))
    end)
    teardown(function() c:close() end)

    describe("corroboration (claims.yaml)", function()
      local dev = h.load_yaml(set.dev .. "claims.yaml")

      -- Is this hit one of the claim's gold passages?
      local function is_gold(hit, gold)
        for _, g in ipairs(gold or {}) do
          if hit.article == g.article then
            local text = h.article_text(c, g.article)
            local s, e = text:find(g.contains, 1, true)
            assert(s, ("gold text not found in %s: %q"):format(g.article, g.contains))
            if overlaps(hit.first, hit.last, s, e) then return true end
          end
        end
        return false
      end

      it("finds the gold passage first for 90% of claims (85% of hard ones), in the top 5 for 97%", function()
        local n, at1, at5, hard_n, hard_at1 = 0, 0, 0, 0, 0
        local misses = {}
        for _, claim in ipairs(dev.claims) do
          local r = assert(c:corroborate(claim.claim, { limit = 5 }))
          n = n + 1
          if claim.hard then hard_n = hard_n + 1 end
          local rank
          for k, hit in ipairs(r.hits) do
            if is_gold(hit, claim.gold) then rank = k; break end
          end
          if rank == 1 then
            at1 = at1 + 1
            if claim.hard then hard_at1 = hard_at1 + 1 end
          end
          if rank then at5 = at5 + 1 end
          if rank ~= 1 then
            misses[#misses + 1] = ("  %s %s\n      top: %s"):format(
              rank and ("rank " .. rank) or "MISS",
              claim.claim,
              r.hits[1] and (r.hits[1].article .. ": " .. r.hits[1].text:sub(1, 90)) or "(none)"
            )
          end
        end
        h.note(
          "%s: hit@1 = %d/%d = %.3f (hard %d/%d = %.3f), hit@5 = %d/%d = %.3f",
          set.name,
          at1,
          n,
          at1 / n,
          hard_at1,
          hard_n,
          hard_at1 / math.max(hard_n, 1),
          at5,
          n,
          at5 / n
        )
        if #misses > 0 then
          h.note("%s: claims not ranked first:\n%s", set.name, table.concat(misses, "\n"))
        end
        assert.is_true(n > 0)
        assert.is_true(at1 / n >= 0.90, ("hit@1 %.3f < 0.90"):format(at1 / n))
        assert.is_true(
          hard_n == 0 or hard_at1 / hard_n >= 0.85,
          ("hard hit@1 %.3f < 0.85"):format(hard_at1 / hard_n)
        )
        assert.is_true(at5 / n >= 0.97, ("hit@5 %.3f < 0.97"):format(at5 / n))
      end)

      -- The verdict on every claim of the set, by kind.
      local function verdicts(list)
        local out = {
          n = 0,
          supported = 0,
          contradicted = 0,
          unverified = 0,
          hard = 0,
          hard_supported = 0,
          wrong = {},
        }
        for _, cl in ipairs(list or {}) do
          local r = assert(c:corroborate(cl.claim, { limit = 3 }))
          assert.is_true(r.corroborated == (r.verdict == "supported"))
          out.n = out.n + 1
          out[r.verdict] = out[r.verdict] + 1
          if cl.hard then
            out.hard = out.hard + 1
            if r.verdict == "supported" then out.hard_supported = out.hard_supported + 1 end
          end
          out.wrong[#out.wrong + 1] = { claim = cl.claim, verdict = r.verdict, hit = r.hits[1] }
        end
        return out
      end

      local function floor_note(what, got, target, reached, above)
        local met = above and got >= target or not above and got <= target
        return ("%s %.3f (target %s %.3f: %s; floor %s %.3f)"):format(
          what,
          got,
          above and ">=" or "<=",
          target,
          met and "met" or "not yet",
          above and ">=" or "<=",
          reached
        )
      end

      it("reports supported claims supported", function()
        local v = verdicts(dev.claims)
        local rate, hard = v.supported / v.n, v.hard_supported / math.max(v.hard, 1)
        h.note(
          "%s: %s; hard %s; %d contradicted, %d unverified",
          set.name,
          floor_note(
            "supported claims reported supported",
            rate,
            TARGET.supported,
            REACHED.supported,
            true
          ),
          floor_note("", hard, TARGET.hard_supported, REACHED.hard_supported, true),
          v.contradicted,
          v.unverified
        )
        assert.is_true(v.n > 0)
        assert.is_true(
          rate >= REACHED.supported,
          ("supported %.3f < %.2f"):format(rate, REACHED.supported)
        )
        assert.is_true(
          hard >= REACHED.hard_supported,
          ("hard supported %.3f < %.2f"):format(hard, REACHED.hard_supported)
        )
      end)

      it("reports few unsupported claims supported", function()
        local v = verdicts(dev.unsupported)
        local rate = v.supported / math.max(v.n, 1)
        local wrong = {}
        for _, w in ipairs(v.wrong) do
          if w.verdict == "supported" then
            wrong[#wrong + 1] = ("  %s\n      by %s: %s"):format(
              w.claim,
              w.hit.article,
              w.hit.text:sub(1, 90)
            )
          end
        end
        h.note(
          "%s: %s (%d of %d)",
          set.name,
          floor_note(
            "unsupported claims reported supported",
            rate,
            TARGET.unsupported_supported,
            REACHED.unsupported_supported,
            false
          ),
          v.supported,
          v.n
        )
        if #wrong > 0 then
          h.note("%s: wrongly supported:\n%s", set.name, table.concat(wrong, "\n"))
        end
        assert.is_true(v.n > 0)
        assert.is_true(rate <= REACHED.unsupported_supported,
          ("%d of %d unsupported claims supported"):format(v.supported, v.n))
      end)

      it("reports contradicted claims contradicted, and seldom supported", function()
        if not dev.contradicted then
          h.note("%s: no contradicted claims in this development set yet", set.name)
          return
        end
        local v = verdicts(dev.contradicted)
        local sup, con = v.supported / v.n, v.contradicted / v.n
        local missed = {}
        for i, w in ipairs(v.wrong) do
          if w.verdict ~= "contradicted" then
            missed[#missed + 1] = ("  [%s] %s: %s"):format(
              dev.contradicted[i].conflict,
              w.verdict,
              w.claim
            )
          end
        end
        h.note(
          "%s: %s; %s",
          set.name,
          floor_note(
            "contradicted claims reported supported",
            sup,
            TARGET.contradicted_supported,
            REACHED.contradicted_supported,
            false
          ),
          floor_note("reported contradicted", con, TARGET.contradicted, REACHED.contradicted, true)
        )
        if #missed > 0 then
          h.note(
            "%s: contradicted claims not reported so:\n%s",
            set.name,
            table.concat(missed, "\n")
          )
        end
        assert.is_true(
          sup <= REACHED.contradicted_supported,
          ("contradicted→supported %.3f"):format(sup)
        )
        assert.is_true(con >= REACHED.contradicted, ("contradicted→contradicted %.3f"):format(con))
      end)

      it("names the conflict's detail and the source's words", function()
        if not dev.contradicted then return end
        local named, kinds = 0, 0
        for _, cl in ipairs(dev.contradicted) do
          local r = assert(c:corroborate(cl.claim, { limit = 3 }))
          if r.verdict == "contradicted" then
            for _, hit in ipairs(r.hits) do
              if hit.stance == "contradicts" then
                assert.is_true(#hit.evidence.conflicts > 0)
                for _, x in ipairs(hit.evidence.conflicts) do
                  assert.is_string(x.kind)
                  assert.truthy(cl.claim:find(x.claim, 1, true), x.claim)
                  assert.truthy(
                    hit.text:find(x.source, 1, true)
                      or h.article_text(c, hit.article):find(x.source, 1, true)
                  )
                  if x.kind == cl.conflict then kinds = kinds + 1 end
                end
                named = named + 1
                break
              end
            end
          end
        end
        h.note("%s: %d contradicting hits checked, %d conflicts of the annotated kind", set.name, named, kinds)
      end)
    end)

    describe("actor mentions (mentions.yaml)", function()
      local path = set.dev .. "mentions.yaml"
      local dev = exists(path) and h.load_yaml(path) or { cases = {} }

      local function label(actor, ambiguous)
        if actor then return actor end
        return "?" .. table.concat(h.sorted(ambiguous or {}), ",")
      end

      local function key(first, last, lab) return first .. ":" .. last .. ":" .. lab end

      it("reaches F1 >= 0.97 over (span, actor or candidates)", function()
        local tp, npred, ngold = 0, 0, 0
        local flag_errors, failing = 0, {}
        for _, case in ipairs(dev.cases) do
          local text = case.text
          local gold, gold_list, pos = {}, {}, 1
          for _, e in ipairs(case.expect or {}) do
            local s, f = text:find(e.match, pos, true)
            assert(s, ("case %q: %q not found after byte %d"):format(case.name, e.match, pos))
            local k = key(s, f, label(e.actor, e.ambiguous))
            gold[k] = e
            gold_list[#gold_list + 1] = k
            pos = f + 1
          end
          local spans = assert(c:scan(text))
          local case_tp = 0
          for _, sp in ipairs(spans) do
            local e = gold[key(sp.first, sp.last, label(sp.actor, sp.ambiguous))]
            if e then
              case_tp = case_tp + 1
              if (e.standin == true) ~= sp.standin or (e.demonym == true) ~= sp.demonym then
                flag_errors = flag_errors + 1
              end
            end
          end
          tp, npred, ngold = tp + case_tp, npred + #spans, ngold + #gold_list
          if case_tp ~= #gold_list or case_tp ~= #spans then
            local got = {}
            for _, sp in ipairs(spans) do
              got[#got + 1] = ("%q=%s"):format(
                text:sub(sp.first, sp.last),
                label(sp.actor, sp.ambiguous)
              )
            end
            local want = {}
            for _, e in ipairs(case.expect or {}) do
              want[#want + 1] = ("%q=%s"):format(e.match, label(e.actor, e.ambiguous))
            end
            failing[#failing + 1] = ("  %s\n      want: %s\n      got:  %s"):format(case.name,
              table.concat(want, " "), table.concat(got, " "))
          end
        end
        local p = npred > 0 and tp / npred or 0
        local r = ngold > 0 and tp / ngold or 0
        local f1 = (p + r) > 0 and 2 * p * r / (p + r) or 0
        h.note("%s: mentions: precision %.3f, recall %.3f, F1 %.3f (%d cases, %d expected, %d found, %d correct, %d flag errors)",
          set.name, p, r, f1, #dev.cases, ngold, npred, tp, flag_errors)
        if #failing > 0 then
          h.note("%s: failing mention cases:\n%s", set.name, table.concat(failing, "\n"))
        end
        assert.is_true(ngold > 0)
        assert.is_true(f1 >= 0.97, ("F1 %.3f < 0.97"):format(f1))
      end)
    end)

    describe("quotations (quotes.yaml)", function()
      local path = set.dev .. "quotes.yaml"
      local dev = exists(path) and h.load_yaml(path) or { cases = {} }

      it("gets all verdicts but one right, with the right article", function()
        local n, right, wrong_article, failing = 0, 0, {}, {}
        for _, case in ipairs(dev.cases) do
          n = n + 1
          local q = assert(c:check_quote(case.quote))
          if q.verdict == case.verdict then
            right = right + 1
            if case.verdict ~= "none" and q.article ~= case.article then
              wrong_article[#wrong_article + 1] = ("  %q: %s, expected %s"):format(case.quote,
                tostring(q.article), case.article)
            end
          else
            failing[#failing + 1] = ("  %q: %s (%.2f), expected %s"):format(case.quote, q.verdict,
              q.similarity, case.verdict)
          end
        end
        h.note("%s: quotations: %d/%d verdicts right, %d with the wrong article", set.name, right, n, #wrong_article)
        if #failing > 0 then
          h.note("%s: wrong verdicts:\n%s", set.name, table.concat(failing, "\n"))
        end
        if #wrong_article > 0 then
          h.note("%s: wrong articles:\n%s", set.name, table.concat(wrong_article, "\n"))
        end
        assert.is_true(n > 0)
        assert.is_true(right >= n - 1, ("%d/%d verdicts right, floor %d"):format(right, n, n - 1))
        assert.are.equal(0, #wrong_article, table.concat(wrong_article, "\n"))
      end)
    end)
  end)
end

-- Quality floors measured on the development set (tests/dev/*.yaml).
-- The measured figures are printed on stderr so they show in CI logs.
local h = require("helpers")

local DEV = "tests/dev/"

local function overlaps(a1, a2, b1, b2) return a1 <= b2 and b1 <= a2 end

describe("quality floors", function()
  local c
  setup(function() c = h.open() end)
  teardown(function() c:close() end)

  describe("corroboration (claims.yaml)", function()
    local dev = h.load_yaml(DEV .. "claims.yaml")

    -- Is this hit one of the claim's gold passages?
    local function is_gold(hit, gold)
      for _, g in ipairs(gold) do
        if hit.article == g.article then
          local text = h.article_text(c, g.article)
          local s, e = text:find(g.contains, 1, true)
          assert(s, ("gold text not found in %s: %q"):format(g.article, g.contains))
          if overlaps(hit.first, hit.last, s, e) then return true end
        end
      end
      return false
    end

    it("finds the gold passage first for 85% of claims and in the top 5 for 97%", function()
      local n, at1, at5 = 0, 0, 0
      local hard_n, hard_at1 = 0, 0
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
          misses[#misses + 1] = ("  %s %s\n      top: %s"):format(rank and ("rank " .. rank) or "MISS",
            claim.claim, r.hits[1] and (r.hits[1].article .. ": " .. r.hits[1].text:sub(1, 90)) or "(none)")
        end
      end
      h.note("corroboration: hit@1 = %d/%d = %.3f (hard %d/%d), hit@5 = %d/%d = %.3f",
        at1, n, at1 / n, hard_at1, hard_n, at5, n, at5 / n)
      if #misses > 0 then h.note("claims not ranked first:\n%s", table.concat(misses, "\n")) end
      assert.is_true(n > 0)
      assert.is_true(at1 / n >= 0.85, ("hit@1 %.3f < 0.85"):format(at1 / n))
      assert.is_true(at5 / n >= 0.97, ("hit@5 %.3f < 0.97"):format(at5 / n))
    end)

    it("corroborates at most 1 in 8 unsupported claims", function()
      local n, wrong = 0, {}
      for _, u in ipairs(dev.unsupported) do
        local r = assert(c:corroborate(u.claim, { limit = 5 }))
        n = n + 1
        if r.corroborated then
          wrong[#wrong + 1] = ("  %s\n      by %s: %s"):format(u.claim, r.hits[1].article, r.hits[1].text:sub(1, 90))
        end
      end
      h.note("corroboration: %d/%d unsupported claims wrongly corroborated (limit %.2f)", #wrong, n, n / 8)
      if #wrong > 0 then h.note("wrongly corroborated:\n%s", table.concat(wrong, "\n")) end
      assert.is_true(n > 0)
      assert.is_true(#wrong <= n / 8, ("%d of %d unsupported claims corroborated"):format(#wrong, n))
    end)
  end)

  describe("actor mentions (mentions.yaml)", function()
    local dev = h.load_yaml(DEV .. "mentions.yaml")

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
        local pred_list, case_tp = {}, 0
        for _, sp in ipairs(spans) do
          local k = key(sp.first, sp.last, label(sp.actor, sp.ambiguous))
          pred_list[#pred_list + 1] = k
          local e = gold[k]
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
            got[#got + 1] = ("%q=%s"):format(text:sub(sp.first, sp.last), label(sp.actor, sp.ambiguous))
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
      h.note("mentions: precision %.3f, recall %.3f, F1 %.3f (%d cases, %d expected, %d found, %d correct, %d flag errors)",
        p, r, f1, #dev.cases, ngold, npred, tp, flag_errors)
      if #failing > 0 then h.note("failing mention cases:\n%s", table.concat(failing, "\n")) end
      assert.is_true(ngold > 0)
      assert.is_true(f1 >= 0.97, ("F1 %.3f < 0.97"):format(f1))
    end)
  end)

  describe("quotations (quotes.yaml)", function()
    local dev = h.load_yaml(DEV .. "quotes.yaml")

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
        if case.verdict == "altered" and q.verdict == "altered" and case.source and q.source ~= case.source then
          h.note("quote %q: source wording %q, expected %q", case.quote, tostring(q.source), case.source)
        end
      end
      h.note("quotations: %d/%d verdicts right, %d with the wrong article", right, n, #wrong_article)
      if #failing > 0 then h.note("wrong verdicts:\n%s", table.concat(failing, "\n")) end
      if #wrong_article > 0 then h.note("wrong articles:\n%s", table.concat(wrong_article, "\n")) end
      assert.is_true(n > 0)
      assert.is_true(right >= n - 1, ("%d/%d verdicts right, floor %d"):format(right, n, n - 1))
      assert.are.equal(0, #wrong_article, table.concat(wrong_article, "\n"))
    end)
  end)
end)

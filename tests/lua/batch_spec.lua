-- corpus:corroborate_batch: many claims answered on the core's own threads
-- (dossier_batch_*), as corpus:corroborate answers them one by one.
local h = require("helpers")

local claims = {
  "Putin vowed to help North Korea develop satellites.",
  "Putin refused to help North Korea develop satellites.",
  "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on September 13.",
  "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on September 20.",
  "Beijing, meanwhile, watches quietly.",
  "None of this is new.",
  "",
}

describe("corpus:corroborate_batch", function()
  it("gives corpus:corroborate's tables, asked in any order, waiting or not", function()
    local c = h.open()
    local b = c:corroborate_batch(claims, { limit = 2 })
    local got = {}
    for i = #claims, 1, -1 do
      got[i] = b:result(i, true)
    end
    -- asked again without waiting: there, and the same
    assert.are.same(got[1], b:result(1))
    b:close()
    for i, text in ipairs(claims) do
      assert.are.same(c:corroborate(text, { limit = 2 }), got[i], text)
    end
    assert.are.equal("contradicted", got[2].verdict)
    assert.are.equal("contradicts", got[4].hits[1].stance)
    assert.are.equal("date", got[4].hits[1].evidence.conflicts[1].kind)
  end)

  it("answers nil, not yet, before a claim is worked out; close stops the rest", function()
    local c = h.open()
    local many = {}
    for i = 1, 300 do
      many[i] = claims[(i - 1) % #claims + 1]
    end
    local b = c:corroborate_batch(many)
    local last = b:result(#many)
    assert.is_true(last == nil or type(last) == "table")
    b:close()
    b:close() -- idempotent
    h.raises("closed", b.result, b, 1)
  end)

  it("is stopped by corpus:close and by the collector, with no harm", function()
    local c = h.open()
    local b = c:corroborate_batch(claims)
    c:close()
    h.raises("closed", b.result, b, 1)
    c = h.open()
    c:corroborate_batch(claims) -- dropped at once
    h.full_gc()
    assert.are.equal("supported", c:corroborate(claims[1]).verdict)
  end)

  it("takes an empty list", function()
    local b = h.open():corroborate_batch({})
    h.raises("from 1 to 0", b.result, b, 1)
  end)

  it("raises for bad arguments", function()
    local c = h.open()
    h.raises("texts", c.corroborate_batch, c, "Putin met Kim.")
    h.raises("texts[2]", c.corroborate_batch, c, { "Putin met Kim.", 5 })
    h.raises("limit", c.corroborate_batch, c, claims, { limit = 0 })
    h.raises("options", c.corroborate_batch, c, claims, 5)
    local b = c:corroborate_batch(claims)
    h.raises("from 1 to 7", b.result, b, 0)
    h.raises("from 1 to 7", b.result, b, 8)
    h.raises("from 1 to 7", b.result, b, "1")
    h.raises("dossier.batch", b.result, c, 1)
    b:close()
  end)
end)

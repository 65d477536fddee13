-- The check's memo (lua/dossier/memo.lua) on a real corpus: an answer is
-- asked of the core once per text, kept apart per corpus object, bounded in
-- entries, and a text longer than max_key is asked anew every time, so one
-- long paragraph edited again and again cannot fill memory.
local h = require("helpers")
local memo = require("dossier.memo")

describe("check memo", function()
  local c, other
  before_each(function()
    memo.clear()
    c, other = h.open(), h.open()
  end)
  after_each(function()
    c:close()
    other:close()
  end)

  -- memo.get with a counter of the core's answers
  local function ask(corpus, text, counter)
    return memo.get(corpus, text, function()
      counter.n = counter.n + 1
      return corpus:corroborate(text, { limit = 1 }).verdict
    end)
  end

  it("asks once per text and corpus", function()
    local n = { n = 0 }
    local s = "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome."
    local v1, kept1 = ask(c, s, n)
    local v2, kept2 = ask(c, s, n)
    assert.are.equal(v1, v2)
    assert.is_false(kept1)
    assert.is_true(kept2)
    assert.are.equal(1, n.n)
    ask(other, s, n) -- another corpus object: its own memo
    assert.are.equal(2, n.n)
    assert.are.equal(1, memo.size(c))
  end)

  it("answers a text longer than max_key anew and keeps nothing of it", function()
    local n = { n = 0 }
    local long = ("Putin vowed to help North Korea build satellites and "):rep(60)
    assert.is_true(#long > memo.max_key)
    local v1, kept1 = ask(c, long, n)
    local v2, kept2 = ask(c, long, n)
    assert.are.equal(v1, v2)
    assert.is_false(kept1)
    assert.is_false(kept2)
    assert.are.equal(2, n.n)
    assert.are.equal(0, memo.size(c))
  end)

  it("keeps at most twice max_entries, the most recent first", function()
    local saved = memo.max_entries
    memo.max_entries = 4
    local n = { n = 0 }
    for i = 1, 20 do
      memo.get(c, "text " .. i, function()
        n.n = n.n + 1
        return i
      end)
    end
    assert.is_true(memo.size(c) <= 8)
    local v, kept = memo.get(c, "text 20", function()
      return -1
    end)
    memo.max_entries = saved
    assert.is_true(kept)
    assert.are.equal(20, v)
  end)
end)

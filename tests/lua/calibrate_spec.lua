-- `make calibrate` reproduces the committed src/verdict_model.h from the
-- development sets: the models the core uses are the ones the sets give.
local h = require("helpers")

describe("calibration", function()
  it("gives the committed verdict model from the development sets", function()
    if not h.have("lua5.4") then
      pending("lua5.4 is not installed")
      return
    end
    local out, code = h.run("LUA_CPATH='./build/lua5.4/?.so;;' lua5.4 tests/dev/calibrate.lua --check 2>&1")
    h.note("%s", out)
    assert.are.equal(0, code, out)
    assert.truthy(out:find("is what the development sets give", 1, true), out)
    assert.truthy(out:find("fit default, measure chile-miners", 1, true), out)
  end)
end)

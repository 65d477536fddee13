-- The build itself: what `make` does and does not do, and the rockspec kept
-- in step with the Makefile. Runs the real make on this tree, in a scratch
-- build directory.
local h = require("helpers")
local lfs = require("lfs")

-- make as a user runs it: not as a sub-make of `make test` (no inherited
-- flags or jobserver) and without the sanitizer runtime the ASan run preloads.
local function make(args)
  return h.run("env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u LD_PRELOAD make --no-print-directory " .. args)
end

-- The rockspec's fields, read as the Lua it is.
local function rockspec(path)
  local env = {}
  local chunk
  if setfenv then
    chunk = assert(loadfile(path))
    setfenv(chunk, env)
  else
    chunk = assert(loadfile(path, "t", env))
  end
  chunk()
  return env
end

describe("the build", function()
  local tmp
  before_each(function() tmp = h.tmpdir() end)
  after_each(function() h.rmtree(tmp) end)

  it("gives the Lua module exactly the C files of src/ (the Makefile's sources)", function()
    local spec = rockspec("dossier-scm-1.rockspec")
    local sources = spec.build.modules["dossier.core"].sources
    local want = {}
    for name in lfs.dir("src") do
      if name:match("%.c$") then want[#want + 1] = "src/" .. name end
    end
    assert.is_true(#want > 0)
    assert.are.same(h.sorted(want), h.sorted(sources))
    for _, f in ipairs(sources) do
      assert.is_nil(f:find("src/cli/", 1, true), f) -- the dossier program is not part of the module
    end
  end)

  it("never installs packages on a plain make; make deps does", function()
    local out, code = make("-n BUILD=" .. tmp)
    assert.are.equal(0, code, out)
    assert.truthy(out:find("cc ", 1, true), out) -- it would compile
    assert.is_nil(out:find("apt-get update", 1, true), out)
    assert.is_nil(out:find("DEBIAN_FRONTEND", 1, true), out)
    out, code = make("-n deps BUILD=" .. tmp)
    assert.are.equal(0, code, out)
    assert.truthy(out:find("DEBIAN_FRONTEND", 1, true), out)
  end)

  it("stops before compiling when a library is missing, with the apt-get line", function()
    local out, code = make("BUILD=" .. tmp .. " BUILD_NEEDS='dossier-no-such-module:libdossier-nothing-dev"
      .. " h/dossier_no_such_header.h:libdossier-noheader-dev yaml-0.1:libyaml-dev'")
    assert.are_not.equal(0, code, out)
    assert.truthy(out:find("apt-get install libdossier-nothing-dev libdossier-noheader-dev\n", 1, true), out)
    assert.is_nil(out:find("libyaml-dev", 1, true), out) -- what is there is not asked for
    assert.is_nil(lfs.attributes(tmp .. "/obj"), "nothing was compiled")
  end)
end)

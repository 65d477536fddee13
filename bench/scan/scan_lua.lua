-- scan_lua.lua — times corpus:scan() of the dossier.core binding on a whole file.
--
-- usage: luajit|lua5.4 bench/scan/scan_lua.lua CORPUS_DIR FILE [RUNS]
-- Run from the repository root: it loads lua/dossier/core.so under LuaJIT and
-- build/lua5.4/dossier/core.so under Lua 5.4, and the clock module
-- bench/scan/clock.c that bench/scan.sh builds for each Lua. Opening the
-- corpus and reading the file are not timed; each run is one
-- corpus:scan(text), which includes building the Lua table of spans the
-- binding returns. A full garbage collection between runs keeps one run's
-- garbage out of the next. Prints "<spans> <seconds> ..." like the C programs.

local lua = jit and "luajit" or "lua5.4"
package.cpath = (jit and "lua/?.so;" or "build/lua5.4/?.so;")
  .. "build/bench/bin/" .. lua .. "/?.so;" .. package.cpath
local now = require("benchclock").now

local dir, path, runs = arg[1], arg[2], tonumber(arg[3] or "5")
if not dir or not path or not runs or runs < 1 then
  io.stderr:write("usage: scan_lua.lua CORPUS_DIR FILE [RUNS]\n")
  os.exit(2)
end

local core = require("dossier.core")
local corpus, msg = core.open(dir)
if not corpus then
  io.stderr:write(msg, "\n")
  os.exit(1)
end
local f, ferr = io.open(path, "rb")
if not f then
  io.stderr:write(ferr, "\n")
  os.exit(1)
end
local text = f:read("*a")
f:close()

local out, spans = {}, 0
for r = 1, runs do
  collectgarbage("collect")
  local t0 = now()
  local result = corpus:scan(text)
  out[r] = string.format("%.6f", now() - t0)
  spans = #result
  result = nil -- garbage for the next collectgarbage(), outside the timing
end
io.write(spans, " ", table.concat(out, " "), "\n")
corpus:close()

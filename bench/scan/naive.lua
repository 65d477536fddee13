-- naive.lua — the approach many Neovim plugins take to highlight names: for
-- each line, for each alias, string.find (plain) on the lowered line.
--
-- usage: luajit bench/scan/naive.lua ALIASES FILE [RUNS]
-- The file is split into lines before timing (a plugin gets its lines from
-- the buffer). Each run lowers every line and finds every occurrence of every
-- lowered alias, keeping those with an ASCII word boundary on both sides. It
-- counts every (alias, occurrence) pair: overlapping aliases ("kim" inside
-- "kim jong un") are counted once each, as a plugin would highlight both.
-- Timed with the clock of bench/scan/clock.c, as scan_lua.lua.
-- Prints "<matches> <seconds> ...".

package.cpath = "build/bench/bin/" .. (jit and "luajit" or "lua5.4") .. "/?.so;" .. package.cpath
local now = require("benchclock").now

local apath, path, runs = arg[1], arg[2], tonumber(arg[3] or "5")
if not apath or not path or not runs or runs < 1 then
  io.stderr:write("usage: naive.lua ALIASES FILE [RUNS]\n")
  os.exit(2)
end

local function slurp(p)
  local f, err = io.open(p, "rb")
  if not f then
    io.stderr:write(err, "\n")
    os.exit(1)
  end
  local s = f:read("*a")
  f:close()
  return s
end

local aliases = {}
for a in slurp(apath):gmatch("[^\r\n]+") do
  aliases[#aliases + 1] = a:lower()
end
local lines = {}
do
  local text, at = slurp(path), 1
  while at <= #text do
    local nl = text:find("\n", at, true) or #text + 1
    lines[#lines + 1] = text:sub(at, nl - 1)
    at = nl + 1
  end
end

-- Bytes that make a word: ASCII letters and digits.
local word = {}
for c = 0, 255 do
  local ch = string.char(c)
  word[c] = ch:match("%w") ~= nil
end

local function count_all()
  local n = 0
  local find, byte, lower = string.find, string.byte, string.lower
  for li = 1, #lines do
    local s = lower(lines[li])
    for ai = 1, #aliases do
      local a = aliases[ai]
      local init = 1
      while true do
        local i, j = find(s, a, init, true)
        if not i then break end
        if (i == 1 or not word[byte(s, i - 1)]) and not word[byte(s, j + 1) or 32] then
          n = n + 1
        end
        init = i + 1
      end
    end
  end
  return n
end

local out, matches = {}, 0
for r = 1, runs do
  local t0 = now()
  matches = count_all()
  out[r] = string.format("%.6f", now() - t0)
end
io.write(matches, " ", table.concat(out, " "), "\n")

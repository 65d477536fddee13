-- text.lua — what the input generators share (bench/inputs.lua,
-- bench/cache/corpus.lua): files, hard wrapping, and a fixed random
-- generator so that inputs do not depend on Lua's math.random.
local M = {}

--- The whole file at path.
function M.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

--- path made to hold s.
function M.write(path, s)
  local f = assert(io.open(path, "wb"))
  assert(f:write(s))
  f:close()
end

--- p's words wrapped at `width` columns.
function M.wrap(p, width)
  local lines, line = {}, ""
  for word in p:gmatch("%S+") do
    if #line > 0 and #line + 1 + #word > width then
      lines[#lines + 1] = line
      line = word
    else
      line = #line > 0 and (line .. " " .. word) or word
    end
  end
  lines[#lines + 1] = line
  return table.concat(lines, "\n")
end

--- A linear congruential generator from `seed`: rand(n) is 1..n.
function M.random(seed)
  return function(n)
    seed = (seed * 6364136223846793005 + 1442695040888963407) & 0x7fffffffffffffff
    return (seed >> 33) % n + 1
  end
end

--- s with its numbers changed and about one word in six of four letters or
--- more swapped for one of `words` (so that no two variants are alike).
function M.vary(s, rand, words)
  s = s:gsub("%d+", function()
    return tostring(rand(2030))
  end)
  return (s:gsub("(%a%a%a%a+)", function(w)
    if w == w:lower() and rand(6) == 1 then
      return words[rand(#words)]
    end
  end))
end

return M

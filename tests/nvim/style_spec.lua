-- The form of the Lua code. Its style, for the plugin, its end-to-end,
-- busted and CLI tests, the development-set tools and validators and the
-- benchmarks (.stylua.toml says the same for StyLua users): two-space
-- indentation, no tabs or trailing blanks, at most 100 columns,
-- double-quoted strings unless the string holds a double quote; a line may
-- be longer only for a long string literal. And its module structure: no
-- require cycle, helpers that never reach up into the features.
local T = require("tap")
local H = require("helpers")

local function files()
  local out = {}
  for _, pat in ipairs({
    "lua/dossier/*.lua",
    "plugin/*.lua",
    "tests/nvim/*.lua",
    "tests/lua/*.lua",
    "tests/cli/*.lua",
    "tests/dev/*.lua",
    "tests/dev/*/*.lua",
    "bench/*.lua",
    "bench/*/*.lua",
  }) do
    vim.list_extend(out, vim.fn.glob(H.root .. "/" .. pat, false, true))
  end
  return out
end

-- Lines holding a single-quoted string without a double quote in it, and
-- (as a set) the lines a long string ([[ ]], [==[ ]==]) runs on past its
-- first: their text belongs to the string, which StyLua cannot break
-- either (a fixture article's paragraph). Comments and long strings are
-- not searched for quotes.
local function lex(src)
  local out, inside, i, line = {}, {}, 1, 1
  local function skip_to(j, in_string)
    local first = line
    line = line + select(2, src:sub(i, j - 1):gsub("\n", ""))
    if in_string then
      for n = first + 1, line do
        inside[n] = true
      end
    end
    i = j
  end
  while i <= #src do
    local c = src:sub(i, i)
    local long = src:match("^%[(=*)%[", c == "-" and i + 2 or i)
    if c == "\n" then
      line, i = line + 1, i + 1
    elseif src:sub(i, i + 1) == "--" then
      if long then
        local _, e = src:find("]" .. long .. "]", i, true)
        skip_to((e or #src) + 1)
      else
        skip_to(src:find("\n", i, true) or #src + 1)
      end
    elseif c == "[" and long then
      local _, e = src:find("]" .. long .. "]", i, true)
      skip_to((e or #src) + 1, true)
    elseif c == '"' or c == "'" then
      local j = i + 1
      while j <= #src and src:sub(j, j) ~= c do
        j = j + (src:sub(j, j) == "\\" and 2 or 1)
      end
      if c == "'" and not src:sub(i + 1, j - 1):find('"', 1, true) then
        out[#out + 1] = line
      end
      i = j + 1
    else
      i = i + 1
    end
  end
  return out, inside
end

local function single_quoted(src)
  return (lex(src))
end

-- A string literal of 50 characters or more: StyLua cannot break one either
-- (test names, expected messages).
local function long_string(l)
  return l:find('"[^"]' .. ("[^\"]"):rep(48) .. '[^"]*"') ~= nil
end

T.test("style: 2-space indents, no tabs or trailing blanks, 100 columns, double quotes", function()
  local bad = {}
  local list = files()
  T.ok(#list >= 20, "files found: " .. #list)
  for _, f in ipairs(list) do
    local name = f:sub(#H.root + 2)
    local lines = vim.fn.readfile(f)
    local quoted, in_long_string = lex(table.concat(lines, "\n"))
    for n, l in ipairs(lines) do
      local indent = #l:match("^ *")
      if l:find("\t") then
        bad[#bad + 1] = ("%s:%d: a tab"):format(name, n)
      elseif l:find("%s$") then
        bad[#bad + 1] = ("%s:%d: trailing blank"):format(name, n)
      elseif indent % 2 == 1 and not l:match("^ *%-%-") then
        bad[#bad + 1] = ("%s:%d: odd indentation"):format(name, n)
      elseif vim.fn.strdisplaywidth(l) > 100 and not long_string(l) and not in_long_string[n] then
        bad[#bad + 1] = ("%s:%d: %d columns"):format(name, n, vim.fn.strdisplaywidth(l))
      end
    end
    for _, n in ipairs(quoted) do
      bad[#bad + 1] = ("%s:%d: single-quoted string"):format(name, n)
    end
  end
  T.eq(bad, {}, "style")
end)

T.test("style: the checker finds what it looks for", function()
  local src = "local a = 'x'\n-- 'y'\nlocal b = \"'z'\"\nlocal c = [[\n'w']]\nd('v')"
  T.eq(single_quoted(src), { 1, 6 })
  T.ok(long_string('x("' .. ("a"):rep(50) .. '")') and not long_string('f("a", "b")'), "long")
  T.eq(single_quoted("e('has \" quote')\n--[==[\n'u'\n]==] f('t')"), { 4 })
  local _, inside = lex("a = [[x\ny\nz]] .. b\n--[[\nc\n]]\nd = [==[w]==]")
  T.eq(inside, { [2] = true, [3] = true }, "lines inside long strings")
end)

-- Module -> the dossier modules it requires: at load time (top-level
-- requires), and in all (also those inside functions). Comment lines are
-- left out.
local function requires()
  local load, all = {}, {}
  for _, f in ipairs(vim.fn.glob(H.root .. "/lua/dossier/*.lua", false, true)) do
    local name = vim.fn.fnamemodify(f, ":t:r")
    load[name], all[name] = {}, {}
    for _, l in ipairs(vim.fn.readfile(f)) do
      if not l:match("^%s*%-%-") then
        for dep in l:gmatch('require%("dossier%.?([%w_]*)"%)') do
          dep = dep == "" and "init" or dep
          all[name][dep] = true
          if not l:match("^%s") then
            load[name][dep] = true
          end
        end
      end
    end
  end
  return load, all
end

T.test("structure: no require cycle at load time; helpers require no feature module", function()
  local load, all = requires()
  T.ok(load.highlight and load.highlight.debounce, "requires read")
  -- depth-first search for a cycle in the load-time graph
  local state, cycle = {}, nil
  local function visit(m, path)
    if state[m] == "done" or cycle then
      return
    end
    if state[m] == "open" then
      cycle = table.concat(path, " -> ") .. " -> " .. m
      return
    end
    state[m] = "open"
    path[#path + 1] = m
    for dep in pairs(load[m] or {}) do
      if dep ~= "core" then
        visit(dep, path)
      end
    end
    path[#path] = nil
    state[m] = "done"
  end
  for m in pairs(load) do
    visit(m, {})
  end
  T.eq(cycle, nil, "a require cycle")
  -- the helpers, even inside functions, reach only util and native (which
  -- loads the core); util needs nothing
  local lower = { util = true, native = true, core = true }
  for _, helper in ipairs({ "util", "native", "text", "debounce", "float", "highlights" }) do
    for dep in pairs(all[helper]) do
      T.ok(lower[dep], ("%s requires %s"):format(helper, dep))
    end
  end
  T.eq(all.util, {}, "util requires no other module")
  -- the table of subcommands loads nothing (plugin/dossier.lua stays lazy)
  T.eq(load.commands, {}, "commands.lua requires nothing at load time")
end)

-- json.lua FILE EXPR — prints EXPR, a Lua expression over the JSON in FILE
-- (bound to `j`; `yaml` when FILE ends in .yaml): what the CLI tests ask of
-- the program's --json output and of the YAML it writes.
local path, expr = arg[1], arg[2]
local f = assert(io.open(path, "rb"))
local text = f:read("a")
f:close()
local j
if path:match("%.yaml$") then
  j = require("lyaml").load(text)
else
  j = assert(require("dkjson").decode(text), "not JSON: " .. path)
end
local env = {
  j = j,
  ipairs = ipairs,
  pairs = pairs,
  table = table,
  tostring = tostring,
  type = type,
  string = string,
  math = math,
}
local v = assert(load("return " .. expr, "expr", "t", env))()
if type(v) == "table" then
  for _, x in ipairs(v) do print(tostring(x)) end
else
  print(tostring(v))
end

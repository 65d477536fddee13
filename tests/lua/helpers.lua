-- Shared helpers for the dossier.core specs (run under lua5.4 and LuaJIT).
local lfs = require("lfs")

local M = {}

M.core = require("dossier.core")

-- The default corpus: ./corpus relative to the repository root (where `make
-- test-lua` runs busted), or $DOSSIER_CORPUS.
M.corpus_dir = os.getenv("DOSSIER_CORPUS") or "./corpus"

M.article_ids = {
  "globalresearch-2023", "peninsula-2023", "38north-2011", "summit-2023", "hankyoreh-2023",
}

function M.open()
  local c, err = M.core.open(M.corpus_dir)
  assert(c, "cannot open the default corpus: " .. tostring(err))
  return c
end

-- A copy of v that shares no table with it, to compare results before and
-- after the collector runs.
function M.deepcopy(v)
  if type(v) ~= "table" then return v end
  local t = {}
  for k, x in pairs(v) do t[k] = M.deepcopy(x) end
  return t
end

-- Two full cycles: objects with __gc are freed in the second.
function M.full_gc()
  collectgarbage("collect")
  collectgarbage("collect")
end

function M.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

function M.write(path, content)
  local f = assert(io.open(path, "wb"))
  f:write(content)
  f:close()
end

-- A fresh empty directory under the system's temp dir.
function M.tmpdir()
  local p = os.tmpname()
  os.remove(p)
  assert(lfs.mkdir(p))
  return p
end

function M.rmtree(dir)
  if not dir or not lfs.attributes(dir) then return end
  for name in lfs.dir(dir) do
    if name ~= "." and name ~= ".." then
      local p = dir .. "/" .. name
      if lfs.attributes(p, "mode") == "directory" then M.rmtree(p) else os.remove(p) end
    end
  end
  lfs.rmdir(dir)
end

M.minimal_article = [[
---
id: test-article
key: test2024
title: "A test article"
publisher: Test Press
author: Ann Author
date: "2024-01-02"
language: en
type: article-newspaper
url: unknown
---
Vladimir Putin met Kim Jong Un in Vladivostok. The talks lasted five hours.

Pyongyang and the Kremlin signed nothing.
]]

M.minimal_actors = [[
actors:
  - id: putin
    name: Vladimir Putin
    kind: person
    role: President of Russia
    note: test
    sources: [test-article]
    aliases: [Putin]
  - id: kim-jong-un
    name: Kim Jong Un
    kind: person
    role: Leader of North Korea
    note: test
    sources: [test-article]
    short: [Kim]
  - id: north-korea
    name: North Korea
    kind: state
    role: test
    note: test
    sources: [test-article]
    standins: [Pyongyang]
  - id: russia
    name: Russia
    kind: state
    role: test
    note: test
    sources: [test-article]
    standins: [Kremlin, Moscow]
]]

-- A corpus directory holding `files` (name -> content). Returns its path.
function M.fixture(files)
  local dir = M.tmpdir()
  for name, content in pairs(files) do M.write(dir .. "/" .. name, content) end
  return dir
end

-- pcall(fn, ...) must fail with a message that starts with "dossier: " and
-- contains every plain-text fragment in `fragments` (string or list).
function M.raises(fragments, fn, ...)
  local ok, err = pcall(fn, ...)
  assert(not ok, "expected an error, but the call succeeded")
  assert(type(err) == "string", "error is not a string: " .. tostring(err))
  assert(err:find("^dossier: "), "error message lacks the 'dossier: ' prefix: " .. err)
  if type(fragments) == "string" then fragments = { fragments } end
  for _, f in ipairs(fragments or {}) do
    assert(err:find(f, 1, true), ("error message %q does not mention %q"):format(err, f))
  end
  return err
end

-- Asserts the `nil, message, code` shape of a runtime failure; returns message.
function M.fails(code, fragments, ...)
  local n = select("#", ...)
  local v, msg, c = ...
  assert(n >= 2, "expected nil, message; got " .. n .. " value(s)")
  assert(v == nil, "expected nil, got " .. tostring(v))
  assert(type(msg) == "string" and #msg > 0, "expected a message, got " .. tostring(msg))
  if code then
    assert(c == code, ("expected code %q, got %q (%s)"):format(code, tostring(c), msg))
  end
  if type(fragments) == "string" then fragments = { fragments } end
  for _, f in ipairs(fragments or {}) do
    assert(msg:find(f, 1, true), ("message %q does not mention %q"):format(msg, f))
  end
  return msg
end

-- 1-based line and byte column of byte offset `pos` (1-based) in `text`.
function M.line_col(text, pos)
  local line, last_nl = 1, 0
  local i = 1
  while true do
    local nl = text:find("\n", i, true)
    if not nl or nl >= pos then break end
    line = line + 1
    last_nl = nl
    i = nl + 1
  end
  return line, pos - last_nl
end

-- Files of the default corpus, cached by path.
local file_cache = {}
function M.file(path)
  if not file_cache[path] then file_cache[path] = M.read(path) end
  return file_cache[path]
end

-- Text of the article with this id in the default corpus.
function M.article_text(corpus, id)
  local a = assert(corpus:article(id))
  return M.file(a.path), a
end

function M.is_integer(x)
  return type(x) == "number" and x == math.floor(x)
end

function M.sorted(list)
  local t = {}
  for i, v in ipairs(list) do t[i] = v end
  table.sort(t)
  return t
end

-- Runs a shell command; returns its output (stdout and stderr) and exit code.
function M.run(cmd)
  local p = assert(io.popen(cmd .. " 2>&1; echo \"__EXIT__$?\""))
  local out = p:read("*a")
  p:close()
  local code = tonumber(out:match("__EXIT__(%d+)%s*$"))
  local text = out:gsub("__EXIT__%d+%s*$", "")
  return text, code
end

function M.have(cmd)
  local _, code = M.run("command -v " .. cmd .. " >/dev/null")
  return code == 0
end

-- The resident set size of this process in kB (Linux), or nil.
function M.rss_kb()
  local f = io.open("/proc/self/status", "r")
  if not f then return nil end
  local s = f:read("*a")
  f:close()
  return tonumber(s:match("VmRSS:%s*(%d+)"))
end

function M.note(fmt, ...)
  io.stderr:write("# " .. fmt:format(...) .. "\n")
end

function M.load_yaml(path)
  return require("lyaml").load(M.read(path))
end

return M

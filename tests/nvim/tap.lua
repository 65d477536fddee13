-- A tiny TAP test harness running inside headless Neovim. Tests run one
-- after another in a coroutine, so a test can yield to the main loop
-- (T.sleep) and let Neovim process typed keys and autocommands.
local T = {}

local tests = {}
local n, failed = 0, 0
local uv = vim.uv or vim.loop

local function out(s)
  io.stdout:write(s, "\n")
  io.stdout:flush()
end

function T.diag(s)
  for line in tostring(s):gmatch("[^\n]+") do
    out("# " .. line)
  end
end

function T.test(name, fn)
  tests[#tests + 1] = { name = name, fn = fn }
end

local function fmt(v)
  return vim.inspect(v)
end

function T.eq(got, want, what)
  if not vim.deep_equal(got, want) then
    error(("%s: expected %s, got %s"):format(what or "eq", fmt(want), fmt(got)), 2)
  end
end

function T.ok(cond, what)
  if not cond then
    error((what or "assertion failed"), 2)
  end
end

function T.match(s, pat, what)
  if type(s) ~= "string" or not s:find(pat) then
    error(("%s: %s does not match %s"):format(what or "match", fmt(s), fmt(pat)), 2)
  end
end

-- Skip the running test (TAP "# SKIP"): for what needs a plugin or a
-- program this machine may lack. Raises, so nothing after it runs.
local SKIP = {}
function T.skip(reason)
  error(setmetatable({ reason = reason }, SKIP), 0)
end

-- Yield to the main loop for ms milliseconds (typeahead, autocmds, timers).
function T.sleep(ms)
  local co = coroutine.running()
  vim.defer_fn(function()
    coroutine.resume(co)
  end, ms or 0)
  coroutine.yield()
end

-- Wait for cond (checked while the event loop runs), like vim.wait.
function T.wait(ms, cond)
  return vim.wait(ms, cond or function() return false end, 5)
end

T.now = function()
  return uv.hrtime() / 1e6
end

-- Collect vim.notify messages while fn runs.
function T.capture(fn)
  local msgs = {}
  local orig = vim.notify
  vim.notify = function(m, l)
    msgs[#msgs + 1] = { msg = m, level = l }
  end
  local ok, err = pcall(fn)
  vim.notify = orig
  if not ok then
    error(err, 0)
  end
  return msgs
end

local function cleanup()
  pcall(vim.cmd, "silent! only!")
  pcall(vim.cmd, "silent! tabonly!")
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_valid(b) and b ~= vim.api.nvim_get_current_buf() then
      pcall(vim.api.nvim_buf_delete, b, { force = true })
    end
  end
  pcall(vim.cmd, "enew!")
end

-- Every vim.deprecate call while the specs run (0.10+: Neovim's deprecated
-- Lua functions report through it; 0.7 has none), for the closing test.
local deprecated = {}
local function watch_deprecations()
  local orig = vim.deprecate
  if type(orig) ~= "function" then
    return
  end
  vim.deprecate = function(name, alternative, ...)
    local use = alternative and (" (use " .. tostring(alternative) .. ")") or ""
    deprecated[#deprecated + 1] = tostring(name) .. use .. "\n" .. debug.traceback("", 2)
    return orig(name, alternative, ...)
  end
end

function T.run(files)
  watch_deprecations()
  for _, f in ipairs(files) do
    dofile(f)
  end
  T.test("no deprecated Neovim API used (vim.deprecate, :messages)", function()
    T.eq(deprecated, {}, "vim.deprecate calls")
    local msgs = vim.fn.execute("messages")
    T.ok(not msgs:lower():find("deprecat"), "no deprecation message:\n" .. msgs)
  end)
  local co = coroutine.create(function()
    for _, t in ipairs(tests) do
      n = n + 1
      local ok, err = xpcall(t.fn, function(e)
        return getmetatable(e) == SKIP and e or debug.traceback(e, 2)
      end)
      if not ok and getmetatable(err) == SKIP then
        out(("ok %d - %s # SKIP %s"):format(n, t.name, err.reason))
      elseif ok then
        out(("ok %d - %s"):format(n, t.name))
      else
        failed = failed + 1
        out(("not ok %d - %s"):format(n, t.name))
        T.diag(err)
      end
      cleanup()
    end
    out("1.." .. n)
    if failed > 0 then
      T.diag(("%d of %d tests failed"):format(failed, n))
    end
    vim.cmd(failed > 0 and "cquit 1" or "qa!")
  end)
  -- from the main loop once startup is over, as a user's session runs (some
  -- events, OptionSet among them, are not fired during startup)
  vim.defer_fn(function()
    local ok, err = coroutine.resume(co)
    if ok then
      return
    end
    out("not ok " .. (n + 1) .. " - harness: " .. tostring(err))
    out("1.." .. (n + 1))
    vim.cmd("cquit 1")
  end, 0)
end

return T

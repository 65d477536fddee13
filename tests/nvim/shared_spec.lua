-- The helpers the features share: the debounce and the highlight groups.
local T = require("tap")
local H = require("helpers")
local api = vim.api
local uv = vim.uv or vim.loop

-- Timers made by uv.new_timer since track() that are neither closed nor
-- closing: a debounce that leaks a timer shows here. (uv.walk cannot be
-- used: on Neovim 0.7 it asserts on handles luv did not make.)
local made = setmetatable({}, { __mode = "k" })
local new_timer = uv.new_timer
uv.new_timer = function(...)
  local t = new_timer(...)
  if t then
    made[t] = true
  end
  return t
end

local function live_timers()
  local n = 0
  for t in pairs(made) do
    -- a handle whose close has completed raises on is_closing
    local ok, closing = pcall(t.is_closing, t)
    if ok and not closing then
      n = n + 1
    end
  end
  return n
end

T.test("debounce: one timer per key, one trailing call with the last arguments", function()
  local debounce = require("dossier.debounce")
  local calls = {}
  local d = debounce.trailing(40, function(key, arg)
    calls[#calls + 1] = { key, arg }
  end)
  local t0 = live_timers()
  d(1001, "a")
  d(1001, "b")
  d:call(1002, "c")
  T.eq(live_timers(), t0 + 2, "one timer per key")
  T.ok(d:is_pending(1001) and d:is_pending(1002), "both pending")
  T.sleep(20)
  d(1001, "d") -- restarts 1001's delay
  T.wait(30, function()
    return #calls > 0
  end)
  T.eq(calls, { { 1002, "c" } }, "1002 fired; 1001 was restarted")
  T.wait(200, function()
    return #calls == 2
  end)
  T.eq(calls, { { 1002, "c" }, { 1001, "d" } }, "one call per key, the last arguments")
  T.eq(live_timers(), t0, "timers closed once fired")
  T.ok(not d:is_pending(1001), "nothing pending")
  -- flush runs a pending call at once, cancel drops it
  d(1001, "e")
  T.eq(d:flush(1001), true)
  d(1002, "f")
  d:cancel(1002)
  T.sleep(80)
  T.eq(calls[3], { 1001, "e" })
  T.eq(#calls, 3, "the cancelled call never ran")
  T.eq(live_timers(), t0)
  -- a delay read at each call; a bad one raises before any timer exists
  local bad = debounce.trailing(function()
    return "soon"
  end, function() end)
  local ok, err = pcall(bad.call, bad, 1003)
  T.ok(not ok, "a delay that is not a number raises")
  T.match(err, "delay must be a non%-negative number")
  T.eq(live_timers(), t0, "and leaves no timer")
end)

T.test("debounce: a buffer wiped with its call pending: timer closed, no call", function()
  local d_calls = 0
  local d = require("dossier.debounce").trailing(60, function()
    d_calls = d_calls + 1
  end)
  local buf = api.nvim_create_buf(true, false)
  local t0 = live_timers()
  d(buf)
  T.eq(live_timers(), t0 + 1, "a timer while pending")
  vim.cmd("bwipeout! " .. buf)
  T.ok(not d:is_pending(buf), "the wipe cancelled it")
  T.eq(live_timers(), t0, "its timer closed at once")
  T.sleep(120)
  T.eq(d_calls, 0, "never called")
  -- the highlighting's debounce: an attached draft wiped mid-edit
  local draft = H.open_draft()
  api.nvim_buf_set_lines(draft, 0, 1, false, { "Putin" })
  T.ok(require("dossier.highlight").state[draft].s ~= nil, "an edit pending")
  t0 = live_timers()
  vim.cmd("bwipeout! " .. draft)
  T.ok(live_timers() < t0, "the draft's timer closed with it")
end)

T.test("highlights: every group defined with default = true, again after :colorscheme", function()
  local want = { "DossierPerson", "DossierState", "DossierOrg", "DossierPlace", "DossierEvent",
    "DossierAmbiguous", "DossierPassage", "DossierCheckOk", "DossierCheckMissing" }
  local hls = require("dossier.highlights")
  local names = {}
  for _, g in ipairs(hls.groups) do
    names[#names + 1] = g[1]
  end
  T.eq(names, want, "one module lists every group")
  H.open_draft()
  local function links()
    local out = {}
    for _, g in ipairs(want) do
      out[g] = vim.fn.execute("highlight " .. g):match("links to (%w+)")
    end
    return out
  end
  local before = links()
  for _, g in ipairs(want) do
    T.ok(before[g], g .. " links to a group")
  end
  -- :colorscheme clears every group, then fires ColorScheme: the groups are
  -- defined again from the module (spied on, not replaced)
  local define, n = hls.define, 0
  hls.define = function()
    n = n + 1
    define()
  end
  vim.cmd("colorscheme default")
  hls.define = define
  T.eq(n, 1, "defined again on ColorScheme")
  T.eq(links(), before, "the same groups after :colorscheme")
  -- default = true: a user's own definition is kept on the next ColorScheme
  vim.cmd("highlight DossierPerson guifg=#123456")
  vim.cmd("doautocmd <nomodeline> ColorScheme")
  T.match(vim.fn.execute("highlight DossierPerson"), "guifg=#123456", "the user's colour kept")
  vim.cmd("colorscheme default")
  T.eq(links(), before, "a new colour scheme: Dossier's own again")
end)

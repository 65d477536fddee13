-- The helpers the features share: the debounce, the float, the highlight
-- groups and the table of subcommands.
local T = require("tap")
local H = require("helpers")
local api = vim.api

-- The timer behind key's pending call (a private field, read only here). A
-- handle is looked at only right after the call that closes it: luv frees
-- it once its close completes, and touching it then is undefined.
local function timer_of(d, key)
  local p = d.pending[key]
  return p and p.timer
end

T.test("debounce: one timer per key, one trailing call with the last arguments", function()
  local debounce = require("dossier.debounce")
  local calls = {}
  local d = debounce.trailing(40, function(key, arg)
    calls[#calls + 1] = { key, arg }
  end)
  d(1001, "a")
  local t1 = timer_of(d, 1001)
  d(1001, "b")
  T.ok(timer_of(d, 1001) == t1, "a second call restarts the same timer")
  d:call(1002, "c")
  T.ok(timer_of(d, 1002) ~= t1, "another key, another timer")
  T.ok(t1:is_active() and timer_of(d, 1002):is_active(), "both running")
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
  T.ok(not d:is_pending(1001) and not d:is_pending(1002), "nothing pending once fired")
  -- flush runs a pending call at once, cancel drops it and closes its timer
  d(1001, "e")
  T.ok(timer_of(d, 1001) ~= t1, "a new timer after the last one fired")
  local t3 = timer_of(d, 1001)
  T.eq(d:flush(1001), true)
  T.eq(calls[3], { 1001, "e" }, "flushed at once")
  T.ok(t3:is_closing(), "the flushed call's timer closed")
  d(1002, "f")
  local t4 = timer_of(d, 1002)
  d:cancel(1002)
  T.ok(t4:is_closing(), "the cancelled call's timer closed")
  T.sleep(80)
  T.eq(#calls, 3, "the flushed call ran once, the cancelled one never")
  -- a delay read at each call; a bad one raises before any timer exists
  local bad = debounce.trailing(function()
    return "soon"
  end, function() end)
  local ok, err = pcall(bad.call, bad, 1003)
  T.ok(not ok, "a delay that is not a number raises")
  T.match(err, "delay must be a non%-negative number")
  T.ok(not bad:is_pending(1003), "and leaves nothing pending")
end)

T.test("debounce: a buffer wiped with its call pending: timer closed, no call", function()
  local n = 0
  local d = require("dossier.debounce").trailing(60, function()
    n = n + 1
  end)
  local buf = api.nvim_create_buf(true, false)
  d(buf)
  local t = timer_of(d, buf)
  T.ok(t:is_active(), "a timer while pending")
  vim.cmd("bwipeout! " .. buf)
  T.ok(not d:is_pending(buf), "the wipe cancelled it")
  T.ok(t:is_closing(), "its timer closed at once")
  T.sleep(120)
  T.eq(n, 0, "never called")
  -- the highlighting's debounce: an attached draft wiped mid-edit
  local draft = H.open_draft()
  api.nvim_buf_set_lines(draft, 0, 1, false, { "Putin" })
  T.ok(require("dossier.highlight").state[draft].s ~= nil, "an edit pending")
  local msgs = T.capture(function()
    vim.cmd("bwipeout! " .. draft)
    T.sleep(require("dossier.config").options.debounce + 50)
  end)
  T.eq(msgs, {}, "no message after the delay")
  T.ok(require("dossier.highlight").state[draft] == nil, "its state dropped")
end)

T.test("float: a CursorMoved without a move keeps it; a real move, :close or InsertEnter end it with its augroup", function()
  H.open_draft()
  local win = api.nvim_get_current_win()
  local hover = require("dossier.hover")
  api.nvim_win_set_cursor(win, { 4, 60 }) -- in "Vladimir Putin"
  vim.cmd("Dossier hover")
  local fw = hover.win
  T.ok(fw and api.nvim_win_is_valid(fw), "float open")
  local group = "#dossier_float_" .. fw
  T.eq(vim.fn.exists(group), 1, "its own augroup")
  -- CursorMoved with the cursor where it was (as after a redraw, or a window
  -- opened and closed)
  vim.cmd("doautocmd <nomodeline> CursorMoved")
  T.sleep(20)
  T.ok(api.nvim_win_is_valid(fw), "kept: the cursor did not move")
  vim.cmd("split | close")
  T.sleep(20)
  T.ok(api.nvim_win_is_valid(fw), "kept after a window split and closed")
  -- a real move, one column
  api.nvim_feedkeys("l", "n", false)
  T.sleep(50)
  T.ok(not api.nvim_win_is_valid(fw), "closed by a real move")
  T.ok(hover.win == nil, "hover forgets it")
  T.eq(vim.fn.exists(group), 0, "augroup gone")
  -- entered, then :close from inside
  vim.cmd("Dossier hover")
  fw = hover.win
  vim.cmd("Dossier hover")
  T.eq(api.nvim_get_current_win(), fw, "entered")
  vim.cmd("close")
  T.ok(hover.win == nil, "closed from inside: forgotten")
  T.eq(vim.fn.exists("#dossier_float_" .. fw), 0, "augroup gone")
  -- back in the draft at the same place: a new card opens; InsertEnter ends it
  T.eq(api.nvim_get_current_win(), win)
  vim.cmd("Dossier hover")
  fw = hover.win
  T.ok(fw and api.nvim_win_is_valid(fw), "open again")
  api.nvim_feedkeys("i", "n", false)
  T.sleep(30)
  api.nvim_feedkeys(api.nvim_replace_termcodes("<Esc>", true, false, true), "n", false)
  T.sleep(30)
  T.ok(not api.nvim_win_is_valid(fw), "InsertEnter closed it")
  T.eq(vim.fn.exists("#dossier_float_" .. fw), 0, "augroup gone")
end)

T.test("highlights: every group defined with default = true, again after :colorscheme", function()
  local want = { "DossierPerson", "DossierState", "DossierOrg", "DossierPlace", "DossierEvent",
    "DossierProduct", "DossierAmbiguous", "DossierPassage", "DossierCheckOk",
    "DossierCheckMissing", "DossierCheckContradicted" }
  local hls = require("dossier.highlights")
  local names = {}
  for _, g in ipairs(hls.groups) do
    names[#names + 1] = g[1]
  end
  T.eq(names, want, "one module lists every group")
  H.open_draft()
  local function defs()
    local out = {}
    for _, g in ipairs(want) do
      out[g] = vim.fn.execute("highlight " .. g):gsub("^%s+", "")
    end
    return out
  end
  local before = defs()
  for _, g in ipairs(want) do
    T.ok(not before[g]:find("cleared"), g .. " defined: " .. before[g])
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
  T.ok(n >= 1, "defined again on ColorScheme")
  T.eq(defs(), before, "the same groups after :colorscheme")
  -- default = true: a user's own definition is kept on the next ColorScheme
  vim.cmd("highlight DossierPerson guifg=#123456")
  vim.cmd("doautocmd <nomodeline> ColorScheme")
  T.match(vim.fn.execute("highlight DossierPerson"), "guifg=#123456", "the user's colour kept")
  vim.cmd("colorscheme default")
  T.eq(defs(), before, "a new colour scheme: Dossier's own again")
end)

T.test("commands: one table drives :Dossier, its completion, the <Plug> maps and the default keys", function()
  local commands = require("dossier.commands")
  local names = {}
  for _, sub in ipairs(commands.list) do
    names[#names + 1] = sub.name
  end
  table.sort(names)
  T.eq(vim.fn.getcompletion("Dossier ", "cmdline"), names, "subcommands complete from the table")
  local listed = {
    "toggle",
    "hover",
    "sources",
    "back",
    "mentions",
    "cite",
    "bibliography",
    "check",
  }
  for _, want in ipairs(listed) do
    T.ok(vim.tbl_contains(names, want), want .. " listed")
  end
  T.eq(vim.fn.getcompletion("Dossier sources ", "cmdline"), { "qf" })
  -- the paths are the working directory's entries starting with c
  local paths = vim.fn.getcompletion("c", "file")
  T.ok(vim.tbl_contains(paths, "corpus/"), "corpus/ among the paths")
  T.eq(vim.fn.getcompletion("Dossier bibliography c", "cmdline"),
    vim.list_extend({ "csl", "cited" }, paths), "formats, then paths")
  T.eq(vim.fn.getcompletion("Dossier bibliography bibtex c", "cmdline"),
    vim.list_extend({ "cited" }, paths))
  T.eq(vim.fn.getcompletion("Dossier check o", "cmdline"), { "off" })
  T.eq(vim.fn.getcompletion("Dossier hover ", "cmdline"), {}, "hover takes no argument")
  -- the <Plug> maps of the plugin file, Visual mode for sources
  local plugs = 0
  for _, sub in ipairs(commands.list) do
    for _, mode in ipairs(sub.plug or {}) do
      plugs = plugs + 1
      local rhs = vim.fn.maparg("<Plug>(dossier-" .. sub.name .. ")", mode)
      T.match(rhs, "Dossier " .. sub.name .. "<CR>$")
    end
  end
  T.eq(plugs, 8, "seven <Plug> maps, sources in n and x")
  T.eq(vim.fn.maparg("<Plug>(dossier-sources)", "x"), ":Dossier sources<CR>")
  T.eq(require("dossier.config").default_keymaps, {
    hover = "K",
    sources = "<Leader>ds",
    cite = "<Leader>dc",
    back = "<Leader>db",
    mentions = "<Leader>dm",
  })
  -- a row added to the table is a subcommand at once: completion, range, args
  local got = {}
  local probe = {
    name = "zz-probe",
    range = true,
    args = {
      { name = "first", values = function()
        return { "one", "two" }
      end },
      { name = "file", path = true },
    },
    run = function(args, range)
      got[#got + 1] = { args = args, range = range }
    end,
  }
  local plain = {
    name = "zz-plain",
    run = function(args, range)
      got[#got + 1] = { args = args, range = range or "none" }
    end,
  }
  local failing = {
    name = "zz-fail",
    args = { { name = "who", values = { "user" } } },
    run = function(args)
      error(args.who == "user" and "(dossier) nothing to do here" or "boom", 0)
    end,
  }
  local n = #commands.list
  vim.list_extend(commands.list, { probe, plain, failing })
  local ok, err = pcall(function()
    H.scratch({ "a", "b", "c" })
    T.ok(vim.tbl_contains(vim.fn.getcompletion("Dossier zz", "cmdline"), "zz-probe"), "completes")
    T.eq(vim.fn.getcompletion("Dossier zz-probe t", "cmdline"), { "two", "tests/" },
      "its own argument, then a path: every slot is optional")
    T.ok(vim.tbl_contains(vim.fn.getcompletion("Dossier zz-probe one Make", "cmdline"), "Makefile"),
      "then a path")
    vim.cmd("2,3Dossier zz-probe one x")
    vim.cmd("Dossier zz-probe README.md")
    vim.cmd("Dossier zz-plain")
    T.eq(got, { { args = { first = "one", file = "x" }, range = { 2, 3 } },
      { args = { file = "README.md" }, range = nil }, { args = {}, range = "none" } },
      "args by slot and the range")
    require("dossier.util").reset_reports()
    local msgs = T.capture(function()
      vim.cmd("Dossier zz-fail user")
      vim.cmd("Dossier zz-fail")
      vim.cmd("Dossier zz-nothing")
      vim.cmd("2,3Dossier zz-plain")
      vim.cmd("Dossier zz-plain extra")
      vim.cmd("Dossier zz-fail someone")
      vim.cmd("Dossier! zz-plain")
    end)
    T.eq(#got, 3, "nothing ran for the refused ones")
    T.eq(#msgs, 7, vim.inspect(msgs))
    T.eq(msgs[1].msg, "(dossier) nothing to do here", "a (dossier) error is said as it is")
    T.match(msgs[2].msg, "^%(dossier%) internal error in :Dossier zz%-fail: boom")
    T.match(msgs[3].msg, "^%(dossier%) unknown subcommand \"zz%-nothing\"")
    T.eq(msgs[4].msg, "(dossier) :Dossier zz-plain takes no range (see :help :Dossier-zz-plain)")
    T.eq(msgs[5].msg, '(dossier) :Dossier zz-plain takes no argument (got "extra")'
      .. " (see :help :Dossier-zz-plain)")
    T.eq(msgs[6].msg, '(dossier) :Dossier zz-fail: unknown argument "someone" (expected user)'
      .. " (see :help :Dossier-zz-fail)")
    T.eq(msgs[7].msg, "(dossier) :Dossier zz-plain takes no ! (see :help :Dossier-zz-plain)")
    for _, m in ipairs({ msgs[4], msgs[5], msgs[6], msgs[7] }) do
      T.eq(m.level, vim.log.levels.ERROR)
    end
  end)
  for i = #commands.list, n + 1, -1 do
    commands.list[i] = nil
  end
  if not ok then
    error(err, 0)
  end
end)

T.test("startup: the plugin file loads only the table of subcommands", function()
  local list = "lua local t = {} for k in pairs(package.loaded) do "
    .. "if k:match('^dossier') then t[#t + 1] = k end end "
    .. "table.sort(t) io.stdout:write(table.concat(t, ' '), '\\n')"
  local out = vim.fn.system({ vim.v.progpath, "--headless", "-u", "NONE", "-i", "NONE", "--cmd",
    "set rtp^=" .. H.root, "-c", "runtime plugin/dossier.lua", "-c", list, "-c", "qa!" })
  T.eq(vim.trim(out), "dossier.commands")
end)

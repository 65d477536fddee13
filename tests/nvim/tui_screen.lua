-- The terminal UI as a user sees it: Neovim runs in a tmux pane of a fixed
-- size and TERM, keys are sent to it, and the screen is read back with
-- `tmux capture-pane -e`, escape sequences included, to see which colours
-- the highlighted names are drawn in. Run by tests/nvim/tui_run.sh under
-- lua5.4; prints TAP. Environment: NVIM (the Neovim to test), ROOT (the
-- plugin's directory).
local NVIM = os.getenv("NVIM") or "nvim"
local ROOT = assert(os.getenv("ROOT"), "ROOT must name the plugin's directory")

local n, failed = 0, 0
local function tap(ok, name, diag)
  n = n + 1
  print(("%s %d - %s"):format(ok and "ok" or "not ok", n, name))
  if not ok then
    failed = failed + 1
    for line in tostring(diag or ""):gmatch("[^\n]+") do
      print("# " .. line)
    end
  end
end

local function sh_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function run(cmd)
  local p = assert(io.popen(cmd .. " 2>&1"))
  local out = p:read("a")
  local ok = p:close()
  return out, ok
end

local function sleep(s)
  os.execute("sleep " .. s)
end

local tmpdir = run("mktemp -d"):gsub("%s+$", "")
local sock = "dossier-tui-" .. tmpdir:match("[^/]+$")
local conf = tmpdir .. "/tmux.conf"
do
  local f = assert(io.open(conf, "w"))
  -- a known terminal: 256 colours, and RGB (truecolour) passed through
  f:write('set -g default-terminal "tmux-256color"\n')
  f:write('set -ga terminal-overrides ",*:RGB"\n')
  f:write("set -g status off\n")
  -- the server outlives each test's session: killing the last session and
  -- starting the next at once raced with the server's exit (new-session failed)
  f:write("set -s exit-empty off\n")
  f:close()
end
local TMUX = "tmux -L " .. sock .. " -f " .. conf

local function tmux(args)
  return run(TMUX .. " " .. args)
end

-- ------------------------------------------------------------ the screen

-- The screen as cells: lines of {ch, sgr}, sgr the attributes drawn (a
-- string such as "fg=38;5;111 ul"), from capture-pane's escape sequences.
local function parse(captured)
  local lines = {}
  local st = {}
  local function sgr_string()
    local parts = {}
    for _, k in ipairs({ "fg", "bg", "bold", "italic", "ul", "reverse" }) do
      if st[k] then
        parts[#parts + 1] = st[k] == true and k or (k .. "=" .. st[k])
      end
    end
    return table.concat(parts, " ")
  end
  local function apply(params)
    local p = {}
    for x in (params == "" and "0" or params):gmatch("[^;]+") do
      p[#p + 1] = x
    end
    local i = 1
    while i <= #p do
      local v = p[i]
      local num = tonumber(v:match("^%d+"))
      if num == 0 then
        st = {}
      elseif num == 1 then
        st.bold = true
      elseif num == 3 then
        st.italic = true
      elseif num == 4 then
        st.ul = v:find(":0") == nil or nil
      elseif num == 7 then
        st.reverse = true
      elseif num == 22 then
        st.bold = nil
      elseif num == 23 then
        st.italic = nil
      elseif num == 24 then
        st.ul = nil
      elseif num == 27 then
        st.reverse = nil
      elseif num == 38 or num == 48 or num == 58 then
        local key = num == 38 and "fg" or num == 48 and "bg" or nil
        local val
        if p[i + 1] == "5" then
          val, i = "38;5;" .. p[i + 2], i + 2
        elseif p[i + 1] == "2" then
          val, i = "38;2;" .. table.concat({ p[i + 2], p[i + 3], p[i + 4] }, ";"), i + 4
        end
        if key then
          st[key] = val
        end
      elseif num == 39 then
        st.fg = nil
      elseif num == 49 then
        st.bg = nil
      elseif num and ((num >= 30 and num <= 37) or (num >= 90 and num <= 97)) then
        st.fg = tostring(num)
      elseif num and ((num >= 40 and num <= 47) or (num >= 100 and num <= 107)) then
        st.bg = tostring(num)
      end
      i = i + 1
    end
  end
  for line in (captured .. "\n"):gmatch("(.-)\n") do
    local cells = {}
    local i = 1
    while i <= #line do
      local params, e = line:match("^\27%[([%d;:]*)m()", i)
      if params then
        apply(params)
        i = e
      else
        local ch = line:match("^[%z\1-\127\194-\244][\128-\191]*", i)
        cells[#cells + 1] = { ch = ch, sgr = sgr_string() }
        i = i + #ch
      end
    end
    lines[#lines + 1] = cells
  end
  return lines
end

local function text_of(cells)
  local t = {}
  for _, c in ipairs(cells) do
    t[#t + 1] = c.ch
  end
  return table.concat(t)
end

local function screen_text(lines)
  local out = {}
  for _, l in ipairs(lines) do
    out[#out + 1] = text_of(l)
  end
  return table.concat(out, "\n")
end

-- The attributes word is drawn in (its first occurrence on screen), and
-- whether all its characters share them; nil when it is not on screen.
local function attrs_of(lines, word)
  for _, cells in ipairs(lines) do
    local chars = {}
    for _, c in ipairs(cells) do
      chars[#chars + 1] = c.ch
    end
    local text = table.concat(chars)
    local s = text:find(word, 1, true)
    if s then
      -- byte offset to cell index
      local bytes, first = 0, nil
      for k, c in ipairs(cells) do
        if bytes + 1 == s then
          first = k
          break
        end
        bytes = bytes + #c.ch
      end
      local sgr, same = cells[first].sgr, true
      local len = select(2, word:gsub("[^\128-\191]", ""))
      for k = first, first + len - 1 do
        if cells[k].sgr ~= sgr then
          same = false
        end
      end
      return sgr, same
    end
  end
  return nil
end

-- ------------------------------------------------------------ a session

local Session = {}
Session.__index = Session

-- Neovim on file in a 100x30 pane; cmds are Ex commands run at startup.
local function start(file, cmds)
  tmux("kill-session -t dossier 2>/dev/null")
  local argv = { NVIM, "-u", ROOT .. "/tests/nvim/minimal_init.lua", "-i", "NONE" }
  for _, c in ipairs(cmds or {}) do
    argv[#argv + 1] = "-c"
    argv[#argv + 1] = c
  end
  argv[#argv + 1] = file
  local cmd = {}
  for _, a in ipairs(argv) do
    cmd[#cmd + 1] = sh_quote(a)
  end
  local line = sh_quote(table.concat(cmd, " "))
  local out, ok = tmux("new-session -d -s dossier -x 100 -y 30 " .. line)
  assert(ok, "tmux new-session failed: " .. out)
  return setmetatable({}, Session)
end

function Session:capture()
  return parse((tmux("capture-pane -p -e -t dossier")))
end

-- Wait until the screen shows pattern (a Lua pattern), up to 10 s.
function Session:wait_for(pattern)
  local lines
  for _ = 1, 100 do
    lines = self:capture()
    if screen_text(lines):find(pattern) then
      return lines, true
    end
    sleep(0.1)
  end
  return lines, false
end

function Session:keys(...)
  local args = {}
  for _, k in ipairs({ ... }) do
    args[#args + 1] = sh_quote(k)
  end
  tmux("send-keys -t dossier " .. table.concat(args, " "))
end

function Session:stop()
  tmux("kill-session -t dossier")
end

-- ------------------------------------------------------------ the tests

local draft = tmpdir .. "/kinds.md"
do
  local f = assert(io.open(draft, "w"))
  f:write("Vladimir Putin of Russia met the United Nations at the Vostochny Cosmodrome\n")
  f:write("during the Cold War. Kim said nothing.\n")
  f:close()
end
local KINDS = {
  { "person", "Putin" },
  { "state", "Russia" },
  { "org", "United Nations" },
  { "place", "Vostochny Cosmodrome" },
  { "event", "Cold War" },
  { "ambiguous", "Kim" },
}

local function check_colours(what, cmds)
  local s = start(draft, cmds)
  local lines, shown = s:wait_for("Vladimir Putin of Russia")
  -- the highlights come with the first redraw after the corpus loads
  sleep(0.5)
  lines = s:capture()
  s:stop()
  if not shown then
    tap(false, what .. ": the draft on screen", screen_text(lines))
    return
  end
  local plain = attrs_of(lines, " met the ")
  local seen, problems = {}, {}
  for _, k in ipairs(KINDS) do
    local sgr, same = attrs_of(lines, k[2])
    if not sgr then
      problems[#problems + 1] = k[2] .. " not on screen"
    elseif not same then
      problems[#problems + 1] = k[2] .. " drawn in more than one colour"
    elseif sgr == plain or not sgr:find("fg=") then
      problems[#problems + 1] = ("%s (%s) drawn as normal text: %q"):format(k[2], k[1], sgr)
    else
      for other, o in pairs(seen) do
        if o == sgr then
          problems[#problems + 1] = ("%s and %s both %q"):format(k[1], other, sgr)
        end
      end
      seen[k[1]] = sgr
    end
  end
  local got = {}
  for _, k in ipairs(KINDS) do
    got[#got + 1] = ("%s=%s"):format(k[1], tostring(seen[k[1]]))
  end
  tap(#problems == 0, what .. ": every kind in a colour of its own, not the text's",
    table.concat(problems, "\n") .. "\nplain text: " .. tostring(plain) .. "\n"
      .. table.concat(got, " ") .. "\n" .. screen_text(lines))
  return seen
end

local term = check_colours("256 colours, dark", { "set notermguicolors", "set background=dark" })
local gui = check_colours("truecolour, dark", { "set termguicolors", "set background=dark" })
check_colours("256 colours, light", { "set notermguicolors", "set background=light" })
check_colours("truecolour, light", { "set termguicolors", "set background=light" })
check_colours("truecolour, habamax or desert", { "set termguicolors",
  "silent! colorscheme desert", "silent! colorscheme habamax" })
tap(term and gui and term.person:find("38;5;") and gui.person:find("38;2;"),
  "'termguicolors' off draws terminal colours, on draws RGB",
  ("term: %s, gui: %s"):format(term and term.person, gui and gui.person))

-- keys typed as a user types them: K on a name opens the card; :Dossier
-- check draws its markers
do
  local s = start(draft, { "lua require('dossier').setup({ keymaps = true })" })
  s:wait_for("Vladimir Putin of Russia")
  sleep(0.3)
  s:keys("g", "g", "0", "w", "K")
  local lines, shown = s:wait_for("%(person%)")
  tap(shown, "K on Putin shows the card", screen_text(lines))
  s:keys("Escape", ":Dossier check", "Enter")
  lines, shown = s:wait_for("[✓✗]")
  tap(shown, ":Dossier check draws markers", screen_text(lines))
  s:keys(":qa!", "Enter")
  s:stop()
end

-- auto_check = "idle": an edited sentence loses its marker at once, and the
-- check runs again after 'updatetime' without typing (CursorHold: only a
-- real UI fires it on Neovim 0.7)
do
  local s = start(draft, {
    "lua require('dossier').setup({ auto_check = 'idle' })",
    "set updatetime=1500",
  })
  s:wait_for("Vladimir Putin of Russia")
  s:keys(":Dossier check", "Enter")
  local function markers()
    local lines = s:capture()
    local _, count = screen_text({ lines[2] }):gsub("[✓✗?] ", "")
    return count, screen_text(lines)
  end
  local lines, shown = s:wait_for("Kim said nothing%.[^\n]*[✓?].*[✓?]")
  tap(shown, "idle: two markers on the sentences' last line", screen_text(lines))
  s:keys("g", "g", "0", "f", "m", "c", "w", "saw", "Escape")
  -- the markers on the line, polled every 0.05 s until there are want
  local function markers_become(want, tries)
    local count, text
    for _ = 1, tries do
      count, text = markers()
      if count == want then
        break
      end
      sleep(0.05)
    end
    return count == want, text
  end
  local gone = markers_become(1, 20)
  tap(gone, "idle: the edited sentence's marker goes at once", select(2, markers()))
  tap(markers_become(2, 120), "idle: checked again after 'updatetime'", select(2, markers()))
  s:keys(":qa!", "Enter")
  s:stop()
end

-- make demo, as the README says to start: Neovim on the sample draft, the
-- first steps in a float, and K works at once
do
  tmux("kill-session -t dossier 2>/dev/null")
  local cmd = ("cd %s && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory demo NVIM=%s")
    :format(sh_quote(ROOT), sh_quote(NVIM))
  tmux("new-session -d -s dossier -x 100 -y 30 " .. sh_quote(cmd))
  local s = setmetatable({}, Session)
  local lines, shown = s:wait_for("Dossier demo: try these first")
  local text = screen_text(lines)
  tap(shown and text:find("on a name") and text:find(":Dossier check") and text:find("Old friends"),
    "make demo: the draft, and what to try first", text)
  s:keys("q")
  s:wait_for("^[^\n]*Old friends")
  s:keys("3", "G", "0", "K")
  lines, shown = s:wait_for("Kim Jong Un  %(person%)")
  tap(shown, "make demo: K on Kim Jong-un shows his card", screen_text(lines))
  s:keys("Escape", ":qa!", "Enter")
  s:stop()
end

print("1.." .. n)
tmux("kill-server")
os.execute("rm -rf " .. sh_quote(tmpdir))
os.exit(failed == 0 and 0 or 1)

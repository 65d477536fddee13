-- Issue 11: every actor kind visible and distinct on the colour schemes
-- Neovim ships, dark and light, in gui colours and in the terminal's.
local T = require("tap")
local H = require("helpers")
local api = vim.api

-- the group of each kind, as the docs list them
local KIND_GROUP = { product = "DossierProduct" }

-- One mention of each kind the default corpus has, and "Kim" with no Kim
-- named in full: ambiguous. (No actor of the default corpus is a product:
-- its group is checked as defined.)
local LINE = "Vladimir Putin of Russia met the United Nations at the Vostochny Cosmodrome"
  .. " during the Cold War. Kim said nothing."
local WANT_KINDS = { "person", "state", "org", "place", "event", "ambiguous" }

-- xterm's 256 colours as 0xRRGGBB, to measure terminal colours' contrast.
local XTERM16 = { 0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
  0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff }
local function xterm_rgb(i)
  if i < 16 then
    return XTERM16[i + 1]
  elseif i < 232 then
    local levels = { 0, 95, 135, 175, 215, 255 }
    local n = i - 16
    local r, g, b = math.floor(n / 36), math.floor(n / 6) % 6, n % 6
    return levels[r + 1] * 65536 + levels[g + 1] * 256 + levels[b + 1]
  end
  local v = 8 + (i - 232) * 10
  return v * 65536 + v * 256 + v
end

-- WCAG 2's relative luminance and contrast ratio.
local function luminance(rgb)
  local function channel(v)
    v = v / 255
    return v <= 0.03928 and v / 12.92 or ((v + 0.055) / 1.055) ^ 2.4
  end
  return 0.2126 * channel(math.floor(rgb / 65536) % 256)
    + 0.7152 * channel(math.floor(rgb / 256) % 256)
    + 0.0722 * channel(rgb % 256)
end

local function contrast(a, b)
  local la, lb = luminance(a), luminance(b)
  if la < lb then
    la, lb = lb, la
  end
  return (la + 0.05) / (lb + 0.05)
end

-- The group of each kind's extmark in buf.
local function groups_by_kind(buf)
  local text = api.nvim_buf_get_lines(buf, 0, 1, false)[1]
  local c = require("dossier.corpus").get()
  local by = {}
  for _, m in ipairs(H.marks(buf)) do
    for _, sp in ipairs(c:scan(text)) do
      if sp.first - 1 == m[2] then
        by[sp.kind] = m[4]
      end
    end
  end
  return by
end

-- Checks every kind on the scheme now in force; what = its name for messages.
local function check_scheme(buf, what)
  local by = groups_by_kind(buf)
  for _, k in ipairs(WANT_KINDS) do
    T.ok(by[k], what .. ": a " .. k .. " mention highlighted")
  end
  by.product = KIND_GROUP.product
  local kinds = vim.list_extend(vim.deepcopy(WANT_KINDS), { "product" })
  for _, rgb in ipairs({ true, false }) do
    local mode = what .. (rgb and " (gui)" or " (cterm)")
    local normal = H.resolved_hl("Normal", rgb)
    local bg = normal.bg and (rgb and normal.bg or xterm_rgb(normal.bg))
    if not bg then -- the terminal's own background
      bg = vim.o.background == "light" and 0xffffff or 0x000000
    end
    local seen = {}
    for _, k in ipairs(kinds) do
      local a = H.resolved_hl(by[k], rgb)
      T.ok(a.fg, ("%s: %s has a colour of its own"):format(mode, k))
      T.ok(not vim.deep_equal(a, normal), ("%s: %s differs from Normal"):format(mode, k))
      T.ok(a.fg ~= normal.fg, ("%s: %s is not in the normal text colour"):format(mode, k))
      local fg = rgb and a.fg or xterm_rgb(a.fg)
      local ratio = contrast(fg, a.bg and (rgb and a.bg or xterm_rgb(a.bg)) or bg)
      T.ok(ratio >= 3, ("%s: %s contrast %.2f:1 < 3:1"):format(mode, k, ratio))
      for other, b in pairs(seen) do
        T.ok(not vim.deep_equal(a, b), ("%s: %s and %s look alike"):format(mode, k, other))
      end
      seen[k] = a
    end
  end
end

T.test("colours: each actor kind visible and distinct on every built-in scheme, dark and light", function()
  local buf = H.scratch({ LINE })
  H.settle()
  local schemes = vim.fn.getcompletion("", "color")
  T.ok(#schemes >= 10, "Neovim's schemes: " .. #schemes)
  local n = 0
  for _, s in ipairs(schemes) do
    for _, bg in ipairs({ "dark", "light" }) do
      vim.o.background = bg
      vim.cmd("colorscheme " .. s)
      -- a scheme may set 'background' itself: test each scheme once per
      -- background it really has
      if vim.o.background == bg then
        n = n + 1
        check_scheme(buf, s .. "/" .. bg)
      end
    end
  end
  T.diag(("%d schemes and backgrounds checked on Neovim %s"):format(n, tostring(vim.version())))
  vim.o.background = "dark"
  vim.cmd("colorscheme default")
end)

T.test("colours: 'background' changed with no colour scheme loaded defines them again", function()
  vim.cmd("highlight clear")
  vim.g.colors_name = nil
  vim.o.background = "dark"
  local buf = H.scratch({ LINE })
  H.settle()
  local dark = H.resolved_hl("DossierPerson", true).fg
  vim.o.background = "light"
  local light = H.resolved_hl("DossierPerson", true).fg
  T.ok(dark ~= light, "a colour for the light background")
  check_scheme(buf, "no scheme/light")
  -- the user's own colour survives a background change
  vim.cmd("highlight DossierPerson guifg=#123456 ctermfg=17")
  vim.o.background = "dark"
  T.eq(H.resolved_hl("DossierPerson", true).fg, 0x123456, "the user's colour kept")
  vim.cmd("colorscheme default")
  local own = require("dossier.highlights").palette.dark.person
  T.eq(H.resolved_hl("DossierPerson", true).fg, tonumber(own:sub(2), 16),
    "a colour scheme clears it; Dossier's own again")
end)

-- Every highlight group of Dossier, in one place. Defined with
-- `default = true`, so a colour scheme or the user's config wins, and
-- defined again on ColorScheme (`:colorscheme` runs `:hi clear`, which drops
-- the attributes of groups it does not know) and when 'background' changes
-- (which, with no colour scheme loaded, fires no ColorScheme).
local util = require("dossier.util")

local api = vim.api

local M = {}

--- The group of each actor kind, and of a short form naming several actors.
---@type table<string, string>
M.kinds = {
  person = "DossierPerson",
  state = "DossierState",
  org = "DossierOrg",
  place = "DossierPlace",
  event = "DossierEvent",
  product = "DossierProduct",
  ambiguous = "DossierAmbiguous",
}

-- The actor kinds' own colours, one palette per background: a colour
-- scheme's groups cannot be borrowed, since schemes leave some of them in
-- the normal text colour (Neovim 0.10's default draws Type and Constant so)
-- or give several the same colour (Directory and Special). Each colour is
-- made visible against the background actually drawn (below), in gui colours
-- and in the terminal's 256 (for 'notermguicolors'). An ambiguous short form
-- is also underlined: it asks for attention.
---@type table<string, table<string, string>>
M.palette = {
  dark = {
    person = "#87afff",
    state = "#87d787",
    org = "#ffaf5f",
    place = "#5fd7d7",
    event = "#d787d7",
    product = "#d7d75f",
    ambiguous = "#ff8787",
  },
  light = {
    person = "#005fd7",
    state = "#008700",
    org = "#af5f00",
    place = "#008787",
    event = "#af00af",
    product = "#5f5f00",
    ambiguous = "#d70000",
  },
}

--- The contrast a colour gets against the background, at least (WCAG's
--- 4.5:1 for text): tests/nvim/colors_spec.lua checks 3:1 at least on every
--- colour scheme Neovim ships, dark and light.
M.min_contrast = 4.5

-- The relative luminance (WCAG 2) of a 0xRRGGBB colour.
local function luminance(rgb)
  local function channel(v)
    v = v / 255
    return v <= 0.03928 and v / 12.92 or ((v + 0.055) / 1.055) ^ 2.4
  end
  local r, g, b = math.floor(rgb / 65536) % 256, math.floor(rgb / 256) % 256, rgb % 256
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
end

local function contrast(a, b)
  local la, lb = luminance(a), luminance(b)
  return (math.max(la, lb) + 0.05) / (math.min(la, lb) + 0.05)
end

local function rgb_of(r, g, b)
  return r * 65536 + g * 256 + b
end

local function split(rgb)
  return math.floor(rgb / 65536) % 256, math.floor(rgb / 256) % 256, rgb % 256
end

-- The colours of the 256-colour terminal palette: 0-15 as xterm draws them
-- (terminals differ there), the 6x6x6 cube and the greys.
local XTERM16 = { 0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
  0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff }
local CUBE = { 0, 95, 135, 175, 215, 255 }
local function xterm_rgb(i)
  if i < 16 then
    return XTERM16[i + 1]
  elseif i < 232 then
    local n = i - 16
    return rgb_of(CUBE[math.floor(n / 36) + 1], CUBE[math.floor(n / 6) % 6 + 1], CUBE[n % 6 + 1])
  end
  local v = 8 + (i - 232) * 10
  return rgb_of(v, v, v)
end

-- rgb mixed towards white (on a dark background) or black until it has
-- M.min_contrast against bg.
local function visible(rgb, bg)
  local target = luminance(bg) > 0.18 and 0 or 255
  local r, g, b = split(rgb)
  local c = rgb
  for step = 0, 20 do
    local t = step / 20
    local function mix(v)
      return math.floor(v + (target - v) * t + 0.5)
    end
    c = rgb_of(mix(r), mix(g), mix(b))
    if contrast(c, bg) >= M.min_contrast then
      break
    end
  end
  return c
end

-- The terminal colour (16-255: 0-15 are the terminal theme's) nearest rgb
-- with M.min_contrast against bg, other than those in used.
local function terminal_colour(rgb, bg, used)
  local r, g, b = split(rgb)
  local best, dist = nil, math.huge
  for i = 16, 255 do
    local c = xterm_rgb(i)
    if not used[i] and contrast(c, bg) >= M.min_contrast then
      local r2, g2, b2 = split(c)
      local d = (r - r2) ^ 2 + (g - g2) ^ 2 + (b - b2) ^ 2
      if d < dist then
        best, dist = i, d
      end
    end
  end
  return best or 16
end

-- Normal's background, gui (rgb) or terminal colour index, or nil when
-- the colour scheme leaves it to the terminal. nvim_get_hl is 0.9+.
local function normal_bg(rgb)
  if api.nvim_get_hl then
    local h = api.nvim_get_hl(0, { name = "Normal", link = false })
    return rgb and h.bg or h.ctermbg
  end
  return api.nvim_get_hl_by_name("Normal", rgb).background
end

-- The backgrounds actually drawn, gui and terminal: Normal's, when the
-- colour scheme sets one (a scheme may leave 'background' at odds with its
-- colours), else black or white as 'background' says.
local function backgrounds()
  local default = vim.o.background == "light" and 0xffffff or 0x000000
  local gui, term = normal_bg(true), normal_bg(false)
  return gui or default, term and xterm_rgb(term) or default
end

-- The order kinds get their colours in (the terminal's colours are picked
-- so that no two kinds share one).
local KIND_ORDER = { "person", "state", "org", "place", "event", "product", "ambiguous" }

-- The colours of every kind against the backgrounds drawn now, computed once
-- per define().
local colours

local function kind_colours()
  if colours then
    return colours
  end
  local gui_bg, term_bg = backgrounds()
  local function base(bg, kind)
    return tonumber(M.palette[luminance(bg) > 0.18 and "light" or "dark"][kind]:sub(2), 16)
  end
  colours = {}
  local used = {}
  for _, kind in ipairs(KIND_ORDER) do
    local fg = visible(base(gui_bg, kind), gui_bg)
    local term = terminal_colour(visible(base(term_bg, kind), term_bg), term_bg, used)
    used[term] = true
    colours[kind] = { fg = ("#%06x"):format(fg), ctermfg = term }
  end
  return colours
end

local function kind_group(kind)
  return function()
    local c = kind_colours()[kind]
    local attrs = { fg = c.fg, ctermfg = c.ctermfg }
    if kind == "ambiguous" then
      attrs.underline, attrs.sp, attrs.cterm = true, c.fg, { underline = true }
    end
    return attrs
  end
end

--- The groups in the order of the docs: {name, attributes for nvim_set_hl}.
--- Attributes may be a function, called each time the groups are defined
--- (for what depends on the Neovim or the colour scheme in use).
---@type {[1]: string, [2]: table|fun(): table}[]
M.groups = {
  { "DossierPerson", kind_group("person") },
  { "DossierState", kind_group("state") },
  { "DossierOrg", kind_group("org") },
  { "DossierPlace", kind_group("place") },
  { "DossierEvent", kind_group("event") },
  { "DossierProduct", kind_group("product") },
  { "DossierAmbiguous", kind_group("ambiguous") },
  { "DossierPassage", { link = "Visual" } },
  {
    "DossierCheckOk",
    function()
      -- DiagnosticOk is 0.9+
      return { link = vim.fn.hlexists("DiagnosticOk") == 1 and "DiagnosticOk" or "DiagnosticInfo" }
    end,
  },
  { "DossierCheckMissing", { link = "DiagnosticWarn" } },
  { "DossierCheckContradicted", { link = "DiagnosticError" } },
}

-- What each group looked like right after Dossier defined it: a group that
-- still looks so is Dossier's own, and is defined afresh (a new background);
-- one that does not was set by the user or a colour scheme, and is kept.
local ours = {}

-- The definition of name as set, links not followed (for `ours`).
local function definition(name)
  if vim.fn.hlexists(name) == 0 then
    return nil
  end
  return (vim.fn.execute("highlight " .. name):gsub("^%s+", ""))
end

--- Define every group (default = true: groups set by a colour scheme or the
--- user are kept; Dossier's own are defined again).
function M.define()
  colours = nil
  for _, g in ipairs(M.groups) do
    local name, attrs = g[1], g[2]
    if type(attrs) == "function" then
      attrs = attrs()
    end
    -- Dossier's own colours, unchanged since it set them, are set again (for
    -- a new background); anything else with default = true. (Links do not
    -- depend on the background; and `:hi clear` keeps a default link.)
    local own = not attrs.link and ours[name] ~= nil and ours[name] == definition(name)
    api.nvim_set_hl(0, name, vim.tbl_extend("force", attrs, { default = not own }))
    ours[name] = definition(name)
  end
end

local watching = false

--- Define the groups (once: the autocmds keep them), and again after every
--- `:colorscheme` and when 'background' changes. Idempotent and cheap, so
--- every feature calls it before it draws.
function M.setup()
  if watching then
    return
  end
  watching = true
  M.define()
  local group = api.nvim_create_augroup("dossier_highlights", { clear = true })
  -- protected: a failure here must not break the user's :colorscheme
  local define = util.safe("highlights", function()
    M.define()
  end)
  api.nvim_create_autocmd("ColorScheme", { group = group, callback = define })
  api.nvim_create_autocmd("OptionSet", { group = group, pattern = "background", callback = define })
end

return M

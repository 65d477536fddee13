-- Issue 11: the pickers of :Dossier sources and cite. Their adapters'
-- contract is tested here without the plugins (CI has none); the real
-- Telescope, fzf-lua and snacks.nvim in zz_plugins_spec.lua when present.
local T = require("tap")
local H = require("helpers")

local pickers = require("dossier.pickers")
local sources = require("dossier.sources")

local function opts()
  return {
    prompt = "Dossier sources",
    format = sources.format_hit,
    location = function(h)
      return { path = h.path, line = h.line, col = h.col, end_line = h.end_line,
        end_col = h.end_col }
    end,
    on_choice = function() end,
  }
end

T.test("pickers: entries for Telescope, fzf-lua and snacks.nvim carry the passage's place", function()
  H.open_draft()
  local hits = sources.hits("On 13 September Kim Jong-un met Vladimir Putin at the Vostochny Cosmodrome")
  local h = hits[1]
  local o = opts()
  -- Telescope: its grep previewer reads filename, lnum, col
  local e = pickers.telescope_entry(h, o)
  T.eq(e.value, h)
  T.eq({ e.filename, e.lnum, e.col }, { h.path, h.line, h.col })
  T.eq(e.display, sources.format_hit(h))
  T.eq(e.ordinal, e.display)
  T.eq(vim.fn.filereadable(e.filename), 1, "a real file")
  -- fzf-lua: path:line:col:index:text, the index maps back to the item
  for i, hit in ipairs(hits) do
    local line = pickers.fzf_line(hit, i, o)
    T.eq(pickers.fzf_index(line), i)
    local path, lnum, col = line:match("^(.-):(%d+):(%d+):")
    T.eq({ path, tonumber(lnum), tonumber(col) }, { hit.path, hit.line, hit.col })
    T.ok(line:sub(-#sources.format_hit(hit)) == sources.format_hit(hit), "ends with the text")
  end
  -- snacks.nvim: file, pos {line, col 0-based}, end_pos
  local it = pickers.snacks_item(h, 1, o)
  T.eq({ it.file, it.pos, it.end_pos, it.idx }, { h.path, { h.line, h.col - 1 },
    { h.end_line, h.end_col }, 1 })
  T.eq(it.value, h)
  T.eq(it.text, sources.format_hit(h))
end)

T.test("pickers: without Telescope, fzf-lua or snacks.nvim, vim.ui.select; the option picks one", function()
  T.eq(pickers.backend(), "select", "none installed here")
  require("dossier").setup({ picker = "telescope" })
  T.eq(pickers.backend(), "select", "asked for but absent: vim.ui.select")
  require("dossier").setup({ picker = "select" })
  T.eq(pickers.backend(), "select")
  local msgs = T.capture(function()
    require("dossier").setup({ picker = "fzf" })
  end)
  T.match(msgs[1].msg,
    'setup: picker must be "auto", "telescope", "fzf%-lua", "snacks" or "select"')
  require("dossier").setup({})
  -- the chosen item reaches on_choice, from vim.ui.select
  local got
  local orig = vim.ui.select
  vim.ui.select = function(items, o, cb)
    T.eq(o.prompt, "Pick")
    T.eq(o.format_item(items[2]), "b")
    cb(items[2])
  end
  local o = { prompt = "Pick", format = function(x)
    return x.name
  end, location = function() end, on_choice = function(x)
    got = x
  end }
  T.eq(pickers.pick({ { name = "a" }, { name = "b" } }, o), "select")
  vim.ui.select = orig
  T.eq(got, { name = "b" })
end)

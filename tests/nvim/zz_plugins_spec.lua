-- Issue 11: Dossier with the real third-party plugins it works with, when
-- this machine has them (H.plugins_dir; CI has none, and these skip): the
-- nvim-cmp and blink.cmp sources, the Telescope, fzf-lua and snacks.nvim
-- pickers. Last of the suites (zz_), since the plugins stay loaded. Their
-- contracts are tested without them in complete_spec.lua and
-- pickers_spec.lua.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local function type_until(s, ms, cond)
  for key in s:gmatch("<[^>]+>") do
    T.ok(key == "<Esc>", "only <Esc> is a special key here")
  end
  for ch in s:gsub("<Esc>", "\27"):gmatch("[%z\1-\127\194-\244][\128-\191]*") do
    api.nvim_feedkeys(ch, "t", false) -- one key at a time, as typed
    T.sleep(15)
  end
  local t0 = T.now()
  repeat
    T.sleep(30)
  until cond() or T.now() - t0 > ms
  return cond()
end

-- A markdown draft as a user opens one: filetype plugins on, so markdown's
-- ftplugin sets 'omnifunc' (htmlcomplete#CompleteTags) before Dossier.
local function markdown_draft(lines)
  if api.nvim_get_mode().mode ~= "n" then
    type_until("<Esc>", 200, function()
      return api.nvim_get_mode().mode == "n"
    end)
  end
  vim.cmd("filetype plugin on")
  local buf = H.open_draft(lines or { "" })
  T.eq(vim.bo[buf].filetype, "markdown")
  return buf
end


T.test("complete: with the real nvim-cmp, typing Vlad offers Vladimir Putin", function()
  local ok, why = H.load_plugins("nvim-cmp")
  if not ok then
    T.skip(why)
  end
  local cmp = require("cmp")
  cmp.setup({
    sources = { { name = "dossier" } },
    completion = { autocomplete = { "TextChanged" } },
    snippet = { expand = function() end },
  })
  local buf = markdown_draft({ "" })
  T.ok(type_until("iHe met Vlad", 3000, cmp.visible), "the menu shows")
  local entry = cmp.get_selected_entry() or cmp.get_entries()[1]
  T.eq(entry.completion_item.label, "Vladimir Putin")
  T.eq(entry.source.name, "dossier")
  cmp.confirm({ select = true })
  type_until("", 500, function()
    return api.nvim_buf_get_lines(buf, 0, 1, false)[1] == "He met Vladimir Putin"
  end)
  type_until("<Esc>", 200, function()
    return api.nvim_get_mode().mode == "n"
  end)
  T.eq(api.nvim_buf_get_lines(buf, 0, 1, false)[1], "He met Vladimir Putin")
end)

T.test("complete: with the real blink.cmp, typing Vlad offers Vladimir Putin", function()
  if vim.fn.has("nvim-0.10") == 0 then
    T.skip("blink.cmp needs Neovim 0.10")
  end
  local ok, why = H.load_plugins("blink.cmp")
  if not ok then
    T.skip(why)
  end
  local blink = require("blink.cmp")
  blink.setup({
    fuzzy = { implementation = "lua" },
    sources = {
      default = { "dossier" },
      providers = { dossier = { name = "Dossier", module = "dossier.blink" } },
    },
  })
  local buf = markdown_draft({ "" })
  T.ok(type_until("iHe met Vlad", 3000, blink.is_visible), "the menu shows")
  blink.select_and_accept()
  type_until("", 1000, function()
    return api.nvim_buf_get_lines(buf, 0, 1, false)[1] == "He met Vladimir Putin"
  end)
  type_until("<Esc>", 200, function()
    return api.nvim_get_mode().mode == "n"
  end)
  T.eq(api.nvim_buf_get_lines(buf, 0, 1, false)[1], "He met Vladimir Putin")
end)

-- Issue 11: Dossier with the real third-party plugins it works with, when
-- this machine has them (H.plugins_dir; CI has none, and these skip): the
-- nvim-cmp and blink.cmp sources, the Telescope, fzf-lua and snacks.nvim
-- pickers. Last of the suites (zz_), since the plugins stay loaded. Their
-- contracts are tested without them in complete_spec.lua and
-- pickers_spec.lua.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local type_until, markdown_draft = H.type_until, H.markdown_draft

-- After an item was accepted: the line reads "He met Vladimir Putin", back
-- in Normal mode.
local function accepted(buf)
  type_until("", 1000, function()
    return api.nvim_buf_get_lines(buf, 0, 1, false)[1] == "He met Vladimir Putin"
  end)
  type_until("<Esc>", 200, function()
    return api.nvim_get_mode().mode == "n"
  end)
  T.eq(api.nvim_buf_get_lines(buf, 0, 1, false)[1], "He met Vladimir Putin")
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
  accepted(buf)
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
  accepted(buf)
end)

-- :Dossier sources on the Cosmodrome sentence of the sample draft, with the
-- picker `name`: its window shows the passages, a preview shows the first
-- one in its article; <CR> (typed) jumps there. preview_text(): the text of
-- the picker's preview, or nil while there is none.
local function picker_case(name, preview_text)
  require("dossier").setup({ picker = name })
  -- wide enough for the pickers to show their preview beside the list
  vim.o.columns, vim.o.lines = 200, 50
  local buf = H.open_draft()
  api.nvim_win_set_cursor(0, { 4, 40 })
  local want = require("dossier.sources").hits(
    require("dossier.text").sentence_at_cursor(0))[1]
  vim.cmd("Dossier sources")
  T.eq(require("dossier.pickers").backend(), name, "the picker in use")
  local passage = want.text:sub(1, 40)
  local shown = type_until("", 5000, function()
    local p = preview_text()
    return p ~= nil and p:find(passage, 1, true) ~= nil and p:find("---\nid: ", 1, true) ~= nil
  end)
  T.ok(shown, "the preview shows the passage in its article: " .. tostring(preview_text()))
  T.ok(type_until("<CR>", 5000, function()
    return api.nvim_buf_get_name(0) == want.path
  end), "<CR> jumps to the article")
  T.eq(api.nvim_win_get_cursor(0), { want.line, want.col - 1 }, "at the passage")
  T.eq(vim.bo.readonly, true)
  vim.cmd("Dossier back")
  T.eq(api.nvim_get_current_buf(), buf)
  require("dossier").setup({})
  vim.o.columns, vim.o.lines = 80, 24
end

-- The text of every floating window but the current one (the preview).
local function floats_text()
  local out = {}
  for _, w in ipairs(api.nvim_list_wins()) do
    if api.nvim_win_get_config(w).relative ~= "" and w ~= api.nvim_get_current_win() then
      local b = api.nvim_win_get_buf(w)
      out[#out + 1] = table.concat(api.nvim_buf_get_lines(b, 0, -1, false), "\n")
    end
  end
  return #out > 0 and table.concat(out, "\n") or nil
end

-- Each picker: the plugins it needs, the Neovim it needs, what else.
local PICKERS = {
  { name = "telescope", title = "Telescope", plugins = { "plenary.nvim", "telescope.nvim" } },
  { name = "fzf-lua", title = "fzf-lua", plugins = { "fzf-lua" }, nvim = "0.9", program = "fzf" },
  { name = "snacks", title = "snacks.nvim", plugins = { "snacks.nvim" }, nvim = "0.9.4",
    setup = function()
      require("snacks").setup({ picker = { enabled = true } })
    end },
}

for _, p in ipairs(PICKERS) do
  local name = "sources: with the real " .. p.title .. ", a picker with a preview of the passage"
  T.test(name, function()
    if p.nvim and vim.fn.has("nvim-" .. p.nvim) == 0 then
      T.skip(p.title .. " needs Neovim " .. p.nvim)
    end
    if p.program and vim.fn.executable(p.program) == 0 then
      T.skip("no " .. p.program .. " program")
    end
    local ok, why = H.load_plugins(unpack(p.plugins))
    if not ok then
      T.skip(why)
    end
    if p.setup then
      p.setup()
    end
    picker_case(p.name, floats_text)
  end)
end

-- Dossier: defines only the :Dossier command, <Plug> maps and an autocmd.
-- Everything else is required lazily on first use.
if vim.g.loaded_dossier then
  return
end
vim.g.loaded_dossier = true

local function dossier()
  return require("dossier")
end

-- Run fn(...) protected: an internal error is reported once (by util, or by
-- vim.notify when even that cannot load) and never reaches the user's typing.
local function guard(where, fn, ...)
  local ok, res = pcall(fn, ...)
  if ok then
    return res
  end
  if not pcall(function()
    require("dossier.util").report_internal(where, res)
  end) then
    vim.notify("(dossier) internal error in " .. where .. ": " .. tostring(res), vim.log.levels.ERROR)
  end
end

vim.api.nvim_create_user_command("Dossier", function(o)
  guard(":Dossier", function()
    dossier().command(o)
  end)
end, {
  nargs = "*",
  range = true,
  complete = function(arglead, cmdline)
    return guard(":Dossier completion", function()
      return dossier().complete(arglead, cmdline)
    end) or {}
  end,
  desc = "Dossier: actors, sources and citations",
})

local plugs = {
  { "n", "hover", "<Cmd>Dossier hover<CR>" },
  { "n", "sources", "<Cmd>Dossier sources<CR>" },
  { "x", "sources", ":Dossier sources<CR>" },
  { "n", "back", "<Cmd>Dossier back<CR>" },
  { "n", "cite", "<Cmd>Dossier cite<CR>" },
  { "n", "mentions", "<Cmd>Dossier mentions<CR>" },
  { "n", "check", "<Cmd>Dossier check<CR>" },
  { "n", "toggle", "<Cmd>Dossier toggle<CR>" },
}
-- nvim_set_keymap rather than vim.keymap.set: the latter loads a Lua module
-- at startup
for _, p in ipairs(plugs) do
  vim.api.nvim_set_keymap(p[1], "<Plug>(dossier-" .. p[2] .. ")", p[3],
    { noremap = true, silent = true, desc = "Dossier " .. p[2] })
end

local group = vim.api.nvim_create_augroup("dossier", { clear = true })
vim.api.nvim_create_autocmd({ "FileType", "BufWinEnter" }, {
  group = group,
  callback = function(ev)
    if vim.g.dossier_disable then
      return
    end
    -- BufWinEnter only matters when filetype detection is off
    if ev.event == "BufWinEnter"
      and (vim.bo[ev.buf].filetype ~= "" or vim.api.nvim_buf_get_name(ev.buf) == "") then
      return
    end
    guard("attach", function()
      dossier().maybe_attach(ev.buf)
    end)
  end,
})

-- Sourced after files were opened (e.g. `-c 'runtime plugin/dossier.lua'`):
-- attach the named buffers already loaded. At normal startup there are none.
for _, buf in ipairs(vim.api.nvim_list_bufs()) do
  if vim.api.nvim_buf_is_loaded(buf) and vim.api.nvim_buf_get_name(buf) ~= "" then
    guard("attach", function()
      dossier().maybe_attach(buf)
    end)
  end
end

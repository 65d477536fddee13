-- Dossier: defines only the :Dossier command, <Plug> maps and an autocmd.
-- Everything else is required lazily on first use; lua/dossier/commands.lua,
-- the table of subcommands, requires nothing itself.
if vim.g.loaded_dossier then
  return
end
vim.g.loaded_dossier = true

local commands = require("dossier.commands")

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
    local msg = "(dossier) internal error in " .. where .. ": " .. tostring(res)
    vim.notify(msg, vim.log.levels.ERROR)
  end
end

vim.api.nvim_create_user_command("Dossier", function(o)
  guard(":Dossier", commands.run, o)
end, {
  nargs = "*",
  range = true,
  bang = true,
  complete = function(arglead, cmdline)
    return guard(":Dossier completion", commands.complete, arglead, cmdline) or {}
  end,
  desc = "Dossier: actors, sources and citations",
})

-- nvim_set_keymap rather than vim.keymap.set: the latter loads a Lua module
-- at startup
for _, p in ipairs(commands.plugs()) do
  vim.api.nvim_set_keymap(p[1], p[2], p[3], { noremap = true, silent = true, desc = p[4] })
end

local group = vim.api.nvim_create_augroup("dossier", { clear = true })
vim.api.nvim_create_autocmd({ "FileType", "BufWinEnter" }, {
  group = group,
  callback = function(ev)
    if vim.g.dossier_disable then
      return
    end
    -- BufWinEnter only matters when filetype detection is off
    if
      ev.event == "BufWinEnter"
      and (vim.bo[ev.buf].filetype ~= "" or vim.api.nvim_buf_get_name(ev.buf) == "")
    then
      return
    end
    guard("attach", function()
      require("dossier").maybe_attach(ev.buf)
    end)
  end,
})

-- Sourced after files were opened (e.g. `-c 'runtime plugin/dossier.lua'`):
-- attach the named buffers already loaded. At normal startup there are none.
for _, buf in ipairs(vim.api.nvim_list_bufs()) do
  if vim.api.nvim_buf_is_loaded(buf) and vim.api.nvim_buf_get_name(buf) ~= "" then
    guard("attach", function()
      require("dossier").maybe_attach(buf)
    end)
  end
end

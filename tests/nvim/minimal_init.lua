-- Minimal init for the end-to-end tests: only this plugin, no user config.
local root = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h:h:h")
-- Keep the install's parser directory (Debian: /usr/lib/nvim, upstream:
-- <prefix>/lib/nvim): from 0.12 the markdown ftplugin starts treesitter.
local rtp = { root, vim.env.VIMRUNTIME }
for _, p in ipairs(vim.api.nvim_list_runtime_paths()) do
  if p:match("/lib/nvim$") then
    rtp[#rtp + 1] = p
  end
end
vim.opt.runtimepath = rtp
vim.opt.packpath = { vim.env.VIMRUNTIME } -- 0.12 ships netrw as an opt package
vim.opt.swapfile = false
vim.opt.shadafile = "NONE"
vim.opt.hidden = true
vim.opt.more = false
vim.opt.showmode = false -- no "-- INSERT --" in the TAP output
vim.opt.shortmess:append("c") -- no "The only match" from completion on 0.10+
package.path = root .. "/tests/nvim/?.lua;" .. package.path
vim.g.dossier_test_root = root
vim.cmd("filetype on")
vim.cmd("runtime plugin/dossier.lua")

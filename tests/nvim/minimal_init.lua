-- Minimal init for the end-to-end tests: only this plugin, no user config.
local root = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h:h:h")
vim.opt.runtimepath = { root, vim.env.VIMRUNTIME }
vim.opt.packpath = {}
vim.opt.swapfile = false
vim.opt.shadafile = "NONE"
vim.opt.hidden = true
vim.opt.more = false
package.path = root .. "/tests/nvim/?.lua;" .. package.path
vim.g.dossier_test_root = root
vim.cmd("filetype on")
vim.cmd("runtime plugin/dossier.lua")

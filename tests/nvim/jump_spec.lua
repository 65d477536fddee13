-- Issue 11: jumping to an article another Neovim holds open (its swap file
-- exists): the article view opens read-only without a swap file, no E325.
local T = require("tap")
local H = require("helpers")
local api = vim.api

T.test("jump: an article open in another Neovim (swap file) opens read-only, no E325", function()
  local swapdir = vim.fn.tempname()
  vim.fn.mkdir(swapdir, "p")
  local src = require("dossier.sources")
  H.open_draft()
  api.nvim_win_set_cursor(0, { 4, 40 })
  local h = src.hits(require("dossier.text").sentence_at_cursor(0))[1]
  -- a second, real Neovim editing the article, with its swap file in swapdir
  local other = vim.fn.jobstart({ vim.v.progpath, "--headless", "-u", "NONE", "-i", "NONE",
    "--cmd", "set swapfile directory=" .. swapdir .. "//", h.path })
  T.ok(other > 0, "second Neovim started")
  T.ok(vim.wait(5000, function()
    return #vim.fn.glob(swapdir .. "/*", false, true) > 0
  end, 20), "its swap file exists")
  -- this Neovim as a user has it: swap files on, in the same directory
  local saved = { vim.o.swapfile, vim.o.directory }
  vim.go.swapfile, vim.o.directory = true, swapdir .. "//"
  local msgs
  local ok, err = pcall(function()
    msgs = T.capture(function()
      vim.cmd("Dossier back") -- nothing to return from yet: a message only
      src.jump(h)
    end)
  end)
  vim.go.swapfile, vim.o.directory = saved[1], saved[2]
  local swaps = #vim.fn.glob(swapdir .. "/*", false, true)
  vim.fn.jobstop(other)
  T.ok(ok, "no error: " .. tostring(err))
  for _, m in ipairs(msgs or {}) do
    T.ok(not m.msg:find("E325"), "no E325: " .. m.msg)
  end
  T.eq(api.nvim_buf_get_name(0), h.path, "the article shown")
  T.eq(api.nvim_win_get_cursor(0), { h.line, h.col - 1 }, "at the passage")
  T.eq(vim.bo.readonly, true)
  T.eq(vim.bo.swapfile, false, "the view has no swap file")
  T.eq(swaps, 1, "only the other Neovim's swap file")
  vim.fn.delete(swapdir, "rf")
end)

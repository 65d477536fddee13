-- The README's client configuration for Neovim, run as written on the
-- Neovim it is for (0.7's block on 0.7, "0.8 to 0.10" on those, 0.11's on
-- 0.11+), with the shipped corpus for its "~/notes/corpus" and the built
-- program first in $PATH: a markdown draft then gets the server's
-- diagnostics.
local T = require("tap")
local H = require("helpers")
local api = vim.api

local readme = vim.fn.readfile(H.root .. "/README.md")

-- The first ```lua block after the line that starts with heading.
local function block_after(heading)
  local i = 1
  while readme[i] and not vim.startswith(readme[i], heading) do
    i = i + 1
  end
  T.ok(readme[i], "README has a line starting " .. heading)
  while readme[i] and readme[i] ~= "```lua" do
    i = i + 1
  end
  local out = {}
  for j = i + 1, #readme do
    if readme[j] == "```" then
      return table.concat(out, "\n")
    end
    out[#out + 1] = readme[j]
  end
  error("no end of the block after " .. heading)
end

local function clients(buf)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ bufnr = buf })
end

T.test("README: the Neovim client configuration works as written on this Neovim", function()
  local heading
  if vim.lsp.config and vim.lsp.enable then
    heading = "Neovim 0.11 and later:"
  elseif vim.lsp.start then
    heading = "Neovim 0.8 to 0.10:"
  else
    heading = "Neovim 0.7 has neither"
  end
  local code = block_after(heading)
  T.match(code, "~/notes/corpus", "the block names the example corpus")
  code = code:gsub("~/notes/corpus", H.root .. "/corpus")
  local before = {}
  for _, a in ipairs(api.nvim_get_autocmds({ event = "FileType" })) do
    before[a.id or 0] = true -- autocmds of Vim script have no id
  end
  local path_env = vim.env.PATH
  vim.env.PATH = H.root .. "/build/bin:" .. path_env
  local ok, err = pcall(assert(load(code, "README: " .. heading)))
  T.ok(ok, heading .. " runs: " .. tostring(err))
  local buf = H.markdown_draft({
    "# Notes",
    "",
    "Pyongyang sold ten thousand tractors to Portugal in 1850.",
  })
  vim.env.PATH = path_env
  T.ok(vim.wait(10000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20), heading .. ": the server's diagnostics arrive")
  local names = {}
  for _, c in ipairs(clients(buf)) do
    names[#names + 1] = c.name
  end
  T.ok(vim.tbl_contains(names, "dossier"), "a client named dossier: " .. table.concat(names, ","))
  -- leave this Neovim as it was: no autocmd or client of the README's
  for _, a in ipairs(api.nvim_get_autocmds({ event = "FileType" })) do
    if a.id and not before[a.id] then
      api.nvim_del_autocmd(a.id)
    end
  end
  if vim.lsp.enable and vim.lsp.config then
    vim.lsp.enable("dossier", false)
  end
  for _, c in ipairs(clients(buf)) do
    vim.lsp.stop_client(c.id, true)
  end
  vim.wait(3000, function()
    return #clients(buf) == 0
  end, 20)
end)

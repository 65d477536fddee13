-- :checkhealth dossier
local M = {}

-- vim.health.start/ok/... (0.10+), vim.health.report_* (0.9), or the
-- `health` module (0.7, 0.8), picked by feature detection.
local function reporter()
  local h = vim.health
  if h and h.start then
    return { start = h.start, ok = h.ok, warn = h.warn, error = h.error, info = h.info }
  end
  if not (h and h.report_start) then
    h = require("health")
  end
  return {
    start = h.report_start,
    ok = h.report_ok,
    warn = h.report_warn,
    error = h.report_error,
    info = h.report_info,
  }
end

--- :checkhealth dossier: Neovim, the core, the configuration, the corpus.
function M.check()
  local r = reporter()
  local dossier = require("dossier")
  local config = require("dossier.config")
  local corpus = require("dossier.corpus")
  local util = require("dossier.util")

  r.start("dossier: Neovim")
  local v = vim.version()
  local vs = ("%d.%d.%d"):format(v.major, v.minor, v.patch)
  if vim.fn.has("nvim-0.7") == 1 then
    r.ok("Neovim " .. vs)
  else
    r.error("Neovim " .. vs .. " is too old: Dossier needs 0.7 or later")
  end

  r.start("dossier: C core")
  local core, err = require("dossier.native").get()
  if not core then
    r.error(err)
    return
  end
  r.ok("lua/dossier/core.so loaded")
  if core.version == dossier.version then
    r.ok("core version " .. core.version .. " matches the plugin")
  else
    r.error(("core version %s does not match the plugin (%s): run make in %s"):format(
      tostring(core.version), dossier.version, util.root))
  end

  r.start("dossier: help and the dossier program")
  if vim.fn.filereadable(util.root .. "/doc/tags") == 1 then
    r.ok(":help dossier (doc/tags)")
  else
    r.warn("no doc/tags, so :help dossier fails: run make in " .. util.root
      .. " (or :helptags " .. util.root .. "/doc)")
  end
  local prg = vim.fn.exepath("dossier")
  local built = util.root .. "/build/bin/dossier"
  if prg ~= "" then
    r.ok("dossier program " .. prg .. " (:Dossier compiler, dossier lsp)")
  elseif vim.fn.executable(built) == 1 then
    r.ok("dossier program " .. built .. " (not in $PATH; :Dossier compiler finds it)")
  else
    r.info("no dossier program: make builds it; needed only for :Dossier compiler and the"
      .. " language server")
  end

  r.start("dossier: configuration")
  local ok, e = pcall(config.setup, vim.deepcopy(config.options))
  if ok then
    r.ok("configuration valid (corpus " .. config.options.corpus .. ")")
  else
    r.error(tostring(e))
  end

  r.start("dossier: corpus")
  local c, cerr = corpus.get()
  if not c then
    r.error(cerr)
    return
  end
  local passages = 0
  local arts = c:articles()
  for _, a in ipairs(arts) do
    passages = passages + (a.passages or 0)
  end
  r.ok(("%d articles, %d passages, %d actors"):format(#arts, passages, #c:actors()))
end

return M

-- Dossier: actors, sources and citations for drafts, from a corpus of articles.
local util = require("dossier.util")

local M = {}

M.version = "0.1.0"

local function cfg()
  return require("dossier.config")
end

-- Override the validated defaults. Raises a "(dossier) ..." error on invalid
-- options (the previous configuration stays in force).
function M.setup(opts)
  local old = cfg().options.corpus
  local new = cfg().setup(opts)
  if new.corpus ~= old then
    require("dossier.corpus").reset()
  end
  require("dossier.highlights").setup()
  -- re-attach buffers already open
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) then
      M.maybe_attach(buf)
    end
  end
  return new
end

local ext_ft = { md = "markdown", markdown = "markdown", txt = "text", tex = "tex", eml = "mail" }

-- The filetype of buf, guessed from its extension when filetype detection is off.
local function filetype(buf)
  local ft = vim.bo[buf].filetype
  if ft ~= "" then
    return ft
  end
  local name = vim.api.nvim_buf_get_name(buf)
  if name:match("COMMIT_EDITMSG$") then
    return "gitcommit"
  end
  return ext_ft[(name:match("%.([%w]+)$") or ""):lower()] or ""
end

-- Attach buf if its filetype is one of the configured ones.
function M.maybe_attach(buf)
  buf = util.resolve_buf(buf)
  if vim.bo[buf].buftype ~= "" then
    return false
  end
  if vim.tbl_contains(cfg().options.filetypes, filetype(buf)) then
    return M.attach(buf)
  end
  return false
end

local function set_keymaps(buf)
  local plug = {
    hover = "<Plug>(dossier-hover)",
    sources = "<Plug>(dossier-sources)",
    cite = "<Plug>(dossier-cite)",
    back = "<Plug>(dossier-back)",
    mentions = "<Plug>(dossier-mentions)",
  }
  for name, lhs in pairs(cfg().keymaps()) do
    vim.keymap.set("n", lhs, plug[name], { buffer = buf, remap = true, desc = "Dossier " .. name })
    if name == "sources" then
      vim.keymap.set("x", lhs, plug[name], { buffer = buf, remap = true, desc = "Dossier sources" })
    end
  end
end

-- Attach Dossier to buf: highlighting, omnifunc, keymaps.
function M.attach(buf)
  buf = util.resolve_buf(buf)
  local hl = require("dossier.highlight")
  if hl.is_attached(buf) then
    return true
  end
  require("dossier.highlights").setup()
  if cfg().options.omnifunc and vim.bo[buf].omnifunc == "" then
    vim.bo[buf].omnifunc = "v:lua.require'dossier.complete'.omnifunc"
  end
  set_keymaps(buf)
  return hl.attach(buf)
end

M.subcommands = {
  toggle = { fn = function() require("dossier.highlight").toggle(0) end },
  attach = { fn = function() M.attach(0) end },
  detach = { fn = function() require("dossier.highlight").detach(vim.api.nvim_get_current_buf()) end },
  refresh = { fn = function() require("dossier.highlight").refresh(0) end },
  hover = { fn = function() require("dossier.hover").hover() end },
  sources = {
    fn = function(args, o)
      require("dossier.sources").sources({ qf = args[1] == "qf", range = o.range > 0 and { o.line1, o.line2 } or nil })
    end,
    complete = { "qf" },
  },
  back = { fn = function() require("dossier.sources").back() end },
  mentions = { fn = function() require("dossier.sources").mentions() end },
  cite = {
    fn = function(args) require("dossier.cite").cite(args[1]) end,
    complete = function() return require("dossier.config").styles end,
  },
  bibliography = {
    fn = function(args) require("dossier.cite").bibliography(args[1], args[2]) end,
    complete = { "csl", "bibtex" },
  },
  check = {
    fn = function(args) require("dossier.check").run(0, args[1] == "off") end,
    complete = { "off" },
  },
  health = { fn = function() vim.cmd("checkhealth dossier") end },
}

-- :Dossier {subcommand} [args]
function M.command(o)
  local util = require("dossier.util")
  local args = vim.split(o.args or "", "%s+", { trimempty = true })
  local name = table.remove(args, 1)
  if not name then
    local names = vim.tbl_keys(M.subcommands)
    table.sort(names)
    util.echo("usage: :Dossier {" .. table.concat(names, "|") .. "} (see :help dossier-commands)")
    return
  end
  local sub = M.subcommands[name]
  if not sub then
    util.error("unknown subcommand " .. vim.inspect(name) .. "; see :help dossier-commands")
    return
  end
  local ok, err = pcall(sub.fn, args, o)
  if not ok then
    if type(err) == "string" and err:match("^%(dossier%)") then
      util.error(err:gsub("^%(dossier%) ", ""))
    else
      util.report_internal(":Dossier " .. name, err)
    end
  end
end

function M.complete(arglead, cmdline)
  local words = vim.split(cmdline:sub(1, #cmdline - #arglead), "%s+", { trimempty = true })
  local out = {}
  local cands
  if #words <= 1 then
    cands = vim.tbl_keys(M.subcommands)
    table.sort(cands)
  elseif #words == 2 then
    local sub = M.subcommands[words[2]]
    cands = sub and sub.complete or {}
    if type(cands) == "function" then
      cands = cands()
    end
  else
    return {}
  end
  for _, c in ipairs(cands) do
    if c:sub(1, #arglead) == arglead then
      out[#out + 1] = c
    end
  end
  return out
end

return M

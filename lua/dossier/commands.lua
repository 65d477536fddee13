-- The :Dossier subcommands and the <Plug> mappings, in one table, with the
-- dispatch and completion they drive. plugin/dossier.lua requires this at
-- startup, so it requires nothing itself: a subcommand's module is required
-- only when the subcommand runs (or completes).
local M = {}

---@class dossier.Subcommand
---@field name string `:Dossier {name}`
---@field run fun(args: string[], range: integer[]|nil) what it runs (range: see `range`)
---@field range? boolean takes a [range]: run gets {line1, line2} when one is given
---@field complete? string[]|fun(): string[] candidates for its first argument
---@field plug? string[] modes of `<Plug>(dossier-{name})`
---@field key? string its key with `setup({ keymaps = true })`

---@type dossier.Subcommand[]
M.list = {
  {
    name = "toggle",
    plug = { "n" },
    run = function()
      require("dossier.highlight").toggle(0)
    end,
  },
  {
    name = "attach",
    run = function()
      require("dossier").attach(0)
    end,
  },
  {
    name = "detach",
    run = function()
      require("dossier.highlight").detach(vim.api.nvim_get_current_buf())
    end,
  },
  {
    name = "refresh",
    run = function()
      require("dossier.highlight").refresh(0)
    end,
  },
  {
    name = "hover",
    plug = { "n" },
    key = "K",
    run = function()
      require("dossier.hover").hover()
    end,
  },
  {
    name = "sources",
    range = true,
    complete = { "qf" },
    plug = { "n", "x" },
    key = "<Leader>ds",
    run = function(args, range)
      require("dossier.sources").sources({ qf = args[1] == "qf", range = range })
    end,
  },
  {
    name = "back",
    plug = { "n" },
    key = "<Leader>db",
    run = function()
      require("dossier.sources").back()
    end,
  },
  {
    name = "mentions",
    plug = { "n" },
    key = "<Leader>dm",
    run = function()
      require("dossier.sources").mentions()
    end,
  },
  {
    name = "cite",
    complete = function()
      local core = require("dossier.native").get()
      return core and core.styles or {}
    end,
    plug = { "n" },
    key = "<Leader>dc",
    run = function(args)
      require("dossier.cite").cite(args[1])
    end,
  },
  {
    name = "bibliography",
    complete = { "csl", "bibtex" },
    run = function(args)
      require("dossier.cite").bibliography(args[1], args[2])
    end,
  },
  {
    name = "check",
    complete = { "off" },
    plug = { "n" },
    run = function(args)
      require("dossier.check").run(0, args[1] == "off")
    end,
  },
  {
    name = "health",
    run = function()
      vim.cmd("checkhealth dossier")
    end,
  },
}

--- The subcommand called name, or nil.
---@param name string
---@return dossier.Subcommand|nil
function M.get(name)
  for _, sub in ipairs(M.list) do
    if sub.name == name then
      return sub
    end
  end
  return nil
end

--- The subcommand names, sorted.
---@return string[]
function M.names()
  local names = {}
  for _, sub in ipairs(M.list) do
    names[#names + 1] = sub.name
  end
  table.sort(names)
  return names
end

--- The <Plug> mappings to define: {mode, lhs, rhs, desc} each. In Visual
--- mode the rhs is a `:` command, so the selection becomes its range.
---@return {[1]: string, [2]: string, [3]: string, [4]: string}[]
function M.plugs()
  local out = {}
  for _, sub in ipairs(M.list) do
    for _, mode in ipairs(sub.plug or {}) do
      local rhs = (mode == "n" and "<Cmd>Dossier %s<CR>" or ":Dossier %s<CR>"):format(sub.name)
      out[#out + 1] = { mode, M.plug_lhs(sub.name), rhs, "Dossier " .. sub.name }
    end
  end
  return out
end

--- `<Plug>(dossier-{name})`
---@param name string
---@return string
function M.plug_lhs(name)
  return "<Plug>(dossier-" .. name .. ")"
end

--- The keys of `setup({ keymaps = true })`: {name = lhs}.
---@return table<string, string>
function M.default_keys()
  local out = {}
  for _, sub in ipairs(M.list) do
    if sub.key then
      out[sub.name] = sub.key
    end
  end
  return out
end

--- :Dossier {subcommand} [args]: the callback of the user command.
---@param o table the user command's argument (args, range, line1, line2)
function M.run(o)
  local util = require("dossier.util")
  local args = vim.split(o.args or "", "%s+", { trimempty = true })
  local name = table.remove(args, 1)
  if not name then
    local names = table.concat(M.names(), "|")
    util.echo("usage: :Dossier {" .. names .. "} (see :help dossier-commands)")
    return
  end
  local sub = M.get(name)
  if not sub then
    util.error("unknown subcommand " .. vim.inspect(name) .. "; see :help dossier-commands")
    return
  end
  local range = sub.range and (o.range or 0) > 0 and { o.line1, o.line2 } or nil
  local ok, err = pcall(sub.run, args, range)
  if not ok then
    if type(err) == "string" and err:match("^%(dossier%)") then
      util.error((err:gsub("^%(dossier%) ", "")))
    else
      util.report_internal(":Dossier " .. name, err)
    end
  end
end

--- Completion of :Dossier: subcommand names, then the subcommand's first
--- argument.
---@param arglead string
---@param cmdline string
---@return string[]
function M.complete(arglead, cmdline)
  local words = vim.split(cmdline:sub(1, #cmdline - #arglead), "%s+", { trimempty = true })
  local cands
  if #words <= 1 then
    cands = M.names()
  elseif #words == 2 then
    local sub = M.get(words[2])
    cands = sub and sub.complete or {}
    if type(cands) == "function" then
      cands = cands()
    end
  else
    return {}
  end
  local out = {}
  for _, c in ipairs(cands) do
    if c:sub(1, #arglead) == arglead then
      out[#out + 1] = c
    end
  end
  return out
end

return M

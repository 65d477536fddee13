-- The :Dossier subcommands and the <Plug> mappings, in one table, with the
-- dispatch and completion they drive. plugin/dossier.lua requires this at
-- startup, so it requires nothing itself: a subcommand's module is required
-- only when the subcommand runs (or completes).
local M = {}

---@class dossier.Subcommand
---@field name string `:Dossier {name}`
---@field run fun(args: table<string, string>, range: integer[]|nil, bang: boolean) what it runs:
---  args by slot name (see `args`), range {line1, line2} (see `range`), bang (see `bang`)
---@field args? dossier.ArgSlot[] the arguments it takes, in order, each optional; none if nil
---@field range? boolean takes a [range]: run gets {line1, line2} when one is given; else refused
---@field bang? boolean takes a !; else refused
---@field plug? string[] modes of `<Plug>(dossier-{name})`
---@field key? string its key with `setup({ keymaps = true })`

--- One argument a subcommand takes. A word given goes to the first slot
--- still free that takes it; a word no slot takes is refused.
---@class dossier.ArgSlot
---@field name string its key in run's args
---@field values? string[]|fun(): string[] the words it takes (completed with <Tab>)
---@field path? boolean takes any word, a file path (file names complete)

local function styles()
  local core = require("dossier.native").get()
  return core and core.styles or {}
end

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
    name = "reload",
    run = function()
      require("dossier").reload()
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
    args = { { name = "qf", values = { "qf" } } },
    plug = { "n", "x" },
    key = "<Leader>ds",
    run = function(args, range)
      require("dossier.sources").sources({ qf = args.qf ~= nil, range = range })
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
    args = { { name = "style", values = styles } },
    plug = { "n" },
    key = "<Leader>dc",
    run = function(args)
      require("dossier.cite").cite(args.style)
    end,
  },
  {
    name = "bibliography",
    bang = true,
    args = {
      { name = "format", values = { "csl", "bibtex" } },
      { name = "cited", values = { "cited" } },
      { name = "path", path = true },
    },
    run = function(args, _, bang)
      require("dossier.cite").bibliography(args.format, args.path, {
        cited = args.cited ~= nil,
        force = bang,
      })
    end,
  },
  {
    name = "check",
    args = { { name = "off", values = { "off" } } },
    plug = { "n" },
    run = function(args)
      require("dossier.check").run(0, args.off ~= nil)
    end,
  },
  {
    name = "compiler",
    run = function()
      require("dossier.compiler").set(vim.api.nvim_get_current_buf())
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

local function slot_values(slot)
  local v = slot.values or {}
  return type(v) == "function" and v() or v
end

-- The slot of slots, from index i, that takes word (nil when none does).
local function slot_for(slots, from, word)
  for i = from, #slots do
    if slots[i].path or vim.tbl_contains(slot_values(slots[i]), word) then
      return i
    end
  end
  return nil
end

--- The arguments words give sub, by slot name; nil and why when sub does
--- not take them.
---@param sub dossier.Subcommand
---@param words string[]
---@return table<string, string>|nil args
---@return string|nil why
function M.parse_args(sub, words)
  local slots, args, at = sub.args or {}, {}, 1
  for _, w in ipairs(words) do
    local i = slot_for(slots, at, w)
    if not i then
      local what = ":Dossier " .. sub.name
      if #slots == 0 then
        return nil, ("%s takes no argument (got %s)"):format(what, vim.inspect(w))
      end
      local expected = {}
      for k = at, #slots do
        expected[#expected + 1] = slots[k].path and "a file path"
          or table.concat(slot_values(slots[k]), "|")
      end
      local hint = #expected > 0 and " (expected " .. table.concat(expected, ", then ") .. ")"
        or " (no more arguments)"
      return nil, ("%s: unknown argument %s%s"):format(what, vim.inspect(w), hint)
    end
    args[slots[i].name] = w
    at = i + 1
  end
  return args
end

--- :Dossier {subcommand} [args]: the callback of the user command.
---@param o table the user command's argument (args, range, line1, line2, bang)
function M.run(o)
  local util = require("dossier.util")
  local words = vim.split(o.args or "", "%s+", { trimempty = true })
  local name = table.remove(words, 1)
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
  local help = " (see :help :Dossier-" .. name .. ")"
  if (o.range or 0) > 0 and not sub.range then
    util.error(":Dossier " .. name .. " takes no range" .. help)
    return
  end
  if o.bang and not sub.bang then
    util.error(":Dossier " .. name .. " takes no !" .. help)
    return
  end
  local args, why = M.parse_args(sub, words)
  if not args then
    util.error(why .. help)
    return
  end
  local range = sub.range and (o.range or 0) > 0 and { o.line1, o.line2 } or nil
  local ok, err = pcall(sub.run, args, range, o.bang == true)
  if not ok then
    if type(err) == "string" and err:match("^%(dossier%)") then
      util.error((err:gsub("^%(dossier%) ", "")))
    else
      util.report_internal(":Dossier " .. name, err)
    end
  end
end

--- Completion of :Dossier: subcommand names, then the words the
--- subcommand's free argument slots take (file names for a path).
---@param arglead string
---@param cmdline string
---@return string[]
function M.complete(arglead, cmdline)
  local words = vim.split(cmdline:sub(1, #cmdline - #arglead), "%s+", { trimempty = true })
  -- the command name itself may carry a range or a ! ("'<,'>Dossier!")
  local cands
  if #words <= 1 then
    cands = M.names()
  else
    local sub = M.get(words[2])
    if not sub then
      return {}
    end
    local slots, at = sub.args or {}, 1
    for k = 3, #words do
      local i = slot_for(slots, at, words[k])
      if not i then
        return {}
      end
      at = i + 1
    end
    cands = {}
    for i = at, #slots do
      if slots[i].path then
        vim.list_extend(cands, vim.fn.getcompletion(arglead, "file"))
      else
        vim.list_extend(cands, slot_values(slots[i]))
      end
    end
  end
  local out = {}
  for _, c in ipairs(cands) do
    if c:sub(1, #arglead) == arglead and not vim.tbl_contains(out, c) then
      out[#out + 1] = c
    end
  end
  return out
end

return M

-- Choosing one of a list of passages: with Telescope, fzf-lua or
-- snacks.nvim when one is installed (a preview of the passage in its
-- article), else vim.ui.select. The `picker` option picks one ("auto": the
-- first of those that loads). Nothing of theirs is required until a picker
-- is shown. The adapters (entry, line, item) are functions of their own, so
-- their shape can be tested without the plugins.
local util = require("dossier.util")

local M = {}

---@class dossier.PickOpts
---@field prompt string
---@field where string where internal errors are reported from (":Dossier sources")
---@field format fun(item: table): string one line per item
---@field location fun(item: table): dossier.PickPlace where the item is, for previews

---@class dossier.PickPlace
---@field path string
---@field line integer 1-based
---@field col integer 1-based
---@field end_line integer
---@field end_col integer
---@field on_choice fun(item: table) called with the item chosen (not when cancelled)

--- The pickers `picker = "auto"` tries, in order, and the module each needs.
M.backends = {
  { name = "telescope", module = "telescope" },
  { name = "fzf-lua", module = "fzf-lua" },
  { name = "snacks", module = "snacks" },
}

--- The picker to use: the `picker` option, or the first installed one for
--- "auto"; "select" (vim.ui.select) when none is.
---@return string
function M.backend()
  local want = require("dossier.config").options.picker or "auto"
  if want == "select" then
    return "select"
  end
  for _, b in ipairs(M.backends) do
    if (want == "auto" or want == b.name) and pcall(require, b.module) then
      return b.name
    end
  end
  return "select"
end

--- A Telescope entry for item (what its finder's entry_maker returns): the
--- grep previewer shows filename at lnum, col.
---@param item table
---@param opts dossier.PickOpts
---@return table
function M.telescope_entry(item, opts)
  local loc = opts.location(item)
  local line = opts.format(item)
  return {
    value = item,
    display = line,
    ordinal = line,
    filename = loc.path,
    lnum = loc.line,
    col = loc.col,
  }
end

--- An fzf-lua line for item i: "path:line:col:i:text", the form its builtin
--- previewer reads; only the text is shown (--with-nth).
---@param item table
---@param i integer
---@param opts dossier.PickOpts
---@return string
function M.fzf_line(item, i, opts)
  local loc = opts.location(item)
  local text = opts.format(item):gsub("[\r\n]", " ")
  return ("%s:%d:%d:%d:%s"):format(loc.path, loc.line, loc.col, i, text)
end

--- The item index of an fzf-lua line (see fzf_line), or nil.
---@param line string
---@return integer|nil
function M.fzf_index(line)
  return tonumber(line:match("^.-:%d+:%d+:(%d+):"))
end

--- A snacks.nvim picker item for item i: its file preview shows file at pos
--- (line 1-based, col 0-based) and highlights to end_pos.
---@param item table
---@param i integer
---@param opts dossier.PickOpts
---@return table
function M.snacks_item(item, i, opts)
  local loc = opts.location(item)
  return {
    idx = i,
    text = opts.format(item),
    file = loc.path,
    pos = { loc.line, loc.col - 1 },
    end_pos = { loc.end_line, loc.end_col },
    value = item,
  }
end

local pick = {}

function pick.select(items, opts, choose)
  local o = { prompt = opts.prompt, format_item = opts.format, kind = "dossier" }
  vim.ui.select(items, o, choose)
end

function pick.telescope(items, opts, choose)
  local pickers = require("telescope.pickers")
  local finders = require("telescope.finders")
  local conf = require("telescope.config").values
  local actions = require("telescope.actions")
  local state = require("telescope.actions.state")
  pickers
    .new({}, {
      prompt_title = opts.prompt,
      finder = finders.new_table({
        results = items,
        entry_maker = function(item)
          return M.telescope_entry(item, opts)
        end,
      }),
      sorter = conf.generic_sorter({}),
      previewer = conf.grep_previewer({}),
      attach_mappings = function(prompt_buf)
        actions.select_default:replace(function()
          local entry = state.get_selected_entry()
          actions.close(prompt_buf)
          if entry then
            choose(entry.value)
          end
        end)
        return true
      end,
    })
    :find()
end

pick["fzf-lua"] = function(items, opts, choose)
  local lines = {}
  for i, item in ipairs(items) do
    lines[i] = M.fzf_line(item, i, opts)
  end
  require("fzf-lua").fzf_exec(lines, {
    prompt = opts.prompt .. "> ",
    previewer = "builtin",
    fzf_opts = { ["--delimiter"] = ":", ["--with-nth"] = "5.." },
    actions = {
      ["default"] = function(selected)
        local i = selected and selected[1] and M.fzf_index(selected[1])
        if i and items[i] then
          choose(items[i])
        end
      end,
    },
  })
end

function pick.snacks(items, opts, choose)
  local list = {}
  for i, item in ipairs(items) do
    list[i] = M.snacks_item(item, i, opts)
  end
  require("snacks").picker.pick({
    title = opts.prompt,
    items = list,
    format = function(it)
      return { { it.text } }
    end,
    preview = "file",
    confirm = function(picker, it)
      picker:close()
      if it then
        choose(it.value)
      end
    end,
  })
end

--- Offer items in the picker of M.backend(); opts.on_choice gets the one
--- chosen. The callback runs later, outside :Dossier's protection: it is
--- protected here.
---@param items table[]
---@param opts dossier.PickOpts
---@return string backend the picker used
function M.pick(items, opts)
  local backend = M.backend()
  local choose = util.safe(opts.where or opts.prompt, function(item)
    if item then
      opts.on_choice(item)
    end
  end)
  if backend == "select" then
    pick.select(items, opts, choose)
  else
    -- a picker closing leaves Insert mode after this returns, which would
    -- move the cursor of a jump: choose once it is closed
    pick[backend](items, opts, function(item)
      vim.schedule(function()
        choose(item)
      end)
    end)
  end
  return backend
end

return M

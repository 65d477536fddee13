-- A float beside the cursor (gitsigns' popup is the model): a scratch buffer
-- wiped when hidden, opened without focus, closed by `q`, by InsertEnter or
-- by a real move of the cursor in the buffer it was opened from. Each float
-- has its own augroup, deleted with it.
local util = require("dossier.util")

local api = vim.api

local M = {}

---@class dossier.FloatOpts
---@field name? string where internal errors are reported from ("float")
---@field filetype? string of the float's buffer ("dossier")
---@field on_close? fun(win: integer) called once, however the float goes
---@field max_width? integer the float's width at most (its border aside)

-- win -> {group, on_close, closed}
local open = {}

local function cleanup(win)
  local f = open[win]
  if not f or f.closed then
    return
  end
  f.closed = true
  open[win] = nil
  pcall(api.nvim_del_augroup_by_id, f.group)
  if f.on_close then
    f.on_close(win)
  end
end

--- Close the float win (if still open) and forget it.
---@param win integer|nil
function M.close(win)
  if not win then
    return
  end
  if api.nvim_win_is_valid(win) then
    api.nvim_win_close(win, true)
  end
  cleanup(win)
end

--- Whether win is a float opened here and still open.
---@param win integer|nil
---@return boolean
function M.is_open(win)
  return win ~= nil and open[win] ~= nil and api.nvim_win_is_valid(win)
end

--- The width a float of at most `max` columns (its border aside) gets in
--- the editor as it is now: what it is clamped to, so that text wrapped
--- at this width is never wrapped again by the window, mid-word.
---@param max? integer
---@return integer
function M.width(max)
  return math.min(max or math.huge, math.max(20, vim.o.columns - 4))
end

--- Show lines in a float below the cursor of the current window, not
--- entered. It closes when the cursor really moves in that buffer (a
--- CursorMoved fired with the cursor where it was keeps it), on InsertEnter
--- in that buffer, on `q` inside it, or when its window is closed.
---@param lines string[]
---@param opts? dossier.FloatOpts
---@return integer win
---@return integer buf
function M.open(lines, opts)
  opts = opts or {}
  local name = opts.name or "float"
  local buf = api.nvim_create_buf(false, true)
  api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = opts.filetype or "dossier"
  local width = 0
  for _, l in ipairs(lines) do
    width = math.max(width, vim.fn.strdisplaywidth(l))
  end
  local src_buf = api.nvim_get_current_buf()
  local pos = api.nvim_win_get_cursor(0)
  local win = api.nvim_open_win(buf, false, {
    relative = "cursor",
    row = 1,
    col = 0,
    width = math.min(width, M.width(opts.max_width)),
    height = math.min(#lines, math.max(3, vim.o.lines - 6)),
    style = "minimal",
    border = "rounded",
    focusable = true,
  })
  vim.wo[win].wrap = true
  local group = api.nvim_create_augroup("dossier_float_" .. win, { clear = true })
  open[win] = { group = group, on_close = opts.on_close }
  local close = util.safe(name, function()
    M.close(win)
  end)
  vim.keymap.set("n", "q", close, { buffer = buf, nowait = true, desc = "close" })
  api.nvim_create_autocmd({ "CursorMoved", "CursorMovedI" }, {
    group = group,
    buffer = src_buf,
    callback = util.safe(name, function()
      -- CursorMoved also fires when nothing moved (a window split, closed
      -- or entered, a redraw): only a cursor moved in the buffer closes it
      local cur = api.nvim_win_get_cursor(0)
      if cur[1] ~= pos[1] or cur[2] ~= pos[2] then
        M.close(win)
      end
    end),
  })
  api.nvim_create_autocmd("InsertEnter", { group = group, buffer = src_buf, callback = close })
  api.nvim_create_autocmd("WinClosed", {
    group = group,
    pattern = tostring(win),
    callback = util.safe(name, function()
      cleanup(win)
    end),
  })
  return win, buf
end

return M

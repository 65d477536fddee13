-- Shared helpers for the specs.
local H = {}

local api = vim.api

H.root = vim.g.dossier_test_root
H.draft = H.root .. "/doc/sample-draft.md"

-- Open a temporary copy of the sample draft (filetype markdown → attached).
function H.open_draft(lines)
  local path = vim.fn.tempname() .. ".md"
  vim.fn.writefile(lines or vim.fn.readfile(H.draft), path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  return api.nvim_get_current_buf(), path
end

-- A scratch markdown buffer holding lines.
function H.scratch(lines)
  vim.cmd("enew")
  local buf = api.nvim_get_current_buf()
  api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].filetype = "markdown"
  return buf
end

-- Marks of the dossier namespace as {row, col, end_col, group, text}.
function H.marks(buf)
  local out = {}
  for _, m in ipairs(require("dossier.highlight").marks(buf)) do
    local line = api.nvim_buf_get_lines(buf, m[1], m[1] + 1, false)[1]
    out[#out + 1] = { m[1], m[2], m[4], m[5], line:sub(m[2] + 1, m[4]) }
  end
  return out
end

function H.marks_on(buf, row)
  local out = {}
  for _, m in ipairs(H.marks(buf)) do
    if m[1] == row then
      out[#out + 1] = m
    end
  end
  return out
end

-- Wait until the debounce has fired.
function H.settle()
  local d = require("dossier.config").options.debounce
  vim.wait(d + 100, function()
    local st = require("dossier.highlight").state[api.nvim_get_current_buf()]
    return st == nil or st.s == nil
  end, 5)
  vim.wait(10)
end

-- Break the undo sequence, as typing a new command would.
function H.undo_break()
  vim.o.undolevels = vim.o.undolevels
end

function H.lines(buf)
  return api.nvim_buf_get_lines(buf or 0, 0, -1, false)
end

return H

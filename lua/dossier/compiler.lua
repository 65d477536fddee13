-- `:Dossier compiler`: the whole-draft check of the `dossier` program as the
-- buffer's 'makeprg', with an 'errorformat' that keeps each finding's type,
-- so `:make` fills the quickfix list the way a compiler's errors do. (A file
-- under compiler/ would need a top-level directory of its own; the buffer
-- options are all `:compiler` would set.)
local M = {}

--- The program: the one in $PATH, else the one `make` built beside the plugin.
---@return string
function M.program()
  local prg = vim.fn.exepath("dossier")
  if prg ~= "" then
    return prg
  end
  return require("dossier.util").root .. "/build/bin/dossier"
end

-- The lines `dossier check` prints (the notes are --all's supported
-- sentences); any other line (a corpus that does not load) stays in the list
-- as it is, so it is seen.
M.errorformat = "%f:%l:%c: %trror: %m,%f:%l:%c: %tarning: %m,%f:%l:%c: %tnfo: %m,"
  .. "%f:%l:%c: %tote: %m"

--- Sets buf's 'makeprg' and 'errorformat' (`:make [--all]` then checks it).
---@param buf integer
function M.set(buf)
  local corpus = require("dossier.config").options.corpus
  local bo = vim.bo[buf]
  -- $* before the file, so `:make --all` passes its option
  bo.makeprg = vim.fn.shellescape(M.program()) .. " check --corpus " .. vim.fn.shellescape(corpus)
    .. " $* %:S"
  bo.errorformat = M.errorformat
  vim.b[buf].current_compiler = "dossier"
end

return M

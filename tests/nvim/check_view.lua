-- What :Dossier check shows in a buffer, for comparing two checks (in this
-- Neovim and in a fresh one: tests/nvim/check_memo_spec.lua).
local api = vim.api
local check = require("dossier.check")

-- What a check shows in buf: markers (position, text, group), diagnostics
-- and the current window's location list, each in a stable order.
return function(buf)
  local out = { markers = {}, diagnostics = {}, loclist = {} }
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, check.ns, 0, -1, { details = true })) do
    local chunk = m[4].virt_text[1]
    out.markers[#out.markers + 1] = ("%d:%d %s [%s]"):format(m[2], m[3], chunk[1], chunk[2])
  end
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = check.diag_ns })) do
    out.diagnostics[#out.diagnostics + 1] =
      ("%d:%d-%d:%d %d %s"):format(d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.message)
  end
  table.sort(out.diagnostics)
  for _, it in ipairs(vim.fn.getloclist(0)) do
    out.loclist[#out.loclist + 1] = ("%d:%d %s %s"):format(it.lnum, it.col, it.type, it.text)
  end
  return out
end

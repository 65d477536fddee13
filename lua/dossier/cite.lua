-- :Dossier cite and :Dossier bibliography.
local util = require("dossier.util")
local config = require("dossier.config")
local corpus = require("dossier.corpus")
local native = require("dossier.native")
local txt = require("dossier.text")

local api = vim.api

local M = {}

--- What to cite: an article id or key, a passage index, or both.
---@alias dossier.Ref string|integer|{article: string, passage?: integer}

--- Insert the citation of ref in style after the cursor of the current
--- window. One undo step removes it (footnote: the marker and the
--- definition). nil after saying why when it cannot.
---@param ref dossier.Ref
---@param style? string default: the `style` option
---@return string|nil inserted the text inserted
---@return string|nil definition the footnote definition, if any
function M.insert(ref, style)
  local c = corpus.get_or_report()
  if not c then
    return nil
  end
  style = style or config.options.style
  local text, def = c:cite(ref, style)
  if not text then
    util.error("cannot cite: " .. tostring(def))
    return nil
  end
  local buf = api.nvim_get_current_buf()
  if not vim.bo[buf].modifiable then
    util.error("buffer is not modifiable")
    return nil
  end
  local cur = api.nvim_win_get_cursor(0)
  local row, col = cur[1] - 1, cur[2]
  local line = api.nvim_buf_get_lines(buf, row, row + 1, false)[1] or ""
  -- insert after the character under the cursor (like `a`), with a space
  -- before unless at the start of the line or after whitespace
  if #line > 0 then
    local ch = vim.fn.byteidx(line:sub(col + 1), 1)
    col = col + (ch > 0 and ch or 1)
  end
  local before = line:sub(col, col)
  local ins = text
  if col > 0 and not before:match("%s") and style ~= "footnote" then
    ins = " " .. text
  end
  api.nvim_buf_set_text(buf, row, col, row, col, { ins })
  api.nvim_win_set_cursor(0, { row + 1, col + #ins - 1 })
  if def then
    local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
    if not vim.tbl_contains(lines, def) then
      pcall(vim.cmd, "undojoin")
      local n = #lines
      local add = (lines[n] or "") == "" and { def } or { "", def }
      api.nvim_buf_set_lines(buf, n, n, false, add)
    end
  end
  return ins, def
end

--- The reference to cite: the passage last jumped to, else one chosen from
--- the passages corroborating the cursor's sentence. Calls fn(ref), maybe
--- later (from the picker).
---@param fn fun(ref: dossier.Ref)
function M.pick(fn)
  local src = require("dossier.sources")
  local last = src.last
  if last and src.origin and src.origin.buf == api.nvim_get_current_buf() then
    return fn({ article = last.article, passage = last.passage })
  end
  local sentence = txt.sentence_at_cursor(0)
  local hits = sentence and src.hits(sentence)
  if not hits or #hits == 0 then
    util.echo("no source to cite for this sentence")
    return
  end
  -- the callback may run later, outside :Dossier's protection (UI plugins)
  local select = { prompt = "Cite", format_item = src.format_hit, kind = "dossier" }
  vim.ui.select(
    hits,
    select,
    util.safe(":Dossier cite", function(h)
      if h then
        fn({ article = h.article, passage = h.passage })
      end
    end)
  )
end

--- :Dossier cite [style]: cite the passage last jumped to, or one picked
--- from those corroborating the sentence under the cursor.
---@param style? string default: the `style` option
function M.cite(style)
  -- refused before any picker shows; the names are the core's
  local core = native.get()
  if style and core and not vim.tbl_contains(core.styles, style) then
    local styles = table.concat(core.styles, ", ")
    error(("(dossier) unknown citation style %s (use %s)"):format(style, styles), 0)
  end
  M.pick(function(ref)
    M.insert(ref, style)
  end)
end

--- :Dossier bibliography [csl|bibtex] [path]: write the corpus's
--- bibliography beside the current file (dossier.json or dossier.bib) or to
--- path.
---@param fmt? "csl"|"bibtex" default "csl"
---@param path? string
---@return string|nil path the file written
function M.bibliography(fmt, path)
  fmt = fmt or "csl"
  if fmt ~= "csl" and fmt ~= "bibtex" then
    error("(dossier) bibliography format must be csl or bibtex, got " .. fmt, 0)
  end
  local c = corpus.get_or_report()
  if not c then
    return nil
  end
  if not path then
    local name = api.nvim_buf_get_name(0)
    local dir = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.fn.getcwd()
    path = dir .. "/dossier." .. (fmt == "csl" and "json" or "bib")
  end
  path = vim.fn.fnamemodify(vim.fn.expand(path), ":p")
  local data = c:bibliography(fmt)
  local f, err = io.open(path, "wb")
  if not f then
    error("(dossier) cannot write " .. path .. ": " .. tostring(err), 0)
  end
  f:write(data)
  f:close()
  util.notify("bibliography written to " .. path)
  return path
end

return M

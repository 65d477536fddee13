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

-- Why buf cannot take a citation, or nil.
local function refusal(buf)
  if vim.bo[buf].readonly then
    return "this buffer is read-only: nothing to cite into"
  elseif not vim.bo[buf].modifiable then
    return "buffer is not modifiable"
  end
  return nil
end

--- Insert the citation of ref in style in the sentence under the cursor of
--- the current window, where a writer puts it (the core's rule,
--- core.cite_place): before the sentence's final punctuation ("…
--- satellites [@araujo2023]."), after a quotation that ends it, whose
--- closing period moves after the citation ('… idle words" [@k].'), a
--- footnote marker after it all; never inside a word or a quotation. One
--- undo step removes it (footnote: the marker and the definition). nil
--- after saying why when it cannot.
---@param ref dossier.Ref
---@param style? string default: the `style` option
---@return string|nil inserted the text put in the sentence
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
  local why = refusal(buf)
  if why then
    util.error(why)
    return nil
  end
  local sentence, srow, scol = txt.sentence_at_cursor(0)
  if not sentence then
    util.echo("no sentence under the cursor to cite in")
    return nil
  end
  local first, last, ins = native.get().cite_place(sentence, text, style)
  -- a 0-based offset of the sentence as a buffer position
  local function pos(off)
    local row, col = srow, scol + off
    for nl in sentence:sub(1, off):gmatch("()\n") do
      row, col = row + 1, off - nl
    end
    return row, col
  end
  local row, col = pos(first - 1)
  local erow, ecol = pos(last)
  api.nvim_buf_set_text(buf, row, col, erow, ecol, { ins })
  -- the cursor on the citation's last character
  local at = ins:find(text, 1, true) or 1
  api.nvim_win_set_cursor(0, { row + 1, col + at + #text - 2 })
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

--- The reference to cite: the passage last jumped to when it was found for
--- the sentence under the cursor (in this buffer), else one chosen from the
--- passages for that sentence, supporting ones first. Calls fn(ref), maybe
--- later (from the picker).
---@param fn fun(ref: dossier.Ref)
function M.pick(fn)
  local src = require("dossier.sources")
  local sentence = txt.sentence_at_cursor(0)
  if not sentence then
    util.echo("no sentence under the cursor to cite")
    return
  end
  local last, found_for = src.last, src.last_for
  if
    last
    and found_for
    and found_for.buf == api.nvim_get_current_buf()
    and vim.trim(found_for.text) == vim.trim(sentence)
  then
    return fn({ article = last.article, passage = last.passage })
  end
  local hits = src.hits(sentence)
  if not hits or #hits == 0 then
    util.echo("no source to cite for this sentence")
    return
  end
  src.pick(hits, "Cite", ":Dossier cite", function(h)
    fn({ article = h.article, passage = h.passage })
  end)
end

--- :Dossier cite [style]: cite the passage last jumped to for the sentence
--- under the cursor, or one picked from the passages for it. Refused before
--- any picker shows in a buffer that cannot take it.
---@param style? string default: the `style` option
function M.cite(style)
  -- refused before any picker shows; the names are the core's
  local core = native.get()
  if style and core and not vim.tbl_contains(core.styles, style) then
    local styles = table.concat(core.styles, ", ")
    error(("(dossier) unknown citation style %s (use %s)"):format(style, styles), 0)
  end
  local why = refusal(api.nvim_get_current_buf())
  if why then
    error("(dossier) " .. why, 0)
  end
  M.pick(function(ref)
    M.insert(ref, style)
  end)
end

--- The citation keys cited in buf that the corpus knows, as a set: "@key"
--- (pandoc: `[@key]`, `@key`, `[-@key]`) and footnote markers `[^key-pN]`.
--- Inline and reference citations name no key and are not counted.
---@param buf integer
---@param c userdata the corpus
---@return table<string, boolean>
function M.cited_keys(buf, c)
  local text = table.concat(api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  local arts, keys = corpus.articles(c), {}
  local function add(k)
    -- pandoc allows punctuation inside a key, not at its end
    k = k:gsub("[:.#$%%&+?<>~/-]+$", "")
    local a = arts[k]
    if a then
      keys[a.key] = true
    end
  end
  for k in text:gmatch("@([%w_][%w_:.#$%%&+?<>~/-]*)") do
    add(k)
  end
  for k in text:gmatch("%[%^([^%]]-)%-p%d+%]") do
    add(k)
  end
  return keys
end

-- The bibliography text of format keeping only the entries of keys: CSL
-- JSON items by "id", BibTeX entries by their key.
local function only(data, format, keys)
  if format == "csl" then
    local kept = {}
    for _, item in ipairs(vim.fn.json_decode(data)) do
      if keys[item.id] then
        kept[#kept + 1] = item
      end
    end
    return vim.fn.json_encode(kept) .. "\n"
  end
  local kept = {}
  for entry in (data .. "\n"):gmatch("(@%w+%b{})") do
    if keys[entry:match("^@%w+{([^,]+),")] then
      kept[#kept + 1] = entry
    end
  end
  return table.concat(kept, "\n\n") .. "\n"
end

--- :Dossier[!] bibliography [csl|bibtex] [cited] [path]: write the corpus's
--- bibliography beside the current file (dossier.json or dossier.bib) or to
--- path. With cited, only the entries cited in the current buffer. An
--- existing file is overwritten only when the user says so (asked with
--- vim.ui.input), or with force (the !).
---@param fmt? "csl"|"bibtex" default "csl"
---@param path? string
---@param opts? {cited?: boolean, force?: boolean}
---@return string|nil path the file written (nil when nothing was, or the question is pending)
function M.bibliography(fmt, path, opts)
  opts = opts or {}
  fmt = fmt or "csl"
  if fmt ~= "csl" and fmt ~= "bibtex" then
    error("(dossier) bibliography format must be csl or bibtex, got " .. fmt, 0)
  end
  local c = corpus.get_or_report()
  if not c then
    return nil
  end
  local buf = api.nvim_get_current_buf()
  if not path then
    local name = api.nvim_buf_get_name(buf)
    local dir = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.fn.getcwd()
    path = dir .. "/dossier." .. (fmt == "csl" and "json" or "bib")
  end
  path = vim.fn.fnamemodify(vim.fn.expand(path), ":p")
  local data = c:bibliography(fmt)
  local what = "bibliography"
  if opts.cited then
    local keys = M.cited_keys(buf, c)
    local n = vim.tbl_count(keys)
    if n == 0 then
      util.echo("no source of the corpus is cited in this buffer: nothing written")
      return nil
    end
    data = only(data, fmt, keys)
    what = ("bibliography of the %d source%s cited"):format(n, n == 1 and "" or "s")
  end
  local function write()
    local f, err = io.open(path, "wb")
    if not f then
      error("(dossier) cannot write " .. path .. ": " .. tostring(err), 0)
    end
    f:write(data)
    f:close()
    util.notify(what .. " written to " .. path)
    return path
  end
  if opts.force or vim.fn.filereadable(path) == 0 then
    return write()
  end
  local prompt = ("(dossier) %s exists. Overwrite it? [y/N] "):format(path)
  vim.ui.input(
    { prompt = prompt },
    util.safe(":Dossier bibliography", function(answer)
      if answer and answer:lower():match("^y") then
        local ok, err = pcall(write)
        if not ok then
          util.error((tostring(err):gsub("^%(dossier%) ", "")))
        end
      else
        util.echo("not written: " .. path .. " kept")
      end
    end)
  )
  return nil
end

return M

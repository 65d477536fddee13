-- Completion of actor names and citation keys ("@summit2023"): the items,
-- the word they complete, and 'omnifunc' / 'completefunc' for attached
-- buffers. The omnifunc chains: a buffer whose 'omnifunc' a ftplugin had
-- set (markdown's is htmlcomplete#CompleteTags) gets Dossier's items where
-- the word before the cursor is the start of a name or a key, and the
-- original's everywhere else. lua/dossier/cmp.lua and lua/dossier/blink.lua
-- offer the same items to nvim-cmp and blink.cmp.
local corpus = require("dossier.corpus")

local api = vim.api

local M = {}

--- The 'omnifunc' and 'completefunc' values Dossier sets.
M.omnifunc_name = "v:lua.require'dossier.complete'.omnifunc"
M.completefunc_name = "v:lua.require'dossier.complete'.completefunc"

-- Words a name may have: a base starts at most this many words back
-- ("Kim Jong" completes to "Kim Jong-un").
local MAX_WORDS = 4

-- corpus -> {names = sorted {key, item}, keys = sorted {key, item}}; weak,
-- so a closed corpus goes
local tables = setmetatable({}, { __mode = "k" })

local function lower(s)
  return vim.fn.tolower(s)
end

-- The menu column beside the kind: what tells two items apart, at most
-- MENU_WIDTH cells.
local MENU_WIDTH = 40
local function menu_text(s)
  s = (s or ""):gsub("%s+", " ")
  if vim.fn.strdisplaywidth(s) <= MENU_WIDTH then
    return s
  end
  return vim.fn.strcharpart(s, 0, MENU_WIDTH - 1) .. "…"
end

local function index(c)
  if tables[c] then
    return tables[c]
  end
  local names, keys = {}, {}
  for _, a in ipairs(c:articles()) do
    local w = "@" .. a.key
    -- the title, which the key alone does not say
    local item = { word = w, menu = menu_text(a.title), info = a.title, kind = "source" }
    keys[#keys + 1] = { lower(w), item }
  end
  for _, a in ipairs(c:actors()) do
    local seen = {}
    local info = a.name .. (a.role and a.role ~= "" and (": " .. a.role) or "")
    for _, list in ipairs({ { a.name }, a.aliases or {}, a.standins or {}, a.demonyms or {} }) do
      for _, name in ipairs(list) do
        if not seen[name] then
          seen[name] = true
          -- another name says whose it is ("Vladimir Tikhonov": Pak Noja),
          -- the canonical one its role; the kind has a column of its own
          local menu = menu_text(name == a.name and a.role or a.name)
          local item = { word = name, menu = menu, info = info, kind = a.kind }
          names[#names + 1] = { lower(name), item }
        end
      end
    end
  end
  local function by_key(x, y)
    return x[1] < y[1] or (x[1] == y[1] and x[2].word < y[2].word)
  end
  table.sort(names, by_key)
  table.sort(keys, by_key)
  tables[c] = { names = names, keys = keys }
  return tables[c]
end

-- The entries of a sorted list whose key starts with prefix (binary search
-- for the first, then a run).
local function with_prefix(list, prefix)
  local lo, hi = 1, #list + 1
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if list[mid][1] < prefix then
      lo = mid + 1
    else
      hi = mid
    end
  end
  local out = {}
  for i = lo, #list do
    if list[i][1]:sub(1, #prefix) ~= prefix then
      break
    end
    out[#out + 1] = list[i][2]
  end
  return out
end

--- Forget the items built for each corpus (they are built again on the
--- next completion).
function M.reset()
  tables = setmetatable({}, { __mode = "k" })
end

--- The completion items (complete-items, plus `kind`: the actor's kind or
--- "source") whose word starts with base, case ignored: citation keys when
--- base starts with "@", else actor names, aliases, stand-ins and demonyms;
--- sorted by word.
---@param c userdata the corpus
---@param base string
---@return table[]
function M.candidates(c, base)
  local ix = index(c)
  local items = with_prefix(base:sub(1, 1) == "@" and ix.keys or ix.names, lower(base))
  local out = {}
  for _, it in ipairs(items) do
    out[#out + 1] = vim.deepcopy(it)
  end
  table.sort(out, function(x, y)
    return x.word < y.word
  end)
  return out
end

--- Where the word to complete starts in line before byte col (0-based):
--- "@key" as one word; else the earliest of the last few words from which
--- the text up to col starts some name ("Kim Jong" before the cursor starts
--- "Kim Jong-un"), else the last word. Returns the 0-based start and the
--- base, and whether Dossier has items for it.
---@param c userdata|nil the corpus (nil: the last word, no items)
---@param line string
---@param col integer
---@return integer start
---@return string base
---@return boolean has_items
function M.word_start(c, line, col)
  local before = line:sub(1, col)
  local key = before:match("@[%w_%-:.]*$")
  if key then
    local start = col - #key
    return start, key, c ~= nil and #with_prefix(index(c).keys, lower(key)) > 0
  end
  local starts = {}
  local s = #before
  while #starts < MAX_WORDS do
    local w = before:sub(1, s):match("[%w_%-’'.\128-\255]+$")
    if not w then
      break
    end
    s = s - #w
    starts[#starts + 1] = s
    local gap = before:sub(1, s):match("[ \t]+$")
    if not gap then
      break
    end
    s = s - #gap
  end
  if #starts == 0 then
    return col, "", false
  end
  if c then
    local names = index(c).names
    for i = #starts, 1, -1 do
      local base = before:sub(starts[i] + 1)
      if #with_prefix(names, lower(base)) > 0 then
        return starts[i], base, true
      end
    end
  end
  return starts[1], before:sub(starts[1] + 1), false
end

-- LSP's CompletionItemKind numbers (the specification's, which nvim-cmp and
-- blink.cmp use): citation keys are references, names plain text.
local LSP_TEXT, LSP_REFERENCE = 1, 18

--- The items for the word before byte col (0-based) of row (0-based) of
--- line, as LSP CompletionItems for nvim-cmp and blink.cmp: a textEdit (byte
--- columns: position encoding "utf-8") replacing the whole base, so "Kim
--- Jong" becomes "Kim Jong-un"; filterText the name, for their matchers.
--- Empty when Dossier has nothing for that word.
---@param c userdata the corpus
---@param line string
---@param row integer
---@param col integer
---@return table[] items lsp.CompletionItem
function M.lsp_items(c, line, row, col)
  local start, base, has = M.word_start(c, line, col)
  if not has then
    return {}
  end
  local range = {
    start = { line = row, character = start },
    ["end"] = { line = row, character = col },
  }
  local out = {}
  for _, it in ipairs(M.candidates(c, base)) do
    out[#out + 1] = {
      label = it.word,
      filterText = it.word,
      kind = it.kind == "source" and LSP_REFERENCE or LSP_TEXT,
      detail = it.menu ~= "" and (it.kind .. " · " .. it.menu) or it.kind,
      documentation = it.info,
      textEdit = { newText = it.word, range = vim.deepcopy(range) },
    }
  end
  return out
end

--- Whether buf is one Dossier completes in (attached, and not switched off).
---@param buf integer
---@return boolean
function M.enabled(buf)
  return vim.b[buf].dossier_disable ~= true
    and require("dossier.highlight").is_attached(buf)
end

-- The function an option value names: "v:lua.{expr}" or a Vim function.
local function call_option(value, findstart, base)
  local expr = value:match("^v:lua%.(.+)$")
  if expr then
    local fn = assert(load("return " .. expr))()
    return fn(findstart, base)
  end
  return vim.fn.call(value, { findstart, base })
end

-- Which function answers the second call of the current completion:
-- "dossier" or the chained omnifunc's name.
local answering

local function complete(findstart, base, chained)
  if findstart == 1 then
    local line = api.nvim_get_current_line()
    local col = api.nvim_win_get_cursor(0)[2]
    local c = corpus.get_or_report()
    local start, _, has = M.word_start(c, line, col)
    if not has and chained then
      answering = chained
      return call_option(chained, 1, "")
    end
    answering = "dossier"
    return start
  end
  if answering and answering ~= "dossier" then
    return call_option(answering, 0, base)
  end
  local c = corpus.get_or_report()
  return c and M.candidates(c, base) or {}
end

-- Protected: an internal error is reported once and completion is
-- cancelled (-3 leaves completion mode quietly), never an error in the
-- middle of typing.
local function protected(findstart, base, chained)
  local ok, res = pcall(complete, findstart, base, chained)
  if ok then
    return res
  end
  require("dossier.util").report_internal("completion", res)
  return findstart == 1 and -3 or {}
end

--- 'omnifunc': actor names, aliases, stand-ins and demonyms, and "@key"
--- citation keys; where Dossier has no item and the buffer had an
--- 'omnifunc' of its own (b:dossier_omnifunc_chained), that one answers.
---@param findstart integer
---@param base string
---@return integer|table[]
function M.omnifunc(findstart, base)
  return protected(findstart, base, vim.b.dossier_omnifunc_chained)
end

--- 'completefunc': Dossier's items alone (<C-x><C-u>).
---@param findstart integer
---@param base string
---@return integer|table[]
function M.completefunc(findstart, base)
  return protected(findstart, base, nil)
end

--- Set the completion functions of buf as configured: 'omnifunc' (the one
--- already set is chained), 'completefunc' when empty. Idempotent: run on
--- every FileType, since a ftplugin may set 'omnifunc' after Dossier did.
---@param buf integer
---@param opts {omnifunc: boolean, completefunc: boolean}
function M.attach(buf, opts)
  if opts.omnifunc then
    local cur = vim.bo[buf].omnifunc
    if cur ~= M.omnifunc_name then
      vim.b[buf].dossier_omnifunc_chained = cur ~= "" and cur or nil
      vim.bo[buf].omnifunc = M.omnifunc_name
    end
  end
  if opts.completefunc and vim.bo[buf].completefunc == "" then
    vim.bo[buf].completefunc = M.completefunc_name
  end
  -- nvim-cmp's source needs registering: now if nvim-cmp is loaded, else
  -- on the first Insert mode here (where plugin managers load it)
  if package.loaded.cmp then
    require("dossier.cmp").register()
  elseif vim.fn.exists("#dossier_cmp_" .. buf) == 0 then
    api.nvim_create_autocmd("InsertEnter", {
      group = api.nvim_create_augroup("dossier_cmp_" .. buf, { clear = true }),
      buffer = buf,
      once = true,
      callback = function()
        if package.loaded.cmp then
          pcall(require("dossier.cmp").register)
        end
      end,
    })
  end
end

return M

-- Actor highlighting with extmarks, incremental on edits.
local util = require("dossier.util")
local config = require("dossier.config")
local corpus = require("dossier.corpus")

local api = vim.api
local uv = util.uv

local M = {}

M.ns = api.nvim_create_namespace("dossier")

M.groups = {
  person = "DossierPerson",
  state = "DossierState",
  org = "DossierOrg",
  place = "DossierPlace",
  event = "DossierEvent",
  ambiguous = "DossierAmbiguous",
}

local links = {
  DossierPerson = "Identifier",
  DossierState = "Type",
  DossierOrg = "Constant",
  DossierPlace = "Directory",
  DossierEvent = "Special",
  DossierAmbiguous = "WarningMsg",
  DossierPassage = "Visual",
  DossierCheckOk = "DiagnosticOk",
  DossierCheckMissing = "DiagnosticWarn",
}

function M.define_highlights()
  for group, link in pairs(links) do
    if link == "DiagnosticOk" and vim.fn.hlexists("DiagnosticOk") == 0 then
      link = "DiagnosticInfo" -- DiagnosticOk is 0.9+
    end
    api.nvim_set_hl(0, group, { link = link, default = true })
  end
end

-- Per-buffer state: {timer, s, e (0-based rows, e exclusive), attached}
local state = {}
M.state = state

local function disabled(buf)
  return vim.g.dossier_disable == true or vim.b[buf].dossier_disable == true
    or not config.options.highlight
end

local function is_binary(buf)
  if vim.bo[buf].binary then
    return true
  end
  -- NUL bytes appear as "\n" inside lines
  for _, l in ipairs(api.nvim_buf_get_lines(buf, 0, math.min(50, api.nvim_buf_line_count(buf)), false)) do
    if l:find("\n", 1, true) then
      return true
    end
  end
  return false
end

local function too_big(buf)
  local n = api.nvim_buf_line_count(buf)
  return api.nvim_buf_get_offset(buf, n) > config.options.max_bytes
end

-- Highlight rows [t1, t2] (0-based, inclusive), using one more row of context
-- on each side so a name wrapped across a line break is seen whole.
function M.update_rows(buf, t1, t2)
  local n = api.nvim_buf_line_count(buf)
  t1 = math.max(0, t1)
  t2 = math.min(n - 1, t2)
  if t2 < t1 then
    return
  end
  local c = corpus.get_or_report()
  if not c then
    return
  end
  local c1, c2 = math.max(0, t1 - 1), math.min(n - 1, t2 + 1)
  local lines = api.nvim_buf_get_lines(buf, c1, c2 + 1, false)
  local maxl = config.options.max_line_bytes
  local real = {}
  for i, l in ipairs(lines) do
    real[i] = #l
    if #l > maxl then
      lines[i] = ""
    end
  end
  local text = table.concat(lines, "\n")
  local starts = util.line_starts(lines)
  api.nvim_buf_clear_namespace(buf, M.ns, t1, t2 + 1)
  local hint = 1
  for _, sp in ipairs(c:scan(text)) do
    local group = M.groups[sp.kind] or "DossierAmbiguous"
    local i1, col1 = util.offset_to_pos(starts, sp.first - 1, hint)
    local i2, col2 = util.offset_to_pos(starts, sp.last - 1, i1)
    hint = i1
    -- one extmark per line the span touches, only on rows [t1, t2]
    for i = i1, i2 do
      local row = c1 + i - 1
      if row >= t1 and row <= t2 then
        local sc = (i == i1) and col1 or 0
        local ec = (i == i2) and (col2 + 1) or real[i]
        if ec > sc then
          api.nvim_buf_set_extmark(buf, M.ns, row, sc, {
            end_row = row,
            end_col = math.min(ec, real[i]),
            hl_group = group,
            priority = 150,
          })
        end
      end
    end
  end
end

-- Rows visible in any window showing buf: list of {top, bot} 0-based.
local function visible_ranges(buf)
  local out = {}
  for _, win in ipairs(vim.fn.win_findbuf(buf)) do
    local top = vim.fn.line("w0", win) - 1
    local bot = vim.fn.line("w$", win) - 1
    out[#out + 1] = { top, bot }
  end
  return out
end

-- Re-highlight the whole buffer (or its visible part when it is big).
function M.refresh(buf)
  buf = (buf == nil or buf == 0) and api.nvim_get_current_buf() or buf
  if not api.nvim_buf_is_loaded(buf) then
    return
  end
  if disabled(buf) or is_binary(buf) then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
    return
  end
  if too_big(buf) then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
    for _, r in ipairs(visible_ranges(buf)) do
      M.update_rows(buf, r[1], r[2])
    end
    return
  end
  M.update_rows(buf, 0, api.nvim_buf_line_count(buf) - 1)
end

local function stop_timer(st)
  if st.timer then
    if not st.timer:is_closing() then
      st.timer:stop()
      st.timer:close()
    end
    st.timer = nil
  end
end

function M.detach(buf)
  local st = state[buf]
  if not st then
    return
  end
  st.attached = false
  stop_timer(st)
  state[buf] = nil
  if api.nvim_buf_is_valid(buf) then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  end
end

local function flush(buf)
  local st = state[buf]
  if not st or not st.s then
    return
  end
  local s, e = st.s, st.e
  st.s, st.e = nil, nil
  if not api.nvim_buf_is_valid(buf) or not api.nvim_buf_is_loaded(buf) then
    M.detach(buf)
    return
  end
  if disabled(buf) or is_binary(buf) then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
    return
  end
  -- touched rows plus one neighbour above and below
  M.update_rows(buf, s - 1, e)
end

local function schedule(buf)
  local st = state[buf]
  if not st then
    return
  end
  if not st.timer then
    st.timer = uv.new_timer()
  end
  st.timer:stop()
  st.timer:start(config.options.debounce, 0, vim.schedule_wrap(util.safe("highlight", function()
    flush(buf)
  end, function()
    vim.b[buf].dossier_disable = true
    M.detach(buf)
  end)))
end

-- Attach highlighting to buf (idempotent).
function M.attach(buf)
  buf = (buf == nil or buf == 0) and api.nvim_get_current_buf() or buf
  if state[buf] then
    return true
  end
  local st = { attached = true }
  state[buf] = st
  local ok = api.nvim_buf_attach(buf, false, {
    on_lines = function(_, b, _, first, last_old, last_new)
      if not st.attached then
        return true
      end
      local ok2, err = pcall(function()
        local delta = last_new - last_old
        if st.s == nil then
          st.s, st.e = first, last_new
        else
          if st.e > last_old then
            st.e = st.e + delta
          elseif st.e > first then
            st.e = last_new
          end
          st.s = math.min(st.s, first)
          st.e = math.max(st.e, last_new)
        end
        schedule(b)
      end)
      if not ok2 then
        util.report_internal("highlight on_lines", err)
        st.attached = false
        state[b] = nil
        stop_timer(st)
        return true
      end
    end,
    on_reload = function(_, b)
      vim.schedule(function()
        if state[b] then
          pcall(M.refresh, b)
        end
      end)
    end,
    on_detach = function(_, b)
      st.attached = false
      stop_timer(st)
      if state[b] == st then
        state[b] = nil
      end
    end,
  })
  if not ok then
    state[buf] = nil
    return false
  end
  local group = api.nvim_create_augroup("dossier_buf_" .. buf, { clear = true })
  api.nvim_create_autocmd({ "BufWipeout", "BufUnload" }, {
    group = group,
    buffer = buf,
    callback = function()
      M.detach(buf)
      pcall(api.nvim_del_augroup_by_id, group)
    end,
  })
  api.nvim_create_autocmd("WinScrolled", {
    group = group,
    buffer = buf,
    callback = util.safe("highlight scroll", function()
      if state[buf] and too_big(buf) and not disabled(buf) then
        for _, r in ipairs(visible_ranges(buf)) do
          M.update_rows(buf, r[1], r[2])
        end
      end
    end),
  })
  local safe_refresh = util.safe("highlight", M.refresh, function()
    vim.b[buf].dossier_disable = true
    M.detach(buf)
  end)
  safe_refresh(buf)
  return true
end

function M.is_attached(buf)
  return state[buf] ~= nil
end

-- Toggle highlighting of buf.
function M.toggle(buf)
  buf = (buf == nil or buf == 0) and api.nvim_get_current_buf() or buf
  local off = not (vim.b[buf].dossier_disable == true)
  vim.b[buf].dossier_disable = off
  if off then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  else
    if not state[buf] then
      M.attach(buf)
    else
      M.refresh(buf)
    end
  end
  util.echo("highlighting " .. (off and "off" or "on") .. " in this buffer")
end

-- Highlighted spans of buf as {row, col, end_row, end_col, group} (tests, demo).
function M.marks(buf)
  local out = {}
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, M.ns, 0, -1, { details = true })) do
    out[#out + 1] = { m[2], m[3], m[4].end_row, m[4].end_col, m[4].hl_group }
  end
  return out
end

return M

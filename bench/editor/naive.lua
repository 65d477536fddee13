-- naive.lua — the baseline highlighter for bench/editor.sh: what many Neovim
-- plugins do. On a change it re-highlights with one string.find (plain) per
-- alias per lowered line, keeping matches with an ASCII word boundary on both
-- sides, and one extmark per match. Two modes:
--   "full"  re-highlights the whole buffer on every change (TextChanged style);
--   "lines" re-highlights only the changed lines (the same job as Dossier's
--           incremental update, without names broken across lines).
local M = {}

local api = vim.api

M.ns = api.nvim_create_namespace("bench_naive")

local aliases = {}

-- Load the aliases, one per line (build/bench/aliases.txt), lowered.
function M.load(path)
  aliases = {}
  for line in io.lines(path) do
    if line ~= "" then
      aliases[#aliases + 1] = line:lower()
    end
  end
  return #aliases
end

-- Highlight rows [s, e] (0-based, inclusive).
function M.highlight(buf, s, e)
  api.nvim_buf_clear_namespace(buf, M.ns, s, e + 1)
  local lines = api.nvim_buf_get_lines(buf, s, e + 1, false)
  for i, line in ipairs(lines) do
    local low = line:lower()
    for _, a in ipairs(aliases) do
      local at = 1
      while true do
        local b, f = low:find(a, at, true)
        if not b then
          break
        end
        if not low:sub(b - 1, b - 1):find("%w") and not low:sub(f + 1, f + 1):find("%w") then
          api.nvim_buf_set_extmark(
            buf,
            M.ns,
            s + i - 1,
            b - 1,
            { end_col = f, hl_group = "Identifier" }
          )
        end
        at = f + 1
      end
    end
  end
end

-- Attach to buf: changes are queued; M.flush(buf) does the re-highlighting
-- (the work a debounce or TextChanged would run).
local pending = {}
function M.attach(buf, mode)
  api.nvim_buf_attach(buf, false, {
    on_lines = function(_, b, _, first, _, last_new)
      local p = pending[b]
      if mode == "full" or not p then
        pending[b] = { first, last_new }
      else
        p[1], p[2] = math.min(p[1], first), math.max(p[2], last_new)
      end
    end,
  })
  M.highlight(buf, 0, api.nvim_buf_line_count(buf) - 1)
end

function M.flush(buf, mode)
  local p = pending[buf]
  if not p then
    return
  end
  pending[buf] = nil
  if mode == "full" then
    M.highlight(buf, 0, api.nvim_buf_line_count(buf) - 1)
  else
    M.highlight(buf, p[1], math.max(p[1], p[2] - 1))
  end
end

return M

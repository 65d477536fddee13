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

-- A copy of the shipped corpus in a fresh directory.
function H.corpus_copy()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  for _, f in ipairs(vim.fn.glob(H.root .. "/corpus/*", false, true)) do
    vim.fn.writefile(vim.fn.readfile(f, "b"), dir .. "/" .. vim.fn.fnamemodify(f, ":t"), "b")
  end
  return dir
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

-- Wait until the corpus has loaded (it loads off the main loop, and a first
-- open builds and writes its cache) and the debounce has fired.
function H.settle()
  local corpus = require("dossier.corpus")
  vim.wait(10000, function() return corpus.loading() == nil end, 5)
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

-- The attributes of highlight group name as drawn (links followed): rgb =
-- true for the gui ones, false for the terminal's; as nvim_get_hl (0.9+) or
-- nvim_get_hl_by_name (0.7, 0.8) give them, normalised to {fg, bg, sp,
-- bold, underline, ...}.
function H.resolved_hl(name, rgb)
  local out = {}
  if api.nvim_get_hl then
    local h = api.nvim_get_hl(0, { name = name, link = false })
    for k, v in pairs(rgb and h or (h.cterm or {})) do
      if type(v) == "boolean" and k ~= "default" then
        out[k] = v
      end
    end
    if rgb then
      out.fg, out.bg, out.sp = h.fg, h.bg, h.sp
    else
      out.fg, out.bg = h.ctermfg, h.ctermbg
    end
    return out
  end
  local keys = { foreground = "fg", background = "bg", special = "sp" }
  for k, v in pairs(api.nvim_get_hl_by_name(name, rgb)) do
    if type(k) == "string" then
      out[keys[k] or k] = v
    end
  end
  return out
end

-- Keys typed as a user types them: into the typeahead one at a time,
-- handled by the main loop while the test sleeps (Insert mode, autocmds, a
-- plugin's timers), until cond holds or ms have passed. <Esc> and <CR> are
-- the special keys it knows. Returns cond().
function H.type_until(keys, ms, cond)
  local T = require("tap")
  for key in keys:gmatch("<[^>]+>") do
    T.ok(key == "<Esc>" or key == "<CR>", "only <Esc> and <CR> are special keys here")
  end
  keys = keys:gsub("<Esc>", "\27"):gsub("<CR>", "\r")
  for ch in keys:gmatch("[%z\1-\127\194-\244][\128-\191]*") do
    api.nvim_feedkeys(ch, "t", false)
    T.sleep(15)
  end
  local t0 = T.now()
  repeat
    T.sleep(30)
  until cond() or T.now() - t0 > ms
  return cond()
end

-- A markdown draft as a user opens one: in Normal mode, filetype plugins
-- on, so markdown's ftplugin sets 'omnifunc' (htmlcomplete#CompleteTags)
-- before Dossier attaches.
function H.markdown_draft(lines)
  if api.nvim_get_mode().mode ~= "n" then
    H.type_until("<Esc>", 200, function()
      return api.nvim_get_mode().mode == "n"
    end)
  end
  vim.cmd("filetype plugin on")
  local buf = H.open_draft(lines or { "" })
  require("tap").eq(vim.bo[buf].filetype, "markdown")
  return buf
end

-- vim.ui.select replaced while fn runs, answering with choose(items) (nil:
-- cancelled); returns what was offered, {items, opts}, or nil when no
-- picker was shown.
function H.picking(choose, fn)
  local seen
  local orig = vim.ui.select
  vim.ui.select = function(items, opts, cb)
    seen = { items = items, opts = opts }
    cb(choose(items))
  end
  local ok, err = pcall(fn)
  vim.ui.select = orig
  if not ok then
    error(err, 0)
  end
  return seen
end

-- The bytes of a file.
function H.read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

-- Third-party plugins a test runs against when this machine has them: in
-- $DOSSIER_TEST_PLUGINS (default build/test-plugins), one directory each
-- (nvim-cmp, blink.cmp, telescope.nvim, plenary.nvim, fzf-lua, snacks.nvim).
-- Never committed, and CI has none: the tests using them skip then.
H.plugins_dir = vim.env.DOSSIER_TEST_PLUGINS or (H.root .. "/build/test-plugins")

--- Put the named plugins on 'runtimepath' and source their plugin/ files;
--- nil and what is missing when one is not there.
function H.load_plugins(...)
  local dirs = {}
  for _, name in ipairs({ ... }) do
    local dir = H.plugins_dir .. "/" .. name
    if vim.fn.isdirectory(dir .. "/lua") == 0 then
      return nil, name .. " not in " .. H.plugins_dir
    end
    dirs[#dirs + 1] = dir
  end
  for _, dir in ipairs(dirs) do
    if not vim.tbl_contains(api.nvim_list_runtime_paths(), dir) then
      vim.opt.runtimepath:append(dir)
      for _, f in ipairs(vim.fn.glob(dir .. "/plugin/*", false, true)) do
        vim.cmd("source " .. vim.fn.fnameescape(f))
      end
    end
  end
  return true
end

return H

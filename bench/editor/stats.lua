-- stats.lua — timing helpers for the bench/editor scripts (inside Neovim).
local M = {}

local uv = vim.uv or vim.loop

-- Milliseconds since an arbitrary point, from the monotonic clock.
function M.now()
  return uv.hrtime() / 1e6
end

-- CPU milliseconds of this thread (time the OS gave to other processes
-- excluded), or nil without LuaJIT's ffi.
M.cpu = nil
if jit then
  local ok, ffi = pcall(require, "ffi")
  if ok then
    pcall(ffi.cdef, "typedef struct { long tv_sec; long tv_nsec; } dossier_bench_ts;"
      .. " int clock_gettime(int clk, dossier_bench_ts *ts);")
    local ts = ffi.new("dossier_bench_ts")
    M.cpu = function()
      ffi.C.clock_gettime(3, ts) -- CLOCK_THREAD_CPUTIME_ID
      return tonumber(ts.tv_sec) * 1e3 + tonumber(ts.tv_nsec) / 1e6
    end
  end
end

-- The p-th percentile (0..100) of a list of numbers, nearest rank.
function M.pct(xs, p)
  local s = {}
  for i, x in ipairs(xs) do
    s[i] = x
  end
  table.sort(s)
  local k = math.max(1, math.ceil(#s * p / 100))
  return s[k]
end

-- Write "name value" lines for bench/editor.sh to collect.
function M.put(name, value)
  io.stdout:write(("%s %.6f\n"):format(name, value))
end

-- Runs fn() (which waits on the main loop) while a 1 ms timer ticks: fn's
-- result and the longest of hold and the gaps between the ticks, the gap up
-- to the end included (each gap whatever held the main loop, plus up to 1 ms).
function M.longest_hold(hold, fn)
  local last = M.now()
  local ticker = uv.new_timer()
  ticker:start(1, 1, function()
    local t = M.now()
    if t - last > hold then
      hold = t - last
    end
    last = t
  end)
  local res = fn()
  ticker:stop()
  ticker:close()
  if M.now() - last > hold then
    hold = M.now() - last
  end
  return res, hold
end

-- Report a failure and leave Neovim with status 1.
function M.fail(msg)
  io.stderr:write("bench: ", msg, "\n")
  vim.cmd("cquit 1")
end

-- Run fn protected; any error fails the run.
function M.main(fn)
  local ok, err = xpcall(fn, debug.traceback)
  if not ok then
    M.fail(tostring(err))
    return
  end
  vim.cmd("qa!")
end

return M

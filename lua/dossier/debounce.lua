-- A trailing debounce with one timer per key (a buffer number), after
-- gitsigns' debounce_trailing: the call runs once the key has been quiet for
-- the delay, with the arguments of the last call, from the main loop. A
-- key's timer exists only while a call is pending: it is closed when it
-- fires, on cancel(), and when the buffer it is keyed by is wiped.
local uv = vim.uv or vim.loop
local unpack = unpack or table.unpack -- luacheck: ignore 143

local M = {}

---@class dossier.Debounced
---@field private fn fun(key: integer, ...)
---@field private ms integer|fun(): integer
---@field private pending table<integer, table>
local Debounced = {}
Debounced.__index = Debounced

-- Every debouncer, weakly, for the one BufWipeout autocmd that cancels a
-- wiped buffer's calls in all of them.
local live = setmetatable({}, { __mode = "k" })
local watching = false

local function watch_wipeouts()
  if watching then
    return
  end
  watching = true
  vim.api.nvim_create_autocmd("BufWipeout", {
    group = vim.api.nvim_create_augroup("dossier_debounce", { clear = true }),
    callback = function(ev)
      for d in pairs(live) do
        d:cancel(ev.buf)
      end
    end,
  })
end

--- A debounced fn: debounced(key, ...) (or debounced:call(key, ...)) runs
--- fn(key, ...) from the main loop ms milliseconds after the last call for
--- key. ms may be a function, read at each call (a delay set by setup()).
--- fn is not protected here: pass a function that handles its own errors.
---@param ms integer|fun(): integer delay in milliseconds
---@param fn fun(key: integer, ...)
---@return dossier.Debounced
function M.trailing(ms, fn)
  watch_wipeouts()
  local d = setmetatable({ ms = ms, fn = fn, pending = {} }, Debounced)
  live[d] = true
  return d
end

--- (Re)start key's timer; the last arguments win.
---@param key integer
---@param ... any passed to fn after key
function Debounced:call(key, ...)
  local ms = self.ms
  if type(ms) == "function" then
    ms = ms()
  end
  if type(ms) ~= "number" or ms < 0 then
    error("(dossier) debounce: the delay must be a non-negative number of ms, got " .. tostring(ms))
  end
  local p = self.pending[key]
  if not p or p.fired then
    p = { timer = uv.new_timer() }
    p.on_timer = function()
      -- a fast-event callback: close the timer here, run fn from the loop
      p.fired = true
      if not p.timer:is_closing() then
        p.timer:close()
      end
      vim.schedule(function()
        -- cancelled or called again since: nothing to do for this timer
        if self.pending[key] == p then
          self.pending[key] = nil
          self.fn(key, unpack(p.args, 1, p.args.n))
        end
      end)
    end
    self.pending[key] = p
  end
  p.args = { n = select("#", ...), ... }
  p.timer:start(ms, 0, p.on_timer)
end

Debounced.__call = Debounced.call

--- Drop key's pending call and close its timer.
---@param key integer
function Debounced:cancel(key)
  local p = self.pending[key]
  self.pending[key] = nil
  if p and not p.timer:is_closing() then
    p.timer:stop()
    p.timer:close()
  end
end

--- Whether a call for key is waiting for its delay.
---@param key integer
---@return boolean
function Debounced:is_pending(key)
  return self.pending[key] ~= nil
end

--- Run key's pending call now (tests, benchmarks); false when none was
--- pending.
---@param key integer
---@return boolean
function Debounced:flush(key)
  local p = self.pending[key]
  if not p then
    return false
  end
  self:cancel(key)
  self.fn(key, unpack(p.args, 1, p.args.n))
  return true
end

return M

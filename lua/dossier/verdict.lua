-- What a corroboration means to the editor, in one place: a sentence's
-- verdict and a passage's stance, read from corpus:corroborate(), and how
-- each is shown (marker, highlight group, diagnostic severity, label).
-- :Dossier check, :Dossier sources, :Dossier cite and the pickers use only
-- this. The core gives `verdict` and each hit's `stance` (issue 10's three
-- outcomes); a core without them gives `corroborated`, read as supported or
-- unverified, and a hit supports when its coverage clears the threshold.
local M = {}

local S = vim.diagnostic.severity

---@alias dossier.Verdict "supported"|"contradicted"|"unverified"
---@alias dossier.Stance "supports"|"contradicts"|"related"

--- How each verdict is shown: its mark, label, highlight group, and the
--- severity of its diagnostic when the core does not give one (M.severity).
---@type table<dossier.Verdict, {mark: string, label: string, group: string, severity: integer|nil}>
M.outcomes = {
  supported = { mark = "✓", label = "supported", group = "DossierCheckOk" },
  contradicted = {
    mark = "✗",
    label = "contradicted",
    group = "DossierCheckContradicted",
    severity = S.ERROR,
  },
  unverified = {
    mark = "?",
    label = "unverified",
    group = "DossierCheckMissing",
    severity = S.WARN,
  },
}

--- The core's severities (dossier_severity_name) as diagnostic severities;
--- "none" has no diagnostic.
M.severities = { error = S.ERROR, warning = S.WARN, info = S.INFO }

--- The diagnostic severity of a corroborate() or check_quote() result r,
--- nil when it needs none. The core decides (README, "Severities"): the
--- plugin, `dossier check` and `dossier lsp` show the same; a core without
--- it gives the verdict's default.
---@param r table
---@return integer|nil
function M.severity(r)
  if r.severity then
    return M.severities[r.severity]
  end
  local o = M.outcomes[r.verdict]
  if o then
    return o.severity
  end
  return ({ altered = S.ERROR, none = S.WARN })[r.verdict]
end

--- How each stance is shown, and the order pickers list them in.
---@type table<dossier.Stance, {label: string, order: integer}>
M.stances = {
  supports = { label = "supports", order = 1 },
  contradicts = { label = "contradicts", order = 2 },
  related = { label = "related", order = 3 },
}

--- The verdict of a corpus:corroborate() result.
---@param r table
---@return dossier.Verdict
function M.of(r)
  if M.outcomes[r.verdict] then
    return r.verdict
  end
  return r.corroborated and "supported" or "unverified"
end

--- The stance of hit h of result r toward the claim.
---@param h table a hit of r
---@param r? table the result (its threshold), when the core gives no stance
---@return dossier.Stance
function M.stance(h, r)
  if M.stances[h.stance] then
    return h.stance
  end
  local threshold = r and r.threshold
  if threshold and h.coverage and h.coverage >= threshold then
    return "supports"
  end
  return "related"
end

--- Each hit of r given its `stance`, the hits in picker order: supporting
--- passages first, then contradicting ones, then the rest, each group in
--- the core's rank order. Returns a new list (r.hits is left as it is).
---@param r table
---@return table[] hits
function M.ordered(r)
  local out = {}
  for i, h in ipairs(r.hits or {}) do
    h.stance = M.stance(h, r)
    out[#out + 1] = { h = h, i = i }
  end
  table.sort(out, function(a, b)
    local x, y = M.stances[a.h.stance].order, M.stances[b.h.stance].order
    if x ~= y then
      return x < y
    end
    return a.i < b.i
  end)
  for k, e in ipairs(out) do
    out[k] = e.h
  end
  return out
end

--- The name of a hit's source: its publisher, or its article's id when the
--- publisher is not known.
---@param h table
---@return string
function M.source_name(h)
  local pub = h.publisher
  if not pub or pub == "" or pub == "unknown" then
    return h.article
  end
  return pub
end

--- The first hit of r with stance toward the claim, or nil.
---@param r table
---@param stance dossier.Stance
---@return table|nil
function M.first(r, stance)
  for _, h in ipairs(r.hits or {}) do
    if M.stance(h, r) == stance then
      return h
    end
  end
  return nil
end

return M

-- Every highlight group of Dossier, in one place. Defined with
-- `default = true`, so a colour scheme or the user's config wins, and
-- defined again on ColorScheme, since `:colorscheme` clears them.
local util = require("dossier.util")

local api = vim.api

local M = {}

--- The group of each actor kind, and of a short form naming several actors.
---@type table<string, string>
M.kinds = {
  person = "DossierPerson",
  state = "DossierState",
  org = "DossierOrg",
  place = "DossierPlace",
  event = "DossierEvent",
  product = "DossierProduct",
  ambiguous = "DossierAmbiguous",
}

--- The groups in the order of the docs: {name, attributes for nvim_set_hl}.
--- Attributes may be a function, called each time the groups are defined
--- (for what depends on the Neovim or the colour scheme in use).
---@type {[1]: string, [2]: table|fun(): table}[]
M.groups = {
  { "DossierPerson", { link = "Identifier" } },
  { "DossierState", { link = "Type" } },
  { "DossierOrg", { link = "Constant" } },
  { "DossierPlace", { link = "Directory" } },
  { "DossierEvent", { link = "Special" } },
  { "DossierProduct", { link = "Function" } },
  { "DossierAmbiguous", { link = "WarningMsg" } },
  { "DossierPassage", { link = "Visual" } },
  {
    "DossierCheckOk",
    function()
      -- DiagnosticOk is 0.9+
      return { link = vim.fn.hlexists("DiagnosticOk") == 1 and "DiagnosticOk" or "DiagnosticInfo" }
    end,
  },
  { "DossierCheckMissing", { link = "DiagnosticWarn" } },
  { "DossierCheckContradicted", { link = "DiagnosticError" } },
}

--- Define every group (default = true: groups already set are kept).
function M.define()
  for _, g in ipairs(M.groups) do
    local attrs = g[2]
    if type(attrs) == "function" then
      attrs = attrs()
    end
    attrs = vim.tbl_extend("force", attrs, { default = true })
    api.nvim_set_hl(0, g[1], attrs)
  end
end

local watching = false

--- Define the groups now and after every `:colorscheme`. Idempotent.
function M.setup()
  M.define()
  if watching then
    return
  end
  watching = true
  api.nvim_create_autocmd("ColorScheme", {
    group = api.nvim_create_augroup("dossier_highlights", { clear = true }),
    callback = function()
      -- protected: a failure here must not break the user's :colorscheme
      util.safe("highlights", M.define)()
    end,
  })
end

return M

-- corpus:bibliography(): CSL JSON that parses, and files pandoc --citeproc accepts.
local h = require("helpers")
local json = require("dkjson")

describe("bibliography", function()
  local c
  setup(function() c = h.open() end)
  teardown(function() c:close() end)

  it("csl is a JSON array with one item per article", function()
    local text = c:bibliography("csl")
    local items, _, err = json.decode(text)
    assert.is_nil(err)
    assert.are.equal("table", type(items))
    local arts = c:articles()
    assert.are.equal(#arts, #items)
    local by_id = {}
    for _, it_ in ipairs(items) do
      assert.are.equal("string", type(it_.id))
      assert.are.equal("string", type(it_.type))
      assert.are.equal("string", type(it_.title))
      by_id[it_.id] = it_
    end
    for _, a in ipairs(arts) do
      local item = by_id[a.key]
      assert.is_not_nil(item, "no CSL item with id " .. a.key)
      assert.are.equal(a.title, item.title)
    end
    -- a known date is given as date-parts
    local pak = by_id.pak2023
    assert.are.same({ { 2023, 10, 4 } }, pak.issued and pak.issued["date-parts"])
  end)

  it("bibtex has one entry per citation key", function()
    local text = c:bibliography("bibtex")
    local keys = {}
    for key in text:gmatch("@%w+%s*{%s*([^,%s]+)%s*,") do keys[key] = (keys[key] or 0) + 1 end
    for _, a in ipairs(c:articles()) do assert.are.equal(1, keys[a.key], a.key) end
  end)

  local function citeproc(format, ext)
    if not h.have("pandoc") then
      pending("pandoc is not installed: cannot check that --citeproc accepts the " .. format .. " bibliography")
      return
    end
    local dir = h.tmpdir()
    local bib = dir .. "/refs." .. ext
    local md = dir .. "/doc.md"
    h.write(bib, c:bibliography(format))
    h.write(md, "Closer ties [@pak2023; @summit2023, para 3].\n")
    local out, code = h.run(("pandoc --citeproc --bibliography=%s -t plain %s"):format(bib, md))
    h.rmtree(dir)
    assert.are.equal(0, code, out)
    assert.is_nil(out:find("not found", 1, true), out)
    assert.is_nil(out:find("WARNING", 1, true), out)
    assert.truthy(out:find("2023", 1, true), out)
    assert.truthy(out:lower():find("significance of closer", 1, true), out)
  end

  it("pandoc --citeproc accepts the CSL JSON", function() citeproc("csl", "json") end)
  it("pandoc --citeproc accepts the BibTeX", function() citeproc("bibtex", "bib") end)
end)

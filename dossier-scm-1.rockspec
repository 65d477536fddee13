rockspec_format = "3.0"
package = "dossier"
version = "scm-1"
source = {
  url = "git+https://example.invalid/dossier.git",
}
description = {
  summary = "Actors, corroborating passages, quotation checks and citations for writers drafting against sources",
  detailed = [[
The C core of the Dossier Neovim plugin as the Lua module dossier.core:
loads a corpus of articles with YAML front matter and an actor gazetteer,
finds actors in text, ranks corroborating passages (BM25), checks quotations
and formats citations.]],
  license = "MIT",
}
dependencies = {
  "lua >= 5.1",
}
external_dependencies = {
  PCRE2 = { header = "pcre2.h", library = "pcre2-8" },
  YAML = { header = "yaml.h", library = "yaml" },
  STEMMER = { header = "libstemmer.h", library = "stemmer" },
  XXHASH = { header = "xxhash.h" }, -- used header-only (XXH_INLINE_ALL): the cache's checksum
}
build = {
  type = "builtin",
  modules = {
    ["dossier.core"] = {
      -- every C file of src/ (tests/lua/build_spec.lua checks it against the tree)
      sources = {
        "src/lua_dossier.c", "src/actors.c", "src/align.c", "src/article.c", "src/batch.c",
        "src/bibliography.c",
        "src/build.c", "src/cache.c", "src/cache_layout.c", "src/cite.c", "src/cite_place.c",
        "src/config.c", "src/corpus.c", "src/dates.c", "src/delta.c", "src/facts.c", "src/image.c",
        "src/index.c",
        "src/lexicon.c", "src/lexrel.c", "src/links.c", "src/names.c", "src/pattern.c",
        "src/quote.c", "src/rank.c", "src/readahead.c", "src/related.c", "src/relfile.c", "src/retrieve.c",
        "src/scan.c", "src/segment.c", "src/severity.c", "src/spelling.c", "src/tokenize.c",
        "src/util.c",
        "src/verdict.c", "src/wordnet.c", "src/yamlread.c",
      },
      defines = { "_POSIX_C_SOURCE=200809L" },
      incdirs = { "include", "$(PCRE2_INCDIR)", "$(YAML_INCDIR)", "$(STEMMER_INCDIR)", "$(XXHASH_INCDIR)" },
      libdirs = { "$(PCRE2_LIBDIR)", "$(YAML_LIBDIR)", "$(STEMMER_LIBDIR)" },
      libraries = { "pcre2-8", "yaml", "stemmer", "pthread", "m" },
    },
    ["dossier.report"] = "lua/dossier/report.lua",
  },
  copy_directories = { "corpus", "doc" },
}

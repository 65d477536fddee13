# fuzz.mk — libFuzzer targets for the core (included by the top Makefile).
#
#   make fuzz [FUZZ_TIME=60]   fuzzes each target for FUZZ_TIME seconds, keeping
#                              what it learns in build/fuzz/corpus/<target>
#   make test-fuzz             the CI smoke: replays tests/fuzz/regressions and
#                              the seeds, then fuzzes each target FUZZ_SMOKE
#                              seconds; TAP in $(RESULTS)/fuzz.tap and a line
#                              in $(RESULTS)/fuzz.summary
#
# The core is compiled again with clang's fuzzer instrumentation and ASan +
# UBSan into build/fuzz/obj. A crash, leak or timeout leaves its input in
# build/fuzz/artifacts/<target>/; once fixed, keep it in
# tests/fuzz/regressions/<target>/ so that test-fuzz replays it for good.

FUZZ_TARGETS = article actors scan corroborate check_quote segment facts wordnet metadata html \
               frontmatter refs lsp cache related
FUZZ_DIR     = $(BUILD)/fuzz
FUZZ_CC     ?= clang
FUZZ_TIME   ?= 60
# 15 targets, 2 at a time: 8 rounds of FUZZ_SMOKE seconds plus replays.
FUZZ_SMOKE  ?= 15
FUZZ_JOBS   ?= 2
# Small scan pieces, so that short inputs reach the cuts of long texts.
# A fixed build id, so that cache inputs kept as regressions stay readable
# by later fuzz builds.
FUZZ_FLAGS   = $(CSTD) $(WARN) -O1 -g $(SAN) -Iinclude $(DEPCFLAGS) -DCHUNK_BYTES=64u \
               -DDOSSIER_BUILD_ID='"fuzz"'
FUZZ_OBJ     = $(patsubst src/%.c,$(FUZZ_DIR)/obj/%.o,$(CORE_SRC))
FUZZ_BINS    = $(patsubst %,$(FUZZ_DIR)/bin/fuzz_%,$(FUZZ_TARGETS))
FUZZ_SEEDS   = $(FUZZ_DIR)/seeds/.stamp

# fuzz_lsp also takes the language server's files (src/cli/lsp/, and
# src/cli/common.c for the corpus path), built the same way.
FUZZ_LSP_OBJ = $(patsubst src/cli/%.c,$(FUZZ_DIR)/obj/cli/%.o,src/cli/common.c $(wildcard src/cli/lsp/*.c))

.PHONY: fuzz test-fuzz fuzz-build
.SECONDARY: $(FUZZ_OBJ) $(FUZZ_LSP_OBJ)

$(FUZZ_DIR)/obj/%.o: src/%.c $(CORE_HDR) tests/fuzz/fuzz.mk | $(BUILD)/.libs
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/bin/fuzz_lsp: tests/fuzz/fuzz_lsp.c tests/fuzz/fuzz.h $(FUZZ_OBJ) $(FUZZ_LSP_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CLI_CFLAGS) -fsanitize=fuzzer -Isrc -Isrc/cli/lsp -DFUZZ_SRCDIR='"$(CURDIR)"' \
	  -Wl,--wrap=read_file -o $@ $< $(FUZZ_LSP_OBJ) $(FUZZ_OBJ) $(DEPLIBS) $(CLI_LIBS)

# read_file is wrapped so that the loader targets serve one file from memory.
$(FUZZ_DIR)/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc -DFUZZ_SRCDIR='"$(CURDIR)"' \
	  -Wl,--wrap=read_file -o $@ $< $(FUZZ_OBJ) $(DEPLIBS)

# The importers of the `dossier` program (src/cli/import/), fuzzed the same
# way; they link the core too (dates and names are the core's).
FUZZ_CLI_SRC = $(addprefix src/cli/import/,doc.c detect.c html.c html_meta.c html_text.c \
               markdown.c fm_yaml.c fm_toml.c text.c write.c refs.c)
FUZZ_CLI_OBJ = $(patsubst src/cli/%.c,$(FUZZ_DIR)/obj/cli/%.o,$(FUZZ_CLI_SRC))
.SECONDARY: $(FUZZ_CLI_OBJ)

$(FUZZ_DIR)/obj/cli/%.o: src/cli/%.c $(CLI_HDR) include/dossier.h tests/fuzz/fuzz.mk | $(BUILD)/.libs
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -Isrc/cli $(CLI_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/bin/fuzz_html $(FUZZ_DIR)/bin/fuzz_frontmatter $(FUZZ_DIR)/bin/fuzz_refs: \
    $(FUZZ_DIR)/bin/fuzz_%: tests/fuzz/fuzz_%.c \
    tests/fuzz/fuzz.h tests/fuzz/fuzz_import.h $(FUZZ_OBJ) $(FUZZ_CLI_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc -Isrc/cli $(CLI_CFLAGS) -DFUZZ_SRCDIR='"$(CURDIR)"' \
	  -Wl,--wrap=read_file -o $@ $< $(FUZZ_CLI_OBJ) $(FUZZ_OBJ) $(CLI_LIBS) $(DEPLIBS)

# fuzz_cache's seeds are real caches, and fuzz_related's a real related-terms
# file, which each writes itself.
$(FUZZ_SEEDS): tests/fuzz/seeds.pl $(wildcard corpus/*) $(wildcard tests/fuzz/fixture/*) \
               $(wildcard tests/cli/pages/*/source.html) tests/cli/sources $(wildcard tests/lsp/*.conv) \
               $(FUZZ_DIR)/bin/fuzz_cache $(FUZZ_DIR)/bin/fuzz_related
	@rm -rf $(dir $@) && perl tests/fuzz/seeds.pl corpus tests/fuzz/fixture $(dir $@) tests/cli tests/lsp && \
	  DOSSIER_FUZZ_WRITE_SEEDS=$(dir $@)cache ASAN_OPTIONS=detect_leaks=0 $(FUZZ_DIR)/bin/fuzz_cache && \
	  DOSSIER_FUZZ_WRITE_SEEDS=$(dir $@)related ASAN_OPTIONS=detect_leaks=0 $(FUZZ_DIR)/bin/fuzz_related && \
	  touch $@

fuzz-build: $(FUZZ_BINS) $(FUZZ_SEEDS)

test-fuzz: fuzz-build
	@mkdir -p $(RESULTS) && rm -rf $(FUZZ_DIR)/results
	@printf '%s\n' $(FUZZ_TARGETS) | FUZZ_DIR=$(FUZZ_DIR) \
	  xargs -P $(FUZZ_JOBS) -I{} tests/fuzz/run.sh smoke {} $(FUZZ_SMOKE) || true
	@FUZZ_DIR=$(FUZZ_DIR) tests/fuzz/report.sh $(RESULTS) $(FUZZ_TARGETS) >/dev/null || \
	  { cat $(RESULTS)/fuzz.tap; cat $(RESULTS)/fuzz.summary; exit 1; }
	@cat $(RESULTS)/fuzz.summary

fuzz: fuzz-build
	@rm -rf $(FUZZ_DIR)/results
	@printf '%s\n' $(FUZZ_TARGETS) | FUZZ_DIR=$(FUZZ_DIR) \
	  xargs -P $(FUZZ_JOBS) -I{} tests/fuzz/run.sh fuzz {} $(FUZZ_TIME) || \
	  { echo "fuzz: findings above; inputs in $(FUZZ_DIR)/artifacts/<target>/, logs in $(FUZZ_DIR)/results/"; exit 1; }

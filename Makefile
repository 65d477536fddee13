# Dossier — build, test and demo.
#
#   make          the Lua modules: lua/dossier/core.so (LuaJIT, for Neovim) and
#                 build/lua5.4/dossier/core.so (Lua 5.4), build/libdossier.a and
#                 build/bin/dossier. Installs nothing: a missing library stops it
#                 with the apt-get line to run
#   make check    the fast loop: the C unit tests and the Lua suites (Lua 5.4 and
#                 LuaJIT), no sanitizers, valgrind, Neovim or fuzzing
#   make demo     the main job on the default corpus and the sample draft
#   make test     every test suite (C, Lua 5.4, LuaJIT, Neovim, sanitizers, valgrind,
#                 a short fuzzing run)
#   make fuzz     the libFuzzer targets for FUZZ_TIME seconds each
#   make bench    benchmarks against peers (bench/results/latest.md)
#   make calibrate  the verdict's models fitted on the development sets
#                 (src/verdict_model.h), with the cross-validation
#   make deps     install the Debian packages the build and tests need (as root;
#                 otherwise it prints the apt-get line); demo, test and bench run it

SHELL   := /bin/bash
.SHELLFLAGS := -o pipefail -c
CC      ?= cc
CSTD     = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
OPT     ?= -O2 -g
PKGS     = libpcre2-8 yaml-0.1
DEPCFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEPLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm
LUAJIT_CFLAGS = $(shell pkg-config --cflags luajit 2>/dev/null)
LUA54_CFLAGS  = $(shell pkg-config --cflags lua5.4 2>/dev/null)
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -fPIC -fvisibility=hidden -Iinclude $(DEPCFLAGS) $(CFLAGS)

CORE_SRC = $(filter-out src/lua_dossier.c,$(wildcard src/*.c))
CORE_HDR = include/dossier.h $(wildcard src/*.h)
BUILD    = build

# Debian packages: build, tests (busted, valgrind, clang sanitizers, pandoc
# for the bibliography check, neovim for the end-to-end tests, tmux for its
# terminal UI), and the lexical data the verdict reads at run time: WordNet
# (wordnet-base) and the word lists the spelling rules are measured against
# (wbritish, wamerican).
DEB_PKGS = gcc make pkg-config libpcre2-dev libyaml-dev libstemmer-dev libxxhash-dev \
           libluajit-5.1-dev liblua5.4-dev lua5.4 luajit lua-busted lua-yaml lua-dkjson \
           valgrind clang libclang-rt-14-dev perl pandoc neovim tmux \
           libxml2-dev libjansson-dev libpoppler-glib-dev wamerican wbritish wordnet-base \
           citation-style-language-styles biber libxml2-utils fonts-dejavu-core


.PHONY: all deps demo report check test test-nvim test-c test-lua test-asan test-tsan test-valgrind clean \
        format bench calibrate install test-cli test-lsp test-lsp-nvim FORCE

all: lua/dossier/core.so $(BUILD)/lua5.4/dossier/core.so $(BUILD)/libdossier.a $(BUILD)/bin/dossier \
     doc/tags

# The tags of :help dossier, as Neovim's :helptags writes them (plugin
# managers run it themselves; a clone and make, as the README's manual
# install says, needs it here). Without Neovim it says so and goes on.
NVIM ?= nvim
doc/tags: doc/dossier.txt
	@if command -v $(NVIM) >/dev/null 2>&1; then \
	  $(NVIM) --headless -u NONE -i NONE -c 'helptags doc' -c 'qa!' && echo "doc/tags: :help dossier"; \
	else echo "no $(NVIM): doc/tags not made (run :helptags doc in Neovim for :help dossier)"; fi

# Installs the Debian packages of $(1) that are missing, when run as root;
# otherwise prints the exact command and stops.
define install-missing
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing:" $$missing; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing Debian packages; run:"; echo "  sudo apt-get install" $$missing; exit 1; \
	  fi; \
	fi
	@mkdir -p $(BUILD) && touch $@
endef

$(BUILD)/.deps:
	$(call install-missing,$(DEB_PKGS))

deps: $(BUILD)/.deps

# What the build needs, as check:package pairs: a pkg-config module or a
# header (h/name), and the Debian package that provides it. Checked once
# before anything compiles, so that a missing library stops `make` with the
# line that installs it rather than a compiler error. When deps is asked for
# too (demo, test, bench), it installs first.
BUILD_NEEDS = libpcre2-8:libpcre2-dev yaml-0.1:libyaml-dev h/libstemmer.h:libstemmer-dev \
              h/xxhash.h:libxxhash-dev \
              luajit:libluajit-5.1-dev lua5.4:liblua5.4-dev \
              glib-2.0:libglib2.0-dev libxml-2.0:libxml2-dev jansson:libjansson-dev \
              poppler-glib:libpoppler-glib-dev
ifneq ($(filter deps demo test bench,$(MAKECMDGOALS)),)
LIBS_AFTER = $(BUILD)/.deps
endif

$(BUILD)/.libs: | $(LIBS_AFTER)
	@missing=; have_pc=$$(command -v pkg-config) || missing=pkg-config; \
	for need in $(BUILD_NEEDS); do \
	  check=$${need%%:*} pkg=$${need#*:}; \
	  case $$check in \
	    h/*) echo "#include <$${check#h/}>" | $(CC) -E -x c - >/dev/null 2>&1 ;; \
	    *) if [ -n "$$have_pc" ]; then pkg-config --exists $$check; else dpkg -s $$pkg >/dev/null 2>&1; fi ;; \
	  esac || missing="$${missing:+$$missing }$$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo='sudo '; \
	  echo "missing libraries to build Dossier; run:"; \
	  echo "  $${sudo}apt-get install $$missing"; \
	  echo "(or make deps, which installs what the tests need too)"; exit 1; \
	fi
	@mkdir -p $(BUILD) && touch $@

# The same sources compiled three ways: plain objects for C programs and tests,
# and the Lua binding against each Lua's headers.
$(BUILD)/obj/%.o: src/%.c $(CORE_HDR) | $(BUILD)/.libs
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

CORE_OBJ = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(CORE_SRC))

# The cache file names the build of the core that wrote it (a hash of its
# sources): a cache written by other sources is rebuilt, never read.
BUILD_ID := $(shell cat $(sort $(CORE_SRC) $(CORE_HDR)) 2>/dev/null | cksum | cut -d' ' -f1)
$(BUILD)/obj/cache.o: $(CORE_SRC)
$(BUILD)/obj/cache.o: CFLAGS_ALL += -DDOSSIER_BUILD_ID='"$(BUILD_ID)"'

# The library users link: the core as one object in which every symbol but
# the public API's (the dossier_* names of include/dossier.h) is made local, so a program
# may have its own read_file or tokenize (-fvisibility=hidden alone does
# nothing in a static archive; tests/cli checks the list). Made afresh,
# so that the object of a renamed or deleted file does not linger.
$(BUILD)/libdossier.a: $(CORE_OBJ) include/dossier.h
	rm -f $@ $(BUILD)/obj/dossier-all.o
	grep -ow 'dossier_[a-z0-9_]*' include/dossier.h | sort -u >$(BUILD)/obj/dossier-api.txt
	ld -r -o $(BUILD)/obj/dossier-all.o $(CORE_OBJ)
	objcopy --keep-global-symbols=$(BUILD)/obj/dossier-api.txt $(BUILD)/obj/dossier-all.o
	ar rcs $@ $(BUILD)/obj/dossier-all.o

# The C unit tests also call the core's internal functions (src/*.h): they
# link its objects as they are.
$(BUILD)/libdossier-internal.a: $(CORE_OBJ)
	rm -f $@ && ar rcs $@ $^

# The module links the core statically and leaves the Lua symbols to the host
# (no -llua): Neovim and lua5.4 provide them.
lua/dossier/core.so: src/lua_dossier.c src/lua_compat.h $(CORE_OBJ)
	$(CC) $(CFLAGS_ALL) $(LUAJIT_CFLAGS) -shared -o $@ src/lua_dossier.c $(CORE_OBJ) $(DEPLIBS)

$(BUILD)/lua5.4/dossier/core.so: src/lua_dossier.c src/lua_compat.h $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LUA54_CFLAGS) -shared -o $@ src/lua_dossier.c $(CORE_OBJ) $(DEPLIBS)

# The `dossier` program (src/cli/): a client of the core through its public API.
# Its importers read HTML (libxml2), JSON-LD (jansson), PDF (poppler-glib) and
# other tools' front matter (libyaml); the language server (src/cli/lsp/)
# reads and writes JSON with jansson. None of these reach the core or the module.
CLI_PKGS = glib-2.0 libxml-2.0 jansson poppler-glib yaml-0.1
CLI_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(CLI_PKGS) 2>/dev/null))
CLI_LIBS   = $(shell pkg-config --libs $(CLI_PKGS) 2>/dev/null)
CLI_SRC = $(wildcard src/cli/*.c src/cli/import/*.c src/cli/lsp/*.c)
CLI_HDR = $(wildcard src/cli/*.h src/cli/import/*.h src/cli/lsp/*.h)
CLI_OBJ = $(patsubst src/cli/%.c,$(BUILD)/obj/cli/%.o,$(CLI_SRC))
CLI_CORPUS ?= $(CURDIR)/corpus

$(BUILD)/obj/cli/%.o: src/cli/%.c $(CLI_HDR) include/dossier.h | $(BUILD)/.libs
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc/cli $(CLI_CFLAGS) -DDOSSIER_DEFAULT_CORPUS='"$(CLI_CORPUS)"' -c $< -o $@

$(BUILD)/bin/dossier: $(CLI_OBJ) $(BUILD)/libdossier.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libdossier.a $(CLI_LIBS) $(DEPLIBS)

# ------------------------------------------------------------------ install

# make install PREFIX=/usr/local: the program (whose default corpus is then
# the installed one), the Lua 5.4 module, the plugin with its LuaJIT module
# (add PREFIX/share/dossier to Neovim's runtimepath), the corpus and the docs.
PREFIX ?= /usr/local
INSTALL_CORPUS = $(PREFIX)/share/dossier/corpus
# the corpus path compiled in changes with PREFIX: a stamp that changes with it
$(BUILD)/install/prefix: FORCE
	@mkdir -p $(dir $@)
	@echo '$(INSTALL_CORPUS)' | cmp -s - $@ || echo '$(INSTALL_CORPUS)' >$@

$(BUILD)/obj/cli-install/common.o: src/cli/common.c $(CLI_HDR) include/dossier.h $(BUILD)/install/prefix \
                                   | $(BUILD)/.libs
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc/cli $(CLI_CFLAGS) -DDOSSIER_DEFAULT_CORPUS='"$(INSTALL_CORPUS)"' -c $< -o $@

$(BUILD)/install/dossier: $(filter-out $(BUILD)/obj/cli/common.o,$(CLI_OBJ)) \
                          $(BUILD)/obj/cli-install/common.o $(BUILD)/libdossier.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $(filter %.o %.a,$^) $(CLI_LIBS) $(DEPLIBS)

FORCE:

install: all $(BUILD)/install/dossier
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(INSTALL_CORPUS) \
	  $(DESTDIR)$(PREFIX)/lib/lua/5.4/dossier $(DESTDIR)$(PREFIX)/share/dossier/lua/dossier \
	  $(DESTDIR)$(PREFIX)/share/dossier/plugin $(DESTDIR)$(PREFIX)/share/dossier/doc \
	  $(DESTDIR)$(PREFIX)/share/doc/dossier
	install -m 755 $(BUILD)/install/dossier $(DESTDIR)$(PREFIX)/bin/dossier
	install -m 644 corpus/* $(DESTDIR)$(INSTALL_CORPUS)/
	install -m 755 $(BUILD)/lua5.4/dossier/core.so $(DESTDIR)$(PREFIX)/lib/lua/5.4/dossier/core.so
	install -m 644 lua/dossier/*.lua $(DESTDIR)$(PREFIX)/share/dossier/lua/dossier/
	install -m 755 lua/dossier/core.so $(DESTDIR)$(PREFIX)/share/dossier/lua/dossier/core.so
	install -m 644 plugin/dossier.lua $(DESTDIR)$(PREFIX)/share/dossier/plugin/
	install -m 644 doc/dossier.txt $(DESTDIR)$(PREFIX)/share/dossier/doc/
	if [ -f doc/tags ]; then install -m 644 doc/tags $(DESTDIR)$(PREFIX)/share/dossier/doc/; fi
	install -m 644 README.md doc/sample-draft.md $(DESTDIR)$(PREFIX)/share/doc/dossier/

# ------------------------------------------------------------------ demo

# Opens Neovim on the sample draft with the plugin and the default corpus. On a
# terminal without a user (HEADLESS=1, or no terminal at all) it prints what the
# plugin finds, then the core's report: actors, passages per sentence, quotes.
DRAFT ?= doc/sample-draft.md
CORPUS ?= corpus
demo: deps all
	@if [ -z "$(HEADLESS)" ] && [ -t 0 ] && [ -t 1 ]; then \
	  $(NVIM) -u NONE -i NONE --cmd 'set rtp^=$(CURDIR)' -c 'runtime plugin/dossier.lua' \
	    -c 'lua require("dossier.demo").intro("$(CORPUS)")' $(DRAFT); \
	else \
	  $(NVIM) --headless -u NONE -i NONE --cmd 'set rtp^=$(CURDIR)' \
	    -c 'lua require("dossier.demo").headless("$(DRAFT)", "$(CORPUS)")' && echo && \
	  $(MAKE) --no-print-directory report; \
	fi

report: all
	LUA_PATH='./lua/?.lua;;' LUA_CPATH='./$(BUILD)/lua5.4/?.so;;' lua5.4 -e 'require("dossier.report").main({"$(CORPUS)", "$(DRAFT)"})'

# ------------------------------------------------------------------ tests

C_TESTS = $(patsubst tests/c/%.c,$(BUILD)/tests/%,$(wildcard tests/c/test_*.c))

$(BUILD)/tests/%: tests/c/%.c tests/c/tap.h $(BUILD)/libdossier-internal.a
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc -Itests/c $(DEPCFLAGS) -o $@ $< $(BUILD)/libdossier-internal.a $(DEPLIBS)

RESULTS = $(BUILD)/results

# No suite writes to the user's cache (~/.cache/dossier): the caches the
# tests make go to a scratch directory of the build tree.
TEST_XDG = $(CURDIR)/$(BUILD)/test-xdg
check test test-c test-lua test-nvim test-lsp test-lsp-nvim test-asan test-tsan test-valgrind test-fuzz \
  test-c-only: export XDG_CACHE_HOME = $(TEST_XDG)

# The language server: scripted JSON-RPC conversations with the real binary
# over pipes (tests/lsp/*.conv), a few seconds; again under valgrind in
# test-valgrind.
LSP_DRIVER  = $(BUILD)/tests/lsp_conversation
LSP_SCRIPTS = $(sort $(wildcard tests/lsp/*.conv))
$(LSP_DRIVER): tests/lsp/conversation.c tests/lsp/client.c tests/lsp/client.h | $(BUILD)/.libs
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) $(CLI_CFLAGS) -o $@ tests/lsp/conversation.c tests/lsp/client.c $(CLI_LIBS)

# The server's growable buffer at its size limits, on its own object file.
LSP_BUF_TEST = $(BUILD)/tests/lsp_buf
$(LSP_BUF_TEST): tests/lsp/buf.c $(BUILD)/obj/cli/lsp/text.o src/cli/lsp/lsp.h | $(BUILD)/.libs
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc/cli/lsp $(CLI_CFLAGS) -o $@ tests/lsp/buf.c \
	  $(BUILD)/obj/cli/lsp/text.o

test-lsp: $(BUILD)/bin/dossier $(LSP_DRIVER) $(LSP_BUF_TEST)
	@mkdir -p $(RESULTS)
	$(LSP_BUF_TEST) | tee $(RESULTS)/lsp-buf.tap
	$(LSP_DRIVER) $(BUILD)/bin/dossier . $(LSP_SCRIPTS) | tee $(RESULTS)/lsp.tap

# Each suite's TAP is kept in $(RESULTS) for the closing summary of `make test`.
test-c: all $(C_TESTS)
	@mkdir -p $(RESULTS)
	@for t in $(C_TESTS); do $$t > $(RESULTS)/c-$${t##*/}.tap 2>&1; done; true
	prove -e cat $(patsubst $(BUILD)/tests/%,$(RESULTS)/c-%.tap,$(C_TESTS))

LUA_PATH_TEST = ./lua/?.lua;./lua/?/init.lua;./tests/lua/?.lua;;
test-lua: all
	@mkdir -p $(RESULTS)
	LUA_PATH='$(LUA_PATH_TEST)' LUA_CPATH='./$(BUILD)/lua5.4/?.so;;' lua5.4 /usr/bin/busted -o TAP tests/lua | tee $(RESULTS)/lua54.tap
	LUA_PATH='$(LUA_PATH_TEST)' LUA_CPATH='./lua/?.so;;' luajit /usr/bin/busted -o TAP tests/lua | tee $(RESULTS)/luajit.tap

# End-to-end tests of the plugin in a real headless Neovim, and of its
# terminal UI in tmux: on Debian's Neovim (`nvim`, 0.7.2) always, and on a
# modern one: the Neovim NVIM_MODERN names, else the runner
# ../shared/tools/modern-nvim prints (.ci/run sets NVIM_MODERN from it and
# fails loudly when it cannot). Without either the modern suites are
# skipped, and say so in their TAP file.
NVIM_MODERN ?=
MODERN_NVIM_TOOL = ../shared/tools/modern-nvim
test-nvim: all
	@mkdir -p $(RESULTS)
	tests/nvim/run.sh | tee $(RESULTS)/nvim.tap
	tests/nvim/tui_run.sh | tee $(RESULTS)/tui.tap
	@m='$(NVIM_MODERN)'; \
	if [ -z "$$m" ] && [ -x $(MODERN_NVIM_TOOL) ]; then m=$$($(MODERN_NVIM_TOOL)) || m=; fi; \
	if [ -n "$$m" ]; then \
	  echo "NVIM=$$m tests/nvim/run.sh" && \
	  NVIM="$$m" tests/nvim/run.sh | tee $(RESULTS)/nvim-modern.tap && \
	  NVIM="$$m" tests/nvim/tui_run.sh | tee $(RESULTS)/tui-modern.tap; \
	else \
	  for f in nvim-modern tui-modern; do \
	    echo "1..0 # SKIP no modern Neovim (NVIM_MODERN unset, $(MODERN_NVIM_TOOL) absent or failed)" | tee $(RESULTS)/$$f.tap; \
	  done; \
	fi

# The `dossier` program as a user runs it: real saved pages, Markdown of
# other tools, a PDF, pandoc --citeproc and biber on its bibliography.
test-cli: all
	@mkdir -p $(RESULTS)
	tests/cli/run.sh $(CURDIR)/$(BUILD) | tee $(RESULTS)/cli.tap

# The language server in Neovim 0.10+ (vim.lsp.start, its semantic tokens):
# the runner ../shared/tools/modern-nvim prints; 0.7.2 runs the same spec in
# test-nvim.
test-lsp-nvim: all
	@mkdir -p $(RESULTS)
	@nvim=$$(../shared/tools/modern-nvim 2>/dev/null); \
	if [ -x "$$nvim" ]; then NVIM=$$nvim tests/nvim/run.sh tests/nvim/lsp_spec.lua | tee $(RESULTS)/nvim-modern-lsp.tap; \
	else echo "1..0 # SKIP no Neovim 0.10+ (../shared/tools/modern-nvim)" | tee $(RESULTS)/nvim-modern-lsp.tap; fi

# The C tests and the Lua 5.4 suite again with AddressSanitizer + UBSan
# (clang), in a separate tree. lua5.4 itself is not instrumented, so the
# sanitizer runtime is preloaded; leaks are valgrind's job below.
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_RT = $(shell clang -print-file-name=libclang_rt.asan-x86_64.so 2>/dev/null)
test-asan: $(BUILD)/.libs
	@mkdir -p $(RESULTS)
	DOSSIER_SANITIZED=1 $(MAKE) --no-print-directory BUILD=$(BUILD)/asan CC=clang OPT='-O1 -g $(SAN)' \
	  DEPLIBS='$(DEPLIBS) $(SAN)' test-c-only $(BUILD)/asan/lua5.4/dossier/core.so
	DOSSIER_SANITIZED=1 ASAN_OPTIONS=detect_leaks=0 LD_PRELOAD='$(ASAN_RT)' LUA_PATH='$(LUA_PATH_TEST)' \
	  LUA_CPATH='./$(BUILD)/asan/lua5.4/?.so;;' lua5.4 /usr/bin/busted -o TAP tests/lua > $(RESULTS)/asan-lua54.tap \
	  || { cat $(RESULTS)/asan-lua54.tap; exit 1; }
	@echo "asan+ubsan: Lua suite under lua5.4, $$(grep -c '^ok' $(RESULTS)/asan-lua54.tap) tests passed"

# The batch's threads (src/batch.c, tests/c/test_batch.c) under
# ThreadSanitizer (clang), in a tree of their own: two handles on one image
# at once must share nothing but what they only read.
TSAN = -fsanitize=thread
test-tsan: $(BUILD)/.libs
	@mkdir -p $(RESULTS)
	$(MAKE) --no-print-directory BUILD=$(BUILD)/tsan CC=clang OPT='-O1 -g $(TSAN)' \
	  DEPLIBS='$(DEPLIBS) $(TSAN)' $(BUILD)/tsan/tests/test_batch
	TSAN_OPTIONS='halt_on_error=1 exitcode=66' $(BUILD)/tsan/tests/test_batch > $(RESULTS)/tsan.tap \
	  || { cat $(RESULTS)/tsan.tap; echo "tsan: test_batch failed"; exit 1; }
	@echo "tsan: test_batch, $$(grep -c '^ok' $(RESULTS)/tsan.tap) tests, no data race"

test-c-only: $(C_TESTS)
	prove -e '' $(C_TESTS)

VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full
test-valgrind: $(C_TESTS) $(BUILD)/lua5.4/dossier/core.so $(BUILD)/bin/dossier $(LSP_DRIVER)
	@mkdir -p $(RESULTS)
	LSP_WRAPPER='$(VALGRIND) --errors-for-leak-kinds=definite,indirect,possible' LSP_TIMEOUT_MS=60000 \
	  $(LSP_DRIVER) $(BUILD)/bin/dossier . $(LSP_SCRIPTS) > $(RESULTS)/lsp-valgrind.tap \
	  || { cat $(RESULTS)/lsp-valgrind.tap; echo "valgrind: the language server's conversations failed"; exit 1; }
	@echo "valgrind: dossier lsp, $$(grep -c '^ok' $(RESULTS)/lsp-valgrind.tap) conversation tests, no errors, no leaks"
	@for t in $(C_TESTS); do \
	  DOSSIER_SANITIZED=1 $(VALGRIND) --errors-for-leak-kinds=definite,indirect,possible $$t >/dev/null || { echo "valgrind: $$t failed"; exit 1; }; \
	done; echo "valgrind: $(words $(C_TESTS)) C test programs, no errors, no leaks"
	DOSSIER_SANITIZED=1 LUA_PATH='$(LUA_PATH_TEST)' LUA_CPATH='./$(BUILD)/lua5.4/?.so;;' \
	  $(VALGRIND) --errors-for-leak-kinds=definite,indirect lua5.4 /usr/bin/busted -o TAP tests/lua > $(RESULTS)/valgrind-lua54.tap \
	  || { tail -40 $(RESULTS)/valgrind-lua54.tap; echo "valgrind: Lua suite failed"; exit 1; }
	@echo "valgrind: Lua suite under lua5.4, $$(grep -c '^ok' $(RESULTS)/valgrind-lua54.tap) tests, no errors, no leaks"

# The fast loop while editing: the C and Lua suites alone, with their totals.
check: all
	@rm -rf $(RESULTS) $(TEST_XDG)
	$(MAKE) --no-print-directory test-c test-lua
	@tests/summary.sh $(RESULTS) check "C, Lua 5.4, LuaJIT"

test: deps all
	@rm -rf $(RESULTS) $(TEST_XDG)
	$(MAKE) --no-print-directory test-c test-lua test-nvim test-cli test-lsp test-lsp-nvim test-asan \
	  test-tsan test-valgrind test-fuzz
	@tests/summary.sh $(RESULTS)

# ------------------------------------------------------------------ calibration

# Fits the verdict's models on the development sets of both corpora and
# writes src/verdict_model.h (deterministic: the same sets give the same
# file); prints the cross-validation. tests/lua/calibrate_spec.lua checks
# that the committed header is what the sets give.
calibrate: $(BUILD)/lua5.4/dossier/core.so
	LUA_PATH='$(LUA_PATH_TEST)' LUA_CPATH='./$(BUILD)/lua5.4/?.so;;' lua5.4 tests/dev/calibrate.lua
	$(MAKE) --no-print-directory all

# ------------------------------------------------------------------ benchmarks

# Peers the benchmarks compare against (not needed to build or test).
BENCH_PKGS = libhyperscan-dev ripgrep libsqlite3-dev sqlite3 libxapian-dev g++ hyperfine python3-readability
$(BUILD)/.bench-deps: $(BUILD)/.deps
	$(call install-missing,$(BENCH_PKGS))

# Dossier beside its peers on generated inputs; tables in bench/results/latest.md.
bench: deps all $(BUILD)/.bench-deps
	bench/run.sh $(SECTIONS)

format:
	clang-format -i src/*.c src/*.h src/cli/*.c src/cli/*.h src/cli/import/*.[ch] src/cli/lsp/*.c \
	  src/cli/lsp/*.h include/*.h tests/c/*.c tests/c/*.h tests/lsp/*.c tests/lsp/*.h

clean:
	rm -rf $(BUILD) lua/dossier/core.so doc/tags

# libFuzzer targets: `make fuzz`, and the smoke run `test-fuzz` of `make test`.
# Last, since it defines file targets that must not become the default goal.
include tests/fuzz/fuzz.mk

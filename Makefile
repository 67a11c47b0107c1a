# devopsim — plain Makefile. `make V=1` shows commands; CFLAGS is yours to override.
# Objects go to build/ (plain) and build-asan/ (sanitizers); safe with make -j.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
CC        ?= cc
CFLAGS    ?= -O2 -g
# Link-time optimisation of the plain build (`make LTO=` switches it off). It
# inlines across files (the kernel's event list into the model's loop) and
# leaves every result bit-identical: with -ffp-contract=off and no fast-math,
# each floating-point operation rounds as written wherever it is inlined.
LTO       ?= -flto=auto
PKGS      := gsl libcjson cairo libzip xlsxwriter
TEST_PKGS := cmocka

# Warnings are errors in `make check` and CI; a packager switches that off
# with `make WERROR=`.
WERROR ?= -Werror
WARN := -Wall -Wextra $(WERROR) -Wshadow -Wundef -Wwrite-strings \
        -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wdouble-promotion \
        -Wno-unused-parameter
# -ffp-contract=off and no -march=native: identical floating point on every node.
BASE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
              -DDEVOPSIM_VERSION=\"$(VERSION)\" -ffp-contract=off -fopenmp \
              -I. $(WARN) -MMD -MP

ifeq ($(V),1)
Q :=
else
Q := @
endif

SETUP_STAMP := build/.setup-$(shell id -u)

# The library, bottom layer first (docs/architecture.md):
# util <- sim <- models <- scenario <- report <- batch <- sweep, and plots (util only) under report.
LIB_SRC  := $(wildcard util/*.c sim/*.c models/*.c scenario/*.c plots/*.c report/*.c batch/*.c sweep/*.c)
CLI_SRC  := $(wildcard cli/*.c)
TEST_SRC := $(wildcard tests/test_*.c)
BENCH_SRC := $(wildcard bench/*.c)

# Everything that needs the libraries' flags is computed lazily, after set-up.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lm
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS))
TEST_LIBS   = $(shell pkg-config --libs $(TEST_PKGS))

ASAN := -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all

define objs
$(patsubst %.c,$(1)/obj/%.o,$(2))
endef

.SECONDARY:
.PHONY: all deps deps-check deps-mpi check test test-asan e2e bench demo install clean fuzz notebooks mpi \
        check-layers
all: build/devopsim

# `make` needs only the build packages; the test tools (cmocka, clang, Open
# MPI) are installed by the targets that use them.
deps:
	$(Q)sh tools/setup.sh build

deps-check: | deps
	$(Q)sh tools/setup.sh check

deps-mpi: | deps
	$(Q)sh tools/setup.sh mpi

# ---- plain build -----------------------------------------------------------
build/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LTO) -c $< -o $@

# Only the test files see cmocka's flags.
build/obj/tests/%.o: tests/%.c | deps-check
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) $(LTO) -c $< -o $@

build/libdevopsim.a: $(call objs,build,$(LIB_SRC))
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

build/devopsim: $(call objs,build,$(CLI_SRC)) build/libdevopsim.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LTO) -fopenmp -o $@ $^ $(PKG_LIBS)

build/run_tests: $(call objs,build,$(TEST_SRC)) build/libdevopsim.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LTO) -fopenmp -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

# A CLI-free program that writes a PowerPoint deck and an Excel workbook with
# the plots/ writers alone (tests/e2e/test_office.sh converts them).
build/export_demo: build/obj/tests/export_demo.o build/libdevopsim.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LTO) -fopenmp -o $@ $^ $(PKG_LIBS)

build-asan/export_demo: build-asan/obj/tests/export_demo.o build-asan/libdevopsim.a
	$(Q)$(CC) $(ASAN) -fopenmp -o $@ $^ $(PKG_LIBS)

build/bench_%: build/obj/bench/%.o build/libdevopsim.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LTO) -fopenmp -o $@ $^ $(PKG_LIBS)

# ---- sanitizer build -------------------------------------------------------
build-asan/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC/SAN  $<")
	$(Q)$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -O1 -g $(ASAN) -c $< -o $@

build-asan/obj/tests/%.o: tests/%.c | deps-check
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC/SAN  $<")
	$(Q)$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) -O1 -g $(ASAN) -c $< -o $@

build-asan/libdevopsim.a: $(call objs,build-asan,$(LIB_SRC))
	$(Q)rm -f $@ && ar rcs $@ $^

build-asan/devopsim: $(call objs,build-asan,$(CLI_SRC)) build-asan/libdevopsim.a
	$(Q)$(CC) $(ASAN) -fopenmp -o $@ $^ $(PKG_LIBS)

build-asan/run_tests: $(call objs,build-asan,$(TEST_SRC)) build-asan/libdevopsim.a
	$(Q)$(CC) $(ASAN) -fopenmp -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

# ---- MPI build (`make mpi`): the same sources with mpicc and -DDEVOPSIM_MPI --
# Same flags as the plain build (-ffp-contract=off, no -march=native), so every
# rank computes the same bits as a single process. `make test` builds it too
# (set-up installs Open MPI); the sanitizer pass leaves MPI out.
MPICC      ?= mpicc
MPI_CFLAGS  = $(shell pkg-config --cflags ompi 2>/dev/null || $(MPICC) --showme:compile 2>/dev/null)
MPI_LIBS    = $(shell pkg-config --libs ompi 2>/dev/null || $(MPICC) --showme:link 2>/dev/null)

mpi: build-mpi/devopsim-mpi

build-mpi/obj/%.o: %.c | deps-mpi
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MPICC   $<")
	$(Q)$(MPICC) $(BASE_CFLAGS) -DDEVOPSIM_MPI $(PKG_CFLAGS) $(MPI_CFLAGS) $(CFLAGS) -c $< -o $@

build-mpi/libdevopsim.a: $(call objs,build-mpi,$(LIB_SRC))
	$(Q)rm -f $@ && ar rcs $@ $^

build-mpi/devopsim-mpi: $(call objs,build-mpi,$(CLI_SRC)) build-mpi/libdevopsim.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(MPICC) $(CFLAGS) -fopenmp -o $@ $^ $(PKG_LIBS) $(MPI_LIBS)

# ---- embedded presets: tools/embed turns models/presets.json into C ---------
# Generated once into build/gen and compiled into both libraries.
HOSTCC  ?= $(CC)
GEN_SRC := build/gen/presets_data.c

build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) -std=c11 -O1 $(WARN) -o $@ $<

build/gen/presets_data.c: models/presets.json build/tools/embed
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  EMBED   $<")
	$(Q)./build/tools/embed scen_presets_json $< $@.tmp.$$$$ && mv -f $@.tmp.$$$$ $@

build/libdevopsim.a: $(call objs,build,$(GEN_SRC))
build-asan/libdevopsim.a: $(call objs,build-asan,$(GEN_SRC))
build-mpi/libdevopsim.a: $(call objs,build-mpi,$(GEN_SRC))

# ---- tests -----------------------------------------------------------------
# cmocka's exit status is its failure count; e2e scripts exit non-zero on failure.
# LibreOffice and poppler for tests/e2e/test_office.sh: installed when possible
# (root); otherwise that test says SKIPPED.
.PHONY: office-deps
office-deps: | deps
	$(Q)sh tools/setup.sh office || echo "make: LibreOffice not installed: test_office will be SKIPPED"

test: build/run_tests build/devopsim build-mpi/devopsim-mpi build/export_demo office-deps
	@echo "== unit tests (plain build)"
	$(Q)DEVOPSIM_SRCDIR=. ./build/run_tests
	@echo "== end-to-end tests (plain build)"
	$(Q)DEVOPSIM_MPI=$(CURDIR)/build-mpi/devopsim-mpi sh tests/e2e/run.sh build/devopsim

test-asan: build-asan/run_tests build-asan/devopsim build-asan/export_demo office-deps
	@echo "== unit tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    DEVOPSIM_SRCDIR=. ./build-asan/run_tests
	@echo "== end-to-end tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
	$(Q)ASAN_OPTIONS=detect_leaks=1 DEVOPSIM_SANITIZED=1 sh tests/e2e/run.sh build-asan/devopsim

check: check-layers test test-asan notebooks
	@echo "== make check: all passed"

# The include graph obeys the layers of docs/architecture.md.
check-layers:
	@echo "== include directions (tools/check_layers.sh)"
	$(Q)sh tools/check_layers.sh

# ---- notebooks: execute every notebooks/*.ipynb headless -------------------
# Debian's /usr/bin/python3 (never a bare `python3`: PATH may put another first),
# nbclient with a per-cell timeout, the inline (Agg) backend; fails on any cell
# error. Fresh results and the executed copies go to build/notebooks/; the
# committed notebooks must carry no outputs (tools/strip_notebooks.py strips).
NOTEBOOKS   := $(wildcard notebooks/*.ipynb)
NB_PYTHON   := /usr/bin/python3
NB_TIMEOUT  ?= 1800
.PHONY: notebooks-deps

notebooks-deps: | deps
	$(Q)sh tools/setup.sh notebooks

notebooks: notebooks-deps build/devopsim
	@echo "== notebooks (committed without outputs, then executed into build/notebooks)"
	$(Q)$(NB_PYTHON) tools/strip_notebooks.py --check $(NOTEBOOKS)
	$(Q)$(NB_PYTHON) tests/test_nb_helper.py
	$(Q)rm -rf build/notebooks
	$(Q)DEVOPSIM=$(CURDIR)/build/devopsim DEVOPSIM_NB_OUT=$(CURDIR)/build/notebooks/out \
	    $(NB_PYTHON) tools/run_notebooks.py --timeout $(NB_TIMEOUT) --output-dir build/notebooks $(NOTEBOOKS)

# ---- fuzzing: libFuzzer on the scenario loader (clang) ---------------------
# `make fuzz FUZZ_SECONDS=600`; new inputs go to build-fuzz/corpus, crashes to
# build-fuzz/crash-*. Seeds: the bundled scenarios and tests/bad.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SRC     := $(wildcard scenario/*.c) util/util_json.c models/org_types.c sim/sim_dist.c \
                $(GEN_SRC) tests/fuzz_scenario.c
FUZZ_CFLAGS   = $(filter-out -fopenmp,$(BASE_CFLAGS)) $(PKG_CFLAGS) -O1 -g \
                -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer

build-fuzz/obj/%.o: %.c | deps-check
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC/FUZZ $<")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

build-fuzz/fuzz_scenario: $(call objs,build-fuzz,$(FUZZ_SRC))
	@$(if $(Q),echo "  LD/FUZZ $@")
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(PKG_LIBS)

fuzz: build-fuzz/fuzz_scenario
	@mkdir -p build-fuzz/corpus
	$(Q)./build-fuzz/fuzz_scenario -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=build-fuzz/ build-fuzz/corpus scenarios tests/bad

-include $(shell find build-fuzz -name '*.d' 2>/dev/null)

# ---- benchmarks, demo ------------------------------------------------------
BENCHES := $(patsubst bench/%.c,build/bench_%,$(BENCH_SRC))
bench: $(BENCHES) build/devopsim
	$(Q)sh bench/run.sh

demo: build/devopsim
	$(Q)sh tools/demo.sh

install: build/devopsim
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 build/devopsim $(DESTDIR)$(PREFIX)/bin/devopsim

clean:
	rm -rf build build-asan build-fuzz build-mpi

-include $(shell find build build-asan build-mpi -name '*.d' 2>/dev/null)

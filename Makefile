# synergy: PGXS build of the core extension and synergy_postgis.
#   make && make install && make installcheck     (against a running server)
#   make check-core                                (numeric core unit tests, no server)
EXTENSION    = synergy synergy_postgis
# The version is written once, in VERSION; the control files, src/sy_version.h
# and the install scripts get it from there (test/stages/81_meta.sh checks
# META.json and debian/changelog agree).
EXTVERSION  := $(strip $(shell cat $(dir $(lastword $(MAKEFILE_LIST)))VERSION))

MODULE_big   = synergy
# The sources, each listed once: a new .c file is added to its list, in name
# order.  The numeric core (src/core: plain C, no server headers; compiled
# with -ffp-contract=off below, linked into the unit tests and the fuzzer):
CORE_SRCS    = \
	src/core/bp.c \
	src/core/coupling.c \
	src/core/entropy.c \
	src/core/entropy_bounded.c \
	src/core/exact_sum.c \
	src/core/factor.c \
	src/core/forecast_eval.c \
	src/core/forecast_interval.c \
	src/core/gm11.c \
	src/core/gravity.c \
	src/core/impute.c \
	src/core/interpolate.c \
	src/core/lsq.c \
	src/core/moments.c \
	src/core/moran.c \
	src/core/normalize.c \
	src/core/polyfit.c \
	src/core/topsis.c
# The glue (src: the server side, fmgr entry points, aggregates, windows):
GLUE_SRCS    = \
	src/args.c \
	src/call_cache.c \
	src/coupling.c \
	src/coupling_agg.c \
	src/entropy_agg.c \
	src/entropy_bounded_agg.c \
	src/factor_agg.c \
	src/factor_common.c \
	src/factor_window.c \
	src/forecast_backtest.c \
	src/forecast_bp.c \
	src/forecast_gm11.c \
	src/forecast_intervals.c \
	src/forecast_model.c \
	src/forecast_series.c \
	src/geom_point.c \
	src/gravity.c \
	src/group_limit.c \
	src/host.c \
	src/indicator_vector.c \
	src/lapack_lazy.c \
	src/moments_agg.c \
	src/moments_state.c \
	src/moran_agg.c \
	src/moran_graph.c \
	src/moran_window.c \
	src/refresh_guc.c \
	src/row_order.c \
	src/state_io.c \
	src/synergy.c \
	src/trend_agg.c \
	src/weight_options.c \
	src/window_evaluate.c \
	src/window_partition.c \
	src/window_series.c
# A .c file in src/ or src/core/ that is in neither list, or a listed file
# that is not there, stops the build.
UNLISTED_SRCS := $(filter-out $(CORE_SRCS) $(GLUE_SRCS),$(wildcard src/*.c src/core/*.c))
ifneq (,$(UNLISTED_SRCS))
$(error $(UNLISTED_SRCS): not in the Makefile's CORE_SRCS or GLUE_SRCS; add it to one of them (or delete it))
endif
MISSING_SRCS  := $(filter-out $(wildcard $(CORE_SRCS) $(GLUE_SRCS)),$(CORE_SRCS) $(GLUE_SRCS))
ifneq (,$(MISSING_SRCS))
$(error $(MISSING_SRCS): listed in the Makefile's CORE_SRCS or GLUE_SRCS but not there)
endif
CORE_OBJS    = $(CORE_SRCS:.c=.o)
GLUE_OBJS    = $(GLUE_SRCS:.c=.o)
OBJS         = $(CORE_OBJS) $(GLUE_OBJS)

# SQL scripts (docs/releasing.md).  Released versions: their install and
# upgrade scripts are frozen, byte for byte, in src/sql/released/, each listed
# with its SHA-256 in src/sql/released/SHA256SUMS (tools/freeze_release.sh
# writes both at release time; tools/check_released.sh, run by every build,
# fails naming a frozen file that was edited).  The build only copies them
# (synergy_postgis's through the PostgreSQL 15 filter below): nothing released
# is assembled from the live feature files.
RELEASED_SQL := $(shell awk '{ print $$2 }' src/sql/released/SHA256SUMS)
RELEASED_VERSIONS := $(foreach f,$(patsubst synergy--%.sql,%,$(filter synergy--%.sql,$(RELEASED_SQL))),$(if $(findstring --,$f),,$f))
# The unreleased version (VERSION): its install scripts are assembled from the
# feature files src/sql/synergy/*.sql and src/sql/synergy_postgis/*.sql, in
# name order; its upgrade from the last release, PREVIOUS, is a hand-written
# header in src/sql/upgrade/ (every change to an object PREVIOUS has, in plain
# SQL) followed by the feature files wholly new in this version, listed below
# by name in the order they are appended (an empty list: the header alone).
PREVIOUS          = 0.2.0
SYNERGY_NEW_0_3_0 = 22_entropy_scale 24_weight_states 26_panel 27_missing_weights 61_coupling_states 62_coupling_missing 63_moran_states 64_region_ids 66_forecast_simple 72_factor_states 73_factor_missing 95_states 96_rows
POSTGIS_NEW_0_3_0 = 11_trend_states 16_region_ids 21_gravity_ids
V_                = $(subst .,_,$(EXTVERSION))
ifneq (,$(filter $(EXTVERSION),$(RELEASED_VERSIONS)))
# VERSION is released (a release commit, before the next bump): all frozen
CURRENT_SQL  =
else
ifeq (,$(filter $(PREVIOUS),$(RELEASED_VERSIONS)))
$(error PREVIOUS = $(PREVIOUS) is not a released version (src/sql/released/SHA256SUMS has $(RELEASED_VERSIONS)))
endif
CURRENT_SQL  = synergy--$(EXTVERSION).sql synergy_postgis--$(EXTVERSION).sql \
               synergy--$(PREVIOUS)--$(EXTVERSION).sql synergy_postgis--$(PREVIOUS)--$(EXTVERSION).sql
endif
# Encodings below: the scripts of 0.2.0 and later are ASCII.
ASCII_VERSIONS = $(sort $(filter-out 0.1.0,$(RELEASED_VERSIONS)) $(EXTVERSION))
AUX_CONTROL  = $(foreach v,$(ASCII_VERSIONS),$(addsuffix --$v.control,$(EXTENSION)))
DATA_built   = $(RELEASED_SQL) $(CURRENT_SQL) $(AUX_CONTROL)
EXTRA_CLEAN  = $(addsuffix .control,$(EXTENSION)) src/sy_version.h

# The server headers are not -Wextra clean: include them as system headers.
PG_CPPFLAGS  = -Isrc -Isrc/core -isystem $(shell $(PG_CONFIG) --includedir-server)
PG_CFLAGS    = -Wall -Wextra -Werror
# make CC=clang: the server's CFLAGS carry gcc-only options; let clang skip them
ifneq (,$(findstring clang,$(shell $(CC) --version 2>/dev/null)))
PG_CFLAGS   += -Wno-unknown-warning-option -Wno-ignored-optimization-argument
endif
# LAPACKE is opened on first use (src/lapack_lazy.c), not linked: parallel workers load less.
# -Bsymbolic-functions: calls between synergy's own functions are bound at link time, not
# looked up in every process that loads synergy.so (PostgreSQL loads it with RTLD_NOW, and each
# parallel worker loads it again): 244 of its 386 symbol relocations on PostgreSQL 15, whose
# PGXS exports every function (16 and later build modules with -fvisibility=hidden).
SHLIB_LINK   = -lm -Wl,-Bsymbolic-functions

REGRESS      = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=. --load-extension=synergy

PG_CONFIG   ?= pg_config
PGXS        := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Every object is rebuilt when any header changes: coarse, but a struct that
# grows (e.g. sy_bp_model) can never be laid out two ways in one library.
$(OBJS): $(wildcard src/*.h src/core/*.h)

# The numeric core's inner loops are written to vectorize; -O3 lets GCC do
# so (no fast-math).  No fused multiply-add either, so that results are the
# same bits on every machine, x86-64 or arm64.  -fno-math-errno only drops
# errno updates (the core never reads errno), so sqrt can be inlined.
# (pgxs.mk folds PG_CFLAGS into CFLAGS when included, so append to CFLAGS itself.)
$(CORE_OBJS): override CFLAGS += -O3 -ffp-contract=off -fno-math-errno

# Generated from VERSION: the control files, and the header giving the C code
# the version (PG_MODULE_MAGIC_EXT on 18, synergy_version()).
%.control: %.control.in VERSION
	sed 's/@EXTVERSION@/$(EXTVERSION)/g' $< > $@

# Encodings.  The control files say encoding = UTF8, which is true of every
# script, and needed by the frozen 0.1.0 script (it has Chinese comments):
# PostgreSQL converts it to the database encoding.  The scripts of 0.2.0 and
# later are pure ASCII (checked below when they are assembled), so each of
# those versions also has a secondary control file saying so (encoding =
# SQL_ASCII: read the bytes as they are): they then install even in
# MULE_INTERNAL, the one server encoding PostgreSQL cannot convert UTF-8 to.
# (A secondary control file applies to the scripts that lead to its version:
# released versions keep theirs for their upgrade step; ASCII_VERSIONS above.)
$(AUX_CONTROL): VERSION
	printf '# generated by the Makefile: the scripts of %s %s are ASCII\nencoding = SQL_ASCII\n' '$(word 1,$(subst --, ,$(basename $@)))' '$(word 2,$(subst --, ,$(basename $@)))' > $@
ASCII_CHECK  = perl -ne 'if (/[^\x00-\x7f]/) { print STDERR "$$ARGV:$$.: not ASCII (install scripts must be; see Makefile)\n"; $$bad = 1 } END { exit $$bad }'

src/sy_version.h: VERSION
	printf '/* generated by the Makefile from VERSION */\n#define SYNERGY_VERSION "%s"\n' '$(EXTVERSION)' > $@
# (the bitcode too: with LLVM, PGXS compiles synergy.bc by a rule of its own)
src/synergy.o src/synergy.bc: src/sy_version.h

# synergy_postgis names PostGIS's and synergy's objects as @extschema:postgis@
# and @extschema:synergy@ (docs/security.md); PostgreSQL 15 does not know the
# form, so there tools/extschema_compat.sh resolves it when the script runs.
# Built on every make (FORCE), so that a script built for 16+ is never
# installed into 15 after switching PG_CONFIG.  Frozen scripts are frozen
# before this filter: it is applied to them here, at build time.
PG_MAJOR := $(shell $(PG_CONFIG) --version | sed 's/^[^0-9]*\([0-9]*\).*/\1/')
EXTSCHEMA_COMPAT = $(if $(filter 9 10 11 12 13 14 15,$(PG_MAJOR)),| sh tools/extschema_compat.sh postgis synergy)
.PHONY: FORCE

# Released scripts: copied; synergy_postgis's go through the filter as they did
# when they were assembled (all but 0.1.0's install script, which predates the
# form).  Every build first checks they are as released.
RELEASED_COMPAT := $(filter-out synergy_postgis--0.1.0.sql,$(filter synergy_postgis--%,$(RELEASED_SQL)))
RELEASED_PLAIN  := $(filter-out $(RELEASED_COMPAT),$(RELEASED_SQL))
$(RELEASED_PLAIN): %: src/sql/released/% | check-released
	cp $< $@
$(RELEASED_COMPAT): %: src/sql/released/% tools/extschema_compat.sh FORCE | check-released
	cat $< $(EXTSCHEMA_COMPAT) > $@
all: check-released
check-released:
	@sh tools/check_released.sh
# make print-PREVIOUS and the like (tools/freeze_release.sh)
print-%:
	@echo '$($*)'
.PHONY: check-released

# The unreleased version's install scripts (none when VERSION is released:
# then its frozen scripts above are all): the feature files in name order,
# @EXTVERSION@ becoming the version.
ifneq (,$(CURRENT_SQL))
synergy--$(EXTVERSION).sql: $(sort $(wildcard src/sql/synergy/*.sql)) VERSION
	$(ASCII_CHECK) $(filter %.sql,$^)
	cat $(filter %.sql,$^) | sed 's/@EXTVERSION@/$(EXTVERSION)/g' > $@

synergy_postgis--$(EXTVERSION).sql: $(sort $(wildcard src/sql/synergy_postgis/*.sql)) VERSION tools/extschema_compat.sh FORCE
	$(ASCII_CHECK) $(filter %.sql,$^)
	cat $(filter %.sql,$^) | sed 's/@EXTVERSION@/$(EXTVERSION)/g' $(EXTSCHEMA_COMPAT) > $@

# Its upgrade scripts: the header, then the new feature files as they are
# (upgrade scripts keep the literal versions they were written for).
synergy--$(PREVIOUS)--$(EXTVERSION).sql: src/sql/upgrade/synergy--$(PREVIOUS)--$(EXTVERSION).sql $(patsubst %,src/sql/synergy/%.sql,$(SYNERGY_NEW_$(V_)))
	$(ASCII_CHECK) $^
	cat $^ > $@

synergy_postgis--$(PREVIOUS)--$(EXTVERSION).sql: src/sql/upgrade/synergy_postgis--$(PREVIOUS)--$(EXTVERSION).sql $(patsubst %,src/sql/synergy_postgis/%.sql,$(POSTGIS_NEW_$(V_))) tools/extschema_compat.sh FORCE
	$(ASCII_CHECK) $(filter %.sql,$^)
	cat $(filter %.sql,$^) $(EXTSCHEMA_COMPAT) > $@
endif

# Numeric core unit tests: plain C, no PostgreSQL server or headers; one
# program per test/core/test_*.c, each linked with the whole core.
CORE_TEST_CFLAGS = -O2 -g -std=c99 -ffp-contract=off -Wall -Wextra -Werror -Isrc/core -Itest/core
CORE_LIBS        = -llapacke -llapack -lblas -lm	# least squares and eigenproblems
CORE_TESTS = $(patsubst %.c,%,$(sort $(wildcard test/core/test_*.c)))
EXTRA_CLEAN += $(CORE_TESTS)
test/core/test_%: test/core/test_%.c test/core/test_check.h $(CORE_SRCS) $(wildcard src/core/*.h)
	$(CC) $(CORE_TEST_CFLAGS) -o $@ $< $(CORE_SRCS) $(CORE_LIBS)

# test_xsum_carry.c is test_xsum.c again with a low carry threshold
test/core/test_xsum_carry: test/core/test_xsum.c

check-core: $(CORE_TESTS)
	@set -e; for t in $(CORE_TESTS); do $$t; done

# libFuzzer harness over the numeric core (clang with libFuzzer, ASan and
# UBSan): make fuzz FUZZ_SECONDS=60.  Crashes are written to test/fuzz/.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CORPUS  ?= test/fuzz/corpus
EXTRA_CLEAN  += test/fuzz/fuzz_core
test/fuzz/fuzz_core: test/fuzz/fuzz_core.c $(CORE_SRCS) $(wildcard src/core/*.h)
	$(FUZZ_CC) -g -O1 -std=c99 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-ffp-contract=off -Wall -Wextra -Werror -Isrc/core -o $@ $< $(CORE_SRCS) $(CORE_LIBS)

fuzz: test/fuzz/fuzz_core
	mkdir -p $(FUZZ_CORPUS)
	test/fuzz/fuzz_core -max_total_time=$(FUZZ_SECONDS) -max_len=512 -print_final_stats=1 \
		-artifact_prefix=test/fuzz/ $(FUZZ_CORPUS)

.PHONY: check-core fuzz

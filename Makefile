# synergy: PGXS build of the core extension and synergy_postgis.
#   make && make install && make installcheck     (against a running server)
#   make check-core                                (numeric core unit tests, no server)
EXTENSION    = synergy synergy_postgis
EXTVERSION   = 0.2.0

MODULE_big   = synergy
CORE_OBJS    = $(patsubst %.c,%.o,$(sort $(wildcard src/core/*.c)))
GLUE_OBJS    = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
OBJS         = $(CORE_OBJS) $(GLUE_OBJS)

# Released versions keep their install scripts frozen in src/sql/released/;
# later versions are reached by upgrade scripts, each a hand-written header
# in src/sql/upgrade/ followed by the feature files new in that version.
RELEASED     = src/sql/released/synergy--0.1.0.sql src/sql/released/synergy_postgis--0.1.0.sql
SYNERGY_NEW_0_2_0 = 62_spatial 65_forecast 70_factor 80_gravity 90_refresh
POSTGIS_NEW_0_2_0 = 10_trend 12_surface 14_moran 20_gravity
UPGRADES     = synergy--0.1.0--0.2.0.sql synergy_postgis--0.1.0--0.2.0.sql
DATA         = $(RELEASED)
DATA_built   = synergy--$(EXTVERSION).sql synergy_postgis--$(EXTVERSION).sql $(UPGRADES)
EXTRA_CLEAN  =

# The server headers are not -Wextra clean: include them as system headers.
PG_CPPFLAGS  = -Isrc -Isrc/core -isystem $(shell $(PG_CONFIG) --includedir-server)
PG_CFLAGS    = -Wall -Wextra -Werror
# make CC=clang: the server's CFLAGS carry gcc-only options; let clang skip them
ifneq (,$(findstring clang,$(shell $(CC) --version 2>/dev/null)))
PG_CFLAGS   += -Wno-unknown-warning-option -Wno-ignored-optimization-argument
endif
SHLIB_LINK   = -llapacke -llapack -lblas -lm

REGRESS      = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=. --load-extension=synergy

PG_CONFIG   ?= pg_config
PGXS        := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The numeric core's inner loops are written to vectorize; -O3 lets GCC do
# so (no fast-math).  No fused multiply-add either, so that results are the
# same bits on every machine, x86-64 or arm64.  -fno-math-errno only drops
# errno updates (the core never reads errno), so sqrt can be inlined.
# (pgxs.mk folds PG_CFLAGS into CFLAGS when included, so append to CFLAGS itself.)
$(CORE_OBJS): override CFLAGS += -O3 -ffp-contract=off -fno-math-errno

# The install scripts are assembled from small per-feature files, in name order.
# synergy_postgis names PostGIS's and synergy's objects as @extschema:postgis@
# and @extschema:synergy@ (docs/security.md); PostgreSQL 15 does not know the
# form, so there tools/extschema_compat.sh resolves it when the script runs.
PG_MAJOR := $(shell $(PG_CONFIG) --version | sed 's/^[^0-9]*\([0-9]*\).*/\1/')
EXTSCHEMA_COMPAT = $(if $(filter 9 10 11 12 13 14 15,$(PG_MAJOR)),| sh tools/extschema_compat.sh postgis synergy)
# Built on every make (FORCE), so that a script built for 16+ is never
# installed into 15 after switching PG_CONFIG.
.PHONY: FORCE
synergy--$(EXTVERSION).sql: $(sort $(wildcard src/sql/synergy/*.sql))
	cat $^ > $@

synergy_postgis--$(EXTVERSION).sql: $(sort $(wildcard src/sql/synergy_postgis/*.sql)) tools/extschema_compat.sh FORCE
	cat $(filter %.sql,$^) $(EXTSCHEMA_COMPAT) > $@

synergy--0.1.0--0.2.0.sql: src/sql/upgrade/synergy--0.1.0--0.2.0.sql $(patsubst %,src/sql/synergy/%.sql,$(SYNERGY_NEW_0_2_0))
	cat $^ > $@

synergy_postgis--0.1.0--0.2.0.sql: src/sql/upgrade/synergy_postgis--0.1.0--0.2.0.sql $(patsubst %,src/sql/synergy_postgis/%.sql,$(POSTGIS_NEW_0_2_0)) tools/extschema_compat.sh FORCE
	cat $(filter %.sql,$^) $(EXTSCHEMA_COMPAT) > $@

# Numeric core unit tests: plain C, no PostgreSQL server or headers; one
# program per test/core/test_*.c, each linked with the whole core.
CORE_TEST_CFLAGS = -O2 -g -std=c99 -ffp-contract=off -Wall -Wextra -Werror -Isrc/core -Itest/core
CORE_LIBS        = -llapacke -llapack -lblas -lm	# least squares and eigenproblems
CORE_TESTS = $(patsubst %.c,%,$(sort $(wildcard test/core/test_*.c)))
EXTRA_CLEAN += $(CORE_TESTS)
test/core/test_%: test/core/test_%.c test/core/test_check.h $(wildcard src/core/*.c) $(wildcard src/core/*.h)
	$(CC) $(CORE_TEST_CFLAGS) -o $@ $< $(sort $(wildcard src/core/*.c)) $(CORE_LIBS)

check-core: $(CORE_TESTS)
	@set -e; for t in $(CORE_TESTS); do $$t; done

# libFuzzer harness over the numeric core (clang with libFuzzer, ASan and
# UBSan): make fuzz FUZZ_SECONDS=60.  Crashes are written to test/fuzz/.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CORPUS  ?= test/fuzz/corpus
EXTRA_CLEAN  += test/fuzz/fuzz_core
test/fuzz/fuzz_core: test/fuzz/fuzz_core.c $(wildcard src/core/*.c) $(wildcard src/core/*.h)
	$(FUZZ_CC) -g -O1 -std=c99 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-ffp-contract=off -Wall -Wextra -Werror -Isrc/core -o $@ $< $(sort $(wildcard src/core/*.c)) $(CORE_LIBS)

fuzz: test/fuzz/fuzz_core
	mkdir -p $(FUZZ_CORPUS)
	test/fuzz/fuzz_core -max_total_time=$(FUZZ_SECONDS) -max_len=512 -print_final_stats=1 \
		-artifact_prefix=test/fuzz/ $(FUZZ_CORPUS)

.PHONY: check-core fuzz

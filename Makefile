# synergy: PGXS build of the core extension and synergy_postgis.
#   make && make install && make installcheck     (against a running server)
#   make check-core                                (numeric core unit tests, no server)
EXTENSION    = synergy synergy_postgis
EXTVERSION   = 0.1.0

MODULE_big   = synergy
CORE_OBJS    = $(patsubst %.c,%.o,$(sort $(wildcard src/core/*.c)))
GLUE_OBJS    = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
OBJS         = $(CORE_OBJS) $(GLUE_OBJS)

DATA_built   = synergy--$(EXTVERSION).sql synergy_postgis--$(EXTVERSION).sql
EXTRA_CLEAN  = test/core/test_core test/core/test_factor

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
# same bits on every machine, x86-64 or arm64.
$(CORE_OBJS): PG_CFLAGS += -O3 -ffp-contract=off

# The install scripts are assembled from small per-feature files, in name order.
synergy--$(EXTVERSION).sql: $(sort $(wildcard src/sql/synergy/*.sql))
	cat $^ > $@

synergy_postgis--$(EXTVERSION).sql: $(sort $(wildcard src/sql/synergy_postgis/*.sql))
	cat $^ > $@

# Numeric core unit tests: plain C, no PostgreSQL server or headers.
CORE_TEST_CFLAGS = -O2 -g -std=c99 -ffp-contract=off -Wall -Wextra -Werror -Isrc/core
CORE_TEST_LIBS   = -llapacke -llapack -lblas -lm
test/core/test_core: test/core/test_core.c $(wildcard src/core/*.c) $(wildcard src/core/*.h)
	$(CC) $(CORE_TEST_CFLAGS) -o $@ test/core/test_core.c $(sort $(wildcard src/core/*.c)) $(CORE_TEST_LIBS)

# factor analysis and gravity (src/core/factor.c, gravity.c)
test/core/test_factor: test/core/test_factor.c $(wildcard src/core/*.c) $(wildcard src/core/*.h)
	$(CC) $(CORE_TEST_CFLAGS) -o $@ test/core/test_factor.c $(sort $(wildcard src/core/*.c)) $(CORE_TEST_LIBS)

check-core: test/core/test_core test/core/test_factor
	test/core/test_core
	test/core/test_factor

.PHONY: check-core

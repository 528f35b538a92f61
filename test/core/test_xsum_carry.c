/*
 * test_xsum_carry.c - test_xsum.c again with carries propagated every 3
 * additions (the inline sy_xsum_add of this program; the core's own .c
 * files keep the default threshold).
 */
#define SY_XSUM_MAX_PENDING 3
#include "test_xsum.c"

/*
 * test_check.h - the assertion macro and tolerances shared by the numeric
 * core's unit-test programs (one program per test/core/test_*.c).
 */
#ifndef TEST_CHECK_H
#define TEST_CHECK_H

#include <math.h>
#include <stdio.h>

static int	failures = 0;
static int	checks = 0;

#define CHECK(cond, ...) \
	do { \
		checks++; \
		if (!(cond)) { \
			failures++; \
			printf("FAIL %s:%d: ", __FILE__, __LINE__); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

static inline void
check_close(const char *what, double got, double want, double tol)
{
	CHECK(fabs(got - want) <= tol, "%s: got %.17g want %.17g (tol %g)", what, got, want, tol);
}

static inline void
check_rel(const char *what, double got, double want, double rel)
{
	/* exact equality passes too, so want = 0 can be checked */
	CHECK(fabs(got - want) <= rel * fabs(want) || got == want,
		  "%s: got %.17g want %.17g (rel %g)", what, got, want, rel);
}

#endif							/* TEST_CHECK_H */

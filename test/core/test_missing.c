/*
 * test_missing.c - the missing-value policies of impute.c on a small
 * matrix with gaps (NaN), values worked by hand.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "sy_core_missing.h"
#include "test_check.h"

int
main(void)
{
	/* 4 units x 2 indicators; unit 1 misses indicator 0, unit 3 indicator 1 */
	const double base[8] = {1, 10, NAN, 20, 3, 30, 8, NAN};
	double		x[8];
	double		work[4];
	bool		keep[4];
	size_t		bad = 99;

	memcpy(x, base, sizeof x);
	CHECK(sy_missing_apply(x, 4, 2, SY_MISSING_SKIP, keep, work, &bad) == SY_OK, "skip ok");
	CHECK(keep[0] && !keep[1] && keep[2] && !keep[3], "skip leaves out units 1 and 3");
	CHECK(sy_missing_kept(keep, 4) == 2, "two kept");
	CHECK(isnan(x[2]) && isnan(x[7]), "skip leaves the matrix alone");

	memcpy(x, base, sizeof x);
	CHECK(sy_missing_apply(x, 4, 2, SY_MISSING_MEAN, keep, work, &bad) == SY_OK, "mean ok");
	check_close("mean of 1, 3, 8", x[2], 4.0, 0);
	check_close("mean of 10, 20, 30", x[7], 20.0, 0);
	CHECK(keep[1] && keep[3], "imputation keeps every unit");

	memcpy(x, base, sizeof x);
	CHECK(sy_missing_apply(x, 4, 2, SY_MISSING_MEDIAN, NULL, work, &bad) == SY_OK, "median ok");
	check_close("median of 1, 3, 8", x[2], 3.0, 0);
	check_close("median of 10, 20, 30", x[7], 20.0, 0);

	/* an even count takes the midpoint; a column with nothing observed fails */
	{
		double		y[6] = {NAN, 2, NAN, 4, NAN, NAN};

		CHECK(sy_missing_apply(y, 3, 2, SY_MISSING_MEDIAN, NULL, work, &bad) == SY_UNDEFINED,
			  "all-missing column is undefined");
		CHECK(bad == 0, "bad column is 0, got %zu", bad);
	}
	{
		double		y[4] = {1, NAN, 4, NAN};
		double		z[4] = {7, 1, NAN, 2};

		CHECK(sy_missing_apply(y, 4, 1, SY_MISSING_MEDIAN, NULL, work, &bad) == SY_OK, "even median");
		check_close("median of 1, 4", y[1], 2.5, 0);
		CHECK(sy_missing_apply(z, 4, 1, SY_MISSING_ERROR, keep, work, &bad) == SY_OK
			  && isnan(z[2]), "error policy leaves the matrix alone");
	}
	/* the mean is exact for values whose naive sum rounds */
	{
		double		y[4] = {0.1, 0.2, NAN, 0.3};

		sy_missing_apply(y, 4, 1, SY_MISSING_MEAN, NULL, work, &bad);
		check_close("mean of 0.1, 0.2, 0.3", y[2], 0.2, 3e-17);
	}
	CHECK(strcmp(sy_missing_names[SY_MISSING_MEDIAN], "median") == 0, "names");

	printf("test_missing: %d checks, %d failures\n", checks, failures);
	return failures != 0;
}

/*
 * test_factor.c - unit tests of factor analysis and the gravity model in
 * the numeric core (src/core/factor.c, gravity.c), no server.
 *
 * Factor analysis is checked by the properties that define it, on
 * pseudo-random data: R = V L V', orthonormal eigenvectors, communalities
 * kept by the rotation, the varimax criterion at a stationary point,
 * regression scores of principal components with unit variance and no
 * correlation.  Chi-square tails and gravity values are hand-checked.
 * Values from R are in the pgTAP tests (test/pgtap/60_factor.sql).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sy_core_factor.h"
#include "sy_core_spatial.h"
#include "test_check.h"

static uint64_t rng_state = 777;

static double
urand(void)
{
	uint64_t	z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	z ^= z >> 31;
	return (double) (z >> 11) / 9007199254740992.0;
}

/* n rows of p indicators driven by 2 latent factors plus noise */
static double *
latent_data(size_t n, size_t p, double offset)
{
	double	   *x = malloc(sizeof(double) * n * p);

	for (size_t i = 0; i < n; i++)
	{
		double		f1 = urand() - 0.5,
					f2 = urand() - 0.5;

		for (size_t j = 0; j < p; j++)
			x[i * p + j] = offset + (j % 2 ? f1 : f2) * (1.0 + j) + 0.3 * (urand() - 0.5);
	}
	return x;
}

static double
varimax_criterion(const double *a, const double *comm, size_t p, size_t k)
{
	double		v = 0.0;

	for (size_t j = 0; j < k; j++)
	{
		double		s2 = 0.0,
					s4 = 0.0;

		for (size_t i = 0; i < p; i++)
		{
			double		b = a[i * k + j] / sqrt(comm[i]);

			s2 += b * b;
			s4 += b * b * b * b;
		}
		v += s4 - s2 * s2 / (double) p;
	}
	return v;
}

static void
test_factor_properties(double offset)
{
	size_t		n = 200,
				p = 6;
	double	   *x = latent_data(n, p, offset);
	double	   *space = malloc(sizeof(double) * sy_factor_doubles(p));
	double	   *r = malloc(sizeof(double) * p * p);
	double	   *r0 = malloc(sizeof(double) * p * p);
	double		mean[6],
				sd[6],
				work[512];
	size_t		bad = 99,
				k;
	sy_factor	f;
	sy_status	rc;

	rc = sy_correlation(x, n, p, mean, sd, r, &bad, NULL);
	CHECK(rc == SY_OK, "sy_correlation status %d", rc);
	memcpy(r0, r, sizeof(double) * p * p);
	sy_factor_init(&f, p, space);
	rc = sy_factor_eigen(&f, r, (double) n);
	CHECK(rc == SY_OK, "eigen status %d", rc);
	/* R = V L V' and V'V = I */
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++)
		{
			double		s = 0.0,
						o = 0.0;

			for (size_t l = 0; l < p; l++)
			{
				s += f.eigenvectors[i * p + l] * f.eigenvalues[l] * f.eigenvectors[j * p + l];
				o += f.eigenvectors[l * p + i] * f.eigenvectors[l * p + j];
			}
			check_close("V L V' = R", s, r0[i * p + j], 1e-13);
			check_close("V'V = I", o, i == j ? 1.0 : 0.0, 1e-13);
		}
	for (size_t j = 0; j + 1 < p; j++)
		CHECK(f.eigenvalues[j] >= f.eigenvalues[j + 1], "eigenvalues descending at %zu", j);
	for (size_t j = 0; j < p; j++)
	{
		double		s = 0.0;

		for (size_t i = 0; i < p; i++)
			s += f.eigenvectors[i * p + j];
		CHECK(s > 0.0, "eigenvector %zu sums to %g, not positive", j, s);
	}
	CHECK(!f.singular, "not singular");
	CHECK(f.kmo > 0.0 && f.kmo < 1.0, "KMO %g in (0, 1)", f.kmo);
	CHECK(f.bartlett_p >= 0.0 && f.bartlett_p < 1e-10, "Bartlett p %g tiny", f.bartlett_p);
	k = sy_factor_count(&f, 0);
	CHECK(k == 2, "Kaiser keeps %zu factors, expected 2", k);
	/* the default is R's stats::varimax: on the first data set (two tight
	 * clusters of rows) it runs its 1000 iterations, and R (4.2,
	 * stats::varimax on the same normalized loadings) returns these rows, up
	 * to column order and sign */
	sy_factor_finish(&f, k, SY_ROTATE_VARIMAX, work, NULL);
	CHECK(f.iterations > 0 && f.iterations <= 1000, "varimax iterations %d", f.iterations);
	if (offset == 0.0)
	{
		const double r_rows[6][2] = {{0.2055547, 0.9786456}, {0.9903956, 0.1382629}, {0.1672369, 0.9859167},
		{0.9904101, 0.1381590}, {0.1903827, 0.9817099}, {0.9890280, 0.1477283}};

		for (size_t i = 0; i < p; i++)
		{
			double		h = sqrt(f.communality[i]);
			double		a = fabs(f.rotated[i * k] / h),
						b = fabs(f.rotated[i * k + 1] / h);

			check_close("stats::varimax row, smaller", fmin(a, b), fmin(r_rows[i][0], r_rows[i][1]), 2e-7);
			check_close("stats::varimax row, larger", fmax(a, b), fmax(r_rows[i][0], r_rows[i][1]), 2e-7);
		}
	}
	sy_factor_finish(&f, k, SY_ROTATE_VARIMAX_CONVERGED, work, NULL);
	CHECK(f.iterations > 0 && f.iterations < 1000, "varimax sweeps %d", f.iterations);
	/* rotation keeps communalities; the criterion is at a maximum along
	 * the plane rotation (small angles either way lower it) */
	for (size_t i = 0; i < p; i++)
	{
		double		c = 0.0;

		for (size_t j = 0; j < k; j++)
			c += f.rotated[i * k + j] * f.rotated[i * k + j];
		check_close("communality kept by rotation", c, f.communality[i], 1e-13);
	}
	{
		double		v0 = varimax_criterion(f.rotated, f.communality, p, k);
		double		tmp[12];

		for (int sgn = -1; sgn <= 1; sgn += 2)
		{
			double		c = cos(sgn * 1e-3),
						s = sin(sgn * 1e-3);

			for (size_t i = 0; i < p; i++)
			{
				tmp[i * 2] = f.rotated[i * 2] * c + f.rotated[i * 2 + 1] * s;
				tmp[i * 2 + 1] = -f.rotated[i * 2] * s + f.rotated[i * 2 + 1] * c;
			}
			CHECK(varimax_criterion(tmp, f.communality, p, k) < v0, "varimax is a maximum");
		}
		CHECK(v0 > varimax_criterion(f.loadings, f.communality, p, k), "varimax beats unrotated");
	}
	CHECK(f.ss_rotated[0] >= f.ss_rotated[1], "rotated factors sorted by variance");
	/* regression scores: unit variance, uncorrelated, mean 0 */
	{
		double		cov[4] = {0, 0, 0, 0},
					mu[2] = {0, 0};

		for (size_t i = 0; i < n; i++)
		{
			double		fs[2] = {0, 0};

			for (size_t c = 0; c < k; c++)
				for (size_t j = 0; j < p; j++)
					fs[c] += (x[i * p + j] - mean[j]) / sd[j] * f.coef[j * k + c];
			for (size_t a = 0; a < 2; a++)
			{
				mu[a] += fs[a];
				for (size_t b = 0; b < 2; b++)
					cov[a * 2 + b] += fs[a] * fs[b];
			}
		}
		for (size_t a = 0; a < 2; a++)
		{
			/* a mean near 1e8 is itself only known to its ulp, 1.5e-8 */
			check_close("score mean 0", mu[a] / n, 0.0, offset > 0 ? 1e-8 : 1e-12);
			for (size_t b = 0; b < 2; b++)
				check_close("score covariance I", cov[a * 2 + b] / (n - 1), a == b ? 1.0 : 0.0, 1e-12);
		}
	}
	free(x);
	free(space);
	free(r);
	free(r0);
}

static void
test_degenerate(void)
{
	/* two identical indicators and a third: singular, KMO undefined,
	 * scores still defined */
	double		x[] = {1, 1, 5, 2, 2, 3, 4, 4, 4, 3, 3, 1, 7, 7, 2};
	size_t		n = 5,
				p = 3,
				bad = 99;
	double		mean[4],
				sd[4],
				r[16],
				work[512];
	double	   *space = malloc(sizeof(double) * sy_factor_doubles(p));
	sy_factor	f;
	double		cst[] = {1, 2, 1, 3, 1, 4};

	CHECK(sy_correlation(x, n, p, mean, sd, r, &bad, NULL) == SY_OK, "correlation");
	sy_factor_init(&f, p, space);
	CHECK(sy_factor_eigen(&f, r, (double) n) == SY_OK, "eigen");
	CHECK(f.singular, "perfectly correlated indicators: singular");
	CHECK(isnan(f.kmo) && isnan(f.bartlett_chi2) && isinf(f.log_det), "KMO and Bartlett undefined");
	CHECK(sy_factor_count(&f, 3) == 0, "a third factor has eigenvalue 0");
	CHECK(sy_factor_count(&f, 2) == 2, "two factors are fine");
	sy_factor_finish(&f, 2, SY_ROTATE_VARIMAX, work, NULL);
	for (size_t i = 0; i < p * 2; i++)
		CHECK(isfinite(f.coef[i]), "finite coefficient %zu", i);
	/* a constant indicator */
	CHECK(sy_correlation(cst, 3, 2, mean, sd, r, &bad, NULL) == SY_EDOMAIN && bad == 0,
		  "constant indicator 1 reported");
	CHECK(sy_correlation(cst, 1, 2, mean, sd, r, &bad, NULL) == SY_UNDEFINED, "one row undefined");
	{
		/* found by the fuzzer: an indicator varying by 3e-161 has subnormal
		 * squares; its correlations were noise and communalities exceeded 1 */
		const double tiny[6] = {1.0, -3.4135843875307579e-161, 2.0, 0.0, 7.0, 0.0};

		bad = 99;
		CHECK(sy_correlation(tiny, 3, 2, mean, sd, r, &bad, NULL) == SY_EDOMAIN && bad == 1,
			  "an indicator with subnormal squares is refused");
	}
	/* an indicator varying only by 1e-161 (the fuzzer's case): its sum of
	 * squares is subnormal, so it counts as underflowed, not as a
	 * correlation that would make R indefinite */
	{
		double		tiny[] = {7, 5e107, 1e-161, 20.75, 0, 0, 0, 0, 0, 0, 0, 0};

		bad = 99;
		CHECK(sy_correlation(tiny, 3, 4, mean, sd, r, &bad, NULL) == SY_EDOMAIN && bad == 2,
			  "subnormal sum of squares reported (bad = %zu)", bad);
	}
	free(space);
}

static void
test_chisq(void)
{
	/* R: pchisq(q, df, lower.tail = FALSE) */
	check_close("chisq 3.841458820694124 df 1", sy_chisq_upper(3.841458820694124, 1), 0.05, 1e-14);
	check_close("chisq 10 df 5", sy_chisq_upper(10, 5), 0.07523524614651217, 1e-14);
	check_close("chisq 1 df 10", sy_chisq_upper(1, 10), 0.99982788437004, 1e-13);
	CHECK(fabs(sy_chisq_upper(200, 3) / 4.2185411071920418e-43 - 1) < 1e-10, "chisq 200 df 3: %g",
		  sy_chisq_upper(200, 3));
	check_close("chisq 0", sy_chisq_upper(0, 4), 1.0, 0);
}

static void
test_gravity(void)
{
	double		q[] = {4, 1, 2};
	double		d0[] = {0, 2, 4};
	double		t[3];
	long		best;
	double		total;

	check_close("T = 2 * 3 / 10^2", sy_gravity(2, 3, 10, 1, 1, 1, 2), 0.06, 1e-16);
	check_close("T with exponents", sy_gravity(4, 9, 2, 2, 0.5, 0.5, 1), 6.0, 1e-15);
	total = sy_gravity_row(q, NULL, 3, 0, d0, 1, 1, 1, 2, t, &best);
	check_close("T01", t[1], 1.0, 0);
	check_close("T02", t[2], 0.5, 0);
	check_close("total", total, 1.5, 0);
	CHECK(best == 1, "strongest partner of city 0 is 1, got %ld", best);
	/* directional k_ij = q_i / (q_i + q_j) */
	total = sy_gravity_row(q, q, 3, 0, d0, 1, 1, 1, 2, t, &best);
	check_close("k01 T01", t[1], 0.8, 1e-16);
	check_close("k02 T02", t[2], 0.5 * 4.0 / 6.0, 1e-16);
	/* Wuhan - Changsha, about 300 km */
	check_close("haversine 1 degree of latitude", sy_haversine_km(114, 30, 114, 31), 111.19508, 1e-4);
	check_close("haversine same point", sy_haversine_km(114, 30, 114, 30), 0.0, 0);
}

/* Shares, cumulative sums, scores and the composite, the shift; masses. */
static void
test_scores(void)
{
	double		v[3] = {2.0, 1.0, 1.0},
				share[3],
				cum[3];
	/* 3 rows, p = 2 indicators, k = 2 factors */
	double		x[6] = {1.0, 10.0, 2.0, 20.0, 3.0, 60.0};
	double		mean[2] = {2.0, 30.0},
				sd[2] = {1.0, 10.0};
	double		coef[4] = {1.0, 0.5, 0.0, 2.0};	/* p x k */
	double		weight[2] = {0.75, 0.25};
	double		z[2],
				scores[6],
				comp[3];
	double		want_s[6], want_c[3];

	sy_shares(v, 3, share);
	CHECK(share[0] == 0.5 && share[1] == 0.25 && share[2] == 0.25, "shares");
	sy_cumulative(v, 3, cum);
	CHECK(cum[0] == 2.0 && cum[1] == 3.0 && cum[2] == 4.0, "cumulative");

	sy_factor_scores(x, 3, 2, 2, mean, sd, coef, weight, z, scores, comp, NULL);
	for (int i = 0; i < 3; i++)
	{
		double		z0 = (x[2 * i] - mean[0]) / sd[0],
					z1 = (x[2 * i + 1] - mean[1]) / sd[1];

		want_s[2 * i] = z0 * 1.0 + z1 * 0.0;
		want_s[2 * i + 1] = z0 * 0.5 + z1 * 2.0;
		want_c[i] = 0.75 * want_s[2 * i] + 0.25 * want_s[2 * i + 1];
	}
	for (int i = 0; i < 6; i++)
		check_close("score", scores[i], want_s[i], 1e-15);
	for (int i = 0; i < 3; i++)
		check_close("composite", comp[i], want_c[i], 1e-15);
	/* row 1: z = (-1, -2), scores (-1, -4.5), composite -1.875 */
	CHECK(scores[0] == -1.0 && scores[1] == -4.5 && comp[0] == -1.875, "row 1 exactly");

	sy_shift_to_min(comp, 3, 0.5);
	CHECK(comp[0] == 0.5, "the weakest row gets the shift: %g", comp[0]);
	for (int i = 0; i < 3; i++)
		CHECK(comp[i] >= 0.5, "shifted composite %d >= shift", i);

	CHECK(sy_gravity_mass(4.0, 9.0) == 6.0, "mass sqrt(4) sqrt(9)");
	CHECK(isfinite(sy_gravity_mass(1e300, 1e300)), "mass does not overflow");
	CHECK(sy_gravity_coefficient(1.0, 3.0) == 0.25, "coefficient 1 / (1 + 3)");
	CHECK(sy_gravity_coefficient(1e308, 1e308) == 0.5, "coefficient without overflow");
}

int
main(void)
{
	test_factor_properties(0.0);
	test_factor_properties(1e8);	/* far from zero: two-pass moments */
	test_degenerate();
	test_chisq();
	test_gravity();
	test_scores();
	printf("test_factor: %d checks, %d failures\n", checks, failures);
	return failures ? 1 : 0;
}

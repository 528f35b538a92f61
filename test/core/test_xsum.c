/*
 * test_xsum.c - unit tests of exact summation (sy_exact_sum.h) and of the
 * bounded entropy weights (sy_entropy_bounded.h), no server.
 *
 * Exact sums are checked against IEEE arithmetic where it is exact or
 * correctly rounded (a + b, N x), and against an independent exact sum
 * (Shewchuk's non-overlapping partials, rounded as Python's math.fsum
 * does).  The bounded entropy is checked against the row-keeping form
 * (sy_entropy_weights) with the data's own ranges.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sy_exact_sum.h"
#include "sy_entropy_bounded.h"
#include "sy_core.h"
#include "test_check.h"

static uint64_t rng_state = 424242;

static uint64_t
rand64(void)
{
	uint64_t	z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double
urand(void)
{
	return (double) (rand64() >> 11) / 9007199254740992.0;
}

/* any finite double, exponents spread evenly, now and then a subnormal or zero */
static double
any_double(int maxexp)
{
	uint64_t	r = rand64();
	int			kind = (int) (r % 16);
	double		v;

	if (kind == 0)
		v = (double) (rand64() >> 12) * 4.9406564584124654e-324;	/* subnormal */
	else if (kind == 1)
		v = 0.0;
	else
		v = ldexp(1.0 + urand(), (int) (rand64() % (uint64_t) (2 * maxexp + 1)) - maxexp);
	return (rand64() & 1) ? -v : v;
}

static void
shuffle(double *x, size_t n)
{
	for (size_t i = n; i > 1; i--)
	{
		size_t		k = (size_t) (rand64() % i);
		double		t = x[i - 1];

		x[i - 1] = x[k];
		x[k] = t;
	}
}

/* Independent exact sum, correctly rounded: math.fsum's algorithm (no overflow in the data here). */
static double
fsum_ref(const double *x, size_t n)
{
	double	   *part = malloc(sizeof(double) * (n + 1));
	size_t		np = 0;
	double		hi = 0.0,
				lo = 0.0;

	for (size_t i = 0; i < n; i++)
	{
		double		v = x[i];
		size_t		k = 0;

		for (size_t j = 0; j < np; j++)
		{
			double		y = part[j];
			double		h,
						l;

			if (fabs(v) < fabs(y))
			{
				double		t = v;

				v = y;
				y = t;
			}
			h = v + y;
			l = y - (h - v);
			if (l != 0.0)
				part[k++] = l;
			v = h;
		}
		np = k;
		part[np++] = v;
	}
	if (np > 0)
	{
		size_t		k = np - 1;

		hi = part[k];
		while (k > 0)
		{
			double		v = hi,
						y = part[--k];

			hi = v + y;
			lo = y - (hi - v);
			if (lo != 0.0)
				break;
		}
		/* half-way case: the next partial decides */
		if (k > 0 && ((lo < 0.0 && part[k - 1] < 0.0) || (lo > 0.0 && part[k - 1] > 0.0)))
		{
			double		y = lo * 2.0,
						v = hi + y;

			if (y == v - hi)
				hi = v;
		}
	}
	free(part);
	return hi;
}

static double
xsum_of(const double *x, size_t n)
{
	sy_xsum		s;

	sy_xsum_init(&s);
	for (size_t i = 0; i < n; i++)
		sy_xsum_add(&s, x[i]);
	return sy_xsum_value(&s);
}

static bool
same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

/* merge the accumulators parts[lo..hi) in a random tree into parts[lo] */
static void
merge_tree(sy_xsum *parts, size_t lo, size_t hi)
{
	size_t		mid;

	if (hi - lo < 2)
		return;
	mid = lo + 1 + (size_t) (rand64() % (hi - lo - 1));
	merge_tree(parts, lo, mid);
	merge_tree(parts, mid, hi);
	sy_xsum_merge(&parts[lo], &parts[mid]);
}

static void
test_xsum_exact(void)
{
	double		tiny = 4.9406564584124654e-324;

	{
		double		x[] = {1e308, 1.0, -1e308};

		CHECK(xsum_of(x, 3) == 1.0, "1e308 + 1 - 1e308 = %g", xsum_of(x, 3));
	}
	{
		double		x[] = {DBL_MAX, DBL_MAX, -DBL_MAX};

		CHECK(xsum_of(x, 3) == DBL_MAX, "DBL_MAX + DBL_MAX - DBL_MAX");
		CHECK(isinf(xsum_of(x, 2)) && xsum_of(x, 2) > 0, "DBL_MAX + DBL_MAX overflows to +Inf");
		x[0] = x[1] = -DBL_MAX;
		CHECK(isinf(xsum_of(x, 2)) && xsum_of(x, 2) < 0, "-DBL_MAX - DBL_MAX is -Inf");
	}
	{
		double		x[] = {tiny, tiny, tiny, -tiny, DBL_MIN, -0.0, 0.0};

		CHECK(xsum_of(x, 4) == 2 * tiny, "subnormals add exactly");
		CHECK(xsum_of(x, 5) == DBL_MIN + 2 * tiny, "subnormals and DBL_MIN");
		CHECK(xsum_of(x + 5, 2) == 0.0, "-0 + 0");
		CHECK(xsum_of(x + 5, 1) == 0.0, "-0");
		CHECK(xsum_of(x, 0) == 0.0, "empty sum");
	}
	{
		/* 2^20 ulps of 1 lost naively: 1 + 2^20 times 2^-53 */
		size_t		n = (1 << 20) + 1;
		double	   *x = malloc(sizeof(double) * n);
		double		naive = 0.0;

		x[0] = 1.0;
		for (size_t i = 1; i < n; i++)
			x[i] = 0x1p-53;
		for (size_t i = 0; i < n; i++)
			naive += x[i];
		CHECK(naive == 1.0, "the naive sum loses them (%.17g)", naive);
		CHECK(xsum_of(x, n) == 1.0 + 0x1p-33, "many tiny + one huge: %.17g", xsum_of(x, n));
		free(x);
	}
	/* two addends: the correctly rounded sum is IEEE a + b */
	for (int i = 0; i < 200000; i++)
	{
		double		x[2] = {any_double(1000), any_double(i % 2 ? 1000 : 60)};

		if (i % 4 == 0)
			x[1] = ldexp(x[0], -(int) (rand64() % 60)) * (rand64() & 1 ? 1 : -1);
		CHECK(same_bits(xsum_of(x, 2), x[0] + x[1]) || (x[0] + x[1] == 0.0 && xsum_of(x, 2) == 0.0),
			  "a + b: %a + %a = %a, xsum %a", x[0], x[1], x[0] + x[1], xsum_of(x, 2));
		if (failures)
			return;
	}
	/* N times the same value: the correctly rounded product */
	for (int i = 0; i < 2000; i++)
	{
		double		v = any_double(900);
		size_t		n = 1 + (size_t) (rand64() % 3000);
		sy_xsum		s;

		sy_xsum_init(&s);
		for (size_t k = 0; k < n; k++)
			sy_xsum_add(&s, v);
		CHECK(sy_xsum_value(&s) == (double) n * v, "%zu x %a", n, v);
	}
	/* random sets against the independent exact sum */
	for (int rep = 0; rep < 300; rep++)
	{
		size_t		n = 1 + (size_t) (rand64() % 500);
		double	   *x = malloc(sizeof(double) * n);
		int			maxexp = rep % 3 == 0 ? 30 : (rep % 3 == 1 ? 300 : 1000);

		for (size_t i = 0; i < n; i++)
			x[i] = any_double(maxexp);
		if (maxexp == 1000)
			for (size_t i = 0; i < n; i++)
				x[i] = ldexp(x[i], -24);	/* no overflow in the reference */
		CHECK(same_bits(xsum_of(x, n), fsum_ref(x, n)) || (xsum_of(x, n) == 0.0 && fsum_ref(x, n) == 0.0),
			  "random set %d: xsum %a fsum %a", rep, xsum_of(x, n), fsum_ref(x, n));
		free(x);
	}
	/* cancellation to exactly 0: values and their negatives, shuffled */
	for (int rep = 0; rep < 50; rep++)
	{
		size_t		n = 2 * (1 + (size_t) (rand64() % 1000));
		double	   *x = malloc(sizeof(double) * n);
		sy_xsum		s,
					zero;

		for (size_t i = 0; i < n / 2; i++)
		{
			x[2 * i] = any_double(1000);
			x[2 * i + 1] = -x[2 * i];
		}
		shuffle(x, n);
		sy_xsum_init(&s);
		sy_xsum_init(&zero);
		for (size_t i = 0; i < n; i++)
			sy_xsum_add(&s, x[i]);
		sy_xsum_normalize(&s);
		CHECK(memcmp(&s, &zero, sizeof(s)) == 0 && sy_xsum_value(&s) == 0.0, "cancellation to 0, rep %d", rep);
		free(x);
	}
}

/* permutations and random merge trees give the same bytes and bits */
static void
test_xsum_order(void)
{
	for (int rep = 0; rep < 60; rep++)
	{
		size_t		n = 1 + (size_t) (rand64() % 5000);
		double	   *x = malloc(sizeof(double) * n);
		sy_xsum		first;
		double		v0;

		for (size_t i = 0; i < n; i++)
			x[i] = rep % 2 ? any_double(1020) : any_double(20) * 1e-3;
		sy_xsum_init(&first);
		for (size_t i = 0; i < n; i++)
			sy_xsum_add(&first, x[i]);
		sy_xsum_normalize(&first);
		CHECK(sy_xsum_valid(&first), "normalized is valid");
		v0 = sy_xsum_value(&first);
		for (int perm = 0; perm < 5; perm++)
		{
			size_t		nparts = 1 + (size_t) (rand64() % 40);
			sy_xsum    *parts = malloc(sizeof(sy_xsum) * nparts);

			shuffle(x, n);
			for (size_t p = 0; p < nparts; p++)
				sy_xsum_init(&parts[p]);
			for (size_t i = 0; i < n; i++)
				sy_xsum_add(&parts[rand64() % nparts], x[i]);
			merge_tree(parts, 0, nparts);
			CHECK(same_bits(sy_xsum_value(&parts[0]), v0), "value before normalizing");
			sy_xsum_normalize(&parts[0]);
			CHECK(memcmp(&parts[0], &first, sizeof(first)) == 0, "same bytes, rep %d perm %d", rep, perm);
			free(parts);
		}
		free(x);
	}

	/* compact storage: the span holds every nonzero chunk */
	for (int rep = 0; rep < 200; rep++)
	{
		sy_xsum		s,
					r;
		int			first,
					count;
		size_t		n = (size_t) (rand64() % 4);

		sy_xsum_init(&s);
		for (size_t i = 0; i < n; i++)
			sy_xsum_add(&s, any_double(rep % 2 ? 1000 : 10));
		sy_xsum_normalize(&s);
		sy_xsum_span(&s, &first, &count);
		CHECK(first >= 0 && count >= 0 && first + count <= SY_XSUM_CHUNKS, "span in range");
		sy_xsum_init(&r);
		memcpy(r.chunk + first, s.chunk + first, sizeof(int64_t) * (size_t) count);
		CHECK(memcmp(&r, &s, sizeof(s)) == 0, "span restores the accumulator");
		CHECK(count == 0 || (s.chunk[first] != 0 && s.chunk[first + count - 1] != 0), "span is tight");
		CHECK((count == 0) == (sy_xsum_value(&s) == 0.0), "empty span iff zero");
	}

	/* validity of states read from outside */
	{
		sy_xsum		s;

		sy_xsum_init(&s);
		CHECK(sy_xsum_valid(&s), "zero is valid");
		sy_xsum_add(&s, -3.5);
		CHECK(!sy_xsum_valid(&s), "pending additions are not valid");
		sy_xsum_normalize(&s);
		CHECK(sy_xsum_valid(&s) && sy_xsum_value(&s) == -3.5, "-3.5 valid after normalize");
		s.chunk[3] = -1;
		CHECK(!sy_xsum_valid(&s), "negative low chunk");
		s.chunk[3] = INT64_C(1) << 32;
		CHECK(!sy_xsum_valid(&s), "low chunk 2^32");
		s.chunk[3] = 0;
		s.chunk[SY_XSUM_CHUNKS - 1] = SY_XSUM_TOP_MAX + 1;
		CHECK(!sy_xsum_valid(&s), "top chunk too large");
	}
}

/*
 * The carry path: SY_XSUM_MAX_PENDING + 10 additions of one adversarial
 * value (its high part near 2^52, its low part near 2^32, so that the high
 * chunk nears -2^62 just before the threshold; -fsanitize=undefined catches
 * an overflow) at the default threshold; test_xsum_carry.c
 * compiles this file again with a threshold of 3, where every few additions
 * normalize.
 */
static void
test_xsum_many(void)
{
	double		v = -ldexp(9007199254740991.0, 31 + 32 * 20 - 1074);
	int64_t		n = SY_XSUM_MAX_PENDING + 10;
	sy_xsum		s;
	clock_t		t0 = clock();

	sy_xsum_init(&s);
	for (int64_t i = 0; i < n; i++)
		sy_xsum_add(&s, v);
	CHECK(s.pending == n % SY_XSUM_MAX_PENDING, "carries propagated at the threshold (pending %lld)", (long long) s.pending);
	CHECK(sy_xsum_value(&s) == (double) n * v, "%lld additions: %a want %a",
		  (long long) n, sy_xsum_value(&s), (double) n * v);
	/* and back to 0 */
	for (int64_t i = 0; i < n && n < 100000; i++)
		sy_xsum_add(&s, -v);
	sy_xsum_normalize(&s);
	CHECK(n >= 100000 || (sy_xsum_value(&s) == 0.0 && s.chunk[SY_XSUM_CHUNKS - 1] == 0), "and back to 0");
	printf("  (%lld additions of one value in %.2f s)\n", (long long) n,
		   (double) (clock() - t0) / CLOCKS_PER_SEC);
}

/* ---- bounded entropy ---- */

typedef struct Bounded
{
	sy_entropy_bounded st;
	void	   *mem;
} Bounded;

static void
bounded_new(Bounded *b, size_t m, const double *lo, const double *hi, const int *dir, double shift)
{
	b->mem = malloc(sy_entropy_bounded_bytes(m));
	sy_entropy_bounded_init(&b->st, m, lo, hi, dir, shift, b->mem);
}

static void
column_ranges(const double *x, size_t n, size_t m, double *lo, double *hi)
{
	sy_range_init(m, lo, hi);
	sy_range_update(x, n, m, lo, hi);
}

/* values over several orders of magnitude, per column a different spread */
static void
realistic(double *x, size_t n, size_t m)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m; j++)
		{
			double		u = urand();

			switch (j % 4)
			{
				case 0:
					x[i * m + j] = exp(u * 9.0 * log(10.0)) * 1e3;	/* 1e3 .. 1e12, log-uniform */
					break;
				case 1:
					x[i * m + j] = 50.0 + 10.0 * (u - 0.5);	/* narrow */
					break;
				case 2:
					x[i * m + j] = u * u * u * 1e-4;	/* skewed, tiny */
					break;
				default:
					x[i * m + j] = -1e6 + 2e6 * u;
					break;
			}
		}
}

static void
test_bounded_vs_rows(void)
{
	double		worst = 0.0;

	for (int rep = 0; rep < 40; rep++)
	{
		size_t		n = rep < 10 ? 2 + (size_t) rep : 100 + (size_t) (rand64() % 20000);
		size_t		m = 1 + (size_t) (rand64() % (rep < 30 ? 12 : 200));
		double		shift = rep % 3 == 0 ? 0.0 : (rep % 3 == 1 ? 1e-4 : 0.5);
		double	   *x = malloc(sizeof(double) * n * m);
		double	   *lo = malloc(sizeof(double) * m),
				   *hi = malloc(sizeof(double) * m);
		double	   *work = malloc(sizeof(double) * 4 * m);
		double	   *e0 = malloc(sizeof(double) * m),
				   *d0 = malloc(sizeof(double) * m),
				   *w0 = malloc(sizeof(double) * m),
				   *e1 = malloc(sizeof(double) * m),
				   *d1 = malloc(sizeof(double) * m),
				   *w1 = malloc(sizeof(double) * m);
		int		   *dir = malloc(sizeof(int) * m);
		Bounded		b;
		bool		ok0,
					ok1;

		realistic(x, n, m);
		for (size_t j = 0; j < m; j++)
			dir[j] = (rand64() & 1) ? SY_COST : SY_BENEFIT;
		if (rep % 5 == 4)
			for (size_t i = 0; i < n; i++)
				x[i * m] = 42.0;	/* a constant column */
		column_ranges(x, n, m, lo, hi);
		CHECK(sy_entropy_bounds_check(m, lo, hi, NULL) == SY_BOUNDS_OK, "data ranges are valid bounds");
		ok0 = sy_entropy_weights(x, n, m, lo, hi, dir, shift, work, e0, d0, w0) == SY_OK;
		bounded_new(&b, m, lo, hi, dir, shift);
		for (size_t i = 0; i < n; i++)
			CHECK(sy_entropy_bounded_add(&b.st, x + i * m) == -1, "row %zu in bounds", i);
		ok1 = sy_entropy_bounded_result(&b.st, e1, d1, w1);
		CHECK(ok0 == ok1, "defined alike (rep %d)", rep);
		for (size_t j = 0; j < m && !ok0; j++)
			CHECK(isnan(w0[j]) && isnan(w1[j]), "undefined alike: NaN weights");
		for (size_t j = 0; j < m && ok0; j++)
		{
			double		err = fabs(w1[j] - w0[j]);

			if (err > worst)
				worst = err;
			check_close("bounded weight vs rows", w1[j], w0[j], 1e-12);
			check_close("bounded divergence vs rows", d1[j], d0[j], 1e-12);
			check_close("bounded entropy vs rows", e1[j], e0[j], 1e-12);
		}
		if (rep % 5 == 4)
			CHECK(d1[0] == 0.0 && e1[0] == 1.0, "constant column: d = 0 exactly");
		/* the row-keeping form with exact sums, rows in blocks of any size: the bounded form's bits */
		{
			double	   *a = malloc(sizeof(double) * m),
					   *c = malloc(sizeof(double) * m);
			sy_xsum    *sx = malloc(sizeof(sy_xsum) * m),
					   *tx = malloc(sizeof(sy_xsum) * m);
			bool		ok2;

			sy_entropy_coefs(m, lo, hi, dir, a, c);
			for (size_t j = 0; j < m; j++)
			{
				sy_xsum_init(&sx[j]);
				sy_xsum_init(&tx[j]);
			}
			for (size_t i = 0; i < n;)
			{
				size_t		len = 1 + (size_t) (rand64() % 300);

				if (len > n - i)
					len = n - i;
				sy_entropy_accum_block_exact(x + i * m, len, m, a, c, shift, sx, tx);
				i += len;
			}
			ok2 = sy_entropy_finish_exact((int64_t) n, m, lo, hi, sx, tx, e0, d0, w0) == SY_OK;
			CHECK(ok2 == ok1 && memcmp(w0, w1, sizeof(double) * m) == 0 &&
				  memcmp(d0, d1, sizeof(double) * m) == 0 && memcmp(e0, e1, sizeof(double) * m) == 0,
				  "exact row-keeping form: the bounded form's bits (rep %d)", rep);
			free(a);
			free(c);
			free(sx);
			free(tx);
		}
		free(b.mem);
		free(x);
		free(lo);
		free(hi);
		free(work);
		free(e0);
		free(d0);
		free(w0);
		free(e1);
		free(d1);
		free(w1);
		free(dir);
	}
	printf("  (bounded vs row-keeping entropy weights: worst difference %.3g)\n", worst);
}

/* one data set, rows in any order and in any number of merged parts: the same bytes and bits */
static void
test_bounded_order(void)
{
	size_t		n = 3000,
				m = 7;
	double	   *x = malloc(sizeof(double) * n * m);
	double		lo[7],
				hi[7],
				e0[7],
				d0[7],
				w0[7],
				e1[7],
				d1[7],
				w1[7];
	int			dir[7] = {1, -1, 1, -1, 1, 1, -1};
	size_t	   *order = malloc(sizeof(size_t) * n);
	Bounded		whole;

	realistic(x, n, m);
	column_ranges(x, n, m, lo, hi);
	for (size_t j = 0; j < m; j++)
	{
		lo[j] -= fabs(lo[j]) * 0.1;	/* bounds of a standard, wider than the data */
		hi[j] += fabs(hi[j]) * 0.1;
	}
	bounded_new(&whole, m, lo, hi, dir, 0.01);
	for (size_t i = 0; i < n; i++)
		sy_entropy_bounded_add(&whole.st, x + i * m);
	CHECK(sy_entropy_bounded_result(&whole.st, e0, d0, w0), "defined");
	sy_entropy_bounded_normalize(&whole.st);
	CHECK(sy_entropy_bounded_valid(&whole.st), "whole state valid");
	{
		double		wsum = 0.0;

		for (size_t j = 0; j < m; j++)
			wsum += w0[j];
		check_close("weights sum to 1", wsum, 1.0, 1e-15);
	}

	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (int rep = 0; rep < 30; rep++)
	{
		size_t		nparts = 1 + (size_t) (rand64() % 17);
		Bounded    *parts = malloc(sizeof(Bounded) * nparts);

		for (size_t i = n; i > 1; i--)
		{
			size_t		k = (size_t) (rand64() % i),
						t = order[i - 1];

			order[i - 1] = order[k];
			order[k] = t;
		}
		for (size_t p = 0; p < nparts; p++)
			bounded_new(&parts[p], m, lo, hi, dir, 0.01);
		for (size_t i = 0; i < n; i++)
		{
			sy_entropy_bounded *pst = &parts[rand64() % nparts].st;

			/* now and then the next row takes the state's carry path (the
			 * core's threshold, SY_XSUM_PENDING_LIMIT rows since the last
			 * normalization) */
			if (rand64() % 100 == 0)
				pst->pending = SY_XSUM_PENDING_LIMIT - 1;
			sy_entropy_bounded_add(pst, x + order[i] * m);
			CHECK(pst->pending < SY_XSUM_PENDING_LIMIT, "state normalized at its threshold");
		}
		/* merge in a random order into part 0 */
		for (size_t p = nparts - 1; p > 0; p--)
		{
			size_t		q = (size_t) (rand64() % p);

			sy_entropy_bounded_merge(&parts[q].st, &parts[p].st);
		}
		CHECK(sy_entropy_bounded_result(&parts[0].st, e1, d1, w1), "merged defined");
		CHECK(memcmp(w1, w0, sizeof(w0)) == 0 && memcmp(e1, e0, sizeof(e0)) == 0 &&
			  memcmp(d1, d0, sizeof(d0)) == 0, "same bits, rep %d", rep);
		sy_entropy_bounded_normalize(&parts[0].st);
		CHECK(parts[0].st.n == (int64_t) n, "rows counted");
		CHECK(memcmp(parts[0].st.s, whole.st.s, sizeof(sy_xsum) * m) == 0 &&
			  memcmp(parts[0].st.t, whole.st.t, sizeof(sy_xsum) * m) == 0 &&
			  memcmp(parts[0].st.omin, whole.st.omin, sizeof(double) * m) == 0 &&
			  memcmp(parts[0].st.omax, whole.st.omax, sizeof(double) * m) == 0,
			  "same state bytes, rep %d", rep);
		CHECK(sy_entropy_bounded_valid(&parts[0].st), "merged state valid");
		for (size_t p = 0; p < nparts; p++)
			free(parts[p].mem);
		free(parts);
	}
	free(whole.mem);
	free(order);
	free(x);
}

int
main(void)
{
	test_xsum_exact();
	test_xsum_order();
	test_xsum_many();
	test_bounded_vs_rows();
	test_bounded_order();
	printf("%s: %d checks, %d failures\n", failures ? "FAIL" : "ok", checks, failures);
	return failures ? 1 : 0;
}

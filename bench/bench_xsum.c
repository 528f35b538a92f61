/*
 * bench/bench_xsum.c - single-thread cost of the exact sums (src/core/exact_sum.c)
 * and of the bounded entropy's row step (src/core/entropy_bounded.c), in ns per
 * value.  Not a test; the figures go to docs/scale-out.md.  Build and run from the
 * repository root (the same flags as the extension's core objects):
 *
 *   cc -O2 -std=c99 -ffp-contract=off -Isrc/core -o bench/bench_xsum bench/bench_xsum.c \
 *      src/core/[a-z]*.c -llapacke -llapack -lblas -lm && bench/bench_xsum
 *
 * Times are this thread's CPU time (time when other work has the core does not
 * count, so the figures hold on a loaded machine too), each the best of REPS
 * passes:
 *   xsum_add      sy_xsum_add of uniform [0, 1) values into one sum
 *   xsum_add_x25  sy_xsum_add_nocount into 25 sums, one value each in turn
 *                 (the access pattern of a row of 25 indicators), carries
 *                 propagated every SY_XSUM_MAX_PENDING rows
 *   bounded_add   sy_entropy_bounded_add, rows of 25 indicators (bounds check,
 *                 observed range, scores, z ln z, two exact sums per value)
 *   rows_copy     memcpy of the same rows (what copying a row costs)
 * and a checksum so that nothing is optimized away.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sy_entropy_bounded.h"
#include "sy_exact_sum.h"

#define M 25
#define NROWS 200000
#define REPS 15

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* xorshift64*: reproducible uniform doubles in [0, 1) */
static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static double
unif(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (double) ((rng * 0x2545F4914F6CDD1DULL) >> 11) * 0x1.0p-53;
}

int
main(void)
{
	double	   *x = malloc(sizeof(double) * M * NROWS);
	double	   *copy = malloc(sizeof(double) * M * NROWS);
	double		lo[M],
				hi[M],
				check = 0.0;
	double		best[4] = {1e300, 1e300, 1e300, 1e300};
	static sy_xsum sums[M];
	sy_xsum		one;
	void	   *mem = malloc(sy_entropy_bounded_bytes(M));
	sy_entropy_bounded st;
	const size_t nv = (size_t) M * NROWS;

	/* the bench_scale.sh table: indicator k uniform on [0, 100 (k + 1)) */
	for (size_t i = 0; i < NROWS; i++)
		for (int j = 0; j < M; j++)
			x[i * M + j] = (j + 2) * 100 * unif();
	for (int j = 0; j < M; j++)
	{
		lo[j] = 0.0;
		hi[j] = (j + 2) * 100.0;
	}

	for (int r = 0; r < REPS; r++)
	{
		double		t0,
					t;

		sy_xsum_init(&one);
		t0 = now_ns();
		for (size_t i = 0; i < nv; i++)
			sy_xsum_add(&one, x[i] * 0.001);
		t = (now_ns() - t0) / nv;
		best[0] = t < best[0] ? t : best[0];
		check += sy_xsum_value(&one);

		for (int j = 0; j < M; j++)
			sy_xsum_init(&sums[j]);
		t0 = now_ns();
		for (size_t i = 0; i < NROWS; i++)
		{
			for (int j = 0; j < M; j++)
				sy_xsum_add_nocount(&sums[j], x[i * M + j] * 0.001);
			/* the carries, as sy_entropy_bounded_add propagates them */
			if ((i + 1) % SY_XSUM_MAX_PENDING == 0)
				for (int j = 0; j < M; j++)
					sy_xsum_normalize(&sums[j]);
		}
		t = (now_ns() - t0) / nv;
		best[1] = t < best[1] ? t : best[1];
		for (int j = 0; j < M; j++)
		{
			sy_xsum_normalize(&sums[j]);
			check += sy_xsum_value(&sums[j]);
		}

		sy_entropy_bounded_init(&st, M, lo, hi, NULL, 0.0, mem);
		t0 = now_ns();
		for (size_t i = 0; i < NROWS; i++)
			if (sy_entropy_bounded_add(&st, x + i * M) >= 0)
				return 1;
		t = (now_ns() - t0) / nv;
		best[2] = t < best[2] ? t : best[2];
		{
			double		e[M],
						d[M],
						w[M];

			if (!sy_entropy_bounded_result(&st, e, d, w))
				return 1;
			check += w[0];
		}

		t0 = now_ns();
		for (size_t i = 0; i < NROWS; i++)
			memcpy(copy + i * M, x + i * M, sizeof(double) * M);
		t = (now_ns() - t0) / nv;
		best[3] = t < best[3] ? t : best[3];
		check += copy[r];
	}
	printf("xsum_add      %6.2f ns/value\n", best[0]);
	printf("xsum_add_x25  %6.2f ns/value\n", best[1]);
	printf("bounded_add   %6.2f ns/value (rows of %d)\n", best[2], M);
	printf("rows_copy     %6.2f ns/value\n", best[3]);
	printf("checksum      %.17g\n", check);
	free(x);
	free(copy);
	free(mem);
	return 0;
}

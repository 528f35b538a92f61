/*
 * entropy_bounded.c - entropy weights in constant memory (sy_entropy_bounded.h).
 *
 * Each row adds z and z ln z per indicator to exact sums; the result rounds
 * S and T once each and finishes exactly as the row-keeping form does
 * (sy_entropy_finish), with the observed ranges deciding which columns do
 * not vary.
 *
 * Precision.  S and T are the exact sums of the terms rounded once (half
 * an ulp each), and each term z ln z carries the error of sy_log (a few
 * 1e-16 absolute) times z, so |T - T*| <= ~4e-16 S + ulp(T)/2.  Then
 * D = T/S - ln(S/n) = ln n * d is computed with an absolute error of about
 * eps (|T/S| + |ln(S/n)| + 4), a few 1e-16 for scores in [0, 1 + shift]
 * with shift up to ~100 (|ln z| <= 5): the cancellation when the entropy
 * is near 1 (d -> 0) costs no more than that absolute error, it is only
 * relative error in d that grows.  Weights w = d / sum d are then within
 * ~1e-15 / (ln n * sum d) of the exact ones; the row-keeping form adds the
 * rounding of its running sums (up to n eps relative in the worst case,
 * ~sqrt(n) eps typically), which is what the two differ by.
 */
#include <float.h>
#include <math.h>

#include "sy_entropy_bounded.h"
#include "sy_log.h"

sy_bounds_error
sy_entropy_bounds_check(size_t m, const double *lo, const double *hi, size_t *bad)
{
	for (size_t j = 0; j < m; j++)
	{
		sy_bounds_error err = SY_BOUNDS_OK;

		if (!isfinite(lo[j]) || !isfinite(hi[j]))
			err = SY_BOUNDS_NONFINITE;
		else if (lo[j] > hi[j])
			err = SY_BOUNDS_REVERSED;
		else if (!isfinite(hi[j] - lo[j]))
			err = SY_BOUNDS_RANGE_OVERFLOW;
		else if (hi[j] > lo[j] && !isfinite(1.0 / (hi[j] - lo[j])))
			err = SY_BOUNDS_RANGE_TINY;
		if (err != SY_BOUNDS_OK)
		{
			if (bad)
				*bad = j;
			return err;
		}
	}
	return SY_BOUNDS_OK;
}

/* the arrays, the xsums first (the strictest alignment) */
size_t
sy_entropy_bounded_bytes(size_t m)
{
	return m * (2 * sizeof(sy_xsum) + 6 * sizeof(double) + sizeof(int));
}

void
sy_entropy_bounded_init(sy_entropy_bounded *st, size_t m,
						const double *lo, const double *hi,
						const int *dir, double shift, void *mem)
{
	char	   *p = mem;

	st->m = m;
	st->shift = shift;
	st->n = 0;
	st->s = (sy_xsum *) p;
	p += m * sizeof(sy_xsum);
	st->t = (sy_xsum *) p;
	p += m * sizeof(sy_xsum);
	st->lo = (double *) p;
	p += m * sizeof(double);
	st->hi = (double *) p;
	p += m * sizeof(double);
	st->omin = (double *) p;
	p += m * sizeof(double);
	st->omax = (double *) p;
	p += m * sizeof(double);
	st->a = (double *) p;
	p += m * sizeof(double);
	st->c = (double *) p;
	p += m * sizeof(double);
	st->dir = (int *) p;

	for (size_t j = 0; j < m; j++)
	{
		st->lo[j] = lo[j];
		st->hi[j] = hi[j];
		st->dir[j] = sy_dir(dir, j) == SY_COST ? SY_COST : SY_BENEFIT;
		st->omin[j] = INFINITY;
		st->omax[j] = -INFINITY;
		sy_xsum_init(&st->s[j]);
		sy_xsum_init(&st->t[j]);
	}
	sy_entropy_coefs(m, st->lo, st->hi, st->dir, st->a, st->c);
}

int
sy_entropy_bounded_add(sy_entropy_bounded *st, const double *x)
{
	size_t		m = st->m;
	const double *lo = st->lo;
	const double *hi = st->hi;
	double		shift = st->shift;

	/* all or nothing: check the row first (NaN fails both comparisons) */
	for (size_t j = 0; j < m; j++)
		if (!(x[j] >= lo[j] && x[j] <= hi[j]))
			return (int) j;

	for (size_t j = 0; j < m; j++)
	{
		/* the very expression of sy_entropy_accum_block */
		double		z = (x[j] - st->c[j]) * st->a[j] + shift;

		if (x[j] < st->omin[j])
			st->omin[j] = x[j];
		if (x[j] > st->omax[j])
			st->omax[j] = x[j];
		/* 0 ln 0 = 0; subnormal z left out as the row-keeping form does */
		if (z >= DBL_MIN)
		{
			sy_xsum_add(&st->s[j], z);
			sy_xsum_add(&st->t[j], z * sy_log(z));
		}
	}
	st->n++;
	return -1;
}

void
sy_entropy_bounded_merge(sy_entropy_bounded *into, const sy_entropy_bounded *from)
{
	for (size_t j = 0; j < into->m; j++)
	{
		if (from->omin[j] < into->omin[j])
			into->omin[j] = from->omin[j];
		if (from->omax[j] > into->omax[j])
			into->omax[j] = from->omax[j];
		sy_xsum_merge(&into->s[j], &from->s[j]);
		sy_xsum_merge(&into->t[j], &from->t[j]);
	}
	into->n += from->n;
}

void
sy_entropy_bounded_normalize(sy_entropy_bounded *st)
{
	for (size_t j = 0; j < st->m; j++)
	{
		sy_xsum_normalize(&st->s[j]);
		sy_xsum_normalize(&st->t[j]);
	}
}

static bool
xsum_is_zero(const sy_xsum *s)
{
	for (int k = 0; k < SY_XSUM_CHUNKS; k++)
		if (s->chunk[k] != 0)
			return false;
	return true;
}

bool
sy_entropy_bounded_valid(const sy_entropy_bounded *st)
{
	if (st->n < 0)
		return false;
	for (size_t j = 0; j < st->m; j++)
	{
		if (!sy_xsum_valid(&st->s[j]) || !sy_xsum_valid(&st->t[j]))
			return false;
		if (st->s[j].chunk[SY_XSUM_CHUNKS - 1] < 0)
			return false;		/* a sum of scores >= 0 */
		if (st->n == 0)
		{
			if (!(st->omin[j] == INFINITY && st->omax[j] == -INFINITY) ||
				!xsum_is_zero(&st->s[j]) || !xsum_is_zero(&st->t[j]))
				return false;
		}
		else if (!(st->omin[j] >= st->lo[j] && st->omin[j] <= st->omax[j] &&
				   st->omax[j] <= st->hi[j]))
			return false;
	}
	return true;
}

bool
sy_entropy_bounded_result(const sy_entropy_bounded *st, double *entropy,
						  double *divergence, double *weight)
{
	size_t		m = st->m;

	/*
	 * S goes in weight[] and T in entropy[]: sy_entropy_finish reads
	 * sumz[j] and sumzlogz[j] before it writes entropy[j] and divergence[j],
	 * and writes weight[] only after its loop (test_xsum.c checks the result
	 * against the row-keeping form, which would catch a change there).
	 */
	for (size_t j = 0; j < m; j++)
	{
		weight[j] = sy_xsum_value(&st->s[j]);
		entropy[j] = sy_xsum_value(&st->t[j]);
	}
	return sy_entropy_finish(st->n, m, st->omin, st->omax, weight, entropy,
							 entropy, divergence, weight) == SY_OK;
}

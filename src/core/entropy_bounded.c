/*
 * entropy_bounded.c - entropy weights in constant memory (sy_entropy_bounded.h).
 *
 * Each row adds z and z ln z per indicator to exact sums; the result rounds
 * S and T once each and finishes exactly as the row-keeping form does
 * (sy_entropy_finish), with the observed ranges deciding which columns do
 * not vary.
 *
 * Precision.  S and T are the exact sums of the terms, rounded once (half
 * an ulp each, sy_xsum_value rounds correctly); each term z ln z carries
 * the error of sy_log (a few 1e-16 absolute) times z, so T is within about
 * 4e-16 S of the exact sum of z ln z.  Then D = T/S - ln(S/n) = d ln n is
 * computed with an absolute error of about
 *     eps (|T/S| + |ln(S/n)| + 4) <= ~2e-15 for |ln z| <= 5,
 * i.e. scores in [0, 1 + shift] with shift up to ~100.  The cancellation in
 * T/S - ln(S/n) when the entropy is near 1 (d -> 0) costs no more than
 * that absolute error; only the relative error of a small d grows, and
 * with it that of the weights w = d / sum d: |dw| <~ 2e-15 / (ln n sum d).
 * Measured against compensated long-double sums of the same terms, the
 * bounded weights are the same bits (n = 10^7, m = 5 and 10, shift 0, 0.01,
 * 0.5).  The row-keeping form's running double sums differ from both by up
 * to 1.4e-12 (shift 0) and 1.4e-11 (shift 0.5, sum d = 0.012) at n = 10^7,
 * below 4e-14 up to n = 10^6; sy_entropy_accum_block_exact and
 * sy_entropy_finish_exact give it the bounded form's bits.
 */
#include <float.h>
#include <math.h>

#include "sy_entropy_bounded.h"
#include "sy_log.h"

#define ROW_BLOCK 64			/* indicators scored between additions */

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
	st->pending = 0;
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

/*
 * Scores and z ln z of one row, a block of indicators at a time, two in
 * vector lanes exactly as sy_entropy_accum_block computes them (the same
 * bits), then the exact additions, uncounted; z < DBL_MIN (0 ln 0 = 0,
 * subnormals left out as there) becomes +0, whose addition changes nothing.
 */
static inline void
add_row(const double *x, size_t m, const double *a, const double *c, double shift,
		sy_xsum *s, sy_xsum *t)
{
	for (size_t j0 = 0; j0 < m; j0 += ROW_BLOCK)
	{
		size_t		len = m - j0 < ROW_BLOCK ? m - j0 : ROW_BLOCK;
		size_t		len2 = len - len % 2;
		double		zb[ROW_BLOCK],
					zlb[ROW_BLOCK];

		for (size_t j = 0; j < len2; j += 2)
		{
			sy_v2d		vx,
						va,
						vc,
						z,
						zl;
			sy_v2u		keep,
						bits;

			memcpy(&vx, x + j0 + j, sizeof(vx));
			memcpy(&va, a + j0 + j, sizeof(va));
			memcpy(&vc, c + j0 + j, sizeof(vc));
			z = (vx - vc) * va + shift;
			keep = z >= DBL_MIN;
			zl = z * sy_log2(z);
			memcpy(&bits, &z, sizeof(bits));
			bits &= keep;
			memcpy(zb + j, &bits, sizeof(bits));
			memcpy(&bits, &zl, sizeof(bits));
			bits &= keep;
			memcpy(zlb + j, &bits, sizeof(bits));
		}
		if (len2 < len)
		{
			size_t		j = j0 + len2;
			double		z = (x[j] - c[j]) * a[j] + shift;

			zb[len2] = z >= DBL_MIN ? z : 0.0;
			zlb[len2] = z >= DBL_MIN ? z * sy_log(z) : 0.0;
		}
		for (size_t j = 0; j < len; j++)
		{
			sy_xsum_add_nocount(&s[j0 + j], zb[j]);
			sy_xsum_add_nocount(&t[j0 + j], zlb[j]);
		}
	}
}

void
sy_entropy_accum_block_exact(const double *x, size_t nrows, size_t m,
							 const double *a, const double *c, double shift,
							 sy_xsum *s, sy_xsum *t)
{
	while (nrows > 0)
	{
		int64_t		most = 0;
		size_t		len;

		/* each sum takes at most one addition a row: count rows */
		for (size_t j = 0; j < m; j++)
		{
			if (s[j].pending > most)
				most = s[j].pending;
			if (t[j].pending > most)
				most = t[j].pending;
		}
		if (most >= SY_XSUM_MAX_PENDING - 1)
		{
			for (size_t j = 0; j < m; j++)
			{
				sy_xsum_normalize(&s[j]);
				sy_xsum_normalize(&t[j]);
			}
			most = 0;
		}
		len = (uint64_t) nrows < (uint64_t) (SY_XSUM_MAX_PENDING - 1 - most) ?
			nrows : (size_t) (SY_XSUM_MAX_PENDING - 1 - most);
		for (size_t i = 0; i < len; i++)
			add_row(x + i * m, m, a, c, shift, s, t);
		for (size_t j = 0; j < m; j++)
		{
			s[j].pending += (int64_t) len;
			t[j].pending += (int64_t) len;
		}
		x += len * m;
		nrows -= len;
	}
}

sy_status
sy_entropy_finish_exact(int64_t n, size_t m, const double *lo, const double *hi,
						const sy_xsum *s, const sy_xsum *t,
						double *entropy, double *divergence, double *weight)
{
	/*
	 * S goes in weight[] and T in entropy[]: sy_entropy_finish reads
	 * sumz[j] and sumzlogz[j] before it writes entropy[j] and divergence[j],
	 * and writes weight[] only after its loop (test_xsum.c checks the result
	 * against the row-keeping form, which would catch a change there).
	 */
	for (size_t j = 0; j < m; j++)
	{
		weight[j] = sy_xsum_value(&s[j]);
		entropy[j] = sy_xsum_value(&t[j]);
	}
	return sy_entropy_finish(n, m, lo, hi, weight, entropy, entropy, divergence, weight);
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
		if (x[j] < st->omin[j])
			st->omin[j] = x[j];
		if (x[j] > st->omax[j])
			st->omax[j] = x[j];
	}

	add_row(x, m, st->a, st->c, shift, st->s, st->t);
	st->n++;
	/* one count for all the sums: each takes at most one addition a row */
	if (++st->pending >= SY_XSUM_MAX_PENDING)
		sy_entropy_bounded_normalize(st);
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
	into->pending = 0;			/* every sum was normalized by its merge */
}

void
sy_entropy_bounded_normalize(sy_entropy_bounded *st)
{
	for (size_t j = 0; j < st->m; j++)
	{
		sy_xsum_normalize(&st->s[j]);
		sy_xsum_normalize(&st->t[j]);
	}
	st->pending = 0;
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
sy_entropy_bounded_valid_gaps(const sy_entropy_bounded *st, const int64_t *nobs)
{
	if (st->n < 0 || st->pending != 0)
		return false;
	for (size_t j = 0; j < st->m; j++)
	{
		int64_t		nj = nobs ? nobs[j] : st->n;

		if (nj < 0 || nj > st->n)
			return false;
		if (!sy_xsum_valid(&st->s[j]) || !sy_xsum_valid(&st->t[j]))
			return false;
		if (st->s[j].chunk[SY_XSUM_CHUNKS - 1] < 0)
			return false;		/* a sum of scores >= 0 */
		if (nj == 0)
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
sy_entropy_bounded_valid(const sy_entropy_bounded *st)
{
	return sy_entropy_bounded_valid_gaps(st, NULL);
}

int
sy_entropy_bounded_add_gaps(sy_entropy_bounded *st, const double *x, int64_t *nobs)
{
	size_t		m = st->m;

	for (size_t j = 0; j < m; j++)
		if (!isnan(x[j]) && !(x[j] >= st->lo[j] && x[j] <= st->hi[j]))
			return (int) j;
	for (size_t j = 0; j < m; j++)
	{
		double		z;

		if (isnan(x[j]))
			continue;
		nobs[j]++;
		if (x[j] < st->omin[j])
			st->omin[j] = x[j];
		if (x[j] > st->omax[j])
			st->omax[j] = x[j];
		/* the scalar lane of add_row: the same bits */
		z = (x[j] - st->c[j]) * st->a[j] + st->shift;
		sy_xsum_add_nocount(&st->s[j], z >= DBL_MIN ? z : 0.0);
		sy_xsum_add_nocount(&st->t[j], z >= DBL_MIN ? z * sy_log(z) : 0.0);
	}
	st->n++;
	if (++st->pending >= SY_XSUM_MAX_PENDING)
		sy_entropy_bounded_normalize(st);
	return -1;
}

sy_status
sy_entropy_bounded_result_imputed(const sy_entropy_bounded *st, const int64_t *nobs,
								  double *entropy, double *divergence,
								  double *weight, size_t *bad)
{
	size_t		m = st->m;

	/* S in weight[], T in entropy[], as sy_entropy_finish_exact does */
	for (size_t j = 0; j < m; j++)
	{
		double		s = sy_xsum_value(&st->s[j]);
		double		t = sy_xsum_value(&st->t[j]);
		double		k = (double) (st->n - nobs[j]);

		/* no value to impute from; with no row at all (every x of the
		 * group NULL or all NULL) the weights are undefined instead */
		if (nobs[j] == 0 && st->n > 0)
		{
			*bad = j;
			return SY_UNDEFINED;
		}
		if (k > 0.0)
		{
			double		zbar = s / (double) nobs[j];

			if (zbar >= DBL_MIN)
			{
				t += k * (zbar * sy_log(zbar));
				s += k * zbar;
			}
		}
		weight[j] = s;
		entropy[j] = t;
	}
	return sy_entropy_finish(st->n, m, st->omin, st->omax, weight, entropy,
							 entropy, divergence, weight);
}

bool
sy_entropy_bounded_result(const sy_entropy_bounded *st, double *entropy,
						  double *divergence, double *weight)
{
	return sy_entropy_finish_exact(st->n, st->m, st->omin, st->omax, st->s, st->t,
								   entropy, divergence, weight) == SY_OK;
}

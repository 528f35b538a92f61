/*
 * moran.c - global and local Moran's I on sparse spatial weights.
 *
 * The formulas and their conventions are spdep's (moran.test, localmoran),
 * so results can be checked against R to the printed digits; see
 * docs/spatial.md.  Permutations draw from the caller's seeded generator,
 * so a given seed gives the same p value on every run.
 *
 * Scale: Moran's I and its moments do not depend on the scale of the
 * weights, nor on the scale of the values.  Weights of 1e308 would overflow
 * S0 (and S1, S2 are sums of squares of weights), weights of 1e-320 are
 * subnormal and their squares vanish, and values of 1e200 overflow the
 * fourth moment.  So weights whose largest magnitude lies outside
 * [2^-SCALE_EXP, 2^SCALE_EXP] are multiplied by the power of two that
 * brings the largest into [0.5, 1), and likewise the deviations from the
 * mean (and the values, before the mean is taken).  Multiplying by a power
 * of two is exact (unless the product is subnormal), so the statistics are
 * the same bits as for weights of ordinary size scaled by hand, and weights
 * and values inside the range are not touched at all (the same bits as
 * without this).  Outputs that do scale with the weights (S0, S1, S2, the
 * local I_i and its expectation and variance) are scaled back at the end;
 * they are Infinity or 0 only when the true value is outside float8's range.
 */
#include <math.h>

#include "sy_core_spatial.h"

/*
 * The host's interrupt check (sy_host_check_interrupts) is called about every
 * TICK_OPS neighbour terms or draws, a millisecond or so of work, however
 * the work is split between regions, links and permutations.
 */
#define TICK_OPS ((size_t) 1 << 20)

/*
 * Weights and deviations whose largest magnitude has a binary exponent in
 * [-SCALE_EXP, SCALE_EXP] are used as they are: then n^2 w^2 and n z^4 stay
 * far inside float8's range for any n below 2^60.
 */
#define SCALE_EXP 120

/*
 * x * 2^shift as two multiplications by powers of two that are themselves
 * representable (|shift| can pass 1023 for subnormal weights); each is
 * exact while the result is normal.
 */
typedef struct pow2
{
	int			shift;			/* 0: no scaling */
	double		f1,
				f2;
} pow2;

static pow2
pow2_make(int shift)
{
	pow2		p;

	p.shift = shift;
	p.f1 = ldexp(1.0, shift / 2);
	p.f2 = ldexp(1.0, shift - shift / 2);
	return p;
}

static inline double
pow2_apply(const pow2 *p, double x)
{
	return p->shift == 0 ? x : x * p->f1 * p->f2;
}

/*
 * The power of two that brings the largest finite magnitude of v[0..n-1]
 * into [0.5, 1), or 0 when it is 0 or already within 2^+-SCALE_EXP.
 */
static int
scale_shift(const double *v, size_t n)
{
	double		big = 0.0;
	int			e;

	for (size_t i = 0; i < n; i++)
	{
		double		a = fabs(v[i]);

		if (a > big && isfinite(a))
			big = a;
	}
	if (!(big > 0.0))
		return 0;
	(void) frexp(big, &e);
	return (e >= -SCALE_EXP && e <= SCALE_EXP) ? 0 : -e;
}

static double
upper_tail(double z)
{
	return 0.5 * erfc(z / sqrt(2.0));
}

/*
 * Position of the link j -> i in w's arrays, or SIZE_MAX when i is not a
 * neighbour of j (rows are sorted).
 */
static size_t
link_of(const sy_sparse_w *w, size_t j, size_t i)
{
	size_t		lo = w->start[j],
				hi = w->start[j + 1];

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (w->nbr[mid] == i)
			return mid;
		if (w->nbr[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/* sum_i z_i sum_j w_ij z_j, on the weights scaled by ws */
static double
cross_product(const sy_sparse_w *w, const pow2 *ws, const double *z)
{
	double		s = 0.0;

	if (ws->shift != 0)
	{
		for (size_t i = 0; i < w->n; i++)
		{
			double		lag = 0.0;

			for (size_t k = w->start[i]; k < w->start[i + 1]; k++)
				lag += pow2_apply(ws, w->w[k]) * z[w->nbr[k]];
			s += z[i] * lag;
		}
		return s;
	}
	for (size_t i = 0; i < w->n; i++)
	{
		double		lag = 0.0;

		for (size_t k = w->start[i]; k < w->start[i + 1]; k++)
			lag += w->w[k] * z[w->nbr[k]];
		s += z[i] * lag;
	}
	return s;
}

/*
 * Deviations from the mean into z, scaled by a power of two when the values
 * or the deviations are very large or very small (the statistics do not
 * depend on that scale); returns sum z^2 and sets *z4 = sum z^4.
 */
static double
deviations(const double *x, size_t n, double *z, double *z4)
{
	double		mean = 0.0,
				zz = 0.0,
				q = 0.0;
	pow2		xs = pow2_make(scale_shift(x, n)),
				zs;

	for (size_t i = 0; i < n; i++)
		mean += pow2_apply(&xs, x[i]);
	mean /= (double) n;
	for (size_t i = 0; i < n; i++)
		z[i] = pow2_apply(&xs, x[i]) - mean;
	zs = pow2_make(scale_shift(z, n));
	for (size_t i = 0; i < n; i++)
	{
		z[i] = pow2_apply(&zs, z[i]);
		zz += z[i] * z[i];
		q += z[i] * z[i] * z[i] * z[i];
	}
	*z4 = q;
	return zz;
}

/* S0, S1, S2 of the weights as given, from those of the scaled weights */
static void
unscale_sums(sy_moran *out, int shift)
{
	if (shift == 0)
		return;
	out->s0 = ldexp(out->s0, -shift);
	out->s1 = ldexp(out->s1, -2 * shift);
	out->s2 = ldexp(out->s2, -2 * shift);
}

sy_status
sy_moran_global(const double *x, const sy_sparse_w *w, int64_t permutations,
				const sy_host *host,
				double *work, sy_moran *out)
{
	size_t		n = w->n;
	double	   *z = work,
			   *aux = work + n;
	double		zz,
				z4,
				k,
				m,
				s02,
				ei,
				vn,
				vr;
	int64_t		ge = 0;
	size_t		ops = 0;
	pow2		ws;

	out->n = n;
	out->islands = 0;
	out->permutations = permutations;
	out->s0 = out->s1 = out->s2 = 0.0;
	out->i = out->expected = NAN;
	out->var_normal = out->z_normal = out->p_normal = NAN;
	out->var_random = out->z_random = out->p_random = NAN;
	out->p_perm = NAN;
	if (n == 0)
		return SY_UNDEFINED;
	ws = pow2_make(scale_shift(w->w, w->start[n]));

	/* S0, S1 and S2 of the scaled weights (aux collects the column sums) */
	for (size_t i = 0; i < n; i++)
		aux[i] = 0.0;
	for (size_t i = 0; i < n; i++)
	{
		ops += w->start[i + 1] - w->start[i] + 1;
		if (ops >= TICK_OPS)
		{
			ops = 0;
			sy_host_check_interrupts(host);
		}
		if (w->start[i] == w->start[i + 1])
			out->islands++;
		for (size_t p = w->start[i]; p < w->start[i + 1]; p++)
		{
			size_t		j = w->nbr[p],
						back = link_of(w, j, i);
			double		wij = pow2_apply(&ws, w->w[p]);

			out->s0 += wij;
			aux[j] += wij;
			/* a one-way link stands for both ordered pairs of the sum */
			if (back != SIZE_MAX)
			{
				double		wji = pow2_apply(&ws, w->w[back]);

				out->s1 += (wij + wji) * (wij + wji);
			}
			else
				out->s1 += 2.0 * wij * wij;
		}
	}
	out->s1 *= 0.5;
	for (size_t i = 0; i < n; i++)
	{
		double		row = 0.0;

		for (size_t p = w->start[i]; p < w->start[i + 1]; p++)
			row += pow2_apply(&ws, w->w[p]);
		out->s2 += (row + aux[i]) * (row + aux[i]);
	}

	m = (double) (n - out->islands);
	zz = deviations(x, n, z, &z4);
	if (m < 4.0 || !(zz > 0.0) || !(out->s0 > 0.0))
	{
		unscale_sums(out, ws.shift);
		return SY_UNDEFINED;
	}
	k = (double) n * z4 / (zz * zz);
	s02 = out->s0 * out->s0;
	out->i = m / out->s0 * cross_product(w, &ws, z) / zz;
	ei = out->expected = -1.0 / (m - 1.0);
	vn = (m * m * out->s1 - m * out->s2 + 3.0 * s02) / (s02 * (m * m - 1.0)) - ei * ei;
	vr = (m * (out->s1 * (m * m - 3.0 * m + 3.0) - m * out->s2 + 3.0 * s02)
		  - k * (out->s1 * (m * m - m) - 2.0 * m * out->s2 + 6.0 * s02))
		/ ((m - 1.0) * (m - 2.0) * (m - 3.0) * s02) - ei * ei;
	out->var_normal = vn;
	out->z_normal = (out->i - ei) / sqrt(vn);
	out->p_normal = upper_tail(out->z_normal);
	out->var_random = vr;
	if (vr > 0.0)
	{
		out->z_random = (out->i - ei) / sqrt(vr);
		out->p_random = upper_tail(out->z_random);
	}

	if (permutations > 0)
	{
		for (size_t i = 0; i < n; i++)
			aux[i] = z[i];
		for (int64_t r = 0; r < permutations; r++)
		{
			/* one permutation is n draws and nnb products */
			ops += n + w->start[n];
			if (ops >= TICK_OPS)
			{
				ops = 0;
				sy_host_check_interrupts(host);
			}
			for (size_t i = n - 1; i > 0; i--)
			{
				size_t		j = (size_t) host->random_below(host->ctx, (uint64_t) i + 1);
				double		t = aux[i];

				aux[i] = aux[j];
				aux[j] = t;
			}
			if (m / out->s0 * cross_product(w, &ws, aux) / zz >= out->i)
				ge++;
		}
		out->p_perm = (double) (ge + 1) / (double) (permutations + 1);
	}
	unscale_sums(out, ws.shift);
	return SY_OK;
}

/*
 * I_i and its expectation scale with the weights, the variance with their
 * square; z, p and the quadrant do not.
 */
static void
unscale_local(sy_local_moran *out, size_t n, int shift)
{
	if (shift == 0)
		return;
	for (size_t i = 0; i < n; i++)
	{
		out[i].i = ldexp(out[i].i, -shift);
		out[i].expected = ldexp(out[i].expected, -shift);
		out[i].variance = ldexp(out[i].variance, -2 * shift);
	}
}

sy_status
sy_moran_local(const double *x, const sy_sparse_w *w, int64_t permutations,
			   const sy_host *host,
			   double *work, size_t *iwork, sy_local_moran *out)
{
	size_t		n = w->n;
	double	   *z = work;
	size_t	   *idx = iwork,
			   *pos = iwork + n;
	double		zz,
				z4,
				m2,
				dn = (double) n;
	size_t		ops = 0;
	pow2		ws;

	for (size_t i = 0; i < n; i++)
	{
		out[i].i = out[i].expected = out[i].variance = NAN;
		out[i].z = out[i].p = NAN;
		out[i].quadrant = SY_Q_NONE;
	}
	if (n < 3)
		return SY_UNDEFINED;
	zz = deviations(x, n, z, &z4);
	if (!(zz > 0.0))
		return SY_UNDEFINED;
	m2 = zz / dn;
	ws = pow2_make(scale_shift(w->w, w->start[n]));
	for (size_t i = 0; i < n; i++)
	{
		double		lag = 0.0,
					wi = 0.0,
					wi2 = 0.0;
		sy_local_moran *o = &out[i];

		if (w->start[i] == w->start[i + 1])
		{
			o->i = 0.0;
			o->quadrant = SY_Q_ISLAND;
			continue;
		}
		for (size_t p = w->start[i]; p < w->start[i + 1]; p++)
		{
			double		wp = pow2_apply(&ws, w->w[p]);

			lag += wp * z[w->nbr[p]];
			wi += wp;
			wi2 += wp * wp;
		}
		/* + 0.0: a value at the mean gives I_i = E[I_i] = +0, not -0 */
		o->i = z[i] / m2 * lag + 0.0;
		o->expected = -(z[i] * z[i] * wi) / ((dn - 1.0) * m2) + 0.0;
		o->variance = (z[i] / m2) * (z[i] / m2) * (dn / (dn - 2.0)) *
			(wi2 - wi * wi / (dn - 1.0)) * (m2 - z[i] * z[i] / (dn - 1.0));
		if (o->variance > 0.0)
		{
			o->z = (o->i - o->expected) / sqrt(o->variance);
			o->p = erfc(fabs(o->z) / sqrt(2.0));
		}
		if (z[i] > 0.0 && lag > 0.0)
			o->quadrant = SY_Q_HH;
		else if (z[i] < 0.0 && lag < 0.0)
			o->quadrant = SY_Q_LL;
		else if (z[i] > 0.0 && lag < 0.0)
			o->quadrant = SY_Q_HL;
		else if (z[i] < 0.0 && lag > 0.0)
			o->quadrant = SY_Q_LH;
	}
	if (permutations <= 0)
	{
		unscale_local(out, n, ws.shift);
		return SY_OK;
	}

	/* conditional permutations: x_i stays, its neighbours are drawn from the rest */
	for (size_t i = 0; i < n; i++)
		idx[i] = pos[i] = i;
	for (size_t i = 0; i < n; i++)
	{
		size_t		deg = w->start[i + 1] - w->start[i],
					last = n - 1;
		int64_t		ge = 0,
					le = 0;

		sy_host_check_interrupts(host);
		if (deg == 0)
			continue;
		/* move i to the last slot, out of the draw */
		{
			size_t		a = pos[i],
						b = idx[last];

			idx[a] = b;
			pos[b] = a;
			idx[last] = i;
			pos[i] = last;
		}
		for (int64_t r = 0; r < permutations; r++)
		{
			double		lag = 0.0,
						ip;

			/* a region of high degree with many permutations is long work */
			ops += deg + 1;
			if (ops >= TICK_OPS)
			{
				ops = 0;
				sy_host_check_interrupts(host);
			}

			for (size_t p = 0; p < deg && p < last; p++)
			{
				size_t		j = p + (size_t) host->random_below(host->ctx, (uint64_t) (last - p));
				size_t		t = idx[p];

				idx[p] = idx[j];
				idx[j] = t;
				pos[idx[p]] = p;
				pos[idx[j]] = j;
				lag += pow2_apply(&ws, w->w[w->start[i] + p]) * z[idx[p]];
			}
			ip = z[i] / m2 * lag;
			if (ip >= out[i].i)
				ge++;
			if (ip <= out[i].i)
				le++;
		}
		out[i].p = (double) ((ge < le ? ge : le) + 1) / (double) (permutations + 1);
	}
	unscale_local(out, n, ws.shift);
	return SY_OK;
}

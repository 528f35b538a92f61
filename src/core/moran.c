/*
 * moran.c - global and local Moran's I on sparse spatial weights.
 *
 * The formulas and their conventions are spdep's (moran.test, localmoran),
 * so results can be checked against R to the printed digits; see
 * docs/spatial.md.  Permutations draw from the caller's seeded generator,
 * so a given seed gives the same p value on every run.
 */
#include <math.h>

#include "sy_spatial.h"

/*
 * The caller's tick (the server's interrupt check) is called about every
 * TICK_OPS neighbour terms or draws, a millisecond or so of work, however
 * the work is split between regions, links and permutations.
 */
#define TICK_OPS ((size_t) 1 << 20)

static double
upper_tail(double z)
{
	return 0.5 * erfc(z / sqrt(2.0));
}

/* w_ji, or 0 when i is not a neighbour of j (rows are sorted) */
static double
weight_of(const sy_sparse_w *w, size_t j, size_t i)
{
	size_t		lo = w->start[j],
				hi = w->start[j + 1];

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (w->nbr[mid] == i)
			return w->w[mid];
		if (w->nbr[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0.0;
}

/* sum_i z_i sum_j w_ij z_j */
static double
cross_product(const sy_sparse_w *w, const double *z)
{
	double		s = 0.0;

	for (size_t i = 0; i < w->n; i++)
	{
		double		lag = 0.0;

		for (size_t k = w->start[i]; k < w->start[i + 1]; k++)
			lag += w->w[k] * z[w->nbr[k]];
		s += z[i] * lag;
	}
	return s;
}

/* deviations from the mean into z; returns sum z^2 and sets *z4 */
static double
deviations(const double *x, size_t n, double *z, double *z4)
{
	double		mean = 0.0,
				zz = 0.0,
				q = 0.0;

	for (size_t i = 0; i < n; i++)
		mean += x[i];
	mean /= (double) n;
	for (size_t i = 0; i < n; i++)
	{
		z[i] = x[i] - mean;
		zz += z[i] * z[i];
		q += z[i] * z[i] * z[i] * z[i];
	}
	*z4 = q;
	return zz;
}

sy_status
sy_moran_global(const double *x, const sy_sparse_w *w, int64_t permutations,
				sy_rng_fn rng, sy_tick_fn tick, void *ctx,
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

	/* S0, S1 and S2 (aux collects the column sums) */
	for (size_t i = 0; i < n; i++)
		aux[i] = 0.0;
	for (size_t i = 0; i < n; i++)
	{
		ops += w->start[i + 1] - w->start[i] + 1;
		if (tick && ops >= TICK_OPS)
		{
			ops = 0;
			tick(ctx);
		}
		if (w->start[i] == w->start[i + 1])
			out->islands++;
		for (size_t p = w->start[i]; p < w->start[i + 1]; p++)
		{
			size_t		j = w->nbr[p];
			double		wji = weight_of(w, j, i);

			out->s0 += w->w[p];
			aux[j] += w->w[p];
			/* a one-way link stands for both ordered pairs of the sum */
			out->s1 += wji != 0.0 ? (w->w[p] + wji) * (w->w[p] + wji)
				: 2.0 * w->w[p] * w->w[p];
		}
	}
	out->s1 *= 0.5;
	for (size_t i = 0; i < n; i++)
	{
		double		row = 0.0;

		for (size_t p = w->start[i]; p < w->start[i + 1]; p++)
			row += w->w[p];
		out->s2 += (row + aux[i]) * (row + aux[i]);
	}

	m = (double) (n - out->islands);
	zz = deviations(x, n, z, &z4);
	if (m < 4.0 || !(zz > 0.0) || !(out->s0 > 0.0))
		return SY_UNDEFINED;
	k = (double) n * z4 / (zz * zz);
	s02 = out->s0 * out->s0;
	out->i = m / out->s0 * cross_product(w, z) / zz;
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
			if (tick && ops >= TICK_OPS)
			{
				ops = 0;
				tick(ctx);
			}
			for (size_t i = n - 1; i > 0; i--)
			{
				size_t		j = (size_t) rng(ctx, (uint64_t) i + 1);
				double		t = aux[i];

				aux[i] = aux[j];
				aux[j] = t;
			}
			if (m / out->s0 * cross_product(w, aux) / zz >= out->i)
				ge++;
		}
		out->p_perm = (double) (ge + 1) / (double) (permutations + 1);
	}
	return SY_OK;
}

sy_status
sy_moran_local(const double *x, const sy_sparse_w *w, int64_t permutations,
			   sy_rng_fn rng, sy_tick_fn tick, void *ctx,
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
			lag += w->w[p] * z[w->nbr[p]];
			wi += w->w[p];
			wi2 += w->w[p] * w->w[p];
		}
		o->i = z[i] / m2 * lag;
		o->expected = -(z[i] * z[i] * wi) / ((dn - 1.0) * m2);
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
		return SY_OK;

	/* conditional permutations: x_i stays, its neighbours are drawn from the rest */
	for (size_t i = 0; i < n; i++)
		idx[i] = pos[i] = i;
	for (size_t i = 0; i < n; i++)
	{
		size_t		deg = w->start[i + 1] - w->start[i],
					last = n - 1;
		int64_t		ge = 0,
					le = 0;

		if (tick)
			tick(ctx);
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
			if (tick && ops >= TICK_OPS)
			{
				ops = 0;
				tick(ctx);
			}

			for (size_t p = 0; p < deg && p < last; p++)
			{
				size_t		j = p + (size_t) rng(ctx, (uint64_t) (last - p));
				size_t		t = idx[p];

				idx[p] = idx[j];
				idx[j] = t;
				pos[idx[p]] = p;
				pos[idx[j]] = j;
				lag += w->w[w->start[i] + p] * z[idx[p]];
			}
			ip = z[i] / m2 * lag;
			if (ip >= out[i].i)
				ge++;
			if (ip <= out[i].i)
				le++;
		}
		out[i].p = (double) ((ge < le ? ge : le) + 1) / (double) (permutations + 1);
	}
	return SY_OK;
}

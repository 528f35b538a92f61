/*
 * moments.c - streaming column moments and the weights built on them:
 * standard deviation, coefficient of variation and CRITIC.
 *
 * Every sum of squares here is a sum of deviations from the running mean
 * (Welford), never sum(x^2) - n mean^2, which cancels catastrophically for
 * yearbook values such as GDP in yuan.
 */
#include <float.h>
#include <math.h>

#include "sy_core.h"

void
sy_moments_reset(sy_moments *s)
{
	size_t		m = s->m;

	s->n = 0.0;
	for (size_t j = 0; j < m; j++)
		s->ref[j] = s->mean[j] = 0.0;
	if (s->comoment)
	{
		for (size_t p = 0; p < m * (m + 1) / 2; p++)
			s->comoment[p] = 0.0;
	}
	else
	{
		for (size_t j = 0; j < m; j++)
			s->m2[j] = 0.0;
	}
	sy_range_init(m, s->lo, s->hi);
	if (s->nobs)
		for (size_t j = 0; j < m; j++)
			s->nobs[j] = 0.0;
	if (s->pn)
		for (size_t p = 0; p < m * (m + 1) / 2; p++)
			s->pn[p] = s->pmj[p] = s->pmk[p] = 0.0;
}

void
sy_moments_add_gaps(sy_moments *s, const double *x)
{
	size_t		m = s->m;

	s->n += 1.0;
	for (size_t j = 0; j < m; j++)
	{
		if (isnan(x[j]))
			continue;
		if (x[j] < s->lo[j])
			s->lo[j] = x[j];
		if (x[j] > s->hi[j])
			s->hi[j] = x[j];
		if (s->nobs[j] == 0.0)
			s->ref[j] = x[j];	/* the first value is the reference */
	}
	if (s->pn == NULL)
	{
		for (size_t j = 0; j < m; j++)
		{
			double		y,
						d;

			if (isnan(x[j]))
				continue;
			s->nobs[j] += 1.0;
			y = x[j] - s->ref[j];
			d = y - s->mean[j];
			s->mean[j] += d / s->nobs[j];
			s->m2[j] += d * (y - s->mean[j]);
		}
		return;
	}
	for (size_t j = 0; j < m; j++)
	{
		double		yj;

		if (isnan(x[j]))
			continue;
		yj = x[j] - s->ref[j];
		for (size_t k = j; k < m; k++)
		{
			size_t		p = sy_packed_index(m, j, k);
			double		yk,
						n1,
						dj,
						dk;

			if (isnan(x[k]))
				continue;
			yk = x[k] - s->ref[k];
			n1 = s->pn[p] + 1.0;
			dj = yj - s->pmj[p];
			dk = yk - s->pmk[p];
			s->pmj[p] += dj / n1;
			s->pmk[p] += dk / n1;
			s->comoment[p] += dj * (yk - s->pmk[p]);
			s->pn[p] = n1;
		}
		s->nobs[j] += 1.0;
		s->mean[j] = s->pmj[sy_packed_index(m, j, j)];
	}
}

/* Gap mode: Chan et al.'s merge, per column or per pair over its own count. */
static void
merge_gaps(sy_moments *into, const sy_moments *from)
{
	size_t		m = into->m;

	for (size_t j = 0; j < m; j++)
	{
		if (from->nobs[j] > 0.0 && into->nobs[j] == 0.0)
			into->ref[j] = from->ref[j];
		if (from->lo[j] < into->lo[j])
			into->lo[j] = from->lo[j];
		if (from->hi[j] > into->hi[j])
			into->hi[j] = from->hi[j];
	}
#define SHIFT(j) (from->ref[j] - into->ref[j])
	if (into->pn == NULL)
	{
		for (size_t j = 0; j < m; j++)
		{
			double		na = into->nobs[j],
						nb = from->nobs[j],
						n = na + nb,
						d;

			if (nb == 0.0)
				continue;
			d = SHIFT(j) + from->mean[j] - into->mean[j];
			if (na == 0.0)
			{
				into->mean[j] = from->mean[j];
				into->m2[j] = from->m2[j];
			}
			else
			{
				into->m2[j] += from->m2[j] + d * d * na * nb / n;
				into->mean[j] += d * nb / n;
			}
			into->nobs[j] = n;
		}
	}
	else
	{
		for (size_t j = 0; j < m; j++)
			for (size_t k = j; k < m; k++)
			{
				size_t		p = sy_packed_index(m, j, k);
				double		na = into->pn[p],
							nb = from->pn[p],
							n = na + nb,
							dj,
							dk;

				if (nb == 0.0)
					continue;
				dj = SHIFT(j) + from->pmj[p] - into->pmj[p];
				dk = SHIFT(k) + from->pmk[p] - into->pmk[p];
				if (na == 0.0)
				{
					into->pmj[p] = from->pmj[p] + SHIFT(j);
					into->pmk[p] = from->pmk[p] + SHIFT(k);
					into->comoment[p] = from->comoment[p];
				}
				else
				{
					into->comoment[p] += from->comoment[p] + dj * dk * na * nb / n;
					into->pmj[p] += dj * nb / n;
					into->pmk[p] += dk * nb / n;
				}
				into->pn[p] = n;
			}
		for (size_t j = 0; j < m; j++)
		{
			into->nobs[j] += from->nobs[j];
			into->mean[j] = into->pmj[sy_packed_index(m, j, j)];
		}
	}
#undef SHIFT
	into->n += from->n;
}

double
sy_moments_comoment(const sy_moments *s, size_t j, size_t k)
{
	size_t		p = j <= k ? sy_packed_index(s->m, j, k) : sy_packed_index(s->m, k, j);
	size_t		a = j <= k ? j : k,
				b = j <= k ? k : j;

	if (s->pn == NULL)
		return s->comoment[p];
	return s->comoment[p] + s->pn[p] * (s->pmj[p] - s->mean[a]) * (s->pmk[p] - s->mean[b]);
}

void
sy_moments_add(sy_moments *s, const double *x)
{
	size_t		m = s->m;
	double		n0 = s->n;
	double		n1 = n0 + 1.0;

	sy_range_update(x, 1, m, s->lo, s->hi);
	if (n0 == 0.0)
	{
		/* the first row is the reference: its deviations are 0 */
		for (size_t j = 0; j < m; j++)
			s->ref[j] = x[j];
		s->n = n1;
		return;
	}
	if (s->comoment)
	{
		/* C_jk += d_j d_k n0 / n1 with d = (x - ref) - old mean */
		double		f = n0 / n1;
		double	   *c = s->comoment;

		for (size_t j = 0; j < m; j++)
		{
			double		dj = ((x[j] - s->ref[j]) - s->mean[j]) * f;

			for (size_t k = j; k < m; k++)
				*c++ += dj * ((x[k] - s->ref[k]) - s->mean[k]);
		}
		for (size_t j = 0; j < m; j++)
			s->mean[j] += ((x[j] - s->ref[j]) - s->mean[j]) / n1;
	}
	else
	{
		for (size_t j = 0; j < m; j++)
		{
			double		y = x[j] - s->ref[j];
			double		d = y - s->mean[j];

			s->mean[j] += d / n1;
			s->m2[j] += d * (y - s->mean[j]);
		}
	}
	s->n = n1;
}

void
sy_moments_merge(sy_moments *into, const sy_moments *from)
{
	size_t		m = into->m;
	double		na = into->n,
				nb = from->n,
				n = na + nb;

	if (into->nobs)
	{
		merge_gaps(into, from);
		return;
	}
	if (nb == 0.0)
		return;
	if (na == 0.0)
	{
		into->n = nb;
		for (size_t j = 0; j < m; j++)
		{
			into->ref[j] = from->ref[j];
			into->mean[j] = from->mean[j];
			into->lo[j] = from->lo[j];
			into->hi[j] = from->hi[j];
		}
		if (into->comoment)
			for (size_t p = 0; p < m * (m + 1) / 2; p++)
				into->comoment[p] = from->comoment[p];
		else
			for (size_t j = 0; j < m; j++)
				into->m2[j] = from->m2[j];
		return;
	}

	/* delta[j]: difference of the two means, in into's frame */
#define DELTA(j) ((from->ref[j] - into->ref[j]) + from->mean[j] - into->mean[j])
	if (into->comoment)
	{
		double		f = na * nb / n;
		double	   *c = into->comoment;
		const double *cb = from->comoment;

		for (size_t j = 0; j < m; j++)
		{
			double		dj = DELTA(j) * f;

			for (size_t k = j; k < m; k++)
				*c++ += *cb++ + dj * DELTA(k);
		}
	}
	else
	{
		for (size_t j = 0; j < m; j++)
		{
			double		d = DELTA(j);

			into->m2[j] += from->m2[j] + d * d * na * nb / n;
		}
	}
	for (size_t j = 0; j < m; j++)
	{
		into->mean[j] += DELTA(j) * nb / n;
		if (from->lo[j] < into->lo[j])
			into->lo[j] = from->lo[j];
		if (from->hi[j] > into->hi[j])
			into->hi[j] = from->hi[j];
	}
	into->n = n;
#undef DELTA
}

double
sy_moments_mean(const sy_moments *s, size_t j)
{
	return s->ref[j] + s->mean[j];
}

double
sy_moments_m2(const sy_moments *s, size_t j)
{
	if (s->comoment)
		return s->comoment[sy_packed_index(s->m, j, j)];
	return s->m2[j];
}

double
sy_moments_sd(const sy_moments *s, size_t j)
{
	double		m2 = sy_moments_m2(s, j);

	if (!(s->hi[j] > s->lo[j]) || !(m2 > 0.0))
		return 0.0;
	return sqrt(m2 / (s->n - 1.0));
}

static sy_status
normalize_weights(size_t m, const double *score, double *weight)
{
	double		total = 0.0;

	for (size_t j = 0; j < m; j++)
		total += score[j];
	for (size_t j = 0; j < m; j++)
		weight[j] = total > 0.0 ? score[j] / total : NAN;
	return total > 0.0 ? SY_OK : SY_UNDEFINED;
}

sy_status
sy_stddev_weights(const sy_moments *s, double *sd, double *weight)
{
	/* standard deviation of the min-max scores: sd(x) / range */
	for (size_t j = 0; j < s->m; j++)
		sd[j] = s->n >= 2.0 && s->hi[j] > s->lo[j]
			? sy_moments_sd(s, j) / (s->hi[j] - s->lo[j]) : 0.0;
	if (s->n < 2.0)
	{
		for (size_t j = 0; j < s->m; j++)
			sd[j] = weight[j] = NAN;
		return SY_UNDEFINED;
	}
	return normalize_weights(s->m, sd, weight);
}

sy_status
sy_cv_weights(const sy_moments *s, double *cv, double *weight, size_t *bad)
{
	if (s->n < 2.0)
	{
		for (size_t j = 0; j < s->m; j++)
			cv[j] = weight[j] = NAN;
		return SY_UNDEFINED;
	}
	for (size_t j = 0; j < s->m; j++)
	{
		double		sd = sy_moments_sd(s, j);

		if (sd == 0.0)
			cv[j] = 0.0;
		else if (fabs(sy_moments_mean(s, j)) <=
				 8.0 * DBL_EPSILON * fmax(fabs(s->lo[j]), fabs(s->hi[j])))
		{
			/* zero up to rounding: which side of 0 it lands depends on
			 * the order of the rows, so treat it as 0 */
			/* CV needs ratio-scale data with a non-zero mean */
			*bad = j;
			return SY_EDOMAIN;
		}
		else
			cv[j] = sd / fabs(sy_moments_mean(s, j));
	}
	return normalize_weights(s->m, cv, weight);
}

sy_status
sy_critic_weights(const sy_moments *s, const int *dir,
				  double *sd, double *conflict, double *info, double *weight)
{
	size_t		m = s->m;

	if (s->n < 2.0 || s->comoment == NULL)
	{
		for (size_t j = 0; j < m; j++)
			sd[j] = conflict[j] = info[j] = weight[j] = NAN;
		return SY_UNDEFINED;
	}
	/* sd of the min-max scores; correlations are those of the raw columns,
	 * with the sign flipped between a benefit and a cost column */
	for (size_t j = 0; j < m; j++)
		sd[j] = s->hi[j] > s->lo[j] ? sy_moments_sd(s, j) / (s->hi[j] - s->lo[j]) : 0.0;
	for (size_t j = 0; j < m; j++)
	{
		double		sum = 0.0;

		if (sd[j] > 0.0)
		{
			double		cjj = s->comoment[sy_packed_index(m, j, j)];

			for (size_t k = 0; k < m; k++)
			{
				double		ckk,
							cjk,
							r;

				/* a constant indicator is not a criterion: it adds no conflict */
				if (k == j || !(sd[k] > 0.0))
					continue;
				ckk = s->comoment[sy_packed_index(m, k, k)];
				cjk = sy_moments_comoment(s, j, k);
				r = cjk / (sqrt(cjj) * sqrt(ckk));
				if (r > 1.0)
					r = 1.0;
				else if (r < -1.0)
					r = -1.0;
				if (sy_dir(dir, j) != sy_dir(dir, k))
					r = -r;
				sum += 1.0 - r;
			}
		}
		conflict[j] = sum;
		info[j] = sd[j] * sum;
	}
	return normalize_weights(m, info, weight);
}

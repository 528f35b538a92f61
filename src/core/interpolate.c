/*
 * interpolate.c - linear gap filling along an increasing t.
 */
#include "sy_core.h"

/*
 * The line through (t0, x0) and (t1, x1) at t, as (1 - f) x0 + f x1: exact
 * at both ends, and no x1 - x0 to overflow between huge values of
 * opposite signs.
 */
static double
line_at(double t0, double x0, double t1, double x1, double t)
{
	double		f = (t - t0) / (t1 - t0);

	return (1.0 - f) * x0 + f * x1;
}

void
sy_interpolate_sorted(const double *t, const double *x,
					  unsigned char *known, size_t n, sy_edges edges,
					  double *out)
{
	size_t		obs[4] = {n, n, n, n};	/* first, second, second-last, last */
	size_t		prev = n;

	for (size_t i = 0; i < n; i++)
	{
		out[i] = x[i];
		if (!known[i])
			continue;
		if (obs[0] == n)
			obs[0] = i;
		else if (obs[1] == n)
			obs[1] = i;
		obs[2] = obs[3];
		obs[3] = i;
		prev = i;
	}
	if (obs[0] == n)
		return;					/* nothing observed: nothing to fill */

	/* interior gaps, between consecutive observations */
	prev = obs[0];
	for (size_t i = obs[0] + 1; i <= obs[3]; i++)
	{
		if (!known[i])
			continue;
		for (size_t k = prev + 1; k < i; k++)
		{
			out[k] = line_at(t[prev], x[prev], t[i], x[i], t[k]);
			known[k] = 1;
		}
		prev = i;
	}
	if (edges == SY_EDGES_NONE)
		return;

	/*
	 * Leading and trailing gaps: the nearest observation, or the line
	 * through the two outermost observations at that end (flat when there
	 * is only one).
	 */
	for (size_t k = 0; k < obs[0]; k++)
	{
		out[k] = edges == SY_EDGES_LINEAR && obs[1] != n
			? line_at(t[obs[0]], x[obs[0]], t[obs[1]], x[obs[1]], t[k])
			: x[obs[0]];
		known[k] = 1;
	}
	for (size_t k = obs[3] + 1; k < n; k++)
	{
		out[k] = edges == SY_EDGES_LINEAR && obs[2] != n
			? line_at(t[obs[2]], x[obs[2]], t[obs[3]], x[obs[3]], t[k])
			: x[obs[3]];
		known[k] = 1;
	}
}

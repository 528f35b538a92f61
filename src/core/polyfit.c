/*
 * polyfit.c - polynomial trend lines and surfaces of a spatial variable,
 * the numerics of ArcGIS's trend analysis.
 *
 * Projected coordinates in metres are around 1e6, and x^6 around 1e36: a
 * Vandermonde matrix on raw coordinates is numerically singular long before
 * order 6.  So positions are first centred on the midpoint of their range
 * and divided by its half-width (t in [-1, 1]); the fit runs on t, by QR.
 * The raw-coordinate coefficients are derived afterwards by binomial
 * expansion, for display: evaluating them at large x cancels digits, the
 * scaled form does not.
 */
#include <math.h>

#include "sy_core_spatial.h"
#include "lsq.h"

#define SHAPE_SAMPLES 201
#define SHAPE_FLAT_SHARE 0.05
#define SHAPE_TURN_SHARE 0.05

static const char *const shape_names[] = {
	"flat", "rising", "falling", "U", "inverted U", "N", "inverted N", "W", "M", "wave"
};

const char *
sy_trend_shape_name(sy_trend_shape s)
{
	return shape_names[s];
}

double
sy_poly_eval(const double *a, int order, double t)
{
	double		v = a[order];

	for (int k = order - 1; k >= 0; k--)
		v = v * t + a[k];
	return v;
}

void
sy_rotate(double *x, double *y, size_t n, double degrees)
{
	double		r,
				c,
				s;

	if (degrees == 0.0)
		return;
	r = fmod(degrees, 360.0) * (3.14159265358979323846 / 180.0);
	c = cos(r);
	s = sin(r);
	/* exact for the quarter turns, where cos or sin should be 0 */
	if (fmod(degrees, 90.0) == 0.0)
	{
		c = round(c);
		s = round(s);
	}
	for (size_t i = 0; i < n; i++)
	{
		double		xi = x[i],
					yi = y[i];

		x[i] = xi * c + yi * s;
		y[i] = -xi * s + yi * c;
	}
}

static double
binom(int n, int k)
{
	double		b = 1.0;

	for (int i = 1; i <= k; i++)
		b = b * (n - k + i) / i;
	return b;
}

sy_trend_shape
sy_trend_shape_of(const double *a, int order, double zrange,
				  double *fit_lo, double *fit_hi)
{
	double		f[SHAPE_SAMPLES];
	double		lo = INFINITY,
				hi = -INFINITY,
				h,
				ext = 0.0;
	int			dir = 0,
				runs = 0,
				first = 0;

	for (int s = 0; s < SHAPE_SAMPLES; s++)
	{
		f[s] = sy_poly_eval(a, order, -1.0 + 2.0 * s / (SHAPE_SAMPLES - 1));
		lo = fmin(lo, f[s]);
		hi = fmax(hi, f[s]);
	}
	*fit_lo = lo;
	*fit_hi = hi;
	if (!(zrange > 0.0) || hi - lo <= SHAPE_FLAT_SHARE * zrange)
		return SY_SHAPE_FLAT;

	/* a zigzag filter: a turn counts once the curve came back by h */
	h = SHAPE_TURN_SHARE * (hi - lo);
	lo = hi = f[0];
	for (int s = 1; s < SHAPE_SAMPLES; s++)
	{
		if (dir == 0)
		{
			lo = fmin(lo, f[s]);
			hi = fmax(hi, f[s]);
			if (hi - lo >= h)
			{
				dir = f[s] == hi ? 1 : -1;
				first = dir;
				runs = 1;
				ext = f[s];
			}
		}
		else if (dir > 0)
		{
			if (f[s] > ext)
				ext = f[s];
			else if (ext - f[s] >= h)
			{
				dir = -1;
				runs++;
				ext = f[s];
			}
		}
		else
		{
			if (f[s] < ext)
				ext = f[s];
			else if (f[s] - ext >= h)
			{
				dir = 1;
				runs++;
				ext = f[s];
			}
		}
	}
	switch (runs)
	{
		case 0:
			return SY_SHAPE_FLAT;
		case 1:
			return first > 0 ? SY_SHAPE_RISING : SY_SHAPE_FALLING;
		case 2:
			return first > 0 ? SY_SHAPE_INV_U : SY_SHAPE_U;
		case 3:
			return first > 0 ? SY_SHAPE_N : SY_SHAPE_INV_N;
		case 4:
			return first > 0 ? SY_SHAPE_M : SY_SHAPE_W;
		default:
			return SY_SHAPE_WAVE;
	}
}

/* Whether x has at least k distinct values (k small). */
static int
has_distinct(const double *x, size_t n, int k)
{
	double		seen[SY_TREND_MAX_ORDER + 1];
	int			m = 0;

	for (size_t i = 0; i < n && m < k; i++)
	{
		int			j;

		for (j = 0; j < m; j++)
			if (seen[j] == x[i])
				break;
		if (j == m)
			seen[m++] = x[i];
	}
	return m >= k;
}

/* Two-pass sum of squares about the mean, and the range, of z. */
static void
z_spread(const double *z, size_t n, double *sst, double *zrange)
{
	double		mean = 0.0,
				lo = INFINITY,
				hi = -INFINITY,
				ss = 0.0;

	for (size_t i = 0; i < n; i++)
	{
		mean += z[i];
		lo = fmin(lo, z[i]);
		hi = fmax(hi, z[i]);
	}
	mean /= (double) n;
	for (size_t i = 0; i < n; i++)
		ss += (z[i] - mean) * (z[i] - mean);
	*sst = ss;
	*zrange = hi - lo;
}

sy_status
sy_polyfit(const double *x, const double *z, size_t n, int order,
		   double *work, sy_trend_fit *out)
{
	int			p = order + 1;
	double	   *a = work;
	double	   *r = work + (size_t) p * n;
	double		sst,
				zrange,
				rss = 0.0;
	sy_status	st;

	out->order = order;
	out->n = n;
	out->r2 = NAN;
	out->shape = SY_SHAPE_FLAT;
	if (order < 1 || order > SY_TREND_MAX_ORDER)
		return SY_EDOMAIN;
	out->lo = out->hi = out->center = out->scale = NAN;
	if (n == 0)
		return SY_UNDEFINED;
	/* the range is reported even when the fit is undefined */
	out->lo = INFINITY;
	out->hi = -INFINITY;
	for (size_t i = 0; i < n; i++)
	{
		out->lo = fmin(out->lo, x[i]);
		out->hi = fmax(out->hi, x[i]);
	}
	out->center = out->lo + (out->hi - out->lo) / 2.0;
	out->scale = (out->hi - out->lo) / 2.0;
	if (!has_distinct(x, n, p) || !(out->scale > 0.0) || !isfinite(out->scale))
		return SY_UNDEFINED;

	for (size_t i = 0; i < n; i++)
	{
		double		t = (x[i] - out->center) / out->scale,
					v = 1.0;

		for (int k = 0; k < p; k++)
		{
			a[(size_t) k * n + i] = v;
			v *= t;
		}
		r[i] = z[i];
	}
	st = sy_lsq_qr(a, n, p, r, out->scaled);
	if (st != SY_OK)
		return st;

	z_spread(z, n, &sst, &zrange);
	for (size_t i = 0; i < n; i++)
	{
		double		e = z[i] - sy_poly_eval(out->scaled, order,
											(x[i] - out->center) / out->scale);

		rss += e * e;
	}
	out->r2 = sst > 0.0 ? fmax(0.0, 1.0 - rss / sst) : NAN;

	/* b_j = sum_{k >= j} a_k C(k, j) (-c)^(k - j) / s^k */
	for (int j = 0; j < p; j++)
	{
		double		b = 0.0;

		for (int k = j; k < p; k++)
			b += out->scaled[k] * binom(k, j) * pow(-out->center, k - j) / pow(out->scale, k);
		out->coef[j] = b;
	}
	out->shape = sy_trend_shape_of(out->scaled, order, zrange, &out->fit_lo, &out->fit_hi);
	return SY_OK;
}

int
sy_surface_terms(int order)
{
	return (order + 1) * (order + 2) / 2;
}

double
sy_surface_eval(const double *a, int order, double t, double u)
{
	double		v = 0.0;
	int			k = 0;

	for (int d = 0; d <= order; d++)
		for (int j = 0; j <= d; j++)
			v += a[k++] * pow(t, d - j) * pow(u, j);
	return v;
}

double
sy_surface_at(const double *a, int order, double cx, double cy,
			  double sx, double sy, double x, double y)
{
	return sy_surface_eval(a, order, (x - cx) / sx, (y - cy) / sy);
}

static void
range_of(const double *x, size_t n, double *c, double *s)
{
	double		lo = INFINITY,
				hi = -INFINITY;

	for (size_t i = 0; i < n; i++)
	{
		lo = fmin(lo, x[i]);
		hi = fmax(hi, x[i]);
	}
	*c = lo + (hi - lo) / 2.0;
	*s = (hi - lo) / 2.0;
	/* a coordinate without spread: leave it unscaled, QR finds the rank */
	if (!(*s > 0.0))
		*s = 1.0;
}

sy_status
sy_surface_fit_ls(const double *x, const double *y, const double *z,
				  size_t n, int order, double *work, sy_surface_fit *out)
{
	int			p;
	double	   *a = work;
	double	   *r;
	double		sst,
				zrange,
				rss = 0.0;
	sy_status	st;

	out->order = order;
	out->n = n;
	out->r2 = NAN;
	if (order < 1 || order > SY_TREND_MAX_ORDER)
		return SY_EDOMAIN;
	p = out->nterms = sy_surface_terms(order);
	if (n < (size_t) p)
		return SY_UNDEFINED;
	r = work + (size_t) p * n;
	range_of(x, n, &out->cx, &out->sx);
	range_of(y, n, &out->cy, &out->sy);
	for (size_t i = 0; i < n; i++)
	{
		double		t = (x[i] - out->cx) / out->sx,
					u = (y[i] - out->cy) / out->sy;
		int			k = 0;

		for (int d = 0; d <= order; d++)
			for (int j = 0; j <= d; j++)
				a[(size_t) (k++) * n + i] = pow(t, d - j) * pow(u, j);
		r[i] = z[i];
	}
	st = sy_lsq_qr(a, n, p, r, out->scaled);
	if (st != SY_OK)
		return st;
	z_spread(z, n, &sst, &zrange);
	for (size_t i = 0; i < n; i++)
	{
		double		e = z[i] - sy_surface_at(out->scaled, order, out->cx, out->cy,
											 out->sx, out->sy, x[i], y[i]);

		rss += e * e;
	}
	out->r2 = sst > 0.0 ? fmax(0.0, 1.0 - rss / sst) : NAN;

	/*
	 * Raw coefficients: term t^i u^j expands into
	 * sum_{p<=i, q<=j} C(i,p) C(j,q) (-cx)^(i-p) (-cy)^(j-q) x^p y^q / (sx^i sy^j).
	 */
	for (int k = 0; k < p; k++)
		out->coef[k] = 0.0;
	{
		int			k = 0;

		for (int d = 0; d <= order; d++)
			for (int j = 0; j <= d; j++, k++)
			{
				int			i = d - j;
				double		f = out->scaled[k] / (pow(out->sx, i) * pow(out->sy, j));

				for (int pp = 0; pp <= i; pp++)
					for (int qq = 0; qq <= j; qq++)
					{
						int			dd = pp + qq;
						int			kk = dd * (dd + 1) / 2 + qq;

						out->coef[kk] += f * binom(i, pp) * binom(j, qq) *
							pow(-out->cx, i - pp) * pow(-out->cy, j - qq);
					}
			}
	}
	return SY_OK;
}

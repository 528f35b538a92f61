/*
 * forecast_interval.c - prediction intervals at 80 % and 95 % for every
 * forecasting method, and the interval measures of a backtest.
 *
 * Few values (10 is a typical annual history) make a spread estimated from
 * the history itself uncertain, so the analytic intervals use Student t
 * quantiles with the residual degrees of freedom instead of normal ones,
 * and the network's simulated innovations are t-distributed for the same
 * reason.  See docs/forecasting.md for the formulas and their calibration.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "sy_core_interval.h"

/* ---- Student t ---- */

/*
 * Continued fraction of the incomplete beta function (modified Lentz),
 * valid for x < (a + 1) / (a + b + 2).
 */
static double
beta_fraction(double x, double a, double b)
{
	const double tiny = 1e-300;
	double		c = 1.0,
				d = 1.0 - (a + b) * x / (a + 1.0),
				f;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1.0 / d;
	f = d;
	for (int m = 1; m <= 10000; m++)
	{
		double		num,
					delta;
		int			m2 = 2 * m;

		/* even term */
		num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		d = 1.0 + num * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		f *= d * c;
		/* odd term */
		num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		d = 1.0 + num * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		delta = d * c;
		f *= delta;
		if (fabs(delta - 1.0) < 1e-16)
			break;
	}
	return f;
}

double
sy_incomplete_beta(double x, double a, double b)
{
	double		lfront;

	if (x <= 0.0)
		return 0.0;
	if (x >= 1.0)
		return 1.0;
	lfront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
	if (x < (a + 1.0) / (a + b + 2.0))
		return exp(lfront) * beta_fraction(x, a, b) / a;
	return 1.0 - exp(lfront) * beta_fraction(1.0 - x, b, a) / b;
}

/*
 * Many degrees of freedom: the incomplete beta function of df / 2 loses
 * digits to cancellation (its continued fraction near x = 1, the log of
 * the beta function as a difference of lgamma values: 1e-10 relative at
 * df = 1e5, every digit at 1e15), while the t distribution is the normal
 * one corrected by the Cornish-Fisher expansion in 1 / df (Abramowitz and
 * Stegun 26.7.5): t = z + g1(z) / df + ... + g4(z) / df^4.  From
 * T_DF_NORMAL on, the quantile is that expansion at the normal quantile z
 * and the distribution function the normal one at the z the expansion maps
 * to t; the first term left out is below 1e-20 of t there for |z| < 8.3
 * (every p in (1e-16, 1 - 1e-16)), and infinite df is the normal
 * distribution itself.  Below T_DF_NORMAL nothing changes.
 */
#define T_DF_NORMAL 1e5

static double
t_from_z(double z, double df)
{
	double		z2 = z * z,
				g1 = (z2 + 1.0) * z / 4.0,
				g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0,
				g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0,
				g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;

	return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/* Upper tail of the standard normal distribution, P(Z > z). */
static double
normal_upper(double z)
{
	return 0.5 * erfc(z * 0.70710678118654752440);	/* z / sqrt(2) */
}

/* The z >= 0 with t_from_z(z, df) = t >= 0, by Newton from z = t. */
static double
z_from_t(double t, double df)
{
	double		z = t;

	for (int it = 0; it < 20; it++)
	{
		/* the derivative of t_from_z to the first order in 1 / df: enough
		 * for Newton, the correction being below 0.2 for t <= 40 */
		double		step = (t_from_z(z, df) - t) / (1.0 + (3.0 * z * z + 1.0) / (4.0 * df));

		z -= step;
		if (!(fabs(step) > 1e-17 * z))
			break;
	}
	return z;
}

double
sy_t_cdf(double t, double df)
{
	double		tail;

	if (isnan(t) || !(df > 0.0))
		return NAN;
	if (isinf(t))
		return t > 0 ? 1.0 : 0.0;
	if (df >= T_DF_NORMAL)
	{
		/* beyond |t| = 40 either tail is below the smallest double (the
		 * expansion holds while t^2 is small against df) */
		tail = fabs(t) > 40.0 ? 0.0 : normal_upper(z_from_t(fabs(t), df));
		return t > 0 ? 1.0 - tail : tail;
	}
	/* P(|T| > |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2), written so that
	 * neither argument loses digits: x = 1 / (1 + t^2 / df) */
	{
		double		r = t * t / df;

		if (r < 1.0)
			tail = 1.0 - sy_incomplete_beta(r / (1.0 + r), 0.5, df / 2.0);
		else if (r <= 1e300)
			tail = sy_incomplete_beta(1.0 / (1.0 + r), df / 2.0, 0.5);
		else
		{
			/*
			 * x = 1 / (1 + r) below 1e-300 (or r overflowing: few df, the
			 * tails so heavy that such t are quantiles): I_x(a, 1/2) is
			 * x^a / (a B(a, 1/2)) to a relative 1e-300, in logs, with
			 * log x = log df - 2 log |t|
			 */
			double		a = df / 2.0;

			tail = exp(a * (log(df) - 2.0 * log(fabs(t))) - lgamma(a) - lgamma(0.5) + lgamma(a + 0.5)) / a;
		}
	}
	return t > 0 ? 1.0 - tail / 2.0 : tail / 2.0;
}

/*
 * The quantile, p in (0, 1) but not 0.5, df > 0.  Below T_DF_NORMAL by
 * bisection on sy_t_cdf to the last bit, for the upper p (1 - p for p <
 * 0.5, then the sign turned); from T_DF_NORMAL on the expansion at the
 * normal quantile, found by bisection on the tail probability itself (p or
 * 1 - p, both exact), so that small p keep their digits.
 */
static double
t_quantile(double p, double df)
{
	double		sign = p < 0.5 ? -1.0 : 1.0,
				lo = 0.0,
				hi = 1.0;

	if (df >= T_DF_NORMAL)
	{
		double		tail = p < 0.5 ? p : 1.0 - p;

		hi = 40.0;				/* normal_upper(40) underflows to 0 */
		for (int it = 0; it < 200; it++)
		{
			double		mid = lo + (hi - lo) / 2.0;

			if (mid <= lo || mid >= hi)
				break;
			if (normal_upper(mid) > tail)
				lo = mid;
			else
				hi = mid;
		}
		return sign * t_from_z(lo + (hi - lo) / 2.0, df);
	}
	if (p < 0.5)
		p = 1.0 - p;
	/* bracket, then bisect to the last bit (the CDF is monotone); beyond
	 * the largest double (few df) the quantile is infinite */
	while (sy_t_cdf(hi, df) < p)
	{
		if (hi > DBL_MAX / 2.0)
			return sign * INFINITY;
		lo = hi;
		hi *= 2.0;
	}
	for (int it = 0; it < 200; it++)
	{
		double		mid = lo + (hi - lo) / 2.0;

		if (mid <= lo || mid >= hi)
			break;
		if (sy_t_cdf(mid, df) < p)
			lo = mid;
		else
			hi = mid;
	}
	return sign * (lo + (hi - lo) / 2.0);
}

/*
 * Quantiles already computed in this process, keyed by the bits of p and
 * df: the interval functions ask for the same two levels and few degrees
 * of freedom series after series, and each bisection costs some hundred
 * evaluations of the incomplete beta function.  A cached value is the
 * value t_quantile returned, so the cache changes no result.
 * Direct-mapped (a collision replaces the entry), so bounded; an entry
 * with p == 0 is empty (p is in (0, 1) here, and df > 0 and not NaN: both
 * were checked, so equal keys are equal bits).  Static memory: the core
 * runs single-threaded (one PostgreSQL backend, the unit tests, the
 * fuzzer).
 */
#define T_CACHE_BITS 6
typedef struct t_cache_entry
{
	double		p,
				df,
				q;
} t_cache_entry;
static t_cache_entry t_cache[1 << T_CACHE_BITS];

static uint64_t
double_bits(double x)
{
	uint64_t	b;

	memcpy(&b, &x, sizeof(b));
	return b;
}

double
sy_t_quantile(double p, double df)
{
	uint64_t	pb,
				dfb;
	t_cache_entry *e;

	if (!(p > 0.0 && p < 1.0) || !(df > 0.0))
		return NAN;
	if (p == 0.5)
		return 0.0;
	pb = double_bits(p);
	dfb = double_bits(df);
	e = &t_cache[((pb * UINT64_C(0x9e3779b97f4a7c15)) ^ (dfb * UINT64_C(0xc2b2ae3d27d4eb4f)))
				 >> (64 - T_CACHE_BITS)];
	if (double_bits(e->p) != pb || double_bits(e->df) != dfb)
	{
		e->q = t_quantile(p, df);
		e->p = p;
		e->df = df;
	}
	return e->q;
}

/* ---- analytic intervals ---- */

static void
pi_undefined(sy_pi *pi, int horizon)
{
	for (int k = 0; k < horizon; k++)
		pi[k].lower_80 = pi[k].upper_80 = pi[k].lower_95 = pi[k].upper_95 = NAN;
}

/* fc -+ q se on the original scale, q80 and q95 the t quantiles */
static void
pi_additive(const double *fc, int k, double se, double q80, double q95, sy_pi *pi)
{
	pi[k].lower_80 = fc[k] - q80 * se;
	pi[k].upper_80 = fc[k] + q80 * se;
	pi[k].lower_95 = fc[k] - q95 * se;
	pi[k].upper_95 = fc[k] + q95 * se;
}

void
sy_pi_naive(const double *y, int n, const double *fc, int horizon, sy_pi *pi)
{
	double		big = 0.0,
				ss = 0.0,
				sigma,
				q80,
				q95;

	if (n < 2)
	{
		pi_undefined(pi, horizon);
		return;
	}
	/* squares of steps scaled by the largest, so they cannot overflow */
	for (int i = 1; i < n; i++)
		big = fmax(big, fabs(y[i] / 2.0 - y[i - 1] / 2.0));
	for (int i = 1; i < n; i++)
	{
		double		d = big > 0.0 ? (y[i] / 2.0 - y[i - 1] / 2.0) / big : 0.0;

		ss += d * d;
	}
	sigma = 2.0 * big * sqrt(ss / (n - 1));
	q80 = sy_t_quantile(0.5 + SY_PI_LEVEL_80 / 2.0, n - 1);
	q95 = sy_t_quantile(0.5 + SY_PI_LEVEL_95 / 2.0, n - 1);
	for (int k = 0; k < horizon; k++)
		pi_additive(fc, k, sigma * sqrt((double) (k + 1)), q80, q95, pi);
}

void
sy_pi_drift(const double *y, int n, const double *fc, int horizon, sy_pi *pi)
{
	double		big = 0.0,
				ss = 0.0,
				mean,
				s,
				q80,
				q95;
	int			T = n - 1;		/* steps */

	if (n < 3)
	{
		pi_undefined(pi, horizon);
		return;
	}
	mean = (y[n - 1] / 2.0 - y[0] / 2.0) / T;	/* half the mean step */
	for (int i = 1; i < n; i++)
		big = fmax(big, fabs(y[i] / 2.0 - y[i - 1] / 2.0 - mean));
	for (int i = 1; i < n; i++)
	{
		double		d = big > 0.0 ? (y[i] / 2.0 - y[i - 1] / 2.0 - mean) / big : 0.0;

		ss += d * d;
	}
	s = 2.0 * big * sqrt(ss / (T - 1));
	q80 = sy_t_quantile(0.5 + SY_PI_LEVEL_80 / 2.0, T - 1);
	q95 = sy_t_quantile(0.5 + SY_PI_LEVEL_95 / 2.0, T - 1);
	for (int k = 0; k < horizon; k++)
	{
		double		h = k + 1;

		pi_additive(fc, k, s * sqrt(h * (1.0 + h / T)), q80, q95, pi);
	}
}

/* Origins of the rolling refits of GM(1,1): at most this many, the last. */
#define PI_GM_MAX_ORIGINS 20

size_t
sy_pi_gm11_work_size(int n)
{
	return (size_t) n + PI_GM_MAX_ORIGINS;
}

void
sy_pi_gm11(const double *x, int n, const double *fc, int horizon,
		   double *work, sy_pi *pi)
{
	double	   *fitted = work,
			   *ahead = work + n;
	int			first = n - PI_GM_MAX_ORIGINS,
				origins = 0,
				terms = 0,
				logscale = 1;
	double		ss = 0.0,
				s,
				q80,
				q95;

	if (first < SY_GM11_MIN_HISTORY)
		first = SY_GM11_MIN_HISTORY;
	for (int pass = 0; pass < 2; pass++)
	{
		/* pass 0: is every value and refitted forecast positive (log
		 * scale)?  pass 1: the squared errors per step of horizon */
		origins = terms = 0;
		ss = 0.0;
		for (int o = first; o < n; o++)
		{
			sy_gm11		fit;

			if (sy_gm11_fit(x, o, &fit, fitted) != SY_OK)
				continue;
			sy_gm11_forecast(&fit, x[0], o, n - o, ahead);
			origins++;
			for (int h = 1; h <= n - o; h++)
			{
				double		a = x[o + h - 1],
							f = ahead[h - 1],
							e;

				if (pass == 0)
				{
					if (!(a > 0.0 && f > 0.0 && isfinite(f)))
						logscale = 0;
					continue;
				}
				e = logscale ? log(a / f) : a - f;
				ss += e * e / h;
				terms++;
			}
		}
	}
	if (origins < 2 || terms == 0)
	{
		pi_undefined(pi, horizon);
		return;
	}
	s = sqrt(ss / terms);
	q80 = sy_t_quantile(0.5 + SY_PI_LEVEL_80 / 2.0, origins - 1);
	q95 = sy_t_quantile(0.5 + SY_PI_LEVEL_95 / 2.0, origins - 1);
	for (int k = 0; k < horizon; k++)
	{
		double		se = s * sqrt((double) (k + 1));

		if (logscale && fc[k] > 0.0)
		{
			pi[k].lower_80 = fc[k] * exp(-q80 * se);
			pi[k].upper_80 = fc[k] * exp(q80 * se);
			pi[k].lower_95 = fc[k] * exp(-q95 * se);
			pi[k].upper_95 = fc[k] * exp(q95 * se);
		}
		else if (logscale)
		{
			/* log-scale errors around a forecast that is not positive */
			pi[k].lower_80 = pi[k].upper_80 = pi[k].lower_95 = pi[k].upper_95 = NAN;
		}
		else
			pi_additive(fc, k, se, q80, q95, pi);
	}
}

/* ---- the network: simulated paths ---- */

/* One-step errors computed on at most this many of the last values. */
#define PI_BP_MAX_ERRORS 200
/* Values the paths may visit in all (path length times steps times paths):
 * fewer paths for long series or horizons, no interval below the minimum. */
#define PI_BP_BUDGET 1e8
#define PI_BP_MIN_PATHS 50

static uint64_t
pi_mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* The number of paths for a history of n values and horizon steps. */
static int
bp_paths(int n, int horizon, int npaths)
{
	double		cost = (double) horizon * ((double) n + horizon);
	double		fit = PI_BP_BUDGET / cost;

	if (fit < npaths)
		npaths = (int) fit;
	return npaths < PI_BP_MIN_PATHS ? 0 : npaths;
}

size_t
sy_pi_bp_work_size(const sy_bp_model *model, int n, int horizon, int npaths)
{
	int			paths = bp_paths(n, horizon, npaths);

	/*
	 * path (or the one-step errors), one-step work, the simulated values,
	 * the one-step forecasts on the history
	 */
	return (size_t) (n + horizon) + sy_bp_forecast_work_size(model, n + horizon, 1)
		+ (size_t) paths * (size_t) horizon + (size_t) n;
}

/*
 * The innovations' scale from m one-step errors e (divided by f[i] when f
 * is not NULL): the root mean square times Akaike's final prediction error
 * factor (m + p) / (m - p), the expected one-step error of a p-parameter
 * autoregression fitted by least squares on m values (in-sample errors
 * understate errors on new values).  Squares are taken relative to the
 * largest error, so they neither overflow nor underflow.  NaN when an
 * error is NaN or infinite.
 */
static double
pi_error_scale(const double *e, const double *f, int m, int p)
{
	double		big = 0.0,
				ss = 0.0;

	for (int i = 0; i < m; i++)
	{
		double		r = f ? e[i] / f[i] : e[i];

		if (isnan(r) || isinf(r))
			return NAN;
		big = fmax(big, fabs(r));
	}
	if (big > 0.0)
		for (int i = 0; i < m; i++)
		{
			double		r = (f ? e[i] / f[i] : e[i]) / big;

			ss += r * r;
		}
	return big * sqrt(ss / m * (m + p) / (m - p));
}

bool
sy_pi_errors_relative(const double *y, int n, const double *f, const double *e, int m, int p)
{
	double		s;

	if (m - p < 1)
		return false;
	for (int t = 0; t < n; t++)
		if (!(y[t] > 0.0))
			return false;
	for (int i = 0; i < m; i++)
		if (!(f[i] > 0.0))
			return false;
	s = pi_error_scale(e, f, m, p);
	return s * sy_t_quantile(0.5 + SY_PI_LEVEL_95 / 2.0, m - p) < 1.0;
}

/* A standard normal and a Student t variate from the host's generator. */
static double
uniform_open(const sy_host *host)
{
	double		u;

	do
		u = host->random_double(host->ctx);
	while (u <= 0.0);
	return u;
}

static double
t_variate(const sy_host *host, double df)
{
	/* Bailey's polar method: exact for any df > 0 */
	for (;;)
	{
		double		u = 2.0 * uniform_open(host) - 1.0,
					v = 2.0 * uniform_open(host) - 1.0,
					w = u * u + v * v;

		if (w > 0.0 && w < 1.0)
			return u * sqrt(df * (pow(w, -2.0 / df) - 1.0) / w);
	}
}

/*
 * Rearrange v[lo..hi] so that v[k] (lo <= k <= hi) holds the value it would
 * hold were v[lo..hi] sorted, values before it not larger and values after
 * it not smaller.  Quickselect with Lomuto's partition written without a
 * branch on the comparison (each value is swapped with the first of the
 * values not below the pivot, and that boundary advances by the
 * comparison), so a random order costs no mispredicted branches; the pivot
 * is the median of the first, middle and last values; the values equal to
 * the pivot are gathered by a second pass when k lies beyond the smaller
 * ones, so ties (clamped paths) cannot make it quadratic.  The loops run
 * over indices only, so NaN values cannot take them out of the range.
 */
static void
select_rank(double *v, int lo, int hi, int k)
{
	while (hi - lo > 0)
	{
		int			mid = lo + (hi - lo) / 2,
					s = lo;
		double		a = v[lo],
					b = v[mid],
					c = v[hi],
					pivot;

		/* median of three (NaN: any of them), swapped to v[hi] */
		if ((a < b) == (b < c))
			pivot = b, v[mid] = c;
		else if ((b < a) == (a < c))
			pivot = a, v[lo] = c;
		else
			pivot = c;
		v[hi] = pivot;
		for (int i = lo; i < hi; i++)
		{
			double		x = v[i];

			v[i] = v[s];
			v[s] = x;
			s += x < pivot;
		}
		v[hi] = v[s];
		v[s] = pivot;
		/* v[lo..s-1] < pivot == v[s] <= v[s+1..hi] */
		if (k < s)
		{
			hi = s - 1;
			continue;
		}
		if (k == s)
			return;
		/* the values equal to the pivot next to it */
		lo = ++s;
		for (int i = lo; i <= hi; i++)
		{
			double		x = v[i];

			v[i] = v[s];
			v[s] = x;
			s += x <= pivot;
		}
		if (k < s)
			return;
		lo = s;
	}
}

/* Ranges at most this long are sorted (insertion) rather than selected in. */
#define QUANTILE_SORT_BELOW 32

/*
 * Put the values of the ranks r[0..nr-1] (strictly increasing, within
 * [lo, hi]) in their places v[r[i]], given that v[lo..hi] holds the values
 * of ranks lo..hi of the whole array: select the middle rank, then the
 * ranks below it on its left and those above it on its right, so that each
 * selection works on the part between two ranks already placed; a short
 * part is sorted instead.
 */
static void
select_ranks(double *v, int lo, int hi, const int *r, int nr)
{
	while (nr > 0)
	{
		int			mid,
					k;

		if (hi - lo < QUANTILE_SORT_BELOW)
		{
			for (int i = lo + 1; i <= hi; i++)
			{
				double		x = v[i];
				int			j = i;

				for (; j > lo && v[j - 1] > x; j--)
					v[j] = v[j - 1];
				v[j] = x;
			}
			return;
		}
		mid = nr / 2;
		k = r[mid];
		select_rank(v, lo, hi, k);
		select_ranks(v, lo, k - 1, r, mid);
		lo = k + 1;
		r += mid + 1;
		nr -= mid + 1;
	}
}

/* Probabilities whose ranks are selected together (two ranks each). */
#define QUANTILE_BATCH 16

/*
 * R's type 7 quantiles of v[0..n-1] at the increasing probabilities
 * p[0..m-1] into q, by selection (v is reordered): the two ranks each
 * quantile interpolates between, for up to QUANTILE_BATCH probabilities at
 * a time, are put in place by select_ranks, each batch above the ranks of
 * the one before.  The values of given ranks do not depend on how they are
 * found, so the quantiles are those of a full sort.
 */
void
sy_quantiles7(double *v, int n, const double *p, int m, double *q)
{
	int			done = 0;		/* v[0..done-1]: the smallest values */

	for (int first = 0; first < m; first += QUANTILE_BATCH)
	{
		int			last = first + QUANTILE_BATCH < m ? first + QUANTILE_BATCH : m,
					r[2 * QUANTILE_BATCH],
					nr = 0;

		for (int i = first; i < last; i++)
		{
			int			lo = (int) floor((n - 1) * p[i]);

			for (int k = lo; k <= lo + 1 && k < n; k++)
				if (k >= done && (nr == 0 || k > r[nr - 1]))
					r[nr++] = k;
		}
		select_ranks(v, done, n - 1, r, nr);
		for (int i = first; i < last; i++)
		{
			double		h = (n - 1) * p[i];
			int			lo = (int) floor(h);

			q[i] = lo >= n - 1 ? v[n - 1] : v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
		}
		if (nr > 0)
			done = r[nr - 1] + 1;
	}
}

static double
clamp_to(double v, double lower, double upper)
{
	if (!isnan(lower) && v < lower)
		return lower;
	if (!isnan(upper) && v > upper)
		return upper;
	return v;
}

void
sy_pi_bp(const sy_bp_model *model, const double *y, int n, int horizon,
		 int npaths, uint64_t seed, const sy_host *host, double *work, sy_pi *pi)
{
	int			first = sy_bp_min_history(model),
				paths = bp_paths(n, horizon, npaths),
				m,
				p = model->lags + 1;
	double	   *path = work,
			   *fwork = path + n + horizon,
			   *sims = fwork + sy_bp_forecast_work_size(model, n + horizon, 1),
			   *onestep = sims + (size_t) paths * horizon;
	double		s,
				df,
				center_sd,
				level_sd;
	bool		relative;
	sy_bp_model member;
	/* values of the training signal of this history (differences: n - 1) */
	int			mt = n - (sy_bp_min_history(model) - model->lags);

	if (first < n - PI_BP_MAX_ERRORS)
		first = n - PI_BP_MAX_ERRORS;
	m = n - first;
	if (paths == 0 || m - p < 1 || host == NULL || host->random_double == NULL)
	{
		pi_undefined(pi, horizon);
		return;
	}

	/*
	 * One-step errors of the whole model on the history, e_t = y_t - f_t
	 * with f_t = f(y_1..y_t-1) (path is free until the simulation).  When
	 * the history and these forecasts are all positive, the errors are
	 * taken relative to the forecast, e_t / f_t, and each simulated step's
	 * innovation is scaled by that step's forecast: multiplicative errors,
	 * as ETS(M,.,.).  A growing series' early errors are smaller than its
	 * recent ones in the values' units; taken constant, they made the
	 * intervals of trending series too narrow, the more so the longer the
	 * history (80 % intervals fitted on 30 values covered 59 % of the
	 * benchmark's trending windows; relative errors: 77 %).  Relative
	 * errors so large that a step's 95 % range would reach below 0 say the
	 * errors are not a fraction of the level (a series that drops to near
	 * 0 and back): those stay in the values' units, where paths cannot
	 * grow like a random walk in logarithms.  The values checked for
	 * positivity are those the error forecasts use and after.
	 */
	for (int t = first; t < n; t++)
	{
		sy_bp_forecast(model, y, t, 1, host, fwork, &onestep[t - first]);
		path[t - first] = y[t] - onestep[t - first];
	}
	{
		int			lo = first > sy_bp_min_history(model) ? first - sy_bp_min_history(model) : 0;

		relative = sy_pi_errors_relative(y + lo, n - lo, onestep, path, m, p);
	}
	if (relative)
		for (int i = 0; i < m; i++)
			path[i] /= onestep[i];
	s = pi_error_scale(path, NULL, m, p);
	df = m - p;
	if (!isfinite(s))
	{
		pi_undefined(pi, horizon);
		return;
	}

	/*
	 * The spread of the training signal, for the centre's standard error:
	 * the model's scale, except where that is the divisor 1 that fitting
	 * puts for a signal that does not vary (a constant history; an exact
	 * line on differences), whose centre is known exactly.  With the 1 the
	 * bounds were about -+1 in the units of the values, whatever they were.
	 */
	center_sd = model->scale;
	level_sd = model->level_scale;
	if (center_sd == 1.0
		&& sy_bp_signal_spread(model->transform == SY_BP_AUTO ? SY_BP_DIFFERENCE : model->transform,
							   y, n) == 0.0)
		center_sd = 0.0;
	if (model->transform == SY_BP_AUTO && level_sd == 1.0
		&& sy_bp_signal_spread(SY_BP_LEVEL, y, n) == 0.0)
		level_sd = 0.0;

	host->seed(host->ctx, pi_mix64(seed ^ UINT64_C(0x5bd1e9955bd1e995)));
	for (int i = 0; i < paths; i++)
	{
		int			j = (int) (host->random_double(host->ctx) * model->ensemble);

		if (j >= model->ensemble)
			j = model->ensemble - 1;
		/* network j of the ensemble (of both ensembles of an 'auto' model) */
		sy_bp_model_member(model, j, &member);
		if (model->transform == SY_BP_AUTO)
		{
			/*
			 * The parts of 'auto' (networks on differences, on levels,
			 * exponential smoothing, drift) as a mixture: each path follows one
			 * part, drawn with its combination weight, so the paths spread
			 * as far as the parts disagree (the predictive distribution of
			 * a model average), not only as far as their average moves.
			 */
			double		u = host->random_double(host->ctx),
						acc = 0.0;
			int			part = -1;

			for (int q = 0; q < SY_BP_AUTO_PARTS; q++)
				if (model->combine[q] > 0.0)
				{
					acc += model->combine[q];
					part = q;
					if (u < acc)
						break;
				}
			for (int q = 0; q < SY_BP_AUTO_PARTS; q++)
				member.combine[q] = q == part ? 1.0 : 0.0;
		}
		/*
		 * The uncertainty of the centre of the training signal, which a
		 * network with little to learn predicts (the drift of the
		 * differences, the mean of the levels): drawn per path with the
		 * standard error scale / sqrt(values), as rwf(drift = TRUE) adds
		 * the drift's standard error.
		 */
		if (mt > 1 && (model->transform != SY_BP_AUTO || member.combine[0] > 0.0))
			member.center = model->center +
				center_sd / sqrt((double) mt) * t_variate(host, mt - 1);
		if (mt > 1 && model->transform == SY_BP_AUTO && member.combine[1] > 0.0)
			member.level_center = model->level_center +
				level_sd / sqrt((double) mt) * t_variate(host, mt - 1);
		/*
		 * The path's innovations first, in the order of the steps (the
		 * forecasts draw no random numbers, so the stream is the same as
		 * drawing each at its step): independent of each other and of the
		 * forecasts, the draws overlap in the processor instead of each
		 * waiting for the forecast before it.
		 */
		for (int k = 0; k < horizon; k++)
			sims[(size_t) k * paths + i] = s * t_variate(host, df);
		memcpy(path, y, sizeof(double) * n);
		for (int k = 0; k < horizon; k++)
		{
			double		f;

			sy_bp_forecast(&member, path, n + k, 1, host, fwork, &f);
			path[n + k] = clamp_to(f + (relative ? fabs(f) : 1.0) * sims[(size_t) k * paths + i],
								   model->lower, model->upper);
			sims[(size_t) k * paths + i] = path[n + k];
		}
	}
	for (int k = 0; k < horizon; k++)
	{
		const double p[4] = {0.5 - SY_PI_LEVEL_95 / 2.0, 0.5 - SY_PI_LEVEL_80 / 2.0,
		0.5 + SY_PI_LEVEL_80 / 2.0, 0.5 + SY_PI_LEVEL_95 / 2.0};
		double		q[4];

		sy_quantiles7(sims + (size_t) k * paths, paths, p, 4, q);
		pi[k].lower_95 = q[0];
		pi[k].lower_80 = q[1];
		pi[k].upper_80 = q[2];
		pi[k].upper_95 = q[3];
	}
}

/* ---- bounds and measures ---- */

void
sy_pi_clamp(const double *fc, int horizon, double lower, double upper, sy_pi *pi)
{
	for (int k = 0; k < horizon; k++)
	{
		sy_pi	   *b = &pi[k];

		if (isnan(b->lower_80) || isnan(b->upper_80) ||
			isnan(b->lower_95) || isnan(b->upper_95))
		{
			b->lower_80 = b->upper_80 = b->lower_95 = b->upper_95 = NAN;
			continue;
		}
		b->lower_80 = fmin(b->lower_80, fc[k]);
		b->upper_80 = fmax(b->upper_80, fc[k]);
		b->lower_95 = fmin(b->lower_95, b->lower_80);
		b->upper_95 = fmax(b->upper_95, b->upper_80);
		b->lower_80 = clamp_to(b->lower_80, lower, upper);
		b->upper_80 = clamp_to(b->upper_80, lower, upper);
		b->lower_95 = clamp_to(b->lower_95, lower, upper);
		b->upper_95 = clamp_to(b->upper_95, lower, upper);
	}
}

double
sy_naive_mae(const double *y, int n)
{
	double		s = 0.0;

	if (n < 2)
		return NAN;
	for (int i = 1; i < n; i++)
		s += fabs(y[i] / 2.0 - y[i - 1] / 2.0);
	return 2.0 * (s / (n - 1));
}

double
sy_pi_coverage(const double *actual, const sy_pi *pi, int h, int level95)
{
	int			in = 0;

	for (int k = 0; k < h; k++)
	{
		double		lo = level95 ? pi[k].lower_95 : pi[k].lower_80,
					hi = level95 ? pi[k].upper_95 : pi[k].upper_80;

		if (isnan(lo) || isnan(hi))
			return NAN;
		if (actual[k] >= lo && actual[k] <= hi)
			in++;
	}
	return (double) in / h;
}

/*
 * fuzz_core.c - libFuzzer harness over the numeric core's entry points.
 *
 *   make fuzz FUZZ_SECONDS=60      (clang -fsanitize=fuzzer,address,undefined)
 *
 * The first input byte picks an entry point, the next ones its shape and
 * options, and the rest are read as doubles.  Inputs the server glue would
 * reject (non-finite values, overflowing ranges, too few rows) are skipped
 * here too, so what remains is exactly what the core is promised; on that,
 * any crash, sanitizer report or broken invariant (weights that do not sum
 * to 1, a closeness outside [0, 1], a forecast outside its bounds, an R^2
 * above 1, a Moran p value outside [0, 1], a KMO outside [0, 1]) aborts.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sy_core.h"
#include "sy_core_factor.h"
#include "sy_core_forecast.h"
#include "sy_core_spatial.h"
#include "sy_entropy_bounded.h"
#include "sy_exact_sum.h"

typedef struct Input
{
	const uint8_t *p;
	size_t		left;
} Input;

static uint8_t
take_byte(Input *in)
{
	if (in->left == 0)
		return 0;
	in->left--;
	return *in->p++;
}

/* A double from 8 bytes, or a small "nice" value from 1 byte when the top bit of the tag is set. */
static double
take_double(Input *in)
{
	double		d = 0.0;
	uint8_t		tag = take_byte(in);

	if (tag & 0x80)
		return (double) (int8_t) take_byte(in) / (double) (1 + (tag & 0x0f));
	if (in->left < 8)
		return (double) tag;
	memcpy(&d, in->p, 8);
	in->p += 8;
	in->left -= 8;
	return d;
}

#define REQUIRE(cond) do { if (!(cond)) { fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); abort(); } } while (0)

static int
all_finite(const double *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return 0;
	return 1;
}

/* The glue's sy_check_ranges: max - min finite, and its reciprocal too. */
static int
ranges_ok(const double *lo, const double *hi, size_t m)
{
	for (size_t j = 0; j < m; j++)
	{
		double		r = hi[j] - lo[j];

		if (!isfinite(r) || (r > 0.0 && !isfinite(1.0 / r)))
			return 0;
	}
	return 1;
}

static void
fuzz_evaluate(Input *in, int which)
{
	size_t		n = 1 + take_byte(in) % 8,
				m = 1 + take_byte(in) % 6;
	double		x[48],
				lo[6],
				hi[6],
				w[6],
				work[4 * 6],
				e[6],
				dv[6],
				wt[6],
				dp[8],
				dm[8],
				c[8];
	int			dir[6];
	double		wsum = 0.0;

	for (size_t j = 0; j < m; j++)
	{
		dir[j] = (take_byte(in) & 1) ? SY_BENEFIT : SY_COST;
		w[j] = fabs(take_double(in));
		if (!isfinite(w[j]))
			return;
		wsum += w[j];
	}
	for (size_t i = 0; i < n * m; i++)
		x[i] = take_double(in);
	if (!all_finite(x, n * m))
		return;
	sy_range_init(m, lo, hi);
	sy_range_update(x, n, m, lo, hi);
	if (!ranges_ok(lo, hi, m))
		return;
	if (!(wsum > 0.0) || !isfinite(wsum))
		for (size_t j = 0; j < m; j++)
			w[j] = 1.0 / m;
	else
		for (size_t j = 0; j < m; j++)
			w[j] /= wsum;

	switch (which)
	{
		case 0:
			{
				double		shift = (take_byte(in) & 1) ? 0.01 : 0.0;

				if (sy_entropy_weights(x, n, m, lo, hi, dir, shift, work, e, dv, wt) == SY_OK)
				{
					double		s = 0.0;

					for (size_t j = 0; j < m; j++)
					{
						REQUIRE(wt[j] >= 0.0);
						s += wt[j];
					}
					REQUIRE(fabs(s - 1.0) < 1e-9);
				}
			}
			break;
		case 1:
			sy_topsis(x, n, m, lo, hi, w, dir, (take_byte(in) & 1) ? SY_NORM_VECTOR : SY_NORM_MINMAX,
					  work, dp, dm, c);
			for (size_t i = 0; i < n; i++)
				REQUIRE(isnan(c[i]) || (c[i] >= 0.0 && c[i] <= 1.0));
			break;
		default:
			sy_composite_index(x, n, m, lo, hi, w, dir, c);
			for (size_t i = 0; i < n; i++)
				REQUIRE(c[i] >= -1e-12 && c[i] <= 1.0 + 1e-12);
			break;
	}
}

static void
fuzz_moments(Input *in)
{
	size_t		n = 1 + take_byte(in) % 8,
				m = 1 + take_byte(in) % 5;
	double		ref[5],
				mean[5],
				m2[5],
				co[15],
				lo[5],
				hi[5],
				x[5],
				sd[5],
				conflict[5],
				info[5],
				w[5];
	sy_moments	s = {m, 0.0, ref, mean, m2, co, lo, hi};
	size_t		bad;

	sy_moments_reset(&s);
	for (size_t i = 0; i < n; i++)
	{
		for (size_t j = 0; j < m; j++)
			x[j] = take_double(in);
		if (!all_finite(x, m))
			return;
		/* the glue's limit: squares must stay finite */
		for (size_t j = 0; j < m; j++)
			if (fabs(x[j]) > 1e150)
				return;
		sy_moments_add(&s, x);
	}
	if (!ranges_ok(lo, hi, m))
		return;
	if (sy_critic_weights(&s, NULL, sd, conflict, info, w) == SY_OK)
		for (size_t j = 0; j < m; j++)
			REQUIRE(w[j] >= 0.0 && w[j] <= 1.0 + 1e-12);
	if (sy_stddev_weights(&s, sd, w) == SY_OK)
		for (size_t j = 0; j < m; j++)
			REQUIRE(w[j] >= 0.0 && w[j] <= 1.0 + 1e-12);
	(void) sy_cv_weights(&s, sd, w, &bad);
}

static void
fuzz_coupling(Input *in)
{
	size_t		n = 1 + take_byte(in) % 8;
	double		u[8],
				work[8],
				c,
				t,
				d,
				shares[8],
				w[8];

	for (size_t i = 0; i < n; i++)
	{
		u[i] = fabs(take_double(in));
		if (!isfinite(u[i]))
			return;
		u[i] = u[i] > 1.0 ? fmod(u[i], 1.0) : u[i];
		w[i] = 1.0 / n;
	}
	(void) sy_coupling(u, NULL, n, (take_byte(in) & 1) ? SY_CCD_WANG2021 : SY_CCD_CLASSIC, work, &c, &t, &d);
	REQUIRE(isnan(d) || (d >= 0.0 && d <= 1.0 + 1e-12));
	REQUIRE(t >= 0.0 && t <= 1.0 + 1e-12);
	if (!isnan(d))
		REQUIRE(sy_ccd_level(d) >= 1 && sy_ccd_level(d) <= 10);
	if (sy_obstacle_shares(u, w, n, shares) == SY_OK)
		for (size_t i = 0; i < n; i++)
			REQUIRE(shares[i] >= 0.0 && shares[i] <= 1.0 + 1e-12);
}

static void
fuzz_interpolate(Input *in)
{
	size_t		n = 1 + take_byte(in) % 10;
	double		t[10],
				x[10],
				out[10];
	unsigned char known[10];
	double		at = take_double(in);

	if (!isfinite(at))
		return;
	for (size_t i = 0; i < n; i++)
	{
		double		step = fabs(take_double(in));

		if (!isfinite(step) || !(step > 0.0))
			step = 1.0;
		at += step;
		if (!isfinite(at))
			return;
		t[i] = at;
		x[i] = take_double(in);
		known[i] = isfinite(x[i]) && (take_byte(in) & 3) != 0;
		if (!known[i])
			x[i] = 0.0;
	}
	sy_interpolate_sorted(t, x, known, n, (sy_edges) (take_byte(in) % 3), out);
}

/* xorshift behind sy_host, deterministic per input */
static uint64_t fuzz_rng_state;
static void
fuzz_seed(void *st, uint64_t seed)
{
	(void) st;
	fuzz_rng_state = seed | 1;
}
static double
fuzz_uniform(void *st)
{
	(void) st;
	fuzz_rng_state ^= fuzz_rng_state << 13;
	fuzz_rng_state ^= fuzz_rng_state >> 7;
	fuzz_rng_state ^= fuzz_rng_state << 17;
	return (double) (fuzz_rng_state >> 11) * 0x1.0p-53;
}

static void
fuzz_forecast(Input *in)
{
	static const sy_host host = {NULL, NULL, fuzz_seed, fuzz_uniform, NULL};
	int			n = 3 + take_byte(in) % 14,
				horizon = 1 + take_byte(in) % 8;
	double		y[16],
				out[8],
				fitted[16];
	sy_bp_options o;
	sy_gm11		g;
	sy_accuracy acc;

	for (int i = 0; i < n; i++)
		y[i] = take_double(in);
	if (!all_finite(y, n))
		return;

	memset(&o, 0, sizeof(o));
	o.lags = 1 + take_byte(in) % 3;
	o.hidden = take_byte(in) % 6;	/* 0 = search */
	o.ensemble = 1 + take_byte(in) % 3;
	o.epochs = 1 + take_byte(in) % 8;
	o.learning_rate = 0.01 + (take_byte(in) % 50) / 100.0;
	o.decay = (take_byte(in) % 4) / 2.0;
	o.dropout = (take_byte(in) % 3) / 4.0;
	o.seed = take_byte(in);
	o.transform = (sy_bp_transform) (take_byte(in) % 3);
	o.activation = (sy_bp_activation) (take_byte(in) % 2);
	o.lower = NAN;
	o.upper = NAN;
	if (take_byte(in) & 1)
	{
		double		lo = INFINITY,
					hi = -INFINITY;

		for (int i = 0; i < n; i++)
		{
			lo = fmin(lo, y[i]);
			hi = fmax(hi, y[i]);
		}
		if (lo < hi)
		{
			o.lower = lo;
			o.upper = hi;
		}
	}
	o.host = &host;

	if (sy_bp_check(n, &o) == NULL)
	{
		int			H = sy_bp_max_hidden(&o);
		double	   *weights = malloc(sizeof(double) * o.ensemble * sy_bp_nparam(o.lags, H));
		double	   *work = malloc(sizeof(double) * sy_bp_work_size(n, &o));
		sy_bp_model model;

		model.weights = weights;
		if (sy_bp_fit(y, n, &o, work, &model) == SY_OK)
		{
			double	   *fw = malloc(sizeof(double) * sy_bp_forecast_work_size(&model, n, horizon));

			REQUIRE(sy_bp_model_check(&model) == NULL || !all_finite(weights, o.ensemble * sy_bp_nparam(o.lags, model.hidden)));
			sy_bp_forecast(&model, y, n, horizon, NULL, fw, out);
			for (int k = 0; k < horizon; k++)
				if (!isnan(o.upper) && isfinite(out[k]))
					REQUIRE(out[k] >= o.lower && out[k] <= o.upper);
			free(fw);
		}
		free(work);
		free(weights);
	}

	/* GM(1,1) on the absolute values, as the glue requires x >= 0 */
	if (n >= SY_GM11_MIN_HISTORY)
	{
		for (int i = 0; i < n; i++)
			y[i] = fabs(y[i]);
		if (sy_gm11_fit(y, n, &g, fitted) == SY_OK)
		{
			sy_gm11_forecast(&g, y[0], n, horizon, out);
			REQUIRE(isnan(g.p) || (g.p >= 0.0 && g.p <= 1.0));
			REQUIRE(g.grade >= 0 && g.grade <= 4);
		}
	}
	sy_forecast_naive(y, n, horizon, out);
	sy_forecast_drift(y, n, horizon, out);
	if (n > horizon)
	{
		sy_forecast_accuracy(y + n - horizon, out, horizon, &acc);
		REQUIRE(isnan(acc.smape) || (acc.smape >= 0.0 && acc.smape <= 200.0 + 1e-9));
	}
}

static void
fuzz_trend(Input *in)
{
	size_t		n = 1 + take_byte(in) % 16;
	int			order = 1 + take_byte(in) % SY_TREND_MAX_ORDER;
	double		x[16],
				y[16],
				z[16],
				work[16 * (SY_SURFACE_MAX_TERMS + 2)];
	sy_trend_fit fit;
	sy_surface_fit surf;

	for (size_t i = 0; i < n; i++)
	{
		x[i] = take_double(in);
		y[i] = take_double(in);
		z[i] = take_double(in);
		/* the glue's bounds: coordinates and values of sane magnitude */
		if (!isfinite(x[i]) || !isfinite(y[i]) || !isfinite(z[i])
			|| fabs(x[i]) > 1e15 || fabs(y[i]) > 1e15 || fabs(z[i]) > 1e100)
			return;
	}
	sy_rotate(x, y, n, (double) (take_byte(in) % 360));
	if (sy_polyfit(x, z, n, order, work, &fit) == SY_OK)
	{
		REQUIRE(isnan(fit.r2) || fit.r2 <= 1.0 + 1e-9);
		REQUIRE(sy_trend_shape_name(fit.shape) != NULL);
		(void) sy_poly_eval(fit.scaled, order, 0.5);
	}
	if (order <= 3 && sy_surface_fit_ls(x, y, z, n, order, work, &surf) == SY_OK)
	{
		REQUIRE(isnan(surf.r2) || surf.r2 <= 1.0 + 1e-9);
		(void) sy_surface_eval(surf.scaled, order, 0.1, -0.2);
	}
}

static uint64_t
moran_rng(void *ctx, uint64_t bound)
{
	(void) ctx;
	fuzz_rng_state ^= fuzz_rng_state << 13;
	fuzz_rng_state ^= fuzz_rng_state >> 7;
	fuzz_rng_state ^= fuzz_rng_state << 17;
	return bound ? fuzz_rng_state % bound : 0;
}

static const sy_host moran_host = {NULL, NULL, NULL, NULL, moran_rng};

static void
fuzz_moran(Input *in)
{
	size_t		n = 1 + take_byte(in) % 12;
	size_t		start[13],
				nbr[12 * 11],
				iwork[24],
				e = 0;
	double		x[12],
				w[12 * 11],
				work[24];
	sy_local_moran local[12];
	sy_moran	g;
	sy_sparse_w sw;
	int64_t		perms = take_byte(in) % 20;

	fuzz_rng_state = 12345;
	for (size_t i = 0; i < n; i++)
	{
		x[i] = take_double(in);
		if (!isfinite(x[i]) || fabs(x[i]) > 1e100)
			return;
	}
	/* neighbour lists: sorted, no self, no duplicates, as the glue builds them */
	for (size_t i = 0; i < n; i++)
	{
		uint8_t		mask = take_byte(in),
					mask2 = take_byte(in);
		size_t		first = e;
		double		total = 0.0;

		start[i] = e;
		for (size_t j = 0; j < n; j++)
			if (j != i && ((j < 8 ? mask >> j : mask2 >> (j - 8)) & 1))
			{
				nbr[e] = j;
				w[e] = 1.0 + (take_byte(in) % 4);
				total += w[e];
				e++;
			}
		if (take_byte(in) & 1)	/* row-standardised */
			for (size_t k = first; k < e; k++)
				w[k] /= total;
	}
	start[n] = e;
	sw.n = n;
	sw.start = start;
	sw.nbr = nbr;
	sw.w = w;
	if (sy_moran_global(x, &sw, perms, &moran_host, work, &g) == SY_OK)
	{
		REQUIRE(isnan(g.p_normal) || (g.p_normal >= 0.0 && g.p_normal <= 1.0));
		REQUIRE(perms == 0 || (g.p_perm > 0.0 && g.p_perm <= 1.0));
	}
	if (sy_moran_local(x, &sw, perms, &moran_host, work, iwork, local) == SY_OK)
		for (size_t i = 0; i < n; i++)
			REQUIRE(isnan(local[i].p) || (local[i].p >= 0.0 && local[i].p <= 1.0));
}

static void
fuzz_factor(Input *in)
{
	size_t		n = 2 + take_byte(in) % 12,
				p = 1 + take_byte(in) % 6,
				nf = take_byte(in) % 4,
				bad = 0,
				k;
	double		x[14 * 6],
				mean[6],
				sd[6],
				r[36],
				space[2048],
				work[6 * 7 + 12 + 6 * 6 + 5 * 36];
	sy_factor	f;

	for (size_t i = 0; i < n * p; i++)
	{
		x[i] = take_double(in);
		if (!isfinite(x[i]) || fabs(x[i]) > 1e150)
			return;
	}
	if (sy_factor_doubles(p) > sizeof(space) / sizeof(double))
		return;
	if (sy_correlation(x, n, p, mean, sd, r, &bad, NULL) != SY_OK)
		return;
	sy_factor_init(&f, p, space);
	if (sy_factor_eigen(&f, r, (double) n) != SY_OK)
		return;
	k = sy_factor_count(&f, nf);
	if (k == 0)
		return;
	if (sy_factor_finish(&f, k, (sy_rotation) (take_byte(in) % 3), work, NULL) == SY_OK)
	{
		REQUIRE(isnan(f.kmo) || (f.kmo >= -1e-9 && f.kmo <= 1.0 + 1e-9));
		for (size_t j = 0; j < p; j++)
			REQUIRE(!isfinite(f.communality[j]) || f.communality[j] <= 1.0 + 1e-6);
	}
}

static void
fuzz_gravity(Input *in)
{
	size_t		n = 1 + take_byte(in) % 8;
	double		q[8],
				lon[8],
				lat[8],
				d[8],
				t[8];
	long		best;

	for (size_t i = 0; i < n; i++)
	{
		q[i] = fabs(take_double(in));
		lon[i] = fmod(take_double(in), 180.0);
		lat[i] = fmod(take_double(in), 90.0);
		if (!isfinite(q[i]) || !(q[i] > 0.0) || !isfinite(lon[i]) || !isfinite(lat[i]))
			return;
	}
	for (size_t i = 0; i < n; i++)
	{
		double		total;

		for (size_t j = 0; j < n; j++)
		{
			d[j] = sy_haversine_km(lon[i], lat[i], lon[j], lat[j]);
			REQUIRE(d[j] >= 0.0 && d[j] <= 20040.0);
			if (j != i && !(d[j] > 0.0))
				return;			/* the glue rejects a zero distance */
		}
		total = sy_gravity_row(q, (take_byte(in) & 1) ? q : NULL, n, i, d, 1.0, 1.0, 1.0, 2.0, t, &best);
		REQUIRE(!(total < 0.0));
		REQUIRE(n < 2 || (best >= 0 && (size_t) best < n && (size_t) best != i));
	}
}

/*
 * Exact sums: the doubles summed in input order, in reverse, and spread
 * over parts (chosen by the input) merged in an input-chosen order must
 * give the same normalized bytes and the same value; two addends give IEEE
 * a + b (correctly rounded).
 */
static void
fuzz_xsum(Input *in)
{
	size_t		n = take_byte(in) % 65,
				nparts = 1 + take_byte(in) % 8;
	double		x[64];
	uint8_t		where[64];
	sy_xsum		fwd,
				rev,
				parts[8];
	double		v;

	for (size_t i = 0; i < n; i++)
	{
		where[i] = take_byte(in);
		x[i] = take_double(in);
	}
	if (!all_finite(x, n))
		return;
	sy_xsum_init(&fwd);
	sy_xsum_init(&rev);
	for (size_t p = 0; p < nparts; p++)
		sy_xsum_init(&parts[p]);
	for (size_t i = 0; i < n; i++)
	{
		sy_xsum_add(&fwd, x[i]);
		sy_xsum_add(&rev, x[n - 1 - i]);
		sy_xsum_add(&parts[where[i] % nparts], x[i]);
	}
	/* merge part p into an earlier one the input picks, last first */
	for (size_t p = nparts - 1; p > 0; p--)
		sy_xsum_merge(&parts[take_byte(in) % p], &parts[p]);
	v = sy_xsum_value(&fwd);
	sy_xsum_normalize(&fwd);
	sy_xsum_normalize(&rev);
	sy_xsum_normalize(&parts[0]);
	REQUIRE(sy_xsum_valid(&fwd));
	REQUIRE(memcmp(&fwd, &rev, sizeof(fwd)) == 0);
	REQUIRE(memcmp(&fwd, &parts[0], sizeof(fwd)) == 0);
	REQUIRE(memcmp(&v, &(double) {sy_xsum_value(&parts[0])}, sizeof(v)) == 0);
	if (n == 2 && isfinite(x[0] + x[1]))
		REQUIRE(v == x[0] + x[1]);
	if (n == 1)
		REQUIRE(v == x[0]);
}

/*
 * Bounded entropy weights: rows outside the bounds are refused and leave
 * the state as it was; the rows split over two merged states give the same
 * bits as one state; weights lie in [0, 1] and sum to 1.
 */
static void
fuzz_entropy_bounded(Input *in)
{
	size_t		n = take_byte(in) % 12,
				m = 1 + take_byte(in) % 5;
	double		lo[5],
				hi[5],
				x[5],
				shift = (take_byte(in) % 4) * 0.25;
	int			dir[5];
	double		e1[5],
				d1[5],
				w1[5],
				e2[5],
				d2[5],
				w2[5];
	void	   *mem1,
			   *mem2,
			   *mem3;
	sy_entropy_bounded one,
				a,
				b;
	bool		ok1,
				ok2;

	for (size_t j = 0; j < m; j++)
	{
		lo[j] = take_double(in);
		hi[j] = take_double(in);
		dir[j] = take_byte(in) % 2 ? SY_COST : SY_BENEFIT;
	}
	if (sy_entropy_bounds_check(m, lo, hi, NULL) != SY_BOUNDS_OK)
		return;
	mem1 = malloc(sy_entropy_bounded_bytes(m));
	mem2 = malloc(sy_entropy_bounded_bytes(m));
	mem3 = malloc(sy_entropy_bounded_bytes(m));
	REQUIRE(mem1 && mem2 && mem3);
	sy_entropy_bounded_init(&one, m, lo, hi, dir, shift, mem1);
	sy_entropy_bounded_init(&a, m, lo, hi, dir, shift, mem2);
	sy_entropy_bounded_init(&b, m, lo, hi, dir, shift, mem3);
	for (size_t i = 0; i < n; i++)
	{
		int			r1,
					r2;
		int64_t		n_before = one.n;
		uint8_t		side = take_byte(in);

		for (size_t j = 0; j < m; j++)
		{
			x[j] = take_double(in);
			/* mostly inside the bounds */
			if (side & 0x80 && isfinite(x[j]))
				x[j] = lo[j] + (hi[j] - lo[j]) * fabs(fmod(x[j], 1.0));
			if (x[j] > hi[j] && x[j] < INFINITY)
				x[j] = hi[j];
		}
		r1 = sy_entropy_bounded_add(&one, x);
		r2 = sy_entropy_bounded_add(side & 1 ? &a : &b, x);
		REQUIRE(r1 == r2);
		REQUIRE(r1 >= -1 && r1 < (int) m);
		if (r1 >= 0)
			REQUIRE(one.n == n_before && !(x[r1] >= lo[r1] && x[r1] <= hi[r1]));
	}
	sy_entropy_bounded_merge(&a, &b);
	ok1 = sy_entropy_bounded_result(&one, e1, d1, w1);
	ok2 = sy_entropy_bounded_result(&a, e2, d2, w2);
	REQUIRE(ok1 == ok2);
	REQUIRE(memcmp(w1, w2, sizeof(double) * m) == 0 && memcmp(d1, d2, sizeof(double) * m) == 0);
	sy_entropy_bounded_normalize(&one);
	REQUIRE(sy_entropy_bounded_valid(&one));
	REQUIRE(sy_entropy_bounded_valid(&a));
	if (ok1)
	{
		double		wsum = 0.0;

		for (size_t j = 0; j < m; j++)
		{
			REQUIRE(w1[j] >= 0.0 && w1[j] <= 1.0);
			REQUIRE(d1[j] >= 0.0 && d1[j] <= 1.0 && e1[j] == 1.0 - d1[j]);
			wsum += w1[j];
		}
		REQUIRE(fabs(wsum - 1.0) < 1e-12);
	}
	free(mem1);
	free(mem2);
	free(mem3);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Input		in = {data, size};
	uint8_t		which = take_byte(&in) % 14;

	switch (which)
	{
		case 0:
		case 1:
		case 2:
			fuzz_evaluate(&in, which);
			break;
		case 3:
			fuzz_moments(&in);
			break;
		case 4:
			fuzz_coupling(&in);
			break;
		case 5:
			fuzz_interpolate(&in);
			break;
		case 6:
		case 7:
			fuzz_forecast(&in);
			break;
		case 8:
			fuzz_trend(&in);
			break;
		case 9:
			fuzz_moran(&in);
			break;
		case 10:
			fuzz_factor(&in);
			break;
		case 11:
			fuzz_gravity(&in);
			break;
		case 12:
			fuzz_xsum(&in);
			break;
		default:
			fuzz_entropy_bounded(&in);
			break;
	}
	return 0;
}

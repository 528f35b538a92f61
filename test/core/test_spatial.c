/*
 * test_spatial.c - unit tests of the spatial numeric core (polyfit.c,
 * lsq.c, moran.c), no server.  Expected values are exact polynomials,
 * constructed shapes, and dense-matrix reimplementations of Moran's I
 * written here, independent of the core's sparse code.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sy_core_spatial.h"
#include "test_check.h"

static uint64_t rng_state = 99;

static uint64_t
next64(void)
{
	uint64_t	z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double
urand(void)
{
	return (double) (next64() >> 11) / 9007199254740992.0;
}

static uint64_t
test_rng(void *ctx, uint64_t bound)
{
	(void) ctx;
	return next64() % bound;
}

static const sy_host test_host = {NULL, NULL, NULL, NULL, test_rng};

/* An exact quadratic at projected-metre coordinates is recovered. */
static void
test_polyfit_large_coordinates(void)
{
	enum {N = 50};
	double		x[N],
				z[N],
				work[N * 8];
	sy_trend_fit f;

	for (int i = 0; i < N; i++)
	{
		double		t = (i - 24.5) / 24.5;

		x[i] = 1.2e6 + 3.0e5 * t;
		z[i] = 0.6 - 0.2 * t * t;	/* inverted U */
	}
	CHECK(sy_polyfit(x, z, N, 2, work, &f) == SY_OK, "quadratic fit");
	check_rel("r2", f.r2, 1.0, 1e-12);
	check_rel("a0", f.scaled[0], 0.6, 1e-12);
	CHECK(fabs(f.scaled[1]) < 1e-12, "a1 = %g", f.scaled[1]);
	check_rel("a2", f.scaled[2], -0.2, 1e-12);
	check_rel("center", f.center, 1.2e6, 1e-15);
	check_rel("scale", f.scale, 3.0e5, 1e-15);
	/* raw b2 = a2 / s^2 */
	check_rel("b2", f.coef[2], -0.2 / 9.0e10, 1e-9);
	CHECK(f.shape == SY_SHAPE_INV_U, "inverted U, got %s", sy_trend_shape_name(f.shape));

	/* order 6 at x ~ 1e6 stays exact */
	for (int i = 0; i < N; i++)
	{
		double		t = (x[i] - 1.2e6) / 3.0e5;

		z[i] = 1.0 + t - 2.0 * pow(t, 3) + 0.5 * pow(t, 6);
	}
	CHECK(sy_polyfit(x, z, N, 6, work, &f) == SY_OK, "order 6 fit");
	check_rel("a6", f.scaled[6], 0.5, 1e-9);
	check_rel("a3", f.scaled[3], -2.0, 1e-9);
	check_rel("r2 order 6", f.r2, 1.0, 1e-12);
}

static void
test_shapes(void)
{
	enum {N = 40};
	double		x[N],
				z[N],
				work[N * 8];
	sy_trend_fit f;
	struct
	{
		int			order;
		double		a[4];
		sy_trend_shape want;
	}			cases[] = {
		{1, {1, 2, 0, 0}, SY_SHAPE_RISING},
		{1, {1, -2, 0, 0}, SY_SHAPE_FALLING},
		{2, {0, 0, 1, 0}, SY_SHAPE_U},
		{2, {0, 0, -1, 0}, SY_SHAPE_INV_U},
		{2, {0, 1, 0.1, 0}, SY_SHAPE_RISING},	/* vertex outside [-1, 1] */
		{3, {0, -1, 0, 2}, SY_SHAPE_N},
		{3, {0, 1, 0, -2}, SY_SHAPE_INV_N},
		{3, {0, 1, 0, 0.1}, SY_SHAPE_RISING},
	};

	for (int i = 0; i < N; i++)
		x[i] = -1.0 + 2.0 * i / (N - 1);
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
	{
		for (int i = 0; i < N; i++)
			z[i] = sy_poly_eval(cases[c].a, 3, x[i]);
		CHECK(sy_polyfit(x, z, N, cases[c].order, work, &f) == SY_OK, "fit %zu", c);
		CHECK(f.shape == cases[c].want, "case %zu: got %s want %s", c,
			  sy_trend_shape_name(f.shape), sy_trend_shape_name(cases[c].want));
	}
	/* constant z: flat, r2 undefined */
	for (int i = 0; i < N; i++)
		z[i] = 0.5;
	CHECK(sy_polyfit(x, z, N, 2, work, &f) == SY_OK, "constant fit");
	CHECK(f.shape == SY_SHAPE_FLAT && isnan(f.r2), "flat, NaN r2");
	/* noise around a constant with a tiny slope: flat */
	for (int i = 0; i < N; i++)
		z[i] = 0.5 + ((i % 4 == 0 || i % 4 == 3) ? 0.1 : -0.1) + 1e-4 * x[i];
	CHECK(sy_polyfit(x, z, N, 1, work, &f) == SY_OK, "noisy fit");
	CHECK(f.shape == SY_SHAPE_FLAT, "noise: got %s", sy_trend_shape_name(f.shape));
	/* fewer distinct positions than coefficients */
	for (int i = 0; i < N; i++)
		x[i] = i % 2;
	CHECK(sy_polyfit(x, z, N, 2, work, &f) == SY_UNDEFINED, "two positions, order 2");
	CHECK(sy_polyfit(x, z, 2, 1, work, &f) == SY_OK, "two points, order 1");
	CHECK(sy_polyfit(x, z, 1, 1, work, &f) == SY_UNDEFINED, "one point");
	CHECK(sy_polyfit(x, z, N, 7, work, &f) == SY_EDOMAIN, "order 7");
}

static void
test_rotation(void)
{
	double		x[2] = {1.0, 0.0},
				y[2] = {0.0, 1.0};

	/* 90 degrees counter-clockwise: east becomes the -y' axis' origin ... */
	sy_rotate(x, y, 2, 90.0);
	CHECK(x[0] == 0.0 && y[0] == -1.0 && x[1] == 1.0 && y[1] == 0.0,
		  "quarter turn: (%g %g) (%g %g)", x[0], y[0], x[1], y[1]);
	x[0] = 1.0;
	y[0] = 1.0;
	sy_rotate(x, y, 1, 45.0);
	check_rel("45 x'", x[0], sqrt(2.0), 1e-15);
	CHECK(fabs(y[0]) < 1e-15, "45 y' = %g", y[0]);
}

static void
test_surface(void)
{
	enum {N = 60};
	double		x[N],
				y[N],
				z[N],
				work[N * 30];
	sy_surface_fit s;

	for (int i = 0; i < N; i++)
	{
		x[i] = 5e5 + 1e5 * urand();
		y[i] = 3.3e6 + 2e5 * urand();
		/* z = 1 + 2e-6 x - 1e-6 y + 3e-12 x y */
		z[i] = 1.0 + 2e-6 * x[i] - 1e-6 * y[i] + 3e-12 * x[i] * y[i];
	}
	CHECK(sy_surface_fit_ls(x, y, z, N, 2, work, &s) == SY_OK, "surface fit");
	check_rel("surface r2", s.r2, 1.0, 1e-12);
	check_rel("b0", s.coef[0], 1.0, 1e-6);
	check_rel("bx", s.coef[1], 2e-6, 1e-6);
	check_rel("by", s.coef[2], -1e-6, 1e-6);
	check_rel("bxy", s.coef[4], 3e-12, 1e-6);
	CHECK(fabs(s.coef[3]) < 1e-18 && fabs(s.coef[5]) < 1e-18, "no squares: %g %g",
		  s.coef[3], s.coef[5]);
	/* all points on one line: undefined */
	for (int i = 0; i < N; i++)
		y[i] = 2.0 * x[i];
	CHECK(sy_surface_fit_ls(x, y, z, N, 1, work, &s) == SY_UNDEFINED, "collinear surface");
	CHECK(sy_surface_fit_ls(x, y, z, 5, 2, work, &s) == SY_UNDEFINED, "5 points, 6 terms");
}

/* Dense Moran's I and its moments, straight from Cliff and Ord. */
static void
dense_moran(const double *x, const double *W, int n, double *I, double *vn, double *vr)
{
	double		mean = 0,
				zz = 0,
				z4 = 0,
				s0 = 0,
				s1 = 0,
				s2 = 0,
				cp = 0,
				ei = -1.0 / (n - 1),
				k;
	double	   *z = malloc(sizeof(double) * n);

	for (int i = 0; i < n; i++)
		mean += x[i] / n;
	for (int i = 0; i < n; i++)
	{
		z[i] = x[i] - mean;
		zz += z[i] * z[i];
		z4 += pow(z[i], 4);
	}
	for (int i = 0; i < n; i++)
	{
		double		r = 0,
					c = 0;

		for (int j = 0; j < n; j++)
		{
			s0 += W[i * n + j];
			s1 += 0.5 * pow(W[i * n + j] + W[j * n + i], 2);
			r += W[i * n + j];
			c += W[j * n + i];
			cp += W[i * n + j] * z[i] * z[j];
		}
		s2 += (r + c) * (r + c);
	}
	k = n * z4 / (zz * zz);
	*I = n / s0 * cp / zz;
	*vn = (n * n * s1 - n * s2 + 3 * s0 * s0) / (s0 * s0 * (n * n - 1.0)) - ei * ei;
	*vr = (n * ((n * n - 3.0 * n + 3) * s1 - n * s2 + 3 * s0 * s0) -
		   k * ((n * n - n) * s1 - 2.0 * n * s2 + 6 * s0 * s0)) /
		((n - 1.0) * (n - 2.0) * (n - 3.0) * s0 * s0) - ei * ei;
	free(z);
}

static void
test_moran(void)
{
	enum {G = 6, N = G * G};
	double		x[N],
				W[N * N],
				w[N * 8],
				work[2 * N];
	size_t		start[N + 1],
				nbr[N * 8],
				iwork[2 * N],
				e = 0;
	sy_sparse_w	sw = {N, start, nbr, w};
	sy_moran	m,
				m2;
	sy_local_moran loc[N];
	double		I,
				vn,
				vr;

	/* rook grid, row-standardised, values with a gradient plus noise */
	memset(W, 0, sizeof(W));
	for (int i = 0; i < N; i++)
	{
		int			r = i / G,
					c = i % G,
					deg = 0;
		int			nb[4];

		x[i] = r + 0.5 * c + urand();
		if (r > 0)
			nb[deg++] = i - G;
		if (c > 0)
			nb[deg++] = i - 1;
		if (c < G - 1)
			nb[deg++] = i + 1;
		if (r < G - 1)
			nb[deg++] = i + G;
		start[i] = e;
		for (int d = 0; d < deg; d++)
		{
			nbr[e] = nb[d];
			w[e++] = 1.0 / deg;
			W[i * N + nb[d]] = 1.0 / deg;
		}
	}
	start[N] = e;
	dense_moran(x, W, N, &I, &vn, &vr);
	CHECK(sy_moran_global(x, &sw, 99, &test_host, work, &m) == SY_OK, "moran");
	check_rel("I", m.i, I, 1e-12);
	check_rel("var normal", m.var_normal, vn, 1e-12);
	check_rel("var random", m.var_random, vr, 1e-12);
	CHECK(m.p_perm > 0 && m.p_perm <= 0.05, "strong gradient: p_perm %g", m.p_perm);
	rng_state = 7;
	sy_moran_global(x, &sw, 99, &test_host, work, &m);
	rng_state = 7;
	sy_moran_global(x, &sw, 99, &test_host, work, &m2);
	CHECK(m.p_perm == m2.p_perm, "same seed, same p");

	/* local: sum of I_i equals n I for row-standardised weights (S0 = n) */
	CHECK(sy_moran_local(x, &sw, 0, NULL, work, iwork, loc) == SY_OK, "local");
	{
		double		s = 0;

		for (int i = 0; i < N; i++)
			s += loc[i].i;
		check_rel("sum I_i", s / N, m.i, 1e-12);
	}
	CHECK(sy_moran_local(x, &sw, 199, &test_host, work, iwork, loc) == SY_OK,
		  "local perm");
	for (int i = 0; i < N; i++)
		CHECK(loc[i].p > 0 && loc[i].p <= 1, "p %g", loc[i].p);

	/* constant values: undefined, no crash */
	for (int i = 0; i < N; i++)
		x[i] = 1;
	CHECK(sy_moran_global(x, &sw, 9, &test_host, work, &m) == SY_UNDEFINED,
		  "constant");
	CHECK(isnan(m.i), "NaN I");
	/* all islands */
	for (int i = 0; i <= N; i++)
		start[i] = 0;
	x[0] = 2;
	CHECK(sy_moran_global(x, &sw, 9, &test_host, work, &m) == SY_UNDEFINED,
		  "islands");
	CHECK(m.islands == N, "islands counted");
	CHECK(sy_moran_local(x, &sw, 9, &test_host, work, iwork, loc) == SY_OK,
		  "local islands");
	CHECK(loc[0].quadrant == SY_Q_ISLAND && loc[0].i == 0.0, "island quadrant");
}

/*
 * Moran's I does not depend on the scale of the weights or of the values:
 * weights of 1e-320 (subnormal), 1 and 1e308 give the same statistics, to
 * SCALE_TOL (the scaled weights' sums round differently) where the factor
 * is not a power of two, and to the bit where it is.  The rook grid of test_moran, binary weights.
 */
#define SCALE_TOL 1e-14			/* about 45 ulps */
/* the variances are differences of nearly equal terms: a few ulps of those */
#define SCALE_VAR_TOL 5e-14

typedef struct grid
{
	double		x[36],
				w[36 * 4];
	size_t		start[37],
				nbr[36 * 4];
	sy_sparse_w sw;
} grid;

static void
grid_make(grid *g, double weight)
{
	size_t		e = 0;

	for (int i = 0; i < 36; i++)
	{
		int			r = i / 6,
					c = i % 6;

		g->x[i] = r + 0.5 * c + 0.25 * ((i * 7) % 5);
		g->start[i] = e;
		if (r > 0)
			g->nbr[e++] = i - 6;
		if (c > 0)
			g->nbr[e++] = i - 1;
		if (c < 5)
			g->nbr[e++] = i + 1;
		if (r < 5)
			g->nbr[e++] = i + 6;
	}
	g->start[36] = e;
	for (size_t k = 0; k < e; k++)
		g->w[k] = weight;
	g->sw.n = 36;
	g->sw.start = g->start;
	g->sw.nbr = g->nbr;
	g->sw.w = g->w;
}

static void
check_same_moran(const char *what, const sy_moran *got, const sy_moran *want, double rel)
{
	char		b[128];

	snprintf(b, sizeof(b), "%s: I", what);
	check_rel(b, got->i, want->i, rel);
	snprintf(b, sizeof(b), "%s: E[I]", what);
	check_rel(b, got->expected, want->expected, rel);
	snprintf(b, sizeof(b), "%s: var normal", what);
	check_rel(b, got->var_normal, want->var_normal, rel * SCALE_VAR_TOL / SCALE_TOL);
	snprintf(b, sizeof(b), "%s: var random", what);
	check_rel(b, got->var_random, want->var_random, rel * SCALE_VAR_TOL / SCALE_TOL);
	snprintf(b, sizeof(b), "%s: z normal", what);
	check_rel(b, got->z_normal, want->z_normal, rel);
	snprintf(b, sizeof(b), "%s: z random", what);
	check_rel(b, got->z_random, want->z_random, rel);
	snprintf(b, sizeof(b), "%s: p random", what);
	check_rel(b, got->p_random, want->p_random, rel * 100);
	CHECK(isfinite(got->i) && isfinite(got->var_random), "%s: finite", what);
}

static void
test_moran_scale(void)
{
	static const double scales[] = {1e-320, 5e-324, 1e-300, 0x1p-600, 0.001, 1e6, 1e200, 1e308,
	1.7976931348623157e308};
	grid		g;
	double		work[72];
	size_t		iwork[72];
	sy_moran	ref,
				m;
	sy_local_moran lref[36],
				loc[36];

	grid_make(&g, 1.0);
	CHECK(sy_moran_global(g.x, &g.sw, 0, NULL, work, &ref) == SY_OK, "scale ref");
	CHECK(sy_moran_local(g.x, &g.sw, 0, NULL, work, iwork, lref) == SY_OK,
		  "scale local ref");
	CHECK(ref.s0 == 120.0, "s0 of the rook grid: %g", ref.s0);
	for (size_t s = 0; s < sizeof(scales) / sizeof(scales[0]); s++)
	{
		char		what[64];
		double		c = scales[s];

		snprintf(what, sizeof(what), "weights %g", c);
		grid_make(&g, c);
		CHECK(sy_moran_global(g.x, &g.sw, 0, NULL, work, &m) == SY_OK, "%s", what);
		check_same_moran(what, &m, &ref, SCALE_TOL);
		/* S0 is the sum of the weights as given: Infinity past float8's range */
		if (120.0 * c <= 1.7976931348623157e308)
			check_rel("s0", m.s0, 120.0 * c, c < 1e-300 ? 1e-3 : 1e-15);
		else
			CHECK(isinf(m.s0), "%s: s0 %g", what, m.s0);
		CHECK(sy_moran_local(g.x, &g.sw, 0, NULL, work, iwork, loc) == SY_OK,
			  "%s local", what);
		for (int i = 0; i < 36; i++)
		{
			CHECK(loc[i].quadrant == lref[i].quadrant, "%s: quadrant %d", what, i);
			/* z = (I - E) / sd: absolute, as I - E cancels */
			check_close("local z", loc[i].z, lref[i].z, SCALE_TOL * fmax(fabs(lref[i].z), 1.0));
			check_rel("local p", loc[i].p, lref[i].p, SCALE_TOL * 100);
			CHECK(isfinite(loc[i].z) && isfinite(loc[i].p), "%s: local %d finite", what, i);
			/* I_i scales with the weights; subnormal ones carry few digits */
			if (c >= 1e-300 && c <= 1e300)
				check_rel("local I", loc[i].i, c * lref[i].i, 1e-14);
		}
	}

	/* by a power of two: the same bits, globally and locally */
	grid_make(&g, 0x1p-1000);
	sy_moran_global(g.x, &g.sw, 0, NULL, work, &m);
	check_same_moran("weights 2^-1000", &m, &ref, 0.0);
	CHECK(m.s0 == ldexp(120.0, -1000), "s0 2^-1000: %g", m.s0);
	sy_moran_local(g.x, &g.sw, 0, NULL, work, iwork, loc);
	for (int i = 0; i < 36; i++)
		CHECK(loc[i].i == ldexp(lref[i].i, -1000) && loc[i].z == lref[i].z &&
			  loc[i].variance == ldexp(lref[i].variance, -2000),
			  "local 2^-1000 %d: %g %g", i, loc[i].i, lref[i].i);

	/* mixed magnitudes: 1e308 and 1e-320 in one matrix, as 1 and 0 */
	{
		grid		h;
		sy_moran	mh;

		grid_make(&g, 1e308);
		grid_make(&h, 1.0);
		for (size_t k = 0; k < g.start[36]; k += 3)
		{
			g.w[k] = 1e-320;
			h.w[k] = 0.0;
		}
		CHECK(sy_moran_global(g.x, &g.sw, 0, NULL, work, &m) == SY_OK, "mixed");
		CHECK(sy_moran_global(h.x, &h.sw, 0, NULL, work, &mh) == SY_OK, "mixed ref");
		check_same_moran("mixed 1e308 and 1e-320", &m, &mh, SCALE_TOL);
		/* a link of weight 0 counts as 0 in S1, as in the dense formula */
		{
			static double W[36 * 36];
			double		I,
						vn,
						vr;

			memset(W, 0, sizeof(W));
			for (int i = 0; i < 36; i++)
				for (size_t k = h.start[i]; k < h.start[i + 1]; k++)
					W[i * 36 + h.nbr[k]] = h.w[k];
			dense_moran(h.x, W, 36, &I, &vn, &vr);
			check_rel("zero weights: I", mh.i, I, 1e-12);
			check_rel("zero weights: var normal", mh.var_normal, vn, 1e-12);
			check_rel("zero weights: var random", mh.var_random, vr, 1e-12);
		}
		/* mixed within float8's normal range: each weight times 2^1000 */
		for (size_t k = 0; k < g.start[36]; k++)
		{
			h.w[k] = 0.1 + (double) ((k * 37) % 101);
			g.w[k] = ldexp(h.w[k], 1000);
		}
		sy_moran_global(h.x, &h.sw, 0, NULL, work, &mh);
		sy_moran_global(g.x, &g.sw, 0, NULL, work, &m);
		check_same_moran("mixed times 2^1000", &m, &mh, 0.0);
	}

	/* the values' scale does not matter either */
	{
		double		x0[36];

		grid_make(&g, 1.0);
		memcpy(x0, g.x, sizeof(x0));
		for (int i = 0; i < 36; i++)
			g.x[i] = x0[i] * 1e300;
		CHECK(sy_moran_global(g.x, &g.sw, 0, NULL, work, &m) == SY_OK, "x 1e300");
		check_same_moran("values 1e300", &m, &ref, SCALE_TOL);
		for (int i = 0; i < 36; i++)
			g.x[i] = x0[i] * 1e-310;
		CHECK(sy_moran_global(g.x, &g.sw, 0, NULL, work, &m) == SY_OK, "x 1e-310");
		check_same_moran("values 1e-310", &m, &ref, 1e-11);
		for (int i = 0; i < 36; i++)
			g.x[i] = ldexp(x0[i], 900);
		sy_moran_global(g.x, &g.sw, 0, NULL, work, &m);
		check_same_moran("values 2^900", &m, &ref, 0.0);
		CHECK(sy_moran_local(g.x, &g.sw, 0, NULL, work, iwork, loc) == SY_OK,
			  "local x 2^900");
		for (int i = 0; i < 36; i++)
			CHECK(loc[i].i == lref[i].i && loc[i].z == lref[i].z, "local x 2^900 %d", i);
	}
}

/* sy_surface_at is sy_surface_eval at the centred and scaled point. */
/*
 * A region whose value is the mean has z_i = 0: its I_i and E[I_i] are +0
 * (0 times a negative lag, and -0^2 w, would be -0, printed "-0").
 */
static void
test_moran_local_signed_zero(void)
{
	/* 1 2 3 4 5 on a path; region 2 (value 3, the mean) sees only region 1 */
	double		x[5] = {1, 2, 3, 4, 5},
				w[6] = {1, 1, 1, 1, 1, 1},
				work[10];
	size_t		start[6] = {0, 1, 2, 3, 5, 6},
				nbr[6] = {1, 0, 1, 2, 4, 3},
				iwork[10];
	sy_sparse_w	sw = {5, start, nbr, w};
	sy_local_moran loc[5];

	CHECK(sy_moran_local(x, &sw, 0, NULL, work, iwork, loc) == SY_OK, "local");
	CHECK(loc[2].i == 0.0 && !signbit(loc[2].i), "I_i at the mean is +0, got %g", loc[2].i);
	CHECK(loc[2].expected == 0.0 && !signbit(loc[2].expected),
		  "E[I_i] at the mean is +0, got %g", loc[2].expected);
}

/*
 * The gravity model with alpha = beta is symmetric: T_ij = T_ji to the bit
 * (k (Q_i / d^2) Q_j rounded differently from k (Q_j / d^2) Q_i for about a
 * third of the pairs of real masses).
 */
static void
test_gravity_symmetric(void)
{
	int			asym = 0;

	for (int t = 0; t < 2000; t++)
	{
		double		qi = 100.0 * urand() + 1e-3,
					qj = 1e5 * urand() + 1e-3,
					d = 500.0 * urand() + 1.0;

		if (sy_gravity(qi, qj, d, 1, 1, 1, 2) != sy_gravity(qj, qi, d, 1, 1, 1, 2)
			|| sy_gravity(qi, qj, d, 2, 0.5, 0.5, 1) != sy_gravity(qj, qi, d, 2, 0.5, 0.5, 1))
			asym++;
	}
	CHECK(asym == 0, "gravity T_ij = T_ji for alpha = beta: %d of 2000 pairs differ", asym);
	/* huge and tiny masses still go through the logarithms */
	check_rel("T of 1e300 x 1e300 / (1e300)^2", sy_gravity(1e300, 1e300, 1e300, 1, 1, 1, 2), 1.0, 1e-13);
	check_rel("T of 1e-300 x 1e-300 / (1e-300)^2", sy_gravity(1e-300, 1e-300, 1e-300, 1, 1, 1, 2), 1.0, 1e-13);
}

static void
test_surface_at(void)
{
	double		a[6] = {1.0, 2.0, -1.0, 0.5, 0.25, -0.75};

	CHECK(sy_surface_at(a, 2, 100.0, 200.0, 10.0, 20.0, 110.0, 180.0) ==
		  sy_surface_eval(a, 2, 1.0, -1.0), "surface at (110, 180)");
	CHECK(sy_surface_at(a, 2, 100.0, 200.0, 10.0, 20.0, 100.0, 200.0) == a[0],
		  "surface at the centre is the constant");
}

int
main(void)
{
	test_polyfit_large_coordinates();
	test_shapes();
	test_rotation();
	test_surface();
	test_surface_at();
	test_moran();
	test_moran_scale();
	test_moran_local_signed_zero();
	test_gravity_symmetric();
	printf("%d spatial core checks, %d failures\n", checks, failures);
	return failures ? 1 : 0;
}

/*
 * sy_core_spatial.h - the numeric core of synergy's spatial functions: polynomial
 * trend lines and surfaces (least squares by QR, LAPACK), their shape
 * labels, global and local Moran's I on sparse weights, and the gravity
 * model of inter-city linkage.
 *
 * Same conventions as sy_core.h: plain C, caller-owned arrays, no global
 * state, finite inputs, status codes; NaN in an output means undefined.
 */
#ifndef SY_CORE_SPATIAL_H
#define SY_CORE_SPATIAL_H

#include <stddef.h>
#include <stdint.h>

#include "sy_core.h"

#define SY_TREND_MAX_ORDER 6
/* terms of a surface of order 6: (6 + 1)(6 + 2) / 2 */
#define SY_SURFACE_MAX_TERMS 28

/* ---- polyfit.c ---- */

typedef enum sy_trend_shape
{
	SY_SHAPE_FLAT = 0,
	SY_SHAPE_RISING,
	SY_SHAPE_FALLING,
	SY_SHAPE_U,
	SY_SHAPE_INV_U,
	SY_SHAPE_N,					/* rising, falling, rising */
	SY_SHAPE_INV_N,				/* falling, rising, falling */
	SY_SHAPE_W,					/* falling, rising, falling, rising */
	SY_SHAPE_M,					/* rising, falling, rising, falling */
	SY_SHAPE_WAVE				/* five or more monotone runs */
} sy_trend_shape;

/* Label of a shape: 'flat', 'rising', ..., 'inverted U', 'N', ... */
const char *sy_trend_shape_name(sy_trend_shape s);

/*
 * A polynomial fit z = sum_k a_k t^k on the centred and scaled position
 * t = (x - center) / scale, center and scale being the midpoint and the
 * half-width of the data's range, so t runs over [-1, 1]; coef[] are the
 * same polynomial expanded in raw x (b_k of x^k).
 */
typedef struct sy_trend_fit
{
	int			order;
	size_t		n;
	double		lo,
				hi;				/* range of x */
	double		center,
				scale;
	double		scaled[SY_TREND_MAX_ORDER + 1];
	double		coef[SY_TREND_MAX_ORDER + 1];
	double		r2;				/* NaN when z is constant */
	double		fit_lo,
				fit_hi;			/* range of the fitted curve over [lo, hi] */
	sy_trend_shape shape;
} sy_trend_fit;

/*
 * Least-squares polynomial of the given order (1..SY_TREND_MAX_ORDER).
 * work needs n * (order + 2) doubles.  SY_UNDEFINED when x has fewer
 * distinct values than order + 1 (too few points, or all at one position)
 * or the design is numerically rank deficient; SY_EDOMAIN for a bad order
 * or a LAPACK failure.
 */
sy_status	sy_polyfit(const double *x, const double *z, size_t n, int order,
					   double *work, sy_trend_fit *out);

/* sum_k a_k t^k by Horner's rule */
double		sy_poly_eval(const double *a, int order, double t);

/*
 * The shape rule, on the fitted curve sampled at 201 evenly spaced points of
 * t in [-1, 1]: 'flat' when its amplitude (max - min) is at most 5 % of the
 * observed range of z (or z is constant); otherwise the sequence of monotone
 * runs, a change of direction counting only once the curve has moved back
 * by at least 5 % of its amplitude.
 */
sy_trend_shape sy_trend_shape_of(const double *a, int order, double zrange,
								 double *fit_lo, double *fit_hi);

/* Rotation of the axes: x' = x cos d + y sin d, y' = -x sin d + y cos d. */
void		sy_rotate(double *x, double *y, size_t n, double degrees);

/* Polynomial trend surface z = sum b_ij x^i y^j, i + j <= order. */
typedef struct sy_surface_fit
{
	int			order;
	int			nterms;
	size_t		n;
	double		cx,
				cy,
				sx,
				sy;				/* t = (x - cx) / sx, u = (y - cy) / sy */
	double		scaled[SY_SURFACE_MAX_TERMS];
	double		coef[SY_SURFACE_MAX_TERMS];
	double		r2;
} sy_surface_fit;

/*
 * Terms in order of total degree, then decreasing power of x:
 * 1, x, y, x^2, xy, y^2, x^3, x^2y, ...  work needs n * (nterms + 1)
 * doubles.  SY_UNDEFINED when the points cannot determine the surface
 * (fewer points than terms, all on one line, ...).
 */
int			sy_surface_terms(int order);
sy_status	sy_surface_fit_ls(const double *x, const double *y, const double *z,
							  size_t n, int order, double *work, sy_surface_fit *out);
double		sy_surface_eval(const double *a, int order, double t, double u);
/* The surface of scaled coefficients a at the point (x, y), i.e. at
 * t = (x - cx) / sx, u = (y - cy) / sy. */
double		sy_surface_at(const double *a, int order, double cx, double cy,
						  double sx, double sy, double x, double y);

/* ---- moran.c ---- */

/*
 * Sparse spatial weights in compressed rows: the neighbours of region i are
 * nbr[start[i] .. start[i + 1] - 1] (indices into the value array, sorted,
 * no self, no duplicates) with weights w[].  A region with no neighbours is
 * an island.
 */
typedef struct sy_sparse_w
{
	size_t		n;
	const size_t *start;
	const size_t *nbr;
	const double *w;
} sy_sparse_w;

typedef struct sy_moran
{
	size_t		n;				/* regions */
	size_t		islands;		/* regions without neighbours */
	double		s0,
				s1,
				s2;
	double		i,
				expected;
	double		var_normal,
				z_normal,
				p_normal;
	double		var_random,
				z_random,
				p_random;
	int64_t		permutations;
	double		p_perm;			/* NaN without permutations */
} sy_moran;

/*
 * Global Moran's I with the moments of Cliff and Ord, as spdep's moran.test
 * (zero.policy = TRUE, adjust.n = TRUE): the mean and the sum of squares run
 * over all regions, n in I, E[I] and the variances counts the regions with
 * neighbours.  p values are one-sided (greater); the permutation p value is
 * (1 + #{I_perm >= I}) / (1 + permutations).  work needs 2 n doubles.
 * SY_UNDEFINED (NaN outputs) when fewer than 4 regions have neighbours,
 * when the values are constant, or the weights sum to 0.
 */
sy_status	sy_moran_global(const double *x, const sy_sparse_w *w, int64_t permutations,
							const sy_host *host,
							double *work, sy_moran *out);

typedef enum sy_quadrant
{
	SY_Q_NONE = 0,				/* island, or z_i = 0 or lag = 0 */
	SY_Q_HH,
	SY_Q_LL,
	SY_Q_HL,
	SY_Q_LH,
	SY_Q_ISLAND					/* no neighbours */
} sy_quadrant;

typedef struct sy_local_moran
{
	double		i;
	double		expected;
	double		variance;
	double		z;
	double		p;				/* two-sided, normal; or permutation */
	sy_quadrant quadrant;
} sy_local_moran;

/*
 * Local Moran's I_i = z_i / m2 * sum_j w_ij z_j, m2 = sum z^2 / n, with the
 * conditional expectation and variance of spdep's localmoran (version 1.2,
 * mlvar = TRUE, conditional = TRUE) and its two-sided normal p value.  With
 * permutations > 0, p is instead the folded conditional permutation p value
 * (x_i held, the others permuted): (1 + min(#{I >= I_i}, #{I <= I_i})) /
 * (1 + permutations).  Islands get I_i = 0, NaN moments and SY_Q_ISLAND.
 * work needs n doubles, iwork 2 n.  SY_UNDEFINED (all NaN) for fewer than
 * 3 regions or constant values.
 */
sy_status	sy_moran_local(const double *x, const sy_sparse_w *w, int64_t permutations,
						   const sy_host *host,
						   double *work, size_t *iwork, sy_local_moran *out);

/* ---- gravity.c ---- */

/* T = k q_i^alpha q_j^beta / d^r; inputs checked by the caller. */
double		sy_gravity(double qi, double qj, double d, double k,
					   double alpha, double beta, double r);

/* A city's mass from population and GDP, sqrt(pop) sqrt(gdp) (the product
 * could overflow); both positive and finite. */
double		sy_gravity_mass(double pop, double gdp);

/* The gravity coefficient g_i / (g_i + g_j) of positive finite g_i, g_j,
 * without overflowing the sum. */
double		sy_gravity_coefficient(double gi, double gj);

/* Great-circle distance in km between two lon/lat points (degrees) on
 * the sphere of the IUGG mean Earth radius, 6371.0088 km (haversine). */
double		sy_haversine_km(double lon1, double lat1, double lon2, double lat2);

/*
 * Linkage of city i with every other city: t[j] = T_ij from masses q and
 * the distances d[j] from i (d[i] ignored, t[i] = 0); returns sum_j T_ij
 * and sets *best to argmax_j T_ij (the first on ties; -1 when n < 2).
 * With kcoef not NULL, k_ij = kcoef[i] / (kcoef[i] + kcoef[j]) times k
 * (the directional coefficient).
 */
double		sy_gravity_row(const double *q, const double *kcoef, size_t n, size_t i,
						   const double *d, double k, double alpha, double beta,
						   double r, double *t, long *best);

#endif							/* SY_CORE_SPATIAL_H */

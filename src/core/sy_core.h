/*
 * sy_core.h - the numeric core of synergy.
 *
 * Plain C99 with no PostgreSQL headers, so it can be unit-tested and fuzzed
 * without a server.  Functions work on caller-owned arrays, keep no global
 * state and report problems through return codes; the server glue turns
 * those into ereport() calls.
 *
 * Conventions shared by every function here:
 *  - matrices are row-major, n rows (regions) by m columns (indicators);
 *  - dir[j] is SY_BENEFIT (+1) or SY_COST (-1); a NULL dir means all benefit;
 *  - inputs are finite (the glue rejects NaN and Infinity before calling);
 *  - NaN in an output means "not defined for this input" and becomes SQL NULL.
 */
#ifndef SY_CORE_H
#define SY_CORE_H

#include <stddef.h>
#include <stdint.h>

typedef enum sy_status
{
	SY_OK = 0,
	SY_UNDEFINED,				/* no defined result (too few rows, no variation) */
	SY_EDOMAIN					/* an input outside the method's domain */
} sy_status;

/*
 * What the core asks of its host (the server glue, a unit test, the
 * fuzzer), passed as one const sy_host * to every routine that needs any
 * of it:
 *  - check_interrupts, called now and then in long loops; it may not
 *    return (the server's query cancel longjmps), so a routine calls it
 *    only where it holds nothing that would leak;
 *  - random numbers from one generator: seed reseeds it, random_double is
 *    uniform in [0, 1), random_below uniform in [0, bound) (bound >= 1).
 * ctx is passed to every callback.  A NULL host, or a NULL member, means
 * the routine goes without: no interrupt checks, and routines that draw
 * random numbers are then called only where they draw none.
 */
typedef struct sy_host
{
	void	   *ctx;
	void		(*check_interrupts) (void *ctx);
	void		(*seed) (void *ctx, uint64_t seed);
	double		(*random_double) (void *ctx);
	uint64_t	(*random_below) (void *ctx, uint64_t bound);
} sy_host;

/* The host's interrupt check, if it has one. */
static inline void
sy_host_check_interrupts(const sy_host *host)
{
	if (host && host->check_interrupts)
		host->check_interrupts(host->ctx);
}

/* A limit written as a plain number, as a string literal for messages:
 * SY_STRING(SY_BP_MAX_LAGS) is "100". */
#define SY_STRING_(x) #x
#define SY_STRING(x) SY_STRING_(x)

#define SY_BENEFIT 1
#define SY_COST (-1)

/* Upper bound on indicators per array, so a hostile row cannot ask for
 * gigabytes of per-indicator state. */
#define SY_MAX_INDICATORS 100000
/* CRITIC keeps an m x m co-moment matrix. */
#define SY_CRITIC_MAX_INDICATORS 2000

static inline int
sy_dir(const int *dir, size_t j)
{
	return dir ? dir[j] : SY_BENEFIT;
}

/* ---- normalize.c ---- */

/* Min-max score of x in [lo, hi] by direction; 0 when the range is zero. */
double		sy_minmax_score(double x, double lo, double hi, int dir);

/* Column minima and maxima of a row-major block, merged into lo/hi. */
void		sy_range_init(size_t m, double *lo, double *hi);
void		sy_range_update(const double *restrict x, size_t nrows, size_t m,
							double *restrict lo, double *restrict hi);

/*
 * Copy a row to dst and widen lo/hi, in one pass; returns 0 when a value is
 * not finite (lo/hi are then unusable and the caller must raise an error).
 */
int			sy_row_ingest(const double *x, size_t m, double *dst,
						  double *lo, double *hi);

/*
 * The whole-matrix functions below take the column ranges lo/hi of x, as
 * sy_range_update() gives them, so a caller that has them already (the
 * window functions read them with the rows) does not pay another pass.
 */

/* Min-max scores of a whole matrix, by direction (out may equal x). */
void		sy_minmax_matrix(const double *x, size_t n, size_t m,
							 const double *lo, const double *hi, const int *dir,
							 double *out);

/*
 * Non-negative finite weights rescaled to sum to 1 (out may be w).
 * SY_UNDEFINED, out untouched, when every weight is 0.
 */
sy_status	sy_rescale_weights(const double *w, size_t n, double *out);

/* ---- entropy.c ---- */

/*
 * Entropy weights in one pass over the rows once the column ranges are
 * known, so that a caller holding rows in blocks can stream them:
 *   sy_entropy_coefs()       z = (x - c) a + shift, the min-max score plus shift
 *   sy_entropy_accum_block() S = sum(z) and Q = sum(z ln z) per column
 *   sy_entropy_finish()      entropy e, divergence d = 1 - e and weights
 */
void		sy_entropy_coefs(size_t m, const double *lo, const double *hi,
							 const int *dir, double *a, double *c);
void		sy_entropy_accum_block(const double *x, size_t nrows, size_t m,
								   const double *a, const double *c, double shift,
								   double *sumz, double *sumzlogz);
sy_status	sy_entropy_finish(int64_t n, size_t m, const double *lo, const double *hi,
							  const double *sumz, const double *sumzlogz,
							  double *entropy, double *divergence, double *weight);

/* Whole matrix in one call; work needs 4*m doubles. */
sy_status	sy_entropy_weights(const double *x, size_t n, size_t m,
							   const double *lo, const double *hi, const int *dir,
							   double shift, double *work,
							   double *entropy, double *divergence, double *weight);

/* ---- moments.c ---- */

/*
 * Streaming column moments (Welford), merged with Chan et al.'s formulas so
 * partial aggregates combine as a single pass would, up to rounding.  Each
 * column is taken relative to its first value (ref), which keeps the
 * deviations exact for data far from zero (GDP in yuan, years).  comoment,
 * when not NULL, is the packed upper triangle (row by row, with the
 * diagonal) of the m x m co-moment matrix; otherwise m2 holds the diagonal.
 * Both are sums of products of deviations from the mean.
 */
typedef struct sy_moments
{
	size_t		m;
	double		n;
	double	   *ref;			/* per column: the first value seen */
	double	   *mean;			/* per column: mean of x - ref */
	double	   *m2;				/* used when comoment == NULL */
	double	   *comoment;		/* m * (m + 1) / 2, or NULL */
	double	   *lo;
	double	   *hi;

	/*
	 * Gap mode (missing => 'mean', issue 12), NULL otherwise: n counts every
	 * row, nobs[j] the rows with a value of column j, and ref, mean, m2 and
	 * lo/hi are over those values (a column with none: lo = +Inf, hi = -Inf).
	 * With co-moments, per packed pair (j, k) over the rows with both values:
	 * the count pn, the means pmj of x_j - ref_j and pmk of x_k - ref_k, and
	 * comoment the co-moment about them (diagonal: nobs_j, mean_j, M2_j).
	 * Mean imputation then gives, exactly:
	 *   sd_j = sqrt(M2_j / (n - 1)),  mean_j unchanged, range unchanged,
	 *   C*_jk = C_jk + pn (pmj - mean_j)(pmk - mean_k)
	 * since an imputed value equals its column mean and adds no deviation.
	 */
	double	   *nobs;
	double	   *pn;
	double	   *pmj;
	double	   *pmk;
} sy_moments;

static inline size_t
sy_packed_index(size_t m, size_t j, size_t k)
{
	/* j <= k */
	return j * m - j * (j - 1) / 2 + (k - j);
}

void		sy_moments_reset(sy_moments *s);
void		sy_moments_add(sy_moments *s, const double *x);
void		sy_moments_merge(sy_moments *into, const sy_moments *from);
double		sy_moments_m2(const sy_moments *s, size_t j);
/* Gap mode: a row with NaN for missing values (see sy_moments). */
void		sy_moments_add_gaps(sy_moments *s, const double *x);
/* Co-moment of columns j and k (m2 on the diagonal), under mean imputation in gap mode. */
double		sy_moments_comoment(const sy_moments *s, size_t j, size_t k);
double		sy_moments_mean(const sy_moments *s, size_t j);
/* Sample standard deviation (n - 1 divisor) of column j; 0 for a column
 * without variation. */
double		sy_moments_sd(const sy_moments *s, size_t j);

sy_status	sy_stddev_weights(const sy_moments *s, double *sd, double *weight);
sy_status	sy_cv_weights(const sy_moments *s, double *cv, double *weight,
						  size_t *bad);
sy_status	sy_critic_weights(const sy_moments *s, const int *dir,
							  double *sd, double *conflict, double *info,
							  double *weight);

/* ---- topsis.c ---- */

typedef enum sy_normalization
{
	SY_NORM_MINMAX = 0,
	SY_NORM_VECTOR
} sy_normalization;

/*
 * TOPSIS closeness C = D- / (D+ + D-).  Weights multiply the normalized
 * matrix; with min-max scores (cost already reversed) the ideal is the
 * column maximum of the weighted matrix; with vector normalization the ideal
 * is the maximum for benefit and the minimum for cost columns.  work needs
 * 3*m doubles.  closeness[i] is NaN when D+ + D- = 0.
 */
void		sy_topsis(const double *x, size_t n, size_t m,
					  const double *lo, const double *hi, const double *w,
					  const int *dir, sy_normalization norm, double *work,
					  double *dplus, double *dminus, double *closeness);

/* Composite index sum_j w_j z_ij of min-max scores. */
void		sy_composite_index(const double *x, size_t n, size_t m,
							   const double *lo, const double *hi, const double *w,
							   const int *dir, double *out);

/*
 * The same on min-max scores shifted by shift > 0 (z + shift): TOPSIS with
 * the ideal 1 + shift and the anti-ideal 0 of the shifted scale (a row worst
 * on every indicator gets shift / (1 + shift), not 0); the composite index
 * sum_j w_j (z_ij + shift).  topsis.c.
 */
void		sy_topsis_shift(const double *x, size_t n, size_t m,
							const double *lo, const double *hi, const double *w,
							const int *dir, double shift,
							double *dplus, double *dminus, double *closeness);
void		sy_composite_index_shift(const double *x, size_t n, size_t m,
									 const double *lo, const double *hi, const double *w,
									 const int *dir, double shift, double *out);

/* ---- interpolate.c ---- */

typedef enum sy_edges
{
	SY_EDGES_NONE = 0,
	SY_EDGES_NEAREST,
	SY_EDGES_LINEAR
} sy_edges;

/*
 * Fill the gaps of a series whose t is strictly increasing.  known[i] says
 * whether x[i] is observed.  Interior gaps are filled linearly in t; gaps
 * before the first or after the last observation follow edges.  On return
 * known[i] says whether out[i] holds a value.
 */
void		sy_interpolate_sorted(const double *t, const double *x,
								  unsigned char *known, size_t n, sy_edges edges,
								  double *out);

/* ---- coupling.c ---- */

typedef enum sy_ccd_variant
{
	SY_CCD_CLASSIC = 0,
	SY_CCD_WANG2021
} sy_ccd_variant;

/*
 * Coupling C, comprehensive development T and coordination D of n systems
 * with scores u in [0, 1] and weights w summing to 1 (NULL: equal).  work
 * needs n doubles.  With n < 2, C and D are NaN (SY_UNDEFINED) and T is
 * still computed.
 */
sy_status	sy_coupling(const double *u, const double *w, size_t n,
						sy_ccd_variant variant, double *work,
						double *c, double *t, double *d);

/* Level 1..10 of the uniform scale, [0, 0.1) .. [0.9, 1]. */
int			sy_ccd_level(double d);

/*
 * Obstacle degree: O_j = w_j (1 - z_j) / sum_k w_k (1 - z_k) for one row of
 * min-max scores z; NaN (SY_UNDEFINED) when the row is at the ideal.
 */
sy_status	sy_obstacle_shares(const double *z, const double *w, size_t m, double *out);

/*
 * The relative development degree E = u1 / u2 of two scores in [0, 1]
 * (NaN when u2 = 0), and its class for thresholds 0 < lower <= upper:
 * 0 when E <= lower (U1 lags), 1 when lower < E <= upper (synchronous),
 * 2 when E > upper (U2 lags); u2 = 0 is 1 when u1 = 0 too, else 2.
 */
double		sy_relative_development(double u1, double u2);
int			sy_relative_class(double u1, double u2, double lower, double upper);

#endif							/* SY_CORE_H */

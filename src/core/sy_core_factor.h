/*
 * sy_core_factor.h - factor analysis (principal-component extraction,
 * varimax) and factor scores in the numeric core.
 *
 * Same conventions as sy_core.h: plain C99, caller-owned arrays, row-major
 * matrices, NaN for "not defined", no global state.
 */
#ifndef SY_CORE_FACTOR_H
#define SY_CORE_FACTOR_H

#include <stddef.h>

#include "sy_core.h"

/*
 * Factor analysis keeps a p x p correlation matrix and solves its
 * eigenproblem (O(p^3)): the indicator count is bounded.
 */
#define SY_FACTOR_MAX_INDICATORS 1000

/* A correlation matrix whose smallest eigenvalue is at most this times p
 * is treated as singular: KMO and Bartlett's test are then undefined. */
#define SY_FACTOR_SINGULAR_TOL 1e-12

typedef enum sy_rotation
{
	SY_ROTATE_VARIMAX = 0,		/* as R's stats::varimax (psych, papers): eps 1e-5 */
	SY_ROTATE_NONE,
	SY_ROTATE_VARIMAX_CONVERGED /* Kaiser's pairwise rotations to the optimum */
} sy_rotation;

/*
 * The whole analysis of a p x p correlation matrix, sized by
 * sy_factor_alloc_size(p) and laid out by sy_factor_init().  k is the
 * number of factors kept; matrices with k columns are p x k row-major.
 */
typedef struct sy_factor
{
	size_t		p;
	size_t		k;
	double		n;				/* rows behind the correlations */
	double	   *eigenvalues;	/* p, descending */
	double	   *eigenvectors;	/* p x p, column j belongs to eigenvalue j */
	double	   *loadings;		/* p x k, unrotated: v_j sqrt(lambda_j) */
	double	   *rotated;		/* p x k, varimax (equal to loadings if none) */
	double	   *rotation;		/* k x k: rotated = loadings x rotation */
	double	   *ss_rotated;		/* k: variance explained by each rotated factor */
	double	   *communality;	/* p */
	double	   *coef;			/* p x k: score coefficients R^-1 rotated */
	double	   *msa;			/* p: per-indicator KMO (NaN if singular) */
	double		kmo;			/* NaN if singular */
	double		log_det;		/* ln |R| (-Inf if singular) */
	double		bartlett_chi2;	/* NaN if singular */
	double		bartlett_df;
	double		bartlett_p;		/* NaN if singular */
	int			singular;
	int			iterations;		/* varimax sweeps */
	double	   *work;			/* 2 p^2 + 3 p: LAPACK's copy, vectors, values, isuppz */
	const sy_host *host;		/* the caller's interrupt check, or NULL: it may
								 * longjmp, so nothing here is malloc'd */
} sy_factor;

/* Doubles of space for sy_factor_init (the last p * p are the caller's). */
size_t		sy_factor_doubles(size_t p);
void		sy_factor_init(sy_factor *f, size_t p, double *space);

/*
 * Correlation matrix (p x p, full) of n rows by two passes: column means
 * and standard deviations (n - 1 divisor) are returned too.  Returns
 * SY_UNDEFINED when n < 2, SY_EDOMAIN with *bad set when an indicator has
 * no variation, or so little that its sum of squares is subnormal (below
 * DBL_MIN).  The host's interrupt check, if any, runs about every 2^20
 * products (it may longjmp; nothing is allocated here).
 */
sy_status	sy_correlation(const double *x, size_t n, size_t p,
						   double *mean, double *sd, double *r, size_t *bad,
						   const sy_host *host);

/*
 * Correlation from a packed co-moment upper triangle (sy_moments).
 * SY_EDOMAIN with *bad when a diagonal co-moment is not positive.
 */
sy_status	sy_correlation_packed(const double *comoment, size_t p, double *r,
								  size_t *bad);

/*
 * Eigenproblem of the correlation matrix r (destroyed) with LAPACK's
 * dsyevr.  Eigenvalues descending; each eigenvector's sign is chosen so
 * that the sum of its elements is positive (when that sum is zero up to
 * rounding, its largest element in absolute value is positive).  Sets
 * singular, log_det, KMO and Bartlett's test (n rows behind r).  Returns
 * SY_EDOMAIN when LAPACK fails.  LAPACK allocates its workspace with
 * malloc and frees it before returning.
 */
sy_status	sy_factor_eigen(sy_factor *f, double *r, double n);

/*
 * Factors kept: nfactors when > 0, else Kaiser's criterion (eigenvalues
 * > 1, at least one).  Returns 0 when nfactors exceeds the rank.
 */
size_t		sy_factor_count(const sy_factor *f, size_t nfactors);

/*
 * Loadings, rotation (varimax with Kaiser normalization), communalities,
 * score coefficients, once the eigenproblem is solved.  Rotated factors are sorted by explained variance (descending)
 * and signed so that each column of loadings sums to a positive number.
 * work needs sy_factor_finish_doubles(p, k) doubles.  iterations tells the varimax
 * sweeps (at most 1000).  The host's interrupt check, if any, runs often
 * during the rotation (nothing is allocated here).
 */
size_t		sy_factor_finish_doubles(size_t p, size_t k);
sy_status	sy_factor_finish(sy_factor *f, size_t k, sy_rotation rot, double *work,
							 const sy_host *host);

/* share[j] = v[j] / sum v (k values; the composite's weights). */
void		sy_shares(const double *v, size_t k, double *share);

/* cum[j] = v[0] + ... + v[j]. */
void		sy_cumulative(const double *v, size_t n, double *cum);

/*
 * Scores of n rows x (n x p, row-major): z = (x - mean) / sd by column,
 * scores (n x k) = z coef (coef p x k), and composite[i] = sum_l weight[l]
 * scores[i][l].  z needs p doubles.  The host's interrupt check, if any,
 * runs about every 2^20 products.
 */
void		sy_factor_scores(const double *x, size_t n, size_t p, size_t k,
							 const double *mean, const double *sd, const double *coef,
							 const double *weight, double *z, double *scores,
							 double *composite, const sy_host *host);

/* v[i] = (v[i] - min v) + shift: the weakest row gets shift (n >= 1). */
void		sy_shift_to_min(double *v, size_t n, double shift);

/* Upper tail of the chi-square distribution, P(X > x) with df degrees. */
double		sy_chisq_upper(double x, double df);

#endif							/* SY_CORE_FACTOR_H */

/*
 * sy_factor.h - server glue shared by the factor-analysis aggregate and
 * window functions.
 */
#ifndef SY_FACTOR_H
#define SY_FACTOR_H

#include "sy_pg.h"
#include "sy_core_factor.h"

/* Throws 54000 when p exceeds SY_FACTOR_MAX_INDICATORS. */
extern void sy_factor_check_size(const char *fname, int p);

/* Throws 22023 naming indicator bad (0-based) that does not vary. */
extern void sy_factor_constant_indicator(const char *fname, size_t bad, double value);

/* Throws 22023 for a requested number of factors outside 1..p (NULL ok). */
extern int	sy_factor_nfactors(const char *fname, const char *argname, Datum d,
							   bool isnull, int p);

extern const SyChoices sy_rotations;	/* sy_rotation */

/*
 * The analysis of correlation matrix r (p x p, destroyed) of n rows, in
 * palloc'd memory: eigenproblem, factors kept, rotation, coefficients.
 */
extern sy_factor *sy_factor_run(const char *fname, double *r, int p, double n,
								int nfactors, sy_rotation rot);

/* The whole analysis as jsonb (factor_analysis). */
extern Datum sy_factor_jsonb(const sy_factor *f, int nfactors, const double *mean,
							 const double *sd);

#endif							/* SY_FACTOR_H */

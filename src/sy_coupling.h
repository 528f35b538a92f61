/*
 * sy_coupling.h - server glue shared by the coupling coordination functions
 * of one row (coupling.c) and the aggregate over rows (coupling_agg.c).
 */
#ifndef SY_COUPLING_H
#define SY_COUPLING_H

#include "sy_pg.h"

/* A score in [0, 1] (rounding slop clamped); pos > 0 names an element. */
extern double sy_unit_score(double u, SyWhere w, int pos);

/* The (c, t, d) row of coupling_coordination; NaN members become NULL. */
extern Datum sy_ccd_datum(FunctionCallInfo fcinfo, double c, double t, double d);

/*
 * The missing-value policy of a subsystem score (issue 12): 'error' or
 * 'skip' (the unit's result is NULL).  'mean' and 'median' are refused with
 * 0A000: filling one subsystem's score from others is not a measurement of
 * coupling (docs/reference.md).  A NULL argument means 'error'.
 */
extern sy_missing sy_ccd_missing(text *t, const char *fname);

/* The error for a NULL subsystem score under 'error'; pos > 0 names an element. */
extern void sy_ccd_null_score(const char *fname, int pos, bool aggregate);

#endif							/* SY_COUPLING_H */

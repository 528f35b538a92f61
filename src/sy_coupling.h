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

#endif							/* SY_COUPLING_H */

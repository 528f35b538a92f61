/*
 * sy_weight_options.h - the options of the weights aggregates as one value
 * (issue 12): the composite type @extschema@.weight_options (directions
 * int[], shift float8, missing text), built by weight_options(...), since
 * aggregates cannot take named arguments.  weight_options.c.
 */
#ifndef SY_WEIGHT_OPTIONS_H
#define SY_WEIGHT_OPTIONS_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/array.h"

#include "sy_pg.h"

typedef struct SyWeightOptions
{
	ArrayType  *directions;		/* NULL: all benefit (checked against m by the caller) */
	bool		shift_given;	/* shift was not NULL */
	double		shift;			/* finite, >= 0 (0 when NULL) */
	sy_missing	missing;		/* the missing-value policy */
} SyWeightOptions;

/*
 * Reads a weight_options value (a NULL value: the defaults).  Everything is
 * checked again here, since a value can be built without weight_options()
 * (ROW(...)::weight_options): shift finite and >= 0, missing one of the
 * policies (any case).  Errors name fname.
 */
extern void sy_weight_options_read(Datum d, bool isnull, const char *fname, SyWeightOptions *o);

/* The same bytes as a copy kept from the first row (cheap per-row test). */
extern bool sy_weight_options_same_bytes(Datum d, bool isnull, const struct varlena *kept);

/* A copy of the value for that test, in CurrentMemoryContext (NULL for NULL). */
extern struct varlena *sy_weight_options_keep(Datum d, bool isnull);

/*
 * Policies an aggregate keeping O(m) sums cannot apply: 'median' needs the
 * rows.  0A000 with a HINT naming 'mean'.
 */
extern void sy_missing_no_median(const char *fname, sy_missing policy);

/* The error for an indicator with no observed value under 'mean'/'median'. */
extern void sy_missing_all_gaps(const char *fname, int col, sy_missing policy);

/* An option this aggregate does not use, given: 22023. */
extern void sy_weight_option_unused(const char *fname, const char *option, const char *why);

#endif							/* SY_WEIGHT_OPTIONS_H */

/*
 * sy_pg.h - server glue shared by synergy's SQL-callable functions.
 *
 * Argument checking lives here so every function rejects bad input with the
 * same errcodes and wording: errmsg names the function and the problem,
 * errdetail gives the position or value, errhint says how to fix it.
 */
#ifndef SY_PG_H
#define SY_PG_H

#include "postgres.h"

#include "access/tupdesc.h"
#include "fmgr.h"
#include "utils/array.h"

#include "sy_core.h"
#include "sy_core_missing.h"

/*
 * The server's services for the numeric core (sy_core.h): interrupt checks
 * by CHECK_FOR_INTERRUPTS and, when rng is not NULL, random numbers from
 * pg_prng on it (seeded by the caller, or per network by the core through
 * host.seed).  host.c.
 */
struct pg_prng_state;
extern sy_host sy_server_host(struct pg_prng_state *rng);

/*
 * Where a value came from, for error details: the function, the argument
 * and, in window functions, the row of the partition (1-based; 0 = unknown).
 */
typedef struct SyWhere
{
	const char *fname;
	const char *argname;
	int64		row;
} SyWhere;

/*
 * Element i (0-based) of an array with this NULL bitmap (ARR_NULLBITMAP,
 * not NULL) is NULL.
 */
static inline bool
sy_elem_is_null(const bits8 *bitmap, int64 i)
{
	return (bitmap[i / 8] & (1 << (i % 8))) == 0;
}

/* Position (1-based) of the first NULL among the first n elements, or 0. */
extern int64 sy_first_null(ArrayType *a, int64 n);

/*
 * What a one-dimensional float8[] argument may be: its longest length,
 * whether it may be empty, and hints for a wrong shape, too many elements,
 * a NULL element and a non-finite one (NULL: the indicators' hints).
 */
typedef struct SyVectorKind
{
	int			max_len;
	bool		allow_empty;
	const char *shape_hint;
	const char *long_hint;
	const char *null_hint;
	const char *finite_hint;
} SyVectorKind;

/*
 * The elements of such an array with no NULLs and, when finite, only finite
 * values: a pointer into the array (not a copy); sets *m.  When expect_m >= 0
 * the length must equal it.  Errors name w.fname, w.argname and w.row.
 */
extern const double *sy_float8_vector(ArrayType *a, SyWhere w, const SyVectorKind *kind,
									   int expect_m, bool finite, int *m);

/*
 * Elements of a one-dimensional float8[] with no NULLs and only finite
 * values (an indicator row: not empty, at most SY_MAX_INDICATORS).  Returns a pointer into the array (not a copy) and sets *m.  When
 * expect_m >= 0 the length must equal it.
 */
extern const double *sy_indicator_row(ArrayType *a, SyWhere w, int expect_m, int *m);

/* The same checks except finiteness, for callers that check it on the fly. */
extern const double *sy_indicator_shape(ArrayType *a, SyWhere w, int expect_m, int *m);

/* Directions (+1 benefit, -1 cost) for m indicators; NULL array = all benefit. */
extern int *sy_directions(ArrayType *a, SyWhere w, int m);

/* Two direction vectors (NULL = all benefit) are the same. */
extern bool sy_same_directions(const int *a, const int *b, int m);

/* Non-negative weights for m indicators, rescaled to sum to 1. */
extern double *sy_weights(ArrayType *a, SyWhere w, int m);
extern double *sy_weights_hinted(ArrayType *a, SyWhere w, int m, const char *negative_hint,
								 const char *zero_hint);

/* Shift added to min-max scores: finite and >= 0 (NULL means 0). */
extern double sy_shift(Datum d, bool isnull, SyWhere w);

/*
 * A text argument that names one of a fixed set of choices, an enum whose
 * value v is spelled names[v].  Matched in any case; an unknown name is
 * 22023, listing the accepted ones.  The sets of the glue are below (each
 * feature's own beside it: sy_rotations, sy_bp_transforms, ...).
 */
typedef struct SyChoices
{
	const char *what;			/* the argument, for messages */
	const char *const *names;
	int			n;
	const char *hint;			/* says which is the default */
} SyChoices;

extern int	sy_choice(text *t, const SyChoices *c, const char *fname);
extern int	sy_choice_cstr(const char *s, const SyChoices *c, const char *fname);

extern const SyChoices sy_normalizations;	/* sy_normalization */
extern const SyChoices sy_edges_choices;	/* sy_edges */
extern const SyChoices sy_ccd_variants; /* sy_ccd_variant */

/*
 * Missing values (issue 12): the policy argument `missing` of the functions
 * that take indicator vectors or subsystem scores (sy_core_missing.h).
 * Window and plain functions take it as missing => '...', aggregates
 * through weight_options(missing => '...').
 */
extern const SyChoices sy_missing_choices;	/* sy_missing */

#define SY_MISSING_HINT \
	"Choose a missing-value policy: missing => 'skip', 'mean' or 'median' " \
	"(aggregates: weight_options(missing => ...)); for a time series, fill " \
	"gaps with interpolate(value, year) OVER (PARTITION BY region, indicator ORDER BY year)."

/*
 * An indicator row that may hold NULL elements, copied into out (m doubles,
 * at most SY_MAX_INDICATORS): NULL elements become NaN and are counted
 * (the return value); the other elements must be finite.  With policy
 * SY_MISSING_ERROR a NULL element is the NULL error with SY_MISSING_HINT.
 */
extern int	sy_indicator_row_gaps(ArrayType *a, SyWhere w, int expect_m,
								  sy_missing policy, double *out, int *m);

/*
 * How many doubles out must hold for sy_indicator_row_gaps(a, ...) when m is
 * not known yet: a's length, but at most SY_MAX_INDICATORS (the shape is
 * checked before anything is written), so that an array of NULLs, which
 * declares 134 million elements in 16 MB, cannot make the caller allocate
 * 1 GB before the error.
 */
extern int	sy_indicator_row_room(ArrayType *a);

/*
 * The 22004 error of an imputation (mean, median) whose indicator col
 * (0-based) has no observed value in the group ("partition", "group").
 */
#if PG_VERSION_NUM >= 180000
pg_noreturn extern void sy_missing_undefined(const char *fname, int col, sy_missing policy,
											 const char *group);
#else
extern void sy_missing_undefined(const char *fname, int col, sy_missing policy,
								 const char *group) pg_attribute_noreturn();
#endif

/*
 * Throws 22003 when max - min of an indicator overflows (values beyond
 * about +-9e307 of each other) or is too small for its reciprocal to be
 * finite (subnormal); every min-max score divides by that range.
 */
extern void sy_check_ranges(const char *fname, int m, const double *lo, const double *hi);

/*
 * Throws 22003 when a sum of squares of indicator j is not finite, or has
 * underflowed to 0 although the indicator varies.
 */
extern void sy_check_finite_stat(const char *fname, int j, double stat, double lo, double hi);

/* Throws when an array argument that must be the same in every row changes. */
extern void sy_must_be_constant(bool same, SyWhere w);

/* float8[] from doubles; NaN elements become NULL. */
extern ArrayType *sy_float8_array(const double *v, int m);

/*
 * What a function keeps between its calls in one query, in fn_mcxt: the
 * one thing synergy keeps in fn_extra (call_cache.c).  Each field is
 * filled on demand by the function named beside it.
 */
typedef struct SyCallCache
{
	const char *agg_name;		/* sy_agg_name */
	TupleDesc	result_desc;	/* sy_result_desc */
	struct SyGeomFns *geom;		/* sy_call_geom (sy_geom.h) */
	struct SyCodeIndex *codes;	/* indicator_vector's codes (indicator_vector.c) */
} SyCallCache;

extern SyCallCache *sy_call_cache(FunctionCallInfo fcinfo);

/*
 * Name of the aggregate being run (it may share its transition function
 * with others), for messages; fallback when not called as an aggregate.
 * Looked up once per query and support function; the string lives as long
 * as the query.
 */
extern const char *sy_agg_name(FunctionCallInfo fcinfo, const char *fallback);

/* The function's row type, blessed, looked up once per query. */
extern TupleDesc sy_result_desc(FunctionCallInfo fcinfo, const char *fname);

/* state_io.c: aggregate states as bytes; see sy_state.h. */

/* A detail suffix naming the row, e.g. " in row 3 of the partition". */
extern const char *sy_row_suffix(int64 row);

#endif							/* SY_PG_H */

/*
 * entropy_bounded_agg.c - entropy_weights(x, lower, upper [, directions
 * [, shift]]) and entropy_weights_detail with the same arguments: the
 * entropy weight method in constant memory.
 *
 * With each indicator's bounds known from the first row, every value's
 * min-max score z = (x - c) a + shift is known as the row arrives, so the
 * state keeps two exact sums per indicator, S = sum(z) and Q = sum(z ln z)
 * (the numeric core's sy_entropy_bounded_*, exact and independent of the
 * order of the rows), instead of the rows: O(m) memory whatever the row
 * count, partial states of a few hundred bytes, and parallel plans that
 * scale.  With the bounds equal to the columns' min and max it gives the
 * row-keeping form's weights (entropy_agg.c) to 1e-12.
 *
 * The state is the same kind as the row-keeping form's (SY_KIND_ENTROPY,
 * sy_entropy_pg.h) in mode ENTROPY_BOUNDED; this file holds that mode's
 * part of the kind's reader, writer and combine function.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/array.h"
#include "utils/float.h"

#include "sy_entropy_pg.h"
#include "sy_limits.h"
#include "sy_entropy_bounded.h"
#include "sy_weight_options.h"

static const char *
f8str(double v)
{
	return float8out_internal(v);
}

/* The bound arguments of this row equal the state's? Cheap when unchanged. */
static bool
bound_unchanged(const ArrayType *raw, const double *bound, int m, ArrayType *arr, SyWhere w)
{
	const double *v;
	int			n;

	if (VARSIZE(arr) == VARSIZE(raw) && memcmp(arr, raw, VARSIZE(arr)) == 0)
		return true;
	/* the same values in another array header still count as the same */
	v = sy_indicator_row(arr, w, m, &n);
	return memcmp(v, bound, sizeof(double) * m) == 0;
}

/* The core's accumulator for m indicators, in CurrentMemoryContext. */
static sy_entropy_bounded *
bounded_new(int m, const double *lower, const double *upper, const int *dir, double shift)
{
	sy_entropy_bounded *b = palloc(sizeof(sy_entropy_bounded));

	sy_entropy_bounded_init(b, (size_t) m, lower, upper, dir, shift,
							palloc(sy_entropy_bounded_bytes((size_t) m)));
	return b;
}

static EntropyState *
bounded_state_new(const char *fname, int m, const double *lower, const double *upper,
				  const int *dir, double shift)
{
	EntropyState *st = palloc0(sizeof(EntropyState));

	st->fname = fname;
	st->mode = ENTROPY_BOUNDED;
	st->m = m;
	st->shift = shift;
	if (dir)
	{
		st->dir = palloc(sizeof(int) * m);
		memcpy(st->dir, dir, sizeof(int) * m);
	}
	st->lo = palloc(sizeof(double) * m);
	st->hi = palloc(sizeof(double) * m);
	memcpy(st->lo, lower, sizeof(double) * m);
	memcpy(st->hi, upper, sizeof(double) * m);
	st->acc = bounded_new(m, lower, upper, st->dir, shift);
	return st;
}

/* lower_j <= upper_j for every j, and a range whose reciprocal is finite */
static void
check_bounds(const char *fname, int m, const double *lower, const double *upper)
{
	for (int j = 0; j < m; j++)
		if (!(lower[j] <= upper[j]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: lower exceeds upper for indicator %d", fname, j + 1),
					 errdetail("lower[%d] = %s, upper[%d] = %s.",
							   j + 1, f8str(lower[j]), j + 1, f8str(upper[j])),
					 errhint("Pass each indicator's least value as lower and its greatest as upper, e.g. min() and max() of the column in a CTE.")));
	sy_check_ranges(fname, m, lower, upper);
}

/* A value outside its bounds (or not finite): the error naming it. */
static void
out_of_bounds(SyWhere w, ArrayType *xarr, const double *x, int m, const EntropyState *st)
{
	for (int j = 0; j < m; j++)
	{
		if (st->lo[j] <= x[j] && x[j] <= st->hi[j])
			continue;
		if (isnan(x[j]) && st->missing != SY_MISSING_ERROR)
			continue;			/* a gap (the NULL element), not a value */
		if (!isfinite(x[j]))
			sy_indicator_row(xarr, w, m, &m);	/* reports the non-finite value */
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: x lies outside the bounds of indicator %d", w.fname, j + 1),
				 errdetail("x[%d] = %s is outside [lower[%d], upper[%d]] = [%s, %s].",
						   j + 1, f8str(x[j]), j + 1, j + 1, f8str(st->lo[j]), f8str(st->hi[j])),
				 errhint("The bounds must hold every value of their indicator: compute them with indicator_min(x) and indicator_max(x) over the same rows in a CTE (docs/reference.md, \"Entropy weights at scale\"), or widen them.")));
	}
}

/*
 * One row into a bounded state (created when st is NULL); NULL bounds mean
 * the row-keeping form.  missing: the policy; 'median' is refused (the rows
 * are not kept).
 */
static EntropyState *
bounded_step(EntropyState *st, MemoryContext aggcxt, const char *fname, ArrayType *xarr,
			 ArrayType *lowarr, ArrayType *uparr, ArrayType *dirarr, double shift,
			 sy_missing missing)
{
	MemoryContext old;
	SyWhere		w = {fname, "x", 0};
	const double *x;
	double	   *buf = NULL;
	int			gaps = 0;
	int			m;
	int			bad;

	/* NULL bounds: the row-keeping form (so entropy_weights(x, NULL, NULL)
	 * keeps meaning entropy_weights(x)) */
	if ((lowarr == NULL) != (uparr == NULL) ||
		(st != NULL && (st->mode == ENTROPY_BOUNDED) == (lowarr == NULL)))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: lower and upper must both be given or both be NULL", fname),
				 (lowarr == NULL) != (uparr == NULL)
				 ? errdetail("%s is NULL and %s is not.",
							 lowarr == NULL ? "lower" : "upper", lowarr == NULL ? "upper" : "lower")
				 : errdetail("The bounds are NULL in some rows of the group and given in others."),
				 errhint("Give both bounds in every row (NULL for both keeps the rows instead).")));
	if (lowarr == NULL)
		return entropy_rows_step(st, aggcxt, fname, xarr, dirarr, shift, missing);
	sy_missing_no_median(fname, missing);

	if (st == NULL)
	{
		const double *lower,
				   *upper;
		int		   *dir;
		int			ml;

		w.argname = "x";
		if (missing == SY_MISSING_ERROR)
			x = sy_indicator_shape(xarr, w, -1, &m);
		else
		{
			/* the shape only (gaps allowed): the row is read below */
			buf = palloc(sizeof(double) * sy_indicator_row_room(xarr));
			(void) sy_indicator_row_gaps(xarr, w, -1, missing, buf, &m);
		}
		w.argname = "lower";
		lower = sy_indicator_row(lowarr, w, m, &ml);
		w.argname = "upper";
		upper = sy_indicator_row(uparr, w, m, &ml);
		check_bounds(fname, m, lower, upper);
		w.argname = "directions";
		dir = sy_directions(dirarr, w, m);
		old = MemoryContextSwitchTo(aggcxt);
		st = bounded_state_new(fname, m, lower, upper, dir, shift);
		st->missing = missing;
		if (missing == SY_MISSING_MEAN)
			st->nobs = palloc0(sizeof(int64) * m);
		if (dirarr)
			st->dir_raw = (ArrayType *) PG_DETOAST_DATUM_COPY(PointerGetDatum(dirarr));
		st->lo_raw = (ArrayType *) PG_DETOAST_DATUM_COPY(PointerGetDatum(lowarr));
		st->hi_raw = (ArrayType *) PG_DETOAST_DATUM_COPY(PointerGetDatum(uparr));
		MemoryContextSwitchTo(old);
	}
	else
	{
		w.argname = "lower";
		sy_must_be_constant(bound_unchanged(st->lo_raw, st->lo, st->m, lowarr, w), w);
		w.argname = "upper";
		sy_must_be_constant(bound_unchanged(st->hi_raw, st->hi, st->m, uparr, w), w);
		w.argname = "directions";
		sy_must_be_constant(entropy_directions_unchanged(st, dirarr, w), w);
		w.argname = "shift";
		sy_must_be_constant(st->shift == shift, w);
	}
	w.argname = "x";
	if (st->missing == SY_MISSING_ERROR)
		x = sy_indicator_shape(xarr, w, st->m, &m);
	else
	{
		x = buf = palloc(sizeof(double) * st->m);
		gaps = sy_indicator_row_gaps(xarr, w, st->m, st->missing, buf, &m);
	}
	if (gaps > 0 && (st->missing == SY_MISSING_SKIP || gaps == st->m))
		return st;				/* the unit takes no part (no value at all: no unit) */
	if (st->nobs != NULL)
		bad = sy_entropy_bounded_add_gaps(st->acc, x, st->nobs);
	else
		bad = sy_entropy_bounded_add(st->acc, x);
	if (unlikely(bad >= 0))
		out_of_bounds(w, xarr, x, m, st);
	st->n = st->acc->n;
	return st;
}

/*
 * entropy_weights_bounded_transfn(internal, x float8[], lower float8[],
 *                                 upper float8[] [, directions int[] [, shift float8]])
 */
PG_FUNCTION_INFO_V1(entropy_weights_bounded_transfn);
Datum
entropy_weights_bounded_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	EntropyState *st = PG_ARGISNULL(0) ? NULL : (EntropyState *) PG_GETARG_POINTER(0);
	SyWhere		w = {NULL, "shift", 0};
	ArrayType  *dirarr;
	double		shift;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "entropy_weights_bounded_transfn called in non-aggregate context");
	w.fname = st ? st->fname : sy_agg_name(fcinfo, "entropy_weights");
	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	dirarr = PG_NARGS() > 4 && !PG_ARGISNULL(4) ? PG_GETARG_ARRAYTYPE_P(4) : NULL;
	shift = PG_NARGS() > 5 ? sy_shift(PG_GETARG_DATUM(5), PG_ARGISNULL(5), w) : 0.0;
	PG_RETURN_POINTER(bounded_step(st, aggcxt, w.fname, PG_GETARG_ARRAYTYPE_P(1),
								   PG_ARGISNULL(2) ? NULL : PG_GETARG_ARRAYTYPE_P(2),
								   PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3),
								   dirarr, shift, SY_MISSING_ERROR));
}

/*
 * entropy_weights_bounded_options_transfn(internal, x float8[], lower float8[],
 *                                         upper float8[], options weight_options)
 */
PG_FUNCTION_INFO_V1(entropy_weights_bounded_options_transfn);
Datum
entropy_weights_bounded_options_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	EntropyState *st = PG_ARGISNULL(0) ? NULL : (EntropyState *) PG_GETARG_POINTER(0);
	const char *fname;
	SyWeightOptions o;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "entropy_weights_bounded_options_transfn called in non-aggregate context");
	fname = st ? st->fname : sy_agg_name(fcinfo, "entropy_weights");
	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	entropy_row_options(st, PG_GETARG_DATUM(4), PG_ARGISNULL(4), fname, &o);
	st = bounded_step(st, aggcxt, fname, PG_GETARG_ARRAYTYPE_P(1),
					  PG_ARGISNULL(2) ? NULL : PG_GETARG_ARRAYTYPE_P(2),
					  PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3),
					  o.directions, o.shift, o.missing);
	entropy_keep_options(st, aggcxt, PG_GETARG_DATUM(4), PG_ARGISNULL(4));
	PG_RETURN_POINTER(st);
}

/* ---- the bounded mode of the state kind (entropy_agg.c has the rest) ---- */

/*
 * Payload after the common part (mode, m, n, shift, directions, missing):
 *   f64 lower[m], f64 upper[m], f64 observed min[m], f64 observed max[m],
 *   under missing => 'mean' i64 values[m] (each indicator's count of
 *   values; an indicator with none has observed range +Inf, -Inf),
 *   then per indicator the exact sums S_j and T_j (sy_exact_sum.h), each in
 *   its canonical form as: u8 first, u8 count, i64 chunk[first .. first +
 *   count - 1], the chunks outside that range being 0 and the first and last
 *   written ones not (count 0: the sum is 0).  The same rows give the same
 *   bytes, whatever their order and the merges they went through.
 */
static double
xsum_bytes(const sy_xsum *x)
{
	int			first = 0,
				last = SY_XSUM_CHUNKS - 1;

	while (first < SY_XSUM_CHUNKS && x->chunk[first] == 0)
		first++;
	if (first == SY_XSUM_CHUNKS)
		return 2.0;
	while (x->chunk[last] == 0)
		last--;
	return 2.0 + 8.0 * (last - first + 1);
}

static void
wr_xsum(SyStateWriter *w, const sy_xsum *x)
{
	int			first = 0,
				last = SY_XSUM_CHUNKS - 1;

	while (first < SY_XSUM_CHUNKS && x->chunk[first] == 0)
		first++;
	if (first == SY_XSUM_CHUNKS)
	{
		sy_wr_u8(w, 0);
		sy_wr_u8(w, 0);
		return;
	}
	while (x->chunk[last] == 0)
		last--;
	sy_wr_u8(w, (uint8) first);
	sy_wr_u8(w, (uint8) (last - first + 1));
	for (int k = first; k <= last; k++)
		sy_wr_i64(w, x->chunk[k]);
}

static void
rd_xsum(SyStateReader *r, sy_xsum *x, const char *fname)
{
	int			first = sy_rd_u8(r);
	int			count = sy_rd_u8(r);

	sy_xsum_init(x);
	if (count == 0 && first == 0)
		return;
	if (count == 0 || first + count > SY_XSUM_CHUNKS)
		sy_state_corrupt(fname, "Invalid exact sum.");
	for (int k = first; k < first + count; k++)
		x->chunk[k] = sy_rd_i64(r);
	if (x->chunk[first] == 0 || x->chunk[first + count - 1] == 0)
		sy_state_corrupt(fname, "Invalid exact sum.");
}

/* The sums in canonical form: the writer's size and bytes depend on it. */
static void
bounded_normalize(const EntropyState *st)
{
	sy_entropy_bounded_normalize(st->acc);
}

double
entropy_bounded_payload(const EntropyState *st)
{
	double		bytes = (st->nobs ? 40.0 : 32.0) * st->m;

	bounded_normalize(st);
	for (int j = 0; j < st->m; j++)
		bytes += xsum_bytes(&st->acc->s[j]) + xsum_bytes(&st->acc->t[j]);
	return bytes;
}

void
entropy_bounded_write(SyStateWriter *w, const EntropyState *st)
{
	const sy_entropy_bounded *b = st->acc;

	bounded_normalize(st);
	sy_wr_f64s(w, st->lo, st->m);
	sy_wr_f64s(w, st->hi, st->m);
	sy_wr_f64s(w, b->omin, st->m);
	sy_wr_f64s(w, b->omax, st->m);
	if (st->nobs)
		for (int j = 0; j < st->m; j++)
			sy_wr_i64(w, st->nobs[j]);
	for (int j = 0; j < st->m; j++)
	{
		wr_xsum(w, &b->s[j]);
		wr_xsum(w, &b->t[j]);
	}
}

EntropyState *
entropy_bounded_read(SyStateReader *r, const char *fname, int m, int64 n, double shift, int *dir,
					 sy_missing missing)
{
	double	   *lower = palloc(sizeof(double) * m);
	double	   *upper = palloc(sizeof(double) * m);
	EntropyState *st;
	sy_entropy_bounded *b;

	sy_rd_f64s(r, lower, m, true, "A bound");
	sy_rd_f64s(r, upper, m, true, "A bound");
	if (sy_entropy_bounds_check((size_t) m, lower, upper, NULL) != SY_BOUNDS_OK)
		sy_state_corrupt(fname, "Invalid bounds.");
	st = bounded_state_new(fname, m, lower, upper, dir, shift);
	b = st->acc;
	sy_rd_f64s(r, b->omin, m, false, "An observed minimum");
	sy_rd_f64s(r, b->omax, m, false, "An observed maximum");
	st->missing = missing;
	if (missing == SY_MISSING_MEDIAN)
		sy_state_corrupt(fname, "A bounded state with missing => 'median'.");
	if (missing == SY_MISSING_MEAN)
	{
		st->nobs = palloc(sizeof(int64) * m);
		for (int j = 0; j < m; j++)
			st->nobs[j] = sy_rd_count(r, 0, n, "A count of values");
	}
	for (int j = 0; j < m; j++)
	{
		rd_xsum(r, &b->s[j], fname);
		rd_xsum(r, &b->t[j], fname);
	}
	b->n = n;
	st->n = n;
	if (!sy_entropy_bounded_valid_gaps(b, st->nobs))
		sy_state_corrupt(fname, "The sums or observed ranges are not those of rows within the bounds.");
	return st;
}

EntropyState *
entropy_bounded_combine(EntropyState *a, EntropyState *b, const char *fname)
{
	if (a == NULL)
	{
		/* a copy in the aggregate's memory (b may live in shorter memory) */
		a = bounded_state_new(fname, b->m, b->lo, b->hi, b->dir, b->shift);
		a->missing = b->missing;
		if (b->nobs)
			a->nobs = palloc0(sizeof(int64) * b->m);
	}
	else
	{
		for (int j = 0; j < a->m; j++)
			if (memcmp(&a->lo[j], &b->lo[j], sizeof(double)) != 0 ||
				memcmp(&a->hi[j], &b->hi[j], sizeof(double)) != 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: cannot merge entropy states with different bounds", fname),
						 errdetail("Indicator %d has bounds [%s, %s] in one state and [%s, %s] in the other.",
								   j + 1, f8str(a->lo[j]), f8str(a->hi[j]), f8str(b->lo[j]), f8str(b->hi[j])),
						 errhint("Compute every state with the same lower and upper bounds, e.g. from one CTE of min() and max() over all the rows.")));
	}
	sy_entropy_bounded_merge(a->acc, b->acc);
	if (a->nobs)
		for (int j = 0; j < a->m; j++)
			a->nobs[j] += b->nobs[j];
	a->n = a->acc->n;
	return a;
}

bool
entropy_bounded_compute(const EntropyState *st, double *entropy, double *divergence, double *weight)
{
	size_t		bad = SIZE_MAX;
	sy_status	rc;

	if (st->nobs == NULL)
		return sy_entropy_bounded_result(st->acc, entropy, divergence, weight);
	rc = sy_entropy_bounded_result_imputed(st->acc, st->nobs, entropy, divergence, weight, &bad);
	if (bad != SIZE_MAX)
		sy_missing_all_gaps(st->fname, (int) bad, st->missing);
	return rc == SY_OK;
}

/* ---- indicator_min, indicator_max: the bounds' first pass ---- */

/*
 * Element-wise minimum (sign < 0) or maximum (sign > 0) of the indicator
 * rows: the transition and the combine function of indicator_min and
 * indicator_max, whose state is the float8[] of the extremes so far.  In an
 * aggregate the state is updated in place (it lives in the aggregate's
 * memory once copied there); called directly, they return a new array.
 */
static Datum
extreme_step(FunctionCallInfo fcinfo, int sign, bool combine)
{
	MemoryContext aggcxt,
				old;
	ArrayType  *st;
	ArrayType  *xarr;
	SyWhere		w = {NULL, "x", 0};
	const double *x;
	double	   *v;
	int			m;

	bool		inagg = AggCheckCallContext(fcinfo, &aggcxt) != 0;

	/* outside an aggregate (a direct call) the state is copied, not updated */
	if (!inagg)
		aggcxt = CurrentMemoryContext;
	w.fname = sy_agg_name(fcinfo, sign < 0 ? "indicator_min" : "indicator_max");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	xarr = PG_GETARG_ARRAYTYPE_P(1);
	if (PG_ARGISNULL(0))
	{
		/* the first row (or partial state) becomes the state, in our memory */
		x = combine ? sy_indicator_shape(xarr, w, -1, &m) : sy_indicator_row(xarr, w, -1, &m);
		old = MemoryContextSwitchTo(aggcxt);
		st = sy_float8_array(x, m);
		MemoryContextSwitchTo(old);
		PG_RETURN_ARRAYTYPE_P(st);
	}
	st = inagg ? PG_GETARG_ARRAYTYPE_P(0) : PG_GETARG_ARRAYTYPE_P_COPY(0);
	if (!inagg)
		sy_indicator_shape(st, w, -1, &m);	/* a state given by hand: check it */
	v = (double *) ARR_DATA_PTR(st);
	m = ARR_DIMS(st)[0];
	if (combine)
	{
		if (ARR_NDIM(xarr) != 1 || ARR_DIMS(xarr)[0] != m)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s: x has %d elements in some rows and %d in others",
							w.fname, ARR_NDIM(xarr) == 1 ? ARR_DIMS(xarr)[0] : 0, m),
					 errdetail("Partial aggregates of the same group saw arrays of different lengths."),
					 errhint("Every row of a group must carry the same indicators in the same order.")));
		x = (const double *) ARR_DATA_PTR(xarr);
	}
	else
		x = sy_indicator_row(xarr, w, m, &m);
	/* -0 counts below +0, so that the result does not depend on the order */
	for (int j = 0; j < m; j++)
		if (sign < 0 ? (x[j] < v[j] || (x[j] == v[j] && signbit(x[j]) && !signbit(v[j])))
			: (x[j] > v[j] || (x[j] == v[j] && !signbit(x[j]) && signbit(v[j]))))
			v[j] = x[j];
	PG_RETURN_ARRAYTYPE_P(st);
}

PG_FUNCTION_INFO_V1(indicator_min_transfn);
Datum
indicator_min_transfn(PG_FUNCTION_ARGS)
{
	return extreme_step(fcinfo, -1, false);
}

PG_FUNCTION_INFO_V1(indicator_max_transfn);
Datum
indicator_max_transfn(PG_FUNCTION_ARGS)
{
	return extreme_step(fcinfo, 1, false);
}

PG_FUNCTION_INFO_V1(indicator_min_combinefn);
Datum
indicator_min_combinefn(PG_FUNCTION_ARGS)
{
	return extreme_step(fcinfo, -1, true);
}

PG_FUNCTION_INFO_V1(indicator_max_combinefn);
Datum
indicator_max_combinefn(PG_FUNCTION_ARGS)
{
	return extreme_step(fcinfo, 1, true);
}

/*
 * window_evaluate.c - topsis, topsis_detail, composite_index,
 * obstacle_degree and the array form of minmax_normalize, as window
 * functions over a whole partition.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "sy_pg.h"
#include "sy_window.h"
#include "sy_limits.h"

typedef enum EvalKind
{
	EVAL_TOPSIS,
	EVAL_COMPOSITE,
	EVAL_MINMAX,
	EVAL_OBSTACLE
} EvalKind;

/* Per-partition cache: results per valid row. */
typedef struct EvalCache
{
	bool		ready;
	SyMatrix	mx;
	double	   *r1;				/* closeness, composite, normalized rows or
								 * obstacle shares */
	double	   *r2;				/* D+ (topsis) */
	double	   *r3;				/* D- (topsis) */
	TupleDesc	tupdesc;		/* topsis_detail */
} EvalCache;

/* Weights argument: NULL means the entropy weights of the partition. */
static double *
partition_weights(FunctionCallInfo fcinfo, WindowObject winobj, int argno,
				  SyWhere w, MemoryContext keep, const SyMatrix *mx, const int *dir,
				  double shift)
{
	bool		isnull;
	Datum		d;

	w.argname = "weights";
	d = sy_partition_constant(fcinfo, winobj, argno, -1, w, keep, &isnull);
	if (!isnull)
		return sy_weights(DatumGetArrayTypeP(d), w, mx->m);
	else
	{
		int			m = mx->m;
		double	   *work = palloc(sizeof(double) * 4 * m);
		double	   *e = palloc(sizeof(double) * m);
		double	   *dv = palloc(sizeof(double) * m);
		double	   *wt = palloc(sizeof(double) * m);

		/* the shifted scores' entropy weights, as entropy_weights(x, dirs, shift) */
		if (sy_entropy_weights(mx->x, mx->nvalid, m, mx->lo, mx->hi, dir, shift, work,
							   e, dv, wt) != SY_OK)
			return NULL;		/* no variation: closeness undefined */
		return wt;
	}
}

/*
 * Directions must mean the same in every row; unlike other arguments they
 * are compared by meaning, so NULL and ARRAY[1, 1] agree, as in the
 * aggregates.
 */
static int *
partition_directions(FunctionCallInfo fcinfo, WindowObject winobj, int argno,
					 SyWhere w, int m)
{
	int64		nrows = WinGetPartitionRowCount(winobj);
	MemoryContext keep = CurrentMemoryContext;
	MemoryContext rowcxt = AllocSetContextCreate(keep, "synergy directions row",
												 ALLOCSET_SMALL_SIZES);
	int		   *first = NULL;

	w.argname = "directions";
	for (int64 i = 0; i < nrows; i++)
	{
		bool		isnull,
					isout;
		Datum		d;
		int		   *dir;

		CHECK_FOR_INTERRUPTS();
		/* each row's value is evaluated, detoasted and parsed in rowcxt */
		MemoryContextSwitchTo(rowcxt);
		d = WinGetFuncArgInPartition(winobj, argno, i, WINDOW_SEEK_HEAD, false, &isnull, &isout);
		w.row = i + 1;
		dir = isnull ? NULL : sy_directions(DatumGetArrayTypeP(d), w, m);
		MemoryContextSwitchTo(keep);
		if (i == 0)
		{
			if (dir)
			{
				first = palloc(sizeof(int) * m);
				memcpy(first, dir, sizeof(int) * m);
			}
			/* constants and parameters cannot vary */
			if (get_fn_expr_arg_stable(fcinfo->flinfo, argno))
				break;
		}
		else
			sy_must_be_constant(sy_same_directions(first, dir, m), w);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(rowcxt);
	return first;
}

/*
 * Argument positions of the options that follow x, weights and directions
 * (-1: the function has no such argument).  The released signatures end
 * before them; the C function reads them when PG_NARGS() says they are
 * there.
 */
typedef struct EvalArgs
{
	int			weights;
	int			directions;
	int			normalization;
	int			shift;
	int			missing;
} EvalArgs;

static const EvalArgs eval_args[] = {
	[EVAL_TOPSIS] = {1, 2, 3, 4, 5},
	[EVAL_COMPOSITE] = {1, 2, -1, 3, 4},
	[EVAL_MINMAX] = {-1, 1, -1, 2, 3},
	[EVAL_OBSTACLE] = {1, 2, -1, -1, 3}
};

/* An option argument that must be constant in the partition: argno < 0 or
 * beyond PG_NARGS() reads as NULL. */
static Datum
option_arg(FunctionCallInfo fcinfo, WindowObject winobj, int argno, int16 typlen,
		   SyWhere w, const char *argname, MemoryContext keep, bool *isnull)
{
	*isnull = true;
	if (argno < 0 || argno >= PG_NARGS())
		return (Datum) 0;
	w.argname = argname;
	return sy_partition_constant(fcinfo, winobj, argno, typlen, w, keep, isnull);
}

static void
evaluate_partition(FunctionCallInfo fcinfo, WindowObject winobj, EvalCache *c,
				   EvalKind kind, const char *fname)
{
	MemoryContext keep = sy_partition_context(c);
	MemoryContext old = MemoryContextSwitchTo(keep);
	SyWhere		w = {fname, "x", 0};
	const EvalArgs *pos = &eval_args[kind];
	SyMatrix   *mx = &c->mx;
	int		   *dir;
	double	   *wt = NULL;
	double		shift = 0.0;
	sy_missing	policy = SY_MISSING_ERROR;
	sy_normalization norm = SY_NORM_MINMAX;
	bool		isnull;
	Datum		d;
	int			m;
	int64		n;

	/* the options first: a bad one is reported even for an empty partition */
	d = option_arg(fcinfo, winobj, pos->missing, -1, w, "missing", keep, &isnull);
	if (!isnull)
		policy = (sy_missing) sy_choice(DatumGetTextPP(d), &sy_missing_choices, fname);
	d = option_arg(fcinfo, winobj, pos->shift, sizeof(float8), w, "shift", keep, &isnull);
	shift = sy_shift(d, isnull, w);
	d = option_arg(fcinfo, winobj, pos->normalization, -1, w, "normalization", keep, &isnull);
	if (!isnull)
		norm = (sy_normalization) sy_choice(DatumGetTextPP(d), &sy_normalizations, fname);
	if (norm == SY_NORM_VECTOR && shift > 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: shift applies to min-max scores only", fname),
				 errdetail("normalization is 'vector' and shift is %g.", shift),
				 errhint("Use normalization => 'minmax' with a shift, or leave shift out.")));

	sy_read_matrix_missing(winobj, 0, w, keep, policy, mx);
	m = mx->m;
	n = mx->nvalid;
	if (n == 0)
	{
		c->ready = true;
		MemoryContextSwitchTo(old);
		return;
	}

	dir = partition_directions(fcinfo, winobj, pos->directions, w, m);
	if (kind != EVAL_MINMAX)
	{
		wt = partition_weights(fcinfo, winobj, pos->weights, w, keep, mx, dir, shift);
		if (wt == NULL)
		{
			c->r1 = NULL;		/* every row NULL */
			c->ready = true;
			MemoryContextSwitchTo(old);
			return;
		}
	}

	switch (kind)
	{
		case EVAL_TOPSIS:
			/* the partition's copy (sy_read_matrix) and three results a row */
			sy_group_memory_check(fname, sizeof(double) * (((double) m + 1.0) * mx->nrows + 3.0 * n), n);
			c->r1 = MemoryContextAllocHuge(keep, sizeof(double) * n);
			c->r2 = MemoryContextAllocHuge(keep, sizeof(double) * n);
			c->r3 = MemoryContextAllocHuge(keep, sizeof(double) * n);
			if (shift > 0.0)
				sy_topsis_shift(mx->x, n, m, mx->lo, mx->hi, wt, dir, shift,
								c->r2, c->r3, c->r1);
			else
				sy_topsis(mx->x, n, m, mx->lo, mx->hi, wt, dir, norm,
						  palloc(sizeof(double) * 3 * m), c->r2, c->r3, c->r1);
			break;
		case EVAL_COMPOSITE:
			sy_group_memory_check(fname, sizeof(double) * (((double) m + 1.0) * mx->nrows + (double) n), n);
			c->r1 = MemoryContextAllocHuge(keep, sizeof(double) * n);
			if (shift > 0.0)
				sy_composite_index_shift(mx->x, n, m, mx->lo, mx->hi, wt, dir, shift, c->r1);
			else
				sy_composite_index(mx->x, n, m, mx->lo, mx->hi, wt, dir, c->r1);
			break;
		case EVAL_MINMAX:
			/* normalized in place: the raw rows are not needed afterwards */
			sy_minmax_matrix(mx->x, n, m, mx->lo, mx->hi, dir, mx->x);
			if (shift > 0.0)
				for (Size i = 0; i < (Size) n * m; i++)
					mx->x[i] += shift;
			c->r1 = mx->x;
			break;
		case EVAL_OBSTACLE:
			/* shares in place of the scores, row by row; NaN marks a row at
			 * the ideal, which has no obstacle to share */
			sy_minmax_matrix(mx->x, n, m, mx->lo, mx->hi, dir, mx->x);
			for (int64 i = 0; i < n; i++)
			{
				double	   *row = mx->x + (Size) i * m;

				sy_obstacle_shares(row, wt, m, row);
			}
			c->r1 = mx->x;
			break;
	}
	c->ready = true;
	MemoryContextSwitchTo(old);
}

/* The cache for this partition, evaluated on first use; -1 for a NULL row. */
static int64
current_result(FunctionCallInfo fcinfo, EvalKind kind, const char *fname,
			   EvalCache **cache)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	EvalCache  *c = WinGetPartitionLocalMemory(winobj, sizeof(EvalCache));
	int64		k;

	if (!c->ready)
		evaluate_partition(fcinfo, winobj, c, kind, fname);
	*cache = c;
	k = c->mx.index[WinGetCurrentPosition(winobj)];
	return c->r1 == NULL ? -1 : k;
}

PG_FUNCTION_INFO_V1(topsis_window);
Datum
topsis_window(PG_FUNCTION_ARGS)
{
	EvalCache  *c;
	int64		k = current_result(fcinfo, EVAL_TOPSIS, "topsis", &c);

	if (k < 0 || isnan(c->r1[k]))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(c->r1[k]);
}

PG_FUNCTION_INFO_V1(topsis_detail_window);
Datum
topsis_detail_window(PG_FUNCTION_ARGS)
{
	EvalCache  *c;
	int64		k = current_result(fcinfo, EVAL_TOPSIS, "topsis_detail", &c);
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (k < 0)
		PG_RETURN_NULL();
	if (c->tupdesc == NULL)
	{
		TupleDesc	td;
		MemoryContext old = MemoryContextSwitchTo(sy_partition_context(c));

		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "topsis_detail: return type must be a row type");
		c->tupdesc = BlessTupleDesc(CreateTupleDescCopy(td));
		MemoryContextSwitchTo(old);
	}
	values[0] = Float8GetDatum(c->r2[k]);
	values[1] = Float8GetDatum(c->r3[k]);
	nulls[2] = isnan(c->r1[k]);
	values[2] = Float8GetDatum(nulls[2] ? 0.0 : c->r1[k]);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(c->tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(composite_index_window);
Datum
composite_index_window(PG_FUNCTION_ARGS)
{
	EvalCache  *c;
	int64		k = current_result(fcinfo, EVAL_COMPOSITE, "composite_index", &c);

	if (k < 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(c->r1[k]);
}

PG_FUNCTION_INFO_V1(minmax_normalize_array_window);
Datum
minmax_normalize_array_window(PG_FUNCTION_ARGS)
{
	EvalCache  *c;
	int64		k = current_result(fcinfo, EVAL_MINMAX, "minmax_normalize", &c);

	if (k < 0)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sy_float8_array(c->r1 + (Size) k * c->mx.m, c->mx.m));
}

PG_FUNCTION_INFO_V1(obstacle_degree_window);
Datum
obstacle_degree_window(PG_FUNCTION_ARGS)
{
	EvalCache  *c;
	int64		k = current_result(fcinfo, EVAL_OBSTACLE, "obstacle_degree", &c);

	if (k < 0 || isnan(c->r1[(Size) k * c->mx.m]))
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sy_float8_array(c->r1 + (Size) k * c->mx.m, c->mx.m));
}

/*
 * trend_agg.c - trend_analysis(geom, z [, order [, rotation]]) and
 * trend_surface(geom, z [, order]) aggregates: ArcGIS-style trend analysis
 * of a variable over city locations, as a query.
 *
 * The state keeps the points (x, y, z: 24 bytes a row); the fit needs them
 * all (QR), and partial states concatenate.  The final functions fit the
 * points in the canonical order of sy_order.h (by x, then y, then z), so
 * any order of the rows, serial or parallel, gives the same bits.  Geometries become points
 * through PostGIS's SQL functions (geom_point.c).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "sy_pg.h"
#include "sy_limits.h"
#include "sy_order.h"
#include "sy_geom.h"
#include "sy_core_spatial.h"
#include "sy_state.h"

/* LAPACK indexes the n x p design with 32-bit integers: n * 28 < 2^31 */
#define TREND_MAX_ROWS	((int64) 50000000)

typedef enum TrendKind
{
	TREND_LINES = 0,
	TREND_SURFACE = 1
} TrendKind;

typedef struct TrendState
{
	const char *fname;
	uint8		kind;
	int32		order;
	double		rotation;
	int32		target_srid;	/* 0: none */
	int32		srid;
	int64		seen;			/* rows read, for messages */
	int64		n;
	int64		cap;
	double	   *x;
	double	   *y;
	double	   *z;
} TrendState;


static TrendState *
trend_state_new(const char *fname, TrendKind kind, int order, double rotation,
				int32 srid, int64 cap)
{
	TrendState *st = palloc0(sizeof(TrendState));

	st->fname = fname;
	st->kind = kind;
	st->order = order;
	st->rotation = rotation;
	st->srid = srid;
	st->cap = Max(cap, 16);
	sy_group_memory_check(fname, 3.0 * sizeof(double) * st->cap, cap);
	st->x = palloc_extended(sizeof(double) * st->cap, MCXT_ALLOC_HUGE);
	st->y = palloc_extended(sizeof(double) * st->cap, MCXT_ALLOC_HUGE);
	st->z = palloc_extended(sizeof(double) * st->cap, MCXT_ALLOC_HUGE);
	return st;
}

static void
trend_push(TrendState *st, double x, double y, double z)
{
	if (st->n == st->cap)
	{
		if (st->n >= TREND_MAX_ROWS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s: too many points in one group", st->fname),
					 errdetail("The group has more than " INT64_FORMAT " points.", TREND_MAX_ROWS),
					 errhint("Fit a sample of the points (TABLESAMPLE), or group them more finely.")));
		st->cap = sy_group_grow(st->fname, st->cap, st->n + 1, TREND_MAX_ROWS,
								3.0 * sizeof(double), 0.0, st->n);
		st->x = repalloc_huge(st->x, sizeof(double) * st->cap);
		st->y = repalloc_huge(st->y, sizeof(double) * st->cap);
		st->z = repalloc_huge(st->z, sizeof(double) * st->cap);
	}
	st->x[st->n] = x;
	st->y[st->n] = y;
	st->z[st->n] = z;
	st->n++;
}

static void
check_order(const char *fname, int order)
{
	if (order < 1 || order > SY_TREND_MAX_ORDER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: order must be between 1 and %d", fname, SY_TREND_MAX_ORDER),
				 errdetail("The order is %d.", order),
				 errhint("Use 1 for a linear trend, 2 for a quadratic (ArcGIS's default), up to %d.", SY_TREND_MAX_ORDER)));
}

static void
srid_mismatch(const char *fname, int64 row, int32 have, int32 got)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: geometries of one group must share one SRID", fname),
			 errdetail("Row " INT64_FORMAT " has SRID %d, the rows before it SRID %d.",
					   row, got, have),
			 errhint("Transform them to one spatial reference system first, e.g. ST_Transform(geom, 4326).")));
}

static Datum
trend_transfn_common(FunctionCallInfo fcinfo, TrendKind kind)
{
	MemoryContext aggcxt,
				old;
	TrendState *st = PG_ARGISNULL(0) ? NULL : (TrendState *) PG_GETARG_POINTER(0);
	const char *fname;
	SyGeomFns  *geom;
	int			order = 2;
	int32		target_srid = 0;
	int			target_arg = kind == TREND_LINES ? 5 : 4;
	double		rotation = 0.0,
				x,
				y,
				z;
	int32		srid;
	int64		row;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "trend transition function called in non-aggregate context");
	fname = sy_agg_name(fcinfo, kind == TREND_LINES ? "trend_analysis" : "trend_surface");
	geom = sy_call_geom(fcinfo, 1);
	if (PG_NARGS() > 3)
	{
		if (PG_ARGISNULL(3))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: order must not be NULL", fname),
					 errhint("Leave the argument out for the default order 2.")));
		order = PG_GETARG_INT32(3);
		check_order(fname, order);
	}
	if (PG_NARGS() > target_arg)
	{
		/* NULL: use the coordinates as they are */
		if (!PG_ARGISNULL(target_arg))
			target_srid = PG_GETARG_INT32(target_arg);
		if (target_srid < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: target_srid must be a positive SRID", fname),
					 errdetail("target_srid = %d.", target_srid),
					 errhint("Give the SRID of a projected system, e.g. 32649 (UTM 49N), or NULL for none.")));
		if (target_srid != 0)
			sy_geom_fns_transform(geom, fcinfo->flinfo->fn_mcxt);
	}
	if (kind == TREND_LINES && PG_NARGS() > 4)
	{
		if (PG_ARGISNULL(4) || !isfinite(PG_GETARG_FLOAT8(4)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: rotation must be a finite number of degrees", fname),
					 errdetail("The rotation is %s.",
							   PG_ARGISNULL(4) ? "NULL" : psprintf("%g", PG_GETARG_FLOAT8(4))),
					 errhint("Give the angle in degrees, counter-clockwise from east; 0 for none.")));
		rotation = PG_GETARG_FLOAT8(4);
	}
	if (st != NULL)
	{
		SyWhere		w = {fname, "order", 0};

		sy_must_be_constant(st->order == order, w);
		w.argname = "rotation";
		sy_must_be_constant(st->rotation == rotation, w);
		w.argname = "target_srid";
		sy_must_be_constant(st->target_srid == target_srid, w);
		st->seen++;
	}
	row = st ? st->seen : 1;
	/* NULL geometries and z follow the aggregate convention: ignored */
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	z = PG_GETARG_FLOAT8(2);
	if (!isfinite(z))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: z must be finite", fname),
				 errdetail("Row " INT64_FORMAT " of the group has z = %g.", row, z),
				 errhint("Remove NaN and infinite values, or map them to NULL to skip the row.")));
	/* empty geometries have no location: ignored like NULLs */
	if (!sy_geom_point(geom, PG_GETARG_DATUM(1), fname, row, target_srid,
					   &x, &y, &srid))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}

	old = MemoryContextSwitchTo(aggcxt);
	if (st == NULL)
	{
		st = trend_state_new(fname, kind, order, rotation, srid, 16);
		st->target_srid = target_srid;
		st->seen = 1;
	}
	else if (st->n == 0)
		st->srid = srid;
	else if (st->srid != srid)
		srid_mismatch(fname, row, st->srid, srid);
	trend_push(st, x, y, z);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(trend_analysis_transfn);
Datum
trend_analysis_transfn(PG_FUNCTION_ARGS)
{
	return trend_transfn_common(fcinfo, TREND_LINES);
}

PG_FUNCTION_INFO_V1(trend_surface_transfn);
Datum
trend_surface_transfn(PG_FUNCTION_ARGS)
{
	return trend_transfn_common(fcinfo, TREND_SURFACE);
}

/*
 * The state as bytes (sy_state.h), kind version 1: u8 kind (0
 * trend_analysis, 1 trend_surface), i32 order, f64 rotation (degrees), i32
 * srid, i32 target_srid (0: none), i64 seen (rows read), i64 n (points),
 * then f64[n] x, f64[n] y, f64[n] z.
 */
static double
trend_payload_bytes(const void *p)
{
	const TrendState *st = p;

	return 1.0 + 4.0 + 8.0 + 4.0 + 4.0 + 8.0 + 8.0 + 24.0 * (double) st->n;
}

static void
trend_write(SyStateWriter *w, const void *p)
{
	const TrendState *st = p;

	sy_wr_u8(w, st->kind);
	sy_wr_i32(w, st->order);
	sy_wr_f64(w, st->rotation);
	sy_wr_i32(w, st->srid);
	sy_wr_i32(w, st->target_srid);
	sy_wr_i64(w, st->seen);
	sy_wr_i64(w, st->n);
	sy_wr_f64s(w, st->x, (Size) st->n);
	sy_wr_f64s(w, st->y, (Size) st->n);
	sy_wr_f64s(w, st->z, (Size) st->n);
}

static void *
trend_read(SyStateReader *r, const char *fname)
{
	uint8		kind = sy_rd_u8(r);
	int32		order,
				srid,
				target_srid;
	double		rotation;
	int64		seen,
				n;
	TrendState *st;

	if (kind > TREND_SURFACE)
		sy_state_corrupt(fname, "Unknown kind of trend.");
	if (kind == TREND_SURFACE && strcmp(fname, "trend_analysis") == 0)
		fname = "trend_surface";
	order = sy_rd_i32(r);
	rotation = sy_rd_f64(r);
	if (order < 1 || order > SY_TREND_MAX_ORDER || !isfinite(rotation))
		sy_state_corrupt(fname, "Invalid order or rotation.");
	srid = sy_rd_i32(r);
	target_srid = sy_rd_i32(r);
	if (target_srid < 0)
		sy_state_corrupt(fname, "Invalid target SRID.");
	seen = sy_rd_count(r, 0, PG_INT64_MAX, "The row count");
	n = sy_rd_count(r, 0, Min(seen, TREND_MAX_ROWS), "The point count");
	/* the length before the allocation */
	if (sy_rd_remaining(r) != 24 * (Size) n)
		sy_state_corrupt(fname, "The state's length does not match its row count.");
	st = trend_state_new(fname, kind, order, rotation, srid, n);
	sy_rd_f64s(r, st->x, (Size) n, true, "A stored coordinate");
	sy_rd_f64s(r, st->y, (Size) n, true, "A stored coordinate");
	sy_rd_f64s(r, st->z, (Size) n, true, "A stored value");
	st->n = n;
	st->seen = seen;
	st->target_srid = target_srid;
	return st;
}

/* Partial states concatenate; options and the SRID must agree. */
static void *
trend_combine(void *pa, void *pb, const char *fname)
{
	TrendState *a = pa;
	TrendState *b = pb;

	if (a == NULL)
	{
		a = trend_state_new(fname, b->kind, b->order, b->rotation, b->srid, b->n);
		a->target_srid = b->target_srid;
	}
	else
	{
		SyWhere		w = {a->fname, "order", 0};

		if (a->kind != b->kind)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: a trend_analysis state and a trend_surface state cannot be merged", a->fname),
					 errhint("Merge states made by the same aggregate.")));
		sy_must_be_constant(a->order == b->order, w);
		w.argname = "rotation";
		sy_must_be_constant(a->rotation == b->rotation, w);
		w.argname = "target_srid";
		sy_must_be_constant(a->target_srid == b->target_srid, w);
		if (a->n == 0)
			a->srid = b->srid;
		else if (b->n > 0 && a->srid != b->srid)
			srid_mismatch(a->fname, a->seen + 1, a->srid, b->srid);
	}
	for (int64 i = 0; i < b->n; i++)
		trend_push(a, b->x[i], b->y[i], b->z[i]);
	a->seen += b->seen;
	return a;
}

static const SyStateKind trend_kind = {
	SY_KIND_TREND, 1, "trend_analysis",
	trend_payload_bytes, trend_write, trend_read, trend_combine
};

PG_FUNCTION_INFO_V1(trend_combinefn);
Datum
trend_combinefn(PG_FUNCTION_ARGS)
{
	return sy_state_combinefn(fcinfo, &trend_kind);
}

PG_FUNCTION_INFO_V1(trend_serialfn);
Datum
trend_serialfn(PG_FUNCTION_ARGS)
{
	return sy_state_serialfn(fcinfo, &trend_kind);
}

PG_FUNCTION_INFO_V1(trend_deserialfn);
Datum
trend_deserialfn(PG_FUNCTION_ARGS)
{
	return sy_state_deserialfn(fcinfo, &trend_kind);
}

/* trend_analysis_merge's transition function: (internal, bytea) */
PG_FUNCTION_INFO_V1(trend_analysis_merge_transfn);
Datum
trend_analysis_merge_transfn(PG_FUNCTION_ARGS)
{
	return sy_state_merge_transfn(fcinfo, &trend_kind);
}

/*
 * The state's points in canonical order, as fresh arrays (the state stays
 * as it is: FINALFUNC_MODIFY = READ_ONLY); working memory of the final
 * step, like the fit's.
 */
static void
canonical_points(const TrendState *st, double **x, double **y, double **z)
{
	double	   *pts;

	pts = palloc_extended(sizeof(double) * 3 * (Size) st->n, MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < st->n; i++)
	{
		pts[3 * i] = st->x[i];
		pts[3 * i + 1] = st->y[i];
		pts[3 * i + 2] = st->z[i];
	}
	sy_sort_tuples(pts, st->n, 3);
	*x = palloc_extended(sizeof(double) * (Size) st->n, MCXT_ALLOC_HUGE);
	*y = palloc_extended(sizeof(double) * (Size) st->n, MCXT_ALLOC_HUGE);
	*z = palloc_extended(sizeof(double) * (Size) st->n, MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < st->n; i++)
	{
		(*x)[i] = pts[3 * i];
		(*y)[i] = pts[3 * i + 1];
		(*z)[i] = pts[3 * i + 2];
	}
	pfree(pts);
}

static TupleDesc
result_desc(FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	return BlessTupleDesc(tupdesc);
}

static Datum
float8_or_null(double v, bool *isnull)
{
	*isnull = isnan(v);
	return Float8GetDatum(*isnull ? 0.0 : v);
}

/* ew_* or ns_* columns of trend_analysis_result, from values[at] on */
static void
put_direction(sy_status st, const sy_trend_fit *f, Datum *values, bool *nulls, int at)
{
	bool		ok = st == SY_OK;

	for (int k = 0; k < 10; k++)
		nulls[at + k] = !ok;
	values[at + 4] = float8_or_null(f->lo, &nulls[at + 4]);
	values[at + 5] = float8_or_null(f->hi, &nulls[at + 5]);
	values[at + 2] = float8_or_null(f->center, &nulls[at + 2]);
	values[at + 3] = float8_or_null(f->scale, &nulls[at + 3]);
	if (!ok)
		return;
	values[at + 0] = PointerGetDatum(sy_float8_array(f->coef, f->order + 1));
	values[at + 1] = PointerGetDatum(sy_float8_array(f->scaled, f->order + 1));
	values[at + 6] = float8_or_null(f->r2, &nulls[at + 6]);
	values[at + 7] = Float8GetDatum(f->fit_lo);
	values[at + 8] = Float8GetDatum(f->fit_hi);
	values[at + 9] = PointerGetDatum(cstring_to_text(sy_trend_shape_name(f->shape)));
}

static void
fit_error(const char *fname, sy_status st)
{
	if (st == SY_EDOMAIN)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("%s: the least-squares solver failed", fname),
				 errhint("Report this with the data of the group.")));
}

static Datum trend_lines_final(FunctionCallInfo fcinfo, const TrendState *st);

PG_FUNCTION_INFO_V1(trend_analysis_finalfn);
Datum
trend_analysis_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	return trend_lines_final(fcinfo, (TrendState *) PG_GETARG_POINTER(0));
}

/* trend_analysis_final(state bytea): the aggregate's result from a state */
PG_FUNCTION_INFO_V1(trend_analysis_final);
Datum
trend_analysis_final(PG_FUNCTION_ARGS)
{
	const char *fname = "trend_analysis_final";
	TrendState *st = sy_state_arg(fcinfo, &trend_kind, fname);

	if (st->kind != TREND_LINES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the state is a trend_surface state, not a trend_analysis state", fname),
				 errhint("Pass states made by trend_analysis_state or trend_analysis_merge.")));
	return trend_lines_final(fcinfo, st);
}

static Datum
trend_lines_final(FunctionCallInfo fcinfo, const TrendState *st)
{
	TupleDesc	tupdesc;
	Datum		values[24];
	bool		nulls[24];
	double	   *x,
			   *y,
			   *z,
			   *work;
	sy_trend_fit ew,
				ns;
	sy_status	sew,
				sns;

	if (st->n == 0)
		PG_RETURN_NULL();
	tupdesc = result_desc(fcinfo);
	if (tupdesc->natts != 24)
		elog(ERROR, "trend_analysis_result must have 24 columns");
	/* the points, their sorted copies and the least-squares work space */
	sy_group_memory_check(st->fname, sizeof(double) * (3.0 * st->cap + ((double) st->order + 8.0) * st->n),
						  st->n);
	canonical_points(st, &x, &y, &z);
	sy_rotate(x, y, st->n, st->rotation);
	work = palloc_extended(sizeof(double) * st->n * (st->order + 2), MCXT_ALLOC_HUGE);
	CHECK_FOR_INTERRUPTS();
	sew = sy_polyfit(x, z, st->n, st->order, work, &ew);
	fit_error(st->fname, sew);
	CHECK_FOR_INTERRUPTS();
	sns = sy_polyfit(y, z, st->n, st->order, work, &ns);
	fit_error(st->fname, sns);

	memset(nulls, 0, sizeof(nulls));
	values[0] = Int64GetDatum(st->n);
	values[1] = Int32GetDatum(st->order);
	values[2] = Float8GetDatum(st->rotation);
	values[3] = Int32GetDatum(st->srid);
	put_direction(sew, &ew, values, nulls, 4);
	put_direction(sns, &ns, values, nulls, 14);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(trend_surface_finalfn);
Datum
trend_surface_finalfn(PG_FUNCTION_ARGS)
{
	TrendState *st;
	TupleDesc	tupdesc;
	Datum		values[11];
	bool		nulls[11];
	double	   *work,
			   *x,
			   *y,
			   *z;
	sy_surface_fit s;
	sy_status	rc;
	int			p;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (TrendState *) PG_GETARG_POINTER(0);
	if (st->n == 0)
		PG_RETURN_NULL();
	tupdesc = result_desc(fcinfo);
	if (tupdesc->natts != 11)
		elog(ERROR, "trend_surface_result must have 11 columns");
	p = sy_surface_terms(st->order);
	/* the points, their sorted copies and the least-squares work space (29 doubles a point at order 6) */
	sy_group_memory_check(st->fname, sizeof(double) * (3.0 * st->cap + ((double) p + 7.0) * st->n), st->n);
	work = palloc_extended(sizeof(double) * st->n * (p + 1), MCXT_ALLOC_HUGE);
	CHECK_FOR_INTERRUPTS();
	canonical_points(st, &x, &y, &z);
	rc = sy_surface_fit_ls(x, y, z, st->n, st->order, work, &s);
	fit_error(st->fname, rc);
	memset(nulls, 0, sizeof(nulls));
	values[0] = Int64GetDatum(st->n);
	values[1] = Int32GetDatum(st->order);
	values[2] = Int32GetDatum(st->srid);
	values[3] = Float8GetDatum(s.cx);
	values[4] = Float8GetDatum(s.cy);
	values[5] = Float8GetDatum(s.sx);
	values[6] = Float8GetDatum(s.sy);
	{
		Datum	   *terms = palloc(sizeof(Datum) * p);
		int			k = 0;

		for (int d = 0; d <= st->order; d++)
			for (int j = 0; j <= d; j++)
			{
				int			i = d - j;
				StringInfoData b;

				initStringInfo(&b);
				if (d == 0)
					appendStringInfoChar(&b, '1');
				if (i > 0)
					appendStringInfo(&b, i > 1 ? "x^%d" : "x", i);
				if (j > 0)
					appendStringInfo(&b, j > 1 ? "y^%d" : "y", j);
				terms[k++] = PointerGetDatum(cstring_to_text(b.data));
			}
		values[7] = PointerGetDatum(construct_array(terms, p, TEXTOID, -1, false, TYPALIGN_INT));
	}
	if (rc == SY_OK)
	{
		values[8] = PointerGetDatum(sy_float8_array(s.coef, p));
		values[9] = PointerGetDatum(sy_float8_array(s.scaled, p));
		values[10] = float8_or_null(s.r2, &nulls[10]);
	}
	else
		nulls[8] = nulls[9] = nulls[10] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * A field of a trend_surface_result that trend_surface() never leaves NULL
 * or out of range: the composite was made or changed by hand.
 */
static void
bad_surface(const char *field, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("trend_surface_value: the surface's %s is not valid", field),
			 errdetail("%s", detail),
			 errhint("Pass a result of trend_surface() unchanged (its fields are checked against each other).")));
}

static const char *
float_text(double v)
{
	return isnan(v) ? "NaN" : isinf(v) ? (v > 0 ? "Infinity" : "-Infinity") : psprintf("%g", v);
}

/* trend_surface_value(surface trend_surface_result, geom geometry) */
PG_FUNCTION_INFO_V1(trend_surface_value);
Datum
trend_surface_value(PG_FUNCTION_ARGS)
{
	HeapTupleHeader t = PG_GETARG_HEAPTUPLEHEADER(0);
	SyGeomFns  *g = sy_call_geom(fcinfo, 1);
	bool		isnull;
	int32		order,
				srid,
				gsrid;
	double		c[4],
				x,
				y;
	const char *names[4] = {"center_x", "center_y", "scale_x", "scale_y"};
	ArrayType  *coefs;
	const double *a;
	int			p,
				m;
	Datum		d;

	/*
	 * trend_surface() fills every field but the coefficients and r2, which
	 * it leaves NULL for an undefined fit (the value is then NULL too); any
	 * other NULL or out-of-range field is an error, checked before the
	 * coefficients are read.
	 */
	d = GetAttributeByName(t, "order", &isnull);
	if (isnull)
		bad_surface("order", "The order is NULL.");
	order = DatumGetInt32(d);
	if (order < 1 || order > SY_TREND_MAX_ORDER)
		bad_surface("order", psprintf("The order is %d; trend_surface() fits orders 1 to %d.",
									  order, SY_TREND_MAX_ORDER));
	d = GetAttributeByName(t, "srid", &isnull);
	if (isnull)
		bad_surface("srid", "The srid is NULL (0 for none).");
	srid = DatumGetInt32(d);
	for (int k = 0; k < 4; k++)
	{
		d = GetAttributeByName(t, names[k], &isnull);
		if (isnull)
			bad_surface(names[k], psprintf("%s is NULL.", names[k]));
		c[k] = DatumGetFloat8(d);
		if (!isfinite(c[k]) || (k >= 2 && !(c[k] > 0.0)))
			bad_surface(names[k], psprintf("%s is %s; it must be %s.", names[k], float_text(c[k]),
										   k >= 2 ? "a finite number > 0" : "finite"));
	}
	d = GetAttributeByName(t, "scaled_coefficients", &isnull);
	if (isnull)
		PG_RETURN_NULL();
	coefs = DatumGetArrayTypeP(d);
	p = sy_surface_terms(order);
	m = ARR_NDIM(coefs) == 1 ? ARR_DIMS(coefs)[0] : 0;
	if (ARR_NDIM(coefs) > 1)
		bad_surface("scaled_coefficients",
					psprintf("scaled_coefficients has %d dimensions; a surface of order %d has a list of %d.",
							 ARR_NDIM(coefs), order, p));
	if (m != p)
		bad_surface("scaled_coefficients",
					psprintf("scaled_coefficients has %d elements; a surface of order %d has %d terms.",
							 m, order, p));
	if ((m = (int) sy_first_null(coefs, p)) != 0)
		bad_surface("scaled_coefficients", psprintf("Element %d of scaled_coefficients is NULL.", m));
	a = (const double *) ARR_DATA_PTR(coefs);
	for (int k = 0; k < p; k++)
		if (!isfinite(a[k]))
			bad_surface("scaled_coefficients",
						psprintf("Element %d of scaled_coefficients is %s.", k + 1, float_text(a[k])));
	if (!sy_geom_point(g, PG_GETARG_DATUM(1), "trend_surface_value", 1, 0, &x, &y, &gsrid))
		PG_RETURN_NULL();
	if (gsrid != srid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trend_surface_value: the geometry's SRID differs from the surface's"),
				 errdetail("The geometry has SRID %d, the surface was fitted in SRID %d.", gsrid, srid),
				 errhint("Transform the geometry with ST_Transform(geom, %d).", srid)));
	PG_RETURN_FLOAT8(sy_surface_at(a, order, c[0], c[1], c[2], c[3], x, y));
}

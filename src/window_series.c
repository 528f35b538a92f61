/*
 * window_series.c - window functions over one scalar value per row:
 * minmax_normalize(x float8, direction int) and interpolate(x, t, edges).
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "sy_pg.h"
#include "sy_window.h"
#include "sy_limits.h"
#include "sy_order.h"

typedef struct SeriesCache
{
	bool		ready;
	unsigned char *known;		/* per partition row: result is not NULL */
	double	   *value;			/* per partition row */
} SeriesCache;

/*
 * A finite float8 argument of row i, or NULL.  The argument expression is
 * evaluated in rowcxt, reset here: whatever it allocates (x || y, casts)
 * does not pile up over the partition.
 */
static bool
row_float8(WindowObject winobj, int argno, int64 i, SyWhere w,
		   MemoryContext rowcxt, double *out)
{
	bool		isnull,
				isout;
	MemoryContext old = MemoryContextSwitchTo(rowcxt);
	Datum		d = WinGetFuncArgInPartition(winobj, argno, i, WINDOW_SEEK_HEAD,
											 false, &isnull, &isout);

	MemoryContextSwitchTo(old);
	if (!isnull)
		*out = DatumGetFloat8(d);	/* by value: safe after the reset */
	MemoryContextReset(rowcxt);
	if (isnull)
		return false;
	if (!isfinite(*out))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s is not finite", w.fname, w.argname),
				 errdetail("%s is %s in row " INT64_FORMAT " of the partition.", w.argname,
						   isnan(*out) ? "NaN" : (*out > 0 ? "Infinity" : "-Infinity"), i + 1),
				 errhint("Replace NaN and infinite values (e.g. with NULLIF or CASE) first.")));
	return true;
}

/* qsort order of doubles: the total order of sy_f8_key */
static int
cmp_f8_key(const void *a, const void *b)
{
	uint64		x = sy_f8_key(*(const double *) a);
	uint64		y = sy_f8_key(*(const double *) b);

	return (x > y) - (x < y);
}

static SeriesCache *
series_cache(WindowObject winobj, const char *fname, int64 *nrows)
{
	SeriesCache *c = WinGetPartitionLocalMemory(winobj, sizeof(SeriesCache));

	*nrows = WinGetPartitionRowCount(winobj);
	if (!c->ready)
	{
		MemoryContext keep = sy_partition_context(c);

		/* value and known per row, and interpolate's sorted copy (up to 50 bytes a row) */
		sy_group_memory_check(fname, 50.0 * *nrows, *nrows);
		c->known = MemoryContextAllocHuge(keep, *nrows);
		c->value = MemoryContextAllocHuge(keep, sizeof(double) * *nrows);
	}
	return c;
}

static Datum
series_result(WindowObject winobj, SeriesCache *c)
{
	int64		pos = WinGetCurrentPosition(winobj);

	if (!c->known[pos])
		return (Datum) 0;
	return Float8GetDatum(c->value[pos]);
}

PG_FUNCTION_INFO_V1(minmax_normalize_window);
Datum
minmax_normalize_window(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	int64		nrows;
	SeriesCache *c = series_cache(winobj, "minmax_normalize", &nrows);

	if (!c->ready)
	{
		SyWhere		w = {"minmax_normalize", "x", 0};
		double		lo = INFINITY,
					hi = -INFINITY;
		double		shift = 0.0;
		double		fill = 0.0;
		sy_missing	policy = SY_MISSING_ERROR;
		int64		known = 0;
		MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext, "synergy row",
													 ALLOCSET_SMALL_SIZES);

		/* options of 0.3.0 (shift, missing), read when the call has them */
		if (PG_NARGS() > 2)
		{
			bool		isnull;
			Datum		d;

			w.argname = "shift";
			d = sy_partition_constant(fcinfo, winobj, 2, sizeof(float8), w,
									  CurrentMemoryContext, &isnull);
			shift = sy_shift(d, isnull, w);
		}
		if (PG_NARGS() > 3)
		{
			bool		isnull;
			Datum		d;

			w.argname = "missing";
			d = sy_partition_constant(fcinfo, winobj, 3, -1, w, CurrentMemoryContext, &isnull);
			if (!isnull)
				policy = (sy_missing) sy_choice(DatumGetTextPP(d), &sy_missing_choices, w.fname);
		}
		w.argname = "x";

		for (int64 i = 0; i < nrows; i++)
		{
			CHECK_FOR_INTERRUPTS();
			c->known[i] = row_float8(winobj, 0, i, w, rowcxt, &c->value[i]);
			if (c->known[i])
			{
				double		v = c->value[i];

				known++;
				/* -0 before +0, so the range is the same in any row order */
				if (v < lo || (v == lo && sy_f8_key(v) < sy_f8_key(lo)))
					lo = v;
				if (v > hi || (v == hi && sy_f8_key(v) > sy_f8_key(hi)))
					hi = v;
			}
		}
		/*
		 * mean, median: a NULL x takes the statistic of the partition's
		 * values, taken over them in ascending order (so the same in any
		 * row order); error and skip leave it NULL, as before 0.3.0
		 */
		if ((policy == SY_MISSING_MEAN || policy == SY_MISSING_MEDIAN) && known < nrows)
		{
			double	   *v = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * (known + 1));
			double	   *work = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * (known + 1));
			int64		k = 0;
			size_t		bad_col;

			for (int64 i = 0; i < nrows; i++)
				if (c->known[i])
					v[k++] = c->value[i];
			qsort(v, known, sizeof(double), cmp_f8_key);
			v[known] = NAN;
			if (sy_missing_apply(v, known + 1, 1, policy, NULL, work, &bad_col) != SY_OK)
				sy_missing_undefined(w.fname, 0, policy, "partition");
			fill = v[known];
			pfree(v);
			pfree(work);
			for (int64 i = 0; i < nrows; i++)
				if (!c->known[i])
				{
					c->known[i] = true;
					c->value[i] = fill;
				}
		}
		sy_check_ranges(w.fname, 1, &lo, &hi);
		/* the direction is read per row: it may come from a joined table */
		for (int64 i = 0; i < nrows; i++)
		{
			bool		isnull,
						isout;
			int32		dir = SY_BENEFIT;
			Datum		d;

			if (!c->known[i])
				continue;
			{
				MemoryContext old = MemoryContextSwitchTo(rowcxt);

				d = WinGetFuncArgInPartition(winobj, 1, i, WINDOW_SEEK_HEAD, false, &isnull, &isout);
				MemoryContextSwitchTo(old);
			}
			if (!isnull)
				dir = DatumGetInt32(d); /* by value */
			MemoryContextReset(rowcxt);
			if (dir != 1 && dir != -1)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("minmax_normalize: direction must be 1 (benefit) or -1 (cost)"),
						 errdetail("direction is %d in row " INT64_FORMAT " of the partition.", dir, i + 1),
						 errhint("Use 1 where larger is better and -1 where smaller is better.")));
			c->value[i] = sy_minmax_score(c->value[i], lo, hi, dir);
			if (shift > 0.0)
				c->value[i] += shift;
		}
		MemoryContextDelete(rowcxt);
		c->ready = true;
	}
	if (!c->known[WinGetCurrentPosition(winobj)])
		PG_RETURN_NULL();
	return series_result(winobj, c);
}

typedef struct SeriesPoint
{
	double		t;
	int64		row;
} SeriesPoint;

static int
point_cmp(const void *a, const void *b)
{
	const SeriesPoint *pa = a,
			   *pb = b;

	if (pa->t != pb->t)
		return pa->t < pb->t ? -1 : 1;
	return pa->row < pb->row ? -1 : (pa->row > pb->row);
}

PG_FUNCTION_INFO_V1(interpolate_window);
Datum
interpolate_window(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	int64		nrows;
	SeriesCache *c = series_cache(winobj, "interpolate", &nrows);

	if (!c->ready)
	{
		SyWhere		w = {"interpolate", "x", 0};
		MemoryContext keep = sy_partition_context(c);
		SeriesPoint *pts = MemoryContextAllocHuge(keep, sizeof(SeriesPoint) * nrows);
		double	   *t,
				   *x,
				   *out;
		unsigned char *known;
		int64		np = 0;
		sy_edges	edges = SY_EDGES_NONE;
		bool		isnull;
		Datum		ed;
		MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext, "synergy row",
													 ALLOCSET_SMALL_SIZES);

		w.argname = "edges";
		ed = sy_partition_constant(fcinfo, winobj, 2, -1, w, keep, &isnull);
		if (!isnull)
			edges = (sy_edges) sy_choice(DatumGetTextPP(ed), &sy_edges_choices, "interpolate");

		/* rows with a NULL t keep their x and take no part in the fill */
		for (int64 i = 0; i < nrows; i++)
		{
			double		ti;

			CHECK_FOR_INTERRUPTS();
			w.argname = "x";
			c->known[i] = row_float8(winobj, 0, i, w, rowcxt, &c->value[i]);
			w.argname = "t";
			if (row_float8(winobj, 1, i, w, rowcxt, &ti))
			{
				pts[np].t = ti;
				pts[np].row = i;
				np++;
			}
		}
		MemoryContextDelete(rowcxt);
		qsort(pts, np, sizeof(SeriesPoint), point_cmp);
		for (int64 k = 1; k < np; k++)
			if (pts[k].t == pts[k - 1].t)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("interpolate: t is not unique within the partition"),
						 errdetail("t = %g in rows " INT64_FORMAT " and " INT64_FORMAT " of the partition.",
								   pts[k].t, pts[k - 1].row + 1, pts[k].row + 1),
						 errhint("Partition by every key of the series, e.g. OVER (PARTITION BY region, indicator ORDER BY year).")));

		t = MemoryContextAllocHuge(keep, sizeof(double) * np);
		x = MemoryContextAllocHuge(keep, sizeof(double) * np);
		out = MemoryContextAllocHuge(keep, sizeof(double) * np);
		known = MemoryContextAllocHuge(keep, np);
		for (int64 k = 0; k < np; k++)
		{
			t[k] = pts[k].t;
			x[k] = c->value[pts[k].row];
			known[k] = c->known[pts[k].row];
		}
		if (np > 1 && !isfinite(t[np - 1] - t[0]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("interpolate: the span of t overflows float8"),
					 errdetail("t runs from %g to %g.", t[0], t[np - 1]),
					 errhint("Use a t on a smaller scale, such as the year.")));
		sy_interpolate_sorted(t, x, known, np, edges, out);
		for (int64 k = 0; k < np; k++)
		{
			if (known[k] && !isfinite(out[k]))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("interpolate: a filled value overflows float8"),
						 errdetail("Filling row " INT64_FORMAT " of the partition (t = %g) gives %g.",
								   pts[k].row + 1, t[k], out[k]),
						 errhint("Rescale x, or use edges => 'nearest' instead of extrapolating.")));
			c->value[pts[k].row] = out[k];
			c->known[pts[k].row] = known[k];
		}
		c->ready = true;
	}
	if (!c->known[WinGetCurrentPosition(winobj)])
		PG_RETURN_NULL();
	return series_result(winobj, c);
}

/*
 * moran_window.c - local_moran(value, id, neighbours, weights, permutations,
 * seed, significance) OVER (PARTITION BY ...): local Moran's I (LISA) of
 * every region of the partition, evaluated once per partition and cached
 * in partition-local memory (the pattern of PostGIS's lwgeom_window.c).
 * The regions are evaluated in ascending id order and each row finds its
 * own region's result, so the order of the partition's rows changes no bit.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "common/pg_prng.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "sy_pg.h"
#include "sy_window.h"
#include "sy_moran.h"
#include "sy_limits.h"
#include "sy_order.h"

typedef struct LocalCache
{
	bool		done;
	int64		nrows;
	int64	   *region;			/* per partition row: region index, or -1 */
	sy_local_moran *out;
	double		significance;
	TupleDesc	tupdesc;
} LocalCache;

static const char *
quadrant_label(const sy_local_moran *o, double significance)
{
	if (o->quadrant == SY_Q_ISLAND)
		return "island";
	if (isnan(o->p) || o->p > significance)
		return "not significant";
	switch (o->quadrant)
	{
		case SY_Q_HH:
			return "HH";
		case SY_Q_LL:
			return "LL";
		case SY_Q_HL:
			return "HL";
		case SY_Q_LH:
			return "LH";
		default:
			return "not significant";
	}
}

static void
evaluate_partition(FunctionCallInfo fcinfo, WindowObject winobj, LocalCache *c)
{
	const char *fname = "local_moran";
	MemoryContext keep = sy_partition_context(c);
	MemoryContext old = MemoryContextSwitchTo(keep);
	SyWhere		w = {fname, "permutations", 0};
	int64		nrows = WinGetPartitionRowCount(winobj);
	SyRegions	r;
	sy_sparse_w sw;
	bool		isnull,
				isout;
	int64		permutations = 0,
				seed = 1;
	pg_prng_state rng;
	sy_host		host = sy_server_host(&rng);
	Datum		d;
	MemoryContext rowcxt;
	Oid			idtype = get_fn_expr_argtype(fcinfo->flinfo, 1);

	c->nrows = nrows;
	/* the row map and the regions, with room for 4 links a region */
	sy_group_memory_check(fname, sy_regions_bytes(nrows, nrows * 4) + sizeof(int64) * (double) nrows, nrows);
	c->region = palloc_extended(sizeof(int64) * Max(nrows, 1), MCXT_ALLOC_HUGE);
	d = sy_partition_constant(fcinfo, winobj, 4, 4, w, keep, &isnull);
	if (!isnull)
		permutations = DatumGetInt32(d);
	sy_check_permutations(fname, permutations);
	w.argname = "seed";
	d = sy_partition_constant(fcinfo, winobj, 5, 8, w, keep, &isnull);
	if (!isnull)
		seed = DatumGetInt64(d);
	w.argname = "significance";
	d = sy_partition_constant(fcinfo, winobj, 6, 8, w, keep, &isnull);
	c->significance = isnull ? 0.05 : DatumGetFloat8(d);
	if (!(c->significance >= 0.0 && c->significance <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: significance must be between 0 and 1", fname),
				 errdetail("significance = %g.", c->significance),
				 errhint("0.05 is usual; 1 labels every region by its quadrant.")));

	if (!sy_region_id_type_ok(idtype))
		elog(ERROR, "local_moran: region ids of type %u", idtype);
	sy_regions_init(&r, nrows, nrows * 4);
	if (sy_region_id_type_is_text(idtype))
		r.names = sy_idnames_create(nrows);
	/* detoasted arrays are freed per row; the regions grow in keep (repalloc) */
	rowcxt = AllocSetContextCreate(keep, "synergy local_moran row", ALLOCSET_SMALL_SIZES);
	for (int64 i = 0; i < nrows; i++)
	{
		bool		nnull,
					wnull,
					vnull,
					inull;
		Datum		v = WinGetFuncArgInPartition(winobj, 0, i, WINDOW_SEEK_HEAD, false, &vnull, &isout);
		Datum		id = WinGetFuncArgInPartition(winobj, 1, i, WINDOW_SEEK_HEAD, false, &inull, &isout);
		Datum		nb,
					wt;

		CHECK_FOR_INTERRUPTS();
		MemoryContextReset(rowcxt);
		MemoryContextSwitchTo(rowcxt);
		nb = WinGetFuncArgInPartition(winobj, 2, i, WINDOW_SEEK_HEAD, false, &nnull, &isout);
		if (!nnull)
			nb = PointerGetDatum(PG_DETOAST_DATUM_COPY(nb));
		wt = WinGetFuncArgInPartition(winobj, 3, i, WINDOW_SEEK_HEAD, false, &wnull, &isout);
		if (!wnull)
			wt = PointerGetDatum(PG_DETOAST_DATUM_COPY(wt));
		MemoryContextSwitchTo(keep);
		if (vnull)
		{
			c->region[i] = -1;
			continue;
		}
		if (inull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: region id must not be NULL", fname),
					 errdetail("Row " INT64_FORMAT " of the partition has a NULL id.", i + 1),
					 errhint("Pass the id that spatial_weights() used for the region.")));
		c->region[i] = r.n;
		MemoryContextSwitchTo(rowcxt);
		sy_regions_add(&r, fname, i + 1, sy_region_id(&r, idtype, id, fname), DatumGetFloat8(v),
					   nnull ? NULL : DatumGetArrayTypeP(nb),
					   wnull ? NULL : DatumGetArrayTypeP(wt));
		MemoryContextSwitchTo(keep);
	}
	MemoryContextDelete(rowcxt);
	{
		int64	   *newpos;

		/* the regions are rebuilt in their new order, the old ones freed */
		newpos = palloc_extended(sizeof(int64) * Max(r.n, 1), MCXT_ALLOC_HUGE);
		sy_regions_text_order(&r, fname);
		sy_regions_sort(&r, newpos, r.names == NULL, fname, sizeof(int64) * (double) nrows);
		for (int64 i = 0; i < nrows; i++)
			if (c->region[i] >= 0)
				c->region[i] = newpos[c->region[i]];
		pfree(newpos);
	}
	sy_regions_graph(&r, fname, sizeof(int64) * (double) nrows, &sw);
	c->out = palloc_extended(sizeof(sy_local_moran) * Max(r.n, 1), MCXT_ALLOC_HUGE);
	pg_prng_seed(&rng, (uint64) seed);
	sy_moran_local(r.x, &sw, permutations, &host,
				   palloc_extended(sizeof(double) * Max(r.n, 1), MCXT_ALLOC_HUGE),
				   palloc_extended(sizeof(size_t) * 2 * Max(r.n, 1), MCXT_ALLOC_HUGE),
				   c->out);
	{
		TupleDesc	td;

		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "local_moran: return type must be a row type");
		c->tupdesc = BlessTupleDesc(CreateTupleDescCopy(td));
	}
	c->done = true;
	MemoryContextSwitchTo(old);
}

PG_FUNCTION_INFO_V1(local_moran_window);
Datum
local_moran_window(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	LocalCache *c = WinGetPartitionLocalMemory(winobj, sizeof(LocalCache));
	int64		row = WinGetCurrentPosition(winobj);
	const sy_local_moran *o;
	Datum		values[6];
	bool		nulls[6];
	double		v[5];

	if (!c->done)
		evaluate_partition(fcinfo, winobj, c);
	if (row >= c->nrows || c->region[row] < 0)
		PG_RETURN_NULL();
	o = &c->out[c->region[row]];
	v[0] = o->i;
	v[1] = o->expected;
	v[2] = o->variance;
	v[3] = o->z;
	v[4] = o->p;
	for (int k = 0; k < 5; k++)
	{
		nulls[k] = isnan(v[k]);
		values[k] = Float8GetDatum(nulls[k] ? 0.0 : v[k]);
	}
	nulls[5] = isnan(o->i);
	values[5] = nulls[5] ? (Datum) 0
		: PointerGetDatum(cstring_to_text(quadrant_label(o, c->significance)));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(c->tupdesc, values, nulls)));
}

/*
 * moran_agg.c - moran_i(value, id, neighbours, weights [, permutations,
 * seed]): global Moran's I of the regions of a group, with its moments
 * under normality and randomisation and a seeded permutation test.
 *
 * The state keeps the regions and their neighbour ids (the statistic needs
 * the whole graph); partial states concatenate.  The final function puts
 * the regions in ascending id order before it builds the graph, so sums
 * and the seeded permutations run in the same order whatever the order of
 * the rows, serial or parallel: the same bits.
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

#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"

#include "sy_pg.h"
#include "sy_moran.h"
#include "sy_limits.h"
#include "sy_order.h"
#include "sy_state.h"

typedef struct MoranState
{
	const char *fname;
	int64		permutations;
	int64		seed;
	int64		seen;
	SyRegions	r;
} MoranState;

PG_FUNCTION_INFO_V1(moran_i_transfn);
Datum
moran_i_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt,
				old;
	MoranState *st = PG_ARGISNULL(0) ? NULL : (MoranState *) PG_GETARG_POINTER(0);
	const char *fname = st ? st->fname : sy_agg_name(fcinfo, "moran_i");
	int64		permutations = 0,
				seed = 1,
				id;
	Oid			idtype = get_fn_expr_argtype(fcinfo->flinfo, 2);

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "moran_i_transfn called in non-aggregate context");
	if (!sy_region_id_type_ok(idtype))
		elog(ERROR, "moran_i_transfn: region ids of type %u", idtype);
	if (PG_NARGS() > 5)
	{
		if (PG_ARGISNULL(5) || PG_ARGISNULL(6))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: permutations and seed must not be NULL", fname),
					 errhint("Use moran_i(value, id, neighbours, weights) to skip the permutation test.")));
		permutations = PG_GETARG_INT32(5);
		seed = PG_GETARG_INT64(6);
		sy_check_permutations(fname, permutations);
	}
	if (st != NULL)
	{
		SyWhere		w = {fname, "permutations", 0};

		sy_must_be_constant(st->permutations == permutations, w);
		w.argname = "seed";
		sy_must_be_constant(st->seed == seed, w);
	}
	/* a NULL value leaves the region out of the group */
	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		st->seen++;
		PG_RETURN_POINTER(st);
	}
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: region id must not be NULL", fname),
				 errdetail("A row with value %g has a NULL id.", PG_GETARG_FLOAT8(1)),
				 errhint("Pass the id that spatial_weights() used for the region.")));

	if (st == NULL)
	{
		old = MemoryContextSwitchTo(aggcxt);
		st = palloc0(sizeof(MoranState));
		st->fname = fname;
		st->permutations = permutations;
		st->seed = seed;
		sy_regions_init(&st->r, 16, 64);
		if (sy_region_id_type_is_text(idtype))
			st->r.names = sy_idnames_create(16);
		MemoryContextSwitchTo(old);
	}
	st->seen++;
	id = sy_region_id(&st->r, idtype, PG_GETARG_DATUM(2), fname);

	/*
	 * In the per-row context: detoasted arrays are freed with the row, and
	 * the state's arrays grow by repalloc, which keeps them in aggcxt.
	 */
	sy_regions_add(&st->r, fname, st->seen, id, PG_GETARG_FLOAT8(1),
				   PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3),
				   PG_ARGISNULL(4) ? NULL : PG_GETARG_ARRAYTYPE_P(4));
	PG_RETURN_POINTER(st);
}

/*
 * The state as bytes (sy_state.h), kind version 2: i64 permutations,
 * i64 seed, i64 seen (rows read), i64 n (regions), i64 nnb (neighbour
 * links), then i64[n] ids, f64[n] values, i64[n + 1] offsets of each
 * region's links, i64[nnb] neighbour ids, f64[nnb] weights (NaN: the row
 * gave none), then i64 names: -1 for integer ids, else the number of
 * distinct text ids, each then as i32 length and its bytes (text ids and
 * neighbour ids are indexes into these strings).  Version 1 ended before
 * the names field (integer ids only).
 */
static double
moran_payload_bytes(const void *p)
{
	const MoranState *st = p;
	double		names = 0.0;

	if (st->r.names != NULL)
		for (int64 c = 0; c < st->r.names->n; c++)
			names += 4.0 + (double) st->r.names->len[c];
	return 8.0 * (6.0 + 3.0 * (double) st->r.n + 1.0 + 2.0 * (double) st->r.nnb) + names;
}

static void
moran_write(SyStateWriter *w, const void *p)
{
	const MoranState *st = p;

	sy_wr_i64(w, st->permutations);
	sy_wr_i64(w, st->seed);
	sy_wr_i64(w, st->seen);
	sy_wr_i64(w, st->r.n);
	sy_wr_i64(w, st->r.nnb);
	for (int64 i = 0; i < st->r.n; i++)
		sy_wr_i64(w, st->r.id[i]);
	sy_wr_f64s(w, st->r.x, (Size) st->r.n);
	for (int64 i = 0; i <= st->r.n; i++)
		sy_wr_i64(w, st->r.nstart[i]);
	for (int64 i = 0; i < st->r.nnb; i++)
		sy_wr_i64(w, st->r.nbid[i]);
	sy_wr_f64s(w, st->r.nbw, (Size) st->r.nnb);
	sy_wr_i64(w, st->r.names ? st->r.names->n : -1);
	if (st->r.names != NULL)
		for (int64 c = 0; c < st->r.names->n; c++)
		{
			sy_wr_i32(w, st->r.names->len[c]);
			for (int32 b = 0; b < st->r.names->len[c]; b++)
				sy_wr_u8(w, (uint8) st->r.names->name[c][b]);
		}
}

static void *
moran_read(SyStateReader *r, const char *fname)
{
	MoranState *st;
	int64		permutations,
				seed,
				seen,
				n,
				nnb,
				names;
	Size		fixed;

	permutations = sy_rd_count(r, 0, SY_MAX_PERMUTATIONS, "The permutation count");
	seed = sy_rd_i64(r);
	seen = sy_rd_count(r, 0, PG_INT64_MAX, "The row count");
	n = sy_rd_count(r, 0, Min(seen, SY_MAX_REGIONS), "The region count");
	nnb = sy_rd_count(r, 0, SY_MAX_REGIONS * 4, "The neighbour link count");
	/* the length before the allocation (text ids take more) */
	fixed = 8 * (Size) (3 * n + 1 + 2 * nnb + 1);
	if (sy_rd_remaining(r) < fixed)
		sy_state_corrupt(fname, "The state's length does not match its counts.");
	st = palloc0(sizeof(MoranState));
	st->fname = fname;
	st->permutations = permutations;
	st->seed = seed;
	st->seen = seen;
	sy_group_memory_check(fname, sy_regions_bytes(n, nnb), n);
	sy_regions_init(&st->r, n, nnb);
	for (int64 i = 0; i < n; i++)
		st->r.id[i] = sy_rd_i64(r);
	sy_rd_f64s(r, st->r.x, (Size) n, true, "A stored value");
	for (int64 i = 0; i <= n; i++)
		st->r.nstart[i] = sy_rd_i64(r);
	for (int64 i = 0; i < nnb; i++)
		st->r.nbid[i] = sy_rd_i64(r);
	sy_rd_f64s(r, st->r.nbw, (Size) nnb, false, "A stored weight");
	names = sy_rd_count(r, -1, n + nnb, "The text id count");
	if (names >= 0)
	{
		if (sy_rd_remaining(r) < 4 * (Size) names)
			sy_state_corrupt(fname, "The state's length does not match its counts.");
		for (int64 i = 0; i < n + nnb; i++)
		{
			int64		c = i < n ? st->r.id[i] : st->r.nbid[i - n];

			if (c < 0 || c >= names)
				sy_state_corrupt(fname, "A stored text id index is out of range.");
		}
		st->r.names = sy_idnames_create(names);
		for (int64 c = 0; c < names; c++)
		{
			int32		len = sy_rd_i32(r);
			char	   *buf;

			if (len < 0 || (Size) len > sy_rd_remaining(r))
				sy_state_corrupt(fname, "A stored text id's length is out of range.");
			buf = palloc(len + 1);
			for (int32 b = 0; b < len; b++)
				buf[b] = (char) sy_rd_u8(r);
			buf[len] = '\0';
			if (memchr(buf, '\0', len) != NULL || !pg_verifymbstr(buf, len, true))
				sy_state_corrupt(fname, "A stored text id is not valid text in the database encoding.");
			if (sy_idnames_code(st->r.names, buf, len, fname) != c)
				sy_state_corrupt(fname, "A stored text id appears twice.");
			pfree(buf);
		}
	}
	st->r.n = n;
	st->r.nnb = nnb;
	if (st->r.nstart[0] != 0 || st->r.nstart[n] != nnb)
		sy_state_corrupt(fname, "Neighbour offsets out of range.");
	for (int64 i = 0; i < n; i++)
	{
		int64		lo = st->r.nstart[i],
					hi = st->r.nstart[i + 1];

		if (hi < lo || hi > nnb)
			sy_state_corrupt(fname, "Neighbour offsets or values out of range.");
		/* a region's weights: all given (finite, >= 0) or none (NaN) */
		for (int64 k = lo; k < hi; k++)
			if (isnan(st->r.nbw[k]) ? !isnan(st->r.nbw[lo]) :
				!(st->r.nbw[k] >= 0.0 && isfinite(st->r.nbw[k]) && !isnan(st->r.nbw[lo])))
				sy_state_corrupt(fname, "A stored spatial weight is out of range.");
	}
	return st;
}

static void
append_regions(SyRegions *into, const SyRegions *from, const char *fname)
{
	int64	   *recode = NULL;

	if ((into->names == NULL) != (from->names == NULL))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: states of integer region ids and of text region ids cannot be merged", fname),
				 errhint("Merge states made by moran_i_state with ids of one kind.")));
	/* room for both, checked against the limit before it is taken */
	sy_regions_reserve(into, fname, into->n + from->n, into->nnb + from->nnb);
	if (from->names != NULL)
	{
		/* from's text codes as into's */
		recode = palloc_extended(sizeof(int64) * Max(from->names->n, 1), MCXT_ALLOC_HUGE);
		for (int64 c = 0; c < from->names->n; c++)
			recode[c] = sy_idnames_code(into->names, from->names->name[c], from->names->len[c], fname);
	}
	for (int64 i = 0; i < from->n; i++)
	{
		int64		k = from->nstart[i + 1] - from->nstart[i];

		if (recode)
			for (int64 p = 0; p < k; p++)
				into->nbid[into->nnb + p] = recode[from->nbid[from->nstart[i] + p]];
		else
			memcpy(into->nbid + into->nnb, from->nbid + from->nstart[i], sizeof(int64) * k);
		memcpy(into->nbw + into->nnb, from->nbw + from->nstart[i], sizeof(double) * k);
		into->nnb += k;
		into->id[into->n] = recode ? recode[from->id[i]] : from->id[i];
		into->x[into->n] = from->x[i];
		into->n++;
		into->nstart[into->n] = into->nnb;
	}
}

/* Partial states concatenate; permutations and seed must agree. */
static void *
moran_combine(void *pa, void *pb, const char *fname)
{
	MoranState *a = pa;
	MoranState *b = pb;

	if (a == NULL)
	{
		a = palloc0(sizeof(MoranState));
		a->fname = fname;
		a->permutations = b->permutations;
		a->seed = b->seed;
		sy_group_memory_check(a->fname, sy_regions_bytes(b->r.n, b->r.nnb), b->r.n);
		sy_regions_init(&a->r, b->r.n, b->r.nnb);
		if (b->r.names != NULL)
			a->r.names = sy_idnames_create(b->r.names->n);
	}
	else
	{
		SyWhere		w = {a->fname, "permutations", 0};

		sy_must_be_constant(a->permutations == b->permutations, w);
		w.argname = "seed";
		sy_must_be_constant(a->seed == b->seed, w);
	}
	append_regions(&a->r, &b->r, a->fname);
	a->seen += b->seen;
	return a;
}

static const SyStateKind moran_kind = {
	SY_KIND_MORAN, 2, "moran_i",
	moran_payload_bytes, moran_write, moran_read, moran_combine
};

PG_FUNCTION_INFO_V1(moran_i_combinefn);
Datum
moran_i_combinefn(PG_FUNCTION_ARGS)
{
	return sy_state_combinefn(fcinfo, &moran_kind);
}

PG_FUNCTION_INFO_V1(moran_i_serialfn);
Datum
moran_i_serialfn(PG_FUNCTION_ARGS)
{
	return sy_state_serialfn(fcinfo, &moran_kind);
}

PG_FUNCTION_INFO_V1(moran_i_deserialfn);
Datum
moran_i_deserialfn(PG_FUNCTION_ARGS)
{
	return sy_state_deserialfn(fcinfo, &moran_kind);
}

/* moran_i_merge's transition function: (internal, bytea) */
PG_FUNCTION_INFO_V1(moran_i_merge_transfn);
Datum
moran_i_merge_transfn(PG_FUNCTION_ARGS)
{
	return sy_state_merge_transfn(fcinfo, &moran_kind);
}

static Datum moran_final(FunctionCallInfo fcinfo, const MoranState *st);

PG_FUNCTION_INFO_V1(moran_i_finalfn);
Datum
moran_i_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	return moran_final(fcinfo, (MoranState *) PG_GETARG_POINTER(0));
}

/* moran_i_final(state bytea): the aggregate's result from a state */
PG_FUNCTION_INFO_V1(moran_i_final);
Datum
moran_i_final(PG_FUNCTION_ARGS)
{
	return moran_final(fcinfo, sy_state_arg(fcinfo, &moran_kind, "moran_i_final"));
}

static Datum
moran_final(FunctionCallInfo fcinfo, const MoranState *st)
{
	TupleDesc	tupdesc;
	sy_sparse_w w;
	sy_moran	m;
	pg_prng_state rng;
	sy_host		host = sy_server_host(&rng);
	double	   *work;
	SyRegions	r;
	Datum		values[13];
	bool		nulls[13];
	double		v[10];

	if (st->r.n == 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "moran_i: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	/* a canonical copy: the state stays as it is (FINALFUNC_MODIFY = READ_ONLY) */
	r = st->r;
	sy_regions_text_order(&r, st->fname);
	sy_regions_sort(&r, NULL, false, st->fname, 0.0);
	sy_regions_graph(&r, st->fname,
					 r.id == st->r.id ? 0.0 : sy_regions_bytes(st->r.cap, st->r.nbcap), &w);
	work = palloc_extended(sizeof(double) * 2 * r.n, MCXT_ALLOC_HUGE);
	pg_prng_seed(&rng, (uint64) st->seed);
	sy_moran_global(r.x, &w, st->permutations, &host, work, &m);
	values[0] = Int64GetDatum((int64) m.n);
	values[1] = Int64GetDatum((int64) m.islands);
	nulls[0] = nulls[1] = false;
	v[0] = m.i;
	v[1] = m.expected;
	v[2] = m.var_normal;
	v[3] = m.z_normal;
	v[4] = m.p_normal;
	v[5] = m.var_random;
	v[6] = m.z_random;
	v[7] = m.p_random;
	v[8] = NAN;					/* permutations: an integer, below */
	v[9] = m.p_perm;
	for (int k = 0; k < 10; k++)
	{
		nulls[2 + k] = isnan(v[k]);
		values[2 + k] = Float8GetDatum(nulls[2 + k] ? 0.0 : v[k]);
	}
	values[10] = Int32GetDatum((int32) st->permutations);
	nulls[10] = false;
	values[11] = Float8GetDatum(isnan(m.p_perm) ? 0.0 : m.p_perm);
	nulls[11] = isnan(m.p_perm);
	values[12] = Float8GetDatum(m.s0);
	nulls[12] = false;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

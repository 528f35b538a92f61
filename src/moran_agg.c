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

#include "sy_pg.h"
#include "sy_moran.h"
#include "sy_limits.h"
#include "sy_order.h"

#define MORAN_MAGIC		0x314D5953	/* "SYM1" */
#define MORAN_VERSION	1

typedef struct MoranState
{
	const char *fname;
	int64		permutations;
	int64		seed;
	int64		seen;
	SyRegions	r;
} MoranState;

typedef struct MoranHeader
{
	uint32		magic;
	uint32		version;
	int64		permutations;
	int64		seed;
	int64		seen;
	int64		n;
	int64		nnb;
} MoranHeader;

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

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "moran_i_transfn called in non-aggregate context");
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
	id = PG_GETARG_INT64(2);

	if (st == NULL)
	{
		old = MemoryContextSwitchTo(aggcxt);
		st = palloc0(sizeof(MoranState));
		st->fname = fname;
		st->permutations = permutations;
		st->seed = seed;
		sy_regions_init(&st->r, 16, 64);
		MemoryContextSwitchTo(old);
	}
	st->seen++;

	/*
	 * In the per-row context: detoasted arrays are freed with the row, and
	 * the state's arrays grow by repalloc, which keeps them in aggcxt.
	 */
	sy_regions_add(&st->r, fname, st->seen, id, PG_GETARG_FLOAT8(1),
				   PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3),
				   PG_ARGISNULL(4) ? NULL : PG_GETARG_ARRAYTYPE_P(4));
	PG_RETURN_POINTER(st);
}

static void
append_regions(SyRegions *into, const SyRegions *from, const char *fname)
{
	/* room for both, checked against the limit before it is taken */
	sy_regions_reserve(into, fname, into->n + from->n, into->nnb + from->nnb);
	for (int64 i = 0; i < from->n; i++)
	{
		int64		k = from->nstart[i + 1] - from->nstart[i];

		memcpy(into->nbid + into->nnb, from->nbid + from->nstart[i], sizeof(int64) * k);
		memcpy(into->nbw + into->nnb, from->nbw + from->nstart[i], sizeof(double) * k);
		into->nnb += k;
		into->id[into->n] = from->id[i];
		into->x[into->n] = from->x[i];
		into->n++;
		into->nstart[into->n] = into->nnb;
	}
}

PG_FUNCTION_INFO_V1(moran_i_combinefn);
Datum
moran_i_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt,
				old;
	MoranState *a = PG_ARGISNULL(0) ? NULL : (MoranState *) PG_GETARG_POINTER(0);
	MoranState *b = PG_ARGISNULL(1) ? NULL : (MoranState *) PG_GETARG_POINTER(1);

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "moran_i_combinefn called in non-aggregate context");
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	old = MemoryContextSwitchTo(aggcxt);
	if (a == NULL)
	{
		a = palloc0(sizeof(MoranState));
		a->fname = sy_agg_name(fcinfo, b->fname);
		a->permutations = b->permutations;
		a->seed = b->seed;
		sy_group_memory_check(a->fname, sy_regions_bytes(b->r.n, b->r.nnb), b->r.n);
		sy_regions_init(&a->r, b->r.n, b->r.nnb);
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
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(moran_i_serialfn);
Datum
moran_i_serialfn(PG_FUNCTION_ARGS)
{
	MoranState *st = (MoranState *) PG_GETARG_POINTER(0);
	MoranHeader h;
	Size		n = st->r.n,
				k = st->r.nnb;
	Size		size = VARHDRSZ + sizeof(h) + 8 * (n + n + (n + 1) + k + k);
	bytea	   *out = palloc_extended(size, MCXT_ALLOC_HUGE);
	char	   *p = VARDATA(out);

	memset(&h, 0, sizeof(h));
	SET_VARSIZE(out, size);
	h.magic = MORAN_MAGIC;
	h.version = MORAN_VERSION;
	h.permutations = st->permutations;
	h.seed = st->seed;
	h.seen = st->seen;
	h.n = n;
	h.nnb = k;
	memcpy(p, &h, sizeof(h));
	p += sizeof(h);
	memcpy(p, st->r.id, 8 * n);
	p += 8 * n;
	memcpy(p, st->r.x, 8 * n);
	p += 8 * n;
	memcpy(p, st->r.nstart, 8 * (n + 1));
	p += 8 * (n + 1);
	memcpy(p, st->r.nbid, 8 * k);
	p += 8 * k;
	memcpy(p, st->r.nbw, 8 * k);
	PG_RETURN_BYTEA_P(out);
}

PG_FUNCTION_INFO_V1(moran_i_deserialfn);
Datum
moran_i_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	const char *p = VARDATA_ANY(in);
	Size		len = VARSIZE_ANY_EXHDR(in);
	const char *fname = sy_agg_name(fcinfo, "moran_i");
	MoranHeader h;
	MoranState *st;

	if (len < sizeof(h))
		sy_corrupt_state(fname, "The state is shorter than its header.");
	memcpy(&h, p, sizeof(h));
	if (h.magic != MORAN_MAGIC || h.version != MORAN_VERSION)
		sy_corrupt_state(fname, "Unknown magic number or version.");
	if (h.n < 0 || h.nnb < 0 || h.n > (int64) (MaxAllocHugeSize / 64) ||
		h.nnb > (int64) (MaxAllocHugeSize / 64) || h.seen < h.n ||
		len != sizeof(h) + 8 * (Size) (h.n + h.n + (h.n + 1) + h.nnb + h.nnb))
		sy_corrupt_state(fname, "The state's length does not match its counts.");
	p += sizeof(h);
	st = palloc0(sizeof(MoranState));
	st->fname = fname;
	st->permutations = h.permutations;
	st->seed = h.seed;
	st->seen = h.seen;
	sy_group_memory_check(fname, sy_regions_bytes(h.n, h.nnb), h.n);
	sy_regions_init(&st->r, h.n, h.nnb);
	memcpy(st->r.id, p, 8 * h.n);
	p += 8 * h.n;
	memcpy(st->r.x, p, 8 * h.n);
	p += 8 * h.n;
	memcpy(st->r.nstart, p, 8 * (h.n + 1));
	p += 8 * (h.n + 1);
	memcpy(st->r.nbid, p, 8 * h.nnb);
	p += 8 * h.nnb;
	memcpy(st->r.nbw, p, 8 * h.nnb);
	st->r.n = h.n;
	st->r.nnb = h.nnb;
	if (st->r.nstart[0] != 0 || st->r.nstart[h.n] != h.nnb)
		sy_corrupt_state(fname, "Neighbour offsets out of range.");
	for (int64 i = 0; i < h.n; i++)
		if (st->r.nstart[i + 1] < st->r.nstart[i] || !isfinite(st->r.x[i]))
			sy_corrupt_state(fname, "Neighbour offsets or values out of range.");
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(moran_i_finalfn);
Datum
moran_i_finalfn(PG_FUNCTION_ARGS)
{
	MoranState *st;
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

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (MoranState *) PG_GETARG_POINTER(0);
	if (st->r.n == 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "moran_i: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	/* a canonical copy: the state stays as it is (FINALFUNC_MODIFY = READ_ONLY) */
	r = st->r;
	sy_regions_canonical(&r, NULL, false, st->fname, 0.0);
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

/*
 * moran_graph.c - regions and their neighbour lists, from SQL rows to the
 * numeric core's compressed sparse weights.
 *
 * Rows name their neighbours by id (as spatial_weights() returns them), so
 * the same weights serve every year of a panel; ids are matched here, by
 * sorting, so the rows may come in any order.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "common/hashfn.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "sy_pg.h"
#include "sy_moran.h"
#include "sy_limits.h"
#include "sy_order.h"

void
sy_regions_init(SyRegions *r, int64 cap, int64 nbcap)
{
	memset(r, 0, sizeof(*r));
	r->cap = Max(cap, 16);
	r->nbcap = Max(nbcap, 64);
	r->id = palloc_extended(sizeof(int64) * r->cap, MCXT_ALLOC_HUGE);
	r->x = palloc_extended(sizeof(double) * r->cap, MCXT_ALLOC_HUGE);
	r->nstart = palloc_extended(sizeof(int64) * (r->cap + 1), MCXT_ALLOC_HUGE);
	r->nbid = palloc_extended(sizeof(int64) * r->nbcap, MCXT_ALLOC_HUGE);
	r->nbw = palloc_extended(sizeof(double) * r->nbcap, MCXT_ALLOC_HUGE);
	r->nstart[0] = 0;
}

/* Memory of regions with these capacities: id, x, offsets; neighbour ids and weights. */
double
sy_regions_bytes(int64 cap, int64 nbcap)
{
	return 24.0 * cap + 16.0 * nbcap;
}

static void
too_many(const char *fname, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("%s: too many %s in one group", fname, what),
			 errhint("Moran's I is computed per group; group the rows more finely.")));
}

void
sy_regions_reserve(SyRegions *r, const char *fname, int64 regions, int64 links)
{
	if (regions > r->cap)
	{
		if (regions > SY_MAX_REGIONS)
			too_many(fname, "regions");
		/* doubling, clamped to what synergy.max_group_memory leaves */
		r->cap = sy_group_grow(fname, r->cap, regions, SY_MAX_REGIONS,
							   sy_regions_bytes(1, 0), sy_regions_bytes(0, r->nbcap), r->n);
		r->id = repalloc_huge(r->id, sizeof(int64) * r->cap);
		r->x = repalloc_huge(r->x, sizeof(double) * r->cap);
		r->nstart = repalloc_huge(r->nstart, sizeof(int64) * (r->cap + 1));
	}
	if (links > r->nbcap)
	{
		if (links > SY_MAX_REGIONS * 4)
			too_many(fname, "neighbour links");
		r->nbcap = sy_group_grow(fname, r->nbcap, links, SY_MAX_REGIONS * 4,
								 sy_regions_bytes(0, 1), sy_regions_bytes(r->cap, 0), r->n);
		r->nbid = repalloc_huge(r->nbid, sizeof(int64) * r->nbcap);
		r->nbw = repalloc_huge(r->nbw, sizeof(double) * r->nbcap);
	}
}

bool
sy_region_id_type_ok(Oid type)
{
	return type == INT8OID || type == INT4OID || type == INT2OID ||
		type == TEXTOID || type == VARCHAROID;
}

bool
sy_region_id_type_is_text(Oid type)
{
	return type == TEXTOID || type == VARCHAROID;
}

SyIdNames *
sy_idnames_create(int64 cap)
{
	SyIdNames  *d = palloc0(sizeof(SyIdNames));

	d->cap = Max(cap, 16);
	d->name = palloc_extended(sizeof(char *) * d->cap, MCXT_ALLOC_HUGE);
	d->len = palloc_extended(sizeof(int32) * d->cap, MCXT_ALLOC_HUGE);
	d->nslots = 32;
	while (d->nslots < 2 * d->cap)
		d->nslots *= 2;
	d->slot = palloc_extended(sizeof(int64) * d->nslots, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	return d;
}

static void
idnames_rehash(SyIdNames *d, int64 nslots)
{
	int64	   *slot = palloc_extended(sizeof(int64) * nslots, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);

	for (int64 c = 0; c < d->n; c++)
	{
		uint64		h = hash_bytes_extended((const unsigned char *) d->name[c], d->len[c], 0);
		int64		k = (int64) (h & (uint64) (nslots - 1));

		while (slot[k] != 0)
			k = (k + 1) & (nslots - 1);
		slot[k] = c + 1;
	}
	pfree(d->slot);
	d->slot = slot;
	d->nslots = nslots;
}

/*
 * The code of a string, added when new.  Allocates in the dictionary's
 * context (that of its arrays), whatever the current one.
 */
int64
sy_idnames_code(SyIdNames *d, const char *s, int32 len, const char *fname)
{
	uint64		h = hash_bytes_extended((const unsigned char *) s, len, 0);
	int64		k = (int64) (h & (uint64) (d->nslots - 1));
	MemoryContext old;
	char	   *copy;

	while (d->slot[k] != 0)
	{
		int64		c = d->slot[k] - 1;

		if (d->len[c] == len && memcmp(d->name[c], s, len) == 0)
			return c;
		k = (k + 1) & (d->nslots - 1);
	}
	old = MemoryContextSwitchTo(GetMemoryChunkContext(d->name));
	if (d->n == d->cap)
	{
		if (d->cap >= SY_MAX_REGIONS * 5)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s: too many region ids in one group", fname),
					 errhint("Moran's I is computed per group; group the rows more finely.")));
		sy_group_memory_check(fname, d->bytes + (double) len + (sizeof(char *) + sizeof(int32) + 4 * sizeof(int64)) * 2.0 * (double) d->cap, d->n);
		d->cap *= 2;
		d->name = repalloc_huge(d->name, sizeof(char *) * d->cap);
		d->len = repalloc_huge(d->len, sizeof(int32) * d->cap);
		idnames_rehash(d, d->nslots * 2);
		MemoryContextSwitchTo(old);
		return sy_idnames_code(d, s, len, fname);
	}
	copy = palloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	d->name[d->n] = copy;
	d->len[d->n] = len;
	d->bytes += (double) len + 1.0;
	d->slot[k] = d->n + 1;
	MemoryContextSwitchTo(old);
	return d->n++;
}

int64
sy_region_id(SyRegions *r, Oid type, Datum d, const char *fname)
{
	switch (type)
	{
		case INT8OID:
			return DatumGetInt64(d);
		case INT4OID:
			return (int64) DatumGetInt32(d);
		case INT2OID:
			return (int64) DatumGetInt16(d);
		default:
			{
				text	   *t = DatumGetTextPP(d);

				Assert(r->names != NULL);
				return sy_idnames_code(r->names, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), fname);
			}
	}
}

char *
sy_region_label(const SyRegions *r, int64 id)
{
	if (r->names == NULL)
		return psprintf(INT64_FORMAT, id);
	if (id < 0 || id >= r->names->n)
		return pstrdup("?");
	return psprintf("\"%s\"", r->names->name[id]);
}

void
sy_regions_add(SyRegions *r, const char *fname, int64 row, int64 id, double x,
			   ArrayType *neighbours, ArrayType *weights)
{
	int			k = 0;
	Datum	   *nd = NULL;
	bool	   *nn = NULL;
	const double *wv = NULL;
	Oid			nbtype = InvalidOid;

	if (!isfinite(x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: value must be finite", fname),
				 errdetail("Region %s (row " INT64_FORMAT ") has the value %g.", sy_region_label(r, id), row, x),
				 errhint("Remove NaN and infinite values, or map them to NULL to leave the region out.")));
	if (neighbours != NULL)
	{
		int16		typlen;
		bool		typbyval;
		char		typalign;

		if (ARR_NDIM(neighbours) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s: neighbours must be a one-dimensional array", fname),
					 errdetail("Region %s has a %d-dimensional array.", sy_region_label(r, id), ARR_NDIM(neighbours))));
		nbtype = ARR_ELEMTYPE(neighbours);
		/* the SQL signatures pair the id's type with its array's */
		if (!sy_region_id_type_ok(nbtype) || sy_region_id_type_is_text(nbtype) != (r->names != NULL))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s: neighbour ids of type %s do not match the region ids", fname, format_type_be(nbtype)),
					 errhint("Pass neighbour ids of the type of the region ids.")));
		/*
		 * NULLs from the bitmap, before deconstruct_array takes 9 bytes an
		 * element: 134 million NULLs are 16 MB, their Datums 1.2 GB
		 */
		{
			int64		pos = sy_first_null(neighbours, ArrayGetNItems(ARR_NDIM(neighbours), ARR_DIMS(neighbours)));

			if (pos != 0)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s: neighbour ids must not be NULL", fname),
						 errdetail("Element %d of the neighbours of region %s is NULL.", (int) pos, sy_region_label(r, id)),
						 errhint("Build neighbour lists with spatial_weights().")));
		}
		get_typlenbyvalalign(nbtype, &typlen, &typbyval, &typalign);
		deconstruct_array(neighbours, nbtype, typlen, typbyval, typalign, &nd, &nn, &k);
	}
	if (weights != NULL)
	{
		SyWhere		w = {fname, "weights", 0};
		int			m;

		if (k == 0 && ARR_NDIM(weights) == 0)
			wv = NULL;
		else
		{
			wv = sy_indicator_row(weights, w, k, &m);
			for (int j = 0; j < k; j++)
				if (!(wv[j] >= 0.0))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("%s: spatial weights must not be negative", fname),
							 errdetail("Weight %d of region %s is %g.", j + 1, sy_region_label(r, id), wv[j]),
							 errhint("Use binary (1) or row-standardised weights.")));
		}
	}
	sy_regions_reserve(r, fname, r->n + 1, r->nnb + k);
	for (int j = 0; j < k; j++)
	{
		r->nbid[r->nnb + j] = sy_region_id(r, nbtype, nd[j], fname);
		r->nbw[r->nnb + j] = wv ? wv[j] : NAN;
	}
	r->nnb += k;
	r->id[r->n] = id;
	r->x[r->n] = x;
	r->n++;
	r->nstart[r->n] = r->nnb;
}

typedef struct NameRank
{
	const char *s;
	int32		len;
	int64		code;
} NameRank;

static int
cmp_namerank(const void *a, const void *b)
{
	const NameRank *x = a,
			   *y = b;
	int			c = memcmp(x->s, y->s, Min(x->len, y->len));

	if (c != 0)
		return c;
	return x->len < y->len ? -1 : (x->len > y->len);
}

void
sy_regions_text_order(SyRegions *r, const char *fname)
{
	SyIdNames  *d = r->names,
			   *ranked;
	NameRank   *order;
	int64	   *rank,
			   *id,
			   *nbid;

	if (d == NULL)
		return;
	sy_group_memory_check(fname, sy_regions_bytes(r->cap, r->nbcap) + d->bytes +
						  (sizeof(NameRank) + sizeof(int64) + sizeof(char *) + sizeof(int32)) * (double) Max(d->n, 1) +
						  sizeof(int64) * (double) (r->n + r->nnb), r->n);
	order = palloc_extended(sizeof(NameRank) * Max(d->n, 1), MCXT_ALLOC_HUGE);
	rank = palloc_extended(sizeof(int64) * Max(d->n, 1), MCXT_ALLOC_HUGE);
	for (int64 c = 0; c < d->n; c++)
	{
		order[c].s = d->name[c];
		order[c].len = d->len[c];
		order[c].code = c;
	}
	qsort(order, d->n, sizeof(NameRank), cmp_namerank);
	ranked = palloc0(sizeof(SyIdNames));
	ranked->n = ranked->cap = d->n;
	ranked->bytes = d->bytes;
	ranked->name = palloc_extended(sizeof(char *) * Max(d->n, 1), MCXT_ALLOC_HUGE);
	ranked->len = palloc_extended(sizeof(int32) * Max(d->n, 1), MCXT_ALLOC_HUGE);
	for (int64 k = 0; k < d->n; k++)
	{
		rank[order[k].code] = k;
		ranked->name[k] = d->name[order[k].code];
		ranked->len[k] = order[k].len;
	}
	id = palloc_extended(sizeof(int64) * Max(r->cap, 1), MCXT_ALLOC_HUGE);
	nbid = palloc_extended(sizeof(int64) * Max(r->nbcap, 1), MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < r->n; i++)
		id[i] = rank[r->id[i]];
	for (int64 p = 0; p < r->nnb; p++)
		nbid[p] = rank[r->nbid[p]];
	pfree(order);
	pfree(rank);
	r->id = id;
	r->nbid = nbid;
	r->names = ranked;
}

void
sy_regions_sort(SyRegions *r, int64 *newpos, bool free_old, const char *fname, double held)
{
	SyIdNames  *names = r->names;

	sy_regions_canonical(r, newpos, free_old, fname, held);
	r->names = names;
}

typedef struct IdPos
{
	int64		id;
	int64		pos;
} IdPos;

static int
cmp_idpos(const void *a, const void *b)
{
	const IdPos *x = a,
			   *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->pos < y->pos ? -1 : (x->pos > y->pos);
}

typedef struct NbW
{
	size_t		j;
	double		w;
} NbW;

static int
cmp_nbw(const void *a, const void *b)
{
	const NbW  *x = a,
			   *y = b;

	return x->j < y->j ? -1 : (x->j > y->j);
}

void
sy_regions_graph(const SyRegions *r, const char *fname, double held, sy_sparse_w *w)
{
	int64		n = r->n;
	IdPos	   *sorted;
	size_t	   *start,
			   *nbr;
	double	   *wt;
	NbW		   *row = NULL;
	int64		rowcap = 0,
				maxdeg = 0;
	size_t		e = 0;

	/*
	 * The regions, the graph built here (a region's row of links at most as
	 * long as the longest), and what the statistic needs besides
	 * (SY_REGIONS_FINAL_BYTES a region), checked before any of it is taken.
	 */
	for (int64 i = 0; i < n; i++)
		maxdeg = Max(maxdeg, r->nstart[i + 1] - r->nstart[i]);
	sy_group_memory_check(fname, held + sy_regions_bytes(r->cap, r->nbcap) +
						  (sizeof(IdPos) + sizeof(size_t) + SY_REGIONS_FINAL_BYTES) * (double) Max(n, 1) +
						  (sizeof(size_t) + sizeof(double)) * (double) Max(r->nnb, 1) +
						  sizeof(NbW) * (double) Max(maxdeg, 16), n);
	sorted = palloc_extended(sizeof(IdPos) * Max(n, 1), MCXT_ALLOC_HUGE);
	start = palloc_extended(sizeof(size_t) * (n + 1), MCXT_ALLOC_HUGE);
	nbr = palloc_extended(sizeof(size_t) * Max(r->nnb, 1), MCXT_ALLOC_HUGE);
	wt = palloc_extended(sizeof(double) * Max(r->nnb, 1), MCXT_ALLOC_HUGE);

	for (int64 i = 0; i < n; i++)
	{
		sorted[i].id = r->id[i];
		sorted[i].pos = i;
	}
	qsort(sorted, n, sizeof(IdPos), cmp_idpos);
	for (int64 i = 1; i < n; i++)
		if (sorted[i].id == sorted[i - 1].id)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: region ids must be unique within a group", fname),
					 errdetail("Region id %s appears more than once.", sy_region_label(r, sorted[i].id)),
					 errhint("Group by the period (year) so that each region appears once per group.")));

	for (int64 i = 0; i < n; i++)
	{
		int64		deg = r->nstart[i + 1] - r->nstart[i],
					kept = 0;
		bool		given = false;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (deg > rowcap)
		{
			rowcap = Max(deg, 16);
			row = row ? repalloc_huge(row, sizeof(NbW) * rowcap)
				: palloc_extended(sizeof(NbW) * rowcap, MCXT_ALLOC_HUGE);
		}
		for (int64 p = r->nstart[i]; p < r->nstart[i + 1]; p++)
		{
			IdPos		key = {r->nbid[p], -1},
					   *hit;
			int64		lo = 0,
						hi = n;

			/* first entry with this id (ids are unique by now) */
			while (lo < hi)
			{
				int64		mid = lo + (hi - lo) / 2;

				if (sorted[mid].id < key.id)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == n || sorted[lo].id != key.id)
				continue;		/* not in the group: dropped */
			hit = &sorted[lo];
			if (hit->pos == i)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: a region must not be its own neighbour", fname),
						 errdetail("Region %s lists itself.", sy_region_label(r, r->id[i])),
						 errhint("Leave the region out of its own neighbour list.")));
			row[kept].j = (size_t) hit->pos;
			row[kept].w = r->nbw[p];
			given = !isnan(r->nbw[p]);
			kept++;
		}
		qsort(row, kept, sizeof(NbW), cmp_nbw);

		/*
		 * Given weights of a row that sum to 1 are row-standardised: when
		 * neighbours are missing from the group (value NULL, or not there),
		 * they are standardised again over those that remain, as spdep's
		 * subset.listw does for style W.  Other given weights (binary,
		 * distances) stay as given.
		 */
		if (given && kept > 0 && kept < deg)
		{
			double		all = 0.0,
						rest = 0.0;

			for (int64 p = r->nstart[i]; p < r->nstart[i + 1]; p++)
				all += r->nbw[p];
			if (fabs(all - 1.0) <= SY_ROW_STANDARD_TOL)
			{
				for (int64 k = 0; k < kept; k++)
					rest += row[k].w;
				if (rest > 0.0)
					for (int64 k = 0; k < kept; k++)
						row[k].w /= rest;
			}
		}
		start[i] = e;
		for (int64 k = 0; k < kept; k++)
		{
			if (k > 0 && row[k].j == row[k - 1].j)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: a neighbour is listed twice", fname),
						 errdetail("Region %s lists region %s more than once.",
								   sy_region_label(r, r->id[i]), sy_region_label(r, r->id[row[k].j])),
						 errhint("Each neighbour appears once in a region's list.")));
			nbr[e] = row[k].j;
			wt[e] = given ? row[k].w : 1.0 / (double) kept;
			e++;
		}
	}
	start[n] = e;
	w->n = (size_t) n;
	w->start = start;
	w->nbr = nbr;
	w->w = wt;
}

void
sy_check_permutations(const char *fname, int64 permutations)
{
	if (permutations < 0 || permutations > SY_MAX_PERMUTATIONS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: permutations must be between 0 and %d", fname, SY_MAX_PERMUTATIONS),
				 errdetail("permutations = " INT64_FORMAT ".", permutations),
				 errhint("999 or 9999 permutations are usual; 0 skips the permutation test.")));
}

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

#include "sy_pg.h"
#include "sy_moran.h"
#include "sy_limits.h"

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

void
sy_regions_add(SyRegions *r, const char *fname, int64 row, int64 id, double x,
			   ArrayType *neighbours, ArrayType *weights)
{
	int			k = 0;
	Datum	   *nd = NULL;
	bool	   *nn = NULL;
	const double *wv = NULL;

	if (!isfinite(x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: value must be finite", fname),
				 errdetail("Region " INT64_FORMAT " (row " INT64_FORMAT ") has the value %g.", id, row, x),
				 errhint("Remove NaN and infinite values, or map them to NULL to leave the region out.")));
	if (neighbours != NULL)
	{
		if (ARR_NDIM(neighbours) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s: neighbours must be a one-dimensional array", fname),
					 errdetail("Region " INT64_FORMAT " has a %d-dimensional array.", id, ARR_NDIM(neighbours))));
		deconstruct_array(neighbours, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &nd, &nn, &k);
		for (int j = 0; j < k; j++)
			if (nn[j])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s: neighbour ids must not be NULL", fname),
						 errdetail("Element %d of the neighbours of region " INT64_FORMAT " is NULL.", j + 1, id),
						 errhint("Build neighbour lists with spatial_weights().")));
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
							 errdetail("Weight %d of region " INT64_FORMAT " is %g.", j + 1, id, wv[j]),
							 errhint("Use binary (1) or row-standardised weights.")));
		}
	}
	sy_regions_reserve(r, fname, r->n + 1, r->nnb + k);
	for (int j = 0; j < k; j++)
	{
		r->nbid[r->nnb + j] = DatumGetInt64(nd[j]);
		r->nbw[r->nnb + j] = wv ? wv[j] : NAN;
	}
	r->nnb += k;
	r->id[r->n] = id;
	r->x[r->n] = x;
	r->n++;
	r->nstart[r->n] = r->nnb;
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
					 errdetail("Region id " INT64_FORMAT " appears more than once.", sorted[i].id),
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
						 errdetail("Region " INT64_FORMAT " lists itself.", r->id[i]),
						 errhint("Leave the region out of its own neighbour list.")));
			row[kept].j = (size_t) hit->pos;
			row[kept].w = r->nbw[p];
			given = !isnan(r->nbw[p]);
			kept++;
		}
		qsort(row, kept, sizeof(NbW), cmp_nbw);
		start[i] = e;
		for (int64 k = 0; k < kept; k++)
		{
			if (k > 0 && row[k].j == row[k - 1].j)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: a neighbour is listed twice", fname),
						 errdetail("Region " INT64_FORMAT " lists region " INT64_FORMAT " more than once.",
								   r->id[i], r->id[row[k].j]),
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

uint64_t
sy_prng_below(void *ctx, uint64_t bound)
{
	return pg_prng_uint64_range((pg_prng_state *) ctx, 0, bound - 1);
}

void
sy_interrupt_tick(void *ctx)
{
	(void) ctx;
	CHECK_FOR_INTERRUPTS();
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

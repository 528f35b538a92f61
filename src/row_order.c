/*
 * row_order.c - the canonical order of the rows that aggregates and window
 * functions keep (sy_order.h).
 *
 * The sort is PostgreSQL's sort template with the comparison inlined: the
 * first element's key is compared from the array being sorted, the rest of
 * the row only on a tie.  Over 300 regions it takes microseconds; over a
 * million rows of 25 indicators about a fifth of a second.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/memutils.h"

#include "sy_order.h"

typedef struct RowCmpArg
{
	int			m;
} RowCmpArg;

static inline int
row_cmp(const SyRowRef *a, const SyRowRef *b, RowCmpArg *arg)
{
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	for (int j = 1; j < arg->m; j++)
	{
		uint64		ka = sy_f8_key(a->row[j]),
					kb = sy_f8_key(b->row[j]);

		if (ka != kb)
			return ka < kb ? -1 : 1;
	}
	return 0;
}

#define ST_SORT sy_sort_rowrefs
#define ST_ELEMENT_TYPE SyRowRef
#define ST_COMPARE_ARG_TYPE RowCmpArg
#define ST_COMPARE(a, b, arg) row_cmp(a, b, arg)
#define ST_CHECK_FOR_INTERRUPTS
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

void
sy_sort_rows(SyRowRef *refs, int64 n, int m)
{
	RowCmpArg	arg = {m};

	for (int64 i = 0; i < n; i++)
		refs[i].key = sy_f8_key(refs[i].row[0]);
	if (n > 1)
		sy_sort_rowrefs(refs, (size_t) n, &arg);
}

void
sy_canonical_matrix(double *x, int64 n, int m, int64 *newpos)
{
	SyRowRef   *refs;
	int64	   *from;
	double	   *tmp;
	Size		rowbytes = sizeof(double) * (Size) m;

	if (n < 2)
	{
		if (n == 1 && newpos)
			newpos[0] = 0;
		return;
	}
	refs = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(SyRowRef) * (Size) n);
	for (int64 i = 0; i < n; i++)
		refs[i].row = x + (Size) i * m;
	sy_sort_rows(refs, n, m);

	/* from[k]: the old index of the row that goes to k */
	from = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int64) * (Size) n);
	for (int64 k = 0; k < n; k++)
		from[k] = (refs[k].row - x) / m;
	pfree(refs);
	if (newpos)
		for (int64 k = 0; k < n; k++)
			newpos[from[k]] = k;

	/* permute in place, cycle by cycle; from[k] = k marks a row in place */
	tmp = palloc(rowbytes);
	for (int64 start = 0; start < n; start++)
	{
		int64		k = start;

		if (from[start] == start)
			continue;
		if ((start & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		memcpy(tmp, x + (Size) start * m, rowbytes);
		while (from[k] != start)
		{
			int64		src = from[k];

			memcpy(x + (Size) k * m, x + (Size) src * m, rowbytes);
			from[k] = k;
			k = src;
		}
		memcpy(x + (Size) k * m, tmp, rowbytes);
		from[k] = k;
	}
	pfree(tmp);
	pfree(from);
}

/* Total-order minimum and maximum of the elements of a column. */
static void
zero_range(uint64 kmin, uint64 kmax, double *lo, double *hi)
{
	if (*lo == 0.0)
		*lo = kmin == sy_f8_key(-0.0) ? -0.0 : 0.0;
	if (*hi == 0.0)
		*hi = kmax == sy_f8_key(-0.0) ? -0.0 : 0.0;
}

void
sy_canonical_ranges(const SyRowRef *refs, int64 n, int m, double *lo, double *hi)
{
	for (int j = 0; j < m; j++)
	{
		uint64		kmin = PG_UINT64_MAX,
					kmax = 0;

		if (lo[j] != 0.0 && hi[j] != 0.0)
			continue;
		for (int64 i = 0; i < n; i++)
		{
			uint64		k = sy_f8_key(refs[i].row[j]);

			kmin = Min(kmin, k);
			kmax = Max(kmax, k);
		}
		zero_range(kmin, kmax, &lo[j], &hi[j]);
	}
}

void
sy_canonical_ranges_matrix(const double *x, int64 n, int m, double *lo, double *hi)
{
	for (int j = 0; j < m; j++)
	{
		uint64		kmin = PG_UINT64_MAX,
					kmax = 0;

		if (lo[j] != 0.0 && hi[j] != 0.0)
			continue;
		for (int64 i = 0; i < n; i++)
		{
			uint64		k = sy_f8_key(x[(Size) i * m + j]);

			kmin = Min(kmin, k);
			kmax = Max(kmax, k);
		}
		zero_range(kmin, kmax, &lo[j], &hi[j]);
	}
}

typedef struct IdRank
{
	int64		id;
	int64		pos;
} IdRank;

#define ST_SORT sy_sort_idranks
#define ST_ELEMENT_TYPE IdRank
#define ST_COMPARE(a, b) ((a)->id != (b)->id ? ((a)->id < (b)->id ? -1 : 1) : \
						  ((a)->pos < (b)->pos ? -1 : (a)->pos > (b)->pos))
#define ST_CHECK_FOR_INTERRUPTS
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

void
sy_regions_canonical(SyRegions *r, int64 *newpos, bool free_old)
{
	int64		n = r->n;
	IdRank	   *order;
	SyRegions	s;
	bool		sorted = true;

	for (int64 i = 1; i < n && sorted; i++)
		sorted = r->id[i - 1] < r->id[i];
	if (sorted)
	{
		if (newpos)
			for (int64 i = 0; i < n; i++)
				newpos[i] = i;
		return;
	}
	order = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(IdRank) * (Size) n);
	for (int64 i = 0; i < n; i++)
	{
		order[i].id = r->id[i];
		order[i].pos = i;
	}
	sy_sort_idranks(order, (size_t) n);
	sy_regions_init(&s, n, r->nnb);
	for (int64 k = 0; k < n; k++)
	{
		int64		i = order[k].pos;
		int64		deg = r->nstart[i + 1] - r->nstart[i];

		if ((k & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		if (newpos)
			newpos[i] = k;
		s.id[k] = r->id[i];
		s.x[k] = r->x[i];
		memcpy(s.nbid + s.nnb, r->nbid + r->nstart[i], sizeof(int64) * deg);
		memcpy(s.nbw + s.nnb, r->nbw + r->nstart[i], sizeof(double) * deg);
		s.nnb += deg;
		s.nstart[k + 1] = s.nnb;
	}
	s.n = n;
	pfree(order);
	if (free_old)
	{
		pfree(r->id);
		pfree(r->x);
		pfree(r->nstart);
		pfree(r->nbid);
		pfree(r->nbw);
	}
	*r = s;
}

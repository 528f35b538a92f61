/*
 * row_order.c - the canonical order of the rows that aggregates and window
 * functions keep (sy_order.h).
 *
 * Rows are sorted by references: an LSD radix sort on the first element's
 * key (8- or 11-bit digits, passes where every key has the same digit
 * skipped; no branch to mispredict, which dominates comparison sorts of
 * random values), then PostgreSQL's sort template, comparison inlined,
 * over each run of equal first elements (and over groups under 64 rows).
 * Moving the rows into their new places, random reads of whole rows, costs
 * about twice the sort.  Over 300 regions x 25 indicators it takes
 * microseconds; over 500,000 rows of 25 indicators about 30 ms of CPU to
 * sort and 55 ms to move the rows (bench/bench_order.sh).
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/memutils.h"

#include "sy_order.h"
#include "sy_limits.h"

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

/* rows with tied first elements: compare from the second element on */
static void
sort_ties(SyRowRef *refs, int64 n, int m)
{
	RowCmpArg	arg = {m};
	int64		start = 0;

	if (m < 2)
		return;					/* equal keys: the same bits */
	for (int64 i = 1; i <= n; i++)
	{
		if (i < n && refs[i].key == refs[start].key)
			continue;
		if (i - start > 1)
			sy_sort_rowrefs(refs + start, (size_t) (i - start), &arg);
		start = i;
	}
}

#define RADIX_MIN_ROWS 64

void
sy_sort_rows(SyRowRef *refs, int64 n, int m)
{
	RowCmpArg	arg = {m};
	SyRowRef   *a,
			   *b;
	Size	   *count;
	/* 8-bit digits for small groups (a short prefix sum per pass), 11 for large */
	int			bits = n < 4096 ? 8 : 11;
	int			size = 1 << bits;
	int			passes = (64 + bits - 1) / bits;

	for (int64 i = 0; i < n; i++)
		refs[i].key = sy_f8_key(refs[i].row[0]);
	if (n < 2)
		return;
	if (n < RADIX_MIN_ROWS)
	{
		sy_sort_rowrefs(refs, (size_t) n, &arg);
		return;
	}

	/* every digit's histogram in one pass */
	count = palloc0(sizeof(Size) * passes * size);
	for (int64 i = 0; i < n; i++)
	{
		uint64		k = refs[i].key;

		for (int p = 0; p < passes; p++)
			count[p * size + ((k >> (p * bits)) & (size - 1))]++;
	}
	a = refs;
	b = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(SyRowRef) * (Size) n);
	for (int p = 0; p < passes; p++)
	{
		Size	   *c = count + p * size;
		Size		sum = 0;
		SyRowRef   *t;

		CHECK_FOR_INTERRUPTS();
		if (c[(a[0].key >> (p * bits)) & (size - 1)] == (Size) n)
			continue;			/* every key has this digit */
		for (int d = 0; d < size; d++)
		{
			Size		cd = c[d];

			c[d] = sum;
			sum += cd;
		}
		for (int64 i = 0; i < n; i++)
			b[c[(a[i].key >> (p * bits)) & (size - 1)]++] = a[i];
		t = a;
		a = b;
		b = t;
	}
	if (a != refs)
	{
		memcpy(refs, a, sizeof(SyRowRef) * (Size) n);
		pfree(a);
	}
	else
		pfree(b);
	pfree(count);
	sort_ties(refs, n, m);
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

void
sy_sort_tuples(double *x, int64 n, int m)
{
	SyRowRef   *refs;
	double	   *sorted;

	if (n < 2)
		return;
	refs = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(SyRowRef) * (Size) n);
	for (int64 i = 0; i < n; i++)
		refs[i].row = x + (Size) i * m;
	sy_sort_rows(refs, n, m);
	if (m == 1)
	{
		/* single values: back from their keys, no copy */
		for (int64 i = 0; i < n; i++)
		{
			uint64		k = refs[i].key;
			uint64		b = (k >> 63) ? (k & ~(UINT64CONST(1) << 63)) : ~k;

			memcpy(&x[i], &b, sizeof(double));
		}
		pfree(refs);
		return;
	}
	sorted = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * (Size) n * m);
	for (int64 i = 0; i < n; i++)
		memcpy(sorted + (Size) i * m, refs[i].row, sizeof(double) * m);
	memcpy(x, sorted, sizeof(double) * (Size) n * m);
	pfree(sorted);
	pfree(refs);
}

/*
 * Where min-max scaling met a zero bound, make it the total-order one: -0.0
 * when a -0.0 is the column's least (or greatest) element, so that the bound
 * does not depend on whether -0.0 or +0.0 arrived first.  The column's
 * elements are refs[i].row[j] (refs given) or x[i * m + j].
 */
static void
canonical_zero_bounds(const SyRowRef *refs, const double *x, int64 n, int m, double *lo, double *hi)
{
	for (int j = 0; j < m; j++)
	{
		uint64		kmin = PG_UINT64_MAX,
					kmax = 0;

		if (lo[j] != 0.0 && hi[j] != 0.0)
			continue;
		for (int64 i = 0; i < n; i++)
		{
			uint64		k = sy_f8_key(refs ? refs[i].row[j] : x[(Size) i * m + j]);

			kmin = Min(kmin, k);
			kmax = Max(kmax, k);
		}
		if (lo[j] == 0.0)
			lo[j] = kmin == sy_f8_key(-0.0) ? -0.0 : 0.0;
		if (hi[j] == 0.0)
			hi[j] = kmax == sy_f8_key(-0.0) ? -0.0 : 0.0;
	}
}

void
sy_canonical_ranges(const SyRowRef *refs, int64 n, int m, double *lo, double *hi)
{
	canonical_zero_bounds(refs, NULL, n, m, lo, hi);
}

void
sy_canonical_ranges_matrix(const double *x, int64 n, int m, double *lo, double *hi)
{
	canonical_zero_bounds(NULL, x, n, m, lo, hi);
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
sy_regions_canonical(SyRegions *r, int64 *newpos, bool free_old, const char *fname, double held)
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
	sy_group_memory_check(fname, held + sy_regions_bytes(r->cap, r->nbcap) + sy_regions_bytes(n, r->nnb) +
						  (sizeof(IdRank) + (newpos ? sizeof(int64) : 0)) * (double) n, n);
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

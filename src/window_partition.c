/*
 * window_partition.c - reading a whole window partition once.
 *
 * synergy's window functions evaluate the whole partition on their first
 * call and cache one result per row in partition-local memory (the pattern
 * of PostGIS's lwgeom_window.c); later calls only look their row up.  They
 * ignore the frame: the partition is the group being evaluated.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/array.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "sy_pg.h"
#include "sy_window.h"
#include "sy_limits.h"
#include "sy_order.h"

MemoryContext
sy_partition_context(void *partition_local)
{
	/* the partition-local chunk lives in the context reset per partition */
	return GetMemoryChunkContext(partition_local);
}

/*
 * The valid rows in the canonical order (sy_order.h), so that what is
 * computed from them does not depend on the order the partition's rows
 * came in; index[] follows each row to its new place.
 */
static void
canonical_matrix(SyMatrix *mx)
{
	int64	   *newpos;

	/* the sort's references and the new positions are freed here: the
	 * partition keeps only its copy and index */
	newpos = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int64) * Max(mx->nvalid, 1));
	sy_canonical_matrix(mx->x, mx->nvalid, mx->m, newpos);
	for (int64 i = 0; i < mx->nrows; i++)
		if (mx->index[i] >= 0)
			mx->index[i] = newpos[mx->index[i]];
	pfree(newpos);
	sy_canonical_ranges_matrix(mx->x, mx->nvalid, mx->m, mx->lo, mx->hi);
}

void
sy_read_matrix(WindowObject winobj, int argno, SyWhere w, MemoryContext keep,
			   SyMatrix *out)
{
	int64		nrows = WinGetPartitionRowCount(winobj);
	MemoryContext rowcxt,
				old;

	out->nrows = nrows;
	out->nvalid = 0;
	out->m = -1;
	sy_group_memory_check(w.fname, (double) sizeof(int64) * nrows, nrows);
	out->index = MemoryContextAllocHuge(keep, sizeof(int64) * nrows);
	out->x = out->lo = out->hi = NULL;

	/* detoasted copies would pile up over a large partition: reset per row */
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "synergy partition row",
								   ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(rowcxt);
	for (int64 i = 0; i < nrows; i++)
	{
		bool		isnull,
					isout;
		Datum		d = WinGetFuncArgInPartition(winobj, argno, i, WINDOW_SEEK_HEAD,
												 false, &isnull, &isout);
		const double *row;
		int			m;

		CHECK_FOR_INTERRUPTS();
		if (isnull)
		{
			out->index[i] = -1;
			continue;
		}
		w.row = i + 1;
		row = sy_indicator_row(DatumGetArrayTypeP(d), w, out->m, &m);
		if (out->x == NULL)
		{
			out->m = m;
			/* the whole partition's copy and its canonical sort's working
			 * memory, checked once before the copy is made */
			sy_group_memory_check(w.fname, ((double) sizeof(double) * ((double) m + 1.0) +
											SY_CANONICAL_MATRIX_BYTES) * nrows, nrows);
			out->x = MemoryContextAllocHuge(keep, sizeof(double) * (Size) m * nrows);
			out->lo = MemoryContextAlloc(keep, sizeof(double) * m);
			out->hi = MemoryContextAlloc(keep, sizeof(double) * m);
			sy_range_init(m, out->lo, out->hi);
		}
		sy_row_ingest(row, m, out->x + (Size) out->nvalid * m, out->lo, out->hi);
		out->index[i] = out->nvalid++;
		MemoryContextReset(rowcxt);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(rowcxt);
	if (out->x != NULL)
		sy_check_ranges(w.fname, out->m, out->lo, out->hi);
	if (out->x != NULL)
		canonical_matrix(out);
}

/* Two argument values are the same: both NULL, or equal bytes once detoasted. */
static bool
same_datum(Datum a, bool anull, Datum b, bool bnull, int16 typlen)
{
	if (anull || bnull)
		return anull == bnull;
	if (typlen == -1)
	{
		struct varlena *va = PG_DETOAST_DATUM_PACKED(a);
		struct varlena *vb = PG_DETOAST_DATUM_PACKED(b);

		return VARSIZE_ANY_EXHDR(va) == VARSIZE_ANY_EXHDR(vb) &&
			memcmp(VARDATA_ANY(va), VARDATA_ANY(vb), VARSIZE_ANY_EXHDR(va)) == 0;
	}
	return a == b;				/* by-value types */
}

Datum
sy_partition_constant(FunctionCallInfo fcinfo, WindowObject winobj, int argno,
					  int16 typlen, SyWhere w, MemoryContext keep, bool *isnull)
{
	int64		nrows = WinGetPartitionRowCount(winobj);
	bool		isout;
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext rowcxt;
	Datum		first = WinGetFuncArgInPartition(winobj, argno, 0, WINDOW_SEEK_HEAD,
												 false, isnull, &isout);

	if (!*isnull && typlen == -1)
	{
		MemoryContextSwitchTo(keep);
		first = PointerGetDatum(PG_DETOAST_DATUM_COPY(first));
		MemoryContextSwitchTo(caller);
	}
	/* constants and parameters cannot vary; anything else is checked */
	if (get_fn_expr_arg_stable(fcinfo->flinfo, argno))
		return first;
	rowcxt = AllocSetContextCreate(caller, "synergy argument row", ALLOCSET_SMALL_SIZES);
	for (int64 i = 1; i < nrows; i++)
	{
		bool		null;
		Datum		d;

		CHECK_FOR_INTERRUPTS();
		MemoryContextSwitchTo(rowcxt);
		d = WinGetFuncArgInPartition(winobj, argno, i, WINDOW_SEEK_HEAD, false, &null, &isout);
		w.row = i + 1;
		sy_must_be_constant(same_datum(first, *isnull, d, null, typlen), w);
		MemoryContextSwitchTo(caller);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(rowcxt);
	return first;
}

/*
 * sy_read_matrix with a missing-value policy (sy_core_missing.h).  With
 * SY_MISSING_ERROR it is sy_read_matrix.  Otherwise NULL elements are read
 * as NaN; a row with no observed element (a NULL x, or every element NULL)
 * takes no part under every policy; the policy is applied to the rows in
 * the canonical order (so imputed values do not depend on the row order):
 * skip drops the rows with a gap (index[] -1), mean and median fill the
 * gaps from the indicator's observed values.  The ranges are those of the
 * kept or imputed matrix.
 */
void
sy_read_matrix_missing(WindowObject winobj, int argno, SyWhere w, MemoryContext keep,
					   sy_missing policy, SyMatrix *out)
{
	int64		nrows = WinGetPartitionRowCount(winobj);
	MemoryContext rowcxt,
				old;
	double	   *buf = NULL;
	int64	   *newpos;
	bool	   *kept;
	double	   *work = NULL;
	size_t		bad_col = 0;
	int64		k;
	int			m;

	if (policy == SY_MISSING_ERROR)
	{
		sy_read_matrix(winobj, argno, w, keep, out);
		return;
	}
	out->nrows = nrows;
	out->nvalid = 0;
	out->m = -1;
	sy_group_memory_check(w.fname, (double) sizeof(int64) * nrows, nrows);
	out->index = MemoryContextAllocHuge(keep, sizeof(int64) * nrows);
	out->x = out->lo = out->hi = NULL;

	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "synergy partition row",
								   ALLOCSET_SMALL_SIZES);
	for (int64 i = 0; i < nrows; i++)
	{
		bool		isnull,
					isout;
		Datum		d;
		int			gaps;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(rowcxt);
		d = WinGetFuncArgInPartition(winobj, argno, i, WINDOW_SEEK_HEAD,
									 false, &isnull, &isout);
		if (isnull)
		{
			MemoryContextSwitchTo(old);
			MemoryContextReset(rowcxt);
			out->index[i] = -1;
			continue;
		}
		w.row = i + 1;
		if (buf == NULL)
		{
			/* the first array fixes m: read it into a buffer of its length
			 * (its shape is checked before anything is written) */
			ArrayType  *a = DatumGetArrayTypeP(d);
			double	   *first = palloc(sizeof(double) * sy_indicator_row_room(a));

			gaps = sy_indicator_row_gaps(a, w, -1, policy, first, &m);
			MemoryContextSwitchTo(old);
			out->m = m;
			sy_group_memory_check(w.fname, ((double) sizeof(double) * ((double) m + 2.0) +
											SY_CANONICAL_MATRIX_BYTES + 1.0) * nrows, nrows);
			out->x = MemoryContextAllocHuge(keep, sizeof(double) * (Size) m * nrows);
			out->lo = MemoryContextAlloc(keep, sizeof(double) * m);
			out->hi = MemoryContextAlloc(keep, sizeof(double) * m);
			buf = out->x;
			memcpy(buf, first, sizeof(double) * m);
		}
		else
		{
			gaps = sy_indicator_row_gaps(DatumGetArrayTypeP(d), w, out->m, policy,
										 out->x + (Size) out->nvalid * out->m, &m);
			MemoryContextSwitchTo(old);
		}
		MemoryContextReset(rowcxt);
		if (gaps == out->m)
		{
			out->index[i] = -1; /* nothing observed: no unit to score */
			continue;
		}
		out->index[i] = out->nvalid++;
	}
	MemoryContextDelete(rowcxt);
	if (out->nvalid == 0)
		return;
	m = out->m;

	/* canonical order first: the imputed statistics are then order-free */
	newpos = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int64) * out->nvalid);
	sy_canonical_matrix(out->x, out->nvalid, m, newpos);
	for (int64 i = 0; i < nrows; i++)
		if (out->index[i] >= 0)
			out->index[i] = newpos[out->index[i]];

	kept = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(bool) * out->nvalid);
	if (policy == SY_MISSING_MEDIAN)
		work = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * out->nvalid);
	if (sy_missing_apply(out->x, out->nvalid, m, policy, kept, work, &bad_col) != SY_OK)
		sy_missing_undefined(w.fname, (int) bad_col, policy, "partition");
	if (policy == SY_MISSING_SKIP)
	{
		/* newpos[k]: the kept row k goes to, or -1 */
		k = 0;
		for (int64 r = 0; r < out->nvalid; r++)
		{
			if (kept[r])
			{
				if (k != r)
					memmove(out->x + (Size) k * m, out->x + (Size) r * m, sizeof(double) * m);
				newpos[r] = k++;
			}
			else
				newpos[r] = -1;
		}
		for (int64 i = 0; i < nrows; i++)
			if (out->index[i] >= 0)
				out->index[i] = newpos[out->index[i]];
		out->nvalid = k;
	}
	pfree(newpos);
	pfree(kept);
	if (work)
		pfree(work);
	sy_range_init(m, out->lo, out->hi);
	sy_range_update(out->x, out->nvalid, m, out->lo, out->hi);
	sy_check_ranges(w.fname, m, out->lo, out->hi);
	sy_canonical_ranges_matrix(out->x, out->nvalid, m, out->lo, out->hi);
}

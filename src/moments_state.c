/*
 * moments_state.c - sy_moments as state bytes (sy_moments_state.h).
 */
#include "postgres.h"

#include <math.h>

#include "sy_limits.h"
#include "sy_moments_state.h"

Size
sy_moments_cells(int m, bool comoment)
{
	return comoment ? (Size) m * (m + 1) / 2 : (Size) m;
}

void
sy_moments_alloc(sy_moments *mom, int m, bool comoment, double extra_per_column, const char *fname)
{
	/* co-moments are m (m + 1) / 2 doubles: 40 GB for 100,000 indicators */
	sy_group_memory_check(fname, sizeof(double) * (4.0 * m + (double) sy_moments_cells(m, comoment)) +
						  extra_per_column * m, -1);
	mom->m = m;
	mom->ref = palloc(sizeof(double) * m);
	mom->mean = palloc(sizeof(double) * m);
	mom->lo = palloc(sizeof(double) * m);
	mom->hi = palloc(sizeof(double) * m);
	mom->m2 = NULL;
	mom->comoment = NULL;
	mom->nobs = mom->pn = mom->pmj = mom->pmk = NULL;
	if (comoment)
		mom->comoment = palloc_extended(sizeof(double) * sy_moments_cells(m, true), MCXT_ALLOC_HUGE);
	else
		mom->m2 = palloc(sizeof(double) * m);
	sy_moments_reset(mom);
}

double
sy_moments_payload(const sy_moments *mom)
{
	return 16.0 + 8.0 * (4.0 * mom->m + (double) sy_moments_cells(mom->m, mom->comoment != NULL));
}

void
sy_wr_moments(SyStateWriter *w, const sy_moments *mom)
{
	int			m = mom->m;
	bool		comoment = mom->comoment != NULL;

	sy_wr_i64(w, m);
	sy_wr_f64(w, mom->n);
	sy_wr_f64s(w, mom->ref, m);
	sy_wr_f64s(w, mom->mean, m);
	sy_wr_f64s(w, mom->lo, m);
	sy_wr_f64s(w, mom->hi, m);
	sy_wr_f64s(w, comoment ? mom->comoment : mom->m2, sy_moments_cells(m, comoment));
}

void
sy_rd_moments(SyStateReader *r, sy_moments *mom, bool comoment, int max_m,
			  double extra_per_column, const char *fname)
{
	int			m = (int) sy_rd_count(r, 1, max_m, "The indicator count");
	double		n = sy_rd_f64(r);
	Size		cells = sy_moments_cells(m, comoment);

	if (!(n >= 1.0) || n != floor(n) || n > 9.0e15)
		sy_state_corrupt(fname, "Row count out of range.");
	/* the values must be there before the arrays are allocated */
	if (sy_rd_remaining(r) / 8 < 4 * (Size) m + cells)
		sy_state_corrupt(fname, "The state ends before its last value.");
	sy_moments_alloc(mom, m, comoment, extra_per_column, fname);
	mom->n = n;
	sy_rd_f64s(r, mom->ref, m, true, "A column's reference value");
	sy_rd_f64s(r, mom->mean, m, true, "A column mean");
	sy_rd_f64s(r, mom->lo, m, true, "A column minimum");
	sy_rd_f64s(r, mom->hi, m, true, "A column maximum");
	sy_rd_f64s(r, comoment ? mom->comoment : mom->m2, cells, true,
			   comoment ? "A co-moment" : "A sum of squares");
	for (int j = 0; j < m; j++)
		if (mom->lo[j] > mom->hi[j] || !(sy_moments_m2(mom, j) >= 0.0))
			sy_state_corrupt(fname, "Invalid column moments.");
}

void
sy_moments_alloc_gaps(sy_moments *mom, const char *fname)
{
	int			m = (int) mom->m;
	bool		comoment = mom->comoment != NULL;
	Size		cells = sy_moments_cells(m, comoment);

	/* what sy_moments_alloc took, and the gap arrays */
	sy_group_memory_check(fname, sizeof(double) * (5.0 * m + (comoment ? 4.0 : 1.0) * (double) cells), -1);
	mom->nobs = palloc0(sizeof(double) * m);
	if (comoment)
	{
		mom->pn = palloc_extended(sizeof(double) * cells, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		mom->pmj = palloc_extended(sizeof(double) * cells, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		mom->pmk = palloc_extended(sizeof(double) * cells, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	}
}

/*
 * entropy_bounded_agg.c - entropy_weights with known bounds (provisional).
 */
#include "postgres.h"

#include "sy_entropy_pg.h"

double
entropy_bounded_payload(const EntropyState *st)
{
	(void) st;
	return 0.0;
}

void
entropy_bounded_write(SyStateWriter *w, const EntropyState *st)
{
	(void) w;
	(void) st;
}

EntropyState *
entropy_bounded_read(SyStateReader *r, const char *fname, int m, int64 n, double shift, int *dir)
{
	(void) r; (void) m; (void) n; (void) shift; (void) dir;
	sy_state_corrupt(fname, "Unknown entropy state mode.");
}

EntropyState *
entropy_bounded_combine(EntropyState *a, EntropyState *b, const char *fname)
{
	(void) a; (void) b;
	elog(ERROR, "%s: bounded form not built yet", fname);
}

bool
entropy_bounded_compute(const EntropyState *st, double *entropy, double *divergence, double *weight)
{
	(void) entropy; (void) divergence; (void) weight;
	elog(ERROR, "%s: bounded form not built yet", st->fname);
}

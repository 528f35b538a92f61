/*
 * group_limit.c - synergy.max_group_memory.
 *
 * Aggregates that keep their rows (entropy_weights, moran_i, the
 * coupling_coordination aggregate, trend_analysis) and window functions
 * that copy their partition (topsis, factor_scores, local_moran, ...) grow
 * with the group.  Linux overcommits memory, so a palloc that is too large
 * for the machine usually succeeds and the OOM killer later takes the
 * backend, and the postmaster restarts every session with it.  A limit
 * checked where the state grows turns that into an ordinary ERROR.
 */
#include "postgres.h"

#include <limits.h>
#include <math.h>

#include "utils/guc.h"

#include "sy_limits.h"

int			sy_max_group_memory = 1024;

/*
 * PGC_SUSET: the limit protects the server from one user's query, so only a
 * superuser, or a role given GRANT SET ON PARAMETER synergy.max_group_memory,
 * may change it (SET, ALTER ROLE/DATABASE ... SET).  A value a plain role
 * SET as a placeholder before the library was loaded is discarded here with
 * a WARNING: PostgreSQL re-applies placeholder values with the privileges of
 * the role that set them.
 */
void
sy_limits_init(void)
{
	DefineCustomIntVariable("synergy.max_group_memory",
							"Most memory one group of a synergy aggregate or window function may keep.",
							"The rows an aggregate state or a window partition's copy holds; "
							"beyond it the function stops with SQLSTATE 54000.  "
							"Settable by superusers and roles granted SET on it.",
							&sy_max_group_memory,
							1024, 1, INT_MAX,
							PGC_SUSET, GUC_UNIT_MB,
							NULL, NULL, NULL);
	MarkGUCPrefixReserved("synergy");
}

void
sy_group_memory_check(const char *fname, double bytes, int64 rows)
{
	double		limit = (double) sy_max_group_memory * 1024.0 * 1024.0;

	if (bytes <= limit)
		return;
	if (rows < 0)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: group too large for synergy.max_group_memory", fname),
				 errdetail("The group would keep %.1f MB; synergy.max_group_memory is %d MB.",
						   bytes / (1024.0 * 1024.0), sy_max_group_memory),
				 errhint("Use fewer indicators, cities, lags or networks, or have the limit raised (a superuser setting), e.g. SET synergy.max_group_memory = '4GB', if the server has the memory.")));
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("%s: group too large for synergy.max_group_memory", fname),
			 errdetail("The group would keep %.1f MB after " INT64_FORMAT " rows; synergy.max_group_memory is %d MB.",
					   bytes / (1024.0 * 1024.0), rows, sy_max_group_memory),
			 errhint("Split the group (a finer GROUP BY or PARTITION BY), or have the limit raised (a superuser setting), e.g. SET synergy.max_group_memory = '4GB', if the server has the memory.")));
}

int64
sy_group_grow(const char *fname, int64 cap, int64 need, int64 max_cap,
			  double unit_bytes, double other_bytes, int64 rows)
{
	double		limit = (double) sy_max_group_memory * 1024.0 * 1024.0;
	double		fit = unit_bytes > 0.0 ? floor((limit - other_bytes) / unit_bytes) : (double) max_cap;
	int64		next = cap > max_cap / 2 ? max_cap : cap * 2;

	if (next < need)
		next = need;
	/* clamp the doubling to what the limit leaves, but never below need */
	if ((double) next > fit && fit >= (double) need)
		next = (int64) fit;
	sy_group_memory_check(fname, (double) next * unit_bytes + other_bytes, rows);
	return next;
}

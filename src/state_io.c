/*
 * state_io.c - pieces shared by the aggregates' serialize and deserialize
 * functions: the directions block and the error for a corrupt state.
 *
 * Serialized states travel between processes of one server (parallel
 * workers) in native byte order; each starts with a magic number and a
 * version, and the reader checks every length and value before use.
 */
#include "postgres.h"

#include "sy_pg.h"

Size
sy_dirs_bytes(const int *dir, int m)
{
	return dir ? MAXALIGN(sizeof(int32) * m) : 0;
}

char *
sy_put_dirs(char *p, const int *dir, int m)
{
	if (dir == NULL)
		return p;
	memset(p, 0, sy_dirs_bytes(dir, m));	/* no uninitialized padding */
	for (int j = 0; j < m; j++)
	{
		int32		d = dir[j];

		memcpy(p + sizeof(int32) * j, &d, sizeof(int32));
	}
	return p + sy_dirs_bytes(dir, m);
}

const char *
sy_get_dirs(const char *p, bool present, int m, int **dir, const char *fname)
{
	*dir = NULL;
	if (!present)
		return p;
	*dir = palloc(sizeof(int) * m);
	for (int j = 0; j < m; j++)
	{
		int32		d;

		memcpy(&d, p + sizeof(int32) * j, sizeof(int32));
		if (d != 1 && d != -1)
			sy_corrupt_state(fname, "Invalid direction.");
		(*dir)[j] = d;
	}
	return p + MAXALIGN(sizeof(int32) * m);
}

void
sy_corrupt_state(const char *fname, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("%s: invalid serialized state", fname),
			 errdetail("%s", what),
			 errhint("Partial states only travel between processes of one server; this points to a bug or to mismatched synergy versions. Run the query without parallelism and report it.")));
}

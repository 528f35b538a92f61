/*
 * sy_moran.h - glue shared by moran_i (aggregate) and local_moran (window
 * function): regions given as (id, value, neighbour ids, weights) rows,
 * turned into the core's compressed sparse weights.
 */
#ifndef SY_MORAN_H
#define SY_MORAN_H

#include "postgres.h"

#include "utils/array.h"

#include "sy_core_spatial.h"

/* Limits of a group: regions (links: four times as many) and permutations. */
#define SY_MAX_REGIONS ((int64) 100000000)
#define SY_MAX_PERMUTATIONS 1000000

/*
 * A row of given weights whose sum is within this of 1 is row-standardised
 * (docs/spatial.md, "Missing values"): re-standardised over the neighbours
 * that remain in the group.
 */
#define SY_ROW_STANDARD_TOL 1e-9

/*
 * Text region ids: each distinct string gets a code (0, 1, ... in the order
 * first seen), and the regions keep codes where integer ids keep the id.
 * Before the graph is built the codes are replaced by the ranks of the
 * strings in byte order (sy_regions_text_order), so the regions are
 * evaluated in the order of their ids, whatever the order of the rows.
 */
typedef struct SyIdNames
{
	int64		n;
	int64		cap;
	char	  **name;			/* name[code], NUL-terminated */
	int32	   *len;
	int64	   *slot;			/* open addressing: code + 1, 0 empty; NULL once ranked */
	int64		nslots;
	double		bytes;			/* bytes of the strings */
} SyIdNames;

/* Regions as read from the rows, neighbours by id. */
typedef struct SyRegions
{
	int64		n;
	int64		cap;
	int64	   *id;
	double	   *x;
	int64	   *nstart;			/* n + 1 offsets into nbid / nbw */
	int64		nnb;
	int64		nbcap;
	int64	   *nbid;
	double	   *nbw;			/* NaN: the row gave no weights */
	SyIdNames  *names;			/* text ids: id and nbid are codes; NULL: integer ids */
} SyRegions;

/* Allocates; the caller checks sy_regions_bytes(cap, nbcap) first. */
extern void sy_regions_init(SyRegions *r, int64 cap, int64 nbcap);

/*
 * Room for this many regions and links: capacities grow by doubling,
 * clamped to synergy.max_group_memory, which is checked before the
 * allocation (54000 when they do not fit).
 */
extern void sy_regions_reserve(SyRegions *r, const char *fname, int64 regions, int64 links);

/* Bytes that regions of these capacities keep (synergy.max_group_memory). */
extern double sy_regions_bytes(int64 cap, int64 nbcap);

/*
 * Append a region; neighbours may be NULL (an island), weights NULL (row
 * standardised over the neighbours present in the group).  id is the
 * region's id, or its code (sy_region_id) for text ids; the neighbours are
 * an int2, int4, int8 or text array (text with r->names).
 */
extern void sy_regions_add(SyRegions *r, const char *fname, int64 row, int64 id,
						   double x, ArrayType *neighbours, ArrayType *weights);

/* Is this type one that region ids may have (int2, int4, int8, text, varchar)? */
extern bool sy_region_id_type_ok(Oid type);
extern bool sy_region_id_type_is_text(Oid type);

/* A region id Datum of the given type as the int64 the regions keep. */
extern int64 sy_region_id(SyRegions *r, Oid type, Datum d, const char *fname);

/* The text dictionary (allocated in the current context). */
extern SyIdNames *sy_idnames_create(int64 cap);
extern int64 sy_idnames_code(SyIdNames *d, const char *s, int32 len, const char *fname);

/* A region id for a message: 17 or "AF". */
extern char *sy_region_label(const SyRegions *r, int64 id);

/*
 * Text ids: replace the codes by the ranks of the strings (new id and
 * neighbour arrays and a ranked dictionary in the current context; the old
 * arrays are left as they are).  Integer ids: nothing.
 */
extern void sy_regions_text_order(SyRegions *r, const char *fname);

/* sy_regions_canonical, keeping r->names (row_order.c rebuilds the struct). */
extern void sy_regions_sort(SyRegions *r, int64 *newpos, bool free_old,
							const char *fname, double held);

/*
 * What moran_i and local_moran allocate per region once the graph is built:
 * local_moran's results (48), work (8 + 16) and row map (8).
 */
#define SY_REGIONS_FINAL_BYTES 80

/*
 * The sparse weights: neighbour ids not in the group are dropped; a
 * duplicate region id, a self link or a repeated neighbour is an error.
 * Arrays are palloc'd in the current context, after checking the regions,
 * the graph and SY_REGIONS_FINAL_BYTES a region against
 * synergy.max_group_memory, with held bytes the caller keeps besides.
 */
extern void sy_regions_graph(const SyRegions *r, const char *fname, double held, sy_sparse_w *w);

extern void sy_check_permutations(const char *fname, int64 permutations);

#endif							/* SY_MORAN_H */

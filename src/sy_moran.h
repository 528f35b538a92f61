/*
 * sy_moran.h - glue shared by moran_i (aggregate) and local_moran (window
 * function): regions given as (id, value, neighbour ids, weights) rows,
 * turned into the core's compressed sparse weights.
 */
#ifndef SY_MORAN_H
#define SY_MORAN_H

#include "postgres.h"

#include "common/pg_prng.h"
#include "utils/array.h"

#include "sy_spatial.h"

/* Limits of a group: regions (links: four times as many) and permutations. */
#define SY_MAX_REGIONS ((int64) 100000000)
#define SY_MAX_PERMUTATIONS 1000000

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
 * standardised over the neighbours present in the group).
 */
extern void sy_regions_add(SyRegions *r, const char *fname, int64 row, int64 id,
						   double x, ArrayType *neighbours, ArrayType *weights);

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

/* pg_prng and CHECK_FOR_INTERRUPTS for the core's callbacks; ctx is a pg_prng_state. */
extern uint64_t sy_prng_below(void *ctx, uint64_t bound);
extern void sy_interrupt_tick(void *ctx);

extern void sy_check_permutations(const char *fname, int64 permutations);

#endif							/* SY_MORAN_H */

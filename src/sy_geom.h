/*
 * sy_geom.h - points of PostGIS geometries, through PostGIS's own SQL
 * functions called by fmgr (synergy.so does not link against liblwgeom,
 * whose ABI is not stable).
 */
#ifndef SY_GEOM_H
#define SY_GEOM_H

#include "postgres.h"

#include "fmgr.h"

#include "sy_pg.h"

typedef struct SyGeomFns
{
	Oid			geomtype;
	FmgrInfo	is_empty;		/* ST_IsEmpty(geometry) */
	FmgrInfo	srid;			/* ST_SRID(geometry) */
	FmgrInfo	type;			/* GeometryType(geometry) */
	FmgrInfo	on_surface;		/* ST_PointOnSurface(geometry) */
	FmgrInfo	x;				/* ST_X(geometry) */
	FmgrInfo	y;				/* ST_Y(geometry) */
	bool		has_transform;
	FmgrInfo	transform;		/* ST_Transform(geometry, integer), on demand */
} SyGeomFns;

/*
 * Look the functions up in the schema of the geometry type geomtype (the
 * type of a function argument), keeping them in mcxt.
 */
extern void sy_geom_fns_init(SyGeomFns *f, Oid geomtype, MemoryContext mcxt);

/*
 * The functions for the geometry type of argument argno, looked up once per
 * query and kept in the call's SyCallCache.
 */
extern SyGeomFns *sy_call_geom(FunctionCallInfo fcinfo, int argno);

/* Look up ST_Transform(geometry, integer) too. */
extern void sy_geom_fns_transform(SyGeomFns *f, MemoryContext mcxt);

/*
 * The point of a geometry: the point itself, or ST_PointOnSurface for any
 * other geometry, after ST_Transform to target_srid when that is not 0.
 * Returns false for an empty geometry.  Errors (naming fname and the row)
 * for non-finite coordinates.
 */
extern bool sy_geom_point(SyGeomFns *f, Datum geom, const char *fname, int64 row,
						  int32 target_srid, double *x, double *y, int32 *srid);

#endif							/* SY_GEOM_H */

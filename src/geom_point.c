/*
 * geom_point.c - a point per geometry, by PostGIS's SQL functions.
 *
 * The functions are resolved by name in the schema that holds the geometry
 * type (where CREATE EXTENSION postgis put them), once per query.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "nodes/makefuncs.h"
#include "nodes/pg_list.h"
#include "nodes/value.h"
#include "parser/parse_func.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "sy_geom.h"

static void
lookup(FmgrInfo *fi, const char *schema, const char *name, Oid geomtype,
	   MemoryContext mcxt)
{
	Oid			args[2] = {geomtype, INT4OID};
	int			nargs = strcmp(name, "st_transform") == 0 ? 2 : 1;
	Oid			fn = LookupFuncName(list_make2(makeString(pstrdup(schema)),
											   makeString(pstrdup(name))),
									nargs, args, true);

	if (!OidIsValid(fn))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("synergy_postgis: PostGIS function %s.%s(geometry%s) not found",
						schema, name, nargs == 2 ? ", integer" : ""),
				 errhint("synergy_postgis needs PostGIS 3 installed in the schema of type geometry.")));
	fmgr_info_cxt(fn, fi, mcxt);
}

static char *
geom_schema(Oid geomtype)
{
	HeapTuple	tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(geomtype));
	char	   *schema;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for type %u", geomtype);
	schema = get_namespace_name(((Form_pg_type) GETSTRUCT(tup))->typnamespace);
	ReleaseSysCache(tup);
	return schema;
}

void
sy_geom_fns_init(SyGeomFns *f, Oid geomtype, MemoryContext mcxt)
{
	char	   *schema = geom_schema(geomtype);

	f->geomtype = geomtype;
	lookup(&f->is_empty, schema, "st_isempty", geomtype, mcxt);
	lookup(&f->srid, schema, "st_srid", geomtype, mcxt);
	lookup(&f->type, schema, "geometrytype", geomtype, mcxt);
	lookup(&f->on_surface, schema, "st_pointonsurface", geomtype, mcxt);
	lookup(&f->x, schema, "st_x", geomtype, mcxt);
	lookup(&f->y, schema, "st_y", geomtype, mcxt);
	f->has_transform = false;
}

SyGeomFns *
sy_call_geom(FunctionCallInfo fcinfo, int argno)
{
	SyCallCache *c = sy_call_cache(fcinfo);

	if (c->geom == NULL)
	{
		SyGeomFns  *g = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(SyGeomFns));

		sy_geom_fns_init(g, get_fn_expr_argtype(fcinfo->flinfo, argno), fcinfo->flinfo->fn_mcxt);
		c->geom = g;
	}
	return c->geom;
}

void
sy_geom_fns_transform(SyGeomFns *f, MemoryContext mcxt)
{
	if (f->has_transform)
		return;
	lookup(&f->transform, geom_schema(f->geomtype), "st_transform", f->geomtype, mcxt);
	f->has_transform = true;
}

/*
 * ST_Transform(geom, target_srid) with synergy's own errors: PostGIS raises
 * internal errors (XX000: "Input geometry has unknown (0) SRID", "Invalid
 * reserved SRID", "Cannot find SRID ... in spatial_ref_sys") for what is a
 * bad argument.  The SRID of the input is checked first; any other internal
 * error of the transform is caught and raised again as 22023 with PostGIS's
 * message as the detail.  Other errors (a cancel, out of memory) pass as
 * they are.
 */
static Datum
transform(SyGeomFns *f, Datum geom, const char *fname, int64 row, int32 target_srid)
{
	MemoryContext mcxt = CurrentMemoryContext;
	int32		from = DatumGetInt32(FunctionCall1(&f->srid, geom));
	volatile Datum result = (Datum) 0;

	if (from == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: cannot transform a geometry without SRID to target_srid %d", fname, target_srid),
				 errdetail("Row " INT64_FORMAT " has SRID 0 (unknown coordinate system).", row),
				 errhint("Set the coordinate system of the geometries first, e.g. ST_SetSRID(geom, 4326), or leave target_srid NULL.")));
	PG_TRY();
	{
		/*
		 * PostGIS reads spatial_ref_sys with SQL whose operators resolve
		 * through the search_path: pin it, as the SQL functions do, so that
		 * an operator another role made in public cannot capture them.
		 */
		int			save_nestlevel = NewGUCNestLevel();

		(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
		result = FunctionCall2(&f->transform, geom, Int32GetDatum(target_srid));
		AtEOXact_GUC(true, save_nestlevel);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(mcxt);
		edata = CopyErrorData();
		if (edata->sqlerrcode != ERRCODE_INTERNAL_ERROR)
			PG_RE_THROW();
		FlushErrorState();
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: cannot transform row " INT64_FORMAT " from SRID %d to target_srid %d",
						fname, row, from, target_srid),
				 errdetail("PostGIS's ST_Transform: %s", edata->message),
				 errhint("target_srid must be an SRID of the table spatial_ref_sys (e.g. 4326, or a UTM zone such as 32650), and the geometries' SRID must be one too.")));
	}
	PG_END_TRY();
	return result;
}

bool
sy_geom_point(SyGeomFns *f, Datum geom, const char *fname, int64 row,
			  int32 target_srid, double *x, double *y, int32 *srid)
{
	text	   *type;

	/* detoasted once here, not in each of the calls below */
	geom = PointerGetDatum(PG_DETOAST_DATUM(geom));
	if (DatumGetBool(FunctionCall1(&f->is_empty, geom)))
		return false;
	if (target_srid != 0)
	{
		Assert(f->has_transform);
		geom = transform(f, geom, fname, row, target_srid);
	}
	*srid = DatumGetInt32(FunctionCall1(&f->srid, geom));
	type = DatumGetTextPP(FunctionCall1(&f->type, geom));
	if (!(VARSIZE_ANY_EXHDR(type) >= 5 &&
		  strncmp(VARDATA_ANY(type), "POINT", 5) == 0))
		geom = FunctionCall1(&f->on_surface, geom);
	*x = DatumGetFloat8(FunctionCall1(&f->x, geom));
	*y = DatumGetFloat8(FunctionCall1(&f->y, geom));
	if (!isfinite(*x) || !isfinite(*y))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: geometry coordinates must be finite", fname),
				 errdetail("Row " INT64_FORMAT " has the point (%g %g).", row, *x, *y),
				 errhint("Remove or repair geometries with NaN or infinite coordinates.")));
	return true;
}

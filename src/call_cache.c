/*
 * call_cache.c - what a SQL-callable function keeps between calls in one
 * query: one SyCallCache (sy_pg.h) in fn_extra, the only thing synergy
 * keeps there.
 */
#include "postgres.h"

#include "funcapi.h"
#include "nodes/primnodes.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "sy_pg.h"

SyCallCache *
sy_call_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(SyCallCache));
	return (SyCallCache *) fcinfo->flinfo->fn_extra;
}

const char *
sy_agg_name(FunctionCallInfo fcinfo, const char *fallback)
{
	SyCallCache *c = sy_call_cache(fcinfo);
	Aggref	   *aggref;
	char	   *name;

	/* looked up once per query and support function, not once per group */
	if (c->agg_name == NULL)
	{
		aggref = AggGetAggref(fcinfo);
		if (aggref == NULL || (name = get_func_name(aggref->aggfnoid)) == NULL)
			name = unconstify(char *, fallback);
		c->agg_name = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, name);
	}
	return c->agg_name;
}

TupleDesc
sy_result_desc(FunctionCallInfo fcinfo, const char *fname)
{
	SyCallCache *c = sy_call_cache(fcinfo);

	/* the row descriptor is looked up once per query, not once per row */
	if (c->result_desc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	tupdesc;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "%s: return type must be a row type", fname);
		c->result_desc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
	}
	return c->result_desc;
}

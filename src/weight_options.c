/*
 * weight_options.c - weight_options(directions, shift, missing) and the
 * reading of its value by the weights aggregates (sy_weight_options.h).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "executor/executor.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "sy_weight_options.h"

void
sy_weight_options_read(Datum d, bool isnull, const char *fname, SyWeightOptions *o)
{
	HeapTupleHeader t;
	bool		null;
	Datum		v;
	SyWhere		w = {fname, "shift", 0};

	o->directions = NULL;
	o->shift_given = false;
	o->shift = 0.0;
	o->missing = SY_MISSING_ERROR;
	if (isnull)
		return;
	t = DatumGetHeapTupleHeader(d);
	v = GetAttributeByNum(t, 1, &null);
	if (!null)
		o->directions = DatumGetArrayTypeP(v);
	v = GetAttributeByNum(t, 2, &null);
	o->shift_given = !null;
	o->shift = sy_shift(v, null, w);
	v = GetAttributeByNum(t, 3, &null);
	if (!null)
		o->missing = (sy_missing) sy_choice(DatumGetTextPP(v), &sy_missing_choices, fname);
}

struct varlena *
sy_weight_options_keep(Datum d, bool isnull)
{
	if (isnull)
		return NULL;
	return PG_DETOAST_DATUM_COPY(d);
}

bool
sy_weight_options_same_bytes(Datum d, bool isnull, const struct varlena *kept)
{
	struct varlena *v;

	if (isnull || kept == NULL)
		return isnull && kept == NULL;
	v = PG_DETOAST_DATUM(d);
	return VARSIZE(v) == VARSIZE(kept) && memcmp(v, kept, VARSIZE(v)) == 0;
}

void
sy_missing_no_median(const char *fname, sy_missing policy)
{
	if (policy == SY_MISSING_MEDIAN)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s: missing => 'median' needs the rows, which this aggregate does not keep", fname),
				 errdetail("It keeps O(m) sums per group; an indicator's median is not one of them."),
				 errhint("Use weight_options(missing => 'mean') or 'skip' here, or entropy_weights without bounds, which keeps the rows.")));
}

void
sy_missing_all_gaps(const char *fname, int col, sy_missing policy)
{
	/* 22004, as the window functions' sy_missing_undefined: the same gap */
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s: indicator %d has no value to impute from", fname, col + 1),
			 errdetail("Every row of the group has NULL for indicator %d, so its %s is undefined.",
					   col + 1, policy == SY_MISSING_MEDIAN ? "median" : "mean"),
			 errhint("Leave the indicator out of x, or use weight_options(missing => 'skip').")));
}

void
sy_weight_option_unused(const char *fname, const char *option, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s does not take %s", fname, option),
			 errdetail("%s", why),
			 errhint("Leave %s NULL in weight_options(...).", option)));
}

/*
 * weight_options(directions int[], shift float8, missing text)
 *   RETURNS weight_options
 * Checks each option as far as it can without the data (directions +-1,
 * shift finite >= 0, missing a policy) and spells missing in lower case.
 */
PG_FUNCTION_INFO_V1(weight_options);
Datum
weight_options(PG_FUNCTION_ARGS)
{
	const char *fname = "weight_options";
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {true, true, false};
	SyWhere		w = {fname, "directions", 0};
	sy_missing	policy = SY_MISSING_ERROR;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "weight_options: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	if (!PG_ARGISNULL(0))
	{
		ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
		int			m = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));

		/* length is checked against x by the aggregate; values here */
		(void) sy_directions(a, w, m);
		values[0] = PointerGetDatum(a);
		nulls[0] = false;
	}
	if (!PG_ARGISNULL(1))
	{
		w.argname = "shift";
		values[1] = Float8GetDatum(sy_shift(PG_GETARG_DATUM(1), false, w));
		nulls[1] = false;
	}
	if (!PG_ARGISNULL(2))
		policy = (sy_missing) sy_choice(PG_GETARG_TEXT_PP(2), &sy_missing_choices, fname);
	values[2] = CStringGetTextDatum(sy_missing_names[policy]);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

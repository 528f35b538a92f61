/*
 * indicator_vector.c - the aggregate indicator_vector(code, value, codes):
 * a unit's indicator vector from long rows (one per indicator), in the
 * order of codes, a missing indicator a NULL element.
 *
 * The state is a plain float8[] of 1 + 2m elements (no serialization
 * needed for parallel plans): [0] a 52-bit fingerprint of codes (an exact
 * integer, so that every row of the group can be checked to pass the same
 * codes), [1 .. m] the values, [m+1 .. 2m] per indicator 0 (no row yet),
 * 1 (a row with a NULL value) or 2 (a row with a value).  Codes are matched
 * exactly, byte for byte: they are data.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "sy_pg.h"

#define FNAME "indicator_vector"
#define FINGERPRINT_MASK ((UINT64CONST(1) << 52) - 1)

/* One code of the cached codes array, sorted by its bytes for lookups. */
typedef struct CodeEntry
{
	const char *s;
	int			len;
	int			pos;			/* 0-based position in codes */
} CodeEntry;

/* The parsed codes array of the last row, in fn_mcxt (SyCallCache.codes). */
typedef struct SyCodeIndex
{
	struct varlena *raw;		/* the detoasted array, to recognise it */
	int			m;
	double		fingerprint;
	CodeEntry  *sorted;
} SyCodeIndex;

static int
entry_cmp(const void *a, const void *b)
{
	const CodeEntry *x = a,
			   *y = b;
	int			c = memcmp(x->s, y->s, Min(x->len, y->len));

	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

static bool
same_bytes(const struct varlena *a, const struct varlena *b)
{
	return VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0;
}

/* The index of codes, parsed and checked once per distinct codes value. */
static SyCodeIndex *
code_index(FunctionCallInfo fcinfo, Datum codes_d)
{
	SyCallCache *cc = sy_call_cache(fcinfo);
	struct varlena *raw = PG_DETOAST_DATUM_PACKED(codes_d);
	SyCodeIndex *ix = cc->codes;
	MemoryContext old;
	ArrayType  *a;
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ix != NULL && same_bytes(ix->raw, raw))
		return ix;

	a = DatumGetArrayTypeP(codes_d);
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s: codes must be a one-dimensional array", FNAME),
				 errdetail("The array has %d dimensions.", ARR_NDIM(a)),
				 errhint("Pass the indicator codes in the order the vector should have, e.g. ARRAY['EC1', 'EC2', 'EC3'].")));
	n = ARR_NDIM(a) == 0 ? 0 : ARR_DIMS(a)[0];
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s: codes must not be empty", FNAME),
				 errdetail("An empty array was given."),
				 errhint("Pass the indicator codes in the order the vector should have, e.g. ARRAY['EC1', 'EC2', 'EC3'].")));
	if (n > SY_MAX_INDICATORS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: codes has too many elements", FNAME),
				 errdetail("It has %d elements; the limit is %d.", n, SY_MAX_INDICATORS),
				 errhint("Split the indicators into subsystems and evaluate each separately.")));

	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	if (ix != NULL)
	{
		/* a new codes value (another group's): drop the old index */
		for (int j = 0; j < ix->m; j++)
			pfree(unconstify(char *, ix->sorted[j].s));
		pfree(ix->sorted);
		pfree(ix->raw);
	}
	else
		ix = cc->codes = palloc0(sizeof(SyCodeIndex));
	ix->m = 0;
	ix->raw = palloc(VARSIZE_ANY(raw));
	memcpy(ix->raw, raw, VARSIZE_ANY(raw));
	ix->sorted = palloc(sizeof(CodeEntry) * n);
	MemoryContextSwitchTo(old);

	deconstruct_array(a, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (int j = 0; j < n; j++)
	{
		text	   *t;

		if (nulls[j])
		{
			/* the error ends the query, and fn_mcxt with the cache */
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: codes contains a NULL element", FNAME),
					 errdetail("Element %d is NULL.", j + 1),
					 errhint("Give every indicator a code.")));
		}
		t = DatumGetTextPP(elems[j]);
		ix->sorted[j].len = VARSIZE_ANY_EXHDR(t);
		ix->sorted[j].s = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, ix->sorted[j].len + 1);
		memcpy(unconstify(char *, ix->sorted[j].s), VARDATA_ANY(t), ix->sorted[j].len);
		unconstify(char *, ix->sorted[j].s)[ix->sorted[j].len] = '\0';
		ix->sorted[j].pos = j;
		ix->m = j + 1;
	}
	qsort(ix->sorted, n, sizeof(CodeEntry), entry_cmp);
	for (int j = 1; j < n; j++)
		if (entry_cmp(&ix->sorted[j - 1], &ix->sorted[j]) == 0)
		{
			char	   *dup = pstrdup(ix->sorted[j].s);
			int			p1 = Min(ix->sorted[j - 1].pos, ix->sorted[j].pos) + 1,
						p2 = Max(ix->sorted[j - 1].pos, ix->sorted[j].pos) + 1;

			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: codes lists \"%s\" twice", FNAME, dup),
					 errdetail("Elements %d and %d are both \"%s\".", p1, p2, dup),
					 errhint("List each indicator code once.")));
		}
	ix->fingerprint = (double) (hash_bytes_extended((const unsigned char *) VARDATA_ANY(raw),
													VARSIZE_ANY_EXHDR(raw), 0) & FINGERPRINT_MASK);
	return ix;
}

/* Position (0-based) of code in the index, or -1. */
static int
code_position(const SyCodeIndex *ix, text *code)
{
	CodeEntry	key;
	CodeEntry  *hit;

	key.s = VARDATA_ANY(code);
	key.len = VARSIZE_ANY_EXHDR(code);
	hit = bsearch(&key, ix->sorted, ix->m, sizeof(CodeEntry), entry_cmp);
	return hit ? hit->pos : -1;
}

/* The state's m, after checking its shape and contents (22P03 if broken). */
static int
state_m(ArrayType *s)
{
	int			len;
	const double *v;
	int			m;

	if (ARR_ELEMTYPE(s) != FLOAT8OID || ARR_NDIM(s) != 1 || ARR_HASNULL(s) ||
		(len = ARR_DIMS(s)[0]) < 3 || len % 2 != 1 || (len - 1) / 2 > SY_MAX_INDICATORS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("%s: invalid state", FNAME),
				 errdetail("The state must be a float8[] of 1 + 2m elements without NULLs."),
				 errhint("Pass only states made by indicator_vector's own transition function.")));
	v = (const double *) ARR_DATA_PTR(s);
	m = (len - 1) / 2;
	if (!(v[0] >= 0.0 && v[0] <= (double) FINGERPRINT_MASK && v[0] == floor(v[0])))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("%s: invalid state", FNAME),
				 errdetail("Its codes fingerprint is %g.", v[0]),
				 errhint("Pass only states made by indicator_vector's own transition function.")));
	for (int j = 0; j < m; j++)
	{
		double		f = v[1 + m + j];

		if (f != 0.0 && f != 1.0 && f != 2.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("%s: invalid state", FNAME),
					 errdetail("The flag of indicator %d is %g.", j + 1, f),
					 errhint("Pass only states made by indicator_vector's own transition function.")));
	}
	return m;
}

/* code NULL: only the position is known (merging partial states) */
static void
duplicate_code(const char *code, int pos)
{
	ereport(ERROR,
			(errcode(ERRCODE_CARDINALITY_VIOLATION),
			 code ? errmsg("%s: indicator \"%s\" occurs more than once in the group", FNAME, code)
			 : errmsg("%s: indicator %d of codes occurs more than once in the group", FNAME, pos + 1),
			 code ? errdetail("Two rows of the group have code \"%s\" (indicator %d of codes).", code, pos + 1)
			 : errdetail("Two partial states of the group both have a row for indicator %d.", pos + 1),
			 errhint("Group by every key of a unit (e.g. GROUP BY region, year), or reduce the duplicates first (e.g. with DISTINCT ON or avg).")));
}

PG_FUNCTION_INFO_V1(indicator_vector_transfn);
Datum
indicator_vector_transfn(PG_FUNCTION_ARGS)
{
	SyCodeIndex *ix;
	ArrayType  *state;
	double	   *v;
	text	   *code;
	int			m,
				j;

	bool		in_agg = AggCheckCallContext(fcinfo, NULL);

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: codes must not be NULL", FNAME),
				 errhint("Pass the indicator codes in the order the vector should have, e.g. ARRAY['EC1', 'EC2', 'EC3'].")));
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: code must not be NULL", FNAME),
				 errdetail("A row of the group has a NULL indicator code."),
				 errhint("Leave rows without an indicator code out (WHERE code IS NOT NULL).")));
	ix = code_index(fcinfo, PG_GETARG_DATUM(3));
	m = ix->m;
	code = PG_GETARG_TEXT_PP(1);
	j = code_position(ix, code);
	if (j < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: code \"%s\" is not in codes", FNAME, text_to_cstring(code)),
				 errdetail("codes lists %d indicators; \"%s\" is none of them (codes are matched exactly, in case too).",
						   m, text_to_cstring(code)),
				 errhint("Add the code to codes, or leave its rows out (e.g. WHERE code = ANY(codes)).")));

	if (PG_ARGISNULL(0))
	{
		/* the first row: a new state (nodeAgg copies it into aggcxt) */
		Datum	   *d = palloc(sizeof(Datum) * (1 + 2 * m));

		d[0] = Float8GetDatum(ix->fingerprint);
		for (int k = 0; k < m; k++)
		{
			d[1 + k] = Float8GetDatum(0.0);
			d[1 + m + k] = Float8GetDatum(0.0);
		}
		state = construct_array(d, 1 + 2 * m, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	}
	else
	{
		/* called as an aggregate the state is ours to change in place;
		 * called directly, it is the caller's: change a copy */
		state = in_agg ? PG_GETARG_ARRAYTYPE_P(0) : PG_GETARG_ARRAYTYPE_P_COPY(0);
		if (state_m(state) != m || ((const double *) ARR_DATA_PTR(state))[0] != ix->fingerprint)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: codes must be the same in every row of the group", FNAME),
					 errdetail("A row passed other codes than the group's first row."),
					 errhint("Pass a constant (e.g. ARRAY['EC1', 'EC2']) or a value computed once in a subquery.")));
	}
	v = (double *) ARR_DATA_PTR(state);
	if (v[1 + m + j] != 0.0)
		duplicate_code(text_to_cstring(code), j);
	if (PG_ARGISNULL(2))
		v[1 + m + j] = 1.0;
	else
	{
		v[1 + j] = PG_GETARG_FLOAT8(2);
		v[1 + m + j] = 2.0;
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

PG_FUNCTION_INFO_V1(indicator_vector_combinefn);
Datum
indicator_vector_combinefn(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *b = PG_GETARG_ARRAYTYPE_P(1);
	int			m = state_m(a);
	double	   *va;
	const double *vb;

	if (!AggCheckCallContext(fcinfo, NULL))
		a = PG_GETARG_ARRAYTYPE_P_COPY(0);	/* not ours to change */
	va = (double *) ARR_DATA_PTR(a);
	vb = (const double *) ARR_DATA_PTR(b);
	if (state_m(b) != m || va[0] != vb[0])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: codes must be the same in every row of the group", FNAME),
				 errdetail("Two partial states of the group were built with other codes."),
				 errhint("Pass a constant (e.g. ARRAY['EC1', 'EC2']) or a value computed once in a subquery.")));
	for (int j = 0; j < m; j++)
	{
		if (vb[1 + m + j] == 0.0)
			continue;
		if (va[1 + m + j] != 0.0)
			duplicate_code(NULL, j);
		va[1 + j] = vb[1 + j];
		va[1 + m + j] = vb[1 + m + j];
	}
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(indicator_vector_finalfn);
Datum
indicator_vector_finalfn(PG_FUNCTION_ARGS)
{
	ArrayType  *s = PG_GETARG_ARRAYTYPE_P(0);
	int			m = state_m(s);
	const double *v = (const double *) ARR_DATA_PTR(s);
	Datum	   *d = palloc(sizeof(Datum) * m);
	bool	   *nulls = palloc(sizeof(bool) * m);
	int			dims[1] = {m};
	int			lbs[1] = {1};

	for (int j = 0; j < m; j++)
	{
		nulls[j] = v[1 + m + j] != 2.0;
		d[j] = Float8GetDatum(nulls[j] ? 0.0 : v[1 + j]);
	}
	PG_RETURN_ARRAYTYPE_P(construct_md_array(d, nulls, 1, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * args.c - validation of array and option arguments.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "sy_pg.h"

const char *
sy_row_suffix(int64 row)
{
	if (row <= 0)
		return "";
	return psprintf(" in row " INT64_FORMAT " of the partition", row);
}

int64
sy_first_null(ArrayType *a, int64 n)
{
	bits8	   *bitmap = ARR_NULLBITMAP(a);

	if (bitmap == NULL)
		return 0;
	for (int64 i = 0; i < n; i++)
		if (sy_elem_is_null(bitmap, i))
			return i + 1;
	return 0;
}

/* Arrays of indicators: one element per indicator. */
static const SyVectorKind indicators = {
	SY_MAX_INDICATORS, false,
	"Pass one element per indicator, e.g. ARRAY[gdp, income, ...].",
	"Split the indicators into subsystems and evaluate each separately.",
	NULL,						/* null_element() chooses by argument */
	NULL
};

static void
check_shape(ArrayType *a, SyWhere w, Oid elemtype, const SyVectorKind *kind, int *n)
{
	if (ARR_ELEMTYPE(a) != elemtype)
		elog(ERROR, "%s: %s has element type %u, expected %u",
			 w.fname, w.argname, ARR_ELEMTYPE(a), elemtype);
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s: %s must be a one-dimensional array", w.fname, w.argname),
				 errdetail("The array has %d dimensions%s.", ARR_NDIM(a), sy_row_suffix(w.row)),
				 errhint("%s", kind->shape_hint)));
	*n = ARR_NDIM(a) == 0 ? 0 : ARR_DIMS(a)[0];
	if (*n == 0 && !kind->allow_empty)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s: %s must not be empty", w.fname, w.argname),
				 errdetail("An empty array was given%s.", sy_row_suffix(w.row)),
				 errhint("Pass one element per indicator; leave rows without data out, or pass NULL.")));
	if (*n > kind->max_len)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: %s has too many elements", w.fname, w.argname),
				 errdetail("It has %d elements; the limit is %d.", *n, kind->max_len),
				 errhint("%s", kind->long_hint)));
}

static void
length_mismatch(SyWhere w, int n, int m)
{
	ereport(ERROR,
			(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
			 errmsg("%s: %s has %d elements but there are %d indicators",
					w.fname, w.argname, n, m),
			 errdetail("The first row fixes the number of indicators at %d%s.",
					   m, w.row > 0 ? psprintf("; row " INT64_FORMAT " of the partition differs", w.row) : ""),
			 strcmp(w.argname, "x") == 0
			 ? errhint("Every row of a group must carry the same indicators in the same order; "
					   "from long rows, build x with indicator_vector(code, value, codes), "
					   "which leaves a NULL element where a row is missing, and choose missing => 'skip', 'mean' or 'median'.")
			 : errhint("Every row of a group must carry the same indicators in the same order.")));
}

static void
null_element(SyWhere w, const SyVectorKind *kind, int pos)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s: %s contains a NULL element", w.fname, w.argname),
			 errdetail("Element %d is NULL%s.", pos, sy_row_suffix(w.row)),
			 kind->null_hint ? errhint("%s", kind->null_hint)
			 : strcmp(w.argname, "x") == 0
			 ? errhint("%s", SY_MISSING_HINT)
			 : errhint("Give every indicator a value.")));
}

const double *
sy_float8_vector(ArrayType *a, SyWhere w, const SyVectorKind *kind, int expect_m,
				 bool finite, int *m)
{
	const double *v;
	int			n;
	int			pos;

	check_shape(a, w, FLOAT8OID, kind, &n);
	if (expect_m >= 0 && n != expect_m)
		length_mismatch(w, n, expect_m);
	if ((pos = (int) sy_first_null(a, n)) != 0)
		null_element(w, kind, pos);
	v = (const double *) ARR_DATA_PTR(a);
	for (int i = 0; finite && i < n; i++)
	{
		if (unlikely(!isfinite(v[i])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: %s contains a non-finite value", w.fname, w.argname),
					 errdetail("Element %d is %s%s.", i + 1,
							   isnan(v[i]) ? "NaN" : (v[i] > 0 ? "Infinity" : "-Infinity"),
							   sy_row_suffix(w.row)),
					 errhint("%s", kind->finite_hint ? kind->finite_hint :
							 "Replace NaN and infinite values (e.g. with NULLIF or CASE) and fill the gaps before evaluating.")));
	}
	*m = n;
	return v;
}

const double *
sy_indicator_shape(ArrayType *a, SyWhere w, int expect_m, int *m)
{
	return sy_float8_vector(a, w, &indicators, expect_m, false, m);
}

const double *
sy_indicator_row(ArrayType *a, SyWhere w, int expect_m, int *m)
{
	return sy_float8_vector(a, w, &indicators, expect_m, true, m);
}

static const char *const missing_names[] = {"error", "skip", "mean", "median"};
const SyChoices sy_missing_choices = {
	"missing", missing_names, lengthof(missing_names),
	"Use 'error' (the default), 'skip', 'mean' or 'median'."
};

int
sy_indicator_row_room(ArrayType *a)
{
	int			n = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));

	return Max(Min(n, indicators.max_len), 1);
}

int
sy_indicator_row_gaps(ArrayType *a, SyWhere w, int expect_m, sy_missing policy,
					  double *out, int *m)
{
	const SyVectorKind *kind = &indicators;
	int			n;
	int			gaps = 0;
	const double *v;
	const bits8 *bitmap;

	check_shape(a, w, FLOAT8OID, kind, &n);
	if (expect_m >= 0 && n != expect_m)
		length_mismatch(w, n, expect_m);
	if (!ARR_HASNULL(a))
	{
		v = sy_indicator_row(a, w, expect_m, m);
		memcpy(out, v, sizeof(double) * n);
		return 0;
	}
	if (policy == SY_MISSING_ERROR)
		null_element(w, kind, (int) sy_first_null(a, n));
	/* NULL elements take no space in the data area: walk it beside the bitmap */
	bitmap = ARR_NULLBITMAP(a);
	v = (const double *) ARR_DATA_PTR(a);
	for (int i = 0; i < n; i++)
	{
		if (sy_elem_is_null(bitmap, i))
		{
			out[i] = get_float8_nan();
			gaps++;
			continue;
		}
		if (unlikely(!isfinite(*v)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: %s contains a non-finite value", w.fname, w.argname),
					 errdetail("Element %d is %s%s.", i + 1,
							   isnan(*v) ? "NaN" : (*v > 0 ? "Infinity" : "-Infinity"),
							   sy_row_suffix(w.row)),
					 errhint("Write a missing value as NULL, not NaN; replace infinite values.")));
		out[i] = *v++;
	}
	*m = n;
	return gaps;
}

int *
sy_directions(ArrayType *a, SyWhere w, int m)
{
	const int32 *v;
	int		   *dir;
	int			n;
	int			pos;

	if (a == NULL)
		return NULL;
	check_shape(a, w, INT4OID, &indicators, &n);
	if (n != m)
		length_mismatch(w, n, m);
	if ((pos = (int) sy_first_null(a, n)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: directions contains a NULL element", w.fname),
				 errdetail("Element %d is NULL%s.", pos, sy_row_suffix(w.row)),
				 errhint("Use 1 for a benefit indicator and -1 for a cost indicator; pass NULL for all benefit.")));
	v = (const int32 *) ARR_DATA_PTR(a);
	dir = palloc(sizeof(int) * m);
	for (int j = 0; j < m; j++)
	{
		if (v[j] != 1 && v[j] != -1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: directions must be 1 (benefit) or -1 (cost)", w.fname),
					 errdetail("Element %d is %d%s.", j + 1, v[j], sy_row_suffix(w.row)),
					 errhint("Use 1 where larger is better and -1 where smaller is better.")));
		dir[j] = v[j];
	}
	return dir;
}

bool
sy_same_directions(const int *a, const int *b, int m)
{
	for (int j = 0; j < m; j++)
		if (sy_dir(a, j) != sy_dir(b, j))
			return false;
	return true;
}

double *
sy_weights(ArrayType *a, SyWhere w, int m)
{
	return sy_weights_hinted(a, w, m,
							 "Weights are importance shares; to reverse an indicator, set its direction to -1.",
							 "Give at least one indicator a positive weight, or pass NULL for entropy weights.");
}

/* sy_weights with the hints of the caller (what NULL weights mean there) */
double *
sy_weights_hinted(ArrayType *a, SyWhere w, int m, const char *negative_hint,
				  const char *zero_hint)
{
	const double *v;
	double	   *out;
	int			n;

	w.argname = "weights";
	v = sy_indicator_row(a, w, -1, &n);
	if (n != m)
		length_mismatch(w, n, m);
	for (int j = 0; j < m; j++)
	{
		if (v[j] < 0.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: weights must not be negative", w.fname),
					 errdetail("Element %d is %g%s.", j + 1, v[j], sy_row_suffix(w.row)),
					 errhint("%s", negative_hint)));
	}
	out = palloc(sizeof(double) * m);
	if (sy_rescale_weights(v, m, out) != SY_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: weights must not all be zero", w.fname),
				 errdetail("Every one of the %d weights is 0%s.", m, sy_row_suffix(w.row)),
				 errhint("%s", zero_hint)));
	return out;
}

double
sy_shift(Datum d, bool isnull, SyWhere w)
{
	double		s;

	if (isnull)
		return 0.0;
	s = DatumGetFloat8(d);
	if (!isfinite(s) || s < 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: shift must be finite and not negative", w.fname),
				 errdetail("shift is %g.", s),
				 errhint("Use 0 (the default) or a small positive value such as 0.0001 or 0.01.")));
	return s;
}

int
sy_choice_cstr(const char *s, const SyChoices *c, const char *fname)
{
	StringInfoData list;

	for (int v = 0; v < c->n; v++)
		if (pg_strcasecmp(s, c->names[v]) == 0)
			return v;
	initStringInfo(&list);
	for (int v = 0; v < c->n; v++)
		appendStringInfo(&list, "%s'%s'",
						 v == 0 ? "" : (v == c->n - 1 ? " and " : ", "), c->names[v]);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: unknown %s \"%s\"", fname, c->what, s),
			 errdetail("%s is \"%s\"; the accepted values are %s, in any case.",
					   c->what, s, list.data),
			 errhint("%s", c->hint)));
	pg_unreachable();
}

int
sy_choice(text *t, const SyChoices *c, const char *fname)
{
	return sy_choice_cstr(text_to_cstring(t), c, fname);
}

static const char *const normalization_names[] = {"minmax", "vector"};
const SyChoices sy_normalizations = {
	"normalization", normalization_names, lengthof(normalization_names),
	"Use 'minmax' (the default) or 'vector'."
};

static const char *const edges_names[] = {"none", "nearest", "linear"};
const SyChoices sy_edges_choices = {
	"edges", edges_names, lengthof(edges_names),
	"Use 'none' (the default), 'nearest' or 'linear'."
};

static const char *const variant_names[] = {"classic", "wang2021"};
const SyChoices sy_ccd_variants = {
	"variant", variant_names, lengthof(variant_names),
	"Use 'classic' (the default) or 'wang2021'."
};

void
sy_must_be_constant(bool same, SyWhere w)
{
	if (!same)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s must be the same in every row", w.fname, w.argname),
				 w.row > 0
				 ? errdetail("It differs from the first row's value%s.", sy_row_suffix(w.row))
				 : errdetail("Rows of the group passed different values."),
				 errhint("Pass a constant (e.g. %s) or a value computed once in a subquery.",
						 strcmp(w.argname, "directions") == 0 ? "ARRAY[1, -1, 1]" :
						 strcmp(w.argname, "weights") == 0 ? "ARRAY[0.5, 0.3, 0.2]" :
						 strcmp(w.argname, "shift") == 0 ? "0.01" : "a literal")));
}

void
sy_check_ranges(const char *fname, int m, const double *lo, const double *hi)
{
	for (int j = 0; j < m; j++)
	{
		if (unlikely(hi[j] >= lo[j] && !isfinite(hi[j] - lo[j])))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: the range of indicator %d overflows float8", fname, j + 1),
					 errdetail("Its values run from %g to %g.", lo[j], hi[j]),
					 errhint("Rescale the indicator, e.g. express it in thousands or millions.")));
		/* scores divide by the range: its reciprocal must be finite too */
		if (unlikely(hi[j] > lo[j] && !isfinite(1.0 / (hi[j] - lo[j]))))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s: the range of indicator %d is too small for float8", fname, j + 1),
					 errdetail("Its values run from %g to %g.", lo[j], hi[j]),
					 errhint("Rescale the indicator, e.g. express it in thousandths or millionths.")));
	}
}

void
sy_check_finite_stat(const char *fname, int j, double stat, double lo, double hi)
{
	if (unlikely(hi > lo && stat == 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: indicator %d is too small in magnitude for its statistics", fname, j + 1),
				 errdetail("Its values run from %g to %g; their squares underflow float8.", lo, hi),
				 errhint("Rescale the indicator, e.g. express it in thousandths or millionths.")));
	if (unlikely(!isfinite(stat)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: indicator %d is too large in magnitude for its statistics", fname, j + 1),
				 errdetail("Its values run from %g to %g; their squares overflow float8.", lo, hi),
				 errhint("Rescale the indicator, e.g. express it in thousands or millions.")));
}

ArrayType *
sy_float8_array(const double *v, int m)
{
	Datum	   *d = palloc(sizeof(Datum) * m);
	bool	   *nulls = palloc(sizeof(bool) * m);
	int			dims[1] = {m};
	int			lbs[1] = {1};

	for (int j = 0; j < m; j++)
	{
		nulls[j] = isnan(v[j]);
		d[j] = Float8GetDatum(nulls[j] ? 0.0 : v[j]);
	}
	return construct_md_array(d, nulls, 1, dims, lbs, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

void
sy_missing_undefined(const char *fname, int col, sy_missing policy, const char *group)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s: indicator %d has no observed value to impute from", fname, col + 1),
			 errdetail("Element %d is NULL in every row of the %s, so its %s is undefined.",
					   col + 1, group, sy_missing_names[policy]),
			 errhint("Leave the indicator out of this %s's vectors, or give it a value in at least one row.",
					 group)));
}

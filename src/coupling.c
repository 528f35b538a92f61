/*
 * coupling.c - coupling coordination degree of the subsystem scores of one
 * row (an array), its grades, the relative development degree and the
 * obstacle shares of a row.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "sy_coupling.h"

/* Scores within this distance outside [0, 1] are rounding, and are clamped. */
#define UNIT_SLACK 1e-12

double
sy_unit_score(double u, SyWhere w, int pos)
{
	if (!(u >= -UNIT_SLACK && u <= 1.0 + UNIT_SLACK))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s must be in [0, 1]", w.fname, w.argname),
				 pos > 0 ? errdetail("Element %d is %g.", pos, u)
				 : errdetail("A row has %s = %g.", w.argname, u),
				 errhint("Use scores from topsis(), composite_index() or minmax_normalize(), or rescale to [0, 1] first.")));
	return u < 0.0 ? 0.0 : (u > 1.0 ? 1.0 : u);
}

sy_missing
sy_ccd_missing(text *t, const char *fname)
{
	sy_missing	policy;

	if (t == NULL)
		return SY_MISSING_ERROR;
	policy = (sy_missing) sy_choice(t, &sy_missing_choices, fname);
	if (policy == SY_MISSING_MEAN || policy == SY_MISSING_MEDIAN)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s: missing => '%s' is not supported for subsystem scores", fname,
						sy_missing_names[policy]),
				 errdetail("Coupling measures how the subsystem scores of one unit move together; "
						   "a score imputed from other units or subsystems would be counted as coupling."),
				 errhint("Use missing => 'skip' (the result is NULL for that unit), or impute the indicators "
						 "before scoring, e.g. topsis(..., missing => 'mean') or weight_options(missing => 'mean').")));
	return policy;
}

void
sy_ccd_null_score(const char *fname, int pos, bool aggregate)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s: a subsystem score is NULL", fname),
			 pos > 0 ? errdetail("Element %d of u is NULL.", pos)
			 : errdetail("A row of the group has u = NULL."),
			 aggregate
			 ? errhint("Pass 'skip' as the fourth argument, coupling_coordination(u, weight, variant, 'skip'), "
					   "to get NULL for a group with a missing score, or leave the row out.")
			 : errhint("Pass %s(u, missing => 'skip') to get NULL for a unit with a missing "
					   "score; C and D over fewer subsystems are not comparable across units.",
					   fname)));
}

Datum
sy_ccd_datum(FunctionCallInfo fcinfo, double c, double t, double d)
{
	TupleDesc	tupdesc = sy_result_desc(fcinfo, "coupling_coordination");
	Datum		values[3];
	bool		nulls[3];
	double		v[3] = {c, t, d};

	for (int k = 0; k < 3; k++)
	{
		nulls[k] = isnan(v[k]);
		values[k] = Float8GetDatum(nulls[k] ? 0.0 : v[k]);
	}
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/*
 * The arguments (u, weights, variant [, missing]) of the array forms; false
 * if u is NULL, or has a NULL element under missing => 'skip'.  missing_arg
 * is the policy's argument (0.3.0) when the call has it.
 */
static bool
ccd_of_array(FunctionCallInfo fcinfo, const char *fname, int weights_arg, int variant_arg,
			 int missing_arg, double *c, double *t, double *d)
{
	SyWhere		w = {fname, "u", 0};
	const double *raw;
	double		small[2 * 32];	/* scores and work space of up to 32 systems */
	double	   *u,
			   *wt = NULL;
	int			n;
	int			pos;
	sy_ccd_variant variant = SY_CCD_CLASSIC;
	sy_missing	missing = SY_MISSING_ERROR;
	ArrayType  *uarr;

	if (PG_NARGS() > missing_arg && !PG_ARGISNULL(missing_arg))
		missing = sy_ccd_missing(PG_GETARG_TEXT_PP(missing_arg), fname);
	if (PG_ARGISNULL(0))
		return false;
	uarr = PG_GETARG_ARRAYTYPE_P(0);
	if (ARR_NDIM(uarr) == 1 && ARR_HASNULL(uarr) &&
		(pos = (int) sy_first_null(uarr, ARR_DIMS(uarr)[0])) != 0)
	{
		if (missing == SY_MISSING_SKIP)
			return false;
		sy_ccd_null_score(fname, pos, false);
	}
	raw = sy_indicator_row(uarr, w, -1, &n);
	u = n <= 32 ? small : palloc(sizeof(double) * 2 * n);
	for (int i = 0; i < n; i++)
		u[i] = sy_unit_score(raw[i], w, i + 1);
	if (weights_arg >= 0 && !PG_ARGISNULL(weights_arg))
		wt = sy_weights_hinted(PG_GETARG_ARRAYTYPE_P(weights_arg), w, n,
							   "Weights are the subsystems' shares in T: give each 0 or more.",
							   "Give at least one subsystem a positive weight, or pass NULL for equal weights.");
	if (!PG_ARGISNULL(variant_arg))
		variant = (sy_ccd_variant) sy_choice(PG_GETARG_TEXT_PP(variant_arg), &sy_ccd_variants, fname);
	sy_coupling(u, wt, n, variant, u + n, c, t, d);
	return true;
}

/* coupling_coordination(u float8[], weights float8[], variant text [, missing text]) -> ccd */
PG_FUNCTION_INFO_V1(coupling_coordination_array);
Datum
coupling_coordination_array(PG_FUNCTION_ARGS)
{
	double		c,
				t,
				d;

	if (!ccd_of_array(fcinfo, "coupling_coordination", 1, 2, 3, &c, &t, &d))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(sy_ccd_datum(fcinfo, c, t, d));
}

/* coupling_degree(u float8[], variant text [, missing text]) -> C */
PG_FUNCTION_INFO_V1(coupling_degree_array);
Datum
coupling_degree_array(PG_FUNCTION_ARGS)
{
	double		c,
				t,
				d;

	if (!ccd_of_array(fcinfo, "coupling_degree", -1, 1, 2, &c, &t, &d) || isnan(c))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(c);
}

/* coordination_degree(u float8[], weights float8[], variant text [, missing text]) -> D */
PG_FUNCTION_INFO_V1(coordination_degree_array);
Datum
coordination_degree_array(PG_FUNCTION_ARGS)
{
	double		c,
				t,
				d;

	if (!ccd_of_array(fcinfo, "coordination_degree", 1, 2, 3, &c, &t, &d) || isnan(d))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(d);
}

/* ---- labels in the database's encoding ---- */

/*
 * The Chinese labels are written here in UTF-8 (and nowhere in the SQL
 * scripts, which stay ASCII so that they install in every server encoding).
 * sy_label returns one as text in the database's encoding:
 *   UTF8          as written;
 *   SQL_ASCII     as written: the server converts nothing in a SQL_ASCII
 *                 database, so the bytes are UTF-8 whatever client_encoding
 *                 says (the same as any UTF-8 literal a client stores there);
 *   EUC_CN, ...   converted by the server's own conversion, every character
 *                 or none: a label the encoding cannot hold in full raises
 *                 22P05 with a hint, never a part of it or mojibake;
 *   MULE_INTERNAL through EUC_CN (PostgreSQL has no UTF8 -> MULE_INTERNAL
 *                 conversion; every label character is in GB 2312).
 * The result depends on the database only, so the functions stay IMMUTABLE.
 */

/* Convert src (UTF-8 or EUC_CN) with the default conversion; NULL if no
 * conversion exists or a character has no equivalent. */
static char *
convert_all_or_nothing(const char *src, int src_encoding, int dest_encoding)
{
	Oid			proc = FindDefaultConversionProc(src_encoding, dest_encoding);
	int			len = (int) strlen(src);
	int			destlen = (len + 1) * MAX_CONVERSION_GROWTH + 1;
	unsigned char *dest;
	int			done;

	if (!OidIsValid(proc))
		return NULL;
	dest = palloc(destlen);
	done = pg_do_encoding_conversion_buf(proc, src_encoding, dest_encoding,
										 (unsigned char *) unconstify(char *, src), len,
										 dest, destlen, true);
	if (done != len)
	{
		pfree(dest);
		return NULL;
	}
	return (char *) dest;
}

static text *
sy_label(const char *utf8, const char *fname, const char *lang)
{
	int			db = GetDatabaseEncoding();
	char	   *out;

	if (db == PG_UTF8 || db == PG_SQL_ASCII)
		return cstring_to_text(utf8);
	out = convert_all_or_nothing(utf8, PG_UTF8, db);
	if (out == NULL && db == PG_MULE_INTERNAL)
	{
		char	   *euc = convert_all_or_nothing(utf8, PG_UTF8, PG_EUC_CN);

		if (euc != NULL)
			out = convert_all_or_nothing(euc, PG_EUC_CN, db);
	}
	if (out == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNTRANSLATABLE_CHARACTER),
				 errmsg("%s: the '%s' label cannot be represented in the database encoding \"%s\"",
						fname, lang, GetDatabaseEncodingName()),
				 errdetail("The label has characters that encoding %s does not have.",
						   GetDatabaseEncodingName()),
				 errhint("Use lang => 'en', or a database created with ENCODING 'UTF8' or 'EUC_CN' "
						 "(GBK and GB18030 clients read either through client_encoding).")));
	return cstring_to_text(out);
}

/* ---- grades ---- */

/* The label languages, for sy_choice. */
enum
{
	LANG_ZH, LANG_EN
};
static const char *const lang_names[] = {"zh", "en"};

static const char *const grade_zh[10] = {
	"极度失调", "严重失调", "中度失调", "轻度失调", "濒临失调",
	"勉强协调", "初级协调", "中级协调", "良好协调", "优质协调"
};
static const char *const grade_en[10] = {
	"extreme disorder", "serious disorder", "moderate disorder", "mild disorder",
	"on the verge of disorder", "barely coordinated", "primary coordination",
	"intermediate coordination", "good coordination", "high-quality coordination"
};

static double
check_degree(double d, const char *fname)
{
	if (!(d >= -UNIT_SLACK && d <= 1.0 + UNIT_SLACK))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: d must be in [0, 1]", fname),
				 errdetail("d is %g.", d),
				 errhint("Pass a coordination degree, e.g. (coupling_coordination(u)).d.")));
	return d < 0.0 ? 0.0 : (d > 1.0 ? 1.0 : d);
}

PG_FUNCTION_INFO_V1(ccd_level);
Datum
ccd_level(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(sy_ccd_level(check_degree(PG_GETARG_FLOAT8(0), "ccd_level")));
}

PG_FUNCTION_INFO_V1(ccd_grade);
Datum
ccd_grade(PG_FUNCTION_ARGS)
{
	int			level = sy_ccd_level(check_degree(PG_GETARG_FLOAT8(0), "ccd_grade"));
	static const SyChoices langs = {
		"language", lang_names, lengthof(lang_names),
		"Use 'zh' (the default) or 'en', or ccd_grade(d, breaks, labels) for your own scale."
	};

	if (sy_choice(PG_GETARG_TEXT_PP(1), &langs, "ccd_grade") == LANG_ZH)
		PG_RETURN_TEXT_P(sy_label(grade_zh[level - 1], "ccd_grade", "zh"));
	PG_RETURN_TEXT_P(cstring_to_text(grade_en[level - 1]));
}

/* ccd_grade(d, breaks float8[], labels text[]): label k for [breaks[k], breaks[k+1]) */
PG_FUNCTION_INFO_V1(ccd_grade_custom);
Datum
ccd_grade_custom(PG_FUNCTION_ARGS)
{
	double		d = PG_GETARG_FLOAT8(0);
	SyWhere		w = {"ccd_grade", "breaks", 0};
	ArrayType  *labarr = PG_GETARG_ARRAYTYPE_P(2);
	const double *br;
	Datum	   *labels;
	bool	   *lnulls;
	int			nb,
				nl;

	br = sy_indicator_row(PG_GETARG_ARRAYTYPE_P(1), w, -1, &nb);
	if (ARR_NDIM(labarr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("ccd_grade: labels must be a one-dimensional array"),
				 errdetail("The array has %d dimensions.", ARR_NDIM(labarr)),
				 errhint("Pass one label per interval, e.g. ARRAY['low', 'high'].")));
	/* the count from the header, before deconstruct_array takes 9 bytes an element */
	nl = ArrayGetNItems(ARR_NDIM(labarr), ARR_DIMS(labarr));
	if (nb < 2 || nl != nb - 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("ccd_grade: breaks must have one element more than labels"),
				 errdetail("There are %d breaks and %d labels.", nb, nl),
				 errhint("k labels need k + 1 breaks, the edges of the intervals, e.g. ARRAY[0, 0.5, 1] and ARRAY['low', 'high'].")));
	deconstruct_array(labarr, TEXTOID, -1, false, TYPALIGN_INT, &labels, &lnulls, &nl);
	for (int k = 0; k < nl; k++)
	{
		if (lnulls[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("ccd_grade: labels contains a NULL element"),
					 errdetail("Element %d is NULL.", k + 1),
					 errhint("Give every interval a label.")));
		if (!(br[k + 1] > br[k]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("ccd_grade: breaks must increase strictly"),
					 errdetail("Element %d (%g) is not above element %d (%g).", k + 2, br[k + 1], k + 1, br[k]),
					 errhint("List the interval edges from the lowest to the highest.")));
	}
	if (!(d >= br[0] && d <= br[nb - 1]))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ccd_grade: d is outside the scale"),
				 errdetail("d is %g; the scale runs from %g to %g.", d, br[0], br[nb - 1]),
				 errhint("Extend the first or last break to cover every value.")));
	/* intervals are closed below; the last one is closed at both ends */
	for (int k = nl - 1; k >= 0; k--)
		if (d >= br[k])
			PG_RETURN_DATUM(labels[k]);
	pg_unreachable();
}

/* ---- relative development degree ---- */

PG_FUNCTION_INFO_V1(relative_development);
Datum
relative_development(PG_FUNCTION_ARGS)
{
	double		u1 = PG_GETARG_FLOAT8(0),
				u2 = PG_GETARG_FLOAT8(1);
	SyWhere		w = {"relative_development", "u1", 0};

	u1 = sy_unit_score(u1, w, 0);
	w.argname = "u2";
	u2 = sy_unit_score(u2, w, 0);
	if (u2 == 0.0)
		PG_RETURN_NULL();		/* the ratio is undefined */
	PG_RETURN_FLOAT8(sy_relative_development(u1, u2));
}

PG_FUNCTION_INFO_V1(relative_development_grade);
Datum
relative_development_grade(PG_FUNCTION_ARGS)
{
	double		u1 = PG_GETARG_FLOAT8(0),
				u2 = PG_GETARG_FLOAT8(1),
				lower = PG_GETARG_FLOAT8(2),
				upper = PG_GETARG_FLOAT8(3);
	static const SyChoices langs = {
		"language", lang_names, lengthof(lang_names),
		"Use 'en' (the default) or 'zh'."
	};
	SyWhere		w = {"relative_development_grade", "u1", 0};
	bool		zh;
	int			cls;			/* 0: U1 lagging, 1: synchronous, 2: U2 lagging */

	u1 = sy_unit_score(u1, w, 0);
	w.argname = "u2";
	u2 = sy_unit_score(u2, w, 0);
	if (!(lower > 0.0 && upper >= lower && isfinite(upper)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("relative_development_grade: thresholds must satisfy 0 < lower <= upper"),
				 errdetail("lower is %g and upper is %g.", lower, upper),
				 errhint("The usual thresholds are lower => 0.8, upper => 1.2.")));
	zh = sy_choice(PG_GETARG_TEXT_PP(4), &langs, "relative_development_grade") == LANG_ZH;
	cls = sy_relative_class(u1, u2, lower, upper);
	{
		static const char *const zh_labels[3] = {"U1滞后型", "同步型", "U2滞后型"};
		static const char *const en_labels[3] = {"U1 lagging", "synchronous", "U2 lagging"};

		PG_RETURN_TEXT_P(zh ? sy_label(zh_labels[cls], "relative_development_grade", "zh")
						 : cstring_to_text(en_labels[cls]));
	}
}

/* ---- obstacle shares of one row of scores ---- */

PG_FUNCTION_INFO_V1(obstacle_shares);
Datum
obstacle_shares(PG_FUNCTION_ARGS)
{
	SyWhere		w = {"obstacle_shares", "z", 0};
	const double *raw;
	double	   *z,
			   *wt,
			   *out;
	int			m;

	raw = sy_indicator_row(PG_GETARG_ARRAYTYPE_P(0), w, -1, &m);
	z = palloc(sizeof(double) * m);
	for (int j = 0; j < m; j++)
		z[j] = sy_unit_score(raw[j], w, j + 1);
	wt = sy_weights_hinted(PG_GETARG_ARRAYTYPE_P(1), w, m,
						   "Weights are importance shares: give each indicator 0 or more (z is already oriented: 1 is best).",
						   "Give at least one indicator a positive weight, e.g. the entropy weights of the scores.");
	out = palloc(sizeof(double) * m);
	if (sy_obstacle_shares(z, wt, m, out) != SY_OK)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(sy_float8_array(out, m));
}

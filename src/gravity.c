/*
 * gravity.c - the gravity model: gravity_strength, gravity_mass,
 * gravity_coefficient, gravity_tier and the gravity_linkage set-returning
 * functions (every ordered pair of a set of cities with T_ij, membership
 * F_ij = T_ij / sum_j T_ij, the city's total and its strongest partner).
 *
 * gravity_linkage computes one city's row of T at a time and returns its
 * pairs before the next, so memory is O(n) for n cities, not O(n^2)
 * (except the caller's own distance matrix).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "sy_core_spatial.h"
#include "sy_pg.h"
#include "sy_limits.h"

/* The model's parameters, checked. */
typedef struct GravityParams
{
	double		k,
				alpha,
				beta,
				r;
} GravityParams;

static void
bad_param(const char *fname, const char *name, double v, const char *rule, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: %s must be %s", fname, name, rule),
			 errdetail("%s is %g.", name, v),
			 errhint("%s", hint)));
}

static GravityParams
gravity_params(const char *fname, double k, double alpha, double beta, double r)
{
	GravityParams g = {k, alpha, beta, r};

	if (!(isfinite(k) && k > 0.0))
		bad_param(fname, "k", k, "a positive finite number", "The book chapter and most papers use k = 1.");
	if (!isfinite(alpha))
		bad_param(fname, "alpha", alpha, "finite", "Usually alpha = 1.");
	if (!isfinite(beta))
		bad_param(fname, "beta", beta, "finite", "Usually beta = 1.");
	if (!(isfinite(r) && r >= 0.0))
		bad_param(fname, "r", r, "a non-negative finite number", "The distance decay exponent is usually 2 (sometimes 1).");
	return g;
}

static void
check_mass(const char *fname, const char *name, double q, const char *who)
{
	if (!(isfinite(q) && q > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: masses must be positive and finite", fname),
				 errdetail("%s is %g%s.", name, q, who),
				 errhint("Factor-analysis composites are centred on 0: shift them first, e.g. factor_composite(x, shift => 1).")));
}

static void
check_distance(const char *fname, double d, const char *who)
{
	if (d == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("%s: the distance between two cities is zero", fname),
				 errdetail("The distance%s is 0; T = k Q_i Q_j / d^r would be infinite.", who),
				 errhint("Merge the two cities, or give them a minimum distance (e.g. greatest(d, 1)).")));
	if (!(isfinite(d) && d > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: distances must be positive and finite", fname),
				 errdetail("The distance%s is %g.", who, d),
				 errhint("Pass distances in km (or travel time), never negative or NaN.")));
}

static void
check_result(const char *fname, double t)
{
	if (!isfinite(t))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: the gravity strength overflows", fname),
				 errdetail("k Q_i^alpha Q_j^beta / d^r exceeds the range of float8."),
				 errhint("Rescale the masses (e.g. GDP in 1e8 yuan rather than yuan).")));
}

PG_FUNCTION_INFO_V1(gravity_strength);
Datum
gravity_strength(PG_FUNCTION_ARGS)
{
	const char *fname = "gravity_strength";
	double		qi = PG_GETARG_FLOAT8(0),
				qj = PG_GETARG_FLOAT8(1),
				d = PG_GETARG_FLOAT8(2);
	GravityParams g = gravity_params(fname, PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(4),
									 PG_GETARG_FLOAT8(5), PG_GETARG_FLOAT8(6));
	double		t;

	check_mass(fname, "q_i", qi, "");
	check_mass(fname, "q_j", qj, "");
	check_distance(fname, d, "");
	t = sy_gravity(qi, qj, d, g.k, g.alpha, g.beta, g.r);
	check_result(fname, t);
	PG_RETURN_FLOAT8(t);
}

/* The first two arguments, named a and b, as checked masses. */
static void
two_masses(FunctionCallInfo fcinfo, const char *fname, const char *a, const char *b,
		   double *qa, double *qb)
{
	*qa = PG_GETARG_FLOAT8(0);
	*qb = PG_GETARG_FLOAT8(1);
	check_mass(fname, a, *qa, "");
	check_mass(fname, b, *qb, "");
}

PG_FUNCTION_INFO_V1(gravity_mass);
Datum
gravity_mass(PG_FUNCTION_ARGS)
{
	double		pop,
				gdp;

	two_masses(fcinfo, "gravity_mass", "population", "gdp", &pop, &gdp);
	PG_RETURN_FLOAT8(sy_gravity_mass(pop, gdp));
}

PG_FUNCTION_INFO_V1(gravity_coefficient);
Datum
gravity_coefficient(PG_FUNCTION_ARGS)
{
	double		gi,
				gj;

	two_masses(fcinfo, "gravity_coefficient", "g_i", "g_j", &gi, &gj);
	PG_RETURN_FLOAT8(sy_gravity_coefficient(gi, gj));
}

/*
 * gravity_tier(membership, thresholds): 1 when membership >= thresholds[1],
 * 2 when >= thresholds[2], ...; NULL below the last (outside).
 */
PG_FUNCTION_INFO_V1(gravity_tier);
Datum
gravity_tier(PG_FUNCTION_ARGS)
{
	const char *fname = "gravity_tier";
	double		f = PG_GETARG_FLOAT8(0);
	SyWhere		w = {fname, "thresholds", 0};
	const double *t;
	int			n;

	if (!(isfinite(f) && f >= 0.0 && f <= 1.0 + 1e-12))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: membership must be in [0, 1]", fname),
				 errdetail("membership is %g.", f),
				 errhint("Membership is F_ij = T_ij / sum_j T_ij, a share.")));
	t = sy_indicator_row(PG_GETARG_ARRAYTYPE_P(1), w, -1, &n);
	for (int i = 0; i < n; i++)
		if (!(t[i] > 0.0 && t[i] <= 1.0) || (i > 0 && !(t[i] < t[i - 1])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: thresholds must decrease strictly within (0, 1]", fname),
					 errdetail("Element %d is %g.", i + 1, t[i]),
					 errhint("E.g. ARRAY[0.2, 0.1, 0.05]: tier 1 from 0.2, tier 2 from 0.1, tier 3 from 0.05.")));
	for (int i = 0; i < n; i++)
		if (f >= t[i])
			PG_RETURN_INT32(i + 1);
	PG_RETURN_NULL();
}

/* ---- gravity_linkage ---- */

typedef struct LinkState
{
	int			n;
	Datum	   *ids;			/* text, int4 or int8 (the array's element type) */
	Oid			idtype;
	double	   *q;
	double	   *kcoef;			/* directional masses, or NULL */
	double	   *lon,
			   *lat;			/* coordinates, or NULL */
	const double *dist;			/* n x n distances, or NULL */
	GravityParams g;
	double	   *drow;			/* distances from city i */
	double	   *t;				/* T_i. */
	double		total;
	long		best;
	int			i,
				j;				/* next pair to return */
	TupleDesc	tupdesc;
} LinkState;

/* An id as text, for messages and the uniqueness check. */
static char *
id_text(Oid type, Datum d)
{
	switch (type)
	{
		case INT8OID:
			return psprintf(INT64_FORMAT, DatumGetInt64(d));
		case INT4OID:
			return psprintf("%d", DatumGetInt32(d));
		default:
			return TextDatumGetCString(d);
	}
}

static Datum *
text_ids(ArrayType *a, const char *fname, int *n)
{
	Datum	   *elems;
	bool	   *nulls;
	Oid			type = ARR_ELEMTYPE(a);
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s: ids must be a one-dimensional array", fname),
				 errdetail("The array has %d dimensions.", ARR_NDIM(a)),
				 errhint("Pass array_agg(code ORDER BY code) and the other arrays in the same order.")));
	if (type != TEXTOID && type != INT4OID && type != INT8OID)
		elog(ERROR, "%s: ids of type %u", fname, type);
	/* NULLs from the bitmap, before deconstruct_array takes 9 bytes an element */
	{
		int64		pos = sy_first_null(a, ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a)));

		if (pos != 0)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: ids contains a NULL element", fname),
					 errdetail("Element %d is NULL.", (int) pos),
					 errhint("Every city needs an identifier.")));
	}
	get_typlenbyvalalign(type, &typlen, &typbyval, &typalign);
	deconstruct_array(a, type, typlen, typbyval, typalign, &elems, &nulls, n);
	return elems;
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* ids must be unique: a membership to "B" would be ambiguous otherwise */
static void
check_unique(Datum *ids, Oid type, int n, const char *fname)
{
	char	  **s = palloc(sizeof(char *) * n);

	for (int i = 0; i < n; i++)
		s[i] = id_text(type, ids[i]);
	qsort(s, n, sizeof(char *), cmp_cstr);
	for (int i = 1; i < n; i++)
		if (strcmp(s[i - 1], s[i]) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: ids must be unique", fname),
					 errdetail(type == TEXTOID ? "\"%s\" appears more than once." : "%s appears more than once.", s[i]),
					 errhint("Aggregate each city's rows first, one element per city.")));
	pfree(s);
}

/* Arrays with one element per city. */
static const SyVectorKind cities = {
	SY_MAX_CITIES, false,
	"Pass one element per city, in the order of ids.",
	"Delimit within regions.",
	"Every city needs a value.",
	NULL
};

static const double *
same_length(ArrayType *a, const char *fname, const char *argname, int n)
{
	SyWhere		w = {fname, argname, 0};
	int			m;

	if (ARR_NDIM(a) == 1 && ARR_DIMS(a)[0] != n)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s: %s has %d elements but ids has %d", fname, argname, ARR_DIMS(a)[0], n),
				 errdetail("Every array argument has one element per city, in the order of ids."),
				 errhint("Build the arrays with array_agg(... ORDER BY id) over the same rows.")));
	return sy_float8_vector(a, w, &cities, n, true, &m);
}

static char *
id_str(LinkState *s, int i)
{
	return id_text(s->idtype, s->ids[i]);
}

static void
link_row(LinkState *s, const char *fname)
{
	int			i = s->i;

	for (int j = 0; j < s->n; j++)
	{
		if (j == i)
		{
			s->drow[j] = 1.0;	/* not used */
			continue;
		}
		s->drow[j] = s->dist ? s->dist[(Size) i * s->n + j]
			: sy_haversine_km(s->lon[i], s->lat[i], s->lon[j], s->lat[j]);
		if (!(isfinite(s->drow[j]) && s->drow[j] > 0.0))
			check_distance(fname, s->drow[j],
						   psprintf(" from %s (element %d) to %s (element %d)",
									id_str(s, i), i + 1, id_str(s, j), j + 1));
	}
	s->total = sy_gravity_row(s->q, s->kcoef, s->n, i, s->drow, s->g.k, s->g.alpha,
							  s->g.beta, s->g.r, s->t, &s->best);
	check_result(fname, s->total);
}

static LinkState *
link_setup(FunctionCallInfo fcinfo, const char *fname, bool coords)
{
	LinkState  *s = palloc0(sizeof(LinkState));
	int			n,
				a = coords ? 4 : 3; /* position of k */
	ArrayType  *dirarr;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || (coords && PG_ARGISNULL(3)))
		return NULL;
	for (int p = a; p < a + 4; p++)
		if (PG_ARGISNULL(p))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: k, alpha, beta and r must not be NULL", fname),
					 errdetail("Argument %d is NULL.", p + 1),
					 errhint("Leave them out for the defaults k = alpha = beta = 1, r = 2.")));
	s->g = gravity_params(fname, PG_GETARG_FLOAT8(a), PG_GETARG_FLOAT8(a + 1),
						  PG_GETARG_FLOAT8(a + 2), PG_GETARG_FLOAT8(a + 3));
	s->ids = text_ids(PG_GETARG_ARRAYTYPE_P(0), fname, &n);
	s->idtype = ARR_ELEMTYPE(PG_GETARG_ARRAYTYPE_P(0));
	s->n = n;
	if (n < 2)
		return s;
	if (n > SY_MAX_CITIES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: too many cities", fname),
				 errdetail("%d cities give %.0f ordered pairs; the limit is %d cities.", n, (double) n * (n - 1), SY_MAX_CITIES),
				 errhint("Delimit within regions.")));
	check_unique(s->ids, s->idtype, n, fname);
	s->q = (double *) same_length(PG_GETARG_ARRAYTYPE_P(1), fname, "masses", n);
	for (int i = 0; i < n; i++)
		check_mass(fname, "masses", s->q[i],
				   psprintf(" for %s (element %d)", id_str(s, i), i + 1));
	if (coords)
	{
		s->lon = (double *) same_length(PG_GETARG_ARRAYTYPE_P(2), fname, "lon", n);
		s->lat = (double *) same_length(PG_GETARG_ARRAYTYPE_P(3), fname, "lat", n);
		for (int i = 0; i < n; i++)
			if (fabs(s->lat[i]) > 90.0 || fabs(s->lon[i]) > 360.0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: coordinates must be longitude and latitude in degrees", fname),
						 errdetail("Element %d is (%g, %g).", i + 1, s->lon[i], s->lat[i]),
						 errhint("Pass WGS84 degrees, lon first; for projected coordinates compute distances and pass them as a matrix.")));
	}
	else
	{
		ArrayType  *d = PG_GETARG_ARRAYTYPE_P(2);

		if (ARR_NDIM(d) != 2 || ARR_DIMS(d)[0] != n || ARR_DIMS(d)[1] != n ||
			ARR_ELEMTYPE(d) != FLOAT8OID)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s: distances must be an n x n matrix for n cities", fname),
					 errdetail("There are %d cities; distances has %d dimension(s)%s.", n, ARR_NDIM(d),
							   ARR_NDIM(d) == 2 ? psprintf(" of %d x %d", ARR_DIMS(d)[0], ARR_DIMS(d)[1]) : ""),
					 errhint("Row i, column j is the distance from city i to city j, in the order of ids; the diagonal is ignored.")));
		if (ARR_HASNULL(d))
		{
			bits8	   *bm = ARR_NULLBITMAP(d);

			for (int c = 0; c < n * n; c++)
				if (sy_elem_is_null(bm, c) && c / n != c % n)
					ereport(ERROR,
							(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							 errmsg("%s: distances contains a NULL element off the diagonal", fname),
							 errdetail("Row %d, column %d is NULL.", c / n + 1, c % n + 1),
							 errhint("Every pair of distinct cities needs a distance; only the diagonal may be NULL.")));
			/* NULLs on the diagonal: expand into a full matrix */
			{
				double	   *full;
				const double *src = (const double *) ARR_DATA_PTR(d);

				sy_group_memory_check(fname, sizeof(double) * (double) n * n, -1);
				full = palloc_extended(sizeof(double) * (Size) n * n, MCXT_ALLOC_HUGE);

				for (int c = 0; c < n * n; c++)
					full[c] = sy_elem_is_null(bm, c) ? 1.0 : *src++;
				s->dist = full;
			}
		}
		else
			s->dist = (const double *) ARR_DATA_PTR(d);
	}
	dirarr = PG_NARGS() > a + 4 && !PG_ARGISNULL(a + 4) ? PG_GETARG_ARRAYTYPE_P(a + 4) : NULL;
	if (dirarr)
	{
		s->kcoef = (double *) same_length(dirarr, fname, "directional", n);
		for (int i = 0; i < n; i++)
			check_mass(fname, "directional", s->kcoef[i],
					   psprintf(" for %s (element %d)", id_str(s, i), i + 1));
	}
	s->drow = palloc(sizeof(double) * n);
	s->t = palloc(sizeof(double) * n);
	return s;
}

/* Returns the next (i, j) pair; the state lives in the SRF's memory. */
static Datum
gravity_linkage_common(FunctionCallInfo fcinfo, const char *fname, bool coords)
{
	FuncCallContext *funcctx;
	LinkState  *s;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		TupleDesc	td;

		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		s = link_setup(fcinfo, fname, coords);
		if (s)
		{
			if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
				elog(ERROR, "%s: return type must be a row type", fname);
			s->tupdesc = BlessTupleDesc(td);
			s->i = 0;
			s->j = 0;
			if (s->n >= 2)
				link_row(s, fname);
		}
		funcctx->user_fctx = s;
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	s = funcctx->user_fctx;
	if (s == NULL || s->n < 2)
		SRF_RETURN_DONE(funcctx);
	if (s->j == s->i)
		s->j++;
	if (s->j >= s->n)
	{
		MemoryContext old;

		s->i++;
		s->j = 0;
		if (s->i >= s->n)
			SRF_RETURN_DONE(funcctx);
		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		link_row(s, fname);
		MemoryContextSwitchTo(old);
		if (s->j == s->i)
			s->j++;
	}
	{
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};
		int			i = s->i,
					j = s->j;

		values[0] = s->ids[i];
		values[1] = s->ids[j];
		values[2] = Float8GetDatum(s->drow[j]);
		values[3] = Float8GetDatum(s->t[j]);
		nulls[4] = !(s->total > 0.0);	/* every T_ij underflowed to 0 */
		values[4] = Float8GetDatum(nulls[4] ? 0.0 : s->t[j] / s->total);
		values[5] = Float8GetDatum(s->total);
		values[6] = BoolGetDatum(s->best == j);
		s->j++;
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(s->tupdesc, values, nulls)));
	}
}

PG_FUNCTION_INFO_V1(gravity_linkage_coords);
Datum
gravity_linkage_coords(PG_FUNCTION_ARGS)
{
	return gravity_linkage_common(fcinfo, "gravity_linkage", true);
}

PG_FUNCTION_INFO_V1(gravity_linkage_matrix);
Datum
gravity_linkage_matrix(PG_FUNCTION_ARGS)
{
	return gravity_linkage_common(fcinfo, "gravity_linkage", false);
}

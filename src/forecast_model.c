/*
 * forecast_model.c - a trained BP network as jsonb, and back.
 *
 * Numbers are written as the shortest decimal that reads back to the same
 * double, so a stored model forecasts the same bits as the fresh one.
 * Reading trusts nothing: every key, type, length and value is checked and
 * a model that fails gets ERROR 22023 saying where, never a crash.
 */
#include "postgres.h"

#include <math.h>
#include <stdlib.h>

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "sy_forecast.h"
#include "sy_limits.h"

#define SY_BP_MODEL_NAME "synergy.bp"
/*
 * Format 1: one ensemble of networks on one transform ('difference',
 * 'level' or 'detrend'), as 0.2.0 wrote it; still written for those.
 * Format 2: transform 'auto', which adds the networks on levels ("level"),
 * the smoothing of its exponential smoothing part ("ses_alpha") and the
 * weights of the parts ("combination"); 0.2.0 cannot read it.
 */
#define SY_BP_MODEL_FORMAT 1
#define SY_BP_MODEL_FORMAT_AUTO 2

/* ---- writing ---- */

static void
put_number(StringInfo buf, double v)
{
	char		s[DOUBLE_SHORTEST_DECIMAL_LEN];

	if (isnan(v))
	{
		appendStringInfoString(buf, "null");
		return;
	}
	double_to_shortest_decimal_buf(v, s);
	appendStringInfoString(buf, s);
}

static void
put_vector(StringInfo buf, const double *v, int n)
{
	appendStringInfoChar(buf, '[');
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoString(buf, ", ");
		put_number(buf, v[i]);
	}
	appendStringInfoChar(buf, ']');
}

/* "networks": [...] of E networks of L inputs and H hidden nodes. */
static void
put_networks(StringInfo buf, const double *weights, int E, int L, int H)
{
	size_t		P = sy_bp_nparam(L, H);

	appendStringInfoString(buf, "\"networks\": [");
	for (int k = 0; k < E; k++)
	{
		const double *w = weights + k * P;

		appendStringInfoString(buf, k > 0 ? ", {\"w1\": [" : "{\"w1\": [");
		for (int j = 0; j < H; j++)
		{
			if (j > 0)
				appendStringInfoString(buf, ", ");
			put_vector(buf, w + j * L, L);
		}
		appendStringInfoString(buf, "], \"b1\": ");
		put_vector(buf, w + H * L, H);
		appendStringInfoString(buf, ", \"w2\": ");
		put_vector(buf, w + H * L + H, H);
		appendStringInfoString(buf, ", \"b2\": ");
		put_number(buf, w[P - 1]);
		appendStringInfoChar(buf, '}');
	}
	appendStringInfoChar(buf, ']');
}

/* {"difference": v[0], "level": v[1], "ses": v[2]} */
static void
put_parts(StringInfo buf, const double *v)
{
	for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
	{
		appendStringInfo(buf, "%s\"%s\": ", j > 0 ? ", " : "{", sy_bp_auto_part_names[j]);
		put_number(buf, v[j]);
	}
	appendStringInfoChar(buf, '}');
}

Jsonb *
sy_bp_model_to_jsonb(const sy_bp_model *model, const sy_bp_options *opt,
					 int history_length)
{
	StringInfoData buf;
	int			L = model->lags,
				H = model->hidden;
	bool		is_auto = model->transform == SY_BP_AUTO;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"model\": \"%s\", \"format\": %d, ",
					 SY_BP_MODEL_NAME, is_auto ? SY_BP_MODEL_FORMAT_AUTO : SY_BP_MODEL_FORMAT);
	appendStringInfo(&buf, "\"lags\": %d, \"hidden\": %d, \"transform\": \"%s\", "
					 "\"activation\": \"%s\", \"center\": ",
					 L, H, sy_bp_transform_name(model->transform),
					 sy_bp_activation_name(model->activation));
	put_number(&buf, model->center);
	appendStringInfoString(&buf, ", \"scale\": ");
	put_number(&buf, model->scale);
	appendStringInfoString(&buf, ", \"lower\": ");
	put_number(&buf, model->lower);
	appendStringInfoString(&buf, ", \"upper\": ");
	put_number(&buf, model->upper);

	appendStringInfoString(&buf, ", \"training\": {");
	appendStringInfo(&buf, "\"history_length\": %d, \"windows\": %d, \"ensemble\": %d, "
					 "\"epochs\": %d, \"learning_rate\": ",
					 history_length, model->samples, model->ensemble, opt->epochs);
	put_number(&buf, opt->learning_rate);
	appendStringInfoString(&buf, ", \"decay\": ");
	put_number(&buf, opt->decay);
	appendStringInfoString(&buf, ", \"dropout\": ");
	put_number(&buf, opt->dropout);
	appendStringInfo(&buf, ", \"seed\": " INT64_FORMAT ", \"train_rmse\": ",
					 (int64) opt->seed);
	put_number(&buf, model->train_rmse);
	appendStringInfo(&buf, ", \"hidden_chosen_by\": \"%s\", \"validation_windows\": %d, "
					 "\"validation_rmse\": ",
					 opt->hidden > 0 ? "argument" : model->n_search > 0 ? "validation" : "rule",
					 model->validation_windows);
	put_number(&buf, model->validation_rmse);
	appendStringInfoString(&buf, ", \"hidden_search\": [");
	for (int i = 0; i < model->n_search; i++)
	{
		appendStringInfo(&buf, "%s{\"hidden\": %d, \"validation_rmse\": ",
						 i > 0 ? ", " : "", model->search_hidden[i]);
		put_number(&buf, model->search_rmse[i]);
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoChar(&buf, ']');
	if (is_auto)
	{
		appendStringInfo(&buf, ", \"validation_origins\": %d, \"validation_smape\": ",
						 model->auto_origins);
		put_parts(&buf, model->auto_smape);
	}
	appendStringInfoString(&buf, "}, ");
	put_networks(&buf, model->weights, model->ensemble, L, H);
	if (is_auto)
	{
		appendStringInfoString(&buf, ", \"level\": {\"center\": ");
		put_number(&buf, model->level_center);
		appendStringInfoString(&buf, ", \"scale\": ");
		put_number(&buf, model->level_scale);
		appendStringInfoString(&buf, ", ");
		put_networks(&buf, model->level_weights, model->ensemble, L, H);
		appendStringInfoString(&buf, "}, \"ses_alpha\": ");
		put_number(&buf, model->ses_alpha);
		appendStringInfoString(&buf, ", \"combination\": ");
		put_parts(&buf, model->combine);
	}
	appendStringInfoChar(&buf, '}');
	return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}

/* ---- reading ---- */

typedef struct ModelReader
{
	const char *fname;
} ModelReader;

#if PG_VERSION_NUM >= 180000
pg_noreturn static void model_error(const ModelReader *r, const char *detail);
#else
static void model_error(const ModelReader *r, const char *detail) pg_attribute_noreturn();
#endif

static void
model_error(const ModelReader *r, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: model is not a valid bp_fit() model", r->fname),
			 errdetail("%s", detail),
			 errhint("Pass the jsonb that bp_fit() returned, unchanged; if it was edited or truncated, fit the model again.")));
}

/* The value of key in an object container, or NULL when absent. */
static JsonbValue *
get_key(JsonbContainer *obj, const char *key)
{
	return getKeyJsonValueFromContainer(obj, key, strlen(key), NULL);
}

static JsonbValue *
need_key(const ModelReader *r, JsonbContainer *obj, const char *key, const char *where)
{
	JsonbValue *v = get_key(obj, key);

	if (v == NULL)
		model_error(r, psprintf("Key \"%s\" is missing%s.", key, where));
	return v;
}

/* what[idx] (or what, when idx < 0) names the value in errors only. */
static double
as_number_at(const ModelReader *r, JsonbValue *v, const char *what, int idx)
{
	char	   *s,
			   *end;
	double		d;

	if (v->type != jbvNumeric)
		model_error(r, idx < 0 ? psprintf("%s is not a number.", what)
					: psprintf("%s[%d] is not a number.", what, idx));
	s = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
	d = strtod(s, &end);
	if (*end != '\0' || !isfinite(d))
		model_error(r, idx < 0 ? psprintf("%s is %s, which is not a finite float8.", what, s)
					: psprintf("%s[%d] is %s, which is not a finite float8.", what, idx, s));
	pfree(s);
	return d;
}

static double
as_number(const ModelReader *r, JsonbValue *v, const char *what)
{
	return as_number_at(r, v, what, -1);
}

static int
as_int(const ModelReader *r, JsonbValue *v, const char *what, int lo, int hi)
{
	double		d = as_number(r, v, what);

	if (d != floor(d) || d < lo || d > hi)
		model_error(r, psprintf("%s is %g; it must be an integer from %d to %d.", what, d, lo, hi));
	return (int) d;
}

static const char *
as_string(const ModelReader *r, JsonbValue *v, const char *what)
{
	if (v->type != jbvString)
		model_error(r, psprintf("%s is not a string.", what));
	return pnstrdup(v->val.string.val, v->val.string.len);
}

/* A nested array container of exactly n elements. */
static JsonbContainer *
as_array(const ModelReader *r, JsonbValue *v, int n, const char *what)
{
	JsonbContainer *c;

	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data)
		|| JsonContainerIsScalar(v->val.binary.data))
		model_error(r, psprintf("%s is not an array.", what));
	c = v->val.binary.data;
	if (n >= 0 && (int) JsonContainerSize(c) != n)
		model_error(r, psprintf("%s has %u elements; %d were expected.", what,
								JsonContainerSize(c), n));
	return c;
}

static JsonbContainer *
as_object(const ModelReader *r, JsonbValue *v, const char *what)
{
	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		model_error(r, psprintf("%s is not an object.", what));
	return v->val.binary.data;
}

static void
read_vector(const ModelReader *r, JsonbValue *v, int n, double *out, const char *what)
{
	JsonbContainer *c = as_array(r, v, n, what);

	for (int i = 0; i < n; i++)
	{
		JsonbValue *e = getIthJsonbValueFromContainer(c, i);

		out[i] = as_number_at(r, e, what, i);
		pfree(e);
	}
}

static double
optional_bound(const ModelReader *r, JsonbContainer *root, const char *key)
{
	JsonbValue *v = get_key(root, key);

	if (v == NULL || v->type == jbvNull)
		return NAN;
	return as_number(r, v, psprintf("\"%s\"", key));
}

/* Read E networks of L inputs and H hidden nodes from container nets
 * (prefix names it in errors) into weights. */
static void
read_networks(const ModelReader *r, JsonbContainer *nets, const char *prefix,
			  int E, int L, int H, double *weights)
{
	size_t		P = sy_bp_nparam(L, H);

	for (int k = 0; k < E; k++)
	{
		const char *where = psprintf("%s[%d]", prefix, k);
		JsonbContainer *net = as_object(r, getIthJsonbValueFromContainer(nets, k), where);
		JsonbContainer *w1;
		double	   *w = weights + k * P;
		const char *in = psprintf(" in %s", where);

		CHECK_FOR_INTERRUPTS();

		w1 = as_array(r, need_key(r, net, "w1", in), H, psprintf("%s.w1", where));
		for (int j = 0; j < H; j++)
		{
			JsonbValue *row = getIthJsonbValueFromContainer(w1, j);

			read_vector(r, row, L, w + j * L, psprintf("%s.w1[%d]", where, j));
			pfree(row);
		}
		read_vector(r, need_key(r, net, "b1", in), H, w + H * L, psprintf("%s.b1", where));
		read_vector(r, need_key(r, net, "w2", in), H, w + H * L + H, psprintf("%s.w2", where));
		w[P - 1] = as_number(r, need_key(r, net, "b2", in), psprintf("%s.b2", where));
	}
}

/* The parts of an 'auto' model: level networks, SES, combination. */
static void
read_auto(const ModelReader *r, JsonbContainer *root, sy_bp_model *model)
{
	JsonbContainer *level,
			   *nets,
			   *comb;
	size_t		P = sy_bp_nparam(model->lags, model->hidden);

	level = as_object(r, need_key(r, root, "level", ""), "\"level\"");
	model->level_center = as_number(r, need_key(r, level, "center", " in \"level\""), "\"level\".center");
	model->level_scale = as_number(r, need_key(r, level, "scale", " in \"level\""), "\"level\".scale");
	nets = as_array(r, need_key(r, level, "networks", " in \"level\""), model->ensemble,
					"\"level\".networks");
	model->level_weights = model->weights + P * model->ensemble;
	read_networks(r, nets, "\"level\".networks", model->ensemble, model->lags, model->hidden,
				  model->level_weights);
	model->ses_alpha = as_number(r, need_key(r, root, "ses_alpha", ""), "\"ses_alpha\"");
	comb = as_object(r, need_key(r, root, "combination", ""), "\"combination\"");
	for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
		model->combine[j] = as_number(r, need_key(r, comb, sy_bp_auto_part_names[j], " in \"combination\""),
									  psprintf("\"combination\".%s", sy_bp_auto_part_names[j]));
}

void
sy_bp_model_from_jsonb(Jsonb *jb, const char *fname, sy_bp_model *model)
{
	ModelReader r = {fname};
	JsonbContainer *root = &jb->root,
			   *nets;
	const char *s;
	int			L,
				H,
				E;
	size_t		P;
	const char *msg;
	int			format;
	bool		is_auto;

	if (!JB_ROOT_IS_OBJECT(jb))
		model_error(&r, "The model is not a JSON object.");
	s = as_string(&r, need_key(&r, root, "model", ""), "\"model\"");
	if (strcmp(s, SY_BP_MODEL_NAME) != 0)
		model_error(&r, psprintf("\"model\" is \"%s\", not \"%s\".", s, SY_BP_MODEL_NAME));
	format = as_int(&r, need_key(&r, root, "format", ""), "\"format\"", 0, INT_MAX);
	if (format != SY_BP_MODEL_FORMAT && format != SY_BP_MODEL_FORMAT_AUTO)
		model_error(&r, psprintf("\"format\" is %d; this version reads formats %d and %d.",
								 format, SY_BP_MODEL_FORMAT, SY_BP_MODEL_FORMAT_AUTO));

	memset(model, 0, sizeof(*model));
	L = as_int(&r, need_key(&r, root, "lags", ""), "\"lags\"", 1, SY_BP_MAX_LAGS);
	H = as_int(&r, need_key(&r, root, "hidden", ""), "\"hidden\"", 1, SY_BP_MAX_HIDDEN);
	s = as_string(&r, need_key(&r, root, "transform", ""), "\"transform\"");
	if (!sy_bp_transform_parse(s, &model->transform))
		model_error(&r, psprintf("\"transform\" is \"%s\".", s));
	is_auto = model->transform == SY_BP_AUTO;
	if (is_auto != (format == SY_BP_MODEL_FORMAT_AUTO))
		model_error(&r, psprintf("\"format\" is %d with \"transform\" \"%s\"; format %d is that of transform \"auto\", format %d that of the others.",
								 format, s, SY_BP_MODEL_FORMAT_AUTO, SY_BP_MODEL_FORMAT));
	s = as_string(&r, need_key(&r, root, "activation", ""), "\"activation\"");
	if (!sy_bp_activation_parse(s, &model->activation))
		model_error(&r, psprintf("\"activation\" is \"%s\".", s));
	model->center = as_number(&r, need_key(&r, root, "center", ""), "\"center\"");
	model->scale = as_number(&r, need_key(&r, root, "scale", ""), "\"scale\"");
	model->lower = optional_bound(&r, root, "lower");
	model->upper = optional_bound(&r, root, "upper");

	nets = as_array(&r, need_key(&r, root, "networks", ""), -1, "\"networks\"");
	E = (int) JsonContainerSize(nets);
	if (E < 1 || E > SY_BP_MAX_ENSEMBLE)
		model_error(&r, psprintf("\"networks\" has %d elements; 1 to %d are allowed.",
								 E, SY_BP_MAX_ENSEMBLE));
	model->lags = L;
	model->hidden = H;
	model->ensemble = E;
	P = sy_bp_nparam(L, H);

	/*
	 * A jsonb number takes at least 8 bytes (its JEntry and an aligned
	 * numeric): a model that declares more weights than its size can hold
	 * is refused before the weights are allocated, so that a few KB of
	 * empty networks cannot make the backend take hundreds of MB.
	 */
	if ((double) VARSIZE(jb) < 8.0 * (double) P * E * (is_auto ? 2 : 1))
		model_error(&r, psprintf("\"lags\" %d, \"hidden\" %d and %d networks declare %.0f weights, more than a jsonb of %u bytes can hold.",
								 L, H, E, (double) P * E * (is_auto ? 2 : 1), (unsigned) VARSIZE(jb)));
	/* checked before the networks are read */
	sy_group_memory_check(fname, sizeof(double) * (double) P * E * (is_auto ? 2 : 1), -1);
	model->weights = palloc_extended(sizeof(double) * P * E * (is_auto ? 2 : 1), MCXT_ALLOC_HUGE);
	read_networks(&r, nets, "\"networks\"", E, L, H, model->weights);
	if (is_auto)
		read_auto(&r, root, model);
	if ((msg = sy_bp_model_check(model)) != NULL)
		model_error(&r, psprintf("%c%s.", pg_toupper((unsigned char) msg[0]), msg + 1));
}

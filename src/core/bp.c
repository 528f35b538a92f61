/*
 * bp.c - a feed-forward network trained by back-propagation on sliding
 * windows of a short series, forecasting recursively.
 *
 * One hidden layer (tanh or logistic), one linear output.  The series is
 * first transformed (differences by default) and scaled to mean 0 and unit
 * spread, and every weight, biases included, carries an L2 penalty.  So a
 * network that finds nothing to learn predicts the mean of the transformed
 * series: the drift line for differences, the series mean for levels.  That
 * is why a growing series does not come out flat, which a saturated network
 * on raw levels does.
 *
 * Training is full batch: the gradient of the sum of squared one-step
 * errors plus decay times the sum of squared weights (nnet's convention, so
 * the penalty weighs less as the series grows), with Adam's step rule.  Dropout, when asked for, drops
 * hidden nodes per window and pass (inverted dropout).  Several networks
 * from different seeded starts are averaged.
 *
 * transform 'auto' fits two such ensembles, one on differences (which
 * continues a movement) and one on levels (which reverts to the mean), and
 * combines their forecasts with those of simple exponential smoothing and
 * the drift method, with weights from rolling-origin validation on the
 * history itself: each part is refitted on the history up to each of the
 * last origins and forecasts the rest; the part with the largest sum of
 * sMAPE is dropped and the others are weighted by the inverse of its square
 * (Bates and Granger's inverse error weights).  See fit_auto and
 * docs/forecasting.md.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "sy_exp.h"
#include "sy_core_forecast.h"

/* splitmix64's finaliser: independent-looking seeds for each network. */
static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t
net_seed(uint64_t seed, int phase, int hidden, int member)
{
	uint64_t	z = mix64(seed + UINT64_C(0x9e3779b97f4a7c15));

	z = mix64(z ^ ((uint64_t) phase << 48 ^ (uint64_t) hidden << 24 ^ (uint64_t) member));
	return z;
}

/*
 * tanh and the logistic function through one e^-|a| (sy_exp.h): cheaper
 * than libm's tanh, the same bits on every machine, and no branch on the
 * sign, which is a coin toss in training.
 */
static inline double
activate(sy_bp_activation act, double a)
{
	if (act == SY_BP_TANH)
	{
		double		e = sy_exp_neg(2.0 * fabs(a));

		return copysign((1.0 - e) / (1.0 + e), a);
	}
	else
	{
		double		e = sy_exp_neg(fabs(a));

		return (a >= 0.0 ? 1.0 : e) / (1.0 + e);
	}
}

/* Derivative from the activation's value. */
static inline double
activate_slope(sy_bp_activation act, double h)
{
	if (act == SY_BP_TANH)
		return 1.0 - h * h;
	return h * (1.0 - h);
}

static int
rule_hidden(int lags)
{
	/* k = sqrt(m + h) + a with m = lags inputs and h = 1 output */
	return (int) lround(sqrt((double) lags + 1.0));
}

int
sy_bp_max_hidden(const sy_bp_options *opt)
{
	if (opt->hidden > 0)
		return opt->hidden;
	/* 'auto' does not search: the rule's smallest size, a = 1 */
	if (opt->transform == SY_BP_AUTO)
		return rule_hidden(opt->lags) + 1;
	return rule_hidden(opt->lags) + SY_BP_SEARCH_SIZES;
}

/* 'auto' trains its networks on differences on the whole history, which
 * needs the most values. */
static int
transformed_length(sy_bp_transform tr, int n)
{
	return tr == SY_BP_DIFFERENCE || tr == SY_BP_AUTO ? n - 1 : n;
}

/* Checks shared by options and stored models; hidden 0 = search. */
static const char *
check_shape(int lags, int hidden, int ensemble, double lower, double upper)
{
	if (lags < 1 || lags > SY_BP_MAX_LAGS)
		return "lags must be between 1 and " SY_STRING(SY_BP_MAX_LAGS);
	if (hidden < 0 || hidden > SY_BP_MAX_HIDDEN)
		return "hidden must be between 1 and " SY_STRING(SY_BP_MAX_HIDDEN);
	if (ensemble < 1 || ensemble > SY_BP_MAX_ENSEMBLE)
		return "ensemble must be between 1 and " SY_STRING(SY_BP_MAX_ENSEMBLE);
	if (!isnan(lower) && !isfinite(lower))
		return "lower must be finite";
	if (!isnan(upper) && !isfinite(upper))
		return "upper must be finite";
	if (!isnan(lower) && !isnan(upper) && !(lower < upper))
		return "lower must be less than upper";
	return NULL;
}

const char *
sy_bp_check(int n, const sy_bp_options *opt)
{
	const char *msg = check_shape(opt->lags, opt->hidden, opt->ensemble,
								  opt->lower, opt->upper);

	if (msg != NULL)
		return msg;
	if (opt->epochs < 1 || opt->epochs > SY_BP_MAX_EPOCHS)
		return "epochs must be between 1 and " SY_STRING(SY_BP_MAX_EPOCHS);
	if (!(opt->learning_rate > 0.0 && opt->learning_rate <= 10.0))
		return "learning_rate must be greater than 0 and at most 10";
	if (!(opt->decay >= 0.0 && opt->decay <= 1e6))
		return "decay must be between 0 and 1e6";
	if (!(opt->dropout >= 0.0 && opt->dropout < 1.0))
		return "dropout must be at least 0 and less than 1";
	if (n > SY_FC_MAX_HISTORY)
		return "history is longer than " SY_STRING(SY_FC_MAX_HISTORY) " values";
	if (transformed_length(opt->transform, n) - opt->lags < 2)
		return "history is too short for this many lags";
	return NULL;
}

int
sy_bp_min_training(const sy_bp_options *opt)
{
	/* two training windows of lags inputs and a target, after the transform */
	return opt->lags + 2 + (transformed_length(opt->transform, 0) < 0 ? 1 : 0);
}

/* ---- names ---- */

const char *const sy_bp_transform_names[SY_BP_NTRANSFORMS] = {"difference", "level", "detrend", "auto"};
const char *const sy_bp_auto_part_names[SY_BP_AUTO_PARTS] = {"difference", "level", "ses", "drift"};
const char *const sy_bp_activation_names[SY_BP_NACTIVATIONS] = {"tanh", "sigmoid"};

const char *
sy_bp_transform_name(sy_bp_transform t)
{
	return sy_bp_transform_names[t];
}

const char *
sy_bp_activation_name(sy_bp_activation a)
{
	return sy_bp_activation_names[a];
}

/* Index of s among n names (exact spelling, as stored models have it), or -1. */
static int
name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

bool
sy_bp_transform_parse(const char *s, sy_bp_transform *t)
{
	int			i = name_index(sy_bp_transform_names, SY_BP_NTRANSFORMS, s);

	if (i >= 0)
		*t = (sy_bp_transform) i;
	return i >= 0;
}

bool
sy_bp_activation_parse(const char *s, sy_bp_activation *a)
{
	int			i = name_index(sy_bp_activation_names, SY_BP_NACTIVATIONS, s);

	if (i >= 0)
		*a = (sy_bp_activation) i;
	return i >= 0;
}

/* ---- the transform ---- */

/* Least-squares line through (i, y_i), i = 0..n-1, centred for accuracy. */
static void
fit_line(const double *y, int n, double *intercept, double *slope)
{
	double		ibar = (n - 1) / 2.0;
	double		ybar = 0.0,
				sxy = 0.0,
				sxx = 0.0;

	for (int i = 0; i < n; i++)
		ybar += y[i];
	ybar /= n;
	for (int i = 0; i < n; i++)
	{
		sxy += (i - ibar) * (y[i] - ybar);
		sxx += (i - ibar) * (i - ibar);
	}
	*slope = sxx > 0.0 ? sxy / sxx : 0.0;
	*intercept = ybar - *slope * ibar;
}

/* The transformed series of y into t; returns its length. */
static int
transform_series(sy_bp_transform tr, const double *y, int n, double *t,
				 double *intercept, double *slope)
{
	*intercept = 0.0;
	*slope = 0.0;
	switch (tr)
	{
		case SY_BP_DIFFERENCE:
			for (int i = 1; i < n; i++)
				t[i - 1] = y[i] - y[i - 1];
			return n - 1;
		case SY_BP_DETREND:
			fit_line(y, n, intercept, slope);
			for (int i = 0; i < n; i++)
				t[i] = y[i] - (*intercept + *slope * i);
			return n;
		case SY_BP_LEVEL:
		default:
			memcpy(t, y, sizeof(double) * n);
			return n;
	}
}

/* value i of the training signal of y under tr (see transform_series) */
static inline double
signal_at(sy_bp_transform tr, const double *y, int i, double intercept, double slope)
{
	return tr == SY_BP_DIFFERENCE ? y[i + 1] - y[i]
		: tr == SY_BP_DETREND ? y[i] - (intercept + slope * i) : y[i];
}

/*
 * The spread of the training signal of y under tr, sqrt(mean square about
 * its mean): fit_plain's scale (before it puts 1 for a spread of 0, a
 * divisor, not a spread).  When the plain sum of squares overflows (values
 * above about 1e154) or underflows (below about 1e-162), where the
 * deviations themselves do not, it is taken relative to the largest
 * deviation; only then, so that every other series keeps the bits of the
 * plain sum.
 */
double
sy_bp_signal_spread(sy_bp_transform tr, const double *y, int n)
{
	double		intercept = 0.0,
				slope = 0.0,
				mean = 0.0,
				ss = 0.0,
				scale,
				big = 0.0;
	int			m = tr == SY_BP_DIFFERENCE ? n - 1 : n;

	if (m < 1)
		return 0.0;
	if (tr == SY_BP_DETREND)
		fit_line(y, n, &intercept, &slope);
	for (int i = 0; i < m; i++)
		mean += signal_at(tr, y, i, intercept, slope);
	mean /= m;
	for (int i = 0; i < m; i++)
	{
		double		d = signal_at(tr, y, i, intercept, slope) - mean;

		ss += d * d;
	}
	scale = sqrt(ss / m);
	if (!isfinite(mean) || (isfinite(scale) && ss >= DBL_MIN))
		return scale;
	for (int i = 0; i < m; i++)
		big = fmax(big, fabs(signal_at(tr, y, i, intercept, slope) - mean));
	if (!(big > 0.0) || !isfinite(big))
		return big > 0.0 ? scale : 0.0;
	ss = 0.0;
	for (int i = 0; i < m; i++)
	{
		double		d = (signal_at(tr, y, i, intercept, slope) - mean) / big;

		ss += d * d;
	}
	return big * sqrt(ss / m);
}

/* ---- one network ---- */

typedef struct net_shape
{
	int			lags;
	int			hidden;
	sy_bp_activation act;
} net_shape;

static void
net_init(const net_shape *s, double *w, const sy_host *host)
{
	int			L = s->lags,
				H = s->hidden;
	double	   *w1 = w,
			   *b1 = w + H * L,
			   *w2 = b1 + H;
	double		r1 = sqrt(6.0 / (L + H)),
				r2 = sqrt(6.0 / (H + 1));

	for (int k = 0; k < H * L; k++)
		w1[k] = r1 * (2.0 * host->random_double(host->ctx) - 1.0);
	for (int j = 0; j < H; j++)
	{
		b1[j] = 0.0;
		w2[j] = r2 * (2.0 * host->random_double(host->ctx) - 1.0);
	}
	w2[H] = 0.0;				/* b2 */
}

/* Output of the network for inputs x[0..lags-1]; h receives the hidden values. */
static inline double
net_output(const net_shape *s, const double *w, const double *x, double *h)
{
	int			L = s->lags,
				H = s->hidden;
	const double *w1 = w,
			   *b1 = w + H * L,
			   *w2 = b1 + H;
	double		out = w2[H];

	for (int j = 0; j < H; j++)
	{
		double		a = b1[j];
		const double *row = w1 + j * L;

		for (int i = 0; i < L; i++)
			a += row[i] * x[i];
		h[j] = activate(s->act, a);
		out += w2[j] * h[j];
	}
	return out;
}

/*
 * Forward and backward pass of one window: adds the gradient of its squared
 * error to g.  Inlined with act and dropout constant, so the common case
 * (tanh, no dropout) has no branches or multiplications by 1 in its loops;
 * the arithmetic is the same, so every variant gives the same bits.
 */
static inline __attribute__((always_inline)) void
window_pass(int L, int H, sy_bp_activation act, int dropout,
			const double *w, const double *x, double target,
			const double *keep, double *h, double *g)
{
	const double *w1 = w,
			   *b1 = w + H * L,
			   *w2 = b1 + H;
	double	   *gw1 = g,
			   *gb1 = g + H * L,
			   *gw2 = gb1 + H;
	double		out = w2[H],
				d;

	for (int j = 0; j < H; j++)
	{
		double		a = b1[j];

		for (int i = 0; i < L; i++)
			a += w1[j * L + i] * x[i];
		h[j] = activate(act, a);
		out += w2[j] * (dropout ? h[j] * keep[j] : h[j]);
	}
	d = 2.0 * (out - target);
	gw2[H] += d;
	for (int j = 0; j < H; j++)
	{
		double		da;

		if (dropout && keep[j] == 0.0)
			continue;
		gw2[j] += dropout ? d * h[j] * keep[j] : d * h[j];
		da = (dropout ? d * w2[j] * keep[j] : d * w2[j]) * activate_slope(act, h[j]);
		gb1[j] += da;
		for (int i = 0; i < L; i++)
			gw1[j * L + i] += da * x[i];
	}
}

/*
 * Train one network on windows 0..nwin-1 of z.  work: 4 * nparam + 2 * hidden.
 */
static void
net_train(const net_shape *s, const double *z, int nwin,
		  const sy_bp_options *opt, double *w, double *work)
{
	int			L = s->lags,
				H = s->hidden;
	size_t		P = sy_bp_nparam(L, H);
	double	   *g = work,
			   *m1 = g + P,
			   *m2 = m1 + P,
			   *h = m2 + P,
			   *keep = h + H;
	const double beta1 = 0.9,
				beta2 = 0.999,
				eps = 1e-8;
	double		b1t = 1.0,
				b2t = 1.0;
	double		keep_p = 1.0 - opt->dropout;
	int			dropout = opt->dropout > 0.0;
	const sy_host *host = opt->host;
	size_t		ops = 0;

	memset(m1, 0, sizeof(double) * P);
	memset(m2, 0, sizeof(double) * P);

	for (int epoch = 0; epoch < opt->epochs; epoch++)
	{
		double		step;

		memset(g, 0, sizeof(double) * P);
		for (int sidx = 0; sidx < nwin; sidx++)
		{
			const double *x = z + sidx;
			double		target = z[sidx + L];

			/* about a millisecond of work between checks, whatever the sizes */
			ops += P;
			if (ops > (1u << 20))
			{
				ops = 0;
				sy_host_check_interrupts(host);
			}
			if (dropout)
			{
				for (int j = 0; j < H; j++)
					keep[j] = host->random_double(host->ctx) < keep_p ? 1.0 / keep_p : 0.0;
				window_pass(L, H, s->act, 1, w, x, target, keep, h, g);
			}
			else if (s->act == SY_BP_TANH)
				window_pass(L, H, SY_BP_TANH, 0, w, x, target, keep, h, g);
			else
				window_pass(L, H, SY_BP_SIGMOID, 0, w, x, target, keep, h, g);
		}
		b1t *= beta1;
		b2t *= beta2;
		step = opt->learning_rate * sqrt(1.0 - b2t) / (1.0 - b1t);
		for (size_t k = 0; k < P; k++)
		{
			double		gk = g[k] + 2.0 * opt->decay * w[k];

			m1[k] = beta1 * m1[k] + (1.0 - beta1) * gk;
			m2[k] = beta2 * m2[k] + (1.0 - beta2) * gk * gk;
			w[k] -= step * m1[k] / (sqrt(m2[k]) + eps);
		}
	}
}

/* ---- fitting ---- */

static size_t
plain_work_size(int n, int H, int lags)
{
	size_t		P = sy_bp_nparam(lags, H);

	/* z, train scratch, one candidate network, validation sums */
	return (size_t) n + 4 * P + 2 * (size_t) H + P + (size_t) n;
}

size_t
sy_bp_work_size(int n, const sy_bp_options *opt)
{
	int			H = sy_bp_max_hidden(opt);
	size_t		P = sy_bp_nparam(opt->lags, H);

	if (opt->transform == SY_BP_AUTO)
	{
		int			ve = opt->ensemble < SY_BP_AUTO_VAL_ENSEMBLE ? opt->ensemble : SY_BP_AUTO_VAL_ENSEMBLE;

		/* a plain fit's work, the validation networks, a forecast's work
		 * (n + n + H) and its output (n) */
		return plain_work_size(n, H, opt->lags) + (size_t) ve * P
			+ 3 * (size_t) n + (size_t) H;
	}
	return plain_work_size(n, H, opt->lags);
}

size_t
sy_bp_weights_size(const sy_bp_options *opt)
{
	size_t		w = (size_t) opt->ensemble * sy_bp_nparam(opt->lags, sy_bp_max_hidden(opt));

	return opt->transform == SY_BP_AUTO ? 2 * w : w;
}

/* Mean of the networks' one-step predictions for windows from..to-1. */
static void
ensemble_predict(const net_shape *s, const double *weights, int nets,
				 const double *z, int from, int to, double *h, double *pred)
{
	size_t		P = sy_bp_nparam(s->lags, s->hidden);

	for (int sidx = from; sidx < to; sidx++)
		pred[sidx - from] = 0.0;
	for (int k = 0; k < nets; k++)
		for (int sidx = from; sidx < to; sidx++)
			pred[sidx - from] += net_output(s, weights + k * P, z + sidx, h);
	for (int sidx = from; sidx < to; sidx++)
		pred[sidx - from] /= nets;
}

static double
rmse_of(const double *pred, const double *target, int k)
{
	double		ss = 0.0;

	for (int i = 0; i < k; i++)
		ss += (pred[i] - target[i]) * (pred[i] - target[i]);
	return sqrt(ss / k);
}

static void
train_ensemble(const net_shape *s, const double *z, int nwin, int nets, int phase,
			   const sy_bp_options *opt, double *weights, double *work)
{
	size_t		P = sy_bp_nparam(s->lags, s->hidden);

	for (int k = 0; k < nets; k++)
	{
		opt->host->seed(opt->host->ctx, net_seed(opt->seed, phase, s->hidden, k));
		net_init(s, weights + k * P, opt->host);
		net_train(s, z, nwin, opt, weights + k * P, work);
	}
}

static void clear_auto(sy_bp_model *model);
static sy_status fit_auto(const double *y, int n, const sy_bp_options *opt,
						  double *work, sy_bp_model *model);

/* One ensemble on one transform (not 'auto'). */
static sy_status
fit_plain(const double *y, int n, const sy_bp_options *opt,
		  double *work, sy_bp_model *model)
{
	int			L = opt->lags;
	int			Hmax = sy_bp_max_hidden(opt);
	size_t		Pmax = sy_bp_nparam(L, Hmax);
	double	   *z = work,
			   *scratch = z + n,
			   *pred = scratch + 4 * Pmax + 2 * (size_t) Hmax + Pmax;
	double		intercept,
				slope,
				mean = 0.0,
				scale;
	int			m,
				nwin;
	net_shape	s;

	m = transform_series(opt->transform, y, n, z, &intercept, &slope);
	for (int i = 0; i < m; i++)
		mean += z[i];
	mean /= m;
	/* the same expressions as z, in the same order: the same spread */
	scale = sy_bp_signal_spread(opt->transform, y, n);
	if (!isfinite(mean) || !isfinite(scale))
		return SY_EDOMAIN;
	if (!(scale > 0.0))
		scale = 1.0;			/* nothing varies: every target is 0 */
	for (int i = 0; i < m; i++)
		z[i] = (z[i] - mean) / scale;

	nwin = m - L;
	model->lags = L;
	model->ensemble = opt->ensemble;
	model->transform = opt->transform;
	model->activation = opt->activation;
	model->center = mean;
	model->scale = scale;
	model->lower = opt->lower;
	model->upper = opt->upper;
	model->samples = nwin;
	clear_auto(model);
	model->n_search = 0;
	model->validation_windows = 0;
	model->validation_rmse = NAN;
	s.lags = L;
	s.act = opt->activation;

	if (opt->hidden > 0)
		s.hidden = opt->hidden;
	else
	{
		/* The paper's rule k = sqrt(m + h) + a, a = 1..10, keeping the size
		 * whose networks, trained without the last windows, predict those
		 * best.  Too few windows to hold some out: the smallest size. */
		int			base = rule_hidden(L);
		int			nval = nwin / 5 > 1 ? nwin / 5 : 1;
		int			ntrain = nwin - nval;
		int			nets = 1;
		double		best = INFINITY;

		s.hidden = base + 1;
		if (ntrain >= 3)
		{
			model->validation_windows = nval;
			for (int a = 1; a <= SY_BP_SEARCH_SIZES; a++)
			{
				net_shape	c = s;
				double		err;

				c.hidden = base + a;
				train_ensemble(&c, z, ntrain, nets, 0, opt, model->weights, scratch);
				ensemble_predict(&c, model->weights, nets, z, ntrain, nwin,
								 scratch, pred);
				err = rmse_of(pred, z + ntrain + L, nval);
				model->search_hidden[model->n_search] = c.hidden;
				model->search_rmse[model->n_search] = err * scale;
				model->n_search++;
				if (err < best)
				{
					best = err;
					s.hidden = c.hidden;
				}
			}
			model->validation_rmse = best * scale;
		}
	}
	model->hidden = s.hidden;

	train_ensemble(&s, z, nwin, opt->ensemble, 1, opt, model->weights, scratch);
	ensemble_predict(&s, model->weights, opt->ensemble, z, 0, nwin, scratch, pred);
	model->train_rmse = rmse_of(pred, z + L, nwin) * scale;
	return SY_OK;
}

sy_status
sy_bp_fit(const double *y, int n, const sy_bp_options *opt,
		  double *work, sy_bp_model *model)
{
	if (opt->transform == SY_BP_AUTO)
		return fit_auto(y, n, opt, work, model);
	return fit_plain(y, n, opt, work, model);
}

/* ---- forecasting ---- */

int
sy_bp_min_history(const sy_bp_model *model)
{
	return model->transform == SY_BP_DIFFERENCE || model->transform == SY_BP_AUTO
		? model->lags + 1 : model->lags;
}

size_t
sy_bp_forecast_work_size(const sy_bp_model *model, int n, int horizon)
{
	/* transformed history and its continuation, hidden values; 'auto'
	 * also one part's forecast */
	return (size_t) n + (size_t) horizon + (size_t) model->hidden
		+ (model->transform == SY_BP_AUTO ? (size_t) horizon : 0);
}

static double
clamp_level(const sy_bp_model *model, double v)
{
	if (!isnan(model->lower) && v < model->lower)
		return model->lower;
	if (!isnan(model->upper) && v > model->upper)
		return model->upper;
	return v;
}

static void
forecast_plain(const sy_bp_model *model, const double *y, int n,
			   int horizon, const sy_host *host,
			   double *work, double *out)
{
	int			L = model->lags;
	size_t		P = sy_bp_nparam(L, model->hidden);
	double	   *z = work,
			   *h = work + n + horizon;
	double		intercept,
				slope;
	int			m;
	net_shape	s;

	s.lags = L;
	s.hidden = model->hidden;
	s.act = model->activation;

	for (int k = 0; k < horizon; k++)
		out[k] = 0.0;
	for (int net = 0; net < model->ensemble; net++)
	{
		const double *w = model->weights + net * P;
		double		prev = y[n - 1];

		/* the transform restarts from the history for each network */
		m = transform_series(model->transform, y, n, z, &intercept, &slope);
		for (int i = 0; i < m; i++)
			z[i] = (z[i] - model->center) / model->scale;

		for (int k = 0; k < horizon; k++)
		{
			double		t;
			double		level;

			if ((k & 255) == 0)
				sy_host_check_interrupts(host);
			t = model->center + model->scale * net_output(&s, w, z + m + k - L, h);

			switch (model->transform)
			{
				case SY_BP_DIFFERENCE:
					level = clamp_level(model, prev + t);
					t = level - prev;
					break;
				case SY_BP_DETREND:
					{
						double		line = intercept + slope * (n + k);

						level = clamp_level(model, line + t);
						t = level - line;
					}
					break;
				case SY_BP_LEVEL:
				default:
					level = clamp_level(model, t);
					t = level;
					break;
			}
			z[m + k] = (t - model->center) / model->scale;
			out[k] += level;
			prev = level;
		}
	}
	/* the mean of values within the bounds can round just past them */
	for (int k = 0; k < horizon; k++)
		out[k] = clamp_level(model, out[k] / model->ensemble);
}

static void forecast_auto(const sy_bp_model *model, const double *y, int n,
						  int horizon, const sy_host *host,
						  double *work, double *out);

void
sy_bp_forecast(const sy_bp_model *model, const double *y, int n,
			   int horizon, const sy_host *host,
			   double *work, double *out)
{
	if (model->transform == SY_BP_AUTO)
		forecast_auto(model, y, n, horizon, host, work, out);
	else
		forecast_plain(model, y, n, horizon, host, work, out);
}

/* ---- transform 'auto' ---- */

static void
clear_auto(sy_bp_model *model)
{
	model->level_center = 0.0;
	model->level_scale = 0.0;
	model->level_weights = NULL;
	model->ses_alpha = 0.0;
	model->auto_origins = 0;
	for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
	{
		model->combine[j] = 0.0;
		model->auto_smape[j] = NAN;
	}
}

double
sy_ses_level(const double *y, int n, double alpha)
{
	double		l = y[0];

	for (int i = 1; i < n; i++)
		l += alpha * (y[i] - l);
	return l;
}

double
sy_ses_alpha(const double *y, int n)
{
	double		best = INFINITY,
				alpha = 1.0,
				c = 1.0;

	for (int pass = 0; pass < 2 && !(best >= DBL_MIN && best < INFINITY); pass++)
	{
		if (pass == 1)
		{
			/*
			 * Every sum of squares overflowed (values above about 1e154),
			 * or the least underflowed (below about 1e-162; or is 0): the
			 * errors times a power of 2 that brings the largest value near
			 * 1, which orders the sums as the exact ones.
			 */
			double		top = 0.0;

			best = INFINITY;
			alpha = 1.0;

			for (int i = 0; i < n; i++)
				top = fmax(top, fabs(y[i]));
			if (!(top > 0.0) || !isfinite(top))
				break;
			c = ldexp(1.0, -ilogb(top));
		}
		for (int k = 1; k <= SY_BP_SES_GRID; k++)
		{
			double		a = (double) k / SY_BP_SES_GRID,
						l = y[0],
						sse = 0.0;

			for (int i = 1; i < n; i++)
			{
				double		e = y[i] - l;

				sse += (e * c) * (e * c);
				l += a * e;
			}
			if (sse < best)		/* ties: the smaller alpha */
			{
				best = sse;
				alpha = a;
			}
		}
	}
	return alpha;
}

/* Mean sMAPE (percent) of f against a; halved terms cannot overflow, and a
 * forecast that did (inf) counts as the worst, 200. */
static double
smape_of(const double *f, const double *a, int h)
{
	double		s = 0.0;

	for (int i = 0; i < h; i++)
	{
		double		d = fabs(0.5 * f[i]) + fabs(0.5 * a[i]);
		double		e = d > 0.0 ? 200.0 * fabs(0.5 * f[i] - 0.5 * a[i]) / d : 0.0;

		s += isnan(e) ? 200.0 : e;
	}
	return s / h;
}

/*
 * The weights of the parts from their validation errors: the part with the
 * largest error (ties: the later part) gets 0, the others weights in
 * proportion to 1 / error^2, or, where some have error 0, those share all
 * of it.  No origin: equal weights.
 */
static void
combine_weights(const double *err, int origins, double *w)
{
	int			worst = 0;
	double		emin = INFINITY,
				sum = 0.0;

	if (origins == 0)
	{
		for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
			w[j] = 1.0 / SY_BP_AUTO_PARTS;
		return;
	}
	for (int j = 1; j < SY_BP_AUTO_PARTS; j++)
		if (err[j] >= err[worst])
			worst = j;
	for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
		if (j != worst && err[j] < emin)
			emin = err[j];
	for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
	{
		if (j == worst)
			w[j] = 0.0;
		else if (emin == 0.0)
			w[j] = err[j] == 0.0 ? 1.0 : 0.0;
		else
			w[j] = (emin / err[j]) * (emin / err[j]);	/* in (0, 1] */
		sum += w[j];
	}
	for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
		w[j] /= sum;
}

/*
 * Fit the parts on the whole history (the networks exactly as transform
 * 'difference' and 'level' with the same hidden size train them), then
 * validate: at each of the last SY_BP_AUTO_ORIGINS origins o from which the
 * networks on differences can train (o >= lags + 3), refit each part on
 * y[0..o-1] (SY_BP_AUTO_VAL_ENSEMBLE networks; SES its alpha; drift its
 * line), forecast y[o..n-1] and sum the sMAPE.
 */
static sy_status
fit_auto(const double *y, int n, const sy_bp_options *opt,
		 double *work, sy_bp_model *model)
{
	int			L = opt->lags,
				H = sy_bp_max_hidden(opt);
	size_t		P = sy_bp_nparam(L, H);
	int			ve = opt->ensemble < SY_BP_AUTO_VAL_ENSEMBLE ? opt->ensemble : SY_BP_AUTO_VAL_ENSEMBLE;
	double	   *vweights = work + plain_work_size(n, H, L),
			   *fwork = vweights + (size_t) ve * P,
			   *fout = fwork + 2 * (size_t) n + H,
			   *level_weights = model->weights + (size_t) opt->ensemble * P;
	double		err[SY_BP_AUTO_PARTS] = {0.0};
	sy_bp_options sub = *opt;
	sy_bp_model part,
				vm;
	sy_status	st;
	int			first;

	sub.hidden = H;
	sub.transform = SY_BP_DIFFERENCE;
	if ((st = fit_plain(y, n, &sub, work, model)) != SY_OK)
		return st;
	sub.transform = SY_BP_LEVEL;
	part.weights = level_weights;
	if ((st = fit_plain(y, n, &sub, work, &part)) != SY_OK)
		return st;

	first = n - SY_BP_AUTO_ORIGINS;
	if (first < L + 3)
		first = L + 3;
	sub.ensemble = ve;
	for (int o = first; o < n; o++)
	{
		double		level;

		for (int j = 0; j < 2; j++)
		{
			sub.transform = j == 0 ? SY_BP_DIFFERENCE : SY_BP_LEVEL;
			vm.weights = vweights;
			if ((st = fit_plain(y, o, &sub, work, &vm)) != SY_OK)
				return st;
			forecast_plain(&vm, y, o, n - o, opt->host, fwork, fout);
			err[j] += smape_of(fout, y + o, n - o);
		}
		level = clamp_level(model, sy_ses_level(y, o, sy_ses_alpha(y, o)));
		for (int k = 0; k < n - o; k++)
			fout[k] = level;
		err[2] += smape_of(fout, y + o, n - o);
		sy_forecast_drift(y, o, n - o, fout);
		for (int k = 0; k < n - o; k++)
			fout[k] = clamp_level(model, fout[k]);
		err[3] += smape_of(fout, y + o, n - o);
	}

	model->transform = SY_BP_AUTO;
	model->level_center = part.center;
	model->level_scale = part.scale;
	model->level_weights = level_weights;
	model->ses_alpha = sy_ses_alpha(y, n);
	model->auto_origins = n > first ? n - first : 0;
	for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
		model->auto_smape[j] = model->auto_origins > 0 ? err[j] : NAN;
	combine_weights(err, model->auto_origins, model->combine);
	return SY_OK;
}

/* The combination of the parts with non-zero weight, each forecast from y. */
static void
forecast_auto(const sy_bp_model *model, const double *y, int n,
			  int horizon, const sy_host *host,
			  double *work, double *out)
{
	double	   *part = work + n + horizon + model->hidden;
	sy_bp_model v;

	for (int k = 0; k < horizon; k++)
		out[k] = 0.0;
	for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
	{
		if (model->combine[j] == 0.0)
			continue;
		if (j < 2)
		{
			v = *model;
			v.transform = j == 0 ? SY_BP_DIFFERENCE : SY_BP_LEVEL;
			if (j == 1)
			{
				v.center = model->level_center;
				v.scale = model->level_scale;
				v.weights = model->level_weights;
			}
			forecast_plain(&v, y, n, horizon, host, work, part);
		}
		else if (j == 2)
		{
			double		level = clamp_level(model, sy_ses_level(y, n, model->ses_alpha));

			for (int k = 0; k < horizon; k++)
				part[k] = level;
		}
		else
		{
			sy_forecast_drift(y, n, horizon, part);
			for (int k = 0; k < horizon; k++)
				part[k] = clamp_level(model, part[k]);
		}
		for (int k = 0; k < horizon; k++)
			out[k] += model->combine[j] * part[k];
	}
	for (int k = 0; k < horizon; k++)
		out[k] = clamp_level(model, out[k]);
}

void
sy_bp_model_member(const sy_bp_model *model, int j, sy_bp_model *member)
{
	size_t		P = sy_bp_nparam(model->lags, model->hidden);

	*member = *model;
	member->ensemble = 1;
	member->weights = model->weights + (size_t) j * P;
	if (model->transform == SY_BP_AUTO)
		member->level_weights = model->level_weights + (size_t) j * P;
}

const char *
sy_bp_model_check(const sy_bp_model *model)
{
	size_t		P;
	const char *msg;

	if (model->hidden < 1)
		return "hidden must be between 1 and " SY_STRING(SY_BP_MAX_HIDDEN);
	msg = check_shape(model->lags, model->hidden, model->ensemble,
					  model->lower, model->upper);
	if (msg != NULL)
		return msg;
	if (!isfinite(model->center) || !isfinite(model->scale) || !(model->scale > 0.0))
		return "center must be finite and scale finite and positive";
	P = sy_bp_nparam(model->lags, model->hidden);
	for (size_t k = 0; k < P * (size_t) model->ensemble; k++)
		if (!isfinite(model->weights[k]))
			return "every weight must be a finite number";
	if (model->transform == SY_BP_AUTO)
	{
		double		sum = 0.0;

		if (!isfinite(model->level_center) || !isfinite(model->level_scale)
			|| !(model->level_scale > 0.0))
			return "the level networks' center must be finite and scale finite and positive";
		for (size_t k = 0; k < P * (size_t) model->ensemble; k++)
			if (!isfinite(model->level_weights[k]))
				return "every weight of the level networks must be a finite number";
		if (!(model->ses_alpha > 0.0 && model->ses_alpha <= 1.0))
			return "ses_alpha must be greater than 0 and at most 1";
		for (int j = 0; j < SY_BP_AUTO_PARTS; j++)
		{
			if (!(model->combine[j] >= 0.0 && model->combine[j] <= 1.0))
				return "every combination weight must be between 0 and 1";
			sum += model->combine[j];
		}
		if (!(fabs(sum - 1.0) <= 1e-9))
			return "the combination weights must sum to 1";
	}
	return NULL;
}

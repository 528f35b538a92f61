/*
 * factor.c - factor analysis as SPSS does it by default: principal
 * components of the correlation matrix, factors kept by Kaiser's criterion
 * (or a fixed number), varimax rotation with Kaiser normalization,
 * regression-method score coefficients; KMO and Bartlett's test.
 *
 * Score coefficients are R^-1 A for loadings A.  With principal-component
 * extraction A = V_k L_k^(1/2) T (T the rotation), so R^-1 A = V_k
 * L_k^(-1/2) T exactly; computed that way it needs no inverse and stays
 * defined when R is singular (perfectly correlated indicators, fewer rows
 * than indicators), where it equals the pseudo-inverse solution.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lapacke.h>

#include "sy_core_factor.h"

size_t
sy_factor_doubles(size_t p)
{
	return 8 * p * p + 7 * p;
}

void
sy_factor_init(sy_factor *f, size_t p, double *space)
{
	memset(f, 0, sizeof(*f));
	f->p = p;
	f->eigenvalues = space;
	space += p;
	f->eigenvectors = space;
	space += p * p;
	f->loadings = space;
	space += p * p;
	f->rotated = space;
	space += p * p;
	f->rotation = space;
	space += p * p;
	f->ss_rotated = space;
	space += p;
	f->communality = space;
	space += p;
	f->coef = space;
	space += p * p;
	f->msa = space;
	space += p;
	f->work = space;
	space += 2 * p * p + 3 * p;
	(void) space;				/* p * p left for the caller */
	f->kmo = f->bartlett_chi2 = f->bartlett_p = NAN;
}

sy_status
sy_correlation(const double *x, size_t n, size_t p,
			   double *mean, double *sd, double *r, size_t *bad,
			   const sy_host *host)
{
	if (n < 2)
		return SY_UNDEFINED;
	for (size_t j = 0; j < p; j++)
		mean[j] = 0.0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < p; j++)
			mean[j] += x[i * p + j];
	for (size_t j = 0; j < p; j++)
		mean[j] /= (double) n;
	/* second pass: the mean of the residuals corrects the rounding of the
	 * first sum, which matters for data far from zero */
	for (size_t j = 0; j < p; j++)
	{
		double		c = 0.0;

		for (size_t i = 0; i < n; i++)
			c += x[i * p + j] - mean[j];
		mean[j] += c / (double) n;
	}
	/* co-moments of deviations from the mean: no cancellation */
	for (size_t q = 0; q < p * p; q++)
		r[q] = 0.0;
	for (size_t i = 0, ops = 0; i < n; i++)
	{
		const double *row = x + i * p;

		/* a row costs p(p+1)/2 products: check about every 2^20 of them */
		ops += p * (p + 1) / 2;
		if (ops >= ((size_t) 1 << 20))
		{
			ops = 0;
			sy_host_check_interrupts(host);
		}
		for (size_t j = 0; j < p; j++)
		{
			double		dj = row[j] - mean[j];
			double	   *rj = r + j * p;

			for (size_t k = j; k < p; k++)
				rj[k] += dj * (row[k] - mean[k]);
		}
	}
	/* A sum of squares below DBL_MIN is made of subnormal squares that have
	 * lost their precision (deviations below about 1e-154): the correlations
	 * would be noise, and the matrix need not be positive semidefinite
	 * (communalities above 1, found by the fuzzer).  Refuse it as for a
	 * constant indicator; the glue reports a rescaling error. */
	for (size_t j = 0; j < p; j++)
	{
		if (!(r[j * p + j] >= DBL_MIN))
		{
			*bad = j;
			return SY_EDOMAIN;
		}
		sd[j] = sqrt(r[j * p + j] / (double) (n - 1));
	}
	for (size_t j = 0; j < p; j++)
	{
		double		sj = sqrt(r[j * p + j]);

		for (size_t k = j + 1; k < p; k++)
		{
			double		v = r[j * p + k] / (sj * sqrt(r[k * p + k]));

			v = v > 1.0 ? 1.0 : (v < -1.0 ? -1.0 : v);
			r[j * p + k] = r[k * p + j] = v;
		}
	}
	for (size_t j = 0; j < p; j++)
		r[j * p + j] = 1.0;
	return SY_OK;
}

sy_status
sy_correlation_packed(const double *comoment, size_t p, double *r, size_t *bad)
{
	for (size_t j = 0; j < p; j++)	/* as sy_correlation: no subnormal sums */
		if (!(comoment[sy_packed_index(p, j, j)] >= DBL_MIN))
		{
			*bad = j;
			return SY_EDOMAIN;
		}
	for (size_t j = 0; j < p; j++)
	{
		double		sj = sqrt(comoment[sy_packed_index(p, j, j)]);

		r[j * p + j] = 1.0;
		for (size_t k = j + 1; k < p; k++)
		{
			double		v = comoment[sy_packed_index(p, j, k)] /
				(sj * sqrt(comoment[sy_packed_index(p, k, k)]));

			v = v > 1.0 ? 1.0 : (v < -1.0 ? -1.0 : v);
			r[j * p + k] = r[k * p + j] = v;
		}
	}
	return SY_OK;
}

/* Sign of column c of a p x ncol row-major matrix by the documented rule. */
static double
column_sign(const double *a, size_t p, size_t ncol, size_t c)
{
	double		sum = 0.0,
				norm = 0.0,
				big = 0.0,
				bigv = 0.0;

	for (size_t i = 0; i < p; i++)
	{
		double		v = a[i * ncol + c];

		sum += v;
		norm += v * v;
		if (fabs(v) > big)
		{
			big = fabs(v);
			bigv = v;
		}
	}
	/* a sum that is zero up to rounding has no reliable sign */
	if (fabs(sum) > 1e-8 * sqrt(norm) * sqrt((double) p))
		return sum > 0.0 ? 1.0 : -1.0;
	return bigv >= 0.0 ? 1.0 : -1.0;
}

/* KMO, per-indicator MSA and Bartlett's test from R and its eigensystem. */
static void
adequacy(sy_factor *f, const double *r, double n)
{
	size_t		p = f->p;
	double	   *rinv;
	double		r2all = 0.0,
				a2all = 0.0;

	f->bartlett_df = (double) p * (double) (p - 1) / 2.0;
	if (f->singular)
	{
		f->log_det = -INFINITY;
		return;
	}
	f->log_det = 0.0;
	for (size_t j = 0; j < p; j++)
		f->log_det += log(f->eigenvalues[j]);
	f->bartlett_chi2 = -((n - 1.0) - (2.0 * p + 5.0) / 6.0) * f->log_det;
	f->bartlett_p = p > 1 ? sy_chisq_upper(f->bartlett_chi2, f->bartlett_df) : NAN;

	/* R^-1 = V L^-1 V', in LAPACK's input copy (dsyevr destroyed it):
	 * p^3 / 2 operations, so the interrupt check runs once per row */
	rinv = f->work;
	for (size_t i = 0; i < p; i++)
	{
		sy_host_check_interrupts(f->host);
		for (size_t j = i; j < p; j++)
		{
			double		s = 0.0;

			for (size_t l = 0; l < p; l++)
				s += f->eigenvectors[i * p + l] * f->eigenvectors[j * p + l] / f->eigenvalues[l];
			rinv[i * p + j] = rinv[j * p + i] = s;
		}
	}
	for (size_t i = 0; i < p; i++)
	{
		double		r2 = 0.0,
					a2 = 0.0;

		for (size_t j = 0; j < p; j++)
		{
			double		a;

			if (j == i)
				continue;
			a = -rinv[i * p + j] / sqrt(rinv[i * p + i] * rinv[j * p + j]);
			r2 += r[i * p + j] * r[i * p + j];
			a2 += a * a;
		}
		f->msa[i] = r2 + a2 > 0.0 ? r2 / (r2 + a2) : NAN;
		r2all += r2;
		a2all += a2;
	}
	f->kmo = r2all + a2all > 0.0 ? r2all / (r2all + a2all) : NAN;
}

sy_status
sy_factor_eigen(sy_factor *f, double *r, double n)
{
	size_t		p = f->p;
	/* workspace from the caller (f->work), not malloc: adequacy() calls
	 * the interrupt check, which may longjmp out */
	double	   *a = f->work;
	double	   *z = a + p * p;
	double	   *w = z + p * p;
	lapack_int *isuppz = (lapack_int *) (w + p);	/* 2p ints in 2p doubles */
	lapack_int	found = 0,
				info;

	f->n = n;
	for (size_t j = 0; j < p; j++)
		f->msa[j] = NAN;
	memcpy(a, r, sizeof(double) * p * p);
	info = LAPACKE_dsyevr(LAPACK_ROW_MAJOR, 'V', 'A', 'U', (lapack_int) p, a, (lapack_int) p,
						  0.0, 0.0, 0, 0, 0.0, &found, w, z, (lapack_int) p, isuppz);
	if (info != 0 || found != (lapack_int) p)
		return SY_EDOMAIN;
	/* LAPACK sorts ascending: reverse, and fix each vector's sign */
	for (size_t j = 0; j < p; j++)
	{
		size_t		src = p - 1 - j;
		double		s;

		f->eigenvalues[j] = w[src];
		for (size_t i = 0; i < p; i++)
			f->eigenvectors[i * p + j] = z[i * p + src];
		s = column_sign(f->eigenvectors, p, p, j);
		for (size_t i = 0; i < p; i++)
			f->eigenvectors[i * p + j] *= s;
	}
	f->singular = !(f->eigenvalues[p - 1] > SY_FACTOR_SINGULAR_TOL * (double) p);
	adequacy(f, r, n);
	return SY_OK;
}

size_t
sy_factor_count(const sy_factor *f, size_t nfactors)
{
	size_t		p = f->p,
				k = 0;
	double		tol = SY_FACTOR_SINGULAR_TOL * (double) p;

	if (nfactors > 0)
	{
		/* a factor needs a positive eigenvalue: its scores divide by it */
		if (nfactors > p || !(f->eigenvalues[nfactors - 1] > tol))
			return 0;
		return nfactors;
	}
	while (k < p && f->eigenvalues[k] > 1.0)
		k++;
	return k > 0 ? k : 1;
}

/* Rotate columns j and l of a (nrow x ncol) by angle phi. */
static void
rotate_pair(double *a, size_t nrow, size_t ncol, size_t j, size_t l, double c, double s)
{
	for (size_t i = 0; i < nrow; i++)
	{
		double		x = a[i * ncol + j],
					y = a[i * ncol + l];

		a[i * ncol + j] = x * c + y * s;
		a[i * ncol + l] = -x * s + y * c;
	}
}

/*
 * Kaiser's varimax by plane rotations of each pair of factors, on loadings
 * normalized by the square roots of the communalities; sweeps until no
 * angle exceeds 1e-13 radians (at most 1000 sweeps).
 */
static int
varimax(double *b, size_t p, size_t k, double *t, const sy_host *host)
{
	int			sweep;

	for (size_t i = 0; i < k * k; i++)
		t[i] = 0.0;
	for (size_t i = 0; i < k; i++)
		t[i * k + i] = 1.0;
	for (sweep = 1; sweep <= 1000; sweep++)
	{
		double		biggest = 0.0;

		for (size_t j = 0; j + 1 < k; j++)
		{
			sy_host_check_interrupts(host);
			for (size_t l = j + 1; l < k; l++)
			{
				double		sa = 0.0,
							sb = 0.0,
							sc = 0.0,
							sd = 0.0,
							num,
							den,
							phi;

				for (size_t i = 0; i < p; i++)
				{
					double		x = b[i * k + j],
								y = b[i * k + l];
					double		u = x * x - y * y,
								v = 2.0 * x * y;

					sa += u;
					sb += v;
					sc += u * u - v * v;
					sd += 2.0 * u * v;
				}
				num = sd - 2.0 * sa * sb / (double) p;
				den = sc - (sa * sa - sb * sb) / (double) p;
				phi = atan2(num, den) / 4.0;
				if (fabs(phi) > biggest)
					biggest = fabs(phi);
				if (phi != 0.0)
				{
					double		c = cos(phi),
								s = sin(phi);

					rotate_pair(b, p, k, j, l, c, s);
					rotate_pair(t, k, k, j, l, c, s);
				}
			}
		}
		if (biggest < 1e-13)
			break;
	}
	return sweep;
}

/*
 * varimax as R's stats::varimax computes it, which psych::principal calls
 * and whose printed numbers papers report: on Kaiser-normalized loadings x,
 * T = I, then repeatedly B = x'(z^3 - z diag(colSums(z^2)) / p) with
 * z = x T, T = U V' from the SVD B = U S V', until the criterion sum(S)
 * grows by less than the relative eps = 1e-5 (at most 1000 iterations).
 * It stops short of the exact optimum, by about 1e-3 in the loadings on
 * real data, which is why it is the default: the numbers match what users
 * compare against.  x is replaced by x T.  work needs p k + 5 k^2 doubles.
 */
static int
varimax_r(double *x, size_t p, size_t k, double *t, double *work, const sy_host *host)
{
	double	   *z = work,
			   *b = z + p * k,
			   *u = b + k * k,
			   *vt = u + k * k,
			   *sv = vt + k * k,
			   *superb = sv + k;
	double		d = 0.0;
	int			it;

	for (size_t i = 0; i < k * k; i++)
		t[i] = 0.0;
	for (size_t i = 0; i < k; i++)
		t[i * k + i] = 1.0;
	for (it = 1; it <= 1000; it++)
	{
		double		dpast = d;

		sy_host_check_interrupts(host);
		/* z = x T and its column sums of squares (kept in superb) */
		for (size_t j = 0; j < k; j++)
			superb[j] = 0.0;
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < k; j++)
			{
				double		v = 0.0;

				for (size_t l = 0; l < k; l++)
					v += x[i * k + l] * t[l * k + j];
				z[i * k + j] = v;
				superb[j] += v * v;
			}
		for (size_t a = 0; a < k; a++)
			for (size_t c = 0; c < k; c++)
			{
				double		v = 0.0;

				for (size_t i = 0; i < p; i++)
				{
					double		zz = z[i * k + c];

					v += x[i * k + a] * (zz * zz * zz - zz * superb[c] / (double) p);
				}
				b[a * k + c] = v;
			}
		if (LAPACKE_dgesvd(LAPACK_ROW_MAJOR, 'A', 'A', (lapack_int) k, (lapack_int) k,
						   b, (lapack_int) k, sv, u, (lapack_int) k, vt, (lapack_int) k,
						   superb) != 0)
			break;
		d = 0.0;
		for (size_t j = 0; j < k; j++)
			d += sv[j];
		for (size_t a = 0; a < k; a++)
			for (size_t c = 0; c < k; c++)
			{
				double		v = 0.0;

				for (size_t l = 0; l < k; l++)
					v += u[a * k + l] * vt[l * k + c];
				t[a * k + c] = v;
			}
		if (d < dpast * (1.0 + 1e-5))
			break;
	}
	/* x T with the last T, as R returns it */
	memcpy(z, x, sizeof(double) * p * k);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < k; j++)
		{
			double		v = 0.0;

			for (size_t l = 0; l < k; l++)
				v += z[i * k + l] * t[l * k + j];
			x[i * k + j] = v;
		}
	return it > 1000 ? 1000 : it;
}

size_t
sy_factor_finish_doubles(size_t p, size_t k)
{
	return p * (k + 1) + 2 * k + p * k + 5 * k * k;
}

sy_status
sy_factor_finish(sy_factor *f, size_t k, sy_rotation rot, double *work,
				 const sy_host *host)
{
	size_t		p = f->p;
	double	   *h = work;		/* p: sqrt of communalities */
	double	   *tmp = work + p; /* p * k */
	int		   *order;
	double	   *sgn;

	f->k = k;
	for (size_t i = 0; i < p; i++)
	{
		double		c = 0.0;

		for (size_t j = 0; j < k; j++)
		{
			double		v = f->eigenvectors[i * p + j] * sqrt(f->eigenvalues[j]);

			f->loadings[i * k + j] = v;
			c += v * v;
		}
		f->communality[i] = c;
		h[i] = sqrt(c);
	}
	f->iterations = 0;
	if (rot != SY_ROTATE_NONE && k > 1)
	{
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < k; j++)
				f->rotated[i * k + j] = h[i] > 0.0 ? f->loadings[i * k + j] / h[i] : 0.0;
		if (rot == SY_ROTATE_VARIMAX_CONVERGED)
			f->iterations = varimax(f->rotated, p, k, f->rotation, host);
		else
			f->iterations = varimax_r(f->rotated, p, k, f->rotation,
									  work + p * (k + 1) + 2 * k, host);
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < k; j++)
				f->rotated[i * k + j] = h[i] > 0.0 ? f->rotated[i * k + j] * h[i] : 0.0;
	}
	else
	{
		memcpy(f->rotated, f->loadings, sizeof(double) * p * k);
		for (size_t i = 0; i < k * k; i++)
			f->rotation[i] = 0.0;
		for (size_t i = 0; i < k; i++)
			f->rotation[i * k + i] = 1.0;
	}

	/* order the rotated factors by explained variance, then fix signs */
	order = (int *) (tmp + p * k);	/* k ints fit in k doubles */
	sgn = tmp + p * k + k;
	for (size_t j = 0; j < k; j++)
	{
		double		ss = 0.0;

		for (size_t i = 0; i < p; i++)
			ss += f->rotated[i * k + j] * f->rotated[i * k + j];
		f->ss_rotated[j] = ss;
		order[j] = (int) j;
	}
	if (rot != SY_ROTATE_NONE && k > 1)
	{
		/* insertion sort, stable: equal variances keep their order */
		for (size_t a = 1; a < k; a++)
		{
			int			o = order[a];
			size_t		b = a;

			while (b > 0 && f->ss_rotated[order[b - 1]] < f->ss_rotated[o])
			{
				order[b] = order[b - 1];
				b--;
			}
			order[b] = o;
		}
		for (size_t j = 0; j < k; j++)
			sgn[j] = column_sign(f->rotated, p, k, (size_t) order[j]);
		/* permute loadings and the rotation's columns */
		memcpy(tmp, f->rotated, sizeof(double) * p * k);
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < k; j++)
				f->rotated[i * k + j] = sgn[j] * tmp[i * k + order[j]];
		memcpy(tmp, f->rotation, sizeof(double) * k * k);
		for (size_t i = 0; i < k; i++)
			for (size_t j = 0; j < k; j++)
				f->rotation[i * k + j] = sgn[j] * tmp[i * k + order[j]];
		memcpy(tmp, f->ss_rotated, sizeof(double) * k);
		for (size_t j = 0; j < k; j++)
			f->ss_rotated[j] = tmp[order[j]];
	}

	/* score coefficients V_k L_k^(-1/2) T */
	for (size_t i = 0; i < p; i++)
		for (size_t c = 0; c < k; c++)
		{
			double		s = 0.0;

			for (size_t j = 0; j < k; j++)
				s += f->eigenvectors[i * p + j] / sqrt(f->eigenvalues[j]) * f->rotation[j * k + c];
			f->coef[i * k + c] = s;
		}
	return SY_OK;
}

/*
 * Regularized upper incomplete gamma Q(a, x): the series for P when
 * x < a + 1, else the continued fraction for Q (modified Lentz), each
 * until the terms stop changing the result.
 */
static double
gamma_q(double a, double x)
{
	double		lpre;

	if (x <= 0.0)
		return 1.0;
	lpre = -x + a * log(x) - lgamma(a);
	if (x < a + 1.0)
	{
		double		term = 1.0 / a,
					sum = term;

		for (int i = 1; i < 100000; i++)
		{
			term *= x / (a + i);
			sum += term;
			if (fabs(term) < fabs(sum) * DBL_EPSILON)
				break;
		}
		return 1.0 - sum * exp(lpre);
	}
	else
	{
		double		tiny = 1e-300;
		double		b = x + 1.0 - a,
					c = 1.0 / tiny,
					d = 1.0 / b,
					h = d;

		for (int i = 1; i < 100000; i++)
		{
			double		an = -i * (i - a),
						del;

			b += 2.0;
			d = an * d + b;
			if (fabs(d) < tiny)
				d = tiny;
			c = b + an / c;
			if (fabs(c) < tiny)
				c = tiny;
			d = 1.0 / d;
			del = d * c;
			h *= del;
			if (fabs(del - 1.0) < DBL_EPSILON)
				break;
		}
		return exp(lpre) * h;
	}
}

double
sy_chisq_upper(double x, double df)
{
	if (!(df > 0.0) || isnan(x))
		return NAN;
	if (isinf(x))
		return x > 0 ? 0.0 : 1.0;
	return gamma_q(df / 2.0, x / 2.0);
}

void
sy_shares(const double *v, size_t k, double *share)
{
	double		total = 0.0;

	for (size_t j = 0; j < k; j++)
		total += v[j];
	for (size_t j = 0; j < k; j++)
		share[j] = v[j] / total;
}

void
sy_cumulative(const double *v, size_t n, double *cum)
{
	double		acc = 0.0;

	for (size_t j = 0; j < n; j++)
	{
		acc += v[j];
		cum[j] = acc;
	}
}

void
sy_factor_scores(const double *x, size_t n, size_t p, size_t k,
				 const double *mean, const double *sd, const double *coef,
				 const double *weight, double *z, double *scores,
				 double *composite, const sy_host *host)
{
	size_t		ops = 0;

	for (size_t i = 0; i < n; i++)
	{
		const double *xi = x + i * p;
		double	   *s = scores + i * k;
		double		comp = 0.0;

		/* p (k + 1) operations a row: check about every 2^20 */
		ops += p * (k + 1);
		if (ops >= ((size_t) 1 << 20))
		{
			ops = 0;
			sy_host_check_interrupts(host);
		}
		for (size_t j = 0; j < p; j++)
			z[j] = (xi[j] - mean[j]) / sd[j];
		for (size_t l = 0; l < k; l++)
		{
			double		acc = 0.0;

			for (size_t j = 0; j < p; j++)
				acc += z[j] * coef[j * k + l];
			s[l] = acc;
			comp += weight[l] * acc;
		}
		composite[i] = comp;
	}
}

void
sy_shift_to_min(double *v, size_t n, double shift)
{
	double		lo = v[0];

	for (size_t i = 1; i < n; i++)
		lo = lo < v[i] ? lo : v[i];
	for (size_t i = 0; i < n; i++)
		v[i] = (v[i] - lo) + shift;
}

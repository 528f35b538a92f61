/*
 * lsq.c - linear least squares by Householder QR (LAPACK): A = QR, then
 * R b = Q'z.  Used on centred and scaled polynomial designs, whose columns
 * stay within [-1, 1], so the conditioning is that of the polynomial basis
 * and not of the raw coordinates.
 */
#include <math.h>
#include <stdint.h>
#include <lapacke.h>

#include "sy_core_spatial.h"
#include "lsq.h"

/* R's diagonal below this share of its largest element: rank deficient. */
#define SY_LSQ_RANK_TOL 1e-10

sy_status
sy_lsq_qr(double *a, size_t n, int p, double *z, double *coef)
{
	double		tau[SY_SURFACE_MAX_TERMS];
	double		rmax = 0.0;
	lapack_int	info;

	if (p < 1 || p > SY_SURFACE_MAX_TERMS)
		return SY_EDOMAIN;
	if (n < (size_t) p)
		return SY_UNDEFINED;
	/* LAPACK's 32-bit indices must reach every element */
	if (n > (size_t) INT32_MAX / (size_t) p)
		return SY_EDOMAIN;
	info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, (lapack_int) n, p, a, (lapack_int) n, tau);
	if (info != 0)
		return SY_EDOMAIN;
	for (int k = 0; k < p; k++)
		rmax = fmax(rmax, fabs(a[k * n + k]));
	for (int k = 0; k < p; k++)
		if (!(fabs(a[k * n + k]) > SY_LSQ_RANK_TOL * rmax))
			return SY_UNDEFINED;
	info = LAPACKE_dormqr(LAPACK_COL_MAJOR, 'L', 'T', (lapack_int) n, 1, p,
						  a, (lapack_int) n, tau, z, (lapack_int) n);
	if (info != 0)
		return SY_EDOMAIN;
	info = LAPACKE_dtrtrs(LAPACK_COL_MAJOR, 'U', 'N', 'N', p, 1,
						  a, (lapack_int) n, z, (lapack_int) n);
	if (info != 0)
		return SY_UNDEFINED;
	for (int k = 0; k < p; k++)
		coef[k] = z[k];
	return SY_OK;
}

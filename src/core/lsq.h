/* lsq.h - QR least squares shared by polyfit.c (internal to the core). */
#ifndef SY_LSQ_H
#define SY_LSQ_H

#include "sy_core_spatial.h"

/*
 * Minimise |A b - z| for A n x p, column-major (overwritten by its QR), z
 * (overwritten).  SY_UNDEFINED when n < p or A is rank deficient.
 */
sy_status	sy_lsq_qr(double *a, size_t n, int p, double *z, double *coef);

#endif							/* SY_LSQ_H */

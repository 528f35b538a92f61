/*
 * sy_exp.h - e^-y for y >= 0 with + - * / only.
 *
 * The network's activations need e^-y millions of times per query.  This
 * version costs less than glibc's exp and, using no library call and
 * (with -ffp-contract=off) no fused multiply-add, gives the same bits on
 * every IEEE-754 machine and C library, which libm's exp does not
 * promise.  Accuracy: about two units in the last place
 * (test/core/test_forecast.c checks 5e-16 relative against libm over
 * [0, 700]), far below what a network's activation can notice.
 *
 * y = k ln2 + r with |r| <= ln2 / 2 (ln2 split in two parts so that k ln2_hi
 * is exact), e^-r by its Taylor polynomial to degree 13 (truncation below
 * 2e-18) by Estrin's scheme, times 2^-k built in the exponent bits.
 */
#ifndef SY_EXP_H
#define SY_EXP_H

#include <stdint.h>
#include <string.h>

/* y in [0, +inf]; returns 0 beyond 700, where e^-y < 1e-304. */
static inline double
sy_exp_neg(double y)
{
	const double ln2_hi = 6.93147180369123816490e-01;
	const double ln2_lo = 1.90821492927058770002e-10;
	const double inv_ln2 = 1.44269504088896338700e+00;
	double		k,
				x,
				p,
				scale;
	uint64_t	bits;

	if (!(y <= 700.0))
		return 0.0;
	k = (double) (int64_t) (y * inv_ln2 + 0.5);
	x = -((y - k * ln2_hi) - k * ln2_lo);	/* e^-y = 2^-k e^x */
	{
		/* Estrin's scheme: the polynomial as a shallow tree, so evaluations
		 * for neighbouring hidden nodes overlap in the pipeline (Horner's
		 * chain of 26 dependent operations is a quarter slower) */
		double		x2 = x * x,
					x4 = x2 * x2,
					x8 = x4 * x4;
		double		q0 = (1.0 + x) + x2 * (1.0 / 2.0 + x * (1.0 / 6.0)),
					q1 = (1.0 / 24.0 + x * (1.0 / 120.0)) + x2 * (1.0 / 720.0 + x * (1.0 / 5040.0)),
					q2 = (1.0 / 40320.0 + x * (1.0 / 362880.0)) + x2 * (1.0 / 3628800.0 + x * (1.0 / 39916800.0)),
					q3 = 1.0 / 479001600.0 + x * (1.0 / 6227020800.0);

		p = (q0 + x4 * q1) + x8 * (q2 + x4 * q3);
	}
	bits = (uint64_t) (1023 - (int64_t) k) << 52;
	memcpy(&scale, &bits, sizeof(scale));
	return p * scale;
}

#endif							/* SY_EXP_H */

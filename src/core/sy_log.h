/*
 * sy_log.h - a fast, portable natural logarithm for the numeric core's
 * inner loops (entropy sums over millions of values).
 *
 * Table-driven: z = 2^e * m with m in [1, 2), and
 * log z = e ln 2 + log c_k + log1p(r), r = m / c_k - 1, |r| < 1/128,
 * with c_k the centre of m's bucket (tools/gen_log_table.py) and log1p by
 * its Taylor polynomial to r^8 (truncation below 2e-18 r).  The absolute
 * error is a few 1e-16, the same on every machine with IEEE doubles (no
 * libm, no fused multiply-add); that is what sums of z ln z need.  Valid
 * for normal positive z; callers mask out zero and subnormals.
 *
 * sy_log2 does two at a time with GCC/clang vector extensions (SSE2 on
 * baseline x86-64, NEON on arm64); each lane is computed exactly as the
 * scalar version computes it.
 */
#ifndef SY_LOG_H
#define SY_LOG_H

#include <stdint.h>
#include <string.h>

#include "log_table.h"

#define SY_LN2_HI	0x1.62e42fefa3800p-1	/* e * LN2_HI is exact */
#define SY_LN2_LO	0x1.ef35793c76730p-45
#define SY_EXP_MAGIC 0x4330000000000000ULL	/* bits of 2^52 */

/* log1p(r) = r - r^2/2 + r^3/3 - ... + r^7/7 - r^8/8, by Horner */
#define SY_LOG1P_POLY(p, r) \
	do { \
		(p) = (r) * (-1.0 / 8) + 1.0 / 7; \
		(p) = (p) * (r) - 1.0 / 6; \
		(p) = (p) * (r) + 1.0 / 5; \
		(p) = (p) * (r) - 1.0 / 4; \
		(p) = (p) * (r) + 1.0 / 3; \
		(p) = (p) * (r) - 1.0 / 2; \
		(p) = (p) * (r) * (r) + (r); \
	} while (0)

static inline double
sy_log(double z)
{
	uint64_t	b,
				eb,
				mb;
	double		e,
				m,
				r,
				p;
	const double *t;

	memcpy(&b, &z, sizeof(b));
	/* the biased exponent, as a double, exactly: 2^52 + E - 2^52 */
	eb = SY_EXP_MAGIC | (b >> 52);
	memcpy(&e, &eb, sizeof(e));
	e -= 4503599627370496.0 + 1023.0;
	mb = (b & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL;
	memcpy(&m, &mb, sizeof(m));
	t = sy_log_table[(b >> 45) & 127];
	r = m * t[0] - 1.0;
	SY_LOG1P_POLY(p, r);
	return e * SY_LN2_HI + (t[1] + (p + e * SY_LN2_LO));
}

typedef double sy_v2d __attribute__((vector_size(16)));
typedef uint64_t sy_v2u __attribute__((vector_size(16)));

static inline sy_v2d
sy_log2(sy_v2d z)
{
	sy_v2u		b,
				eb,
				k;
	sy_v2d		e,
				m,
				inv,
				lc,
				r,
				p;

	memcpy(&b, &z, sizeof(b));
	eb = SY_EXP_MAGIC | (b >> 52);
	memcpy(&e, &eb, sizeof(e));
	e -= 4503599627370496.0 + 1023.0;
	eb = (b & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL;
	memcpy(&m, &eb, sizeof(m));
	k = (b >> 45) & 127;
	for (int l = 0; l < 2; l++)
	{
		inv[l] = sy_log_table[k[l]][0];
		lc[l] = sy_log_table[k[l]][1];
	}
	r = m * inv - 1.0;
	SY_LOG1P_POLY(p, r);
	return e * SY_LN2_HI + (lc + (p + e * SY_LN2_LO));
}

#endif							/* SY_LOG_H */

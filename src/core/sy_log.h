/*
 * sy_log.h - a fast, portable natural logarithm for the numeric core's
 * inner loops (entropy sums over millions of values).
 *
 * Table-driven: z = 2^e * m with m folded into [0.70703125, 1.4140625),
 * log z = e ln 2 + log c_k + log1p(r), r = (m - c_k) / c_k, |r| < 1/128,
 * log1p by its Taylor polynomial to r^8 (truncation < 2e-20).  m - c_k is
 * exact, so the result is within a few ulps of the true logarithm, and the
 * same on every machine with IEEE doubles (no libm).  Valid for normal
 * positive z; callers mask out zero and subnormals.
 *
 * sy_log2 does two at a time with GCC/clang vector extensions, which
 * compile to SSE2 on baseline x86-64 and NEON on arm64; lanes are computed
 * exactly as the scalar version computes them.
 */
#ifndef SY_LOG_H
#define SY_LOG_H

#include <stdint.h>
#include <string.h>

#include "log_table.h"

#define SY_LOG_OFF	0x3FE6A00000000000ULL	/* bits of 0.70703125 */
#define SY_LN2_HI	0x1.62e42fefa3800p-1	/* e * LN2_HI is exact */
#define SY_LN2_LO	0x1.ef35793c76730p-45

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
				mb;
	int64_t		e;
	double		m,
				r,
				p;
	const double *t;

	memcpy(&b, &z, sizeof(b));
	e = (int64_t) (b - SY_LOG_OFF) >> 52;	/* arithmetic shift */
	mb = b - ((uint64_t) e << 52);
	memcpy(&m, &mb, sizeof(m));
	t = sy_log_table[(b >> 45) & 127];
	r = (m - t[0]) * t[1];
	SY_LOG1P_POLY(p, r);
	return (double) e * SY_LN2_HI + (t[2] + (p + (double) e * SY_LN2_LO));
}

typedef double sy_v2d __attribute__((vector_size(16)));
typedef int64_t sy_v2i __attribute__((vector_size(16)));

static inline sy_v2d
sy_log2(sy_v2d z)
{
	sy_v2i		b,
				e,
				k;
	sy_v2d		m,
				ed,
				c,
				inv,
				lc,
				r,
				p;

	memcpy(&b, &z, sizeof(b));
	e = (b - (int64_t) SY_LOG_OFF) >> 52;	/* signed lanes: arithmetic */
	b -= e << 52;
	memcpy(&m, &b, sizeof(m));
	/* e as double, exactly: 0x4338... + e read as a double is 1.5*2^52 + e */
	{
		sy_v2i		eb = e + (int64_t) 0x4338000000000000LL;

		memcpy(&ed, &eb, sizeof(ed));
		ed -= 0x1.8p52;
	}
	memcpy(&k, &z, sizeof(k));
	k = (k >> 45) & 127;
	for (int l = 0; l < 2; l++)
	{
		const double *t = sy_log_table[k[l]];

		c[l] = t[0];
		inv[l] = t[1];
		lc[l] = t[2];
	}
	r = (m - c) * inv;
	SY_LOG1P_POLY(p, r);
	return ed * SY_LN2_HI + (lc + (p + ed * SY_LN2_LO));
}

#endif							/* SY_LOG_H */

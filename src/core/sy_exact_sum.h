/*
 * sy_exact_sum.h - exact, order-independent summation of doubles (a small
 * superaccumulator).
 *
 * The value of an accumulator is sum_k chunk[k] * 2^(32 k - SY_XSUM_BIAS).
 * Every finite double is an integer multiple of 2^-1074 below 2^1024, so it
 * is added exactly: its 53-bit integer mantissa, shifted to its bit position
 * within a chunk, is split over three consecutive chunks, each part below
 * 2^32 in magnitude.  Additions are counted in `pending`; before
 * SY_XSUM_MAX_PENDING of them accumulate, the carries are propagated
 * (sy_xsum_normalize), so no chunk can overflow.
 *
 * Normalized (canonical) form: pending = 0, chunk[0 .. SY_XSUM_CHUNKS-2] in
 * [0, 2^32), the top chunk signed.  It is unique for a given exact value,
 * so the same multiset of addends gives the same bytes whatever the order
 * of additions and merges, and sy_xsum_value() (correctly rounded, ties to
 * even) gives the same bits.  The top chunk stays within
 * +-SY_XSUM_TOP_MAX for any sum of up to 2^63 finite doubles.
 *
 * Plain C99, no server headers.
 */
#ifndef SY_EXACT_SUM_H
#define SY_EXACT_SUM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* chunk k holds bits 32k .. 32k+31 above 2^-1074; doubles reach chunk 65,
 * chunk 66 takes the carries (and the sign) */
#define SY_XSUM_CHUNKS	67
#define SY_XSUM_BIAS	1074
/* |top chunk| of any sum of up to 2^63 finite doubles is below 2^49 */
#define SY_XSUM_TOP_MAX	(INT64_C(1) << 50)
/* additions between carry propagations: after P of them a chunk lies in
 * (-P 2^32, (P + 1) 2^32), far inside int64 for P <= 2^30 (a test may lower it) */
#ifndef SY_XSUM_MAX_PENDING
#define SY_XSUM_MAX_PENDING (INT64_C(1) << 30)
#endif

typedef struct sy_xsum
{
	int64_t		chunk[SY_XSUM_CHUNKS];
	int64_t		pending;		/* additions since the last normalization */
} sy_xsum;

void		sy_xsum_init(sy_xsum *s);
void		sy_xsum_normalize(sy_xsum *s);
void		sy_xsum_merge(sy_xsum *into, const sy_xsum *from);
double		sy_xsum_value(const sy_xsum *s);
bool		sy_xsum_valid(const sy_xsum *s);

/* Add a finite double (+-0 and subnormals included) exactly. */
static inline void
sy_xsum_add(sy_xsum *s, double v)
{
	uint64_t	b,
				e,
				mant,
				neg;
	unsigned	p,
				k,
				sh;
	int64_t		lo,
				mid,
				hi;

	memcpy(&b, &v, sizeof(b));
	neg = b >> 63;
	e = (b >> 52) & 0x7FF;
	mant = b & 0x000FFFFFFFFFFFFFULL;
	/* normal: (2^52 + f) 2^(e - 1075); subnormal (e = 0): f 2^(1 - 1075) */
	mant |= (uint64_t) (e != 0) << 52;
	e += (e == 0);
	p = (unsigned) e - 1;		/* bit position above 2^-1074, 0 .. 2045 */
	k = p >> 5;
	sh = p & 31;
	/* mant << sh = hi 2^64 + mid 2^32 + lo */
	lo = (int64_t) ((mant << sh) & 0xFFFFFFFFULL);
	mid = (int64_t) ((mant >> (32 - sh)) & 0xFFFFFFFFULL);
	hi = (int64_t) ((mant >> 32) >> (32 - sh));
	if (neg)
	{
		lo = -lo;
		mid = -mid;
		hi = -hi;
	}
	s->chunk[k] += lo;
	s->chunk[k + 1] += mid;
	s->chunk[k + 2] += hi;
	if (++s->pending >= SY_XSUM_MAX_PENDING)
		sy_xsum_normalize(s);
}

#endif							/* SY_EXACT_SUM_H */

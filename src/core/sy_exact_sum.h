/*
 * sy_exact_sum.h - exact, order-independent summation of doubles (a small
 * superaccumulator).
 *
 * The value of an accumulator is sum_k chunk[k] * 2^(32 k - SY_XSUM_BIAS).
 * Every finite double is an integer multiple of 2^-1074 below 2^1024, so it
 * is added exactly: its 53-bit integer mantissa, shifted to its bit position
 * within a chunk, is split over two consecutive chunks, the low part below
 * 2^32 and the high one below 2^52 in magnitude (two read-modify-writes per
 * value; the carries out of the 32-bit digits are left for later).
 * Additions are counted in `pending`; before SY_XSUM_MAX_PENDING of them
 * accumulate, the carries are propagated (sy_xsum_normalize), so no chunk
 * can overflow.
 *
 * Normalized (canonical) form: pending = 0, chunk[0 .. SY_XSUM_CHUNKS-2] in
 * [0, 2^32), the top chunk signed.  It is unique for a given exact value,
 * so the same multiset of addends gives the same bytes whatever the order
 * of additions and merges, and sy_xsum_value() (correctly rounded, ties to
 * even; an exact zero is +0.0, beyond DBL_MAX +-Inf) gives the same bits.  The top chunk stays within
 * +-SY_XSUM_TOP_MAX for any sum of up to 2^63 finite doubles.
 *
 * Plain C99, no server headers.
 */
#ifndef SY_EXACT_SUM_H
#define SY_EXACT_SUM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* chunk k holds bits 32k .. 32k+31 above 2^-1074; an addition touches
 * chunks up to 64, a double's bits reach chunk 65, chunk 66 takes the
 * carries (and the sign) */
#define SY_XSUM_CHUNKS	67
#define SY_XSUM_BIAS	1074
/* |top chunk| of any sum of up to 2^63 finite doubles is below 2^49 */
#define SY_XSUM_TOP_MAX	(INT64_C(1) << 50)
/*
 * Additions between carry propagations: after P of them a chunk lies in
 * (-P 2^52, 2^32 + P 2^52), inside int64 for P <= 2^10.  A normalization
 * (67 carry steps) every 2^10 additions costs about 0.1 ns per addition.
 * SY_XSUM_PENDING_LIMIT is the threshold the core's own .c files use; a
 * test program may lower SY_XSUM_MAX_PENDING for its own inline additions.
 */
#define SY_XSUM_PENDING_LIMIT (INT64_C(1) << 10)
#ifndef SY_XSUM_MAX_PENDING
#define SY_XSUM_MAX_PENDING SY_XSUM_PENDING_LIMIT
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

/*
 * The nonzero part of a normalized accumulator, for compact storage:
 * chunk[first .. first + count) holds every nonzero chunk (count = 0 for
 * zero); a reader zeroes the rest and checks sy_xsum_valid.
 */
void		sy_xsum_span(const sy_xsum *s, int *first, int *count);

/*
 * Add a finite double (+-0 and subnormals included) exactly, without
 * counting: for callers that count their additions themselves and call
 * sy_xsum_normalize before SY_XSUM_MAX_PENDING of them accumulate (one
 * counter for many accumulators, as sy_entropy_bounded does per row).
 */
static inline void
sy_xsum_add_nocount(sy_xsum *s, double v)
{
	uint64_t	b,
				e,
				mant;
	unsigned	p,
				k,
				sh;
	int64_t		lo,
				hi,
				neg;

	memcpy(&b, &v, sizeof(b));
	e = (b >> 52) & 0x7FF;
	mant = b & 0x000FFFFFFFFFFFFFULL;
	/* normal: (2^52 + f) 2^(e - 1075); subnormal (e = 0): f 2^(1 - 1075) */
	mant |= (uint64_t) (e != 0) << 52;
	e += (e == 0);
	p = (unsigned) e - 1;		/* bit position above 2^-1074, 0 .. 2045 */
	k = p >> 5;
	sh = p & 31;
	/*
	 * mant << sh = hi 2^32 + lo: lo below 2^32, hi below 2^52 (the shift by
	 * 32 - sh is in 1 .. 32); each part negated for v < 0
	 */
	neg = -(int64_t) (b >> 63);	/* 0 or -1 */
	lo = (int64_t) ((mant << sh) & 0xFFFFFFFFULL);
	hi = (int64_t) (mant >> (32 - sh));
	s->chunk[k] += (lo ^ neg) - neg;
	s->chunk[k + 1] += (hi ^ neg) - neg;
}

/* Add a finite double (+-0 and subnormals included) exactly. */
static inline void
sy_xsum_add(sy_xsum *s, double v)
{
	sy_xsum_add_nocount(s, v);
	if (++s->pending >= SY_XSUM_MAX_PENDING)
		sy_xsum_normalize(s);
}

#endif							/* SY_EXACT_SUM_H */

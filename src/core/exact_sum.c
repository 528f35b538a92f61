/*
 * exact_sum.c - exact, order-independent summation (sy_exact_sum.h).
 *
 * Carries are propagated from the bottom chunk up: each chunk keeps its
 * value modulo 2^32 (in [0, 2^32)) and passes the floor of its quotient to
 * the next one; the top chunk keeps what is left, with the sign.  The
 * conversion to double reads the top 64 significant bits of the magnitude
 * and a sticky bit for the rest, and rounds to nearest, ties to even.
 */
#include <math.h>

#include "sy_exact_sum.h"

#define TOP (SY_XSUM_CHUNKS - 1)
#define LOW32 0xFFFFFFFFULL

void
sy_xsum_init(sy_xsum *s)
{
	memset(s, 0, sizeof(*s));
}

/* chunk = q 2^32 + r with r in [0, 2^32), without shifting a negative value */
static inline int64_t
carry_out(int64_t *c)
{
	int64_t		r = (int64_t) ((uint64_t) *c & LOW32);
	int64_t		q = (*c - r) / (INT64_C(1) << 32);	/* exact */

	*c = r;
	return q;
}

void
sy_xsum_normalize(sy_xsum *s)
{
	int64_t		carry = 0;

	for (int k = 0; k < TOP; k++)
	{
		s->chunk[k] += carry;
		carry = carry_out(&s->chunk[k]);
	}
	s->chunk[TOP] += carry;
	s->pending = 0;
}

void
sy_xsum_merge(sy_xsum *into, const sy_xsum *from)
{
	sy_xsum		f = *from;

	sy_xsum_normalize(into);
	sy_xsum_normalize(&f);
	/* chunks below 2^33 after the sums, the top within 2 SY_XSUM_TOP_MAX */
	for (int k = 0; k < SY_XSUM_CHUNKS; k++)
		into->chunk[k] += f.chunk[k];
	sy_xsum_normalize(into);
}

bool
sy_xsum_valid(const sy_xsum *s)
{
	if (s->pending != 0)
		return false;
	for (int k = 0; k < TOP; k++)
		if (s->chunk[k] < 0 || s->chunk[k] > (int64_t) LOW32)
			return false;
	return s->chunk[TOP] >= -SY_XSUM_TOP_MAX && s->chunk[TOP] <= SY_XSUM_TOP_MAX;
}

static inline int
bit_length(uint64_t x)
{
	int			n = 0;

	while (x)
	{
		x >>= 1;
		n++;
	}
	return n;
}

double
sy_xsum_value(const sy_xsum *s)
{
	sy_xsum		a = *s;
	bool		neg;
	int			h,
				k,
				len,
				exp2;
	uint64_t	m,
				sticky = 0;

	sy_xsum_normalize(&a);
	neg = a.chunk[TOP] < 0;
	if (neg)
	{
		/* the magnitude, in the same form (top then >= 0) */
		for (k = 0; k < SY_XSUM_CHUNKS; k++)
			a.chunk[k] = -a.chunk[k];
		sy_xsum_normalize(&a);
	}
	for (h = TOP; h >= 0 && a.chunk[h] == 0; h--)
		;
	if (h < 0)
		return 0.0;

	/*
	 * m = the leading bits, at least 55 of them when more exist; the value is
	 * (m + a fraction, nonzero iff sticky) 2^exp2.  Chunks below the top one
	 * are below 2^32; the top one below 2^51.
	 */
	m = (uint64_t) a.chunk[h];
	k = h - 1;
	while (k >= 0 && (m >> 32) == 0)
		m = (m << 32) | (uint64_t) a.chunk[k--];
	len = bit_length(m);
	exp2 = 32 * (k + 1) - SY_XSUM_BIAS;
	if (k >= 0 && len < 55)
	{
		int			take = 64 - len;	/* < 32 */
		uint64_t	c = (uint64_t) a.chunk[k--];

		m = (m << take) | (c >> (32 - take));
		sticky = c & ((UINT64_C(1) << (32 - take)) - 1);
		exp2 -= take;
		len = 64;
	}
	for (; k >= 0 && !sticky; k--)
		sticky = (uint64_t) a.chunk[k];

	if (len > 53)
	{
		int			drop = len - 53;
		uint64_t	rest = m & ((UINT64_C(1) << drop) - 1);
		uint64_t	half = UINT64_C(1) << (drop - 1);

		m >>= drop;
		exp2 += drop;
		if (rest > half || (rest == half && (sticky || (m & 1))))
			m++;				/* may reach 2^53: still exact below */
	}
	/* m <= 2^53 and the result normal, or exact (a subnormal sum is exact) */
	return ldexp(neg ? -(double) m : (double) m, exp2);
}

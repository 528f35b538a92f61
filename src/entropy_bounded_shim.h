/* PROVISIONAL (helper entropy): stands in for src/core/entropy_bounded.c
 * until helper xsum's core lands; plain double sums, not exact. */
#ifndef ENTROPY_BOUNDED_SHIM_H
#define ENTROPY_BOUNDED_SHIM_H
#include <float.h>
#include <math.h>
#include <string.h>
#include "sy_core.h"

typedef struct sy_entropy_bounded
{
	size_t		m;
	int64_t		n;
	double		shift;
	double	   *lo, *hi, *a, *c, *s, *q;
	double		data[];
} sy_entropy_bounded;

static inline size_t sy_entropy_bounded_size(size_t m) { return sizeof(sy_entropy_bounded) + 6 * m * sizeof(double); }
static inline void
sy_entropy_bounded_init(sy_entropy_bounded *b, size_t m, const double *lo, const double *hi, const int *dir, double shift)
{
	b->m = m; b->n = 0; b->shift = shift;
	b->lo = b->data; b->hi = b->data + m; b->a = b->data + 2 * m; b->c = b->data + 3 * m;
	b->s = b->data + 4 * m; b->q = b->data + 5 * m;
	memcpy(b->lo, lo, m * sizeof(double)); memcpy(b->hi, hi, m * sizeof(double));
	sy_entropy_coefs(m, lo, hi, dir, b->a, b->c);
	for (size_t j = 0; j < m; j++) b->s[j] = b->q[j] = 0.0;
}
static inline void
sy_entropy_bounded_add(sy_entropy_bounded *b, const double *x)
{
	for (size_t j = 0; j < b->m; j++)
	{
		double z = (x[j] - b->c[j]) * b->a[j] + b->shift;
		if (z >= DBL_MIN) { b->s[j] += z; b->q[j] += z * log(z); }
	}
	b->n++;
}
static inline void
sy_entropy_bounded_merge(sy_entropy_bounded *a, const sy_entropy_bounded *b)
{
	for (size_t j = 0; j < a->m; j++) { a->s[j] += b->s[j]; a->q[j] += b->q[j]; }
	a->n += b->n;
}
static inline sy_status
sy_entropy_bounded_result(const sy_entropy_bounded *b, double *e, double *d, double *w)
{
	return sy_entropy_finish(b->n, b->m, b->lo, b->hi, b->s, b->q, e, d, w);
}
static inline size_t sy_entropy_bounded_sums_bytes(size_t m) { return 16 * m; }
static inline void
sy_entropy_bounded_sums_pack(const sy_entropy_bounded *b, unsigned char *buf)
{
	memcpy(buf, b->s, 8 * b->m); memcpy(buf + 8 * b->m, b->q, 8 * b->m);
}
static inline int
sy_entropy_bounded_sums_unpack(sy_entropy_bounded *b, const unsigned char *buf, int64_t n)
{
	memcpy(b->s, buf, 8 * b->m); memcpy(b->q, buf + 8 * b->m, 8 * b->m);
	b->n = n;
	for (size_t j = 0; j < b->m; j++) if (!isfinite(b->s[j]) || !isfinite(b->q[j])) return 0;
	return 1;
}
#endif

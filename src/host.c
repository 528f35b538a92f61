/*
 * host.c - the server's side of the numeric core's sy_host (sy_core.h):
 * CHECK_FOR_INTERRUPTS, and random numbers from pg_prng, so the same seed
 * gives the same bits in any backend or parallel worker.
 */
#include "postgres.h"

#include "common/pg_prng.h"
#include "miscadmin.h"

#include "sy_pg.h"

static void
host_check_interrupts(void *ctx)
{
	(void) ctx;
	CHECK_FOR_INTERRUPTS();
}

static void
host_seed(void *ctx, uint64_t seed)
{
	pg_prng_seed((pg_prng_state *) ctx, (uint64) seed);
}

/*
 * pg_prng_double's value, ldexp((double) (v >> 12), -52) of the next 64
 * bits v, computed as a product: an integer below 2^52 times 2^-52 is
 * exact, so the bits are the same, without the call to ldexp (which costs
 * more than the generator; the simulated intervals draw some thousands of
 * numbers per series).
 */
static double
host_random_double(void *ctx)
{
	return (double) (pg_prng_uint64((pg_prng_state *) ctx) >> 12) * 0x1.0p-52;
}

static uint64_t
host_random_below(void *ctx, uint64_t bound)
{
	return pg_prng_uint64_range((pg_prng_state *) ctx, 0, bound - 1);
}

sy_host
sy_server_host(pg_prng_state *rng)
{
	sy_host		host = {rng, host_check_interrupts, NULL, NULL, NULL};

	if (rng != NULL)
	{
		host.seed = host_seed;
		host.random_double = host_random_double;
		host.random_below = host_random_below;
	}
	return host;
}

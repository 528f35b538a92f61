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

static double
host_random_double(void *ctx)
{
	return pg_prng_double((pg_prng_state *) ctx);
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

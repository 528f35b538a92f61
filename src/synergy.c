/*
 * synergy.c - module entry point and version.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "sy_version.h"			/* SYNERGY_VERSION, generated from VERSION */

/* PostgreSQL 18 records the library's name and version (pg_get_loaded_modules()). */
#if PG_VERSION_NUM >= 180000
PG_MODULE_MAGIC_EXT(.name = "synergy", .version = SYNERGY_VERSION);
#else
PG_MODULE_MAGIC;
#endif

#define SYNERGY_LIB_VERSION SYNERGY_VERSION

PG_FUNCTION_INFO_V1(synergy_lib_version);
Datum
synergy_lib_version(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	PG_RETURN_TEXT_P(cstring_to_text(SYNERGY_LIB_VERSION));
}

/* The library's settings (group_limit.c, refresh_guc.c). */
#include "sy_limits.h"
#include "sy_refresh.h"

void		_PG_init(void);

void
_PG_init(void)
{
	sy_refresh_guc_init();
	sy_limits_init();
}

/*
 * refresh_guc.c - synergy.allow_writable_schema.
 *
 * refresh_pipeline() and schedule_refresh() refuse to run when the
 * extension's schema is writable by roles other than superusers and the
 * extension's owner: such a role could plant a function or operator there
 * that a superuser's session or a pg_cron job would run.  This setting turns
 * the refusal into a WARNING.  It is PGC_SUSET: only a superuser (or a role
 * granted SET on it) can set it, in a session, with ALTER ROLE/DATABASE ...
 * SET or in postgresql.conf.  A value a non-superuser gave the placeholder
 * before the library was loaded is dropped when it is defined here, which is
 * why the SQL side loads the library (calls a C function) before reading it.
 */
#include "postgres.h"

#include "utils/guc.h"

#include "sy_refresh.h"

bool		sy_allow_writable_schema = false;

void
sy_refresh_guc_init(void)
{
	DefineCustomBoolVariable("synergy.allow_writable_schema",
							 "Let refresh_pipeline and schedule_refresh run when synergy's schema is writable by untrusted roles.",
							 "Off: they stop with SQLSTATE 55000 when a role other than a superuser "
							 "or the extension's owner can create objects in the extension's schema. "
							 "On: they only warn.",
							 &sy_allow_writable_schema,
							 false,
							 PGC_SUSET, 0,
							 NULL, NULL, NULL);
}

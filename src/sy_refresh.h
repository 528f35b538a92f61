/*
 * sy_refresh.h - the settings of the scheduled refresh (90_refresh.sql).
 */
#ifndef SY_REFRESH_H
#define SY_REFRESH_H

/* synergy.allow_writable_schema; read from SQL through current_setting(). */
extern bool sy_allow_writable_schema;

/* Defines the settings; called from _PG_init before the prefix is reserved. */
extern void sy_refresh_guc_init(void);

#endif							/* SY_REFRESH_H */

-- 80_refresh.sql: refresh_order and the argument checks of refresh_pipeline,
-- schedule_refresh and unschedule_refresh (docs/operations.md); the refusal
-- of a writable extension schema and synergy.allow_writable_schema; the run
-- log's row-level security, its guard trigger and the run locks.  pgTAP runs
-- in one transaction, where refresh_pipeline cannot commit its log: the runs
-- themselves are tested by test/stages/40_pg_cron.sh, 50_dump_restore.sh and
-- the doctests of docs/operations.md.
BEGIN;
SELECT plan(46);
SET LOCAL client_min_messages = warning;

-- sy_err(sql): 'SQLSTATE|message|detail|hint' of the error sql raises, or 'no error'.
CREATE FUNCTION pg_temp.sy_err(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE s text; m text; d text; h text;
BEGIN
	BEGIN
		EXECUTE q;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
		RETURN concat_ws('|', s, m, d, h);
	END;
	RETURN 'no error';
END $f$;
-- sy_as(role, sql): run sql (returning one value) as role; its value, or 'SQLSTATE: message'.
CREATE FUNCTION pg_temp.sy_as(r text, q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE res text; s text; m text;
BEGIN
	BEGIN
		PERFORM set_config('role', r, true);
		IF q ~* '^\s*(SELECT|WITH)' THEN
			EXECUTE q INTO res;
		ELSE
			EXECUTE q;
			res := 'ok';
		END IF;
		PERFORM set_config('role', 'none', true);
	EXCEPTION WHEN OTHERS THEN   -- the subtransaction's rollback resets the role too
		GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT;
		RETURN s || ': ' || m;
	END;
	RETURN res;
END $f$;

-- A chain through a plain view: mv_b reads mv_a through v, mv_c reads mv_b;
-- mv_y and mv_z read only the table, so they tie with mv_a and go by name.
CREATE SCHEMA sy_rt;
CREATE TABLE sy_rt.src (k int PRIMARY KEY, x float8);
INSERT INTO sy_rt.src VALUES (1, 0.2), (2, 0.5), (3, 0.9);
CREATE MATERIALIZED VIEW sy_rt.mv_a AS SELECT k, minmax_normalize(x) OVER () AS z FROM sy_rt.src;
CREATE UNIQUE INDEX ON sy_rt.mv_a (k);
CREATE VIEW sy_rt.v AS SELECT k, z FROM sy_rt.mv_a;
CREATE MATERIALIZED VIEW sy_rt.mv_b AS SELECT k, z * 2 AS z2 FROM sy_rt.v;  -- no unique index
CREATE MATERIALIZED VIEW sy_rt.mv_c AS SELECT count(*) AS n FROM sy_rt.mv_b;
CREATE UNIQUE INDEX ON sy_rt.mv_c (n) WHERE n > 0;                -- partial: not usable
CREATE MATERIALIZED VIEW sy_rt.mv_z AS SELECT k, x FROM sy_rt.src;
CREATE UNIQUE INDEX ON sy_rt.mv_z ((k + 1));                       -- expression: not usable
CREATE MATERIALIZED VIEW sy_rt.mv_y AS SELECT k FROM sy_rt.src WITH NO DATA;
CREATE UNIQUE INDEX ON sy_rt.mv_y (k);                             -- usable, but not populated

SELECT is((SELECT string_agg(step || ' ' || view_name || ' ' || concurrent_ok, ', ' ORDER BY step)
           FROM refresh_order('sy_rt')),
          '1 mv_a true, 2 mv_y false, 3 mv_z false, 4 mv_b false, 5 mv_c false',
          'refresh_order: dependencies through a plain view, ties by name; CONCURRENTLY only with a populated view and a plain unique index');

SELECT is_empty($$ SELECT * FROM refresh_order('pg_catalog') $$,
                'refresh_order of a schema without materialized views is empty');
SELECT is_empty($$ SELECT * FROM refresh_order('sy_no_such_schema') $$,
                'refresh_order of a schema that does not exist is empty');
SELECT is((SELECT count(*) FROM refresh_order(NULL)), 0::bigint, 'refresh_order(NULL) is empty (STRICT)');

-- refresh_pipeline: bad arguments are rejected before a run starts.
SELECT throws_ok($$ CALL refresh_pipeline(NULL) $$, '22004',
                 'refresh_pipeline: schema_name and concurrent must not be NULL',
                 'refresh_pipeline(NULL): 22004');
SELECT throws_ok($$ CALL refresh_pipeline('sy_rt', NULL) $$, '22004', NULL,
                 'refresh_pipeline(concurrent => NULL): 22004');
SELECT throws_ok($$ CALL refresh_pipeline('sy_no_such_schema') $$, '3F000',
                 'refresh_pipeline: schema sy_no_such_schema does not exist',
                 'refresh_pipeline of a missing schema: 3F000');
SELECT throws_ok($$ CALL refresh_pipeline('pg_catalog') $$, '42P01',
                 'refresh_pipeline: schema pg_catalog has no materialized views',
                 'refresh_pipeline of a schema without materialized views: 42P01');
-- Inside a transaction block it cannot commit its log: 2D000 before any refresh.
SELECT throws_ok($$ CALL refresh_pipeline('sy_rt') $$, '2D000', NULL,
                 'refresh_pipeline inside a transaction block: 2D000');
SELECT is((SELECT relispopulated FROM pg_class WHERE oid = 'sy_rt.mv_y'::regclass), false,
          '... and nothing was refreshed');

-- schedule_refresh / unschedule_refresh without pg_cron (the pgTAP database has none).
SELECT throws_ok($$ SELECT schedule_refresh(NULL, '* * * * *') $$, '22004', NULL,
                 'schedule_refresh(NULL, ...): 22004');
SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron')
            THEN skip('pg_cron is installed in this database', 2)
            ELSE collect_tap(
              throws_ok($$ SELECT schedule_refresh('j', '* * * * *', 'sy_rt') $$, '55000',
                        'schedule_refresh: pg_cron is not installed in database ' || quote_ident(current_database()),
                        'schedule_refresh without pg_cron: 55000'),
              throws_ok($$ SELECT unschedule_refresh('j') $$, '55000', NULL,
                        'unschedule_refresh without pg_cron: 55000'))
       END;
SELECT throws_ok($$ SELECT unschedule_refresh(NULL) $$, '22004', NULL,
                 'unschedule_refresh(NULL): 22004');
SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron')
            THEN skip('pg_cron is installed in this database')
            ELSE matches(split_part(pg_temp.sy_err($$ SELECT _refresh_cron_schema('x') $$), '|', 4),
                         '^Install the Debian package postgresql-' || (current_setting('server_version_num')::int / 10000) || '-cron; ',
                         'the hint names postgresql-NN-cron for the running server''s major')
       END;

------------------------------------------------------------------------------
-- Security (docs/operations.md, "Security"): the extension's schema must not
-- be writable by untrusted roles; the run log's row-level security.
------------------------------------------------------------------------------

CREATE TEMP TABLE sy_ext AS
SELECT quote_ident(n.nspname) AS nsp, e.extowner::regrole::text AS owner
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'synergy';

-- 1. A schema writable by PUBLIC: refused, 55000, before anything else.
DO $$ BEGIN EXECUTE format('GRANT CREATE ON SCHEMA %s TO PUBLIC', (SELECT nsp FROM sy_ext)); END $$;
SELECT throws_ok($$ CALL refresh_pipeline('sy_rt') $$, '55000',
                 format('refresh_pipeline: schema %s, where synergy is installed, is writable by roles other than superusers and the extension''s owner', (SELECT nsp FROM sy_ext)),
                 'refresh_pipeline with CREATE on the extension''s schema granted to PUBLIC: 55000');
SELECT is((SELECT split_part(pg_temp.sy_err($$ CALL refresh_pipeline('sy_rt') $$), '|', 3)),
          format('CREATE on schema %s: PUBLIC (every role). Such a role can create a function or operator in it that refresh_pipeline would run with the rights of its caller (a superuser, a pg_cron job).', (SELECT nsp FROM sy_ext)),
          '... DETAIL names PUBLIC');
SELECT matches((SELECT split_part(pg_temp.sy_err($$ CALL refresh_pipeline('sy_rt') $$), '|', 4)),
               '^Let only trusted roles write it: REVOKE CREATE ON SCHEMA \S+ FROM PUBLIC; .*synergy\.allow_writable_schema = on',
               '... HINT gives the REVOKE and the setting');
SELECT throws_ok($$ SELECT schedule_refresh('j', '* * * * *', 'sy_rt') $$, '55000', NULL,
                 'schedule_refresh with a writable schema: 55000 (checked before pg_cron)');
-- A superuser's setting turns it into a warning: the call goes on (to 2D000 here).
SET LOCAL synergy.allow_writable_schema = on;
SET LOCAL client_min_messages = error;   -- the WARNING
SELECT throws_ok($$ CALL refresh_pipeline('sy_rt') $$, '2D000', NULL,
                 'with synergy.allow_writable_schema = on (set by a superuser) refresh_pipeline goes on');
RESET synergy.allow_writable_schema;
SET LOCAL client_min_messages = warning;
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON SCHEMA %s FROM PUBLIC', (SELECT nsp FROM sy_ext)); END $$;

-- 2. One role with CREATE, and a database owner (owner of public through
-- pg_database_owner on PostgreSQL 15+, where the extension lives in public).
CREATE ROLE sy_rt_w;
DO $$ BEGIN EXECUTE format('GRANT CREATE ON SCHEMA %s TO sy_rt_w', (SELECT nsp FROM sy_ext)); END $$;
SELECT is((SELECT split_part(pg_temp.sy_err($$ CALL refresh_pipeline('sy_rt') $$), '|', 1)
               || ' ' || split_part(pg_temp.sy_err($$ CALL refresh_pipeline('sy_rt') $$), '|', 3)),
          format('55000 CREATE on schema %s: sy_rt_w. Such a role can create a function or operator in it that refresh_pipeline would run with the rights of its caller (a superuser, a pg_cron job).', (SELECT nsp FROM sy_ext)),
          'a role granted CREATE on the schema: 55000, DETAIL names it');
SELECT matches((SELECT split_part(pg_temp.sy_err($$ CALL refresh_pipeline('sy_rt') $$), '|', 4)),
               '^Let only trusted roles write it: REVOKE CREATE ON SCHEMA \S+ FROM sy_rt_w; Or ',
               '... HINT: REVOKE CREATE ... FROM sy_rt_w');
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON SCHEMA %s FROM sy_rt_w', (SELECT nsp FROM sy_ext)); END $$;
CREATE ROLE sy_rt_dbo;
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I OWNER TO sy_rt_dbo', current_database()); END $$;
SELECT CASE WHEN (SELECT nspowner FROM pg_namespace WHERE nspname = 'public') = 'pg_database_owner'::regrole
             AND (SELECT nsp FROM sy_ext) = 'public'
       THEN collect_tap(
         is((SELECT split_part(pg_temp.sy_err($$ SELECT schedule_refresh('j', '* * * * *', 'sy_rt') $$), '|', 3)),
            'CREATE on schema public: sy_rt_dbo. Such a role can create a function or operator in it that schedule_refresh would run with the rights of its caller (a superuser, a pg_cron job).',
            'the database''s owner (public belongs to pg_database_owner): refused, DETAIL names it'),
         matches((SELECT split_part(pg_temp.sy_err($$ SELECT schedule_refresh('j', '* * * * *', 'sy_rt') $$), '|', 4)),
                 '^Let only trusted roles write it: ALTER SCHEMA public OWNER TO ' || (SELECT owner FROM sy_ext) || '; Or ',
                 '... HINT: ALTER SCHEMA public OWNER TO the extension''s owner'))
       ELSE skip('synergy is not in a public schema owned by pg_database_owner', 2) END;
-- 3. Only a superuser lifts the refusal: SET and ALTER DATABASE ... SET by others are 42501.
SELECT ok(synergy_version() IS NOT NULL, 'synergy''s library, which defines the setting, is loaded');
SELECT is(left(pg_temp.sy_as('sy_rt_w', $$ SELECT set_config('synergy.allow_writable_schema', 'on', true) $$), 6),
          '42501:',
          'a non-superuser cannot SET synergy.allow_writable_schema: 42501');
SELECT is(left(pg_temp.sy_as('sy_rt_dbo', format($$ ALTER DATABASE %I SET synergy.allow_writable_schema = on $$, current_database())), 6),
          '42501:', 'the database''s owner cannot ALTER DATABASE ... SET it: 42501');
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I OWNER TO %I', current_database(), (SELECT owner FROM sy_ext)); END $$;

-- 4. The run log's row-level security.  sy_rt_owner owns the views of
-- sy_rt; alice and bob have its privileges (may refresh sy_rt); dash does not.
CREATE ROLE sy_rt_owner;
CREATE ROLE sy_rt_alice IN ROLE sy_rt_owner;
CREATE ROLE sy_rt_bob IN ROLE sy_rt_owner;
CREATE ROLE sy_rt_dash;
ALTER MATERIALIZED VIEW sy_rt.mv_a OWNER TO sy_rt_owner;
ALTER MATERIALIZED VIEW sy_rt.mv_b OWNER TO sy_rt_owner;
ALTER MATERIALIZED VIEW sy_rt.mv_c OWNER TO sy_rt_owner;
ALTER MATERIALIZED VIEW sy_rt.mv_y OWNER TO sy_rt_owner;
ALTER MATERIALIZED VIEW sy_rt.mv_z OWNER TO sy_rt_owner;
CREATE SCHEMA sy_rt2;
CREATE MATERIALIZED VIEW sy_rt2.mv AS SELECT 1 AS k;   -- owned by the superuser
DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %1$s TO sy_rt_alice, sy_rt_bob, sy_rt_dash;
                            GRANT SELECT, INSERT, UPDATE, DELETE ON %1$s.refresh_run, %1$s.refresh_step TO sy_rt_alice, sy_rt_bob, sy_rt_dash;
                            GRANT USAGE ON SEQUENCE %1$s.refresh_run_id_seq TO sy_rt_alice, sy_rt_bob, sy_rt_dash',
                           (SELECT nsp FROM sy_ext)); END $$;
INSERT INTO refresh_run (id, schema_name, concurrent, status, error, run_by)
VALUES (-1, 'sy_rt', true, 'failed', 'secret value 42', 'sy_rt_alice'),
       (-2, 'sy_rt2', true, 'failed', 'other secret', 'postgres');
INSERT INTO refresh_step VALUES (-1, 1, 'mv_a', 'complete', 'failed', now(), now(), NULL);

SELECT is(pg_temp.sy_as('sy_rt_bob', $$ SELECT string_agg(id || ' ' || error, ', ' ORDER BY id) FROM refresh_run WHERE id < 0 $$),
          '-1 secret value 42', 'a role that may refresh sy_rt sees its runs and errors, not those of sy_rt2');
SELECT is(pg_temp.sy_as('sy_rt_dash', $$ SELECT count(*)::text FROM refresh_run WHERE id < 0 $$), '0',
          'a role that may refresh neither schema sees no run, and no error text');
SELECT is(pg_temp.sy_as('sy_rt_dash', $$ SELECT count(*)::text FROM refresh_step WHERE run_id < 0 $$), '0',
          '... and no step');
SELECT is(pg_temp.sy_as('sy_rt_bob', $$ SELECT count(*)::text FROM refresh_step WHERE run_id < 0 $$), '1',
          'the steps are visible with their run');
SELECT is(left(pg_temp.sy_as('sy_rt_alice', $$ WITH i AS (INSERT INTO refresh_run (id, schema_name, concurrent) VALUES (-3, 'sy_rt2', true) RETURNING 1) SELECT count(*)::text FROM i $$), 6),
          '42501:',
          'a run of a schema the role may not refresh cannot be inserted: 42501');
SELECT is(left(pg_temp.sy_as('sy_rt_alice', $$ WITH i AS (INSERT INTO refresh_run (id, schema_name, concurrent, run_by) VALUES (-3, 'sy_rt', true, 'sy_rt_bob') RETURNING 1) SELECT count(*)::text FROM i $$), 6),
          '42501:',
          'nor a run in another role''s name: 42501');
SELECT is(pg_temp.sy_as('sy_rt_bob', $$ WITH u AS (UPDATE refresh_run SET error = 'forged' WHERE id = -1 RETURNING 1) SELECT count(*)::text FROM u $$),
          '42501: refresh_run: run -1 belongs to role sy_rt_alice',
          'a role cannot change another role''s run: 42501');
SELECT is(pg_temp.sy_as('sy_rt_bob', $$ WITH u AS (DELETE FROM refresh_run WHERE id = -1 RETURNING 1) SELECT count(*)::text FROM u $$),
          '0', '... nor delete it (no row deleted)');
SELECT is(pg_temp.sy_as('sy_rt_bob', $$ WITH u AS (UPDATE refresh_run SET error = 'x' WHERE id = -2 RETURNING 1) SELECT count(*)::text FROM u $$),
          '0', 'a run of a schema the role may not refresh is not even seen by UPDATE');
SELECT is(pg_temp.sy_as('sy_rt_alice', $$ WITH u AS (UPDATE refresh_run SET error_hint = 'mine' WHERE id = -1 RETURNING 1) SELECT count(*)::text FROM u $$),
          '1', 'the run''s own role may change it');
SELECT is(pg_temp.sy_as('sy_rt_alice', $$ WITH u AS (UPDATE refresh_run SET run_by = 'sy_rt_bob' WHERE id = -1 RETURNING 1) SELECT count(*)::text FROM u $$),
          '42501: refresh_run: the id, run_by, schema_name, started_at and backend_pid of run -1 cannot change',
          '... but not give it to another role: 42501');
-- Abandoned: a running run of alice whose lock is held (by this session here) is
-- alive; once no session holds the lock, bob may mark it abandoned, and only that.
UPDATE refresh_run SET status = 'running', error = NULL WHERE id = -1;
DO $$ BEGIN PERFORM pg_advisory_lock(1398361682, _refresh_lock_key(-1)); END $$;
SELECT is(_refresh_lock_held(-1), true, '_refresh_lock_held: the run''s lock is held');
SELECT is(pg_temp.sy_as('sy_rt_bob', $$ WITH u AS (UPDATE refresh_run SET status = 'abandoned', finished_at = now() WHERE id = -1 RETURNING 1) SELECT count(*)::text FROM u $$),
          '42501: refresh_run: run -1 belongs to role sy_rt_alice',
          'a run whose lock is held cannot be marked abandoned by another role: 42501');
DO $$ BEGIN PERFORM pg_advisory_unlock(1398361682, _refresh_lock_key(-1)); END $$;
SELECT is(_refresh_lock_held(-1), false, '_refresh_lock_held: released');
SELECT is(pg_temp.sy_as('sy_rt_bob', $$ WITH u AS (UPDATE refresh_run SET status = 'abandoned', error = 'x' WHERE id = -1 RETURNING 1) SELECT count(*)::text FROM u $$),
          '42501: refresh_run: run -1 belongs to role sy_rt_alice',
          'marking it abandoned changes nothing else: 42501');
SELECT is(pg_temp.sy_as('sy_rt_bob', $$ WITH u AS (UPDATE refresh_run SET status = 'abandoned', finished_at = now() WHERE id = -1 RETURNING 1) SELECT count(*)::text FROM u $$),
          '1', 'once no session holds its lock, another role may mark the run abandoned');
SELECT is(_refresh_lock_key(1) || ' ' || _refresh_lock_key(2147483648) || ' ' || _refresh_lock_key(4294967297) || ' ' || _refresh_lock_key(-1),
          '1 -2147483648 1 -1', '_refresh_lock_key wraps run ids modulo 2^32 into int4');
-- A role that may not refresh the schema is told so before a run starts.
SELECT is(pg_temp.sy_as('sy_rt_dash', $$ CALL refresh_pipeline('sy_rt') $$),
          '42501: refresh_pipeline: role sy_rt_dash may not refresh the materialized views of schema sy_rt',
          'refresh_pipeline by a role without the views'' owner''s privileges: 42501');
SELECT is(left(pg_temp.sy_as('sy_rt_alice', $$ CALL refresh_pipeline('sy_rt') $$), 6),
          '2D000:',
          '... a member of the owner gets past the checks (to 2D000 in this transaction block)');

SELECT * FROM finish();
ROLLBACK;

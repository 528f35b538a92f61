-- 80_refresh.sql: refresh_order and the argument checks of refresh_pipeline,
-- schedule_refresh and unschedule_refresh (docs/operations.md).  pgTAP runs
-- in one transaction, where refresh_pipeline cannot commit its log: the runs
-- themselves are tested by test/stages/40_pg_cron.sh, 50_dump_restore.sh and
-- the doctests of docs/operations.md.
BEGIN;
SELECT plan(14);
SET LOCAL client_min_messages = warning;

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

SELECT * FROM finish();
ROLLBACK;

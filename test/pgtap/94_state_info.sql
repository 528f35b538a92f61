-- 94_state_info.sql: the header of state values (sy_state.h), read by
-- state_info; damaged headers are 22P03.  The families' own tests
-- (91-93) check their payloads.
BEGIN;
SELECT plan(9);

SELECT results_eq($$ SELECT * FROM state_info('\x535901060100000000000000'::bytea) $$,
                  $$ VALUES ('moran_i'::text, 1, 0::bigint, true) $$,
                  'an empty moran_i payload: family, version, size');
SELECT results_eq($$ SELECT family, payload_bytes, length_ok
                     FROM state_info('\x53590101020000000300000001020304'::bytea) $$,
                  $$ VALUES ('entropy_weights'::text, 3::bigint, false) $$,
                  'a payload one byte longer than its header says: length_ok false');
SELECT results_eq($$ SELECT family FROM state_info('\x535901070100000000000000'::bytea) $$,
                  $$ VALUES ('trend_analysis'::text) $$, 'kind 7 is trend_analysis');
SELECT is(state_info(NULL::bytea), NULL, 'NULL state: NULL');
SELECT throws_ok($$ SELECT state_info('\x5359010601'::bytea) $$, '22P03',
                 'state_info: invalid aggregate state', 'shorter than the header: 22P03');
SELECT throws_ok($$ SELECT state_info('\x000001060100000000000000'::bytea) $$, '22P03',
                 'state_info: invalid aggregate state', 'no SY magic: 22P03');
SELECT throws_ok($$ SELECT state_info('\x535902060100000000000000'::bytea) $$, '22P03',
                 'state_info: invalid aggregate state', 'unknown layout: 22P03');
SELECT throws_ok($$ SELECT state_info('\x535901080100000000000000'::bytea) $$, '22P03',
                 'state_info: invalid aggregate state', 'unknown kind: 22P03');
SELECT throws_ok($$ SELECT state_info(''::bytea) $$, '22P03',
                 'state_info: invalid aggregate state', 'empty value: 22P03');

SELECT * FROM finish();

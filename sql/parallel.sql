-- Parallel and partition-wise plans run the weight aggregates as
-- Partial/Finalize aggregates (combine, serialize, deserialize) and must give
-- the serial answer.  Floating-point sums taken in another order can differ
-- in the last bits, so the comparison is to 1e-12 relative.

CREATE TABLE par_panel (id int, grp int, x float8[], dirs int[]);
INSERT INTO par_panel
SELECT g, g % 5,
       ARRAY[1e6 + 1e4 * sin(g), 50 + 10 * cos(g * 0.7), 3 + (g % 17), 1e-3 * (g % 101), 42],
       '{1,-1,1,-1,1}'
FROM generate_series(1, 30000) g;
ANALYZE par_panel;

-- the serial answers
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT entropy_weights(x, dirs) AS entropy, entropy_weights(x, dirs, 0.01) AS entropy_shift,
       critic_weights(x, dirs) AS critic, stddev_weights(x) AS stddev, cv_weights(x) AS cv,
       (entropy_weights_detail(x, dirs)).n AS n
FROM par_panel;
CREATE TEMP TABLE serial_grouped AS
SELECT grp, entropy_weights(x, dirs) AS entropy, critic_weights(x, dirs) AS critic
FROM par_panel GROUP BY grp;

CREATE FUNCTION pg_temp.close(a float8[], b float8[]) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT cardinality(a) = cardinality(b) AND
         bool_and(abs(x - y) <= 1e-12 * greatest(abs(x), abs(y)) + 1e-15)
  FROM unnest(a, b) AS u(x, y)
$$;

-- Plan shapes are read from EXPLAIN (FORMAT JSON) and printed like EXPLAIN's
-- text, node names and the keys that matter only, so that the output is the
-- same on every PostgreSQL major (18's text adds Buffers: lines and prints
-- rows=1.00; JSON carries the same facts under stable keys).
CREATE FUNCTION pg_temp.plan_node(n json, depth int) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
  pad text := repeat(' ', greatest(6 * depth - 4, 0));
  head text;
  child json;
BEGIN
  head := CASE WHEN n->>'Node Type' = 'Aggregate' THEN
                 CASE WHEN n->>'Partial Mode' IN ('Partial', 'Finalize') THEN (n->>'Partial Mode') || ' ' ELSE '' END
                 || CASE n->>'Strategy' WHEN 'Sorted' THEN 'GroupAggregate' WHEN 'Hashed' THEN 'HashAggregate'
                                        WHEN 'Mixed' THEN 'MixedAggregate' ELSE 'Aggregate' END
               ELSE CASE WHEN (n->>'Parallel Aware')::boolean THEN 'Parallel ' ELSE '' END || (n->>'Node Type')
          END
          || coalesce(' on ' || (n->>'Relation Name')
                      || CASE WHEN n->>'Alias' <> n->>'Relation Name' THEN ' ' || (n->>'Alias') ELSE '' END, '')
          || CASE WHEN n->'Actual Rows' IS NOT NULL
                  THEN format(' (actual rows=%s loops=%s)', round((n->>'Actual Rows')::numeric), n->>'Actual Loops')
                  ELSE '' END;
  RETURN NEXT CASE WHEN depth = 0 THEN head ELSE pad || '->  ' || head END;
  pad := repeat(' ', CASE WHEN depth = 0 THEN 2 ELSE 6 * depth + 2 END);
  IF n->'Group Key' IS NOT NULL THEN
    RETURN NEXT pad || 'Group Key: ' || (SELECT string_agg(k, ', ') FROM json_array_elements_text(n->'Group Key') k);
  END IF;
  IF n->'Sort Key' IS NOT NULL THEN
    RETURN NEXT pad || 'Sort Key: ' || (SELECT string_agg(k, ', ') FROM json_array_elements_text(n->'Sort Key') k);
  END IF;
  IF n->'Workers Planned' IS NOT NULL THEN
    RETURN NEXT pad || 'Workers Planned: ' || (n->>'Workers Planned');
  END IF;
  IF n->'Workers Launched' IS NOT NULL THEN
    RETURN NEXT pad || 'Workers Launched: ' || (n->>'Workers Launched');
  END IF;
  FOR child IN SELECT * FROM json_array_elements(coalesce(n->'Plans', '[]')) LOOP
    RETURN QUERY SELECT * FROM pg_temp.plan_node(child, depth + 1);
  END LOOP;
END $$;
CREATE FUNCTION pg_temp.plan(query text, actual boolean DEFAULT false) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE j json;
BEGIN
  EXECUTE format('EXPLAIN (FORMAT JSON, COSTS OFF%s) %s',
                 CASE WHEN actual THEN ', ANALYZE, TIMING OFF, SUMMARY OFF, BUFFERS OFF' ELSE '' END, query)
    INTO j;
  RETURN QUERY SELECT * FROM pg_temp.plan_node(j->0->'Plan', 0);
END $$;

-- force a parallel plan with two workers and no leader participation
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

-- The row-keeping entropy_weights is priced out of parallel plans (they move
-- every row through the leader and are slower than the serial plan; its
-- deserialize function carries the price): serial even here.  Priced back
-- in below to test its partial states.
SELECT pg_temp.plan($$SELECT entropy_weights(x, dirs) FROM par_panel$$) AS plan;
ALTER FUNCTION entropy_weights_deserialfn(bytea, internal) COST 1;

SELECT pg_temp.plan($$SELECT entropy_weights(x, dirs), critic_weights(x, dirs), stddev_weights(x), cv_weights(x) FROM par_panel$$) AS plan;
SELECT pg_temp.plan($$SELECT entropy_weights(x, dirs) FROM par_panel$$, true) AS plan;

SELECT pg_temp.close(p.entropy, s.entropy) AS entropy,
       pg_temp.close(p.entropy_shift, s.entropy_shift) AS entropy_shift,
       pg_temp.close(p.critic, s.critic) AS critic,
       pg_temp.close(p.stddev, s.stddev) AS stddev,
       pg_temp.close(p.cv, s.cv) AS cv,
       p.n = s.n AS n
FROM (SELECT entropy_weights(x, dirs) AS entropy, entropy_weights(x, dirs, 0.01) AS entropy_shift,
             critic_weights(x, dirs) AS critic, stddev_weights(x) AS stddev, cv_weights(x) AS cv,
             (entropy_weights_detail(x, dirs)).n AS n
      FROM par_panel) p, serial s;

-- grouped, with partial aggregation below the Gather
SELECT pg_temp.plan($$SELECT grp, entropy_weights(x, dirs) FROM par_panel GROUP BY grp$$) AS plan;
SELECT count(*) AS groups, bool_and(pg_temp.close(p.entropy, s.entropy)) AS entropy,
       bool_and(pg_temp.close(p.critic, s.critic)) AS critic
FROM (SELECT grp, entropy_weights(x, dirs) AS entropy, critic_weights(x, dirs) AS critic
      FROM par_panel GROUP BY grp) p JOIN serial_grouped s USING (grp);

-- directions that differ between rows are caught even when the rows are in
-- different workers: the combine step compares the partial states
CREATE TABLE par_bad AS SELECT g, ARRAY[g::float8, 1] AS x,
  CASE WHEN g > 15000 THEN '{1,-1}'::int[] ELSE '{1,1}' END AS dirs
FROM generate_series(1, 30000) g;
ANALYZE par_bad;
\set VERBOSITY terse
SELECT entropy_weights(x, dirs) FROM par_bad;
\set VERBOSITY default

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- partition-wise aggregation over a partitioned table: Partial Aggregate per
-- partition without parallel workers, then Finalize
CREATE TABLE par_parted (grp int, x float8[], dirs int[]) PARTITION BY LIST (grp);
CREATE TABLE par_parted_0 PARTITION OF par_parted FOR VALUES IN (0, 1);
CREATE TABLE par_parted_1 PARTITION OF par_parted FOR VALUES IN (2, 3);
CREATE TABLE par_parted_2 PARTITION OF par_parted FOR VALUES IN (4);
INSERT INTO par_parted SELECT grp, x, dirs FROM par_panel;
ANALYZE par_parted;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
SELECT pg_temp.plan($$SELECT entropy_weights(x, dirs), critic_weights(x, dirs), stddev_weights(x) FROM par_parted$$) AS plan;
SELECT pg_temp.close(p.entropy, s.entropy) AS entropy, pg_temp.close(p.critic, s.critic) AS critic,
       pg_temp.close(p.stddev, s.stddev) AS stddev, pg_temp.close(p.cv, s.cv) AS cv
FROM (SELECT entropy_weights(x, dirs) AS entropy, critic_weights(x, dirs) AS critic,
             stddev_weights(x) AS stddev, cv_weights(x) AS cv FROM par_parted) p, serial s;

-- grouped by the partition key: each partition aggregated whole
SELECT pg_temp.plan($$SELECT grp, entropy_weights(x, dirs) FROM par_parted GROUP BY grp$$) AS plan;
SELECT count(*) AS groups, bool_and(pg_temp.close(p.entropy, s.entropy)) AS entropy
FROM (SELECT grp, entropy_weights(x, dirs) AS entropy FROM par_parted GROUP BY grp) p
JOIN serial_grouped s USING (grp);
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
ALTER FUNCTION entropy_weights_deserialfn(bytea, internal) COST 1000000000;

DROP TABLE par_panel, par_bad, par_parted;

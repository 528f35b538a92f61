-- Scheduled recalculation: refresh the materialized views of a pipeline
-- schema in dependency order, record every run in a log a dashboard can
-- read, and schedule that with pg_cron when pg_cron is installed.  pg_cron
-- stays optional: it is reached only through dynamic SQL, at call time.
-- These objects write, so they are VOLATILE and PARALLEL UNSAFE (listed as
-- exceptions in test/pgtap/00_catalog.sql); all are SECURITY INVOKER.

-- The run log.  Plain sequences (not identity columns) so that
-- pg_extension_config_dump can keep their positions in dumps too.
CREATE SEQUENCE @extschema@.refresh_run_id_seq;

-- Availability: 0.2.0
CREATE TABLE @extschema@.refresh_run (
	id            bigint PRIMARY KEY DEFAULT pg_catalog.nextval('@extschema@.refresh_run_id_seq'),
	schema_name   name NOT NULL,
	concurrent    boolean NOT NULL,
	status        text NOT NULL DEFAULT 'running'
	              CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned')),
	started_at    timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
	finished_at   timestamptz,
	views         int,
	rows          bigint,
	failed_view   name,
	sqlstate      text,
	error         text,
	error_detail  text,
	error_hint    text,
	error_context text,
	run_by        name NOT NULL DEFAULT CURRENT_USER,
	application   text,
	backend_pid   int NOT NULL DEFAULT pg_catalog.pg_backend_pid()
);
ALTER SEQUENCE @extschema@.refresh_run_id_seq OWNED BY @extschema@.refresh_run.id;
CREATE INDEX refresh_run_schema_started_idx ON @extschema@.refresh_run (schema_name, started_at DESC);

COMMENT ON TABLE @extschema@.refresh_run IS
'One row per refresh_pipeline() run: schema, start and end, status (running, succeeded, failed, abandoned = its backend ended while running), materialized views and rows refreshed, and on failure the view, SQLSTATE, message, detail, hint and context of the error. Kept by pg_dump (pg_extension_config_dump).';

-- Availability: 0.2.0
CREATE TABLE @extschema@.refresh_step (
	run_id       bigint NOT NULL REFERENCES @extschema@.refresh_run (id) ON DELETE CASCADE,
	step         int NOT NULL,
	view_name    name NOT NULL,
	method       text NOT NULL CHECK (method IN ('concurrently', 'complete')),
	status       text NOT NULL CHECK (status IN ('succeeded', 'failed', 'rolled back')),
	started_at   timestamptz NOT NULL,
	finished_at  timestamptz NOT NULL,
	rows         bigint,
	PRIMARY KEY (run_id, step)
);

COMMENT ON TABLE @extschema@.refresh_step IS
'One row per materialized view refreshed by a refresh_pipeline() run, in refresh order: method (concurrently or complete), status (succeeded; failed; rolled back = refreshed, then undone because a later view of the run failed), times and row count. Kept by pg_dump.';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.refresh_run', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.refresh_run_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.refresh_step', '');

-- The materialized views of a schema in refresh order: a view comes after
-- every materialized view of the schema its query reads, directly or
-- through plain views (pg_rewrite dependencies, as pg_dump orders them).
-- concurrent: populated and with a unique index REFRESH ... CONCURRENTLY
-- can use (btree, unique, immediate, valid, no predicate, no expression).
-- Availability: 0.2.0
CREATE FUNCTION @extschema@.refresh_order(schema_name name)
RETURNS TABLE (step int, view_name name, concurrent_ok boolean)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
WITH RECURSIVE
mv AS (
	SELECT c.oid, c.relname, c.relispopulated
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = schema_name AND c.relkind = 'm'),
reach (mv, rel) AS (
	SELECT mv.oid, d.refobjid
	FROM mv
	JOIN pg_rewrite r ON r.ev_class = mv.oid
	JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
	                AND d.refclassid = 'pg_class'::regclass
	WHERE d.refobjid <> mv.oid
	UNION
	SELECT reach.mv, d.refobjid
	FROM reach
	JOIN pg_class v ON v.oid = reach.rel AND v.relkind = 'v'
	JOIN pg_rewrite r ON r.ev_class = v.oid
	JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
	                AND d.refclassid = 'pg_class'::regclass
	WHERE d.refobjid <> v.oid),
edge AS (
	SELECT DISTINCT reach.mv, reach.rel AS dep
	FROM reach JOIN mv ON mv.oid = reach.rel
	WHERE reach.rel <> reach.mv),
depth (oid, level) AS (
	SELECT oid, 0 FROM mv
	UNION
	SELECT edge.mv, depth.level + 1 FROM depth JOIN edge ON edge.dep = depth.oid)
SELECT (row_number() OVER (ORDER BY max(depth.level), mv.relname))::int,
       mv.relname,
       mv.relispopulated AND EXISTS (
	       SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
	       JOIN pg_am am ON am.oid = ic.relam
	       WHERE i.indrelid = mv.oid AND i.indisunique AND i.indimmediate AND i.indisvalid
	         AND i.indpred IS NULL AND i.indexprs IS NULL AND am.amname = 'btree')
FROM mv JOIN depth ON depth.oid = mv.oid
GROUP BY mv.oid, mv.relname, mv.relispopulated
ORDER BY 1
$$;

COMMENT ON FUNCTION @extschema@.refresh_order(name) IS
'The materialized views of schema_name in the order refresh_pipeline() refreshes them (each after the materialized views it reads, directly or through plain views; ties by name), and whether REFRESH ... CONCURRENTLY applies (populated, with a plain-column unique btree index without WHERE).';

-- Availability: 0.2.0
CREATE PROCEDURE @extschema@.refresh_pipeline(
	schema_name name DEFAULT 'synergy_pipeline',
	concurrent boolean DEFAULT true,
	INOUT run_id bigint DEFAULT NULL)
LANGUAGE plpgsql
-- No SET clause: it would forbid the COMMITs below.  Every name is
-- qualified instead (pg_catalog, the extension's schema, %I).
AS $$
DECLARE
	v_run     bigint;
	v_step    int := 0;
	v_view    name;
	v_conc    boolean;
	v_t0      timestamptz;
	v_n       bigint;
	v_views   name[] := '{}';
	v_methods text[] := '{}';
	v_t0s     timestamptz[] := '{}';
	v_t1s     timestamptz[] := '{}';
	v_rows    bigint[] := '{}';
	v_failed  boolean := false;
	v_state   text;
	v_msg     text;
	v_detail  text;
	v_hint    text;
	v_context text;
	r         record;
BEGIN
	IF schema_name IS NULL OR concurrent IS NULL THEN
		RAISE EXCEPTION 'refresh_pipeline: schema_name and concurrent must not be NULL'
			USING ERRCODE = '22004',
			      DETAIL = pg_catalog.format('schema_name = %s, concurrent = %s.',
			                                 pg_catalog.quote_nullable(schema_name),
			                                 pg_catalog.quote_nullable(concurrent)),
			      HINT = 'CALL refresh_pipeline(''synergy_pipeline'', true), or omit the arguments for these defaults.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
	               WHERE n.nspname OPERATOR(pg_catalog.=) schema_name) THEN
		RAISE EXCEPTION 'refresh_pipeline: schema % does not exist', pg_catalog.quote_ident(schema_name)
			USING ERRCODE = '3F000',
			      HINT = 'Give the schema that holds the pipeline''s materialized views, e.g. after psql -f examples/pipeline_materialized.sql: synergy_pipeline.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM @extschema@.refresh_order(schema_name)) THEN
		RAISE EXCEPTION 'refresh_pipeline: schema % has no materialized views', pg_catalog.quote_ident(schema_name)
			USING ERRCODE = '42P01',
			      DETAIL = 'Only materialized views are refreshed; plain views compute on read.',
			      HINT = 'Create the materialized views first (examples/pipeline_materialized.sql), or give another schema.';
	END IF;

	-- Runs whose backend is gone (killed, server restart) cannot finish.
	UPDATE @extschema@.refresh_run AS o
	SET status = 'abandoned', finished_at = pg_catalog.clock_timestamp()
	WHERE o.status OPERATOR(pg_catalog.=) 'running'
	  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity a
	                  WHERE a.pid OPERATOR(pg_catalog.=) o.backend_pid
	                    AND a.backend_start OPERATOR(pg_catalog.<=) o.started_at);

	-- pg_cron's background workers have no application_name: their
	-- backend type (pg_cron) tells the scheduled runs apart.
	INSERT INTO @extschema@.refresh_run (schema_name, concurrent, application)
	VALUES (schema_name, concurrent,
	        COALESCE(NULLIF(pg_catalog.current_setting('application_name', true), ''),
	                 (SELECT a.backend_type FROM pg_catalog.pg_stat_activity a
	                  WHERE a.pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid())))
	RETURNING id INTO v_run;
	-- Make the running row visible to dashboards.  This fails with 2D000
	-- inside an explicit transaction block: CALL it on its own.
	COMMIT;

	-- The whole run is one subtransaction: on an error every view keeps its
	-- previous contents, so readers see one consistent pipeline.
	BEGIN
		FOR r IN SELECT o.view_name, o.concurrent_ok FROM @extschema@.refresh_order(schema_name) o ORDER BY o.step LOOP
			v_view := r.view_name;
			v_conc := concurrent AND r.concurrent_ok;
			v_t0 := pg_catalog.clock_timestamp();
			EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW %s%I.%I',
			                          CASE WHEN v_conc THEN 'CONCURRENTLY ' ELSE '' END,
			                          schema_name, v_view);
			EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %I.%I', schema_name, v_view) INTO v_n;
			v_views := v_views OPERATOR(pg_catalog.||) v_view;
			v_methods := v_methods OPERATOR(pg_catalog.||) CASE WHEN v_conc THEN 'concurrently' ELSE 'complete' END;
			v_t0s := v_t0s OPERATOR(pg_catalog.||) v_t0;
			v_t1s := v_t1s OPERATOR(pg_catalog.||) pg_catalog.clock_timestamp();
			v_rows := v_rows OPERATOR(pg_catalog.||) v_n;
		END LOOP;
	-- query_canceled too (statement_timeout, pg_cancel_backend): logged, then
	-- raised again below like any other error.
	EXCEPTION WHEN OTHERS OR query_canceled THEN
		GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT,
		                        v_detail = PG_EXCEPTION_DETAIL, v_hint = PG_EXCEPTION_HINT,
		                        v_context = PG_EXCEPTION_CONTEXT;
		v_failed := true;
	END;

	INSERT INTO @extschema@.refresh_step (run_id, step, view_name, method, status, started_at, finished_at, rows)
	SELECT v_run, s.i::int, s.v, s.m, CASE WHEN v_failed THEN 'rolled back' ELSE 'succeeded' END, s.t0, s.t1, s.n
	FROM ROWS FROM (pg_catalog.unnest(v_views), pg_catalog.unnest(v_methods), pg_catalog.unnest(v_t0s),
	                pg_catalog.unnest(v_t1s), pg_catalog.unnest(v_rows))
	     WITH ORDINALITY AS s(v, m, t0, t1, n, i);
	IF v_failed THEN
		INSERT INTO @extschema@.refresh_step (run_id, step, view_name, method, status, started_at, finished_at)
		VALUES (v_run, pg_catalog.cardinality(v_views) OPERATOR(pg_catalog.+) 1, v_view,
		        CASE WHEN v_conc THEN 'concurrently' ELSE 'complete' END, 'failed',
		        v_t0, pg_catalog.clock_timestamp());
	END IF;

	UPDATE @extschema@.refresh_run AS o
	SET status = CASE WHEN v_failed THEN 'failed' ELSE 'succeeded' END,
	    finished_at = pg_catalog.clock_timestamp(),
	    views = pg_catalog.cardinality(v_views),
	    rows = (SELECT pg_catalog.sum(x) FROM pg_catalog.unnest(v_rows) x),
	    failed_view = CASE WHEN v_failed THEN v_view END,
	    sqlstate = v_state, error = v_msg,
	    error_detail = NULLIF(v_detail, ''), error_hint = NULLIF(v_hint, ''),
	    error_context = NULLIF(v_context, '')
	WHERE o.id OPERATOR(pg_catalog.=) v_run;
	-- The refreshed views and their log rows become visible together.
	COMMIT;

	IF v_failed THEN
		RAISE EXCEPTION 'refresh_pipeline: run % failed refreshing %.%: %', v_run,
		                pg_catalog.quote_ident(schema_name), pg_catalog.quote_ident(v_view), v_msg
			USING ERRCODE = v_state,
			      DETAIL = pg_catalog.concat_ws(' ', NULLIF(v_detail, ''),
			               'Every materialized view of the schema keeps its previous contents.'),
			      HINT = pg_catalog.format('SELECT * FROM refresh_run WHERE id = %s shows the error and its context.', v_run);
	END IF;
	run_id := v_run;
END
$$;

COMMENT ON PROCEDURE @extschema@.refresh_pipeline(name, boolean, bigint) IS
'Refresh every materialized view of schema_name in dependency order (refresh_order), CONCURRENTLY where a unique index allows and concurrent is true, as one all-or-nothing run, and log it in refresh_run and refresh_step. On an error the views keep their previous contents, the error is logged, and the procedure raises it again (same SQLSTATE) so that a pg_cron job shows failed. CALL it on its own, not inside BEGIN ... COMMIT (it commits the log). Returns the run id.';

-- The pg_cron extension's schema, or an error saying how to install it.
CREATE FUNCTION @extschema@._refresh_cron_schema(caller text)
RETURNS name
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	s name;
BEGIN
	-- pg_cron always puts its objects in schema cron (its extnamespace is
	-- wherever CREATE EXTENSION ran, usually public).
	IF EXISTS (SELECT 1 FROM pg_extension e WHERE e.extname = 'pg_cron') THEN
		s := 'cron';
	ELSE
		RAISE EXCEPTION '%: pg_cron is not installed in database %', caller, quote_ident(current_database())
			USING ERRCODE = '55000',
			      DETAIL = 'Scheduling uses the pg_cron extension, which synergy does not require.',
			      HINT = 'Install the Debian package postgresql-15-cron; in postgresql.conf set shared_preload_libraries = ''pg_cron'' and cron.database_name = ''' || current_database() || ''' (and cron.use_background_workers = on), restart the server, then CREATE EXTENSION pg_cron. Or run CALL refresh_pipeline() from any other scheduler.';
	END IF;
	RETURN s;
END
$$;

COMMENT ON FUNCTION @extschema@._refresh_cron_schema(text) IS
'Internal: the schema of the pg_cron extension in this database, or SQLSTATE 55000 with how to install pg_cron.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.schedule_refresh(
	job_name text,
	schedule text,
	schema_name name DEFAULT 'synergy_pipeline',
	concurrent boolean DEFAULT true)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cron name;
	jobid bigint;
BEGIN
	IF job_name IS NULL OR schedule IS NULL OR schema_name IS NULL OR concurrent IS NULL THEN
		RAISE EXCEPTION 'schedule_refresh: no argument may be NULL'
			USING ERRCODE = '22004',
			      DETAIL = format('job_name = %s, schedule = %s, schema_name = %s, concurrent = %s.',
			                      quote_nullable(job_name), quote_nullable(schedule),
			                      quote_nullable(schema_name), quote_nullable(concurrent)),
			      HINT = 'Example: SELECT schedule_refresh(''synergy-nightly'', ''30 2 * * *'');';
	END IF;
	cron := @extschema@._refresh_cron_schema('schedule_refresh');
	IF NOT EXISTS (SELECT 1 FROM @extschema@.refresh_order(schema_name)) THEN
		RAISE EXCEPTION 'schedule_refresh: schema % has no materialized views', quote_ident(schema_name)
			USING ERRCODE = '42P01',
			      HINT = 'Create the materialized views first (examples/pipeline_materialized.sql), or give another schema.';
	END IF;
	-- pg_cron replaces the schedule and command of a job of the same name.
	EXECUTE format('SELECT %I.schedule($1, $2, $3)', cron)
		INTO jobid
		USING job_name, schedule,
		      format('CALL %I.refresh_pipeline(%L, %L)',
		             (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
		              WHERE e.extname = 'synergy'),
		             schema_name, concurrent);
	RETURN jobid;
END
$$;

COMMENT ON FUNCTION @extschema@.schedule_refresh(text, text, name, boolean) IS
'Schedule CALL refresh_pipeline(schema_name, concurrent) with pg_cron under job_name (cron syntax, e.g. ''30 2 * * *''); a job of that name is replaced. Returns the pg_cron job id. SQLSTATE 55000, with how to install pg_cron, when pg_cron is not installed in this database.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.unschedule_refresh(job_name text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cron name;
	found_job boolean;
BEGIN
	IF job_name IS NULL THEN
		RAISE EXCEPTION 'unschedule_refresh: job_name must not be NULL'
			USING ERRCODE = '22004', HINT = 'SELECT jobname FROM cron.job lists the jobs.';
	END IF;
	cron := @extschema@._refresh_cron_schema('unschedule_refresh');
	EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.job WHERE jobname = $1)', cron)
		INTO found_job USING job_name;
	IF NOT found_job THEN
		RETURN false;
	END IF;
	EXECUTE format('SELECT %I.unschedule($1::name)', cron) INTO found_job USING job_name;
	RETURN found_job;
END
$$;

COMMENT ON FUNCTION @extschema@.unschedule_refresh(text) IS
'Remove the pg_cron job job_name (of the current user); false if there is none. SQLSTATE 55000 when pg_cron is not installed.';

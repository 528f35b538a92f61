-- Scheduled recalculation: refresh the materialized views of a pipeline
-- schema in dependency order, record every run in a log a dashboard can
-- read, and schedule that with pg_cron when pg_cron is installed.  pg_cron
-- stays optional: it is reached only through dynamic SQL, at call time.
-- These objects write, so they are VOLATILE and PARALLEL UNSAFE (listed as
-- exceptions in test/pgtap/00_catalog.sql); all are SECURITY INVOKER.
--
-- Safe in a database shared by roles of different trust (docs/operations.md,
-- "Security"): every function sets search_path = pg_catalog, pg_temp and
-- reaches synergy's own objects through @extschema@; the procedure, which
-- cannot carry a SET clause because it commits, sets the same path with
-- set_config() in each of its transactions and calls only qualified functions
-- with exactly typed arguments.  refresh_pipeline and schedule_refresh refuse
-- to run when the extension's schema is writable by roles other than
-- superusers and the extension's owner (synergy.allow_writable_schema, a
-- superuser-only setting, turns that into a warning).  The run log has
-- row-level security: a role sees and changes only the runs of the schemas
-- it may refresh, and only its own runs, except marking a dead run abandoned.

-- The run log.  Plain sequences (not identity columns) so that
-- pg_extension_config_dump can keep their positions in dumps too.
CREATE SEQUENCE @extschema@.refresh_run_id_seq;

-- Availability: 0.2.0
CREATE TABLE @extschema@.refresh_run (
	id            bigint PRIMARY KEY DEFAULT pg_catalog.nextval('@extschema@.refresh_run_id_seq'),
	schema_name   name NOT NULL,
	concurrent    boolean NOT NULL,
	status        text NOT NULL DEFAULT 'running'
	              CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['running', 'succeeded', 'failed', 'abandoned']::pg_catalog.text[])),
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
'One row per refresh_pipeline() run: schema, start and end, status (running, succeeded, failed, abandoned = its session ended while running: terminated, crashed, server restart), materialized views and rows refreshed, and on failure the view, SQLSTATE, message, detail, hint and context of the error. Row-level security: a role sees the runs of the schemas whose materialized views it may refresh, and changes only its own runs. Kept by pg_dump (pg_extension_config_dump).';

-- Availability: 0.2.0
CREATE TABLE @extschema@.refresh_step (
	run_id       bigint NOT NULL REFERENCES @extschema@.refresh_run (id) ON DELETE CASCADE,
	step         int NOT NULL,
	view_name    name NOT NULL,
	method       text NOT NULL
	             CHECK (method OPERATOR(pg_catalog.=) ANY (ARRAY['concurrently', 'complete']::pg_catalog.text[])),
	status       text NOT NULL
	             CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['succeeded', 'failed', 'rolled back']::pg_catalog.text[])),
	started_at   timestamptz NOT NULL,
	finished_at  timestamptz NOT NULL,
	rows         bigint,
	PRIMARY KEY (run_id, step)
);

COMMENT ON TABLE @extschema@.refresh_step IS
'One row per materialized view refreshed by a refresh_pipeline() run, in refresh order: method (concurrently or complete), status (succeeded; failed; rolled back = refreshed, then undone because a later view of the run failed), times and row count. Visible with its run (row-level security). Kept by pg_dump.';

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

-- "May refresh": the role could REFRESH every materialized view of the
-- schema, i.e. it has the privileges of each view's owner (PostgreSQL 17+:
-- or holds MAINTAIN on it).  A schema without materialized views (or
-- missing) is refreshable by nobody: its old runs stay visible to superusers
-- and the extension's owner only.
-- Availability: 0.2.0
CREATE FUNCTION @extschema@._refresh_may(schema_name name)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = schema_name AND c.relkind = 'm')
   AND NOT EXISTS (
	SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = schema_name AND c.relkind = 'm'
	  AND NOT CASE WHEN current_setting('server_version_num')::int >= 170000
	               THEN has_table_privilege(c.oid, 'MAINTAIN')
	               ELSE pg_has_role(c.relowner, 'USAGE') END)
$$;

COMMENT ON FUNCTION @extschema@._refresh_may(name) IS
'Internal (row-level security of refresh_run, refresh_pipeline, schedule_refresh): whether the current role may refresh every materialized view of schema_name (has the privileges of each view''s owner; on PostgreSQL 17+ holds MAINTAIN). False for a schema without materialized views.';

-- A running refresh holds a session-level advisory lock on its run id, in
-- the two-int4 key space (objsubid 2 in pg_locks) with first key 'SYNR', so
-- that it does not meet an application's single-bigint advisory locks.
-- pg_locks shows every session's locks to every role, unlike
-- pg_stat_activity: a run is abandoned when it is 'running' and no session
-- holds its lock (the session ended: terminated, crashed, server restart).
-- Availability: 0.2.0
CREATE FUNCTION @extschema@._refresh_lock_key(run_id bigint)
RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT (CASE WHEN m >= 2147483648 THEN m - 4294967296 ELSE m END)::int
FROM (SELECT (run_id % 4294967296 + 4294967296) % 4294967296 AS m) k
$$;

COMMENT ON FUNCTION @extschema@._refresh_lock_key(bigint) IS
'Internal: the second key of the advisory lock a running refresh_pipeline() run holds, pg_advisory_lock(1398361682, _refresh_lock_key(run_id)) (the first key spells SYNR); run ids wrap modulo 2^32.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@._refresh_lock_held(run_id bigint)
RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT EXISTS (
	SELECT 1 FROM pg_locks l
	WHERE l.locktype = 'advisory' AND l.granted
	  AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
	  AND l.classid = 1398361682::oid AND l.objsubid = 2
	  AND l.objid = @extschema@._refresh_lock_key(run_id)::oid)
$$;

COMMENT ON FUNCTION @extschema@._refresh_lock_held(bigint) IS
'Internal: whether some session holds the advisory lock of refresh run run_id, i.e. the run is alive (pg_locks, visible to every role).';

-- Nobody changes another role's run, but for one thing: a run that is
-- 'running' while no session holds its lock may be marked 'abandoned' (and
-- given a finished_at) by any role that may refresh its schema.  The id,
-- role, schema and start of a run never change.  Superusers are not
-- restricted.
-- Availability: 0.2.0
CREATE FUNCTION @extschema@._refresh_run_guard()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = CURRENT_USER) THEN
		RETURN NEW;
	END IF;
	IF (NEW.id, NEW.run_by, NEW.schema_name, NEW.started_at, NEW.backend_pid)
	   IS DISTINCT FROM (OLD.id, OLD.run_by, OLD.schema_name, OLD.started_at, OLD.backend_pid) THEN
		RAISE EXCEPTION 'refresh_run: the id, run_by, schema_name, started_at and backend_pid of run % cannot change', OLD.id
			USING ERRCODE = '42501',
			      HINT = 'Only superusers can rewrite the run log.';
	END IF;
	IF OLD.run_by = CURRENT_USER THEN
		RETURN NEW;
	END IF;
	IF OLD.status = 'running' AND NEW.status = 'abandoned'
	   AND (NEW.concurrent, NEW.views, NEW.rows, NEW.failed_view, NEW.sqlstate, NEW.error,
	        NEW.error_detail, NEW.error_hint, NEW.error_context, NEW.application)
	       IS NOT DISTINCT FROM
	       (OLD.concurrent, OLD.views, OLD.rows, OLD.failed_view, OLD.sqlstate, OLD.error,
	        OLD.error_detail, OLD.error_hint, OLD.error_context, OLD.application)
	   AND NOT @extschema@._refresh_lock_held(OLD.id) THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'refresh_run: run % belongs to role %', OLD.id, quote_ident(OLD.run_by)
		USING ERRCODE = '42501',
		      DETAIL = format('Role %s may change only its own runs, or mark a run abandoned whose session has ended (run %s is %s, %s).',
		                      quote_ident(CURRENT_USER), OLD.id, OLD.status,
		                      CASE WHEN @extschema@._refresh_lock_held(OLD.id) THEN 'its session is alive'
		                           ELSE 'no session holds it' END),
		      HINT = 'Run the change as that role or as a superuser.';
END
$$;

COMMENT ON FUNCTION @extschema@._refresh_run_guard() IS
'Internal: trigger on refresh_run. A non-superuser changes only its own runs (never their id, role, schema, start or backend), or marks another role''s run abandoned (status and finished_at only) when the run is running and no session holds its lock; otherwise SQLSTATE 42501.';

CREATE TRIGGER refresh_run_guard BEFORE UPDATE ON @extschema@.refresh_run
	FOR EACH ROW EXECUTE FUNCTION @extschema@._refresh_run_guard();

-- Row-level security.  The table's owner (the extension's owner) and
-- superusers bypass it, so pg_dump and pg_restore by a superuser keep every
-- row.  Other roles still need the table privileges (GRANT, no PUBLIC).
ALTER TABLE @extschema@.refresh_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY refresh_run_select ON @extschema@.refresh_run FOR SELECT
	USING (@extschema@._refresh_may(schema_name));
CREATE POLICY refresh_run_insert ON @extschema@.refresh_run FOR INSERT
	WITH CHECK (@extschema@._refresh_may(schema_name) AND run_by OPERATOR(pg_catalog.=) CURRENT_USER);
CREATE POLICY refresh_run_update ON @extschema@.refresh_run FOR UPDATE
	USING (@extschema@._refresh_may(schema_name))
	WITH CHECK (@extschema@._refresh_may(schema_name));
CREATE POLICY refresh_run_delete ON @extschema@.refresh_run FOR DELETE
	USING (@extschema@._refresh_may(schema_name) AND run_by OPERATOR(pg_catalog.=) CURRENT_USER);

ALTER TABLE @extschema@.refresh_step ENABLE ROW LEVEL SECURITY;
CREATE POLICY refresh_step_select ON @extschema@.refresh_step FOR SELECT
	USING (EXISTS (SELECT 1 FROM @extschema@.refresh_run r WHERE r.id OPERATOR(pg_catalog.=) run_id));
CREATE POLICY refresh_step_write ON @extschema@.refresh_step FOR ALL
	USING (EXISTS (SELECT 1 FROM @extschema@.refresh_run r
	               WHERE r.id OPERATOR(pg_catalog.=) run_id AND r.run_by OPERATOR(pg_catalog.=) CURRENT_USER))
	WITH CHECK (EXISTS (SELECT 1 FROM @extschema@.refresh_run r
	                    WHERE r.id OPERATOR(pg_catalog.=) run_id AND r.run_by OPERATOR(pg_catalog.=) CURRENT_USER));

-- The extension's schema must not be writable by roles that could plant a
-- function or operator there for a more privileged caller (a superuser, a
-- pg_cron job) to run.  Lists every role other than superusers and the
-- extension's owner that has CREATE on it (through the ACL, PUBLIC,
-- ownership -- on PostgreSQL 15+ public belongs to pg_database_owner, that
-- is the database's owner -- or membership), and raises 55000, or a WARNING
-- when a superuser set synergy.allow_writable_schema = on.
-- Availability: 0.2.0
CREATE FUNCTION @extschema@._refresh_schema_check(caller text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_nsp       oid;
	v_nspname   name;
	v_owner     oid;
	v_extowner  oid;
	v_writers   text[];
	v_public    boolean;
	v_grantees  text[];
	v_list      text;
	v_fix       text[] := '{}';
	v_allow     boolean;
	v_msg       text;
	v_detail    text;
	v_hint      text;
BEGIN
	-- Load synergy's library first: until it is loaded in this session,
	-- synergy.allow_writable_schema is a placeholder that any role can SET.
	-- Loading it defines the real, superuser-only setting and drops a value
	-- a non-superuser gave the placeholder.
	PERFORM @extschema@.synergy_version();

	SELECT n.oid, n.nspname, n.nspowner, e.extowner
	INTO v_nsp, v_nspname, v_owner, v_extowner
	FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
	WHERE e.extname = 'synergy';

	SELECT array_agg(quote_ident(r.rolname) ORDER BY r.rolname) INTO v_writers
	FROM pg_roles r
	WHERE NOT r.rolsuper AND r.oid <> v_extowner AND r.rolname <> 'pg_database_owner'
	  AND has_schema_privilege(r.oid, v_nsp, 'CREATE');
	IF v_writers IS NULL THEN
		RETURN;
	END IF;

	v_public := EXISTS (SELECT 1 FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a
	                    WHERE n.oid = v_nsp AND a.grantee = 0 AND a.privilege_type = 'CREATE');
	SELECT array_agg(DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END)
	INTO v_grantees
	FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a
	LEFT JOIN pg_roles r ON r.oid = a.grantee
	WHERE n.oid = v_nsp AND a.privilege_type = 'CREATE'
	  AND (a.grantee = 0 OR (NOT r.rolsuper AND r.oid <> v_extowner AND r.oid <> v_owner));
	IF v_grantees IS NOT NULL THEN
		v_fix := v_fix || format('REVOKE CREATE ON SCHEMA %I FROM %s;', v_nspname, array_to_string(v_grantees, ', '));
	END IF;
	-- The owner, or for pg_database_owner the database's owner, when it is
	-- neither a superuser nor the extension's owner.
	IF EXISTS (SELECT 1 FROM pg_roles r
	           WHERE r.oid = CASE WHEN v_owner = 'pg_database_owner'::regrole
	                              THEN (SELECT d.datdba FROM pg_database d WHERE d.datname = current_database())
	                              ELSE v_owner END
	             AND NOT r.rolsuper AND r.oid <> v_extowner) THEN
		v_fix := v_fix || format('ALTER SCHEMA %I OWNER TO %I;', v_nspname, v_extowner::regrole::text);
	END IF;

	IF v_public THEN
		v_list := 'PUBLIC (every role)';
	ELSIF cardinality(v_writers) > 20 THEN
		v_list := array_to_string(v_writers[1:20], ', ') || format(' and %s more', cardinality(v_writers) - 20);
	ELSE
		v_list := array_to_string(v_writers, ', ');
	END IF;
	v_msg := format('%s: schema %s, where synergy is installed, is writable by roles other than superusers and the extension''s owner',
	                caller, quote_ident(v_nspname));
	v_detail := format('CREATE on schema %s: %s. Such a role can create a function or operator in it that %s would run with the rights of its caller (a superuser, a pg_cron job).',
	                   quote_ident(v_nspname), v_list, caller);
	v_hint := concat_ws(' ',
		CASE WHEN cardinality(v_fix) > 0
		     THEN 'Let only trusted roles write it: ' || array_to_string(v_fix, ' ')
		     ELSE 'Revoke the role memberships through which these roles have CREATE on it.' END,
		'Or install synergy in a schema only trusted roles can write (CREATE EXTENSION synergy SCHEMA ...).',
		'A superuser can set synergy.allow_writable_schema = on to make this a warning (docs/operations.md).');

	v_allow := COALESCE(current_setting('synergy.allow_writable_schema', true)::boolean, false);
	IF v_allow THEN
		RAISE WARNING '%', v_msg USING DETAIL = v_detail, HINT = v_hint;
	ELSE
		RAISE EXCEPTION '%', v_msg USING ERRCODE = '55000', DETAIL = v_detail, HINT = v_hint;
	END IF;
END
$$;

COMMENT ON FUNCTION @extschema@._refresh_schema_check(text) IS
'Internal (refresh_pipeline, schedule_refresh): SQLSTATE 55000, naming the roles and the REVOKE to run, when the extension''s schema is writable (CREATE) by roles other than superusers and the extension''s owner; a WARNING instead when a superuser set synergy.allow_writable_schema = on.';

-- The first transaction of a run: checks, abandoned runs, the run's row
-- and its lock.  Returns the run id.
-- Availability: 0.2.0
CREATE FUNCTION @extschema@._refresh_start(p_schema name, p_concurrent boolean)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_run  bigint;
	v_lack text;
	v_tries bigint := 0;
BEGIN
	IF p_schema IS NULL OR p_concurrent IS NULL THEN
		RAISE EXCEPTION 'refresh_pipeline: schema_name and concurrent must not be NULL'
			USING ERRCODE = '22004',
			      DETAIL = format('schema_name = %s, concurrent = %s.',
			                      quote_nullable(p_schema), quote_nullable(p_concurrent)),
			      HINT = 'CALL refresh_pipeline(''synergy_pipeline'', true), or omit the arguments for these defaults.';
	END IF;
	PERFORM @extschema@._refresh_schema_check('refresh_pipeline');
	IF NOT EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = p_schema) THEN
		RAISE EXCEPTION 'refresh_pipeline: schema % does not exist', quote_ident(p_schema)
			USING ERRCODE = '3F000',
			      HINT = 'Give the schema that holds the pipeline''s materialized views, e.g. after psql -f examples/pipeline_materialized.sql: synergy_pipeline.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM @extschema@.refresh_order(p_schema)) THEN
		RAISE EXCEPTION 'refresh_pipeline: schema % has no materialized views', quote_ident(p_schema)
			USING ERRCODE = '42P01',
			      DETAIL = 'Only materialized views are refreshed; plain views compute on read.',
			      HINT = 'Create the materialized views first (examples/pipeline_materialized.sql), or give another schema.';
	END IF;
	IF NOT @extschema@._refresh_may(p_schema) THEN
		SELECT string_agg(format('%I (owner %I)', c.relname, c.relowner::regrole::text), ', ' ORDER BY c.relname)
		INTO v_lack
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = p_schema AND c.relkind = 'm'
		  AND NOT CASE WHEN current_setting('server_version_num')::int >= 170000
		               THEN has_table_privilege(c.oid, 'MAINTAIN')
		               ELSE pg_has_role(c.relowner, 'USAGE') END;
		RAISE EXCEPTION 'refresh_pipeline: role % may not refresh the materialized views of schema %',
		                quote_ident(CURRENT_USER), quote_ident(p_schema)
			USING ERRCODE = '42501',
			      DETAIL = format('REFRESH MATERIALIZED VIEW needs the privileges of each view''s owner (or, on PostgreSQL 17+, MAINTAIN on it); %s lacks them for: %s.',
			                      quote_ident(CURRENT_USER), COALESCE(v_lack, '(none)')),
			      HINT = 'Run it as the role that owns the views (or one of its members); on PostgreSQL 17+ the owner can also GRANT MAINTAIN ON each view.';
	END IF;

	-- Runs whose session has ended (terminated, crashed, server restart)
	-- cannot finish: no session holds their lock.  Row-level security limits
	-- this to the runs of schemas the role may refresh.
	UPDATE @extschema@.refresh_run AS o
	SET status = 'abandoned', finished_at = clock_timestamp()
	WHERE o.status = 'running' AND NOT @extschema@._refresh_lock_held(o.id);

	-- The run's lock, held until the run's last commit, or the session's
	-- end.  Taken before the row is committed, so a committed 'running' row
	-- without it is dead.  Advisory locks need no privilege: any role may
	-- hold the keys of the next run ids (to stop every refresh), so an id
	-- whose key is taken is skipped; the lock table holds far fewer locks
	-- than the ids tried here.
	LOOP
		v_run := nextval('@extschema@.refresh_run_id_seq'::regclass);
		EXIT WHEN pg_try_advisory_lock(1398361682, @extschema@._refresh_lock_key(v_run));
		v_tries := v_tries OPERATOR(pg_catalog.+) 1;
		IF v_tries OPERATOR(pg_catalog.>=) 1000000 THEN
			RAISE EXCEPTION 'refresh_pipeline: the advisory locks of the next % run ids are taken', v_tries
				USING ERRCODE = '55P03',
				      DETAIL = format('Other sessions hold pg_advisory_lock(1398361682, k) for the keys of runs %s to %s.',
				                      v_run OPERATOR(pg_catalog.-) v_tries OPERATOR(pg_catalog.+) 1, v_run),
				      HINT = 'An application uses synergy''s advisory lock key space (first key 1398361682): give it other keys.';
		END IF;
	END LOOP;
	-- pg_cron's background workers have no application_name: their
	-- backend type (pg_cron) tells the scheduled runs apart.
	BEGIN
		INSERT INTO @extschema@.refresh_run (id, schema_name, concurrent, application)
		VALUES (v_run, p_schema, p_concurrent,
		        COALESCE(NULLIF(current_setting('application_name', true), ''),
		                 (SELECT a.backend_type FROM pg_stat_activity a WHERE a.pid = pg_backend_pid())));
	EXCEPTION WHEN OTHERS THEN
		-- a session lock outlives the transaction: not for a run never logged
		PERFORM pg_advisory_unlock(1398361682, @extschema@._refresh_lock_key(v_run));
		RAISE;
	END;
	RETURN v_run;
END
$$;

COMMENT ON FUNCTION @extschema@._refresh_start(name, boolean) IS
'Internal (refresh_pipeline, first transaction): checks the arguments, the extension''s schema and the role''s right to refresh, marks dead runs abandoned, logs the new run as running and takes its advisory lock. Returns the run id.';

-- The second transaction of a run: every view, as one subtransaction, and
-- the log.  NULL when the run succeeded, else {SQLSTATE, message, detail,
-- hint} of the error to raise once the log is committed.
-- Availability: 0.2.0
CREATE FUNCTION @extschema@._refresh_views(p_run bigint, p_schema name, p_concurrent boolean)
RETURNS text[]
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
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
	-- The whole run is one subtransaction: on an error every view keeps its
	-- previous contents, so readers see one consistent pipeline.
	BEGIN
		FOR r IN SELECT o.view_name, o.concurrent_ok FROM @extschema@.refresh_order(p_schema) o ORDER BY o.step LOOP
			v_view := r.view_name;
			v_conc := p_concurrent AND r.concurrent_ok;
			v_t0 := clock_timestamp();
			EXECUTE format('REFRESH MATERIALIZED VIEW %s%I.%I',
			               CASE WHEN v_conc THEN 'CONCURRENTLY ' ELSE '' END, p_schema, v_view);
			EXECUTE format('SELECT pg_catalog.count(*) FROM %I.%I', p_schema, v_view) INTO v_n;
			v_views := v_views OPERATOR(pg_catalog.||) v_view;
			v_methods := v_methods OPERATOR(pg_catalog.||) CASE WHEN v_conc THEN 'concurrently' ELSE 'complete' END;
			v_t0s := v_t0s OPERATOR(pg_catalog.||) v_t0;
			v_t1s := v_t1s OPERATOR(pg_catalog.||) clock_timestamp();
			v_rows := v_rows OPERATOR(pg_catalog.||) v_n;
		END LOOP;
	-- query_canceled too (statement_timeout, pg_cancel_backend): logged, then
	-- raised again by the procedure like any other error.
	EXCEPTION WHEN OTHERS OR query_canceled THEN
		GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT,
		                        v_detail = PG_EXCEPTION_DETAIL, v_hint = PG_EXCEPTION_HINT,
		                        v_context = PG_EXCEPTION_CONTEXT;
		v_failed := true;
	END;

	INSERT INTO @extschema@.refresh_step (run_id, step, view_name, method, status, started_at, finished_at, rows)
	SELECT p_run, s.i::int, s.v, s.m, CASE WHEN v_failed THEN 'rolled back' ELSE 'succeeded' END, s.t0, s.t1, s.n
	FROM ROWS FROM (unnest(v_views), unnest(v_methods), unnest(v_t0s), unnest(v_t1s), unnest(v_rows))
	     WITH ORDINALITY AS s(v, m, t0, t1, n, i);
	IF v_failed THEN
		INSERT INTO @extschema@.refresh_step (run_id, step, view_name, method, status, started_at, finished_at)
		VALUES (p_run, cardinality(v_views) + 1, v_view,
		        CASE WHEN v_conc THEN 'concurrently' ELSE 'complete' END, 'failed',
		        v_t0, clock_timestamp());
	END IF;

	UPDATE @extschema@.refresh_run AS o
	SET status = CASE WHEN v_failed THEN 'failed' ELSE 'succeeded' END,
	    finished_at = clock_timestamp(),
	    views = cardinality(v_views),
	    rows = (SELECT sum(x) FROM unnest(v_rows) x),
	    failed_view = CASE WHEN v_failed THEN v_view END,
	    sqlstate = v_state, error = v_msg,
	    error_detail = NULLIF(v_detail, ''), error_hint = NULLIF(v_hint, ''),
	    error_context = NULLIF(v_context, '')
	WHERE o.id = p_run;

	IF NOT v_failed THEN
		RETURN NULL;
	END IF;
	RETURN ARRAY[v_state,
	             format('refresh_pipeline: run %s failed refreshing %s.%s: %s', p_run,
	                    quote_ident(p_schema), quote_ident(v_view), v_msg),
	             concat_ws(' ', NULLIF(v_detail, ''),
	                       'Every materialized view of the schema keeps its previous contents.'),
	             format('SELECT * FROM refresh_run WHERE id = %s shows the error and its context.', p_run)];
END
$$;

COMMENT ON FUNCTION @extschema@._refresh_views(bigint, name, boolean) IS
'Internal (refresh_pipeline, second transaction): refreshes the views of p_schema in refresh_order as one subtransaction and logs the steps and the outcome of run p_run. NULL on success, else {SQLSTATE, message, detail, hint} of the error for the procedure to raise after committing the log.';

-- Availability: 0.2.0
CREATE PROCEDURE @extschema@.refresh_pipeline(
	schema_name name DEFAULT 'synergy_pipeline',
	concurrent boolean DEFAULT true,
	INOUT run_id bigint DEFAULT NULL)
LANGUAGE plpgsql
-- No SET clause: PostgreSQL forbids COMMIT in a procedure that has one
-- ("invalid transaction termination"), and the run log must be committed
-- before the views are refreshed and before an error is raised again.
-- Instead each of the procedure's three transactions starts with
-- set_config('search_path', 'pg_catalog, pg_temp', true)
-- (undone by the COMMIT that ends it), the work is done by functions that
-- carry SET search_path, and every call here is qualified with arguments of
-- exactly the declared types.
AS $$
DECLARE
	v_run pg_catalog.int8;
	v_err pg_catalog.text[];
BEGIN
	PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
	v_run := @extschema@._refresh_start(schema_name, concurrent);
	-- Make the running row visible to dashboards.  This fails with 2D000
	-- inside an explicit transaction block: CALL it on its own.
	COMMIT;
	PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
	v_err := @extschema@._refresh_views(v_run, schema_name, concurrent);
	-- The refreshed views and their log rows become visible together.
	COMMIT;
	PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
	-- Only now: while the lock is held, the run's row is never 'running'
	-- without a live session.
	PERFORM pg_catalog.pg_advisory_unlock(1398361682, @extschema@._refresh_lock_key(v_run));
	IF v_err IS NOT NULL THEN
		RAISE EXCEPTION '%', v_err[2]
			USING ERRCODE = v_err[1], DETAIL = v_err[3], HINT = v_err[4];
	END IF;
	run_id := v_run;
END
$$;

COMMENT ON PROCEDURE @extschema@.refresh_pipeline(name, boolean, bigint) IS
'Refresh every materialized view of schema_name in dependency order (refresh_order), CONCURRENTLY where a unique index allows and concurrent is true, as one all-or-nothing run, and log it in refresh_run and refresh_step. On an error the views keep their previous contents, the error is logged, and the procedure raises it again (same SQLSTATE) so that a pg_cron job shows failed. CALL it on its own, not inside BEGIN ... COMMIT (it commits the log). Refuses (55000) when the extension''s schema is writable by untrusted roles. Returns the run id.';

-- The pg_cron extension's schema, or an error saying how to install it
-- (the Debian package of the running server's major).
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
			      HINT = format('Install the Debian package postgresql-%s-cron; in postgresql.conf set shared_preload_libraries = ''pg_cron'' and cron.database_name = %L (and cron.use_background_workers = on), restart the server, then CREATE EXTENSION pg_cron. Or run CALL refresh_pipeline() from any other scheduler.',
			                    current_setting('server_version_num')::int OPERATOR(pg_catalog./) 10000, current_database());
	END IF;
	RETURN s;
END
$$;

COMMENT ON FUNCTION @extschema@._refresh_cron_schema(text) IS
'Internal: the schema of the pg_cron extension in this database, or SQLSTATE 55000 with how to install pg_cron (the Debian package postgresql-NN-cron of the running server''s major).';

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
	PERFORM @extschema@._refresh_schema_check('schedule_refresh');
	cron := @extschema@._refresh_cron_schema('schedule_refresh');
	IF NOT EXISTS (SELECT 1 FROM @extschema@.refresh_order(schema_name)) THEN
		RAISE EXCEPTION 'schedule_refresh: schema % has no materialized views', quote_ident(schema_name)
			USING ERRCODE = '42P01',
			      HINT = 'Create the materialized views first (examples/pipeline_materialized.sql), or give another schema.';
	END IF;
	IF NOT @extschema@._refresh_may(schema_name) THEN
		RAISE EXCEPTION 'schedule_refresh: role % may not refresh the materialized views of schema %',
		                quote_ident(CURRENT_USER), quote_ident(schema_name)
			USING ERRCODE = '42501',
			      DETAIL = 'The job runs as the role that schedules it, and REFRESH MATERIALIZED VIEW needs the privileges of each view''s owner.',
			      HINT = 'Schedule it as the role that owns the views (or one of its members).';
	END IF;
	-- The job's command names synergy's procedure with its schema and passes
	-- every argument with its exact type, so that no other procedure can
	-- match it better, whatever the job's search_path and whatever
	-- overloads someone created.  pg_cron replaces the schedule and command
	-- of a job of the same name.
	EXECUTE format('SELECT %I.schedule($1, $2, $3)', cron)
		INTO jobid
		USING job_name, schedule,
		      format('CALL %s.refresh_pipeline(%L::pg_catalog.name, %s::pg_catalog.bool, NULL::pg_catalog.int8)',
		             (SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
		              WHERE e.extname = 'synergy'),
		             schema_name, CASE WHEN concurrent THEN 'true' ELSE 'false' END);
	RETURN jobid;
END
$$;

COMMENT ON FUNCTION @extschema@.schedule_refresh(text, text, name, boolean) IS
'Schedule CALL refresh_pipeline(schema_name, concurrent) with pg_cron under job_name (cron syntax, e.g. ''30 2 * * *''), as the current role; a job of that name is replaced. The job''s command is schema-qualified with typed arguments, so no overload can take its place. Returns the pg_cron job id. SQLSTATE 55000 when pg_cron is not installed in this database (with how to install it) or when the extension''s schema is writable by untrusted roles; 42501 when the role may not refresh the schema.';

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
	-- Only the current role's jobs: pg_cron's unschedule(name) finds no
	-- other (and raises), even for a superuser, who sees every job.
	EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.job j WHERE j.jobname = $1 AND j.username = CURRENT_USER)', cron)
		INTO found_job USING job_name;
	IF NOT found_job THEN
		RETURN false;
	END IF;
	EXECUTE format('SELECT %I.unschedule($1::pg_catalog.name)', cron) INTO found_job USING job_name;
	RETURN found_job;
END
$$;

COMMENT ON FUNCTION @extschema@.unschedule_refresh(text) IS
'Remove the pg_cron job job_name of the current role; false if the role has no such job (another role''s job of that name is left alone). SQLSTATE 55000 when pg_cron is not installed.';

-- synergy 0.2.0 -> 0.3.0 (unreleased).  This header states, in plain SQL,
-- every change to an object that 0.2.0 already has, with a comment per
-- change: CREATE OR REPLACE FUNCTION for a replaced body, ALTER FUNCTION /
-- ALTER AGGREGATE / ALTER TYPE for changed options or attributes, COMMENT ON
-- for a changed comment.  The Makefile appends the feature files wholly new
-- in 0.3.0 (SYNERGY_NEW_0_3_0).  test/stages/70_upgrade.sh compares the
-- catalog of databases upgraded from 0.1.0 and from 0.2.0 with a fresh
-- install of 0.3.0: a feature file that changes an existing object without a
-- statement here fails it (docs/releasing.md).

\echo Use "ALTER EXTENSION synergy UPDATE TO '0.3.0'" to load this file. \quit

-- Changed objects of 0.2.0:

-- moran_i and local_moran: given row-standardised weights are re-standardised
-- over the neighbours that remain when regions are missing (issue 12; the C
-- functions changed, the comments say so).
COMMENT ON AGGREGATE @extschema@.moran_i(float8, bigint, bigint[], float8[]) IS
'Global Moran''s I of value over the regions of the group (one row each: id, neighbour ids, their weights or NULL for row-standardised), with its moments under normality and randomisation as spdep''s moran.test; a NULL value leaves the region out and neighbours outside the group are dropped, as spdep''s subset.listw: given weights of a row that sum to 1 are re-standardised over the neighbours that remain, other weights (binary) stay as given; islands are kept as spdep (zero.policy, adjust.n).';
COMMENT ON FUNCTION @extschema@.local_moran(float8, bigint, bigint[], float8[], int, bigint, float8) IS
'Local Moran''s I (LISA) of each region of the window partition (use OVER (PARTITION BY year)); weights NULL means row-standardised; NULL values and missing neighbours as moran_i (row-standardised weights re-standardised over the neighbours that remain); permutations > 0 replaces the normal p value by a seeded conditional permutation p value; significance sets the level below which a quadrant is reported.';

-- Issue 12: a missing-value policy (missing text DEFAULT 'error', last) on
-- the window functions that take indicator vectors, and shift (the
-- translation method of entropy_weights) on topsis, topsis_detail,
-- composite_index and minmax_normalize.  Their signatures grow by trailing
-- arguments with defaults.  DROP FUNCTION + CREATE FUNCTION would fail on
-- every database with a view over them (and CASCADE would drop the user's
-- views), and keeping the old signature beside the new one makes every
-- call that leaves the new arguments out ambiguous.  So each function keeps
-- its oid (views, grants, comments and dependencies stay with it) and takes
-- the argument list of the new definition: a template function is created
-- with that definition, its argument columns are copied into the existing
-- pg_proc row (the script runs as a superuser: trusted = false), and the
-- template is dropped.  Stored calls (views) pass the old number of
-- arguments; the C functions read the new ones only when PG_NARGS() says
-- the call has them, so those calls give the same bits as before.

-- _sy_upgrade_take_arguments(target, template): the 0.2.0 function target
-- takes the argument list (types, names, defaults) of template, a function
-- created just before with the new definition, which is then dropped.  Used
-- below for each function that grows trailing defaulted arguments, and
-- dropped at the end of this script.
CREATE FUNCTION @extschema@._sy_upgrade_take_arguments(target pg_catalog.regprocedure,
                                                       template pg_catalog.regprocedure)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	UPDATE pg_catalog.pg_proc AS p
	SET pronargs = t.pronargs, pronargdefaults = t.pronargdefaults,
	    proargtypes = t.proargtypes, proargnames = t.proargnames,
	    proargdefaults = t.proargdefaults
	FROM pg_catalog.pg_proc AS t
	WHERE p.oid OPERATOR(pg_catalog.=) target::pg_catalog.oid
	  AND t.oid OPERATOR(pg_catalog.=) template::pg_catalog.oid;
	EXECUTE pg_catalog.format('DROP FUNCTION %s', template);
END
$fn$;
COMMENT ON FUNCTION @extschema@._sy_upgrade_take_arguments(pg_catalog.regprocedure, pg_catalog.regprocedure) IS
'Upgrade helper of synergy 0.2.0 -> 0.3.0 (docs/releasing.md): target takes template''s argument list and template is dropped; exists only while the upgrade script runs.';

CREATE FUNCTION @extschema@.sy_upgrade_template_minmax_normalize(
	x float8,
	direction int DEFAULT 1,
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'minmax_normalize_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sy_upgrade_template_minmax_normalize(float8, int, float8, text) IS
'Upgrade template of minmax_normalize: its argument list is copied into the 0.2.0 function by _sy_upgrade_take_arguments, which drops it.';
SELECT @extschema@._sy_upgrade_take_arguments('@extschema@.minmax_normalize(float8, int)', '@extschema@.sy_upgrade_template_minmax_normalize(float8, int, float8, text)');

CREATE FUNCTION @extschema@.sy_upgrade_template_minmax_normalize(
	x float8[],
	directions int[] DEFAULT NULL,
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8[]
AS 'MODULE_PATHNAME', 'minmax_normalize_array_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sy_upgrade_template_minmax_normalize(float8[], int[], float8, text) IS
'Upgrade template of minmax_normalize: its argument list is copied into the 0.2.0 function by _sy_upgrade_take_arguments, which drops it.';
SELECT @extschema@._sy_upgrade_take_arguments('@extschema@.minmax_normalize(float8[], int[])', '@extschema@.sy_upgrade_template_minmax_normalize(float8[], int[], float8, text)');
COMMENT ON FUNCTION @extschema@.minmax_normalize(float8, int, float8, text) IS
'Window function: min-max score of x within its partition, (x - min)/(max - min) for direction 1 (benefit) and (max - x)/(max - min) for -1 (cost), plus shift (NULL: 0); 0 when the partition has no range. A NULL x gives NULL (missing => ''error'' or ''skip'') or the score of the partition''s mean or median value (missing => ''mean'', ''median''). The frame is ignored.';
COMMENT ON FUNCTION @extschema@.minmax_normalize(float8[], int[], float8, text) IS
'Window function: min-max scores (plus shift, NULL: 0) of each indicator of x within the partition, cost indicators (direction -1) reversed; NULL directions mean all benefit. NULL elements: missing => ''error'' (default), ''skip'' (the row takes no part, NULL result), ''mean'' or ''median'' (imputed from the partition''s observed values). The frame is ignored.';

CREATE FUNCTION @extschema@.sy_upgrade_template_topsis(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL,
	normalization text DEFAULT 'minmax',
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'topsis_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sy_upgrade_template_topsis(float8[], float8[], int[], text, float8, text) IS
'Upgrade template of topsis: its argument list is copied into the 0.2.0 function by _sy_upgrade_take_arguments, which drops it.';
SELECT @extschema@._sy_upgrade_take_arguments('@extschema@.topsis(float8[], float8[], int[], text)', '@extschema@.sy_upgrade_template_topsis(float8[], float8[], int[], text, float8, text)');
COMMENT ON FUNCTION @extschema@.topsis(float8[], float8[], int[], text, float8, text) IS
'Window function: TOPSIS closeness D-/(D+ + D-) of each row within the partition. NULL weights mean the entropy weights of the partition (E-TOPSIS); normalization ''minmax'' or ''vector''; shift s > 0 (minmax only) scores z + s against the ideal 1 + s and the anti-ideal 0, so no row gets 0; missing ''error'' (default), ''skip'', ''mean'' or ''median'' for NULL elements. The frame is ignored.';

CREATE FUNCTION @extschema@.sy_upgrade_template_topsis_detail(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL,
	normalization text DEFAULT 'minmax',
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS @extschema@.topsis_detail
AS 'MODULE_PATHNAME', 'topsis_detail_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sy_upgrade_template_topsis_detail(float8[], float8[], int[], text, float8, text) IS
'Upgrade template of topsis_detail: its argument list is copied into the 0.2.0 function by _sy_upgrade_take_arguments, which drops it.';
SELECT @extschema@._sy_upgrade_take_arguments('@extschema@.topsis_detail(float8[], float8[], int[], text)', '@extschema@.sy_upgrade_template_topsis_detail(float8[], float8[], int[], text, float8, text)');
COMMENT ON FUNCTION @extschema@.topsis_detail(float8[], float8[], int[], text, float8, text) IS
'Window function: TOPSIS with its distances, (d_plus, d_minus, closeness), same arguments as topsis.';

CREATE FUNCTION @extschema@.sy_upgrade_template_composite_index(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL,
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'composite_index_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sy_upgrade_template_composite_index(float8[], float8[], int[], float8, text) IS
'Upgrade template of composite_index: its argument list is copied into the 0.2.0 function by _sy_upgrade_take_arguments, which drops it.';
SELECT @extschema@._sy_upgrade_take_arguments('@extschema@.composite_index(float8[], float8[], int[])', '@extschema@.sy_upgrade_template_composite_index(float8[], float8[], int[], float8, text)');
COMMENT ON FUNCTION @extschema@.composite_index(float8[], float8[], int[], float8, text) IS
'Window function: weighted sum of min-max scores, sum_j w_j (z_ij + shift), within the partition; weights rescaled to sum 1, NULL weights mean entropy weights of the partition (with the same shift); missing ''error'' (default), ''skip'', ''mean'' or ''median'' for NULL elements. The frame is ignored.';

CREATE FUNCTION @extschema@.sy_upgrade_template_obstacle_degree(
	x float8[],
	weights float8[] DEFAULT NULL,
	directions int[] DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8[]
AS 'MODULE_PATHNAME', 'obstacle_degree_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sy_upgrade_template_obstacle_degree(float8[], float8[], int[], text) IS
'Upgrade template of obstacle_degree: its argument list is copied into the 0.2.0 function by _sy_upgrade_take_arguments, which drops it.';
SELECT @extschema@._sy_upgrade_take_arguments('@extschema@.obstacle_degree(float8[], float8[], int[])', '@extschema@.sy_upgrade_template_obstacle_degree(float8[], float8[], int[], text)');
COMMENT ON FUNCTION @extschema@.obstacle_degree(float8[], float8[], int[], text) IS
'Window function: obstacle degree of each indicator for each row, O_j = w_j (1 - z_j) / sum_k w_k (1 - z_k) with z the min-max scores in the partition; NULL weights mean entropy weights; NULL for a row at the ideal on every indicator; missing ''error'' (default), ''skip'', ''mean'' or ''median'' for NULL elements.';

-- coupling_coordination, coupling_degree and coordination_degree (array
-- forms): missing text DEFAULT 'error' as their last argument (issue 12),
-- by the same catalog update as the window functions above, so views over
-- them keep their oids.

CREATE FUNCTION @extschema@.sy_upgrade_template_coupling_coordination(
	u float8[],
	weights float8[] DEFAULT NULL,
	variant text DEFAULT 'classic',
	missing text DEFAULT 'error')
RETURNS @extschema@.ccd
AS 'MODULE_PATHNAME', 'coupling_coordination_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sy_upgrade_template_coupling_coordination(float8[], float8[], text, text) IS
'Upgrade template of coupling_coordination: its argument list is copied into the 0.2.0 function by _sy_upgrade_take_arguments, which drops it.';
SELECT @extschema@._sy_upgrade_take_arguments('@extschema@.coupling_coordination(float8[], float8[], text)', '@extschema@.sy_upgrade_template_coupling_coordination(float8[], float8[], text, text)');
COMMENT ON FUNCTION @extschema@.coupling_coordination(float8[], float8[], text, text) IS
'Coupling coordination of the subsystem scores u (each in [0, 1]): classic C = n [prod(U) / sum(U)^n]^(1/n), or Wang et al. 2021''s corrected C (variant => ''wang2021''); T = sum(w U) with weights rescaled to sum 1 (NULL: equal); D = sqrt(C T). C and D are NULL for fewer than two scores. A NULL score: missing => ''error'' (default) or ''skip'' (the result is NULL); ''mean'' and ''median'' are refused (0A000): a score imputed from other units or subsystems would be counted as coupling.';

CREATE FUNCTION @extschema@.sy_upgrade_template_coupling_degree(
	u float8[],
	variant text DEFAULT 'classic',
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'coupling_degree_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sy_upgrade_template_coupling_degree(float8[], text, text) IS
'Upgrade template of coupling_degree: its argument list is copied into the 0.2.0 function by _sy_upgrade_take_arguments, which drops it.';
SELECT @extschema@._sy_upgrade_take_arguments('@extschema@.coupling_degree(float8[], text)', '@extschema@.sy_upgrade_template_coupling_degree(float8[], text, text)');
COMMENT ON FUNCTION @extschema@.coupling_degree(float8[], text, text) IS
'The coupling degree C of coupling_coordination(u, variant => variant, missing => missing).';

CREATE FUNCTION @extschema@.sy_upgrade_template_coordination_degree(
	u float8[],
	weights float8[] DEFAULT NULL,
	variant text DEFAULT 'classic',
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'coordination_degree_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sy_upgrade_template_coordination_degree(float8[], float8[], text, text) IS
'Upgrade template of coordination_degree: its argument list is copied into the 0.2.0 function by _sy_upgrade_take_arguments, which drops it.';
SELECT @extschema@._sy_upgrade_take_arguments('@extschema@.coordination_degree(float8[], float8[], text)', '@extschema@.sy_upgrade_template_coordination_degree(float8[], float8[], text, text)');
COMMENT ON FUNCTION @extschema@.coordination_degree(float8[], float8[], text, text) IS
'The coordination degree D of coupling_coordination(u, weights, variant, missing).';

DROP FUNCTION @extschema@._sy_upgrade_take_arguments(pg_catalog.regprocedure, pg_catalog.regprocedure);

-- Forecasting (issue 13): every set-returning forecast returns the rows
-- (step, forecast, lower_80, upper_80, lower_95, upper_95), and the
-- network's transform defaults to 'auto' (was 'difference').  A changed
-- return type needs DROP + CREATE; a user view or function that depends on
-- one of these three functions blocks the upgrade (drop it first and
-- recreate it after, docs/forecasting.md).  The 0.2.0 C entry points
-- bp_forecast and bp_forecast_model stay in the library for the 0.2.0 script.
DROP FUNCTION @extschema@.bp_forecast(float8[], int, int, int, int, int, float8, float8, float8, bigint, float8, float8, text, text);
CREATE FUNCTION @extschema@.bp_forecast(
	history float8[],
	horizon int,
	lags int DEFAULT 2,
	hidden int DEFAULT NULL,
	ensemble int DEFAULT 10,
	epochs int DEFAULT 20,
	learning_rate float8 DEFAULT 0.15,
	decay float8 DEFAULT 1,
	dropout float8 DEFAULT 0,
	seed bigint DEFAULT 0,
	lower float8 DEFAULT NULL,
	upper float8 DEFAULT NULL,
	transform text DEFAULT 'auto',
	activation text DEFAULT 'tanh')
RETURNS TABLE(step int, forecast float8, lower_80 float8, upper_80 float8,
              lower_95 float8, upper_95 float8)
AS 'MODULE_PATHNAME', 'bp_forecast_pi'
LANGUAGE C IMMUTABLE PARALLEL SAFE COST 100000 ROWS 6;

COMMENT ON FUNCTION @extschema@.bp_forecast(float8[], int, int, int, int, int, float8, float8, float8, bigint, float8, float8, text, text) IS
'Forecast horizon steps after history (in time order) with an ensemble of BP networks: lags inputs -> hidden tanh nodes -> 1 linear output, trained by back-propagation (Adam, weight decay, optional dropout) on sliding windows of the transformed, scaled series and fed back recursively. transform ''auto'' (the default): networks on differences and on levels and simple exponential smoothing, weighted by their errors at the history''s last origins; ''difference'', ''level'', ''detrend'': one ensemble on that transform (''difference'' was the default before 0.3.0). hidden NULL: the paper''s rule k = round(sqrt(lags + 1)) + a, a = 1..10, chosen on the last windows. lower_80 .. upper_95: prediction intervals, quantiles of 250 simulated future paths (per path a network of the ensemble, for ''auto'' one of its parts, and the centre of the training signal drawn around its estimate; per step a Student t innovation scaled by the model''s one-step errors on the history, taken relative to the forecast for a positive series whose relative errors keep a step''s 95 % range above 0); NULL when the history gives too few one-step errors. Forecasts and bounds are kept in [lower, upper]. Same arguments, same bits. NULL history or horizon: no rows.';

-- bp_fit: transform's default is 'auto' (was 'difference').
CREATE OR REPLACE FUNCTION @extschema@.bp_fit(
	history float8[],
	lags int DEFAULT 2,
	hidden int DEFAULT NULL,
	ensemble int DEFAULT 10,
	epochs int DEFAULT 20,
	learning_rate float8 DEFAULT 0.15,
	decay float8 DEFAULT 1,
	dropout float8 DEFAULT 0,
	seed bigint DEFAULT 0,
	lower float8 DEFAULT NULL,
	upper float8 DEFAULT NULL,
	transform text DEFAULT 'auto',
	activation text DEFAULT 'tanh')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'bp_fit'
LANGUAGE C IMMUTABLE PARALLEL SAFE COST 100000;

DROP FUNCTION @extschema@.bp_forecast(jsonb, float8[], int);
CREATE FUNCTION @extschema@.bp_forecast(model jsonb, history float8[], horizon int)
RETURNS TABLE(step int, forecast float8, lower_80 float8, upper_80 float8,
              lower_95 float8, upper_95 float8)
AS 'MODULE_PATHNAME', 'bp_forecast_model_pi'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000 ROWS 6;

COMMENT ON FUNCTION @extschema@.bp_forecast(jsonb, float8[], int) IS
'Forecast horizon steps after history with a model stored from bp_fit(). The transform is applied to the history given (which may be longer than the training history); scaling, bounds and weights are the model''s. The intervals are simulated as bp_forecast does, from the model''s one-step errors on the history given, with seed 0. A model that is not an unchanged bp_fit() result is rejected with SQLSTATE 22023.';

DROP FUNCTION @extschema@.gm11_forecast(float8[], int);
CREATE FUNCTION @extschema@.gm11_forecast(history float8[], horizon int)
RETURNS TABLE(step int, forecast float8, lower_80 float8, upper_80 float8,
              lower_95 float8, upper_95 float8)
AS 'MODULE_PATHNAME', 'gm11_forecast'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 6;

COMMENT ON FUNCTION @extschema@.gm11_forecast(float8[], int) IS
'Forecast horizon steps after history with GM(1,1) (see gm11_fit), with prediction intervals from its own out-of-sample errors: refitted at the last origins (at most 20), the log ratios of the later values to its forecasts give s^2 = mean of e^2 / h, and the bounds are forecast * exp(-+ t s sqrt(h)), t with origins - 1 degrees of freedom (NULL for fewer than 6 values). A series failing the class-ratio check still gets its rows, with a NOTICE (SQLSTATE 01000) giving the ratios and the admissible range. No rows when the model is undefined.';

-- forecast_backtest reports MASE and the coverage of the intervals: new
-- attributes at the end of its row type (a table column of this type blocks
-- the upgrade, as any ALTER TYPE ... ADD ATTRIBUTE without CASCADE).
ALTER TYPE @extschema@.forecast_accuracy ADD ATTRIBUTE mase float8;
ALTER TYPE @extschema@.forecast_accuracy ADD ATTRIBUTE coverage_80 float8;
ALTER TYPE @extschema@.forecast_accuracy ADD ATTRIBUTE coverage_95 float8;
ALTER TYPE @extschema@.forecast_accuracy ADD ATTRIBUTE lower_80 float8[];
ALTER TYPE @extschema@.forecast_accuracy ADD ATTRIBUTE upper_80 float8[];
ALTER TYPE @extschema@.forecast_accuracy ADD ATTRIBUTE lower_95 float8[];
ALTER TYPE @extschema@.forecast_accuracy ADD ATTRIBUTE upper_95 float8[];
COMMENT ON TYPE @extschema@.forecast_accuracy IS
'Backtest of one method on the last holdout values: MAE, RMSE, MAPE (percent; NULL when an actual value is 0), sMAPE (percent, 200 |F - A| / (|F| + |A|), 0 when both are 0), the forecasts next to the actual values, MASE (MAE over the mean absolute one-step naive error of the training part; NULL when that is 0), the shares of actual values inside the 80 % and 95 % prediction intervals, and the intervals.';

-- forecast_backtest: transform's default is 'auto' (was 'difference').
CREATE OR REPLACE FUNCTION @extschema@.forecast_backtest(
	history float8[],
	holdout int,
	method text DEFAULT 'bp',
	lags int DEFAULT 2,
	hidden int DEFAULT NULL,
	ensemble int DEFAULT 10,
	epochs int DEFAULT 20,
	learning_rate float8 DEFAULT 0.15,
	decay float8 DEFAULT 1,
	dropout float8 DEFAULT 0,
	seed bigint DEFAULT 0,
	lower float8 DEFAULT NULL,
	upper float8 DEFAULT NULL,
	transform text DEFAULT 'auto',
	activation text DEFAULT 'tanh')
RETURNS @extschema@.forecast_accuracy
AS 'MODULE_PATHNAME', 'forecast_backtest'
LANGUAGE C IMMUTABLE PARALLEL SAFE COST 100000;

COMMENT ON FUNCTION @extschema@.forecast_backtest(float8[], int, text, int, int, int, int, float8, float8, float8, bigint, float8, float8, text, text) IS
'Hold out the last holdout values of history, forecast them from the rest with method ''bp'' (options as bp_forecast), ''gm11'', ''naive'' (last value) or ''drift'' (line through the first and last values), and return the errors, MASE and the coverage of the prediction intervals. lower and upper bound the forecasts and intervals of every method. NULL history, holdout or method: NULL.';
-- end of the forecasting changes

-- _refresh_start: a run id whose advisory lock key another session holds is
-- skipped instead of failing the run with 55P03 (any role may take
-- advisory locks, so holding the keys of the next run ids stopped every
-- refresh; docs/security.md), and the lock is released when the run's row
-- cannot be inserted.
CREATE OR REPLACE FUNCTION @extschema@._refresh_start(p_schema name, p_concurrent boolean)
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

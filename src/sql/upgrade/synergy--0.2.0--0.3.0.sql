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

CREATE FUNCTION @extschema@.sy_upgrade_template_minmax_normalize(
	x float8,
	direction int DEFAULT 1,
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'minmax_normalize_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
UPDATE pg_catalog.pg_proc AS p
SET pronargs = t.pronargs, pronargdefaults = t.pronargdefaults,
    proargtypes = t.proargtypes, proargnames = t.proargnames,
    proargdefaults = t.proargdefaults
FROM pg_catalog.pg_proc AS t
WHERE p.oid = '@extschema@.minmax_normalize(float8, int)'::pg_catalog.regprocedure
  AND t.oid = '@extschema@.sy_upgrade_template_minmax_normalize(float8, int, float8, text)'::pg_catalog.regprocedure;
DROP FUNCTION @extschema@.sy_upgrade_template_minmax_normalize(float8, int, float8, text);

CREATE FUNCTION @extschema@.sy_upgrade_template_minmax_normalize(
	x float8[],
	directions int[] DEFAULT NULL,
	shift float8 DEFAULT NULL,
	missing text DEFAULT 'error')
RETURNS float8[]
AS 'MODULE_PATHNAME', 'minmax_normalize_array_window'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
UPDATE pg_catalog.pg_proc AS p
SET pronargs = t.pronargs, pronargdefaults = t.pronargdefaults,
    proargtypes = t.proargtypes, proargnames = t.proargnames,
    proargdefaults = t.proargdefaults
FROM pg_catalog.pg_proc AS t
WHERE p.oid = '@extschema@.minmax_normalize(float8[], int[])'::pg_catalog.regprocedure
  AND t.oid = '@extschema@.sy_upgrade_template_minmax_normalize(float8[], int[], float8, text)'::pg_catalog.regprocedure;
DROP FUNCTION @extschema@.sy_upgrade_template_minmax_normalize(float8[], int[], float8, text);
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
UPDATE pg_catalog.pg_proc AS p
SET pronargs = t.pronargs, pronargdefaults = t.pronargdefaults,
    proargtypes = t.proargtypes, proargnames = t.proargnames,
    proargdefaults = t.proargdefaults
FROM pg_catalog.pg_proc AS t
WHERE p.oid = '@extschema@.topsis(float8[], float8[], int[], text)'::pg_catalog.regprocedure
  AND t.oid = '@extschema@.sy_upgrade_template_topsis(float8[], float8[], int[], text, float8, text)'::pg_catalog.regprocedure;
DROP FUNCTION @extschema@.sy_upgrade_template_topsis(float8[], float8[], int[], text, float8, text);
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
UPDATE pg_catalog.pg_proc AS p
SET pronargs = t.pronargs, pronargdefaults = t.pronargdefaults,
    proargtypes = t.proargtypes, proargnames = t.proargnames,
    proargdefaults = t.proargdefaults
FROM pg_catalog.pg_proc AS t
WHERE p.oid = '@extschema@.topsis_detail(float8[], float8[], int[], text)'::pg_catalog.regprocedure
  AND t.oid = '@extschema@.sy_upgrade_template_topsis_detail(float8[], float8[], int[], text, float8, text)'::pg_catalog.regprocedure;
DROP FUNCTION @extschema@.sy_upgrade_template_topsis_detail(float8[], float8[], int[], text, float8, text);
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
UPDATE pg_catalog.pg_proc AS p
SET pronargs = t.pronargs, pronargdefaults = t.pronargdefaults,
    proargtypes = t.proargtypes, proargnames = t.proargnames,
    proargdefaults = t.proargdefaults
FROM pg_catalog.pg_proc AS t
WHERE p.oid = '@extschema@.composite_index(float8[], float8[], int[])'::pg_catalog.regprocedure
  AND t.oid = '@extschema@.sy_upgrade_template_composite_index(float8[], float8[], int[], float8, text)'::pg_catalog.regprocedure;
DROP FUNCTION @extschema@.sy_upgrade_template_composite_index(float8[], float8[], int[], float8, text);
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
UPDATE pg_catalog.pg_proc AS p
SET pronargs = t.pronargs, pronargdefaults = t.pronargdefaults,
    proargtypes = t.proargtypes, proargnames = t.proargnames,
    proargdefaults = t.proargdefaults
FROM pg_catalog.pg_proc AS t
WHERE p.oid = '@extschema@.obstacle_degree(float8[], float8[], int[])'::pg_catalog.regprocedure
  AND t.oid = '@extschema@.sy_upgrade_template_obstacle_degree(float8[], float8[], int[], text)'::pg_catalog.regprocedure;
DROP FUNCTION @extschema@.sy_upgrade_template_obstacle_degree(float8[], float8[], int[], text);
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
UPDATE pg_catalog.pg_proc AS p
SET pronargs = t.pronargs, pronargdefaults = t.pronargdefaults,
    proargtypes = t.proargtypes, proargnames = t.proargnames,
    proargdefaults = t.proargdefaults
FROM pg_catalog.pg_proc AS t
WHERE p.oid = '@extschema@.coupling_coordination(float8[], float8[], text)'::pg_catalog.regprocedure
  AND t.oid = '@extschema@.sy_upgrade_template_coupling_coordination(float8[], float8[], text, text)'::pg_catalog.regprocedure;
DROP FUNCTION @extschema@.sy_upgrade_template_coupling_coordination(float8[], float8[], text, text);
COMMENT ON FUNCTION @extschema@.coupling_coordination(float8[], float8[], text, text) IS
'Coupling coordination of the subsystem scores u (each in [0, 1]): classic C = n [prod(U) / sum(U)^n]^(1/n), or Wang et al. 2021''s corrected C (variant => ''wang2021''); T = sum(w U) with weights rescaled to sum 1 (NULL: equal); D = sqrt(C T). C and D are NULL for fewer than two scores. A NULL score: missing => ''error'' (default) or ''skip'' (the result is NULL); ''mean'' and ''median'' are refused (0A000): a score imputed from other units or subsystems would be counted as coupling.';

CREATE FUNCTION @extschema@.sy_upgrade_template_coupling_degree(
	u float8[],
	variant text DEFAULT 'classic',
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'coupling_degree_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
UPDATE pg_catalog.pg_proc AS p
SET pronargs = t.pronargs, pronargdefaults = t.pronargdefaults,
    proargtypes = t.proargtypes, proargnames = t.proargnames,
    proargdefaults = t.proargdefaults
FROM pg_catalog.pg_proc AS t
WHERE p.oid = '@extschema@.coupling_degree(float8[], text)'::pg_catalog.regprocedure
  AND t.oid = '@extschema@.sy_upgrade_template_coupling_degree(float8[], text, text)'::pg_catalog.regprocedure;
DROP FUNCTION @extschema@.sy_upgrade_template_coupling_degree(float8[], text, text);
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
UPDATE pg_catalog.pg_proc AS p
SET pronargs = t.pronargs, pronargdefaults = t.pronargdefaults,
    proargtypes = t.proargtypes, proargnames = t.proargnames,
    proargdefaults = t.proargdefaults
FROM pg_catalog.pg_proc AS t
WHERE p.oid = '@extschema@.coordination_degree(float8[], float8[], text)'::pg_catalog.regprocedure
  AND t.oid = '@extschema@.sy_upgrade_template_coordination_degree(float8[], float8[], text, text)'::pg_catalog.regprocedure;
DROP FUNCTION @extschema@.sy_upgrade_template_coordination_degree(float8[], float8[], text, text);
COMMENT ON FUNCTION @extschema@.coordination_degree(float8[], float8[], text, text) IS
'The coordination degree D of coupling_coordination(u, weights, variant, missing).';

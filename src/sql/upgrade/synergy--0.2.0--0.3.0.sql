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

-- coupling_coordination, coupling_degree, coordination_degree (array forms):
-- a last argument missing text DEFAULT 'error' (issue 12), so the function
-- is replaced (a new signature; the C entry points are the same and read
-- the policy only when the call has it).
DROP FUNCTION @extschema@.coupling_coordination(float8[], float8[], text);
DROP FUNCTION @extschema@.coupling_degree(float8[], text);
DROP FUNCTION @extschema@.coordination_degree(float8[], float8[], text);
CREATE FUNCTION @extschema@.coupling_coordination(
	u float8[],
	weights float8[] DEFAULT NULL,
	variant text DEFAULT 'classic',
	missing text DEFAULT 'error')
RETURNS @extschema@.ccd
AS 'MODULE_PATHNAME', 'coupling_coordination_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.coupling_coordination(float8[], float8[], text, text) IS
'Coupling coordination of the subsystem scores u (each in [0, 1]): classic C = n [prod(U) / sum(U)^n]^(1/n), or Wang et al. 2021''s corrected C (variant => ''wang2021''); T = sum(w U) with weights rescaled to sum 1 (NULL: equal); D = sqrt(C T). C and D are NULL for fewer than two scores. A NULL score: missing => ''error'' (default) or ''skip'' (the result is NULL); ''mean'' and ''median'' are refused (0A000).';

CREATE FUNCTION @extschema@.coupling_degree(u float8[], variant text DEFAULT 'classic',
											missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'coupling_degree_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.coupling_degree(float8[], text, text) IS
'The coupling degree C of coupling_coordination(u, variant => variant, missing => missing).';

CREATE FUNCTION @extschema@.coordination_degree(
	u float8[],
	weights float8[] DEFAULT NULL,
	variant text DEFAULT 'classic',
	missing text DEFAULT 'error')
RETURNS float8
AS 'MODULE_PATHNAME', 'coordination_degree_array'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.coordination_degree(float8[], float8[], text, text) IS
'The coordination degree D of coupling_coordination(u, weights, variant, missing).';


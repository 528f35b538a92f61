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

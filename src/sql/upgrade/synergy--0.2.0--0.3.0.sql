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

-- Changed objects of 0.2.0: none so far.

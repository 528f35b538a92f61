-- The gravity model of inter-city linkage, membership and the delimitation
-- of an agglomeration's centres and hinterland tiers.  See
-- docs/delimitation.md.

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gravity_strength(
	q_i float8,
	q_j float8,
	distance float8,
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2)
RETURNS float8
AS 'MODULE_PATHNAME', 'gravity_strength'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gravity_strength(float8, float8, float8, float8, float8, float8, float8) IS
'Gravity linkage T_ij = k q_i^alpha q_j^beta / distance^r (masses and distance positive; the book chapter uses k = alpha = beta = 1, r = 2).';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gravity_mass(population float8, gdp float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'gravity_mass'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gravity_mass(float8, float8) IS
'City mass sqrt(population x GDP), the common alternative to a factor-analysis quality score; both positive.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gravity_coefficient(g_i float8, g_j float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'gravity_coefficient'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gravity_coefficient(float8, float8) IS
'Directional coefficient k_ij = g_i / (g_i + g_j) (g usually GDP): city i''s share of the linkage, so that T_ij differs from T_ji.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gravity_tier(
	membership float8,
	thresholds float8[] DEFAULT '{0.3,0.1,0.05}'::float8[])
RETURNS int
AS 'MODULE_PATHNAME', 'gravity_tier'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gravity_tier(float8, float8[]) IS
'Hinterland tier of a membership degree: 1 when membership >= thresholds[1], 2 when >= thresholds[2], ...; NULL below the last threshold (outside). Thresholds decrease strictly within (0, 1].';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gravity_linkage(
	ids text[],
	masses float8[],
	lon float8[],
	lat float8[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i text, j text, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
AS 'MODULE_PATHNAME', 'gravity_linkage_coords'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;

COMMENT ON FUNCTION @extschema@.gravity_linkage(text[], float8[], float8[], float8[], float8, float8, float8, float8, float8[]) IS
'Every ordered pair (i, j) of a set of cities: great-circle distance (km, haversine, R = 6371.0088), gravity strength T_ij, membership F_ij = T_ij / sum_j T_ij, city i''s total linkage and whether j is its strongest partner. directional: g for k_ij = k g_i / (g_i + g_j). NULL ids, masses, lon or lat: no rows.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gravity_linkage(
	ids text[],
	masses float8[],
	distances float8[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i text, j text, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
AS 'MODULE_PATHNAME', 'gravity_linkage_matrix'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;

COMMENT ON FUNCTION @extschema@.gravity_linkage(text[], float8[], float8[], float8, float8, float8, float8, float8[]) IS
'gravity_linkage with caller-supplied distances: an n x n float8 matrix (road distance, travel time; row i = from city i, diagonal ignored and may be NULL).';

-- The delimitation from a linkage: each non-centre city goes to the centre
-- with its highest membership, its tier from gravity_tier.
CREATE FUNCTION @extschema@._gravity_delimit_check(ids text[], centres text[])
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	c text;
BEGIN
	IF centres IS NULL OR pg_catalog.cardinality(centres) OPERATOR(pg_catalog.=) 0 THEN
		RAISE EXCEPTION 'gravity_delimit: centres must name at least one city'
			USING ERRCODE = '22023', DETAIL = 'centres is empty or NULL.',
			      HINT = 'Choose centres from gravity_linkage: the cities with the largest total linkage, or that many others have as strongest partner.';
	END IF;
	FOREACH c IN ARRAY centres LOOP
		IF c IS NULL OR NOT c OPERATOR(pg_catalog.=) ANY (ids) THEN
			RAISE EXCEPTION 'gravity_delimit: centre % is not one of the cities', pg_catalog.quote_nullable(c)
				USING ERRCODE = '22023', DETAIL = pg_catalog.format('centres = %s.', centres),
				      HINT = 'Every centre must appear in ids.';
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@._gravity_delimit_check(text[], text[]) IS
'Internal: checks the centres argument of gravity_delimit.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gravity_delimit(
	ids text[],
	masses float8[],
	lon float8[],
	lat float8[],
	centres text[],
	thresholds float8[] DEFAULT '{0.3,0.1,0.05}'::float8[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (id text, centre text, membership float8, tier int)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@._gravity_delimit_check(ids, centres);
	RETURN QUERY
	SELECT c.id, c.id, NULL::pg_catalog.float8, 0
	FROM pg_catalog.unnest(centres) AS c(id)
	UNION ALL
	(SELECT DISTINCT ON (l.i) l.i, l.j, l.membership,
	        @extschema@.gravity_tier(l.membership, thresholds)
	 FROM @extschema@.gravity_linkage(ids, masses, lon, lat, k, alpha, beta, r, directional) l
	 WHERE l.j OPERATOR(pg_catalog.=) ANY (centres) AND NOT l.i OPERATOR(pg_catalog.=) ANY (centres)
	 ORDER BY l.i, l.membership DESC, pg_catalog.array_position(centres, l.j));
END
$$;

COMMENT ON FUNCTION @extschema@.gravity_delimit(text[], float8[], float8[], float8[], text[], float8[], float8, float8, float8, float8, float8[]) IS
'Delimitation: each city that is not a centre goes to the centre with its highest membership F_ic = T_ic / sum_j T_ij, with tier gravity_tier(F_ic, thresholds) (NULL = outside); centres get tier 0. Distances from lon/lat as in gravity_linkage.';

-- Availability: 0.2.0
CREATE FUNCTION @extschema@.gravity_delimit(
	ids text[],
	masses float8[],
	distances float8[],
	centres text[],
	thresholds float8[] DEFAULT '{0.3,0.1,0.05}'::float8[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (id text, centre text, membership float8, tier int)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@._gravity_delimit_check(ids, centres);
	RETURN QUERY
	SELECT c.id, c.id, NULL::pg_catalog.float8, 0
	FROM pg_catalog.unnest(centres) AS c(id)
	UNION ALL
	(SELECT DISTINCT ON (l.i) l.i, l.j, l.membership,
	        @extschema@.gravity_tier(l.membership, thresholds)
	 FROM @extschema@.gravity_linkage(ids, masses, distances, k, alpha, beta, r, directional) l
	 WHERE l.j OPERATOR(pg_catalog.=) ANY (centres) AND NOT l.i OPERATOR(pg_catalog.=) ANY (centres)
	 ORDER BY l.i, l.membership DESC, pg_catalog.array_position(centres, l.j));
END
$$;

COMMENT ON FUNCTION @extschema@.gravity_delimit(text[], float8[], float8[], text[], float8[], float8, float8, float8, float8, float8[]) IS
'gravity_delimit with caller-supplied distances (n x n matrix, as gravity_linkage).';

-- synergy_postgis 0.2.0 -> 0.3.0 (unreleased).  This header states, in plain
-- SQL, every change to an object that 0.2.0 already has, with a comment per
-- change (CREATE OR REPLACE FUNCTION, ALTER FUNCTION / AGGREGATE / TYPE,
-- COMMENT ON).  The Makefile appends the feature files wholly new in 0.3.0
-- (POSTGIS_NEW_0_3_0) and, on PostgreSQL 15, passes the whole script through
-- tools/extschema_compat.sh.  test/stages/70_upgrade.sh checks it against a
-- fresh install (docs/releasing.md).

\echo Use "ALTER EXTENSION synergy_postgis UPDATE TO '0.3.0'" to load this file. \quit

-- Changed objects of 0.2.0:

-- synergy_postgis_version() returns the version of the script that made it
-- (00_header.sql): it changes with every version.
CREATE OR REPLACE FUNCTION @extschema@.synergy_postgis_version()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT '0.3.0'::pg_catalog.text $$;

-- spatial_weights(rel, ...): the checks and the query moved to
-- _spatial_weights_query (16_region_ids.sql, appended below): options in any
-- case, synergy's own errors for a text id column (HINT: id_type =>
-- NULL::text), a column of another type and a table the caller may not read.
CREATE OR REPLACE FUNCTION @extschema@.spatial_weights(
	rel regclass,
	id_column name,
	geom_column name,
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row')
RETURNS TABLE(id bigint, neighbours bigint[], weights float8[])
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
-- The checks and the query are _spatial_weights_query's (16_region_ids.sql):
-- integer id columns give bigint ids; a text id column is an error whose
-- HINT shows the call with id_type => NULL::text.
BEGIN
	RETURN QUERY EXECUTE @extschema@._spatial_weights_query('spatial_weights'::pg_catalog.text, rel, id_column,
		geom_column, method, k, distance, style, NULL::pg_catalog.regtype)
		USING distance, k;
END
$fn$;
COMMENT ON FUNCTION @extschema@.spatial_weights(regclass, name, name, text, int, float8, text) IS
'Neighbour lists of the rows of a table, one row per region (bigint id from an int2, int4 or int8 id column, neighbour ids, weights; islands get empty arrays; for text ids pass id_type => NULL::text): method ''queen'' (geometries share a point, ST_Intersects), ''rook'' (share a boundary line, ST_Relate ****1****), ''knn'' (k nearest by <->, ties by id among the k + 16 nearest) or ''distance'' (ST_DWithin distance, in the SRID''s units); style ''row'' (weights 1/|N_i|) or ''binary'' (both case-insensitive).  Uses the table''s GiST index.';

-- spatial_weights_array: method and style in any case.
CREATE OR REPLACE FUNCTION @extschema@.spatial_weights_array(
	geom @extschema:postgis@.geometry[],
	method text DEFAULT 'queen',
	k int DEFAULT 4,
	distance float8 DEFAULT NULL,
	style text DEFAULT 'row')
RETURNS TABLE(id bigint, neighbours bigint[], weights float8[])
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	-- options are case-insensitive: 'Queen' is 'queen'
	method := pg_catalog.lower(method);
	style := pg_catalog.lower(style);
	IF method IS NULL OR NOT method OPERATOR(pg_catalog.=) ANY ('{queen,rook,knn,distance}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION 'spatial_weights_array: unknown method %', pg_catalog.quote_nullable(method)
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('The method is %s.', pg_catalog.quote_nullable(method)),
				  HINT = 'Use ''queen'', ''rook'' (polygons), ''knn'' or ''distance''.';
	END IF;
	IF style IS NULL OR NOT style OPERATOR(pg_catalog.=) ANY ('{row,binary}'::pg_catalog.text[]) THEN
		RAISE EXCEPTION 'spatial_weights_array: unknown style %', pg_catalog.quote_nullable(style)
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('The style is %s.', pg_catalog.quote_nullable(style)),
				  HINT = 'Use ''row'' (row-standardised, the default) or ''binary''.';
	END IF;
	IF method OPERATOR(pg_catalog.=) 'knn' AND (k IS NULL OR k OPERATOR(pg_catalog.<) 1) THEN
		RAISE EXCEPTION 'spatial_weights_array: k must be at least 1'
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('k = %s.', pg_catalog.quote_nullable(k)),
				  HINT = 'Give the number of nearest neighbours, e.g. k => 4.';
	END IF;
	-- NaN >= 0 holds in PostgreSQL (NaN sorts above every number): test the range
	IF method OPERATOR(pg_catalog.=) 'distance'
	   AND (distance IS NULL OR NOT (distance OPERATOR(pg_catalog.>=) 0::pg_catalog.float8
	                                 AND distance OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.float8)) THEN
		RAISE EXCEPTION 'spatial_weights_array: distance must be a finite number >= 0'
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('distance = %s.', pg_catalog.quote_nullable(distance)),
				  HINT = 'Give the band in the units of the SRID (degrees for 4326), e.g. distance => 50000.';
	END IF;
	-- one coordinate system, or PostGIS's predicates fail with an internal error
	IF (SELECT pg_catalog.count(DISTINCT @extschema:postgis@.st_srid(u.g)) FROM pg_catalog.unnest(geom) AS u(g))
	   OPERATOR(pg_catalog.>) 1 THEN
		RAISE EXCEPTION 'spatial_weights_array: the geometries have different SRIDs'
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('SRIDs %s.',
							 (SELECT pg_catalog.string_agg(DISTINCT @extschema:postgis@.st_srid(u.g)::pg_catalog.text, ', ')
								FROM pg_catalog.unnest(geom) AS u(g))),
				  HINT = 'Bring them to one system first, e.g. ST_Transform(geom, 4326), or ST_SetSRID for geometries without one.';
	END IF;
	RETURN QUERY
	WITH g AS (
		SELECT u.ord AS gid, u.g FROM pg_catalog.unnest(geom) WITH ORDINALITY AS u(g, ord)),
	links AS (
		SELECT a.gid, b.gid AS nb FROM g AS a JOIN g AS b ON a.gid OPERATOR(pg_catalog.<>) b.gid
		 WHERE method OPERATOR(pg_catalog.=) ANY ('{queen,rook}'::pg_catalog.text[])
		   AND @extschema:postgis@.st_intersects(a.g, b.g)
		   AND (method OPERATOR(pg_catalog.=) 'queen'
				OR @extschema:postgis@.st_relate(a.g, b.g, '****1****'::pg_catalog.text))
		UNION ALL
		SELECT a.gid, b.gid FROM g AS a JOIN g AS b ON a.gid OPERATOR(pg_catalog.<>) b.gid
		 WHERE method OPERATOR(pg_catalog.=) 'distance' AND @extschema:postgis@.st_dwithin(a.g, b.g, distance)
		UNION ALL
		SELECT a.gid, s.gid FROM g AS a
		 CROSS JOIN LATERAL (
			SELECT b.gid FROM g AS b
			 WHERE b.gid OPERATOR(pg_catalog.<>) a.gid AND b.g IS NOT NULL AND NOT @extschema:postgis@.st_isempty(b.g)
			 ORDER BY a.g OPERATOR(@extschema:postgis@.<->) b.g, b.gid LIMIT k) AS s
		 WHERE method OPERATOR(pg_catalog.=) 'knn' AND a.g IS NOT NULL AND NOT @extschema:postgis@.st_isempty(a.g)),
	lists AS (
		SELECT l.gid, pg_catalog.array_agg(l.nb ORDER BY l.nb) AS nbs,
			   pg_catalog.array_fill(CASE WHEN style OPERATOR(pg_catalog.=) 'row'
										  THEN 1.0::pg_catalog.float8 OPERATOR(pg_catalog./) pg_catalog.count(*)::pg_catalog.float8
										  ELSE 1.0::pg_catalog.float8 END,
									 ARRAY[pg_catalog.count(*)::pg_catalog.int4]) AS ws
		  FROM links AS l GROUP BY l.gid)
	SELECT g.gid, coalesce(lists.nbs, '{}'::pg_catalog.int8[]), coalesce(lists.ws, '{}'::pg_catalog.float8[])
	  FROM g LEFT JOIN lists ON lists.gid OPERATOR(pg_catalog.=) g.gid
	 ORDER BY g.gid;
END
$fn$;

-- gravity_linkage(text[], float8[], geometry[], ...): ids and geoms are
-- checked from the arrays' headers (_gravity_lengths, new: a BEGIN ATOMIC
-- body needs it before it, so it is made here rather than with the new
-- feature files) before the n x n distances are computed: another length
-- was the core's 'distances must be an n x n matrix' after seconds to minutes.
CREATE FUNCTION @extschema@._gravity_lengths(fname text, nids int, ids_ndims int, ngeoms int)
RETURNS void
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- From the arrays' headers, before the n x n distances are computed (n
-- the number of geometries): the core's own checks of ids come after them.
BEGIN
	IF ids_ndims OPERATOR(pg_catalog.>) 1 THEN
		RAISE EXCEPTION '%: ids must be a one-dimensional array', fname
			USING ERRCODE = '2202E', DETAIL = pg_catalog.format('The array has %s dimensions.', ids_ndims),
				  HINT = 'Pass array_agg(code ORDER BY code) and the other arrays in the same order.';
	END IF;
	IF ngeoms OPERATOR(pg_catalog.<>) nids THEN
		RAISE EXCEPTION '%: geoms has % elements but ids has %', fname, ngeoms, nids
			USING ERRCODE = '2202E', DETAIL = 'Every array argument has one element per city, in the order of ids.',
				  HINT = 'Build the arrays with array_agg(... ORDER BY id) over the same rows.';
	END IF;
END
$$;

COMMENT ON FUNCTION @extschema@._gravity_lengths(text, int, int, int) IS
'Internal to gravity_linkage over geometries: ids is one-dimensional with one element per geometry (errors name fname), checked before the distances are computed.';

CREATE OR REPLACE FUNCTION @extschema@.gravity_linkage(
	ids text[],
	masses float8[],
	geoms @extschema:postgis@.geometry[],
	k float8 DEFAULT 1,
	alpha float8 DEFAULT 1,
	beta float8 DEFAULT 1,
	r float8 DEFAULT 2,
	directional float8[] DEFAULT NULL)
RETURNS TABLE (i text, j text, distance float8, strength float8, membership float8,
			   total float8, strongest boolean)
LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema@._gravity_lengths('gravity_linkage'::pg_catalog.text, pg_catalog.cardinality(ids),
		pg_catalog.array_ndims(ids), pg_catalog.cardinality(geoms));
	SELECT l.i, l.j, l.distance, l.strength, l.membership, l.total, l.strongest
	FROM (SELECT @extschema@._gravity_lonlat('gravity_linkage'::pg_catalog.text, geoms) AS gg) s,
	LATERAL @extschema:synergy@.gravity_linkage(ids, masses,
		(SELECT pg_catalog.array_agg(d.rw ORDER BY d.o)
		 FROM (SELECT a.o,
		              pg_catalog.array_agg(CASE WHEN a.o OPERATOR(pg_catalog.=) b.o THEN NULL::pg_catalog.float8
		                  ELSE @extschema:postgis@.st_distance(a.g, b.g, true) OPERATOR(pg_catalog./) 1000.0::pg_catalog.float8
		                  END ORDER BY b.o) AS rw
		       FROM pg_catalog.unnest(s.gg) WITH ORDINALITY a(g, o),
		            pg_catalog.unnest(s.gg) WITH ORDINALITY b(g, o)
		       GROUP BY a.o) d),
		k, alpha, beta, r, directional) l;
END;

-- trend_curve and trend_lines: a trend_analysis_result made or changed by
-- hand is ERROR 22023 naming the function (_trend_result_check, new: made
-- here, as trend_lines' BEGIN ATOMIC body needs it), not a bare 'division by
-- zero' or seconds per sample over a long coefficient list.
CREATE FUNCTION @extschema@._trend_result_check(fname text, trend @extschema@.trend_analysis_result)
RETURNS void
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- A trend_analysis_result made or changed by hand: every field that
-- trend_analysis() fills, checked before a curve is sampled from it (a zero
-- scale was a bare 'division by zero', a long coefficient list took
-- seconds per sample).  A direction with NULL coefficients (an undefined
-- fit) has no curve and is not checked further.
DECLARE
	dir text;
	coefs pg_catalog.float8[];
	vals pg_catalog.float8[];
	names text[] := '{center,scale,min,max}';
	bad text;
BEGIN
	IF trend."order" IS NULL OR trend."order" OPERATOR(pg_catalog.<) 1 OR trend."order" OPERATOR(pg_catalog.>) 6 THEN
		bad := pg_catalog.format('The order is %s; trend_analysis() fits orders 1 to 6.', coalesce(trend."order"::pg_catalog.text, 'NULL'));
	ELSIF NOT (trend.rotation OPERATOR(pg_catalog.>) '-Infinity'::pg_catalog.float8
			   AND trend.rotation OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.float8) OR trend.rotation IS NULL THEN
		bad := pg_catalog.format('The rotation is %s; it must be a finite number of degrees.', coalesce(trend.rotation::pg_catalog.text, 'NULL'));
	ELSIF trend.srid IS NULL THEN
		bad := 'The srid is NULL (0 for none).';
	END IF;
	FOREACH dir IN ARRAY '{ew,ns}'::text[] LOOP
		EXIT WHEN bad IS NOT NULL;
		IF dir OPERATOR(pg_catalog.=) 'ew' THEN
			coefs := trend.ew_scaled_coefficients;
			vals := ARRAY[trend.ew_center, trend.ew_scale, trend.ew_min, trend.ew_max];
		ELSE
			coefs := trend.ns_scaled_coefficients;
			vals := ARRAY[trend.ns_center, trend.ns_scale, trend.ns_min, trend.ns_max];
		END IF;
		CONTINUE WHEN coefs IS NULL;
		-- the length first, from the header: at most 7 elements are read
		IF (pg_catalog.array_ndims(coefs) IS DISTINCT FROM 1)
		   OR pg_catalog.cardinality(coefs) OPERATOR(pg_catalog.<>) (trend."order" OPERATOR(pg_catalog.+) 1) THEN
			bad := pg_catalog.format('%s_scaled_coefficients has %s element%s%s; order %s has %s.', dir,
									 pg_catalog.cardinality(coefs),
									 CASE WHEN pg_catalog.cardinality(coefs) OPERATOR(pg_catalog.=) 1 THEN '' ELSE 's' END,
									 CASE WHEN pg_catalog.array_ndims(coefs) OPERATOR(pg_catalog.=) 1 THEN ''
										  ELSE pg_catalog.format(' in %s dimensions', coalesce(pg_catalog.array_ndims(coefs), 0)) END,
									 trend."order", trend."order" OPERATOR(pg_catalog.+) 1);
		ELSE
			-- NaN sorts above Infinity: the range test excludes it
			SELECT pg_catalog.format('Element %s of %s_scaled_coefficients is %s.', u.k, dir, coalesce(u.x::pg_catalog.text, 'NULL'))
			  INTO bad
			  FROM pg_catalog.unnest(coefs) WITH ORDINALITY AS u(x, k)
			 WHERE NOT (u.x OPERATOR(pg_catalog.>) '-Infinity'::pg_catalog.float8
						AND u.x OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.float8) OR u.x IS NULL
			 ORDER BY u.k LIMIT 1;
		END IF;
		FOR i IN 1..4 LOOP
			EXIT WHEN bad IS NOT NULL;
			IF vals[i] IS NULL OR NOT (vals[i] OPERATOR(pg_catalog.>) '-Infinity'::pg_catalog.float8
									   AND vals[i] OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.float8)
			   OR (i OPERATOR(pg_catalog.=) 2 AND vals[i] OPERATOR(pg_catalog.<=) 0::pg_catalog.float8) THEN
				bad := pg_catalog.format('%s_%s is %s; it must be %s.', dir, names[i], coalesce(vals[i]::pg_catalog.text, 'NULL'),
										 CASE WHEN i OPERATOR(pg_catalog.=) 2 THEN 'a finite number > 0' ELSE 'finite' END);
			END IF;
		END LOOP;
		IF bad IS NULL AND vals[3] OPERATOR(pg_catalog.>) vals[4] THEN
			bad := pg_catalog.format('%s_min is %s, above %s_max %s.', dir, vals[3], dir, vals[4]);
		END IF;
	END LOOP;
	IF bad IS NOT NULL THEN
		RAISE EXCEPTION '%: the trend is not a result of trend_analysis', fname
			USING ERRCODE = '22023', DETAIL = bad,
				  HINT = 'Pass a result of trend_analysis() unchanged (its fields are checked against each other).';
	END IF;
END
$$;

COMMENT ON FUNCTION @extschema@._trend_result_check(text, @extschema@.trend_analysis_result) IS
'Internal to trend_curve and trend_lines: the fields of a trend_analysis_result are as trend_analysis() makes them (order 1-6, finite rotation, an srid, per fitted direction order + 1 finite scaled coefficients, finite center, min <= max and scale > 0); else ERROR 22023 naming fname.';

CREATE OR REPLACE FUNCTION @extschema@.trend_curve(trend @extschema@.trend_analysis_result, samples int DEFAULT 50)
RETURNS TABLE(direction text, "position" float8, z float8)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
	-- bounded, so a typo cannot ask for billions of rows
	IF samples OPERATOR(pg_catalog.>) 100000 THEN
		RAISE EXCEPTION 'trend_curve: samples must be at most 100000'
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('samples is %s.', samples),
				  HINT = 'A chart needs a few hundred points at most; the default is 50.';
	END IF;
	PERFORM @extschema@._trend_result_check('trend_curve'::pg_catalog.text, trend);
	RETURN QUERY
	SELECT d.direction, p.pos,
		(SELECT pg_catalog.sum(u.a OPERATOR(pg_catalog.*)
							   pg_catalog.power((p.pos OPERATOR(pg_catalog.-) d.center) OPERATOR(pg_catalog./) d.scale,
												(u.k OPERATOR(pg_catalog.-) 1)::pg_catalog.float8))
		   FROM pg_catalog.unnest(d.coefs) WITH ORDINALITY AS u(a, k))
	  FROM (VALUES (1, 'east-west'::pg_catalog.text, (trend).ew_scaled_coefficients, (trend).ew_center,
					(trend).ew_scale, (trend).ew_min, (trend).ew_max),
				   (2, 'north-south'::pg_catalog.text, (trend).ns_scaled_coefficients, (trend).ns_center,
					(trend).ns_scale, (trend).ns_min, (trend).ns_max))
		   AS d(ord, direction, coefs, center, scale, lo, hi)
	 CROSS JOIN LATERAL (
		-- OPERATOR(...) has one precedence for all: every product is in parentheses
		SELECT s, d.lo OPERATOR(pg_catalog.+)
				  (((d.hi OPERATOR(pg_catalog.-) d.lo) OPERATOR(pg_catalog.*) s::pg_catalog.float8)
				   OPERATOR(pg_catalog./) GREATEST(samples OPERATOR(pg_catalog.-) 1, 1)::pg_catalog.float8) AS pos
		  FROM pg_catalog.generate_series(0, GREATEST(samples, 2) OPERATOR(pg_catalog.-) 1) AS s) AS p
	 WHERE d.coefs IS NOT NULL
	 ORDER BY d.ord, p.s;
END
$$;

CREATE OR REPLACE FUNCTION @extschema@.trend_lines(trend @extschema@.trend_analysis_result, samples int DEFAULT 50)
RETURNS TABLE(direction text, geom @extschema:postgis@.geometry)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema@._trend_result_check('trend_lines'::pg_catalog.text, trend);
	-- back from the rotated axes to the data's coordinates; the east-west
	-- line runs through the middle of the north-south range and vice versa
	SELECT c.direction,
		@extschema:postgis@.st_setsrid(@extschema:postgis@.st_makeline(
			@extschema:postgis@.st_makepoint(
				(c.x OPERATOR(pg_catalog.*) pg_catalog.cosd((trend).rotation))
					OPERATOR(pg_catalog.-) (c.y OPERATOR(pg_catalog.*) pg_catalog.sind((trend).rotation)),
				(c.x OPERATOR(pg_catalog.*) pg_catalog.sind((trend).rotation))
					OPERATOR(pg_catalog.+) (c.y OPERATOR(pg_catalog.*) pg_catalog.cosd((trend).rotation)),
				c.z)
			ORDER BY c."position"), (trend).srid)
	  FROM (SELECT t.direction, t."position", t.z,
				   CASE WHEN t.direction OPERATOR(pg_catalog.=) 'east-west'::pg_catalog.text
						THEN t."position" ELSE (trend).ew_center END AS x,
				   CASE WHEN t.direction OPERATOR(pg_catalog.=) 'east-west'::pg_catalog.text
						THEN (trend).ns_center ELSE t."position" END AS y
			  FROM @extschema@.trend_curve(trend, samples) AS t) AS c
	 GROUP BY c.direction
	 ORDER BY c.direction;
END;

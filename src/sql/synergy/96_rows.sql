
-- Weights and the _detail results as rows with indicator names, for BI tools
-- (docs/bi.md).  A chart or a table widget wants one row per indicator with
-- plain columns; the aggregates return arrays (entropy_weights) or a
-- composite of arrays (entropy_weights_detail, critic_weights_detail).

-- _rows_names: the names of the rows of a companion below, checked against
-- the m indicators; NULL names give NULL (m NULLs).  fname names the caller.
CREATE FUNCTION @extschema@._rows_names(fname text, m int, names text[])
	RETURNS text[]
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	dup text;
BEGIN
	IF names IS NULL THEN
		RETURN pg_catalog.array_fill(NULL::pg_catalog.text, ARRAY[m]);
	END IF;
	IF pg_catalog.array_ndims(names) OPERATOR(pg_catalog.>) 1 THEN
		RAISE EXCEPTION '%: names must be a one-dimensional array', fname
			USING ERRCODE = '2202E',
				  DETAIL = pg_catalog.format('names has %s dimensions.', pg_catalog.array_ndims(names)),
				  HINT = 'Pass one name per indicator, e.g. array_agg(name ORDER BY code).';
	END IF;
	IF pg_catalog.cardinality(names) OPERATOR(pg_catalog.<>) m THEN
		RAISE EXCEPTION '%: names must have one element per indicator', fname
			USING ERRCODE = '2202E',
				  DETAIL = pg_catalog.format('There are %s indicators and %s names.', m, pg_catalog.cardinality(names)),
				  HINT = 'Pass the names in the order of the indicator vectors (array_agg(name ORDER BY code), with the same ORDER BY as the values), or NULL for no names.';
	END IF;
	IF pg_catalog.array_position(names, NULL) IS NOT NULL THEN
		RAISE EXCEPTION '%: names must not contain NULL', fname
			USING ERRCODE = '22004',
				  DETAIL = pg_catalog.format('Element %s of names is NULL.', pg_catalog.array_position(names, NULL)),
				  HINT = 'Name every indicator, or pass NULL instead of the whole array for no names.';
	END IF;
	SELECT n.v INTO dup FROM pg_catalog.unnest(names) AS n(v)
	GROUP BY n.v HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 1 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION '%: names must be distinct', fname
			USING ERRCODE = '22023',
				  DETAIL = pg_catalog.format('The name %s appears more than once.', pg_catalog.quote_literal(dup)),
				  HINT = 'Each indicator needs its own name (a BI tool groups rows by it).';
	END IF;
	-- positions from 1 whatever the array's lower bound
	RETURN ARRAY(SELECT n.v FROM pg_catalog.unnest(names) WITH ORDINALITY AS n(v, o) ORDER BY n.o);
END
$$;
COMMENT ON FUNCTION @extschema@._rows_names(text, int, text[]) IS
	'Internal: the checked names of weights_table and detail_table (NULL: m NULLs).';

-- _rows_check: one array of a composite result, one-dimensional with m elements.
CREATE FUNCTION @extschema@._rows_check(fname text, what text, a float8[], m int)
	RETURNS void
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF a IS NULL OR pg_catalog.array_ndims(a) OPERATOR(pg_catalog.>) 1
	   OR pg_catalog.cardinality(a) OPERATOR(pg_catalog.<>) m THEN
		RAISE EXCEPTION '%: the arrays of the result differ in length', fname
			USING ERRCODE = '2202E',
				  DETAIL = pg_catalog.format('weight has %s elements, %s has %s.', m, what,
											 COALESCE(pg_catalog.cardinality(a)::pg_catalog.text, 'NULL')),
				  HINT = 'Pass the result of the aggregate as it is (not a hand-made value).';
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@._rows_check(text, text, float8[], int) IS
	'Internal: checks one array of a composite passed to detail_table.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.weights_table(weights float8[], names text[] DEFAULT NULL)
	RETURNS TABLE ("position" int, indicator text, weight float8)
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE ROWS 10
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	m int;
	nm text[];
BEGIN
	IF weights IS NULL THEN
		RETURN;
	END IF;
	IF pg_catalog.array_ndims(weights) OPERATOR(pg_catalog.>) 1 THEN
		RAISE EXCEPTION 'weights_table: weights must be a one-dimensional array'
			USING ERRCODE = '2202E',
				  DETAIL = pg_catalog.format('weights has %s dimensions.', pg_catalog.array_ndims(weights)),
				  HINT = 'Pass the float8[] of a weights aggregate (entropy_weights, critic_weights, ...).';
	END IF;
	m := pg_catalog.cardinality(weights);
	nm := @extschema@._rows_names('weights_table', m, names);
	RETURN QUERY
		SELECT w.o::pg_catalog.int4, nm[w.o], w.v
		FROM pg_catalog.unnest(weights) WITH ORDINALITY AS w(v, o)
		ORDER BY w.o;
END
$$;
COMMENT ON FUNCTION @extschema@.weights_table(float8[], text[]) IS
	'A weight vector as rows (position, indicator, weight), one per indicator, with the names given in the order of the indicator vectors (NULL names: NULL indicator). Names of another length: ERROR 2202E; a NULL name 22004; a repeated name 22023. NULL weights: no rows.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.detail_table(detail @extschema@.entropy_detail, names text[] DEFAULT NULL)
	RETURNS TABLE ("position" int, indicator text, n bigint, entropy float8, divergence float8, weight float8)
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE ROWS 10
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	m int;
	nm text[];
BEGIN
	IF detail IS NULL OR (detail).weight IS NULL THEN
		RETURN;
	END IF;
	PERFORM @extschema@._rows_check('detail_table', 'weight', (detail).weight, pg_catalog.cardinality((detail).weight));
	m := pg_catalog.cardinality((detail).weight);
	PERFORM @extschema@._rows_check('detail_table', 'entropy', (detail).entropy, m);
	PERFORM @extschema@._rows_check('detail_table', 'divergence', (detail).divergence, m);
	nm := @extschema@._rows_names('detail_table', m, names);
	RETURN QUERY
		SELECT w.o::pg_catalog.int4, nm[w.o], (detail).n, e.v, d.v, w.v
		FROM pg_catalog.unnest((detail).weight) WITH ORDINALITY AS w(v, o)
		JOIN pg_catalog.unnest((detail).entropy) WITH ORDINALITY AS e(v, o) ON e.o OPERATOR(pg_catalog.=) w.o
		JOIN pg_catalog.unnest((detail).divergence) WITH ORDINALITY AS d(v, o) ON d.o OPERATOR(pg_catalog.=) w.o
		ORDER BY w.o;
END
$$;
COMMENT ON FUNCTION @extschema@.detail_table(@extschema@.entropy_detail, text[]) IS
	'An entropy_weights_detail result as rows (position, indicator, n, entropy, divergence, weight), one per indicator, with the names given in the order of the indicator vectors (NULL names: NULL indicator). Names of another length: ERROR 2202E; a NULL name 22004; a repeated name 22023. NULL detail: no rows.';

-- Availability: 0.3.0
CREATE FUNCTION @extschema@.detail_table(detail @extschema@.critic_detail, names text[] DEFAULT NULL)
	RETURNS TABLE ("position" int, indicator text, n bigint, sd float8, conflict float8, information float8, weight float8)
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE ROWS 10
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	m int;
	nm text[];
BEGIN
	IF detail IS NULL OR (detail).weight IS NULL THEN
		RETURN;
	END IF;
	PERFORM @extschema@._rows_check('detail_table', 'weight', (detail).weight, pg_catalog.cardinality((detail).weight));
	m := pg_catalog.cardinality((detail).weight);
	PERFORM @extschema@._rows_check('detail_table', 'sd', (detail).sd, m);
	PERFORM @extschema@._rows_check('detail_table', 'conflict', (detail).conflict, m);
	PERFORM @extschema@._rows_check('detail_table', 'information', (detail).information, m);
	nm := @extschema@._rows_names('detail_table', m, names);
	RETURN QUERY
		SELECT w.o::pg_catalog.int4, nm[w.o], (detail).n, s.v, c.v, i.v, w.v
		FROM pg_catalog.unnest((detail).weight) WITH ORDINALITY AS w(v, o)
		JOIN pg_catalog.unnest((detail).sd) WITH ORDINALITY AS s(v, o) ON s.o OPERATOR(pg_catalog.=) w.o
		JOIN pg_catalog.unnest((detail).conflict) WITH ORDINALITY AS c(v, o) ON c.o OPERATOR(pg_catalog.=) w.o
		JOIN pg_catalog.unnest((detail).information) WITH ORDINALITY AS i(v, o) ON i.o OPERATOR(pg_catalog.=) w.o
		ORDER BY w.o;
END
$$;
COMMENT ON FUNCTION @extschema@.detail_table(@extschema@.critic_detail, text[]) IS
	'A critic_weights_detail result as rows (position, indicator, n, sd, conflict, information, weight), one per indicator, with the names given in the order of the indicator vectors (NULL names: NULL indicator). Names of another length: ERROR 2202E; a NULL name 22004; a repeated name 22023. NULL detail: no rows.';

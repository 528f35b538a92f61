-- Gap filling with interpolate().
\set VERBOSITY terse

SELECT t, x, round(interpolate(x, t) OVER ()::numeric, 10) AS none,
       round(interpolate(x, t, 'nearest') OVER ()::numeric, 10) AS nearest,
       round(interpolate(x, t, 'linear') OVER ()::numeric, 10) AS linear
FROM (VALUES (2010, NULL), (2011, 4.0), (2012, NULL), (2013, NULL), (2014, 10.0), (2016, NULL),
             (2017, 20.0), (2019, NULL)) v(t, x)
ORDER BY t;

-- rows are taken in t order whatever the window ordering; uneven spacing
SELECT t, interpolate(x, t) OVER (ORDER BY t DESC) AS filled
FROM (VALUES (0.0, 0.0), (1.0, NULL), (10.0, 10.0)) v(t, x) ORDER BY t;

-- one series per partition
SELECT s, t, interpolate(x, t, 'linear') OVER (PARTITION BY s) AS filled
FROM (VALUES ('a', 1, 1.0), ('a', 2, NULL), ('a', 3, 3.0), ('b', 1, NULL), ('b', 2, 5.0)) v(s, t, x)
ORDER BY s, t;

-- nothing observed; a single observation; NULL t passes through
SELECT t, interpolate(x, t, 'linear') OVER () FROM (VALUES (1, NULL::float8), (2, NULL)) v(t, x) ORDER BY t;
SELECT t, interpolate(x, t, 'linear') OVER () FROM (VALUES (1, NULL::float8), (2, 7.0), (3, NULL)) v(t, x) ORDER BY t;
SELECT t, x, interpolate(x, t) OVER () FROM (VALUES (1, 1.0), (NULL, 5.0), (NULL, NULL), (3, 3.0), (2, NULL)) v(t, x)
ORDER BY t NULLS LAST, x NULLS LAST;

-- NULL edges means the default 'none'
SELECT t, interpolate(x, t, NULL) OVER () FROM (VALUES (1, NULL::float8), (2, 2.0)) v(t, x) ORDER BY t;

-- errors
SELECT interpolate(x, t) OVER () FROM (VALUES (1, 1.0), (1, 2.0)) v(t, x);
SELECT interpolate(x, t, 'spline') OVER () FROM (VALUES (1, 1.0)) v(t, x);
SELECT interpolate(x, t) OVER () FROM (VALUES ('NaN'::float8, 1.0)) v(t, x);
\set VERBOSITY default
SELECT interpolate(x, t) OVER () FROM (VALUES (2015, 1.0), (2016, NULL), (2015, 2.0)) v(t, x);

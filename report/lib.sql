-- report/lib.sql: the drawing helpers of scripts/report.sh, in the report's own schema
-- synergy_report of the demo database (never in the extension).  Each returns SVG text; the
-- charts (report/charts/*.sql) compose them with string_agg.  All are pure functions of their
-- arguments with search_path pinned.
-- The bodies name synergy's and PostGIS's functions unqualified: they are checked when run, with
-- the search_path the DO block at the end pins (the schemas those extensions are installed in).
SET check_function_bodies = off;
DROP SCHEMA IF EXISTS synergy_report CASCADE;
CREATE SCHEMA synergy_report;
COMMENT ON SCHEMA synergy_report IS 'drawing helpers of scripts/report.sh (report/lib.sql): SVG text from SQL';

-- A plot area: pixels l..r, t..b show data x0..x1, y0..y1.
CREATE TYPE synergy_report.box AS (l float8, r float8, t float8, b float8,
                                   x0 float8, x1 float8, y0 float8, y1 float8);

CREATE FUNCTION synergy_report.esc(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT replace(replace(replace(replace(s, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;') $$;

-- a coordinate as SVG wants it: one decimal
CREATE FUNCTION synergy_report.n(v float8) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT round(v::numeric, 1)::text $$;

CREATE FUNCTION synergy_report.px(bx synergy_report.box, x float8) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT bx.l + (x - bx.x0) / (bx.x1 - bx.x0) * (bx.r - bx.l) $$;

CREATE FUNCTION synergy_report.py(bx synergy_report.box, y float8) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT bx.b - (y - bx.y0) / (bx.y1 - bx.y0) * (bx.b - bx.t) $$;

-- "x,y" of a data point in the box
CREATE FUNCTION synergy_report.pt(bx synergy_report.box, x float8, y float8) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT synergy_report.n(synergy_report.px(bx, x)) || ',' || synergy_report.n(synergy_report.py(bx, y)) $$;

-- The ten grades of the uniform scale: viridis, level 1 (extreme disorder) dark to level 10 light.
CREATE FUNCTION synergy_report.grade_colour(level int) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT (ARRAY['#440154', '#482878', '#3e4989', '#31688e', '#26828e',
                    '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'])[level] $$;

-- Okabe-Ito, for series (cities, agglomerations, LISA classes)
CREATE FUNCTION synergy_report.okabe_ito(i int) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT (ARRAY['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#F0E442', '#000000'])
             [1 + (i - 1) % 8] $$;

CREATE FUNCTION synergy_report.svg_open(id text, w int, h int, title text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT format('<svg xmlns="http://www.w3.org/2000/svg" id="%s" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-t"><title id="%s-t">%s</title>',
                    id, w, h, id, id, synergy_report.esc(title)) $$;

CREATE FUNCTION synergy_report.text(x float8, y float8, s text, anchor text DEFAULT 'start',
                                    cls text DEFAULT 'lbl', extra text DEFAULT '') RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT format('<text x="%s" y="%s" text-anchor="%s" class="%s"%s>%s</text>',
                    synergy_report.n(x), synergy_report.n(y), lower(anchor), cls,
                    CASE WHEN extra = '' THEN '' ELSE ' ' || extra END, synergy_report.esc(s)) $$;

-- Axes of a box: frame, grid lines at the ticks, tick labels (to_char formats) and axis titles.
CREATE FUNCTION synergy_report.axes(bx synergy_report.box, xticks float8[], yticks float8[],
                                    xlabel text, ylabel text,
                                    xfmt text DEFAULT 'FM9990', yfmt text DEFAULT 'FM0.0')
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s text := '<g class="axes">';
    v float8;
BEGIN
    FOREACH v IN ARRAY coalesce(yticks, '{}') LOOP
        s := s || format('<line class="grid" x1="%s" x2="%s" y1="%s" y2="%s"/>',
                         synergy_report.n(bx.l), synergy_report.n(bx.r),
                         synergy_report.n(synergy_report.py(bx, v)), synergy_report.n(synergy_report.py(bx, v)))
                 || synergy_report.text(bx.l - 6, synergy_report.py(bx, v) + 4, to_char(v, yfmt), 'end', 'tick');
    END LOOP;
    FOREACH v IN ARRAY coalesce(xticks, '{}') LOOP
        s := s || format('<line class="tk" x1="%s" x2="%s" y1="%s" y2="%s"/>',
                         synergy_report.n(synergy_report.px(bx, v)), synergy_report.n(synergy_report.px(bx, v)),
                         synergy_report.n(bx.b), synergy_report.n(bx.b + 5))
                 || synergy_report.text(synergy_report.px(bx, v), bx.b + 18, to_char(v, xfmt), 'middle', 'tick');
    END LOOP;
    s := s || format('<path class="frame" d="M%s,%s V%s H%s"/>', synergy_report.n(bx.l), synergy_report.n(bx.t),
                     synergy_report.n(bx.b), synergy_report.n(bx.r))
           || synergy_report.text((bx.l + bx.r) / 2, bx.b + 38, xlabel, 'middle', 'axis')
           || format('<text class="axis" text-anchor="middle" transform="translate(%s,%s) rotate(-90)">%s</text>',
                     synergy_report.n(bx.l - 44), synergy_report.n((bx.t + bx.b) / 2), synergy_report.esc(ylabel));
    RETURN s || '</g>';
END
$$;

-- The ten grade bands behind a D axis (only the part inside y0..y1), labelled at the right edge.
CREATE FUNCTION synergy_report.grade_bands(bx synergy_report.box, labels boolean DEFAULT true) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
SELECT '<g class="bands">' || string_agg(
         format('<rect class="band" x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s</title></rect>',
                synergy_report.n(bx.l), synergy_report.n(synergy_report.py(bx, hi)),
                synergy_report.n(bx.r - bx.l), synergy_report.n(synergy_report.py(bx, lo) - synergy_report.py(bx, hi)),
                synergy_report.grade_colour(lv),
                synergy_report.esc(format('level %s [%s, %s): %s %s', lv, lo0, lo0 + 0.1,
                                          ccd_grade(lo0 + 0.05), ccd_grade(lo0 + 0.05, 'en'))))
         || CASE WHEN labels AND hi - lo > 0.04 * (bx.y1 - bx.y0) THEN
              synergy_report.text(bx.r - 4, (synergy_report.py(bx, lo) + synergy_report.py(bx, hi)) / 2 + 4,
                                  lv || ' ' || ccd_grade(lo0 + 0.05), 'end', 'bandlbl')
            ELSE '' END, '' ORDER BY lv) || '</g>'
FROM (SELECT lv, ((lv - 1) / 10.0)::float8 AS lo0, greatest(((lv - 1) / 10.0)::float8, bx.y0) AS lo, least((lv / 10.0)::float8, bx.y1) AS hi
      FROM generate_series(1, 10) lv) g
WHERE hi > lo
$$;

-- A legend entry: a swatch (SVG drawn around x, y) and its label.
CREATE FUNCTION synergy_report.legend(x float8, y float8, swatch text, label text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT format('<g class="legend" transform="translate(%s,%s)">%s%s</g>', synergy_report.n(x), synergy_report.n(y),
                    swatch, synergy_report.text(22, 4, label, 'start', 'lbl')) $$;

-- The ten grades as a legend column at x, y (both languages).
CREATE FUNCTION synergy_report.grade_legend(x float8, y float8, step float8 DEFAULT 15) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
SELECT synergy_report.text(x, y - 8, 'grade 等级 (D)', 'start', 'lbl b')
       || string_agg(synergy_report.legend(x, y + (10 - lv) * step + 4,
                       format('<rect x="0" y="-5" width="16" height="11" fill="%s"/>', synergy_report.grade_colour(lv)),
                       format('%s %s %s', to_char((lv - 1) / 10.0, 'FM0.0'), ccd_grade(((lv - 0.5) / 10.0)::float8),
                              ccd_grade(((lv - 0.5) / 10.0)::float8, 'en'))), '' ORDER BY lv DESC)
FROM generate_series(1, 10) lv
$$;

-- Map projection for small extents: lon/lat to pixels with cos(latitude) x scaling, as a box
-- fitted to the extent (with a margin in degrees) inside l..r, t..b keeping the aspect.
CREATE FUNCTION synergy_report.map_box(ext box2d, l float8, r float8, t float8, b float8, margin float8 DEFAULT 0.3)
RETURNS synergy_report.box
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    x0 float8 := ST_XMin(ext) - margin; x1 float8 := ST_XMax(ext) + margin;
    y0 float8 := ST_YMin(ext) - margin; y1 float8 := ST_YMax(ext) + margin;
    k float8 := cos(radians((y0 + y1) / 2));
    s float8 := least((r - l) / ((x1 - x0) * k), (b - t) / (y1 - y0));
    cx float8 := (l + r) / 2; cy float8 := (t + b) / 2;
BEGIN
    -- widen the data window so that one degree of latitude and cos(lat) degrees of longitude
    -- take the same pixels
    RETURN ROW(l, r, t, b, (x0 + x1) / 2 - (cx - l) / (s * k), (x0 + x1) / 2 + (r - cx) / (s * k),
               (y0 + y1) / 2 - (b - cy) / s, (y0 + y1) / 2 + (cy - t) / s)::synergy_report.box;
END
$$;

-- ST_AsSVG of a geometry placed in a map box: the path is in degrees (y negated), so the group
-- carries the transform; strokes keep their width through vector-effect (see the CSS).
CREATE FUNCTION synergy_report.map_transform(bx synergy_report.box) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT format('translate(%s,%s) scale(%s,%s)',
                    round((bx.l - bx.x0 * (bx.r - bx.l) / (bx.x1 - bx.x0))::numeric, 4),
                    round((bx.t + bx.y1 * (bx.b - bx.t) / (bx.y1 - bx.y0))::numeric, 4),
                    round(((bx.r - bx.l) / (bx.x1 - bx.x0))::numeric, 4),
                    round(((bx.b - bx.t) / (bx.y1 - bx.y0))::numeric, 4)) $$;

-- A scale bar of km kilometres at the lower left of a map box.
CREATE FUNCTION synergy_report.scale_bar(bx synergy_report.box, km float8) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
SELECT format('<g class="scalebar"><path class="frame" d="M%s,%s h%s"/>', synergy_report.n(bx.l + 10),
              synergy_report.n(bx.b - 12), synergy_report.n(w))
       || synergy_report.text(bx.l + 10 + w / 2, bx.b - 17, km || ' km', 'middle', 'tick') || '</g>'
FROM (SELECT km / (111.32 * cos(radians((bx.y0 + bx.y1) / 2))) * (bx.r - bx.l) / (bx.x1 - bx.x0) AS w) s
$$;

-- Oblique view of a box (x east, y north, z up), the ArcGIS trend-analysis picture:
-- r = {x0, x1, y0, y1, z0, z1, left, base, width, height, depth_x, depth_y} (pixels for the last six).
CREATE FUNCTION synergy_report.obl(x float8, y float8, z float8, r float8[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT synergy_report.n(r[7] + (x - r[1]) / (r[2] - r[1]) * r[9] + (y - r[3]) / (r[4] - r[3]) * r[11]) || ','
             || synergy_report.n(r[8] - (y - r[3]) / (r[4] - r[3]) * r[12] - (z - r[5]) / (r[6] - r[5]) * r[10]) $$;

-- what each helper is (docs/report.md lists them)
COMMENT ON FUNCTION synergy_report.esc(text) IS 'text escaped for XML (& < > ")';
COMMENT ON FUNCTION synergy_report.n(float8) IS 'an SVG coordinate: rounded to one decimal, as text';
COMMENT ON FUNCTION synergy_report.px(synergy_report.box, float8) IS 'the pixel x of data value x in a chart box';
COMMENT ON FUNCTION synergy_report.py(synergy_report.box, float8) IS 'the pixel y of data value y in a chart box (y grows upwards)';
COMMENT ON FUNCTION synergy_report.pt(synergy_report.box, float8, float8) IS '"x,y" in pixels of a data point in a chart box';
COMMENT ON FUNCTION synergy_report.grade_colour(int) IS 'viridis colour of coordination grade 1 (extreme disorder) to 10 (high-quality coordination)';
COMMENT ON FUNCTION synergy_report.okabe_ito(int) IS 'the i-th colour of the colour-blind-safe Okabe-Ito palette (cycles after 8)';
COMMENT ON FUNCTION synergy_report.svg_open(text, int, int, text) IS 'the opening <svg> tag of a chart with its id, view box and accessible title';
COMMENT ON FUNCTION synergy_report.text(float8, float8, text, text, text, text) IS 'an SVG <text> element at (x, y), escaped, with anchor, class and extra attributes';
COMMENT ON FUNCTION synergy_report.axes(synergy_report.box, float8[], float8[], text, text, text, text) IS 'axes, grid lines, tick labels and axis titles of a chart box';
COMMENT ON FUNCTION synergy_report.grade_bands(synergy_report.box, boolean) IS 'the ten grade bands behind a D axis, optionally labelled';
COMMENT ON FUNCTION synergy_report.legend(float8, float8, text, text) IS 'one legend entry: a swatch (SVG) and its label at (x, y)';
COMMENT ON FUNCTION synergy_report.grade_legend(float8, float8, float8) IS 'the legend of the ten grades, Chinese and English';
COMMENT ON FUNCTION synergy_report.map_box(box2d, float8, float8, float8, float8, float8) IS 'a chart box for a map of the given extent (degrees), with a margin, longitude scaled by cos(latitude)';
COMMENT ON FUNCTION synergy_report.map_transform(synergy_report.box) IS 'the SVG transform that puts ST_AsSVG output (lon, -lat) into a map box';
COMMENT ON FUNCTION synergy_report.scale_bar(synergy_report.box, float8) IS 'a scale bar of km kilometres at the lower left of a map box';
COMMENT ON FUNCTION synergy_report.obl(float8, float8, float8, float8[]) IS '"x,y" in pixels of a point (x east, y north, z up) in the oblique view of the trend-analysis picture';

-- The helpers call synergy's ccd_grade and PostGIS: pin their search_path to pg_catalog, the
-- schemas those extensions live in here, and pg_temp (named schemas, never FROM CURRENT).
DO $$
DECLARE
    f regprocedure;
    path text := 'pg_catalog, '
        || (SELECT string_agg(DISTINCT quote_ident(n.nspname), ', ')
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname IN ('synergy', 'postgis'))
        || ', pg_temp';
BEGIN
    FOR f IN SELECT p.oid FROM pg_proc p WHERE p.pronamespace = 'synergy_report'::regnamespace LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %s', f, path);
    END LOOP;
END
$$;

RESET check_function_bodies;

-- Names for labels: English and Chinese, from the sample's tables (edit these two views for
-- your own data; the pipeline views carry codes and English names only).
CREATE VIEW synergy_report.region_name AS
SELECT code AS region, name_en, name_zh FROM synergy_sample.region;
CREATE VIEW synergy_report.agglomeration_name AS
SELECT code AS agglomeration, name_en, name_zh FROM synergy_sample.agglomeration;
CREATE VIEW synergy_report.subsystem_name AS
SELECT DISTINCT subsystem, subsystem_order, subsystem_zh FROM synergy_sample.indicator;

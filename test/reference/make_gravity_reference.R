#!/usr/bin/Rscript
# Writes test/pgtap/70_gravity.sql: synergy's gravity model against base R.
#
#     Rscript test/reference/make_gravity_reference.R > test/pgtap/70_gravity.sql
#
# Run from the repository root.  Independent code: great-circle distances
# by the atan2 (Vincenty, sphere) formula (the extension uses haversine;
# the acos law of cosines would lose ~1e-11 on the 7 km pairs), T = k Qi^a Qj^b / d^r, F = T / rowSums(T),
# strongest partner with which.max, delimitation by hand.  The SQL file
# needs no R at run time.
regions <- read.csv("data/regions.csv", colClasses = c(code = "character"))
quality <- read.csv("data/quality.csv", colClasses = c(region_code = "character"))
myr <- regions[grepl("myr", regions$agglomerations), ]
myr <- myr[order(myr$code), ]
gdp <- quality[quality$indicator_code == "q02", ]
pop <- quality[quality$indicator_code == "q01", ]
q <- gdp$value[match(myr$code, gdp$region_code)]
p <- pop$value[match(myr$code, pop$region_code)]
n <- nrow(myr)
R <- 6371.0088
rad <- pi / 180
D <- matrix(0, n, n)
for (i in 1:n) for (j in 1:n) if (i != j) {
  p1 <- myr$lat[i] * rad; p2 <- myr$lat[j] * rad; dl <- (myr$lon[j] - myr$lon[i]) * rad
  y <- sqrt((cos(p2) * sin(dl))^2 + (cos(p1) * sin(p2) - sin(p1) * cos(p2) * cos(dl))^2)
  x <- sin(p1) * sin(p2) + cos(p1) * cos(p2) * cos(dl)
  D[i, j] <- R * atan2(y, x)
}
linkage <- function(q, D, k = 1, a = 1, b = 1, r = 2, g = NULL) {
  T <- matrix(0, n, n)
  for (i in 1:n) for (j in 1:n) if (i != j) {
    kij <- if (is.null(g)) k else k * g[i] / (g[i] + g[j])
    T[i, j] <- kij * q[i]^a * q[j]^b / D[i, j]^r
  }
  list(T = T, F = T / rowSums(T), total = rowSums(T), best = apply(T, 1, which.max))
}
f17 <- function(v) ifelse(is.na(v), "NULL", sprintf("%.17g", v))
arr <- function(v) paste0("ARRAY[", paste(f17(as.vector(v)), collapse = ", "), "]::float8[]")
offdiag <- function(M) unlist(lapply(1:n, function(i) M[i, -i]))

cases <- list(
  list(name = "book (k = alpha = beta = 1, r = 2), Q = GDP", args = "", L = linkage(q, D)),
  list(name = "alpha = beta = 0.5, r = 1, k = 2", args = ", k => 2, alpha => 0.5, beta => 0.5, r => 1",
       L = linkage(q, D, 2, 0.5, 0.5, 1)),
  list(name = "mass sqrt(pop x GDP), directional k = GDP share", mass = "mass",
       args = ", directional => (SELECT g FROM gv)", L = linkage(sqrt(p * q), D, g = q))
)
tests <- character(0)
add <- function(s) tests <<- c(tests, s)
for (cs in cases) {
  masses <- if (is.null(cs$mass)) "(SELECT q FROM gv)" else "(SELECT m FROM gv)"
  call <- sprintf("gravity_linkage((SELECT ids FROM gv), %s, (SELECT lon FROM gv), (SELECT lat FROM gv)%s)", masses, cs$args)
  sel <- function(col) sprintf("(SELECT array_agg(%s ORDER BY i, j) FROM %s)", col, call)
  add(sprintf("SELECT is(pg_temp.ref_diff(%s, %s), '', '%s: distances');", sel("distance"), arr(offdiag(D)), cs$name))
  add(sprintf("SELECT is(pg_temp.ref_diff(%s, %s), '', '%s: strength T_ij');", sel("strength"), arr(offdiag(cs$L$T)), cs$name))
  add(sprintf("SELECT is(pg_temp.ref_diff(%s, %s), '', '%s: membership F_ij');", sel("membership"), arr(offdiag(cs$L$F)), cs$name))
  add(sprintf("SELECT is(pg_temp.ref_diff((SELECT array_agg(DISTINCT total ORDER BY total) FROM %s), %s), '', '%s: totals');",
              call, arr(sort(cs$L$total)), cs$name))
  add(sprintf("SELECT is((SELECT array_agg(j ORDER BY i) FROM %s WHERE strongest), ARRAY[%s], '%s: strongest partners');",
              call, paste0("'", myr$code[cs$L$best], "'", collapse = ", "), cs$name))
}
# the same with the distance matrix
Dsql <- paste0("ARRAY[", paste(sapply(1:n, function(i) paste0("[", paste(f17(D[i, ]), collapse = ", "), "]")), collapse = ", "), "]::float8[]")
L0 <- cases[[1]]$L
add(sprintf("SELECT is(pg_temp.ref_diff((SELECT array_agg(membership ORDER BY i, j) FROM gravity_linkage((SELECT ids FROM gv), (SELECT q FROM gv), %s)), %s), '', 'distance matrix: membership F_ij');",
            Dsql, arr(offdiag(L0$F))))
# delimitation with the three capitals as centres, default thresholds
centres <- c("420100", "430100", "360100")
ci <- match(centres, myr$code)
cen <- character(n); mem <- rep(NA, n); tier <- integer(n)
for (i in 1:n) {
  if (i %in% ci) { cen[i] <- myr$code[i]; tier[i] <- 0L; next }
  f <- L0$F[i, ci]
  cen[i] <- centres[which.max(f)]
  mem[i] <- max(f)
  tier[i] <- if (mem[i] >= 0.3) 1L else if (mem[i] >= 0.1) 2L else if (mem[i] >= 0.05) 3L else NA
}
dcall <- "gravity_delimit((SELECT ids FROM gv), (SELECT q FROM gv), (SELECT lon FROM gv), (SELECT lat FROM gv), ARRAY['420100', '430100', '360100'])"
add(sprintf("SELECT is((SELECT array_agg(centre ORDER BY id) FROM %s), ARRAY[%s], 'delimitation: centre of each city');",
            dcall, paste0("'", cen, "'", collapse = ", ")))
add(sprintf("SELECT is((SELECT array_agg(tier ORDER BY id) FROM %s), ARRAY[%s]::int[], 'delimitation: tiers');",
            dcall, paste(ifelse(is.na(tier), "NULL", tier), collapse = ", ")))
add(sprintf("SELECT is(pg_temp.ref_diff((SELECT array_agg(membership ORDER BY id) FROM %s), %s), '', 'delimitation: membership to the centre');",
            dcall, arr(mem)))

bad <- c(
  "SELECT throws_ok($$SELECT gravity_strength(1, 1, 0)$$, '22012', NULL, 'zero distance: 22012');",
  "SELECT throws_ok($$SELECT * FROM gravity_linkage(ARRAY['a','b'], ARRAY[1,1]::float8[], ARRAY[114,114]::float8[], ARRAY[30,30]::float8[])$$, '22012', NULL, 'two cities at one point: 22012');",
  "SELECT throws_ok($$SELECT gravity_strength(-1, 1, 5)$$, '22023', NULL, 'negative mass: 22023');",
  "SELECT throws_ok($$SELECT gravity_strength(0, 1, 5)$$, '22023', NULL, 'zero mass: 22023');",
  "SELECT throws_ok($$SELECT * FROM gravity_linkage(ARRAY['a','b'], ARRAY[1,-1]::float8[], ARRAY[114,115]::float8[], ARRAY[30,30]::float8[])$$, '22023', NULL, 'negative mass in a linkage: 22023');",
  "SELECT throws_ok($$SELECT gravity_strength(1, 1, -3)$$, '22023', NULL, 'negative distance: 22023');",
  "SELECT throws_ok($$SELECT gravity_strength(1e300, 1e300, 1e-300)$$, '22003', NULL, 'overflow: 22003');",
  "SELECT throws_ok($$SELECT * FROM gravity_delimit(ARRAY['a','b'], ARRAY[1,1]::float8[], ARRAY[114,115]::float8[], ARRAY[30,30]::float8[], ARRAY['z'])$$, '22023', NULL, 'unknown centre: 22023');"
)
cat("-- 70_gravity.sql: the gravity model against base R (", R.version$version.string, ").
--
-- GENERATED by test/reference/make_gravity_reference.R from data/regions.csv
-- and data/quality.csv (31 middle-Yangtze cities; masses: the synthetic GDP
-- q02, and sqrt(population q01 x GDP)); do not edit by hand.  R computes
-- distances with the atan2 great-circle formula (the extension: haversine),
-- T, F, totals and strongest partners with its own matrix code, and the
-- delimitation with the three capitals as centres and thresholds 0.3, 0.1,
-- 0.05.  Tolerance: |got - want| <= 1e-12 |want| + 1e-300.
BEGIN;
SELECT plan(", length(tests) + length(bad), ");

CREATE FUNCTION pg_temp.ref_diff(got float8[], want float8[])
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
  msg text := '';
BEGIN
  IF got IS NULL THEN RETURN 'got NULL'; END IF;
  IF cardinality(got) <> cardinality(want) THEN
    RETURN format('got %s elements, expected %s', cardinality(got), cardinality(want));
  END IF;
  FOR i IN 1 .. cardinality(want) LOOP
    IF want[i] IS NULL THEN
      IF got[i] IS NOT NULL THEN msg := msg || format('[%s] got %s want NULL; ', i, got[i]); END IF;
    ELSIF got[i] IS NULL OR NOT abs(got[i] - want[i]) <= 1e-12 * abs(want[i]) + 1e-300 THEN
      msg := msg || format('[%s] got %s want %s; ', i, got[i], want[i]);
    END IF;
  END LOOP;
  RETURN msg;
END
$f$;

CREATE TEMP TABLE gv AS SELECT
  ARRAY[", paste0("'", myr$code, "'", collapse = ", "), "] AS ids,
  ", arr(q), " AS q,
  ", arr(sqrt(p * q)), " AS m,
  ", arr(q), " AS g,
  ", arr(myr$lon), " AS lon,
  ", arr(myr$lat), " AS lat;

", sep = "")
cat(tests, sep = "\n")
cat("\n")
cat(bad, sep = "\n")
cat("\nSELECT * FROM finish();\nROLLBACK;\n")

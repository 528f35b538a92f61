#!/usr/bin/Rscript
# Spatial reference values for synergy_postgis (issue 5), from R's spdep.
# Run once; the outputs are committed and the tests never call R:
#
#     Rscript test/reference/make_spatial.R
#
# writes
#   test/data/columbus.sql          the Columbus (Ohio) neighbourhoods of spData
#                                   as a table sy_columbus(polyid, crime, hoval,
#                                   inc, x, y, geom) with WKT at 17 digits
#   test/data/myr_cities.sql        the 31 middle-Yangtze cities of
#                                   test/reference/cities.csv with synthetic values
#   test/reference/spatial_expected.csv   kind,case,row,quantity,value
suppressPackageStartupMessages({ library(spdep); library(sf) })
options(digits = 17)

out <- list()
put <- function(case, row, quantity, value) {
  out[[length(out) + 1]] <<- data.frame(case = case, row = row,
                                         quantity = quantity,
                                         value = sprintf("%.15g", value))
}

# ---- Columbus fixture ----
col <- st_read(system.file("shapes/columbus.shp", package = "spData"), quiet = TRUE)
wkt <- st_as_text(st_geometry(col), digits = 17)
con <- file("test/data/columbus.sql", "w")
writeLines(c("-- Columbus (Ohio) neighbourhoods, spData's columbus.shp, exported by",
             "-- test/reference/make_spatial.R (no CRS: planar, SRID 0).",
             "CREATE TABLE sy_columbus (polyid int PRIMARY KEY, crime float8, hoval float8,",
             "  inc float8, x float8, y float8, geom geometry(Polygon, 0));",
             "INSERT INTO sy_columbus VALUES"), con)
rows <- sprintf("(%d, %.17g, %.17g, %.17g, %.17g, %.17g, 'SRID=0;%s')",
                col$POLYID, col$CRIME, col$HOVAL, col$INC, col$X, col$Y, wkt)
writeLines(paste0(rows, c(rep(",", length(rows) - 1), ";")), con)
writeLines("CREATE INDEX ON sy_columbus USING gist (geom);", con)
close(con)

# Queen contiguity on the polygons as spdep builds it (shared points).
nbq <- poly2nb(col, queen = TRUE, row.names = col$POLYID)
nbr <- poly2nb(col, queen = FALSE, row.names = col$POLYID)
put("columbus_queen", 0, "links", sum(card(nbq)))
put("columbus_rook", 0, "links", sum(card(nbr)))
for (i in seq_along(nbq)) put("columbus_queen", col$POLYID[i], "card", card(nbq)[i])
for (i in seq_along(nbr)) put("columbus_rook", col$POLYID[i], "card", card(nbr)[i])

glob <- function(case, x, lw) {
  r <- moran.test(x, lw, randomisation = TRUE, zero.policy = TRUE)
  nrm <- moran.test(x, lw, randomisation = FALSE, zero.policy = TRUE)
  put(case, 0, "i", r$estimate[[1]])
  put(case, 0, "expected", r$estimate[[2]])
  put(case, 0, "variance_randomisation", r$estimate[[3]])
  put(case, 0, "z_randomisation", r$statistic[[1]])
  put(case, 0, "variance_normal", nrm$estimate[[3]])
  put(case, 0, "z_normal", nrm$statistic[[1]])
}
loc <- function(case, x, lw, ids) {
  lm <- localmoran(x, lw, zero.policy = TRUE)
  for (i in seq_along(x)) {
    put(case, ids[i], "ii", lm[i, 1]); put(case, ids[i], "e_ii", lm[i, 2])
    put(case, ids[i], "var_ii", lm[i, 3]); put(case, ids[i], "z_ii", lm[i, 4])
    put(case, ids[i], "p_ii", lm[i, 5])
  }
}

lwq <- nb2listw(nbq, style = "W")
glob("columbus_queen_w", col$CRIME, lwq)
loc("columbus_queen_w", col$CRIME, lwq, col$POLYID)
glob("columbus_queen_b", col$CRIME, nb2listw(nbq, style = "B"))
glob("columbus_rook_w", col$CRIME, nb2listw(nbr, style = "W"))

# k nearest neighbours (k = 4) and a distance band on the centroid columns X, Y.
xy <- cbind(col$X, col$Y)
nbk <- knn2nb(knearneigh(xy, k = 4), row.names = col$POLYID)
glob("columbus_knn4_w", col$HOVAL, nb2listw(nbk, style = "W"))
loc("columbus_knn4_w", col$HOVAL, nb2listw(nbk, style = "W"), col$POLYID)
nbd <- dnearneigh(xy, 0, 5, row.names = col$POLYID)
put("columbus_band5", 0, "links", sum(card(nbd)))
put("columbus_band5", 0, "islands", sum(card(nbd) == 0))
glob("columbus_band5_w", col$INC, nb2listw(nbd, style = "W", zero.policy = TRUE))

# ---- middle-Yangtze cities with synthetic values ----
cities <- read.csv("test/reference/cities.csv", comment.char = "#")
myr <- cities[grepl("myr", cities$agglomeration), ]
myr <- myr[order(myr$code), ]
# deterministic synthetic value: a ridge along the Yangtze (about 30N) plus
# a west-east gradient, so that Moran's I is clearly positive
myr$v <- round(0.5 + 0.08 * (myr$lon - 114) - 0.12 * abs(myr$lat - 30) +
               0.03 * sin(myr$code / 1000), 6)
con <- file("test/data/myr_cities.sql", "w")
writeLines(c("-- The 31 middle-Yangtze cities of test/reference/cities.csv (WGS84 degrees)",
             "-- with a synthetic value v = round(0.5 + 0.08 (lon - 114) - 0.12 |lat - 30|",
             "--   + 0.03 sin(code / 1000), 6); written by test/reference/make_spatial.R.",
             "CREATE TABLE sy_myr (code int PRIMARY KEY, name_en text, v float8,",
             "  geom geometry(Point, 4326));",
             "INSERT INTO sy_myr VALUES"), con)
rows <- sprintf("(%d, '%s', %.17g, 'SRID=4326;POINT(%.17g %.17g)')",
                myr$code, gsub("'", "''", myr$name_en), myr$v, myr$lon, myr$lat)
writeLines(paste0(rows, c(rep(",", length(rows) - 1), ";")), con)
writeLines("CREATE INDEX ON sy_myr USING gist (geom);", con)
close(con)
mxy <- cbind(myr$lon, myr$lat)
nbm <- knn2nb(knearneigh(mxy, k = 4, longlat = FALSE), row.names = myr$code)
glob("myr_knn4_w", myr$v, nb2listw(nbm, style = "W"))
loc("myr_knn4_w", myr$v, nb2listw(nbm, style = "W"), myr$code)
nbm2 <- dnearneigh(mxy, 0, 0.8, row.names = myr$code, longlat = FALSE)
put("myr_band08", 0, "islands", sum(card(nbm2) == 0))
put("myr_band08", 0, "links", sum(card(nbm2)))
glob("myr_band08_b", myr$v, nb2listw(nbm2, style = "B", zero.policy = TRUE))

# ---- trend fits: an independent least-squares fit (lm) on cities ----
for (ord in 1:3) {
  f <- lm(v ~ poly(lon, ord, raw = TRUE), data = myr)
  for (k in 0:ord) put(sprintf("myr_trend_ew_%d", ord), k, "coef", coef(f)[[k + 1]])
  put(sprintf("myr_trend_ew_%d", ord), 0, "r2", summary(f)$r.squared)
  g <- lm(v ~ poly(lat, ord, raw = TRUE), data = myr)
  for (k in 0:ord) put(sprintf("myr_trend_ns_%d", ord), k, "coef", coef(g)[[k + 1]])
  put(sprintf("myr_trend_ns_%d", ord), 0, "r2", summary(g)$r.squared)
}
s <- lm(v ~ lon + lat + I(lon^2) + I(lon * lat) + I(lat^2), data = myr)
for (k in 1:6) put("myr_surface_2", k - 1, "coef", coef(s)[[k]])
put("myr_surface_2", 0, "r2", summary(s)$r.squared)

res <- do.call(rbind, out)
write.csv(res, "test/reference/spatial_expected.csv", row.names = FALSE, quote = FALSE)

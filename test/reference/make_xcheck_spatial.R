#!/usr/bin/Rscript
# An outside cross-check of synergy's spatial and simple-forecast families
# against R (spdep 1.2, sf 1.0, forecast 8.20 as Debian packages them) on
# public data sets that the other reference scripts do not use:
#
#   North Carolina SIDS (sf's system.file("shape/nc.shp"): 100 counties,
#     NAD27 longitude/latitude, EPSG:4267; Cressie's Freeman-Tukey transformed
#     SIDS rate of 1974-78, as in spdep's nc.sids examples);
#   Baltimore house sales (spData's baltim.shp: 211 points on a planar grid,
#     no CRS; Dubin 1992);
#   R's datasets Nile, WWWusage, austres (as numbers) and uspop for the
#     forecasts.
#
# Run once from the repository root; the outputs are committed and the
# tests (test/pgtap/52_xcheck_spatial.sql) never call R:
#
#     Rscript test/reference/make_xcheck_spatial.R
#
# writes
#   test/data/nc_sids.sql        table sy_nc(fips, name, bir74, sid74, ft_sid74, geom)
#   test/data/baltimore.sql      table sy_baltim(station, price, age, x, y, geom)
#   test/reference/xcheck_spatial_expected.csv   case,row,quantity,value
#   test/reference/xcheck_forecast_expected.csv  series,method,step,quantity,value
#
# Independent code: spdep's poly2nb, knearneigh, dnearneigh, nb2listw,
# moran.test, moran.mc, localmoran; lm() for the trend fits and GM(1,1);
# forecast::naive and forecast::rwf; the gravity model by hand with R's own
# haversine.  Nothing here calls synergy.
suppressPackageStartupMessages({ library(spdep); library(sf); library(forecast) })
options(digits = 17)
sf_use_s2(FALSE)   # planar predicates and GEOS centroids, as PostGIS's geometry type

out <- list()
put <- function(case, row, quantity, value) {
  out[[length(out) + 1]] <<- data.frame(case = case, row = row, quantity = quantity,
                                         value = sprintf("%.17g", value))
}
glob <- function(case, x, lw) {
  r <- moran.test(x, lw, randomisation = TRUE, zero.policy = TRUE)
  nrm <- moran.test(x, lw, randomisation = FALSE, zero.policy = TRUE)
  put(case, 0, "i", r$estimate[[1]])
  put(case, 0, "expected", r$estimate[[2]])
  put(case, 0, "variance_randomisation", r$estimate[[3]])
  put(case, 0, "z_randomisation", r$statistic[[1]])
  put(case, 0, "p_randomisation", r$p.value)
  put(case, 0, "variance_normal", nrm$estimate[[3]])
  put(case, 0, "z_normal", nrm$statistic[[1]])
  put(case, 0, "p_normal", nrm$p.value)
  put(case, 0, "islands", sum(card(lw$neighbours) == 0))
  put(case, 0, "links", sum(card(lw$neighbours)))
}
loc <- function(case, x, lw, ids) {
  lm <- localmoran(x, lw, zero.policy = TRUE)
  for (i in seq_along(x)) {
    put(case, ids[i], "ii", lm[i, 1]); put(case, ids[i], "e_ii", lm[i, 2])
    put(case, ids[i], "var_ii", lm[i, 3]); put(case, ids[i], "z_ii", lm[i, 4])
    put(case, ids[i], "p_ii", lm[i, 5])
  }
}
cards <- function(case, nb, ids) {
  put(case, 0, "links", sum(card(nb)))
  for (i in seq_along(nb)) put(case, ids[i], "card", card(nb)[i])
}
# neighbour sets as a checksum per region: the sum of the neighbours' ids
nbsum <- function(case, nb, ids) {
  for (i in seq_along(nb)) put(case, ids[i], "nbsum", if (card(nb)[i] == 0) 0 else sum(ids[nb[[i]]]))
}

# ---- North Carolina SIDS ----
nc <- st_read(system.file("shape/nc.shp", package = "sf"), quiet = TRUE)
stopifnot(st_crs(nc)$epsg == 4267)
nc$ft <- sqrt(1000) * (sqrt(nc$SID74 / nc$BIR74) + sqrt((nc$SID74 + 1) / nc$BIR74))
ids <- nc$FIPSNO
wkt <- st_as_text(st_cast(st_geometry(nc), "MULTIPOLYGON"), digits = 17)
con <- file("test/data/nc_sids.sql", "w")
writeLines(c("-- North Carolina SIDS (sf's shape/nc.shp, 100 counties, NAD27 lon/lat, EPSG:4267),",
             "-- exported by test/reference/make_xcheck_spatial.R.  ft_sid74 is Cressie's",
             "-- Freeman-Tukey rate sqrt(1000) (sqrt(SID74 / BIR74) + sqrt((SID74 + 1) / BIR74)).",
             "CREATE TABLE sy_nc (fips int PRIMARY KEY, name text, bir74 float8, sid74 float8,",
             "  ft_sid74 float8, geom geometry(MultiPolygon, 4267));",
             "INSERT INTO sy_nc VALUES"), con)
rows <- sprintf("(%d, '%s', %.17g, %.17g, %.17g, 'SRID=4267;%s')",
                ids, gsub("'", "''", nc$NAME), nc$BIR74, nc$SID74, nc$ft, wkt)
writeLines(paste0(rows, c(rep(",", length(rows) - 1), ";")), con)
writeLines("CREATE INDEX ON sy_nc USING gist (geom);", con)
close(con)

nbq <- poly2nb(nc, queen = TRUE, row.names = ids)
nbr <- poly2nb(nc, queen = FALSE, row.names = ids)
cards("nc_queen", nbq, ids)
cards("nc_rook", nbr, ids)
lwq <- nb2listw(nbq, style = "W")
glob("nc_queen_w", nc$ft, lwq)
loc("nc_queen_w", nc$ft, lwq, ids)
glob("nc_queen_b", nc$ft, nb2listw(nbq, style = "B"))
loc("nc_queen_b", nc$ft, nb2listw(nbq, style = "B"), ids)
# LISA quadrants: spdep's "pysal" column (signs of z_i and of its lag), coded
# 1 High-High, 2 Low-Low, 3 High-Low, 4 Low-High
qd <- attr(localmoran(nc$ft, lwq), "quadr")$pysal
for (i in seq_along(ids)) put("nc_queen_w", ids[i], "quadrant_pysal",
                              match(as.character(qd[i]), c("High-High", "Low-Low", "High-Low", "Low-High")))
glob("nc_rook_w", nc$ft, nb2listw(nbr, style = "W"))
# permutation test (moran.mc, one-sided greater as synergy): a Monte Carlo
# estimate, compared within its sampling error
set.seed(20261203)
mc <- moran.mc(nc$BIR74, lwq, nsim = 999999, zero.policy = TRUE)
put("nc_queen_w_bir74", 0, "i", mc$statistic[[1]])
put("nc_queen_w_bir74", 0, "p_permutation", mc$p.value)
put("nc_queen_w_bir74", 0, "permutations", 999999)
# local conditional permutations (x_i held, its neighbours drawn from the
# other 99 counties WITHOUT replacement, as synergy, PySAL and GeoDa draw
# them), coded here, for the counties with the smallest analytical p;
# folded p = (1 + min(#{I >= I_i}, #{I <= I_i})) / (1 + nsim).
# spdep 1.2's localmoran_perm draws WITH replacement (sample(..., replace =
# TRUE)): its "Pr(folded) Sim" is also written, for docs/spatial.md.
z <- nc$ft - mean(nc$ft); m2 <- sum(z^2) / length(z)
lm0 <- localmoran(nc$ft, lwq)
sel <- order(lm0[, 5])[1:6]
nsim <- 199999
for (i in sel) {
  nbi <- nbq[[i]]; wi <- lwq$weights[[i]]; zo <- z[-i]
  sims <- vapply(seq_len(nsim), function(r) z[i] / m2 * sum(wi * sample(zo, length(nbi))), 0)
  ge <- sum(sims >= lm0[i, 1]); le <- sum(sims <= lm0[i, 1])
  put("nc_queen_w_local_perm", ids[i], "p_folded", (min(ge, le) + 1) / (nsim + 1))
}
put("nc_queen_w_local_perm", 0, "permutations", nsim)
lp <- localmoran_perm(nc$ft, lwq, nsim = 99999, iseed = 1)
for (i in sel) put("nc_queen_w_local_perm_spdep", ids[i], "p_folded", lp[i, "Pr(folded) Sim"])

# k nearest neighbours on the counties' GEOS centroids, in degrees (planar,
# as <-> on geometry(4267)), and, for the docs, the great-circle knn
cen <- suppressWarnings(st_centroid(st_geometry(nc)))
xy <- st_coordinates(cen)
nbk <- knn2nb(knearneigh(xy, k = 4), row.names = ids)
nbsum("nc_knn4_deg", nbk, ids)
glob("nc_knn4_deg_w", nc$ft, nb2listw(nbk, style = "W"))
nbkl <- knn2nb(knearneigh(xy, k = 4, longlat = TRUE), row.names = ids)
nbsum("nc_knn4_greatcircle", nbkl, ids)
put("nc_knn4_greatcircle", 0, "differing_sets",
    sum(sapply(seq_along(ids), function(i) !setequal(nbk[[i]], nbkl[[i]]))))
glob("nc_knn4_greatcircle_w", nc$ft, nb2listw(nbkl, style = "W"))
# the same centroids projected without a datum shift (NAD27 / UTM 17N,
# EPSG:26717): knn in metres, and a 30 km band leaving 43 islands
pxy <- st_coordinates(st_transform(cen, 26717))
nbkp <- knn2nb(knearneigh(pxy, k = 4), row.names = ids)
nbsum("nc_knn4_utm", nbkp, ids)
put("nc_knn4_utm", 0, "differing_sets_from_greatcircle",
    sum(sapply(seq_along(ids), function(i) !setequal(nbkp[[i]], nbkl[[i]]))))
nbd <- dnearneigh(pxy, 0, 30000, row.names = ids)
cards("nc_band30km", nbd, ids)
lwd <- nb2listw(nbd, style = "W", zero.policy = TRUE)
glob("nc_band30km_w", nc$ft, lwd)
loc("nc_band30km_w", nc$ft, lwd, ids)

# trend analysis of the NC rate in metres: the polygons transformed to
# NAD27 / UTM 17N, then a point on each surface (GEOS, as PostGIS)
pos <- st_coordinates(suppressWarnings(st_point_on_surface(st_transform(st_geometry(nc), 26717))))
for (d in c("ew", "ns")) {
  f <- lm(nc$ft ~ poly(pos[, if (d == "ew") 1 else 2], 2, raw = TRUE))
  for (k in 0:2) put(paste0("nc_trend_utm_", d), k, "coef", coef(f)[[k + 1]])
  put(paste0("nc_trend_utm_", d), 0, "r2", summary(f)$r.squared)
}

# ---- Baltimore house sales (points, planar, no CRS) ----
b <- st_read(system.file("shapes/baltim.shp", package = "spData"), quiet = TRUE)
con <- file("test/data/baltimore.sql", "w")
writeLines(c("-- Baltimore house sales (spData's shapes/baltim.shp, 211 points, planar, no CRS),",
             "-- exported by test/reference/make_xcheck_spatial.R.",
             "CREATE TABLE sy_baltim (station int PRIMARY KEY, price float8, age float8,",
             "  x float8, y float8, geom geometry(Point, 0));",
             "INSERT INTO sy_baltim VALUES"), con)
rows <- sprintf("(%d, %.17g, %.17g, %.17g, %.17g, 'POINT(%.17g %.17g)')",
                as.integer(b$STATION), b$PRICE, b$AGE, b$X, b$Y, b$X, b$Y)
writeLines(paste0(rows, c(rep(",", length(rows) - 1), ";")), con)
writeLines("CREATE INDEX ON sy_baltim USING gist (geom);", con)
close(con)
bxy <- cbind(b$X, b$Y)
bid <- as.integer(b$STATION)
# a distance band of 10 grid units: two sales have no neighbour
nbb <- dnearneigh(bxy, 0, 10, row.names = bid)
cards("baltim_band10", nbb, bid)
lwb <- nb2listw(nbb, style = "W", zero.policy = TRUE)
glob("baltim_band10_w", b$PRICE, lwb)
loc("baltim_band10_w", b$PRICE, lwb, bid)
glob("baltim_band10_b", b$PRICE, nb2listw(nbb, style = "B", zero.policy = TRUE))
# general weights: inverse distance within the band, as given (B) and row-standardised (W)
idw <- lapply(nbdists(nbb, bxy), function(d) 1 / d)
glob("baltim_band10_idw_b", b$PRICE, suppressWarnings(nb2listw(nbb, glist = idw, style = "B", zero.policy = TRUE)))
glob("baltim_band10_idw_w", b$PRICE, suppressWarnings(nb2listw(nbb, glist = idw, style = "W", zero.policy = TRUE)))
# k = 6 (one sale whose 6th and 7th nearest tie) and k = 4 (9 ties): spdep
# breaks ties by position, synergy by id, and the stations ascend
stopifnot(all(diff(bid) > 0))
nbk6 <- knn2nb(knearneigh(bxy, k = 6), row.names = bid)
nbsum("baltim_knn6", nbk6, bid)
nbsum("baltim_knn4", knn2nb(knearneigh(bxy, k = 4), row.names = bid), bid)
glob("baltim_knn6_w", b$AGE, nb2listw(nbk6, style = "W"))

# trend analysis and trend surface of PRICE on the grid (lm on raw coordinates)
for (ord in 2:3) {
  f <- lm(b$PRICE ~ poly(b$X, ord, raw = TRUE))
  for (k in 0:ord) put(sprintf("baltim_trend_ew_%d", ord), k, "coef", coef(f)[[k + 1]])
  put(sprintf("baltim_trend_ew_%d", ord), 0, "r2", summary(f)$r.squared)
  g <- lm(b$PRICE ~ poly(b$Y, ord, raw = TRUE))
  for (k in 0:ord) put(sprintf("baltim_trend_ns_%d", ord), k, "coef", coef(g)[[k + 1]])
  put(sprintf("baltim_trend_ns_%d", ord), 0, "r2", summary(g)$r.squared)
}
X <- b$X; Y <- b$Y
s <- lm(b$PRICE ~ X + Y + I(X^2) + I(X * Y) + I(Y^2))
for (k in 1:6) put("baltim_surface_2", k - 1, "coef", coef(s)[[k]])
put("baltim_surface_2", 0, "r2", summary(s)$r.squared)
for (i in seq_along(bid)) put("baltim_surface_2", bid[i], "fitted", fitted(s)[[i]])

# ---- gravity linkage among the 12 counties with the most births, 1974 ----
top <- order(-nc$BIR74)[1:12]
lon <- xy[top, 1]; lat <- xy[top, 2]; q <- nc$BIR74[top]; gid <- ids[top]
hav <- function(l1, p1, l2, p2) {   # haversine, R = 6371.0088 km (IUGG mean radius)
  r <- pi / 180
  a <- sin((p2 - p1) * r / 2)^2 + cos(p1 * r) * cos(p2 * r) * sin((l2 - l1) * r / 2)^2
  2 * 6371.0088 * asin(sqrt(a))
}
n <- length(top)
for (case in c("book", "r1")) {
  T <- matrix(0, n, n)
  for (i in 1:n) for (j in 1:n) if (i != j) {
    d <- hav(lon[i], lat[i], lon[j], lat[j])
    T[i, j] <- if (case == "book") q[i] * q[j] / d^2 else 2 * sqrt(q[i]) * sqrt(q[j]) / d
  }
  F <- T / rowSums(T)
  for (i in 1:n) for (j in 1:n) if (i != j) {
    put(paste0("nc_gravity_", case), gid[i] * 1000000 + gid[j], "strength", T[i, j])
    put(paste0("nc_gravity_", case), gid[i] * 1000000 + gid[j], "membership", F[i, j])
    if (case == "book") put("nc_gravity_book", gid[i] * 1000000 + gid[j], "distance",
                            hav(lon[i], lat[i], lon[j], lat[j]))
  }
}

res <- do.call(rbind, out)
write.csv(res, "test/reference/xcheck_spatial_expected.csv", row.names = FALSE, quote = FALSE)

# ---- forecasts ----
fout <- list()
fput <- function(series, method, step, quantity, value)
  fout[[length(fout) + 1]] <<- data.frame(series = series, method = method, step = step,
                                           quantity = quantity, value = sprintf("%.17g", value))
series <- list(
  nile = as.numeric(Nile),                       # 100 yearly flows at Aswan, 1871-1970
  wwwusage = as.numeric(WWWusage),               # 100 minutes of users online
  austres_q4 = as.numeric(austres)[seq(4, 89, 4)],   # Australian residents, each 4th quarter (22 values)
  two = c(5, 8),
  three = c(5, 8, 7)
)
h <- 5
for (nm in names(series)) {
  x <- series[[nm]]; nx <- length(x)
  for (k in 1:nx) fput(nm, "data", k, "x", x[k])
  for (m in c("naive", "drift")) {
    f <- if (m == "naive") naive(x, h = h, level = c(80, 95)) else rwf(x, h = h, drift = TRUE, level = c(80, 95))
    fc <- as.numeric(f$mean)
    se <- (as.numeric(f$upper[, 1]) - fc) / qnorm(0.9)   # forecast's standard error of step h
    df <- if (m == "naive") nx - 1 else nx - 2
    for (s in 1:h) {
      fput(nm, m, s, "forecast", fc[s])
      fput(nm, m, s, "se", se[s])
      fput(nm, m, s, "upper_80_normal", as.numeric(f$upper[s, 1]))
      if (df >= 1 && is.finite(se[s])) {
        fput(nm, m, s, "lower_80", fc[s] - qt(0.9, df) * se[s]); fput(nm, m, s, "upper_80", fc[s] + qt(0.9, df) * se[s])
        fput(nm, m, s, "lower_95", fc[s] - qt(0.975, df) * se[s]); fput(nm, m, s, "upper_95", fc[s] + qt(0.975, df) * se[s])
      }
    }
  }
}
# GM(1,1) by lm() on the background values (independent of synergy's LAPACK
# least squares), on US census population (uspop, 1880-1970, millions) and on
# a series with a 0 after the first value
gm_fit <- function(x) {
  n <- length(x); x1 <- cumsum(x); z <- (x1[-1] + x1[-n]) / 2
  co <- coef(lm(x[-1] ~ z)); a <- -co[[2]]; b <- co[[1]]
  # x^(k) = x1^(k) - x1^(k-1), x1^(k) = (x(1) - b/a) e^(-a (k - 1)) + b/a
  restore <- function(k) ifelse(k == 1, x[1], (x[1] - b / a) * (1 - exp(a)) * exp(-a * (k - 1)))
  fitted <- restore(1:n)
  e <- x - fitted
  s1 <- sqrt(mean((x - mean(x))^2)); s2 <- sqrt(mean((e - mean(e))^2))
  list(a = a, b = b, restore = restore, fitted = fitted, c = s2 / s1,
       p = mean(abs(e - mean(e)) < 0.6745 * s1))
}
gseries <- list(uspop = as.numeric(uspop)[10:19], zero_inside = c(3, 0, 4, 5, 6, 7),
                zero_late = c(3, 4, 5, 6, 0, 7, 8))
for (nm in names(gseries)) {
  x <- gseries[[nm]]; nx <- length(x); g <- gm_fit(x)
  for (k in 1:nx) fput(nm, "data", k, "x", x[k])
  fput(nm, "gm11", 0, "a", g$a); fput(nm, "gm11", 0, "b", g$b)
  fput(nm, "gm11", 0, "c", g$c); fput(nm, "gm11", 0, "p", g$p)
  for (k in 1:nx) fput(nm, "gm11", -k, "fitted", g$fitted[k])
  fc <- g$restore(nx + 1:h)
  for (s in 1:h) fput(nm, "gm11", s, "forecast", fc[s])
  # the documented empirical interval: refits at origins o = max(4, n - 20) .. n - 1,
  # e = log(x / forecast) per step j (x - forecast when a compared value or
  # forecast is not positive), s^2 = mean(e^2 / j), bounds
  # forecast * exp(-+ t(O - 1) s sqrt(h)) (forecast -+ t(O - 1) s sqrt(h))
  act <- c(); fcs <- c(); step <- c(); O <- 0
  for (o in max(4, nx - 20):(nx - 1)) {
    go <- gm_fit(x[1:o]); O <- O + 1
    act <- c(act, x[(o + 1):nx]); fcs <- c(fcs, go$restore(o + 1:(nx - o))); step <- c(step, 1:(nx - o))
  }
  logscale <- all(act > 0 & fcs > 0)
  e <- if (logscale) log(act / fcs) else act - fcs
  se <- sqrt(mean(e^2 / step)) * sqrt(1:h)
  fput(nm, "gm11", 0, "logscale", as.numeric(logscale))
  for (s in 1:h) for (lv in c(80, 95)) {
    q <- qt(0.5 + lv / 200, O - 1)
    lo <- if (logscale) fc[s] * exp(-q * se[s]) else fc[s] - q * se[s]
    hi <- if (logscale) fc[s] * exp(q * se[s]) else fc[s] + q * se[s]
    fput(nm, "gm11", s, paste0("lower_", lv), lo); fput(nm, "gm11", s, paste0("upper_", lv), hi)
  }
}
fres <- do.call(rbind, fout)
write.csv(fres, "test/reference/xcheck_forecast_expected.csv", row.names = FALSE, quote = FALSE)

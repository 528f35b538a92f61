# test/reference/panel_gaps_e2e.R: the independent reference of
# test/pgtap/27_panel_gaps_e2e.sql (issue 12, "Done means").
#
# The whole pipeline on synergy_sample.panel_gaps, computed from the CSV files
# of data/ with base R and spdep only (no synergy, no database):
#   long rows with gaps -> one indicator vector per (city, year, subsystem)
#   -> entropy weights per (year, subsystem) of the min-max scores + shift
#   -> E-TOPSIS score per subsystem with the same shift
#   -> classic coupling coordination C, T, D over the six subsystems -> grade
#   -> global Moran's I of D over the cities (spdep moran.test, randomisation
#      and normality) and local Moran's I (spdep localmoran) with quadrants,
#   for the missing-value policies 'mean' and 'skip' and the years 2016, 2019.
# Conventions: docs/reference.md (entropy_weights, weight_options, topsis with
# shift, coupling_coordination, ccd_grade) and docs/spatial.md (spdep's subset
# convention for a NULL value: subset(listw, !is.na(x)), style W
# re-standardised over the neighbours that remain).
#
# Run from the repository root (R 4.2.2, spdep 1.2.7 made the stored file):
#   Rscript test/reference/panel_gaps_e2e.R > test/reference/panel_gaps_e2e_expected.csv
# Output: CSV policy,year,quantity,subsystem,region,j,value,label (a comment
# line first, no column-name line); values
# printed with 17 significant digits; an empty value is NA (SQL NULL).
suppressPackageStartupMessages(library(spdep))

SHIFT <- 0.01
K <- 3
YEARS <- c(2016, 2019)
POLICIES <- c("mean", "skip")

panel <- read.csv("data/panel.csv", colClasses = c("character", "integer", "character", "numeric"))
regions <- read.csv("data/regions.csv", colClasses = "character")
ind <- read.csv("data/indicators.csv", colClasses = "character")
ind$direction <- as.integer(ind$direction)
ind$subsystem_order <- as.integer(ind$subsystem_order)

# panel_gaps as data/load.sql builds it: city names as ids, four rows left out
dropped <- data.frame(region_code = c("422800", "320400", "420500", "320500"),
                      year = c(2019L, 2019L, 2019L, 2016L),
                      indicator_code = c("SI2", "EC3", "PS1", "EX1"))
key <- function(d) paste(d$region_code, d$year, d$indicator_code)
gaps <- panel[!(key(panel) %in% key(dropped)), ]
gaps$region <- regions$name_en[match(gaps$region_code, regions$code)]
cities <- sort(unique(gaps$region))   # byte order (all ASCII, capitalised)

subsystems <- unique(ind[order(ind$subsystem_order), c("subsystem", "subsystem_order")])$subsystem

# the indicator vector of a city: codes in code order, NA for no row or NULL
vec <- function(city, yr, codes) {
  r <- gaps[gaps$region == city & gaps$year == yr, ]
  r$value[match(codes, r$indicator_code)]   # NA where no row; NA value stays NA
}

minmax <- function(X, dirs, shift) {
  Z <- X
  for (j in seq_len(ncol(X))) {
    lo <- min(X[, j]); hi <- max(X[, j])
    Z[, j] <- if (dirs[j] == 1) (X[, j] - lo) / (hi - lo) else (hi - X[, j]) / (hi - lo)
  }
  Z + shift
}

entropy <- function(Z) {
  n <- nrow(Z)
  d <- apply(Z, 2, function(z) {
    p <- z / sum(z)
    1 + sum(ifelse(p > 0, p * log(p), 0)) / log(n)
  })
  d / sum(d)
}

# E-TOPSIS with the translation method: ideal 1 + s, anti-ideal 0
topsis <- function(Z, w, shift) {
  dp <- sqrt(rowSums(sweep((1 + shift) - Z, 2, w, "*")^2))
  dm <- sqrt(rowSums(sweep(Z, 2, w, "*")^2))
  dm / (dp + dm)
}

ccd <- function(u) {
  n <- length(u)
  if (any(is.na(u))) return(c(NA, NA, NA))
  cc <- n * (prod(u) / sum(u)^n)^(1 / n)
  tt <- mean(u)
  c(cc, tt, sqrt(cc * tt))
}
grades_zh <- c("极度失调", "严重失调", "中度失调", "轻度失调", "濒临失调",
               "勉强协调", "初级协调", "中级协调", "良好协调", "优质协调")
level <- function(d) min(10L, as.integer(floor(d * 10)) + 1L)

out <- list()
emit <- function(policy, year, quantity, subsystem = "", region = "", j = NA_integer_, value = NA, label = "") {
  out[[length(out) + 1]] <<- data.frame(policy = policy, year = year, quantity = quantity,
                                        subsystem = subsystem, region = region, j = j,
                                        value = if (is.na(value)) "" else sprintf("%.17g", value),
                                        label = label)
}

coords <- as.matrix(regions[match(cities, regions$name_en), c("lon", "lat")])
storage.mode(coords) <- "double"
nb <- knn2nb(suppressWarnings(knearneigh(coords, k = K)))  # warns: k > n / 3   # planar distance in degrees, as PostGIS <-> on 4326
lw <- nb2listw(nb, style = "W")

for (policy in POLICIES) for (yr in YEARS) {
  U <- matrix(NA_real_, length(cities), length(subsystems), dimnames = list(cities, subsystems))
  for (s in subsystems) {
    si <- ind[ind$subsystem == s, ]
    si <- si[order(si$code), ]
    X <- t(sapply(cities, vec, yr = yr, codes = si$code))
    keep <- rep(TRUE, length(cities))
    if (policy == "mean") {
      for (j in seq_len(ncol(X))) X[is.na(X[, j]), j] <- mean(X[!is.na(X[, j]), j])
    } else {
      keep <- !apply(is.na(X), 1, any)
    }
    Z <- minmax(X[keep, , drop = FALSE], si$direction, SHIFT)
    w <- entropy(Z)
    for (j in seq_along(w)) emit(policy, yr, "weight", s, "", j, value = w[j])
    U[keep, s] <- topsis(Z, w, SHIFT)
    for (city in cities) emit(policy, yr, "u", s, city, value = U[city, s])
  }
  D <- rep(NA_real_, length(cities)); names(D) <- cities
  for (city in cities) {
    r <- ccd(U[city, ])
    emit(policy, yr, "c", "", city, value = r[1])
    emit(policy, yr, "t", "", city, value = r[2])
    emit(policy, yr, "d", "", city, value = r[3])
    D[city] <- r[3]
    if (!is.na(r[3])) emit(policy, yr, "grade", "", city, value = level(r[3]), label = grades_zh[level(r[3])])
  }
  # spdep's subset convention for the cities without D
  ok <- !is.na(D)
  lws <- if (all(ok)) lw else subset(lw, ok, zero.policy = TRUE)
  x <- D[ok]
  emit(policy, yr, "moran_n", value = sum(ok))
  emit(policy, yr, "moran_islands", value = sum(card(lws$neighbours) == 0))
  if (sum(card(lws$neighbours) > 0) < 4) {
    # too few regions with neighbours: synergy gives NULL statistics
    for (q in c("i", "expected", "z_randomisation", "z_normal")) emit(policy, yr, paste0("moran_", q))
  } else {
    mr <- moran.test(x, lws, randomisation = TRUE, zero.policy = TRUE)
    mn <- moran.test(x, lws, randomisation = FALSE, zero.policy = TRUE)
    emit(policy, yr, "moran_i", value = mr$estimate[["Moran I statistic"]])
    emit(policy, yr, "moran_expected", value = mr$estimate[["Expectation"]])
    emit(policy, yr, "moran_variance_randomisation", value = mr$estimate[["Variance"]])
    emit(policy, yr, "moran_z_randomisation", value = mr$statistic[[1]])
    emit(policy, yr, "moran_p_randomisation", value = mr$p.value)
    emit(policy, yr, "moran_variance_normal", value = mn$estimate[["Variance"]])
    emit(policy, yr, "moran_z_normal", value = mn$statistic[[1]])
  }
  # an island has I_i = 0 and no moments; a zero variance gives no z (NA)
  # and no significance
  lm <- localmoran(x, lws, zero.policy = TRUE, alternative = "two.sided")
  zc <- x - mean(x)
  lag <- lag.listw(lws, zc, zero.policy = TRUE)
  for (k in seq_along(x)) {
    city <- names(x)[k]
    emit(policy, yr, "lisa_i", "", city, value = lm[k, 1])
    island <- card(lws$neighbours)[k] == 0
    defined <- !island && lm[k, 3] > 0
    emit(policy, yr, "lisa_expected", "", city, value = if (island) NA else lm[k, 2])
    emit(policy, yr, "lisa_variance", "", city, value = if (island) NA else lm[k, 3])
    emit(policy, yr, "lisa_z", "", city, value = if (defined) lm[k, 4] else NA)
    emit(policy, yr, "lisa_p", "", city, value = if (defined) lm[k, 5] else NA)
    q <- if (island) "island" else if (!defined || lm[k, 5] > 0.05) "not significant" else
      paste0(if (zc[k] > 0) "H" else "L", if (lag[k] > 0) "H" else "L")
    emit(policy, yr, "quadrant", "", city, value = NA, label = q)
  }
}
res <- do.call(rbind, out)
# line 1 (skipped as the CSV header by the test's \copy) says how the file was made
cat("# made by Rscript test/reference/panel_gaps_e2e.R (", R.version.string, ", spdep ",
    as.character(packageVersion("spdep")), ") from data/*.csv; columns: ",
    paste(names(res), collapse = ","), "\n", sep = "")
# strings quoted, numbers (value, year, j) bare so that an empty one reads as NULL
write.table(res, stdout(), sep = ",", row.names = FALSE, col.names = FALSE, na = "",
            qmethod = "double", quote = which(names(res) %in% c("policy", "quantity", "subsystem", "region", "label")))

#!/usr/bin/Rscript
# Moran's I with missing values (issue 12, docs/spatial.md "Missing values"),
# from R's spdep: regions whose value is NA are taken out of the analysis and
# the weights are rebuilt over the neighbours that remain (subset.listw: style
# W re-standardised, style B stays binary).  Run once; the output is committed
# as test/reference/moran_missing_expected.csv and copied into
# test/pgtap/51_region_ids.sql; the tests never call R:
#
#     Rscript test/reference/make_moran_missing.R
suppressPackageStartupMessages({ library(spdep); library(sf) })
options(digits = 17)

col <- st_read(system.file("shapes/columbus.shp", package = "spData"), quiet = TRUE)
nbq <- poly2nb(col, queen = TRUE, row.names = col$POLYID)
# CRIME missing for these neighbourhoods; 2 and 3 are all of 1's neighbours,
# so 1 becomes an island (zero.policy, as synergy keeps islands)
missing <- c(2, 3, 17, 30, 41)
keep <- !(col$POLYID %in% missing)
x <- col$CRIME[keep]
ids <- col$POLYID[keep]

out <- list()
put <- function(case, row, quantity, value)
  out[[length(out) + 1]] <<- data.frame(case = case, row = row, quantity = quantity,
                                         value = sprintf("%.15g", value))
for (style in c("W", "B")) {
  lw_all <- nb2listw(nbq, style = style, zero.policy = TRUE)
  lw <- subset(lw_all, keep, zero.policy = TRUE)
  case <- paste0("columbus_queen_missing_", tolower(style))
  r <- moran.test(x, lw, randomisation = TRUE, zero.policy = TRUE)
  nrm <- moran.test(x, lw, randomisation = FALSE, zero.policy = TRUE)
  put(case, 0, "n", length(x))
  put(case, 0, "i", r$estimate[[1]])
  put(case, 0, "expected", r$estimate[[2]])
  put(case, 0, "variance_randomisation", r$estimate[[3]])
  put(case, 0, "z_randomisation", r$statistic[[1]])
  put(case, 0, "variance_normal", nrm$estimate[[3]])
  put(case, 0, "z_normal", nrm$statistic[[1]])
  lm <- localmoran(x, lw, zero.policy = TRUE)
  for (i in seq_along(x)) {
    put(case, ids[i], "ii", lm[i, 1]); put(case, ids[i], "e_ii", lm[i, 2])
    put(case, ids[i], "var_ii", lm[i, 3]); put(case, ids[i], "z_ii", lm[i, 4])
  }
}
# what the old convention gave (row weights of the full graph kept as they
# were, rows no longer summing to 1): for the docs' comparison only
w_all <- nb2listw(nbq, style = "W")
m <- listw2mat(w_all)[keep, keep]
lw_old <- mat2listw(m, style = "M")
r_old <- moran.test(x, lw_old, randomisation = TRUE, zero.policy = TRUE)
put("columbus_queen_missing_old", 0, "i", r_old$estimate[[1]])
write.csv(do.call(rbind, out), "test/reference/moran_missing_expected.csv",
          row.names = FALSE, quote = FALSE)

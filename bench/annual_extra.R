# bench/annual_extra.R: two more files for bench/bench_frontier.sh, from the same sources as the
# benchmark (bench/annual_series.R).
#   bench/data/annual_sources.csv  source, kind, n, r2, acf1, adf_p, kpss_level_p: per source
#       series, the statistics of the kind rule (R^2 of the trend of y = log(x), lag-1
#       autocorrelation of the detrended y) and two unit-root tests on y, tseries 0.10's
#       adf.test (H0: a unit root; regression with constant and trend, lag trunc((n-1)^(1/3)))
#       and kpss.test(null = "Level") (H0: stationary around a level).  Both p-values come from
#       tables and are truncated: adf to [0.01, 0.99], kpss to [0.01, 0.10].
#   bench/data/annual_history.csv  window, t, value: the values BEFORE each benchmark window
#       (t = 0, -1, ..., at most 40 of them, as far back as the source stays positive), so that
#       the frontier can ask whether a longer history closes the gap.
# Run from the repository root: Rscript bench/annual_extra.R (seconds; needs what make_annual.R
# needs). The benchmark reads the stored files and does not need R.
source("bench/annual_series.R")
src <- do.call(rbind, lapply(names(series), function(nm) {
  x <- series[[nm]]; y <- if (all(x > 0)) log(x) else x
  t <- seq_along(y); fit <- lm(y ~ t)
  data.frame(source = nm, kind = kinds[[nm]], n = length(y),
             r2 = signif(summary(fit)$r.squared, 4),
             acf1 = signif(acf(residuals(fit), lag.max = 1, plot = FALSE)$acf[2], 4),
             adf_p = signif(suppressWarnings(adf.test(y)$p.value), 4),
             kpss_level_p = signif(suppressWarnings(kpss.test(y, null = "Level")$p.value), 4))
}))
hist <- do.call(rbind, lapply(seq_len(w), function(i) {
  x <- series[[wins[[i]]$source]]; s <- wins[[i]]$e - 15   # the window's first value
  k <- 0
  while (k < 40 && s - k - 1 >= 1 && !is.na(x[s - k - 1]) && x[s - k - 1] > 0) k <- k + 1
  if (k == 0) return(NULL)
  data.frame(window = i, t = -(k - 1):0, value = signif(x[(s - k):(s - 1)], 12))
}))
write.csv(src, "bench/data/annual_sources.csv", row.names = FALSE, quote = FALSE)
write.csv(hist, "bench/data/annual_history.csv", row.names = FALSE, quote = FALSE)
cat(nrow(src), "sources,", length(unique(hist$window)), "windows with earlier values\n")

# bench/make_annual.R: real annual series for the forecasting benchmark (bench/bench_forecast.sh),
# and R's forecasts on them, computed once and stored.
#
# Writes
#   bench/data/annual.csv        window, source, kind, t, value: windows of 16 consecutive positive
#                                annual values (t 1..10 to train, 11..16 held out)
#   bench/data/annual_r.csv      window, method, step, forecast, lower_80, upper_80, lower_95,
#                                upper_95: forecast 8.20's auto.arima, ets, thetaf and nnetar
#                                (set.seed(1) before nnetar; intervals by PI = TRUE, npaths = 1000)
#                                fitted to the 10 training values, 6 steps ahead
#   bench/data/annual_nnetar.csv window, nnetar_smape: nnetar's sMAPE (percent) on the 6 held-out
#                                values (kept for the older benchmark script)
# The sources, their kinds and the windows are built by bench/annual_series.R (sourced below);
# bench/annual_extra.R adds unit-root tests of the sources and the values before each window.
# Run from the repository root: Rscript bench/make_annual.R   (about 20 minutes on 2 busy cores; needs
# Debian's r-base-core r-cran-forecast r-cran-aer r-cran-cardata r-cran-tseries r-cran-boot
# r-cran-dslabs; the benchmark itself reads the stored CSV files and does not need R).
#
# Sources (all annual, or annual totals/means of monthly and quarterly series):
#   part A, windows 1..151 (the benchmark's original set, same numbering): base R airmiles,
#     LakeHuron, Nile, lynx, nhtemp, uspop; annual totals of AirPassengers, co2, UKgas,
#     JohnsonJohnson, nottem, UKDriverDeaths, austres, forecast's gas and woolyrnq; AER's OECDGas
#     (exp of the logged variables), Grunfeld, ChinaIncome, USGasB, USConsump1950, USAirlines,
#     USInvest; the most recent 3 non-overlapping windows of each series (aligned to its end).
#   part B, windows 152..: the earlier windows of LakeHuron, Nile and lynx; sunspot.year;
#     treering (20 windows evenly spaced over its 7980 years); annual counts of British
#     coal-mining disasters (boot::coal, 1851-1962); tseries' NelPlo (Nelson-Plosser US macro
#     series 1860-1988, exp of the logged ones, the most recent 3 windows each); annual means of
#     tseries' nino3.4 (sea surface temperature, deg C) and tcm (1- and 10-year US treasury
#     yields); carData's Hartnagel (Canada 1931-1968: fertility, women's labour-force
#     participation, degrees, conviction rates); base R longley; measles cases by US state
#     (dslabs::us_contagious_diseases) before the vaccine (1928-1962), the 12 states with most
#     cases; unless said otherwise every non-overlapping window aligned to the series' end.
#     discoveries is tried too, but each of its windows has a zero count (so none is used).
# Values are never shifted or transformed beyond the totals/means/exp named above: a window with
#   a missing or non-positive value is skipped (GM(1,1) needs positive values), e.g. sunspot.year's
#   zero years, discoveries' and coal's zero counts. boot::manaus (heights around a datum, signed)
#   and dslabs' temperature anomalies are left out for the same reason.
#
# Kind of each window = the kind of its SOURCE series (all of it, not the window), by this rule,
# applied in order to y = log(x) where the whole source is positive, else to x itself:
#   trending   the linear trend dominates: R^2 of y on t >= 0.7
#   cyclical   (source of >= 30 values) the autocorrelation of the detrended y has a trough
#              <= -0.2 at a lag 1..8 followed by a peak >= 0.2 at a later lag <= 15
#              (a quasi-periodic cycle: lynx, sunspots, measles epidemics)
#   stationary the level persists: lag-1 autocorrelation of the detrended y >= 0.5 (the name is
#              historical: by unit-root tests these sources look like random walks, see
#              bench/annual_extra.R and docs/forecasting.md "Beyond the window")
#   noisy      everything else (weak persistence: counts, temperatures, tree rings)
# The script prints the statistics of every source, so the labels can be checked.
source("bench/annual_series.R")
for (nm in names(series)) cat(sprintf("%-30s %-10s %s\n", nm, kinds[[nm]], kind_stats[[nm]]))

## ---- R's forecasts ----
fc_rows <- function(i) {
  win <- wins[[i]]$x
  train <- ts(win[1:10])
  one <- function(method, f) data.frame(window = i, method = method, step = 1:6,
    forecast = signif(as.numeric(f$mean), 10),
    lower_80 = signif(as.numeric(f$lower[, 1]), 10), upper_80 = signif(as.numeric(f$upper[, 1]), 10),
    lower_95 = signif(as.numeric(f$lower[, 2]), 10), upper_95 = signif(as.numeric(f$upper[, 2]), 10))
  lv <- c(80, 95)
  r <- rbind(one("auto.arima", forecast(auto.arima(train), h = 6, level = lv)),
             one("ets", forecast(ets(train), h = 6, level = lv)),
             one("theta", thetaf(train, h = 6, level = lv)))
  set.seed(1)
  fit <- nnetar(train)
  rbind(r, one("nnetar", forecast(fit, h = 6, level = lv, PI = TRUE, npaths = 1000)))
}
res <- do.call(rbind, mclapply(seq_len(w), fc_rows, mc.cores = 2))
res <- res[order(res$window, match(res$method, c("auto.arima", "ets", "theta", "nnetar")), res$step), ]

rows <- do.call(rbind, lapply(seq_len(w), function(i) data.frame(window = i,
  source = wins[[i]]$source, kind = kinds[[wins[[i]]$source]], t = 1:16, value = signif(wins[[i]]$x, 12))))
nnm <- res[res$method == "nnetar", ]
nn <- do.call(rbind, lapply(seq_len(w), function(i) {
  f <- nnm$forecast[nnm$window == i]; a <- wins[[i]]$x[11:16]
  data.frame(window = i, nnetar_smape = 200 * mean(abs(f - a) / (abs(f) + abs(a))))
}))
dir.create("bench/data", showWarnings = FALSE)
write.csv(rows, "bench/data/annual.csv", row.names = FALSE, quote = FALSE)
write.csv(res, "bench/data/annual_r.csv", row.names = FALSE, quote = FALSE)
write.csv(nn, "bench/data/annual_nnetar.csv", row.names = FALSE, quote = FALSE)
cat(w, "windows from", length(unique(rows$source)), "series;", nrow(res), "rows of R forecasts\n")
print(table(kind = rows$kind[rows$t == 1]))

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
#   stationary the level persists but reverts: lag-1 autocorrelation of the detrended y >= 0.5
#   noisy      everything else (weak persistence: counts, temperatures, tree rings)
# The script prints the statistics of every source, so the labels can be checked.
suppressMessages({
  library(forecast); library(AER); library(tseries); library(carData); library(boot)
  library(dslabs); library(parallel)
})
series <- list(); maxwin <- list(); part <- list()
add <- function(name, x, maxw = 3, p = "A") {
  x <- as.numeric(x)
  x <- x[!is.na(x)]
  if (p == "A" && !(length(x) >= 16 && all(x > 0))) return(invisible())
  series[[name]] <<- x; maxwin[[name]] <<- maxw; part[[name]] <<- p
}
yearly <- function(x) as.numeric(aggregate(x, nfrequency = 1, FUN = sum))
yearmean <- function(x) {  # complete calendar years only
  s <- start(x); f <- frequency(x)
  x <- window(x, start = c(if (s[2] == 1) s[1] else s[1] + 1, 1))
  n <- floor(length(x) / f) * f
  as.numeric(aggregate(ts(x[seq_len(n)], start = start(x), frequency = f), nfrequency = 1, FUN = mean))
}
## ---- part A: the original set (windows 1..151, unchanged) ----
for (nm in c("airmiles", "LakeHuron", "Nile", "lynx", "nhtemp", "uspop", "discoveries"))
  add(nm, get(nm))
for (nm in c("AirPassengers", "co2", "UKgas", "JohnsonJohnson", "nottem", "UKDriverDeaths",
             "austres", "USAccDeaths", "ldeaths"))
  add(paste0(nm, "_annual"), yearly(get(nm)))
add("gas_annual", yearly(forecast::gas))
add("wineind_annual", yearly(forecast::wineind))
add("woolyrnq_annual", yearly(forecast::woolyrnq))
data(OECDGas); data(Grunfeld); data(ChinaIncome); data(USGasB); data(USConsump1950)
data(USAirlines); data(USInvest); data(GrowthSW)
for (cn in unique(OECDGas$country)) {
  d <- OECDGas[OECDGas$country == cn, ]
  d <- d[order(d$year), ]
  for (v in c("gas", "income", "price", "cars")) add(paste0("OECDGas_", cn, "_", v), exp(d[[v]]))
}
for (f in unique(Grunfeld$firm)) {
  d <- Grunfeld[Grunfeld$firm == f, ]
  d <- d[order(d$year), ]
  for (v in c("invest", "value", "capital")) add(paste0("Grunfeld_", f, "_", v), d[[v]])
}
for (v in colnames(ChinaIncome)) add(paste0("ChinaIncome_", v), ChinaIncome[, v])
for (v in colnames(USGasB)) add(paste0("USGasB_", v), USGasB[, v])
for (v in colnames(USConsump1950)) add(paste0("USConsump1950_", v), USConsump1950[, v])
for (f in unique(USAirlines$firm)) {
  d <- USAirlines[USAirlines$firm == f, ]
  d <- d[order(d$year), ]
  for (v in c("output", "cost", "price")) add(paste0("USAirlines_", f, "_", v), d[[v]])
}
for (v in colnames(USInvest)) add(paste0("USInvest_", v), USInvest[, v])
## ---- part B: stationary, noisy and cyclical sources (and NelPlo, longley) ----
add("sunspot.year", sunspot.year, Inf, "B")
add("discoveries", discoveries, Inf, "B")
add("treering", treering, 20, "B")
add("coal_disasters", table(factor(floor(boot::coal$date), levels = 1851:1962)), Inf, "B")
data(NelPlo)
for (v in colnames(NelPlo)) {
  x <- na.omit(NelPlo[, v])
  add(paste0("NelPlo_", v), if (v == "int.rate") x else exp(x), 3, "B")
}
data(nino); add("nino3.4_annual_mean", yearmean(nino3.4), Inf, "B")
data(tcm)
for (v in c("tcm1y", "tcm10y")) add(paste0(v, "_annual_mean"), yearmean(tcm[, v]), Inf, "B")
for (v in c("tfr", "partic", "degrees", "fconvict", "mconvict"))
  add(paste0("Hartnagel_", v), Hartnagel[[v]], Inf, "B")
for (v in c("GNP.deflator", "GNP", "Unemployed", "Armed.Forces", "Population", "Employed"))
  add(paste0("longley_", v), longley[[v]], Inf, "B")
m <- us_contagious_diseases[us_contagious_diseases$disease == "Measles" &
                            us_contagious_diseases$year <= 1962, ]
top <- names(sort(tapply(m$count, as.character(m$state), sum), decreasing = TRUE))[1:12]
for (s in top) {
  d <- m[m$state == s, ]
  add(paste0("measles_", gsub(" ", "_", s)), d$count[order(d$year)], Inf, "B")
}

## ---- kinds ----
kind_of <- function(x) {
  y <- if (all(x > 0)) log(x) else x
  t <- seq_along(y); fit <- lm(y ~ t)
  r2 <- summary(fit)$r.squared
  a <- acf(residuals(fit), lag.max = min(15, length(y) - 2), plot = FALSE)$acf[-1]
  tr <- which.min(a[1:min(8, length(a))])
  cyc <- length(y) >= 30 && a[tr] <= -0.2 && tr < length(a) && max(a[(tr + 1):length(a)]) >= 0.2
  k <- if (r2 >= 0.7) "trending" else if (cyc) "cyclical" else if (a[1] >= 0.5) "stationary" else "noisy"
  list(kind = k, stats = sprintf("n=%d r2=%.2f acf1=%.2f trough=%.2f@%d peak=%.2f", length(y), r2,
       a[1], a[tr], tr, if (tr < length(a)) max(a[(tr + 1):length(a)]) else NA))
}
kinds <- list()
for (nm in names(series)) {
  k <- kind_of(series[[nm]]); kinds[[nm]] <- k$kind
  cat(sprintf("%-30s %-10s %s\n", nm, k$kind, k$stats))
}

## ---- windows ----
ends_of <- function(nm) {
  x <- series[[nm]]
  ends <- rev(seq(length(x), 16, by = -16))               # non-overlapping, aligned to the end
  ends <- ends[vapply(ends, function(e) all(x[(e - 15):e] > 0), TRUE)]
  mw <- maxwin[[nm]]
  if (nm == "treering") ends[unique(round(seq(1, length(ends), length.out = mw)))]
  else if (length(ends) > mw) tail(ends, mw) else ends
}
wins <- list(); w <- 0
for (nm in names(series)[unlist(part) == "A"]) {   # part A: the most recent 3 windows
  for (e in ends_of(nm)) { w <- w + 1; wins[[w]] <- list(source = nm, x = series[[nm]][(e - 15):e]) }
}
stopifnot(w == 151)
for (nm in c("LakeHuron", "Nile", "lynx")) {       # their earlier windows
  ends <- rev(seq(length(series[[nm]]), 16, by = -16)); ends <- head(ends, length(ends) - 3)
  for (e in ends) { w <- w + 1; wins[[w]] <- list(source = nm, x = series[[nm]][(e - 15):e]) }
}
for (nm in names(series)[unlist(part) == "B"])
  for (e in ends_of(nm)) { w <- w + 1; wins[[w]] <- list(source = nm, x = series[[nm]][(e - 15):e]) }

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

# bench/annual_series.R: the benchmark's real annual sources, their kinds and its windows (sourced
# by bench/make_annual.R, which describes the sources and the kind rule, and by
# bench/annual_extra.R).  Defines
#   series, maxwin, part   the sources (values as used; see make_annual.R)
#   kinds, kind_stats      each source's kind and the statistics the rule looked at
#   wins                   the windows in benchmark order: list(source, e = the position of the
#                          window's last value in its source, x = its 16 values)
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
kinds <- list(); kind_stats <- list()
for (nm in names(series)) {
  k <- kind_of(series[[nm]]); kinds[[nm]] <- k$kind; kind_stats[[nm]] <- k$stats
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
add_win <- function(nm, e) { w <<- w + 1; wins[[w]] <<- list(source = nm, e = e, x = series[[nm]][(e - 15):e]) }
for (nm in names(series)[unlist(part) == "A"]) {   # part A: the most recent 3 windows
  for (e in ends_of(nm)) add_win(nm, e)
}
stopifnot(w == 151)
for (nm in c("LakeHuron", "Nile", "lynx")) {       # their earlier windows
  ends <- rev(seq(length(series[[nm]]), 16, by = -16)); ends <- head(ends, length(ends) - 3)
  for (e in ends) add_win(nm, e)
}
for (nm in names(series)[unlist(part) == "B"])
  for (e in ends_of(nm)) add_win(nm, e)


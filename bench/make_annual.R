# bench/make_annual.R: real annual series for the forecasting benchmark (bench/bench_forecast.sh).
# Writes bench/data/annual.csv (window, source, t, value): windows of 16 consecutive positive
# annual values (10 to train, 6 held out) cut from public data sets shipped with R and Debian's
# r-cran-aer, and bench/data/annual_nnetar.csv: R forecast::nnetar's sMAPE on each window (seed 1).
# Run: Rscript bench/make_annual.R  (needs r-base-core, r-cran-forecast, r-cran-aer; the benchmark
# itself reads the stored CSV files and does not need R).
suppressMessages({ library(forecast); library(AER) })
series <- list()
add <- function(name, x) {
  x <- as.numeric(x)
  x <- x[!is.na(x)]
  if (length(x) >= 16 && all(x > 0)) series[[name]] <<- x
}
yearly <- function(x) as.numeric(aggregate(x, nfrequency = 1, FUN = sum))
# base R annual series
for (nm in c("airmiles", "LakeHuron", "Nile", "lynx", "nhtemp", "uspop", "discoveries"))
  add(nm, get(nm))
# annual totals of monthly and quarterly series
for (nm in c("AirPassengers", "co2", "UKgas", "JohnsonJohnson", "nottem", "UKDriverDeaths",
             "austres", "USAccDeaths", "ldeaths"))
  add(paste0(nm, "_annual"), yearly(get(nm)))
add("gas_annual", yearly(forecast::gas))
add("wineind_annual", yearly(forecast::wineind))
add("woolyrnq_annual", yearly(forecast::woolyrnq))
# AER: economic panels (annual)
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

rows <- list(); nn <- list(); w <- 0
for (nm in names(series)) {
  x <- series[[nm]]
  ends <- rev(seq(length(x), 16, by = -16))
  ends <- tail(ends, 3)
  for (e in ends) {
    w <- w + 1
    win <- x[(e - 15):e]
    rows[[w]] <- data.frame(window = w, source = nm, t = 1:16, value = signif(win, 12))
    train <- ts(win[1:10]); test <- win[11:16]
    set.seed(1)
    fc <- as.numeric(forecast(nnetar(train), h = 6)$mean)
    nn[[w]] <- data.frame(window = w, nnetar_smape = 200 * mean(abs(fc - test) / (abs(fc) + abs(test))))
  }
}
dir.create("bench/data", showWarnings = FALSE)
write.csv(do.call(rbind, rows), "bench/data/annual.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, nn), "bench/data/annual_nnetar.csv", row.names = FALSE, quote = FALSE)
cat(w, "windows from", length(series), "series\n")

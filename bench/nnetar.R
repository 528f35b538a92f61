# bench/nnetar.R: R's forecast::nnetar with its defaults on the series of a CSV
# (id, t, value; 16 values per id: 10 to train, 6 held out), for bench/bench_forecast.sh.
# Prints one line: series, total seconds of fit + forecast, mean sMAPE.
#   Rscript bench/nnetar.R series.csv
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
ids <- unique(d$id)
smape <- numeric(length(ids))
elapsed <- 0
for (i in seq_along(ids)) {
  x <- d$value[d$id == ids[i]][order(d$t[d$id == ids[i]])]
  train <- ts(x[1:10]); test <- x[11:16]
  set.seed(1)
  t0 <- proc.time()[["elapsed"]]
  fc <- as.numeric(forecast(nnetar(train), h = 6)$mean)
  elapsed <- elapsed + proc.time()[["elapsed"]] - t0
  smape[i] <- 200 * mean(abs(fc - test) / (abs(fc) + abs(test)))
}
cat(length(ids), elapsed, mean(smape), "\n")

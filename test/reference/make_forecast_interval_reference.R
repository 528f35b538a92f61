# Expected prediction intervals of naive_forecast, drift_forecast and
# gm11_forecast, computed independently in R (Debian r-base-core 4.2.2 and
# r-cran-forecast 8.20), written to test/reference/forecast_interval_reference.csv
# and pasted into test/pgtap/37_forecast_intervals.sql.
#
#   Rscript test/reference/make_forecast_interval_reference.R
#
# naive, drift: R's forecast::naive and forecast::rwf(drift = TRUE) give the
# forecast and the standard error of step h (recovered as (upper_80 - mean) /
# qnorm(0.9), checked against the 95 % bound); synergy uses the same standard
# error with Student t quantiles (n - 1 degrees of freedom for naive, n - 2
# for drift) instead of normal ones, so the expected bounds are
# mean -+ qt(p, df) * se.
# gm11: GM(1,1) fitted here with lm() on the background values and the
# restored values by the textbook formula; the interval from its own
# out-of-sample errors: refitted on x[1..o] at the origins o = 4 .. n - 1,
# e = log(x / forecast) at each step h of x[o+1..n], s^2 = mean of e^2 / h,
# se_h = s sqrt(h), bounds forecast * exp(-+ qt(p, origins - 1) se_h).
suppressMessages(library(forecast))
series <- list(
  airmiles = c(3362, 5948, 6109, 5981, 6753, 8003, 10566, 12528, 14760, 16769),
  lake = c(580.38, 581.86, 580.97, 580.8, 579.79, 580.39, 580.42, 580.82, 581.4, 581.32, 581.44, 581.68),
  growth = c(2.87, 3.28, 3.34, 3.62, 3.95, 4.12, 4.5, 4.83, 5.06, 5.51)
)
h <- 6
out <- data.frame()
add <- function(nm, m, fc, lo80, hi80, lo95, hi95) {
  out <<- rbind(out, data.frame(series = nm, method = m, step = seq_along(fc), forecast = fc,
                                lower_80 = lo80, upper_80 = hi80, lower_95 = lo95, upper_95 = hi95))
}
for (nm in c("airmiles", "lake")) {
  x <- ts(series[[nm]]); n <- length(x)
  for (m in c("naive", "drift")) {
    f <- if (m == "naive") naive(x, h = h, level = c(80, 95)) else rwf(x, h = h, drift = TRUE, level = c(80, 95))
    df <- if (m == "naive") n - 1 else n - 2
    fc <- as.numeric(f$mean)
    se <- (as.numeric(f$upper[, 1]) - fc) / qnorm(0.9)
    stopifnot(all(abs((as.numeric(f$upper[, 2]) - fc) / qnorm(0.975) - se) < 1e-9 * abs(se)))
    add(nm, m, fc, fc - qt(0.9, df) * se, fc + qt(0.9, df) * se, fc - qt(0.975, df) * se, fc + qt(0.975, df) * se)
  }
}
gm <- function(x) {  # GM(1,1) by lm() on the background values; returns the restored value of position k >= 2
  n <- length(x); x1 <- cumsum(x); z <- (x1[-1] + x1[-n]) / 2
  co <- coef(lm(x[-1] ~ z)); a <- -co[[2]]; b <- co[[1]]
  function(k) (x[1] - b / a) * (1 - exp(a)) * exp(-a * (k - 1))
}
for (nm in c("airmiles", "growth")) {
  x <- series[[nm]]; n <- length(x)
  fc <- gm(x)(n + 1:h)
  # refits at origins o = 4 .. n - 1, out-of-sample log errors per step of horizon
  terms <- c(); origins <- 0
  for (o in max(4, n - 20):(n - 1)) {
    f <- gm(x[1:o])(o + 1:(n - o)); origins <- origins + 1
    terms <- c(terms, log(x[(o + 1):n] / f)^2 / (1:(n - o)))
  }
  s <- sqrt(mean(terms)); se <- s * sqrt(1:h)
  q80 <- qt(0.9, origins - 1); q95 <- qt(0.975, origins - 1)
  add(nm, "gm11", fc, fc * exp(-q80 * se), fc * exp(q80 * se), fc * exp(-q95 * se), fc * exp(q95 * se))
}
out[] <- lapply(out, function(v) if (is.numeric(v)) sprintf("%.17g", v) else v)
write.csv(out, "test/reference/forecast_interval_reference.csv", row.names = FALSE, quote = FALSE)

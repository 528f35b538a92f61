# bench/frontier.R ANNUAL_CSV PARTS_CSV MACHINE_LINE: the report of bench/bench_frontier.sh.
# ANNUAL_CSV: bench/data/annual.csv (window, source, kind, t, value).
# PARTS_CSV: win, origin, part, step, forecast: the networks on differences and on levels
#   ('difference', 'level') fitted on the first `origin` values (origins 5..9: the rolling origins
#   of transform 'auto', two networks; 10: the whole training window, the defaults) and
#   bp_forecast's defaults ('bp', origin 10).
# Optional: BOUNDS_CSV (the defaults' rows with their bounds), SOURCES_CSV
#   (bench/data/annual_sources.csv: unit-root tests per source) and LONGER_CSV (win, len, method,
#   step, forecast and bounds: bp_forecast, naive and drift fitted on the last len = 10, 20, 30
#   values before the held-out ones).
# SES, drift and naive are computed here with src/core's definitions: SES's alpha is the best of
# 1/20, 2/20, ..., 1 by one-step squared error from the first value (ties: the smaller), drift is
# the line through the first and last values, naive the last value.
args <- commandArgs(trailingOnly = TRUE)
a <- read.csv(args[1], stringsAsFactors = FALSE)
pt <- read.csv(args[2], stringsAsFactors = FALSE)
wins <- sort(unique(a$window))
K <- length(wins)
val <- lapply(wins, function(i) a$value[a$window == i][order(a$t[a$window == i])])
kind <- sapply(wins, function(i) a$kind[a$window == i][1])
kinds <- c("trending", "stationary", "noisy", "cyclical")
tr <- lapply(val, function(v) v[1:10])
ho <- lapply(val, function(v) v[11:16])

smape <- function(f, y) mean(ifelse(abs(f) + abs(y) > 0, 200 * abs(f - y) / (abs(f) + abs(y)), 0))
ses_alpha <- function(y) {
  best <- Inf; al <- 1
  for (k in 1:20) {
    al_k <- k / 20; l <- y[1]; s <- 0
    for (i in 2:length(y)) { e <- y[i] - l; s <- s + e * e; l <- l + al_k * e }
    if (s < best) { best <- s; al <- al_k }
  }
  al
}
ses <- function(y, h) { al <- ses_alpha(y); l <- y[1]; for (i in 2:length(y)) l <- l + al * (y[i] - l); rep(l, h) }
drift <- function(y, h) y[length(y)] + (1:h) * (y[length(y)] - y[1]) / (length(y) - 1)
naive <- function(y, h) rep(y[length(y)], h)

parts <- c("difference", "level", "ses", "drift", "naive")
key <- split(pt, paste(pt$win, pt$origin, pt$part))
net <- function(i, o, p) { d <- key[[paste(wins[i], o, p)]]; d$forecast[order(d$step)] }
# forecasts of the parts: FC[[i]][[o]] is a (10 - o or 6) x 5 matrix, o = 5..10
FC <- lapply(seq_len(K), function(i) {
  lapply(1:10, function(o) {
    if (o < 5) return(NULL)
    y <- tr[[i]][1:o]; h <- if (o == 10) 6 else 10 - o
    cbind(difference = net(i, o, "difference"), level = net(i, o, "level"),
          ses = ses(y, h), drift = drift(y, h), naive = naive(y, h))
  })
})
bp <- lapply(seq_len(K), function(i) net(i, 10, "bp"))
# validation error of each part: sMAPE at each origin, summed (as 'auto' does)
V <- t(sapply(seq_len(K), function(i) sapply(parts, function(p)
  sum(sapply(5:9, function(o) smape(FC[[i]][[o]][, p], tr[[i]][(o + 1):10]))))))

per_kind <- function(f) {   # f(i) -> forecast of window i; mean sMAPE per kind and overall
  s <- sapply(seq_len(K), function(i) smape(f(i), ho[[i]]))
  c(sapply(kinds, function(k) mean(s[kind == k])), all = mean(s))
}
rows <- list()
add <- function(label, r) rows[[length(rows) + 1]] <<- c(label, sprintf("%.2f", r))
target <- rbind(naive = per_kind(function(i) FC[[i]][[10]][, "naive"]),
                drift = per_kind(function(i) FC[[i]][[10]][, "drift"]))
goal <- apply(target[, kinds], 2, min)

add("bp_forecast (defaults)", per_kind(function(i) bp[[i]]))
add("naive", target["naive", ]); add("drift", target["drift", ])
add("**target**: the better of naive and drift", c(goal, NA))
for (p in c("difference", "level", "ses")) add(paste("part alone:", c(difference = "network on differences", level = "network on levels", ses = "SES")[p]), per_kind(function(i) FC[[i]][[10]][, p]))

# weights from validation errors: the worst part dropped, the others 1 / error^pow
byerr <- function(ps, pow, drop = TRUE) function(i) {
  e <- V[i, ps]
  if (all(e == 0)) { wt <- rep(1, length(ps)) } else {
    wt <- (min(e[e > 0]) / pmax(e, 1e-300))^pow
    if (drop) wt[which.max(e)] <- 0
  }
  as.vector(FC[[i]][[10]][, ps] %*% (wt / sum(wt)))
}
auto4 <- c("difference", "level", "ses", "drift")
add("the rule of 'auto' rebuilt here (4 parts, 1/e^2, worst dropped)", per_kind(byerr(auto4, 2)))
for (pow in c(1, 2, 4, 8)) add(sprintf("5 parts with naive, 1/e^%d, worst dropped", pow), per_kind(byerr(parts, pow)))
add("the part with the smallest validation error alone", per_kind(function(i) FC[[i]][[10]][, which.min(V[i, ])]))
# a trend family against a level family, chosen or weighted by the families' validation errors
fam_err <- function(i, ps) sum(sapply(5:9, function(o) smape(rowMeans(FC[[i]][[o]][, ps, drop = FALSE]), tr[[i]][(o + 1):10])))
Tf <- c("difference", "drift"); Lf <- c("level", "ses", "naive")
eT <- sapply(seq_len(K), fam_err, Tf); eL <- sapply(seq_len(K), fam_err, Lf)
add("trend family (diff, drift) or level family (level, SES, naive), smaller error",
    per_kind(function(i) rowMeans(FC[[i]][[10]][, if (eT[i] <= eL[i]) Tf else Lf])))
add("the two families weighted 1/e^2", per_kind(function(i) {
  a <- eL[i]^2 / (eT[i]^2 + eL[i]^2); a * rowMeans(FC[[i]][[10]][, Tf]) + (1 - a) * rowMeans(FC[[i]][[10]][, Lf]) }))
tstat <- sapply(tr, function(y) { d <- diff(y); if (sd(d) == 0) Inf else abs(mean(d)) / sd(d) * sqrt(length(d)) })
for (c0 in c(2, 3)) add(sprintf("pre-test: drift if abs(t) of the mean step > %g, else naive", c0),
  per_kind(function(i) FC[[i]][[10]][, if (tstat[i] > c0) "drift" else "naive"]))

# every fixed convex combination on a 0.1 grid
S <- lapply(parts, function(p) t(sapply(seq_len(K), function(i) FC[[i]][[10]][, p])))
names(S) <- parts
H <- do.call(rbind, ho)
g <- expand.grid(a = 0:10, b = 0:10, c = 0:10, d = 0:10)
g <- g[rowSums(g) <= 10, ]; g$e <- 10 - rowSums(g)
grid <- t(apply(g, 1, function(wt) {
  f <- Reduce(`+`, Map(function(m, x) m * x / 10, S, wt))
  s <- rowMeans(ifelse(abs(f) + abs(H) > 0, 200 * abs(f - H) / (abs(f) + abs(H)), 0))
  c(sapply(kinds, function(k) mean(s[kind == k])), all = mean(s))
}))
meets <- apply(grid[, kinds], 1, function(r) all(r <= goal))
wlab <- function(j) paste(sprintf("%s %.1f", c("diff", "level", "SES", "drift", "naive"), g[j, ] / 10)[g[j, ] > 0], collapse = ", ")
j1 <- which(grid[, "trending"] <= goal["trending"]); j1 <- j1[which.min(grid[j1, "stationary"])]
j2 <- which(grid[, "stationary"] <= goal["stationary"]); j2 <- j2[which.min(grid[j2, "trending"])]
j3 <- which.min(grid[, "all"])
add(paste0("fixed: best stationary with trending <= target (", wlab(j1), ")"), grid[j1, ])
add(paste0("fixed: best trending with stationary <= target (", wlab(j2), ")"), grid[j2, ])
add(paste0("fixed: best overall (", wlab(j3), ")"), grid[j3, ])

cat("## bench_frontier (", format(Sys.Date()), ")\n\n", args[3], "\n\n", sep = "")
cat(sprintf("Real annual windows (bench/data/annual.csv): %s. Mean sMAPE (percent) on the 6 held-out values.\n\n",
            paste(sprintf("%s %d", kinds, sapply(kinds, function(k) sum(kind == k))), collapse = ", ")))
cat("| forecast | trending | stationary | noisy | cyclical | all |\n|---|---|---|---|---|---|\n")
for (r in rows) cat("|", paste(sub("^NA$", "", r), collapse = " | "), "|\n")
cat(sprintf("\nFixed convex combinations of the five (difference network, level network, SES, drift, naive; weights on a 0.1 grid): %d of %d meet the target on every kind; %d meet it on trending and stationary together.\n",
            sum(meets), nrow(g), sum(grid[, "trending"] <= goal["trending"] & grid[, "stationary"] <= goal["stationary"])))
src <- sapply(wins, function(i) a$source[a$window == i][1])
oil <- kind == "stationary" & grepl("^OECDGas_.*_price$", src)
rest <- kind == "stationary" & !oil
sm <- function(f, sel) mean(sapply(which(sel), function(i) smape(f(i), ho[[i]])))
cat(sprintf("\nThe stationary kind without its %d OECD gasoline-price windows (1963-72 fitted, the 1973 oil shock held out): bp_forecast %.2f, naive %.2f, drift %.2f over %d windows; on those %d windows: %.2f, %.2f, %.2f.\n",
            sum(oil), sm(function(i) bp[[i]], rest), sm(function(i) FC[[i]][[10]][, "naive"], rest), sm(function(i) FC[[i]][[10]][, "drift"], rest), sum(rest),
            sum(oil), sm(function(i) bp[[i]], oil), sm(function(i) FC[[i]][[10]][, "naive"], oil), sm(function(i) FC[[i]][[10]][, "drift"], oil)))

# Is each kind's gap to its target larger than the benchmark's noise?  Per window, bp's sMAPE minus
# the target method's (the better of naive and drift on that kind); the standard error of the mean
# clustered by source series (a series' windows are not independent), G / (G - 1) corrected.
cat("\nbp_forecast's sMAPE minus the target method's, per window: mean, standard error clustered by source series, and t:\n\n")
cat("| kind | target | windows | sources | mean difference | standard error | t |\n|---|---|---|---|---|---|---|\n")
for (k in kinds) {
  tm <- names(which.min(target[, k])); sel <- which(kind == k)
  d <- sapply(sel, function(i) smape(bp[[i]], ho[[i]]) - smape(FC[[i]][[10]][, tm], ho[[i]]))
  cs <- tapply(d - mean(d), src[sel], sum); G <- length(cs)
  se <- sqrt(G / (G - 1) * sum(cs^2)) / length(d)
  cat(sprintf("| %s | %s | %d | %d | %.2f | %.2f | %.2f |\n", k, tm, length(d), G, mean(d), se, mean(d) / se))
}

# Empirical intervals around the rebuilt 'auto' forecast from its own errors at the rolling origins
# (the combination's weights applied at each origin; e = log(value / forecast)), the spread taken
# to grow like h^gamma: s^2 = mean(e^2 / h^(2 gamma)), bounds f exp(-+ t s h^gamma), t with
# (errors - 1) degrees of freedom.  Coverage per kind: what any rule built on the window's own
# history can reach.
wts <- lapply(seq_len(K), function(i) {
  e <- V[i, auto4]; wt <- (min(e[e > 0]) / pmax(e, 1e-300))^2; wt[which.max(e)] <- 0; wt / sum(wt) })
E <- lapply(seq_len(K), function(i) do.call(rbind, lapply(5:9, function(o) {
  f <- as.vector(FC[[i]][[o]][, auto4] %*% wts[[i]]); y <- tr[[i]][(o + 1):10]
  ok <- f > 0 & y > 0
  data.frame(h = seq_along(f)[ok], e = log(y[ok] / f[ok]))
})))
cover <- function(gam) {
  r <- sapply(seq_len(K), function(i) {
    f <- as.vector(FC[[i]][[10]][, auto4] %*% wts[[i]]); y <- ho[[i]]; d <- E[[i]]
    if (nrow(d) < 2 || any(f <= 0)) return(c(NA, NA))
    s <- sqrt(mean(d$e^2 / d$h^(2 * gam))) * (1:6)^gam
    c(mean(abs(log(y / f)) <= qt(0.90, nrow(d) - 1) * s), mean(abs(log(y / f)) <= qt(0.975, nrow(d) - 1) * s))
  })
  sapply(c(kinds, "all"), function(k) {
    sel <- if (k == "all") TRUE else kind == k
    sprintf("%.1f / %.1f", 100 * mean(r[1, sel], na.rm = TRUE), 100 * mean(r[2, sel], na.rm = TRUE))
  })
}
cat("\nCoverage (percent, 80 % / 95 %) of empirical intervals from the rebuilt 'auto' forecast's own errors at the five rolling origins:\n\n")
cat("| spread grows like | trending | stationary | noisy | cyclical | all |\n|---|---|---|---|---|---|\n")
for (gam in c(0, 0.5, 1)) cat("| h^", gam, " | ", paste(cover(gam), collapse = " | "), " |\n", sep = "")

# ---- Rules learnt from the benchmark itself, leaving out one source series at a time ----
# Features of the 10 training values (y = log(x) where all are positive, else x): the mean step's
# t statistic, R^2 of the linear trend, lag-1 autocorrelation of y and of its steps, the share of
# steps with the mean step's sign, log of y's spread (sd of log x: its coefficient of variation)
# and log of the mean absolute step.  Every rule below is fitted on the windows of the OTHER
# sources (windows of one series share its behaviour) and applied to the left-out source's: the
# best a rule that sees only the window could do if it had been tuned on this very benchmark.
feat <- t(sapply(tr, function(x) {
  pos <- all(x > 0); y <- if (pos) log(x) else x; d <- diff(y); t <- seq_along(y)
  c(tstat = if (sd(d) == 0) 10 else min(10, abs(mean(d)) / sd(d) * sqrt(length(d))),
    r2 = if (sd(y) == 0) 1 else summary(lm(y ~ t))$r.squared,
    ac1 = if (sd(y) == 0) 0 else acf(y, plot = FALSE, lag.max = 1)$acf[2],
    acd = if (sd(d) == 0) 0 else acf(d, plot = FALSE, lag.max = 1)$acf[2],
    sgn = mean(sign(d) == sign(mean(d))),
    lcv = log(sd(y) / (if (pos) 1 else abs(mean(y))) + 1e-9),
    step = log(mean(abs(d)) / (if (pos) 1 else abs(mean(y))) + 1e-9))
}))
fd <- data.frame(feat)
srcs <- unique(src)
loso_glm <- function(yv, wv = rep(1, K)) {   # P(yv = 1 | features) for each window, left out by source
  p <- numeric(K)
  for (s in srcs) {
    te <- src == s
    m <- suppressWarnings(glm(yv ~ ., data = cbind(fd, yv = yv)[!te, ], family = binomial, weights = wv[!te]))
    p[te] <- predict(m, fd[te, , drop = FALSE], type = "response")
  }
  p
}
auc <- function(p, yv) mean(outer(p[yv == 1], p[yv == 0], ">") + 0.5 * outer(p[yv == 1], p[yv == 0], "=="))
nv <- function(i) FC[[i]][[10]][, "naive"]
pst <- loso_glm(as.numeric(kind == "stationary"))
sbp <- sapply(seq_len(K), function(i) smape(bp[[i]], ho[[i]]))
snv <- sapply(seq_len(K), function(i) smape(nv(i), ho[[i]]))
pnb <- loso_glm(as.numeric(snv < sbp), abs(snv - sbp) + 0.01)
lrows <- list()
ladd <- function(label, r) lrows[[length(lrows) + 1]] <<- c(label, sprintf("%.2f", r))
ladd("oracle (not a rule): naive on the stationary kind, the defaults elsewhere",
     per_kind(function(i) if (kind[i] == "stationary") nv(i) else bp[[i]]))
ladd("P(stationary) x naive + (1 - P) x defaults", per_kind(function(i) pst[i] * nv(i) + (1 - pst[i]) * bp[[i]]))
for (th in c(0.3, 0.5)) ladd(sprintf("naive where P(stationary) > %.1f, else the defaults", th),
                           per_kind(function(i) if (pst[i] > th) nv(i) else bp[[i]]))
ladd("P(naive better) x naive + (1 - P) x defaults (weighted by the gap)",
     per_kind(function(i) pnb[i] * nv(i) + (1 - pnb[i]) * bp[[i]]))
ladd("naive where P(naive better) > 0.5, else the defaults", per_kind(function(i) if (pnb[i] > 0.5) nv(i) else bp[[i]]))

# Interval widths rescaled, per bin of a feature, by the factors that make the other sources'
# 80 % and 95 % intervals cover exactly 80 % and 95 % of their held-out values.  r = the factor
# a value needs: |value - forecast| over the forecast's distance to the bound on its side.
cal <- NULL
if (length(args) >= 4) {
  b <- read.csv(args[4])
  bl <- split(b, b$win)
  R <- do.call(rbind, lapply(seq_len(K), function(i) {
    d <- bl[[as.character(wins[i])]]; d <- d[order(d$step), ]; y <- ho[[i]]; f <- d$forecast
    data.frame(i = i, r80 = ifelse(y >= f, (y - f) / (d$upper_80 - f), (f - y) / (f - d$lower_80)),
               r95 = ifelse(y >= f, (y - f) / (d$upper_95 - f), (f - y) / (f - d$lower_95)))
  }))
  R$r80[is.nan(R$r80)] <- 0; R$r95[is.nan(R$r95)] <- 0   # value on a zero-width bound
  R <- R[!is.na(R$r80) & !is.na(R$r95), ]
  cover <- function(m80, m95) sapply(c(kinds, "all"), function(k) {
    s <- if (k == "all") rep(TRUE, nrow(R)) else kind[R$i] == k
    sprintf("%.1f / %.1f", 100 * mean(R$r80[s] <= m80[s]), 100 * mean(R$r95[s] <= m95[s]))
  })
  binned <- function(fs, nb) {   # LOSO factors per bin (quantile bins of each feature in fs)
    m80 <- m95 <- numeric(nrow(R)); rs <- src[R$i]
    for (s in srcs) {
      te <- rs == s; iw <- unique(R$i[!te])
      code <- rep(0, nrow(R))
      for (j in seq_along(fs)) {
        x <- feat[, fs[j]]; br <- unique(quantile(x[iw], seq(0, 1, length.out = nb[j] + 1)))
        code <- code * 10 + findInterval(x[R$i], br, all.inside = TRUE)
      }
      for (cc in unique(code[te])) {
        sel <- !te & code == cc; to <- te & code == cc
        m80[to] <- quantile(R$r80[sel], 0.80, names = FALSE); m95[to] <- quantile(R$r95[sel], 0.95, names = FALSE)
      }
    }
    cover(m80, m95)
  }
  cal <- list(c("as computed (the defaults)", cover(rep(1, nrow(R)), rep(1, nrow(R)))),
              c("one factor for all windows", binned(character(0), integer(0))))
  for (fn in colnames(feat)) cal[[length(cal) + 1]] <- c(paste("3 bins of", fn), binned(fn, 3))
  cal[[length(cal) + 1]] <- c("3 bins of lcv x 2 of ac1", binned(c("lcv", "ac1"), c(3, 2)))
  cal[[length(cal) + 1]] <- c("3 bins of lcv x 2 of step", binned(c("lcv", "step"), c(3, 2)))
}

cat("\n### Rules learnt from the benchmark itself (leave one source series out)\n\n")
cat(sprintf("A logistic regression on seven features of the window (%s) tells the stationary windows from the others with an AUC of %.2f (the trending ones: %.2f), fitted each time on the other sources' windows. Gates between the defaults and naive built on it, mean sMAPE:\n\n",
            paste(colnames(feat), collapse = ", "), auc(pst, as.numeric(kind == "stationary")),
            auc(loso_glm(as.numeric(kind == "trending")), as.numeric(kind == "trending"))))
cat("| forecast | trending | stationary | noisy | cyclical | all |\n|---|---|---|---|---|---|\n")
for (r in lrows) cat("|", paste(r, collapse = " | "), "|\n")
if (!is.null(cal)) {
  cat("\nCoverage (percent, 80 % / 95 %) of the defaults' intervals with their widths rescaled per bin of window features, the factors set on the other sources so that their intervals cover exactly 80 % and 95 %:\n\n")
  cat("| widths rescaled by | trending | stationary | noisy | cyclical | all |\n|---|---|---|---|---|---|\n")
  for (r in cal) cat("|", paste(r, collapse = " | "), "|\n")
}

# Beyond the window: what the sources' whole histories say, and whether a longer history helps.
if (length(args) >= 6) {
  us <- read.csv(args[5], stringsAsFactors = FALSE)
  us <- us[us$source %in% unique(src), ]
  cat("\n### Beyond the window\n\n")
  cat("Unit-root tests on each source series whole (y = log of the values; tseries' adf.test, H0 a unit root, and kpss.test, H0 stationary around a level; 5 % level), per kind:\n\n")
  cat("| kind | sources | ADF rejects a unit root | KPSS rejects level-stationarity |\n|---|---|---|---|\n")
  for (k in kinds) { u <- us[us$kind == k, ]
    cat(sprintf("| %s | %d | %d | %d |\n", k, nrow(u), sum(u$adf_p < 0.05), sum(u$kpss_level_p < 0.05))) }
  lg <- read.csv(args[6], stringsAsFactors = FALSE)
  lw <- sort(unique(lg$win)); lk <- kind[match(lw, wins)]
  lsplit <- split(lg, paste(lg$win, lg$len, lg$method))
  cat(sprintf("\nLonger histories: the %d windows whose source has at least 20 values before them (%s), fitted on the last 10, 20 or 30 values before the held-out ones. Mean sMAPE, and the coverage (percent, 80 %% / 95 %%) of each method's intervals:\n\n",
              length(lw), paste(sprintf("%s %d", kinds, sapply(kinds, function(k) sum(lk == k))), collapse = ", ")))
  cat("| history | method | trending | stationary | noisy | cyclical | all |\n|---|---|---|---|---|---|---|\n")
  for (len in c(10, 20, 30)) for (m in c("bp", "naive", "drift")) {
    d <- lapply(lw, function(i) { x <- lsplit[[paste(i, len, m)]]; x[order(x$step), ] })
    s <- sapply(seq_along(lw), function(j) smape(d[[j]]$forecast, ho[[match(lw[j], wins)]]))
    r <- c(sapply(kinds, function(k) sprintf("%.2f", mean(s[lk == k]))), sprintf("%.2f", mean(s)))
    cat(sprintf("| %d | %s | %s |\n", len, m, paste(r, collapse = " | ")))
    {
      cv <- lapply(seq_along(lw), function(j) { y <- ho[[match(lw[j], wins)]]; x <- d[[j]]
        cbind(y >= x$lower_80 & y <= x$upper_80, y >= x$lower_95 & y <= x$upper_95) })
      cc <- function(sel) { z <- do.call(rbind, cv[sel]); sprintf("%.1f / %.1f", 100 * mean(z[, 1]), 100 * mean(z[, 2])) }
      cat(sprintf("| %d | %s coverage | %s | %s |\n", len, m,
                  paste(sapply(kinds, function(k) cc(lk == k)), collapse = " | "), cc(rep(TRUE, length(lw)))))
    }
  }
}

# bench/frontier.R ANNUAL_CSV PARTS_CSV MACHINE_LINE: the report of bench/bench_frontier.sh.
# ANNUAL_CSV: bench/data/annual.csv (window, source, kind, t, value).
# PARTS_CSV: win, origin, part, step, forecast: the networks on differences and on levels
#   ('difference', 'level') fitted on the first `origin` values (origins 5..9: the rolling origins
#   of transform 'auto', two networks; 10: the whole training window, the defaults) and
#   bp_forecast's defaults ('bp', origin 10).
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

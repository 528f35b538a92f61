# Expected values of test/pgtap/25_missing_window.sql (issue 12), computed
# independently of synergy in base R on the same conventions:
#   policies: skip drops a unit with any NA (its results are NULL); mean and
#   median fill an NA with the indicator's statistic over the observed
#   values of the partition; a unit with no observed value takes no part.
#   min-max scores z by direction (cost reversed), plus shift s;
#   entropy weights: p = z / sum(z), e = -sum(p log p) / log(n), 0 log 0 = 0,
#   w = (1 - e) / sum(1 - e)  (with the same shift as the scores);
#   TOPSIS (min-max): v = w z; D+ / D- Euclidean distances to the column
#   max / min of v; with shift s > 0: scores z + s, ideal 1 + s, anti-ideal 0;
#   composite index sum_j w_j (z_j + s); obstacle O_j = w_j (1 - z_j) / sum.
# Run: Rscript test/reference/missing_window.R > test/reference/missing_window.out
# The output is SQL VALUES rows (fn, policy, shift, unit, element, value),
# pasted into the pgTAP file.
options(digits = 17)
units <- c("A", "B", "C", "D", "E", "F")
X <- rbind(c(9.2, 0.52, 41.0), c(6.1, NA, 38.5), c(12.4, 0.47, 44.2),
           c(3.3, 1.10, 36.0), c(7.7, 0.66, NA), c(10.5, 0.90, 39.1))
dirs <- c(1, -1, 1)

apply_policy <- function(X, policy) {
  keep <- rep(TRUE, nrow(X))
  if (policy == "skip") {
    keep <- apply(X, 1, function(r) !any(is.na(r)))
  } else {
    for (j in seq_len(ncol(X))) {
      obs <- X[!is.na(X[, j]), j]
      fill <- if (policy == "mean") mean(obs) else median(obs)
      X[is.na(X[, j]), j] <- fill
    }
  }
  list(X = X[keep, , drop = FALSE], keep = keep)
}
minmax <- function(X, dirs, s = 0) {
  Z <- X
  for (j in seq_len(ncol(X))) {
    lo <- min(X[, j]); hi <- max(X[, j])
    Z[, j] <- if (hi > lo) { if (dirs[j] < 0) (hi - X[, j]) / (hi - lo) else (X[, j] - lo) / (hi - lo) } else 0
  }
  Z + s
}
entropy_w <- function(Z) {
  n <- nrow(Z)
  d <- apply(Z, 2, function(z) {
    p <- z / sum(z)
    1 + sum(ifelse(p > 0, p * log(p), 0)) / log(n)
  })
  d / sum(d)
}
topsis <- function(X, dirs, s = 0) {
  Z <- minmax(X, dirs, s); w <- entropy_w(Z)
  if (s == 0) {
    V <- sweep(Z, 2, w, "*")
    dp <- sqrt(rowSums(sweep(V, 2, apply(V, 2, max))^2))
    dm <- sqrt(rowSums(sweep(V, 2, apply(V, 2, min))^2))
  } else {
    dp <- sqrt(rowSums(sweep(1 + s - Z, 2, w, "*")^2))
    dm <- sqrt(rowSums(sweep(Z, 2, w, "*")^2))
  }
  dm / (dp + dm)
}
composite <- function(X, dirs, s = 0) { Z <- minmax(X, dirs, s); as.vector(Z %*% entropy_w(Z)) }
obstacle <- function(X, dirs) {
  Z <- minmax(X, dirs); w <- entropy_w(Z)
  O <- sweep(1 - Z, 2, w, "*"); O / rowSums(O)
}
emit <- function(fn, policy, s, unit, j, v)
  cat(sprintf("  ('%s', '%s', %s, '%s', %d, %s),\n", fn, policy, s, unit, j,
              if (is.na(v)) "NULL" else sprintf("%.17g", v)))
for (policy in c("skip", "mean", "median")) {
  r <- apply_policy(X, policy); kept <- units[r$keep]
  for (s in c(0, 0.01)) {
    t <- topsis(r$X, dirs, s); ci <- composite(r$X, dirs, s); z <- minmax(r$X, dirs, s)
    for (i in seq_along(units)) {
      k <- match(units[i], kept)
      emit("topsis", policy, s, units[i], 0, if (is.na(k)) NA else t[k])
      emit("composite_index", policy, s, units[i], 0, if (is.na(k)) NA else ci[k])
      for (j in 1:3) emit("minmax_normalize", policy, s, units[i], j, if (is.na(k)) NA else z[k, j])
    }
  }
  O <- obstacle(r$X, dirs)
  for (i in seq_along(units)) {
    k <- match(units[i], kept)
    for (j in 1:3) emit("obstacle_degree", policy, 0, units[i], j,
                        if (is.na(k) || is.nan(O[k, j])) NA else O[k, j])
  }
}
# the scalar minmax_normalize: v = 10, 15, NULL, 20, 12 (direction 1), shift 0.5
v <- c(10, 15, NA, 20, 12)
for (policy in c("mean", "median")) {
  fill <- if (policy == "mean") mean(v[!is.na(v)]) else median(v[!is.na(v)])
  w <- ifelse(is.na(v), fill, v)
  z <- (w - min(w)) / (max(w) - min(w)) + 0.5
  for (i in seq_along(v)) emit("minmax_scalar", policy, 0.5, as.character(i), 0, z[i])
}

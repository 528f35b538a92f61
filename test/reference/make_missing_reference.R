# Reference values for test/pgtap/26_missing_agg.sql (issue 12: missing-value
# policies of the weights aggregates), computed independently of synergy's C
# code with base R:  Rscript test/reference/make_missing_reference.R
# writes test/reference/missing_agg_expected.csv (case, element, value) and
# prints the same rows as an SQL VALUES list for the pgTAP file.
#
# Conventions (docs/reference.md): 'skip' = complete cases only; 'mean' /
# 'median' = each NA replaced by its column's mean / median over the observed
# values (R's median: the mean of the two middle values for an even count),
# then the usual formula on the completed matrix:
#   entropy: z = (x - min) / (max - min) (cost: (max - x) / (max - min)) plus
#            shift; p = z / sum z; e = -sum p ln p / ln n (0 ln 0 = 0);
#            d = 1 - e (0 for a column without range); w = d / sum d.
#   bounded entropy: the same with the given bounds in place of min and max.
#   stddev:  w ~ sd(x) / (max - min) (sample sd, n - 1).
#   cv:      w ~ sd(x) / |mean(x)|.
#   CRITIC:  C_j = sd_j * sum_{k != j} (1 - r_jk), sd_j of the min-max
#            scores, r the Pearson correlation with its sign flipped between
#            a benefit and a cost column; w = C / sum C.
X <- matrix(c(
  3.2, 41, 0.52,
  4.8, NA, 0.61,
  2.1, 35, 0.47,
  NA,  50, 0.80,
  5.5, 28, NA,
  3.9, 44, 0.55,
  4.4, 39, 0.70,
  2.7, 47, NA,
  6.1, 31, 0.66,
  3.5, NA, 0.58), ncol = 3, byrow = TRUE)
dirs <- c(1, -1, 1)
lower <- c(0, 20, 0.4)
upper <- c(8, 60, 1)

impute <- function(X, how) {
  if (how == "skip") return(X[complete.cases(X), , drop = FALSE])
  for (j in seq_len(ncol(X))) {
    obs <- X[!is.na(X[, j]), j]
    X[is.na(X[, j]), j] <- if (how == "mean") mean(obs) else median(obs)
  }
  X
}
entropy_w <- function(X, dirs, shift = 0, lo = NULL, hi = NULL) {
  n <- nrow(X)
  d <- sapply(seq_len(ncol(X)), function(j) {
    x <- X[, j]
    l <- if (is.null(lo)) min(x) else lo[j]
    h <- if (is.null(hi)) max(x) else hi[j]
    if (!(max(x) > min(x))) return(0)
    z <- if (dirs[j] > 0) (x - l) / (h - l) else (h - x) / (h - l)
    z <- z + shift
    p <- z / sum(z)
    p <- p[p > 0]
    1 + sum(p * log(p)) / log(n)
  })
  d / sum(d)
}
stddev_w <- function(X) { s <- apply(X, 2, function(x) sd(x) / (max(x) - min(x))); s / sum(s) }
cv_w <- function(X) { s <- apply(X, 2, function(x) sd(x) / abs(mean(x))); s / sum(s) }
critic_w <- function(X, dirs) {
  sdz <- apply(X, 2, function(x) sd(x) / (max(x) - min(x)))
  r <- cor(X)
  r <- r * outer(dirs, dirs)
  conflict <- sapply(seq_len(ncol(X)), function(j) sum(1 - r[j, -j]))
  info <- sdz * conflict
  info / sum(info)
}

cases <- list()
for (how in c("skip", "mean", "median")) {
  Y <- impute(X, how)
  cases[[paste0("entropy_", how)]] <- entropy_w(Y, dirs)
  cases[[paste0("entropy_shift_", how)]] <- entropy_w(Y, dirs, 0.01)
}
for (how in c("skip", "mean")) {
  Y <- impute(X, how)
  cases[[paste0("bounded_", how)]] <- entropy_w(Y, dirs, 0, lower, upper)
  cases[[paste0("stddev_", how)]] <- stddev_w(Y)
  cases[[paste0("cv_", how)]] <- cv_w(Y)
  cases[[paste0("critic_", how)]] <- critic_w(Y, dirs)
}
rows <- do.call(rbind, lapply(names(cases), function(k)
  data.frame(case = k, element = seq_along(cases[[k]]), value = cases[[k]])))
out <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))),
                 "missing_agg_expected.csv")
write.csv(transform(rows, value = sprintf("%.17g", value)), out, row.names = FALSE, quote = FALSE)
for (k in names(cases))
  cat(sprintf("  ('%s', ARRAY[%s]::float8[]),\n", k, paste(sprintf("%.17g", cases[[k]]), collapse = ", ")))

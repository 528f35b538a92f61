#!/usr/bin/Rscript
# Reference values for synergy, base R, written independently of
# make_reference.py from the formulas of docs/reference.md:
#
#     Rscript test/reference/make_reference.R > /tmp/ref_r.txt
#
# Same datasets (same minstd generator, same correctly rounded operations, so
# bit-identical inputs) and the same output lines as make_reference.py:
#     DATA <dataset> <row> <col> <x>
#     VAL  <dataset> <quantity> <index> <value|NA>
# Where the Python script works on min-max scores with numpy's pairwise sums,
# this one uses R's own sd(), mean(), cor() (long double accumulation) on the
# raw values, flips the correlation's sign explicitly for a benefit/cost pair,
# takes the standard deviation of scores as sd(x) / range(x), and fills gaps
# with approx().

MOD <- 2147483647
MUL <- 48271
POW10 <- c(1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9)

lcg_new <- function(seed) {
  s <- seed
  function() {
    s <<- (MUL * s) %% MOD
    s / MOD
  }
}

cell <- function(kind, u1, u2) {
  switch(kind[[1]],
    u = kind[[2]] + (kind[[3]] - kind[[2]]) * u1,
    log = (1 + floor(u1 * 9000) / 1000) * POW10[floor(u2 * 13) + 1],
    off = kind[[2]] + kind[[3]] * u1,
    int = kind[[2]] + floor(u1 * kind[[3]]),
    const = kind[[2]],
    stop("bad kind"))
}

K <- function(...) list(...)
CYCLE <- list(K("u", 0, 1), K("log"), K("int", 0, 5), K("u", -50, 150),
              K("off", 1e6, 3), K("u", 1e-3, 2e-3))

lcg_dataset <- function(name, seed, n, kinds, pcost = 0.4) {
  g <- lcg_new(seed)
  m <- length(kinds)
  X <- matrix(0, n, m)
  for (i in seq_len(n)) for (j in seq_len(m)) {
    u1 <- g(); u2 <- g()
    X[i, j] <- cell(kinds[[j]], u1, u2)
  }
  w <- numeric(m); for (j in seq_len(m)) w[j] <- 0.05 + g()
  d <- integer(m); for (j in seq_len(m)) d[j] <- if (g() < pcost) -1L else 1L
  list(name = name, X = X, w = w, dirs = d)
}

lit <- function(name, rows, w, dirs)
  list(name = name, X = do.call(rbind, rows), w = w, dirs = as.integer(dirs))

datasets <- function() {
  list(
    lit("doc", list(c(9.2, 0.52, 41.0), c(6.1, 0.81, 38.5), c(12.4, 0.47, 44.2),
                    c(3.3, 1.10, 36.0)), c(0.5, 0.3, 0.2), c(1, -1, 1)),
    lit("vec4", list(c(1, 10, 5), c(2, 15, 3), c(3, 20, 4), c(4, 40, 1)),
        c(0.2, 0.5, 0.3), c(1, 1, -1)),
    lit("vec3", list(c(1, 3000), c(2, 3750), c(5, 4500)), c(0.5, 0.5), c(-1, 1)),
    lit("tzeng", list(c(5, 8, 4), c(7, 6, 8), c(8, 8, 6), c(7, 4, 6)),
        c(0.3, 0.4, 0.3), c(1, 1, 1)),
    lcg_dataset("n2m1", 1234567, 2, list(K("u", 0, 10))),
    lcg_dataset("n2m5", 7654321, 2, list(K("u", 0, 1), K("log"), K("u", 5, 6),
                                         K("u", -3, 9), K("off", 1e8, 1))),
    lcg_dataset("n3m30", 31415926, 3, lapply(0:29, function(j) CYCLE[[j %% 6 + 1]])),
    lcg_dataset("log7", 27182818, 7, rep(list(K("log")), 4)),
    lcg_dataset("ties12", 16180339, 12, c(rep(list(K("int", 0, 4)), 6),
                                          list(K("int", 1, 2), K("int", 10, 3)))),
    lcg_dataset("const30", 14142135, 30,
                list(K("u", 0, 100), K("log"), K("int", 1, 7), K("const", 3.5),
                     K("u", 2, 3), K("log"), K("u", 1e3, 5e3), K("int", 0, 20),
                     K("u", 0.25, 0.75), K("log"))),
    lcg_dataset("offset50", 17320508, 50,
                list(K("off", 1e8, 1), K("off", 1e8, 1e-3), K("off", 1e9, 10),
                     K("u", 0, 1), K("log"), K("off", -1e8, 1))),
    lcg_dataset("offset12", 19999999, 12,
                list(K("off", 1e8, 1), K("off", 2e9, 50), K("off", -1e8, 1), K("off", 5e7, 0.01))),
    lcg_dataset("big200", 22360679, 200,
                lapply(0:29, function(j) if (j %% 7 != 0) CYCLE[[(j * 5) %% 6 + 1]] else K("log"))),
    lcg_dataset("m1n100", 26457513, 100, list(K("log"))),
    lcg_dataset("neg60", 30000001, 60, list(K("u", -80, 20), K("u", -3, 1), K("u", 5, 6),
                                            K("log"), K("int", -3, 7))),
    lcg_dataset("allconst", 99991, 5, list(K("const", 2), K("const", -1.5), K("const", 1e8)))
  )
}

SERIES <- list(
  list("doc", c(2010, 2011, 2012, 2013, 2014, 2015), c(NA, 4, NA, NA, 10, NA)),
  list("uneven", c(0.5, 1.25, 3.0, 4.0, 7.75, 8.0, 11.5, 12.0),
       c(NA, NA, 2.5, NA, 10.25, NA, 3.125, NA)),
  list("unsorted", c(10.0, -2.5, 7.5, 3.3, 5.0, 0.1), c(NA, 1e6, NA, 2.5e6, NA, NA)),
  list("single", c(1, 2, 3, 5), c(NA, 4.2, NA, NA)),
  list("allnull", c(1, 2, 3), c(NA_real_, NA_real_, NA_real_)),
  list("full", c(1, 4, 9), c(0.1, 0.2, 0.3)),
  list("nullt", c(1, NA, 3, 4, NA, 6.5), c(1.5, 7, NA, NA, NA, 2.25)),
  list("small", c(0.001, 0.0015, 0.01, 0.2, 0.35, 1.0), c(0.003, NA, 0.0041, NA, NA, 0.05)),
  list("twoend", c(1, 2, 3, 4, 5, 6, 7), c(NA, NA, 5.0, 6.5, NA, NA, NA)),
  list("decr", c(0.0, 0.3, 0.7, 1.9, 2.0, 3.1, 4.4), c(NA, 100.0, NA, 37.5, NA, NA, 12.0))
)

# ------------------------------------------------------------------ methods

rng_of <- function(X) apply(X, 2, max) - apply(X, 2, min)

scores <- function(X, dirs) {
  Z <- X
  for (j in seq_len(ncol(X))) {
    lo <- min(X[, j]); hi <- max(X[, j])
    Z[, j] <- if (hi == lo) 0 else if (dirs[j] == 1) (X[, j] - lo) / (hi - lo) else (hi - X[, j]) / (hi - lo)
  }
  Z
}

entropy_r <- function(X, dirs, shift) {
  n <- nrow(X); m <- ncol(X)
  if (n < 2) return(NULL)
  rg <- rng_of(X)
  Z <- scores(X, dirs) + shift
  e <- rep(NA_real_, m); d <- rep(0, m)
  for (j in which(rg > 0)) {
    p <- Z[, j] / sum(Z[, j])
    t <- ifelse(p > 0, p * log(p), 0)
    e[j] <- -sum(t) / log(n)
    # 1 - e as sum(p ln(n p)) / ln n (equal since sum(p) = 1), which avoids
    # the cancellation of 1 - e when e is close to 1
    d[j] <- sum(ifelse(p > 0, p * log(n * p), 0)) / log(n)
  }
  if (sum(d) == 0) return(NULL)
  list(e = e, d = d, w = d / sum(d))
}

critic_r <- function(X, dirs) {
  n <- nrow(X); m <- ncol(X)
  if (n < 2) return(NULL)
  rg <- rng_of(X)
  v <- which(rg > 0)
  sdz <- rep(0, m)
  # moments of x - min(x): the same numbers, but R's mean, rounded to double,
  # of raw values like 1e8 + noise would cost ~1e-11 in the deviations
  Y <- sweep(X, 2, apply(X, 2, min))
  sdz[v] <- apply(Y[, v, drop = FALSE], 2, sd) / rg[v]
  R <- matrix(NA_real_, m, m)
  if (length(v) > 0) R[v, v] <- cor(Y[, v, drop = FALSE])
  conflict <- rep(NA_real_, m); info <- rep(0, m)
  for (j in v) {
    cj <- 0
    for (k in v) if (k != j) {
      r <- R[j, k]
      if (dirs[j] != dirs[k]) r <- -r
      cj <- cj + (1 - r)
    }
    conflict[j] <- cj
    info[j] <- sdz[j] * cj
  }
  if (sum(info) == 0) return(NULL)
  list(sd = sdz, conflict = conflict, info = info, w = info / sum(info))
}

stddev_r <- function(X) {
  if (nrow(X) < 2) return(NULL)
  rg <- rng_of(X)
  Y <- sweep(X, 2, apply(X, 2, min))
  s <- ifelse(rg > 0, apply(Y, 2, sd) / ifelse(rg > 0, rg, 1), 0)
  if (sum(s) == 0) return(NULL)
  s / sum(s)
}

cv_defined <- function(X) {
  rg <- rng_of(X)
  all(rg == 0 | colMeans(X) != 0)
}

cv_r <- function(X) {
  if (nrow(X) < 2) return(NULL)
  rg <- rng_of(X)
  Y <- sweep(X, 2, apply(X, 2, min))
  cv <- ifelse(rg > 0, apply(Y, 2, sd) / abs(apply(X, 2, mean)), 0)
  if (sum(cv) == 0) return(NULL)
  cv / sum(cv)
}

weights_or_entropy <- function(X, w, dirs) {
  if (is.null(w)) {
    ew <- entropy_r(X, dirs, 0)
    if (is.null(ew)) return(NULL)
    w <- ew$w
  }
  w / sum(w)
}

topsis_r <- function(X, w, dirs, normalization) {
  n <- nrow(X)
  w <- weights_or_entropy(X, w, dirs)
  if (is.null(w)) return(rep(NA_real_, n))
  if (normalization == "minmax") {
    V <- sweep(scores(X, dirs), 2, w, `*`)
    ideal <- apply(V, 2, max); anti <- apply(V, 2, min)
    dp <- sqrt(rowSums(sweep(V, 2, ideal)^2))
    dm <- sqrt(rowSums(sweep(V, 2, anti)^2))
  } else {
    nrm <- sqrt(colSums(X^2))
    best <- ifelse(dirs == 1, apply(X, 2, max), apply(X, 2, min))
    worst <- ifelse(dirs == 1, apply(X, 2, min), apply(X, 2, max))
    # w (x - x*) / norm, the difference taken before scaling (see make_reference.py)
    dp <- sqrt(rowSums(sweep(sweep(sweep(X, 2, best), 2, nrm, `/`), 2, w, `*`)^2))
    dm <- sqrt(rowSums(sweep(sweep(sweep(X, 2, worst), 2, nrm, `/`), 2, w, `*`)^2))
  }
  ifelse(dp + dm == 0, NA_real_, dm / (dp + dm))
}

composite_r <- function(X, w, dirs) {
  w <- weights_or_entropy(X, w, dirs)
  if (is.null(w)) return(rep(NA_real_, nrow(X)))
  as.vector(scores(X, dirs) %*% w)
}

interpolate_r <- function(t, x, edges) {
  ok <- !is.na(t) & !is.na(x)
  to <- t[ok]; xo <- x[ok]; o <- order(to); to <- to[o]; xo <- xo[o]
  out <- x
  for (i in seq_along(t)) {
    if (is.na(t[i]) || !is.na(x[i]) || length(to) == 0) next
    ti <- t[i]
    if (ti > to[1] && ti < to[length(to)]) {
      out[i] <- approx(to, xo, xout = ti)$y
    } else if (edges == "none") {
      out[i] <- NA
    } else if (length(to) == 1) {
      out[i] <- xo[1]
    } else if (edges == "nearest") {
      out[i] <- approx(to, xo, xout = ti, rule = 2)$y
    } else {
      k <- length(to)
      ab <- if (ti < to[1]) c(1, 2) else c(k - 1, k)
      ta <- to[ab[1]]; tb <- to[ab[2]]; xa <- xo[ab[1]]; xb <- xo[ab[2]]
      out[i] <- xa + (xb - xa) * (ti - ta) / (tb - ta)
    }
  }
  out
}

# ------------------------------------------------------------------- output

fmt <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))

emit <- function(name, q, vals) {
  if (is.null(vals)) { cat(sprintf("VAL %s %s 0 NA\n", name, q)); return(invisible()) }
  cat(sprintf("VAL %s %s %d %s\n", name, q, seq_along(vals), fmt(vals)), sep = "")
}

SHIFTS <- list(c("s0", 0), c("s1e-4", 1e-4), c("s1e-2", 0.01))

dss <- datasets()
for (d in dss) {
  X <- d$X
  for (i in seq_len(nrow(X)))
    cat(sprintf("DATA %s %d %d %s\n", d$name, i, seq_len(ncol(X)), fmt(X[i, ])), sep = "")
  for (j in seq_len(ncol(X))) {
    cat(sprintf("DATA %s w %d %s\n", d$name, j, fmt(d$w[j])))
    cat(sprintf("DATA %s dir %d %d\n", d$name, j, d$dirs[j]))
  }
}
for (d in dss) {
  X <- d$X; w <- d$w; dirs <- d$dirs; nm <- d$name
  for (s in SHIFTS) {
    r <- entropy_r(X, dirs, as.numeric(s[2]))
    emit(nm, paste0("entropy_w_", s[1]), r$w)
    emit(nm, paste0("entropy_e_", s[1]), r$e)
    emit(nm, paste0("entropy_d_", s[1]), r$d)
  }
  r <- critic_r(X, dirs)
  emit(nm, "critic_w", r$w); emit(nm, "critic_sd", r$sd)
  emit(nm, "critic_conflict", r$conflict); emit(nm, "critic_info", r$info)
  emit(nm, "stddev_w", stddev_r(X))
  if (cv_defined(X)) emit(nm, "cv_w", cv_r(X))
  emit(nm, "topsis_minmax_given", topsis_r(X, w, dirs, "minmax"))
  emit(nm, "topsis_minmax_entropy", topsis_r(X, NULL, dirs, "minmax"))
  emit(nm, "topsis_vector_given", topsis_r(X, w, dirs, "vector"))
  emit(nm, "topsis_vector_entropy", topsis_r(X, NULL, dirs, "vector"))
  emit(nm, "composite_given", composite_r(X, w, dirs))
  emit(nm, "composite_entropy", composite_r(X, NULL, dirs))
  Z <- scores(X, dirs)
  for (i in seq_len(nrow(X))) emit(nm, paste0("minmax_row", i), Z[i, ])
}
for (s in SERIES) for (edges in c("none", "nearest", "linear"))
  emit(paste0("series_", s[[1]]), paste0("interpolate_", edges), interpolate_r(s[[2]], s[[3]], edges))

#!/usr/bin/Rscript
# Writes test/pgtap/22_xcheck_weights.sql: an outside cross-check of the
# weighting and evaluation family on public real data sets, none of which the
# other reference scripts use:
#
#     Rscript test/reference/make_xcheck_weights.R > test/pgtap/22_xcheck_weights.sql
#
# Needs R (base + datasets) and psych (Debian: r-cran-psych) for KMO and
# Bartlett; the SQL file it writes needs neither at run time.
#
# Every expected value is computed here from the formulas of
# docs/reference.md and docs/delimitation.md, written independently of
# synergy's C code and of the other reference scripts (which work on
# generated data, USArrests, swiss and mtcars):
#   - min-max scores z by direction (cost reversed), 0 for a column without
#     range; entropy p = z / sum z, e = -sum p log p / log n (0 log 0 = 0),
#     w = (1 - e) / sum (1 - e), shift added to z;
#   - CRITIC from cor() of the min-max scores (a cost column's score is
#     reversed, so the sign of its correlations flips by itself), sd() of
#     the scores, conflict = sum over the other varying columns of 1 - r;
#   - stddev weights sd(z); CV weights sd(x) / |mean(x)| on raw values;
#   - TOPSIS as textbooks write it: V = w * normalized matrix, ideal and
#     anti-ideal rows of V, Euclidean distances; vector normalization
#     x / sqrt(sum x^2), ideal max for a benefit and min for a cost;
#     with shift s (min-max only): scores z + s, ideal 1 + s, anti-ideal 0;
#   - composite index z %*% w (+ s); obstacle degree w (1 - z) / sum;
#   - coupling: classic C = n (prod U / (sum U)^n)^(1/n), wang2021 by the
#     double loop over pairs, T = w . U, D = sqrt(C T);
#   - factor analysis: eigen(cor(X)), loadings V sqrt(lambda), varimax by
#     stats::varimax (what psych::principal calls; synergy's default) and,
#     for 'varimax_converged', by Kaiser's pairwise rotations run to the
#     optimum (implemented below), scores scale(X) %*% solve(R, L),
#     psych::KMO and psych::cortest.bartlett.
#
# Data sets (R's datasets package, the R Core Team's public copies):
#   state.x77 (50 US states x 8, U.S. Department of Commerce 1977), grouped
#     by state.region (4 regions);
#   USJudgeRatings (43 judges x 12 ratings, New Haven Register 1977): highly
#     correlated columns;
#   LifeCycleSavings (50 countries x 5, Belsley, Kuh & Welsch 1980);
#   airquality (New York, May to September 1973, 153 days x 4, with 44
#     missing values), grouped by Month, for the missing-value policies.

suppressMessages(library(psych))

f17 <- function(v) ifelse(is.na(v), "NULL", sprintf("%.17g", v))
arr <- function(v) paste0("ARRAY[", paste(f17(as.vector(v)), collapse = ", "), "]::float8[]")
iarr <- function(v) paste0("ARRAY[", paste(as.integer(v), collapse = ", "), "]")
rowmajor <- function(M) as.vector(t(M))

# ------------------------------------------------------------------ methods

minmax <- function(X, dirs) {
  Z <- X
  for (j in seq_len(ncol(X))) {
    x <- X[, j]; lo <- min(x); hi <- max(x)
    Z[, j] <- if (hi > lo) { if (dirs[j] > 0) (x - lo) / (hi - lo) else (hi - x) / (hi - lo) } else 0
  }
  Z
}

entropy <- function(X, dirs, shift = 0, lo = NULL, hi = NULL) {
  n <- nrow(X); m <- ncol(X)
  Z <- if (is.null(lo)) minmax(X, dirs) else
    sapply(seq_len(m), function(j)
      if (dirs[j] > 0) (X[, j] - lo[j]) / (hi[j] - lo[j]) else (hi[j] - X[, j]) / (hi[j] - lo[j]))
  Z <- matrix(Z, n, m) + shift
  e <- rep(1, m)
  for (j in seq_len(m)) {
    if (!(max(X[, j]) > min(X[, j]))) next
    p <- Z[, j] / sum(Z[, j])
    p <- p[p > 0]
    e[j] <- -sum(p * log(p)) / log(n)
  }
  d <- 1 - e
  list(e = e, d = d, w = d / sum(d))
}

critic <- function(X, dirs) {
  Z <- minmax(X, dirs)
  v <- which(apply(X, 2, function(x) max(x) > min(x)))
  m <- ncol(X)
  sdz <- rep(0, m); sdz[v] <- apply(Z[, v, drop = FALSE], 2, sd)
  conflict <- rep(NA_real_, m); info <- rep(0, m)
  R <- cor(Z[, v, drop = FALSE])
  for (a in seq_along(v)) {
    conflict[v[a]] <- sum(1 - R[a, -a])
    info[v[a]] <- sdz[v[a]] * conflict[v[a]]
  }
  sdz[-v] <- 0
  list(sd = sdz, conflict = conflict, info = info, w = info / sum(info))
}

stddevw <- function(X) { s <- apply(minmax(X, rep(1, ncol(X))), 2, sd); s / sum(s) }
cvw <- function(X) { s <- apply(X, 2, function(x) if (max(x) > min(x)) sd(x) / abs(mean(x)) else 0); s / sum(s) }

topsis <- function(X, w, dirs, norm = "minmax", shift = 0) {
  w <- w / sum(w)
  if (norm == "minmax") {
    Z <- minmax(X, dirs)
    V <- sweep(Z + shift, 2, w, `*`)
    keep <- apply(X, 2, function(x) max(x) > min(x))
    if (shift > 0) {
      ideal <- w * (1 + shift); anti <- rep(0, ncol(X))
    } else {
      ideal <- apply(V, 2, max); anti <- apply(V, 2, min)
    }
    V <- V[, keep, drop = FALSE]; ideal <- ideal[keep]; anti <- anti[keep]
  } else {
    V <- sweep(sweep(X, 2, sqrt(colSums(X^2)), `/`), 2, w, `*`)
    ideal <- ifelse(dirs > 0, apply(V, 2, max), apply(V, 2, min))
    anti <- ifelse(dirs > 0, apply(V, 2, min), apply(V, 2, max))
  }
  dp <- sqrt(rowSums(sweep(V, 2, ideal)^2))
  dm <- sqrt(rowSums(sweep(V, 2, anti)^2))
  list(dp = dp, dm = dm, c = dm / (dp + dm))
}

composite <- function(X, w, dirs, shift = 0) as.vector((minmax(X, dirs) + shift) %*% (w / sum(w)))

obstacle <- function(X, w, dirs) {
  w <- w / sum(w)
  O <- sweep(1 - minmax(X, dirs), 2, w, `*`)
  s <- rowSums(O)
  O <- O / s
  O[s == 0, ] <- NA
  O
}

ccd_classic <- function(U) {
  n <- length(U)
  n * (prod(U) / sum(U)^n)^(1 / n)
}
ccd_wang <- function(U) {
  n <- length(U)
  s <- 0
  for (i in 2:n) for (j in 1:(i - 1)) s <- s + abs(U[i] - U[j])
  sqrt((1 - s / sum(1:(n - 1))) * prod(U / max(U))^(1 / (n - 1)))
}

sign_cols <- function(L) {
  for (j in seq_len(ncol(L))) {
    s <- sum(L[, j])
    if (abs(s) <= 1e-8 * sqrt(sum(L[, j]^2)) * sqrt(nrow(L))) s <- L[which.max(abs(L[, j])), j]
    if (s < 0) L[, j] <- -L[, j]
  }
  L
}
sort_sign <- function(L) sign_cols(L[, order(-colSums(L^2)), drop = FALSE])

# Kaiser's varimax by plane rotations of every pair of factors, with Kaiser
# normalization, swept until no angle exceeds 1e-15: the optimum.
varimax_pairwise <- function(L) {
  h <- sqrt(rowSums(L^2)); B <- L / h
  k <- ncol(B); p <- nrow(B)
  for (sweep in 1:10000) {
    big <- 0
    for (a in 1:(k - 1)) for (b in (a + 1):k) {
      x <- B[, a]; y <- B[, b]
      u <- x^2 - y^2; v <- 2 * x * y
      A <- sum(u); Bs <- sum(v); C <- sum(u^2 - v^2); D <- 2 * sum(u * v)
      phi <- atan2(D - 2 * A * Bs / p, C - (A^2 - Bs^2) / p) / 4
      big <- max(big, abs(phi))
      B[, a] <- x * cos(phi) + y * sin(phi)
      B[, b] <- -x * sin(phi) + y * cos(phi)
    }
    if (big < 1e-15) break
  }
  B * h
}

factor_ref <- function(X, nf) {
  p <- ncol(X); n <- nrow(X)
  R <- cor(X)
  ev <- eigen(R, symmetric = TRUE)
  lambda <- ev$values
  k <- if (is.na(nf)) max(1, sum(lambda > 1)) else nf
  V <- sign_cols(ev$vectors[, 1:k, drop = FALSE])
  L <- V %*% diag(sqrt(lambda[1:k]), k)
  if (k > 1) {
    Lr <- sort_sign(matrix(unclass(stats::varimax(L)$loadings), p, k))
    Lc <- sort_sign(varimax_pairwise(L))
  } else {
    Lr <- Lc <- L
  }
  Z <- scale(X)
  W <- solve(R, Lr); Wc <- solve(R, Lc)
  ss <- colSums(Lr^2); ssc <- colSums(Lc^2)
  Fs <- Z %*% W; Fc <- Z %*% Wc
  km <- KMO(R); bt <- cortest.bartlett(R, n = n)
  Y <- Z %*% V
  list(k = k, lambda = lambda, L = L, Lr = Lr, ss = ss, comm = rowSums(L^2), W = W,
       kmo = km$MSA, msa = km$MSAi, chi2 = bt$chisq, df = p * (p - 1) / 2, pval = bt$p.value,
       det = det(R), means = colMeans(X), sds = apply(X, 2, sd),
       Fs = Fs, comp = Fs %*% (ss / sum(ss)), Fc = Fc, compc = Fc %*% (ssc / sum(ssc)),
       Fnone = Z %*% V %*% diag(1 / sqrt(lambda[1:k]), k),
       compnone = Z %*% V %*% diag(1 / sqrt(lambda[1:k]), k) %*% (lambda[1:k] / sum(lambda[1:k])),
       Y = Y, pcomp = Y %*% (lambda[1:k] / sum(lambda[1:k])))
}

# ------------------------------------------------------------------ data

S <- state.x77
S_dirs <- c(1, 1, -1, 1, -1, 1, -1, 1)       # Population ... Area
S_w <- c(0.10, 0.20, 0.15, 0.20, 0.15, 0.10, 0.05, 0.05)
S_grp <- as.character(state.region)
J <- as.matrix(USJudgeRatings)
J_dirs <- c(-1, rep(1, 11))                  # CONT (lawyer contacts) as a cost
L <- as.matrix(LifeCycleSavings)
L_dirs <- c(1, -1, 1, 1, 1)                  # sr, pop15 (cost), pop75, dpi, ddpi
A <- as.matrix(airquality[, 1:4])
A_dirs <- c(-1, 1, 1, -1)                    # Ozone, Solar.R, Wind, Temp
A_grp <- as.character(airquality$Month)
A_w <- c(0.4, 0.2, 0.2, 0.2)

data_rows <- character(0)
add_data <- function(ds, X, grp = rep("all", nrow(X))) {
  for (i in seq_len(nrow(X)))
    data_rows <<- c(data_rows, sprintf("('%s', %d, '%s', %s)", ds, i, grp[i], arr(X[i, ])))
}
add_data("state", S, S_grp)
add_data("judges", J)
add_data("savings", L)
add_data("air", A, A_grp)

# ------------------------------------------------------------------ tests

tests <- character(0)
add <- function(s) tests <<- c(tests, s)
chk <- function(got, want, what, tol = "1e-9")
  add(sprintf("SELECT is(pg_temp.ref_diff(%s, %s, %s), '', %s);", got, arr(want), tol,
              paste0("'", gsub("'", "''", what), "'")))
section <- function(s) tests <<- c(tests, "", paste0("-- ", s))

src <- function(ds, grp = NULL)
  sprintf("xw WHERE ds = '%s'%s", ds, if (is.null(grp)) "" else sprintf(" AND grp = '%s'", grp))
agg <- function(expr, ds, grp = NULL) sprintf("(SELECT %s FROM %s)", expr, src(ds, grp))
win <- function(expr, ds, part = "") sprintf(
  "(SELECT array_agg(v ORDER BY r) FROM (SELECT r, %s OVER (%s) AS v FROM %s) s)", expr, part, src(ds))
winf <- function(expr, ds, part = "") sprintf(
  "(SELECT array_agg(e ORDER BY r, o) FROM (SELECT r, %s OVER (%s) AS v FROM %s) s, unnest(v) WITH ORDINALITY u(e, o))",
  expr, part, src(ds))
bygroup <- function(expr, ds) sprintf(
  "(SELECT array_agg(e ORDER BY grp COLLATE \"C\", o) FROM (SELECT grp, %s AS v FROM %s GROUP BY grp) s, unnest(v) WITH ORDINALITY u(e, o))",
  expr, src(ds))

weights_block <- function(ds, X, dirs, label) {
  di <- iarr(dirs)
  for (s in c(0, 0.01)) {
    r <- entropy(X, dirs, s)
    sh <- if (s == 0) "" else sprintf(", %s::float8", s)
    chk(agg(sprintf("entropy_weights(x, %s%s)", di, sh), ds), r$w, sprintf("%s: entropy_weights, shift %s", label, s))
    chk(agg(sprintf("(entropy_weights_detail(x, %s%s)).entropy", di, sh), ds), r$e,
        sprintf("%s: entropy_weights_detail entropy, shift %s", label, s))
  }
  lo <- apply(X, 2, min); hi <- apply(X, 2, max)
  chk(agg(sprintf("entropy_weights(x, %s, %s, %s)", arr(lo), arr(hi), di), ds), entropy(X, dirs)$w,
      sprintf("%s: bounded entropy_weights at the data's range = row-keeping", label))
  flo <- floor(lo) - 1; fhi <- ceiling(hi * 1.25)
  chk(agg(sprintf("entropy_weights(x, %s, %s, %s)", arr(flo), arr(fhi), di), ds), entropy(X, dirs, 0, flo, fhi)$w,
      sprintf("%s: bounded entropy_weights, fixed wider bounds", label))
  cr <- critic(X, dirs)
  chk(agg(sprintf("critic_weights(x, %s)", di), ds), cr$w, sprintf("%s: critic_weights", label))
  chk(agg(sprintf("(critic_weights_detail(x, %s)).sd", di), ds), cr$sd, sprintf("%s: critic sd", label))
  chk(agg(sprintf("(critic_weights_detail(x, %s)).conflict", di), ds), cr$conflict, sprintf("%s: critic conflict", label))
  chk(agg(sprintf("(critic_weights_detail(x, %s)).information", di), ds), cr$info, sprintf("%s: critic information", label))
  chk(agg("stddev_weights(x)", ds), stddevw(X), sprintf("%s: stddev_weights", label))
  chk(agg("cv_weights(x)", ds), cvw(X), sprintf("%s: cv_weights", label))
}

eval_block <- function(ds, X, dirs, w, label, part = "") {
  di <- iarr(dirs); ew <- entropy(X, dirs)$w
  t1 <- topsis(X, ew, dirs)
  chk(win(sprintf("topsis(x, directions => %s)", di), ds, part), t1$c, sprintf("%s: E-TOPSIS closeness", label))
  chk(sprintf("(SELECT array_agg(e ORDER BY r, o) FROM (SELECT r, ARRAY[(d).d_plus, (d).d_minus] AS v FROM (SELECT r, topsis_detail(x, directions => %s) OVER (%s) AS d FROM %s) s0) s, unnest(v) WITH ORDINALITY u(e, o))",
              di, part, src(ds)),
      rowmajor(cbind(t1$dp, t1$dm)), sprintf("%s: E-TOPSIS D+ and D-", label))
  chk(win(sprintf("topsis(x, %s, %s)", arr(w), di), ds, part), topsis(X, w, dirs)$c,
      sprintf("%s: TOPSIS min-max, given weights", label))
  chk(win(sprintf("topsis(x, %s, %s, 'vector')", arr(w), di), ds, part), topsis(X, w, dirs, "vector")$c,
      sprintf("%s: TOPSIS vector normalization, given weights", label))
  chk(win(sprintf("topsis(x, directions => %s, normalization => 'vector')", di), ds, part), topsis(X, ew, dirs, "vector")$c,
      sprintf("%s: TOPSIS vector normalization, entropy weights", label))
  ews <- entropy(X, dirs, 0.01)$w
  chk(win(sprintf("topsis(x, directions => %s, shift => 0.01)", di), ds, part), topsis(X, ews, dirs, "minmax", 0.01)$c,
      sprintf("%s: TOPSIS shift 0.01, entropy weights of the shifted scores", label))
  chk(win(sprintf("composite_index(x, %s, %s)", arr(w), di), ds, part), composite(X, w, dirs),
      sprintf("%s: composite_index, given weights", label))
  chk(win(sprintf("composite_index(x, directions => %s, shift => 0.01)", di), ds, part), composite(X, ews, dirs, 0.01),
      sprintf("%s: composite_index, entropy weights, shift 0.01", label))
  chk(winf(sprintf("minmax_normalize(x, %s)", di), ds, part), rowmajor(minmax(X, dirs)),
      sprintf("%s: minmax_normalize (array form)", label))
  chk(win(sprintf("minmax_normalize(x[3], %d, 0.5)", dirs[3]), ds, part), minmax(X[, 3, drop = FALSE], dirs[3]) + 0.5,
      sprintf("%s: minmax_normalize (scalar form, indicator 3, shift 0.5)", label))
  chk(winf(sprintf("obstacle_degree(x, %s, %s)", arr(w), di), ds, part), rowmajor(obstacle(X, w, dirs)),
      sprintf("%s: obstacle_degree, given weights", label))
}

section("state.x77 (50 x 8), whole table: every weight method")
weights_block("state", S, S_dirs, "state.x77")
section("state.x77: per region (GROUP BY, window aggregate, PARTITION BY)")
regions <- sort(unique(S_grp), method = "radix")   # C collation, as ORDER BY grp COLLATE "C"
chk(bygroup(sprintf("entropy_weights(x, %s)", iarr(S_dirs)), "state"),
    unlist(lapply(regions, function(g) entropy(S[S_grp == g, ], S_dirs)$w)), "state.x77: entropy_weights GROUP BY region")
chk(bygroup(sprintf("critic_weights(x, %s)", iarr(S_dirs)), "state"),
    unlist(lapply(regions, function(g) critic(S[S_grp == g, ], S_dirs)$w)), "state.x77: critic_weights GROUP BY region")
chk(bygroup("cv_weights(x)", "state"),
    unlist(lapply(regions, function(g) cvw(S[S_grp == g, ]))), "state.x77: cv_weights GROUP BY region")
chk(winf(sprintf("entropy_weights(x, %s)", iarr(S_dirs)), "state", "PARTITION BY grp"),
    unlist(lapply(seq_len(nrow(S)), function(i) entropy(S[S_grp == S_grp[i], ], S_dirs)$w)),
    "state.x77: entropy_weights(x, dirs) OVER (PARTITION BY region), every row its region's weights")
# per-partition evaluation: expected values computed per region, put back in row order
per_region <- function(f) { out <- list(); for (g in regions) { idx <- which(S_grp == g); out[[g]] <- list(idx = idx, v = f(S[idx, ])) }; out }
unsplit_vec <- function(pr) { v <- numeric(nrow(S)); for (g in pr) v[g$idx] <- g$v; v }
chk(win(sprintf("topsis(x, directions => %s)", iarr(S_dirs)), "state", "PARTITION BY grp"),
    unsplit_vec(per_region(function(X) topsis(X, entropy(X, S_dirs)$w, S_dirs)$c)),
    "state.x77: E-TOPSIS per region")
chk(win(sprintf("topsis(x, %s, %s, 'vector')", arr(S_w), iarr(S_dirs)), "state", "PARTITION BY grp"),
    unsplit_vec(per_region(function(X) topsis(X, S_w, S_dirs, "vector")$c)),
    "state.x77: TOPSIS vector per region, given weights")
chk(win(sprintf("composite_index(x, directions => %s)", iarr(S_dirs)), "state", "PARTITION BY grp"),
    unsplit_vec(per_region(function(X) composite(X, entropy(X, S_dirs)$w, S_dirs))),
    "state.x77: composite_index per region, entropy weights")
section("state.x77: evaluation over the whole table")
eval_block("state", S, S_dirs, S_w, "state.x77")

section("USJudgeRatings (43 x 12): strongly correlated ratings")
weights_block("judges", J, J_dirs, "USJudgeRatings")
eval_block("judges", J, J_dirs, c(0.5, rep(1, 11)), "USJudgeRatings")

section("LifeCycleSavings (50 x 5)")
weights_block("savings", L, L_dirs, "LifeCycleSavings")
eval_block("savings", L, L_dirs, c(3, 1, 1, 2, 2), "LifeCycleSavings")

section("coupling coordination of three subsystems of state.x77 (E-TOPSIS scores)")
# economy: Income, HS Grad; society: Illiteracy, Life Exp, Murder; land: Frost, Area, Population
subs <- list(c(2, 6), c(3, 4, 5), c(7, 8, 1))
U <- sapply(subs, function(cols) { X <- S[, cols]; d <- S_dirs[cols]; topsis(X, entropy(X, d)$w, d)$c })
topsis_sql <- function(cols) sprintf("topsis(ARRAY[%s], directions => %s) OVER ()",
                                     paste(sprintf("x[%d]", cols), collapse = ", "), iarr(S_dirs[cols]))
u_sql <- sprintf("(SELECT r, %s AS u1, %s AS u2, %s AS u3 FROM xw WHERE ds = 'state') u",
                 topsis_sql(subs[[1]]), topsis_sql(subs[[2]]), topsis_sql(subs[[3]]))
cw <- c(0.5, 0.3, 0.2)
cl <- apply(U, 1, ccd_classic); wa <- apply(U, 1, ccd_wang)
Tq <- rowMeans(U); Tw <- as.vector(U %*% cw)
ccd_col <- function(expr) sprintf("(SELECT array_agg(%s ORDER BY r) FROM %s)", expr, u_sql)
chk(ccd_col("(coupling_coordination(ARRAY[u1, u2, u3])).c"), cl, "state.x77 subsystems: classic C")
chk(ccd_col("(coupling_coordination(ARRAY[u1, u2, u3])).t"), Tq, "state.x77 subsystems: T, equal weights")
chk(ccd_col("(coupling_coordination(ARRAY[u1, u2, u3])).d"), sqrt(cl * Tq), "state.x77 subsystems: classic D")
chk(ccd_col(sprintf("(coupling_coordination(ARRAY[u1, u2, u3], %s, 'wang2021')).c", arr(cw))), wa,
    "state.x77 subsystems: wang2021 C")
chk(ccd_col(sprintf("(coupling_coordination(ARRAY[u1, u2, u3], %s, 'wang2021')).d", arr(cw))), sqrt(wa * Tw),
    "state.x77 subsystems: wang2021 D, weights (0.5, 0.3, 0.2)")
chk(ccd_col("coupling_degree(ARRAY[u1, u2], 'wang2021')"), apply(U[, 1:2], 1, ccd_wang),
    "state.x77 subsystems: wang2021 C of two subsystems")
chk(ccd_col("relative_development(u1, u2)"), ifelse(U[, 2] == 0, NA, U[, 1] / U[, 2]),
    "state.x77 subsystems: relative development U1 / U2 (NULL where U2 = 0)")
add(sprintf("SELECT is(%s, %s, 'state.x77 subsystems: ccd_level of classic D');",
            ccd_col("ccd_level((coupling_coordination(ARRAY[u1, u2, u3])).d)"),
            iarr(pmin(10, 1 + findInterval(sqrt(cl * Tq), c(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9))))))
# the aggregate: the regions' economy scores as systems (one group per region)
agg_u <- sapply(regions, function(g) { u <- U[S_grp == g, 1]; c(ccd_classic(u), mean(u), ccd_wang(u)) })
chk(sprintf("(SELECT array_agg(e ORDER BY g COLLATE \"C\", o) FROM (SELECT g, ARRAY[(coupling_coordination(u1)).c, (coupling_coordination(u1)).t, (coupling_coordination(u1, 1, 'wang2021')).c] AS v FROM (SELECT u.*, x.grp AS g FROM %s JOIN xw x ON x.ds = 'state' AND x.r = u.r) q GROUP BY g) s, unnest(v) WITH ORDINALITY z(e, o))",
            sub("\\) u$", ") u", u_sql)),
    as.vector(agg_u), "state.x77: coupling_coordination aggregate over each region's economy scores (C, T, wang2021 C)")

section("airquality (153 x 4, 44 NA): missing-value policies")
impute <- function(X, how) {
  if (how == "skip") return(X[complete.cases(X), , drop = FALSE])
  for (j in seq_len(ncol(X))) {
    o <- X[!is.na(X[, j]), j]
    X[is.na(X[, j]), j] <- if (how == "mean") mean(o) else median(o)
  }
  X
}
ad <- iarr(A_dirs)
for (how in c("skip", "mean", "median")) {
  Y <- impute(A, how)
  chk(agg(sprintf("entropy_weights(x, weight_options(directions => %s, missing => '%s'))", ad, how), "air"),
      entropy(Y, A_dirs)$w, sprintf("airquality: entropy_weights, missing %s", how))
}
alo <- c(0, 0, 0, 50); ahi <- c(200, 350, 25, 100)
for (how in c("skip", "mean")) {
  Y <- impute(A, how)
  chk(agg(sprintf("entropy_weights(x, %s, %s, weight_options(directions => %s, missing => '%s'))", arr(alo), arr(ahi), ad, how), "air"),
      entropy(Y, A_dirs, 0, alo, ahi)$w, sprintf("airquality: bounded entropy_weights, missing %s", how))
  chk(agg(sprintf("critic_weights(x, weight_options(directions => %s, missing => '%s'))", ad, how), "air"),
      critic(Y, A_dirs)$w, sprintf("airquality: critic_weights, missing %s", how))
  chk(agg(sprintf("stddev_weights(x, weight_options(missing => '%s'))", how), "air"),
      stddevw(Y), sprintf("airquality: stddev_weights, missing %s", how))
  chk(agg(sprintf("cv_weights(x, weight_options(missing => '%s'))", how), "air"),
      cvw(Y), sprintf("airquality: cv_weights, missing %s", how))
}
months <- sort(unique(A_grp))
per_month <- function(how, f) {
  v <- rep(NA_real_, nrow(A))
  for (g in months) {
    idx <- which(A_grp == g)
    X <- A[idx, ]
    if (how == "skip") { keep <- complete.cases(X); v[idx[keep]] <- f(X[keep, ]) }
    else v[idx] <- f(impute(X, how))
  }
  v
}
for (how in c("skip", "mean", "median")) {
  chk(win(sprintf("topsis(x, directions => %s, missing => '%s')", ad, how), "air", "PARTITION BY grp"),
      per_month(how, function(X) topsis(X, entropy(X, A_dirs)$w, A_dirs)$c),
      sprintf("airquality: E-TOPSIS per month, missing %s", how))
  chk(win(sprintf("composite_index(x, %s, %s, missing => '%s')", arr(A_w), ad, how), "air", "PARTITION BY grp"),
      per_month(how, function(X) composite(X, A_w, A_dirs)),
      sprintf("airquality: composite_index per month, given weights, missing %s", how))
}
chk(win(sprintf("topsis(x, %s, %s, 'vector', missing => 'median')", arr(A_w), ad), "air", "PARTITION BY grp"),
    per_month("median", function(X) topsis(X, A_w, A_dirs, "vector")$c),
    "airquality: TOPSIS vector per month, missing median")

section("factor analysis (SPSS defaults: PCA, varimax, regression scores)")
fa_sets <- list(list("state", S, c(NA, 2)), list("judges", J, c(NA, 2)), list("savings", L, c(NA, 3)),
                list("air", A[complete.cases(A), ], c(NA)))
for (fs in fa_sets) {
  ds <- fs[[1]]; X <- fs[[2]]
  skip <- ds == "air"
  for (nf in fs[[3]]) {
    a <- factor_ref(X, nf)
    nfs <- if (is.na(nf)) "NULL::int" else as.character(nf)
    tag <- sprintf("%s (nfactors %s)", ds, if (is.na(nf)) "Kaiser" else nf)
    fa <- if (skip) sprintf("(SELECT factor_analysis(x, %s, 'skip') FROM xw WHERE ds = '%s')", nfs, ds)
          else sprintf("(SELECT factor_analysis(x, %s) FROM xw WHERE ds = '%s')", nfs, ds)
    add(sprintf("SELECT is((%s->>'factors')::int, %d, '%s: factors kept');", fa, a$k, tag))
    add(sprintf("SELECT is((%s->>'n')::int, %d, '%s: n');", fa, nrow(X), tag))
    chk(sprintf("pg_temp.jvec(%s, 'eigenvalues')", fa), a$lambda, paste(tag, "eigenvalues"))
    chk(sprintf("pg_temp.jmat(%s, 'loadings')", fa), rowmajor(a$L), paste(tag, "loadings"))
    chk(sprintf("pg_temp.jmat(%s, 'rotated_loadings')", fa), rowmajor(a$Lr), paste(tag, "rotated loadings (stats::varimax)"))
    chk(sprintf("pg_temp.jvec(%s, 'rotated_ss')", fa), a$ss, paste(tag, "rotated sums of squares"))
    chk(sprintf("pg_temp.jvec(%s, 'communalities')", fa), a$comm, paste(tag, "communalities"))
    chk(sprintf("pg_temp.jmat(%s, 'score_coefficients')", fa), rowmajor(a$W), paste(tag, "score coefficients"))
    chk(sprintf("ARRAY[(%s->>'kmo')::float8, (%s->>'determinant')::float8] || pg_temp.jvec(%s, 'msa')", fa, fa, fa),
        c(a$kmo, a$det, a$msa), paste(tag, "KMO, determinant, MSA"))
    chk(sprintf("(SELECT ARRAY[(b->>'chi2')::float8, (b->>'df')::float8, (b->>'p_value')::float8] FROM (SELECT %s->'bartlett' b) s)", fa),
        c(a$chi2, a$df, a$pval), paste(tag, "Bartlett chi2, df, p"), "1e-8")
    chk(sprintf("pg_temp.jvec(%s, 'means') || pg_temp.jvec(%s, 'sds')", fa, fa), c(a$means, a$sds), paste(tag, "means, sds"))
    if (!skip) {
      chk(winf(sprintf("factor_scores(x, %s)", nfs), ds), rowmajor(a$Fs), paste(tag, "factor_scores"))
      chk(win(sprintf("factor_composite(x, %s)", nfs), ds), a$comp, paste(tag, "factor_composite"))
      chk(win(sprintf("factor_composite(x, %s, shift => 0.1)", nfs), ds), a$comp - min(a$comp) + 0.1,
          paste(tag, "factor_composite shift 0.1"))
      chk(winf(sprintf("factor_scores(x, %s, 'none')", nfs), ds), rowmajor(a$Fnone), paste(tag, "factor_scores, rotation none"))
      chk(win(sprintf("factor_composite(x, %s, 'none')", nfs), ds), a$compnone, paste(tag, "factor_composite, rotation none"))
      if (a$k > 1) {
        chk(winf(sprintf("factor_scores(x, %s, 'varimax_converged')", nfs), ds), rowmajor(a$Fc),
            paste(tag, "factor_scores, varimax to the optimum (pairwise rotations)"), "1e-8")
        chk(win(sprintf("factor_composite(x, %s, 'varimax_converged')", nfs), ds), a$compc,
            paste(tag, "factor_composite, varimax to the optimum"), "1e-8")
      }
      chk(winf(sprintf("pca_scores(x, %s)", nfs), ds), rowmajor(a$Y), paste(tag, "pca_scores"))
      chk(win(sprintf("pca_composite(x, %s)", nfs), ds), a$pcomp, paste(tag, "pca_composite"))
    }
  }
}

# ------------------------------------------------------------------ output

cat("-- 22_xcheck_weights.sql: the weighting and evaluation family against R on public data.\n")
cat("--
-- GENERATED by test/reference/make_xcheck_weights.R (", R.version$version.string, ", psych ",
    as.character(packageVersion("psych")), "); do not edit by hand.
-- Data: R's datasets package: state.x77 with state.region (U.S. Department of
-- Commerce, 1977), USJudgeRatings (New Haven Register, 1977), LifeCycleSavings
-- (Belsley, Kuh & Welsch 1980) and airquality (New York State Department of
-- Conservation and National Weather Service, May-September 1973; 44 NA).
-- The expected values are computed in R from the formulas of docs/reference.md
-- and docs/delimitation.md (see the script's header for how each is written).
-- Tolerance: |got - want| <= tol |want| + 1e-12, tol 1e-9 unless stated
-- (1e-8 for Bartlett's p-value, a tail probability, and the varimax optimum,
-- which R reaches by another algorithm).  NULL want means NULL.
BEGIN;
SET client_min_messages = warning;
", sep = "")
cat(sprintf("SELECT plan(%d);\n\n", sum(grepl("^SELECT is\\(", tests))))
cat("CREATE FUNCTION pg_temp.ref_diff(got float8[], want float8[], tol float8)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
  msg text := '';
BEGIN
  IF got IS NULL THEN RETURN 'got NULL'; END IF;
  IF cardinality(got) <> cardinality(want) THEN
    RETURN format('got %s elements, expected %s: %s', cardinality(got), cardinality(want), got);
  END IF;
  FOR i IN 1 .. cardinality(want) LOOP
    IF want[i] IS NULL THEN
      IF got[i] IS NOT NULL THEN msg := msg || format('[%s] got %s want NULL; ', i, got[i]); END IF;
    ELSIF got[i] IS NULL THEN
      msg := msg || format('[%s] got NULL want %s; ', i, want[i]);
    ELSIF NOT abs(got[i] - want[i]) <= tol * abs(want[i]) + 1e-12 THEN
      msg := msg || format('[%s] got %s want %s (diff %s); ', i, got[i], want[i], abs(got[i] - want[i]));
    END IF;
  END LOOP;
  RETURN msg;
END
$f$;

CREATE FUNCTION pg_temp.jvec(j jsonb, key text) RETURNS float8[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT array_agg(CASE WHEN jsonb_typeof(e) = 'null' THEN NULL ELSE e::text::float8 END ORDER BY o)
  FROM jsonb_array_elements(j -> key) WITH ORDINALITY a(e, o)
$f$;

CREATE FUNCTION pg_temp.jmat(j jsonb, key text) RETURNS float8[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT array_agg(e::text::float8 ORDER BY o1, o2)
  FROM jsonb_array_elements(j -> key) WITH ORDINALITY a(rw, o1),
       jsonb_array_elements(rw) WITH ORDINALITY b(e, o2)
$f$;

CREATE TEMP TABLE xw (ds text, r int, grp text, x float8[]);
")
cat("INSERT INTO xw VALUES\n  ", paste(data_rows, collapse = ",\n  "), ";\n", sep = "")
cat(tests, sep = "\n")
cat("\nSELECT * FROM finish();\nROLLBACK;\n")

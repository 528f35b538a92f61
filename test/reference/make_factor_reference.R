#!/usr/bin/Rscript
# Writes test/pgtap/60_factor.sql: synergy's factor analysis against R.
#
#     Rscript test/reference/make_factor_reference.R > test/pgtap/60_factor.sql
#
# Needs R with psych (Debian: r-cran-psych); the SQL file it writes needs
# neither R nor psych at run time.
#
# The expected values are psych's: principal(r, nfactors, rotate = "none")
# for eigenvalues and unrotated loadings, psych::KMO and
# psych::cortest.bartlett, and regression weights solve(R, loadings) (or
# psych::Pinv(R) %*% loadings when R is singular); the rotation is
# psych::principal(rotate = "varimax")'s own: stats::varimax with its
# default eps = 1e-5, which synergy's default rotation reproduces (the header
# reports how far that stops from the optimum, rotation 'varimax_converged').
# One deliberate difference: for a singular R the loadings come from
# eigen(R), not from psych, which smooths a singular matrix first
# (cor.smooth).  synergy's conventions are applied to R's
# output: columns signed so that they sum to a positive number, rotated
# factors sorted by explained variance.
suppressMessages(library(psych))

# stats::varimax's SVD iteration (Kaiser normalization), but stopped when
# the rotation matrix stops changing (1e-14) instead of on the criterion's
# relative change, which leaves it ~1e-8 short of the optimum
varimax_converged <- function(x, eps = 1e-14, maxit = 200000) {
  nc <- ncol(x)
  p <- nrow(x)
  sc <- sqrt(rowSums(x^2))
  x <- x / sc
  TT <- diag(nc)
  for (i in 1:maxit) {
    z <- x %*% TT
    B <- t(x) %*% (z^3 - z %*% diag(drop(rep(1, p) %*% z^2)) / p)
    sB <- La.svd(B)
    TTn <- sB$u %*% sB$vt
    change <- max(abs(TTn - TT))
    TT <- TTn
    if (change < eps) break
  }
  if (i == maxit) stop(sprintf("varimax did not converge: last change %g", change))
  (x %*% TT) * sc
}

MOD <- 2147483647
MUL <- 48271
lcg_new <- function(seed) {
  s <- seed
  function() {
    s <<- (MUL * s) %% MOD
    s / MOD
  }
}

# 55 "cities" x 14 indicators driven by size and openness, like the book's
# city-quality table (population, GDP, ...): lognormal-ish magnitudes.
city14 <- function() {
  g <- lcg_new(20160517)
  n <- 55
  X <- matrix(0, n, 14)
  for (i in 1:n) {
    size <- 3 * g()
    open <- g()
    for (j in 1:14) {
      e <- g() - 0.5
      X[i, j] <- switch((j - 1) %% 3 + 1,
        round(exp(size * (0.6 + j / 20) + 0.4 * e) * 10^(j %% 4), 2),
        round(50 + 30 * open + 10 * size + 8 * e, 2),
        round(exp(open + size / 2 + 0.5 * e) * 100, 2))
    }
  }
  X
}

# two indicators perfectly correlated (b = 2a + 3), and a third
collinear <- function() {
  a <- c(3, 7, 1, 8, 2, 9, 4, 6, 5, 10)
  cbind(a, 2 * a + 3, c(2, 9, 4, 7, 1, 8, 8, 3, 6, 5), c(5, 3, 6, 2, 7, 1, 4, 4, 3, 6),
        c(1, 4, 2, 8, 5, 7, 3, 9, 6, 2))
}

# more indicators (8) than rows (6)
wide <- function() {
  g <- lcg_new(4242)
  X <- matrix(0, 6, 8)
  for (i in 1:6) for (j in 1:8) X[i, j] <- round(100 * g() + 10 * i * (j %% 3), 3)
  X
}

datasets <- list(
  list(name = "usarrests", X = as.matrix(USArrests), nf = c(NA, 2)),
  list(name = "swiss", X = as.matrix(swiss), nf = c(NA, 3)),
  list(name = "mtcars", X = as.matrix(mtcars), nf = c(NA, 3)),
  list(name = "city14", X = city14(), nf = c(NA)),
  list(name = "collinear", X = collinear(), nf = c(NA, 2)),
  list(name = "wide", X = wide(), nf = c(NA))
)

f17 <- function(v) ifelse(is.na(v), "NULL", sprintf("%.17g", v))
arr <- function(v) paste0("ARRAY[", paste(f17(as.vector(v)), collapse = ", "), "]::float8[]")
rowmajor <- function(M) as.vector(t(M))

sign_cols <- function(L) {
  for (j in seq_len(ncol(L))) {
    s <- sum(L[, j])
    if (abs(s) <= 1e-8 * sqrt(sum(L[, j]^2)) * sqrt(nrow(L)))
      s <- L[which.max(abs(L[, j])), j]
    if (s < 0) L[, j] <- -L[, j]
  }
  L
}

analyse <- function(X, nf) {
  p <- ncol(X)
  n <- nrow(X)
  R <- cor(X)
  ev <- eigen(R, symmetric = TRUE)
  lambda <- ev$values
  k <- if (is.na(nf)) max(1, sum(lambda > 1)) else nf
  V <- sign_cols(ev$vectors[, 1:k, drop = FALSE])
  singular <- min(lambda) <= 1e-12 * p
  if (singular) {
    # psych smooths a singular R (cor.smooth) before extracting: loadings
    # straight from eigen() instead, as SPSS's principal components
    L <- V %*% diag(sqrt(lambda[1:k]), k)
  } else {
    pn <- principal(R, nfactors = k, rotate = "none", n.obs = n)
    L <- sign_cols(matrix(unclass(pn$loadings), p, k))
  }
  if (k > 1) {
    Lr <- unclass(stats::varimax(L)$loadings)   # what psych::principal does
    Lr <- matrix(Lr, p, k)
    ss <- colSums(Lr^2)
    Lr <- sign_cols(Lr[, order(-ss), drop = FALSE])
  } else {
    Lr <- L
  }
  W <- if (singular) Pinv(R) %*% Lr else solve(R, Lr)
  Z <- scale(X)
  Fs <- Z %*% W
  ssr <- colSums(Lr^2)
  comp <- Fs %*% (ssr / sum(ssr))
  Y <- Z %*% V
  pcomp <- Y %*% (lambda[1:k] / sum(lambda[1:k]))
  if (singular) {
    kmo <- NA; msa <- rep(NA, p); chi2 <- NA; pval <- NA
  } else {
    km <- KMO(R)
    kmo <- km$MSA; msa <- km$MSA
    msa <- km$MSAi
    bt <- cortest.bartlett(R, n = n)
    chi2 <- bt$chisq; pval <- bt$p.value
  }
  # psych's own output agrees with Lr; how far stats::varimax stops from
  # the optimum (the 'varimax_converged' rotation)
  psych_gap <- NA
  opt_gap <- NA
  if (k > 1 && !singular) {
    pv <- suppressWarnings(principal(R, nfactors = k, rotate = "varimax", n.obs = n))
    Lp <- matrix(unclass(pv$loadings), p, k)
    Lp <- sign_cols(Lp[, order(-colSums(Lp^2)), drop = FALSE])
    psych_gap <- max(abs(Lp - Lr))
    Lc <- matrix(varimax_converged(L), p, k)
    Lc <- sign_cols(Lc[, order(-colSums(Lc^2)), drop = FALSE])
    opt_gap <- max(abs(Lc - Lr))
  }
  list(k = k, lambda = lambda, L = L, Lr = Lr, ssr = ssr, comm = rowSums(L^2), W = W,
       kmo = kmo, msa = msa, chi2 = chi2, pval = pval, df = p * (p - 1) / 2,
       Fs = Fs, comp = comp, Y = Y, pcomp = pcomp, singular = singular, gap = psych_gap, opt_gap = opt_gap,
       shift = comp - min(comp) + 1)
}

results <- list()
ntests <- 0
for (d in datasets) for (nf in d$nf) {
  a <- analyse(d$X, nf)
  results[[length(results) + 1]] <- list(d = d, nf = nf, a = a)
}
gaps <- sapply(results, function(r) r$a$gap)
opt_gaps <- sapply(results, function(r) r$a$opt_gap)

cat("-- 60_factor.sql: factor analysis against R (psych ", as.character(packageVersion("psych")),
    ", ", R.version$version.string, ").\n", sep = "")
cat("--
-- GENERATED by test/reference/make_factor_reference.R; do not edit by hand.
-- Data sets: USArrests (50 x 4), swiss (47 x 6), mtcars (32 x 11) from R's
-- datasets package; city14 (55 x 14, minstd generator, like the book's
-- city-quality table); collinear (10 x 5, indicator 2 = 2 x indicator 1 + 3:
-- singular); wide (6 rows x 8 indicators: singular).  Each with Kaiser's
-- criterion and, for some, a fixed number of factors.
--
-- Expected: psych::principal loadings (eigen(R) when R is singular: psych
-- smooths it), KMO, cortest.bartlett, solve(R, A) (psych::Pinv when
-- singular) score weights, scale(X) %*% weights scores; varimax is
-- psych::principal(rotate = \"varimax\")'s: stats::varimax, eps = 1e-5
-- (psych's printed rotated loadings differ from these by at most ", sprintf("%.1e", max(gaps, na.rm = TRUE)), ";
-- run to the optimum, the rotation would move them by up to ", sprintf("%.1e", max(opt_gaps, na.rm = TRUE)), ").
-- Tolerance: |got - want| <= 1e-10 (1 + |want|); measured on Debian 12
-- (reference LAPACK 3.11) every value agrees to 1e-13 (1 + |want|).
BEGIN;
", sep = "")

body <- character(0)
add <- function(s) { body <<- c(body, s); ntests <<- ntests + 1 }

data_sql <- character(0)
for (d in datasets) {
  rows <- sapply(seq_len(nrow(d$X)), function(i)
    sprintf("('%s', %d, %s)", d$name, i, arr(d$X[i, ])))
  data_sql <- c(data_sql, paste0("INSERT INTO fa_x VALUES\n  ", paste(rows, collapse = ",\n  "), ";"))
}

for (res in results) {
  d <- res$d; a <- res$a; nf <- res$nf
  nfs <- if (is.na(nf)) "NULL::int" else as.character(nf)
  tag <- sprintf("%s (nfactors %s)", d$name, if (is.na(nf)) "Kaiser" else nf)
  fa <- sprintf("(SELECT factor_analysis(x, %s ORDER BY r) FROM fa_x WHERE ds = '%s')", nfs, d$name)
  add(sprintf("SELECT is((%s->>'factors')::int, %d, '%s: factors kept');", fa, a$k, tag))
  chk <- function(what, got, want)
    add(sprintf("SELECT is(pg_temp.ref_diff(%s, %s), '', '%s: %s');", got, arr(want), tag, what))
  chk("eigenvalues", sprintf("pg_temp.jvec(%s, 'eigenvalues')", fa), a$lambda)
  chk("variance_pct", sprintf("pg_temp.jvec(%s, 'variance_pct')", fa), 100 * a$lambda / ncol(d$X))
  chk("loadings", sprintf("pg_temp.jmat(%s, 'loadings')", fa), rowmajor(a$L))
  chk("rotated_loadings", sprintf("pg_temp.jmat(%s, 'rotated_loadings')", fa), rowmajor(a$Lr))
  chk("rotated_ss", sprintf("pg_temp.jvec(%s, 'rotated_ss')", fa), a$ssr)
  chk("communalities", sprintf("pg_temp.jvec(%s, 'communalities')", fa), a$comm)
  chk("score_coefficients", sprintf("pg_temp.jmat(%s, 'score_coefficients')", fa), rowmajor(a$W))
  chk("kmo, msa", sprintf("ARRAY[(%s->>'kmo')::float8] || pg_temp.jvec(%s, 'msa')", fa, fa), c(a$kmo, a$msa))
  chk("bartlett chi2, df, p", sprintf(
    "(SELECT ARRAY[(b->>'chi2')::float8, (b->>'df')::float8, (b->>'p_value')::float8] FROM (SELECT %s->'bartlett' b) s)", fa),
    c(a$chi2, a$df, a$pval))
  win <- function(expr) sprintf("(SELECT array_agg(v ORDER BY r) FROM (SELECT r, %s OVER () AS v FROM fa_x WHERE ds = '%s') s)", expr, d$name)
  winf <- function(expr) sprintf("(SELECT array_agg(e ORDER BY r, o) FROM (SELECT r, %s OVER () AS v FROM fa_x WHERE ds = '%s') s, unnest(v) WITH ORDINALITY u(e, o))", expr, d$name)
  chk("factor_scores", winf(sprintf("factor_scores(x, %s)", nfs)), rowmajor(a$Fs))
  chk("factor_composite", win(sprintf("factor_composite(x, %s)", nfs)), a$comp)
  chk("factor_composite shift 1", win(sprintf("factor_composite(x, %s, shift => 1)", nfs)), a$shift)
  chk("pca_scores", winf(sprintf("pca_scores(x, %s)", nfs)), rowmajor(a$Y))
  chk("pca_composite", win(sprintf("pca_composite(x, %s)", nfs)), a$pcomp)
}

cat(sprintf("SELECT plan(%d);\n\n", ntests))
cat("-- got vs want element by element; NULL want means NULL
CREATE FUNCTION pg_temp.ref_diff(got float8[], want float8[])
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
    ELSIF NOT abs(got[i] - want[i]) <= 1e-10 * (1 + abs(want[i])) THEN
      msg := msg || format('[%s] got %s want %s (diff %s); ', i, got[i], want[i], abs(got[i] - want[i]));
    END IF;
  END LOOP;
  RETURN msg;
END
$f$;

-- a jsonb array of numbers (null = NULL) as float8[]
CREATE FUNCTION pg_temp.jvec(j jsonb, key text) RETURNS float8[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT array_agg(CASE WHEN jsonb_typeof(e) = 'null' THEN NULL ELSE e::text::float8 END ORDER BY o)
  FROM jsonb_array_elements(j -> key) WITH ORDINALITY a(e, o)
$f$;

-- a jsonb array of rows, flattened row by row
CREATE FUNCTION pg_temp.jmat(j jsonb, key text) RETURNS float8[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT array_agg(e::text::float8 ORDER BY o1, o2)
  FROM jsonb_array_elements(j -> key) WITH ORDINALITY a(rw, o1),
       jsonb_array_elements(rw) WITH ORDINALITY b(e, o2)
$f$;

CREATE TEMP TABLE fa_x (ds text, r int, x float8[]);
")
cat(data_sql, sep = "\n")
cat("\n")
cat(body, sep = "\n")
cat("\nSELECT * FROM finish();\nROLLBACK;\n")

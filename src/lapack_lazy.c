/*
 * lapack_lazy.c - LAPACK loaded on first use, not when synergy.so is loaded.
 *
 * PostgreSQL loads a library with dlopen(RTLD_NOW), and every parallel
 * worker loads again each library its leader has loaded before it runs its
 * part of the plan.  Linked against LAPACKE, synergy.so pulled in liblapacke,
 * liblapack, libblas, libtmglib, libgfortran and libquadmath, about 5,000
 * symbol relocations resolved through the server's long list of libraries:
 * about 2.4 ms of CPU in every backend and in every parallel worker of every
 * parallel synergy query, most of the library's load time, whether or not
 * the query solves a least-squares or eigenproblem (measured on 2 cores:
 * the CPU of the dynamic linker in a parallel entropy_weights query fell from
 * about 7 ms to under 1 ms).
 *
 * The numeric core (src/core/factor.c, lsq.c) keeps calling the LAPACKE_*
 * functions it uses; the extension defines them here, and each one opens
 * liblapacke (its soname, the one its -dev package links) the first time
 * one of them is called in a process and calls the library's own function.
 * The core's unit tests link LAPACKE directly (CORE_LIBS in the Makefile).
 * The prototypes come from <lapacke.h>, so a mismatch does not compile.
 */
#include "postgres.h"

#include <dlfcn.h>

/*
 * Hidden: the core's calls bind to these definitions inside synergy.so, and
 * synergy.so exports no LAPACKE_* symbol that another library loaded into the
 * same server could be bound to instead of LAPACKE's own.
 */
#pragma GCC visibility push(hidden)
#include <lapacke.h>

#define SY_LAPACKE_SONAME "liblapacke.so.3"

static void *
lapacke_symbol(const char *name)
{
	static void *handle = NULL;
	void	   *fn;

	if (handle == NULL)
	{
		handle = dlopen(SY_LAPACKE_SONAME, RTLD_NOW | RTLD_LOCAL);
		if (handle == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_FILE),
					 errmsg("synergy: could not load LAPACK (%s) for %s", SY_LAPACKE_SONAME, name),
					 errdetail("%s", dlerror()),
					 errhint("Install LAPACKE (Debian: liblapacke; the package synergy was built with).")));
	}
	fn = dlsym(handle, name);
	if (fn == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("synergy: %s has no function %s", SY_LAPACKE_SONAME, name),
				 errdetail("%s", dlerror()),
				 errhint("Install the LAPACKE that synergy was built with (Debian: liblapacke).")));
	return fn;
}

/* the library's own function NAME, looked up once per process */
#define LAPACKE_FN(type, name) \
	static type fn = NULL; \
	if (fn == NULL) \
		fn = (type) lapacke_symbol(#name)

lapack_int
LAPACKE_dgeqrf(int matrix_layout, lapack_int m, lapack_int n,
			   double *a, lapack_int lda, double *tau)
{
	typedef lapack_int (*fn_t) (int, lapack_int, lapack_int, double *, lapack_int, double *);

	LAPACKE_FN(fn_t, LAPACKE_dgeqrf);
	return fn(matrix_layout, m, n, a, lda, tau);
}

lapack_int
LAPACKE_dgesvd(int matrix_layout, char jobu, char jobvt,
			   lapack_int m, lapack_int n, double *a,
			   lapack_int lda, double *s, double *u, lapack_int ldu,
			   double *vt, lapack_int ldvt, double *superb)
{
	typedef lapack_int (*fn_t) (int, char, char, lapack_int, lapack_int, double *,
								lapack_int, double *, double *, lapack_int,
								double *, lapack_int, double *);

	LAPACKE_FN(fn_t, LAPACKE_dgesvd);
	return fn(matrix_layout, jobu, jobvt, m, n, a, lda, s, u, ldu, vt, ldvt, superb);
}

lapack_int
LAPACKE_dormqr(int matrix_layout, char side, char trans,
			   lapack_int m, lapack_int n, lapack_int k,
			   const double *a, lapack_int lda, const double *tau,
			   double *c, lapack_int ldc)
{
	typedef lapack_int (*fn_t) (int, char, char, lapack_int, lapack_int, lapack_int,
								const double *, lapack_int, const double *,
								double *, lapack_int);

	LAPACKE_FN(fn_t, LAPACKE_dormqr);
	return fn(matrix_layout, side, trans, m, n, k, a, lda, tau, c, ldc);
}

lapack_int
LAPACKE_dsyevr(int matrix_layout, char jobz, char range, char uplo,
			   lapack_int n, double *a, lapack_int lda, double vl,
			   double vu, lapack_int il, lapack_int iu,
			   double abstol, lapack_int *m, double *w, double *z,
			   lapack_int ldz, lapack_int *isuppz)
{
	typedef lapack_int (*fn_t) (int, char, char, char, lapack_int, double *, lapack_int,
								double, double, lapack_int, lapack_int, double,
								lapack_int *, double *, double *, lapack_int, lapack_int *);

	LAPACKE_FN(fn_t, LAPACKE_dsyevr);
	return fn(matrix_layout, jobz, range, uplo, n, a, lda, vl, vu, il, iu, abstol,
			  m, w, z, ldz, isuppz);
}

lapack_int
LAPACKE_dtrtrs(int matrix_layout, char uplo, char trans, char diag,
			   lapack_int n, lapack_int nrhs, const double *a,
			   lapack_int lda, double *b, lapack_int ldb)
{
	typedef lapack_int (*fn_t) (int, char, char, char, lapack_int, lapack_int,
								const double *, lapack_int, double *, lapack_int);

	LAPACKE_FN(fn_t, LAPACKE_dtrtrs);
	return fn(matrix_layout, uplo, trans, diag, n, nrhs, a, lda, b, ldb);
}

#pragma GCC visibility pop

/*
 * sy_state.h - one layer for aggregate states as bytes.
 *
 * Every aggregate whose state is `internal` turns it into bytes and back
 * through this layer: for parallel workers (serialfn, deserialfn), and as
 * a value that a user stores, ships to another server and merges later
 * (the *_state, *_merge and *_final functions, docs/scale-out.md).  So the
 * format is portable and versioned:
 *
 *   offset  size  field
 *   0       2     magic "SY" (0x53 0x59)
 *   2       1     layout version (SY_STATE_LAYOUT, this header's layout)
 *   3       1     kind (SyStateKindId: which aggregate family)
 *   4       2     kind version (the payload layout of that kind)
 *   6       2     reserved, 0
 *   8       4     payload length in bytes
 *   12      ...   payload, written by the kind
 *
 * Every number is little-endian whatever the host; doubles are their
 * IEEE-754 binary64 bits.  Nothing is aligned: the reader copies every
 * value out.
 *
 * A kind describes its state with four callbacks (SyStateKind).  The
 * writer and the reader are bounds-checked: a kind that writes more or less
 * than it announced is a bug (elog), and a payload that ends early, has
 * bytes left over, or holds a value out of range raises the corrupt-state
 * error (22P03), whoever made the bytes.  The generic serialize,
 * deserialize, combine and merge functions below are all an aggregate
 * needs; its C entry points are one-line wrappers naming its kind.
 */
#ifndef SY_STATE_H
#define SY_STATE_H

#include "postgres.h"

#include "fmgr.h"

#define SY_STATE_LAYOUT			1
#define SY_STATE_HEADER_BYTES	12

/* Kinds; the numbers are part of the stored format: never reuse one. */
typedef enum SyStateKindId
{
	SY_KIND_ENTROPY = 1,		/* entropy_weights, row-keeping or bounded */
	SY_KIND_MOMENTS = 2,		/* stddev_weights, cv_weights */
	SY_KIND_CRITIC = 3,			/* critic_weights */
	SY_KIND_FACTOR = 4,			/* factor_analysis */
	SY_KIND_COUPLING = 5,		/* coupling_coordination */
	SY_KIND_MORAN = 6,			/* moran_i */
	SY_KIND_TREND = 7			/* trend_analysis (synergy_postgis) */
} SyStateKindId;

#define SY_KIND_MAX 7

typedef struct SyStateWriter
{
	char	   *p;				/* next byte to write */
	char	   *end;			/* end of the announced payload */
	const char *fname;
} SyStateWriter;

typedef struct SyStateReader
{
	const char *p;				/* next byte to read */
	const char *end;			/* end of the payload */
	const char *fname;			/* for messages */
} SyStateReader;

typedef struct SyStateKind
{
	SyStateKindId id;
	uint16		version;		/* payload layout of this kind */
	const char *family;			/* for messages, e.g. "entropy_weights" */

	/*
	 * Exact payload size of st in bytes, as a double so that sizes beyond
	 * what a bytea holds are reported, not wrapped.
	 */
	double		(*payload_bytes) (const void *st);

	/* Write st's payload: exactly payload_bytes(st) bytes. */
	void		(*write) (SyStateWriter *w, const void *st);

	/*
	 * Read a payload into a new state in CurrentMemoryContext, checking
	 * every count and value (a state may come from anywhere).  It need not
	 * check that the payload is used up: the layer does.  fname is the
	 * calling function's name, for messages and for the new state.
	 */
	void	   *(*read) (SyStateReader *r, const char *fname);

	/*
	 * Merge b into a and return the result, in CurrentMemoryContext (the
	 * aggregate's memory).  a may be NULL: then return a state equivalent to
	 * b that lives in CurrentMemoryContext (b itself may live in shorter
	 * memory).  Raises the aggregate's own errors when a and b disagree
	 * (lengths, directions, options).
	 */
	void	   *(*combine) (void *a, void *b, const char *fname);
} SyStateKind;

/* Writer: each call checks the announced size (overrun = bug, elog). */
extern void sy_wr_u8(SyStateWriter *w, uint8 v);
extern void sy_wr_u16(SyStateWriter *w, uint16 v);
extern void sy_wr_i32(SyStateWriter *w, int32 v);
extern void sy_wr_i64(SyStateWriter *w, int64 v);
extern void sy_wr_f64(SyStateWriter *w, double v);
extern void sy_wr_f64s(SyStateWriter *w, const double *v, Size n);
/* Directions: a presence byte, then m signed bytes (+1 or -1). */
extern void sy_wr_dirs(SyStateWriter *w, const int *dir, int m);
extern double sy_dirs_payload(const int *dir, int m);

/* Reader: each call checks the remaining length (overrun = corrupt state). */
extern uint8 sy_rd_u8(SyStateReader *r);
extern uint16 sy_rd_u16(SyStateReader *r);
extern int32 sy_rd_i32(SyStateReader *r);
extern int64 sy_rd_i64(SyStateReader *r);
extern double sy_rd_f64(SyStateReader *r);
/* A finite double; else the corrupt-state error naming what. */
extern double sy_rd_finite(SyStateReader *r, const char *what);
/* An integer in [lo, hi]; else the corrupt-state error naming what. */
extern int64 sy_rd_count(SyStateReader *r, int64 lo, int64 hi, const char *what);
/* n doubles into dst (aligned memory of the caller's); finite checks them. */
extern void sy_rd_f64s(SyStateReader *r, double *dst, Size n, bool finite, const char *what);
/* Directions written by sy_wr_dirs, in CurrentMemoryContext; NULL = all benefit. */
extern int *sy_rd_dirs(SyStateReader *r, int m);
/* Bytes left; for kinds that check a count against what is there before allocating. */
extern Size sy_rd_remaining(const SyStateReader *r);

/* The error for bytes that are not a valid state of this kind (22P03). */
#if PG_VERSION_NUM >= 180000
pg_noreturn extern void sy_state_corrupt(const char *fname, const char *what);
#else
extern void sy_state_corrupt(const char *fname, const char *what) pg_attribute_noreturn();
#endif

/* A state as a bytea (header and payload), in CurrentMemoryContext. */
extern bytea *sy_state_to_bytea(const void *st, const SyStateKind *kind, const char *fname);

/*
 * A bytea made by sy_state_to_bytea back into a state, in
 * CurrentMemoryContext.  A state of another kind is refused with 22023
 * (it names the kind found); damaged bytes with 22P03.
 */
extern void *sy_state_from_bytea(bytea *in, const SyStateKind *kind, const char *fname);

/*
 * Generic aggregate support functions; an aggregate's C entry points call
 * these with its kind:
 *   serialfn, and the final function of F_state and F_merge:  (internal) -> bytea
 *   deserialfn:  (bytea, internal) -> internal
 *   combinefn:   (internal, internal) -> internal
 *   F_merge's transition function:  (internal, bytea) -> internal
 */
extern Datum sy_state_serialfn(FunctionCallInfo fcinfo, const SyStateKind *kind);
extern Datum sy_state_deserialfn(FunctionCallInfo fcinfo, const SyStateKind *kind);
extern Datum sy_state_combinefn(FunctionCallInfo fcinfo, const SyStateKind *kind);
extern Datum sy_state_merge_transfn(FunctionCallInfo fcinfo, const SyStateKind *kind);

/*
 * The state of an F_final function's argument: reads arg 0 (a bytea) with
 * sy_state_from_bytea, naming fname in messages.
 */
extern void *sy_state_arg(FunctionCallInfo fcinfo, const SyStateKind *kind, const char *fname);

#endif							/* SY_STATE_H */

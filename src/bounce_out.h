/*
 * bounce_out.h - where the bounce writer's octets go: the caller's buffer
 * (snprintf's contract, through dsn_sink), the caller's writer callback,
 * or nowhere but a scan that measures each line and notes the lines that
 * could be taken for a boundary (the pass that chooses the boundary and
 * the encodings before anything is written). Every part of the message is
 * written through one of these, so the passes see the same octets.
 */
#ifndef DSN_BOUNCE_OUT_H
#define DSN_BOUNCE_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "dsn/bounce.h"
#include "sink.h"

/* RFC 5322 section 2.1.1: at most 998 octets on a line, CRLF excluded. */
#define BW_LINE_MAX 998
/* RFC 2045 section 6.7 (5): quoted-printable lines of at most 76. */
#define BW_QP_LINE 76
/* "=_libdsn_" and 16 hex digits; the delimiter line adds "--". */
#define BW_BOUNDARY_PREFIX "=_libdsn_"
#define BW_BOUNDARY_PREFIX_LEN 9
#define BW_BOUNDARY_DIGITS 16
#define BW_BOUNDARY_LEN (BW_BOUNDARY_PREFIX_LEN + BW_BOUNDARY_DIGITS)

typedef enum bw_mode { BW_BUFFER, BW_WRITER, BW_SCAN } bw_mode;

/* What a scan learns of the octets it is given. */
typedef struct bw_scan {
    size_t longest;   /* longest line, octets without CRLF */
    int eight_bit;    /* an octet >= 0x80 seen */
    int blocked;      /* a line starts with "--" BW_BOUNDARY_PREFIX + hex */
    uint64_t max;     /* the greatest such value (when blocked) */
    uint64_t lo, mid; /* counting the values in [lo, mid] ... */
    uint64_t hi;      /* ... and in [lo, hi] */
    uint64_t in_low, in_range;
} bw_scan;

typedef struct bw_out {
    bw_mode mode;
    dsn_sink sink;            /* BW_BUFFER */
    dsn_bounce_writer writer; /* BW_WRITER */
    void *ctx;
    int failed;    /* the writer returned non-zero */
    int qp;        /* encode what is put as quoted-printable */
    size_t qp_col; /* octets on the current encoded line */
    int qp_space;  /* a space or tab held back: encoded at line end */
    bw_scan scan;  /* BW_SCAN */
    size_t col;    /* octets on the current line (BW_SCAN) */
    char head[2 + BW_BOUNDARY_LEN]; /* the current line's first octets */
    int head_live;                  /* ... kept: the line starts with '-' */
} bw_out;

void bw_out_buffer(bw_out *o, char *buf, size_t size);
void bw_out_writer(bw_out *o, dsn_bounce_writer writer, void *ctx);
/* A scan counting boundary values in [lo, mid] and [lo, hi]. */
void bw_out_scan(bw_out *o, uint64_t lo, uint64_t mid, uint64_t hi);
/* Starts a part: line statistics of the scan begin anew. */
void bw_out_part(bw_out *o);

void bw_put(bw_out *o, const char *s, size_t n);
void bw_str(bw_out *o, const char *s);
/* Turns quoted-printable encoding on or off (off flushes a held space). */
void bw_qp(bw_out *o, int on);

#endif /* DSN_BOUNCE_OUT_H */

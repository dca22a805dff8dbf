/*
 * The benchmark's cases: each is one operation of libdsn, with the same
 * bytes written by a hand-written snprintf and copied by memcpy where that
 * makes sense, so every figure comes with its baselines from the same run.
 */
#ifndef DSN_BENCH_H
#define DSN_BENCH_H

#include <stddef.h>

/* Room for every case's output (case W's report is about 11.5 kB). */
#define BENCH_BUF 16384

/* The 3-line reply of cases C and G, line by line for the snprintf that
 * writes it by hand. */
#define BENCH_LINE1 "line one"
#define BENCH_LINE2 "line two"
#define BENCH_LINE3 "line three"
#define BENCH_3_LINES BENCH_LINE1 "\n" BENCH_LINE2 "\n" BENCH_LINE3
#define BENCH_3_CODE 550
#define BENCH_3_SUBJECT 1
#define BENCH_3_DETAIL 1

/* One operation: writes into buf, returns a length (0 is a failure). */
typedef size_t (*bench_op)(char *buf, size_t size);

typedef struct bench_case {
    char id;           /* 'A', 'B', ...: its row in docs/performance.md */
    const char *what;  /* one line for the table */
    unsigned per_call; /* operations one call of the ops performs */
    bench_op lib;      /* libdsn */
    bench_op printf_;  /* the same bytes with snprintf, or NULL */
    bench_op floor;    /* memcpy of the same bytes, or NULL */
} bench_case;

/* Each cases_*.c prepares its inputs, checks that its ops agree byte for
 * byte, and hands out its cases; it returns 0 when a check fails. */
size_t bench_cases_format(const bench_case **out);
size_t bench_cases_parse(const bench_case **out);
#ifdef BENCH_HAVE_REGISTRY
size_t bench_cases_registry(const bench_case **out);
#endif
#ifdef BENCH_HAVE_DELIVERY
size_t bench_cases_delivery(const bench_case **out);
#endif
#ifdef BENCH_HAVE_BOUNCE
size_t bench_cases_bounce(const bench_case **out);
#endif

/* 1 when the ops of c that exist write the same bytes, else 0 (and says
 * why on stderr). */
int bench_same_output(const bench_case *c);

/* Hands out cases[0..n) through *out and returns n when ready is 1 and
 * every case's ops write the same bytes (bench_same_output), else 0: the
 * last step of every bench_cases_*(). */
size_t bench_hand_out(int ready, const bench_case *cases, size_t n,
                      const bench_case **out);

/* BENCH_FLOOR(x) defines the floor of case x: x_lib's bytes rendered once
 * by x_fill() (1 when they fit in BENCH_BUF, else 0), then copied with
 * memcpy by x_floor, the op a bench_case names. */
#define BENCH_FLOOR(x)                                                         \
    static char x##_bytes[BENCH_BUF];                                          \
    static size_t x##_len;                                                     \
    static int x##_fill(void)                                                  \
    {                                                                          \
        x##_len = x##_lib(x##_bytes, sizeof x##_bytes);                        \
        return x##_len > 0 && x##_len < sizeof x##_bytes;                      \
    }                                                                          \
    static size_t x##_floor(char *buf, size_t size)                            \
    {                                                                          \
        (void)size;                                                            \
        memcpy(buf, x##_bytes, x##_len + 1);                                   \
        return x##_len;                                                        \
    }

#endif

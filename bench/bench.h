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
    char id;           /* 'A', 'B', ...: the letters of issue 6 */
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

#endif

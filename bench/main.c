/*
 * libdsn's benchmark: every case and its baselines timed in the same run,
 * round after round in turn so that a noisy neighbour slows them all
 * alike; medians and ratios, never a single timing. With --callgrind N it
 * times nothing and runs each op N times between callgrind dumps, for
 * instruction counts that do not depend on the machine's load.
 *
 *   bench [--rounds N] [--round-ms MS] [--quick] [--tsv] [--callgrind N]
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef BENCH_HAVE_CALLGRIND
#include <valgrind/callgrind.h>
#endif

#include "bench.h"

#define MAX_CASES 16
#define MAX_ROUNDS 1001

enum { LIB, PRINTF, FLOOR, VARIANTS };
static const char *const variant_names[VARIANTS] = {"libdsn", "snprintf",
                                                    "memcpy"};

static bench_op op_of(const bench_case *c, int v)
{
    return v == LIB ? c->lib : v == PRINTF ? c->printf_ : c->floor;
}

int bench_same_output(const bench_case *c)
{
    static char want[BENCH_BUF], got[BENCH_BUF];
    size_t n = c->lib(want, sizeof want);
    int v;
    if (n == 0 || n >= sizeof want) {
        fprintf(stderr, "bench: case %c: libdsn op failed\n", c->id);
        return 0;
    }
    for (v = PRINTF; v < VARIANTS; v++) {
        bench_op op = op_of(c, v);
        if (op == NULL)
            continue;
        memset(got, 0, sizeof got);
        if (op(got, sizeof got) != n || memcmp(want, got, n + 1) != 0) {
            fprintf(stderr,
                    "bench: case %c: %s writes other bytes than "
                    "libdsn:\n%s---\n%s",
                    c->id, variant_names[v], want, got);
            return 0;
        }
    }
    return 1;
}

size_t bench_hand_out(int ready, const bench_case *cases, size_t n,
                      const bench_case **out)
{
    size_t i;
    for (i = 0; ready && i < n; i++)
        ready = bench_same_output(&cases[i]);
    if (!ready)
        return 0;
    *out = cases;
    return n;
}

/* Read by nobody; keeps the compiler from dropping the ops' results. */
static volatile size_t sink;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double batch_ns(bench_op op, unsigned long n, char *buf)
{
    unsigned long i;
    size_t acc = 0;
    double t0 = now_ns(), t;
    for (i = 0; i < n; i++)
        acc += op(buf, BENCH_BUF);
    t = now_ns() - t0;
    sink += acc;
    return t;
}

/* Calls of op that take about target ns. */
static unsigned long calibrate(bench_op op, double target, char *buf)
{
    unsigned long n = 1;
    double t;
    while ((t = batch_ns(op, n, buf)) < target / 8 && n < (1ul << 30))
        n *= 2;
    n = (unsigned long)((double)n * target / (t > 1 ? t : 1));
    return n > 0 ? n : 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

typedef struct slot {
    const bench_case *c;
    int v;
    unsigned long calls;
    double ns[MAX_ROUNDS];
    double median;
} slot;

static size_t gather(const bench_case **all)
{
    size_t (*const groups[])(const bench_case **) = {
        bench_cases_format,
#ifdef BENCH_HAVE_REGISTRY
        bench_cases_registry,
#endif
        bench_cases_parse,
#ifdef BENCH_HAVE_DELIVERY
        bench_cases_delivery,
#endif
#ifdef BENCH_HAVE_BOUNCE
        bench_cases_bounce,
#endif
    };
    size_t g, i, n = 0;
    for (g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        const bench_case *cs;
        size_t k = groups[g](&cs);
        if (k == 0)
            return 0;
        for (i = 0; i < k && n < MAX_CASES; i++)
            all[n++] = &cs[i];
    }
    return n;
}

static int run_callgrind(const bench_case **all, size_t n, unsigned long iters)
{
#ifdef BENCH_HAVE_CALLGRIND
    static char buf[BENCH_BUF];
    size_t i;
    int v;
    for (i = 0; i < n; i++) {
        for (v = 0; v < VARIANTS; v++) {
            bench_op op = op_of(all[i], v);
            char desc[64];
            unsigned long k;
            size_t acc = 0;
            if (op == NULL)
                continue;
            op(buf, sizeof buf); /* first calls bind symbols and fault pages */
            snprintf(desc, sizeof desc, "%c %s %lu %u", all[i]->id,
                     variant_names[v], iters, all[i]->per_call);
            CALLGRIND_ZERO_STATS;
            for (k = 0; k < iters; k++)
                acc += op(buf, sizeof buf);
            CALLGRIND_DUMP_STATS_AT(desc);
            sink += acc;
        }
    }
    return 0;
#else
    (void)all;
    (void)n;
    (void)iters;
    fprintf(stderr, "bench: built without valgrind/callgrind.h\n");
    return 1;
#endif
}

static void print_table(slot *s, size_t n, size_t rounds, int tsv)
{
    size_t i;
    if (tsv) {
        for (i = 0; i < n; i++)
            printf("%c\t%s\t%.2f\t%s\n", s[i].c->id, variant_names[s[i].v],
                   s[i].median, s[i].c->what);
        return;
    }
    printf("median ns/op over %zu rounds; ratios from the same run\n\n",
           rounds);
    printf("%-4s %-46s %9s %9s %9s %10s %10s\n", "case", "operation", "libdsn",
           "snprintf", "memcpy", "snprintf/", "libdsn/");
    printf("%-4s %-46s %9s %9s %9s %10s %10s\n", "", "", "ns", "ns", "ns",
           "libdsn", "memcpy");
    for (i = 0; i < n;) {
        const bench_case *c = s[i].c;
        double ns[VARIANTS] = {-1, -1, -1};
        char cell[VARIANTS][16], r1[16] = "", r2[16] = "";
        int v;
        for (; i < n && s[i].c == c; i++)
            ns[s[i].v] = s[i].median;
        for (v = 0; v < VARIANTS; v++) {
            if (ns[v] < 0)
                strcpy(cell[v], "-");
            else
                snprintf(cell[v], sizeof cell[v], "%.1f", ns[v]);
        }
        if (ns[PRINTF] >= 0)
            snprintf(r1, sizeof r1, "%.1fx", ns[PRINTF] / ns[LIB]);
        if (ns[FLOOR] >= 0)
            snprintf(r2, sizeof r2, "%.2fx", ns[LIB] / ns[FLOOR]);
        printf("%-4c %-46s %9s %9s %9s %10s %10s\n", c->id, c->what, cell[LIB],
               cell[PRINTF], cell[FLOOR], r1[0] ? r1 : "-", r2[0] ? r2 : "-");
    }
}

static int usage(void)
{
    fprintf(stderr, "usage: bench [--rounds N] [--round-ms MS] [--quick] "
                    "[--tsv] [--callgrind N]\n");
    return 2;
}

int main(int argc, char **argv)
{
    static slot slots[MAX_CASES * VARIANTS];
    static char buf[BENCH_BUF];
    const bench_case *all[MAX_CASES];
    size_t ncases, nslots = 0, rounds = 31, r, i;
    double round_ms = 2;
    unsigned long callgrind = 0;
    int tsv = 0, a, v;

    for (a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--rounds") == 0 && a + 1 < argc)
            rounds = strtoul(argv[++a], NULL, 10);
        else if (strcmp(argv[a], "--round-ms") == 0 && a + 1 < argc)
            round_ms = strtod(argv[++a], NULL);
        else if (strcmp(argv[a], "--quick") == 0)
            rounds = 3, round_ms = 0.2;
        else if (strcmp(argv[a], "--tsv") == 0)
            tsv = 1;
        else if (strcmp(argv[a], "--callgrind") == 0 && a + 1 < argc)
            callgrind = strtoul(argv[++a], NULL, 10);
        else
            return usage();
    }
    if (rounds < 1 || rounds > MAX_ROUNDS || !(round_ms > 0))
        return usage();

    ncases = gather(all);
    if (ncases == 0)
        return 1;
    if (callgrind > 0)
        return run_callgrind(all, ncases, callgrind);

    for (i = 0; i < ncases; i++) {
        for (v = 0; v < VARIANTS; v++) {
            if (op_of(all[i], v) == NULL)
                continue;
            slots[nslots].c = all[i];
            slots[nslots].v = v;
            slots[nslots].calls =
                calibrate(op_of(all[i], v), round_ms * 1e6, buf);
            nslots++;
        }
    }
    for (r = 0; r < rounds; r++) {
        for (i = 0; i < nslots; i++) {
            slot *s = &slots[i];
            double t = batch_ns(op_of(s->c, s->v), s->calls, buf);
            s->ns[r] = t / (double)s->calls / s->c->per_call;
        }
    }
    for (i = 0; i < nslots; i++)
        slots[i].median = median(slots[i].ns, rounds);
    print_table(slots, nslots, rounds, tsv);
    return 0;
}

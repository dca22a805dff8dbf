/*
 * report_read.c - the DSN reader's benchmark (bench/report.sh runs it):
 * every message of a directory read into memory once, then, round after
 * round, dsn_report_read() and dsn_report_next() over all of them; prints
 * the median over the rounds of the ns per message, and the messages and
 * recipients read (the same in every round, or it fails).
 *
 *   bench_report DIR [--rounds N]      (prints "libdsn\t<ns>\t<msgs>\t<rcpts>")
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, dirent */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dsn.h"
#include "dsn/report.h"

#define MAX_MSGS 4096
#define MAX_ROUNDS 1001

typedef struct message {
    char *bytes;
    size_t len;
} message;

static message msgs[MAX_MSGS];
static size_t nmsgs;
static char *scratch;
static size_t scratch_size;

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

static int load(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL && nmsgs < MAX_MSGS) {
        FILE *f;
        long n;
        if (!ends_with(e->d_name, ".eml"))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        f = fopen(path, "rb");
        if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
            fseek(f, 0, SEEK_SET) != 0) {
            if (f)
                fclose(f);
            closedir(d);
            return -1;
        }
        msgs[nmsgs].bytes = malloc((size_t)n + 1);
        msgs[nmsgs].len =
            msgs[nmsgs].bytes ? fread(msgs[nmsgs].bytes, 1, (size_t)n, f) : 0;
        fclose(f);
        if (2 * msgs[nmsgs].len > scratch_size)
            scratch_size = 2 * msgs[nmsgs].len;
        nmsgs++;
    }
    closedir(d);
    scratch = malloc(scratch_size + 1);
    return scratch != NULL && nmsgs > 0 ? 0 : -1;
}

/* One pass over every message: returns the recipients read. */
static size_t pass(size_t *reports)
{
    size_t i, rcpts = 0;
    *reports = 0;
    for (i = 0; i < nmsgs; i++) {
        dsn_report rep;
        dsn_report_recipient r;
        if (dsn_report_read(msgs[i].bytes, msgs[i].len, scratch, scratch_size,
                            &rep) != DSN_OK)
            continue;
        ++*reports;
        while (dsn_report_next(&rep, &r) == 1)
            rcpts++;
    }
    return rcpts;
}

/* The process's CPU time: on a machine shared with other jobs, time
 * spent waiting for a core is not counted (bench/report.sh says why). */
static double cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    static double ns[MAX_ROUNDS];
    long rounds = 31;
    size_t first_rcpts, first_reports, reports, per = 20, r, k;
    if (argc >= 4 && strcmp(argv[2], "--rounds") == 0)
        rounds = strtol(argv[3], NULL, 10);
    if (argc < 2 || rounds < 1 || rounds > MAX_ROUNDS) {
        fputs("usage: bench_report DIR [--rounds N]\n", stderr);
        return 2;
    }
    if (load(argv[1]) != 0) {
        fprintf(stderr, "bench_report: cannot read the messages of %s\n",
                argv[1]);
        return 1;
    }
    first_rcpts = pass(&first_reports);
    for (r = 0; r < (size_t)rounds; r++) {
        double t0 = cpu_ns();
        for (k = 0; k < per; k++)
            if (pass(&reports) != first_rcpts || reports != first_reports) {
                fputs("bench_report: a pass read other recipients\n", stderr);
                return 1;
            }
        ns[r] = (cpu_ns() - t0) / (double)(per * nmsgs);
    }
    qsort(ns, (size_t)rounds, sizeof ns[0], cmp_double);
    printf("libdsn\t%.1f\t%zu\t%zu\n", ns[rounds / 2], nmsgs, first_rcpts);
    return 0;
}

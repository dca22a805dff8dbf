/* Case G: parsing a 3-line reply, as a client reads one. */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "dsn.h"

/* what a server sends: libdsn's own rendering of a 3-line reply */
static char g_wire[256];
static size_t g_len;

static size_t g_lib(char *buf, size_t size)
{
    dsn_parsed_reply p;
    dsn_slice lines[4];
    int n = dsn_parse_reply(g_wire, g_len, &p, lines, 4, NULL);
    (void)size;
    buf[0] = (char)p.lines; /* the result leaves the op */
    return n > 0 && p.lines == 3 ? (size_t)n : 0;
}

static const bench_case cases[] = {
    {'G', "dsn_parse_reply of a 3-line reply", 1, g_lib, NULL, NULL},
};

size_t bench_cases_parse(const bench_case **out)
{
    char tmp[8];
    dsn_reply r = dsn_create(BENCH_3_CODE, BENCH_3_LINES, BENCH_3_SUBJECT,
                             BENCH_3_DETAIL);
    g_len = dsn_format(&r, g_wire, sizeof g_wire);
    if (g_len >= sizeof g_wire || g_lib(tmp, sizeof tmp) != g_len) {
        fprintf(stderr, "bench: case G does not parse its reply\n");
        return 0;
    }
    *out = cases;
    return sizeof cases / sizeof cases[0];
}

/*
 * Cases A-D: formatting replies. Each libdsn op builds the reply
 * and formats it, as a server does for every command; the snprintf op is
 * what a server author would write by hand for the same bytes, and the
 * memcpy op copies bytes rendered once at start-up: the floor.
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "dsn.h"

#define B_MSG "Mailbox full, try later"
#define B_CODE 452
#define D_LEN 1500

/* ---- A: the default reply */

static size_t a_lib(char *buf, size_t size)
{
    dsn_reply r = dsn_no_such_user(NULL, 0);
    return dsn_format(&r, buf, size);
}

static size_t a_printf(char *buf, size_t size)
{
    const dsn_entry *e = &dsn_entries[DSN_ID_no_such_user];
    int n = snprintf(buf, size, "%d %d.%d.%d %s\r\n", e->code, e->code / 100,
                     e->subject, e->detail, e->message);
    return n > 0 ? (size_t)n : 0;
}

/* ---- B: a custom message and code */

static size_t b_lib(char *buf, size_t size)
{
    dsn_reply r = dsn_mbox_full(B_MSG, B_CODE);
    return dsn_format(&r, buf, size);
}

static size_t b_printf(char *buf, size_t size)
{
    const dsn_entry *e = &dsn_entries[DSN_ID_mbox_full];
    int n = snprintf(buf, size, "%d %d.%d.%d %s\r\n", B_CODE, B_CODE / 100,
                     e->subject, e->detail, B_MSG);
    return n > 0 ? (size_t)n : 0;
}

/* ---- C: three lines */

static size_t c_lib(char *buf, size_t size)
{
    dsn_reply r = dsn_create(BENCH_3_CODE, BENCH_3_LINES, BENCH_3_SUBJECT,
                             BENCH_3_DETAIL);
    return dsn_format(&r, buf, size);
}

static size_t c_printf(char *buf, size_t size)
{
    int n = snprintf(
        buf, size, "%d-%d.%d.%d %s\r\n%d-%d.%d.%d %s\r\n%d %d.%d.%d %s\r\n",
        BENCH_3_CODE, BENCH_3_CODE / 100, BENCH_3_SUBJECT, BENCH_3_DETAIL,
        BENCH_LINE1, BENCH_3_CODE, BENCH_3_CODE / 100, BENCH_3_SUBJECT,
        BENCH_3_DETAIL, BENCH_LINE2, BENCH_3_CODE, BENCH_3_CODE / 100,
        BENCH_3_SUBJECT, BENCH_3_DETAIL, BENCH_LINE3);
    return n > 0 ? (size_t)n : 0;
}

/* ---- D: 1,500 bytes of words, wrapped at 512 octets */

static char d_msg[D_LEN + 1];
/* where libdsn broke the lines, so that snprintf writes the same ones */
static dsn_slice d_lines[8];
static size_t d_count;
static char d_wire[BENCH_BUF];

static size_t d_lib(char *buf, size_t size)
{
    dsn_reply r =
        dsn_create(BENCH_3_CODE, d_msg, BENCH_3_SUBJECT, BENCH_3_DETAIL);
    return dsn_format(&r, buf, size);
}

static size_t d_printf(char *buf, size_t size)
{
    size_t i, off = 0;
    for (i = 0; i < d_count; i++) {
        int n = snprintf(buf + off, size - off, "%d%c%d.%d.%d %.*s\r\n",
                         BENCH_3_CODE, i + 1 < d_count ? '-' : ' ',
                         BENCH_3_CODE / 100, BENCH_3_SUBJECT, BENCH_3_DETAIL,
                         (int)d_lines[i].len, d_lines[i].ptr);
        if (n <= 0 || (size_t)n >= size - off)
            return 0;
        off += (size_t)n;
    }
    return off;
}

static int d_prepare(void)
{
    static const char words[] = "the quick brown fox jumps over a lazy dog ";
    dsn_parsed_reply p;
    size_t i;
    int n;
    for (i = 0; i < D_LEN; i++)
        d_msg[i] = words[i % (sizeof words - 1)];
    d_msg[D_LEN] = '\0';
    if (d_lib(d_wire, sizeof d_wire) >= sizeof d_wire)
        return 0;
    n = dsn_parse_reply(d_wire, strlen(d_wire), &p, d_lines,
                        sizeof d_lines / sizeof d_lines[0], NULL);
    if (n <= 0 || p.lines > sizeof d_lines / sizeof d_lines[0] || p.lines < 3) {
        fprintf(stderr, "bench: case D does not wrap as expected\n");
        return 0;
    }
    d_count = p.lines;
    return 1;
}

/* ---- the floors: the replies rendered once, then copied */

BENCH_FLOOR(a)
BENCH_FLOOR(b)
BENCH_FLOOR(c)
BENCH_FLOOR(d)

static const bench_case cases[] = {
    {'A', "dsn_no_such_user(NULL, 0) + format", 1, a_lib, a_printf, a_floor},
    {'B', "dsn_mbox_full(own text, 452) + format", 1, b_lib, b_printf, b_floor},
    {'C', "dsn_create(550, 3 lines, 1, 1) + format", 1, c_lib, c_printf,
     c_floor},
    {'D', "1,500-byte message wrapped at 512 + format", 1, d_lib, d_printf,
     d_floor},
};

size_t bench_cases_format(const bench_case **out)
{
    int ready = d_prepare() && a_fill() && b_fill() && c_fill() && d_fill();
    return bench_hand_out(ready, cases, sizeof cases / sizeof cases[0], out);
}

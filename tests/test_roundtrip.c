/*
 * dsn_parse_reply(dsn_format(r)) gives back r: for every row of
 * dsn_table.def, with its default code and with a code of another class,
 * with and without the enhanced code, and for a set of messages (default,
 * ASCII, UTF-8, multi-line, control characters, a leading space, and long
 * ones that wrap at 512 octets), the parsed code, enhanced code and lines
 * are r's. Both parser modes must accept what the formatter writes, every
 * prefix of it must be "incomplete", and the parser's own 512-octet limit
 * checks the formatter's wrapping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "dsn.h"

#define MAX_LINES 16

static const dsn_parse_options strict_opt = {DSN_PARSE_STRICT, 0};

/* The lines a short message gives: control characters removed, split at
 * '\n', empty lines dropped (the rules of dsn_format, without wrapping). */
static size_t expected_lines(const char *msg, char out[][600])
{
    size_t n = 0, len = 0;
    const char *p;
    for (p = msg;; p++) {
        if (*p == '\n' || *p == '\0') {
            if (len > 0) {
                out[n][len] = '\0';
                n++;
                len = 0;
            }
            if (*p == '\0')
                break;
        } else if (!((unsigned char)*p < 0x20 || *p == 0x7f)) {
            out[n][len++] = *p;
        }
    }
    return n;
}

static char *format_exact(const dsn_reply *r, unsigned flags, size_t *len)
{
    size_t n = dsn_format_ex(r, flags, NULL, 0);
    char *buf = malloc(n + 1), *exact;
    assert_true(n > 0);
    assert_non_null(buf);
    assert_int_equal(dsn_format_ex(r, flags, buf, n + 1), n);
    /* parsed from a buffer of exactly its length */
    exact = malloc(n);
    assert_non_null(exact);
    memcpy(exact, buf, n);
    free(buf);
    *len = n;
    return exact;
}

/*
 * Formats r, parses it in both modes, checks code and enhanced code, and
 * leaves the lines of the lenient parse in lines (pointing into *wire,
 * which the caller frees). Returns the number of lines.
 */
static size_t roundtrip(const dsn_reply *r, unsigned flags, char **wire,
                        dsn_slice *lines, int prefixes)
{
    size_t len, k, i, n;
    int mode;
    dsn_parsed_reply p;
    dsn_slice strict_lines[MAX_LINES];
    char *w = format_exact(r, flags, &len);
    /* UTF-8 text (RFC 6531) is taken in both modes, and flagged */
    unsigned eightbit = 0;
    for (k = 0; k < len; k++)
        if ((unsigned char)w[k] >= 0x80)
            eightbit = DSN_REPLY_EIGHTBIT;
    for (mode = 0; mode < 2; mode++) {
        dsn_slice *l = mode == 0 ? lines : strict_lines;
        int got = dsn_parse_reply(w, len, &p, l, MAX_LINES,
                                  mode == 0 ? NULL : &strict_opt);
        if (got != (int)len)
            fail_msg("%s: parse gives %d (%s) for \"%.*s\"",
                     mode ? "strict" : "lenient", got, dsn_err_name(got),
                     (int)len, w);
        assert_int_equal(p.code, r->code);
        if ((flags | r->flags) & DSN_FMT_NO_ENHANCED) {
            assert_int_equal(p.flags, eightbit);
        } else {
            assert_int_equal(p.flags, DSN_REPLY_STATUS | eightbit);
            assert_int_equal(p.status.cls, r->cls);
            assert_int_equal(p.status.subject, r->subject);
            assert_int_equal(p.status.detail, r->detail);
        }
        assert_true(p.lines <= MAX_LINES);
    }
    /* both modes see the same lines */
    n = p.lines;
    for (i = 0; i < n; i++) {
        assert_ptr_equal(lines[i].ptr, strict_lines[i].ptr);
        assert_int_equal(lines[i].len, strict_lines[i].len);
    }
    if (prefixes)
        for (k = 0; k < len; k++)
            assert_int_equal(dsn_parse_reply(w, k, &p, NULL, 0, NULL),
                             DSN_EINCOMPLETE);
    *wire = w;
    return n;
}

static void check_lines(const dsn_slice *got, size_t n, char want[][600],
                        size_t nwant, const char *what)
{
    size_t i;
    if (n != nwant)
        fail_msg("%s: %zu lines, want %zu", what, n, nwant);
    for (i = 0; i < n; i++)
        if (got[i].len != strlen(want[i]) ||
            memcmp(got[i].ptr, want[i], got[i].len) != 0)
            fail_msg("%s: line %zu \"%.*s\", want \"%s\"", what, i,
                     (int)got[i].len, got[i].ptr, want[i]);
}

static const char *const messages[] = {
    NULL, /* the row's default text */
    "Plain ASCII text",
    "Bo\xc3\xaete pleine \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
    "\xf0\x9f\x98\x80",
    "first line\nsecond line\nthird line",
    "trailing newline\n",
    "\nempty\n\nlines\n\n",
    "tab\there, bell\x07, CR\r and DEL\x7f are removed",
    " a leading space is kept",
    "two  inner  spaces and a trailing one ",
    "\x01\x02\n\x03", /* nothing left: the default text */
    "5.1.1 looks like a code but is text",
    "# and #5.1.0 at the start",
};

/* A code of another class than the row's, so the enhanced class follows. */
static int other_code(int code)
{
    switch (code / 100) {
    case 5:
        return 451;
    case 4:
        return 554;
    default:
        return 252;
    }
}

static void test_every_row_every_message(void **state)
{
    static char want[MAX_LINES][600];
    size_t m, runs = 0;
    int id, variant;
    unsigned fmt;
    (void)state;
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        const dsn_entry *e = &dsn_entries[id];
        for (variant = 0; variant < 2; variant++) {
            int code = variant == 0 ? 0 : other_code(e->code);
            for (m = 0; m < sizeof messages / sizeof messages[0]; m++) {
                for (fmt = 0; fmt <= DSN_FMT_NO_ENHANCED; fmt++) {
                    dsn_reply r = dsn_from_id(id, messages[m], code);
                    dsn_slice lines[MAX_LINES];
                    char what[160], *wire;
                    size_t n, nwant;
                    if (fmt == DSN_FMT_NO_ENHANCED && m == 10)
                        continue; /* its text would be read as a code */
                    n = roundtrip(&r, fmt, &wire, lines, m < 4);
                    nwant = expected_lines(
                        messages[m] != NULL ? messages[m] : "", want);
                    if (nwant == 0)
                        nwant = expected_lines(e->message, want);
                    snprintf(what, sizeof what, "%s, message %zu, code %d%s",
                             e->name, m, code, fmt ? ", no enhanced" : "");
                    check_lines(lines, n, want, nwant, what);
                    free(wire);
                    runs++;
                }
            }
        }
    }
    printf("round trip: %zu replies\n", runs);
    assert_true(runs > 3000);
}

/* Digits of v (0..999). */
static size_t digits(int v)
{
    return v >= 100 ? 3 : v >= 10 ? 2 : 1;
}

/* Text octets per line: 512 less "550-", "5.1.1 " and CRLF. */
static size_t text_room(const dsn_reply *r, unsigned fmt)
{
    size_t prefix = 4 + 2;
    if (!(fmt & DSN_FMT_NO_ENHANCED))
        prefix +=
            digits(r->cls) + 1 + digits(r->subject) + 1 + digits(r->detail) + 1;
    return DSN_LINE_MAX - prefix;
}

/* Long messages wrap; the parser's 512 limit holds for every line and the
 * text comes back whole. */
static void test_wrapped(void **state)
{
    char *words, *cjk, *exact;
    size_t i, len;
    int id;
    unsigned fmt;
    (void)state;
    /* 1300 octets of "w000 w001 ...": wraps at spaces */
    words = malloc(2000);
    assert_non_null(words);
    for (i = 0, len = 0; len < 1300; i++)
        len += (size_t)sprintf(words + len, "%sw%03zu", i ? " " : "", i);
    /* 300 three-byte characters, no space: split between characters */
    cjk = malloc(901);
    assert_non_null(cjk);
    for (i = 0; i < 300; i++)
        memcpy(cjk + 3 * i, "\xe6\x97\xa5", 3);
    cjk[900] = '\0';
    exact = malloc(DSN_LINE_MAX + 2);
    assert_non_null(exact);

    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        for (fmt = 0; fmt <= DSN_FMT_NO_ENHANCED; fmt++) {
            dsn_reply r = dsn_from_id(id, words, 0);
            dsn_slice lines[MAX_LINES];
            char *wire, joined[2000];
            size_t n, j, room = text_room(&r, fmt);

            /* words: joined back with the dropped spaces */
            n = roundtrip(&r, fmt, &wire, lines, 1);
            assert_true(n >= 3);
            for (i = 0, j = 0; i < n; i++) {
                assert_true(lines[i].len <= room);
                assert_true(lines[i].len > 0);
                if (i > 0)
                    joined[j++] = ' ';
                memcpy(joined + j, lines[i].ptr, lines[i].len);
                j += lines[i].len;
            }
            assert_int_equal(j, strlen(words));
            assert_memory_equal(joined, words, j);
            free(wire);

            /* UTF-8 without spaces: concatenated back, split between
             * characters only */
            r = dsn_from_id(id, cjk, 0);
            n = roundtrip(&r, fmt, &wire, lines, 0);
            assert_true(n >= 2);
            for (i = 0, j = 0; i < n; i++) {
                assert_true(lines[i].len <= room);
                assert_int_equal(lines[i].len % 3, 0);
                assert_memory_equal(lines[i].ptr, cjk + j, lines[i].len);
                j += lines[i].len;
            }
            assert_int_equal(j, 900);
            free(wire);

            /* exactly the room: one line of 512 octets; one more: two */
            memset(exact, 'x', room + 1);
            exact[room] = '\0';
            r = dsn_from_id(id, exact, 0);
            n = roundtrip(&r, fmt, &wire, lines, 0);
            assert_int_equal(n, 1);
            assert_int_equal(lines[0].len, room);
            free(wire);
            exact[room] = 'x';
            exact[room + 1] = '\0';
            n = roundtrip(&r, fmt, &wire, lines, 0);
            assert_int_equal(n, 2);
            assert_int_equal(lines[0].len, room);
            assert_int_equal(lines[1].len, 1);
            free(wire);
        }
    }
    free(words);
    free(cjk);
    free(exact);
}

/* Enhanced codes outside the table (3-digit details, 0s) round trip too. */
static void test_codes_outside_the_table(void **state)
{
    static const struct {
        int code, subject, detail;
    } codes[] = {
        {550, 7, 606},   {451, 7, 650}, {421, 7, 28},  {250, 0, 0},
        {550, 999, 999}, {450, 0, 100}, {554, 100, 0}, {252, 1, 5},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        dsn_reply r = dsn_create(codes[i].code, "Some text\nand more",
                                 codes[i].subject, codes[i].detail);
        dsn_slice lines[MAX_LINES];
        char *wire;
        size_t n = roundtrip(&r, 0, &wire, lines, 1);
        assert_int_equal(n, 2);
        assert_int_equal(lines[1].len, 8);
        assert_memory_equal(lines[1].ptr, "and more", 8);
        free(wire);
    }
}

/* dsn_basic replies: 3xx and the empty "354\r\n". */
static void test_basic_replies(void **state)
{
    static const struct {
        int code;
        const char *msg;
        size_t lines;
    } cases[] = {
        {354, "End data with <CR><LF>.<CR><LF>", 1},
        {220, "mail.example.com ESMTP", 1},
        {250, "mail.example.com\nPIPELINING\nSIZE 10240000\n8BITMIME", 4},
        {354, NULL, 1},
        {334, "", 1},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dsn_reply r = dsn_basic(cases[i].code, cases[i].msg);
        dsn_slice lines[MAX_LINES];
        char *wire;
        size_t n = roundtrip(&r, 0, &wire, lines, 1);
        assert_int_equal(n, cases[i].lines);
        if (cases[i].msg == NULL || cases[i].msg[0] == '\0')
            assert_int_equal(lines[0].len, 0);
        free(wire);
    }
}

CMOCKA_MAIN({
    cmocka_unit_test(test_every_row_every_message),
    cmocka_unit_test(test_wrapped),
    cmocka_unit_test(test_codes_outside_the_table),
    cmocka_unit_test(test_basic_replies),
})

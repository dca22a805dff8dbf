/*
 * dsn_parse_reply: the API contract (slices, capacity, errors, line limit,
 * pipelining) by hand, then the corpus of tests/corpus/ (format in its
 * README.md): every case in each mode it names, on the whole input, on
 * every prefix of it, with the following bytes, and with little room for
 * slices. Inputs live in heap buffers of exactly their length, so a read
 * past len is caught by ASan or valgrind.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "support/slice_fields.h"
#include "../src/hex.h"
#include "dsn.h"
#include "support/source_file.h"

#define MAX_LINES 64

static const dsn_parse_options strict_opt = {DSN_PARSE_STRICT, 0};

/* A heap copy of exactly len bytes (at least 1 allocated). */
static char *exact_copy(const char *s, size_t len)
{
    char *p = malloc(len > 0 ? len : 1);
    assert_non_null(p);
    if (len > 0)
        memcpy(p, s, len);
    return p;
}

static int parse_exact(const char *s, size_t len, dsn_parsed_reply *out,
                       const dsn_parse_options *opt)
{
    dsn_slice lines[MAX_LINES];
    char *copy = exact_copy(s, len);
    int r = dsn_parse_reply(copy, len, out, lines, MAX_LINES, opt);
    free(copy);
    return r;
}

static void test_single_line(void **state)
{
    static const char in[] = "550 5.1.1 No such user\r\n";
    dsn_parsed_reply r;
    dsn_slice lines[4];
    (void)state;
    assert_int_equal(dsn_parse_reply(in, sizeof in - 1, &r, lines, 4, NULL),
                     sizeof in - 1);
    assert_int_equal(r.code, 550);
    assert_int_equal(r.flags, DSN_REPLY_STATUS);
    assert_int_equal(r.status.cls, 5);
    assert_int_equal(r.status.subject, 1);
    assert_int_equal(r.status.detail, 1);
    assert_int_equal(r.lines, 1);
    /* a slice of the caller's buffer, not a copy */
    assert_ptr_equal(lines[0].ptr, in + 10);
    assert_int_equal(lines[0].len, 12);
}

static void test_multi_line_and_capacity(void **state)
{
    static const char in[] = "550-5.1.1 one\r\n"
                             "550-5.1.1 two\r\n"
                             "550-5.1.1 three\r\n"
                             "550-5.1.1 four\r\n"
                             "550 5.1.1 five\r\n"
                             "250 next reply\r\n";
    const int want = (int)(sizeof in - 1 - strlen("250 next reply\r\n"));
    dsn_parsed_reply r;
    dsn_slice lines[3];
    const dsn_slice canary = {"canary", 6};
    (void)state;
    lines[2] = canary;
    assert_int_equal(dsn_parse_reply(in, sizeof in - 1, &r, lines, 2, NULL),
                     want);
    /* every line is counted, only cap of them are stored */
    assert_int_equal(r.lines, 5);
    expect_slice(lines[0], "one");
    expect_slice(lines[1], "two");
    assert_ptr_equal(lines[2].ptr, canary.ptr);
    assert_int_equal(lines[2].len, canary.len);
    assert_int_equal(dsn_parse_reply(in, sizeof in - 1, &r, NULL, 0, NULL),
                     want);
    assert_int_equal(r.lines, 5);
    assert_int_equal(r.code, 550);
    assert_int_equal(r.flags, DSN_REPLY_STATUS);
}

static void test_pipelined_stream(void **state)
{
    static const char in[] = "250 2.1.0 Ok\r\n"
                             "250 2.1.5 Ok\r\n"
                             "550 5.1.1 No such user\r\n"
                             "354 End data with <CR><LF>.<CR><LF>\r\n"
                             "250-partial\r\n";
    static const int codes[] = {250, 250, 550, 354};
    static const int details[] = {0, 5, 1, -1};
    const char *p = in;
    size_t left = sizeof in - 1, i;
    dsn_parsed_reply r;
    dsn_slice line;
    (void)state;
    for (i = 0; i < 4; i++) {
        int n = dsn_parse_reply(p, left, &r, &line, 1, NULL);
        assert_true(n > 0);
        assert_int_equal(r.code, codes[i]);
        if (details[i] < 0) {
            assert_int_equal(r.flags & DSN_REPLY_STATUS, 0);
        } else {
            assert_int_equal(r.flags, DSN_REPLY_STATUS);
            assert_int_equal(r.status.detail, details[i]);
        }
        p += n;
        left -= (size_t)n;
    }
    assert_int_equal(dsn_parse_reply(p, left, &r, &line, 1, NULL),
                     DSN_EINCOMPLETE);
}

static void test_bad_arguments(void **state)
{
    dsn_parsed_reply r;
    dsn_slice line;
    (void)state;
    assert_int_equal(dsn_parse_reply("250 OK\r\n", 8, NULL, &line, 1, NULL),
                     DSN_EINVAL);
    assert_int_equal(dsn_parse_reply(NULL, 8, &r, &line, 1, NULL), DSN_EINVAL);
    assert_int_equal(dsn_parse_reply("250 OK\r\n", 8, &r, NULL, 1, NULL),
                     DSN_EINVAL);
    assert_int_equal(dsn_parse_reply(NULL, 0, &r, NULL, 0, NULL),
                     DSN_EINCOMPLETE);
    assert_int_equal(dsn_parse_reply("", 0, &r, &line, 1, NULL),
                     DSN_EINCOMPLETE);
}

/* Every error says where its line starts (offset) and where to go on
 * (resume), so that the caller can keep reading the stream. */
static void test_error_line_index(void **state)
{
    static const char in[] = "550-5.1.1 one\r\n550-5.1.1 two\r\n"
                             "550 5.1.1 a\rb\r\n250 next\r\n";
    static const char in2[] = "550-5.1.1 one\r\n551 5.1.1 two\r\n";
    /* a greeting started, then a refusal */
    static const char greet[] = "220-mx.example.net ESMTP\r\n"
                                "521 5.7.1 Service unavailable\r\n";
    static const char junk[] = "250-a\r\nxyz\r\n250 b\r\n";
    dsn_parsed_reply r;
    dsn_slice line;
    (void)state;
    assert_int_equal(parse_exact(in, sizeof in - 1, &r, &strict_opt),
                     DSN_EBARECR);
    assert_int_equal(r.lines, 2);
    assert_int_equal(r.offset, 30);
    assert_int_equal(r.resume, 45);
    assert_int_equal(r.code, 550);
    assert_int_equal(parse_exact(in2, sizeof in2 - 1, &r, NULL),
                     DSN_ECODEMISMATCH);
    assert_int_equal(r.lines, 1);
    assert_int_equal(r.offset, 15);
    assert_int_equal(r.resume, 15);
    /* the 521 line is found, and parses from there */
    assert_int_equal(parse_exact(greet, sizeof greet - 1, &r, NULL),
                     DSN_ECODEMISMATCH);
    assert_int_equal(r.offset, 26);
    assert_int_equal(r.resume, 26);
    assert_int_equal(dsn_parse_reply(greet + r.resume,
                                     sizeof greet - 1 - r.resume, &r, &line, 1,
                                     NULL),
                     (int)(sizeof greet - 1 - 26));
    assert_int_equal(r.code, 521);
    assert_int_equal(r.status.cls, 5);
    assert_int_equal(r.status.subject, 7);
    assert_int_equal(r.status.detail, 1);
    expect_slice(line, "Service unavailable");
    /* a line without a code: resume after it */
    assert_int_equal(parse_exact(junk, sizeof junk - 1, &r, NULL),
                     DSN_EREPLYCODE);
    assert_int_equal(r.lines, 1);
    assert_int_equal(r.offset, 7);
    assert_int_equal(r.resume, 12);
    assert_int_equal(
        dsn_parse_reply(junk + 12, sizeof junk - 1 - 12, &r, NULL, 0, NULL),
        (int)(sizeof junk - 1 - 12));
    /* the line end not there yet: resume at len (drop what there is) */
    assert_int_equal(parse_exact("250-a\r\nxyz", 11, &r, NULL), DSN_EREPLYCODE);
    assert_int_equal(r.offset, 7);
    assert_int_equal(r.resume, 11);
    /* incomplete: nothing consumed */
    assert_int_equal(parse_exact("250-a\r\n250 b", 13, &r, NULL),
                     DSN_EINCOMPLETE);
    assert_int_equal(r.lines, 1);
    assert_int_equal(r.offset, 7);
    assert_int_equal(r.resume, 0);
    /* success: resume is what was used */
    assert_int_equal(parse_exact("250 ok\r\n", 8, &r, NULL), 8);
    assert_int_equal(r.resume, 8);
    assert_int_equal(r.offset, 0);
}

/* A line of exactly len bytes: "250 " then 'x's, then CRLF (or LF). */
static char *make_line(size_t len, int crlf)
{
    char *s = malloc(len);
    assert_non_null(s);
    assert_true(len >= 6);
    memcpy(s, "250 ", 4);
    memset(s + 4, 'x', len - 4);
    if (crlf)
        s[len - 2] = '\r';
    s[len - 1] = '\n';
    return s;
}

static void test_line_limit(void **state)
{
    dsn_parsed_reply r;
    dsn_parse_options big = {0, 100000};
    dsn_parse_options big_strict = {DSN_PARSE_STRICT, 100000};
    char *s;
    size_t cut;
    (void)state;
    /* 512 octets with CRLF: the most RFC 5321 allows */
    s = make_line(DSN_LINE_MAX, 1);
    assert_int_equal(parse_exact(s, DSN_LINE_MAX, &r, NULL), DSN_LINE_MAX);
    assert_int_equal(r.flags, 0);
    assert_int_equal(parse_exact(s, DSN_LINE_MAX, &r, &strict_opt),
                     DSN_LINE_MAX);
    /* every cut is incomplete, never too long */
    for (cut = 0; cut < DSN_LINE_MAX; cut++)
        assert_int_equal(parse_exact(s, cut, &r, &strict_opt), DSN_EINCOMPLETE);
    free(s);
    /* 513: too long for strict, as soon as 512 bytes show no line end;
     * lenient takes it, flagged, as Postfix does */
    s = make_line(DSN_LINE_MAX + 1, 1);
    assert_int_equal(parse_exact(s, DSN_LINE_MAX + 1, &r, &strict_opt),
                     DSN_ELINETOOLONG);
    assert_int_equal(r.offset, 0);
    assert_int_equal(r.resume, DSN_LINE_MAX + 1);
    assert_int_equal(parse_exact(s, DSN_LINE_MAX, &r, &strict_opt),
                     DSN_ELINETOOLONG);
    assert_int_equal(r.resume, DSN_LINE_MAX);
    assert_int_equal(parse_exact(s, DSN_LINE_MAX - 1, &r, &strict_opt),
                     DSN_EINCOMPLETE);
    assert_int_equal(parse_exact(s, DSN_LINE_MAX + 1, &r, NULL),
                     DSN_LINE_MAX + 1);
    assert_int_equal(r.flags, DSN_REPLY_LONG_LINE);
    /* a caller may allow longer lines */
    assert_int_equal(parse_exact(s, DSN_LINE_MAX + 1, &r, &big),
                     DSN_LINE_MAX + 1);
    free(s);
    /* bare LF: 512 bytes with the LF */
    s = make_line(DSN_LINE_MAX, 0);
    assert_int_equal(parse_exact(s, DSN_LINE_MAX, &r, NULL), DSN_LINE_MAX);
    assert_int_equal(r.flags, DSN_REPLY_BARE_LF);
    free(s);
    s = make_line(DSN_LINE_MAX + 1, 0);
    assert_int_equal(parse_exact(s, DSN_LINE_MAX + 1, &r, NULL),
                     DSN_LINE_MAX + 1);
    assert_int_equal(r.flags, DSN_REPLY_BARE_LF | DSN_REPLY_LONG_LINE);
    free(s);
    /* the lenient limit: 2048 octets taken, 2049 not */
    s = make_line(DSN_LENIENT_LINE_MAX, 1);
    assert_int_equal(parse_exact(s, DSN_LENIENT_LINE_MAX, &r, NULL),
                     DSN_LENIENT_LINE_MAX);
    assert_int_equal(r.flags, DSN_REPLY_LONG_LINE);
    free(s);
    s = make_line(DSN_LENIENT_LINE_MAX + 1, 1);
    assert_int_equal(parse_exact(s, DSN_LENIENT_LINE_MAX + 1, &r, NULL),
                     DSN_ELINETOOLONG);
    assert_int_equal(parse_exact(s, DSN_LENIENT_LINE_MAX, &r, NULL),
                     DSN_ELINETOOLONG);
    assert_int_equal(parse_exact(s, DSN_LENIENT_LINE_MAX - 1, &r, NULL),
                     DSN_EINCOMPLETE);
    free(s);
    /* a long line, every cut of it */
    s = make_line(5000, 1);
    assert_int_equal(parse_exact(s, 5000, &r, &big), 5000);
    assert_int_equal(parse_exact(s, 5000, &r, &big_strict), 5000);
    assert_int_equal(r.flags, DSN_REPLY_LONG_LINE);
    assert_int_equal(parse_exact(s, 5000, &r, NULL), DSN_ELINETOOLONG);
    for (cut = 0; cut < 5000; cut += 7)
        assert_int_equal(parse_exact(s, cut, &r, &big), DSN_EINCOMPLETE);
    free(s);
}

static void test_tiny_line_limit(void **state)
{
    dsn_parsed_reply r;
    dsn_parse_options o = {0, 0};
    (void)state;
    o.max_line = 5;
    assert_int_equal(parse_exact("250\r\n", 5, &r, &o), 5);
    assert_int_equal(parse_exact("250 \r\n", 6, &r, &o), DSN_ELINETOOLONG);
    o.max_line = 4;
    assert_int_equal(parse_exact("250\r\n", 5, &r, &o), DSN_ELINETOOLONG);
    assert_int_equal(parse_exact("250\n", 4, &r, &o), 4);
    o.max_line = 3;
    assert_int_equal(parse_exact("250\n", 4, &r, &o), DSN_ELINETOOLONG);
    assert_int_equal(parse_exact("250 x\r\n", 7, &r, &o), DSN_ELINETOOLONG);
    o.max_line = 1;
    assert_int_equal(parse_exact("250 x\r\n", 7, &r, &o), DSN_ELINETOOLONG);
    assert_int_equal(parse_exact("25", 2, &r, &o), DSN_EINCOMPLETE);
}

/* Lenient and strict side by side on the cases the issue names. */
static void test_lenient_and_strict(void **state)
{
    static const struct {
        const char *in;
        int lenient, strict; /* result: 0 accepted, else the error */
        unsigned flags;      /* lenient flags */
    } cases[] = {
        {"550 #5.1.0 Address rejected\r\n", 0, DSN_ESTATUS,
         DSN_REPLY_STATUS | DSN_REPLY_HASH},
        {"550 5.7.606 Access denied, banned sending IP\r\n", 0, 0,
         DSN_REPLY_STATUS},
        {"250\r\n", 0, 0, 0},
        {"250 OK\n", 0, DSN_EBARELF, DSN_REPLY_BARE_LF},
        {"550 4.1.1 x\r\n", 0, DSN_EBADCLASS, DSN_REPLY_CLASS_MISMATCH},
        {"550-5.1.1 a\r\n550 5.1.2 b\r\n", 0, DSN_ESTATUSMIXED,
         DSN_REPLY_STATUS | DSN_REPLY_STATUS_MIXED},
        {"550 5.01.1 x\r\n", 0, DSN_ESTATUS, DSN_REPLY_BAD_STATUS},
        {"571 5.7.1 x\r\n", 0, DSN_EREPLYCODE,
         DSN_REPLY_STATUS | DSN_REPLY_ODD_CODE},
        {"550 5.1.1 \x01\r\n", 0, DSN_ECTRL, DSN_REPLY_STATUS | DSN_REPLY_CTRL},
        {"550 5.1.1 \0\r\n", 0, DSN_ECTRL, DSN_REPLY_STATUS | DSN_REPLY_CTRL},
        {"550 5.1.1 a\rb\r\n", 0, DSN_EBARECR,
         DSN_REPLY_STATUS | DSN_REPLY_BARE_CR | DSN_REPLY_CTRL},
        {"550 5.1.1 a\r\r\n", 0, DSN_EBARECR,
         DSN_REPLY_STATUS | DSN_REPLY_BARE_CR | DSN_REPLY_CTRL},
        /* GBK, as a Chinese server sends it */
        {"550 blocked ip (\xB7\xA2\xD0\xC5)\r\n", 0, DSN_EBADUTF8,
         DSN_REPLY_EIGHTBIT | DSN_REPLY_NOT_UTF8},
        /* UTF-8: RFC 6531 allows it, flagged in both modes */
        {"550 5.1.1 Benutzer unbekannt: M\xC3\xBCller\r\n", 0, 0,
         DSN_REPLY_STATUS | DSN_REPLY_EIGHTBIT},
        {"550 x \xF0\x9F\x93\xAC\r\n", 0, 0, DSN_REPLY_EIGHTBIT},
        /* overlong, surrogate, above U+10FFFF, cut by the line end */
        {"550 x \xC0\xAF\r\n", 0, DSN_EBADUTF8,
         DSN_REPLY_EIGHTBIT | DSN_REPLY_NOT_UTF8},
        {"550 x \xE0\x80\xAF\r\n", 0, DSN_EBADUTF8,
         DSN_REPLY_EIGHTBIT | DSN_REPLY_NOT_UTF8},
        {"550 x \xED\xA0\x80\r\n", 0, DSN_EBADUTF8,
         DSN_REPLY_EIGHTBIT | DSN_REPLY_NOT_UTF8},
        {"550 x \xF4\x90\x80\x80\r\n", 0, DSN_EBADUTF8,
         DSN_REPLY_EIGHTBIT | DSN_REPLY_NOT_UTF8},
        {"550 x \xE2\x82\r\n", 0, DSN_EBADUTF8,
         DSN_REPLY_EIGHTBIT | DSN_REPLY_NOT_UTF8},
        /* any three digits, as Postfix takes them */
        {"199 x\r\n", 0, DSN_EREPLYCODE, DSN_REPLY_ODD_CODE},
        {"600 x\r\n", 0, DSN_EREPLYCODE, DSN_REPLY_ODD_CODE},
        {"550-a\r\n551 b\r\n", DSN_ECODEMISMATCH, DSN_ECODEMISMATCH, 0},
        {"550=a\r\n", DSN_ECONTINUATION, DSN_ECONTINUATION, 0},
        {"5500 a\r\n", DSN_EREPLYCODE, DSN_EREPLYCODE, 0},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* NUL inside: measure up to the last LF */
        const char *in = cases[i].in;
        size_t len = strlen(in);
        dsn_parsed_reply r;
        int got;
        if (in[len - 1] != '\n')
            len += 1 + strlen(in + len + 1);
        got = parse_exact(in, len, &r, NULL);
        if (cases[i].lenient == 0) {
            assert_int_equal(got, (int)len);
            assert_int_equal(r.flags, cases[i].flags);
        } else {
            assert_int_equal(got, cases[i].lenient);
        }
        got = parse_exact(in, len, &r, &strict_opt);
        if (cases[i].strict == 0)
            assert_int_equal(got, (int)len);
        else
            assert_int_equal(got, cases[i].strict);
    }
}

/* Every byte value at every position of a text: HT and 0x20-0x7E are
 * text; a lone 0x80-0xFF is not UTF-8; control characters are forgiven
 * (flagged) in lenient mode only. */
static void test_every_byte_everywhere(void **state)
{
    char in[64];
    int c;
    size_t at, textlen = 40;
    (void)state;
    for (c = 0; c < 256; c++) {
        for (at = 0; at < textlen; at++) {
            dsn_parsed_reply r;
            dsn_slice line;
            size_t len = 0;
            int lenient, strict;
            unsigned lenient_flags;
            memcpy(in, "250 ", 4);
            memset(in + 4, 'a', textlen);
            in[4 + at] = (char)c;
            len = 4 + textlen;
            in[len++] = '\r';
            in[len++] = '\n';
            {
                char *copy = exact_copy(in, len);
                lenient = dsn_parse_reply(copy, len, &r, &line, 1, NULL);
                lenient_flags = r.flags;
                strict = dsn_parse_reply(copy, len, &r, &line, 1, &strict_opt);
                free(copy);
            }
            if (c == '\t' || (c >= 0x20 && c < 0x7f)) {
                assert_int_equal(lenient, (int)len);
                assert_int_equal(strict, (int)len);
            } else if (c >= 0x80) {
                /* a lone byte above 0x7F is not UTF-8 */
                assert_int_equal(lenient, (int)len);
                assert_int_equal(lenient_flags,
                                 DSN_REPLY_EIGHTBIT | DSN_REPLY_NOT_UTF8);
                assert_int_equal(strict, DSN_EBADUTF8);
            } else if (c == '\r') {
                assert_int_equal(lenient, (int)len);
                assert_int_equal(strict, DSN_EBARECR);
            } else if (c == '\n') {
                /* a bare LF ends the line: the rest is the next reply */
                assert_int_equal(lenient, (int)(4 + at + 1));
                assert_int_equal(strict, DSN_EBARELF);
            } else {
                assert_int_equal(lenient, (int)len);
                assert_int_equal(strict, DSN_ECTRL);
            }
        }
    }
}

/* The errors and flags of DSN_ERRNO_MAP and DSN_REPLY_FLAG_MAP, by name. */
static const struct named {
    const char *name;
    long value;
} errors[] =
    {
#define ERROR_ROW_(name, value, text) {"DSN_" #name, value},
        DSN_ERRNO_MAP(ERROR_ROW_)
#undef ERROR_ROW_
},
  flags[] = {
#define FLAG_ROW_(name, bit, text) {#name, bit},
      DSN_REPLY_FLAG_MAP(FLAG_ROW_)
#undef FLAG_ROW_
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct named *find_named(const struct named *tab, size_t n,
                                      const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strlen(tab[i].name) == len && memcmp(tab[i].name, name, len) == 0)
            return &tab[i];
    return NULL;
}

/*
 * README's lenient/strict table against the maps: every DSN_E* and
 * DSN_REPLY_* it names exists, with the value it gives, if any. The
 * complete lists are the maps themselves (include/dsn/parse.h).
 */
static void test_readme_section(void **state)
{
    char *readme, *sec, *end, *p;
    size_t names = 0;
    (void)state;
    readme = read_source_file(".", "README.md");
    sec = strstr(readme, "\n## Lenient and strict parsing\n");
    assert_non_null(sec);
    sec++;
    end = strstr(sec + 4, "\n## ");
    if (end == NULL)
        end = sec + strlen(sec);
    *end = '\0';
    for (p = sec; (p = strstr(p, "DSN_")) != NULL; p++) {
        size_t n = 4;
        while (p[n] == '_' || (p[n] >= 'A' && p[n] <= 'Z') ||
               (p[n] >= '0' && p[n] <= '9'))
            n++;
        if (strncmp(p, "DSN_REPLY_", 10) == 0) {
            if (find_named(flags, COUNT(flags), p + 10, n - 10) == NULL)
                fail_msg("README names %.*s, not in DSN_REPLY_FLAG_MAP", (int)n,
                         p);
            names++;
        } else if (strncmp(p, "DSN_E", 5) == 0) {
            const struct named *e = find_named(errors, COUNT(errors), p, n);
            long v;
            int used = 0;
            if (e == NULL)
                fail_msg("README names %.*s, not in DSN_ERRNO_MAP", (int)n, p);
            /* "| `DSN_X` | value |" gives a value: a whole number cell */
            if (sscanf(p + n, "` | %ld%n", &v, &used) == 1 &&
                strncmp(p + n + used, " |", 2) == 0 && v != e->value)
                fail_msg("README gives %s the value %ld, not %ld", e->name, v,
                         e->value);
            names++;
        }
    }
    assert_true(names > 0);
    free(readme);
}

/* ------------------------------------------------------------ corpus */

typedef struct corpus_case {
    char name[96];
    const char *file;
    int lineno;
    char in[8192];
    size_t in_len;
    char after[2048];
    size_t after_len;
    size_t max_line;
    char result[2][256]; /* [0] lenient, [1] strict; "" not run */
    char text[MAX_LINES][1024];
    size_t text_len[MAX_LINES];
    size_t ntext;
} corpus_case;

/* A digit of a \x escape, either case (src/hex.h's rule). */
static int hexval(char c)
{
    return dsn_hex_value(c, DSN_HEX_EITHER_CASE);
}

/* Decodes the escapes of s into out; returns the length. */
static size_t unescape(const corpus_case *c, const char *s, char *out,
                       size_t size)
{
    size_t n = 0;
    for (; *s != '\0'; s++) {
        char ch = *s;
        if (ch == '\\') {
            s++;
            switch (*s) {
            case 'r':
                ch = '\r';
                break;
            case 'n':
                ch = '\n';
                break;
            case 't':
                ch = '\t';
                break;
            case '0':
                ch = '\0';
                break;
            case '\\':
                ch = '\\';
                break;
            case 'x':
                if (hexval(s[1]) < 0 || hexval(s[2]) < 0)
                    fail_msg("%s:%d: bad \\x escape", c->file, c->lineno);
                ch = (char)(hexval(s[1]) * 16 + hexval(s[2]));
                s += 2;
                break;
            default:
                fail_msg("%s:%d: bad escape", c->file, c->lineno);
            }
        }
        if (n == size)
            fail_msg("%s:%d: line too long for the test", c->file, c->lineno);
        out[n++] = ch;
    }
    return n;
}

/* What a RESULT line says. */
typedef struct expected {
    int err; /* 0 for ok */
    int code;
    dsn_status status;
    unsigned flags;
} expected;

static int err_by_name(const char *name)
{
    char full[64];
    const struct named *e;
    snprintf(full, sizeof full, "DSN_%s", name);
    e = find_named(errors, COUNT(errors), full, strlen(full));
    return e != NULL ? (int)e->value : 0;
}

static expected parse_result(const corpus_case *c, const char *res)
{
    expected e;
    char buf[256], *tok, *save = NULL;
    memset(&e, 0, sizeof e);
    snprintf(buf, sizeof buf, "%s", res);
    tok = strtok_r(buf, " ", &save);
    if (tok == NULL)
        fail_msg("%s:%d: empty result", c->file, c->lineno);
    if (strcmp(tok, "incomplete") == 0) {
        e.err = DSN_EINCOMPLETE;
        return e;
    }
    if (strcmp(tok, "ok") != 0) {
        e.err = err_by_name(tok);
        if (e.err == 0)
            fail_msg("%s: unknown result \"%s\"", c->name, tok);
        return e;
    }
    tok = strtok_r(NULL, " ", &save);
    if (tok == NULL || sscanf(tok, "%d", &e.code) != 1)
        fail_msg("%s: ok without a code", c->name);
    tok = strtok_r(NULL, " ", &save);
    if (tok == NULL)
        fail_msg("%s: ok without a status", c->name);
    if (strcmp(tok, "-") != 0) {
        if (sscanf(tok, "%d.%d.%d", &e.status.cls, &e.status.subject,
                   &e.status.detail) != 3)
            fail_msg("%s: bad status \"%s\"", c->name, tok);
        e.flags |= DSN_REPLY_STATUS;
    }
    while ((tok = strtok_r(NULL, " ", &save)) != NULL) {
        const struct named *f =
            find_named(flags, COUNT(flags), tok, strlen(tok));
        if (f == NULL)
            fail_msg("%s: unknown flag \"%s\"", c->name, tok);
        e.flags |= (unsigned)f->value;
    }
    return e;
}

static void check_ok(const corpus_case *c, const char *mode, const char *buf,
                     const dsn_parsed_reply *r, const dsn_slice *lines,
                     const expected *e)
{
    size_t i;
    if (r->code != e->code || r->flags != e->flags)
        fail_msg("%s (%s): code %d flags 0x%x, want %d 0x%x", c->name, mode,
                 r->code, r->flags, e->code, e->flags);
    if (e->flags & DSN_REPLY_STATUS) {
        if (r->status.cls != e->status.cls ||
            r->status.subject != e->status.subject ||
            r->status.detail != e->status.detail)
            fail_msg("%s (%s): status %d.%d.%d, want %d.%d.%d", c->name, mode,
                     r->status.cls, r->status.subject, r->status.detail,
                     e->status.cls, e->status.subject, e->status.detail);
    }
    if (r->lines != c->ntext)
        fail_msg("%s (%s): %zu lines, want %zu", c->name, mode, r->lines,
                 c->ntext);
    for (i = 0; i < c->ntext; i++) {
        /* inside the reply's bytes */
        assert_true(lines[i].ptr >= buf &&
                    lines[i].ptr + lines[i].len <= buf + c->in_len);
        if (lines[i].len != c->text_len[i] ||
            memcmp(lines[i].ptr, c->text[i], lines[i].len) != 0)
            fail_msg("%s (%s): line %zu is \"%.*s\", want \"%.*s\"", c->name,
                     mode, i, (int)lines[i].len, lines[i].ptr,
                     (int)c->text_len[i], c->text[i]);
    }
}

static void run_case(const corpus_case *c, int strict)
{
    const char *mode = strict ? "strict" : "lenient";
    dsn_parse_options opt;
    expected e = parse_result(c, c->result[strict]);
    size_t total = c->in_len + c->after_len, k;
    char *buf = malloc(total > 0 ? total : 1);
    dsn_slice lines[MAX_LINES], one[2];
    dsn_parsed_reply r;
    int got, want;

    opt.flags = strict ? DSN_PARSE_STRICT : 0;
    opt.max_line = c->max_line;
    assert_non_null(buf);
    memcpy(buf, c->in, c->in_len);
    memcpy(buf + c->in_len, c->after, c->after_len);
    want = e.err != 0 ? e.err : (int)c->in_len;
    if (e.err == 0 && c->ntext == 0)
        fail_msg("%s: ok without text lines", c->name);

    /* the whole input, then with every part of what follows */
    for (k = 0; k <= c->after_len; k++) {
        char *b = exact_copy(buf, c->in_len + k);
        got = dsn_parse_reply(b, c->in_len + k, &r, lines, MAX_LINES, &opt);
        if (got != want)
            fail_msg("%s (%s, %zu bytes after): got %d (%s), want %d (%s)",
                     c->name, mode, k, got, dsn_err_name(got), want,
                     dsn_err_name(want));
        if (e.err == 0)
            check_ok(c, mode, b, &r, lines, &e);
        free(b);
    }

    /* no room for slices, then room for one: same result, same count */
    got = dsn_parse_reply(buf, total, &r, NULL, 0, &opt);
    assert_int_equal(got, want);
    if (e.err == 0)
        assert_int_equal(r.lines, c->ntext);
    one[1].ptr = "canary";
    one[1].len = 6;
    got = dsn_parse_reply(buf, total, &r, one, 1, &opt);
    assert_int_equal(got, want);
    if (e.err == 0) {
        assert_int_equal(r.lines, c->ntext);
        assert_int_equal(one[0].len, c->text_len[0]);
        assert_memory_equal(one[0].ptr, c->text[0], one[0].len);
    }
    assert_string_equal(one[1].ptr, "canary");

    /* every prefix: "read more", or the same error found early */
    for (k = 0; k < c->in_len; k++) {
        char *b = exact_copy(buf, k);
        got = dsn_parse_reply(b, k, &r, lines, MAX_LINES, &opt);
        free(b);
        if (got != DSN_EINCOMPLETE && !(e.err < 0 && got == e.err))
            fail_msg("%s (%s): prefix of %zu bytes gives %d (%s)", c->name,
                     mode, k, got, dsn_err_name(got));
    }
    free(buf);
}

/* Reads one corpus file; runs its cases; returns how many there were. */
static size_t run_corpus_file(const char *file, size_t *runs)
{
    char line[8192];
    FILE *f;
    corpus_case *c = calloc(1, sizeof *c);
    size_t cases = 0;
    int lineno = 0, open_case = 0;

    assert_non_null(c);
    f = open_source_file("tests/corpus", file);
    if (f == NULL)
        fail_msg("cannot open tests/corpus/%s (is DSN_SOURCE_DIR set?)", file);
    for (;;) {
        char *got = fgets(line, sizeof line, f), *arg;
        size_t n;
        lineno++;
        if (got != NULL) {
            n = strlen(line);
            if (n > 0 && line[n - 1] == '\n')
                line[--n] = '\0';
            else if (!feof(f))
                fail_msg("%s:%d: line too long", file, lineno);
            if (n == 0 || line[0] == '#')
                continue;
        }
        if (got == NULL || strncmp(line, "case ", 5) == 0) {
            if (open_case) {
                if (c->result[0][0] == '\0' && c->result[1][0] == '\0')
                    fail_msg("%s: no result", c->name);
                if (c->result[0][0] != '\0') {
                    run_case(c, 0);
                    (*runs)++;
                }
                if (c->result[1][0] != '\0') {
                    run_case(c, 1);
                    (*runs)++;
                }
                cases++;
            }
            if (got == NULL)
                break;
            memset(c, 0, sizeof *c);
            snprintf(c->name, sizeof c->name, "%.95s", line + 5);
            c->file = file;
            c->lineno = lineno;
            open_case = 1;
            continue;
        }
        if (!open_case)
            fail_msg("%s:%d: directive before the first case", file, lineno);
        c->lineno = lineno;
        arg = strchr(line, ' ');
        if (arg != NULL)
            *arg++ = '\0';
        else
            arg = line + strlen(line);
        if (strcmp(line, "from") == 0) {
            continue;
        } else if (strcmp(line, "in") == 0) {
            c->in_len +=
                unescape(c, arg, c->in + c->in_len, sizeof c->in - c->in_len);
        } else if (strcmp(line, "after") == 0) {
            c->after_len += unescape(c, arg, c->after + c->after_len,
                                     sizeof c->after - c->after_len);
        } else if (strcmp(line, "max_line") == 0) {
            c->max_line = (size_t)strtoul(arg, NULL, 10);
        } else if (strcmp(line, "expect") == 0) {
            snprintf(c->result[0], sizeof c->result[0], "%.255s", arg);
            snprintf(c->result[1], sizeof c->result[1], "%.255s", arg);
        } else if (strcmp(line, "lenient") == 0) {
            snprintf(c->result[0], sizeof c->result[0], "%.255s", arg);
        } else if (strcmp(line, "strict") == 0) {
            snprintf(c->result[1], sizeof c->result[1], "%.255s", arg);
        } else if (strcmp(line, "text") == 0) {
            if (c->ntext == MAX_LINES)
                fail_msg("%s: too many text lines", c->name);
            c->text_len[c->ntext] =
                unescape(c, arg, c->text[c->ntext], sizeof c->text[0]);
            c->ntext++;
        } else {
            fail_msg("%s:%d: unknown directive \"%s\"", file, lineno, line);
        }
    }
    fclose(f);
    free(c);
    return cases;
}

static void test_corpus_real(void **state)
{
    size_t runs = 0, cases = run_corpus_file("real.txt", &runs);
    (void)state;
    printf("corpus real.txt: %zu cases, %zu runs\n", cases, runs);
    assert_true(cases >= 40);
}

static void test_corpus_malformed(void **state)
{
    size_t runs = 0, cases = run_corpus_file("malformed.txt", &runs);
    (void)state;
    printf("corpus malformed.txt: %zu cases, %zu runs\n", cases, runs);
    assert_true(cases >= 40);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_single_line),
    cmocka_unit_test(test_multi_line_and_capacity),
    cmocka_unit_test(test_pipelined_stream),
    cmocka_unit_test(test_bad_arguments),
    cmocka_unit_test(test_error_line_index),
    cmocka_unit_test(test_line_limit),
    cmocka_unit_test(test_tiny_line_limit),
    cmocka_unit_test(test_lenient_and_strict),
    cmocka_unit_test(test_every_byte_everywhere),
    cmocka_unit_test(test_readme_section),
    cmocka_unit_test(test_corpus_real),
    cmocka_unit_test(test_corpus_malformed),
})

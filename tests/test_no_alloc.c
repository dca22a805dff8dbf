/*
 * No heap allocation, ever: this program replaces malloc and its
 * relatives with a counting bump allocator, the interposition glibc
 * supports, and runs every public function over the inputs that take the
 * rarer paths (wrapping, truncation, measuring, control characters,
 * errors), counting the allocations made in between. The test first
 * checks that its own allocation is seen, so a build where the interposer
 * is not in effect fails instead of passing for nothing. Under a
 * sanitizer or valgrind, which own malloc themselves, it skips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "dsn.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MALLOC_TAKEN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||     \
    __has_feature(memory_sanitizer)
#define MALLOC_TAKEN 1
#endif
#endif

/* volatile: compilers assume that malloc leaves the program's variables
 * alone, and would fold the count of a known malloc call away */
static volatile int counting;
static volatile size_t allocations;

#ifndef MALLOC_TAKEN
/* ---- the interposer: glibc's documented set of replaceable functions */

void *memalign(size_t alignment, size_t size);
void *aligned_alloc(size_t alignment, size_t size); /* C99 has none */
int posix_memalign(void **out, size_t alignment, size_t size);
void *valloc(size_t size);
void *pvalloc(size_t size);
size_t malloc_usable_size(void *p);

#define HEADER 16 /* the block's size, kept in front of it for realloc */

static unsigned char arena[64u << 20];
static size_t arena_used;

static void *bump(size_t alignment, size_t size)
{
    uintptr_t base = (uintptr_t)arena, at;
    if (alignment < HEADER || (alignment & (alignment - 1)) != 0)
        alignment = HEADER;
    /* aligned as an address, not as an offset into the arena */
    at = (base + arena_used + HEADER + alignment - 1) &
         ~(uintptr_t)(alignment - 1);
    at -= base;
    if (size > sizeof arena || at > sizeof arena - size)
        return NULL;
    arena_used = at + size;
    memcpy(arena + at - HEADER, &size, sizeof size);
    if (counting)
        allocations++;
    return arena + at;
}

void *malloc(size_t size)
{
    return bump(HEADER, size);
}

void free(void *p)
{
    (void)p; /* a test's worth of memory is never given back */
}

void *calloc(size_t n, size_t size)
{
    void *p;
    if (size != 0 && n > (size_t)-1 / size)
        return NULL;
    p = bump(HEADER, n * size);
    if (p != NULL)
        memset(p, 0, n * size); /* freed blocks are never reused: be sure */
    return p;
}

size_t malloc_usable_size(void *p)
{
    size_t size = 0;
    if (p != NULL)
        memcpy(&size, (unsigned char *)p - HEADER, sizeof size);
    return size;
}

void *realloc(void *p, size_t size)
{
    void *q = bump(HEADER, size);
    size_t old = malloc_usable_size(p);
    if (q != NULL && p != NULL)
        memcpy(q, p, old < size ? old : size);
    return q;
}

void *memalign(size_t alignment, size_t size)
{
    return bump(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size)
{
    return bump(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    void *p = bump(alignment, size);
    if (p == NULL)
        return 12; /* ENOMEM, without <errno.h>'s global */
    *out = p;
    return 0;
}

void *valloc(size_t size)
{
    return bump(4096, size);
}

void *pvalloc(size_t size)
{
    return bump(4096, (size + 4095) / 4096 * 4096);
}
#endif

/* 0 when a sanitizer or valgrind put their own malloc in place of ours */
static int interposer_possible(void)
{
#ifdef MALLOC_TAKEN
    return 0;
#else
    const char *preload = getenv("LD_PRELOAD");
    return preload == NULL || strstr(preload, "vgpreload") == NULL;
#endif
}

/* ---- what runs while counting */

static char out[8192];
static char long_msg[3000];

/* Formats r every way the API offers: flags, measuring, truncation. */
static size_t format_all(const dsn_reply *r)
{
    static const unsigned flags[] = {0, DSN_FMT_NO_ENHANCED, DSN_FMT_TEXT,
                                     DSN_FMT_NO_ENHANCED | DSN_FMT_TEXT};
    size_t i, n = 0, size;
    for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        n += dsn_format_ex(r, flags[i], out, sizeof out);
        n += dsn_format_ex(r, flags[i], NULL, 0);
        for (size = 1; size < 40; size += 7)
            n += dsn_format_ex(r, flags[i], out, size);
    }
    n += dsn_format(r, out, sizeof out);
    n += dsn_text(r, out, sizeof out);
    n += (size_t)(dsn_reply_check(r, 0) == DSN_OK);
    return n;
}

/* The Postfix policy response for r, whole, measured and cut short, and
 * a request read back (dsn/policy.h). */
static size_t policy_all(const dsn_reply *r)
{
    static const char request[] = "request=smtpd_access_policy\n"
                                  "protocol_state=RCPT\nsender=\n"
                                  "recipient=a@b\nx_new=1\n\n";
    dsn_policy_request q;
    size_t size;
    int n = dsn_policy_action(r, out, sizeof out);
    n += dsn_policy_action(r, NULL, 0);
    for (size = 1; size < 40; size += 7)
        n += dsn_policy_action(r, out, size);
    n += dsn_policy_parse(request, sizeof request - 1, &q);
    n += dsn_policy_parse(request, 20, &q);
    return (size_t)(n > 0 ? n : -n);
}

/* Parses what r formats to, whole and cut short, lenient and strict. */
static size_t parse_all(const dsn_reply *r)
{
    static const dsn_parse_options strict = {DSN_PARSE_STRICT, 0};
    dsn_parsed_reply p;
    dsn_slice lines[4];
    dsn_status st;
    size_t n = dsn_format(r, out, sizeof out), cut, sum = 0;
    for (cut = 0; cut <= n && cut < sizeof out; cut += 1 + n / 8) {
        sum += (size_t)dsn_parse_reply(out, cut, &p, lines, 4, NULL);
        sum += (size_t)dsn_parse_reply(out, cut, &p, lines, 4, &strict);
    }
    sum += (size_t)dsn_parse_reply(out, n, &p, lines, 4, NULL);
    sum += (size_t)dsn_parse_status(out + 4, n > 4 ? n - 4 : 0, &st);
    return sum;
}

/* The registry, lookup by name and the delivery helpers. */
static size_t every_lookup_and_field(void)
{
    static const int codes[] = {0,   199, 235, 250, 354, 421, 450, 452,
                                454, 500, 550, 552, 554, 556, 571, 600};
    static char diagnostic[400];
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    dsn_parsed_reply p;
    dsn_slice lines[2];
    dsn_status st;
    dsn_reply r;
    size_t n = 0, i, size;
    int id, s, d;
    for (id = -1; id <= (int)DSN_ID_COUNT; id++) {
        const char *name = dsn_name(id);
        n += name != NULL;
        if (name != NULL)
            n += (size_t)dsn_by_name(name, strlen(name), "x", 550, &r);
    }
    n += (size_t)dsn_by_name("no_such_usr", 11, NULL, 0, &r);
    n += (size_t)dsn_by_name("", 0, NULL, 0, NULL);
    n += (size_t)dsn_by_name(NULL, 3, NULL, 0, &r);
    for (s = -1; s <= 9; s++) {
        n += dsn_class_name(s) != NULL;
        n += dsn_subject_name(s) != NULL;
        for (d = -1; d <= 32; d++) {
            const dsn_status_info *info = dsn_describe(s, d);
            n += (size_t)dsn_status_associated(info, 550);
            n += dsn_status_basic_text(info, out, sizeof out);
            n += dsn_status_basic_text(info, out, 3);
            n += dsn_status_basic_text(info, NULL, 0);
        }
    }
    for (i = 0; i < sizeof diagnostic - 1; i++)
        diagnostic[i] = i % 9 == 8 ? ' ' : (char)('a' + i % 26);
    diagnostic[sizeof diagnostic - 1] = '\0';
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        n += (size_t)dsn_severity(codes[i]);
        n += dsn_severity_name(dsn_severity(codes[i])) != NULL;
        n += dsn_action_name(dsn_action_of(codes[i])) != NULL;
        n += (size_t)dsn_default_status(codes[i], &st);
        f.final_recipient = "user@example.com";
        f.original_recipient = i % 2 ? "rcpt@example.org" : NULL;
        f.code = codes[i];
        f.remote_mta = "mx.example.com";
        f.diagnostic = i % 3 ? diagnostic : "550 5.1.1 No such user\r\n";
        f.last_attempt_date = "Sun, 22 Nov 2026 20:00:00 +0000";
        n += (size_t)dsn_status_fields_check(&f);
        for (size = 0; size < 1200; size += 97)
            n += dsn_status_fields(&f, out, size);
        n += dsn_status_fields(&f, NULL, 0);
    }
    if (dsn_parse_reply("421 4.4.2 bye\r\n", 15, &p, lines, 2, NULL) > 0)
        n += (size_t)dsn_reply_status(&p, &st);
    if (dsn_parse_reply("421 bye\r\n", 9, &p, lines, 2, NULL) > 0)
        n += (size_t)dsn_reply_status(&p, &st);
    return n;
}

static size_t every_operation(void)
{
    static const char *const msgs[] = {NULL,
                                       "",
                                       "Custom text",
                                       "line one\nline two\nline three",
                                       "ctl\r\n\t\x7f chars\n\n\x01",
                                       "\xc3\xa9t\xc3\xa9 UTF-8",
                                       long_msg};
    static const char *const wires[] = {"550 #5.1.0 Address rejected\r\n",
                                        "550  5.1.1 text\r\n",
                                        "250-a\n250 b\n",
                                        "550 4.1.1 x\r\n550 5.1.1 y\r\n",
                                        "571 x\r\n",
                                        "550-a\r\n551 b\r\n",
                                        "550 a\rb\r\n",
                                        "250\r\n",
                                        "2"};
    size_t n = 0, i, m;
    int id;
    for (m = 0; m < sizeof msgs / sizeof msgs[0]; m++) {
        for (id = -1; id <= (int)DSN_ID_COUNT; id++) {
            dsn_reply r = dsn_from_id(id, msgs[m], id % 2 ? 0 : 452);
            n += format_all(&r) + parse_all(&r) + policy_all(&r);
        }
#define DSN_ROW(name, code, subject, detail, text)                             \
    {                                                                          \
        dsn_reply r = dsn_##name(msgs[m], 0);                                  \
        n += format_all(&r);                                                   \
    }
#include "dsn_table.def"
        {
            dsn_reply r[] = {dsn_create(550, msgs[m], 7, 26),
                             dsn_create(0, msgs[m], 9, 9),
                             dsn_create(550, msgs[m], 1000, 0),
                             dsn_basic(354, msgs[m]), dsn_basic(99, msgs[m])};
            for (i = 0; i < sizeof r / sizeof r[0]; i++)
                n += format_all(&r[i]) + parse_all(&r[i]);
        }
        n += format_all(NULL);
    }
    for (i = 0; i < sizeof wires / sizeof wires[0]; i++) {
        dsn_parsed_reply p;
        dsn_slice lines[1];
        n += (size_t)dsn_parse_reply(wires[i], strlen(wires[i]), &p, lines, 1,
                                     NULL);
    }
    for (id = -69; id <= 0; id++)
        n += strlen(dsn_err_name(id)) + strlen(dsn_strerror(id));
    for (id = -1; id <= (int)DSN_ID_COUNT; id++)
        n += dsn_entry_of(id) != NULL;
    for (i = 0; i < 12; i++)
        n += dsn_entry_by_status((int)i % 9, (int)i) != NULL;
    return n;
}

/* The DSN reader (dsn/report.h) over every kind of part it decodes, a
 * folded value, a part it cannot find and one it cannot decode. */
static size_t read_reports(void)
{
    static const char report[] =
        "Content-Type: multipart/report; boundary=b\n\n--b\n"
        "Content-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns;\n m.example\n\n"
        "Final-Recipient: rfc822; <a@b>\nAction: failed\nStatus: 5.0.0\n"
        "Diagnostic-Code: smtp; 550 5.1.1 gone\n--b\n"
        "Content-Type: text/rfc822-headers\n\nMessage-ID: <m@x>\n\n--b--\n";
    static const char base64[] =
        "Content-Type: message/global-delivery-status\n"
        "Content-Transfer-Encoding: base64\n\n"
        "RmluYWwtUmVjaXBpZW50OiByZmM4MjI7IGFAYgo=\n";
    static const char qp[] =
        "Content-Type: message/delivery-status\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        "Final-Recipient: rfc822; a=3Db@c\nStatus: 4.4.7\n";
    static const char unknown[] =
        "Content-Type: message/delivery-status\n"
        "Content-Transfer-Encoding: x-unknown\n\nFinal-Recipient: a\n";
    static const char prose[] =
        "Subject: vacation\n\nFinal-Recipient: rfc822; a@b\n";
    static const char *const msgs[] = {report, base64, qp, unknown, prose};
    static char scratch[1024];
    size_t n = 0, i;
    int err;
    for (i = 0; i < sizeof msgs / sizeof msgs[0]; i++) {
        dsn_report rep;
        dsn_report_recipient r;
        dsn_status st;
        err = dsn_report_read(msgs[i], strlen(msgs[i]), scratch, sizeof scratch,
                              &rep);
        n += strlen(dsn_strerror(err)) + rep.message_id.len;
        while (dsn_report_next(&rep, &r) == 1)
            n += r.final_recipient.len + (dsn_report_status(&r, &st) == 0);
    }
    for (err = -59; err <= -50; err++)
        n += strlen(dsn_err_name(err));
    return n;
}

static void test_interposer_counts(void **state)
{
    /* through pointers, so that the compiler cannot drop the pair */
    void *(*volatile alloc)(size_t) = malloc;
    void (*volatile release)(void *) = free;
    void *p;
    (void)state;
    if (!interposer_possible())
        skip();
    counting = 1;
    allocations = 0;
    p = alloc(24);
    release(p);
    counting = 0;
    assert_non_null(p);
    assert_int_equal(allocations, 1);
}

static void test_no_allocation(void **state)
{
    size_t i, n;
    (void)state;
    if (!interposer_possible())
        skip();
    for (i = 0; i < sizeof long_msg - 1; i++)
        long_msg[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
    long_msg[sizeof long_msg - 1] = '\0';
    counting = 1;
    allocations = 0;
    n = every_operation() + every_lookup_and_field() + read_reports();
    counting = 0;
    assert_true(n > 0);
    assert_int_equal(allocations, 0);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_interposer_counts),
    cmocka_unit_test(test_no_allocation),
})

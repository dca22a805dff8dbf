/*
 * The DSN writer (dsn/bounce.h): one report byte for byte, every error,
 * the snprintf contract and the writer callback, the original's cases
 * (line ends, long lines, 8-bit, NUL, RET, the size limit), international
 * reports, boundaries that lines of the content try to take, the date
 * and xtext helpers, and thousands of generated reports (recipients,
 * actions, statuses, RET, UTF-8, hostile values) that must all keep the
 * invariants of tests/support/bounce_invariants.h.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "dsn.h"
#include "dsn/bounce.h"
#include "support/bounce_invariants.h"
#include "support/snprintf_check.h"
#include "support/xorshift.h"

static char out[1 << 20];

static const dsn_status st_511 = {5, 1, 1};
static const dsn_status st_441 = {4, 4, 1};
static const dsn_status st_200 = {2, 0, 0};

static const char orig_msg[] = "From: alice@example.org\n"
                               "To: gone@example.net\n"
                               "Message-ID: <abc@example.org>\n"
                               "Subject: hi\n"
                               "\n"
                               "Hello\n";

static dsn_recipient_fields one_rcpt(void)
{
    dsn_recipient_fields r = DSN_RECIPIENT_FIELDS_INIT;
    r.final_recipient = "gone@example.net";
    r.code = 550;
    r.status = &st_511;
    r.remote_mta = "mx.example.net";
    r.diagnostic = "550 5.1.1 No such user";
    return r;
}

static dsn_bounce base(const dsn_recipient_fields *r, size_t n)
{
    dsn_bounce b = DSN_BOUNCE_INIT;
    b.reporting_mta = "mail.example.org";
    b.sender = "alice@example.org";
    b.date = "Mon, 30 Nov 2026 10:22:53 +0000";
    b.message_id_local = "Q1234";
    b.recipients = r;
    b.recipient_count = n;
    b.original = orig_msg;
    b.original_len = sizeof orig_msg - 1;
    return b;
}

/* The fixture of most tests: one failed recipient, reported by base(). */
typedef struct one_failure {
    dsn_recipient_fields r;
    dsn_bounce b;
} one_failure;

static int one_failure_setup(void **state)
{
    static one_failure f;
    f.r = one_rcpt();
    f.b = base(&f.r, 1);
    *state = &f;
    return 0;
}

/* The original message of b: s, to its NUL. */
static void set_original(dsn_bounce *b, const char *s)
{
    b->original = s;
    b->original_len = strlen(s);
}

/* The last report written holds s, or does not. */
static void expect_has(const char *s)
{
    if (strstr(out, s) == NULL)
        fail_msg("missing \"%s\" in:\n%s", s, out);
}

static void expect_lacks(const char *s)
{
    if (strstr(out, s) != NULL)
        fail_msg("unexpected \"%s\" in:\n%s", s, out);
}

static size_t format(const dsn_bounce *b)
{
    size_t n = dsn_bounce_format(b, out, sizeof out);
    assert_true(n < sizeof out);
    return n;
}

/* Formats b, which must be valid, and checks the invariants. */
static size_t format_ok(const dsn_bounce *b)
{
    size_t n = format(b);
    const char *why;
    assert_int_equal(dsn_bounce_check(b), DSN_OK);
    assert_true(n > 0);
    why = bi_invariants(out, n, b->recipient_count);
    if (why != NULL)
        fail_msg("%s in:\n%s", why, out);
    return n;
}

/* Formats b (format_ok) and checks the report against each string of
 * the NULL-terminated list: "+" then text it must hold, "-" then text it
 * must not. */
static void format_expect(const dsn_bounce *b, ...)
{
    va_list ap;
    const char *s;
    format_ok(b);
    va_start(ap, b);
    while ((s = va_arg(ap, const char *)) != NULL) {
        if (*s == '+')
            expect_has(s + 1);
        else
            expect_lacks(s + 1);
    }
    va_end(ap);
}

static void test_one_failure_exact(void **state)
{
    static const char want[] =
        "From: Mail Delivery System <MAILER-DAEMON@mail.example.org>\r\n"
        "To: <alice@example.org>\r\n"
        "Subject: Delivery report: message not delivered\r\n"
        "Date: Mon, 30 Nov 2026 10:22:53 +0000\r\n"
        "Message-ID: <Q1234@mail.example.org>\r\n"
        "In-Reply-To: <abc@example.org>\r\n"
        "References: <abc@example.org>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status;\r\n"
        "\tboundary=\"=_libdsn_0000000000000000\"\r\n"
        "\r\n"
        "This is a MIME-encapsulated message.\r\n"
        "\r\n"
        "--=_libdsn_0000000000000000\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n"
        "Content-Description: Notification\r\n"
        "\r\n"
        "This report comes from the mail system at mail.example.org.\r\n"
        "\r\n"
        "Your message could not be delivered to one or more of its\r\n"
        "recipients. What happened to each recipient is said below.\r\n"
        "\r\n"
        "<gone@example.net>: could not be delivered\r\n"
        "    Status: 5.1.1\r\n"
        "    Remote server: mx.example.net\r\n"
        "    Reply: 550 5.1.1 No such user\r\n"
        "\r\n"
        "The original message is attached.\r\n"
        "\r\n"
        "--=_libdsn_0000000000000000\r\n"
        "Content-Type: message/delivery-status\r\n"
        "Content-Description: Delivery report\r\n"
        "\r\n"
        "Reporting-MTA: dns; mail.example.org\r\n"
        "Original-Envelope-Id: QQ+314159\r\n"
        "Arrival-Date: Mon, 30 Nov 2026 10:20:00 +0000\r\n"
        "\r\n"
        "Final-Recipient: rfc822; gone@example.net\r\n"
        "Action: failed\r\n"
        "Status: 5.1.1\r\n"
        "Remote-MTA: dns; mx.example.net\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 No such user\r\n"
        "\r\n"
        "--=_libdsn_0000000000000000\r\n"
        "Content-Type: message/rfc822\r\n"
        "Content-Description: Undelivered Message\r\n"
        "\r\n"
        "From: alice@example.org\r\n"
        "To: gone@example.net\r\n"
        "Message-ID: <abc@example.org>\r\n"
        "Subject: hi\r\n"
        "\r\n"
        "Hello\r\n"
        "\r\n"
        "--=_libdsn_0000000000000000--\r\n";
    dsn_recipient_fields r = one_rcpt();
    dsn_bounce b = base(&r, 1);
    (void)state;
    b.envid = "QQ+2B314159";
    b.arrival_date = "Mon, 30 Nov 2026 10:20:00 +0000";
    assert_int_equal(format_ok(&b), sizeof want - 1);
    assert_string_equal(out, want);
}

static size_t write_base(const void *arg, char *buf, size_t size)
{
    return dsn_bounce_format((const dsn_bounce *)arg, buf, size);
}

typedef struct collect {
    char *buf;
    size_t len;
    size_t calls;
    size_t fail_at; /* 0: never */
} collect;

static int collect_writer(void *ctx, const char *s, size_t n)
{
    collect *c = ctx;
    c->calls++;
    if (c->fail_at != 0 && c->calls == c->fail_at)
        return -1;
    memcpy(c->buf + c->len, s, n);
    c->len += n;
    return 0;
}

static void test_snprintf_contract_and_writer(void **state)
{
    static char got[1 << 16];
    dsn_recipient_fields r[2];
    dsn_bounce b;
    collect c = {got, 0, 0, 0};
    char *full;
    (void)state;
    r[0] = one_rcpt();
    r[1] = one_rcpt();
    r[1].final_recipient = "later@example.com";
    r[1].status = &st_441;
    r[1].code = 0;
    b = base(r, 2);
    full = expect_snprintf_contract(write_base, &b);
    assert_int_equal(dsn_bounce_write(&b, collect_writer, &c), DSN_OK);
    assert_int_equal(c.len, strlen(full));
    assert_memory_equal(got, full, c.len);
    /* a writer that fails is not called again, and says so */
    c.len = 0;
    c.calls = 0;
    c.fail_at = 3;
    assert_int_equal(dsn_bounce_write(&b, collect_writer, &c), DSN_EWRITER);
    assert_int_equal(c.calls, 3);
    assert_int_equal(dsn_bounce_write(&b, NULL, &c), DSN_EINVAL);
    free(full);
}

static void expect_error(const dsn_bounce *b, int err)
{
    collect c = {out, 0, 0, 0};
    assert_int_equal(dsn_bounce_check(b), err);
    out[0] = 'x';
    assert_int_equal(dsn_bounce_format(b, out, sizeof out), 0);
    assert_int_equal(out[0], '\0');
    assert_int_equal(dsn_bounce_write(b, collect_writer, &c), err);
    assert_int_equal(c.calls, 0);
}

/* Bad values of one string field, all giving the same error: the
 * strings, and NULL too when null_too. */
typedef struct bad_value {
    size_t field; /* offset of a const char * in its struct */
    int err;
    int null_too;
    const char *values[5]; /* up to the first NULL */
} bad_value;

/* Values of dsn_bounce (the header of the report). */
#define FIELD_(f) offsetof(dsn_bounce, f)
static const bad_value bad_values[] = {
    {FIELD_(reporting_mta),
     DSN_EMTANAME,
     1,
     {"mail.example.org\r\nBcc: x@y", ""}},
    {FIELD_(sender), DSN_ENULLPATH, 1, {"", "<>"}},
    {FIELD_(sender), DSN_EHEADERVALUE, 0, {"a@b\r\nBcc: x@y", "a>@b"}},
    {FIELD_(sender), DSN_ENOTUTF8, 0, {"\xC3@b"}},
    {FIELD_(date), DSN_EHEADERVALUE, 1, {"Mon\n, 30 Nov"}},
    {FIELD_(arrival_date), DSN_EHEADERVALUE, 0, {"x\ry"}},
    {FIELD_(received_from_mta), DSN_EHEADERVALUE, 0, {"a\x01"}},
    {FIELD_(mailer_name), DSN_EHEADERVALUE, 0, {"Postmaster <evil@x>"}},
    {FIELD_(message_id),
     DSN_EMSGID,
     0,
     {"no-brackets@x", "<a b@x>", "<ab@x>\r\nBcc: y"}},
    /* '(' is not atext */
    {FIELD_(message_id_local), DSN_EMSGID, 1, {"a@b", "a\nb", "a(b", "a b"}},
    {FIELD_(envid), DSN_EXTEXT, 0, {"QQ+2b", "a=b", "a+0D+0Ab", ""}},
};
#undef FIELD_

/* Values of dsn_recipient_fields. */
#define RCPT_(f) offsetof(dsn_recipient_fields, f)
static const bad_value bad_rcpt_values[] = {
    {RCPT_(final_recipient), DSN_EINVAL, 0, {"\r\n"}},
    {RCPT_(final_recipient), DSN_ENOTUTF8, 0, {"caf\xE9@example.com"}},
};
#undef RCPT_

static void set_string(void *obj, size_t field, const char *value)
{
    memcpy((char *)obj + field, &value, sizeof value);
}

/* Each value of each row set in *obj, first restored from *fresh (size
 * bytes): *b, which holds or points to *obj, must fail with the row's
 * error. */
static void expect_bad_values(const bad_value *rows, size_t n, void *obj,
                              const void *fresh, size_t size,
                              const dsn_bounce *b)
{
    size_t i, k;
    for (i = 0; i < n; i++) {
        size_t nvalues = 0;
        while (nvalues < sizeof rows[i].values / sizeof rows[i].values[0] &&
               rows[i].values[nvalues] != NULL)
            nvalues++;
        for (k = 0; k < nvalues + (rows[i].null_too ? 1u : 0u); k++) {
            memcpy(obj, fresh, size);
            set_string(obj, rows[i].field,
                       k < nvalues ? rows[i].values[k] : NULL);
            expect_error(b, rows[i].err);
        }
    }
}

static void test_errors(void **state)
{
    dsn_recipient_fields r = one_rcpt(), bad = one_rcpt(), good;
    dsn_status weird = {5, 1000, 1};
    dsn_bounce b = base(&r, 1), fresh;
    (void)state;
    assert_int_equal(dsn_bounce_check(NULL), DSN_EINVAL);
    assert_int_equal(dsn_bounce_format(NULL, NULL, 0), 0);
    b.recipient_count = 0;
    expect_error(&b, DSN_EINVAL);
    b = base(NULL, 1);
    expect_error(&b, DSN_EINVAL);
    b = base(&r, 1);
    b.ret = 3;
    expect_error(&b, DSN_EINVAL);
    b = base(&r, 1);
    b.original = NULL; /* with a length */
    expect_error(&b, DSN_EINVAL);
    fresh = base(&r, 1);
    expect_bad_values(bad_values, sizeof bad_values / sizeof bad_values[0], &b,
                      &fresh, sizeof b, &b);
    b = base(&bad, 1);
    good = one_rcpt();
    expect_bad_values(bad_rcpt_values,
                      sizeof bad_rcpt_values / sizeof bad_rcpt_values[0], &bad,
                      &good, sizeof bad, &b);
    bad = one_rcpt();
    bad.status = &weird;
    expect_error(&b, DSN_EBADSTATUS);
}

static void test_hostile_recipient_values_are_cleaned(void **state)
{
    one_failure *f = *state;
    f->r.final_recipient = "gone@example.net\r\nBcc: evil@example.com";
    f->r.remote_mta = "mx\r\n\r\n--=_libdsn_0000000000000000\r\nX: y";
    f->r.diagnostic = "550 5.1.1 bad\r\n\r\nContent-Type: text/html\r\n\0x";
    f->r.diagnostic_len = 45;
    f->r.original_recipient = "o@x\nFinal-Recipient: rfc822; evil@x";
    format_expect(&f->b,
                  "+Final-Recipient: rfc822; "
                  "gone@example.net Bcc: evil@example.com\r\n",
                  "-\r\nBcc:", "-\r\nContent-Type: text/html", NULL);
}

static void test_actions_and_subjects(void **state)
{
    dsn_recipient_fields r[3];
    dsn_bounce b;
    (void)state;
    r[0] = one_rcpt();
    r[0].final_recipient = "ok@example.com";
    r[0].code = 250;
    r[0].status = &st_200;
    r[0].diagnostic = "250 2.0.0 Ok: queued";
    r[0].action = DSN_ACTION_RELAYED;
    b = base(r, 1);
    format_expect(&b, "+Subject: Delivery report: message relayed\r\n",
                  "+Action: relayed\r\n", NULL);
    r[1] = one_rcpt();
    r[1].final_recipient = "slow@example.com";
    r[1].code = 451;
    r[1].status = &st_441;
    r[1].will_retry_until = "Fri, 4 Dec 2026 10:22:53 +0000";
    b = base(r, 2);
    format_expect(&b, "+Subject: Delivery report: message delayed\r\n",
                  "+Will-Retry-Until: Fri, 4 Dec 2026 10:22:53 +0000\r\n",
                  NULL);
    r[2] = one_rcpt();
    b = base(r, 3);
    format_expect(&b, "+Subject: Delivery report: message not delivered\r\n",
                  NULL);
    r[0].action = DSN_ACTION_EXPANDED;
    r[1].action = DSN_ACTION_DELIVERED;
    r[1].status = &st_200;
    r[1].code = 250;
    b = base(r, 2);
    format_expect(&b, "+Action: expanded\r\n", "+Action: delivered\r\n", NULL);
}

static void test_ret_and_limit(void **state)
{
    static char big[60000];
    one_failure *f = *state;
    size_t i;
    f->b.ret = DSN_RET_HDRS;
    format_expect(&f->b, "+Content-Type: text/rfc822-headers\r\n", "-Hello",
                  "+The header of the original message is "
                  "attached.\r\n",
                  NULL);
    f->b.ret = DSN_RET_FULL;
    format_expect(&f->b, "+Content-Type: message/rfc822\r\n", NULL);
    /* over the default limit of 50,000 octets: the header only */
    memcpy(big, orig_msg, sizeof orig_msg - 1);
    for (i = sizeof orig_msg - 1; i < sizeof big; i++)
        big[i] = i % 70 == 0 ? '\n' : 'x';
    f->b.original = big;
    f->b.original_len = sizeof big;
    format_expect(&f->b, "+Content-Type: text/rfc822-headers\r\n",
                  "+the message, 60000 octets, is over the "
                  "limit of 50000 octets.",
                  "-xxxxxxxxxx", NULL);
    f->b.original_limit = sizeof big;
    format_expect(&f->b, "+Content-Type: message/rfc822\r\n", NULL);
    f->b.original_limit = 100;
    f->b.original = orig_msg;
    f->b.original_len = sizeof orig_msg - 1;
    format_expect(&f->b, "+Content-Type: message/rfc822\r\n", NULL);
    f->b.original = NULL;
    f->b.original_len = 0;
    format_expect(&f->b, "-rfc822-headers", "-message/rfc822", NULL);
}

static void test_original_line_ends_and_long_lines(void **state)
{
    static char o[8000];
    one_failure *f = *state;
    size_t n = 0, i;
    /* bare CR, bare LF, CRLF: all CRLF */
    set_original(&f->b, "A: 1\rB: 2\nC: 3\r\n\rbody\r");
    format_expect(&f->b, "+\r\n\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\nbody\r\n", NULL);
    /* a header line of 2000 octets with spaces is folded before them */
    n = (size_t)sprintf(o, "Subject:");
    for (i = 0; i < 400; i++)
        n += (size_t)sprintf(o + n, " word");
    n += (size_t)sprintf(o + n, "\nX-Long: ");
    for (i = 0; i < 2100; i++)
        o[n++] = 'y';
    n += (size_t)sprintf(o + n, "\n\nshort body\n");
    f->b.original = o;
    f->b.original_len = n;
    format_expect(&f->b, "+short body\r\n", "+\r\n word word", "+yyy\r\n yyy",
                  NULL);
    /* a body line of 1000 octets: the body cannot travel unchanged */
    n = (size_t)sprintf(o, "Subject: long body\n\n");
    for (i = 0; i < 1000; i++)
        o[n++] = 'z';
    f->b.original_len = n;
    format_expect(&f->b, "+Content-Type: text/rfc822-headers\r\n",
                  "+its body holds octets or lines that this "
                  "report cannot carry unchanged.",
                  NULL);
    /* 8-bit body in a 7-bit report; NUL and 8-bit in the header */
    f->b.original = "Subject: caf\xC3\xA9\0!\n\nbody \xE9\n";
    f->b.original_len = 28;
    format_expect(&f->b,
                  "+Subject: caf??"
                  "?!\r\n",
                  "+Content-Type: text/rfc822-headers\r\n", "-body \xE9", NULL);
    /* no empty line: the whole original is its header */
    set_original(&f->b, "Subject: only a header");
    format_expect(&f->b, "+Subject: only a header\r\n\r\n--=_libdsn", NULL);
}

static void test_message_id_of_the_original(void **state)
{
    one_failure *f = *state;
    set_original(&f->b,
                 "Subject: x\nmessage-id:\n  <folded@example.org>\n\nb\n");
    format_expect(&f->b,
                  "+In-Reply-To: <folded@example.org>\r\n"
                  "References: <folded@example.org>\r\n",
                  NULL);
    set_original(&f->b, "Message-ID: <bad id@example.org>\n\nb\n");
    format_expect(&f->b, "-In-Reply-To:", NULL);
    f->b.original_message_id = "<given@example.org>";
    format_expect(&f->b, "+In-Reply-To: <given@example.org>\r\n", NULL);
    f->b.original_message_id = "<x@y>\r\nBcc: z";
    format_expect(&f->b, "-In-Reply-To:", NULL);
    f->b.message_id = "<own@mail.example.org>";
    format_expect(&f->b, "+Message-ID: <own@mail.example.org>\r\n", NULL);
}

static void test_international(void **state)
{
    one_failure *f = *state;
    f->r.final_recipient = "j\xC3\xB8rn@example.net";
    f->r.diagnostic = "550 5.1.1 ukjent bruker \xC3\xB8 \xB7\xA2";
    set_original(&f->b, "Subject: caf\xC3\xA9 \xFF\n\nk\xC3\xB8rt\n");
    format_expect(&f->b, "+Content-Type: message/global-delivery-status\r\n",
                  "+Final-Recipient: utf-8; "
                  "j\xC3\xB8rn@example.net\r\n",
                  "+Content-Type: message/global\r\n",
                  "+Content-Type: text/plain; charset=utf-8\r\n"
                  "Content-Transfer-Encoding: 8bit\r\n",
                  NULL);
    /* octets that are not UTF-8 are never sent as UTF-8 */
    expect_has("bruker \xC3\xB8 ??");
    expect_has("Subject: caf\xC3\xA9 ?\r\n");
    expect_has("k\xC3\xB8rt\r\n");
    /* the SMTPUTF8 flag alone makes it international */
    f->r = one_rcpt();
    f->b.flags = DSN_BOUNCE_SMTPUTF8;
    format_expect(&f->b, "+Content-Type: message/global-delivery-status\r\n",
                  NULL);
    /* not international: UTF-8 of part 1 goes quoted-printable, part 2 '?' */
    f->b.flags = 0;
    f->r.diagnostic = "550 5.1.1 ukjent bruker \xC3\xB8";
    format_expect(&f->b,
                  "+Content-Type: text/plain; charset=utf-8\r\n"
                  "Content-Transfer-Encoding: "
                  "quoted-printable\r\n",
                  "+bruker =C3=B8",
                  "+Diagnostic-Code: smtp; 550 5.1.1 ukjent "
                  "bruker ??\r\n",
                  NULL);
}

static void test_caller_text(void **state)
{
    one_failure *f = *state;
    f->b.text =
        "Line one\nLine\ttwo\r\n\r\n--=_libdsn_0000000000000000\rend\0x";
    f->b.text_len = 54;
    format_expect(&f->b,
                  "+\r\n\r\nLine one\r\nLine\ttwo\r\n\r\n"
                  "--=_libdsn_0000000000000000\r\nendx\r\n",
                  "+boundary=\"=_libdsn_0000000000000001\"", NULL);
}

static void test_long_diagnostic_in_text_goes_quoted_printable(void **state)
{
    static char diag[3000];
    one_failure *f = *state;
    memset(diag, 'd', sizeof diag - 1);
    memcpy(diag, "550 ", 4);
    f->r.diagnostic = diag;
    format_expect(&f->b,
                  "+Content-Type: text/plain; charset=us-ascii\r\n"
                  "Content-Transfer-Encoding: "
                  "quoted-printable\r\n",
                  NULL);
}

/* Lines of the content that take the candidates the writer would pick. */
static void test_boundary_is_never_in_the_content(void **state)
{
    static char o[4096];
    one_failure *f = *state;
    size_t n;
    n = (size_t)sprintf(o, "Subject: x\n\n--=_libdsn_0000000000000005\n"
                           "--=_libdsn_00000000000000ffjunk\n");
    f->b.original = o;
    f->b.original_len = n;
    format_expect(&f->b, "+boundary=\"=_libdsn_0000000000000100\"", NULL);
    /* the greatest value: the passes halve the range */
    n = (size_t)sprintf(o, "Subject: x\n\n--=_libdsn_FFFFFFFFFFFFFFFF\n"
                           "--=_libdsn_0000000000000000\n"
                           "--=_libdsn_0000000000000001\n"
                           "--=_libdsn_7FFFFFFFFFFFFFFF\n");
    f->b.original_len = n;
    format_expect(&f->b, "+boundary=\"=_libdsn_0000000000000002\"", NULL);
}

static void test_rfc5322_date(void **state)
{
    struct tm tm;
    char d[DSN_DATE_MAX];
    static const int bad[] = {INT_MIN, -1, 24, INT_MAX};
    size_t i;
    (void)state;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 126;
    tm.tm_mon = 10;
    tm.tm_mday = 30;
    tm.tm_hour = 10;
    tm.tm_min = 22;
    tm.tm_sec = 53;
    tm.tm_wday = 5; /* wrong, and not read */
    assert_int_equal(dsn_rfc5322_date(&tm, 0, d, sizeof d), 31);
    assert_string_equal(d, "Mon, 30 Nov 2026 10:22:53 +0000");
    tm.tm_mday = 1;
    tm.tm_mon = 2;
    tm.tm_year = 100;
    assert_int_equal(dsn_rfc5322_date(&tm, -330, d, sizeof d), 30);
    assert_string_equal(d, "Wed, 1 Mar 2000 10:22:53 -0530");
    tm.tm_mon = 1;
    tm.tm_mday = 29;
    assert_int_equal(dsn_rfc5322_date(&tm, 1439, d, sizeof d), 31);
    assert_string_equal(d, "Tue, 29 Feb 2000 10:22:53 +2359");
    tm.tm_year = 200; /* 2100 is no leap year */
    assert_int_equal(dsn_rfc5322_date(&tm, 0, d, sizeof d), 0);
    assert_string_equal(d, "");
    tm.tm_year = 100;
    assert_int_equal(dsn_rfc5322_date(&tm, 1440, d, sizeof d), 0);
    assert_int_equal(dsn_rfc5322_date(&tm, INT_MIN, d, sizeof d), 0);
    assert_int_equal(dsn_rfc5322_date(NULL, 0, d, sizeof d), 0);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct tm t = tm;
        t.tm_hour = bad[i];
        assert_int_equal(dsn_rfc5322_date(&t, 0, d, sizeof d), 0);
        t = tm;
        t.tm_year = bad[i] == 24 ? 10000 - 1900 : bad[i];
        assert_int_equal(dsn_rfc5322_date(&t, 0, d, sizeof d), 0);
        t = tm;
        t.tm_mday = bad[i] == 24 ? 0 : bad[i];
        assert_int_equal(dsn_rfc5322_date(&t, 0, d, sizeof d), 0);
        t = tm;
        t.tm_mon = bad[i] == 24 ? 12 : bad[i];
        assert_int_equal(dsn_rfc5322_date(&t, 0, d, sizeof d), 0);
    }
    assert_int_equal(dsn_rfc5322_date(&tm, 0, NULL, 0), 31);
}

static void test_xtext_decode(void **state)
{
    char d[32];
    (void)state;
    assert_int_equal(dsn_xtext_decode("QQ+2B314159", 11, d, sizeof d), 9);
    assert_string_equal(d, "QQ+314159");
    assert_int_equal(dsn_xtext_decode("a+3Db+20", 8, d, sizeof d), 4);
    assert_string_equal(d, "a=b ");
    assert_int_equal(dsn_xtext_decode("abc", 3, NULL, 0), 3);
    assert_int_equal(dsn_xtext_decode("abcdef", 6, d, 4), 6);
    assert_string_equal(d, "abc");
    assert_int_equal(dsn_xtext_decode("", 0, d, sizeof d), 0);
    strcpy(d, "keep");
    assert_int_equal(dsn_xtext_decode("a+2", 3, d, sizeof d), DSN_EXTEXT);
    assert_int_equal(dsn_xtext_decode("a+2b", 4, d, sizeof d), DSN_EXTEXT);
    assert_int_equal(dsn_xtext_decode("a b", 3, d, sizeof d), DSN_EXTEXT);
    assert_int_equal(dsn_xtext_decode("a=b", 3, d, sizeof d), DSN_EXTEXT);
    assert_int_equal(dsn_xtext_decode("\xC3\xA9", 2, d, sizeof d), DSN_EXTEXT);
    assert_int_equal(dsn_xtext_decode(NULL, 1, d, sizeof d), DSN_EXTEXT);
    assert_string_equal(d, "keep");
}

/* Values the generator picks from: ordinary, UTF-8, not UTF-8, hostile. */
static const char *const addrs[] = {
    "user@example.com",
    "j\xC3\xB8rn@example.no",
    "a@b\r\nBcc: evil@example.com",
    "x@y\n\n--=_libdsn_0000000000000000\nContent-Type: text/html",
    "\"quoted local\"@example.com",
    "nul\x01\x7F@example.com",
    "very.long.address."
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com",
    "\xB7\xA2@example.com"};
static const char *const diags[] = {
    NULL,
    "550 5.1.1 <user@example.com>: Recipient address rejected: User unknown",
    "452-4.2.2 mailbox full\r\n452 4.2.2 try later",
    "550 5.7.1 blocked ip (\xB7\xA2\xD0\xC5)",
    "554 5.4.7 \xE2\x9C\x93 delivery time expired",
    "550 bad\r\n\r\n--=_libdsn_0000000000000001\r\nX-Injected: yes",
    "550 \0 NUL inside"};
static const char *const texts[] = {NULL, "Custom text\nwith lines\r\n",
                                    "t\xC3\xA9xt \xFF\r\n--=_libdsn_x\r",
                                    "\r\n\r\n"};
static const char *const originals[] = {
    NULL,
    "Subject: hi\r\nMessage-ID: <m@x>\r\n\r\nbody\r\n",
    "Subject: bare\rX: lf\n\nbody\rwith\nends",
    "Subject: 8bit \xC3\xA9\n\nk\xC3\xB8rt \xFF\n",
    "Subject: nul \0 here\n\n--=_libdsn_0000000000000000\nbody\n",
    "no header section at all",
    "\n\nempty header",
    "From: a\n\n--=_libdsn_FFFFFFFFFFFFFFFF\n--=_libdsn_0000000000000000\n"};
static const size_t original_lens[] = {0, 43, 39, 34, 52, 24, 14, 66};
static const dsn_status statuses[] = {
    {5, 1, 1}, {5, 2, 2}, {5, 1, 2}, {5, 4, 7}, {4, 4, 1}, {4, 2, 2},
    {2, 0, 0}, {2, 1, 5}, {5, 7, 1}, {4, 0, 0}, {5, 0, 0}};

static const char *pick(uint64_t *s, const char *const *v, size_t n)
{
    return v[xorshift_below(s, (uint32_t)n)];
}

#define PICK(s, v) pick(s, v, sizeof v / sizeof v[0])

/* An Action that fits the class (0: from the status), or now and then
 * any value, which the writer must refuse when it does not fit. */
static int fitting_action(uint64_t *s, int cls)
{
    static const int fits[3][4] = {
        {0, DSN_ACTION_DELIVERED, DSN_ACTION_RELAYED, DSN_ACTION_EXPANDED},
        {0, DSN_ACTION_DELAYED, DSN_ACTION_FAILED, 0},
        {0, DSN_ACTION_FAILED, 0, DSN_ACTION_FAILED}};
    if (xorshift_below(s, 50) == 0)
        return (int)xorshift_below(s, 7);
    return fits[cls == 2 ? 0 : cls == 4 ? 1 : 2][xorshift_below(s, 4)];
}

static void test_generated_reports_keep_the_invariants(void **state)
{
    static char got[1 << 20];
    uint64_t s = 0x9E3779B97F4A7C15u;
    size_t round, written = 0, refused = 0, global = 0;
    (void)state;
    for (round = 0; round < 3000; round++) {
        dsn_recipient_fields r[6];
        dsn_bounce b = base(r, 1 + xorshift_below(&s, 6));
        collect c = {got, 0, 0, 0};
        size_t i, n, k;
        int err;
        for (i = 0; i < b.recipient_count; i++) {
            const dsn_status *st = &statuses[xorshift_below(
                &s, sizeof statuses / sizeof statuses[0])];
            r[i] = one_rcpt();
            r[i].final_recipient = PICK(&s, addrs);
            r[i].original_recipient =
                xorshift_below(&s, 3) == 0 ? PICK(&s, addrs) : NULL;
            r[i].status = st;
            r[i].code = xorshift_below(&s, 2) ? st->cls * 100 + 50 : 0;
            r[i].diagnostic = PICK(&s, diags);
            r[i].diagnostic_len =
                r[i].diagnostic != NULL && strstr(r[i].diagnostic, "NUL") ? 16
                                                                          : 0;
            r[i].action = fitting_action(&s, st->cls);
            r[i].will_retry_until =
                st->cls == 4 ? "Fri, 4 Dec 2026 10:22:53 +0000" : NULL;
        }
        b.ret = (int)xorshift_below(&s, 3);
        b.flags = xorshift_below(&s, 5) == 0 ? DSN_BOUNCE_SMTPUTF8 : 0;
        b.text = PICK(&s, texts);
        k = xorshift_below(&s, sizeof originals / sizeof originals[0]);
        b.original = originals[k];
        b.original_len = original_lens[k];
        b.original_limit = xorshift_below(&s, 4) == 0 ? 20 : 0;
        b.envid = xorshift_below(&s, 4) == 0 ? "ID+2B1" : NULL;
        b.received_from_mta =
            xorshift_below(&s, 3) == 0 ? "client.example (192.0.2.1)" : NULL;
        err = dsn_bounce_check(&b);
        n = dsn_bounce_format(&b, out, sizeof out);
        assert_true(n < sizeof out);
        if (err != DSN_OK) {
            if (getenv("BOUNCE_DEBUG"))
                printf("%s\n", dsn_err_name(err));
            assert_int_equal(n, 0);
            refused++;
            continue;
        }
        assert_true(n > 0);
        {
            const char *why = bi_invariants(out, n, b.recipient_count);
            if (why != NULL)
                fail_msg("round %zu: %s in:\n%s", round, why, out);
        }
        assert_int_equal(dsn_bounce_write(&b, collect_writer, &c), DSN_OK);
        assert_int_equal(c.len, n);
        assert_memory_equal(got, out, n);
        global += strstr(out, "message/global-delivery-status") != NULL;
        written++;
    }
    /* both kinds were exercised */
    assert_true(written > 1000);
    assert_true(refused > 100);
    assert_true(global > 100);
    assert_true(written - global > 100);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_one_failure_exact),
    cmocka_unit_test(test_snprintf_contract_and_writer),
    cmocka_unit_test(test_errors),
    cmocka_unit_test_setup(test_hostile_recipient_values_are_cleaned,
                           one_failure_setup),
    cmocka_unit_test(test_actions_and_subjects),
    cmocka_unit_test_setup(test_ret_and_limit, one_failure_setup),
    cmocka_unit_test_setup(test_original_line_ends_and_long_lines,
                           one_failure_setup),
    cmocka_unit_test_setup(test_message_id_of_the_original, one_failure_setup),
    cmocka_unit_test_setup(test_international, one_failure_setup),
    cmocka_unit_test_setup(test_caller_text, one_failure_setup),
    cmocka_unit_test_setup(test_long_diagnostic_in_text_goes_quoted_printable,
                           one_failure_setup),
    cmocka_unit_test_setup(test_boundary_is_never_in_the_content,
                           one_failure_setup),
    cmocka_unit_test(test_rfc5322_date),
    cmocka_unit_test(test_xtext_decode),
    cmocka_unit_test(test_generated_reports_keep_the_invariants),
})

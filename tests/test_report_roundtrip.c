/*
 * Round trip of the DSN writer and reader: thousands of generated reports
 * (1 to 40 recipients; every action with the statuses that fit it; RET
 * default, FULL and HDRS, originals over the size limit; UTF-8 and
 * 7-bit; hostile values: CR, LF, HT, control octets, Latin-1 octets,
 * long folded diagnostics) written by dsn_bounce_format() and read back
 * by dsn_report_read()/dsn_report_next() give back every field: the
 * per-message ones, and per recipient its addresses with their types,
 * Action, Status, Remote-MTA, Diagnostic-Code and the dates, each equal
 * to the value given as the writer's documented cleaning leaves it
 * (dsn/delivery.h: LF and HT a space, other controls removed, spaces
 * around dropped; dsn/bounce.h: octets >= 0x80 '?' in a 7-bit report,
 * octets not well-formed UTF-8 '?' in an international one).
 */
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
#include "dsn/report.h"
#include "support/xorshift.h"

#define MAX_RCPTS 40

static char msg[1 << 20];
static char scratch[2 << 20];

#define PICK(s, a) ((a)[xorshift_below((s), sizeof(a) / sizeof((a)[0]))])

static const char *const addrs[] = {
    "gone@example.net",       "Mixed.Case+tag@Example.COM",
    "cr\rinside@example.org", "lf\ninside@example.org",
    "tab\there@example.org",  "ctl\x01\x7f@example.org",
    "semi;colon@example.org", "<half@example.org",
    "  padded@example.org  ",
};

/* UTF-8 addresses (RFC 6533), picked less often, so that 7-bit and
 * international reports both come out many times. */
static const char *const utf8_addrs[] = {
    "j\xc3\xb6rg@example.de",
    "\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90."
    "\xe5\xb9\xbf\xe5\x91\x8a",
};

static const char *pick_addr(uint64_t *s)
{
    return xorshift_below(s, 12) == 0 ? PICK(s, utf8_addrs) : PICK(s, addrs);
}

static const char *const diags[] = {
    NULL,
    "550 5.1.1 No such user",
    "550-5.1.1 first line\n550 5.1.1 second line",
    "421 4.7.0 try\r\nagain later",
    "552 5.2.2 caf\xe9 is full",
    "554 5.7.1 \xc3\xa9t\xc3\xa9 refused",
    "\x01\x02 control octets \x7f only",
    "   spaces around   ",
    "450 4.2.1 a long reply that goes on and on, word after word, so that "
    "the Diagnostic-Code field must be folded more than once before it "
    "ends, well past the seventy-eight columns RFC 5322 recommends, and "
    "further still to make several continuation lines for the reader",
};

static const char *const mtas[] = {NULL, "mx.example.net",
                                   "mx1.example.net (192.0.2.7)"};
static const char *const dates[] = {NULL, "Mon, 30 Nov 2026 10:22:53 +0000",
                                    "Tue, 1 Dec 2026 00:00:00 -0800 (PST)"};

static const dsn_status statuses[] = {
    {5, 1, 1}, {5, 0, 0}, {5, 2, 2}, {5, 7, 26}, {4, 4, 1},
    {4, 0, 0}, {4, 7, 0}, {2, 0, 0}, {2, 1, 5},  {5, 999, 999}};

/* An action that fits the class (dsn_status_fields_check()), or 0: from
 * the code or the status. */
static int fitting_action(uint64_t *s, int cls)
{
    static const int fits[3][4] = {
        {0, DSN_ACTION_DELIVERED, DSN_ACTION_RELAYED, DSN_ACTION_EXPANDED},
        {0, DSN_ACTION_DELAYED, DSN_ACTION_FAILED, DSN_ACTION_DELAYED},
        {0, DSN_ACTION_FAILED, DSN_ACTION_FAILED, DSN_ACTION_FAILED}};
    return fits[cls == 2 ? 0 : cls == 4 ? 1 : 2][xorshift_below(s, 4)];
}

/* The value the writer documents for s[0..len) (len 0: strlen) in part
 * 2: cleaned, 8-bit octets as the report's kind allows, trimmed. */
static const char *expected(const char *s, size_t len, int intl, char *buf)
{
    size_t i, n = 0, b = 0;
    if (s == NULL)
        return "";
    if (len == 0)
        len = strlen(s);
    for (i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '\t') {
            buf[n++] = ' ';
        } else if (c < 0x20 || c == 0x7f) {
            /* removed */
        } else if (c >= 0x80) {
            size_t k = dsn_utf8_char(s + i, len - i);
            if (intl && k > 0) {
                memcpy(buf + n, s + i, k);
                n += k;
                i += k;
                continue;
            }
            buf[n++] = '?';
        } else {
            buf[n++] = (char)c;
        }
        i++;
    }
    while (n > 0 && buf[n - 1] == ' ')
        n--;
    while (b < n && buf[b] == ' ')
        b++;
    buf[n] = '\0';
    return buf + b;
}

static void expect_slice(dsn_slice got, const char *want, const char *what,
                         size_t round)
{
    if (got.len != strlen(want) || (got.len && memcmp(got.ptr, want, got.len)))
        fail_msg("round %zu: %s: got \"%.*s\", want \"%s\"", round, what,
                 (int)got.len, got.len ? got.ptr : "", want);
}

static int is_international(const dsn_bounce *b)
{
    size_t i;
    const char *p;
    if (b->flags & DSN_BOUNCE_SMTPUTF8)
        return 1;
    for (p = b->sender; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return 1;
    for (i = 0; i < b->recipient_count; i++) {
        const dsn_recipient_fields *r = &b->recipients[i];
        for (p = r->final_recipient; *p; p++)
            if ((unsigned char)*p >= 0x80)
                return 1;
        for (p = r->original_recipient ? r->original_recipient : ""; *p; p++)
            if ((unsigned char)*p >= 0x80)
                return 1;
    }
    return 0;
}

static const char original[] = "From: alice@example.org\r\n"
                               "To: gone@example.net\r\n"
                               "Message-ID: <orig.42@example.org>\r\n"
                               "Subject: hello\r\n"
                               "\r\n"
                               "Hello, world.\r\n";

/* RFC 6533 section 3: the type of an address as written, with a byte
 * >= 0x80 "utf-8", else "rfc822". */
static const char *type_of(const char *addr)
{
    for (; *addr != '\0'; addr++)
        if ((unsigned char)*addr >= 0x80)
            return "utf-8";
    return "rfc822";
}

/* Compares one recipient read back with the one written. */
static void check_recipient(const dsn_report_recipient *got,
                            const dsn_recipient_fields *f, int intl,
                            size_t round)
{
    char buf[8192];
    dsn_status want_st = *f->status, st;
    int action = f->action != 0 ? f->action : dsn_action_of(f->code);
    char status[32];
    expect_slice(got->final_recipient,
                 expected(f->final_recipient, 0, intl, buf), "final", round);
    expect_slice(got->final_recipient_type, type_of(buf), "final type", round);
    if (f->original_recipient != NULL &&
        *expected(f->original_recipient, 0, intl, buf) != '\0') {
        expect_slice(got->original_recipient,
                     expected(f->original_recipient, 0, intl, buf), "original",
                     round);
        expect_slice(got->original_recipient_type, type_of(buf),
                     "original type", round);
    } else {
        expect_slice(got->original_recipient, "", "no original", round);
    }
    assert_int_equal(got->action_id, action);
    expect_slice(got->action, dsn_action_name(action), "action", round);
    snprintf(status, sizeof status, "%d.%d.%d", want_st.cls, want_st.subject,
             want_st.detail);
    expect_slice(got->status_text, status, "status", round);
    assert_true(got->flags & DSN_RCPT_STATUS);
    assert_memory_equal(&got->status, &want_st, sizeof want_st);
    assert_int_equal(dsn_report_status(got, &st), DSN_OK);
    assert_int_equal(st.cls, want_st.cls);
    expect_slice(got->remote_mta, expected(f->remote_mta, 0, intl, buf),
                 "remote mta", round);
    expect_slice(got->remote_mta_type, got->remote_mta.len ? "dns" : "",
                 "remote mta type", round);
    expect_slice(got->diagnostic,
                 expected(f->diagnostic, f->diagnostic_len, intl, buf),
                 "diagnostic", round);
    expect_slice(got->diagnostic_type, got->diagnostic.len ? "smtp" : "",
                 "diagnostic type", round);
    expect_slice(got->last_attempt_date,
                 expected(f->last_attempt_date, 0, intl, buf), "last attempt",
                 round);
    expect_slice(got->will_retry_until,
                 expected(f->will_retry_until, 0, intl, buf), "retry until",
                 round);
}

/* One generated report: its recipients in r[], the bounce in *b. */
static void generate(uint64_t *s, dsn_recipient_fields *r, dsn_bounce *b)
{
    size_t i;
    b->recipient_count =
        1 + xorshift_below(s, xorshift_below(s, 8) == 0 ? MAX_RCPTS : 4);
    for (i = 0; i < b->recipient_count; i++) {
        const dsn_status *st = &PICK(s, statuses);
        dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
        f.final_recipient = pick_addr(s);
        f.original_recipient = xorshift_below(s, 3) == 0 ? pick_addr(s) : NULL;
        f.status = st;
        f.action = fitting_action(s, st->cls);
        f.code = f.action == 0 || xorshift_below(s, 2)
                     ? st->cls * 100 + (st->cls == 2 ? 50 : 51)
                     : 0;
        f.remote_mta = PICK(s, mtas);
        f.diagnostic = PICK(s, diags);
        f.last_attempt_date = PICK(s, dates);
        f.will_retry_until = st->cls == 4 ? PICK(s, dates) : NULL;
        r[i] = f;
    }
    b->ret = (int)xorshift_below(s, 3);
    b->flags = xorshift_below(s, 5) == 0 ? DSN_BOUNCE_SMTPUTF8 : 0;
    b->original = xorshift_below(s, 6) == 0 ? NULL : original;
    b->original_len = b->original ? sizeof original - 1 : 0;
    b->original_limit = xorshift_below(s, 4) == 0 ? 20 : 0;
    b->envid = xorshift_below(s, 3) == 0 ? "QQ+2B314" : NULL;
    b->received_from_mta =
        xorshift_below(s, 3) == 0 ? "client.example (192.0.2.1)" : NULL;
    b->arrival_date = PICK(s, dates);
}

static void test_every_written_field_is_read_back(void **state)
{
    uint64_t s = 0x2545F4914F6CDD1Du;
    size_t round, read = 0, refused = 0, intl_reports = 0, rcpts = 0;
    (void)state;
    for (round = 0; round < 3000; round++) {
        dsn_recipient_fields r[MAX_RCPTS];
        dsn_bounce b = DSN_BOUNCE_INIT;
        dsn_report rep;
        dsn_report_recipient got;
        size_t n, i;
        int intl;
        b.reporting_mta = "mail.example.org";
        b.sender = xorshift_below(&s, 6) == 0 ? "\xc3\xa5sa@example.se"
                                              : "alice@example.org";
        b.date = "Mon, 30 Nov 2026 10:22:53 +0000";
        b.message_id_local = "Q1234";
        b.recipients = r;
        generate(&s, r, &b);
        if (dsn_bounce_check(&b) != DSN_OK) {
            refused++; /* every generated report is valid: fails below */
            continue;
        }
        n = dsn_bounce_format(&b, msg, sizeof msg);
        assert_true(n > 0 && n < sizeof msg);
        intl = is_international(&b);
        intl_reports += intl ? 1u : 0u;
        assert_int_equal(dsn_report_read(msg, n, scratch, sizeof scratch, &rep),
                         DSN_OK);
        assert_int_equal(rep.flags,
                         DSN_REPORT_IN_REPORT | (intl ? DSN_REPORT_GLOBAL : 0));
        expect_slice(rep.reporting_mta, "mail.example.org", "reporting mta",
                     round);
        expect_slice(rep.reporting_mta_type, "dns", "reporting type", round);
        expect_slice(rep.envelope_id, b.envid ? "QQ+314" : "", "envid", round);
        expect_slice(rep.arrival_date, b.arrival_date ? b.arrival_date : "",
                     "arrival date", round);
        expect_slice(rep.received_from_mta,
                     b.received_from_mta ? b.received_from_mta : "",
                     "received from", round);
        expect_slice(rep.message_id, b.original ? "<orig.42@example.org>" : "",
                     "message id", round);
        for (i = 0; i < b.recipient_count; i++) {
            assert_int_equal(dsn_report_next(&rep, &got), 1);
            check_recipient(&got, &r[i], intl, round);
        }
        assert_int_equal(dsn_report_next(&rep, &got), 0);
        rcpts += b.recipient_count;
        read++;
    }
    /* every kind was exercised */
    assert_true(read > 2000);
    assert_true(intl_reports > 200 && read - intl_reports > 200);
    assert_int_equal(refused, 0);
    printf("round trip: %zu reports (%zu international), %zu recipients, "
           "every field back\n",
           read, intl_reports, rcpts);
    assert_true(rcpts > 5000);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_every_written_field_is_read_back),
})

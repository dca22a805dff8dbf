/*
 * Part 1 of the report, text/plain (RFC 6522 section 3): what happened
 * to each recipient, in words, or the caller's own text. Every value is
 * cleaned as it is written: a line of text never holds CR, NUL or a
 * control octet, and octets that are not well-formed UTF-8 become '?'.
 */
#include <string.h>

#include "bounce_int.h"
#include "text_class.h"
#include "utf8.h"

static const bw_outcome outcomes[] = {
    {DSN_ACTION_FAILED, "Delivery report: message not delivered",
     "Your message could not be delivered to one or more of its\r\n"
     "recipients. What happened to each recipient is said below.",
     "could not be delivered"},
    {DSN_ACTION_DELAYED, "Delivery report: message delayed",
     "Your message has not yet been delivered to one or more of its\r\n"
     "recipients. The mail system keeps trying: you need not send it\r\n"
     "again.",
     "not delivered yet, still being retried"},
    {DSN_ACTION_DELIVERED, "Delivery report: message delivered",
     "Your message was delivered to the recipients below, as you asked.",
     "delivered to the mailbox"},
    {DSN_ACTION_RELAYED, "Delivery report: message relayed",
     "Your message was delivered or passed on to the recipients below, as\r\n"
     "you asked: each line says which. A mail system it was passed on to\r\n"
     "may not report on its delivery.",
     "relayed to a system that does not report on delivery"},
    {DSN_ACTION_EXPANDED, "Delivery report: message delivered",
     "Your message was delivered to the recipients below, as you asked.",
     "delivered to a list or alias, which passed it on"},
};

const bw_outcome *bw_outcome_of(int action)
{
    size_t i;
    for (i = 0; i + 1 < sizeof outcomes / sizeof outcomes[0]; i++)
        if (outcomes[i].action == action)
            return &outcomes[i];
    return &outcomes[i];
}

bw_span bw_diagnostic(const dsn_recipient_fields *r)
{
    bw_span d = {NULL, 0};
    if (r->diagnostic == NULL)
        return d;
    d.p = r->diagnostic;
    d.len = r->diagnostic_len != 0 ? r->diagnostic_len : strlen(d.p);
    if (d.len > BW_DIAG_MAX) {
        /* not inside a UTF-8 character: back over continuation octets */
        d.len = BW_DIAG_MAX;
        while (d.len > BW_DIAG_MAX - 3 &&
               ((unsigned char)d.p[d.len] & 0xC0) == 0x80)
            d.len--;
    }
    return d;
}

/* s[0..n) on one line: LF and HT a space, other control octets dropped,
 * octets that are not well-formed UTF-8 '?'. With lines set, CR, LF and
 * CRLF end a line instead (CRLF written) and HT stays. */
static void put_clean(bw_out *o, const char *s, size_t n, int lines)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* the run of octets that go out as they are, in one piece */
        size_t run = i, k;
        while (run < n && (k = dsn_utf8_char_len(s, run, n)) > 0 &&
               (k > 1 || !dsn_is_ctl(p[run])))
            run += k;
        if (run > i) {
            bw_put(o, s + i, run - i);
            i = run;
            continue;
        }
        if (dsn_utf8_char_len(s, i, n) == 0)
            bw_put(o, "?", 1);
        else if (lines && (p[i] == '\r' || p[i] == '\n')) {
            bw_put(o, "\r\n", 2);
            if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
                i++;
        } else if (p[i] == '\t')
            bw_put(o, lines ? "\t" : " ", 1);
        else if (p[i] == '\n')
            bw_put(o, " ", 1);
        i++;
    }
}

static void put_value(bw_out *o, const char *label, const char *v)
{
    if (v == NULL || *v == '\0')
        return;
    bw_str(o, label);
    put_clean(o, v, strlen(v), 0);
    bw_put(o, "\r\n", 2);
}

static void put_status(bw_out *o, const dsn_recipient_fields *r)
{
    dsn_status st;
    char s[DSN_STATUS_MAX];
    size_t n;
    if (r->status != NULL)
        st = *r->status;
    else
        (void)dsn_default_status(r->code, &st);
    /* dsn_bounce_check() checked it: never "" */
    n = dsn_status_format(&st, s, sizeof s);
    bw_str(o, "    Status: ");
    bw_put(o, s, n);
    bw_put(o, "\r\n", 2);
}

static void put_recipient(bw_out *o, const dsn_recipient_fields *r)
{
    bw_span d = bw_diagnostic(r);
    bw_put(o, "<", 1);
    put_clean(o, r->final_recipient, strlen(r->final_recipient), 0);
    bw_str(o, ">: ");
    bw_str(o, bw_outcome_of(bw_action(r))->says);
    bw_put(o, "\r\n", 2);
    put_value(o, "    Original recipient: ", r->original_recipient);
    put_status(o, r);
    put_value(o, "    Remote server: ", r->remote_mta);
    if (d.len > 0) {
        bw_str(o, "    Reply: ");
        put_clean(o, d.p, d.len, 0);
        bw_put(o, "\r\n", 2);
    }
    put_value(o, "    Last attempt: ", r->last_attempt_date);
    put_value(o, "    Will retry until: ", r->will_retry_until);
}

static void put_size(bw_out *o, size_t v)
{
    char d[24];
    size_t n = sizeof d;
    do {
        d[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    bw_put(o, d + n, sizeof d - n);
}

static void put_original_note(const bw_plan *pl, bw_out *o)
{
    const dsn_bounce *b = pl->b;
    if (b->original == NULL || b->original_len == 0)
        return;
    if (pl->full) {
        bw_str(o, "\r\nThe original message is attached.\r\n");
        return;
    }
    bw_str(o, "\r\nThe header of the original message is attached");
    if (pl->refused == BW_REFUSED_SIZE) {
        bw_str(o, ";\r\nthe message, ");
        put_size(o, b->original_len);
        bw_str(o, " octets, is over the limit of ");
        put_size(o, b->original_limit ? b->original_limit : DSN_BOUNCE_LIMIT);
        bw_str(o, " octets");
    } else if (pl->refused == BW_REFUSED_CONTENT) {
        bw_str(o, ";\r\nits body holds octets or lines that this report "
                  "cannot carry unchanged");
    }
    bw_str(o, ".\r\n");
}

void bw_human(const bw_plan *pl, bw_out *o)
{
    const dsn_bounce *b = pl->b;
    size_t i;
    if (b->text != NULL) {
        size_t n = b->text_len != 0 ? b->text_len : strlen(b->text);
        put_clean(o, b->text, n, 1);
        if (n > 0 && b->text[n - 1] != '\n' && b->text[n - 1] != '\r')
            bw_put(o, "\r\n", 2);
        return;
    }
    bw_str(o, "This report comes from the mail system at ");
    bw_str(o, b->reporting_mta);
    bw_str(o, ".\r\n\r\n");
    bw_str(o, bw_outcome_of(pl->worst)->intro);
    bw_str(o, "\r\n");
    for (i = 0; i < b->recipient_count; i++) {
        bw_put(o, "\r\n", 2);
        put_recipient(o, &b->recipients[i]);
    }
    put_original_note(pl, o);
}

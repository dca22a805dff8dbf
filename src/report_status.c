/*
 * report_status.c - a recipient's Status (RFC 3464 2.3.4), and the status
 * that matters: Exim and OpenSMTPD write X.0.0 whatever the remote server
 * said, while the Diagnostic-Code (2.3.6) holds the server's reply with
 * its RFC 3463 code. Both codes are read by dsn_parse_status(), the
 * library's one reader of enhanced status codes.
 */
#include "report_scan.h"

/* The enhanced code at the start of s[i..n): a run of digits and dots
 * that dsn_parse_status() takes whole, followed by the end, a space or
 * punctuation ("5.1.1,", "5.1.1;"), not by a letter. Its length and
 * *st, or 0. The run is parsed from a copy (a longer run than the copy is
 * no code: a status is at most 9 bytes). */
static size_t status_word(const char *s, size_t i, size_t n, dsn_status *st)
{
    char b[DSN_RPT_WORD_MAX] = {0}; /* all set: read up to the length */
    dsn_rpt_span run;
    size_t w;
    run.s = s;
    run.from = run.to = i;
    while (run.to < n &&
           (dsn_is_digit((unsigned char)s[run.to]) || s[run.to] == '.'))
        run.to++;
    run.to = dsn_rpt_stop(run.to, n);
    w = run.to - i;
    if (w == 0 || (run.to < n && dsn_is_alpha((unsigned char)s[run.to])) ||
        dsn_rpt_copy_word(run, b) != w || w >= DSN_RPT_WORD_MAX)
        return 0;
    return dsn_parse_status(b, w, st) == (int)w ? w : 0;
}

/* Index after the spaces and tabs at i. */
static size_t skip_wsp(const char *s, size_t i, size_t n)
{
    while (i < n && dsn_rpt_is_wsp(s[i]))
        i++;
    return dsn_rpt_stop(i, n);
}

/* The code at the start of a reply's text: "550 5.1.1 ...",
 * "550-5.1.1 ...", "550 #5.1.1", "5.1.1 ..." (RFC 3463 without the reply
 * code, as Amazon SES writes it). */
static int diagnostic_code(dsn_rpt_span d, dsn_status *st)
{
    const char *s = d.s;
    size_t n = d.to, i = skip_wsp(s, d.from, n);
    if (i + 3 < n && s[i] >= '2' && s[i] <= '5' &&
        dsn_is_digit((unsigned char)s[i + 1]) &&
        dsn_is_digit((unsigned char)s[i + 2]) &&
        (s[i + 3] == ' ' || s[i + 3] == '-'))
        i = skip_wsp(s, i + 4, n);
    if (i < n && s[i] == '#')
        i++;
    return i < n && status_word(s, i, n, st) > 0;
}

static int is_x00(const dsn_status *st)
{
    return st->subject == 0 && st->detail == 0;
}

void dsn_rpt_statuses(dsn_report_recipient *r, dsn_rpt_span status,
                      dsn_rpt_span diagnostic)
{
    dsn_status d = {0, 0, 0}; /* set before use: read only when parsed */
    size_t w = status_word(status.s, status.from, status.to, &r->status);
    if (w > 0) {
        r->status_text.len = w; /* "5.1.1" of "5.1.1," */
        r->flags |= DSN_RCPT_STATUS;
    }
    if ((r->flags & DSN_RCPT_STATUS) && !is_x00(&r->status))
        return;
    if (!diagnostic_code(diagnostic, &d) || is_x00(&d))
        return;
    if ((r->flags & DSN_RCPT_STATUS) && d.cls != r->status.cls)
        return;
    r->diagnostic_status = d;
    r->flags |= DSN_RCPT_DIAGNOSTIC_STATUS;
}

int dsn_report_status(const dsn_report_recipient *rcpt, dsn_status *out)
{
    if (rcpt == NULL || out == NULL)
        return DSN_EINVAL;
    if (rcpt->flags & DSN_RCPT_DIAGNOSTIC_STATUS)
        *out = rcpt->diagnostic_status;
    else if (rcpt->flags & DSN_RCPT_STATUS)
        *out = rcpt->status;
    else
        return DSN_ESTATUS;
    return DSN_OK;
}

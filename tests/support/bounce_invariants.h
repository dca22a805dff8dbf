/*
 * bounce_invariants.h - what every message dsn_bounce_format() writes must
 * be, whatever its input (the cmocka test and the fuzzer both ask):
 * CRLF after every line and no CR or LF elsewhere, no line over 998
 * octets, 7-bit unless the report is international, exactly the header
 * fields the writer puts (nothing injected), a boundary that no line of
 * the parts starts with but the delimiters, 2 or 3 parts with only the
 * part headers the writer puts, and a delivery-status part of fields
 * only: a per-message block and one block per recipient.
 * bounce_invariants() returns NULL, or what is wrong.
 */
#ifndef DSN_TESTS_BOUNCE_INVARIANTS_H
#define DSN_TESTS_BOUNCE_INVARIANTS_H

#include <stddef.h>
#include <string.h>

typedef struct bi_line {
    const char *p;
    size_t len; /* without CRLF */
} bi_line;

/* The line at *at, or NULL-p at the end; checks CRLF and the length. */
static const char *bi_next(const char *m, size_t n, size_t *at, bi_line *l)
{
    size_t i = *at;
    l->p = NULL;
    l->len = 0;
    if (i >= n)
        return NULL;
    while (i < n && m[i] != '\r' && m[i] != '\n')
        i++;
    if (i + 1 >= n || m[i] != '\r' || m[i + 1] != '\n')
        return "a line does not end in CRLF (bare CR or LF)";
    l->p = m + *at;
    l->len = i - *at;
    *at = i + 2;
    return l->len > 998 ? "a line longer than 998 octets" : NULL;
}

static int bi_starts(const bi_line *l, const char *s)
{
    size_t k = strlen(s);
    return l->len >= k && memcmp(l->p, s, k) == 0;
}

static int bi_is(const bi_line *l, const char *s)
{
    return l->len == strlen(s) && memcmp(l->p, s, l->len) == 0;
}

static const char *bi_top_header(const char *m, size_t n, size_t *at,
                                 char *boundary, size_t bsize)
{
    static const char *const names[] = {
        "From: ",
        "To: ",
        "Subject: ",
        "Date: ",
        "Message-ID: ",
        "In-Reply-To: ",
        "References: ",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        "Content-Type: multipart/report; report-type=delivery-status;",
        "\tboundary=\""};
    size_t k = 0;
    bi_line l;
    const char *err;
    for (;;) {
        if ((err = bi_next(m, n, at, &l)) != NULL)
            return err;
        if (l.p == NULL)
            return "the message ends in its header";
        if (l.len == 0)
            break;
        if (k == 5 && !bi_starts(&l, names[5]))
            k = 7; /* no In-Reply-To / References */
        if (k >= sizeof names / sizeof names[0] || !bi_starts(&l, names[k]))
            return "a header line the writer does not put";
        if (k == 10) {
            size_t b = strlen(names[10]);
            if (l.len < b + 2 || l.p[l.len - 1] != '"' ||
                l.len - b - 1 >= bsize)
                return "malformed boundary parameter";
            memcpy(boundary, l.p + b, l.len - b - 1);
            boundary[l.len - b - 1] = '\0';
        }
        k++;
    }
    return k == 11 ? NULL : "header fields missing";
}

static int bi_field_name_ok(const bi_line *l)
{
    static const char *const names[] = {"Reporting-MTA: ",
                                        "Received-From-MTA: ",
                                        "Original-Envelope-Id: ",
                                        "Arrival-Date: ",
                                        "Original-Recipient: ",
                                        "Final-Recipient: ",
                                        "Action: ",
                                        "Status: ",
                                        "Remote-MTA: ",
                                        "Diagnostic-Code: ",
                                        "Last-Attempt-Date: ",
                                        "Will-Retry-Until: "};
    size_t i;
    if (l->len > 0 && l->p[0] == ' ')
        return 1; /* a folded line */
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (bi_starts(l, names[i]))
            return 1;
    return 0;
}

static const char *bi_invariants(const char *m, size_t n, size_t rcpts)
{
    char boundary[80], delim[84], close_[86];
    size_t at = 0, parts = 0, blocks = 0, finals = 0, i;
    int in_part_header = 0, closed = 0, part_is_status = 0, global = 0;
    int block_open = 0;
    bi_line l;
    const char *err = bi_top_header(m, n, &at, boundary, sizeof boundary);
    if (err != NULL)
        return err;
    strcpy(delim, "--");
    strcat(delim, boundary);
    strcpy(close_, delim);
    strcat(close_, "--");
    while ((err = bi_next(m, n, &at, &l)) == NULL && l.p != NULL) {
        if (closed)
            return "a line after the closing delimiter";
        if (bi_is(&l, delim)) {
            parts++;
            in_part_header = 1;
            part_is_status = 0;
            continue;
        }
        if (bi_is(&l, close_)) {
            closed = 1;
            continue;
        }
        if (bi_starts(&l, delim))
            return "a line of a part starts with the boundary";
        if (in_part_header) {
            if (l.len == 0) {
                in_part_header = 0;
                continue;
            }
            if (bi_starts(&l, "Content-Type: message/delivery-status") ||
                bi_starts(&l, "Content-Type: message/global-delivery-status")) {
                if (parts != 2)
                    return "the delivery-status part is not the second";
                part_is_status = 1;
                global = bi_starts(&l, "Content-Type: message/global");
            } else if (!bi_starts(&l, "Content-Type: ") &&
                       !bi_starts(&l, "Content-Transfer-Encoding: ") &&
                       !bi_starts(&l, "Content-Description: ")) {
                return "a part header line the writer does not put";
            }
            continue;
        }
        if (parts == 0 && !bi_is(&l, "This is a MIME-encapsulated message.") &&
            l.len > 0)
            return "text in the preamble";
        if (!part_is_status)
            continue;
        if (l.len == 0) {
            block_open = 0;
            continue;
        }
        if (!bi_field_name_ok(&l))
            return "a line of the delivery-status part that is no field";
        if (!block_open) {
            blocks++;
            block_open = 1;
            if (blocks == 1 && !bi_starts(&l, "Reporting-MTA: dns; "))
                return "the per-message block does not start with "
                       "Reporting-MTA";
        }
        if (bi_starts(&l, "Final-Recipient: ")) {
            finals++;
            if (finals != blocks - 1)
                return "a recipient block with two Final-Recipient fields";
        }
    }
    if (err != NULL)
        return err;
    if (!closed || parts < 2 || parts > 3)
        return "not 2 or 3 parts closed by the last delimiter";
    if (blocks != rcpts + 1 || finals != rcpts)
        return "not one block per recipient";
    if (!global)
        for (i = 0; i < n; i++)
            if ((unsigned char)m[i] >= 0x80)
                return "an 8-bit octet in a report that is not international";
    return NULL;
}

#endif

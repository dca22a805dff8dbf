/*
 * dsn_milter_setreply(): dsn_format() does every rule (control characters,
 * wrapping, fallback text); this file only cuts its wire lines into what
 * libmilter's two calls take, and doubles '%'.
 */
#include <stdio.h>
#include <string.h>

#include "dsn_milter.h"

/* libmilter's MAXREPLYLEN: the longest text of one line it accepts. */
#define MILTER_TEXT_MAX 980
/* Every line dsn_format() writes fits DSN_LINE_MAX: this holds all lines
 * the milter can send, and a longer reply is known to have more. */
#define WIRE_MAX (DSN_MILTER_MAX_LINES * DSN_LINE_MAX + 1)

/* The call to smfi_setmlreply() below spells out 32 arguments. */
typedef char dsn_milter_lines_are_32_[DSN_MILTER_MAX_LINES == 32 ? 1 : -1];

/* When the reply did not fit, keep its complete lines and make the last
 * of them the final line ("550-" becomes "550 ") so that it parses. */
static size_t keep_complete_lines(char *wire, size_t size)
{
    size_t end = size - 1, start;
    while (end >= 2 && !(wire[end - 2] == '\r' && wire[end - 1] == '\n'))
        end--;
    start = end - 2;
    while (start >= 2 && !(wire[start - 2] == '\r' && wire[start - 1] == '\n'))
        start--;
    if (start < 2)
        start = 0;
    wire[start + 3] = ' ';
    return end;
}

/* Copies the text with '%' doubled; -1 when it outgrows libmilter's limit. */
static int escape_percent(const dsn_slice *text, char *out)
{
    size_t i, n = 0;
    for (i = 0; i < text->len; i++) {
        char c = text->ptr[i];
        if (n + (c == '%' ? 2u : 1u) > MILTER_TEXT_MAX)
            return -1;
        out[n++] = c;
        if (c == '%')
            out[n++] = '%';
    }
    out[n] = '\0';
    return 0;
}

int dsn_milter_setreply(SMFICTX *ctx, const dsn_reply *r)
{
    char wire[WIRE_MAX];
    char text[DSN_MILTER_MAX_LINES][MILTER_TEXT_MAX + 1];
    char *line[DSN_MILTER_MAX_LINES];
    dsn_slice slice[DSN_MILTER_MAX_LINES];
    dsn_parsed_reply parsed;
    char rcode[16], xcode[DSN_STATUS_MAX];
    dsn_reply w;
    size_t len, lines, i;
    int used, cut;

    if (ctx == NULL || r == NULL)
        return MI_FAILURE;
    w = *r;
    w.flags &= ~DSN_FMT_NO_ENHANCED; /* see "enhanced status code" above */
    if (w.code / 100 != 4 && w.code / 100 != 5)
        return MI_FAILURE;
    if (dsn_reply_check(&w, 0) != DSN_OK)
        return MI_FAILURE;

    len = dsn_format(&w, wire, sizeof wire);
    if (len == 0)
        return MI_FAILURE;
    cut = len >= sizeof wire;
    if (cut)
        len = keep_complete_lines(wire, sizeof wire);
    used =
        dsn_parse_reply(wire, len, &parsed, slice, DSN_MILTER_MAX_LINES, NULL);
    if (used < 0 || !(parsed.flags & DSN_REPLY_STATUS))
        return MI_FAILURE;
    lines = parsed.lines;
    if (lines > DSN_MILTER_MAX_LINES) {
        cut = 1;
        lines = DSN_MILTER_MAX_LINES;
    }
    if (cut)
        lines--; /* the last one says that the reply was cut */

    for (i = 0; i < DSN_MILTER_MAX_LINES; i++)
        line[i] = NULL;
    for (i = 0; i < lines; i++) {
        if (escape_percent(&slice[i], text[i]) != 0)
            return MI_FAILURE;
        line[i] = text[i];
    }
    if (cut) {
        memcpy(text[lines], DSN_MILTER_CUT_TEXT, sizeof DSN_MILTER_CUT_TEXT);
        line[lines] = text[lines];
        lines++;
    }

    (void)snprintf(rcode, sizeof rcode, "%d", parsed.code);
    (void)dsn_status_format(&parsed.status, xcode, sizeof xcode);
    if (lines == 1)
        return smfi_setreply(ctx, rcode, xcode, line[0]);
    /* libmilter reads lines up to the first NULL: unused ones are NULL */
    return smfi_setmlreply(
        ctx, rcode, xcode, line[0], line[1], line[2], line[3], line[4], line[5],
        line[6], line[7], line[8], line[9], line[10], line[11], line[12],
        line[13], line[14], line[15], line[16], line[17], line[18], line[19],
        line[20], line[21], line[22], line[23], line[24], line[25], line[26],
        line[27], line[28], line[29], line[30], line[31], (char *)NULL);
}

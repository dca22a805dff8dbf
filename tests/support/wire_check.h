/*
 * wire_check.h - checks that bytes are a well-formed SMTP reply, for tests
 * and fuzz harnesses: every line at most DSN_LINE_MAX octets ending in CRLF,
 * one 3-digit code on every line, '-' on all lines but the last and ' ' (or
 * nothing) on the last, an enhanced code whose class is the reply's when
 * `enhanced` is set, and no control character but the line-ending CRLF.
 * Returns the number of lines, or 0 with *why set when the reply is broken.
 */
#ifndef DSN_TESTS_WIRE_CHECK_H
#define DSN_TESTS_WIRE_CHECK_H

#include <stddef.h>
#include <string.h>

#include "dsn.h"

static size_t wire_check(const char *s, size_t n, int enhanced,
                         const char **why)
{
    size_t lines = 0, at = 0;
    *why = "empty reply";
    while (at < n) {
        const char *line = s + at, *crlf = NULL;
        size_t i, len;
        for (i = 0; at + i + 1 < n; i++)
            if (line[i] == '\r' && line[i + 1] == '\n') {
                crlf = line + i;
                break;
            }
        if (crlf == NULL)
            return (*why = "line without CRLF", 0);
        len = (size_t)(crlf - line) + 2;
        if (len > DSN_LINE_MAX)
            return (*why = "line over 512 octets", 0);
        if (len < 5 || line[0] < '2' || line[0] > '5' || line[1] < '0' ||
            line[1] > '5' || line[2] < '0' || line[2] > '9')
            return (*why = "bad reply code", 0);
        if (lines > 0 && memcmp(line, s, 3) != 0)
            return (*why = "code differs between lines", 0);
        at += len;
        if (at < n ? line[3] != '-' : (line[3] != ' ' && len != 5))
            return (*why = "bad continuation marker", 0);
        for (i = 4; i < len - 2; i++)
            if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
                return (*why = "control character in text", 0);
        if (enhanced && (len < 10 || line[4] != line[0] || line[5] != '.'))
            return (*why = "enhanced class differs from reply class", 0);
        lines++;
    }
    *why = NULL;
    return lines;
}

#endif

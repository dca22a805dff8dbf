/*
 * report_header.c - lines and header fields as real mail has them
 * (RFC 5322 section 2.2): LF or CRLF line ends, a field is a name of
 * printable characters but ':' and a value that goes on over the lines
 * that start with a space or a tab. Nothing is copied: a field is two
 * spans of the buffer. Lines are found by index (find_lf), so that every
 * read is checked against len where it is made.
 */
#include <stdint.h>
#include <string.h>

#include "report_scan.h"

/* The index of the first LF in s[i..n), or n. Eight bytes a step: an LF
 * is a zero byte of x ^ 0x0a0a...0a, found by the zero-byte test
 * (b - 1) & ~b & 0x80 (a borrow only runs past a zero byte, so the first
 * flagged byte is the first LF). Each load is of bytes below n. */
static size_t find_lf(const char *s, size_t i, size_t n)
{
    const uint64_t ones = ~(uint64_t)0 / 255;
    uint64_t x;
    for (; n >= 8 && i <= n - 8; i += 8) {
        memcpy(&x, s + i, sizeof x);
        x ^= ones * '\n';
        if (((x - ones) & ~x & ones * 0x80) != 0)
            break;
    }
    for (; i < n; i++)
        if (s[i] == '\n')
            return i;
    return n;
}

size_t dsn_rpt_line(const char *s, size_t len, size_t pos, size_t *next)
{
    size_t end = find_lf(s, pos < len ? pos : len, len);
    if (end >= len) { /* no line end: the line runs to len */
        *next = len;
        return len;
    }
    *next = end + 1;
    if (end > pos && s[end - 1] == '\r')
        end--;
    return end;
}

/* 1 when s[pos..end) holds only spaces and tabs. */
static int only_wsp(const char *s, size_t pos, size_t end)
{
    for (; pos < end; pos++)
        if (!dsn_rpt_is_wsp(s[pos]))
            return 0;
    return 1;
}

/* RFC 5322 ftext: printable US-ASCII but ':'. Returns the index of the
 * ':' that ends the name at pos, or end when the line has none. */
static size_t name_end(const char *s, size_t pos, size_t end)
{
    size_t i;
    for (i = pos; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ':')
            return i > pos ? i : end;
        if (!dsn_is_vchar(c))
            break;
    }
    /* obs-optional (RFC 5322 4.5.1): spaces between the name and ':' */
    if (i > pos && i < end && dsn_rpt_is_wsp(s[i])) {
        size_t j = i;
        while (j < end && dsn_rpt_is_wsp(s[j]))
            j++;
        if (j < end && s[j] == ':')
            return i;
    }
    return end;
}

int dsn_rpt_field_next(const char *s, size_t len, size_t *pos, dsn_rpt_field *f)
{
    size_t start = *pos, next, end, colon, value_end;
    f->name.s = f->value.s = s; /* defined whatever comes back */
    f->name.from = f->name.to = f->value.from = f->value.to = 0;
    f->folded = 0;
    f->start = start;
    if (start >= len)
        return DSN_RPT_END;
    end = dsn_rpt_line(s, len, start, &next);
    if (only_wsp(s, start, end)) {
        *pos = next;
        return DSN_RPT_BLANK;
    }
    /* no field starts so: it may be a delimiter (RFC 2046 5.1.1) */
    if (start + 1 < end && s[start] == '-' && s[start + 1] == '-') {
        *pos = next;
        return DSN_RPT_DASHES;
    }
    colon = name_end(s, start, end);
    /* the continuation lines belong to this line, field or not */
    value_end = end;
    while (next < len && dsn_rpt_is_wsp(s[next])) {
        size_t more, e = dsn_rpt_line(s, len, next, &more);
        if (only_wsp(s, next, e))
            break;
        value_end = e;
        f->folded = 1;
        next = more;
    }
    *pos = next;
    if (colon == end || dsn_rpt_is_wsp(s[start]))
        return DSN_RPT_JUNK;
    f->name.from = start;
    f->name.to = colon;
    while (f->name.to > start && dsn_rpt_is_wsp(s[f->name.to - 1]))
        f->name.to--;
    while (colon < end && s[colon] != ':')
        colon++;
    f->value.from = colon + 1;
    f->value.to = value_end;
    return DSN_RPT_FIELD;
}

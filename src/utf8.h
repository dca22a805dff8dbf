/*
 * utf8.h - well-formed UTF-8 (RFC 3629 section 4) for the writers of
 * src/: which bytes may go out labelled as UTF-8. A byte is read only
 * after its index is checked against the length given.
 */
#ifndef DSN_UTF8_H
#define DSN_UTF8_H

#include <stddef.h>

static inline int dsn_utf8_tail(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/* The length (1..4) of the well-formed UTF-8 character at p[0], of the
 * avail bytes at p, or 0 when p[0] starts none: a continuation byte, an
 * overlong form (C0, C1, E0 80..9F, F0 80..8F), a surrogate (ED A0..BF),
 * a code point above U+10FFFF (F4 90.., F5..FF), or a sequence cut short
 * by avail or by a byte that is no continuation. */
static inline size_t dsn_utf8_char_len(const unsigned char *p, size_t avail)
{
    unsigned char b, lo = 0x80, hi = 0xBF;
    size_t n, i;
    if (avail == 0)
        return 0;
    b = p[0];
    if (b < 0x80)
        return 1;
    if (b < 0xC2 || b > 0xF4)
        return 0;
    n = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (b == 0xE0)
        lo = 0xA0;
    else if (b == 0xED)
        hi = 0x9F;
    else if (b == 0xF0)
        lo = 0x90;
    else if (b == 0xF4)
        hi = 0x8F;
    if (avail < n || p[1] < lo || p[1] > hi)
        return 0;
    for (i = 2; i < n; i++)
        if (!dsn_utf8_tail(p[i]))
            return 0;
    return n;
}

#endif /* DSN_UTF8_H */

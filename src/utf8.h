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

/* The length (1..4) of the well-formed UTF-8 character at t[i], of the
 * bytes t[i .. end), or 0 when t[i] starts none: a continuation byte, an
 * overlong form (C0, C1, E0 80..9F, F0 80..8F), a surrogate (ED A0..BF),
 * a code point above U+10FFFF (F4 90.., F5..FF), or a sequence cut short
 * by end or by a byte that is no continuation. Each index is compared
 * with end before its byte is read. */
static inline size_t dsn_utf8_char_len(const unsigned char *t, size_t i,
                                       size_t end)
{
    unsigned char b, lo = 0x80, hi = 0xBF;
    size_t n, j;
    if (i >= end)
        return 0;
    b = t[i];
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
    for (j = i + 1; j < i + n; j++) {
        if (j >= end || t[j] < lo || t[j] > hi)
            return 0;
        lo = 0x80; /* only the second byte has narrower bounds */
        hi = 0xBF;
    }
    return n;
}

#endif /* DSN_UTF8_H */

/*
 * utf8.h - well-formed UTF-8 (RFC 3629 section 4) for the writers of
 * src/ and the reply parser: which bytes are UTF-8. A byte is read only
 * after its index is checked against the length given.
 */
#ifndef DSN_UTF8_H
#define DSN_UTF8_H

#include <stddef.h>

static inline int dsn_utf8_tail(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/* What stands at s[i], i < end, under RFC 3629 section 4: the length
 * (1..4, in octets) of the well-formed UTF-8 character there; 0 when s[i]
 * starts none: a continuation byte, an overlong form (C0, C1, E0 80..9F,
 * F0 80..8F), a surrogate (ED A0..BF), a code point above U+10FFFF (F4
 * 90.., F5..FF), or a byte that is no continuation where one must stand;
 * -1 when end cuts short a character well formed so far (or i >= end):
 * more bytes may complete it, as a parser reading a stream must know.
 * Each index is compared with end before its byte is read. */
/*@ requires i < end ==> \valid_read(s + (i .. end - 1));
    assigns \nothing;
    ensures -1 <= \result <= 4;
    ensures \result > 0 ==> i + \result <= end; */
static inline int dsn_utf8_char_scan(const char *s, size_t i, size_t end)
{
    unsigned char b, lo = 0x80, hi = 0xBF;
    size_t n, k;
    if (i >= end)
        return -1;
    b = (unsigned char)s[i];
    if (b < 0x80)
        return 1;
    if (b < 0xC2 || b > 0xF4)
        return 0;
    n = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (b == 0xE0)
        lo = 0xA0; /* no overlong form */
    else if (b == 0xED)
        hi = 0x9F; /* no surrogate */
    else if (b == 0xF0)
        lo = 0x90; /* no overlong form */
    else if (b == 0xF4)
        hi = 0x8F; /* nothing above U+10FFFF */
    /*@ loop invariant 1 <= k <= n && i + k <= end;
        loop assigns k, lo, hi;
        loop variant n - k; */
    for (k = 1; k < n; k++) {
        if (i + k >= end)
            return -1;
        if ((unsigned char)s[i + k] < lo || (unsigned char)s[i + k] > hi)
            return 0;
        lo = 0x80; /* only the second byte has narrower bounds */
        hi = 0xBF;
    }
    return (int)n;
}

/* The length (1..4, in octets) of the well-formed UTF-8 character at
 * s[i], of the bytes s[i .. end), or 0 when there is none, cut short by
 * end included: dsn_utf8_char_scan for the writers, who have every byte. */
static inline size_t dsn_utf8_char_len(const char *s, size_t i, size_t end)
{
    int n = dsn_utf8_char_scan(s, i, end);
    return n > 0 ? (size_t)n : 0;
}

#endif /* DSN_UTF8_H */

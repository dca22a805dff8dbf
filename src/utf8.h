/*
 * utf8.h - the one test of "a valid UTF-8 character" (RFC 3629 section
 * 4): shortest form only, no surrogate (U+D800..U+DFFF), nothing above
 * U+10FFFF.
 */
#ifndef DSN_UTF8_H
#define DSN_UTF8_H

#include <stddef.h>

/* Octets of the valid UTF-8 character at p[0..n) (1..4), or 0 when the
 * bytes there are not one (a stray continuation byte, a cut or overlong
 * sequence, ...). An ASCII byte counts as a character of 1 octet. */
static inline size_t dsn_utf8_char_len(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len, i;
    if (n == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4;
    else
        return 0; /* continuation byte, C0/C1 (overlong) or F5..FF */
    /* the second byte's range rules out overlong forms, surrogates and
     * code points above U+10FFFF (RFC 3629's table) */
    if (s[0] == 0xE0)
        lo = 0xA0;
    else if (s[0] == 0xED)
        hi = 0x9F;
    else if (s[0] == 0xF0)
        lo = 0x90;
    else if (s[0] == 0xF4)
        hi = 0x8F;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

#endif /* DSN_UTF8_H */

/*
 * ascii_case.h - names that MIME (RFC 2045 section 5.1, RFC 2046) and
 * RFC 3464 (section 2.1: field names and the values of Action, among
 * others) compare "case-insensitively", that is in US-ASCII only: the
 * report reader's field names, types and encodings, and the Action names
 * of dsn_action_by_name(). Not installed; not part of the API.
 */
#ifndef DSN_ASCII_CASE_H
#define DSN_ASCII_CASE_H

#include <stddef.h>

/* 1 when the n bytes at s equal the NUL-terminated word w, which is lower
 * case: the bytes of s are taken in any case (only A-Z fold; no locale).
 * A NUL among the n bytes never matches. Inline: the report reader calls
 * it for every header field it looks at. */
static inline int dsn_ascii_ieq(const char *s, size_t n, const char *w)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)w[i];
        if (b == '\0')
            return 0; /* s is longer (and may hold a NUL here) */
        if ((unsigned)(a - 'A') < 26u)
            a = (unsigned char)(a + ('a' - 'A'));
        if (a != b)
            return 0;
    }
    return w[n] == '\0';
}

#endif /* DSN_ASCII_CASE_H */

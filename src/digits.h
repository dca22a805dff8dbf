/*
 * digits.h - the numbers of a status line without printf: every number
 * libdsn writes is a reply code, class, subject or detail in 0..999.
 */
#ifndef DSN_DIGITS_H
#define DSN_DIGITS_H

#include <stddef.h>

/* Writes v (0..999) without leading zeros; returns how many digits. */
static inline size_t dsn_put_digits(char *p, int v)
{
    size_t n = 0;
    if (v >= 100)
        p[n++] = (char)('0' + v / 100);
    if (v >= 10)
        p[n++] = (char)('0' + v / 10 % 10);
    p[n++] = (char)('0' + v % 10);
    return n;
}

#endif /* DSN_DIGITS_H */

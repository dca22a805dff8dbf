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

/* Writes cls.subject.detail ("5.1.1"), each in 0..999, without a NUL: the
 * one place the shape of an enhanced status code is written. Returns the
 * length, at most 11. */
static inline size_t dsn_put_status(char *p, int cls, int subject, int detail)
{
    size_t n = dsn_put_digits(p, cls);
    p[n++] = '.';
    n += dsn_put_digits(p + n, subject);
    p[n++] = '.';
    n += dsn_put_digits(p + n, detail);
    return n;
}

#endif /* DSN_DIGITS_H */

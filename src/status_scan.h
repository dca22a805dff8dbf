/*
 * The enhanced status code scanner shared by dsn_parse_status() and
 * dsn_parse_reply(): static inline so that the reply parser's loop does
 * not pay a call per line. Not installed; not part of the API.
 */
#ifndef DSN_STATUS_SCAN_H
#define DSN_STATUS_SCAN_H

#include <stddef.h>

#include "dsn.h"

/* What scan_status() found. */
enum {
    SCAN_NONE = 0,  /* not shaped like an enhanced code: plain text */
    SCAN_VALID = 1, /* an RFC 3463 code */
    SCAN_BAD = 2    /* code-shaped, but a leading zero, 4 digits, class */
};

/* A run of digits at *pp (before end): moves *pp past it, returns its
 * length, and its value in *value (of the first 4 digits, no overflow). */
static inline size_t scan_digits(const unsigned char **pp,
                                 const unsigned char *end, int *value)
{
    const unsigned char *s = *pp, *p = s;
    int v = 0;
    while (p < end && (unsigned)(*p - '0') <= 9u) {
        if (p - s < 4)
            v = v * 10 + (*p - '0');
        p++;
    }
    *pp = p;
    *value = v;
    return (size_t)(p - s);
}

/* RFC 3463: subject and detail are 1 to 3 digits, no leading zero. */
static inline int number_ok(const unsigned char *first, size_t n)
{
    return n >= 1 && n <= 3 && (n == 1 || *first != '0');
}

/*
 * Looks for a code-shaped token at s[0..n): three runs of digits joined by
 * '.', then the end or a space. Sets *len to its length (the space
 * excluded) and fills *st when the result is SCAN_VALID. A '#' in front is
 * the caller's business.
 */
static inline int scan_status(const unsigned char *s, size_t n, dsn_status *st,
                              size_t *len)
{
    const unsigned char *p = s, *end = s + n, *sub, *det;
    size_t nc, ns, nd;
    int cls, subject, detail;
    nc = scan_digits(&p, end, &cls);
    if (nc == 0 || p == end || *p != '.')
        return SCAN_NONE;
    sub = ++p;
    ns = scan_digits(&p, end, &subject);
    if (ns == 0 || p == end || *p != '.')
        return SCAN_NONE;
    det = ++p;
    nd = scan_digits(&p, end, &detail);
    if (nd == 0 || (p < end && *p != ' '))
        return SCAN_NONE;
    *len = (size_t)(p - s);
    if (nc != 1 || !(cls == 2 || cls == 4 || cls == 5) || !number_ok(sub, ns) ||
        !number_ok(det, nd))
        return SCAN_BAD;
    st->cls = cls;
    st->subject = subject;
    st->detail = detail;
    return SCAN_VALID;
}

#endif

/*
 * The enhanced status code scanner shared by dsn_parse_status() and
 * dsn_parse_reply(): static inline so that the reply parser's loop does
 * not pay a call per line. Not installed; not part of the API.
 *
 * Positions are offsets into s, and every read is guarded by "< end", so
 * that a reader and Frama-C (tests/proof/) can both see that nothing at
 * or past end is read.
 */
#ifndef DSN_STATUS_SCAN_H
#define DSN_STATUS_SCAN_H

#include <stddef.h>

#include "dsn.h"
#include "text_class.h"

/* What scan_status() found. */
enum {
    SCAN_NONE = 0,  /* not shaped like an enhanced code: plain text */
    SCAN_VALID = 1, /* an RFC 3463 code */
    SCAN_BAD = 2    /* code-shaped, but a leading zero, 4 digits, class */
};

/* A run of digits at s[*at .. end): moves *at past it, returns its length,
 * and in *value the number its first digits make, stopped once it passes
 * 999 (a longer run is no subject or detail): 0..9999, no overflow. */
/*@ requires \valid(at) && \valid(value) && *at <= end;
    requires \valid_read(s + (*at .. end - 1));
    assigns *at, *value;
    ensures \old(*at) <= *at <= end && \result == *at - \old(*at);
    ensures 0 <= *value <= 9999;
    ensures \result <= 3 ==> *value <= 999; */
static inline size_t scan_digits(const char *s, size_t *at, size_t end,
                                 int *value)
{
    size_t from = *at, i = from;
    int v = 0;
    /*@ loop invariant from <= i <= end && 0 <= v <= 9999;
        loop invariant i - from <= 3 ==> v <= 999;
        loop invariant i - from <= 2 ==> v <= 99;
        loop invariant i - from <= 1 ==> v <= 9;
        loop invariant i == from ==> v == 0;
        loop assigns i, v;
        loop variant end - i; */
    while (i < end) {
        int d = (unsigned char)s[i] - '0';
        if (d < 0 || d > 9)
            break;
        if (v <= 999)
            v = v * 10 + d;
        i++;
    }
    *value = v;
    *at = i;
    return i - from;
}

/* RFC 3463 2: subject and detail are 1 to 3 digits, no leading zero; n,
 * the length of the run at s[first], is at least 1. */
/*@ requires n >= 1 && \valid_read(s + first);
    assigns \nothing;
    ensures \result != 0 ==> n <= 3; */
static inline int number_ok(const char *s, size_t first, size_t n)
{
    return n <= 3 && (n == 1 || s[first] != '0');
}

/*
 * Looks for a code-shaped token at s[from .. end): three runs of digits
 * joined by '.', then the end or a space. Sets *len to its length (the
 * space excluded; 0 for SCAN_NONE) and fills *st when the result is
 * SCAN_VALID, with zeros otherwise. A '#' in front is the caller's
 * business.
 */
/*@ requires from <= end && \valid_read(s + (from .. end - 1));
    requires \valid(st) && \valid(len) && \separated(st, len);
    assigns *st, *len;
    ensures \result == SCAN_NONE || \result == SCAN_VALID ||
            \result == SCAN_BAD;
    ensures *len <= end - from;
    ensures \result == SCAN_VALID ==> 5 <= *len <= 9 &&
            (st->cls == 2 || st->cls == 4 || st->cls == 5) &&
            0 <= st->subject <= 999 && 0 <= st->detail <= 999;
    ensures \result != SCAN_VALID ==>
            st->cls == 0 && st->subject == 0 && st->detail == 0; */
static inline int scan_status(const char *s, size_t from, size_t end,
                              dsn_status *st, size_t *len)
{
    size_t i = from, sub, det, nc, ns, nd;
    int cls = 0, subject = 0, detail = 0;
    st->cls = st->subject = st->detail = 0;
    *len = 0;
    nc = scan_digits(s, &i, end, &cls);
    if (nc == 0 || i >= end || s[i] != '.')
        return SCAN_NONE;
    sub = ++i;
    ns = scan_digits(s, &i, end, &subject);
    if (ns == 0 || i >= end || s[i] != '.')
        return SCAN_NONE;
    det = ++i;
    nd = scan_digits(s, &i, end, &detail);
    if (nd == 0 || (i < end && s[i] != ' '))
        return SCAN_NONE;
    *len = i - from;
    if (nc != 1 || !(cls == 2 || cls == 4 || cls == 5) ||
        !number_ok(s, sub, ns) || !number_ok(s, det, nd))
        return SCAN_BAD;
    st->cls = cls;
    st->subject = subject;
    st->detail = detail;
    return SCAN_VALID;
}

#endif

/*
 * text_class.h - the character classes of RFC 5234 appendix B.1 that the
 * readers and writers test, each defined once: CTL (0x00-0x1F and 0x7F),
 * WSP (space and HT), VCHAR (0x21-0x7E, printable but the space), DIGIT
 * and ALPHA.
 *
 * The control characters of a reply's text: the writer removes them
 * from the text it sends (src/format.c), the fields writer turns them into
 * a space or nothing (src/status_fields.c), the reader stops at them
 * (src/parse_reply.c). Bytes >= 0x80 are never control characters; the
 * writers, which must check them for UTF-8, find them with the same scan.
 * Static inline, so that the 8-byte scan costs no call per line.
 * Not installed; not part of the API.
 */
#ifndef DSN_TEXT_CLASS_H
#define DSN_TEXT_CLASS_H

#include <stdint.h>
#include <string.h>

/* 1 for a control character: 0x00-0x1F and 0x7F. */
/*@ assigns \nothing;
    ensures \result != 0 <==> c < 0x20 || c == 0x7f; */
static inline int dsn_is_ctl(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

/* 1 for WSP: a space or an HT. */
static inline int dsn_is_wsp(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* 1 for VCHAR: 0x21-0x7E, printable US-ASCII but the space. */
static inline int dsn_is_vchar(unsigned char c)
{
    return c >= 0x21 && c <= 0x7e;
}

/* 1 for DIGIT: '0'-'9'. */
/*@ assigns \nothing;
    ensures \result != 0 <==> '0' <= c <= '9'; */
static inline int dsn_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* 1 for ALPHA: 'A'-'Z' and 'a'-'z'. */
static inline int dsn_is_alpha(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

#define DSN_ONES_ (~(uint64_t)0 / 255) /* 0x0101...01 */

/* The bytes of x that are control characters, each flagged by its high
 * bit. With the high bits masked off no byte carries into the next:
 * (b & 0x7f) + 1 maps 0x00..0x1f to 1..0x20 and 0x7f to 0x80, which the
 * second mask makes 0; adding 0x5f sets the high bit of all the others.
 * Bytes >= 0x80 are never flagged. */
/*@ assigns \nothing; */
static inline uint64_t dsn_ctl_mask(uint64_t x)
{
    uint64_t z = ((x & DSN_ONES_ * 0x7f) + DSN_ONES_) & DSN_ONES_ * 0x7f;
    return ~(z + DSN_ONES_ * 0x5f) & ~x & DSN_ONES_ * 0x80;
}

/* The index of the first control character in t[i .. n), or with
 * eight_bit also of the first byte >= 0x80, or n: 8 bytes at a time (one
 * unaligned load each), the last 8 in one go overlapping checked ones.
 * Every load is of bytes below n. */
static inline size_t dsn_scan_ctl(const char *t, size_t i, size_t n,
                                  int eight_bit)
{
    const uint64_t high = eight_bit ? DSN_ONES_ * 0x80 : 0;
    uint64_t x;
    if (n >= 8 && i <= n - 8) {
        const size_t last = n - 8; /* the last load starts here */
        for (; i < last; i += 8) {
            memcpy(&x, t + i, sizeof x);
            if ((dsn_ctl_mask(x) | (x & high)) != 0)
                break;
        }
        if (i >= last) {
            i = last;
            memcpy(&x, t + last, sizeof x);
            if ((dsn_ctl_mask(x) | (x & high)) == 0)
                return n;
        }
    }
    for (; i < n; i++)
        if (dsn_is_ctl((unsigned char)t[i]) ||
            (eight_bit && (unsigned char)t[i] >= 0x80))
            return i;
    return n;
}

#undef DSN_ONES_

#endif /* DSN_TEXT_CLASS_H */

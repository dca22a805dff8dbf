/*
 * text_class.h - the control characters of a reply's text, defined once:
 * the bytes 0x00-0x1F and 0x7F (RFC 5234's CTL). The writer removes them
 * from the text it sends (src/format.c), the fields writer turns them into
 * a space or nothing (src/status_fields.c), the reader stops at them
 * (src/parse_reply.c). Bytes >= 0x80 are never control characters: UTF-8
 * passes. static inline, so that the 8-byte scan costs no call per line.
 * Not installed; not part of the API.
 */
#ifndef DSN_TEXT_CLASS_H
#define DSN_TEXT_CLASS_H

#include <stdint.h>
#include <string.h>

/* 1 for a control character: 0x00-0x1F and 0x7F. */
static inline int dsn_is_ctl(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

#define DSN_ONES_ (~(uint64_t)0 / 255) /* 0x0101...01 */

/* The bytes of x that are control characters, each flagged by its high
 * bit. With the high bits masked off no byte carries into the next:
 * (b & 0x7f) + 1 maps 0x00..0x1f to 1..0x20 and 0x7f to 0x80, which the
 * second mask makes 0; adding 0x5f sets the high bit of all the others.
 * Bytes >= 0x80 are never flagged. */
static inline uint64_t dsn_ctl_mask(uint64_t x)
{
    uint64_t z = ((x & DSN_ONES_ * 0x7f) + DSN_ONES_) & DSN_ONES_ * 0x7f;
    return ~(z + DSN_ONES_ * 0x5f) & ~x & DSN_ONES_ * 0x80;
}

/* The first control character in [p, e), or e: 8 bytes at a time (one
 * unaligned load each), the last 8 in one go overlapping checked ones. */
static inline const char *dsn_find_ctl(const char *p, const char *e)
{
    const char *q = p;
    uint64_t x;
    if (e - p >= 8) {
        for (; e - q > 8; q += 8) {
            memcpy(&x, q, sizeof x);
            if (dsn_ctl_mask(x) != 0)
                break;
        }
        if (e - q <= 8) {
            q = e - 8;
            memcpy(&x, q, sizeof x);
            if (dsn_ctl_mask(x) == 0)
                return e;
        }
    }
    for (; q < e; q++)
        if (dsn_is_ctl((unsigned char)*q))
            return q;
    return e;
}

#undef DSN_ONES_

#endif /* DSN_TEXT_CLASS_H */

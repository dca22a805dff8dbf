/*
 * report_decode.c - Content-Transfer-Encoding (RFC 2045 section 6) of the
 * delivery-status part: 7bit, 8bit and binary are the bytes as they are;
 * base64 and quoted-printable are decoded into the caller's scratch.
 * Decoded bytes never outnumber the encoded ones, so a scratch of the
 * part's size always suffices.
 */
#include "hex.h"
#include "report_scan.h"

/* The value of a base64 alphabet byte (RFC 2045 table 1), or -1. */
static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* RFC 2045 6.8: bytes outside the alphabet (line breaks, spaces) are
 * ignored; the first '=' ends the data. Writes a->buf[a->used..]; the
 * caller checked the room for to - from bytes, which the decoded bytes
 * never outnumber (the loop's at < a->size says so where it writes). */
static void base64(const char *s, size_t from, size_t to, dsn_rpt_arena *a)
{
    unsigned long acc = 0;
    size_t i, at = a->used;
    int bits = 0;
    for (i = from; i < to && s[i] != '=' && at < a->size; i++) {
        int v = b64_value((unsigned char)s[i]);
        if (v < 0)
            continue;
        acc = ((acc << 6) | (unsigned long)v) & 0xffffffUL;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            a->buf[at++] = (char)((acc >> bits) & 0xffU);
        }
    }
    a->used = dsn_rpt_stop(at, a->size);
}

/* Length of a soft line break at s[i] ('=' already seen at i - 1):
 * spaces and tabs a transport added, then CR LF or LF; 0 when none. */
static size_t soft_break(const char *s, size_t to, size_t i)
{
    size_t j = i;
    while (j < to && dsn_rpt_is_wsp(s[j]))
        j++;
    if (j < to && s[j] == '\n')
        return j + 1 - i;
    if (j + 1 < to && s[j] == '\r' && s[j + 1] == '\n')
        return j + 2 - i;
    return j == to ? j - i : 0;
}

/* RFC 2045 6.7: "=XY" is a byte, "=" at a line's end a soft line break,
 * any other '=' stays as it is (the robust reading of note (2)). Writes
 * as base64() does. */
static void quoted_printable(const char *s, size_t from, size_t to,
                             dsn_rpt_arena *a)
{
    size_t i = from, at = a->used;
    while (i < to && at < a->size) {
        char c = s[i++];
        if (c == '=') {
            size_t soft = soft_break(s, to, i);
            int hi = i < to ? dsn_hex_value(s[i], DSN_HEX_EITHER_CASE) : -1;
            int lo =
                i + 1 < to ? dsn_hex_value(s[i + 1], DSN_HEX_EITHER_CASE) : -1;
            if (soft > 0 || i == to) {
                i += soft;
                continue;
            }
            if (hi >= 0 && lo >= 0) {
                a->buf[at++] = (char)(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        a->buf[at++] = c;
    }
    a->used = dsn_rpt_stop(at, a->size);
}

int dsn_rpt_decode(const char *s, size_t from, size_t to, dsn_rpt_span enc,
                   dsn_rpt_arena *a, dsn_rpt_span *out)
{
    int b64 = DSN_RPT_IS(enc, "base64");
    out->s = s; /* the bytes as they are, unless decoded below */
    out->from = from;
    out->to = to;
    if (!b64 && !DSN_RPT_IS(enc, "quoted-printable")) {
        if (enc.to <= enc.from || DSN_RPT_IS(enc, "7bit") ||
            DSN_RPT_IS(enc, "8bit") || DSN_RPT_IS(enc, "binary"))
            return 0;
        return DSN_EENCODING;
    }
    if (to <= from)
        return 0;
    if (a->buf == NULL || a->size - a->used < to - from)
        return DSN_ESCRATCH;
    out->s = a->buf;
    out->from = a->used;
    if (b64)
        base64(s, from, to, a);
    else
        quoted_printable(s, from, to, a);
    out->to = a->used;
    return 1;
}

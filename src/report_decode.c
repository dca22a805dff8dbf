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
 * ignored; the first '=' ends the data. */
static size_t base64(const char *s, size_t len, char *dst)
{
    unsigned long acc = 0;
    size_t i, n = 0;
    int bits = 0;
    for (i = 0; i < len && s[i] != '='; i++) {
        int v = b64_value((unsigned char)s[i]);
        if (v < 0)
            continue;
        acc = ((acc << 6) | (unsigned long)v) & 0xffffffUL;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            dst[n++] = (char)((acc >> bits) & 0xffU);
        }
    }
    return n;
}

/* Length of a soft line break at s[i] ('=' already seen at i - 1):
 * spaces and tabs a transport added, then CR LF or LF; 0 when none. */
static size_t soft_break(const char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && (s[j] == ' ' || s[j] == '\t'))
        j++;
    if (j < len && s[j] == '\n')
        return j + 1 - i;
    if (j + 1 < len && s[j] == '\r' && s[j + 1] == '\n')
        return j + 2 - i;
    return j == len ? j - i : 0;
}

/* RFC 2045 6.7: "=XY" is a byte, "=" at a line's end a soft line break,
 * any other '=' stays as it is (the robust reading of note (2)). */
static size_t quoted_printable(const char *s, size_t len, char *dst)
{
    size_t i = 0, n = 0;
    while (i < len) {
        char c = s[i++];
        if (c == '=') {
            size_t soft = soft_break(s, len, i);
            int hi = i < len ? dsn_hex_value(s[i], DSN_HEX_EITHER_CASE) : -1;
            int lo =
                i + 1 < len ? dsn_hex_value(s[i + 1], DSN_HEX_EITHER_CASE) : -1;
            if (soft > 0 || i == len) {
                i += soft;
                continue;
            }
            if (hi >= 0 && lo >= 0) {
                dst[n++] = (char)(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        dst[n++] = c;
    }
    return n;
}

int dsn_rpt_decode(const char *s, size_t len, dsn_slice enc, dsn_rpt_arena *a,
                   dsn_slice *out)
{
    size_t n;
    int b64 = dsn_ascii_ieq(enc.ptr, enc.len, "base64");
    out->ptr = s; /* the bytes as they are, unless decoded below */
    out->len = len;
    if (!b64 && !dsn_ascii_ieq(enc.ptr, enc.len, "quoted-printable")) {
        if (enc.len == 0 || dsn_ascii_ieq(enc.ptr, enc.len, "7bit") ||
            dsn_ascii_ieq(enc.ptr, enc.len, "8bit") ||
            dsn_ascii_ieq(enc.ptr, enc.len, "binary"))
            return 0;
        return DSN_EENCODING;
    }
    if (len == 0)
        return 0;
    if (a->size - a->used < len)
        return DSN_ESCRATCH;
    n = b64 ? base64(s, len, a->buf + a->used)
            : quoted_printable(s, len, a->buf + a->used);
    out->ptr = a->buf + a->used;
    out->len = n;
    a->used += n;
    return 1;
}

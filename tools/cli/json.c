/*
 * json.c - JSON strings (RFC 8259 section 7) for `dsn list --json` and
 * `dsn report --json`: '"', '\\' and the control characters escaped,
 * well-formed UTF-8 (RFC 3629) written as it is, and every byte that is
 * not part of a well-formed UTF-8 sequence (a Latin-1 byte in a bounce,
 * a cut sequence, an overlong form, a surrogate) written as \ufffd, the
 * replacement character, one per byte, so the output is always valid
 * UTF-8 JSON and a reader sees where bytes were replaced.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Length of the well-formed UTF-8 sequence at s[0..n) that starts with a
 * byte >= 0x80, or 0 (RFC 3629 section 4). */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned c = s[0], cp, min, need, k;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1, min = 0x80, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 2, min = 0x800, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 3, min = 0x10000, cp = c & 0x07;
    else
        return 0;
    if (n <= need)
        return 0;
    for (k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need + 1;
}

void cli_put_json_bytes(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    putc('"', out);
    while (i < len) {
        unsigned char c = p[i];
        if (c >= 0x80) {
            size_t n = utf8_sequence(p + i, len - i);
            if (n == 0) {
                fputs("\\ufffd", out);
                n = 1;
            } else {
                fwrite(p + i, 1, n, out);
            }
            i += n;
            continue;
        }
        if (c == '"' || c == '\\') {
            putc('\\', out);
            putc(c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\r') {
            fputs("\\r", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(out, "\\u%04x", c);
        } else {
            putc(c, out);
        }
        i++;
    }
    putc('"', out);
}

void cli_put_json_string(FILE *out, const char *s)
{
    cli_put_json_bytes(out, s, strlen(s));
}

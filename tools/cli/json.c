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

void cli_put_json_bytes(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    putc('"', out);
    while (i < len) {
        unsigned char c = p[i];
        if (c >= 0x80) {
            size_t n = dsn_utf8_char(s + i, len - i);
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

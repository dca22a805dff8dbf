/*
 * json.c - JSON string escaping for `dsn list --json`. Bytes >= 0x80 pass
 * as they are: the tables' texts are ASCII, and UTF-8 stays UTF-8.
 */
#include <stdio.h>

#include "cli.h"

void cli_put_json_string(FILE *out, const char *s)
{
    putc('"', out);
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
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
    }
    putc('"', out);
}

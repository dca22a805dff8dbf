/*
 * output.c - writing what the subcommands produce: formatted replies of
 * any length, text from untrusted replies, and the final flush that tells
 * a full disk from success.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

char *cli_render(cli_target_writer *write, const dsn_reply *r, unsigned flags,
                 int *len)
{
    char *buf;
    *len = write(r, flags, NULL, 0);
    if (*len < 0)
        return NULL;
    buf = malloc((size_t)*len + 1);
    if (buf == NULL)
        return NULL;
    *len = write(r, flags, buf, (size_t)*len + 1);
    return buf;
}

void cli_put_escaped(FILE *out, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\')
            fputs("\\\\", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c < 0x20 || c >= 0x7f) /* 0x80-0x9f are C1 controls */
            fprintf(out, "\\x%02x", c);
        else
            putc(c, out);
    }
}

int cli_flush(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("dsn: writing stdout");
        return CLI_EIO;
    }
    return CLI_OK;
}

/* The column where field texts start; labels are at most this wide. */
#define FIELD_COLUMN 15
#define LINE_WIDTH 79

void cli_put_wrapped(FILE *out, const char *text, size_t col, size_t indent)
{
    size_t start;
    if (col > indent) {
        putc('\n', out);
        col = 0;
    }
    fprintf(out, "%*s", (int)(indent - col), "");
    col = start = indent;
    while (*text != '\0') {
        size_t word = strcspn(text, " ");
        if (col > start && col + 1 + word > LINE_WIDTH) {
            fprintf(out, "\n%*s", (int)indent, "");
            col = indent;
        } else if (col > start) {
            putc(' ', out);
            col++;
        }
        fwrite(text, 1, word, out);
        col += word;
        text += word;
        while (*text == ' ')
            text++;
    }
    putc('\n', out);
}

void cli_put_field(FILE *out, const char *label, const char *text)
{
    fprintf(out, "  %-*s", FIELD_COLUMN - 2, label);
    cli_put_wrapped(out, text, FIELD_COLUMN, FIELD_COLUMN);
}

/* DSN_REPLY_FLAG_MAP, for the commands that show what a parse found. */
static const struct {
    unsigned bit;
    const char *name, *text;
} reply_flags[] = {
#define FLAG_ROW_(name, bit, text) {bit, #name, text},
    DSN_REPLY_FLAG_MAP(FLAG_ROW_)
#undef FLAG_ROW_
};

size_t cli_put_reply_flags(FILE *out, const char *label, unsigned flags)
{
    size_t i, n = 0;
    char line[160];
    for (i = 0; i < CLI_COUNT(reply_flags); i++) {
        if (!(flags & reply_flags[i].bit))
            continue;
        snprintf(line, sizeof line, "%s: %s", reply_flags[i].name,
                 reply_flags[i].text);
        cli_put_field(out, n++ == 0 ? label : "", line);
    }
    return n;
}

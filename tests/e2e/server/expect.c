/*
 * smtpd-expect - the reply libdsn formats for a call, so the end-to-end
 * tests compare dsn-smtpd's replies with libdsn itself, never with texts
 * copied into the tests.
 *
 *     smtpd-expect [--no-enhanced] NAME [TEXT [CODE]]
 *         dsn_by_name(NAME, TEXT, CODE) formatted with dsn_format_ex()
 *     smtpd-expect [--no-enhanced] basic CODE TEXT
 *         dsn_basic(CODE, TEXT)
 *
 * TEXT "@key" stands for the text named key in examples/smtpd/texts.def;
 * "" or a missing TEXT keeps the default. Within TEXT, the two characters
 * "\n" stand for a newline, which starts a reply line. The reply goes to
 * stdout exactly as on the wire. Exit status 0, or 2 for a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsn.h"

static const struct {
    const char *key;
    const char *text;
} texts[] = {
#define SMTPD_TEXT(name, text) {#name, text},
#include "texts.def"
#undef SMTPD_TEXT
};

static int usage(void)
{
    (void)fputs("usage: smtpd-expect [--no-enhanced] NAME [TEXT [CODE]]\n"
                "       smtpd-expect [--no-enhanced] basic CODE TEXT\n",
                stderr);
    return 2;
}

/* "@key" from texts.def, else arg with "\n" turned into newlines (in
 * place: argv is ours). */
static const char *resolve_text(char *arg)
{
    char *r, *w;
    if (arg[0] == '@') {
        size_t i;
        for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
            if (strcmp(texts[i].key, arg + 1) == 0)
                return texts[i].text;
        return NULL;
    }
    for (r = w = arg; *r != '\0'; r++, w++) {
        if (r[0] == '\\' && r[1] == 'n') {
            *w = '\n';
            r++;
        } else {
            *w = *r;
        }
    }
    *w = '\0';
    return arg;
}

static int parse_code(const char *s, int *code)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 0 || v > 999)
        return -1;
    *code = (int)v;
    return 0;
}

int main(int argc, char **argv)
{
    unsigned flags = 0;
    int i = 1, code = 0;
    const char *text = NULL;
    dsn_reply r;
    char *buf;
    size_t n;

    if (i < argc && strcmp(argv[i], "--no-enhanced") == 0) {
        flags = DSN_FMT_NO_ENHANCED;
        i++;
    }
    if (i >= argc)
        return usage();
    if (strcmp(argv[i], "basic") == 0) {
        if (argc - i != 3 || parse_code(argv[i + 1], &code) != 0 ||
            (text = resolve_text(argv[i + 2])) == NULL)
            return usage();
        r = dsn_basic(code, text);
    } else {
        const char *name = argv[i];
        if (argc - i > 3 ||
            (argc - i >= 2 && (text = resolve_text(argv[i + 1])) == NULL) ||
            (argc - i == 3 && parse_code(argv[i + 2], &code) != 0))
            return usage();
        if (dsn_by_name(name, strlen(name), text, code, &r) < 0) {
            (void)fprintf(stderr, "smtpd-expect: no libdsn function dsn_%s\n",
                          name);
            return 2;
        }
    }
    n = dsn_format_ex(&r, flags, NULL, 0);
    if (n == 0) {
        (void)fprintf(stderr, "smtpd-expect: libdsn refuses that reply: %s\n",
                      dsn_strerror(dsn_reply_check(&r, flags)));
        return 2;
    }
    buf = malloc(n + 1);
    if (buf == NULL)
        return 1;
    dsn_format_ex(&r, flags, buf, n + 1);
    if (fwrite(buf, 1, n, stdout) != n || fflush(stdout) != 0) {
        free(buf);
        return 1;
    }
    free(buf);
    return 0;
}

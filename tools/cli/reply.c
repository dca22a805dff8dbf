/*
 * reply.c - `dsn reply NAME` and the short form `dsn NAME [MSG [CODE]]`:
 * the wire reply of one libdsn function.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Writes the reply; with show_crlf each CRLF appears as the four
 * characters "\r\n" before a real newline. */
static int print_reply(const dsn_reply *r, unsigned flags, int show_crlf)
{
    size_t len = 0;
    char *buf = cli_format(r, flags, &len);
    if (buf == NULL) {
        fputs("dsn: out of memory\n", stderr);
        return CLI_EIO;
    }
    if (!show_crlf) {
        fwrite(buf, 1, len, stdout);
    } else {
        size_t i;
        for (i = 0; i < len; i++) {
            if (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n') {
                fputs("\\r\\n\n", stdout);
                i++;
            } else {
                putchar(buf[i]);
            }
        }
    }
    free(buf);
    return cli_flush();
}

static int find(const char *name, const char *msg, int code, dsn_reply *r)
{
    if (dsn_by_name(name, strlen(name), msg, code, r) >= 0)
        return 0;
    cli_usage_error("no function dsn_%s in libdsn (see 'dsn list')", name);
    return -1;
}

int cli_reply(int argc, char **argv)
{
    static const cli_option opts[] = {
        {'m', "message", 1},    {'c', "code", 1}, {'n', "no-enhanced", 0},
        {'\0', "show-crlf", 0}, {'h', "help", 0},
    };
    cli_args a;
    const char *name = NULL, *msg = NULL;
    long code = 0;
    unsigned flags = 0;
    int show_crlf = 0, opt;
    dsn_reply r;

    cli_args_init(&a, argc, argv);
    while ((opt = cli_next(&a, opts, sizeof opts / sizeof opts[0])) != -1) {
        switch (opt) {
        case CLI_BAD_OPTION:
            return CLI_EUSAGE;
        case CLI_NEXT_OPERAND:
            if (name != NULL)
                return cli_usage_error("reply: unexpected argument '%s'",
                                       a.arg);
            name = a.arg;
            break;
        case 0:
            msg = a.arg;
            break;
        case 1:
            if (cli_parse_int(a.arg, 200, 559, &code) != 0 || code % 100 > 59)
                return cli_usage_error("reply: CODE '%s' is not a reply code "
                                       "[2-5][0-5][0-9]",
                                       a.arg);
            break;
        case 2:
            flags |= DSN_FMT_NO_ENHANCED;
            break;
        case 3:
            show_crlf = 1;
            break;
        default:
            return cli_help();
        }
    }
    if (name == NULL)
        return cli_usage_error("reply: missing NAME");
    if (find(name, msg, 0, &r) != 0)
        return CLI_EUSAGE;
    /* a 3yz code only ever goes out without an enhanced code (RFC 2034);
     * the constructors take [245] codes, so it is set here */
    if (code != 0) {
        if (code / 100 == 3 && !(flags & DSN_FMT_NO_ENHANCED))
            return cli_usage_error("reply: a 3yz CODE needs --no-enhanced "
                                   "(RFC 2034)");
        r.code = (int)code;
        r.cls = r.code / 100;
    }
    return print_reply(&r, flags, show_crlf);
}

/* The behaviour of the first dsn program, kept for scripts: no options,
 * and haraka-dsn's rule that an invalid CODE means the default one. */
int cli_short_form(int argc, char **argv)
{
    const char *msg = argc >= 2 ? argv[1] : NULL;
    long code = 0;
    dsn_reply r;
    if (argc > 3)
        return cli_usage_error("too many arguments");
    if (argc == 3 && cli_parse_int(argv[2], -99999, 99999, &code) != 0)
        return cli_usage_error("CODE '%s' is not a number", argv[2]);
    if (find(argv[0], msg, (int)code, &r) != 0)
        return CLI_EUSAGE;
    return print_reply(&r, 0, 0);
}
